#!/bin/sh
# schedule-check appointments on many overlapping bookings: the rows are
# O(n) (at most SCHEDULE_OVERLAPS_SHOWN per appointment and kind, then one
# row counting the rest), not one per overlapping pair, and memory stays
# small.  Counts rows and bounds the address space; measures no time.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
. "$OKIENKO_TOP/scripts/tap.sh"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C TZ=UTC
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cp "$OKIENKO_TOP/testdata/fixtures/schedule/services.yaml" "$tmp/"

# 3,000 identical bookings of one specialist with 3,000 clients: 4.5
# million overlapping pairs.
awk 'BEGIN {
	print "id,start,end,service,specialist,client,language,interpreter,status"
	for (i = 1; i <= 3000; i++)
		printf "X%04d,2026-11-24T09:00,2026-11-24T10:00,most-legal,pravnik-1,C%06d,cs,,booked\n", i, i
}' >"$tmp/appointments.csv"

# Appointment i (0-based) overlaps 2999 - i later ones: p > 10 gives 10
# rows and a count, p <= 10 gives p rows.
want=$(awk 'BEGIN { for (p = 0; p < 3000; p++) t += p > 10 ? 11 : p; print t + 1 }')
# The old quadratic list needed about 1 GB; sanitizers reserve far more
# address space than they use, so the bound applies to plain builds only.
limit=""
[ -z "${OKIENKO_SANITIZED:-}" ] && [ -z "${OKIENKO_VALGRIND:-}" ] && limit="ulimit -v 262144;"
(eval "$limit" cd "$tmp" && schedule-check appointments >"$tmp/out" 2>"$tmp/err")
rc=$?
got=$(wc -l <"$tmp/out")
report "$([ $rc = 1 ] && [ "$got" = "$want" ] && echo 0)" \
	"3000 identical bookings: $want rows, not 4.5 million (got $got, exit $rc)" "$tmp/err"

last=$(tail -1 "$tmp/out")
report "$([ "$last" = "X2999,X3000,overlap-specialist,specialist 'pravnik-1' is booked twice at 2026-11-24T09:00" ] && echo 0)" \
	"the last pair is listed ($last)"
grep -c "more overlaps with this appointment not listed" "$tmp/out" >"$tmp/n"
report "$([ "$(cat "$tmp/n")" = 2989 ] && echo 0)" "2989 appointments have a row counting the rest ($(cat "$tmp/n"))"
line=$(grep '^X0001,,' "$tmp/out")
report "$([ "$line" = "X0001,,overlap-specialist,specialist 'pravnik-1': 2989 more overlaps with this appointment not listed" ] && echo 0)" \
	"the first appointment's count is 2999 - 10 ($line)"
echo "1..$n"
