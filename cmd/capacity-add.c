/*
 * capacity-add: record capacity observations in capacity.csv, one from
 * options or many from CSV/YAML on standard input (all or nothing, as
 * minutes-parse --capacity writes them), and print them as stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capacity.h"
#include "dirctx.h"
#include "i18n.h"
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

static const char help[] = N_(
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
	"\nSee capacity-add(1) and okienko-files(5).\n");

static const struct option longopts[] = {
	WRITER_LONG,
	{ "date", required_argument, NULL, WRITER_OPT_FIELD + CAPACITY_DATE },
	{ "service", required_argument, NULL, WRITER_OPT_FIELD + CAPACITY_SERVICE },
	{ "unit", required_argument, NULL, WRITER_OPT_FIELD + CAPACITY_UNIT },
	{ "used", required_argument, NULL, WRITER_OPT_FIELD + CAPACITY_USED },
	{ "total", required_argument, NULL, WRITER_OPT_FIELD + CAPACITY_TOTAL },
	{ "waiting", required_argument, NULL, WRITER_OPT_FIELD + CAPACITY_WAITING },
	{ "status", required_argument, NULL, WRITER_OPT_FIELD + CAPACITY_STATUS },
	{ "source", required_argument, NULL, WRITER_OPT_FIELD + CAPACITY_SOURCE },
	{ "note", required_argument, NULL, WRITER_OPT_FIELD + CAPACITY_NOTE },
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
	struct writer_args args;
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
	struct job job;
	struct capacity_record single;
	struct capacity_context ctx;
	int c;
	struct dirctx dc;
	struct diag d = DIAG_INIT;
	size_t i;

	memset(&job, 0, sizeof job);
	opts_init(&o, argv, usage, help);
	capacity_record_init(&single);
	while ((c = opts_getopt(&o, argc, argv, OPTS_COMMON_SHORT, longopts)) != -1)
		writer_option(&job.args, &o, c, optarg, single.f, CAPACITY_NCOLS);
	writer_check_args(&job.args, &o, argc, argv);
	writer_require(&job.args, &o, CAPACITY_SERVICE, "--service");

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) < 0) {
		diag_print(&d);
		capacity_record_release(&single);
		return d.status;
	}
	ctx.services = dc.have_services ? &dc.services : NULL;
	ctx.tz = dc.tz;
	ctx.now = dc.now;
	if (job.args.batch) {
		void *recs;
		c = writer_read_batch(&capacity_file, job.args.from, sizeof *job.recs, &recs, &job.n,
				      check_batch_record, &ctx, &d);
		job.recs = recs;
	} else {
		job.recs = &single;
		job.n = 1;
		c = capacity_validate(&single, &ctx, NULL, &d);
	}
	if (c == 0 && !job.args.dry_run && job.n)
		c = writer_store(&dc.dir, &capacity_file, WRITER_ROWS(job.recs, job.n), job.n,
				 o.lock_timeout, NULL, NULL, &d);
	if (c == 0)
		c = print_records(&job, o.format, &d);
	if (c < 0)
		diag_print(&d);
	if (job.args.batch) {
		for (i = 0; i < job.n; i++)
			capacity_record_release(&job.recs[i]);
		free(job.recs);
	}
	capacity_record_release(&single);
	dirctx_release(&dc);
	return opts_finish(c < 0 ? (int)d.status : DIAG_OK);
}
