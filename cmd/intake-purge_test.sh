#!/bin/sh
# intake-purge: golden cases (testdata/intake-purge/*), then purges racing
# intake-add.
. "$OKIENKO_TOP/scripts/golden.sh"
golden_run intake-purge
if [ "${OKIENKO_VALGRIND:-}" = 1 ]; then
	# the race needs real speed; valgrind only checks the cases above
	echo "1..$golden_n"
	exit 0
fi

# A purge racing intake-add: the lock serialises them, so every record an
# intake-add acknowledged is in the file afterwards, once, and the purges
# removed exactly the old records before their cut-offs.
conc="$golden_tmp/concurrent"
mkdir -p "$conc"
cp "$OKIENKO_TOP/testdata/fixtures/check/services.yaml" "$conc/"
awk 'BEGIN {
	print "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note"
	for (i = 1; i <= 24000; i++)
		printf "2020-%06d,2020-%02d-15T10:00:00+01:00,lbc-1,C%06d,f,18-59,UA,uk,1,housing,,no,,open,old\n", i, int((i - 1) / 2000) + 1, i
}' >"$conc/intake.csv"
for w in 1 2 3 4; do
	(
		for i in $(seq 1 25); do
			intake-add -d "$conc" --desk "w$w" --client "C$w-$i" --nationality UA \
				--needs housing -f tsv 2>>"$conc.err" | tail -n +2 | cut -f1
		done >"$conc.ids.$w"
	) &
done
purge_ok=0
for m in 02 03 04 05 06 07 08 09 10 11 12; do
	intake-purge -d "$conc" --before "2020-$m-01" >/dev/null 2>>"$conc.err" || purge_ok=1
done
wait
n=$((golden_n + 1))
[ $purge_ok = 0 ] && [ ! -s "$conc.err" ]
if [ $? = 0 ]; then echo "ok $n - concurrent purges and appends: no errors"; else
	echo "not ok $n - concurrent purges and appends: no errors"; sed 's/^/# /' "$conc.err" | head -5; fi
n=$((n + 1))
acked=$(cat "$conc".ids.* | sort)
stored=$(tail -n +2 "$conc/intake.csv" | cut -d, -f1 | grep '^2026-' | sort)
if [ "$(echo "$acked" | wc -l)" = 100 ] && [ "$acked" = "$stored" ]; then
	echo "ok $n - every acknowledged record is stored once"
else
	echo "not ok $n - every acknowledged record is stored once"
fi
n=$((n + 1))
old=$(grep -c '^2020-' "$conc/intake.csv")
if [ "$old" = 2000 ] && [ "$(grep -c ',2020-12-15T' "$conc/intake.csv")" = 2000 ]; then
	echo "ok $n - the purges removed exactly the records before their cut-offs"
else
	echo "not ok $n - the purges removed exactly the records before their cut-offs (old: $old)"
fi
n=$((n + 1))
chmod 0660 "$conc"/*.csv
if data-check -d "$conc" >"$conc.check" 2>&1; then echo "ok $n - data-check finds nothing afterwards"; else
	echo "not ok $n - data-check finds nothing afterwards"; sed 's/^/# /' "$conc.check" | head -5; fi
golden_n=$n
echo "1..$golden_n"
