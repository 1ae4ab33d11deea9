#!/bin/sh
# capacity-add: golden cases (testdata/capacity-add/*).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run capacity-add
echo "1..$golden_n"
