/*
 * diag: diagnostics and exit statuses.
 *
 * Library code never prints and never exits: a failing function fills a
 * caller-supplied struct diag and returns -1.  Commands print it with
 * diag_print() as "PROG: FILE:LINE:COL: message" (plus a "hint:" line) and
 * return d.status from main.  A struct diag owns no heap memory.
 *
 * Formats are English literals: diag_vset (so diag_set), diag_hint,
 * diag_warn, diag_message, diag_printf and diag_die look them up with
 * gettext, diag_errno its verb too, so d->msg and d->hint hold the text in
 * the user's language (see i18n.h).
 *
 * Everything printed here is escaped, so that no file name, message or
 * value taken from a data file or an option can drive the terminal: TAB,
 * LF and CR print as \t \n \r, other C0 controls and DEL as \xHH, C1
 * controls as \u00HH and bytes that are not valid UTF-8 as \xHH; valid
 * UTF-8 text prints as it is.  d->msg and d->hint hold the text unescaped.
 * Commands print to stderr only through these functions.
 */
#ifndef OKIENKO_DIAG_H
#define OKIENKO_DIAG_H

#include <stdarg.h>

/* Exit statuses of every command (see okienko(7)). */
enum diag_status {
	DIAG_OK = 0,    /* success, or "true" / no findings */
	DIAG_NO = 1,    /* a negative answer or findings */
	DIAG_USAGE = 2, /* bad options or operands */
	DIAG_DATA = 3,  /* invalid input data; nothing was written */
	DIAG_SYSTEM = 4 /* I/O error, lock timeout, out of memory */
};

struct diag {
	enum diag_status status;
	char file[256]; /* "" when no file applies */
	long line;      /* 1-based; 0 when unknown */
	long col;       /* 1-based, in characters; 0 when unknown */
	char msg[512];
	char hint[256]; /* "" when none */
};

/* clang-format off */
#define DIAG_INIT { DIAG_OK, "", 0, 0, "", "" }
/* clang-format on */

/* Fill d (file may be NULL) and return -1, so callers can "return diag_set(...)". */
int diag_set(struct diag *d, enum diag_status status, const char *file, long line, long col,
	     const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int diag_vset(struct diag *d, enum diag_status status, const char *file, long line, long col,
	      const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
/* Set a system error from errno: "cannot VERB 'file': strerror"; verb is
   an English infinitive such as "open", translated here. */
int diag_errno(struct diag *d, int errnum, const char *verb, const char *file);
void diag_hint(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_clear(struct diag *d);

/* Program name used by diag_print and diag_warn; set once in main. */
void diag_setprog(const char *argv0);
const char *diag_prog(void);

/* Print d to stderr in the contract's format. */
void diag_print(const struct diag *d);
/* Print a warning to stderr: "PROG: warning: FILE:LINE:COL: message". */
void diag_warn(const char *file, long line, long col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Print "PROG: message". */
void diag_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void diag_vmessage(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Print fmt (translated) and its arguments as they are, escaped: the
   caller writes the "PROG: " and the newline. */
void diag_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "PROG: message" and exit with status (commands only). */
_Noreturn void diag_die(enum diag_status status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
