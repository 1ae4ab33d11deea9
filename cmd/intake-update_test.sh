#!/bin/sh
# intake-update: golden cases (testdata/intake-update/*).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run intake-update
echo "1..$golden_n"
