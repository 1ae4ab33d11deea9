#!/bin/sh
# make install and make uninstall, as TAP.  Installs the build variant
# under test (B is $OKIENKO_BIN without its /bin; NOBUILD=1, so nothing is
# rebuilt with other flags) with DESTDIR and PREFIX=/usr/local, then checks:
# exactly the expected files are there, with their modes (0755 commands,
# 0644 the rest) and contents; each installed command, found through PATH,
# answers --help and --version (the version line); each installed page
# renders with mandoc; the bash completion is there, with a link per
# command, and bash-completion loads it on demand; a second install changes
# nothing.  Then make uninstall must leave DESTDIR empty: no file, no link,
# and none of the directories install created.  A second tree whose
# bin and man1 directories existed before keeps them, and a file of another
# package in bin.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export LC_ALL=C.UTF-8
unset LANGUAGE MAKEFLAGS MFLAGS MAKELEVEL
cd "$OKIENKO_TOP" || exit 1
top=$PWD
B=${OKIENKO_BIN%/}
B=${B%/bin}
if [ "${OKIENKO_VALGRIND:-}" = 1 ] || [ "$B/bin" != "${OKIENKO_BIN%/}" ] || [ ! -f "$B/libokienko.a" ]; then
	echo "1..0 # SKIP OKIENKO_BIN is not the bin directory of a build variant"
	exit 0
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
version=$(sed -n 's/^VERSION *= *//p' Makefile)
cmds=$(for c in cmd/*.c; do c=${c#cmd/}; echo "${c%.c}"; done)
have_mandoc=0
command -v mandoc >/dev/null 2>&1 && have_mandoc=1

. "$OKIENKO_TOP/scripts/tap.sh"

# mk TARGET ROOT [VAR=VALUE...]: make TARGET into DESTDIR=ROOT.
mk() {
	target=$1 root=$2
	shift 2
	make -s -C "$top" "$target" NOBUILD=1 B="$B" DESTDIR="$root" PREFIX=/usr/local "$@" \
		>"$tmp/make.out" 2>&1
}

# listing ROOT: every file and link under ROOT, as "TYPE MODE PATH" (a link:
# "l -> TARGET PATH"), sorted.
listing() {
	(cd "$1" && find . \( -type f -o -type l \) | LC_ALL=C sort | while read -r f; do
		if [ -L "$f" ]; then
			echo "l -> $(readlink "$f") ${f#./}"
		elif [ -x "$f" ]; then
			find "$f" -perm 0755 -exec echo "f 0755 ${f#./}" \; | grep . || echo "f ? ${f#./}"
		else
			find "$f" -perm 0644 -exec echo "f 0644 ${f#./}" \; | grep . || echo "f ? ${f#./}"
		fi
	done)
}

# the files install must put there, and how
p=usr/local
{
	for c in $cmds weekly-report; do echo "f 0755 $p/bin/$c"; done
	for s in 1 5 7; do
		for m in "man/man$s"/*."$s"; do echo "f 0644 $p/share/man/man$s/${m##*/}"; done
	done
	echo "f 0644 $p/share/bash-completion/completions/okienko"
	for c in $cmds weekly-report; do echo "l -> okienko $p/share/bash-completion/completions/$c"; done
	for f in testdata/demo/*; do echo "f 0644 $p/share/doc/okienko/examples/demo/${f##*/}"; done
	echo "f 0644 $p/share/doc/okienko/examples/crontab"
	echo "f 0644 $p/share/doc/okienko/installed-dirs"
	for po in lib/po/*.po; do
		[ -f "$po" ] || continue
		l=${po##*/}
		echo "f 0644 $p/share/locale/${l%.po}/LC_MESSAGES/okienko.mo"
	done
} | LC_ALL=C sort -k3 >"$tmp/want"

root=$tmp/root
mk install "$root"
report $? "make install DESTDIR PREFIX=/usr/local (B=$B, NOBUILD=1)" "$tmp/make.out"
listing "$root" | LC_ALL=C sort -k3 >"$tmp/got"
diff "$tmp/want" "$tmp/got" >"$tmp/why"
report $? "it installs exactly the expected files, with modes 0755 and 0644" "$tmp/why"

: >"$tmp/why"
for c in $cmds; do
	cmp "$B/bin/$c" "$root/$p/bin/$c" >>"$tmp/why" 2>&1
done
cmp scripts/weekly-report "$root/$p/bin/weekly-report" >>"$tmp/why" 2>&1
for s in 1 5 7; do
	for m in "man/man$s"/*."$s"; do cmp "$m" "$root/$p/share/man/man$s/${m##*/}" >>"$tmp/why" 2>&1; done
done
cmp scripts/okienko-completion.bash "$root/$p/share/bash-completion/completions/okienko" >>"$tmp/why" 2>&1
cmp scripts/crontab.example "$root/$p/share/doc/okienko/examples/crontab" >>"$tmp/why" 2>&1
for f in testdata/demo/*; do cmp "$f" "$root/$p/share/doc/okienko/examples/demo/${f##*/}" >>"$tmp/why" 2>&1; done
[ ! -s "$tmp/why" ]
report $? "the installed files are copies of the build's and the tree's" "$tmp/why"

# the commands, found on PATH
for c in $cmds weekly-report; do
	PATH="$root/$p/bin:$PATH" sh -c 'command -v "$1"' sh "$c" >"$tmp/where"
	PATH="$root/$p/bin:$PATH" "$c" --help >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ "$(cat "$tmp/where")" = "$root/$p/bin/$c" ] && [ $st = 0 ] && [ ! -s "$tmp/err" ] &&
		head -n 1 "$tmp/out" | grep -q "^usage: $c "
	report $? "installed $c --help" "$tmp/err"
	PATH="$root/$p/bin:$PATH" "$c" --version >"$tmp/out" 2>"$tmp/err"
	st=$?
	echo "$c (okienko) $version" >"$tmp/exp"
	[ $st = 0 ] && cmp -s "$tmp/out" "$tmp/exp" && [ ! -s "$tmp/err" ]
	report $? "installed $c --version prints '$c (okienko) $version'" "$tmp/err"
done

# the pages, as man would show them
for m in "$root/$p"/share/man/man*/*; do
	if [ $have_mandoc = 0 ]; then
		n=$((n + 1))
		echo "ok $n # skip mandoc missing"
		continue
	fi
	mandoc -Tutf8 "$m" >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ $st = 0 ] && [ -s "$tmp/out" ]
	report $? "mandoc -Tutf8 renders the installed ${m#"$root/"}" "$tmp/err"
done

# the completion: a link per command, and bash-completion loads it by the
# command's name from DIR/bash-completion/completions for each DIR of
# XDG_DATA_DIRS (by default /usr/local/share:/usr/share)
: >"$tmp/why"
for c in $cmds weekly-report; do
	[ "$(readlink "$root/$p/share/bash-completion/completions/$c")" = okienko ] &&
		[ -f "$root/$p/share/bash-completion/completions/$c" ] ||
		echo "$c: no link to okienko" >>"$tmp/why"
done
[ ! -s "$tmp/why" ]
report $? "a completion link per command" "$tmp/why"
bc=/usr/share/bash-completion/bash_completion
if command -v bash >/dev/null 2>&1 && [ -r "$bc" ]; then
	for c in intake-add schedule-check weekly-report; do
		PATH="$root/$p/bin:$PATH" XDG_DATA_DIRS="$root/$p/share" bash -c '
			. "$1"
			__load_completion "$2" || exit 1
			complete -p "$2"
			COMP_WORDS=("$2" --h); COMP_CWORD=1; COMP_LINE="$2 --h"; COMP_POINT=${#COMP_LINE}
			_okienko
			printf "%s\n" "${COMPREPLY[@]}"' sh "$bc" "$c" >"$tmp/out" 2>"$tmp/err"
		st=$?
		[ $st = 0 ] && grep -q -e "-F _okienko .*$c" "$tmp/out" && grep -q -x -e --help "$tmp/out"
		report $? "bash-completion loads the completion of $c on demand" "$tmp/err"
	done
else
	n=$((n + 1))
	echo "ok $n # skip bash or bash-completion missing"
fi

mk install "$root"
report $? "a second make install" "$tmp/make.out"
listing "$root" | LC_ALL=C sort -k3 >"$tmp/got"
diff "$tmp/want" "$tmp/got" >"$tmp/why"
report $? "changes nothing" "$tmp/why"

mk uninstall "$root"
report $? "make uninstall DESTDIR PREFIX=/usr/local" "$tmp/make.out"
(cd "$root" && find . -type f -o -type l) >"$tmp/why"
[ ! -s "$tmp/why" ]
report $? "removes every file and link" "$tmp/why"
(cd "$root" && find . -mindepth 1) >"$tmp/why"
[ ! -s "$tmp/why" ]
report $? "and every directory install created" "$tmp/why"

# directories that were there before stay, and so does another package's file
root=$tmp/root2
mkdir -p "$root/$p/bin" "$root/$p/share/man/man1"
echo other >"$root/$p/bin/other-tool"
mk install "$root" && mk uninstall "$root"
report $? "install and uninstall into a tree that has bin and man1" "$tmp/make.out"
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort) >"$tmp/got"
printf '%s\n' ./usr ./usr/local ./usr/local/bin ./usr/local/bin/other-tool ./usr/local/share \
	./usr/local/share/man ./usr/local/share/man/man1 >"$tmp/want"
diff "$tmp/want" "$tmp/got" >"$tmp/why"
report $? "it keeps those directories and the other file, and removes its own" "$tmp/why"

# another prefix
root=$tmp/root3
mk install "$root" PREFIX=/opt/okienko &&
	[ -x "$root/opt/okienko/bin/intake-add" ] &&
	[ -f "$root/opt/okienko/share/man/man7/okienko.7" ] &&
	[ -L "$root/opt/okienko/share/bash-completion/completions/intake-add" ]
report $? "make install PREFIX=/opt/okienko installs there" "$tmp/make.out"
mk uninstall "$root" PREFIX=/opt/okienko
(cd "$root" && find . -mindepth 1) >"$tmp/why"
[ ! -s "$tmp/why" ]
report $? "make uninstall PREFIX=/opt/okienko leaves nothing" "$tmp/why"

echo "1..$n"
