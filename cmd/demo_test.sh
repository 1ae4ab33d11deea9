#!/bin/sh
# demo: make demo's output, the first thing a coordinator sees, is the one
# recorded in testdata/demo/demo.out byte for byte (the data is generated
# from a seed and "now" is fixed), so that a change to any command that
# shows there is seen and every table stays whole.  UPDATE=1 re-records.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
. "$OKIENKO_TOP/scripts/tap.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
want="$OKIENKO_TOP/testdata/demo/demo.out"

OKIENKO_DEMO_DIR="$tmp/demo" "$OKIENKO_TOP/scripts/demo" >"$tmp/raw" 2>&1
report $? "the demo runs to its end" "$tmp/raw"
# the directory is a temporary one: its name is not part of the answer
sed "s|$tmp/demo|DEMO|g" "$tmp/raw" >"$tmp/out"
[ "${UPDATE:-}" = 1 ] && cp "$tmp/out" "$want"
diff -u "$want" "$tmp/out" >"$tmp/diff"
report $? "its output is testdata/demo/demo.out" "$tmp/diff"
# a table cut short (head) would hide rows: each section ends with its
# last row, so no section of the demo may end in a way head leaves
! grep -n '| head' "$OKIENKO_TOP/scripts/demo" | grep -v overdue >"$tmp/heads"
report $? "no table is cut with head (the overdue list is the oldest ten by design)" "$tmp/heads"
echo "1..$n"
