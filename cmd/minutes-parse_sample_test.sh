#!/bin/sh
# minutes-parse on real minutes: ../shared/samples/001_a521fc4b5d507ebb.txt
# beside the checkout (a Czech working group's minutes, not part of the
# project) must parse completely.  Only counts and dates are compared, so
# none of its text is copied here.  Skipped when the file is not there.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
unset OKIENKO_DIR
sample=$OKIENKO_TOP/../shared/samples/001_a521fc4b5d507ebb.txt
if [ ! -f "$sample" ]; then
	echo "ok 1 # skip $sample not found"
	echo "1..1"
	exit 0
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0

# is WHAT GOT WANT
is() {
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '# got:  %s\n# want: %s\n' "$2" "$3"
	fi
}

# at_least WHAT GOT MIN
at_least() {
	n=$((n + 1))
	if [ "$2" -ge "$3" ]; then
		echo "ok $n - $1 ($2)"
	else
		echo "not ok $n - $1"
		printf '# got:  %s\n# want: at least %s\n' "$2" "$3"
	fi
}

# rows VIEW: the rows of a CSV view of the sample, without the header.
rows() {
	"$OKIENKO_BIN/minutes-parse" -d "$tmp" "$1" "$sample" >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/status"
	tail -n +2 "$tmp/out"
}

rows --attendees >"$tmp/attendees"
is "attendees: exit status" "$(cat "$tmp/status")" 0
is "attendees: stderr is empty" "$(cat "$tmp/err")" ""
is "attendees: all 16" "$(wc -l <"$tmp/attendees" | tr -d ' ')" 16
is "attendees: the meeting date" "$(cut -d, -f1 "$tmp/attendees" | sort -u)" 2023-05-15
is "attendees: no duplicates" "$(cut -d, -f2- "$tmp/attendees" | sort -u | wc -l | tr -d ' ')" 16

rows --updates >"$tmp/updates"
is "updates: exit status" "$(cat "$tmp/status")" 0
at_least "updates: every organisation's" "$(wc -l <"$tmp/updates" | tr -d ' ')" 11
is "updates: distinct organisations" \
	"$(cut -d, -f3 "$tmp/updates" | sort -u | wc -l | tr -d ' ')" \
	"$(wc -l <"$tmp/updates" | tr -d ' ')"

rows --capacity >"$tmp/capacity"
is "capacity: exit status" "$(cat "$tmp/status")" 0
at_least "capacity: statements" "$(wc -l <"$tmp/capacity" | tr -d ' ')" 3
# columns: date,service,unit,used,total,waiting,status,source,note
at_least "capacity: full ones" \
	"$(awk -F, '$7 == "full"' "$tmp/capacity" | wc -l | tr -d ' ')" 2
at_least "capacity: with room for more, and a number in use" \
	"$(awk -F, '$7 == "ok" && $4 != ""' "$tmp/capacity" | wc -l | tr -d ' ')" 1
at_least "capacity: with a waiting list" \
	"$(awk -F, '$6 != ""' "$tmp/capacity" | wc -l | tr -d ' ')" 1
is "capacity: source" "$(cut -d, -f8 "$tmp/capacity" | sort -u)" minutes:2023-05-15

rows --next >"$tmp/next"
is "next: exit status" "$(cat "$tmp/status")" 0
is "next: both dates, the year from the meeting" "$(cat "$tmp/next")" \
"2023-09-11,13:30
2023-11-13,13:30"

"$OKIENKO_BIN/minutes-parse" -d "$tmp" "$sample" >"$tmp/doc" 2>"$tmp/err"
is "document: exit status" "$?" 0
is "document: meeting date and time" \
	"$(grep -E '^  (date|time):' "$tmp/doc" | tr -d ' "' | tr '\n' ' ')" "date:2023-05-15 time:13:30 "
is "document: topics" "$(awk '/^topics:/{t=1; next} /^[a-z]/{t=0} t' "$tmp/doc" | wc -l | tr -d ' ')" 1
is "document: an author" "$(grep -c '^author: "' "$tmp/doc")" 1
is "document: a group and a place" "$(grep -cE '^  (group|place): "' "$tmp/doc")" 2

echo "1..$n"
