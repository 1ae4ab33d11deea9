#include "csvscan.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

/* Bytes that end a run of plain text: outside quotes, and inside them. */
enum { PLAIN = 0, SPECIAL = 1 };
static unsigned char unquoted_class[256], quoted_class[256];

static void init_classes(void)
{
	int c;
	if (unquoted_class[','])
		return;
	for (c = 0; c < 256; c++) {
		int special = c >= 0x80 || c == '"' || c == '\n' || c == '\r' || c == '\0';
		quoted_class[c] = (unsigned char)(special ? SPECIAL : PLAIN);
		unquoted_class[c] = (unsigned char)(special || c == ',' ? SPECIAL : PLAIN);
	}
}

void csvscan_init(struct csvscan *s)
{
	memset(s, 0, sizeof *s);
	init_classes();
	s->max_field = 1024 * 1024;
	s->max_record = 16 * 1024 * 1024;
	s->max_fields = 1000;
}

void csvscan_reset(struct csvscan *s, char *buf, size_t len, off_t base)
{
	s->start = s->p = buf;
	s->end = buf + len;
	s->base = base;
	s->newlines = 0;
}

off_t csvscan_offset(const struct csvscan *s)
{
	return s->base + (s->p - s->start);
}

void csvscan_release(struct csvscan *s)
{
	free(s->row.field);
	free(s->row.len);
	free(s->row.quoted);
	memset(s, 0, sizeof *s);
}

static void add_field(struct csvscan *s, size_t n, char *text, size_t len, int quoted)
{
	if (n >= s->alloc) {
		s->alloc = s->alloc ? s->alloc * 2 : 32;
		s->row.field = xreallocarray(s->row.field, s->alloc, sizeof *s->row.field);
		s->row.len = xreallocarray(s->row.len, s->alloc, sizeof *s->row.len);
		s->row.quoted = xreallocarray(s->row.quoted, s->alloc, sizeof *s->row.quoted);
	}
	s->row.field[n] = text;
	s->row.len[n] = len;
	s->row.quoted[n] = (char)quoted;
}

/*
 * Skip plain bytes and valid UTF-8 from p; stop at the first byte of class
 * SPECIAL that is ASCII.  NULL when an invalid sequence is met.
 */
static unsigned char *skip_text(unsigned char *p, const unsigned char *end,
				const unsigned char *cls)
{
	for (;;) {
		while (p < end && cls[*p] == PLAIN)
			p++;
		if (p == end || *p < 0x80)
			return p;
		{
			uint32_t cp;
			p += utf8_decode((const char *)p, (size_t)(end - p), &cp);
			if (cp == UTF8_INVALID)
				return NULL;
		}
	}
}

int csvscan_next(struct csvscan *s, struct csvread_row **out)
{
	unsigned char *p = (unsigned char *)s->p, *end = (unsigned char *)s->end;
	unsigned char *rec;
	size_t n = 0, newlines = 0;

	/* blank lines between records are no records, as for csvread */
	while (p < end && *p == '\n') {
		p++;
		s->newlines++;
	}
	s->p = (char *)p;
	rec = p;
	if (p == end)
		return CSVSCAN_END;
	if (s->base == 0 && p == (unsigned char *)s->start && end - p >= 3 &&
	    memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		return CSVSCAN_UNUSUAL; /* a byte order mark: csvread strips it */

	for (;;) {
		unsigned char *f = p, *stop;
		int last;
		if (n >= s->max_fields)
			return CSVSCAN_UNUSUAL;
		if (p < end && *p == '"') {
			/* quoted: fold doubled quotes in place, w writes, p reads */
			unsigned char *w, *text = ++p;
			for (w = p;;) {
				unsigned char *run = p;
				p = skip_text(p, end, quoted_class);
				if (!p || p == end)
					return CSVSCAN_UNUSUAL;
				if (w != run)
					memmove(w, run, (size_t)(p - run));
				w += p - run;
				if (*p == '\n') {
					newlines++;
					*w++ = *p++;
					continue;
				}
				if (*p != '"')
					return CSVSCAN_UNUSUAL; /* CR or NUL */
				if (p + 1 < end && p[1] == '"') {
					*w++ = '"';
					p += 2;
					continue;
				}
				p++;
				break;
			}
			if (p == end || (*p != ',' && *p != '\n'))
				return CSVSCAN_UNUSUAL;
			if ((size_t)(p - f) > s->max_field)
				return CSVSCAN_UNUSUAL;
			stop = p;
			add_field(s, n++, (char *)text, (size_t)(w - text), 1);
			*w = '\0'; /* before the closing quote: *stop stays */
		} else {
			p = skip_text(p, end, unquoted_class);
			if (!p || p == end || (*p != ',' && *p != '\n'))
				return CSVSCAN_UNUSUAL;
			if ((size_t)(p - f) > s->max_field)
				return CSVSCAN_UNUSUAL;
			stop = p;
			add_field(s, n++, (char *)f, (size_t)(p - f), 0);
		}
		if ((size_t)(p - rec) > s->max_record)
			return CSVSCAN_UNUSUAL;
		last = *stop == '\n';
		*stop = '\0';
		p++;
		if (last)
			break;
	}
	s->row.n = n;
	s->row.line = s->row.col = NULL;
	s->row.lineno = 0;
	s->row.offset = s->base + ((char *)rec - s->start);
	s->row.end = s->base + ((char *)p - s->start);
	s->newlines += newlines + 1;
	s->p = (char *)p;
	*out = &s->row;
	return CSVSCAN_ROW;
}
