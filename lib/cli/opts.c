#include "opts.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "diag.h"
#include "i18n.h"
#include "strbuf.h"
#include "banned.h"

void opts_start(struct opts *o, char **argv, const struct opts_command *cmd)
{
	const struct opts_option *p;
	size_t n = 0, k = 0;

	i18n_init();
	diag_setprog(argv[0]);
	o->argv = argv;
	o->cmd = cmd;
	o->dir = NULL;
	o->format = OUTPUT_CSV;
	o->lock_timeout = 30;
	o->lang = i18n_lang();
	o->format_given = o->lock_timeout_given = o->lang_given = 0;
	o->shortopts[k++] = ':'; /* tells a missing argument (':') from an unknown option */
	for (p = cmd->options; p->name && p - cmd->options < OPTS_MAX; p++) {
		if (p->key > 0 && p->key < 128 && !(p->flags & OPTS_ALIAS)) {
			o->shortopts[k++] = (char)p->key;
			if (p->arg)
				o->shortopts[k++] = ':';
		}
		if (p->flags & OPTS_SHORT)
			continue;
		o->table[n].name = p->name;
		o->table[n].has_arg = p->arg ? required_argument : no_argument;
		o->table[n].flag = NULL;
		o->table[n].val = p->key;
		n++;
	}
	memset(&o->table[n], 0, sizeof o->table[n]);
	o->shortopts[k] = '\0';
	o->longopts = o->table;
}

static int owned(const struct opts_command *cmd, int key)
{
	const struct opts_option *p;
	for (p = cmd->options; p->name; p++)
		if (p->key == key)
			return (p->flags & OPTS_OWN) != 0;
	return 0;
}

int opts_next(struct opts *o, int argc, char **argv)
{
	int c;
	o->argv = argv;
	opterr = 0;
	while ((c = getopt_long(argc, argv, o->shortopts, o->table, NULL)) != -1) {
		if (owned(o->cmd, c))
			return c;
		switch (c) {
		case 'd':
		case 'f':
		case 'h':
		case OPTS_VERSION:
		case OPTS_LOCK_TIMEOUT:
		case OPTS_LANG_KEY:
		case '?':
		case ':':
			o->format_given |= c == 'f';
			o->lock_timeout_given |= c == OPTS_LOCK_TIMEOUT;
			o->lang_given |= c == OPTS_LANG_KEY;
			opts_common(o, c, optarg);
			continue;
		default:
			return c;
		}
	}
	return -1;
}

/* "  --as-of DATE      the latest..." : the left column, then the help's lines. */
static void help_line(struct strbuf *sb, const char *left, const char *help)
{
	const char *nl;
	size_t n = strlen(left);

	/* the help starts in column 20, on the next line after a long left column */
	if (n > 16)
		strbuf_addf(sb, "  %s\n%20s", left, "");
	else
		strbuf_addf(sb, "  %s%*s", left, (int)(18 - n), "");
	for (; (nl = strchr(help, '\n')); help = nl + 1)
		strbuf_addf(sb, "%.*s\n%20s", (int)(nl - help), help, "");
	strbuf_addf(sb, "%s\n", help);
}

void opts_print_help(const struct opts *o)
{
	const struct opts_command *cmd = o->cmd;
	const struct opts_option *p;
	struct strbuf sb = STRBUF_INIT, left = STRBUF_INIT, alias = STRBUF_INIT;

	strbuf_addf(&sb, "%s\n\n%s\n", cmd->usage, _(cmd->about));
	for (p = cmd->options; p->name; p++) {
		if (p->flags & OPTS_HIDDEN)
			continue;
		/* a long run of options without help of their own: a line each 60 columns */
		if (left.len > 44) {
			strbuf_addf(&sb, "  %s,\n", left.buf);
			strbuf_reset(&left);
		} else if (left.len) {
			strbuf_addstr(&left, ", ");
		}
		if (p->shown) {
			strbuf_addstr(&left, p->shown);
		} else {
			strbuf_addf(&left, "--%s", p->name);
			if (p->arg && (p->help || (p->flags & OPTS_ALIAS)))
				strbuf_addf(&left, " %s", p->arg);
		}
		if (!p->help && !(p->flags & OPTS_ALIAS))
			continue;
		if (p->flags & OPTS_ALIAS) {
			const struct opts_option *q = p - 1;
			while (q > cmd->options && (q->flags & OPTS_ALIAS))
				q--;
			strbuf_reset(&alias);
			strbuf_addf(&alias, _("the same as --%s"), q->name);
			help_line(&sb, left.buf, alias.buf);
		} else {
			help_line(&sb, left.buf, _(p->help));
		}
		strbuf_reset(&left);
	}
	strbuf_addf(&sb, "\n%s", _(cmd->see));
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
	strbuf_release(&left);
	strbuf_release(&alias);
}

/* After the line that says what is wrong: where to read how it is right. */
static _Noreturn void usage_exit(void)
{
	diag_message("try '%s --help'", diag_prog());
	exit(DIAG_USAGE);
}

_Noreturn void opts_usage_error(const struct opts *o, const char *fmt, ...)
{
	va_list ap;
	(void)o;
	va_start(ap, fmt);
	diag_vmessage(fmt, ap);
	va_end(ap);
	usage_exit();
}

void opts_date_range(const struct opts *o, int rc, const char *name, const char *arg)
{
	if (rc == CIVTIME_RANGE)
		opts_usage_error(o,
				 "%s: '%s' is outside the range of dates, %04d-01-01 to %04d-12-31",
				 name, arg, CIVTIME_FIRST_YEAR, CIVTIME_LAST_YEAR);
}

/*
 * The long option that "--typed[=value]" names: an exact name, else the
 * one option whose name it begins (several that differ only in name are
 * one option, as getopt_long has it).  NULL when none; *ambiguous is set
 * when several differ.
 */
static const struct option *long_option(const struct option *lo, const char *typed, int *ambiguous)
{
	const struct option *found = NULL, *p;
	size_t n = strcspn(typed, "=");

	*ambiguous = 0;
	for (p = lo; p && p->name; p++) {
		if (strncmp(p->name, typed, n) != 0)
			continue;
		if (strlen(p->name) == n)
			return p;
		if (!found)
			found = p;
		else if (p->has_arg != found->has_arg || p->flag != found->flag ||
			 p->val != found->val)
			*ambiguous = 1;
	}
	return *ambiguous ? NULL : found;
}

/*
 * getopt_long's complaint, in its words, said through diag (opts_next
 * silences getopt: it would print an option name as typed, control
 * characters included).
 */
static void bad_option(const struct opts *o, int c)
{
	const char *elem = o->argv && optind > 0 ? o->argv[optind - 1] : "";
	int is_long = !strncmp(elem, "--", 2), ambiguous = 0;
	const struct option *lo = is_long ? long_option(o->longopts, elem + 2, &ambiguous) : NULL;

	if (c == ':' && is_long) {
		diag_message("option '--%s' requires an argument", lo ? lo->name : elem + 2);
	} else if (c == ':') {
		diag_message("option requires an argument -- '%c'", optopt);
	} else if (optopt == 0 && is_long && ambiguous) {
		char list[512] = "";
		size_t n = strcspn(elem + 2, "="), len = 0;
		const struct option *p;
		for (p = o->longopts; p->name && len < sizeof list; p++)
			if (!strncmp(p->name, elem + 2, n))
				len += (size_t)snprintf(list + len, sizeof list - len, " '--%s'",
							p->name);
		diag_message("option '%s' is ambiguous; possibilities:%s", elem, list);
	} else if (optopt == 0) {
		diag_message("unrecognized option '%s'", elem);
	} else if (lo && strchr(elem, '=') && lo->has_arg == no_argument && lo->val == optopt) {
		diag_message("option '--%s' doesn't allow an argument", lo->name);
	} else {
		diag_message("invalid option -- '%c'", optopt);
	}
}

long opts_long(const struct opts *o, const char *name, const char *arg, long min, long max)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (!*arg || *end || errno || v < min || v > max)
		opts_usage_error(o, "%s: '%s' is not a whole number from %ld to %ld", name, arg,
				 min, max);
	return v;
}

void opts_common(struct opts *o, int c, const char *arg)
{
	char *end;
	switch (c) {
	case 'd':
		o->dir = arg;
		return;
	case 'f':
		if (output_format_parse(arg, &o->format) < 0)
			opts_usage_error(o, "unknown format '%s' (choose from %s)", arg,
					 output_format_names());
		return;
	case 'h':
		opts_print_help(o);
		exit(opts_finish(DIAG_OK));
	case OPTS_VERSION:
		printf("%s (okienko) %s\n", diag_prog(), OKIENKO_VERSION);
		exit(opts_finish(DIAG_OK));
	case OPTS_LOCK_TIMEOUT:
		errno = 0;
		o->lock_timeout = strtod(arg, &end);
		if (!*arg || *end || errno || !(o->lock_timeout >= 0 && o->lock_timeout <= 86400))
			opts_usage_error(o, "--lock-timeout: '%s' is not a number of seconds", arg);
		return;
	case OPTS_LANG_KEY:
		if (strcmp(arg, "cs") && strcmp(arg, "pl") && strcmp(arg, "uk") &&
		    strcmp(arg, "en"))
			opts_usage_error(o, "--lang: unknown language '%s' (cs, pl, uk or en)",
					 arg);
		o->lang = arg;
		return;
	default:
		bad_option(o, c);
		usage_exit();
	}
}

int opts_finish(int status)
{
	/* after an error the command has said what went wrong, once */
	if ((fflush(stdout) != 0 || ferror(stdout)) && status <= DIAG_NO) {
		diag_printf("%s: cannot write output: %s\n", diag_prog(), strerror(errno));
		return DIAG_SYSTEM;
	}
	return status;
}
