#include "csvread.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

enum { CHUNK = 64 * 1024 };

/* Where a field starts, queued by the scanner until libcsv delivers the field. */
struct mark {
	long line, col;
	off_t offset;
	int row_start, quoted;
};

struct csvread {
	int fd;
	const char *mem; /* memory source instead of fd */
	size_t mem_len, mem_pos;
	long torn_line;
	char *name;
	unsigned flags;
	size_t max_field, max_record, max_fields;
	struct csv_parser parser;
	unsigned char chunk[CHUNK];

	/* scanner position and state, one byte ahead of libcsv */
	long line, col;
	off_t offset;
	uint32_t utf8_state, utf8_cp;
	long utf8_col;           /* column where the current sequence began */
	unsigned char utf8_lead; /* and its first byte */
	struct diag error;       /* held back until earlier rows are read */
	int failed;
	int in_quotes, row_begun, started, eof;
	long field_line, field_col; /* start of the field being scanned */
	size_t field_bytes, record_bytes, record_fields;
	int field_fresh; /* no byte of the current field seen yet */

	/* marks queued by the scanner, consumed by the field callback */
	struct mark *marks;
	size_t nmarks, marks_head, marks_alloc;

	/* fields delivered by libcsv: their bytes in data, and where they are */
	struct strbuf data;
	struct strbuf unquote; /* a quoted field of feed_line, unescaped */
	struct field {
		size_t off, len;
		long line, col;
		int quoted;
	} * fields;
	size_t nfields, fields_alloc;
	/* complete records */
	struct record {
		size_t first, n;
		off_t offset, end;
	} * rows;
	size_t nrows, rows_alloc, next_row;
	size_t partial_first; /* first field of the incomplete record */
	off_t partial_offset; /* where the incomplete record starts */
	long row_line;        /* line where the scanned record starts */
	/* record ends seen by the scanner, consumed by the record callback */
	off_t *ends;
	size_t nends, ends_head, ends_alloc;

	struct csvread_row row;
	size_t row_alloc;
	struct diag *err; /* set by callbacks on a limit error */
};

static int not_space(unsigned char c)
{
	(void)c;
	return 0;
}

struct csvread *csvread_open(int fd, const char *name, unsigned flags)
{
	struct csvread *r = xcalloc(1, sizeof *r);
	r->fd = fd;
	r->name = xstrdup(name);
	r->flags = flags;
	r->max_field = 1024 * 1024;
	r->max_record = 16 * 1024 * 1024;
	r->max_fields = 1000;
	if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		diag_die(DIAG_SYSTEM, "out of memory");
	/* libcsv trims spaces and tabs around unquoted fields by default: keep them */
	csv_set_space_func(&r->parser, not_space);
	/* libcsv grows a field's buffer by this much at a time: by 128 bytes,
	 * a long field costs thousands of reallocs outside glibc */
	csv_set_blk_size(&r->parser, 64 * 1024);
	r->line = 1;
	r->col = 1;
	strbuf_init(&r->data, 0);
	strbuf_init(&r->unquote, 0);
	return r;
}

struct csvread *csvread_open_buffer(const char *buf, size_t len, const char *name, unsigned flags)
{
	struct csvread *r = csvread_open(-1, name, flags);
	r->mem = buf;
	r->mem_len = len;
	return r;
}

long csvread_torn(const struct csvread *r)
{
	return r->torn_line;
}

void csvread_set_limits(struct csvread *r, size_t max_field, size_t max_record, size_t max_fields)
{
	r->max_field = max_field;
	r->max_record = max_record;
	r->max_fields = max_fields;
}

void csvread_set_origin(struct csvread *r, off_t offset, long line)
{
	r->offset = offset;
	r->line = line;
	r->started = 1; /* a byte order mark counts only at the file's start */
}

void csvread_free(struct csvread *r)
{
	if (!r)
		return;
	csv_free(&r->parser);
	strbuf_release(&r->data);
	strbuf_release(&r->unquote);
	free(r->marks);
	free(r->ends);
	free(r->fields);
	free(r->rows);
	free(r->row.field);
	free(r->row.len);
	free(r->row.line);
	free(r->row.col);
	free(r->row.quoted);
	free(r->name);
	free(r);
}

static void push_mark(struct csvread *r, int row_start)
{
	struct mark *m;
	if (r->marks_head == r->nmarks)
		r->marks_head = r->nmarks = 0;
	XALLOC_GROW(r->marks, r->nmarks + 1, r->marks_alloc);
	m = &r->marks[r->nmarks++];
	m->line = r->line;
	m->col = r->col;
	m->offset = r->offset;
	m->row_start = row_start;
	m->quoted = 0;
	r->field_fresh = 1;
	r->field_line = r->line;
	r->field_col = r->col;
	r->field_bytes = 0;
}

static void push_end(struct csvread *r, off_t end)
{
	if (r->ends_head == r->nends)
		r->ends_head = r->nends = 0;
	XALLOC_GROW(r->ends, r->nends + 1, r->ends_alloc);
	r->ends[r->nends++] = end;
}

static void on_field(void *s, size_t len, void *data)
{
	struct csvread *r = data;
	struct mark m = { 0, 0, 0, 0, 0 };
	size_t n = r->nfields;

	if (r->marks_head < r->nmarks)
		m = r->marks[r->marks_head++];
	XALLOC_GROW(r->fields, n + 1, r->fields_alloc);
	r->fields[n].off = r->data.len;
	r->fields[n].len = len;
	r->fields[n].line = m.line;
	r->fields[n].col = m.col;
	r->fields[n].quoted = m.quoted;
	if (m.row_start) {
		r->partial_first = n;
		r->partial_offset = m.offset;
	}
	strbuf_add(&r->data, s ? s : "", s ? len : 0);
	strbuf_addch(&r->data, '\0');
	r->nfields++;
}

static void on_record(int c, void *data)
{
	struct csvread *r = data;
	struct record *rec;
	(void)c;
	if (r->nfields == r->partial_first)
		return; /* libcsv skipped an empty line */
	XALLOC_GROW(r->rows, r->nrows + 1, r->rows_alloc);
	rec = &r->rows[r->nrows++];
	rec->first = r->partial_first;
	rec->n = r->nfields - r->partial_first;
	rec->offset = r->partial_offset;
	/* no queued end: csv_fini flushed a last record without a line end */
	rec->end = r->ends_head < r->nends ? r->ends[r->ends_head++] : r->offset;
	r->partial_first = r->nfields;
}

static long column_of(const unsigned char *s, size_t len, long col)
{
	size_t i;
	for (i = 0; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

static int feed(struct csvread *r, const unsigned char *seg, size_t len, long seg_line,
		long seg_col, struct diag *d)
{
	size_t done = csv_parse(&r->parser, seg, len, on_field, on_record, r);
	if (done == len)
		return 0;
	if (csv_error(&r->parser) == CSV_ENOMEM)
		diag_die(DIAG_SYSTEM, "out of memory");
	return diag_set(
		d, DIAG_DATA, r->name, seg_line, column_of(seg, done, seg_col),
		"malformed quoted field (a quote must open a field, be doubled inside it, and close it before a comma or line end)");
}

/* How many more bytes the current field may have within both limits. */
static size_t room_left(const struct csvread *r)
{
	size_t field_room = r->field_bytes < r->max_field ? r->max_field - r->field_bytes : 0;
	size_t record_room = r->record_bytes < r->max_record ? r->max_record - r->record_bytes : 0;
	return field_room < record_room ? field_room : record_room;
}

/* Count n more bytes of the current field against the limits. */
static int count_bytes(struct csvread *r, size_t n, struct diag *d)
{
	r->field_bytes += n;
	r->record_bytes += n;
	if (r->field_bytes > r->max_field)
		return diag_set(d, DIAG_DATA, r->name, r->field_line, r->field_col,
				"field longer than %zu bytes", r->max_field);
	if (r->record_bytes > r->max_record)
		return diag_set(d, DIAG_DATA, r->name, r->field_line, r->field_col,
				"record longer than %zu bytes", r->max_record);
	return 0;
}

/* Bytes the scanner must look at one by one; the rest it skips in runs. */
static int is_special(unsigned char c)
{
	return c >= 0x80 || c == '"' || c == ',' || c == '\n' || c == '\r' || c == '\0';
}

/*
 * A whole record on one line (no CR, quotes balanced on the line): split it
 * here, unescaping doubled quotes, and deliver the fields through the same
 * callbacks libcsv would call.  Returns -1 without delivering anything when
 * the quoting is not strict RFC 4180 (libcsv then reports the error).
 */
static int feed_line(struct csvread *r, const unsigned char *line, size_t len)
{
	const unsigned char *p = line, *end = line + len;
	size_t nfields = 0;

	/* first pass: check the quoting, so that nothing is delivered twice */
	for (;;) {
		if (p < end && *p == '"') {
			for (p++;; p += 2) {
				const unsigned char *q = memchr(p, '"', (size_t)(end - p));
				if (!q)
					return -1;
				p = q;
				if (p + 1 < end && p[1] == '"')
					continue;
				p++;
				break;
			}
		} else {
			while (p < end && *p != ',' && *p != '"')
				p++;
			if (p < end && *p == '"')
				return -1;
		}
		nfields++;
		if (p == end)
			break;
		if (*p != ',')
			return -1;
		p++;
	}
	(void)nfields;
	/* second pass: deliver */
	for (p = line;;) {
		if (p < end && *p == '"') {
			strbuf_reset(&r->unquote);
			for (p++;;) {
				const unsigned char *q = memchr(p, '"', (size_t)(end - p));
				strbuf_add(&r->unquote, p, (size_t)(q - p));
				p = q + 1;
				if (p < end && *p == '"') {
					strbuf_addch(&r->unquote, '"');
					p++;
					continue;
				}
				break;
			}
			on_field(r->unquote.buf, r->unquote.len, r);
		} else {
			const unsigned char *f = p;
			while (p < end && *p != ',')
				p++;
			on_field((void *)f, (size_t)(p - f), r);
		}
		if (p == end)
			break;
		p++;
	}
	on_record('\n', r);
	return 0;
}

/*
 * The scanner found an error (in d) at p[i]: libcsv first gets the bytes
 * of the line before it, so that a syntax error there, which is earlier,
 * is the one reported, as it would be if a read chunk had ended at p[i].
 */
static int scan_error(struct csvread *r, const unsigned char *p, size_t seg, size_t i,
		      long seg_line, long seg_col, struct diag *d)
{
	struct diag early = DIAG_INIT;
	if (i > seg && feed(r, p + seg, i - seg, seg_line, seg_col, &early) < 0)
		*d = early;
	return -1;
}

/* Scan one chunk (positions, UTF-8, limits) and feed libcsv line by line. */
static int scan(struct csvread *r, const unsigned char *p, size_t len, struct diag *d)
{
	size_t i, seg = 0;
	long seg_line = r->line, seg_col = r->col;
	/* the current line starts a record and has had no CR so far */
	int plain = !(r->flags & CSVREAD_LIBCSV_ONLY) && !r->row_begun && !r->in_quotes;

	for (i = 0; i < len; i++) {
		unsigned char c = p[i];

		if (r->row_begun && r->utf8_state == UTF8_ACCEPT && !is_special(c)) {
			size_t run = i + 1;
			size_t room = room_left(r);
			while (run < len && !is_special(p[run]))
				run++;
			/* stop at the byte over a limit, to report it there */
			if (run - i > room)
				run = i + (room ? room : 1);
			if (count_bytes(r, run - i, d) < 0)
				return scan_error(r, p, seg, i, seg_line, seg_col, d);
			r->offset += (off_t)(run - i);
			r->col += (long)(run - i);
			i = run - 1;
			continue;
		}
		if (c >= 0x80 || r->utf8_state != UTF8_ACCEPT) {
			if (r->utf8_state == UTF8_ACCEPT) {
				r->utf8_col = r->col;
				r->utf8_lead = c;
			}
			if (utf8_step(&r->utf8_state, &r->utf8_cp, c) == UTF8_REJECT) {
				diag_set(d, DIAG_DATA, r->name, r->line, r->utf8_col,
					 "invalid UTF-8 sequence starting with byte 0x%02X",
					 r->utf8_lead);
				return scan_error(r, p, seg, i, seg_line, seg_col, d);
			}
		} else if (c == '\0') {
			diag_set(d, DIAG_DATA, r->name, r->line, r->col, "NUL byte");
			return scan_error(r, p, seg, i, seg_line, seg_col, d);
		}
		if (c == '\r')
			plain = 0;

		if (!r->row_begun && c != '\n' && c != '\r') {
			r->row_begun = 1;
			r->record_bytes = 0;
			r->record_fields = 1;
			r->row_line = r->line;
			push_mark(r, 1);
		}
		if (r->field_fresh && r->row_begun) {
			r->field_fresh = 0;
			if (c == '"')
				r->marks[r->nmarks - 1].quoted = 1;
		}
		if (!r->row_begun) {
			/* a blank line between records */
		} else if (c == '"') {
			r->in_quotes = !r->in_quotes;
		} else if (!r->in_quotes && (c == '\n' || c == '\r')) {
			r->row_begun = 0;
			push_end(r, r->offset + 1);
		}
		if (r->row_begun && !r->in_quotes && c == ',') {
			if (++r->record_fields > r->max_fields) {
				diag_set(d, DIAG_DATA, r->name, r->line, r->col + 1,
					 "record has more than %zu fields", r->max_fields);
				return scan_error(r, p, seg, i, seg_line, seg_col, d);
			}
			r->offset++;
			r->col++;
			push_mark(r, 0);
			continue;
		}
		if (r->row_begun && count_bytes(r, 1, d) < 0)
			return scan_error(r, p, seg, i, seg_line, seg_col, d);

		r->offset++;
		if (c == '\n') {
			r->line++;
			r->col = 1;
			/* a record that ends on the line it starts on: split it here */
			if (plain && !r->in_quotes && i == seg) {
				/* a blank line has no record */
			} else if (!(plain && !r->in_quotes &&
				     feed_line(r, p + seg, i - seg) == 0) &&
				   feed(r, p + seg, i + 1 - seg, seg_line, seg_col, d) < 0) {
				return -1;
			}
			plain = !(r->flags & CSVREAD_LIBCSV_ONLY) && !r->row_begun && !r->in_quotes;
			seg = i + 1;
			seg_line = r->line;
			seg_col = r->col;
		} else if ((c & 0xC0) != 0x80) {
			r->col++;
		}
	}
	if (seg < len && feed(r, p + seg, len - seg, seg_line, seg_col, d) < 0)
		return -1;
	return 0;
}

static int finish(struct csvread *r, struct diag *d)
{
	if (r->row_begun && (r->flags & CSVREAD_SKIP_TORN_END)) {
		r->torn_line = r->row_line;
		r->row_begun = 0;
		return 0;
	}
	if (r->utf8_state != UTF8_ACCEPT)
		return diag_set(d, DIAG_DATA, r->name, r->line, r->utf8_col,
				"invalid UTF-8: sequence cut short at the end of input");
	if (r->in_quotes)
		return diag_set(d, DIAG_DATA, r->name, r->field_line, r->field_col,
				"unterminated quoted field");
	if (r->row_begun && (r->flags & CSVREAD_STRICT_END))
		return diag_set(d, DIAG_DATA, r->name, r->row_line, 1,
				"last record has no line end (torn write?)");
	if (csv_fini(&r->parser, on_field, on_record, r) != 0)
		return diag_set(d, DIAG_DATA, r->name, r->field_line, r->field_col,
				"unterminated quoted field");
	r->row_begun = 0;
	return 0;
}

/* Drop consumed rows, keeping the fields of the incomplete record. */
static void compact(struct csvread *r)
{
	size_t keep = r->nfields - r->partial_first, base, i;
	if (!r->nrows && !r->partial_first)
		return;
	base = keep ? r->fields[r->partial_first].off : r->data.len;
	memmove(r->data.buf, r->data.buf + base, r->data.len - base);
	strbuf_setlen(&r->data, r->data.len - base);
	for (i = 0; i < keep; i++) {
		size_t j = r->partial_first + i;
		r->fields[i] = r->fields[j];
		r->fields[i].off -= base;
	}
	r->nfields = keep;
	r->partial_first = 0;
	r->nrows = r->next_row = 0;
}

static void fill_row(struct csvread *r, size_t k)
{
	size_t i, first = r->rows[k].first, n = r->rows[k].n;
	struct csvread_row *row = &r->row;

	if (n > r->row_alloc) {
		/* the row's parallel arrays all have row_alloc entries */
		r->row_alloc = n;
		row->field = xreallocarray(row->field, n, sizeof *row->field);
		row->len = xreallocarray(row->len, n, sizeof *row->len);
		row->line = xreallocarray(row->line, n, sizeof *row->line);
		row->col = xreallocarray(row->col, n, sizeof *row->col);
		row->quoted = xreallocarray(row->quoted, n, sizeof *row->quoted);
	}
	for (i = 0; i < n; i++) {
		const struct field *f = &r->fields[first + i];
		row->field[i] = r->data.buf + f->off;
		row->len[i] = f->len;
		row->line[i] = f->line;
		row->col[i] = f->col;
		row->quoted[i] = (char)f->quoted;
	}
	row->n = n;
	row->lineno = row->line[0];
	row->offset = r->rows[k].offset;
	row->end = r->rows[k].end;
}

static ssize_t read_some(struct csvread *r, unsigned char *buf, size_t len, struct diag *d)
{
	ssize_t n;
	if (r->mem) {
		size_t left = r->mem_len - r->mem_pos;
		if (len > left)
			len = left;
		memcpy(buf, r->mem + r->mem_pos, len);
		r->mem_pos += len;
		return (ssize_t)len;
	}
	do
		n = read(r->fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return diag_errno(d, errno, "read", r->name);
	return n;
}

/* Read and scan one chunk; rows found before an error stay readable. */
static int fill(struct csvread *r, struct diag *d)
{
	ssize_t n;
	size_t skip = 0;

	compact(r);
	n = read_some(r, r->chunk, CHUNK, d);
	if (n < 0)
		return -1;
	if (!r->started) {
		/* gather three bytes to recognise a BOM even from a slow pipe */
		while (n > 0 && n < 3) {
			ssize_t m = read_some(r, r->chunk + n, CHUNK - (size_t)n, d);
			if (m < 0)
				return -1;
			if (m == 0)
				break;
			n += m;
		}
		r->started = 1;
		if (n >= 3 && memcmp(r->chunk, "\xEF\xBB\xBF", 3) == 0) {
			skip = 3;
			r->offset = 3;
		}
	}
	if (n == 0) {
		r->eof = 1;
		if (finish(r, d) < 0)
			return -1;
	} else if (scan(r, r->chunk + skip, (size_t)n - skip, d) < 0) {
		return -1;
	}
	return 0;
}

int csvread_next(struct csvread *r, struct csvread_row **out, struct diag *d)
{
	while (r->next_row >= r->nrows) {
		if (r->failed) {
			*d = r->error;
			return -1;
		}
		if (r->eof)
			return 0;
		if (fill(r, &r->error) < 0)
			r->failed = 1;
	}
	fill_row(r, r->next_row++);
	*out = &r->row;
	return 1;
}
