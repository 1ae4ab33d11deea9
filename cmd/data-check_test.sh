#!/bin/sh
# data-check: golden cases (testdata/data-check/*).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run data-check
echo "1..$golden_n"
