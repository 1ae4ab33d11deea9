#!/bin/sh
# minutes-parse on the minutes corpus (testdata/minutes-corpus, issue 15):
# every field's precision and recall at least 95 % on the part the parser
# was worked on, and at least 85 % on the part held out.  The figures:
# make minutes-score, and testdata/minutes-corpus/README.md.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}" "${OKIENKO_TESTBIN:?}"
. "$OKIENKO_TOP/scripts/tap.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

MINUTES_SCORE_MIN=95 "$OKIENKO_TOP/scripts/minutes-score" work >"$tmp/out" 2>&1
report $? "every field at least 95 % on the working part" "$tmp/out"
MINUTES_SCORE_MIN=85 "$OKIENKO_TOP/scripts/minutes-score" heldout >"$tmp/out" 2>&1
report $? "every field at least 85 % on the held-out part" "$tmp/out"
echo "1..$n"
