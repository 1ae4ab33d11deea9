#!/bin/sh
# data-check --describe read back with jq, as TAP (no database needed; the
# PostgreSQL load is cmd/postgres_test.sh).  On the demo directory and on
# one with some of the files: the resources with a path are exactly the
# data files present; each resource's field names are its file's header,
# in order; the keys refer to fields and resources that exist; types and
# constraints are of the kinds Table Schema v1 defines; the inline
# services reference the inline organizations.  Skipped without jq.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
unset OKIENKO_DIR

if ! command -v jq >/dev/null 2>&1; then
	echo "1..0 # SKIP jq is not installed (scripts/need-packages test installs it)"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

. "$OKIENKO_TOP/scripts/tap.sh"

# check DIR NAME: describe DIR and check the description against its files.
check() {
	dir=$1
	data-check -d "$dir" --describe >"$tmp/dp.json" 2>"$tmp/err"
	st=$?
	[ $st = 0 ] && [ ! -s "$tmp/err" ] && jq -e 'type == "object"' "$tmp/dp.json" >/dev/null 2>>"$tmp/err"
	report $? "$2: data-check --describe exits 0 with one JSON document" "$tmp/err"

	ls "$dir" | grep -x -e intake.csv -e capacity.csv -e referrals.csv -e appointments.csv \
		-e intake-changes.csv -e erasures.csv |
		sort >"$tmp/want"
	jq -r '.resources[] | .path // empty' "$tmp/dp.json" | sort >"$tmp/got"
	diff "$tmp/want" "$tmp/got" >"$tmp/diff" 2>&1
	report $? "$2: one resource per data file present" "$tmp/diff"

	for f in $(cat "$tmp/want"); do
		# the header as a reader sees it: without a byte order mark or CR
		head -n 1 "$dir/$f" | sed -e 's/^\xEF\xBB\xBF//' -e 's/\r$//' >"$tmp/header"
		jq -r --arg f "$f" '.resources[] | select(.path == $f) | [.schema.fields[].name] | join(",")' \
			"$tmp/dp.json" >"$tmp/names"
		diff "$tmp/header" "$tmp/names" >"$tmp/diff" 2>&1
		report $? "$2: the fields of $f are its header, in order" "$tmp/diff"
	done

	jq -r '
	def list: if type == "string" then [.] else . end;
	. as $dp
	| [.resources[].name] as $names
	| .resources[] | .name as $r | (.schema.fields | map(.name)) as $fields
	| (.schema.fields[]
	   | (select(.type | IN("string", "integer", "date", "datetime") | not)
	      | "\($r).\(.name): type \(.type)"),
	     (.constraints // {} | keys[]
	      | select(IN("required", "enum", "pattern", "minimum", "maximum", "maxLength") | not)
	      | "\($r): constraint \(.)"),
	     (select(.constraints.enum != null and (.constraints.enum | all(type == "string") | not))
	      | "\($r).\(.name): an enum value is not a string")),
	  (.schema.primaryKey // [] | list[] | select(IN($fields[]) | not) | "\($r): primary key \(.)"),
	  (.schema.foreignKeys // [] | .[]
	   | (.fields | list[] | select(IN($fields[]) | not) | "\($r): foreign key field \(.)"),
	     (.reference.resource as $t
	      | if ($t | IN($names[])) | not then "\($r): foreign key to missing resource \($t)"
	        else (.reference.fields | list[]
		      | select(IN($dp.resources[] | select(.name == $t) | .schema.fields[].name) | not)
		      | "\($r): foreign key to missing field \($t).\(.)")
	        end))
	' "$tmp/dp.json" >"$tmp/problems" 2>&1
	[ $? = 0 ] && [ ! -s "$tmp/problems" ]
	report $? "$2: types, constraints and keys are sound" "$tmp/problems"
}

mkdir "$tmp/demo"
cp "$OKIENKO_TOP"/testdata/demo/services.yaml "$OKIENKO_TOP"/testdata/demo/*.csv "$tmp/demo/"
gen-intake -n 200 -s 1 --end 2026-11-22 --days 84 --services "$tmp/demo/services.yaml" \
	>"$tmp/demo/intake.csv"
check "$tmp/demo" demo

jq -e '(.resources[] | select(.name == "organizations") | [.data[].id]) as $orgs
	| [.resources[] | select(.name == "services") | .data[]
	   | (.organization | IN($orgs[])) and (.total == null or (.total | type) == "number")]
	| length > 0 and all' "$tmp/dp.json" >/dev/null 2>"$tmp/err"
report $? "demo: every inline service names an inline organization" "$tmp/err"

# a directory with services.yaml, capacity.csv (with a BOM and CRLF) and referrals.csv
mkdir "$tmp/some"
cp "$OKIENKO_TOP"/testdata/demo/services.yaml "$tmp/some/"
printf '\357\273\277date,service,unit,used,total,waiting,status,source,note\r\n' >"$tmp/some/capacity.csv"
head -n 1 "$OKIENKO_TOP"/testdata/demo/referrals.csv >"$tmp/some/referrals.csv"
check "$tmp/some" "some files"
jq -r '([.resources[].name] | join(" ")),
	(.resources[] | select(.name == "referrals") | [.schema.foreignKeys[].reference.resource] | join(" "))' \
	"$tmp/dp.json" >"$tmp/got" 2>&1
printf 'organizations services capacity referrals\nservices\n' >"$tmp/want"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" 2>&1
report $? "some files: no intake resource, and no foreign key to it" "$tmp/diff"

# a directory with intake-update's audit trail and intake-purge's erasure log
mkdir "$tmp/life"
cp "$OKIENKO_TOP"/testdata/demo/services.yaml "$tmp/life/"
intake-add -d "$tmp/life" --ts 2026-11-02T10:00 --desk d1 --client C1 --nationality UA --needs housing >/dev/null &&
	intake-add -d "$tmp/life" --ts 2026-11-02T11:00 --desk d1 --client C2 --nationality SK --needs legal-aid >/dev/null &&
	intake-add -d "$tmp/life" --ts 2026-11-02T12:00 --desk d1 --client C3 --nationality UA --needs housing >/dev/null &&
	intake-update -d "$tmp/life" 2026-000001 --status closed --desk d1 --reason done >/dev/null &&
	intake-purge -d "$tmp/life" --client C2 --desk d1 --reason objection >/dev/null
report $? "life: records added, updated and one client erased" 
check "$tmp/life" "changes and erasures"
jq -r '.resources[] | select(.name == "intake_changes") | [.schema.foreignKeys[].reference.resource] | join(" ")' \
	"$tmp/dp.json" >"$tmp/got" 2>&1
echo intake >"$tmp/want"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" 2>&1
report $? "changes and erasures: a change's id refers to intake" "$tmp/diff"

echo "1..$n"
