#!/bin/bash
# Privacy (TAP).  A canary: unique markers in the client and note fields of
# an intake record and in a referral note.  Every report and reader where
# personal data has no place, in every format, and every error path that
# can be provoked next to or in that record, must never print them, on
# stdout or stderr.  Then the modes of every file okienko creates under
# umask 000: never world-readable.
set -u
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}" "${OKIENKO_TESTBIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC
unset OKIENKO_DIR OKIENKO_NOW
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
. "$OKIENKO_TOP/scripts/tap.sh"
small="$OKIENKO_TOP/testdata/fixtures/small/services.yaml"
formats="csv tsv json yaml table md"
CLIENT=CANARY-7f3a NOTE=CANARYNOTE REFNOTE=CANARYREFNOTE
markers="-e $CLIENT -e $NOTE -e $REFNOTE"

d="$tmp/d"
mkdir -p "$d"
cp "$small" "$d/"
intake-add -d "$d" --desk d1 --client C1 --nationality SY --needs legal-aid \
	--ts 2026-11-02T10:00:00+01:00 >/dev/null 2>&1
intake-add -d "$d" --desk d1 --client $CLIENT --sex f --age-group 18-59 --nationality UA \
	--language uk --household 3 --needs "housing;legal-aid" --refer "brana-night;svet-legal" \
	--consent yes --advisor A7 --note "$NOTE, \"quoted\"
second line" --ts 2026-11-02T19:00:00+01:00 >/dev/null 2>&1
intake-add -d "$d" --desk d2 --client C3 --nationality AF --needs housing \
	--ts 2026-11-03T10:00:00+01:00 >/dev/null 2>&1
referral-add -d "$d" --intake 2026-000002 --service brana-night --outcome rejected \
	--reason lack-of-capacity --note "$REFNOTE" --date 2026-11-03 >/dev/null 2>&1
capacity-add -d "$d" --service brana-night --date 2026-11-03 --used 30 --total 30 >/dev/null 2>&1
ok "$(grep -q $CLIENT "$d/intake.csv" && grep -q $NOTE "$d/intake.csv" &&
	grep -q $REFNOTE "$d/referrals.csv" && [ -s "$d/capacity.csv" ]; echo $?)" "the canary is in place"

# clean LABEL CMD...: runs CMD; its stdout and stderr hold no marker
clean() {
	local label=$1 rc
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if grep -q $markers "$tmp/out" "$tmp/err"; then
		ok 1 "$label: no marker (exit $rc): $(grep -h -o -m1 ".\{0,40\}CANARY.\{0,20\}" "$tmp/out" "$tmp/err" | head -n 1)"
	else
		ok 0 "$label: no marker (exit $rc)"
	fi
	last_rc=$rc
}
# every LABEL CMD...: clean, in each output format; the command must work
every() {
	local label=$1 f bad=
	shift
	for f in $formats; do
		"$@" -f $f >"$tmp/out" 2>"$tmp/err"
		[ $? -le 1 ] || bad="$bad $f:exit-$?"
		[ -s "$tmp/out" ] || bad="$bad $f:no-output"
		grep -q $markers "$tmp/out" "$tmp/err" && bad="$bad $f:LEAK"
	done
	ok "$([ -z "$bad" ]; echo $?)" "$label: no marker in any format$bad"
}

# --- reports and readers ---------------------------------------------------
for by in desk nationality needs status referred_to language sex age_group \
	household consent advisor "desk,needs" "nationality,status"; do
	every "intake-query --count-by $by" intake-query -d "$d" --count-by "$by"
done
every "intake-query --columns id,ts,desk,needs" intake-query -d "$d" --columns id,ts,desk,needs
every "capacity-report" capacity-report -d "$d" --as-of 2026-11-10
every "capacity-report --group-by need" capacity-report -d "$d" --as-of 2026-11-10 --group-by need
every "capacity-report --group-by organization --alert" capacity-report -d "$d" --as-of 2026-11-10 \
	--group-by organization --alert
clean "capacity-report -f html" capacity-report -d "$d" --as-of 2026-11-10 -f html
clean "capacity-report -f html --group-by need" capacity-report -d "$d" --as-of 2026-11-10 \
	-f html --group-by need
clean "data-check --describe" data-check -d "$d" --describe
every "referral-report" referral-report -d "$d" --as-of 2026-11-20
every "referral-report --group-by need" referral-report -d "$d" --as-of 2026-11-20 --group-by need
every "referral-report --overdue" referral-report -d "$d" --as-of 2026-11-20 --overdue
every "service-find --need housing" service-find -d "$d" --need housing
every "service-find --available --open-at" service-find -d "$d" --need legal-aid \
	--open-at 2026-11-24T10:00
every "intake-purge --dry-run" intake-purge -d "$d" --dry-run --before 2026-11-03
clean "data-check on a clean directory" data-check -d "$d"
ok "$([ $last_rc = 0 ]; echo $?)" "data-check finds nothing in the canary directory"

# --- problems in or next to the canary record ------------------------------
good="$tmp/good.csv"
cp "$d/intake.csv" "$good"
cp "$d/referrals.csv" "$tmp/good-referrals.csv"
bad() { # LABEL SED-EXPRESSION: intake.csv edited; every reader must still keep quiet
	local label=$1 f
	cp "$good" "$d/intake.csv"
	cp "$tmp/good-referrals.csv" "$d/referrals.csv" # a purge below takes the referrals along
	sed -i "$2" "$d/intake.csv"
	if cmp -s "$good" "$d/intake.csv"; then
		ok 1 "$label: the edit did nothing"
		return
	fi
	clean "$label: data-check" data-check -d "$d"
	ok "$([ $last_rc = 1 ] && grep -q 'intake.csv:[0-9]*:[0-9]*: ' "$tmp/err"; echo $?)" \
		"$label: data-check reports it with a position"
	for f in $formats; do
		clean "$label: data-check -f $f" data-check -d "$d" -f $f
	done
	clean "$label: intake-query --count-by needs" intake-query -d "$d" --count-by needs
	clean "$label: capacity-report" capacity-report -d "$d" --as-of 2026-11-10
	clean "$label: referral-report" referral-report -d "$d" --as-of 2026-11-20
	clean "$label: referral-add" referral-add -d "$d" --intake 2026-000002 \
		--service svet-legal --outcome accepted --date 2026-11-05
	clean "$label: intake-purge" intake-purge -d "$d" --before 2026-11-03
	clean "$label: intake-add" intake-add -d "$d" --desk d1 --client C9 \
		--nationality UA --needs housing
}
bad "household out of range in the canary record" '3s/,UA,uk,3,/,UA,uk,99,/'
bad "bad nationality in the canary record" '3s/,UA,uk,3,/,QQ,uk,3,/'
bad "unknown need in the canary record" '3s/,3,housing;legal-aid,/,3,hosuing;legal-aid,/'
bad "bad timestamp in the canary record" '3s/,2026-11-02T19:00:00+01:00,/,2026-11-32T19:00:00+01:00,/'
bad "stray quote after the canary note" '4s/$/x/'
bad "malformed row after the canary record" '$a 2026-000004,2026-11-04T10:00:00+01:00,d1,"C4'
bad "missing fields after the canary record" '$a 2026-000004,2026-11-04T10:00:00+01:00,d1'
bad "torn record after the canary record" '$s/$/\n2026-000004,2026-11-04T1/'
bad "invalid UTF-8 in the canary note" "3s/$NOTE/$NOTE\\xff/"
bad "NUL in the canary note" "3s/$NOTE/$NOTE\\x00/"
cp "$good" "$d/intake.csv"
cp "$tmp/good-referrals.csv" "$d/referrals.csv"

head -c 5000 /dev/zero | tr '\0' a >"$tmp/a"
intake-add -d "$d" --desk d1 --client $CLIENT --nationality UA --needs housing \
	--note "$NOTE$(cat "$tmp/a")b" >/dev/null 2>&1
clean "intake-query --match stopped by the match limit on the canary note" \
	intake-query -d "$d" --match '(a+)+$' --count-by desk
ok "$([ $last_rc = 3 ]; echo $?)" "the match limit was hit (exit $last_rc)"
cp "$good" "$d/intake.csv"

clean "referral-add for a service the canary was not referred to" \
	referral-add -d "$d" --intake 2026-000002 --service svet-psych --outcome accepted --date 2026-11-05
ok "$([ $last_rc = 3 ]; echo $?)" "that referral is refused (exit $last_rc)"
clean "referral-add --batch with a bad row" sh -c "printf '%s\n' 'date,intake_id,service,outcome,reason,note' \
	'2026-11-05,2026-000002,brana-night,bogus,,$REFNOTE' | referral-add -d '$d' --batch"
ok "$([ $last_rc = 3 ]; echo $?)" "that batch is refused (exit $last_rc)"
clean "intake-add with a bad field beside the canary client" intake-add -d "$d" --desk d1 \
	--client $CLIENT --nationality QQ --needs housing --note "$NOTE"
ok "$([ $last_rc = 3 ]; echo $?)" "that intake is refused (exit $last_rc)"
clean "intake-add --batch with a bad field beside the canary" sh -c "printf '%s\n' \
	'ts,desk,client,nationality,needs,note' '2026-11-04T10:00,d1,$CLIENT,QQ,housing,$NOTE' |
	intake-add -d '$d' --batch"
ok "$([ $last_rc = 3 ]; echo $?)" "that batch is refused (exit $last_rc)"

# a torn canary record: --repair says what it did, without the record
cp "$good" "$d/intake.csv"
printf '2026-000004,2026-11-04T10:00:00+01:00,d1,%s,,,UA,,1,housing,,no,,open,"%s' $CLIENT $NOTE >>"$d/intake.csv"
clean "data-check --repair of a torn canary record" data-check -d "$d" --repair
ok "$([ -e "$d/intake.csv.torn" ] && cmp -s "$good" "$d/intake.csv"; echo $?)" \
	"the torn record went to intake.csv.torn"
cp "$good" "$d/intake.csv"

# leftovers: the markers are only where they belong
intake-purge -d "$d" --before 2026-11-02 >/dev/null 2>&1
ok "$([ "$(cd "$d" && grep -l -r $markers . | sort | tr '\n' ' ')" = "./intake.csv ./intake.csv.torn ./referrals.csv " ]; echo $?)" \
	"the markers are only in intake.csv, intake.csv.torn and referrals.csv ($(cd "$d" && grep -l -r $markers . | tr '\n' ' '))"

# --- the lifecycle: updates, exports, erasure ------------------------------
# the canary record changed twice: its old note goes to intake-changes.csv
intake-update -d "$d" 2026-000002 --note "$NOTE, updated" --desk d1 --reason "oprava" >/dev/null 2>&1 &&
	intake-update -d "$d" 2026-000003 --status closed --desk d2 --reason "vyřízeno" >/dev/null 2>&1
ok $? "the canary record and another one are updated"
for f in json yaml md html; do
	clean "client-export of another client -f $f" client-export -d "$d" -f $f C3
	ok "$([ $last_rc = 0 ] && grep -q C3 "$tmp/out"; echo $?)" "client-export -f $f of another client finds it (exit $last_rc)"
	client-export -d "$d" -f $f $CLIENT >"$tmp/out" 2>&1
	ok "$(grep -q $CLIENT "$tmp/out" && grep -q $NOTE "$tmp/out" && grep -q $REFNOTE "$tmp/out"; echo $?)" \
		"client-export -f $f of the canary client holds its record, its old note and its referral"
done
clean "client-export of a client never seen" client-export -d "$d" -f md C404
ok "$([ $last_rc = 1 ]; echo $?)" "that export answers: nothing held (exit $last_rc)"
every "intake-query --columns id,version" intake-query -d "$d" --columns id,version,status
clean "intake-update with a bad value in the canary record" intake-update -d "$d" 2026-000002 \
	--nationality QQ --desk d1 --reason x
ok "$([ $last_rc = 3 ]; echo $?)" "that update is refused (exit $last_rc)"
clean "intake-update closing the canary's referral again" intake-update -d "$d" 2026-000002 \
	--status referred --consent no --desk d1 --reason x
ok "$([ $last_rc = 3 ]; echo $?)" "that update is refused (exit $last_rc)"
clean "intake-update --batch with a bad row beside the canary" sh -c "printf '%s\n' 'id,household,note' \
	'2026-000002,99,$NOTE' | intake-update -d '$d' --batch --desk d1 --reason x"
ok "$([ $last_rc = 3 ]; echo $?)" "that batch is refused (exit $last_rc)"
clean "intake-purge --client --dry-run of the canary client" intake-purge -d "$d" --client $CLIENT \
	--desk d1 --reason objection --dry-run
clean "the erasure of the canary client" intake-purge -d "$d" --client $CLIENT --desk d1 --reason objection
ok "$([ $last_rc = 0 ] && grep -q 'intake.csv.torn holds this client' "$tmp/err"; echo $?)" \
	"the erasure succeeds and names the torn tail that holds the client, not the client (exit $last_rc)"
ok "$([ "$(cd "$d" && grep -l -r $markers . | sort | tr '\n' ' ')" = "./intake.csv.torn " ]; echo $?)" \
	"after the erasure the markers are in the torn tail alone ($(cd "$d" && grep -l -r $markers . | tr '\n' ' '))"
ok "$([ "$(grep -c ',d1,objection,,1,1,1,0$' "$d/erasures.csv")" = 1 ] &&
	! grep -q -e $CLIENT -e 2026-0000 -e ',C[0-9]' "$d/erasures.csv"; echo $?)" \
	"the erasure log has its row (1 intake, 1 change, 1 referral), and no client reference or intake id"

# --- modes under umask 000 -------------------------------------------------
f="$tmp/fresh"
mkdir -p "$f"
cp "$small" "$f/"
(
	umask 000
	intake-add -d "$f" --desk d1 --client C1 --nationality UA --needs housing \
		--refer brana-night --consent yes --ts 2026-11-02T19:00:00+01:00
	referral-add -d "$f" --intake 2026-000001 --service brana-night --outcome accepted --date 2026-11-03
	capacity-add -d "$f" --service brana-night --date 2026-11-03 --used 3 --total 30
	minutes-parse -d "$f" -o "$f" <"$OKIENKO_TOP/testdata/minutes/cs-clean.txt"
	printf '2026-000002,2026-11-04T10:00' >>"$f/intake.csv"
	data-check -d "$f" --repair
	intake-add -d "$f" --desk d1 --client C2 --nationality UA --needs housing \
		--ts 2026-11-05T10:00:00+01:00
	intake-purge -d "$f" --before 2026-11-03
	intake-update -d "$f" 2026-000002 --note "x" --desk d1 --reason r
	intake-purge -d "$f" --client C2 --desk d1 --reason objection
) >/dev/null 2>&1
for want in intake.csv intake.csv.lock intake.csv.torn capacity.csv capacity.csv.lock \
	referrals.csv referrals.csv.lock intake-changes.csv intake-changes.csv.lock erasures.csv \
	erasures.csv.lock; do
	ok "$([ -e "$f/$want" ]; echo $?)" "umask 000: $want was created"
done
ok "$(ls "$f"/meetings/*.yaml >/dev/null 2>&1; echo $?)" "umask 000: meetings/*.yaml was created"
world=$(cd "$f" && find . -type f ! -name services.yaml -perm /0007 | sort | tr '\n' ' ')
ok "$([ -z "$world" ]; echo $?)" "umask 000: no file okienko created is world-accessible${world:+: $world}"
modes=$(cd "$f" && find . -type f ! -name services.yaml -printf '%m ' | tr -d '\n')
ok "$([ -z "$(echo $modes | tr ' ' '\n' | grep -v -x 660)" ]; echo $?)" "umask 000: every file is 0660 ($modes)"

# A name typed into the client field is refused without being repeated.
g="$tmp/name-as-client"
mkdir -p "$g"
out=$( { intake-add -d "$g" --desk d1 --client "Jan CANARY-7f3a" --nationality UA --needs housing
	printf 'desk,client,nationality,needs\nd1,Jan CANARY-7f3a,UA,housing\n' | intake-add -d "$g" --batch
	intake-add -d "$g" --desk d1 --client C1 --nationality UA --needs housing >/dev/null
	intake-update -d "$g" 2026-000001 --client "Jan CANARY-7f3a" --desk d1 --reason x
	intake-query -d "$g" --client "Jan CANARY-7f3a"
	client-export -d "$g" "Jan CANARY-7f3a"
	intake-purge -d "$g" --client "Jan CANARY-7f3a" --desk d1 --reason objection
} 2>&1)
ok "$(echo "$out" | grep -q CANARY; [ $? = 1 ]; echo $?)" "a refused client value is not repeated in messages"
ok "$(echo "$out" | grep -q 'is not a pseudonymous reference'; echo $?)" "and the refusal says why"
ok "$([ "$(echo "$out" | grep -c 'not a pseudonymous reference')" = 6 ]; echo $?)" \
	"intake-add (twice), intake-update, intake-query, client-export, intake-purge say so"

echo "1..$n"
