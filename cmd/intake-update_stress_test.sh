#!/bin/bash
# intake-update under concurrency and crashes (TAP).
#
# 1. 20 updaters at once, each updating records that others update too,
#    beside two intake-add writers and intake-purge --client erasing other
#    clients all along: every acknowledged update is in intake-changes.csv
#    once, its rows under one change number that no other update has,
#    numbers increase in file order; readers see for each record the last
#    value and the version the file says; every acknowledged intake is
#    there; every erased client is gone; data-check finds nothing.
# 2. Updaters killed with kill -9 at random moments, at least 200 times
#    (60 under the sanitizers), while a shim splits each write in two so
#    that kills land inside an append.  After the next update: every
#    acknowledged update is there once, every update whole (both its rows)
#    or absent, no torn row is left, data-check finds nothing.
# Only processes this script started are killed, by their process id.
# Counts are of events, whatever time they take; loops are bounded by a
# number of tries, against a hang only.
set -u
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}" "${OKIENKO_TESTBIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
unset OKIENKO_DIR OKIENKO_SLOWWRITE_US OKIENKO_SLOWWRITE_UNTIL OKIENKO_SLOWWRITE_MATCH
tmp=$(mktemp -d)
pids=""
trap 'touch "$tmp/crash/stop" 2>/dev/null; for p in $pids; do kill -9 "$p" 2>/dev/null; done
	wait; rm -rf "$tmp"' EXIT
n=0
. "$OKIENKO_TOP/scripts/tap.sh"
small="$OKIENKO_TOP/testdata/fixtures/small/services.yaml"

updaters=20 updates=25 kills=200 shim="$OKIENKO_TESTBIN/slowwrite.so"
if [ -n "${OKIENKO_SANITIZED:-}" ]; then updates=6 kills=60 shim=""; fi

# records(N): an intake.csv of N open records of clients P1..PN (no quotes:
# the checks below split the change file's rows at commas)
records() {
	awk -v n="$1" 'BEGIN {
		print "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note"
		for (i = 1; i <= n; i++)
			printf "2026-%06d,2026-11-02T10:00:00+01:00,base,P%d,f,18-59,UA,uk,1,housing,,no,,open,first %d\n", i, i, i
	}'
}

# --- 1. concurrent updaters, appends and erasures -------------------------
d1="$tmp/concurrent"
mkdir -p "$d1"
cp "$small" "$d1/"
records 400 >"$d1/intake.csv"
chmod 0660 "$d1/intake.csv"
for w in $(seq $updaters); do
	(
		for i in $(seq $updates); do
			# records 101-400, so that updaters meet on the same records
			r=$((101 + (w * 37 + i * 53) % 300))
			id=$(printf '2026-%06d' $r)
			if intake-update -d "$d1" "$id" --note "w$w-$i" --household $(((w + i) % 30 + 1)) \
				--desk d$w --reason "R$w-$i" >/dev/null 2>>"$tmp/u.err.$w"; then
				echo "R$w-$i $id" >>"$tmp/u.acked"
			else
				echo "R$w-$i $id" >>"$tmp/u.failed"
			fi
		done
	) &
	pids="$pids $!"
done
for w in 1 2; do
	(
		for i in $(seq 20); do
			intake-add -d "$d1" --desk a$w --client A$w-$i --nationality UA --needs housing \
				>/dev/null 2>>"$tmp/a.err" && echo "A$w-$i" >>"$tmp/a.acked"
		done
	) &
	pids="$pids $!"
done
(
	# the clients of records 1-100, which no updater touches
	for k in $(seq 1 5 100); do
		intake-purge -d "$d1" --client P$k --desk e1 --reason objection >/dev/null 2>>"$tmp/e.err" &&
			echo "P$k" >>"$tmp/e.acked"
	done
) &
pids="$pids $!"
wait
pids=""
acked=$(wc -l <"$tmp/u.acked")
ok "$([ ! -e "$tmp/u.failed" ] && [ "$acked" = $((updaters * updates)) ]; echo $?)" \
	"every update acknowledged ($acked of $((updaters * updates))$([ -e "$tmp/u.failed" ] &&
	echo ", failed: $(head -c 200 "$tmp"/u.err.* | tr '\n' ' ')"))"
ok "$([ "$(wc -l <"$tmp/a.acked")" = 40 ] && [ "$(wc -l <"$tmp/e.acked")" = 20 ] &&
	[ ! -s "$tmp/a.err" ] && [ ! -s "$tmp/e.err" ]; echo $?)" \
	"every append and every erasure succeeded beside them"
# the change file's rows: change,ts,id,field,old,new,desk,advisor,reason (no quotes in these)
tail -n +2 "$d1/intake-changes.csv" | awk -F, '{ print $1, $3, $4, $6, $9 }' >"$tmp/rows"
bad=$(awk '
	{ if ($1 < last) print "number " $1 " after " last; last = $1
	  if (($5) in num && num[$5] != $1) print "update " $5 " under two numbers"
	  num[$5] = $1
	  if (($1) in who && who[$1] != $5) print "number " $1 " for two updates"
	  who[$1] = $5 }' "$tmp/rows" | head -n 3 | tr '\n' ' ')
ok "$([ -z "$bad" ]; echo $?)" "one number per update, none shared, increasing in file order${bad:+: $bad}"
missing=$(while read -r r id; do
	c=$(awk -v r="$r" -v id="$id" '$5 == r && $2 == id && $3 == "note"' "$tmp/rows" | wc -l)
	[ "$c" = 1 ] || echo "$r:$c"
done <"$tmp/u.acked" | head -n 5 | tr '\n' ' ')
ok "$([ -z "$missing" ]; echo $?)" "every acknowledged update is in the file once${missing:+ ($missing)}"
ok "$([ "$(awk '{ print $5 }' "$tmp/rows" | sort -u | wc -l)" = "$acked" ]; echo $?)" \
	"and nothing else is"
# readers: each record's note is the last one written, its version the updates it had
awk '$3 == "note" { note[$2] = $4 } { if (!(($2 SUBSEP $1) in seen)) { seen[$2, $1] = 1; v[$2]++ } }
	END { for (id in note) print id "," note[id] "," v[id] }' "$tmp/rows" | sort >"$tmp/want"
intake-query -d "$d1" --columns id,note,version | grep -v ',first [0-9]*,' | grep -v ',,0$' |
	tail -n +2 | sort >"$tmp/got"
ok "$(cmp -s "$tmp/want" "$tmp/got"; echo $?)" \
	"intake-query shows every record's last note and its version ($(wc -l <"$tmp/got") records)"
erased=$(intake-query -d "$d1" --client "$(tr '\n' ',' <"$tmp/e.acked" | sed 's/,$//')" --columns id | tail -n +2 | wc -l)
added=$(intake-query -d "$d1" --desk a1,a2 --columns client | tail -n +2 | sort)
ok "$([ "$erased" = 0 ] && [ "$added" = "$(sort "$tmp/a.acked")" ]; echo $?)" \
	"the erased clients are gone, every acknowledged intake is there ($erased left)"
ok "$([ "$(grep -c ',e1,objection,,1,0,0,0$' "$d1/erasures.csv")" = 20 ]; echo $?)" "twenty erasures logged"
chmod 0660 "$d1"/*.csv
data-check -d "$d1" >"$tmp/dc1" 2>&1
ok $? "data-check finds nothing: old chains from intake.csv, no orphan" "$tmp/dc1"

# --- 2. kill -9 during updates --------------------------------------------
d2="$tmp/crash"
mkdir -p "$d2"
cp "$small" "$d2/"
records 300 >"$d2/intake.csv"
chmod 0660 "$d2/intake.csv"
for w in $(seq 6); do
	(
		i=0
		while [ ! -e "$d2/stop" ]; do
			i=$((i + 1))
			id=$(printf '2026-%06d' $(((w * 131 + i * 7) % 300 + 1)))
			# two fields that always change: an update is two rows
			if LD_PRELOAD=$shim intake-update -d "$d2" "$id" --client "K$w-$i" \
				--note "crash test, line
two of $w/$i" --desk k$w --reason "K$w-$i" >/dev/null 2>&1; then
				echo "K$w-$i" >>"$tmp/k.acked"
			fi
		done
	) 2>/dev/null &
	pids="$pids $!"
done
killed=0 tries=0
while [ $killed -lt $kills ] && [ $tries -lt $((100 * kills)) ]; do
	tries=$((tries + 1))
	sleep "0.0$((RANDOM % 3))$((RANDOM % 10))"
	kill_one "^intake-update -d $d2 " && killed=$((killed + 1))
done
touch "$d2/stop"
wait
pids=""
ok "$([ $killed -ge $kills ]; echo $?)" "at least $kills updaters killed ($killed in $tries tries)"
intake-update -d "$d2" 2026-000001 --note final --desk final --reason final >/dev/null 2>"$tmp/final.err"
ok $? "the next update succeeds" "$tmp/final.err"
# rows by reason: an update is both its rows, under one number, or absent
intake-query -d "$d2" --columns id >/dev/null 2>"$tmp/q.err"
ok "$([ $? = 0 ] && [ ! -s "$tmp/q.err" ]; echo $?)" "intake.csv with its changes reads back whole" "$tmp/q.err"
chmod 0660 "$d2"/*.csv
data-check -d "$d2" >"$tmp/dc2" 2>&1
ok $? "data-check finds nothing: no torn row, old chains whole" "$tmp/dc2"
awk 'BEGIN { FS = "," } FNR == 1 { next }
	/^[0-9]+,2026-/ { n = $1 } { if (match($0, /,K[0-9]+-[0-9]+$/)) print n, substr($0, RSTART + 1) }' \
	"$d2/intake-changes.csv" | sort | uniq -c >"$tmp/k.rows"
partial=$(awk '$1 != 2' "$tmp/k.rows" | head -n 3 | tr '\n' ' ')
ok "$([ -z "$partial" ]; echo $?)" "every update whole: two rows under one number ($(wc -l <"$tmp/k.rows") updates)${partial:+: $partial}"
awk '{ print $3 }' "$tmp/k.rows" | sort >"$tmp/k.present"
dup=$(uniq -d "$tmp/k.present" | head -n 3 | tr '\n' ' ')
lost=$(sort "$tmp/k.acked" | comm -23 - "$tmp/k.present" | head -n 3 | tr '\n' ' ')
ok "$([ -z "$dup" ] && [ -z "$lost" ]; echo $?)" \
	"every acknowledged update there once ($(wc -l <"$tmp/k.acked") acknowledged)${lost:+; lost: $lost}${dup:+; twice: $dup}"
nums=$(awk '{ print $2 }' "$tmp/k.rows" | sort | uniq -d | head -n 3 | tr '\n' ' ')
ok "$([ -z "$nums" ]; echo $?)" "no change number given to two updates${nums:+: $nums}"
torn=0
[ -e "$d2/intake-changes.csv.torn" ] && torn=$(grep -c '^[0-9]*,2026-' "$d2/intake-changes.csv.torn")
echo "# $killed kills, $(wc -l <"$tmp/k.acked") updates acknowledged, $(wc -l <"$tmp/k.rows") stored, $torn torn appends cut"
if [ -n "$shim" ]; then
	ok "$([ "$torn" -gt 0 ]; echo $?)" "kills landed inside appends and were cut by the next update"
fi
# --- 3. intake-purge killed while it takes the changes and referrals along --
# A template: 200 old records (2019) and 200 recent ones, each with a change
# and a referral.  Each round a copy is purged (--older-than 3y) and killed
# at a random moment of its run; then no rewritten file is torn (the log's
# append may be, as any append killed: the next writer cuts it), the only
# findings of data-check are orphans, and no old record that is still in intake.csv has
# lost its change or its referral (intake.csv is renamed first).  The next
# purge leaves no orphan.
purge_kills=40
[ -n "${OKIENKO_SANITIZED:-}" ] && purge_kills=15
t3="$tmp/template"
mkdir -p "$t3"
cp "$small" "$t3/"
awk 'BEGIN {
	print "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note" >"intake.csv"
	print "change,ts,id,field,old,new,desk,advisor,reason" >"intake-changes.csv"
	print "date,intake_id,service,outcome,reason,note" >"referrals.csv"
	for (i = 1; i <= 400; i++) {
		y = i <= 200 ? "2019-03-04" : "2026-11-02"
		printf "2026-%06d,%sT10:00:00+01:00,base,P%d,f,18-59,UA,uk,1,housing,svet-legal,yes,,referred,first %d\n", i, y, i, i >"intake.csv"
		printf "%d,2026-11-20T10:00:00+01:00,2026-%06d,note,first %d,changed %d,d1,,r\n", i, i, i, i >"intake-changes.csv"
		printf "2026-11-21,2026-%06d,svet-legal,accepted,,\n", i >"referrals.csv"
	}
}' && mv intake.csv intake-changes.csv referrals.csv "$t3/"
chmod 0660 "$t3"/*.csv
d3="$tmp/purgekill"
# the run time of a whole purge, to kill within it
cp -a "$t3" "$d3"
t0=$(date +%s%3N)
LD_PRELOAD=$shim OKIENKO_SLOWWRITE_US=300 intake-purge -d "$d3" --older-than 3y >/dev/null 2>&1
T=$(($(date +%s%3N) - t0))
[ $T -gt 999 ] && T=999
killed=0 rounds=0 bad="" orphaned=0 untouched=0 done_=0
while [ $killed -lt $purge_kills ] && [ $rounds -lt $((20 * purge_kills)) ]; do
	rounds=$((rounds + 1))
	rm -rf "$d3"
	cp -a "$t3" "$d3"
	LD_PRELOAD=$shim OKIENKO_SLOWWRITE_US=300 intake-purge -d "$d3" --older-than 3y >/dev/null 2>&1 &
	p=$!
	pids="$p"
	sleep "$(printf '0.%03d' $((RANDOM % (T + 1))))"
	kill -9 $p 2>/dev/null
	wait $p 2>/dev/null
	rc=$?
	pids=""
	[ $rc = 0 ] && continue # it ran to its end before the kill
	killed=$((killed + 1))
	data-check -d "$d3" >/dev/null 2>"$tmp/dc3"
	# the log's append cut short is a torn tail, as any append's: cut by the next writer
	other=$(grep -v -e 'which is not in intake.csv' -e 'hint: intake-purge removes the rows' \
		-e 'erasures.csv:[0-9]*:1: incomplete last record' -e 'keeps a copy in erasures.csv.torn' \
		"$tmp/dc3" | head -n 2 | tr '\n' ' ')
	[ -z "$other" ] || bad="$bad [$other]"
	lost=$(awk -F, 'FILENAME ~ /intake.csv$/ && FNR > 1 && $2 ~ /^2019/ { old[$1] = 1 }
		FILENAME ~ /changes/ && FNR > 1 { ch[$3] = 1 }
		FILENAME ~ /referrals/ && FNR > 1 { rf[$2] = 1 }
		END { for (id in old) if (!(id in ch) || !(id in rf)) n++; print n + 0 }' \
		"$d3/intake.csv" "$d3/intake-changes.csv" "$d3/referrals.csv")
	[ "$lost" = 0 ] || bad="$bad [$lost records without their rows]"
	if grep -q 'which is not in intake.csv' "$tmp/dc3"; then orphaned=$((orphaned + 1))
	elif grep -q '^2026-[0-9]*,2019-' "$d3/intake.csv"; then untouched=$((untouched + 1))
	else done_=$((done_ + 1)); fi
done
echo "# purge kills: $untouched before the first rename, $orphaned between renames (orphans), $done_ after the last (a run takes about $T ms)"
ok "$([ $killed -ge $purge_kills ] && [ -z "$bad" ]; echo $?)" \
	"$killed purges killed on the way: nothing torn, only orphans, no record without its rows${bad:+:$bad}"
intake-purge -d "$d3" --older-than 3y >/dev/null 2>"$tmp/p3.err"
# --repair: when the last kill fell after the last rename, this purge has
# nothing to remove and writes no log line, so the log's torn tail is left
# for the repair (or the log's next writer) to cut; anything else is a fault
data-check -d "$d3" --repair >"$tmp/dc4" 2>&1
ok "$([ $? = 0 ] && [ "$(grep -c '^2026-[0-9]*,2019-' "$d3/intake.csv")" = 0 ] &&
	[ "$(tail -n +2 "$d3/referrals.csv" | wc -l)" = 200 ] && [ "$(tail -n +2 "$d3/intake-changes.csv" | wc -l)" = 200 ]; echo $?)" \
	"the next purge finishes the work: no old record, no orphan ($rounds rounds)" "$tmp/dc4"
echo "1..$n"
