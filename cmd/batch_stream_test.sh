#!/bin/bash
# --batch of the *-add commands on batches larger than the spool's memory
# (SPOOL_MEM, 1 MiB), where the checked records wait in a temporary file of
# the data directory (TAP).
#
# 1. A valid batch of 20,000 records is stored whole, printed as stored.
# 2. The same batch with an error in its last record: exit 3, the error
#    with its line and column, nothing written, no temporary file left;
#    likewise for capacity-add, and for referral-add whose last record
#    names an intake that does not exist (found after the records are
#    spooled).
# 3. A batch killed (kill -9) while it is being read, after its spool went
#    to a file: that file has no name in the directory, nothing is written,
#    nothing is left behind, and the directory passes data-check.
# 4. Peak memory of a 50,000-record batch stays under 32 MiB (not under
#    the sanitizers or valgrind, whose own memory would be measured).
set -u
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=Europe/Prague
export OKIENKO_NOW=2026-11-22T12:00:00+01:00
unset OKIENKO_DIR
tmp=$(mktemp -d)
feeder=
trap '[ -n "$feeder" ] && kill -9 "$feeder" 2>/dev/null; rm -rf "$tmp"' EXIT
. "$OKIENKO_TOP/scripts/tap.sh"

services=$OKIENKO_TOP/testdata/demo/services.yaml

# batch N FILE: N generated intake records without their ids
batch() {
	gen-intake -n "$1" -s 19 --end 2026-11-20 --days 300 --services "$services" \
		--newline-rate 10 |
		awk 'NR == 1 { print; next } { if (!open) sub(/^[^,]*/, ""); if (gsub(/"/, "\"") % 2) open = !open; print }' >"$2"
}

# temps DIR: the temporary files in DIR (none expected)
temps() {
	ls -A "$1" | grep '\.tmp\.' || true
}

fresh() {
	rm -rf "$1"
	mkdir -p "$1"
	cp "$services" "$1/"
}

batch 20000 "$tmp/good.csv"
records=$(($(intake-query --columns id "$tmp/good.csv" | wc -l) - 1))
report "$([ "$records" = 20000 ] && [ "$(stat -c %s "$tmp/good.csv")" -gt 2000000 ]; echo $?)" \
	"the test batch has 20,000 records and is larger than the spool's memory"

# --- 1. stored whole ---------------------------------------------------------
d=$tmp/d1
fresh "$d"
intake-add -d "$d" --batch <"$tmp/good.csv" >"$tmp/out1" 2>"$tmp/err1"
report $? "a valid batch of 20,000 records is stored" "$tmp/err1"
report "$(cmp -s "$tmp/out1" "$d/intake.csv"; echo $?)" \
	"what is printed is what was stored, byte for byte (new file: header and records)"
intake-query -d "$d" --columns id | tail -n +2 >"$tmp/ids"
report "$([ "$(head -n 1 "$tmp/ids")" = 2026-000001 ] && [ "$(tail -n 1 "$tmp/ids")" = 2026-020000 ] &&
	[ "$(sort -u "$tmp/ids" | wc -l)" = 20000 ]; echo $?)" "ids 2026-000001 to 2026-020000, each once"
intake-query --columns ts,desk,client,needs,note "$tmp/good.csv" >"$tmp/in.cols"
intake-query -d "$d" --columns ts,desk,client,needs,note >"$tmp/stored.cols"
report "$(cmp -s "$tmp/in.cols" "$tmp/stored.cols"; echo $?)" \
	"every record stored as it came, embedded line breaks included"
report "$([ -z "$(temps "$d")" ]; echo $?)" "no temporary file is left"

# --- 2. an error in the last record --------------------------------------------
cp "$tmp/good.csv" "$tmp/bad.csv"
lines=$(wc -l <"$tmp/good.csv")
printf ',2026-11-20T10:00:00+01:00,jzv-kac,Clast,f,18-59,ZZ,cs,1,housing,,yes,,open,\n' >>"$tmp/bad.csv"
cp "$d/intake.csv" "$tmp/before.csv"
intake-add -d "$d" --batch <"$tmp/bad.csv" >"$tmp/out2" 2>"$tmp/err2"
rc=$?
cat >"$tmp/want2" <<EOF
intake-add: -:$((lines + 1)):50: unknown country code 'ZZ'
intake-add: hint: use an ISO 3166-1 alpha-2 code such as UA, or XX when unknown
intake-add: 1 of 20001 records are invalid; nothing was written
EOF
report "$([ $rc = 3 ]; echo $?)" "intake-add: an error in record 20,001 of a large batch exits 3"
report "$(diff "$tmp/want2" "$tmp/err2" >"$tmp/diff2"; echo $?)" \
	"intake-add: the error names its line and column; nothing on stdout" "$tmp/diff2"
report "$([ ! -s "$tmp/out2" ] && cmp -s "$tmp/before.csv" "$d/intake.csv" && [ -z "$(temps "$d")" ]; echo $?)" \
	"intake-add: intake.csv is unchanged and no temporary file is left"

c=$tmp/c2
fresh "$c"
awk 'BEGIN { print "service,date,used,unit"
	for (i = 0; i < 40000; i++) printf "pristav-night,2026-11-%02d,%d,beds\n", i % 20 + 1, i % 20 }
	END { print "pristav-night,2026-11-2x,3,beds" }' </dev/null >"$tmp/cap.csv"
capacity-add -d "$c" --service pristav-night --date 2026-11-01 --used 3 >/dev/null
cp "$c/capacity.csv" "$tmp/cap.before"
capacity-add -d "$c" --batch <"$tmp/cap.csv" >"$tmp/out3" 2>"$tmp/err3"
rc=$?
report "$([ $rc = 3 ] && [ ! -s "$tmp/out3" ] && grep -q "^capacity-add: -:40002:15: " "$tmp/err3" &&
	grep -q "1 of 40001 records are invalid; nothing was written" "$tmp/err3" &&
	cmp -s "$tmp/cap.before" "$c/capacity.csv" && [ -z "$(temps "$c")" ]; echo $?)" \
	"capacity-add: an error in the last of 40,001 records: nothing written, no temporary file" "$tmp/err3"

r=$d
printf 'intake_id,service,outcome,date\n' >"$tmp/ref.csv"
awk -F, '$1 ~ /^2026-0/ { printf "%s,%s,accepted,2026-11-21\n", $1, ($11 == "" ? "none" : $11) }' \
	"$d/intake.csv" | grep -v ',none,' | grep -v ';' | head -n 20000 >>"$tmp/ref.csv"
printf '2026-999999,pristav-night,accepted,2026-11-21\n' >>"$tmp/ref.csv"
nref=$(($(wc -l <"$tmp/ref.csv") - 1))
cp "$d/intake.csv" "$tmp/before.csv"
referral-add -d "$r" --batch <"$tmp/ref.csv" >"$tmp/out4" 2>"$tmp/err4"
rc=$?
report "$([ $rc = 3 ] && [ "$nref" -gt 5000 ] && [ ! -s "$tmp/out4" ] &&
	grep -q "^referral-add: -:$((nref + 1)):1: no intake '2026-999999' in intake.csv" "$tmp/err4" &&
	grep -q "1 of $nref records are invalid; nothing was written" "$tmp/err4" &&
	[ ! -e "$r/referrals.csv" ] && [ -z "$(temps "$r")" ]; echo $?)" \
	"referral-add: an unknown intake in the last of $nref records: nothing written" "$tmp/err4"

# --- 3. killed while reading ---------------------------------------------------
d=$tmp/d3
fresh "$d"
intake-add -d "$d" --desk d3 --client FIRST --nationality UA --needs housing >/dev/null
cp "$d/intake.csv" "$tmp/before.csv"
mkfifo "$tmp/fifo"
# the first part (past the spool's memory), then the writer waits: the
# reader is blocked in the middle of the batch
{ head -n 15000 "$tmp/good.csv"; while [ ! -e "$tmp/stop" ]; do sleep 0.05; done; } >"$tmp/fifo" &
feeder=$!
intake-add -d "$d" --batch <"$tmp/fifo" >/dev/null 2>&1 &
pid=$!
spooled=
for _ in $(seq 1200); do
	spooled=$(ls -l "/proc/$pid/fd" 2>/dev/null | grep "/\.intake\.csv\.tmp\.[0-9a-f]* (deleted)")
	[ -n "$spooled" ] && break
	sleep 0.05
done
named=$(temps "$d")
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
touch "$tmp/stop"
wait "$feeder" 2>/dev/null
feeder=
report "$([ -n "$spooled" ] && [ -z "$named" ]; echo $?)" \
	"the spool went to a temporary file of the data directory that has no name"
report "$(cmp -s "$tmp/before.csv" "$d/intake.csv" && [ -z "$(temps "$d")" ]; echo $?)" \
	"killed in the middle of a batch: nothing appended, nothing left behind"
data-check -d "$d" >"$tmp/check" 2>&1
report $? "data-check finds nothing wrong after the kill" "$tmp/check"

# --- 4. memory ------------------------------------------------------------------
if [ -z "${OKIENKO_SANITIZED:-}${OKIENKO_VALGRIND:-}" ] && [ -x /usr/bin/time ]; then
	batch 50000 "$tmp/big.csv"
	d=$tmp/d4
	fresh "$d"
	/usr/bin/time -f %M -o "$tmp/rss" intake-add -d "$d" --batch <"$tmp/big.csv" >/dev/null 2>"$tmp/err5"
	rss=$(tail -n 1 "$tmp/rss")
	echo "# peak RSS of a 50,000-record batch: $rss KiB"
	report "$([ "$rss" -lt 32768 ]; echo $?)" "peak memory of a 50,000-record batch is under 32 MiB" "$tmp/err5"
else
	echo "ok $((n + 1)) # skip peak memory: not measured under the sanitizers or valgrind"
	n=$((n + 1))
fi

echo "1..$n"
