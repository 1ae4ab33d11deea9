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

/* Older names of field options, kept working. */
static const struct opts_option aliases[] = {
	OPTS_END
};

static struct opts_option options[OPTS_MAX + 1];
static const struct opts_command command = {
	usage,
	N_("Record a capacity observation in DIR/capacity.csv and print it as stored.\n"),
	options,
	N_("See capacity-add(1) and okienko-files(5).\n")
};

WRITER_RECORD(struct capacity_record, CAPACITY_NCOLS);

struct job {
	struct capacity_record *recs;
	size_t n;
	struct writer_args args;
};

static int check_batch_record(struct strbuf *row, const struct fields_origin *o, void *arg,
			      struct diag *d)
{
	return capacity_validate((struct capacity_record *)row, arg, o, d);
}




static int print_records(const struct job *job, enum output_format format, struct diag *d)
{
	static const size_t numeric[] = { CAPACITY_USED, CAPACITY_TOTAL, CAPACITY_WAITING };
	return writer_print(stdout, format, &capacity_schema, numeric, 3,
			    WRITER_ROWS(job->recs, job->n), job->n, d);
}

int main(int argc, char **argv)
{
	struct opts o;
	struct job job;
	struct capacity_record single;
	struct fields_context ctx;
	int c;
	struct dirctx dc;
	struct diag d = DIAG_INIT;
	size_t i;

	memset(&job, 0, sizeof job);
	writer_options(&capacity_schema, aliases, options);
	opts_start(&o, argv, &command);
	capacity_record_init(&single);
	while ((c = opts_next(&o, argc, argv)) != -1)
		writer_option(&job.args, &o, c, optarg, single.f, CAPACITY_NCOLS);
	writer_check_args(&job.args, &o, argc, argv);
	writer_require(&job.args, &o, &capacity_schema, CAPACITY_SERVICE);

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
		c = writer_read_batch(&capacity_schema, job.args.from, sizeof *job.recs, &recs, &job.n,
				      check_batch_record, &ctx, &d);
		job.recs = recs;
	} else {
		job.recs = &single;
		job.n = 1;
		c = capacity_validate(&single, &ctx, NULL, &d);
	}
	if (c == 0 && !job.args.dry_run && job.n)
		c = writer_store(&dc.dir, &capacity_schema, WRITER_ROWS(job.recs, job.n), job.n,
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
