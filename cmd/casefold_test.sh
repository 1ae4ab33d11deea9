#!/bin/sh
# Codes are folded in ASCII whatever the locale (TAP).  Under tr_TR.UTF-8
# the C library's toupper('i') is 'i' and tolower('I') is 'I' (Turkish has
# a dotted and a dotless i), so folding with it turned "ir" into "iR" and
# "HOUSING" into "hoUsINg"... and refused them.  The test generates the
# locale into a scratch LOCPATH (localedef, no root needed, as
# cmd/i18n_test.sh does) and runs every command that folds a code, under
# tr_TR.UTF-8 and under C.UTF-8: the answers must be the same.  Skips when
# the locale cannot be generated (no localedef or no locale sources:
# Debian package locales).
set -u
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export PATH="$OKIENKO_BIN:$PATH"
unset LC_MESSAGES LANGUAGE LANG OKIENKO_DIR
export TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/loc"
command -v localedef >/dev/null 2>&1 &&
	localedef -i tr_TR -f UTF-8 "$tmp/loc/tr_TR.UTF-8" >/dev/null 2>&1
if [ ! -f "$tmp/loc/tr_TR.UTF-8/LC_CTYPE" ]; then
	echo "1..0 # SKIP cannot generate the locale tr_TR.UTF-8 (localedef, package locales)"
	exit 0
fi
export LOCPATH="$tmp/loc"
. "$OKIENKO_TOP/scripts/tap.sh"
d="$tmp/d"
mkdir "$d"
cp "$OKIENKO_TOP"/testdata/demo/services.yaml "$d"/
# the C library itself folds 'i' the Turkish way here: what the test is about
[ "$(LC_ALL=tr_TR.UTF-8 awk 'BEGIN { print toupper("i") }' 2>/dev/null)" != I ] ||
	echo "# note: awk folds 'i' to 'I' under tr_TR.UTF-8 (its own folding)"

# each case: a name, the expected exit status, the command (run with -d)
run() {
	name=$1 want=$2
	shift 2
	LC_ALL=tr_TR.UTF-8 "$@" -d "$d" >"$tmp/tr.out" 2>"$tmp/tr.err"
	rc=$?
	LC_ALL=C.UTF-8 "$@" -d "$d" >"$tmp/c.out" 2>"$tmp/c.err"
	{ echo "exit $rc under tr_TR.UTF-8, want $want"; cat "$tmp/tr.err"; } >"$tmp/why"
	[ "$rc" = "$want" ]
	report $? "$name: exit $want under tr_TR.UTF-8" "$tmp/why"
	{ echo "standard output, C.UTF-8 then tr_TR.UTF-8:"; cat "$tmp/c.out" "$tmp/tr.out"; } >"$tmp/why"
	cmp -s "$tmp/c.out" "$tmp/tr.out" && [ -s "$tmp/c.out" ]
	report $? "$name: the same output as under C.UTF-8" "$tmp/why"
}

run "intake-add --nationality ir --needs HOUSING --refer KAC-JIZEROV-DESK" 0 \
	intake-add --dry-run --desk d1 --client C1 --nationality ir --language UK \
	--needs HOUSING,REGISTRATION --refer KAC-JIZEROV-DESK --consent yes
grep -q ',IR,uk,1,housing;registration,kac-jizerov-desk,yes,' "$tmp/tr.out"
report $? "intake-add stores IR, uk, housing;registration, kac-jizerov-desk" "$tmp/tr.out"

intake-add -d "$d" --desk d1 --client C1 --nationality IR --needs housing --ts 2026-11-20T10:00 \
	--refer kac-jizerov-desk --consent yes >/dev/null 2>"$tmp/err"
report $? "a record to query" "$tmp/err"
run "intake-query --nationality ir --need HOUSING" 0 \
	intake-query --nationality ir --need HOUSING --columns nationality,needs
grep -qx 'IR,housing' "$tmp/tr.out"
report $? "intake-query finds the record" "$tmp/tr.out"

run "capacity-add --service KAC-JIZEROV-BEDS" 0 \
	capacity-add --dry-run --service KAC-JIZEROV-BEDS --used 3 --date 2026-11-20
run "referral-add --service KAC-JIZEROV-DESK --outcome ACCEPTED" 0 \
	referral-add --dry-run --intake 2026-000001 --service KAC-JIZEROV-DESK --outcome ACCEPTED \
	--date 2026-11-21
grep -q '^2026-11-21,2026-000001,kac-jizerov-desk,accepted,' "$tmp/tr.out"
report $? "referral-add stores kac-jizerov-desk, accepted" "$tmp/tr.out"
run "service-find --need SHELTER --language UK" 0 \
	service-find --need SHELTER --language UK
echo "1..$n"
