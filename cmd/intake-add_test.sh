#!/bin/sh
# intake-add: golden cases (testdata/intake-add/*).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run intake-add
echo "1..$golden_n"
