#include "opts.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "banned.h"

void opts_init(struct opts *o, char **argv, const char *usage, const char *help)
{
	i18n_init();
	diag_setprog(argv[0]);
	argv[0] = (char *)diag_prog(); /* getopt prints argv[0] */
	o->usage = usage;
	o->help = help;
	o->dir = NULL;
	o->format = OUTPUT_CSV;
	o->lock_timeout = 30;
}

_Noreturn void opts_usage_error(const struct opts *o, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", diag_prog());
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fprintf(stderr, "\n%s\n", o->usage);
	exit(DIAG_USAGE);
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
		/* getopt has already said what was wrong */
		fprintf(stderr, "%s\n", o->usage);
		exit(DIAG_USAGE);
	}
}

int opts_finish(int status)
{
	/* after an error the command has said what went wrong, once */
	if ((fflush(stdout) != 0 || ferror(stdout)) && status <= DIAG_NO) {
		fprintf(stderr, _("%s: cannot write output: %s\n"), diag_prog(), strerror(errno));
		return DIAG_SYSTEM;
	}
	return status;
}
