#!/bin/sh
# weekly-report: golden cases (testdata/weekly-report/*).
. "$OKIENKO_TOP/scripts/golden.sh"
export PATH="$OKIENKO_TOP/scripts:$PATH"
golden_run weekly-report
echo "1..$golden_n"
