#!/bin/sh
# capacity-report: golden cases (testdata/capacity-report/*), scripts/weekly-report among them.
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run capacity-report
echo "1..$golden_n"
