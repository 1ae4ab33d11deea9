#!/bin/sh
# The library's layout (README, Layout) as TAP: every module of lib/LAYER
# includes headers of its own layer or of the layers before it in the
# Makefile's LAYERS, never of a later one; only commands (cmd/) and the
# cli layer include the cli layer; no test helper or fuzz target lives in
# lib/; every module's header opens with a comment naming the module and
# saying who owns what.
set -u
: "${OKIENKO_TOP:?}"
. "$OKIENKO_TOP/scripts/tap.sh"
cd "$OKIENKO_TOP"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

layers=$(sed -n 's/^LAYERS = //p' Makefile)
[ -n "$layers" ]
report $? "the Makefile names the layers: $layers"

# header name -> its layer's rank
rank=0
for l in $layers; do
	rank=$((rank + 1))
	for h in lib/"$l"/*.h; do echo "${h##*/} $rank $l"; done
done >"$tmp/ranks"

rank=0
for l in $layers; do
	rank=$((rank + 1))
	: >"$tmp/bad"
	for f in lib/"$l"/*.c lib/"$l"/*.h; do
		case $f in *_test.c) continue ;; esac
		sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f" | while read -r inc; do
			awk -v inc="$inc" -v me="$rank" -v f="$f" \
				'$1 == inc && $2 > me { print f " includes " $3 "/" inc }' "$tmp/ranks"
		done
	done >"$tmp/bad"
	[ ! -s "$tmp/bad" ]
	report $? "lib/$l includes nothing of a later layer" "$tmp/bad"
done

ls lib/*/*_fuzz.c lib/*/tap.h lib/*/testgolden.h lib/*/testproc.h lib/*.c lib/*.h >"$tmp/stray" 2>/dev/null
[ ! -s "$tmp/stray" ]
report $? "lib/ holds library layers only (test helpers in scripts/test.d, fuzz targets in scripts/fuzz.d)" "$tmp/stray"

for h in lib/*/*.h; do
	name=${h##*/}
	name=${name%.h}
	sed -n 2p "$h" | grep -q "^ \* $name: " || echo "$h"
done >"$tmp/nohead"
[ ! -s "$tmp/nohead" ]
report $? "every header opens with ' * NAME: what it is for'" "$tmp/nohead"

for h in lib/*/*.h; do
	[ "${h##*/}" = banned.h ] && continue
	sed -n '1,/\*\//p' "$h" | grep -qiE 'own|allocat' || echo "$h"
done >"$tmp/noown"
[ ! -s "$tmp/noown" ]
report $? "every header's opening comment says who owns what (or that it allocates nothing)" "$tmp/noown"

# Diagnostics escape control characters in one place (lib/base/diag.c):
# nothing else writes formatted text to stderr (opts.c prints only the
# fixed usage text there).
grep -n -E 'f?printf\(stderr|fputs\([^)]*stderr|perror\(|dprintf\(2|(^|[^_a-z])(err|errx|warn|warnx)\(' \
	lib/*/*.c cmd/*.c | grep -v -e '_test\.c:' -e '^lib/base/diag\.c:' \
	-e '^lib/cli/opts\.c:[0-9]*:[[:space:]]*fprintf(stderr, "%s\\n", o->usage);' >"$tmp/stderr"
[ ! -s "$tmp/stderr" ]
report $? "only lib/base/diag.c formats what goes to stderr (it escapes control characters)" "$tmp/stderr"

# A file a reader can hold in mind: no C file of ours over 1,000 lines.
wc -l lib/*/*.c cmd/*.c scripts/*.c scripts/*/*.c | awk '$2 != "total" && $1 > 1000' >"$tmp/long"
[ ! -s "$tmp/long" ]
report $? "no C file is longer than 1,000 lines" "$tmp/long"

echo "1..$n"
