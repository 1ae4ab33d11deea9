#!/bin/bash
# referral-add under concurrency and crashes (TAP).
#
# 1. 8 writers x 40 single appends and 2 writers x 10 batches of 10, all
#    at once into a directory without referrals.csv: the header written
#    once, every record stored once, none torn, the file readable.
# 2. A writer that holds the lock too long: an impatient one times out
#    (exit 4) and writes nothing.
# 3. Writers killed with kill -9 in the middle of a record (a shim splits
#    each write in two with a pause): the next append cuts the torn record,
#    saves it, and every acknowledged record is there once.
# Under the sanitizers (slow, and the shim cannot be preloaded) the counts
# are smaller and parts 2 and 3 are skipped.  Only processes this script
# started are killed, by their process id.
set -u
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}" "${OKIENKO_TESTBIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
unset OKIENKO_DIR
tmp=$(mktemp -d)
pids=""
trap 'for p in $pids; do kill -9 "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
n=0
. "$OKIENKO_TOP/scripts/tap.sh"

writers=8 appends=40 batchers=2 batches=10 per_batch=10
if [ -n "${OKIENKO_SANITIZED:-}" ]; then writers=4 appends=8 batches=3; fi
intakes=$((writers * appends + batchers * batches * per_batch))

# A directory with one intake per record to store, each referred to two services.
setup() {
	mkdir -p "$1"
	cp "$OKIENKO_TOP/testdata/fixtures/small/services.yaml" "$1/"
	awk -v n="$2" 'BEGIN {
		print "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note"
		for (i = 1; i <= n; i++)
			printf "2026-%06d,2026-11-02T10:00:00+01:00,d1,C%d,,,UA,,1,shelter;legal-aid,brana-night;svet-legal,yes,,referred,\n", i, i
	}' >"$1/intake.csv"
}

# --- 1. concurrent writers -------------------------------------------------
d1="$tmp/concurrent"
setup "$d1" $intakes
start=$(date +%s.%N)
for w in $(seq $writers); do
	(
		for i in $(seq $appends); do
			id=$(((w - 1) * appends + i))
			referral-add -d "$d1" --intake "2026-$id" --service brana-night \
				--outcome rejected --reason lack-of-capacity \
				--note "writer $w, \"append\" $i" >/dev/null || echo "W${w}N$i" >>"$d1/failed"
		done
	) &
	pids="$pids $!"
done
for b in $(seq $batchers); do
	(
		for k in $(seq $batches); do
			{
				echo "intake_id,service,outcome,date,note"
				for j in $(seq $per_batch); do
					id=$((writers * appends + ((b - 1) * batches + k - 1) * per_batch + j))
					echo "2026-$id,svet-legal,done,2026-11-20,\"batch $b, \"\"part\"\" $k.$j\""
				done
			} | referral-add -d "$d1" --batch >/dev/null || echo "B${b}K$k" >>"$d1/failed"
		done
	) &
	pids="$pids $!"
done
wait
pids=""
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
ok "$([ ! -e "$d1/failed" ]; echo $?)" "no append failed"
ok "$([ "$(grep -c '^date,intake_id,service,outcome,reason,note$' "$d1/referrals.csv")" = 1 ] &&
	[ "$(head -n 1 "$d1/referrals.csv")" = "date,intake_id,service,outcome,reason,note" ]; echo $?)" \
	"the header is written once, first"
tail -n +2 "$d1/referrals.csv" | cut -d, -f6- | sort >"$tmp/notes"
for w in $(seq $writers); do for i in $(seq $appends); do
	echo "\"writer $w, \"\"append\"\" $i\""
done; done >"$tmp/want"
for b in $(seq $batchers); do for k in $(seq $batches); do for j in $(seq $per_batch); do
	echo "\"batch $b, \"\"part\"\" $k.$j\""
done; done; done >>"$tmp/want"
sort "$tmp/want" -o "$tmp/want"
ok "$([ "$(wc -l <"$tmp/notes")" = $intakes ]; echo $?)" "$intakes records stored"
ok "$(cmp -s "$tmp/notes" "$tmp/want"; echo $?)" "every writer's every record, once"
ok "$([ -z "$(tail -n +2 "$d1/referrals.csv" | cut -d, -f2 | sort | uniq -d)" ]; echo $?)" \
	"each intake's outcome once"
ok "$([ ! -e "$d1/referrals.csv.torn" ]; echo $?)" "nothing torn"
ok "$([ "$(stat -c %a "$d1/referrals.csv")" = 660 ]; echo $?)" "referrals.csv is mode 0660"
referral-report -d "$d1" >"$tmp/report" 2>"$tmp/report.err"
ok "$([ $? = 0 ] && [ ! -s "$tmp/report.err" ]; echo $?)" "referral-report reads every record"
rejected=$((writers * appends)) open=$((intakes - writers * appends))
ok "$(grep -qx "brana-night,$intakes,$rejected,0,0,0,0,$rejected,$rejected,0,0,0,0,$open,$open,21" "$tmp/report" &&
	grep -qx "svet-legal,$intakes,0,0,$open,0,0,0,0,0,0,0,0,$rejected,$rejected,18" "$tmp/report"; echo $?)" \
	"the report counts every outcome"
echo "# $intakes records by $((writers + batchers)) writers in ${elapsed}s"

if [ -n "${OKIENKO_SANITIZED:-}" ]; then
	echo "1..$n"
	exit 0
fi
shim="$OKIENKO_TESTBIN/slowwrite.so"

# --- 2. a writer that holds the lock too long ------------------------------
d2="$tmp/timeout"
setup "$d2" 3
# the shim holds the slow writer inside its record, the lock held, until
# $tmp/go exists; $tmp/go.paused says it is there (a wait for an event, not
# for a time: the guard only stops a hang)
OKIENKO_SLOWWRITE_UNTIL="$tmp/go" OKIENKO_SLOWWRITE_MATCH=SLOW LD_PRELOAD="$shim" \
	referral-add -d "$d2" --intake 2026-1 --service brana-night --outcome accepted --note SLOW >/dev/null &
slow=$!
pids="$slow"
for _ in $(seq 6000); do [ -e "$tmp/go.paused" ] && break; sleep 0.05; done
referral-add -d "$d2" --lock-timeout 0.2 --intake 2026-2 --service brana-night \
	--outcome accepted >/dev/null 2>"$tmp/timeout.err"
rc=$?
touch "$tmp/go"
ok "$([ $rc = 4 ]; echo $?)" "lock timeout exits 4 (exit $rc)" "$tmp/timeout.err"
ok "$(grep -q "timed out after 0.2 s waiting for the lock '.*referrals.csv.lock'" "$tmp/timeout.err"; echo $?)" \
	"lock timeout message"
wait $slow
pids=""
ok "$([ "$(tail -n +2 "$d2/referrals.csv" | cut -d, -f2 | tr '\n' ' ')" = "2026-000001 " ]; echo $?)" \
	"the slow writer's record is stored, the impatient one's is not"

# --- 3. kill -9 in the middle of a record ---------------------------------
d3="$tmp/crash"
setup "$d3" 20
referral-add -d "$d3" --intake 2026-1 --service svet-legal --outcome done >/dev/null
acked="2026-000001"
for k in 2 3 4 5; do
	OKIENKO_SLOWWRITE_UNTIL="$tmp/never" OKIENKO_SLOWWRITE_MATCH="crash $k" LD_PRELOAD="$shim" referral-add -d "$d3" --intake "2026-$k" \
		--service brana-night --outcome rejected --reason lack-of-capacity \
		--note "crash $k, never acknowledged" >/dev/null 2>&1 &
	victim=$!
	pids="$victim"
	# wait until half the record is in the file, then kill the writer
	for _ in $(seq 6000); do
		grep -q "^2026-11-23,2026-00000$k," "$d3/referrals.csv" && break
		sleep 0.05
	done
	kill -9 "$victim" 2>/dev/null
	wait "$victim" 2>/dev/null
	pids=""
	id=$((k + 10))
	referral-add -d "$d3" --intake "2026-$id" --service svet-legal --outcome done \
		>/dev/null 2>>"$tmp/crash.err" && acked="$acked 2026-0000$id"
done
ok "$([ "$(grep -c 'removed a torn last record' "$tmp/crash.err")" = 4 ]; echo $?)" \
	"each torn record is cut, with a warning"
ok "$([ "$(grep -c '^2026-11-23,2026-00000[2-5],' "$d3/referrals.csv.torn")" = 4 ]; echo $?)" \
	"the torn records are saved in referrals.csv.torn"
referral-report -d "$d3" --since 2026-01-01 >/dev/null 2>"$tmp/crash.report"
ok "$([ $? = 0 ] && [ ! -s "$tmp/crash.report" ]; echo $?)" "referrals.csv reads back whole"
ok "$([ "$(tail -n +2 "$d3/referrals.csv" | cut -d, -f2 | tr '\n' ' ')" = "$acked " ]; echo $?)" \
	"every acknowledged record present once, no torn one"
echo "1..$n"
