#!/bin/sh
# Opening hours against the npm package opening_hours, as TAP:
# scripts/ohours-diff evaluates 5000 cases (random expressions of the
# supported syntax at testing times, a quarter of them in the lenient forms
# the reference accepts with a warning; 1000 under OKIENKO_SANITIZED) with
# both $OKIENKO_TESTBIN/ohours-eval and the reference, and must agree on
# every state, next change and comment, and on the prettified form of every
# expression both accept; scripts/ohours-words asks both about every word
# of the reference's index of weekday and month names of all languages.
# Installs nothing: without node, without
# build/ref/node_modules/opening_hours (scripts/need-node-ref installs it;
# OKIENKO_REF names another place) or without the driver, it is skipped.
: "${OKIENKO_TOP:?}" "${OKIENKO_TESTBIN:?}"
cd "$OKIENKO_TOP" || exit 1
eval_bin=$OKIENKO_TESTBIN/ohours-eval
ref=${OKIENKO_REF:-$OKIENKO_TOP/build/ref}
cases=5000
[ "${OKIENKO_SANITIZED:-}" = 1 ] && cases=1000

skip() {
	echo "1..1"
	echo "ok 1 # skip $1"
	exit 0
}

command -v node >/dev/null 2>&1 || skip "node not found"
[ -d "$ref/node_modules/opening_hours" ] ||
	skip "no opening_hours in $ref/node_modules (run scripts/need-node-ref)"
[ -x "$eval_bin" ] ||
	skip "no $eval_bin (make ${eval_bin#"$OKIENKO_TOP"/} builds it)"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

echo "1..6"
printf 'Mo-Fr 08:00-12:00\t2026-03-02T10:00\tCZ\nMo-Xx\t2026-03-02T10:00\tPL\n"a\\b"\t2026-03-02T10:00\tCZ\nPH\t2026-12-25T10:00\tCZ\n' |
	"$eval_bin" >"$tmp/out" 2>&1
printf 'open\t2026-03-02T12:00\t\t\nerror\t4: unexpected '"'"'Xx'"'"'\nunknown\t\ta\\\\b\t\nopen\t2026-12-27T00:00\t1. svátek vánoční\t2026-12-25\n' >"$tmp/want"
if cmp -s "$tmp/out" "$tmp/want"; then
	echo "ok 1 - ohours-eval answers state, next change, comment and errors"
else
	echo "not ok 1 - ohours-eval answers state, next change, comment and errors"
	sed 's/^/# /' "$tmp/out"
fi

printf '%s\n' 'Mo-Fr 9.00-12.00,' '10:00-12:00 Montags; public holidays off' 'Mo-Xx' |
	"$eval_bin" -p >"$tmp/out" 2>&1
printf 'Mo-Fr 09:00-12:00\nMo 10:00-12:00; PH off\nerror\tnot a valid expression\n' >"$tmp/want"
if cmp -s "$tmp/out" "$tmp/want"; then
	echo "ok 2 - ohours-eval -p writes the prettified form"
else
	echo "not ok 2 - ohours-eval -p writes the prettified form"
	sed 's/^/# /' "$tmp/out"
fi

if OKIENKO_REF=$ref node scripts/ohours-diff -n "$cases" -e "$eval_bin" \
	>"$tmp/out" 2>&1; then
	echo "ok 3 - $cases cases agree with opening_hours.js"
else
	echo "not ok 3 - $cases cases agree with opening_hours.js"
fi
sed 's/^/# /' "$tmp/out"

# The summary must show what was compared, not a vacuous pass.
n=$(sed -n 's/^cases \([0-9]*\) .*/\1/p' "$tmp/out")
a=$(sed -n 's/^all agree \([0-9]*\) .*/\1/p' "$tmp/out")
if [ -n "$n" ] && [ "$n" -ge "$cases" ] && [ "$a" = "$n" ]; then
	echo "ok 4 - at least $cases cases were compared"
else
	echo "not ok 4 - at least $cases cases were compared"
fi

# ... and lenient forms and prettified forms were among them.
l=$(sed -n 's/^lenient forms: \([0-9]*\) cases.*/\1/p' "$tmp/out")
p=$(sed -n 's/^prettified form agrees with the reference.s prettifyValue() for \([0-9]*\) of \([0-9]*\) .*/\1 \2/p' "$tmp/out")
if [ -n "$l" ] && [ "$l" -gt 0 ] && [ -n "$p" ] && [ "${p% *}" = "${p#* }" ] && [ "${p% *}" -gt 0 ]; then
	echo "ok 5 - lenient forms and prettified forms were compared"
else
	echo "not ok 5 - lenient forms and prettified forms were compared"
fi

if OKIENKO_REF=$ref node scripts/ohours-words -e "$eval_bin" >"$tmp/out" 2>&1 &&
	grep -q '^accepted by the reference for CZ and PL alike [1-9][0-9]*: ' "$tmp/out"; then
	echo "ok 6 - the reference's weekday and month names of all languages read alike"
else
	echo "not ok 6 - the reference's weekday and month names of all languages read alike"
fi
sed 's/^/# /' "$tmp/out"
