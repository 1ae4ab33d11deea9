#!/bin/sh
# intake-query: golden cases (testdata/intake-query/*).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run intake-query
echo "1..$golden_n"
