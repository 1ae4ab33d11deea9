#!/bin/sh
# What no command may lose or give twice (issue 13 B, C), beyond the golden
# cases: a meeting stored by one minutes-parse -o while another waited for
# the lock survives the other's failure; a meeting file never exists
# half-written, not even empty; intake ids continue after a file that ends
# with a blank line and are refused, not restarted, after a record without
# one; --lock-timeout times out whatever the signals; and the order of
# writes and fsyncs that makes an acknowledged record survive a power loss
# (traced through failshim.so).  The lock holder needs python3 (fcntl
# locks, as datadir takes them); without it those cases are skipped.
set -u
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}" "${OKIENKO_TESTBIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
unset OKIENKO_DIR FAILSHIM_CALL FAILSHIM_N FAILSHIM_TRACE
. "$OKIENKO_TOP/scripts/tap.sh"
tmp=$(mktemp -d)
holder=
trap '[ -n "$holder" ] && kill "$holder" 2>/dev/null; rm -rf "$tmp"' EXIT
small="$OKIENKO_TOP/testdata/fixtures/small/services.yaml"
minutes="$OKIENKO_TOP/testdata/minutes/cs-clean.txt"
failshim="$OKIENKO_TESTBIN/failshim.so"
slowwrite="$OKIENKO_TESTBIN/slowwrite.so"
skip() { n=$((n + 1)); echo "ok $n # skip $1"; }
# the shims cannot be preloaded under the sanitizers, nor through valgrind's wrappers
shims=yes
{ [ -n "${OKIENKO_SANITIZED:-}" ] || [ "${OKIENKO_VALGRIND:-}" = 1 ] || [ ! -e "$failshim" ] ||
	[ ! -e "$slowwrite" ]; } && shims=

# hold FILE READY: take an fcntl lock on FILE in the background until
# killed, then create READY; $holder is its pid.
hold() {
	python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "a")
fcntl.lockf(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(120)  # killed as soon as the test is done (a guard against a hang)
' "$1" "$2" &
	holder=$!
	i=0
	while [ ! -f "$2" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
}
release() {
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
	holder=
}
have_python=yes
command -v python3 >/dev/null 2>&1 || have_python=

# --- minutes-parse -o ----------------------------------------------------
if [ -n "$have_python" ] && [ -n "$shims" ]; then
	d="$tmp/m1"
	mkdir -p "$d/meetings"
	hold "$d/meetings/2026-11-12.yaml.lock" "$tmp/m1.locked"
	# this writer waits for the lock; its every write will fail
	FAILSHIM_CALL=write FAILSHIM_N=1 LD_PRELOAD="$failshim" \
		minutes-parse -o "$d" --lock-timeout 60 "$minutes" >/dev/null 2>"$tmp/m1.err" &
	writer=$!
	sleep 1   # so that it checks what it checks before the lock, as the old code did
	# meanwhile another writer stores the meeting and lets go of the lock
	printf 'meeting: {date: 2026-11-12}\n' >"$d/meetings/2026-11-12.yaml"
	release
	wait $writer
	rc=$?
	[ $rc = 4 ] && [ "$(cat "$d/meetings/2026-11-12.yaml" 2>/dev/null)" = "meeting: {date: 2026-11-12}" ]
	report $? "minutes-parse -o whose write fails leaves the meeting another writer stored (exit $rc)" "$tmp/m1.err"
else
	skip "needs python3 and the test shims"
fi

if [ -n "$shims" ]; then
	d="$tmp/m2"
	mkdir -p "$d"
	# every write pauses 60 s halfway: the writer is killed in the pause
	OKIENKO_SLOWWRITE_US=60000000 LD_PRELOAD="$slowwrite" \
		minutes-parse -o "$d" "$minutes" >/dev/null 2>&1 &
	writer=$!
	i=0
	while [ $i -lt 1200 ]; do
		set -- "$d"/meetings/.2026-11-12.yaml.tmp.*
		[ -s "$1" ] && break
		sleep 0.05
		i=$((i + 1))
	done
	seen=$(ls -a "$d/meetings")
	kill -9 $writer
	wait $writer 2>/dev/null
	{ echo "$seen" | grep -q '^2026-11-12\.yaml$' && echo "2026-11-12.yaml exists while it is written"
	  [ -e "$d/meetings/2026-11-12.yaml" ] && echo "2026-11-12.yaml exists after the writer was killed"; } >"$tmp/m2.why"
	[ $i -lt 1200 ] && [ ! -s "$tmp/m2.why" ]
	report $? "minutes-parse -o: no meeting file, not even an empty one, until it is whole" "$tmp/m2.why"
	minutes-parse -o "$d" "$minutes" >/dev/null 2>&1 &&
		[ -s "$d/meetings/2026-11-12.yaml" ] && [ -z "$(ls -a "$d/meetings" | grep tmp)" ]
	report $? "the next run stores it and removes the killed one's temporary file"
else
	skip "needs the test shims"
	skip "needs the test shims"
fi

# --- intake ids ------------------------------------------------------------
d="$tmp/ids"
mkdir -p "$d"
cp "$small" "$d/"
add() { intake-add -d "$d" --desk d1 --client "$1" --nationality UA --needs housing -f tsv 2>"$tmp/ids.err"; }
add C1 >/dev/null && add C2 >/dev/null
printf '\n' >>"$d/intake.csv"
id=$(add C3 | tail -n 1 | cut -f1)
[ "$id" = 2026-000003 ]
report $? "after a file that ends with a blank line the ids go on ($id)" "$tmp/ids.err"
cp "$d/intake.csv" "$tmp/ids.good"
printf '2026-000004,2026-11-02T10:00:00+01:00,d1,"C4"x,,,UA,,1,housing,,no,,open,\n' >>"$d/intake.csv"
cp "$d/intake.csv" "$tmp/ids.before"
add C5 >"$tmp/ids.out"
rc=$?
[ $rc = 3 ] && [ ! -s "$tmp/ids.out" ] && cmp -s "$tmp/ids.before" "$d/intake.csv" &&
	grep -q "hint: run data-check" "$tmp/ids.err"
report $? "after a last record that cannot be read: refused (exit $rc), pointing to data-check, nothing written" "$tmp/ids.err"
cp "$tmp/ids.good" "$d/intake.csv"
printf '2026-00000x,2026-11-02T10:00:00+01:00,d1,C4,,,UA,,1,housing,,no,,open,\n' >>"$d/intake.csv"
cp "$d/intake.csv" "$tmp/ids.before"
add C6 >"$tmp/ids.out"
rc=$?
[ $rc = 3 ] && [ ! -s "$tmp/ids.out" ] && cmp -s "$tmp/ids.before" "$d/intake.csv" &&
	grep -q "the last record's id '2026-00000x' is not YYYY-NNNNNN; cannot number new records" "$tmp/ids.err" &&
	grep -q "hint: run data-check" "$tmp/ids.err"
report $? "after a last record without a valid id: refused (exit $rc), pointing to data-check, nothing written" "$tmp/ids.err"
printf '2026-999999999,2026-11-02T10:00:00+01:00,d1,C4,,,UA,,1,housing,,no,,open,\n' >>"$d/intake.csv"
cp "$d/intake.csv" "$tmp/ids.before"
add C6 >/dev/null
rc=$?
[ $rc = 3 ] && cmp -s "$tmp/ids.before" "$d/intake.csv" && grep -q "are used up" "$tmp/ids.err"
report $? "after 2026-999999999: refused (exit $rc), no id of ten digits" "$tmp/ids.err"

# --- --lock-timeout ----------------------------------------------------------
if [ -n "$have_python" ]; then
	d="$tmp/lock"
	mkdir -p "$d"
	cp "$small" "$d/"
	hold "$d/intake.csv.lock" "$tmp/lock.locked"
	bad=
	for i in 1 2 3 4 5 6 7 8 9 10; do
		intake-add -d "$d" --lock-timeout 0.000001 --desk d1 --client T$i --nationality UA \
			--needs housing >/dev/null 2>"$tmp/lock.err"
		rc=$?
		[ $rc = 4 ] && grep -q "timed out after 1e-06 s" "$tmp/lock.err" || bad="$bad $i:exit-$rc"
	done
	[ -z "$bad" ]
	report $? "--lock-timeout 0.000001 with the lock held: exit 4, ten times of ten${bad:+ -$bad}" "$tmp/lock.err"
	# the mask of blocked signals is inherited across exec
	python3 -c '
import os, signal, sys
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
os.execvp(sys.argv[1], sys.argv[1:])
' intake-add -d "$d" --lock-timeout 0.5 --desk d1 --client T --nationality UA --needs housing \
		>/dev/null 2>"$tmp/lock.err"
	rc=$?
	[ $rc = 4 ] && grep -q "timed out after 0.5 s" "$tmp/lock.err"
	report $? "--lock-timeout 0.5 with SIGALRM blocked by the parent: exit 4 (exit $rc)" "$tmp/lock.err"
	release
else
	skip "needs python3"
	skip "needs python3"
fi

# --- the order of writes and fsyncs ------------------------------------------
# trace CMD...: run it under failshim.so, recording its writes and fsyncs
# into $tmp/trace with the directory's path shortened to DIR.
trace() {
	rm -f "$tmp/trace.raw"
	FAILSHIM_TRACE="$tmp/trace.raw" LD_PRELOAD="$failshim" "$@" >/dev/null 2>"$tmp/trace.err"
	sed "s|$d|DIR|" "$tmp/trace.raw" >"$tmp/trace"
}
# before A B: the first line A comes before the first line B of the trace.
before() {
	a=$(grep -n -x -m 1 "$1" "$tmp/trace" | cut -d: -f1)
	b=$(grep -n -x -m 1 "$2" "$tmp/trace" | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}
if [ -n "$shims" ]; then
	d="$tmp/sync"
	mkdir -p "$d"
	cp "$small" "$d/"
	trace intake-add -d "$d" --desk d1 --client S1 --nationality UA --needs housing
	before "fsync DIR" "write DIR/intake.csv"
	report $? "a new intake.csv: the directory is fsynced before the first record is written" "$tmp/trace"
	before "fsync DIR/intake.csv.lock" "write DIR/intake.csv"
	report $? "the append is announced in the lock file, fsynced, before it is written" "$tmp/trace"
	synced=$(grep -n -x -m 1 "fsync DIR/intake.csv" "$tmp/trace" | cut -d: -f1)
	hinted=$(grep -n -x "pwrite DIR/intake.csv.lock" "$tmp/trace" | tail -n 1 | cut -d: -f1)
	[ "$(tail -n 1 "$tmp/trace")" = "fsync DIR/intake.csv.lock" ] &&
		[ -n "$synced" ] && [ -n "$hinted" ] && [ "$synced" -lt "$hinted" ]
	report $? "the records are fsynced, then the hint that commits them, before the command ends" "$tmp/trace"
	d="$tmp/sync2"
	mkdir -p "$d"
	cp "$small" "$d/"
	intake-add -d "$d" --desk d1 --client S0 --nationality UA --needs housing \
		--ts 2019-03-01T10:00:00+01:00 >/dev/null
	intake-add -d "$d" --desk d1 --client S1 --nationality UA --needs housing >/dev/null
	trace intake-purge -d "$d" --older-than 3y
	sed -n '/^fsync DIR\/\.intake\.csv\.tmp\./,$p' "$tmp/trace" | sed 's/tmp\.[0-9a-f]*$/tmp.X/' |
		head -n 3 >"$tmp/trace.tail"
	printf '%s\n' "fsync DIR/.intake.csv.tmp.X" "rename intake.csv" "fsync DIR" | diff - "$tmp/trace.tail" >/dev/null
	report $? "intake-purge: the new file fsynced, renamed, the directory fsynced" "$tmp/trace"
else
	for _ in 1 2 3 4; do skip "needs the test shims"; done
fi

echo "1..$n"
