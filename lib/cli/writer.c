#include "writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvends.h"
#include "csvwrite.h"
#include "fields.h"
#include "i18n.h"
#include "xalloc.h"
#include "banned.h"

static const char **row_fields(const struct strbuf *row, size_t ncols, const char **fields)
{
	size_t c;
	for (c = 0; c < ncols; c++)
		fields[c] = row[c].buf;
	return fields;
}

int writer_store(const struct datadir *dir, const struct schema *f, struct strbuf *rows,
		 size_t n, double timeout, writer_prepare prepare, void *arg, struct diag *d)
{
	struct datadir_lock lk;
	struct strbuf buf = STRBUF_INIT;
	const char **fields = xcalloc(f->ncols, sizeof *fields);
	int rc = -1;
	size_t i;

	if (datadir_lock(dir, f->file, timeout, &lk, d) < 0) {
		free(fields);
		return -1;
	}
	if (lk.repaired)
		diag_warn(lk.path, 0, 0, "removed a torn last record (%lld bytes, saved in %s.torn)",
			  (long long)lk.repaired, f->file);
	if (lk.size == 0)
		csvwrite_record(&buf, f->names, f->ncols);
	else if (csvends_check_header(&lk, fields_check_header_of, f, d) < 0)
		goto out;
	if (prepare && prepare(&lk, rows, n, arg, d) < 0)
		goto out;
	for (i = 0; i < n; i++)
		csvwrite_record(&buf, row_fields(rows + i * f->ncols, f->ncols, fields), f->ncols);
	rc = datadir_append(&lk, buf.buf, buf.len, d);
out:
	datadir_unlock(&lk);
	strbuf_release(&buf);
	free(fields);
	return rc;
}

int writer_print(FILE *fp, enum output_format format, const struct schema *f,
		 const size_t *numeric, size_t nnumeric, const struct strbuf *rows, size_t n,
		 struct diag *d)
{
	struct output *out = output_new(fp, format, f->names, f->ncols);
	const char **fields = xcalloc(f->ncols, sizeof *fields);
	size_t i;
	int rc;

	for (i = 0; i < nnumeric; i++)
		output_set_numeric(out, numeric[i]);
	for (i = 0; i < n; i++)
		output_row(out, row_fields(rows + i * f->ncols, f->ncols, fields));
	rc = output_finish(out, d);
	output_free(out);
	free(fields);
	return rc;
}

int writer_read_batch(const struct schema *f, enum batch_format from, size_t record_size,
		      void **recs, size_t *n, writer_check check, void *arg, struct diag *d)
{
	struct batch b;
	struct fields_origin o;
	size_t i, c, bad = 0;

	*recs = NULL;
	*n = 0;
	if (f->ncols > FIELDS_MAX)
		return diag_set(d, DIAG_SYSTEM, NULL, 0, 0, "%s has more than %d columns", f->file,
				FIELDS_MAX);
	if (batch_read(&b, STDIN_FILENO, "-", from, f->names, d) < 0)
		return -1;
	memset(&o, 0, sizeof o);
	o.file = "-";
	*recs = xcalloc(b.n, record_size);
	for (i = 0; i < b.n; i++) {
		struct strbuf *row = (struct strbuf *)((char *)*recs + i * record_size);
		const struct batch_record *br = &b.records[i];
		fields_init(row, f->ncols);
		(*n)++;
		for (c = 0; c < f->ncols; c++) {
			o.line[c] = br->line[c] ? br->line[c] : br->lineno;
			o.col[c] = br->col[c] ? br->col[c] : 1;
			if (br->value[c])
				fields_set(&row[c], br->value[c]);
		}
		if (check(row, &o, arg, d) < 0 && ++bad <= 20)
			diag_print(d);
	}
	batch_release(&b);
	if (bad > 20)
		diag_printf("%s: %zu more records with errors\n", diag_prog(), bad - 20);
	if (bad)
		return diag_set(d, DIAG_DATA, NULL, 0, 0,
				"%zu of %zu records are invalid; nothing was written", bad, *n);
	return 0;
}

void writer_options(const struct schema *s, const struct opts_option *aliases,
		    struct opts_option *out)
{
	static const struct opts_option tail[] = {
		{ "batch", WRITER_OPT_BATCH, NULL,
		  N_("read records from standard input (all or nothing)"), NULL, 0 },
		{ "from", WRITER_OPT_FROM, "FORMAT", N_("batch input format: csv (default) or yaml"),
		  NULL, 0 },
		{ "dry-run", WRITER_OPT_DRY_RUN, NULL, N_("validate and print, write nothing"), NULL, 0 },
		OPTS_DIR, OPTS_FORMAT, OPTS_LOCK, OPTS_HELP, OPTS_END
	};
	const struct opts_option *a;
	size_t c, n = 0, i;

	for (c = 0; c < s->ncols; c++) {
		const struct schema_column *col = &s->columns[c];
		int key = WRITER_OPT_FIELD + (int)c;
		if (!col->option)
			continue;
		out[n].name = col->option;
		out[n].key = key;
		out[n].arg = col->arg;
		out[n].help = col->help;
		out[n].shown = NULL;
		out[n++].flags = 0;
		for (a = aliases; a && a->name; a++)
			if (a->key == key)
				out[n++] = *a;
	}
	for (i = 0; i < sizeof tail / sizeof *tail; i++)
		out[n++] = tail[i];
}

void writer_option(struct writer_args *w, struct opts *o, int c, const char *arg,
		   struct strbuf *single, size_t ncols)
{
	if (c == WRITER_OPT_BATCH) {
		w->batch = 1;
	} else if (c == WRITER_OPT_FROM) {
		if (batch_format_parse(arg, &w->from) < 0)
			opts_usage_error(o, "--from: unknown format '%s' (csv or yaml)", arg);
	} else if (c == WRITER_OPT_DRY_RUN) {
		w->dry_run = 1;
	} else if (c >= WRITER_OPT_FIELD && c < WRITER_OPT_FIELD + (int)ncols) {
		fields_set(&single[c - WRITER_OPT_FIELD], arg);
		w->given[c - WRITER_OPT_FIELD] = w->any_field = 1;
	} else {
		opts_common(o, c, arg);   /* no other key comes from opts_next */
	}
}

void writer_check_args(const struct writer_args *w, const struct opts *o, int argc,
		       char **argv)
{
	if (optind < argc)
		opts_usage_error(o, "unexpected operand '%s'", argv[optind]);
	if (w->batch && w->any_field)
		opts_usage_error(o, "--batch takes records from standard input, not from field options");
}

void writer_require(const struct writer_args *w, const struct opts *o, const struct schema *s,
		    size_t col)
{
	char option[64];
	snprintf(option, sizeof option, "--%s", s->columns[col].option);
	if (!w->batch && !w->given[col])
		opts_usage_error(o, "%s is required", option);
}
