#!/bin/sh
# intake-query: golden cases (testdata/intake-query/*), then the changes of
# intake-update applied alike on the fast path (threads, blocks) and the
# careful one, and equal to a copy of intake.csv with the changes written in.
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run intake-query
if [ "${OKIENKO_VALGRIND:-}" = 1 ]; then
	echo "1..$golden_n"
	exit 0
fi

o="$golden_tmp/overlay"
mkdir -p "$o/fast" "$o/careful"
awk 'BEGIN {
	print "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note"
	for (i = 1; i <= 40000; i++)
		printf "2026-%06d,2026-11-%02d10:00:00+01:00,d%d,C%d,f,18-59,UA,uk,1,housing,,no,,open,note %d\n",
			i, i % 28 + 1, i % 5, i, i
}' | sed 's/-\([0-9][0-9]\)10:00/-\1T10:00/' >"$o/fast/intake.csv"
# changes to every 200th record, some twice, across the blocks of the fast path
awk 'BEGIN {
	print "change,ts,id,field,old,new,desk,advisor,reason"
	for (i = 200; i <= 40000; i += 200) {
		n++
		printf "%d,2026-11-23T09:00:00+01:00,2026-%06d,status,open,closed,x1,,r\n", n, i
		printf "%d,2026-11-23T09:00:00+01:00,2026-%06d,note,note %d,changed %d,x1,,r\n", n, i, i, i
		if (i % 1000 == 0) {
			n++
			printf "%d,2026-11-23T09:05:00+01:00,2026-%06d,note,changed %d,again %d,x2,,r\n", n, i, i, i
		}
	}
}' >"$o/fast/intake-changes.csv"
cp "$o/fast/intake-changes.csv" "$o/careful/"
# a CRLF on the first record: the careful path reads the whole file
sed '2s/$/\r/' "$o/fast/intake.csv" >"$o/careful/intake.csv"
# the copy with the changes written in, read as it is
awk -F, 'NR == FNR { if (FNR > 1) v[$3, $4] = $6; next }
	FNR > 1 { if (($1, "status") in v) $14 = v[$1, "status"]; if (($1, "note") in v) $15 = v[$1, "note"] }
	{ print }' OFS=, "$o/fast/intake-changes.csv" "$o/fast/intake.csv" >"$o/written.csv"
q="--columns id,status,note,desk"
intake-query -d "$o/fast" --jobs 4 $q >"$o/fast.out" 2>&1
intake-query -d "$o/careful" --jobs 4 $q >"$o/careful.out" 2>&1
intake-query -d "$o/fast" $q "$o/written.csv" >"$o/written.out" 2>&1
n=$((golden_n + 1))
if cmp -s "$o/fast.out" "$o/careful.out" && cmp -s "$o/fast.out" "$o/written.out" &&
	[ "$(grep -c ',closed,' "$o/fast.out")" = 200 ] && [ "$(grep -c ',again ' "$o/fast.out")" = 40 ]; then
	echo "ok $n - the changes on the fast path, the careful path and a copy with them written in: the same records"
else
	echo "not ok $n - the changes on the fast path, the careful path and a copy with them written in: the same records"
	diff "$o/fast.out" "$o/careful.out" | head -5 | sed 's/^/# /'
	diff "$o/fast.out" "$o/written.out" | head -5 | sed 's/^/# /'
fi
n=$((n + 1))
intake-query -d "$o/fast" --jobs 3 --count-by status,version >"$o/fast.count" 2>&1
intake-query -d "$o/careful" --jobs 1 --count-by status,version >"$o/careful.count" 2>&1
if cmp -s "$o/fast.count" "$o/careful.count" &&
	[ "$(cat "$o/fast.count")" = "status,version,count
closed,1,160
closed,2,40
open,0,39800" ]; then
	echo "ok $n - counts by status and version alike on both paths"
else
	echo "not ok $n - counts by status and version alike on both paths"
	sed 's/^/# /' "$o/fast.count" | head -5
fi
golden_n=$n
echo "1..$golden_n"
