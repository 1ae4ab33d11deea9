#!/bin/sh
# client-export: golden cases (testdata/client-export/*), then every page of
# them well-formed (xmllint, when installed).
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run client-export
if command -v xmllint >/dev/null 2>&1; then
	for page in "$OKIENKO_TOP"/testdata/client-export/*-html*/expout; do
		[ -s "$page" ] || continue # written to a file by the case
		golden_n=$((golden_n + 1))
		case=${page%/expout}
		if xmllint --noout "$page" 2>"$golden_tmp/xml.err"; then
			echo "ok $golden_n - ${case##*/}: the page is well-formed (xmllint)"
		else
			echo "not ok $golden_n - ${case##*/}: the page is well-formed (xmllint)"
			head -5 "$golden_tmp/xml.err" | sed 's/^/# /'
		fi
	done
fi
echo "1..$golden_n"
