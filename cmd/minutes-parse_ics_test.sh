#!/bin/sh
# minutes-parse --ics, checked by a standard iCalendar parser: ical.js (the
# npm package, pinned in scripts/ref/package.json) must parse the output,
# find VERSION, PRODID, and UID, DTSTAMP in UTC and DTSTART in every event,
# a VTIMEZONE for every TZID, and resolve each start through it to the
# right instant; every line must end with CRLF within 75 octets.  Zones:
# Europe/Prague (last Sundays), America/New_York (second and first
# Sundays), UTC (no services.yaml).  Skipped without node or
# build/ref/node_modules/ical.js (scripts/need-node-ref installs it).
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
unset OKIENKO_DIR
lib=$OKIENKO_TOP/build/ref/node_modules/ical.js/dist/ical.js
if ! command -v node >/dev/null 2>&1 || [ ! -f "$lib" ]; then
	echo "ok 1 # skip node or build/ref/node_modules/ical.js missing (scripts/need-node-ref)"
	echo "1..1"
	exit 0
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0

cat >"$tmp/check.mjs" <<'EOF'
const ICAL = (await import(process.argv[2])).default;
import fs from 'fs';
const text = fs.readFileSync(0, 'utf8');
const out = [];
if (!text.endsWith('\r\n')) out.push('problem: no CRLF at the end');
text.split('\r\n').slice(0, -1).forEach((l, i) => {
	if (Buffer.byteLength(l) > 75) out.push(`problem: line ${i + 1} longer than 75 octets`);
	if (/[\r\n]/.test(l)) out.push(`problem: a bare CR or LF in line ${i + 1}`);
});
const cal = new ICAL.Component(ICAL.parse(text));
for (const p of ['version', 'prodid'])
	if (!cal.getFirstPropertyValue(p)) out.push('problem: no ' + p.toUpperCase());
for (const tz of cal.getAllSubcomponents('vtimezone'))
	ICAL.TimezoneService.register(tz);
for (const ev of cal.getAllSubcomponents('vevent')) {
	for (const p of ['uid', 'dtstamp', 'dtstart'])
		if (!ev.getFirstProperty(p)) out.push('problem: an event without ' + p.toUpperCase());
	if (ev.getFirstPropertyValue('dtstamp').zone !== ICAL.Timezone.utcTimezone)
		out.push('problem: DTSTAMP not in UTC');
	const tzid = ev.getFirstProperty('dtstart').getParameter('tzid');
	if (tzid && !ICAL.TimezoneService.has(tzid))
		out.push('problem: no VTIMEZONE for ' + tzid);
	const e = new ICAL.Event(ev);
	const s = e.startDate;
	out.push([s.isDate ? s.toString() : s.toJSDate().toISOString(), e.summary, e.location].join(' | '));
}
console.log(out.join('\n'));
EOF

# check NAME DIR MINUTES EXPECTED: --ics of MINUTES with -d DIR, as ical.js reads it.
check() {
	n=$((n + 1))
	"$OKIENKO_BIN/minutes-parse" --ics -d "$2" "$3" >"$tmp/out.ics" 2>"$tmp/err" &&
		node "$tmp/check.mjs" "$lib" <"$tmp/out.ics" >"$tmp/got" 2>>"$tmp/err"
	printf '%s\n' "$4" >"$tmp/want"
	if cmp -s "$tmp/got" "$tmp/want"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		diff -u "$tmp/want" "$tmp/got" | sed 's/^/# /'
		sed 's/^/# stderr: /' "$tmp/err"
	fi
}

min=$OKIENKO_TOP/testdata/minutes
check "Europe/Prague: summer and winter time" "$OKIENKO_TOP/testdata/fixtures/minutes" \
	"$min/cs-dash-items.txt" \
"2026-09-14T11:30:00.000Z | Pracovní setkání skupiny pro migranty a lidi v bytové nouzi | zasedačka komunitního centra
2026-11-09T12:30:00.000Z | Pracovní setkání skupiny pro migranty a lidi v bytové nouzi | zasedačka komunitního centra"

check "Europe/Prague: a long Polish summary, folded" "$OKIENKO_TOP/testdata/fixtures/minutes" \
	"$min/pl.txt" \
"2027-01-27T09:00:00.000Z | PROTOKÓŁ ze spotkania Zespołu ds. Integracji Cudzoziemców w Modrzewie | w tym samym miejscu"

mkdir -p "$tmp/ny" "$tmp/utc"
cat >"$tmp/ny/services.yaml" <<'EOF'
version: 1
country: CZ
timezone: America/New_York
organizations: []
EOF
cat >"$tmp/ny/minutes.txt" <<'EOF'
Zápis ze setkání pracovní skupiny

10. 2. 2027, 9:00

Další termíny jednání: 9. 3. 2027 a 16. 3. 2027 vždy v 9:00; 2. 11. a 9. 11. 2027 v 10:00.
EOF
check "America/New_York: second and first Sundays" "$tmp/ny" "$tmp/ny/minutes.txt" \
"2027-03-09T14:00:00.000Z | Zápis ze setkání pracovní skupiny | 
2027-03-16T13:00:00.000Z | Zápis ze setkání pracovní skupiny | 
2027-11-02T14:00:00.000Z | Zápis ze setkání pracovní skupiny | 
2027-11-09T15:00:00.000Z | Zápis ze setkání pracovní skupiny | "

cat >"$tmp/utc/minutes.txt" <<'EOF'
Zápis

3. 4. 2026, Jizerov

Příští setkání: 5. 6. (čas upřesníme); poté 7. 9. 2026 ve 14:00, sál radnice.
EOF
check "UTC without services.yaml; a date without a time" "$tmp/utc" "$tmp/utc/minutes.txt" \
"2026-06-05 | Zápis | sál radnice
2026-09-07T14:00:00.000Z | Zápis | sál radnice"

echo "1..$n"
