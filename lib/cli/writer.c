#include "writer.h"

#include <stdio.h>
#include <string.h>

#include "fields.h"
#include "i18n.h"
#include "xalloc.h"
#include "banned.h"

void writer_options(const struct schema *s, const struct opts_option *aliases,
		    struct opts_option *out)
{
	static const struct opts_option tail[] = {
		{ "batch", WRITER_OPT_BATCH, NULL,
		  N_("read records from standard input (all or nothing)"), NULL, 0 },
		{ "from", WRITER_OPT_FROM, "FORMAT",
		  N_("batch input format: csv (default) or yaml"), NULL, 0 },
		{ "dry-run", WRITER_OPT_DRY_RUN, NULL, N_("validate and print, write nothing"),
		  NULL, 0 },
		OPTS_DIR,
		OPTS_FORMAT,
		OPTS_LOCK,
		OPTS_HELP,
		OPTS_END
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
		opts_common(o, c, arg); /* no other key comes from opts_next */
	}
}

void writer_check_args(const struct writer_args *w, const struct opts *o, int argc, char **argv)
{
	if (optind < argc)
		opts_usage_error(o, "unexpected operand '%s'", argv[optind]);
	if (w->batch && w->any_field)
		opts_usage_error(o,
				 "--batch takes records from standard input, not from field options");
}

void writer_require(const struct writer_args *w, const struct opts *o, const struct schema *s,
		    size_t col)
{
	char option[64];
	snprintf(option, sizeof option, "--%s", s->columns[col].option);
	if (!w->batch && !w->given[col])
		opts_usage_error(o, "%s is required", option);
}
