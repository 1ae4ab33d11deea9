# golden.sh: run golden command cases as TAP.  Sourced by cmd/NAME_test.sh.
#
# A case is a directory testdata/NAME/NNNN-what/ with:
#   cmd      shell text run in a scratch copy of data/ (the current directory)
#   stdin    optional standard input (else /dev/null)
#   fixture  optional: name of a shared starting directory testdata/fixtures/NAME
#   data/    optional starting data directory (copied over the fixture)
#   expout   expected standard output, byte for byte
#   experr   expected standard error, byte for byte (absent: must be empty)
#   status   expected exit status (absent: 0)
#   expdata/ optional: files that must be in the data directory afterwards
# When the status is not 0, every file of data/ must be byte-identical
# afterwards (lock files aside): bad input writes nothing.  UPDATE=1 re-records expout, experr
# and status; review them with git diff.

: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export PATH="$OKIENKO_BIN:$PATH"
export LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
unset OKIENKO_DIR

golden_n=0
golden_tmp=$(mktemp -d)
trap 'rm -rf "$golden_tmp"' EXIT

golden_case() {
	case_dir=$1
	name=${case_dir#"$OKIENKO_TOP"/testdata/}
	work="$golden_tmp/$golden_n"
	golden_n=$((golden_n + 1))
	mkdir -p "$work/data" "$work/out"
	[ -f "$case_dir/fixture" ] && cp -R "$OKIENKO_TOP/testdata/fixtures/$(cat "$case_dir/fixture")/." "$work/data/"
	[ -d "$case_dir/data" ] && cp -R "$case_dir/data/." "$work/data/"
	cp -R "$work/data" "$work/before"
	want_status=0
	[ -f "$case_dir/status" ] && want_status=$(cat "$case_dir/status")
	input=/dev/null
	[ -f "$case_dir/stdin" ] && input="$case_dir/stdin"
	(cd "$work/data" && sh -c "$(cat "$case_dir/cmd")") \
		<"$input" >"$work/out/stdout" 2>"$work/out/stderr"
	status=$?
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$work/out/stdout" "$case_dir/expout"
		if [ -s "$work/out/stderr" ]; then cp "$work/out/stderr" "$case_dir/experr"; else rm -f "$case_dir/experr"; fi
		if [ "$status" != 0 ]; then echo "$status" >"$case_dir/status"; else rm -f "$case_dir/status"; fi
		want_status=$status
	fi
	problems=""
	[ "$status" = "$want_status" ] || problems="$problems status $status, want $want_status;"
	cmp -s "$work/out/stdout" "$case_dir/expout" || problems="$problems stdout differs;"
	if [ -f "$case_dir/experr" ]; then
		cmp -s "$work/out/stderr" "$case_dir/experr" || problems="$problems stderr differs;"
	elif [ -s "$work/out/stderr" ]; then
		problems="$problems unexpected stderr;"
	fi
	if [ -d "$case_dir/expdata" ]; then
		for f in "$case_dir/expdata"/*; do
			cmp -s "$f" "$work/data/${f##*/}" || problems="$problems data ${f##*/} differs;"
		done
	fi
	if [ "$status" -ge 2 ] && ! diff -r -x "*.lock" "$work/before" "$work/data" >/dev/null 2>&1; then
		problems="$problems failed but changed the data directory;"
	fi
	if [ -z "$problems" ]; then
		echo "ok $golden_n - $name"
	else
		echo "not ok $golden_n - $name:$problems"
		diff -u "$case_dir/expout" "$work/out/stdout" 2>&1 | head -20 | sed 's/^/# /'
		[ -f "$case_dir/experr" ] && diff -u "$case_dir/experr" "$work/out/stderr" | head -10 | sed 's/^/# /'
		[ -f "$case_dir/experr" ] || head -5 "$work/out/stderr" | sed 's/^/# stderr: /'
	fi
}

# Run every case of testdata/$1 (with OKIENKO_GOLDEN_EVERY=N, every Nth:
# the valgrind pass samples, as each case costs it a second).
golden_run() {
	golden_i=0
	for d in "$OKIENKO_TOP/testdata/$1"/*/; do
		[ -f "$d/cmd" ] || continue
		golden_i=$((golden_i + 1))
		[ $((golden_i % ${OKIENKO_GOLDEN_EVERY:-1})) = 0 ] || continue
		golden_case "${d%/}"
	done
}
