#!/bin/sh
# Public holidays against the npm package date-holidays, as TAP: for CZ and
# PL, every year 1990-2100, scripts/holidays-diff compares the days
# $OKIENKO_TESTBIN/holidays-dump prints with date-holidays' public
# holidays; only the disagreements documented in lib/hours/holidays.c pass.
# Installs nothing: without node, or without build/ref/node_modules
# (scripts/need-node-ref installs it; OKIENKO_REF names another place),
# the test is skipped.
: "${OKIENKO_TOP:?}" "${OKIENKO_TESTBIN:?}"
cd "$OKIENKO_TOP" || exit 1
dump=$OKIENKO_TESTBIN/holidays-dump
ref=${OKIENKO_REF:-$OKIENKO_TOP/build/ref}

skip() {
	echo "1..1"
	echo "ok 1 # skip $1"
	exit 0
}

command -v node >/dev/null 2>&1 || skip "node not found"
[ -d "$ref/node_modules/date-holidays" ] ||
	skip "no date-holidays in $ref/node_modules (run scripts/need-node-ref)"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

echo "1..3"
if [ -x "$dump" ] && "$dump" >"$tmp/dump" 2>"$tmp/err" && [ -s "$tmp/dump" ]
then
	echo "ok 1 - holidays-dump prints the holidays"
else
	echo "not ok 1 - holidays-dump prints the holidays"
	echo "# '$dump' missing or failed (make ${dump#"$OKIENKO_TOP"/} builds it)"
	sed 's/^/# /' "$tmp/err" 2>/dev/null
fi
n=1
for cc in CZ PL; do
	n=$((n + 1))
	if OKIENKO_REF=$ref node scripts/holidays-diff "$dump" "$cc" \
		>"$tmp/out" 2>&1; then
		echo "ok $n - $cc agrees with date-holidays but for documented exceptions"
	else
		echo "not ok $n - $cc agrees with date-holidays but for documented exceptions"
	fi
	sed 's/^/# /' "$tmp/out"
done
