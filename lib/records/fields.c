#include "fields.h"

#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "csvread.h"
#include "csvwrite.h"
#include "i18n.h"
#include "banned.h"

int fields_check_header(const struct schema *s, char **fields, size_t n, const char *file,
			const long *col, struct diag *d)
{
	const char *const *columns = s->names;
	size_t ncols = s->ncols;
	struct strbuf want = STRBUF_INIT;
	size_t i;

	for (i = 0; i < ncols; i++) {
		if (i >= n)
			return diag_set(d, DIAG_DATA, file, 1, 0, "header lacks column '%s'",
					columns[i]);
		if (strcmp(fields[i], columns[i]) != 0) {
			diag_set(d, DIAG_DATA, file, 1, col[i],
				 "header has '%s' where '%s' belongs", fields[i], columns[i]);
			for (i = 0; i < ncols; i++)
				strbuf_addf(&want, "%s%s", i ? "," : "", columns[i]);
			diag_hint(d, "the header must be: %s", want.buf);
			strbuf_release(&want);
			return -1;
		}
	}
	if (n > ncols)
		return diag_set(d, DIAG_DATA, file, 1, col[ncols],
				"header has an extra column '%s'", fields[ncols]);
	return 0;
}

int fields_check_header_of(const void *schema, char **fields, size_t n, const char *file,
			   const long *col, struct diag *d)
{
	return fields_check_header(schema, fields, n, file, col, d);
}

void fields_init(struct strbuf *f, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		strbuf_init(&f[i], 0);
}

void fields_release(struct strbuf *f, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		strbuf_release(&f[i]);
}

void fields_set(struct strbuf *sb, const char *value)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, value);
}

/* The message at file:line:col, or without a file "--option: message". */
__attribute__((format(printf, 6, 0))) static int error_at(struct diag *d, const char *file,
							  long line, long col, const char *option,
							  const char *fmt, va_list ap)
{
	char msg[400];

	vsnprintf(msg, sizeof msg, _(fmt), ap);
	if (file)
		return diag_set(d, DIAG_DATA, file, line, col, "%s", msg);
	return diag_set(d, DIAG_DATA, NULL, 0, 0, "--%s: %s", option, msg);
}

int fields_verror(struct diag *d, const struct schema *s, const struct fields_origin *o, size_t c,
		  const char *fmt, va_list ap)
{
	if (o && o->file)
		return error_at(d, o->file, o->line[c], o->col[c], NULL, fmt, ap);
	return error_at(d, NULL, 0, 0, s->columns[c].option, fmt, ap);
}

int fields_error(struct diag *d, const struct schema *s, const struct fields_origin *o, size_t c,
		 const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = fields_verror(d, s, o, c, fmt, ap);
	va_end(ap);
	return rc;
}

int fields_required(struct diag *d, const struct schema *s, const struct fields_origin *o, size_t c)
{
	if (o && o->file)
		return fields_error(d, s, o, c, "column '%s' is required", s->columns[c].name);
	return fields_error(d, s, o, c, "must not be empty");
}

int fields_row_error(struct diag *d, const char *file, const struct csvread_row *row, size_t c,
		     const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = error_at(d, file, row->line[c], row->col[c] + (row->quoted[c] ? 1 : 0), NULL, fmt, ap);
	va_end(ap);
	return rc;
}

void fields_trim(struct strbuf *sb)
{
	size_t start = 0, end = sb->len;
	while (start < end && (sb->buf[start] == ' ' || sb->buf[start] == '\t'))
		start++;
	while (end > start && (sb->buf[end - 1] == ' ' || sb->buf[end - 1] == '\t'))
		end--;
	memmove(sb->buf, sb->buf + start, end - start);
	strbuf_setlen(sb, end - start);
}

void fields_fold(struct strbuf *sb, int upper)
{
	ascii_fold(sb->buf, sb->len, upper);
}

int fields_note(struct strbuf *sb, size_t max)
{
	if (sb->len > max)
		return -1;
	if (csvwrite_is_formula(sb->buf, sb->len)) {
		struct strbuf safe = STRBUF_INIT;
		strbuf_addch(&safe, '\'');
		strbuf_add(&safe, sb->buf, sb->len);
		strbuf_release(sb);
		*sb = safe;
	}
	return 0;
}
