#!/bin/sh
# schedule-check: golden cases (testdata/schedule-check/*).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run schedule-check
echo "1..$golden_n"
