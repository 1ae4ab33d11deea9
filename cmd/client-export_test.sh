#!/bin/sh
# client-export: golden cases (testdata/client-export/*).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run client-export
echo "1..$golden_n"
