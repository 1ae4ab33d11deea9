#!/bin/sh
# A data directory shared by a staff group (okienko(7), Security): a member
# plants symbolic links, FIFOs and world-writable files where the commands
# open files, and another member, or root from cron, runs the commands.
# Every attack below worked once (issue 13): each command must refuse, say
# why without quoting what it did not mean to read, and change nothing
# outside the directory.  Rewrites keep the mode and group of the file they
# replace; a setgid directory keeps its bit; data-check reports what the
# commands refuse.  The cases that need root to make a file of another
# group say "skipped: needs root" without it.
set -u
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export PATH="$OKIENKO_BIN:$PATH" LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
unset OKIENKO_DIR
. "$OKIENKO_TOP/scripts/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
small="$OKIENKO_TOP/testdata/fixtures/small/services.yaml"
minutes="$OKIENKO_TOP/testdata/minutes/cs-clean.txt"
skip() { n=$((n + 1)); echo "ok $n # skip $1"; }

# fresh NAME: a data directory $tmp/NAME with services.yaml and two intake
# records (2019 and 2026), and a file outside it, $tmp/NAME.outside.
fresh() {
	d="$tmp/$1" out="$tmp/$1.outside"
	rm -rf "$d"
	mkdir -p "$d"
	cp "$small" "$d/"
	intake-add -d "$d" --desk d1 --client OLD1 --nationality UA --needs housing \
		--ts 2019-03-01T10:00:00+01:00 >/dev/null
	intake-add -d "$d" --desk d1 --client NEW1 --nationality UA --needs housing \
		--ts 2026-11-02T10:00:00+01:00 >/dev/null
	printf 'root:the first line of a secret\n' >"$out"
	cp "$out" "$tmp/$1.want"
	cp "$d/intake.csv" "$tmp/$1.intake"
}

# refused NAME DESCRIPTION: the last run exited 3, said that a link is
# refused, quoted nothing of the file outside, and neither that file nor
# intake.csv changed.
refused() {
	{
		[ "$rc" = 3 ] || echo "exit $rc, want 3"
		grep -q "is a symbolic link; okienko opens no link inside the data directory" "$tmp/err" ||
			echo "no message about the link"
		grep -q "secret" "$tmp/err" && echo "the message quotes the file outside"
		cmp -s "$out" "$tmp/$1.want" || echo "the file outside changed"
		[ ! -f "$d/intake.csv" ] || [ -L "$d/intake.csv" ] || cmp -s "$d/intake.csv" "$tmp/$1.intake" ||
			echo "intake.csv changed"
	} >"$tmp/why"
	[ ! -s "$tmp/why" ]
	st=$?
	cat "$tmp/err" >>"$tmp/why"
	report $st "$2" "$tmp/why"
}

run() {
	"$@" >"$tmp/stdout" 2>"$tmp/err" </dev/null
	rc=$?
}

fresh lock1
rm "$d/intake.csv.lock"
ln -s "$out" "$d/intake.csv.lock"
run intake-add -d "$d" --desk d1 --client X --nationality UA --needs housing
refused lock1 "intake-add: a linked intake.csv.lock is not written through"

fresh lock2
rm "$d/intake.csv.lock"
ln -s "$out" "$d/intake.csv.lock"
run intake-purge -d "$d" --older-than 3y
refused lock2 "intake-purge: a linked intake.csv.lock is not written through"

fresh lock3
mkdir "$d/meetings"
ln -s "$out" "$d/meetings/2026-11-12.yaml.lock"
run minutes-parse -o "$d" "$minutes"
refused lock3 "minutes-parse -o: a linked meetings/DATE.yaml.lock is not written through"

fresh torn1
printf '2026-000003,2026-11-03T10:00:00+01:00,d1,"torn' >>"$d/intake.csv"
cp "$d/intake.csv" "$tmp/torn1.intake"
ln -s "$out" "$d/intake.csv.torn"
run intake-purge -d "$d" --older-than 3y
refused torn1 "intake-purge: a torn record is not appended through a linked intake.csv.torn"

fresh torn2
printf '2026-000003,2026-11-03T10:00:00+01:00,d1,"torn' >>"$d/intake.csv"
cp "$d/intake.csv" "$tmp/torn2.intake"
ln -s "$out" "$d/intake.csv.torn"
run data-check -d "$d" --repair
{ [ "$rc" = 1 ] || [ "$rc" = 3 ]; } && cmp -s "$out" "$tmp/torn2.want" &&
	cmp -s "$d/intake.csv" "$tmp/torn2.intake" && grep -q "intake.csv.torn: a symbolic link" "$tmp/err" &&
	! grep -q "cut it by hand" "$tmp/err"
report $? "data-check --repair: nothing appended through a linked intake.csv.torn, the link reported" "$tmp/err"

fresh data1
mv "$d/intake.csv" "$out"
cp "$out" "$tmp/data1.want"
ln -s "$out" "$d/intake.csv"
run intake-purge -d "$d" --older-than 3y
refused data1 "intake-purge: a linked intake.csv is refused, not replaced"
[ -L "$d/intake.csv" ]
report $? "and the link is still there"

fresh data2
mv "$d/intake.csv" "$out"
cp "$out" "$tmp/data2.want"
ln -s "$out" "$d/intake.csv"
run intake-add -d "$d" --desk d1 --client X --nationality UA --needs housing
refused data2 "intake-add: no record appended through a linked intake.csv"

for c in "service-find --need housing" "data-check" "capacity-report --as-of 2026-11-20"; do
	fresh read1
	rm "$d/services.yaml"
	ln -s "$out" "$d/services.yaml"
	run $c -d "$d"
	{ [ "$rc" = 3 ] || echo "exit $rc, want 3"
	  grep -q secret "$tmp/err" "$tmp/stdout" && echo "the secret is quoted"
	  grep -q "services.yaml.*symbolic link" "$tmp/err" || echo "no word of the link"
	} >"$tmp/why"
	[ ! -s "$tmp/why" ]
	report $? "${c%% *}: a services.yaml linked to a secret is refused, nothing of it quoted" "$tmp/why"
done

# a file the group may not read, moved into the shared directory under a
# data file's name: a command run by its owner or by root must not show it
fresh moved
chmod 2770 "$d"
rm "$d/services.yaml"
printf 'secret-key: the first line of a secret\n' >"$d/services.yaml"
chmod 0600 "$d/services.yaml"
if [ "$(stat -c %a "$d")" = 2770 ]; then
	run data-check -d "$d"
	{ [ "$rc" = 3 ] || echo "exit $rc, want 3"
	  grep -q secret "$tmp/err" "$tmp/stdout" && echo "the secret is quoted"
	  grep -q "services.yaml' may not be read by the group of the directory" "$tmp/err" ||
		echo "no word of the mode"
	  grep -q "services.yaml: mode 0600: the group of the directory may not read it" "$tmp/err" ||
		echo "not listed"
	} >"$tmp/why"
	[ ! -s "$tmp/why" ]
	st=$?
	cat "$tmp/err" >>"$tmp/why"
	report $st "data-check: a services.yaml the group may not read is refused and listed, nothing of it quoted" "$tmp/why"
else
	skip "cannot set the setgid bit here"
fi

fresh read2
ln -s "$out" "$d/taxonomy.yaml"
run intake-add -d "$d" --desk d1 --client X --nationality UA --needs housing
refused read2 "intake-add: a linked taxonomy.yaml is refused"

fresh fifo
rm "$d/intake.csv"
mkfifo "$d/intake.csv"
# a FIFO would block an open for reading until a writer comes: timeout
# guards against that hang (the command answers in well under a second)
run timeout 60 intake-query -d "$d"
[ "$rc" = 3 ] && grep -q "intake.csv' is not a regular file" "$tmp/err"
report $? "intake-query: a FIFO for intake.csv is refused without waiting" "$tmp/err"

fresh hard
ln "$out" "$d/taxonomy.yaml" 2>/dev/null || cp "$out" "$d/taxonomy.yaml"
if [ "$(stat -c %h "$d/taxonomy.yaml")" = 2 ]; then
	run intake-query -d "$d"
	[ "$rc" = 3 ] && grep -q "has another name (a hard link)" "$tmp/err" && ! grep -q secret "$tmp/err"
	report $? "intake-query: a taxonomy.yaml hard-linked to a file outside is refused" "$tmp/err"
else
	skip "no hard link across these directories"
fi

fresh meet
ln -s "$tmp/elsewhere" "$d/meetings"
mkdir "$tmp/elsewhere"
run minutes-parse -o "$d" "$minutes"
[ "$rc" = 3 ] && [ -z "$(ls -A "$tmp/elsewhere")" ] &&
	grep -q "meetings' is a symbolic link" "$tmp/err"
report $? "minutes-parse -o: a linked meetings/ is refused, nothing written where it points" "$tmp/err"

# --- modes ---------------------------------------------------------------
fresh mode
chmod 0640 "$d/intake.csv"
run intake-purge -d "$d" --older-than 3y
[ "$rc" = 0 ] && [ "$(stat -c %a "$d/intake.csv")" = 640 ] && [ "$(wc -l <"$d/intake.csv")" = 2 ]
report $? "intake-purge keeps mode 0640 (not 0660)" "$tmp/err"

if [ "$(id -u)" = 0 ]; then
	fresh group
	chmod 0755 "$d"                            # no setgid: new files would get root's group
	chown 4242:4343 "$d/intake.csv"
	run intake-purge -d "$d" --older-than 3y
	[ "$rc" = 0 ] && [ "$(stat -c %g:%u "$d/intake.csv")" = 4343:4242 ]
	report $? "intake-purge run by root keeps the file's group and owner (not root's)" "$tmp/err"
else
	skip "skipped: needs root"
fi

fresh setgid
chmod 2770 "$d"
if [ "$(stat -c %a "$d")" = 2770 ]; then
	(umask 022 && minutes-parse -o "$d" "$minutes" >/dev/null 2>"$tmp/err")
	[ "$(stat -c %a "$d/meetings")" = 2770 ] && [ "$(stat -c %a "$d/meetings/2026-11-12.yaml")" = 660 ]
	report $? "minutes-parse -o in a 2770 directory: meetings/ is 2770 (setgid kept), the file 0660" "$tmp/err"
	chmod 2750 "$d/meetings"
	minutes-parse -o "$d" "$minutes" >/dev/null 2>&1
	[ "$(stat -c %a "$d/meetings")" = 2750 ]
	report $? "an existing meetings/ is not chmod-ed"
else
	skip "cannot set the setgid bit here"
	skip "cannot set the setgid bit here"
fi

# --- data-check ------------------------------------------------------------
fresh audit
ln -s "$out" "$d/capacity.csv"
mkfifo "$d/referrals.csv.lock"
mkdir -p "$d/meetings"
ln -s /etc/passwd "$d/meetings/2026-11-12.yaml"
chmod 0666 "$d/intake.csv"
chmod 0777 "$d/meetings"
run data-check -d "$d"
cat >"$tmp/audit.want" <<EOF
data-check: '$d/capacity.csv' is a symbolic link; okienko opens no link inside the data directory
data-check: hint: replace the link by the file itself
data-check: $d/intake.csv: mode 0666: personal data must not be world-readable
data-check: hint: chmod o-rwx $d/intake.csv
data-check: $d/capacity.csv: a symbolic link: okienko opens no link inside the data directory
data-check: hint: replace the link by the file itself
data-check: $d/intake.csv: mode 0666: anyone may write it
data-check: hint: chmod o-w $d/intake.csv
data-check: $d/meetings: mode 0777: anyone may write it
data-check: hint: chmod o-w $d/meetings
data-check: $d/referrals.csv.lock: not a regular file: okienko opens no FIFO, socket or device
data-check: hint: move it out of the data directory
data-check: $d/meetings/2026-11-12.yaml: a symbolic link: okienko opens no link inside the data directory
data-check: hint: replace the link by the file itself
EOF
# the capacity.csv link is refused where the file is read, then listed
[ "$rc" = 1 ] && diff "$tmp/audit.want" "$tmp/err" >"$tmp/diff"
report $? "data-check reports links, FIFOs and world-writable files and directories" "$tmp/diff"
grep -q secret "$tmp/err"
[ $? = 1 ]
report $? "and quotes nothing of what a link points to"

echo "1..$n"
