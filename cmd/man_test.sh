#!/bin/sh
# Manual pages, as TAP.  For each page of man/man1: its SYNOPSIS is the
# command's usage (scripts/check-man), the rest of --help fits 80 columns,
# it lints clean (below), and every
# example of its EXAMPLES section is a golden case:
# testdata/CMD/*-man-example-*/cmd holds the command exactly as the page
# shows it and, where the page shows output, expout holds that output.
# Every page of man/man1, man5 and man7 must render with `mandoc -Tutf8`
# without an error (-W error), and those of man5 and man7 lint clean too.
# The checks that need mandoc are skipped without it.
#
# Lint clean: `mandoc -Tlint` prints nothing down to its STYLE level but
# for two messages that cannot be avoided: "operating system explicitly
# specified" (.Os okienko: a bare .Os would print the reader's system in
# the footer) and "referenced manual not found" (mandoc looks only in the
# system's manual database, where our pages are not; its notes that the
# database is outdated are not about the page either).  Instead, every .Xr
# must name a page of man/, one installed on this machine, or one of the
# system pages listed in $external.
#
# An example, in a .Bd -literal block of EXAMPLES, is a line beginning with
# "$ ", the lines that follow while a line ends with a backslash (\e in the
# source), and a here-document's lines through its delimiter; the lines
# after it, up to the next "$ " or .Ed, are its output.
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
export OKIENKO_BIN LC_ALL=C.UTF-8
cd "$OKIENKO_TOP" || exit 1

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
have_mandoc=0
command -v mandoc >/dev/null 2>&1 && have_mandoc=1

. "$OKIENKO_TOP/scripts/tap.sh"

skip_mandoc() {
	n=$((n + 1))
	echo "ok $n # skip mandoc missing"
}

lint() {
	if [ $have_mandoc = 0 ]; then
		skip_mandoc
		return
	fi
	mandoc -Tlint "$1" >"$tmp/lint" 2>&1
	st=$?
	grep -v -e ': STYLE: operating system explicitly specified: Os okienko' \
		-e ': STYLE: referenced manual not found: ' \
		-e ': outdated mandoc.db lacks ' "$tmp/lint" >"$tmp/lint.left"
	[ $st -le 1 ] && [ ! -s "$tmp/lint.left" ]
	report $? "$1: mandoc -Tlint is silent but for the unavoidable" "$tmp/lint.left"
	xrefs "$1"
}

# System pages that pages refer to and that may not be installed here.
external="crontab.5 cut.1 fcntl.2 fsync.2 pcre2pattern.3 write.2"

# xrefs PAGE: every .Xr of PAGE names a page that exists.
xrefs() {
	: >"$tmp/xr"
	awk '/^\./ {
		for (i = 1; i < NF; i++)
			if (($i == "Xr" || $i == ".Xr") && $(i + 2) ~ /^[1-9]/)
				print $(i + 1) "." substr($(i + 2), 1, 1)
	}' "$1" | sort -u | while read -r xr; do
		sec=${xr##*.}
		[ -f "man/man$sec/$xr" ] && continue
		case " $external " in *" $xr "*) continue ;; esac
		ls /usr/share/man/man"$sec"/"$xr"* >/dev/null 2>&1 && continue
		echo "no page $xr" >>"$tmp/xr"
	done
	[ ! -s "$tmp/xr" ]
	report $? "$1: every Xr names a page" "$tmp/xr"
}

render() {
	if [ $have_mandoc = 0 ]; then
		skip_mandoc
		return
	fi
	mandoc -Tutf8 -W error "$1" >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ $st = 0 ] && [ -s "$tmp/out" ] && [ ! -s "$tmp/err" ]
	report $? "$1: mandoc -Tutf8 renders it without error" "$tmp/err"
}

# Write the examples of page $1 as $tmp/ex/N.cmd and, when output is shown,
# $tmp/ex/N.out; print how many there are.
examples() {
	rm -rf "$tmp/ex"
	mkdir "$tmp/ex"
	awk -v dir="$tmp/ex" '
	function unescape(s,    i) {
		gsub(/\\&/, "", s)
		gsub(/\\\(aq/, "\047", s)
		gsub(/\\\(dq/, "\"", s)
		gsub(/\\-/, "-", s)
		# not gsub: awks disagree on backslashes in its replacement
		while ((i = index(s, "\\e")) > 0)
			s = substr(s, 1, i - 1) "\\" substr(s, i + 2)
		return s
	}
	function command_line(s) {
		print s > (dir "/" k ".cmd")
		state = "out"
		if (s ~ /\\$/) {
			state = "cont"
		} else if (match(s, /<<-?[ \t]*\047?[A-Za-z_][A-Za-z_0-9]*/)) {
			delim = substr(s, RSTART, RLENGTH)
			sub(/^<<-?[ \t]*\047?/, "", delim)
			state = "heredoc"
		}
	}
	/^\.Sh[ \t]/ { inex = $0 ~ /^\.Sh[ \t]+EXAMPLES[ \t]*$/; next }
	!inex { next }
	!inblock && /^\.Bd[ \t]+-literal/ { inblock = 1; state = ""; next }
	!inblock { next }
	/^\.Ed[ \t]*$/ { inblock = 0; next }
	{ line = unescape($0) }
	state == "cont" { command_line(line); next }
	state == "heredoc" {
		print line > (dir "/" k ".cmd")
		if (line == delim)
			state = "out"
		next
	}
	substr(line, 1, 2) == "$ " { k++; command_line(substr(line, 3)); next }
	state == "out" { print line > (dir "/" k ".out") }
	' "$1"
	count=0
	for f in "$tmp"/ex/*.cmd; do
		[ -f "$f" ] && count=$((count + 1))
	done
	echo "$count"
}

for page in man/man1/*.1; do
	[ -f "$page" ] || continue
	cmd=${page##*/}
	cmd=${cmd%.1}
	scripts/check-man "$cmd" "$page" >"$tmp/diff" 2>&1
	report $? "$page: SYNOPSIS is the usage of $cmd --help" "$tmp/diff"
	lint "$page"
	# below the usage (the SYNOPSIS), --help fits a terminal of 80 columns
	if [ -x "$OKIENKO_BIN/$cmd" ]; then
		"$OKIENKO_BIN/$cmd" --help | awk '/^$/ { past = 1 } past && length($0) > 80' >"$tmp/wide"
		[ ! -s "$tmp/wide" ]
		report $? "$cmd --help: its lines fit 80 columns" "$tmp/wide"
	fi

	count=$(examples "$page")
	[ "$count" -gt 0 ]
	report $? "$page: has examples"
	i=1
	while [ "$i" -le "$count" ]; do
		found=""
		for c in testdata/"$cmd"/*-man-example-*/; do
			[ -f "$c/cmd" ] || continue
			printf '%s\n' "$(cat "$c/cmd")" >"$tmp/case"
			if cmp -s "$tmp/case" "$tmp/ex/$i.cmd"; then
				found=${c%/}
				break
			fi
		done
		if [ -z "$found" ]; then
			{ echo "no testdata/$cmd/*-man-example-*/cmd holds:"; cat "$tmp/ex/$i.cmd"; } >"$tmp/why"
			report 1 "$page: example $i is a golden case" "$tmp/why"
		elif [ -f "$tmp/ex/$i.out" ] && ! cmp -s "$tmp/ex/$i.out" "$found/expout"; then
			diff -u "$tmp/ex/$i.out" "$found/expout" >"$tmp/why"
			report 1 "$page: example $i shows the output of ${found##*/}" "$tmp/why"
		else
			report 0 "$page: example $i is ${found##*/}"
		fi
		i=$((i + 1))
	done
	for c in testdata/"$cmd"/*-man-example-*/; do
		[ -f "$c/cmd" ] || continue
		printf '%s\n' "$(cat "$c/cmd")" >"$tmp/case"
		found=""
		for f in "$tmp"/ex/*.cmd; do
			cmp -s "$tmp/case" "$f" && found=1
		done
		[ -n "$found" ]
		report $? "${c%/}: its command is an example of $page"
	done
done

for page in man/man1/*.1 man/man5/*.5 man/man7/*.7; do
	[ -f "$page" ] || continue
	case $page in man/man1/*) ;; *) lint "$page" ;; esac
	render "$page"
done

echo "1..$n"
