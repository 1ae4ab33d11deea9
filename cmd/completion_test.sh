#!/bin/sh
# Bash completion (scripts/okienko-completion.bash), as TAP.
#
# First, that its lists cannot drift from the commands: for every command
# the options it completes are those of the command's option table
# (cmd/NAME.c: its opts_option table, as --help lists it;
# scripts/weekly-report: its case patterns), the options it knows to take
# a value are those with an argument, every option
# that --help names is completed, the -f values are the formats --help
# names; schedule-check's subcommands are those of its table and each
# completes the options of its usage line; the built-in need codes are
# those of lib/records/taxonomy.c.
#
# Then completion cases (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT set
# as bash sets them, _okienko called, COMPREPLY compared sorted): options,
# subcommands, formats, fixed values, need codes and service ids of the
# fixture directory testdata/completion (through -d, --dir=, OKIENKO_DIR),
# missing files, names; once in plain bash and once more with
# bash-completion loaded (skipped when it is not installed).
if [ -z "${BASH_VERSION:-}" ]; then
	if ! command -v bash >/dev/null 2>&1; then
		echo "1..0 # SKIP bash is not installed"
		exit 0
	fi
	exec bash "$0" "$@"
fi
: "${OKIENKO_TOP:?}" "${OKIENKO_BIN:?}"
if [ "${OKIENKO_VALGRIND:-}" = 1 ]; then
	echo "1..0 # SKIP no C code of ours runs here but --help"
	exit 0
fi
export LC_ALL=C.UTF-8
unset LANGUAGE OKIENKO_DIR
cd "$OKIENKO_TOP" || exit 1
top=$PWD
PATH=$OKIENKO_BIN:$PATH
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

. "$OKIENKO_TOP/scripts/tap.sh"

# same DESCRIPTION WANT GOT: compare two word lists (any order, any spacing).
same() {
	# shellcheck disable=SC2086
	printf '%s\n' $2 | LC_ALL=C sort -u >"$tmp/want"
	# shellcheck disable=SC2086
	printf '%s\n' $3 | LC_ALL=C sort -u >"$tmp/got"
	diff "$tmp/want" "$tmp/got" | sed -n 's/^</missing:/p; s/^>/extra:/p' >"$tmp/why"
	[ ! -s "$tmp/why" ]
	report $? "$1" "$tmp/why"
}

# shellcheck source=../scripts/okienko-completion.bash disable=SC1091
. "$top/scripts/okienko-completion.bash"

# comp WORD...: the completions of the last word, sorted, on one line.
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_okienko
	printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'
}

# tableopts CMD: "OPTION 1" (takes a value) or "OPTION 0" per option of a
# table-driven command (opts_start), as its --help lists them: every name
# of the option column; in a group ("--used, --total, --waiting N", over
# several lines when long) the value the last one names is every one's;
# "--version" of the -h line.
tableopts() {
	# the long names of the common options --help shows by their letter (opts.h)
	sed -n 's/^#define OPTS_[A-Z]* { "\([a-z-]*\)", '"'"'\(.\)'"'"'.*/-\2 --\1/p' lib/cli/opts.h >"$tmp/longof"
	LC_ALL=C "$1" --help | awk '
	FILENAME != "-" { longof[$1] = $2; next }
	/^$/ { past_usage = 1 }
	past_usage && /^ +-/ {
		line = $0; sub(/^ +/, "", line)
		col = line; sub(/  .*/, "", col)
		# a long group goes on over lines that end with a comma
		if (col ~ /,$/) { group = group col " "; next }
		col = group col; group = ""
		n = split(col, part, ", ")
		arg = part[n] ~ / [A-Za-z]/
		for (i = 1; i <= n; i++) {
			o = part[i]; sub(/ .*/, "", o); print o, arg
			if (o in longof && n == 1) print longof[o], arg
		}
		if (line ~ /--version  /) print "--version", 0
	}' "$tmp/longof" -
}

# srcopts CMD: "OPTION 1" (takes a value) or "OPTION 0" per option of the
# command's option table; nothing for a command without one, so that its
# options fail to match.
srcopts() {
	if [ -f "cmd/$1.c" ] && grep -q 'opts_start(' "cmd/$1.c"; then
		tableopts "$1"
		return
	fi
	if [ "$1" = weekly-report ]; then
		# its case patterns; those of the options with values shift 2
		awk '/^\t-[-a-z| ]*\)$/ {
			sub(/\)$/, ""); gsub(/[ \t]/, "")
			split($0, o, "|")
			getline next_line
			arg = next_line ~ /needs a value/
			for (i in o) print o[i], arg
		}' scripts/weekly-report
	fi
}

# helpopts CMD [SUB]: the options that CMD --help names: every option of
# the usage (of SUB's usage lines only, with SUB), and with no SUB those
# of the help's option column and those that a description names as an
# option ("--version  the version").
helpopts() {
	LC_ALL=C "$1" --help 2>/dev/null | awk -v sub_="${2:-}" '
	function opts(s) {
		s = " " s
		while (match(s, /[][ (|,]--?[A-Za-z][A-Za-z0-9-]*/)) {
			print substr(s, RSTART + 1, RLENGTH - 1)
			s = substr(s, RSTART + RLENGTH)
		}
	}
	NR == 1 || (inusage && $0 != "") {
		inusage = 1
		if (sub_ != "") {
			if (match($0, /schedule-check [a-z-]+/))
				cur = substr($0, RSTART + 15, RLENGTH - 15)
			if (cur == sub_) opts($0)
		} else {
			opts($0)
		}
		next
	}
	{ inusage = 0 }
	sub_ != "" { next }
	/^ +-/ {
		line = $0; sub(/^ +/, "", line)
		col = line; sub(/  .*/, "", col); opts(col)
		rest = substr(line, length(col) + 1)
		while (match(rest, /[ ;(]--?[a-z][a-z0-9-]*  /)) {
			o = substr(rest, RSTART + 1, RLENGTH - 3)
			print o
			rest = substr(rest, RSTART + RLENGTH)
		}
	}' | LC_ALL=C sort -u
}

# helpformats CMD: the formats named on the -f line of CMD --help.
helpformats() {
	LC_ALL=C "$1" --help 2>/dev/null |
		awk '/^ +-f FORMAT / { for (i = 3; i <= NF; i++) { w = $i; gsub(/[^a-z]/, "", w); print w } }' |
		grep -x -E 'csv|tsv|json|yaml|table|md|html|xml' | LC_ALL=C sort -u
}

# --- the lists against the commands ---------------------------------------
PATH=$top/scripts:$PATH   # weekly-report
# shellcheck disable=SC2154
for cmd in $_okienko_commands; do
	srcopts "$cmd" >"$tmp/src"
	same "$cmd: completes the options of its option table" \
		"$(cut -d' ' -f1 "$tmp/src")" "$(comp "$cmd" -)"
	_okienko_table "$cmd"
	# shellcheck disable=SC2154
	same "$cmd: knows which options take a value" \
		"$(awk '$2 == 1 { print $1 }' "$tmp/src")" "$args"
	helpopts "$cmd" >"$tmp/help"
	[ -s "$tmp/help" ] && comm -23 "$tmp/help" <(comp "$cmd" - | tr ' ' '\n' | LC_ALL=C sort -u) >"$tmp/why"
	[ -s "$tmp/help" ] && [ ! -s "$tmp/why" ]
	report $? "$cmd: completes every option its --help names" "$tmp/why"
	if grep -q -x -e '-f 1' "$tmp/src"; then
		same "$cmd: -f completes the formats of --help" "$(helpformats "$cmd")" "$(comp "$cmd" -f "")"
	fi
done

awk '/subcommands\[\] = \{/ { on = 1; next } on && /^\};/ { on = 0 }
	on && match($0, /\{ "[a-z-]+"/) { print substr($0, RSTART + 3, RLENGTH - 4) }' \
	cmd/schedule-check.c >"$tmp/subs"
same "schedule-check: completes the subcommands of its table" "$(cat "$tmp/subs")" "$(comp schedule-check "")"
while read -r sub; do
	want=$(helpopts schedule-check "$sub" | tr '\n' ' ')
	case " $want " in *" -d "*) want="$want --dir" ;; esac
	case " $want " in *" -f "*) want="$want --format" ;; esac
	same "schedule-check $sub: completes the options of its usage" \
		"$want -h --help --version" "$(comp schedule-check "$sub" -)"
done <"$tmp/subs"

awk '/^static const struct taxonomy_entry builtin\[\]/ { on = 1; next } on && /^\};/ { on = 0 }
	on && match($0, /^\t\{ "[a-z-]+"/) { print substr($0, RSTART + 4, RLENGTH - 5) }' \
	lib/records/taxonomy.c >"$tmp/needs"
[ -s "$tmp/needs" ]
report $? "lib/records/taxonomy.c: its built-in codes are found"
mkdir "$tmp/empty"
same "service-find --need: the built-in codes of lib/records/taxonomy.c" \
	"$(cat "$tmp/needs")" "$(cd "$tmp/empty" && comp service-find --need "")"

# --- completion cases --------------------------------------------------------
fx=$top/testdata/completion
mkdir "$tmp/files" "$tmp/files/tdir"
: >"$tmp/files/t1.csv"
: >"$tmp/files/t2.txt"
: >"$tmp/files/other"
formats="csv tsv json yaml table md"
crformats=$formats
helpformats capacity-report | grep -q -x html && crformats="$formats html"

# t WANT WORD...: completing the last WORD gives WANT (sorted).
t() {
	local want=$1 got
	shift
	got=$(comp "$@")
	[ "$got" = "$want" ]
	st=$?
	printf 'line: %s\nwant: %s\ngot:  %s\n' "$*" "$want" "$got" >"$tmp/why"
	report $st "$mode: $*" "$tmp/why"
}

# within DIR COMMAND...: COMMAND run in DIR.
within() {
	cd "$1" || exit 1
	shift
	"$@"
	cd "$top" || exit 1
}

cases() {
	t "--needs" intake-add --ne
	t "--referred-to" intake-query --re
	t "--overdue --overdue-days" referral-report --over
	t "--alert" capacity-report --al
	t "--date --dir --dump-rules" minutes-parse --d
	t "--desk --dir --dry-run" intake-purge --d
	t "objection" intake-purge --client C1 --desk d1 --reason o
	t "consent-withdrawn" intake-purge --reason c
	t "--if-version" intake-update --i
	t "" intake-update --reason ""
	t "closed" intake-update 2026-000123 --status cl
	t "html json md yaml" client-export -f ""
	t "cs en pl uk" client-export --lang ""
	t "--advisor --age-group" intake-query --a
	t "id,version" intake-query --columns id,ver
	t "0-17,18-59" intake-query --age-group 0-17,18
	t "--open-at --open-now" service-find --open
	t "--describe --dir --format --help --lang --lock-timeout --repair --version" data-check --
	t "cs en pl uk" data-check -f md --lang ""
	t "--as-of --dir --group-by --help --html --lang --min-count --stale-days --version" weekly-report --
	t "appointments holidays hours-eval is-open lint slots" schedule-check ""
	t "holidays hours-eval" schedule-check h
	t "lint" schedule-check -d "$fx" l
	t "--service --specialist --step" schedule-check slots --s
	t "CZ PL" schedule-check holidays --country ""
	t "$(echo "$formats" | tr ' ' '\n' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')" intake-query -f ""
	t "$(echo "$crformats" | tr ' ' '\n' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')" capacity-report --format = ""
	t "md" referral-report --format = m
	t "accepted done no-show rejected withdrawn" referral-add --outcome ""
	t "client-declined" referral-add --reason c
	t "closed open referred" intake-add --status ""
	t "near-full" capacity-add --status n
	t "cs en pl uk" capacity-report --lang ""
	t "cs pl" minutes-parse --input-lang ""
	t "--ics --input-lang" minutes-parse --i
	t "need organization service" referral-report --group-by ""
	t "needs,week" intake-query --count-by needs,we
	OKIENKO_DIR=$fx t "winter-clothes" intake-add --needs wi
	t "bank-account bike-repair business" service-find -d "$fx" --need b
	t "housing,school housing,shelter housing,sim-card housing,social-benefits" \
		intake-add --dir "$fx" --needs housing,s
	t "housing;legal-aid" intake-add -d "$fx" --needs '"housing;le'
	t "hvezda-czech hvezda-legal most-beds" intake-add -d "$fx" --refer ""
	OKIENKO_DIR=$fx t "hvezda-czech hvezda-legal" intake-query --referred-to = hv
	t "most most-beds" capacity-add --dir = "$fx" --service m
	t "beds clients families places" capacity-add -d "$fx" --unit ""
	OKIENKO_DIR=/nonexistent t "hvezda-czech hvezda-legal most-beds" \
		schedule-check is-open -d "$fx" --service ""
	within "$tmp/empty" t "" schedule-check is-open --service ""
	t "" referral-add -d /nonexistent --service ""
	t "" intake-add --ts ""
	within "$tmp/files" t "t1.csv t2.txt tdir" intake-query t
	within "$tmp/files" t "tdir" intake-add -d t
	within "$tmp/files" t "t1.csv t2.txt tdir" minutes-parse --rules t
}

mode=plain
cases
n_plain=$n
bc=/usr/share/bash-completion/bash_completion
if [ -r "$bc" ]; then
	# shellcheck disable=SC1090
	. "$bc"
	if declare -F _init_completion >/dev/null; then
		mode=bash-completion
		cases
	fi
fi
if [ "$mode" = plain ]; then
	n=$((n + 1))
	echo "ok $n # skip bash-completion is not installed: cases with it not run"
fi
: "$n_plain"
echo "1..$n"
