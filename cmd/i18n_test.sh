#!/bin/sh
# Messages in the user's language, as TAP.  The test generates the Czech,
# Polish and Ukrainian UTF-8 locales into a scratch LOCPATH (localedef, no
# root needed) and runs a few commands under each of them and under
# C.UTF-8 (English): a usage error, a data error with FILE:LINE:COL and a
# hint, a warning, --help, and capacity-report -f table without --lang,
# whose labels follow the locale.  Their standard output, standard error
# and exit status must equal testdata/i18n/expected/CASE.LL.{out,err} and
# CASE.status byte for byte (UPDATE=1 re-records; review with git diff).
#
# Then: LC_ALL beats LC_MESSAGES beats LANG, --lang beats the locale; CSV
# and JSON output (numbers included) are the same in every locale; every
# catalog lib/po/LL.po is complete (no untranslated or fuzzy message, and
# msgfmt --check clean) and lib/po/okienko.pot is what scripts/make-pot
# extracts from the sources now, so a new message fails here until it is
# translated (make pot, then translate the new entries of each LL.po).
#
# The catalogs are those of the build variant: $OKIENKO_TESTBIN/../locale
# (OKIENKO_BIN may be a directory of wrappers).  Skips as a whole only when
# the locales cannot be generated (no localedef or no locale sources:
# Debian package locales).
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export PATH="$OKIENKO_BIN:$PATH"
unset LC_ALL LC_MESSAGES LANGUAGE LANG OKIENKO_DIR
export TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
cd "$OKIENKO_TOP" || exit 1
i18n="$OKIENKO_TOP/testdata/i18n"

locdir=${OKIENKO_LOCALEDIR:-}
for d in "${OKIENKO_TESTBIN:-}/../locale" "$OKIENKO_BIN/../locale"; do
	[ -z "$locdir" ] && [ -f "$d/cs/LC_MESSAGES/okienko.mo" ] && locdir=$(cd "$d" && pwd)
done
if [ -z "$locdir" ]; then
	echo "1..1"
	echo "not ok 1 - the build variant has its catalogs (locale/LL/LC_MESSAGES/okienko.mo)"
	exit 1
fi
export OKIENKO_LOCALEDIR="$locdir"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/loc"
export LOCPATH="$tmp/loc"
for l in cs_CZ pl_PL uk_UA; do
	command -v localedef >/dev/null 2>&1 &&
		localedef -i "$l" -f UTF-8 "$tmp/loc/$l.UTF-8" >/dev/null 2>&1
	if [ ! -f "$tmp/loc/$l.UTF-8/LC_CTYPE" ]; then
		echo "1..0 # SKIP cannot generate the locale $l.UTF-8 (localedef, package locales)"
		exit 0
	fi
done

. "$OKIENKO_TOP/scripts/tap.sh"

locale_of() {
	case $1 in
	en) echo C.UTF-8 ;;
	cs) echo cs_CZ.UTF-8 ;;
	pl) echo pl_PL.UTF-8 ;;
	uk) echo uk_UA.UTF-8 ;;
	esac
}

# run OUT ENV... -- CMD: CMD in a scratch copy of testdata/i18n/data with
# the environment ENV, stdin from /dev/null; OUT.out, OUT.err, OUT.status.
run() {
	out=$1
	shift
	rm -rf "$tmp/work"
	cp -R "$i18n/data" "$tmp/work"
	cp "$i18n/torn.csv" "$tmp/work/"
	envs=""
	while [ "$1" != "--" ]; do
		envs="$envs $1"
		shift
	done
	shift
	(cd "$tmp/work" && env $envs I18N="$i18n" sh -c "$1") \
		</dev/null >"$out.out" 2>"$out.err"
	echo $? >"$out.status"
}

# The cases: NAME and the command, run under each language's locale.
cases="usage|service-find --open-at tomorrow
data|intake-add --dry-run --batch < \"\$I18N/batch-bad.csv\"
warning|intake-query --count-by nationality torn.csv
help|service-find --help
report|capacity-report --as-of 2026-11-22 -f table"

mkdir -p "$i18n/expected"
echo "$cases" >"$tmp/cases"
while IFS='|' read -r name cmd; do
	for lang in en cs pl uk; do
		run "$tmp/$name.$lang" LANG="$(locale_of $lang)" -- "$cmd"
		exp="$i18n/expected/$name.$lang"
		if [ "${UPDATE:-}" = 1 ]; then
			cp "$tmp/$name.$lang.out" "$exp.out"
			cp "$tmp/$name.$lang.err" "$exp.err"
			cp "$tmp/$name.$lang.status" "$i18n/expected/$name.status"
		fi
		problems=""
		cmp -s "$tmp/$name.$lang.status" "$i18n/expected/$name.status" ||
			problems="$problems status $(cat "$tmp/$name.$lang.status");"
		cmp -s "$tmp/$name.$lang.out" "$exp.out" || problems="$problems stdout differs;"
		cmp -s "$tmp/$name.$lang.err" "$exp.err" || problems="$problems stderr differs;"
		{
			echo "$problems"
			diff "$exp.out" "$tmp/$name.$lang.out"
			diff "$exp.err" "$tmp/$name.$lang.err"
		} >"$tmp/diff" 2>&1
		[ -z "$problems" ]
		report $? "$name in $lang: $cmd" "$tmp/diff"
	done
done <"$tmp/cases"

# The translated texts really are translations, and English is the source.
for lang in cs pl uk; do
	! cmp -s "$i18n/expected/usage.$lang.err" "$i18n/expected/usage.en.err" &&
		! cmp -s "$i18n/expected/help.$lang.out" "$i18n/expected/help.en.out" &&
		! cmp -s "$i18n/expected/report.$lang.out" "$i18n/expected/report.en.out"
	report $? "$lang: the usage error, --help and the report labels are not the English ones"
done
grep -q "^service-find: --open-at: invalid time 'tomorrow' (use 2026-11-24T09:00)$" "$i18n/expected/usage.en.err" &&
	grep -q '^intake-add: -:3:21: ' "$i18n/expected/data.cs.err" &&
	grep -q '^intake-query: varování: torn.csv:15: ' "$i18n/expected/warning.cs.err" &&
	grep -q '^intake-add: rada: ' "$i18n/expected/data.cs.err" &&
	grep -q '^usage: service-find ' "$i18n/expected/help.uk.out"
report $? "English source text, FILE:LINE:COL kept, 'warning'/'hint' translated, usage line English"

# Which variable wins: LC_ALL, then LC_MESSAGES, then LANG; --lang beats all.
precedence() {
	want=$1
	shift
	run "$tmp/p" "$@" -- "capacity-report --as-of 2026-11-22 -f table; service-find --open-at tomorrow"
	cat "$i18n/expected/report.$want.out" >"$tmp/p.want"
	cat "$i18n/expected/usage.$want.err" >"$tmp/p.wanterr"
	cmp -s "$tmp/p.out" "$tmp/p.want" && cmp -s "$tmp/p.err" "$tmp/p.wanterr"
	report $? "$* -> labels and messages in $want" "$tmp/p.err"
}
precedence pl LANG=cs_CZ.UTF-8 LC_MESSAGES=pl_PL.UTF-8
precedence uk LANG=cs_CZ.UTF-8 LC_MESSAGES=pl_PL.UTF-8 LC_ALL=uk_UA.UTF-8
precedence en LANG=cs_CZ.UTF-8 LC_ALL=C.UTF-8
run "$tmp/p" LANG=cs_CZ.UTF-8 -- "capacity-report --as-of 2026-11-22 -f table --lang uk"
cmp -s "$tmp/p.out" "$i18n/expected/report.uk.out"
report $? "LANG=cs_CZ.UTF-8 with --lang uk -> labels in uk"

# Data output does not depend on the locale: numbers, CSV, JSON.
for cmd in "intake-query -f csv" "intake-query --count-by nationality,needs -f csv" \
	"intake-query --columns id,ts,note -f json" \
	"capacity-report --as-of 2026-11-22 -f csv" "capacity-report --as-of 2026-11-22 -f json" \
	"referral-report --as-of 2026-11-22 -f csv"; do
	run "$tmp/c.en" LANG=C.UTF-8 -- "$cmd"
	ok=0
	for lang in cs pl uk; do
		run "$tmp/c.$lang" LANG="$(locale_of $lang)" -- "$cmd"
		cmp -s "$tmp/c.en.out" "$tmp/c.$lang.out" && [ "$(cat "$tmp/c.$lang.status")" = 0 ] ||
			{ ok=1; diff "$tmp/c.en.out" "$tmp/c.$lang.out" >"$tmp/diff" 2>&1; }
	done
	[ -s "$tmp/c.en.out" ] && [ "$(cat "$tmp/c.en.status")" = 0 ] || ok=1
	report $ok "the same bytes in en, cs, pl and uk: $cmd" "$tmp/diff"
done

# The catalogs: complete, well-formed, and made from today's sources.
for t in msgfmt msgcmp msgcat xgettext msggrep; do
	command -v $t >/dev/null 2>&1 || { echo "Bail out! $t missing (Debian package gettext)"; exit 1; }
done
pot="$OKIENKO_TOP/lib/po/okienko.pot"
msgids() {
	msgcat --no-location --no-wrap --sort-output "$1" | sed '1,/^$/d' | grep -v '^#' | grep -v '^msgstr'
}
scripts/make-pot "$tmp/fresh.pot" 2>"$tmp/xgettext.err"
msgids "$pot" >"$tmp/pot.ids"
msgids "$tmp/fresh.pot" >"$tmp/fresh.ids"
diff "$tmp/pot.ids" "$tmp/fresh.ids" >"$tmp/diff" 2>&1
report $? "lib/po/okienko.pot is up to date with the sources (make pot)" "$tmp/diff"
total=$(grep -c '^msgid ' "$pot")
total=$((total - 1))
for lang in cs pl uk; do
	po="$OKIENKO_TOP/lib/po/$lang.po"
	msgfmt --check --statistics -o /dev/null "$po" >"$tmp/stat" 2>&1
	st=$?
	[ $st = 0 ] && [ "$(cat "$tmp/stat")" = "$total translated messages." ]
	report $? "$lang.po: msgfmt --check clean, all $total messages translated, none fuzzy" "$tmp/stat"
	msgcmp "$po" "$pot" >"$tmp/cmp" 2>&1
	report $? "$lang.po: every message of okienko.pot is translated" "$tmp/cmp"
done

echo "1..$n"
