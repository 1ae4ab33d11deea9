#!/bin/sh
# service-find: golden cases (testdata/service-find/*).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run service-find
echo "1..$golden_n"
