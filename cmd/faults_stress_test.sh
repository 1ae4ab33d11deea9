#!/bin/bash
# Fault injection (TAP): every write, fsync and rename of every writer fails
# in turn, through the failshim.so LD_PRELOAD shim (FAILSHIM_CALL,
# FAILSHIM_N).  Each failing run must exit 4 with a clear message, leave the
# data file byte-identical and the directory clean for data-check; the first
# N past the last call must succeed (intake-purge: except the append of its
# erasure log's row, which follows the renames; running it again adds the
# row).  Then output to /dev/full.
# Under the sanitizers the shim cannot be preloaded: those parts are skipped.
set -u
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}" "${OKIENKO_TESTBIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC
unset OKIENKO_DIR OKIENKO_NOW FAILSHIM_CALL FAILSHIM_N
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
. "$OKIENKO_TOP/scripts/tap.sh"
skip() { n=$((n + 1)); echo "ok $n # skip $1"; }
shim="$OKIENKO_TESTBIN/failshim.so"
small="$OKIENKO_TOP/testdata/fixtures/small/services.yaml"

base="$tmp/base"
mkdir -p "$base"
cp "$small" "$base/"
intake-add -d "$base" --desk d1 --client OLD1 --nationality UA --needs housing \
	--ts 2019-03-01T10:00:00+01:00 >/dev/null 2>&1
intake-add -d "$base" --desk d1 --client NEW1 --nationality UA --needs housing \
	--refer brana-night --consent yes --ts 2026-11-02T19:00:00+01:00 >/dev/null 2>&1
capacity-add -d "$base" --service brana-night --date 2026-11-01 --used 10 --total 30 >/dev/null 2>&1
referral-add -d "$base" --intake 2026-000002 --service brana-night --outcome accepted \
	--date 2026-11-03 >/dev/null 2>&1
ok "$(cd "$base" && [ -s intake.csv ] && [ -s capacity.csv ] && [ -s referrals.csv ] &&
	[ "$(wc -l <intake.csv)" = 3 ]; echo $?)" "the base directory is set up"

# prog file: runs the writer, given as the rest of the arguments, with the
# Nth call of each kind failing, for N = 1, 2, ... until a run succeeds.
step() {
	local label=$1 file=$2 stdin=$3 call want N rc bad good calls
	shift 3
	for call in write fsync rename; do
		case $call in
		write) want="No space left on device" ;;
		*) want="Input/output error" ;;
		esac
		bad="" good=no calls=0
		for N in $(seq 1 40); do
			rm -rf "$tmp/run"
			cp -a "$base" "$tmp/run"
			FAILSHIM_CALL=$call FAILSHIM_N=$N LD_PRELOAD="$shim" \
				"$@" -d "$tmp/run" <"$stdin" >/dev/null 2>"$tmp/err"
			rc=$?
			if [ $rc = 0 ]; then
				good=yes
				cmp -s "$base/$file" "$tmp/run/$file" && bad="$bad N=$N:unchanged-after-success"
				break
			fi
			calls=$N
			if [ -n "${LOGGED:-}" ] && grep -q "^${1##*/}: cannot [a-z ]* '[^']*/$LOGGED'" "$tmp/err"; then
				# the log's row follows the renames: the records are gone,
				# the row is not, and the message says so
				[ $rc = 4 ] && [ "$(wc -l <"$tmp/err")" = 2 ] &&
					grep -q "hint: the records were removed, the erasure log has no row for it" "$tmp/err" ||
					bad="$bad N=$N:log-message($(head -c 200 "$tmp/err"))"
				data-check -d "$tmp/run" >/dev/null 2>&1 || bad="$bad N=$N:data-check-after-log-failure"
				continue
			fi
			[ $rc = 4 ] || bad="$bad N=$N:exit-$rc"
			[ "$(wc -l <"$tmp/err")" = 1 ] &&
				grep -Eq "^${1##*/}: cannot [a-z ]+ '[^']+': $want\$" "$tmp/err" ||
				bad="$bad N=$N:message($(head -c 200 "$tmp/err"))"
			cmp -s "$base/$file" "$tmp/run/$file" || bad="$bad N=$N:data-changed"
			left=$(cd "$tmp/run" && find . -mindepth 1 -maxdepth 1 -printf "%f\n" | grep -v -x -e "$file.lock" | sort)
			[ "$left" = "$(cd "$base" && find . -mindepth 1 -maxdepth 1 -printf "%f\n" | grep -v -x -e "$file.lock" | sort)" ] ||
				bad="$bad N=$N:leftover-files($(echo $left))"
			data-check -d "$tmp/run" >"$tmp/dc.out" 2>&1 ||
				bad="$bad N=$N:data-check($(head -c 200 "$tmp/dc.out"))"
		done
		[ $good = yes ] || bad="$bad never-succeeded"
		[ $call = rename ] || [ $calls -ge 1 ] || bad="$bad no-call-was-failed(shim-not-loaded?)"
		ok "$([ -z "$bad" ]; echo $?)" "$label: $call failing at each of the $calls call(s): exit 4, message, data intact${bad:+ -$bad}"
	done
}

if [ -n "${OKIENKO_SANITIZED:-}" ]; then
	for _ in $(seq 18); do skip "LD_PRELOAD shim under the sanitizers"; done
elif [ ! -e "$shim" ]; then
	for _ in $(seq 18); do skip "no $shim (make tests)"; done
else
	step "intake-add" intake.csv /dev/null \
		intake-add --desk d2 --client X1 --nationality SY --needs legal-aid \
		--ts 2026-11-04T10:00:00+01:00
	printf '%s\n' "ts,desk,client,nationality,needs,note" \
		"2026-11-04T10:00,d2,X2,SY,legal-aid,first" \
		"2026-11-04T10:05,d2,X3,AF,\"housing;food-aid\",\"two, lines
here\"" >"$tmp/batch.csv"
	step "intake-add --batch" intake.csv "$tmp/batch.csv" intake-add --batch
	step "capacity-add" capacity.csv /dev/null \
		capacity-add --service brana-night --date 2026-11-05 --used 30 --total 30
	step "referral-add" referrals.csv /dev/null \
		referral-add --intake 2026-000002 --service brana-night --outcome "done" --date 2026-11-06
	LOGGED=erasures.csv step "intake-purge" intake.csv /dev/null intake-purge --before 2020-01-01

	# the first record of a new intake.csv: a failed run leaves no record
	# (at most an empty file) and the next append still writes the header
	for call in write fsync rename; do
		bad="" N=0
		while [ $N -lt 40 ]; do
			N=$((N + 1))
			rm -rf "$tmp/new"
			mkdir -p "$tmp/new"
			cp "$small" "$tmp/new/"
			FAILSHIM_CALL=$call FAILSHIM_N=$N LD_PRELOAD="$shim" intake-add -d "$tmp/new" \
				--desk d2 --client X1 --nationality SY --needs legal-aid >/dev/null 2>"$tmp/err"
			rc=$?
			[ $rc = 0 ] && break
			[ $rc = 4 ] || bad="$bad N=$N:exit-$rc"
			[ ! -s "$tmp/new/intake.csv" ] || bad="$bad N=$N:data-written"
			data-check -d "$tmp/new" >/dev/null 2>&1 || bad="$bad N=$N:data-check"
			intake-add -d "$tmp/new" --desk d2 --client X2 --nationality SY --needs legal-aid \
				>/dev/null 2>&1 || bad="$bad N=$N:next-append-failed"
			[ "$(intake-query -d "$tmp/new" --columns client 2>/dev/null | tr '\n' ' ')" = "client X2 " ] ||
				bad="$bad N=$N:next-append-wrong"
		done
		[ $rc = 0 ] || bad="$bad never-succeeded"
		ok "$([ -z "$bad" ]; echo $?)" "a new intake.csv: $call failing at each of the $((N - 1)) call(s): no record, next append clean${bad:+ -$bad}"
	done
fi

# --- output to a full device ----------------------------------------------
rm -rf "$tmp/run"
cp -a "$base" "$tmp/run"
intake-add -d "$tmp/run" --desk d2 --client FULL1 --nationality SY --needs legal-aid \
	>/dev/full 2>"$tmp/err"
ok "$([ $? = 4 ]; echo $?)" "intake-add > /dev/full exits 4" "$tmp/err"
ok "$(grep -q "^intake-add: cannot write output" "$tmp/err"; echo $?)" \
	"intake-add > /dev/full says 'cannot write output'"
for prog in "intake-query" "capacity-report --as-of 2026-11-10" "service-find --need housing" \
	"referral-report --as-of 2026-11-10"; do
	$prog -d "$tmp/run" >/dev/full 2>"$tmp/err"
	rc=$?
	ok "$([ $rc = 4 ] && grep -q "^${prog%% *}: cannot write output" "$tmp/err"; echo $?)" \
		"${prog%% *} > /dev/full: exit 4, 'cannot write output' (exit $rc)"
done
# a bad capacity row gives data-check something to print
cp -a "$base" "$tmp/bad"
echo '2026-11-07,brana-night,beds,1,30,,bogus,manual,' >>"$tmp/bad/capacity.csv"
data-check -d "$tmp/bad" -f csv >/dev/full 2>"$tmp/err"
rc=$?
ok "$([ $rc = 4 ] && grep -q "^data-check: cannot write output" "$tmp/err"; echo $?)" \
	"data-check -f csv > /dev/full: exit 4, 'cannot write output' (exit $rc)"

echo "1..$n"
