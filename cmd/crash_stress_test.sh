#!/bin/bash
# capacity-add and intake-purge killed with kill -9 at random moments (TAP).
#
# 1. Four capacity-add writers, two with options and two with --batch,
#    append at once through a shim that splits each write in two (so that
#    kills land inside records) while one of them is killed at random, at
#    least 150 times.  Then a writer is killed half-way through its record
#    on purpose; data-check reports the torn tail, data-check --repair cuts
#    it and keeps it in capacity.csv.torn, and data-check finds nothing:
#    no corrupt row, every acknowledged observation there once, every
#    batch whole or absent (a batch killed after some of its records were
#    written is cut whole by the next writer).
# 2. intake-purge --older-than 3y, its writes slowed by the shim in three
#    runs out of four, is killed at a random moment of its run (start,
#    lock, scan, rewrite, after the rename), at least 100 times, while three
#    intake-add writers append.  A monitor reading the file all along, and
#    a check after every kill, see either all the old records or none
#    (never a mix) and nothing torn; the next rewrite leaves no temporary
#    file; every acknowledged record is there once.
# With cmd/intake-add_stress_test.sh and cmd/referral-add_stress_test.sh
# that is more than 400 kills.  Under the sanitizers (slow, and the shim
# cannot be preloaded) the counts are smaller.  Only processes this script
# started are killed, by their process id: kills go to the commands
# themselves, never to a subshell (LeakSanitizer's helper has its parent's
# name; leak checks are off here), and the writers' loops end at a stop
# file (the EXIT trap kills them only when the test is interrupted).
# The counts are of events, whatever time they take on a busy machine; the
# loops are bounded by a number of tries, only against a hang.
set -u
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}" "${OKIENKO_TESTBIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
unset OKIENKO_DIR OKIENKO_SLOWWRITE_US OKIENKO_SLOWWRITE_UNTIL OKIENKO_SLOWWRITE_MATCH
tmp=$(mktemp -d)
pids=""
trap 'touch "$tmp/capacity/stop" "$tmp/purge/stop" 2>/dev/null
	for p in $pids; do kill -9 "$p" 2>/dev/null; done; wait; rm -rf "$tmp"' EXIT
n=0
. "$OKIENKO_TOP/scripts/tap.sh"
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# sleep a number of milliseconds
msleep() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
start_ms=$(now_ms)

cap_kills=150 purge_kills=100 shim="$OKIENKO_TESTBIN/slowwrite.so"
if [ -n "${OKIENKO_SANITIZED:-}" ]; then cap_kills=60 purge_kills=40 shim=""; fi
small="$OKIENKO_TOP/testdata/fixtures/small/services.yaml"

# --- 1. capacity-add ------------------------------------------------------
d1="$tmp/capacity"
mkdir -p "$d1"
cp "$small" "$d1/"
for w in 1 2 3 4; do
	(
		i=0
		while [ ! -e "$d1/stop" ]; do
			i=$((i + 1))
			pad=$(printf '%*s' $((RANDOM % 24)) '' | tr ' ' '~')
			if [ $((w % 2)) = 1 ]; then
				v="O${w}N$i"
				LD_PRELOAD=$shim capacity-add -d "$d1" --service brana-night \
					--date 2026-11-0$((i % 5 + 1)) --used $((i % 31)) --total 30 \
					--waiting $((RANDOM % 9)) --note "$v, \"said\" $pad" >/dev/null 2>>"$tmp/warn.$w" &&
					echo "$v" >>"$tmp/acked.$w"
			else
				size=$((2 + i % 4))
				{
					echo "date,service,used,total,note"
					for j in $(seq $size); do
						echo "2026-11-0$((j % 5 + 1)),svet-psych,$((RANDOM % 25)),25,\"B${w}N$i.$j, \"\"said\"\" $pad$j\""
					done
				} >"$tmp/batch.$w"
				echo "B${w}N$i $size" >>"$tmp/tried.$w"
				LD_PRELOAD=$shim capacity-add -d "$d1" --batch <"$tmp/batch.$w" >/dev/null 2>>"$tmp/warn.$w" &&
					for j in $(seq $size); do echo "B${w}N$i.$j"; done >>"$tmp/acked.$w"
			fi
		done
	) 2>/dev/null &
	pids="$pids $!"
done
killed=0 tries=0
while [ $killed -lt $cap_kills ] && [ $tries -lt $((100 * cap_kills)) ]; do
	tries=$((tries + 1))
	msleep $((RANDOM % 30))
	# one writer at a time, at random among this test's capacity-add
	# processes (the one holding the lock is likely inside its split write)
	kill_one "^capacity-add -d $d1 " && killed=$((killed + 1))
done
touch "$d1/stop"
wait
pids=""
cap_killed=$killed
ok "$([ $killed -ge $cap_kills ]; echo $?)" "capacity-add: at least $cap_kills writers killed ($killed in $tries tries)"
echo "# capacity-add kills took $(($(now_ms) - start_ms)) ms"

# a torn last record for data-check --repair: a writer killed half-way
# through its record (without the shim: half a record appended by hand)
if [ -n "$shim" ]; then
	OKIENKO_SLOWWRITE_UNTIL="$tmp/never" OKIENKO_SLOWWRITE_MATCH=TORN LD_PRELOAD="$shim" capacity-add -d "$d1" --service brana-night \
		--date 2026-11-20 --used 3 --total 30 --note "TORN, never acknowledged" >/dev/null 2>&1 &
	victim=$!
	pids="$victim"
	# half the record in the file, the writer held there until killed
	for _ in $(seq 6000); do
		grep -q '^2026-11-20,brana-night,' "$d1/capacity.csv" && break
		sleep 0.05
	done
	kill -9 "$victim" 2>/dev/null
	wait "$victim" 2>/dev/null
	pids=""
else
	printf '2026-11-20,brana-night,beds,3,30,,ok,manual,"TORN, never' >>"$d1/capacity.csv"
fi
ok "$([ -n "$(tail -c 1 "$d1/capacity.csv" | tr -d '\n')" ]; echo $?)" \
	"capacity.csv ends in the middle of a record"
data-check -d "$d1" >"$tmp/dc1.out" 2>"$tmp/dc1.err"
rc=$?
ok "$([ $rc = 1 ] && grep -q "^data-check: $d1/capacity.csv:[0-9]*:1: incomplete last record" "$tmp/dc1.err" &&
	grep -q "^data-check: hint: data-check --repair removes it and keeps a copy in capacity.csv.torn" "$tmp/dc1.err"; echo $?)" \
	"data-check reports the torn last record, exit 1 (exit $rc)" "$tmp/dc1.err"
cp "$d1/capacity.csv" "$tmp/before-repair.csv"
torn0=0
[ -e "$d1/capacity.csv.torn" ] && torn0=$(stat -c %s "$d1/capacity.csv.torn")
data-check -d "$d1" --repair >"$tmp/repair.out" 2>"$tmp/repair.err"
rc=$?
cut=$(sed -n "s|^data-check: $d1/capacity.csv: removed a torn last record (\([0-9]*\) bytes, saved in $d1/capacity.csv.torn)\$|\1|p" "$tmp/repair.err")
ok "$([ $rc = 0 ] && [ -n "$cut" ] && [ "$(wc -l <"$tmp/repair.err")" = 1 ] && [ ! -s "$tmp/repair.out" ]; echo $?)" \
	"data-check --repair says what it removed, exit 0 (exit $rc)" "$tmp/repair.err"
tail -c +$((torn0 + 1)) "$d1/capacity.csv.torn" >"$tmp/torn.new"
{ cat "$d1/capacity.csv"; head -c "${cut:-0}" "$tmp/torn.new"; } >"$tmp/rejoined.csv"
ok "$([ -n "$cut" ] && cmp -s "$tmp/rejoined.csv" "$tmp/before-repair.csv" &&
	[ "$(stat -c %s "$tmp/torn.new")" = $((cut + 1)) ] && [ "$(tail -c 1 "$tmp/torn.new" | od -An -c | tr -d ' ')" = '\n' ]; echo $?)" \
	"the cut bytes are kept in capacity.csv.torn, followed by a line feed"
ok "$([ "$(stat -c %a "$d1/capacity.csv.torn")" = 660 ] && [ "$(stat -c %a "$d1/capacity.csv")" = 660 ]; echo $?)" \
	"capacity.csv and capacity.csv.torn are mode 0660"
data-check -d "$d1" >"$tmp/dc2.out" 2>"$tmp/dc2.err"
rc=$?
ok "$([ $rc = 0 ] && [ ! -s "$tmp/dc2.err" ] && [ ! -s "$tmp/dc2.out" ]; echo $?)" \
	"data-check then finds nothing: no corrupt row (exit $rc)" "$tmp/dc2.err"
ok "$([ "$(grep -c '^date,service,unit,used,total,waiting,status,source,note$' "$d1/capacity.csv")" = 1 ] &&
	[ "$(head -n 1 "$d1/capacity.csv")" = "date,service,unit,used,total,waiting,status,source,note" ]; echo $?)" \
	"the header once, first"
# every row holds one note with its unique value; one row per line
tail -n +2 "$d1/capacity.csv" >"$tmp/cap.rows"
sed -n 's/^2026-11-0[1-5],\(brana-night,beds\|svet-psych,clients\),[0-9]*,[0-9]*,[0-9]*,[a-z-]*,manual,"\([OB][0-9]*N[0-9.]*\), ""said"" ~*[0-9]*"$/\2/p' \
	"$tmp/cap.rows" | sort >"$tmp/cap.present"
ok "$([ "$(wc -l <"$tmp/cap.present")" = "$(wc -l <"$tmp/cap.rows")" ] && [ -s "$tmp/cap.rows" ]; echo $?)" \
	"every row is a whole record as written ($(wc -l <"$tmp/cap.rows") rows)"
cat "$tmp"/acked.* | sort >"$tmp/cap.acked"
missing=$(comm -23 "$tmp/cap.acked" "$tmp/cap.present" | wc -l)
ok "$([ "$missing" = 0 ] && [ -s "$tmp/cap.acked" ]; echo $?)" \
	"every acknowledged observation present ($(wc -l <"$tmp/cap.acked") acknowledged, $missing missing)"
ok "$([ -z "$(uniq -d "$tmp/cap.present")" ]; echo $?)" "no observation stored twice"
# a batch killed after its first records were written, even whole ones,
# is cut by the next writer: all of a batch is stored or none of it
cat "$tmp"/tried.* | while read -r b size; do
	c=$(grep -c "^$b\." "$tmp/cap.present")
	[ "$c" = 0 ] || [ "$c" = "$size" ] || echo "$b: $c of $size"
done >"$tmp/partial"
ok "$([ ! -s "$tmp/partial" ]; echo $?)" \
	"every batch stored whole or not at all ($(wc -l <"$tmp/partial") in part$([ -s "$tmp/partial" ] && echo ": $(head -n 3 "$tmp/partial" | tr '\n' ' ')"))"
torn=$(cat "$tmp"/warn.* | grep -c 'removed a torn last record')
ok "$([ "$(cat "$tmp"/warn.* | grep -v -c 'removed a torn last record')" = 0 ]; echo $?)" \
	"the writers warned about nothing else$(cat "$tmp"/warn.* | grep -v 'removed a torn last record' | head -c 200 | tr '\n' ' ')"
echo "# capacity-add: $cap_killed kills, $(wc -l <"$tmp/cap.rows") rows, $torn unfinished appends cut" \
	"by the next writer and saved, $(wc -l <"$tmp/cap.acked") observations acknowledged"
if [ -n "$shim" ]; then
	ok "$([ "$torn" -gt 1 ]; echo $?)" "kills landed inside appends and were repaired ($torn)"
fi

# --- 2. intake-purge ------------------------------------------------------
part2_ms=$(now_ms)
d2="$tmp/purge"
mkdir -p "$d2"
cp "$small" "$d2/"
base=1000 old=40
[ -n "${OKIENKO_SANITIZED:-}" ] && base=300
awk -v n=$base 'BEGIN {
	print "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note"
	for (i = 1; i <= n; i++)
		printf "2026-%06d,2026-11-02T10:00:00+01:00,base,P%d,,,UA,uk,1,housing,,no,,open,\"kept, \"\"base\"\" %d\"\n", i, i, i
}' >"$d2/intake.csv"
chmod 660 "$d2/intake.csv"
olds() { grep -c '^2026-[0-9]*,2019-' "$d2/intake.csv"; }
# a batch of old records (dated 2019, past a three-year retention), and one
# recent record after them so that the file does not end with an old one
epoch=0
add_old() {
	epoch=$((epoch + 1))
	{
		echo "ts,desk,client,nationality,needs,note"
		for j in $(seq $old); do
			echo "2019-0$((j % 9 + 1))-1$((j % 10))T10:00,old,O${epoch}x$j,SY,legal-aid,\"old, \"\"$epoch\"\" $j\""
		done
		echo "2026-11-22T09:00,new,R$epoch,UA,housing,recent"
	} >"$tmp/old.csv"
	echo $((2 * epoch - 1)) >"$tmp/gen" # odd while appending: the monitor looks away
	intake-add -d "$d2" --batch <"$tmp/old.csv" >/dev/null 2>>"$tmp/purge.fail" &&
		echo "R$epoch" >>"$tmp/purge.acked.0" || echo "old batch $epoch failed" >>"$tmp/purge.fail"
	echo $((2 * epoch)) >"$tmp/gen"
}
echo 0 >"$tmp/gen"
add_old
# the baseline: a purge that runs to its end
t0=$(now_ms)
LD_PRELOAD=$shim OKIENKO_SLOWWRITE_US=200 intake-purge -d "$d2" --older-than 3y >"$tmp/p.out" 2>"$tmp/p.err"
rc=$? T=$(($(now_ms) - t0))
ok "$([ $rc = 0 ] && [ "$(cat "$tmp/p.out")" = "before,removed,kept,changes,referrals,appointments
2023-11-23,$old,$((base + 1)),0,0,0" ] && [ ! -s "$tmp/p.err" ] && [ "$(olds)" = 0 ]; echo $?)" \
	"intake-purge removes the old records ($T ms)"

for w in 1 2 3; do
	(
		i=0
		while [ ! -e "$d2/stop" ]; do
			i=$((i + 1))
			intake-add -d "$d2" --desk w$w --client W${w}N$i --nationality UA --needs housing \
				--note "writer $w, \"append\" $i" >/dev/null 2>>"$tmp/purge.fail" &&
				echo "W${w}N$i" >>"$tmp/purge.acked.$w" || echo "W${w}N$i failed" >>"$tmp/purge.fail"
			sleep 0.05
		done
	) &
	pids="$pids $!"
done
# the monitor: a reader's view of the file, all along
(
	checks=0 bad=0
	while [ ! -e "$d2/stop" ]; do
		g1=$(cat "$tmp/gen")
		cat "$d2/intake.csv" >"$tmp/snap.csv"
		g2=$(cat "$tmp/gen")
		if [ "$g1" = "$g2" ] && [ $((g1 % 2)) = 0 ]; then
			checks=$((checks + 1))
			# every epoch's old records all there, or none of them
			mix=$(grep -o '^2026-[0-9]*,2019-[^,]*,old,O[0-9]*x' "$tmp/snap.csv" | sed 's/.*,O//' |
				sort | uniq -c | awk -v k=$old '$1 != k' | head -n 3 | tr '\n' ' ')
			[ -z "$mix" ] || { bad=$((bad + 1)); echo "mixed old records: $mix" >>"$tmp/monitor.bad"; }
			intake-query - --columns id <"$tmp/snap.csv" >/dev/null 2>"$tmp/snap.err"
			rc=$?
			if [ $rc != 0 ] || grep -v -q 'incomplete last record' "$tmp/snap.err"; then
				bad=$((bad + 1))
				echo "intake-query exit $rc: $(head -c 200 "$tmp/snap.err")" >>"$tmp/monitor.bad"
			fi
		fi
		sleep 0.02
	done
	echo "$checks $bad" >"$tmp/monitor.out"
) &
monitor=$!
pids="$pids $monitor"

# kill at a moment drawn evenly from the typical run (the mean of the runs
# that ended): some end before, most are killed on the way.  One run in four
# goes at full speed, without the shim, so that kills also land in the
# start, the lock, the scan and after the rename.
killed=0 completed=0 in_rewrite=0 after_rename=0 other=0 bad="" o=0 round=0
Ts=$T Tf=10
while [ $killed -lt $purge_kills ] && [ $round -lt $((20 * purge_kills)) ]; do
	[ "$o" = 0 ] && add_old
	round=$((round + 1)) slow=$shim T=$Ts
	[ $((round % 4)) = 0 ] && slow="" T=$Tf
	t0=$(now_ms)
	tmps=$(ls -a "$d2" | grep '^\.intake\.csv\.tmp\.')
	LD_PRELOAD=$slow OKIENKO_SLOWWRITE_US=200 intake-purge -d "$d2" --older-than 3y \
		>"$tmp/p.out" 2>"$tmp/p.err" &
	p=$!
	msleep $((RANDOM % (T + 1)))
	kill -9 $p 2>/dev/null
	wait $p 2>/dev/null
	rc=$?
	set -- "$d2"/.intake.csv.tmp.*
	left=$#
	[ -e "$1" ] || left=0
	o=$(olds)
	case $rc in
	137)
		killed=$((killed + 1))
		# a temporary file (random name) that was not there before: its own
		[ "$left" != 0 ] && [ "$(ls -a "$d2" | grep '^\.intake\.csv\.tmp\.')" != "$tmps" ] &&
			in_rewrite=$((in_rewrite + 1))
		[ "$o" = 0 ] && after_rename=$((after_rename + 1))
		;;
	0)
		# its run time: up to its last output, not to the end of the sleep
		completed=$((completed + 1)) T=$(((3 * T + $(date +%s%3N -r "$tmp/p.out") - t0) / 4))
		if [ -n "$slow" ]; then Ts=$T; else Tf=$T; fi
		grep -q "^2023-11-23,$old," "$tmp/p.out" || bad="$bad removed($(tail -n 1 "$tmp/p.out"))"
		[ "$left" = 0 ] || bad="$bad left-tmp-after-a-rewrite"
		;;
	*)
		other=$((other + 1)) bad="$bad exit-$rc($(head -c 100 "$tmp/p.err"))"
		;;
	esac
	[ "$o" = 0 ] || [ "$o" = $old ] || bad="$bad $o-old-records"
	[ "$left" -le 1 ] || bad="$bad $left-tmp-files"
done
touch "$d2/stop"
wait
pids=""
ok "$([ $killed -ge $purge_kills ]; echo $?)" "intake-purge: at least $purge_kills purges killed ($killed in $round runs)"
echo "# intake-purge kills took $(($(now_ms) - part2_ms)) ms"
ok "$([ -z "$bad" ]; echo $?)" "after each kill: all the old records or none, at most one temporary file${bad:+ -$bad}"
read -r checks mbad <"$tmp/monitor.out"
ok "$([ "$checks" -gt 10 ] && [ "$mbad" = 0 ]; echo $?)" \
	"a reader meanwhile saw all the old records or none, nothing torn ($checks reads, $mbad bad$([ -s "$tmp/monitor.bad" ] && echo ": $(head -n 2 "$tmp/monitor.bad" | tr '\n' ' ')"))"
ok "$([ ! -s "$tmp/purge.fail" ]; echo $?)" "every append succeeded$([ -s "$tmp/purge.fail" ] && echo " - $(head -c 200 "$tmp/purge.fail")")"
if [ -n "$shim" ]; then
	ok "$([ $in_rewrite -gt 0 ]; echo $?)" "kills landed during the rewrite ($in_rewrite)"
fi
# the next rewrite removes what the killed ones left
[ "$(olds)" = 0 ] && add_old
left_before=$(find "$d2" -name '.intake.csv.tmp.*' | wc -l)
intake-purge -d "$d2" --older-than 3y >"$tmp/p.out" 2>"$tmp/p.err"
rc=$?
ok "$([ $rc = 0 ] && grep -q "^2023-11-23,$old," "$tmp/p.out" && [ ! -s "$tmp/p.err" ] && [ "$(olds)" = 0 ]; echo $?)" \
	"the next purge runs to its end (exit $rc, $(tail -n 1 "$tmp/p.out") $(head -c 200 "$tmp/p.err"))"
ok "$([ -z "$(find "$d2" -name '.intake.csv.tmp.*')" ]; echo $?)" \
	"no temporary file left after it ($left_before before)"
data-check -d "$d2" --repair >"$tmp/dc3.out" 2>"$tmp/dc3.err"
rc=$?
ok "$([ $rc = 0 ] && [ ! -s "$tmp/dc3.err" ]; echo $?)" "data-check --repair: nothing to repair, exit 0 (exit $rc)" "$tmp/dc3.err"
data-check -d "$d2" >"$tmp/dc4.out" 2>"$tmp/dc4.err"
rc=$?
ok "$([ $rc = 0 ] && [ ! -s "$tmp/dc4.err" ]; echo $?)" \
	"data-check: no corrupt row, ids increase (exit $rc)" "$tmp/dc4.err"
intake-query -d "$d2" --columns client >"$tmp/clients" 2>"$tmp/q.err"
ok "$([ $? = 0 ] && [ ! -s "$tmp/q.err" ]; echo $?)" "intake.csv reads back whole" "$tmp/q.err"
tail -n +2 "$tmp/clients" | sort >"$tmp/purge.present"
{ cat "$tmp"/purge.acked.*; seq -f 'P%g' $base; } | sort >"$tmp/purge.want"
ok "$(cmp -s "$tmp/purge.want" "$tmp/purge.present"; echo $?)" \
	"every acknowledged record present once, no old one ($(wc -l <"$tmp/purge.want") expected, $(wc -l <"$tmp/purge.present") present)"
ok "$([ "$(stat -c %a "$d2/intake.csv")" = 660 ]; echo $?)" "intake.csv is mode 0660"
echo "# intake-purge: $killed kills ($((killed - in_rewrite - after_rename)) before the rewrite," \
	"$in_rewrite during it, $after_rename after the rename)," \
	"$completed runs to the end, $epoch batches of $old old records; $(wc -l <"$tmp/purge.present") records"
others="intake-add_stress_test.sh (200) and referral-add_stress_test.sh (4)" other_kills=204
[ -n "${OKIENKO_SANITIZED:-}" ] && others="intake-add_stress_test.sh (60)" other_kills=60
echo "# this test: $((cap_killed + killed)) kills in $(($(now_ms) - start_ms)) ms;" \
	"with $others: $((cap_killed + killed + other_kills))"
echo "1..$n"
