#include "opts.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "diag.h"
#include "i18n.h"
#include "banned.h"

void opts_init(struct opts *o, char **argv, const char *usage, const char *help)
{
	i18n_init();
	diag_setprog(argv[0]);
	o->argv = argv;
	o->longopts = NULL;
	o->usage = usage;
	o->help = help;
	o->dir = NULL;
	o->format = OUTPUT_CSV;
	o->lock_timeout = 30;
}

_Noreturn void opts_usage_error(const struct opts *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vmessage(fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", o->usage);
	exit(DIAG_USAGE);
}

void opts_date_range(const struct opts *o, int rc, const char *name, const char *arg)
{
	if (rc == CIVTIME_RANGE)
		opts_usage_error(o, "%s: '%s' is outside the range of dates, %04d-01-01 to %04d-12-31",
				 name, arg, CIVTIME_FIRST_YEAR, CIVTIME_LAST_YEAR);
}

int opts_getopt(struct opts *o, int argc, char **argv, const char *shortopts,
		const struct option *longopts)
{
	char spec[64];
	/* a leading ':' tells a missing argument (':') from an unknown option ('?') */
	snprintf(spec, sizeof spec, ":%s", shortopts);
	o->argv = argv;
	o->longopts = longopts;
	opterr = 0;
	return getopt_long(argc, argv, spec, longopts, NULL);
}

/*
 * The long option that "--typed[=value]" names: an exact name, else the
 * one option whose name it begins (several that differ only in name are
 * one option, as getopt_long has it).  NULL when none; *ambiguous is set
 * when several differ.
 */
static const struct option *long_option(const struct option *lo, const char *typed,
					int *ambiguous)
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
		else if (p->has_arg != found->has_arg || p->flag != found->flag || p->val != found->val)
			*ambiguous = 1;
	}
	return *ambiguous ? NULL : found;
}

/*
 * getopt_long's complaint, in its words, said through diag (opts_getopt
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
				len += (size_t)snprintf(list + len, sizeof list - len, " '--%s'", p->name);
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
		printf("%s\n\n%s", o->usage, _(o->help));
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
	default:
		bad_option(o, c);
		fprintf(stderr, "%s\n", o->usage);
		exit(DIAG_USAGE);
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
