/*
 * capacity-add: record capacity observations in capacity.csv, one from
 * options or many from CSV/YAML on standard input (all or nothing, as
 * minutes-parse --capacity writes them), and print them as stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "capacity.h"
#include "csvread.h"
#include "csvwrite.h"
#include "dirctx.h"
#include "opts.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: capacity-add [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout SECONDS]\n"
	"                    --service ID [--date DATE] [--unit UNIT] [--used N]\n"
	"                    [--total N] [--waiting N] [--status STATUS]\n"
	"                    [--source SOURCE] [--note TEXT]\n"
	"       capacity-add [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout SECONDS]\n"
	"                    --batch [--from csv|yaml]";

static const char help[] =
	"Record a capacity observation in DIR/capacity.csv and print it as stored.\n"
	"\n"
	"  --service ID      a service id of services.yaml, or an organization id\n"
	"  --date DATE       the day observed, YYYY-MM-DD; default today\n"
	"  --unit UNIT       beds, families, clients, places...; default the service's\n"
	"  --used, --total, --waiting N\n"
	"                    whole numbers from 0 to 100000\n"
	"  --status STATUS   ok, near-full, full or unknown; default from the numbers\n"
	"  --source SOURCE   manual (default) or minutes:YYYY-MM-DD\n"
	"  --note TEXT       the statement as said or written\n"
	"  --batch           read observations from standard input (all or nothing)\n"
	"  --from FORMAT     batch input format: csv (default) or yaml\n"
	"  --dry-run         validate and print, write nothing\n"
	"  -d DIR            data directory (default $OKIENKO_DIR, else .)\n"
	"  -f FORMAT         csv, tsv, json, yaml, table, md (default csv)\n"
	"  --lock-timeout S  wait at most S seconds for other writers (default 30)\n"
	"  -h, --help        this help; --version  the version\n"
	"\nSee capacity-add(1) and okienko-files(5).\n";

enum { OPT_BATCH = OPTS_FIRST_PRIVATE, OPT_FROM, OPT_DRY_RUN, OPT_FIELD };

static const struct option longopts[] = {
	{ "batch", no_argument, NULL, OPT_BATCH },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "date", required_argument, NULL, OPT_FIELD + CAPACITY_DATE },
	{ "service", required_argument, NULL, OPT_FIELD + CAPACITY_SERVICE },
	{ "unit", required_argument, NULL, OPT_FIELD + CAPACITY_UNIT },
	{ "used", required_argument, NULL, OPT_FIELD + CAPACITY_USED },
	{ "total", required_argument, NULL, OPT_FIELD + CAPACITY_TOTAL },
	{ "waiting", required_argument, NULL, OPT_FIELD + CAPACITY_WAITING },
	{ "status", required_argument, NULL, OPT_FIELD + CAPACITY_STATUS },
	{ "source", required_argument, NULL, OPT_FIELD + CAPACITY_SOURCE },
	{ "note", required_argument, NULL, OPT_FIELD + CAPACITY_NOTE },
	OPTS_WRITER_LONG,
	OPTS_COMMON_LONG
};

struct job {
	struct capacity_record *recs;
	size_t n;
	int batch, dry_run;
	enum batch_format from;
};

/* Read and validate every record; report each bad one (at most 20). */
static int collect_batch(struct job *job, const struct capacity_context *ctx, struct diag *d)
{
	struct batch b;
	size_t i, bad = 0;
	int c;

	if (batch_read(&b, STDIN_FILENO, "-", job->from, capacity_columns, d) < 0)
		return -1;
	job->recs = xcalloc(b.n, sizeof *job->recs);
	for (i = 0; i < b.n; i++) {
		struct capacity_origin o = { "-", { 0 }, { 0 } };
		struct capacity_record *r = &job->recs[job->n++];
		capacity_record_init(r);
		for (c = 0; c < CAPACITY_NCOLS; c++) {
			o.line[c] = b.records[i].line[c] ? b.records[i].line[c] : b.records[i].lineno;
			o.col[c] = b.records[i].col[c] ? b.records[i].col[c] : 1;
			if (b.records[i].value[c])
				capacity_record_set(r, (enum capacity_column)c, b.records[i].value[c]);
		}
		if (capacity_validate(r, ctx, &o, d) < 0 && ++bad <= 20)
			diag_print(d);
	}
	batch_release(&b);
	if (bad > 20)
		fprintf(stderr, "%s: %zu more records with errors\n", diag_prog(), bad - 20);
	if (bad)
		return diag_set(d, DIAG_DATA, NULL, 0, 0,
				"%zu of %zu records are invalid; nothing was written", bad, job->n);
	return 0;
}

/* The header of a file that has one must be capacity.csv's. */
static int check_file(struct datadir_lock *lk, struct diag *d)
{
	struct strbuf head = STRBUF_INIT;
	struct csvread *r;
	struct csvread_row *row;
	int rc = datadir_head(lk, 4096, &head, d);

	if (rc == 0) {
		r = csvread_open_buffer(head.buf, head.len, lk->path, 0);
		rc = csvread_next(r, &row, d) == 1
			? capacity_check_header(row->field, row->n, lk->path, row->col, d) : -1;
		csvread_free(r);
	}
	strbuf_release(&head);
	return rc;
}

/* Lock, check the file's header (or write one), append the records in one write. */
static int store(const struct job *job, const struct dirctx *dc, double timeout, struct diag *d)
{
	struct datadir_lock lk;
	struct strbuf buf = STRBUF_INIT;
	const char *fields[CAPACITY_NCOLS];
	int rc = -1, c;
	size_t i;

	if (datadir_lock(&dc->dir, CAPACITY_FILE, timeout, &lk, d) < 0)
		return -1;
	if (lk.repaired)
		diag_warn(lk.path, 0, 0, "removed a torn last record (%lld bytes, saved in %s.torn)",
			  (long long)lk.repaired, CAPACITY_FILE);
	if (lk.size == 0)
		csvwrite_record(&buf, capacity_columns, CAPACITY_NCOLS);
	else if (check_file(&lk, d) < 0)
		goto out;
	for (i = 0; i < job->n; i++) {
		for (c = 0; c < CAPACITY_NCOLS; c++)
			fields[c] = job->recs[i].f[c].buf;
		csvwrite_record(&buf, fields, CAPACITY_NCOLS);
	}
	rc = datadir_append(&lk, buf.buf, buf.len, d);
out:
	datadir_unlock(&lk);
	strbuf_release(&buf);
	return rc;
}

static int print_records(const struct job *job, enum output_format format, struct diag *d)
{
	struct output *out = output_new(stdout, format, capacity_columns, CAPACITY_NCOLS);
	const char *fields[CAPACITY_NCOLS];
	size_t i;
	int c, rc;

	output_set_numeric(out, CAPACITY_USED);
	output_set_numeric(out, CAPACITY_TOTAL);
	output_set_numeric(out, CAPACITY_WAITING);
	for (i = 0; i < job->n; i++) {
		for (c = 0; c < CAPACITY_NCOLS; c++)
			fields[c] = job->recs[i].f[c].buf;
		output_row(out, fields);
	}
	rc = output_finish(out, d);
	output_free(out);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct job job = { NULL, 0, 0, 0, BATCH_CSV };
	struct capacity_record single;
	struct capacity_context ctx;
	int have_service = 0, any_field = 0, c;
	struct dirctx dc;
	struct diag d = DIAG_INIT;
	size_t i;

	opts_init(&o, argv, usage, help);
	capacity_record_init(&single);
	while ((c = getopt_long(argc, argv, OPTS_COMMON_SHORT, longopts, NULL)) != -1) {
		if (c == OPT_BATCH)
			job.batch = 1;
		else if (c == OPT_FROM && batch_format_parse(optarg, &job.from) < 0)
			opts_usage_error(&o, "--from: unknown format '%s' (csv or yaml)", optarg);
		else if (c == OPT_DRY_RUN)
			job.dry_run = 1;
		else if (c >= OPT_FIELD && c < OPT_FIELD + CAPACITY_NCOLS) {
			capacity_record_set(&single, (enum capacity_column)(c - OPT_FIELD), optarg);
			have_service |= c == OPT_FIELD + CAPACITY_SERVICE;
			any_field = 1;
		} else if (c != OPT_FROM)
			opts_common(&o, c, optarg);
	}
	if (optind < argc)
		opts_usage_error(&o, "unexpected operand '%s'", argv[optind]);
	if (job.batch && any_field)
		opts_usage_error(&o, "--batch takes records from standard input, not from field options");
	if (!job.batch && !have_service)
		opts_usage_error(&o, "--service is required");

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) < 0) {
		diag_print(&d);
		capacity_record_release(&single);
		return d.status;
	}
	ctx.services = dc.have_services ? &dc.services : NULL;
	ctx.tz = dc.tz;
	ctx.now = dc.now;
	if (job.batch) {
		c = collect_batch(&job, &ctx, &d);
	} else {
		job.recs = &single;
		job.n = 1;
		c = capacity_validate(&single, &ctx, NULL, &d);
	}
	if (c == 0 && !job.dry_run && job.n)
		c = store(&job, &dc, o.lock_timeout, &d);
	if (c == 0)
		c = print_records(&job, o.format, &d);
	if (c < 0)
		diag_print(&d);
	if (job.batch) {
		for (i = 0; i < job.n; i++)
			capacity_record_release(&job.recs[i]);
		free(job.recs);
	}
	capacity_record_release(&single);
	dirctx_release(&dc);
	return opts_finish(c < 0 ? (int)d.status : DIAG_OK);
}
