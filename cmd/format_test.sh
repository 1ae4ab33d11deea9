#!/bin/sh
# scripts/format (make format, make format-check) and .clang-format, as
# TAP, in a scratch tree holding the script, the configuration and a few C
# files: --check names the files that are not formatted with the start of
# their diff, changes nothing and exits 1; format rewrites them and leaves
# the formatted ones alone; only cmd, lib and scripts are looked at; what
# the configuration promises (includes in their order, string literals
# whole, clang-format off blocks kept) holds.
set -u
: "${OKIENKO_TOP:?}"
. "$OKIENKO_TOP/scripts/tap.sh"

cf=${CLANG_FORMAT:-}
if [ -z "$cf" ]; then
	cf=clang-format
	command -v clang-format-14 >/dev/null 2>&1 && cf=clang-format-14
fi
if ! command -v "$cf" >/dev/null 2>&1; then
	echo "1..0 # SKIP clang-format is not installed (scripts/need-packages format installs it)"
	exit 0
fi
export CLANG_FORMAT="$cf"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t=$tmp/tree
mkdir -p "$t/scripts" "$t/cmd" "$t/lib/base" "$t/testdata" "$t/build"
cp "$OKIENKO_TOP/scripts/format" "$t/scripts/format"
cp "$OKIENKO_TOP/.clang-format" "$t/.clang-format"

# Formatted as the configuration wants: includes out of alphabetical
# order with banned.h last, a message longer than the line, a table kept
# as written.
cat >"$t/lib/base/good.c" <<'EOF'
#include "good.h"

#include <string.h>
#include <stdio.h>

#include "banned.h"

/* clang-format off */
static const unsigned char table[4] = {
	 0,12,
	12, 0,
};
/* clang-format on */

int good_check(const char *s, int n)
{
	switch (n) {
	case 0:
		return table[0];
	default:
		break;
	}
	if (s && n > 1)
		fprintf(stderr,
			"good: '%s' is a message far longer than the one hundred columns of a line, kept whole\n",
			s);
	return 0;
}
EOF
printf '#ifndef GOOD_H\n#define GOOD_H\nint good_check(const char *s, int n);\n#endif\n' >"$t/lib/base/good.h"
# Not formatted: brace, spaces for indentation, pointer to the left.
printf 'int bad(char* s) {\n  return s[0];\n}\n' >"$t/cmd/bad.c"
printf 'static int  worse ( void ){ return 1; }\n' >"$t/scripts/worse.c"
# Outside cmd, lib and scripts: never looked at.
cp "$t/cmd/bad.c" "$t/testdata/bad.c"
cp "$t/cmd/bad.c" "$t/build/bad.c"
( cd "$t" && find . -type f | sort | xargs cksum ) >"$tmp/before"

"$t/scripts/format" --check >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ]
report $? "--check exits 1 when a file is not formatted" "$tmp/err"
grep '^[a-z].*: not formatted$' "$tmp/out" >"$tmp/named"
printf 'cmd/bad.c: not formatted\nscripts/worse.c: not formatted\n' | cmp -s - "$tmp/named"
report $? "--check names each file of cmd, lib and scripts that is not formatted, and no other" "$tmp/out"
grep -q '^-int bad(char\* s) {$' "$tmp/out" && grep -q '^+int bad(char \*s)$' "$tmp/out" &&
	grep -q '^@@ ' "$tmp/out"
report $? "--check shows the start of each diff" "$tmp/out"
grep -qx 'format: 2 of 4 files not formatted: run make format' "$tmp/err"
report $? "--check says how many files, and what to run" "$tmp/err"
( cd "$t" && find . -type f | sort | xargs cksum ) | cmp -s "$tmp/before" -
report $? "--check changes nothing"

"$t/scripts/format" >"$tmp/out" 2>"$tmp/err"
report $? "format exits 0" "$tmp/err"
printf 'formatted cmd/bad.c\nformatted scripts/worse.c\n' | cmp -s - "$tmp/out"
report $? "format names the files it rewrote" "$tmp/out"
printf 'int bad(char *s)\n{\n\treturn s[0];\n}\n' | cmp -s - "$t/cmd/bad.c"
report $? "format: Linux braces, tabs, the pointer with the name" "$t/cmd/bad.c"
printf 'static int worse(void)\n{\n\treturn 1;\n}\n' | cmp -s - "$t/scripts/worse.c"
report $? "format: no function on one line" "$t/scripts/worse.c"
( cd "$t" && cksum build/bad.c lib/base/good.c lib/base/good.h testdata/bad.c ) >"$tmp/after"
grep -e 'good\.[ch]$' -e 'testdata/bad.c$' -e 'build/bad.c$' "$tmp/before" | sed 's| \./| |' |
	cmp -s - "$tmp/after"
report $? "format leaves formatted files and files outside cmd, lib and scripts as they were" "$tmp/after"
"$t/scripts/format" --check >"$tmp/out" 2>"$tmp/err"
report $? "--check after format: exit 0" "$tmp/out"
[ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]
report $? "--check after format: says nothing" "$tmp/err"

# What the configuration itself promises, on a file given by name.
printf '#include "z.h"\n#include "a.h"\n#include "banned.h"\nint f(void)\n{\n\treturn g("%s", "a string that is much longer than the limit of one hundred columns, in one literal");\n}\n' >"$tmp/conf.c"
"$t/scripts/format" "$tmp/conf.c" >/dev/null 2>"$tmp/err"
report $? "format takes a file by name" "$tmp/err"
sed -n '1,3p' "$tmp/conf.c" | tr '\n' ' ' | grep -qx '#include "z.h" #include "a.h" #include "banned.h" '
report $? "the includes keep their order (banned.h stays last)" "$tmp/conf.c"
grep -q '"a string that is much longer than the limit of one hundred columns, in one literal"' "$tmp/conf.c"
report $? "a string literal past the limit stays one literal" "$tmp/conf.c"

"$t/scripts/format" --bogus >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q '^usage: scripts/format \[--check\] \[FILE\.\.\.\]$' "$tmp/err"
report $? "an unknown option: usage, exit 2" "$tmp/err"
"$t/scripts/format" --check "$tmp/none.c" >/dev/null 2>"$tmp/err"
[ $? -eq 4 ] && grep -q "^format: $tmp/none.c: no such file$" "$tmp/err"
report $? "a missing file: named, exit 4" "$tmp/err"
CLANG_FORMAT=/nonexistent/clang-format "$t/scripts/format" --check >/dev/null 2>"$tmp/err"
[ $? -eq 4 ] && grep -q 'need-packages format' "$tmp/err"
report $? "without clang-format: says how to install it, exit 4" "$tmp/err"

echo "1..$n"
