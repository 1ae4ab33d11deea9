#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "banned.h"

static const char *progname = "okienko";

void diag_setprog(const char *argv0)
{
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;
	if (argv0 && *argv0)
		progname = slash ? slash + 1 : argv0;
}

const char *diag_prog(void)
{
	return progname;
}

int diag_vset(struct diag *d, enum diag_status status, const char *file,
	      long line, long col, const char *fmt, va_list ap)
{
	d->status = status;
	snprintf(d->file, sizeof d->file, "%s", file ? file : "");
	d->line = line;
	d->col = col;
	vsnprintf(d->msg, sizeof d->msg, _(fmt), ap);
	d->hint[0] = '\0';
	return -1;
}

int diag_set(struct diag *d, enum diag_status status, const char *file,
	     long line, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vset(d, status, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

int diag_errno(struct diag *d, int errnum, const char *verb, const char *file)
{
	/* TRANSLATORS: the first %s is a verb in the infinitive, translated
	   on its own ("open", "read", "sync directory"...); the second is a
	   file name, the third the system's reason. */
	return diag_set(d, DIAG_SYSTEM, NULL, 0, 0, "cannot %s '%s': %s", _(verb),
			file, strerror(errnum));
}

void diag_hint(struct diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->hint, sizeof d->hint, _(fmt), ap);
	va_end(ap);
}

void diag_clear(struct diag *d)
{
	static const struct diag empty = DIAG_INIT;
	*d = empty;
}

static void print_position(const char *file, long line, long col)
{
	if (!file || !*file)
		return;
	if (line > 0 && col > 0)
		fprintf(stderr, "%s:%ld:%ld: ", file, line, col);
	else if (line > 0)
		fprintf(stderr, "%s:%ld: ", file, line);
	else
		fprintf(stderr, "%s: ", file);
}

void diag_print(const struct diag *d)
{
	fprintf(stderr, "%s: ", progname);
	print_position(d->file, d->line, d->col);
	fprintf(stderr, "%s\n", d->msg[0] ? d->msg : _("unknown error"));
	if (d->hint[0])
		/* TRANSLATORS: the line after an error that says what to do;
		   "PROG: hint: did you mean 'housing'?" */
		fprintf(stderr, _("%s: hint: %s\n"), progname, d->hint);
}

void diag_warn(const char *file, long line, long col, const char *fmt, ...)
{
	va_list ap;
	/* TRANSLATORS: followed by "FILE:LINE:COL: " and the message */
	fprintf(stderr, _("%s: warning: "), progname);
	print_position(file, line, col);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
}

_Noreturn void diag_die(enum diag_status status, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}
