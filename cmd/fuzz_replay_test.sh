#!/bin/sh
# The fuzzing corpora replayed, as TAP: for each libFuzzer target
# scripts/fuzz.d/NAME_fuzz.c, $OKIENKO_TESTBIN/fuzz-NAME (scripts/test.d/fuzz-replay.c, built
# by make tests with the normal compiler, or with the sanitizers by make
# asan) runs every input of testdata/fuzz/NAME once.  A target aborts on a
# broken invariant; a test fails on a non-zero exit, on any sanitizer
# report, or when not every input was replayed.  make fuzz does the fuzzing
# itself (scripts/fuzz).
: "${OKIENKO_TOP:?}" "${OKIENKO_TESTBIN:?}"
cd "$OKIENKO_TOP" || exit 1

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

names=$(for f in scripts/fuzz.d/*_fuzz.c; do n=${f#scripts/fuzz.d/}; echo "${n%_fuzz.c}"; done)
echo "1..$(($(echo "$names" | wc -l) + 1))"
i=0
for n in $names; do
	i=$((i + 1))
	bin=$OKIENKO_TESTBIN/fuzz-$n
	dir=testdata/fuzz/$n
	want=$(find "$dir" -maxdepth 1 -type f 2>/dev/null | wc -l)
	rc=0
	if [ ! -x "$bin" ]; then
		echo "not ok $i - $n: corpus replayed"
		echo "# '$bin' missing (make tests builds it)"
		continue
	fi
	"$bin" "$dir" >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [ "$rc" -eq 0 ] && [ "$want" -gt 0 ] &&
	   [ "$(cat "$tmp/out")" = "replayed $want inputs" ] &&
	   ! grep -q -e 'runtime error' -e 'Sanitizer' -e 'ERROR' "$tmp/err"; then
		echo "ok $i - $n: corpus replayed ($want inputs)"
	else
		echo "not ok $i - $n: corpus replayed (exit $rc, $want inputs in $dir)"
		sed 's/^/# /' "$tmp/out" "$tmp/err" | head -n 60
	fi
done
i=$((i + 1))
rc=0
"$OKIENKO_TESTBIN/fuzz-csvread" "$tmp/missing" >"$tmp/out" 2>"$tmp/err" || rc=$?
if [ "$rc" -eq 4 ] && grep -q "fuzz-replay: '$tmp/missing': " "$tmp/err"; then
	echo "ok $i - an input that cannot be read fails the replay"
else
	echo "not ok $i - an input that cannot be read fails the replay (exit $rc)"
fi
