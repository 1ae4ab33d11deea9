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

static struct batch_record *new_record(struct batch *b, long lineno)
{
	struct batch_record *r;
	XALLOC_GROW(b->records, b->n + 1, b->alloc);
	r = &b->records[b->n++];
	r->value = arena_alloc(&b->arena, b->ncolumns * sizeof *r->value);
	r->line = arena_alloc(&b->arena, b->ncolumns * sizeof *r->line);
	r->col = arena_alloc(&b->arena, b->ncolumns * sizeof *r->col);
	r->lineno = lineno;
	return r;
}

static int unknown_column(struct diag *d, const char *file, long line, long col,
			  const char *name, const char *const *columns, size_t n)
{
	const char *near = suggest_closest(name, columns, n);
	diag_set(d, DIAG_DATA, file, line, col, "unknown column '%s'", name);
	if (near)
		diag_hint(d, "did you mean '%s'?", near);
	return -1;
}

static int read_csv(struct batch *b, int fd, const char *const *columns, struct diag *d)
{
	struct csvread *r = csvread_open(fd, b->name, 0);
	struct csvread_row *row;
	long *map = NULL;
	size_t nmap = 0, i;
	int rc;

	while ((rc = csvread_next(r, &row, d)) == 1) {
		struct batch_record *rec;
		if (!map) {
			map = xcalloc(row->n, sizeof *map);
			nmap = row->n;
			for (i = 0; i < row->n; i++) {
				map[i] = column_of(columns, b->ncolumns, row->field[i]);
				if (map[i] < 0) {
					rc = unknown_column(d, b->name, row->line[i], row->col[i],
							    row->field[i], columns, b->ncolumns);
					goto out;
				}
				if (column_of((const char *const *)row->field, i, row->field[i]) >= 0) {
					rc = diag_set(d, DIAG_DATA, b->name, row->line[i], row->col[i],
						      "column '%s' appears twice", row->field[i]);
					goto out;
				}
			}
			continue;
		}
		if (row->n != nmap) {
			rc = diag_set(d, DIAG_DATA, b->name, row->lineno, 1,
				      "record has %zu fields but the header has %zu", row->n, nmap);
			goto out;
		}
		rec = new_record(b, row->lineno);
		for (i = 0; i < row->n; i++) {
			rec->value[map[i]] = arena_strndup(&b->arena, row->field[i], row->len[i]);
			rec->line[map[i]] = row->line[i];
			rec->col[map[i]] = row->col[i];
		}
	}
out:
	free(map);
	csvread_free(r);
	return rc < 0 ? -1 : 0;
}

static const char *join_scalars(struct batch *b, const struct yamldoc *doc,
				const struct yamldoc_node *v, struct diag *d)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	size_t i;

	if (v->kind == YAMLDOC_SCALAR)
		return yamldoc_is_null(v) ? "" : arena_strndup(&b->arena, v->str, v->len);
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
	s = arena_strndup(&b->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return s;
}

static int read_yaml(struct batch *b, int fd, const char *const *columns, struct diag *d)
{
	struct yamldoc doc;
	const struct yamldoc_node *root;
	size_t i, k;
	int rc = -1;

	if (yamldoc_load_fd(&doc, b->name, fd, d) < 0)
		return -1;
	root = doc.root;
	if (!root) {
		rc = 0;
		goto out;
	}
	if (yamldoc_expect(&doc, root, YAMLDOC_SEQ, "the batch", d) < 0)
		goto out;
	for (i = 0; i < root->n; i++) {
		const struct yamldoc_node *m = root->items[i];
		struct batch_record *rec;
		if (yamldoc_expect(&doc, m, YAMLDOC_MAP, "each record", d) < 0 ||
		    yamldoc_check_keys(&doc, m, columns, d) < 0)
			goto out;
		rec = new_record(b, m->line);
		for (k = 0; k < m->n; k++) {
			long c = column_of(columns, b->ncolumns, m->keys[k]->str);
			const char *v = join_scalars(b, &doc, m->values[k], d);
			if (!v)
				goto out;
			rec->value[c] = v;
			rec->line[c] = m->values[k]->line;
			rec->col[c] = m->values[k]->col;
		}
	}
	rc = 0;
out:
	yamldoc_release(&doc);
	return rc;
}

int batch_read(struct batch *b, int fd, const char *name, enum batch_format f,
	       const char *const *columns, struct diag *d)
{
	memset(b, 0, sizeof *b);
	b->name = arena_strdup(&b->arena, name);
	while (columns[b->ncolumns])
		b->ncolumns++;
	if ((f == BATCH_YAML ? read_yaml(b, fd, columns, d) : read_csv(b, fd, columns, d)) < 0) {
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
