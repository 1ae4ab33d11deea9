#!/bin/sh
# minutes-parse -o DIR: what golden cases cannot show.  The meeting file and
# its directory get their modes whatever the umask; a second run replaces
# the file with a new one (rename, not rewrite in place); a writer that
# cannot take the lock in time exits 4 and leaves the file as it was; a
# failed parse stores nothing.  The lock holder needs python3 (fcntl locks,
# as datadir takes them); without it that case is skipped.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export LC_ALL=C.UTF-8 TZ=UTC OKIENKO_NOW=2026-11-23T10:00:00+01:00
unset OKIENKO_DIR
PATH=$OKIENKO_BIN:$PATH
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
minutes=$OKIENKO_TOP/testdata/minutes/cs-clean.txt

check() {
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '# got:  %s\n# want: %s\n' "$2" "$3"
	fi
}

mkdir "$tmp/d"
(umask 077 && minutes-parse -o "$tmp/d" "$minutes")
check "stores with umask 077" "$?" 0
check "directory mode" "$(stat -c %a "$tmp/d/meetings")" 770
check "file mode" "$(stat -c %a "$tmp/d/meetings/2026-11-12.yaml")" 660
check "the document" "$(minutes-parse "$minutes" | cmp - "$tmp/d/meetings/2026-11-12.yaml" && echo same)" same

ino=$(stat -c %i "$tmp/d/meetings/2026-11-12.yaml")
minutes-parse -o "$tmp/d" --date 2026-11-12 "$OKIENKO_TOP/testdata/minutes/pl.txt"
check "a second run" "$?" 0
check "replaces the file by a new one" "$(stat -c %i "$tmp/d/meetings/2026-11-12.yaml" | grep -vx "$ino" | wc -l)" 1
check "with the new content" "$(grep -c '^  group: "PROTOKÓŁ' "$tmp/d/meetings/2026-11-12.yaml")" 1
check "and no temporary file left" "$(ls -a "$tmp/d/meetings" | grep -c tmp)" 0

# a meeting file edited by hand (an odd number of quotes, no final line
# feed) is replaced whole: nothing is cut from it as if it were a CSV file
printf 'note: "it'"'"'s \" here' >"$tmp/d/meetings/2026-11-12.yaml"
minutes-parse -o "$tmp/d" "$minutes"
check "a hand-edited file is replaced" "$?" 0
check "and nothing is saved as torn" "$(ls "$tmp/d/meetings" | grep -c torn)" 0

printf 'Sova. Beze změn.\n' >"$tmp/nodate.txt"
minutes-parse -o "$tmp/d" "$tmp/nodate.txt" 2>/dev/null
check "a parse error: exit 3" "$?" 3
check "stores nothing" "$(ls "$tmp/d/meetings" | grep -c yaml$)" 1

n=$((n + 1))
if command -v python3 >/dev/null 2>&1; then
	cp "$tmp/d/meetings/2026-11-12.yaml" "$tmp/before"
	python3 -c '
import fcntl, sys, time
f = open(sys.argv[1], "a")
fcntl.lockf(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(600)  # killed as soon as minutes-parse is done
' "$tmp/d/meetings/2026-11-12.yaml.lock" "$tmp/locked" &
	holder=$!
	# a wait for the lock to be held; the count only stops a hang
	for _ in $(seq 6000); do [ -f "$tmp/locked" ] && break; sleep 0.05; done
	minutes-parse -o "$tmp/d" --lock-timeout 0.2 "$minutes" 2>"$tmp/err"
	st=$?
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
	if [ "$st" = 4 ] && grep -q "timed out after 0.2 s waiting for the lock" "$tmp/err" &&
		cmp -s "$tmp/before" "$tmp/d/meetings/2026-11-12.yaml"; then
		echo "ok $n - a held lock: exit 4, the file unchanged"
	else
		echo "not ok $n - a held lock: exit $st"
		sed 's/^/# /' "$tmp/err"
	fi
else
	echo "ok $n # skip python3 missing"
fi

echo "1..$n"
