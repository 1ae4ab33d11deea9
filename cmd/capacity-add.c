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
#include "dirctx.h"
#include "opts.h"
#include "writer.h"
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

WRITER_RECORD(struct capacity_record, CAPACITY_NCOLS);
static const struct writer_file capacity_file = {
	CAPACITY_FILE, capacity_columns, CAPACITY_NCOLS, capacity_check_header
};

struct job {
	struct capacity_record *recs;
	size_t n;
	int batch, dry_run;
	enum batch_format from;
};

static int check_batch_record(struct strbuf *row, const long *line, const long *col, void *arg,
			      struct diag *d)
{
	struct capacity_origin o;
	o.file = "-";
	memcpy(o.line, line, sizeof o.line);
	memcpy(o.col, col, sizeof o.col);
	return capacity_validate((struct capacity_record *)row, arg, &o, d);
}




static int print_records(const struct job *job, enum output_format format, struct diag *d)
{
	static const size_t numeric[] = { CAPACITY_USED, CAPACITY_TOTAL, CAPACITY_WAITING };
	return writer_print(stdout, format, &capacity_file, numeric, 3,
			    WRITER_ROWS(job->recs, job->n), job->n, d);
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
		void *recs;
		c = writer_read_batch(&capacity_file, job.from, sizeof *job.recs, &recs, &job.n,
				      check_batch_record, &ctx, &d);
		job.recs = recs;
	} else {
		job.recs = &single;
		job.n = 1;
		c = capacity_validate(&single, &ctx, NULL, &d);
	}
	if (c == 0 && !job.dry_run && job.n)
		c = writer_store(&dc.dir, &capacity_file, WRITER_ROWS(job.recs, job.n), job.n,
				 o.lock_timeout, NULL, NULL, &d);
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
