#!/bin/sh
# data-check and intake-purge read intake.csv on the fast path (blocks on
# every processor) and from the first block it does not take with csvread:
# with a CRLF, a stray quote, invalid UTF-8, a wrong field count, a bad
# time, a finding or a torn last record in a later block, their messages
# (file:line:col), output, exit code and rewritten files are those of the
# careful path, which reads the same file with a CRLF on its first record
# (so from its first block on: the lines stay the same).
. "$OKIENKO_TOP/scripts/tap.sh"
export PATH="$OKIENKO_BIN:$PATH"
export LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
cr=$(printf '\r')
tmp=$(mktemp -d); [ -n "${KEEP:-}" ] && echo "# $tmp"
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT

# 30,000 records (about 5 MB: blocks of 1 MiB), some notes over two lines;
# under valgrind 9,000 (two blocks), and only some of the cases
rows=30000 at=20000 dc="crlf quote utf8 fields time finding torn" dry="crlf quote utf8 fields time torn"
real="crlf quote fields time torn"
if [ "${OKIENKO_VALGRIND:-}" = 1 ]; then
	rows=9000 at=6000 dc="finding torn" dry="time" real="crlf time"
fi
gen-intake -n $rows -s 7 --days 365 --services "$OKIENKO_TOP/testdata/demo/services.yaml" \
	--newline-rate 20 >"$tmp/base.csv"

# variant NAME: base.csv with NAME's change to the first record on line
# $at or later whose line holds it whole (the status, then an
# unquoted note, ends the line) into $tmp/NAME/{fast,careful}/intake.csv
variant() {
	[ -d "$tmp/$1" ] && return
	mkdir -p "$tmp/$1/fast" "$tmp/$1/careful"
	awk -v change="$1" -v at=$at '
		!done && NR >= at && /^20[0-9][0-9]-[0-9]+,/ && /,(open|referred|closed),[^"]*$/ {
			done = 1
			if (change == "crlf") $0 = $0 "\r"
			else if (change == "quote") sub(/,(open|referred|closed),/, ",clo\"sed,")
			else if (change == "utf8") $0 = $0 "\377"
			else if (change == "fields") $0 = $0 ",x"
			else if (change == "time") sub(/,20[0-9][0-9]-[0-9][0-9]-/, ",2026-13-")
			else if (change == "finding") sub(/,yes,/, ",Yes,")
		}
		{ print }' "$tmp/base.csv" >"$tmp/$1/fast/intake.csv"
	if [ "$1" = torn ]; then
		head -c -1 "$tmp/$1/fast/intake.csv" >"$tmp/$1/fast/t" && mv "$tmp/$1/fast/t" "$tmp/$1/fast/intake.csv"
	fi
	sed '2s/$/\r/' "$tmp/$1/fast/intake.csv" >"$tmp/$1/careful/intake.csv"
	for p in fast careful; do
		cp "$OKIENKO_TOP/testdata/demo/services.yaml" "$tmp/$1/$p/"
		chmod 0660 "$tmp/$1/$p/intake.csv"
	done
}

# run NAME PATH COMMAND...: COMMAND in $tmp/NAME/PATH; its output, messages
# (the directory's name taken out) and exit code in $tmp/NAME/PATH.out
run() {
	name=$1 p=$2
	shift 2
	"$@" -d "$tmp/$name/$p" >"$tmp/$name/$p.out" 2>&1
	echo "exit $?" >>"$tmp/$name/$p.out"
	sed -i "s|$tmp/$name/$p/||g" "$tmp/$name/$p.out"
}

same() { # same NAME WHAT: fast and careful gave the same
	diff "$tmp/$1/careful.out" "$tmp/$1/fast.out" >"$tmp/$1/diff"
	report $? "$2: the same as the careful path" "$tmp/$1/diff"
}

for v in $dc; do
	variant "$v"
	for p in fast careful; do
		run "$v" "$p" data-check
	done
	same "$v" "data-check, $v in a later block"
done
has() { case " $1 " in *" $2 "*) return 0 ;; esac; return 1; }
# the answers that make the comparisons worth something
grep -q "^data-check: intake.csv:[0-9]*:[0-9]*: " "$tmp/finding/fast.out" &&
	grep -q "consent 'Yes' is not in normal form" "$tmp/finding/fast.out"
report $? "data-check: the finding has its line and column"
grep -q "^data-check: intake.csv:[0-9][0-9]*:1: incomplete last record" "$tmp/torn/fast.out"
report $? "data-check: the torn last record is reported"
if has "$dc" crlf; then
	grep -q "^exit 0" "$tmp/crlf/fast.out"
	report $? "data-check: a CRLF line end is no finding"
fi

for v in $dry; do
	variant "$v"
	for p in fast careful; do
		run "$v" "$p" intake-purge --dry-run --before 2026-06-01
	done
	same "$v" "intake-purge --dry-run, $v in a later block"
done
grep -q "^intake-purge: intake.csv:[0-9]*:[0-9]*: invalid time '2026-13-" "$tmp/time/fast.out"
report $? "intake-purge: the bad time has its line and column"

for v in $real; do
	variant "$v"
	cp "$tmp/$v/fast/intake.csv" "$tmp/$v/fast.orig"
	for p in fast careful; do
		run "$v" "$p" intake-purge --before 2026-06-01
		# the files, the careful copy's CR taken out (if its record stayed)
		for f in intake.csv intake.csv.torn erasures.csv; do
			[ -f "$tmp/$v/$p/$f" ] && sed "2s/$cr\$//" "$tmp/$v/$p/$f" >>"$tmp/$v/$p.out"
		done
		ls "$tmp/$v/$p" | grep -v '\.lock$' >>"$tmp/$v/$p.out"
	done
	same "$v" "intake-purge, $v in a later block: output and files"
done
has "$real" crlf && grep -q "^exit 0" "$tmp/crlf/fast.out" && [ "$(grep -c "$cr\$" "$tmp/crlf/fast/intake.csv")" = 1 ] &&
	! cmp -s "$tmp/crlf/fast/intake.csv" "$tmp/crlf/fast.orig"
report $? "intake-purge: the records after the CRLF copied byte for byte"
grep -q "^exit 3" "$tmp/time/fast.out" && cmp -s "$tmp/time/fast/intake.csv" "$tmp/time/fast.orig"
report $? "intake-purge: a bad time in a later block: nothing removed"
echo "1..$n"
