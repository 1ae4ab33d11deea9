/*
 * opts: the options every command shares (-d, -f, -h, --version,
 * --lock-timeout, --lang) and the usage/help conventions.  For mains only: like
 * getopt itself it prints, and on --help, --version and usage errors it
 * exits (0, 0 and DIAG_USAGE).
 *
 * A command describes its options as one table (struct opts_command);
 * its main calls opts_start, then opts_next until it returns -1.
 *
 * opts_start also sets up the locale (i18n_init).  The usage text stays
 * English, as the man page's SYNOPSIS; the help texts (wrap them in N_())
 * and the formats of opts_usage_error are translated.
 *
 * Ownership: struct opts points to the command's table and texts and to
 * argv; it owns nothing.
 */
#ifndef OKIENKO_OPTS_H
#define OKIENKO_OPTS_H

#include <getopt.h>

#include "i18n.h"
#include "output.h"

enum {
	OPTS_VERSION = 0x100,
	OPTS_LOCK_TIMEOUT,
	OPTS_LANG_KEY,
	OPTS_FIRST_PRIVATE = 0x200 /* commands number their long-only options from here */
};

/*
 * A command's options, as one table in the order --help lists them: the
 * getopt tables, --help and with it the completion lists and the manual
 * page checks follow from it.  An option the table does not name is
 * refused, common ones included.
 */
struct opts_option {
	const char *name;  /* long name without "--"; NULL ends the table */
	int key;           /* what opts_next returns: a letter (also -LETTER) or a number */
	const char *arg;   /* the argument's name in --help ("DATE"); NULL: takes none */
	const char *help;  /* N_(): what it does, lines joined by '\n'; NULL: listed on
				  one line with the options after it, down to one with help */
	const char *shown; /* the left column of --help when not "--name ARG" */
	unsigned flags;
};

enum {
	OPTS_HIDDEN = 1, /* accepted, named by another option's help ("--version") */
	OPTS_ALIAS = 2,  /* another name of the option above it (same key) */
	OPTS_OWN = 4,    /* a common key the command handles itself (-f html) */
	OPTS_SHORT = 8   /* only -KEY, no --name (the name is the table's only) */
};

#define OPTS_MAX 64

/* The common options, for the tables: each command lists those it takes. */
/* clang-format off */
#define OPTS_DIR { "dir", 'd', "DIR", N_("data directory (default $OKIENKO_DIR, else .)"), "-d DIR", 0 }
#define OPTS_FORMAT { "format", 'f', "FORMAT", N_("csv, tsv, json, yaml, table, md (default csv)"), "-f FORMAT", 0 }
#define OPTS_LOCK { "lock-timeout", OPTS_LOCK_TIMEOUT, "S", \
		    N_("wait at most S seconds for other writers (default 30)"), NULL, 0 }
/* The language of what a command prints for people (table, md, html):
   headers and words; csv, tsv, json and yaml keep their column names. */
#define OPTS_LANG { "lang", OPTS_LANG_KEY, "cs|pl|uk|en", \
		    N_("language of what is printed for people (default:\nthe locale's, from LC_ALL, LC_MESSAGES or LANG)"), \
		    NULL, 0 }
#define OPTS_HELP { "help", 'h', NULL, N_("this help; --version  the version"), "-h, --help", 0 }, \
		  { "version", OPTS_VERSION, NULL, NULL, NULL, OPTS_HIDDEN }
#define OPTS_END { NULL, 0, NULL, NULL, NULL, 0 }
/* clang-format on */

/* What --help says around the options. */
struct opts_command {
	const char *usage; /* "usage: intake-query [-d DIR] ...", the man page's SYNOPSIS */
	const char *about; /* N_(): what the command does, ending with '\n' */
	const struct opts_option *options;
	const char *see; /* N_(): "See intake-query(1) and okienko-files(5).\n" */
};

struct opts {
	const struct opts_command *cmd;
	struct option table[OPTS_MAX + 1];
	char shortopts[2 * OPTS_MAX + 2];
	int format_given, lock_timeout_given, lang_given;
	const char *dir;
	enum output_format format;
	double lock_timeout; /* seconds; default 30 */
	const char *lang;    /* --lang: "cs", "pl", "uk" or "en"; default i18n_lang() */
	char **argv;         /* as opts_next saw them, to name a bad option */
	const struct option *longopts;
};

/*
 * A table-driven command: opts_start, then opts_next until it returns -1
 * (the common options are handled inside: -d, -f, --lock-timeout, and
 * --help and --version exit); the first operand is argv[optind].
 */
void opts_start(struct opts *o, char **argv, const struct opts_command *cmd);
int opts_next(struct opts *o, int argc, char **argv);
/* --help's text: the usage, what the command does, its options (translated). */
void opts_print_help(const struct opts *o);

/*
 * Handle a common option, or '?' / ':' from getopt (whose own messages
 * are silenced: this says what was wrong with a bad option, in getopt's
 * words, escaped as every diagnostic is, diag.h); exits where it must.
 */
void opts_common(struct opts *o, int c, const char *arg);
/* Print "PROG: message" and "PROG: try 'PROG --help'" to stderr, exit
   DIAG_USAGE: one line says what is wrong, not the whole usage. */
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
