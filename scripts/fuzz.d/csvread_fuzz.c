/*
 * csvread_fuzz: libFuzzer target for the CSV reader (csvread.h).
 *
 * The input is read to its end with several flag combinations, with the
 * default limits and with small ones, and everything the reader hands out
 * is checked against the input: the records and the blank lines between
 * them put back together give the input byte for byte (fields re-quoted
 * where they were quoted), every field starts at the line and column the
 * input says, fields are valid UTF-8 without NUL, CR or LF outside quotes,
 * within the limits, and an error is a data error with a position that
 * stays the answer.  Any violation aborts.  Built by scripts/fuzz (make
 * fuzz) and replayed over testdata/fuzz/csvread by scripts/test.d/fuzz-replay.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "utf8.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct config {
	unsigned flags;
	size_t max_field, max_record, max_fields; /* 0: the defaults */
};

static const struct config configs[] = {
	{ 0, 0, 0, 0 },
	{ CSVREAD_LIBCSV_ONLY, 0, 0, 0 },
	{ CSVREAD_STRICT_END, 0, 0, 0 },
	{ CSVREAD_SKIP_TORN_END | CSVREAD_LIBCSV_ONLY, 0, 0, 0 },
	{ 0, 8, 24, 4 },
	{ CSVREAD_SKIP_TORN_END, 5, 64, 3 },
	{ CSVREAD_STRICT_END | CSVREAD_LIBCSV_ONLY, 16, 16, 16 },
};

static void fail(const struct config *c, const char *what, long where)
{
	fprintf(stderr, "csvread_fuzz: flags %u limits %zu/%zu/%zu: %s (%ld)\n", c->flags,
		c->max_field, c->max_record, c->max_fields, what, where);
	abort();
}

/* Line and column (characters, 1-based) of a byte, as the reader counts them. */
struct cursor {
	const uint8_t *data;
	size_t pos;
	long line, col;
};

/* Move c forward to pos (never back: records and fields come in order). */
static void position(struct cursor *c, size_t pos, long *line, long *col)
{
	for (; c->pos < pos; c->pos++) {
		if (c->data[c->pos] == '\n') {
			c->line++;
			c->col = 1;
		} else if ((c->data[c->pos] & 0xC0) != 0x80) {
			c->col++;
		}
	}
	*line = c->line;
	*col = c->col;
}

static int only_line_ends(const uint8_t *p, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (p[i] != '\r' && p[i] != '\n')
			return 0;
	return 1;
}

/*
 * Check one record against the input: returns the byte just past its
 * last field (where the line end, if any, is).
 */
static size_t check_row(const struct config *c, const uint8_t *data, size_t size, size_t bom,
			struct cursor *cur, const struct csvread_row *row, size_t max_field,
			size_t max_record, size_t max_fields)
{
	size_t i, pos, record_bytes = 0;

	if (row->n < 1 || row->n > max_fields)
		fail(c, "field count", (long)row->n);
	if (row->offset < (off_t)bom || (size_t)row->offset >= size)
		fail(c, "record offset", (long)row->offset);
	if (row->lineno != row->line[0])
		fail(c, "lineno is not the first field's line", row->lineno);
	pos = (size_t)row->offset;
	for (i = 0; i < row->n; i++) {
		const char *f = row->field[i];
		size_t len = row->len[i], raw, j;
		long line, col;

		if (i > 0) {
			if (pos >= size || data[pos] != ',')
				fail(c, "no comma between fields", (long)pos);
			pos++;
		}
		if (pos < cur->pos)
			fail(c, "field before the previous one", (long)pos);
		position(cur, pos, &line, &col);
		if (row->line[i] != line || row->col[i] != col)
			fail(c, "field position", (long)i);
		if (f[len] != '\0' || strlen(f) != len)
			fail(c, "field length or NUL", (long)i);
		if (len > max_field)
			fail(c, "field over max_field", (long)len);
		if (utf8_validate(f, len, NULL) != 0)
			fail(c, "field not valid UTF-8", (long)i);
		if (!row->quoted[i]) {
			if (memchr(f, '"', len) || memchr(f, '\r', len) || memchr(f, '\n', len) ||
			    memchr(f, ',', len))
				fail(c, "special byte in an unquoted field", (long)i);
			if (len > size - pos || memcmp(data + pos, f, len) != 0)
				fail(c, "unquoted field differs from the input", (long)i);
			raw = len;
		} else {
			/* "...": the field with every quote doubled */
			if (pos >= size || data[pos] != '"')
				fail(c, "quoted field without its quote", (long)i);
			raw = 1;
			for (j = 0; j < len; j++) {
				if (pos + raw >= size || data[pos + raw] != (uint8_t)f[j])
					fail(c, "quoted field differs from the input", (long)i);
				raw++;
				if (f[j] == '"') {
					if (pos + raw >= size || data[pos + raw] != '"')
						fail(c, "quote not doubled in the input", (long)i);
					raw++;
				}
			}
			if (pos + raw >= size || data[pos + raw] != '"')
				fail(c, "quoted field not closed in the input", (long)i);
			raw++;
		}
		if (raw > max_field)
			fail(c, "raw field over max_field", (long)raw);
		record_bytes += raw;
		pos += raw;
	}
	if (record_bytes > max_record)
		fail(c, "record over max_record", (long)record_bytes);
	/* the record ends with LF, CR (of CRLF, or alone), or the input */
	if (pos == size) {
		if (row->end != (off_t)size ||
		    (c->flags & (CSVREAD_STRICT_END | CSVREAD_SKIP_TORN_END)))
			fail(c, "record without line end", (long)row->end);
	} else if ((data[pos] != '\n' && data[pos] != '\r') || row->end != (off_t)pos + 1) {
		fail(c, "record end", (long)row->end);
	}
	return pos;
}

static void run(const struct config *c, const uint8_t *data, size_t size)
{
	size_t max_field = c->max_field ? c->max_field : 1024 * 1024;
	size_t max_record = c->max_record ? c->max_record : 16 * 1024 * 1024;
	size_t max_fields = c->max_fields ? c->max_fields : 1000;
	size_t bom = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	size_t prev_end = bom;
	struct cursor cur = { data, bom, 1, 1 };
	struct csvread *r = csvread_open_buffer((const char *)data, size, "fuzz.csv", c->flags);
	struct csvread_row *row;
	struct diag d = DIAG_INIT, again = DIAG_INIT;
	long prev_line = 0;
	int rc;

	if (c->max_field)
		csvread_set_limits(r, max_field, max_record, max_fields);
	while ((rc = csvread_next(r, &row, &d)) == 1) {
		if ((size_t)row->offset < prev_end ||
		    !only_line_ends(data + prev_end, (size_t)row->offset - prev_end))
			fail(c, "bytes lost between records", (long)prev_end);
		if (row->lineno < prev_line)
			fail(c, "records out of order", row->lineno);
		check_row(c, data, size, bom, &cur, row, max_field, max_record, max_fields);
		prev_end = (size_t)row->end;
		prev_line = row->lineno;
	}
	if (rc == 0) {
		long torn = csvread_torn(r);
		if (torn) {
			long line, col;
			size_t i = prev_end;
			if (!(c->flags & CSVREAD_SKIP_TORN_END))
				fail(c, "torn record without CSVREAD_SKIP_TORN_END", torn);
			while (i < size && (data[i] == '\r' || data[i] == '\n'))
				i++;
			position(&cur, i, &line, &col);
			if (i == size || line != torn)
				fail(c, "torn line", torn);
		} else if (!only_line_ends(data + prev_end, size - prev_end)) {
			fail(c, "bytes lost at the end", (long)prev_end);
		}
		if (csvread_next(r, &row, &d) != 0)
			fail(c, "end is not sticky", 0);
	} else {
		if (rc != -1 || d.status != DIAG_DATA || d.line < 1 || d.col < 1 || !d.msg[0] ||
		    strcmp(d.file, "fuzz.csv") != 0)
			fail(c, "error diagnostic", d.line);
		if (csvread_next(r, &row, &again) != -1 || again.line != d.line ||
		    again.col != d.col || strcmp(again.msg, d.msg) != 0)
			fail(c, "error is not sticky", d.line);
	}
	csvread_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i;
	for (i = 0; i < sizeof configs / sizeof *configs; i++)
		run(&configs[i], data, size);
	return 0;
}
