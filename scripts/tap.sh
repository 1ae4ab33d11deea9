# tap.sh: the TAP line of the scripted tests (cmd/*_test.sh source it).
#
# report STATUS DESCRIPTION [FILE]: "ok N - DESCRIPTION" when STATUS is 0,
# else "not ok N - ..." followed by the first 40 lines of FILE, if given,
# as diagnostics (scripts/run-tests shows them again after a failing run).
# ok is the same function under the name the stress tests use.  n counts
# the tests; a script ends with echo "1..$n".
n=0
report() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && [ -s "$3" ] && head -40 "$3" | sed 's/^/# /'
	fi
}
ok() {
	report "$@"
}

# kill_one PATTERN: kill -9 one process, at random, among those whose
# command line matches PATTERN (pgrep -f); 0 when one was killed.  The
# stress tests pick their writers this way, never other tests' processes.
kill_one() {
	set -- $(pgrep -f "$1" 2>/dev/null)
	[ $# -gt 0 ] || return 1
	shift $((RANDOM % $#))
	kill -9 "$1" 2>/dev/null
}
