/*
 * opts: the options every command shares (-d, -f, -h, --version,
 * --lock-timeout) and the usage/help conventions.  For mains only: like
 * getopt itself it prints, and on --help, --version and usage errors it
 * exits (0, 0 and DIAG_USAGE).
 *
 * A main's opts_getopt loop passes every option it does not handle itself
 * to opts_common(); its long option table ends with OPTS_COMMON_LONG
 * (writers: OPTS_WRITER_LONG, OPTS_COMMON_LONG).
 *
 * opts_init also sets up the locale (i18n_init).  The usage text stays
 * English, as the man page's SYNOPSIS; the help text (wrap it in N_()) and
 * the formats of opts_usage_error are translated.
 *
 * Ownership: struct opts points to the usage and help texts and to argv;
 * it owns nothing.
 */
#ifndef OKIENKO_OPTS_H
#define OKIENKO_OPTS_H

#include <getopt.h>

#include "output.h"

enum {
	OPTS_VERSION = 0x100,
	OPTS_LOCK_TIMEOUT,
	OPTS_FIRST_PRIVATE = 0x200   /* commands number their long-only options from here */
};

#define OPTS_COMMON_SHORT "d:f:h"
#define OPTS_COMMON_LONG                                                  \
	{ "dir", required_argument, NULL, 'd' },                          \
	{ "format", required_argument, NULL, 'f' },                       \
	{ "help", no_argument, NULL, 'h' },                               \
	{ "version", no_argument, NULL, OPTS_VERSION },                   \
	{ NULL, 0, NULL, 0 }
/* Writers put this before OPTS_COMMON_LONG. */
#define OPTS_WRITER_LONG                                                  \
	{ "lock-timeout", required_argument, NULL, OPTS_LOCK_TIMEOUT }

struct opts {
	const char *usage;     /* "usage: intake-query [-d DIR] ..." as in the man page */
	const char *help;      /* the option summary printed after it by --help */
	const char *dir;
	enum output_format format;
	double lock_timeout;   /* seconds; default 30 */
	char **argv;           /* as opts_getopt saw them, to name a bad option */
	const struct option *longopts;
};

/* Set the program name for diagnostics from argv[0] (its last component). */
void opts_init(struct opts *o, char **argv, const char *usage, const char *help);
/*
 * getopt_long(argc, argv, shortopts, longopts, NULL), with getopt's own
 * messages silenced: opts_common says what was wrong with a bad option,
 * in getopt's words, escaped as every diagnostic is (diag.h).
 */
int opts_getopt(struct opts *o, int argc, char **argv, const char *shortopts,
		const struct option *longopts);
/* Handle a common option (or '?' / ':' from opts_getopt); exits where it must. */
void opts_common(struct opts *o, int c, const char *arg);
/* Print "PROG: message" and the usage to stderr, exit DIAG_USAGE. */
_Noreturn void opts_usage_error(const struct opts *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* After a civtime parser refused arg of option name with rc: a usage error
   naming the range of dates for CIVTIME_RANGE, else nothing. */
void opts_date_range(const struct opts *o, int rc, const char *name, const char *arg);
/* Parse a whole non-negative number for option name; usage error otherwise. */
long opts_long(const struct opts *o, const char *name, const char *arg, long min, long max);
/* Exit status for a main: flush stdout, and report a write error (exit 4). */
int opts_finish(int status);

#endif
