#include "diag.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "utf8.h"
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

int diag_vset(struct diag *d, enum diag_status status, const char *file, long line, long col,
	      const char *fmt, va_list ap)
{
	d->status = status;
	snprintf(d->file, sizeof d->file, "%s", file ? file : "");
	d->line = line;
	d->col = col;
	vsnprintf(d->msg, sizeof d->msg, _(fmt), ap);
	d->hint[0] = '\0';
	return -1;
}

int diag_set(struct diag *d, enum diag_status status, const char *file, long line, long col,
	     const char *fmt, ...)
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
	return diag_set(d, DIAG_SYSTEM, NULL, 0, 0, "cannot %s '%s': %s", _(verb), file,
			strerror(errnum));
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

/*
 * What is printed is built in a buffer on the stack (no allocation: "out
 * of memory" is printed here too) and written with one write, so that the
 * lines of processes sharing stderr do not mix.  A longer text is cut.
 */
enum { RAW_MAX = 2048, OUT_MAX = 8 * RAW_MAX };

struct out {
	char buf[OUT_MAX];
	size_t len;
};

static void add_bytes(struct out *o, const char *s, size_t n)
{
	if (n > sizeof o->buf - o->len)
		n = sizeof o->buf - o->len;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/*
 * Append text to o with every character that could drive a terminal made
 * visible: TAB, LF and CR as \t \n \r, the other C0 controls and DEL as
 * \xHH, C1 controls (U+0080..U+009F) as \u00HH, and each byte that is not
 * valid UTF-8 as \xHH.  Everything else, valid UTF-8 text included, is
 * copied as it is.  A newline at the very end is kept: it ends the line.
 */
static void add_escaped(struct out *o, const char *text)
{
	size_t len = strlen(text), i, n;
	int nl = len && text[len - 1] == '\n';
	char esc[8];
	uint32_t cp;

	for (i = 0, len -= (size_t)nl; i < len; i += n) {
		n = utf8_decode(text + i, len - i, &cp);
		esc[0] = '\0';
		if (cp == UTF8_INVALID)
			snprintf(esc, sizeof esc, "\\x%02x", (unsigned)(unsigned char)text[i]);
		else if (cp == '\t')
			snprintf(esc, sizeof esc, "\\t");
		else if (cp == '\n')
			snprintf(esc, sizeof esc, "\\n");
		else if (cp == '\r')
			snprintf(esc, sizeof esc, "\\r");
		else if (cp < 0x20 || cp == 0x7F)
			snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
		else if (cp >= 0x80 && cp <= 0x9F)
			snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
		if (esc[0])
			add_bytes(o, esc, strlen(esc));
		else
			add_bytes(o, text + i, n);
	}
	if (nl)
		add_bytes(o, "\n", 1);
}

/* Format (fmt is already translated), escape, and append to o. */
__attribute__((format(printf, 2, 0))) static void add_vformat(struct out *o, const char *fmt,
							      va_list ap)
{
	char raw[RAW_MAX];
	vsnprintf(raw, sizeof raw, fmt, ap);
	add_escaped(o, raw);
}

__attribute__((format(printf, 2, 3))) static void add_format(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_vformat(o, fmt, ap);
	va_end(ap);
}

static void flush_out(const struct out *o)
{
	fflush(stderr);
	if (o->len)
		fwrite(o->buf, 1, o->len, stderr);
	fflush(stderr);
}

static void add_position(struct out *out, const char *file, long line, long col)
{
	if (!file || !*file)
		return;
	if (line > 0 && col > 0)
		add_format(out, "%s:%ld:%ld: ", file, line, col);
	else if (line > 0)
		add_format(out, "%s:%ld: ", file, line);
	else
		add_format(out, "%s: ", file);
}

void diag_print(const struct diag *d)
{
	struct out out = { .len = 0 };
	add_format(&out, "%s: ", progname);
	add_position(&out, d->file, d->line, d->col);
	add_format(&out, "%s\n", d->msg[0] ? d->msg : _("unknown error"));
	if (d->hint[0])
		/* TRANSLATORS: the line after an error that says what to do;
		   "PROG: hint: did you mean 'housing'?" */
		add_format(&out, _("%s: hint: %s\n"), progname, d->hint);
	flush_out(&out);
}

void diag_warn(const char *file, long line, long col, const char *fmt, ...)
{
	struct out out = { .len = 0 };
	va_list ap;
	/* TRANSLATORS: followed by "FILE:LINE:COL: " and the message */
	add_format(&out, _("%s: warning: "), progname);
	add_position(&out, file, line, col);
	va_start(ap, fmt);
	add_vformat(&out, _(fmt), ap);
	va_end(ap);
	add_bytes(&out, "\n", 1);
	flush_out(&out);
}

void diag_vmessage(const char *fmt, va_list ap)
{
	struct out out = { .len = 0 };
	add_format(&out, "%s: ", progname);
	add_vformat(&out, _(fmt), ap);
	add_bytes(&out, "\n", 1);
	flush_out(&out);
}

void diag_message(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vmessage(fmt, ap);
	va_end(ap);
}

void diag_printf(const char *fmt, ...)
{
	struct out out = { .len = 0 };
	va_list ap;
	va_start(ap, fmt);
	add_vformat(&out, _(fmt), ap);
	va_end(ap);
	flush_out(&out);
}

_Noreturn void diag_die(enum diag_status status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_vmessage(fmt, ap);
	va_end(ap);
	exit(status);
}
