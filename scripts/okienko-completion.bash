# okienko-completion.bash: bash completion for the okienko commands.
#
# Source it (`. okienko-completion.bash`), or install it where
# bash-completion loads completions on demand: `make install` puts it in
# $(PREFIX)/share/bash-completion/completions/okienko with a link per
# command name.  It needs bash 4.3; bash-completion's helpers are used for
# file names when they are there, and are not needed otherwise.
#
# Completes each command's options (the lists below are the commands'
# option tables: cmd/completion_test.sh checks them against the sources and
# --help), schedule-check's subcommands, and the values of options: formats,
# fixed vocabularies, need codes (the built-in taxonomy plus DIR/taxonomy.yaml),
# service and organisation ids (DIR/services.yaml), file and directory names.
# DIR is the -d/--dir given on the line, else $OKIENKO_DIR, else the current
# directory; a missing or unreadable file gives no candidates, never an error.

_okienko_commands="intake-add intake-query referral-add referral-report schedule-check capacity-add capacity-report service-find data-check intake-purge minutes-parse intake-update client-export weekly-report"

# The built-in needs taxonomy (lib/records/taxonomy.c).
_okienko_needs="bank-account business childcare citizenship debt-advice disability domestic-violence driving-licence education employment family-reunification food-aid health-care health-insurance housing humanitarian-aid id-number information interpreting language-course legal-aid psych-support qualifications registration residence school shelter social-benefits tax-insurance temporary-protection translation transport work-permit"

_okienko_formats="csv tsv json yaml table md"
_okienko_intake_columns="id ts desk client sex age_group nationality language household needs referred_to consent advisor status note date week month version"

# _okienko_table CMD [SUBCOMMAND]: set opts (every option), args (the options
# that take a value), operand (file: the command takes FILE operands) and
# subs (schedule-check's subcommands) for CMD.
_okienko_table() {
	local common="-d --dir -f --format -h --help --version"
	local writer="--batch --from --dry-run --lock-timeout"
	opts='' args='-d --dir -f --format' operand='' subs=''
	case $1 in
	intake-add)
		opts="$common $writer --ts --desk --client --sex --age-group --nationality --language --household --needs --referred-to --refer --consent --advisor --status --note"
		args="$args --from --lock-timeout --ts --desk --client --sex --age-group --nationality --language --household --needs --referred-to --refer --consent --advisor --status --note" ;;
	intake-query)
		opts="$common --since --until --week --month --match --columns --count-by --min-count --jobs --nationality --needs --need --referred-to --status --desk --id --client --advisor --language --sex --age-group"
		args="$args --since --until --week --month --match --columns --count-by --min-count --jobs --nationality --needs --need --referred-to --status --desk --id --client --advisor --language --sex --age-group"
		operand="file" ;;
	intake-update)
		opts="$common $writer --desk --advisor --reason --if-version --ts --client --sex --age-group --nationality --language --household --needs --referred-to --refer --consent --status --note"
		args="$args --from --lock-timeout --desk --advisor --reason --if-version --ts --client --sex --age-group --nationality --language --household --needs --referred-to --refer --consent --status --note" ;;
	client-export)
		opts="-d --dir -f --format -h --help --version --lang"
		args="$args --lang" ;;
	referral-add)
		opts="$common $writer --date --intake-id --intake --service --outcome --reason --note"
		args="$args --from --lock-timeout --date --intake-id --intake --service --outcome --reason --note" ;;
	referral-report)
		opts="$common --as-of --since --until --period --overdue-days --group-by --min-count --overdue --lang"
		args="$args --as-of --since --until --period --overdue-days --group-by --min-count --lang" ;;
	schedule-check)
		args="$args --service --hours --at --country --year --date --duration --specialist --step --location"
		subs="appointments holidays hours-eval is-open lint slots"
		case $2 in
		is-open) opts="-d --dir -h --help --version --service --hours --at --country --location" ;;
		hours-eval) opts="-d --dir -h --help --version --country --location"; operand="file" ;;
		holidays) opts="-f --format -h --help --version --country --year" ;;
		appointments) opts="-d --dir -f --format -h --help --version --unknown-open"; operand="file" ;;
		slots) opts="$common --service --date --duration --step --specialist --unknown-open" ;;
		lint) opts="-d --dir -h --help --version" ;;
		*) opts="$common --service --hours --at --country --year --date --duration --specialist --unknown-open --step --location" ;;
		esac ;;
	capacity-add)
		opts="$common $writer --date --service --unit --used --total --waiting --status --source --note"
		args="$args --from --lock-timeout --date --service --unit --used --total --waiting --status --source --note" ;;
	capacity-report)
		opts="$common --as-of --stale-days --period --since --until --group-by --lang --min-count --alert"
		args="$args --as-of --stale-days --period --since --until --group-by --lang --min-count" ;;
	service-find)
		opts="$common --needs --need --language --open-at --open-now --available --lang"
		args="$args --needs --need --language --open-at --lang" ;;
	data-check)
		opts="$common --lang --repair --describe --lock-timeout"
		args="$args --lang --lock-timeout" ;;
	intake-purge)
		opts="$common --older-than --before --dry-run --client --desk --reason --lock-timeout"
		args="$args --older-than --before --client --desk --reason --lock-timeout" ;;
	minutes-parse)
		opts="$common -o --input-lang --rules --date --force --dump-rules --attendees --updates --capacity --next --ics --lock-timeout"
		args="$args -o --input-lang --rules --date --lock-timeout"
		operand="file" ;;
	weekly-report)
		opts="-d --dir -o -h --help --version --html --as-of --lang --stale-days --min-count --group-by"
		args="-d --dir -o --html --as-of --lang --stale-days --min-count --group-by" ;;
	esac
}

# _okienko_dir WORD...: the data directory named on the line (the words
# before the one completed), else $OKIENKO_DIR, else ".".
_okienko_dir() {
	local dir='' w
	while [ $# -gt 0 ]; do
		w=$1
		shift
		case $w in
		--) break ;;
		-d | --dir) [ $# -gt 0 ] && dir=$1 && shift ;;
		--dir=*) dir=${w#--dir=} ;;
		-d?*) dir=${w#-d} ;;
		esac
	done
	dir=${dir#[\"\']}
	dir=${dir%[\"\']}
	case $dir in
	\~) dir=$HOME ;;
	\~/*) dir=$HOME/${dir#\~/} ;;
	esac
	printf '%s\n' "${dir:-${OKIENKO_DIR:-.}}"
}

# _okienko_ids FILE BLOCK: the ids of the items of every BLOCK sequence
# (services, organizations) in a services.yaml (block style).
_okienko_ids() {
	[ -r "$1" ] || return 0
	awk -v block="$2" '
	{ sub(/\r$/, "") }
	/^[ \t]*(#.*)?$/ { next }
	{
		line = $0
		sub(/[ \t]+#.*$/, "", line)
		match(line, /^ */)
		ind = RLENGTH
		rest = substr(line, ind + 1)
		dash = 0
		if (rest ~ /^-( |$)/) {
			dash = 1
			sub(/^- */, "", rest)
		}
		if (inblock && (ind < bind || (ind == bind && !dash)))
			inblock = 0
		if (inblock && dash && keyind < 0)
			keyind = ind + 2
		if (inblock && (dash ? ind + 2 : ind) == keyind && rest ~ /^id:/) {
			v = rest
			sub(/^id:[ \t]*/, "", v)
			gsub(/^["\047]|["\047][ \t]*$/, "", v)
			sub(/[ \t]+$/, "", v)
			if (v != "")
				print v
		}
		if (!inblock && rest ~ ("^" block ":[ \t]*$")) {
			inblock = 1
			bind = dash ? ind + 2 : ind
			keyind = -1
		}
	}' "$1" 2>/dev/null
}

# _okienko_codes FILE: the need codes a taxonomy.yaml adds.
_okienko_codes() {
	[ -r "$1" ] || return 0
	awk '{
		line = $0
		sub(/[ \t]+#.*$/, "", line)
		if (match(line, /(^|[ \t{,-])code:[ \t]*["\047]?[a-z][a-z0-9-]*/)) {
			v = substr(line, RSTART, RLENGTH)
			sub(/^.*code:[ \t]*["\047]?/, "", v)
			print v
		}
	}' "$1" 2>/dev/null
}

# _okienko_units FILE: the capacity units a services.yaml names.
_okienko_units() {
	[ -r "$1" ] || return 0
	awk '{
		if (match($0, /unit:[ \t]*["\047]?[a-z][a-z-]*/)) {
			v = substr($0, RSTART, RLENGTH)
			sub(/^unit:[ \t]*["\047]?/, "", v)
			print v
		}
	}' "$1" 2>/dev/null
}

# _okienko_formats_of CMD PROGRAM: the -f values of CMD; for capacity-report
# also html when PROGRAM (the command as typed) lists it in its --help
# (asked once per shell).
_okienko_formats_of() {
	if [ "$1" = client-export ]; then
		printf '%s\n' "json yaml md html"
		return
	fi
	if [ "$1" = capacity-report ]; then
		if [ -z "${_okienko_cr_html+set}" ]; then
			_okienko_cr_html=
			if LC_ALL=C "$2" --help 2>/dev/null |
				grep -E -q -- '^ *-f FORMAT.*[^a-z]html([^a-z]|$)'; then
				_okienko_cr_html=html
			fi
		fi
		printf '%s\n' "$_okienko_formats $_okienko_cr_html"
		return
	fi
	printf '%s\n' "$_okienko_formats"
}

# _okienko_files [-d]: file (or directory) names for $cur into COMPREPLY.
_okienko_files() {
	if declare -F _filedir >/dev/null 2>&1; then
		if [ "${1:-}" = -d ]; then
			_filedir -d
		else
			_filedir
		fi
		return
	fi
	compopt -o filenames 2>/dev/null
	if [ "${1:-}" = -d ]; then
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	fi
}

# _okienko_values CMD OPTION WORD...: the candidates for OPTION's value, one
# a line; a line "@files" or "@dirs" asks for names instead.
_okienko_values() {
	local cmd=$1 opt=$2 dir
	shift 2
	case $cmd:$opt in
	*:-d | *:--dir | minutes-parse:-o) echo @dirs; return ;;
	*:--rules | weekly-report:-o | weekly-report:--html) echo @files; return ;;
	*:-f | *:--format) _okienko_formats_of "$cmd" "${COMP_WORDS[0]}"; return ;;
	*:--from) echo csv yaml; return ;;
	*:--sex) echo f m x; return ;;
	*:--age-group) echo 0-17 18-59 60+; return ;;
	*:--consent) echo yes no; return ;;
	capacity-add:--status) echo ok near-full full unknown; return ;;
	intake-*:--status) echo open referred closed; return ;;
	*:--outcome) echo accepted rejected "done" no-show withdrawn; return ;;
	intake-purge:--reason) echo no-longer-needed consent-withdrawn objection unlawful legal-obligation; return ;;
	intake-update:--reason) return ;;
	*:--reason) echo lack-of-capacity not-eligible unable-to-contact client-declined other; return ;;
	*:--source) echo manual; return ;;
	*:--country) echo CZ PL; return ;;
	*:--input-lang) echo cs pl; return ;;
	*:--lang) echo cs pl uk en; return ;;
	*:--group-by) echo service organization need; return ;;
	*:--period) echo week month quarter year; return ;;
	*:--columns | *:--count-by) echo "$_okienko_intake_columns"; return ;;
	esac
	dir=$(_okienko_dir "$@")
	case $cmd:$opt in
	*:--need | *:--needs)
		echo "$_okienko_needs"
		_okienko_codes "$dir/taxonomy.yaml" ;;
	*:--refer | *:--referred-to | *:--service)
		_okienko_ids "$dir/services.yaml" services
		[ "$cmd" = capacity-add ] && _okienko_ids "$dir/services.yaml" organizations ;;
	capacity-add:--unit)
		echo beds clients families places
		_okienko_units "$dir/services.yaml" ;;
	esac
	return 0
}

_okienko() {
	local cmd=${COMP_WORDS[0]##*/} cword=0 cur prev='' pre='' i w n sub='' nop=0
	local opts args operand subs split=''
	local -a words=()

	# Join "--opt", "=", "value" (bash splits words at =) into one word.
	n=${#COMP_WORDS[@]}
	for ((i = 0; i < n; i++)); do
		w=${COMP_WORDS[i]}
		if [ "$w" = = ] && [ $i -gt 1 ] && [[ ${words[-1]} == --* && ${words[-1]} != *=* ]]; then
			words[-1]+='='
			[ $i -eq "$COMP_CWORD" ] && split=1 && cword=$((${#words[@]} - 1))
			if [ $((i + 1)) -lt "$n" ] && [ $i -lt "$COMP_CWORD" ]; then
				i=$((i + 1))
				words[-1]+=${COMP_WORDS[i]}
				[ $i -eq "$COMP_CWORD" ] && split=1 && cword=$((${#words[@]} - 1))
			fi
			continue
		fi
		words+=("$w")
		[ $i -eq "$COMP_CWORD" ] && cword=$((${#words[@]} - 1))
	done
	[ "$cword" -ge "${#words[@]}" ] && words+=("")
	cur=${words[cword]}
	COMPREPLY=()

	_okienko_table "$cmd"
	# the subcommand, the option awaiting a value, and "--"
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		if [ $nop = 1 ]; then
			continue
		fi
		case $w in
		--) nop=1 ;;
		--*=*) ;;
		-*)
			if [[ " $args " == *" $w "* ]]; then
				[ $((i + 1)) -eq "$cword" ] && prev=$w
				i=$((i + 1))
			fi ;;
		*) [ -n "$subs" ] && [ -z "$sub" ] && [[ " $subs " == *" $w "* ]] && sub=$w ;;
		esac
	done
	[ -n "$sub" ] && _okienko_table "$cmd" "$sub"

	# the value of --opt=value, -dDIR, -fFORMAT, -oDIR
	if [ -z "$prev" ] && [ $nop = 0 ]; then
		case $cur in
		--*=*)
			prev=${cur%%=*}
			cur=${cur#*=}
			[ -z "$split" ] && pre=$prev= ;;
		-[dfo]?*)
			if [[ " $args " == *" ${cur:0:2} "* ]]; then
				prev=${cur:0:2}
				pre=$prev
				cur=${cur:2}
			fi ;;
		esac
	fi

	if [ -n "$prev" ]; then
		local vals v list=
		vals=$(_okienko_values "$cmd" "$prev" "${words[@]:1:cword-1}")
		case $vals in
		@files | @dirs)
			[ -n "$pre" ] && return 0
			if [ "$vals" = @dirs ]; then _okienko_files -d; else _okienko_files; fi
			return 0 ;;
		esac
		case $prev in
		--needs | --need | --refer | --referred-to | --columns | --count-by | --status | --sex | --age-group)
			# a list: complete its last item
			cur=${cur#[\"\']}
			list=${cur%"${cur##*[,;]}"}
			cur=${cur##*[,;]} ;;
		esac
		# shellcheck disable=SC2086
		for v in $(printf '%s\n' $vals | awk '!seen[$0]++'); do
			[[ $v == "$cur"* ]] && COMPREPLY+=("$pre$list$v")
		done
		return 0
	fi

	if [ $nop = 0 ] && [[ $cur == -* ]]; then
		for w in $opts; do
			[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
		done
		return 0
	fi
	if [ -n "$subs" ] && [ -z "$sub" ]; then
		for w in $subs; do
			[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
		done
		return 0
	fi
	if [ "$operand" = file ]; then
		_okienko_files
		return 0
	fi
	# no operands: offer the options
	if [ $nop = 0 ]; then
		for w in $opts; do
			[[ $w == "$cur"* ]] && COMPREPLY+=("$w")
		done
	fi
	return 0
}

# shellcheck disable=SC2086
complete -F _okienko $_okienko_commands
