#!/bin/sh
# referral-report: golden cases (testdata/referral-report/*).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run referral-report
echo "1..$golden_n"
