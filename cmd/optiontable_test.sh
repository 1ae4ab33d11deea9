#!/bin/sh
# optiontable: the list "Options of every command" of okienko(7) is what
# the commands' --help say (scripts/option-table), so that the page, the
# --help texts, and through cmd/completion_test.sh and cmd/man_test.sh the
# completion lists and the manual pages cannot drift apart; and every
# option the list names for a command is in that command's manual page.
# UPDATE=1 writes the list into the page.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export OKIENKO_BIN LC_ALL=C.UTF-8
cd "$OKIENKO_TOP" || exit 1
. scripts/tap.sh
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
page=man/man7/okienko.7

scripts/option-table >"$tmp/want" 2>"$tmp/err"
report $? "scripts/option-table runs" "$tmp/err"
sed -n '/^\.\\" option-table begin/,/^\.\\" option-table end/p' "$page" |
	sed '1,2d;$d' | sed '$d' >"$tmp/got"
if [ "${UPDATE:-}" = 1 ]; then
	awk -v list="$tmp/want" '
		/^\.\\" option-table end/ { skip = 0; print ".El" }
		!skip { print }
		/^\.Bl -tag -width Ds -compact/ && begun {
			while ((getline l < list) > 0) print l
			skip = 1
		}
		/^\.\\" option-table begin/ { begun = 1 }' "$page" >"$tmp/page" && cp "$tmp/page" "$page"
	cp "$tmp/want" "$tmp/got"
fi
diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"
report $? "okienko(7) lists the options of every command's --help" "$tmp/diff"

# each command's manual page names each of its options
awk '/^\.It Fl/ { o = $3; next } { print o, $0 }' "$tmp/want" |
	sed 's/,//g' | while read -r opt cmds; do
		case $cmds in "every command") cmds="capacity-add capacity-report client-export data-check
intake-add intake-purge intake-query intake-update minutes-parse referral-add referral-report
schedule-check service-find weekly-report" ;; esac
		pat=$(printf '%s' "$opt" | sed 's/\\/\\\\/')
		for c in $cmds; do
			grep -qE "Fl $pat([^a-z0-9-]|\$)" "man/man1/$c.1" || echo "$c.1: $opt"
		done
	done >"$tmp/unnamed"
[ ! -s "$tmp/unnamed" ]
report $? "every option is in its command's manual page" "$tmp/unnamed"
echo "1..$n"
