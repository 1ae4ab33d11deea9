#!/bin/sh
# minutes-parse: golden cases (testdata/minutes-parse/*).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run minutes-parse
echo "1..$golden_n"
