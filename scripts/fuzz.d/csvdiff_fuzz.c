/*
 * csvdiff_fuzz: differential libFuzzer target for the CSV readers.
 *
 * Every implementation in the table below reads the input to its end and
 * describes what it got in one comparable text: each record (line, byte
 * offset, end, fields with line, column, quoted and their bytes), then the
 * end (with the line of a dropped torn record) or the error (status,
 * line, column, message).  The descriptions must be identical, byte for
 * byte, for every mode (plain, CSVREAD_STRICT_END, CSVREAD_SKIP_TORN_END,
 * default and small limits); the first difference is printed and aborts.
 *
 * The implementations: csvread with its own line splitter, csvread sending
 * every line through libcsv (CSVREAD_LIBCSV_ONLY), and csvread reading
 * from a descriptor that hands the input over in small pieces, so that
 * its 64 KiB read chunks end anywhere in a record; and the fast path
 * (csvpar and csvscan, then csvread where they stop) over a file, with
 * blocks small enough to end anywhere.  Another reader is added by
 * writing one describe function and a line in impls[].
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "csvpar.h"
#include "csvread.h"
#include "strbuf.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mode {
	unsigned flags;                           /* CSVREAD_STRICT_END, CSVREAD_SKIP_TORN_END */
	size_t max_field, max_record, max_fields; /* 0: the defaults */
};

static const struct mode modes[] = {
	{ 0, 0, 0, 0 },  { CSVREAD_STRICT_END, 0, 0, 0 },      { CSVREAD_SKIP_TORN_END, 0, 0, 0 },
	{ 0, 6, 20, 3 }, { CSVREAD_SKIP_TORN_END, 12, 12, 5 },
};

/* The description of a record, the end and an error, for every implementation. */
static void add_record(struct strbuf *out, const struct csvread_row *row)
{
	size_t i;
	strbuf_addf(out, "record line %ld offset %lld end %lld fields %zu\n", row->lineno,
		    (long long)row->offset, (long long)row->end, row->n);
	for (i = 0; i < row->n; i++) {
		strbuf_addf(out, "  field %ld:%ld quoted %d len %zu [", row->line[i], row->col[i],
			    row->quoted[i] != 0, row->len[i]);
		strbuf_add(out, row->field[i], row->len[i]);
		strbuf_addstr(out, "]\n");
	}
}

static void add_result(struct strbuf *out, int rc, long torn, const struct diag *d)
{
	if (rc == 0)
		strbuf_addf(out, "end torn %ld\n", torn);
	else
		strbuf_addf(out, "error %d at %ld:%ld: %s\n", (int)d->status, d->line, d->col,
			    d->msg);
}

static void describe_csvread(struct csvread *r, const struct mode *m, struct strbuf *out)
{
	struct csvread_row *row;
	struct diag d = DIAG_INIT;
	int rc;

	if (m->max_field)
		csvread_set_limits(r, m->max_field, m->max_record, m->max_fields);
	while ((rc = csvread_next(r, &row, &d)) == 1)
		add_record(out, row);
	add_result(out, rc, csvread_torn(r), &d);
	csvread_free(r);
}

static void read_csvread(const uint8_t *data, size_t size, const struct mode *m, struct strbuf *out)
{
	describe_csvread(csvread_open_buffer((const char *)data, size, "t.csv", m->flags), m, out);
}

static void read_csvread_libcsv(const uint8_t *data, size_t size, const struct mode *m,
				struct strbuf *out)
{
	describe_csvread(csvread_open_buffer((const char *)data, size, "t.csv",
					     m->flags | CSVREAD_LIBCSV_ONLY),
			 m, out);
}

/*
 * The input in pieces of 1 to size/24+1 bytes (at most 48 of them, the
 * rest in the last), chosen from a hash of the input, each one datagram
 * of a SOCK_SEQPACKET pair, so that each read(2) returns one piece.
 */
static void read_csvread_pieces(const uint8_t *data, size_t size, const struct mode *m,
				struct strbuf *out)
{
	uint32_t h = 2166136261u;
	size_t i, pos = 0, npieces = 0;
	int sv[2];

	if (size > 60 * 1024) { /* the socket buffer holds it all; and read chunks */
		read_csvread(data, size, m, out);
		return;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0) {
		perror("csvdiff_fuzz: socketpair");
		abort();
	}
	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	while (pos < size) {
		size_t len = size - pos;
		h ^= h << 13;
		h ^= h >> 17;
		h ^= h << 5;
		if (++npieces < 48 && len > 1 + h % (size / 24 + 1))
			len = 1 + h % (size / 24 + 1);
		if (write(sv[1], data + pos, len) != (ssize_t)len) {
			perror("csvdiff_fuzz: write");
			abort();
		}
		pos += len;
	}
	close(sv[1]);
	describe_csvread(csvread_open(sv[0], "t.csv", m->flags), m, out);
	close(sv[0]);
}

/*
 * The fast path as intake-query takes it: csvpar (csvscan on one or two
 * threads, blocks of 1 to 64 bytes so that blocks end everywhere) over a
 * temporary file, then csvread from where csvpar stops.  Fast rows carry
 * no positions; they are computed here from the raw bytes (a field lies
 * where its text is, one byte earlier when quoted, since folding doubled
 * quotes only moves bytes within a field).  The scanner has csvread's
 * default limits, so the modes with small limits read with csvread alone.
 */
struct fast_ctx {
	long *line_at, *col_at; /* csvread's line and column of every byte offset */
	struct strbuf out;
};

static int fast_row(void *worker, void *acc, const struct csvread_row *row)
{
	const struct fast_ctx *c = worker;
	struct csvread_row with = *row;
	const char *rec = row->field[0] - row->quoted[0];
	size_t i;

	with.line = malloc(row->n * sizeof *with.line);
	with.col = malloc(row->n * sizeof *with.col);
	if (!with.line || !with.col)
		abort();
	for (i = 0; i < row->n; i++) {
		size_t at = (size_t)row->offset + (size_t)(row->field[i] - rec) -
			    (size_t)row->quoted[i];
		with.line[i] = c->line_at[at];
		with.col[i] = c->col_at[at];
	}
	with.lineno = with.line[0];
	add_record(acc, &with);
	free(with.line);
	free(with.col);
	return 0;
}

static void *fast_acc_new(void *ctx)
{
	struct strbuf *sb = malloc(sizeof *sb);
	(void)ctx;
	if (!sb)
		abort();
	strbuf_init(sb, 0);
	return sb;
}

static void fast_acc_reset(void *acc)
{
	strbuf_reset(acc);
}

static int fast_merge(void *ctx, void *acc, struct diag *d)
{
	struct fast_ctx *c = ctx;
	const struct strbuf *sb = acc;
	(void)d;
	strbuf_add(&c->out, sb->buf, sb->len);
	return 0;
}

static void fast_acc_free(void *acc)
{
	strbuf_release(acc);
	free(acc);
}

static void read_fast(const uint8_t *data, size_t size, const struct mode *m, struct strbuf *out)
{
	struct fast_ctx c;
	void *workers[2] = { &c, &c };
	uint32_t h = 2166136261u;
	struct csvpar_ops ops = { .row = fast_row,
				  .acc_new = fast_acc_new,
				  .acc_reset = fast_acc_reset,
				  .merge = fast_merge,
				  .acc_free = fast_acc_free,
				  .ctx = &c,
				  .worker = workers };
	struct csvpar_stop stop;
	struct diag d = DIAG_INIT;
	long line = 1, col = 1;
	size_t i;
	FILE *f;

	if (m->max_field) {
		read_csvread(data, size, m, out);
		return;
	}
	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	ops.jobs = 1 + h % 2;
	ops.block_size = 1 + (h >> 8) % 64;
	c.line_at = malloc((size + 1) * sizeof *c.line_at);
	c.col_at = malloc((size + 1) * sizeof *c.col_at);
	f = tmpfile();
	if (!c.line_at || !c.col_at || !f || fwrite(data, 1, size, f) != size || fflush(f) != 0) {
		perror("csvdiff_fuzz: temporary file");
		abort();
	}
	for (i = 0; i <= size; i++) {
		c.line_at[i] = line;
		c.col_at[i] = col;
		if (i < size && data[i] == '\n') {
			line++;
			col = 1;
		} else if (i < size && (data[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	strbuf_init(&c.out, 0);
	if (csvpar_run(fileno(f), "t.csv", 0, 1, &ops, &stop, &d) < 0) {
		fprintf(stderr, "csvdiff_fuzz: csvpar: %s\n", d.msg);
		abort();
	}
	strbuf_add(out, c.out.buf, c.out.len);
	if (stop.complete) {
		add_result(out, 0, 0, &d);
	} else {
		struct csvread *r =
			csvread_open_buffer((const char *)data + stop.resume,
					    size - (size_t)stop.resume, "t.csv", m->flags);
		if (stop.resume > 0)
			csvread_set_origin(r, stop.resume, stop.resume_line);
		describe_csvread(r, m, out);
	}
	strbuf_release(&c.out);
	fclose(f);
	free(c.line_at);
	free(c.col_at);
}

static const struct impl {
	const char *name;
	void (*read_all)(const uint8_t *data, size_t size, const struct mode *m,
			 struct strbuf *out);
} impls[] = {
	{ "csvread", read_csvread },
	{ "csvread libcsv only", read_csvread_libcsv },
	{ "csvread in pieces", read_csvread_pieces },
	{ "csvpar, then csvread", read_fast },
};

/* Print where a and b first differ, with the lines around it, and abort. */
static void differ(const struct mode *m, const struct impl *ia, const struct strbuf *a,
		   const struct impl *ib, const struct strbuf *b)
{
	size_t i = 0, from;
	while (i < a->len && i < b->len && a->buf[i] == b->buf[i])
		i++;
	from = i;
	while (from > 0 && a->buf[from - 1] != '\n')
		from--;
	fprintf(stderr,
		"csvdiff_fuzz: flags %u limits %zu/%zu/%zu: '%s' and '%s' differ at byte %zu\n",
		m->flags, m->max_field, m->max_record, m->max_fields, ia->name, ib->name, i);
	fprintf(stderr, "--- %s\n%.*s\n--- %s\n%.*s\n", ia->name,
		(int)(a->len - from > 400 ? 400 : a->len - from), a->buf + from, ib->name,
		(int)(b->len - from > 400 ? 400 : b->len - from), b->buf + from);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf first = STRBUF_INIT, other = STRBUF_INIT;
	size_t i, k;

	for (i = 0; i < sizeof modes / sizeof *modes; i++) {
		strbuf_reset(&first);
		impls[0].read_all(data, size, &modes[i], &first);
		for (k = 1; k < sizeof impls / sizeof *impls; k++) {
			strbuf_reset(&other);
			impls[k].read_all(data, size, &modes[i], &other);
			if (other.len != first.len || memcmp(other.buf, first.buf, first.len) != 0)
				differ(&modes[i], &impls[0], &first, &impls[k], &other);
		}
	}
	strbuf_release(&first);
	strbuf_release(&other);
	return 0;
}
