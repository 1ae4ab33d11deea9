#include "batch.h"

#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "strbuf.h"
#include "suggest.h"
#include "xalloc.h"
#include "yamldoc.h"
#include "banned.h"

int batch_format_parse(const char *s, enum batch_format *f)
{
	if (strcmp(s, "csv") == 0)
		*f = BATCH_CSV;
	else if (strcmp(s, "yaml") == 0)
		*f = BATCH_YAML;
	else
		return -1;
	return 0;
}

static long column_of(const char *const *columns, size_t n, const char *name)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(columns[i], name) == 0)
			return (long)i;
	return -1;
}

struct batch_reader {
	const char *name;
	const char *const *columns;
	size_t ncolumns;
	enum batch_format format;
	struct batch_record rec;
	struct arena arena; /* the current YAML record's joined values */
	struct csvread *csv;
	long *map; /* CSV: column of each field of the header */
	size_t nmap;
	struct yamldoc_stream *yaml;
};

static void clear_record(struct batch_reader *r, long lineno)
{
	size_t c;
	for (c = 0; c < r->ncolumns; c++) {
		r->rec.value[c] = NULL;
		r->rec.line[c] = r->rec.col[c] = 0;
	}
	r->rec.lineno = lineno;
}

static int unknown_column(struct diag *d, const char *file, long line, long col, const char *name,
			  const char *const *columns, size_t n)
{
	const char *near = suggest_closest(name, columns, n);
	diag_set(d, DIAG_DATA, file, line, col, "unknown column '%s'", name);
	if (near)
		diag_hint(d, "did you mean '%s'?", near);
	return -1;
}

static int read_header(struct batch_reader *r, const struct csvread_row *row, struct diag *d)
{
	size_t i;

	r->map = xcalloc(row->n, sizeof *r->map);
	r->nmap = row->n;
	for (i = 0; i < row->n; i++) {
		r->map[i] = column_of(r->columns, r->ncolumns, row->field[i]);
		if (r->map[i] < 0)
			return unknown_column(d, r->name, row->line[i], row->col[i], row->field[i],
					      r->columns, r->ncolumns);
		if (column_of((const char *const *)row->field, i, row->field[i]) >= 0)
			return diag_set(d, DIAG_DATA, r->name, row->line[i], row->col[i],
					"column '%s' appears twice", row->field[i]);
	}
	return 0;
}

/* The values point into the reader's row: no copy per record. */
static int next_csv(struct batch_reader *r, struct diag *d)
{
	struct csvread_row *row;
	size_t i;
	int rc;

	while ((rc = csvread_next(r->csv, &row, d)) == 1 && !r->map)
		if (read_header(r, row, d) < 0)
			return -1;
	if (rc <= 0)
		return rc;
	if (row->n != r->nmap)
		return diag_set(d, DIAG_DATA, r->name, row->lineno, 1,
				"record has %zu fields but the header has %zu", row->n, r->nmap);
	clear_record(r, row->lineno);
	for (i = 0; i < row->n; i++) {
		r->rec.value[r->map[i]] = row->field[i];
		r->rec.line[r->map[i]] = row->line[i];
		r->rec.col[r->map[i]] = row->col[i];
	}
	return 1;
}

static const char *join_scalars(struct arena *a, const struct yamldoc *doc,
				const struct yamldoc_node *v, struct diag *d)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	size_t i;

	if (v->kind == YAMLDOC_SCALAR)
		return yamldoc_is_null(v) ? "" : arena_strndup(a, v->str, v->len);
	if (v->kind != YAMLDOC_SEQ) {
		yamldoc_error(doc, v, d, "a value must be a string or a list of strings");
		return NULL;
	}
	for (i = 0; i < v->n; i++) {
		if (v->items[i]->kind != YAMLDOC_SCALAR) {
			yamldoc_error(doc, v->items[i], d, "a list item must be a string");
			strbuf_release(&sb);
			return NULL;
		}
		if (i)
			strbuf_addch(&sb, ';');
		strbuf_add(&sb, v->items[i]->str, v->items[i]->len);
	}
	s = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return s;
}

/* A record of a YAML batch: the next item of the sequence, as it ends. */
static int next_yaml(struct batch_reader *r, struct diag *d)
{
	const struct yamldoc *doc = yamldoc_stream_doc(r->yaml);
	const struct yamldoc_node *m;
	size_t k;
	int rc = yamldoc_stream_next(r->yaml, &m, d);

	if (rc <= 0)
		return rc;
	if (yamldoc_expect(doc, m, YAMLDOC_MAP, "each record", d) < 0 ||
	    yamldoc_check_keys(doc, m, r->columns, d) < 0)
		return -1;
	arena_release(&r->arena);
	clear_record(r, m->line);
	for (k = 0; k < m->n; k++) {
		long c = column_of(r->columns, r->ncolumns, m->keys[k]->str);
		const char *v = join_scalars(&r->arena, doc, m->values[k], d);
		if (!v)
			return -1;
		r->rec.value[c] = v;
		r->rec.line[c] = m->values[k]->line;
		r->rec.col[c] = m->values[k]->col;
	}
	return 1;
}

struct batch_reader *batch_open(int fd, const char *name, enum batch_format f,
				const char *const *columns, struct diag *d)
{
	struct batch_reader *r = xcalloc(1, sizeof *r);

	r->name = name;
	r->columns = columns;
	r->format = f;
	while (columns[r->ncolumns])
		r->ncolumns++;
	r->rec.value = xcalloc(r->ncolumns + 1, sizeof *r->rec.value);
	r->rec.line = xcalloc(r->ncolumns + 1, sizeof *r->rec.line);
	r->rec.col = xcalloc(r->ncolumns + 1, sizeof *r->rec.col);
	if (f == BATCH_CSV) {
		r->csv = csvread_open(fd, name, 0);
		return r;
	}
	if (!(r->yaml = yamldoc_stream_open(name, fd, "the batch", d))) {
		batch_close(r);
		return NULL;
	}
	return r;
}

int batch_next(struct batch_reader *r, const struct batch_record **rec, struct diag *d)
{
	int rc = r->format == BATCH_CSV ? next_csv(r, d) : next_yaml(r, d);
	*rec = rc == 1 ? &r->rec : NULL;
	return rc;
}

void batch_close(struct batch_reader *r)
{
	if (!r)
		return;
	if (r->csv)
		csvread_free(r->csv);
	yamldoc_stream_close(r->yaml);
	arena_release(&r->arena);
	free(r->map);
	free(r->rec.value);
	free(r->rec.line);
	free(r->rec.col);
	free(r);
}

static void collect(struct batch *b, const struct batch_record *from)
{
	struct batch_record *r;
	size_t c;

	XALLOC_GROW(b->records, b->n + 1, b->alloc);
	r = &b->records[b->n++];
	r->value = arena_alloc(&b->arena, b->ncolumns * sizeof *r->value);
	r->line = arena_alloc(&b->arena, b->ncolumns * sizeof *r->line);
	r->col = arena_alloc(&b->arena, b->ncolumns * sizeof *r->col);
	r->lineno = from->lineno;
	for (c = 0; c < b->ncolumns; c++) {
		r->value[c] = from->value[c] ? arena_strdup(&b->arena, from->value[c]) : NULL;
		r->line[c] = from->line[c];
		r->col[c] = from->col[c];
	}
}

int batch_read(struct batch *b, int fd, const char *name, enum batch_format f,
	       const char *const *columns, struct diag *d)
{
	struct batch_reader *r;
	const struct batch_record *rec;
	int rc;

	memset(b, 0, sizeof *b);
	b->name = arena_strdup(&b->arena, name);
	while (columns[b->ncolumns])
		b->ncolumns++;
	r = batch_open(fd, b->name, f, columns, d);
	rc = r ? 1 : -1;
	while (rc == 1 && (rc = batch_next(r, &rec, d)) == 1)
		collect(b, rec);
	batch_close(r);
	if (rc < 0) {
		batch_release(b);
		return -1;
	}
	return 0;
}

void batch_release(struct batch *b)
{
	free(b->records);
	arena_release(&b->arena);
	memset(b, 0, sizeof *b);
}
