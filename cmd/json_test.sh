#!/bin/sh
# -f json checked with jq, as TAP: every command that prints records, on the
# demo directory (testdata/demo, intake.csv made by gen-intake as
# scripts/demo makes it; "now" and the zone fixed as in scripts/golden.sh),
# records, --count-by groups and reports.
#
# The shape checked, as lib/reports/output.h and the manual pages promise it:
# JSON Lines, every line one JSON object; its keys exactly the command's
# columns, in their order; the numeric columns of each manual page JSON
# numbers (null only where the value may be unknown, a string "<K" or a
# total's bound ">=N" only under --min-count), each of them a number (or "<K") in at least one row;
# every other value a string.  The ';'-lists (language, needs, referred_to) are
# strings (the json format has no arrays: output.h), "code;code".  And
# data-check --describe prints one JSON document.  Skipped without jq.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
unset OKIENKO_DIR

if ! command -v jq >/dev/null 2>&1; then
	echo "1..0 # SKIP jq is not installed (scripts/need-packages test installs it)"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
demo=$tmp/demo
mkdir "$demo"
cp "$OKIENKO_TOP"/testdata/demo/services.yaml "$OKIENKO_TOP"/testdata/demo/*.csv "$demo/"
gen-intake -n 2000 -s 1 --end 2026-11-22 --days 84 --services "$demo/services.yaml" >"$demo/intake.csv"
chmod 0660 "$demo"/*.csv
minutes=$OKIENKO_TOP/testdata/minutes/cs-clean.txt

. "$OKIENKO_TOP/scripts/tap.sh"

# A comma list as a JSON array of strings.
arr() {
	jq -n -c --arg s "$1" '$s | split(",")'
}

cat >"$tmp/shape.jq" <<'EOF'
# $keys: the columns; $num: the numeric ones; $nullable: numeric ones that
# may be null; $lists: ;-list columns; $below: "<K" allowed in numeric
# columns ("" when not), and then also a total's bound ">=N".
def bad_value($k; $v):
	if ($k | IN($num[])) then
		($v | type) as $t
		| if $t == "number" then false
		  elif $t == "null" then ($k | IN($nullable[])) | not
		  elif $t == "string" then $below == "" or ($v != $below and ($v | test("^>=[0-9]+$") | not))
		  else true end
	elif ($v | type) != "string" then true
	elif ($k | IN($lists[])) then ($v | test("^([a-z0-9-]+(;[a-z0-9-]+)*)?$") | not)
	else false end;
def problems:
	if length == 0 then "no records"
	else
		(.[] | select(type != "object") | "not an object: \(tojson)"),
		(.[] | select(type == "object" and keys_unsorted != $keys) | "keys \(keys_unsorted)"),
		(range(length) as $i | .[$i] | select(type == "object") | to_entries[]
		 | select(bad_value(.key; .value)) | "record \($i + 1): \(.key): \(.value | tojson)"),
		(. as $rows | $num[] | . as $k
		 | select([$rows[] | .[$k] | type == "number" or ($below != "" and . == $below)] | any | not)
		 | "\($k) is never a number"),
		(select($below != "") | select([.[] | .[] | select(. == $below)] | length == 0)
		 | "no count is \($below)")
	end;
[problems][:5][]
EOF

# shape DESCRIPTION KEYS NUMERIC NULLABLE LISTS BELOW STATUS COMMAND
shape() {
	(cd "$demo" && sh -c "$8") >"$tmp/out" 2>"$tmp/err"
	st=$?
	{
		[ "$st" = "$7" ] || echo "exit status $st, want $7"
		# every line one JSON text
		jq -R 'fromjson | empty' "$tmp/out" 2>&1
		jq -r -s --argjson keys "$(arr "$2")" --argjson num "$(arr "$3")" \
			--argjson nullable "$(arr "$4")" --argjson lists "$(arr "$5")" --arg below "$6" \
			-f "$tmp/shape.jq" "$tmp/out" 2>&1
	} >"$tmp/problems"
	[ -s "$tmp/problems" ] && cat "$tmp/err" >>"$tmp/problems"
	[ ! -s "$tmp/problems" ]
	report $? "$1: $8" "$tmp/problems"
}

intake=id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note
lists=language,needs,referred_to
capacity=date,service,unit,used,total,waiting,status,source,note
report_cols=service,organization,unit,used,total,utilisation,free,waiting,change,referrals,turned_away,observed,flags
report_num=used,total,utilisation,free,waiting,change,referrals,turned_away
report_null=used,total,utilisation,free,waiting,change
summary=referrals,turned_away,accepted,done,no_show,withdrawn,rejected,lack_of_capacity,not_eligible,unable_to_contact,client_declined,other_reason,open,overdue,median_days

shape "intake records" "$intake" household "" "$lists" "" 0 \
	"intake-query -f json"
shape "intake columns" id,date,week,month,needs,household household "" needs "" 0 \
	"intake-query --need housing --columns id,date,week,month,needs,household -f json"
shape "intake counts" nationality,needs,count count "" needs "" 0 \
	"intake-query --count-by nationality,needs -f json"
shape "intake small counts" nationality,month,count count "" "" "<10" 0 \
	"intake-query --count-by nationality,month --min-count 10 -f json"
shape "intake-add" "$intake" household "" "$lists" "" 0 \
	"intake-add --dry-run -f json --desk jzv-kac --client C5d0e11 --nationality UA --language 'uk;ru' --household 3 --needs 'housing;legal-aid' --refer pristav-night --consent yes"
shape "capacity-add" "$capacity" used,total,waiting "" "" "" 0 \
	"capacity-add --dry-run -f json --service pristav-night --used 20 --total 26 --waiting 3"
shape "capacity report" "$report_cols" "$report_num" "$report_null" "" "" 0 \
	"capacity-report --as-of 2026-11-22 --period month -f json"
shape "capacity report per need" "group,$report_cols" "$report_num" "$report_null" "" "" 0 \
	"capacity-report --as-of 2026-11-22 --period month --group-by need -f json"
shape "capacity report, small counts" "$report_cols" "$report_num" "$report_null" "" "<20" 0 \
	"capacity-report --as-of 2026-11-22 --period month --min-count 20 -f json"
shape "referral-add" date,intake_id,service,outcome,reason,note "" "" "" "" 0 \
	"referral-add --dry-run -f json --intake 2026-000001 --service cic-modrzewo-legal --outcome rejected --reason lack-of-capacity"
shape "referral report" "service,$summary" "$summary" median_days "" "" 0 \
	"referral-report --as-of 2026-11-22 -f json"
shape "referral report, small counts" "organization,$summary" "$summary" median_days "" "<5" 0 \
	"referral-report --as-of 2026-11-22 --group-by organization --period month --min-count 5 -f json"
shape "overdue referrals" intake_id,service,referred,days days "" "" "" 0 \
	"referral-report --as-of 2026-11-22 --overdue -f json"
shape "service-find" id,name,organization,address,phone,today,state,next,free free free "" "" 0 \
	"service-find --need shelter -f json"
shape "holidays" date,name "" "" "" "" 0 \
	"schedule-check holidays --country PL --year 2026 -f json"
shape "appointment conflicts" id,other_id,kind,detail "" "" "" "" 1 \
	"schedule-check appointments -f json"
shape "free slots" start,end "" "" "" "" 0 \
	"schedule-check slots --service most-brehy-legal --date 2026-11-24 --duration 30m -f json"
shape "capacity statements of minutes" "$capacity" used,total,waiting used,total,waiting "" "" 0 \
	"minutes-parse --capacity -f json '$minutes'"
shape "attendees of minutes" meeting_date,name,organization,org_id,role "" "" "" "" 0 \
	"minutes-parse --attendees -f json '$minutes'"
shape "updates of minutes" meeting_date,organization,org_id,text "" "" "" "" 0 \
	"minutes-parse --updates -f json '$minutes'"
shape "next meetings of minutes" date,time "" "" "" "" 0 \
	"minutes-parse --next -f json '$minutes'"
shape "intake-purge" before,removed,kept,changes,referrals,appointments \
	removed,kept,changes,referrals,appointments "" "" "" 0 \
	"intake-purge --dry-run --before 2026-10-01 -f json"
shape "intake-update" "$intake,version" household,version "" "$lists" "" 0 \
	"intake-update --dry-run -f json 2026-000001 2026-000002 --status closed --desk d1 --reason r"
shape "intake versions" id,status,version version "" "" "" 0 \
	"intake-update 2026-000003 --note x --desk d1 --reason r >/dev/null && intake-query --columns id,status,version -f json"
# client-export: records of four files, each line an object whose first key is its file
client=$(sed -n 2p "$demo/intake.csv" | cut -d, -f4)
(cd "$demo" && client-export "$client" -f json) >"$tmp/out" 2>"$tmp/err"
st=$?
{
	[ "$st" = 0 ] || echo "exit status $st"
	jq -R 'fromjson | empty' "$tmp/out" 2>&1
	jq -r -s --arg c "$client" '.[] | select((keys_unsorted[0] != "file")
		or (.file == "intake.csv" and (.client != $c or (.household | type) != "number" or (.version | type) != "number"))
		or (.file == "intake-changes.csv" and (.change | type) != "number")) | "bad: \(tostring)"' "$tmp/out" 2>&1
	jq -e -s 'map(select(.file == "intake.csv")) | length > 0' "$tmp/out" >/dev/null || echo "no intake record"
} >"$tmp/problems"
[ ! -s "$tmp/problems" ]
report $? "client-export: JSON Lines, file first, numbers as numbers" "$tmp/problems"

# findings: a file readable by others (no position), a bad record (one)
chmod 0644 "$demo/appointments.csv"
echo "2026-11-21,pristav-night,beds,many,,,ok,manual," >>"$demo/capacity.csv"
shape "data-check findings" file,line,col,problem line,col line,col "" "" 1 \
	"data-check -f json"

(cd "$demo" && data-check --describe) >"$tmp/out" 2>"$tmp/err" &&
	jq -e -s 'length == 1 and (.[0].resources | type == "array" and length > 0)' "$tmp/out" >/dev/null 2>>"$tmp/err"
report $? "data-check --describe: one JSON document" "$tmp/err"

echo "1..$n"
