/*
 * The records of a *-add run kept in a spool (writer.h).  A record is
 * encoded as its index in the input, whether it has an origin, the line
 * and column of each field, then each field as its length and bytes.
 */
#include "writer.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvends.h"
#include "csvwrite.h"
#include "xalloc.h"
#include "banned.h"

/* Parts of an append and of its measuring pass. */
#define PART (1024 * 1024)

void writer_batch_init(struct writer_batch *wb, const struct schema *f, const struct datadir *dir)
{
	memset(wb, 0, sizeof *wb);
	wb->f = f;
	wb->dir = dir;
	spool_init(&wb->spool, dir->fd, dir->path, f->file);
	strbuf_init(&wb->enc, 0);
	wb->row = xcalloc(f->ncols, sizeof *wb->row);
	fields_init(wb->row, f->ncols);
}

void writer_batch_release(struct writer_batch *wb)
{
	spool_release(&wb->spool);
	strbuf_release(&wb->enc);
	if (wb->row)
		fields_release(wb->row, wb->f->ncols);
	free(wb->row);
	memset(wb, 0, sizeof *wb);
}

static int keep(struct writer_batch *wb, struct spool *sp, size_t index, const struct strbuf *row,
		const struct fields_origin *o, struct diag *d)
{
	size_t ncols = wb->f->ncols, c;
	char has = o != NULL;

	strbuf_reset(&wb->enc);
	strbuf_add(&wb->enc, &index, sizeof index);
	strbuf_add(&wb->enc, &has, 1);
	if (o) {
		strbuf_add(&wb->enc, o->line, ncols * sizeof *o->line);
		strbuf_add(&wb->enc, o->col, ncols * sizeof *o->col);
	}
	for (c = 0; c < ncols; c++) {
		strbuf_add(&wb->enc, &row[c].len, sizeof row[c].len);
		strbuf_add(&wb->enc, row[c].buf, row[c].len);
	}
	wb->n++;
	return spool_put(sp, wb->enc.buf, wb->enc.len, d);
}

int writer_batch_keep(struct writer_batch *wb, const struct strbuf *row,
		      const struct fields_origin *o, struct diag *d)
{
	return keep(wb, &wb->spool, wb->total++, row, o, d);
}

/* The next record of sp into wb->row: 1, 0 at the end, -1. */
static int next(struct writer_batch *wb, struct spool *sp, size_t *index,
		const struct fields_origin **o, struct diag *d)
{
	size_t ncols = wb->f->ncols, c, len;
	const char *p;
	char has;
	int rc = spool_get(sp, &p, &len, d);

	if (rc <= 0)
		return rc;
	memcpy(index, p, sizeof *index);
	p += sizeof *index;
	has = *p++;
	*o = NULL;
	if (has) {
		wb->origin.file = "-";
		memcpy(wb->origin.line, p, ncols * sizeof *wb->origin.line);
		p += ncols * sizeof *wb->origin.line;
		memcpy(wb->origin.col, p, ncols * sizeof *wb->origin.col);
		p += ncols * sizeof *wb->origin.col;
		*o = &wb->origin;
	}
	for (c = 0; c < ncols; c++) {
		memcpy(&len, p, sizeof len);
		p += sizeof len;
		strbuf_reset(&wb->row[c]);
		strbuf_add(&wb->row[c], p, len);
		p += len;
	}
	return 1;
}

/* Keep the problems of the WRITER_SHOWN first records in input order. */
static void problem(struct writer_batch *wb, size_t index, const struct diag *e)
{
	size_t k;

	wb->bad++;
	if (wb->nproblem == WRITER_SHOWN && index > wb->problem[WRITER_SHOWN - 1].index)
		return;
	for (k = wb->nproblem; k > 0 && wb->problem[k - 1].index > index; k--)
		if (k < WRITER_SHOWN)
			wb->problem[k] = wb->problem[k - 1];
	if (k < WRITER_SHOWN) {
		wb->problem[k].index = index;
		wb->problem[k].d = *e;
	}
	if (wb->nproblem < WRITER_SHOWN)
		wb->nproblem++;
}

int writer_batch_checked(const struct writer_batch *wb, struct diag *d)
{
	size_t k;

	if (!wb->bad)
		return 0;
	for (k = 0; k < wb->nproblem; k++)
		diag_print(&wb->problem[k].d);
	if (wb->bad > wb->nproblem)
		diag_printf("%s: %zu more records with errors\n", diag_prog(),
			    wb->bad - wb->nproblem);
	return diag_set(d, DIAG_DATA, NULL, 0, 0,
			"%zu of %zu records are invalid; nothing was written", wb->bad, wb->total);
}

int writer_batch_read(struct writer_batch *wb, enum batch_format from, writer_check check,
		      void *arg, struct diag *d)
{
	const struct batch_record *br;
	struct batch_reader *r;
	struct fields_origin o;
	struct diag e = DIAG_INIT;
	size_t ncols = wb->f->ncols, c;
	int rc;

	if (ncols > FIELDS_MAX)
		return diag_set(d, DIAG_SYSTEM, NULL, 0, 0, "%s has more than %d columns",
				wb->f->file, FIELDS_MAX);
	if (!(r = batch_open(STDIN_FILENO, "-", from, wb->f->names, d)))
		return -1;
	memset(&o, 0, sizeof o);
	o.file = "-";
	while ((rc = batch_next(r, &br, d)) == 1) {
		size_t index = wb->total++;
		for (c = 0; c < ncols; c++) {
			o.line[c] = br->line[c] ? br->line[c] : br->lineno;
			o.col[c] = br->col[c] ? br->col[c] : 1;
			strbuf_reset(&wb->row[c]);
			if (br->value[c])
				fields_set(&wb->row[c], br->value[c]);
		}
		if (check(wb->row, &o, arg, &e) < 0)
			problem(wb, index, &e);
		else if (keep(wb, &wb->spool, index, wb->row, &o, d) < 0)
			break;
	}
	batch_close(r);
	return rc != 0 ? -1 : 0;
}

int writer_batch_recheck(struct writer_batch *wb, writer_check check, void *arg, struct diag *d)
{
	struct spool kept;
	const struct fields_origin *o;
	struct diag e = DIAG_INIT;
	size_t index;
	int rc;

	spool_init(&kept, wb->dir->fd, wb->dir->path, wb->f->file);
	wb->n = 0;
	if ((rc = spool_rewind(&wb->spool, d)) == 0)
		while ((rc = next(wb, &wb->spool, &index, &o, d)) == 1) {
			if (check(wb->row, o, arg, &e) < 0)
				problem(wb, index, &e);
			else if (keep(wb, &kept, index, wb->row, o, d) < 0)
				break;
		}
	spool_release(&wb->spool);
	wb->spool = kept;
	return rc != 0 ? -1 : 0;
}

int writer_batch_each(struct writer_batch *wb, writer_check fn, void *arg, struct diag *d)
{
	const struct fields_origin *o;
	size_t index;
	int rc;

	if (spool_rewind(&wb->spool, d) < 0)
		return -1;
	while ((rc = next(wb, &wb->spool, &index, &o, d)) == 1)
		if (fn(wb->row, o, arg, d) < 0)
			return -1;
	return rc;
}

static const char **fields_of(const struct strbuf *row, size_t ncols, const char **fields)
{
	size_t c;
	for (c = 0; c < ncols; c++)
		fields[c] = row[c].buf;
	return fields;
}

/*
 * The records as stored, in parts of about PART bytes: measured first
 * (lk NULL: *size set), then appended.  Measuring makes the append's
 * announcement exact, whatever fill and the quoting add.
 */
static int write_records(struct writer_batch *wb, struct datadir_lock *lk, struct strbuf *buf,
			 writer_fill fill, void *arg, size_t *size, struct diag *d)
{
	const char **fields = xcalloc(wb->f->ncols, sizeof *fields);
	const struct fields_origin *o;
	size_t index, i = 0;
	int rc;

	*size = 0;
	if ((rc = spool_rewind(&wb->spool, d)) == 0)
		while ((rc = next(wb, &wb->spool, &index, &o, d)) == 1) {
			if (fill)
				fill(wb->row, i, arg);
			i++;
			csvwrite_record(buf, fields_of(wb->row, wb->f->ncols, fields),
					wb->f->ncols);
			if (buf->len < PART)
				continue;
			*size += buf->len;
			if (lk && datadir_append_more(lk, buf->buf, buf->len, d) < 0) {
				rc = -1;
				break;
			}
			strbuf_reset(buf);
		}
	*size += buf->len;
	if (rc == 0 && lk && datadir_append_more(lk, buf->buf, buf->len, d) < 0)
		rc = -1;
	strbuf_reset(buf);
	free(fields);
	return rc;
}

int writer_batch_store(struct writer_batch *wb, double timeout, writer_prepare prepare,
		       writer_fill fill, void *arg, struct diag *d)
{
	const struct schema *f = wb->f;
	struct datadir_lock lk;
	struct strbuf buf = STRBUF_INIT, header = STRBUF_INIT;
	size_t size;
	int rc = -1;

	if (datadir_lock(wb->dir, f->file, timeout, &lk, d) < 0)
		return -1;
	if (lk.repaired)
		diag_warn(lk.path, 0, 0,
			  "removed a torn last record (%lld bytes, saved in %s.torn)",
			  (long long)lk.repaired, f->file);
	if (lk.size == 0)
		csvwrite_record(&header, f->names, f->ncols);
	else if (csvends_check_header(&lk, fields_check_header_of, f, d) < 0)
		goto out;
	if (prepare && prepare(&lk, wb->n, arg, d) < 0)
		goto out;
	if (write_records(wb, NULL, &buf, fill, arg, &size, d) < 0 ||
	    datadir_append_begin(&lk, header.len + size, d) < 0)
		goto out;
	strbuf_add(&buf, header.buf, header.len);
	if (write_records(wb, &lk, &buf, fill, arg, &size, d) < 0) {
		datadir_append_abort(&lk);
		goto out;
	}
	rc = datadir_append_end(&lk, d);
out:
	datadir_unlock(&lk);
	strbuf_release(&buf);
	strbuf_release(&header);
	return rc;
}

int writer_batch_print(struct writer_batch *wb, FILE *fp, enum output_format format,
		       const size_t *numeric, size_t nnumeric, writer_fill fill, void *arg,
		       struct diag *d)
{
	struct output *out = output_new(fp, format, wb->f->names, wb->f->ncols);
	const char **fields = xcalloc(wb->f->ncols, sizeof *fields);
	const struct fields_origin *o;
	size_t i = 0, index;
	int rc;

	for (i = 0; i < nnumeric; i++)
		output_set_numeric(out, numeric[i]);
	i = 0;
	if ((rc = spool_rewind(&wb->spool, d)) == 0)
		while ((rc = next(wb, &wb->spool, &index, &o, d)) == 1) {
			if (fill)
				fill(wb->row, i, arg);
			i++;
			output_row(out, fields_of(wb->row, wb->f->ncols, fields));
		}
	if (rc == 0)
		rc = output_finish(out, d);
	output_free(out);
	free(fields);
	return rc;
}
