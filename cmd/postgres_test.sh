#!/bin/sh
# A real database reads our files, as TAP.  A throwaway PostgreSQL cluster
# in a temporary directory (a Unix socket there, no TCP) gets tables made
# with jq from `data-check --describe` (types, NOT NULL, CHECKs for enum,
# pattern, minimum, maximum and maxLength, primary and foreign keys) and
# loads the demo directory into them with COPY (csv, HEADER MATCH): the
# description must accept the files, and deliberately broken copies must
# be refused by the constraint they break.  Then SQL written from the
# manual pages answers what intake-query --count-by and capacity-report
# answer, and the CSV of each must be the same, byte for byte.
#
# The demo directory is testdata/demo with its intake.csv made by
# gen-intake as scripts/demo makes it, plus two contacts shortly after
# local midnight, whose local date and month differ from UTC's, and a
# corrected capacity observation.
# PostgreSQL comes from /usr/lib/postgresql/MAJOR/bin (the highest major
# installed); scripts/need-packages test installs it.  initdb refuses
# root: as root the server runs as the user postgres.  The cluster is
# stopped and removed on every exit.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
unset OKIENKO_DIR PGHOST PGPORT PGUSER PGDATABASE PGOPTIONS PGSERVICE

skip() {
	echo "1..0 # SKIP $*"
	exit 0
}

command -v jq >/dev/null 2>&1 || skip "jq is not installed (scripts/need-packages test installs it)"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -n 1)
[ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] && [ -x "$pgbin/pg_ctl" ] && [ -x "$pgbin/psql" ] ||
	skip "PostgreSQL is not installed (scripts/need-packages test installs it)"
major=${pgbin%/bin}
major=${major##*/}
[ "${major%%.*}" -ge 15 ] 2>/dev/null || skip "PostgreSQL $major is older than 15 (COPY ... HEADER MATCH)"

# as_pg CMD...: run as the cluster's owner (postgres when we are root).
if [ "$(id -u)" = 0 ]; then
	id postgres >/dev/null 2>&1 || skip "running as root and there is no user postgres"
	if command -v runuser >/dev/null 2>&1; then
		as_pg() { runuser -u postgres -- "$@"; }
	elif command -v setpriv >/dev/null 2>&1; then
		as_pg() { setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }
	else
		skip "running as root without runuser or setpriv"
	fi
else
	as_pg() { "$@"; }
fi

# /tmp, not $TMPDIR: a Unix socket path must stay under 108 bytes.
tmp=$(mktemp -d /tmp/okienko-pg.XXXXXX) || exit 1
db=$tmp/db
cleanup() {
	if [ -f "$db/postmaster.pid" ]; then
		as_pg "$pgbin/pg_ctl" -D "$db" -m immediate -w stop >/dev/null 2>&1
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cd "$tmp" || exit 1

. "$OKIENKO_TOP/scripts/tap.sh"
bail() {
	echo "Bail out! $*"
	[ -s "$tmp/pg.log" ] && tail -20 "$tmp/pg.log" | sed 's/^/# /'
	exit 1
}

# The cluster.
[ "$(id -u)" = 0 ] && chown postgres "$tmp"
as_pg "$pgbin/initdb" -D "$db" -U okienko -A trust -E UTF8 --locale=C -N >"$tmp/initdb.log" 2>&1 ||
	{ cat "$tmp/initdb.log" >"$tmp/pg.log"; bail "initdb failed"; }
cat >>"$db/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$tmp'
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
datestyle = 'ISO, YMD'
EOF
as_pg "$pgbin/pg_ctl" -D "$db" -l "$tmp/pg.log" -w -t 30 start >/dev/null 2>&1 ||
	bail "the PostgreSQL $major server did not start"
report 0 "PostgreSQL $major: a cluster on a Unix socket only"

# sql [psql options]: run standard input, stop at the first error.
sql() {
	"$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h "$tmp" -U okienko -d postgres "$@"
}

# The demo directory.
mkdir "$tmp/data"
cp "$OKIENKO_TOP"/testdata/demo/services.yaml "$OKIENKO_TOP"/testdata/demo/*.csv "$tmp/data/"
gen-intake -n 2000 -s 1 --end 2026-11-22 --days 84 --services "$tmp/data/services.yaml" \
	>"$tmp/data/intake.csv" || bail "gen-intake failed"
chmod 0660 "$tmp"/data/*.csv
for ts in 2026-10-01T01:15 2026-11-01T00:30; do
	intake-add -d "$tmp/data" --ts "$ts" --desk jzv-kac --client C0ffee1 --nationality UA \
		--needs shelter --refer pristav-night --consent yes >/dev/null || bail "intake-add failed"
done
# a correction: the last observation of a day counts
capacity-add -d "$tmp/data" --service pristav-night --date 2026-11-20 --used 24 --waiting 2 \
	--note "oprava: dvě lůžka volná" >/dev/null || bail "capacity-add failed"
zone=$(sed -n 's/^timezone:[ 	]*\([A-Za-z_/+-]*\).*/\1/p' "$tmp/data/services.yaml")
[ -n "$zone" ] || bail "no timezone in services.yaml"

data-check -d "$tmp/data" --describe >"$tmp/datapackage.json" 2>"$tmp/err" &&
	jq -e '.resources | length > 0' "$tmp/datapackage.json" >/dev/null 2>>"$tmp/err"
report $? "data-check --describe prints a datapackage.json that jq reads" "$tmp/err"

# Tables from the description: CREATE TABLE, inline rows, COPY per file.
# Each table also gets "_row", the record's place in its file.
cat >"$tmp/schema.jq" <<'EOF'
def ident: "\"" + gsub("\""; "\"\"") + "\"";
def lit: "'" + gsub("'"; "''") + "'";
def names: if type == "string" then [.] else . end | map(ident) | join(", ");
def sqltype:
	if .type == "string" then "text"
	elif .type == "integer" then "bigint"
	elif .type == "number" then "numeric"
	elif .type == "boolean" then "boolean"
	elif .type == "date" then "date"
	elif .type == "datetime" then
		(if (.format // "") | test("%z") then "timestamptz" else "timestamp" end)
	else error("no SQL type for \(.type)") end;
def checks:
	(.name | ident) as $c | (.constraints // {}) as $k |
	[ (if $k.required then "NOT NULL" else empty end),
	  (if $k.enum == null then empty
	   elif ($k.enum | length) == 0 then "CHECK (\($c) IS NULL)"
	   else "CHECK (\($c) IN (\($k.enum | map(tostring | lit) | join(", "))))" end),
	  (if $k.pattern then "CHECK (\($c) ~ \("^(?:" + $k.pattern + ")$" | lit))" else empty end),
	  (if $k.minimum != null then "CHECK (\($c) >= \($k.minimum))" else empty end),
	  (if $k.maximum != null then "CHECK (\($c) <= \($k.maximum))" else empty end),
	  (if $k.maxLength != null then "CHECK (char_length(\($c)) <= \($k.maxLength))" else empty end)
	] | join(" ");
def create:
	"CREATE TABLE \(.name | ident) (\n  _row bigint GENERATED ALWAYS AS IDENTITY,\n" +
	([ (.schema.fields[] | "  \(.name | ident) \(sqltype) \(checks)"),
	   (.schema.primaryKey // empty | "  PRIMARY KEY (\(names))"),
	   (.schema.foreignKeys // [] | .[] |
	    "  FOREIGN KEY (\(.fields | names)) REFERENCES \(.reference.resource | ident) (\(.reference.fields | names))")
	 ] | join(",\n")) + "\n);";
def value: if . == null then "NULL" elif type == "string" then lit else tostring end;
def inserts:
	. as $r | ($r.schema.fields | map(.name)) as $f | .data[] | . as $row |
	"INSERT INTO \($r.name | ident) (\($f | names)) VALUES (\([$f[] | $row[.] | value] | join(", ")));";
def copy:
	(.schema.fields | map(.name) | names) as $cols |
	"\\copy \(.name | ident) (\($cols)) FROM \($dir + "/" + .path | lit) WITH (FORMAT csv, HEADER MATCH, ENCODING 'UTF8', FORCE_NULL (\($cols)))";
.resources[] | create, (if .data then inserts else empty end), (if .path then copy else empty end)
EOF
jq -r --arg dir "$tmp/data" -f "$tmp/schema.jq" "$tmp/datapackage.json" >"$tmp/load.sql" 2>"$tmp/err"
report $? "jq writes CREATE TABLE and COPY from datapackage.json" "$tmp/err"
sql -f "$tmp/load.sql" >"$tmp/err" 2>&1
report $? "the demo files COPY into the tables made from their description" "$tmp/err"
echo "SELECT (SELECT count(*) FROM intake) || ' ' || (SELECT count(*) FROM capacity) || ' ' ||
	(SELECT count(*) FROM referrals) || ' ' || (SELECT count(*) FROM appointments);" |
	sql -A -t >"$tmp/got" 2>&1
for f in intake capacity referrals appointments; do
	# records, not lines: intake notes may hold line breaks
	case $f in
	intake) intake-query -d "$tmp/data" --columns id | tail -n +2 | wc -l ;;
	*) echo $(($(wc -l <"$tmp/data/$f.csv") - 1)) ;;
	esac
done | paste -s -d ' ' >"$tmp/want"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" 2>&1
report $? "every record is in its table (intake, capacity, referrals, appointments)" "$tmp/diff"

# broken NAME FILE AWK WANT: a copy of FILE changed by AWK is refused with WANT.
broken() {
	mkdir -p "$tmp/broken"
	awk -F, -v OFS=, "$3" "$tmp/data/$2" >"$tmp/broken/$2"
	if cmp -s "$tmp/data/$2" "$tmp/broken/$2"; then
		report 1 "a broken $2 ($1): the awk program changed nothing"
		return
	fi
	table=${2%.csv}
	{
		echo "BEGIN;"
		echo "DELETE FROM referrals;"
		[ "$table" = referrals ] || echo "DELETE FROM $table;"
		grep "^\\\\copy \"$table\" " "$tmp/load.sql" | sed "s|$tmp/data/|$tmp/broken/|"
		echo "ROLLBACK;"
	} >"$tmp/broken.sql"
	sql -f "$tmp/broken.sql" >"$tmp/out" 2>&1
	st=$?
	if [ $st != 0 ] && grep -q "$4" "$tmp/out"; then
		report 0 "a broken $2 ($1) is refused: $4"
	else
		echo "exit status $st; want an error with: $4" >>"$tmp/out"
		report 1 "a broken $2 ($1) is refused: $4" "$tmp/out"
	fi
}
broken "household 31" intake.csv 'NR == 2 { $9 = 31 } 1' 'violates check constraint "intake_household_check'
broken "an unknown need" intake.csv 'NR == 2 { $10 = $10 ";hosuing" } 1' 'violates check constraint "intake_needs_check'
broken "a repeated id" intake.csv 'NR == 3 { $1 = prev } { prev = $1 } 1' 'violates unique constraint "intake_pkey"'
broken "two columns swapped in the header" intake.csv 'NR == 1 { t = $3; $3 = $4; $4 = t } 1' 'column name mismatch'
broken "status fullish" capacity.csv 'NR == 2 { $7 = "fullish" } 1' 'violates check constraint "capacity_status_check'
broken "an intake that does not exist" referrals.csv 'NR == 2 { $2 = "2026-009999" } 1' 'violates foreign key constraint "referrals_intake_id_fkey"'
broken "no service" appointments.csv 'NR == 2 { $4 = "" } 1' 'null value in column "service"'

# same DESCRIPTION COMMAND SQL: the command's CSV output equals the query's.
same() {
	(cd "$tmp/data" && sh -c "$2") >"$tmp/ours" 2>"$tmp/err"
	st=$?
	printf 'SET timezone = %s;\nCOPY (%s) TO STDOUT WITH (FORMAT csv, HEADER);\n' "'UTC'" "$3" |
		sql >"$tmp/theirs" 2>>"$tmp/err"
	if [ $st = 0 ] && [ -s "$tmp/ours" ] && cmp -s "$tmp/ours" "$tmp/theirs"; then
		report 0 "$1: $2"
	else
		{ echo "exit status $st"; diff "$tmp/theirs" "$tmp/ours"; } >>"$tmp/err" 2>&1
		report 1 "$1: $2" "$tmp/err"
	fi
}

same "SQL counts the same nationalities" "intake-query --count-by nationality" \
"SELECT nationality, count(*) AS count FROM intake GROUP BY 1 ORDER BY nationality COLLATE \"C\""

same "SQL fans the ;-list out the same" "intake-query --count-by needs" \
"SELECT need AS needs, count(*) AS count
 FROM intake, unnest(string_to_array(needs, ';')) AS need
 GROUP BY need ORDER BY need COLLATE \"C\""

# The local date and month of ts in the directory's zone, as intake-query
# takes them from the first characters of ts.
local_day="(ts AT TIME ZONE '$zone')::date"
same "SQL counts the same statuses per local month" \
"intake-query --since 2026-10-01 --until 2026-10-31 --count-by status,month" \
"SELECT * FROM (
   SELECT status, to_char(ts AT TIME ZONE '$zone', 'YYYY-MM') AS month, count(*) AS count
   FROM intake WHERE $local_day BETWEEN '2026-10-01' AND '2026-10-31'
   GROUP BY 1, 2) g
 ORDER BY status COLLATE \"C\", month COLLATE \"C\""

same "SQL finds the same contacts after local midnight" \
"intake-query --since 2026-11-01 --until 2026-11-01 --columns id,date,month" \
"SELECT id, $local_day AS date, to_char(ts AT TIME ZONE '$zone', 'YYYY-MM') AS month
 FROM intake WHERE $local_day = '2026-11-01' ORDER BY _row"

# capacity-report(1): per service of services.yaml (with a capacity there or
# an observation) in file order, each organization's own row after its
# services; the latest observation up to --as-of (the last in the file of
# its day), the previous one of an earlier day; flags; referrals made and
# turned away in the period.
capacity_sql() { # AS_OF SINCE UNTIL
	cat <<EOF
WITH p AS (SELECT DATE '$1' AS as_of, DATE '$2' AS since, DATE '$3' AS until, 14 AS stale_days),
latest AS (
	SELECT DISTINCT ON (service) c.*
	FROM capacity c, p WHERE c.date <= p.as_of
	ORDER BY service, date DESC, _row DESC),
previous AS (
	SELECT DISTINCT ON (c.service) c.service, c.used
	FROM capacity c JOIN latest l ON l.service = c.service
	WHERE c.date < l.date
	ORDER BY c.service, c.date DESC, c._row DESC),
ids AS (
	SELECT s.id, s.organization, s.unit, s.total, o._row AS org_row, 0 AS own, s._row AS pos
	FROM services s JOIN organizations o ON o.id = s.organization
	UNION ALL
	SELECT o.id, o.id, NULL, NULL, o._row, 1, 0 FROM organizations o),
r AS (
	SELECT ids.id, ids.organization, ids.org_row, ids.own, ids.pos,
	       l.service IS NOT NULL AS have, l.date AS observed, l.status,
	       coalesce(l.unit, ids.unit) AS unit, l.used, coalesce(l.total, ids.total) AS total,
	       l.waiting, pr.used AS previous_used
	FROM ids LEFT JOIN latest l ON l.service = ids.id LEFT JOIN previous pr ON pr.service = ids.id
	WHERE l.service IS NOT NULL OR (ids.own = 0 AND ids.unit IS NOT NULL)),
f AS (
	SELECT r.*,
	       (used >= total) IS TRUE OR status = 'full' AS is_full,
	       coalesce(CASE WHEN used IS NOT NULL AND total > 0 THEN used * 10 >= total * 9
	                     ELSE status = 'near-full' END, false) AS is_near,
	       (used IS NOT NULL AND total > 0 AND used * 100 < total * 65) AS is_under,
	       CASE WHEN used IS NOT NULL AND total > 0 THEN (2000 * used + total) / (2 * total) END AS tenths
	FROM r)
SELECT f.id AS service, f.organization, f.unit, f.used, f.total,
       CASE WHEN tenths IS NOT NULL THEN (tenths / 10) || '.' || (tenths % 10) END AS utilisation,
       CASE WHEN used IS NOT NULL AND total IS NOT NULL THEN greatest(total - used, 0) END AS free,
       f.waiting,
       CASE WHEN used IS NOT NULL AND previous_used IS NOT NULL THEN used - previous_used END AS change,
       (SELECT count(*) FROM intake i, unnest(string_to_array(i.referred_to, ';')) AS ref
        WHERE ref = f.id AND (i.ts AT TIME ZONE '$zone')::date BETWEEN p.since AND p.until) AS referrals,
       (SELECT count(*) FROM referrals x
        WHERE x.service = f.id AND x.date BETWEEN p.since AND p.until
          AND x.outcome = 'rejected' AND x.reason = 'lack-of-capacity') AS turned_away,
       f.observed,
       CASE WHEN NOT have THEN 'no-data'
            ELSE nullif(concat_ws(';', CASE WHEN is_full THEN 'full' END,
                                  CASE WHEN NOT is_full AND is_near THEN 'near-full' END,
                                  CASE WHEN NOT is_full AND NOT is_near AND is_under THEN 'under-used' END,
                                  CASE WHEN p.as_of - observed > p.stale_days THEN 'stale' END), '') END AS flags
FROM f, p
ORDER BY f.org_row, f.own, f.pos
EOF
}
same "SQL reports the same capacity (last week)" \
"capacity-report --as-of 2026-11-22 --since 2026-11-16 --until 2026-11-22" \
"$(capacity_sql 2026-11-22 2026-11-16 2026-11-22)"
same "SQL reports the same capacity (a month)" \
"capacity-report --as-of 2026-10-20 --since 2026-10-01" \
"$(capacity_sql 2026-10-20 2026-10-01 2026-10-20)"
same "SQL reports the same capacity (before any observation)" \
"capacity-report --as-of 2026-09-03 --since 2026-09-01" \
"$(capacity_sql 2026-09-03 2026-09-01 2026-09-03)"

echo "1..$n"
