#!/bin/sh
# referral-add: golden cases (testdata/referral-add/*).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run referral-add
echo "1..$golden_n"
