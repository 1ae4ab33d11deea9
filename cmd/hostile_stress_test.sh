#!/bin/bash
# Hostile inputs (TAP): anchors (billion laughs) and 50,000-deep nesting in
# services.yaml, a 100 MiB CSV field, invalid UTF-8 and NUL bytes, a
# catastrophic --match regex, 256 MiB lines without a newline, 100,000
# services.  Each is checked by its outcome: the exit status, the message
# with the position where the reader stopped (the 65th level of nesting,
# the byte after the 1 MiB field cap, the 1001st field: proof that it did
# not read on), the match limit of the regex, and the peak RSS from
# /usr/bin/time (memory does not depend on a busy machine; under the
# sanitizers it is not checked).  No time is asserted: the wall time of
# each command, process start included, is printed as "# figure: ..." for
# make bench (scripts/bench prints them), never compared with a bound.
# Small inputs are in testdata/hostile/; the big ones are made here and
# deleted.
set -u
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}" "${OKIENKO_TESTBIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC
unset OKIENKO_DIR OKIENKO_NOW
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
. "$OKIENKO_TOP/scripts/tap.sh"
skip() { n=$((n + 1)); echo "ok $n # skip $1"; }
hd="$OKIENKO_TOP/testdata/hostile"
small="$OKIENKO_TOP/testdata/fixtures/small/services.yaml"
timer=/usr/bin/time
[ -x $timer ] || timer=

# run CMD...: runs it with stdin from $in (default /dev/null), stdout to
# $tmp/out, stderr to $tmp/err; sets rc and ms (wall time, milliseconds)
in=/dev/null
run() {
	local s
	last=("$@")
	s=$(date +%s%N)
	"$@" <"$in" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	ms=$((($(date +%s%N) - s) / 1000000))
}
# figure LABEL: the wall time of the last run, for make bench (not a test)
figure() { echo "# figure: $1: ${ms} ms"; }
# status WANT_RC LABEL: the exit status; the time as a figure
status() {
	ok "$([ $rc = $1 ]; echo $?)" "$2: exit $1 (exit $rc)" "$tmp/err"
	figure "$2"
}
# rss CMD...: peak RSS in KiB of CMD (stdin from $in), or empty
rss() {
	kb=
	[ -n "$timer" ] && [ -z "${OKIENKO_SANITIZED:-}" ] || return 0
	$timer -f %M -o "$tmp/rss" "$@" <"$in" >/dev/null 2>&1
	kb=$(tail -n 1 "$tmp/rss")
}
# check_rss LABEL LIMIT_MIB
check_rss() {
	if [ -n "${OKIENKO_SANITIZED:-}" ]; then
		skip "$1: RSS under the sanitizers"
		return
	elif [ -z "$timer" ]; then
		skip "$1: no /usr/bin/time"
		return
	fi
	ok "$([ "$kb" -lt $(($2 * 1024)) ]; echo $?)" "$1: peak RSS ${kb} KiB < $2 MiB"
}
is_err() { ok "$([ "$(cat "$tmp/err")" = "$1" ]; echo $?)" "$2: message" "$tmp/err"; }
d="$tmp/d"
mkdir -p "$d"

# --- anchors and deep nesting ----------------------------------------------
cp "$hd/billion-laughs.yaml" "$d/services.yaml"
for prog in "schedule-check lint" "service-find --need housing"; do
	run $prog -d "$d"
	status 3 "billion laughs: ${prog%% *}"
	is_err "${prog%% *}: $d/services.yaml:4:4: anchors are not supported" "billion laughs: ${prog%% *}"
done

deep() {
	{ printf 'version: 1\norganizations: %s' "$1"; head -c 50000 /dev/zero | tr '\0' "$2"
	  printf '%s\n' "$3"; } >"$d/services.yaml"
}
deep "" "[" "" # an unclosed flow sequence: the parser must stop long before the end
run schedule-check lint -d "$d"
status 3 "50,000 '['"
is_err "schedule-check: $d/services.yaml:2:79: nesting deeper than 64 levels" "50,000 '['"
{ printf 'version: 1\norganizations: '; yes '{a: ' | head -n 50000 | tr -d '\n'
  printf 1; head -c 50000 /dev/zero | tr '\0' '}'; echo; } >"$d/services.yaml"
run schedule-check lint -d "$d"
status 3 "50,000 nested flow mappings"
is_err "schedule-check: $d/services.yaml:2:268: nesting deeper than 64 levels" "50,000 nested flow mappings"
{ printf 'version: 1\norganizations:\n'; head -c 100000 /dev/zero | tr '\0' '-' | sed 's/-/- /g'; echo x; } >"$d/services.yaml"
for prog in "schedule-check lint" "intake-query --count-by desk"; do
	run $prog -d "$d"
	if [ "$prog" = "intake-query --count-by desk" ]; then
		# intake-query never reads services.yaml: it must not care
		status 0 "50,000 nested block sequences: intake-query ignores services.yaml"
		continue
	fi
	status 3 "50,000 nested block sequences: ${prog%% *}"
	is_err "${prog%% *}: $d/services.yaml:3:127: nesting deeper than 64 levels" "50,000 nested block sequences"
done
rm -f "$d/services.yaml"

# --- a 100 MiB quoted field ------------------------------------------------
H='id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note'
row='2026-000001,2026-11-02T10:00:00+01:00,d1,C1,,,UA,,1,housing,,no,,open,'
{ echo "$H"; printf '%s"' "$row"; head -c $((100 << 20)) /dev/zero | tr '\0' a; printf '"\n'; } >"$d/intake.csv"
run intake-query -d "$d"
status 3 "100 MiB field: intake-query"
is_err "intake-query: $d/intake.csv:2:71: field longer than 1048576 bytes" "100 MiB field"
rss intake-query -d "$d"
check_rss "100 MiB field" 16
run data-check -d "$d"
ok "$([ $rc = 1 ] && grep -qxF "data-check: $d/intake.csv:2:71: field longer than 1048576 bytes" "$tmp/err"; echo $?)" \
	"100 MiB field: data-check reports it (exit $rc)"
figure "100 MiB field: data-check"

# --- 256 MiB lines without a newline ---------------------------------------
{ echo "$H"; printf '%s' "$row"; head -c $((256 << 20)) /dev/zero | tr '\0' a; } >"$d/intake.csv"
run intake-query -d "$d"
status 3 "256 MiB last line: intake-query"
is_err "intake-query: $d/intake.csv:2:71: field longer than 1048576 bytes" "256 MiB last line"
rss intake-query -d "$d"
check_rss "256 MiB last line" 16
{ echo "$H"; head -c $((256 << 20)) /dev/zero | tr '\0' ,; } >"$d/intake.csv"
run intake-query -d "$d"
status 3 "256 MiB of commas: intake-query"
is_err "intake-query: $d/intake.csv:2:1001: record has more than 1000 fields" "256 MiB of commas"
rss intake-query -d "$d"
check_rss "256 MiB of commas" 16
rm -f "$d/intake.csv"

head -c $((256 << 20)) /dev/zero | tr '\0' a >"$tmp/line"
printf 'hours,at\n' | cat - "$tmp/line" >"$tmp/hours.csv"
in="$tmp/hours.csv"
run schedule-check hours-eval
status 3 "256 MiB line on stdin: hours-eval"
is_err "schedule-check: -:2:1: field longer than 1048576 bytes" "256 MiB line: hours-eval"
rss schedule-check hours-eval
check_rss "256 MiB line: hours-eval" 16
cp "$small" "$d/services.yaml"
intake-add -d "$d" --desk d1 --client C1 --nationality UA --needs housing >/dev/null 2>&1
cp "$d/intake.csv" "$tmp/before.csv"
printf 'ts,desk,client,nationality,needs\n' | cat - "$tmp/line" >"$tmp/batch.csv"
rm -f "$tmp/line" "$tmp/hours.csv"
in="$tmp/batch.csv"
run intake-add -d "$d" --batch
status 3 "256 MiB line on stdin: intake-add --batch"
is_err "intake-add: -:2:1: field longer than 1048576 bytes" "256 MiB line: intake-add --batch"
rss intake-add -d "$d" --batch
check_rss "256 MiB line: intake-add --batch" 16
ok "$(cmp -s "$d/intake.csv" "$tmp/before.csv"; echo $?)" "256 MiB line: intake.csv untouched"
rm -f "$tmp/batch.csv"

# 268 fields of 1,000,000 characters: under the field cap, over the record
# cap (16 MiB), so the bound is the record cap plus a little
head -c 1000000 /dev/zero | tr '\0' a >"$tmp/field"
{ printf 'hours,at\n'; for _ in $(seq 268); do cat "$tmp/field"; printf ,; done; } >"$tmp/fields.csv"
rm -f "$tmp/field"
in="$tmp/fields.csv"
run schedule-check hours-eval
status 3 "268 MiB line of 1 MB fields: hours-eval"
is_err "schedule-check: -:2:16000017: record longer than 16777216 bytes" "268 MiB line of 1 MB fields"
rss schedule-check hours-eval
check_rss "268 MiB line of 1 MB fields (record cap 16 MiB)" 24
rm -f "$tmp/fields.csv"
in=/dev/null

# --- invalid UTF-8 and NUL bytes, with line:col ----------------------------
cp "$small" "$d/services.yaml"
for f in bad-utf8 nul; do
	cp "$hd/$f-intake.csv" "$d/intake.csv"
	run intake-query -d "$d"
	ok "$([ $rc = 3 ]; echo $?)" "$f in intake.csv: intake-query exits 3 (exit $rc)"
	case $f in
	nul) msg="NUL byte" ;;
	*) msg="invalid UTF-8 sequence starting with byte 0xFF" ;;
	esac
	is_err "intake-query: $d/intake.csv:3:73: $msg" "$f in intake.csv"
	chmod 0660 "$d/intake.csv"
	run data-check -d "$d"
	ok "$([ $rc = 1 ] && [ "$(cat "$tmp/err")" = "data-check: $d/intake.csv:3:73: $msg" ]; echo $?)" \
		"$f in intake.csv: data-check names the position (exit $rc)"
done
rm -f "$d/intake.csv"
cp "$hd/bad-utf8-services.yaml" "$d/services.yaml"
run schedule-check lint -d "$d"
ok "$([ $rc = 3 ]; echo $?)" "invalid UTF-8 in services.yaml: exit 3 (exit $rc)"
is_err "schedule-check: $d/services.yaml:5:12: invalid trailing UTF-8 octet" "invalid UTF-8 in services.yaml"
cp "$hd/nul-services.yaml" "$d/services.yaml"
run schedule-check lint -d "$d"
ok "$([ $rc = 3 ]; echo $?)" "NUL in services.yaml: exit 3 (exit $rc)"
is_err "schedule-check: $d/services.yaml:5:11: control characters are not allowed" "NUL in services.yaml"
in="$hd/bad-utf8-hours.csv"
run schedule-check hours-eval
ok "$([ $rc = 3 ]; echo $?)" "invalid UTF-8 on hours-eval's stdin: exit 3 (exit $rc)"
is_err "schedule-check: -:2:14: invalid UTF-8 sequence starting with byte 0xFF" "invalid UTF-8 on hours-eval's stdin"
cp "$small" "$d/services.yaml"
cp "$tmp/before.csv" "$d/intake.csv"
for f in nul bad-utf8; do
	in="$hd/$f-batch.csv"
	run intake-add -d "$d" --batch
	case $f in
	nul) msg="NUL byte" ;;
	*) msg="invalid UTF-8 sequence starting with byte 0xC3" ;;
	esac
	ok "$([ $rc = 3 ] && cmp -s "$d/intake.csv" "$tmp/before.csv"; echo $?)" \
		"$f in intake-add --batch: exit 3 (exit $rc), nothing written"
	is_err "intake-add: -:2:22: $msg" "$f in intake-add --batch"
done
in=/dev/null

# --- a catastrophic regex --------------------------------------------------
rm -f "$d/intake.csv"
intake-add -d "$d" --desk d1 --client C1 --nationality UA --needs housing \
	--note "$(head -c 5000 /dev/zero | tr '\0' a)b" >/dev/null 2>&1
for re in '(a+)+$' '(a*)*$'; do
	run intake-query -d "$d" --match "$re" --count-by desk
	status 3 "--match '$re' on 5000 a's"
	ok "$([ "$(cat "$tmp/err")" = "intake-query: $d/intake.csv:2:71: --match: match limit exceeded
intake-query: hint: the pattern backtracks too much; make it more specific" ]; echo $?)" \
		"--match '$re': message and hint"
done
# deep recursion rather than backtracking: the JIT stack limit stops it
run intake-query -d "$d" --match '^(a|aa)+$'
status 3 "--match '^(a|aa)+\$' on 5000 a's"
is_err "intake-query: $d/intake.csv:2:71: --match: JIT stack limit reached" "--match '^(a|aa)+\$'"

# --- 100,000 services ------------------------------------------------------
awk 'BEGIN {
	print "version: 1\ncountry: CZ\ntimezone: Europe/Prague\norganizations:"
	for (i = 0; i < 1000; i++) {
		printf "  - id: org-%d\n    name: Organizace %d\n    services:\n", i, i
		for (j = 0; j < 100; j++)
			printf "      - id: svc-%d-%d\n        name: Služba %d/%d\n        needs: [housing, legal-aid]\n        languages: [cs, uk]\n        hours: \"Mo-Fr 08:00-16:00; Sa 10:00-14:00; PH off\"\n        capacity: {unit: beds, total: 30}\n", i, j, i, j
	}
}' >"$d/services.yaml"
rm -f "$d/intake.csv"
run intake-add -d "$d" --dry-run --desk d1 --client C1 --nationality UA --needs housing \
	--refer svc-999-99 --consent yes --ts 2026-11-24T10:00:00+01:00
status 0 "100,000 services: intake-add --dry-run loads them"
ok "$([ ! -e "$d/intake.csv" ]; echo $?)" "100,000 services: --dry-run wrote nothing"

echo "1..$n"
