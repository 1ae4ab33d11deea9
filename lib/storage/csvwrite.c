#include "csvwrite.h"

#include <string.h>

#include "banned.h"

static int needs_quotes(const char *s, size_t len)
{
	size_t i;
	if (len && (s[0] == ' ' || s[len - 1] == ' '))
		return 1;
	for (i = 0; i < len; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
			return 1;
	return 0;
}

void csvwrite_field(struct strbuf *sb, const char *s, size_t len)
{
	const char *q, *end = s + len;
	if (!needs_quotes(s, len)) {
		strbuf_add(sb, s, len);
		return;
	}
	strbuf_addch(sb, '"');
	while ((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
		strbuf_add(sb, s, (size_t)(q - s) + 1);
		strbuf_addch(sb, '"');
		s = q + 1;
	}
	strbuf_add(sb, s, (size_t)(end - s));
	strbuf_addch(sb, '"');
}

/* An optional '-', digits, optionally '.' and digits: a value, not a formula. */
static int plain_number(const char *s, size_t len)
{
	size_t i = s[0] == '-', digits = 0;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (!digits)
		return 0;
	if (i < len && s[i] == '.') {
		for (digits = 0, i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
		if (!digits)
			return 0;
	}
	return i == len;
}

int csvwrite_is_formula(const char *s, size_t len)
{
	return len && memchr("=+-@\t\r", s[0], 6) && !plain_number(s, len);
}

void csvwrite_cell(struct strbuf *sb, const char *s, size_t len)
{
	struct strbuf guarded = STRBUF_INIT;
	if (!csvwrite_is_formula(s, len)) {
		csvwrite_field(sb, s, len);
		return;
	}
	strbuf_addch(&guarded, '\'');
	strbuf_add(&guarded, s, len);
	csvwrite_field(sb, guarded.buf, guarded.len);
	strbuf_release(&guarded);
}

static void record(struct strbuf *sb, const char *const *fields, size_t n,
		   void (*cell)(struct strbuf *, const char *, size_t))
{
	size_t i;
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addch(sb, ',');
		cell(sb, fields[i], strlen(fields[i]));
	}
	strbuf_addch(sb, '\n');
}

void csvwrite_record(struct strbuf *sb, const char *const *fields, size_t n)
{
	record(sb, fields, n, csvwrite_field);
}

void csvwrite_cells(struct strbuf *sb, const char *const *fields, size_t n)
{
	record(sb, fields, n, csvwrite_cell);
}
