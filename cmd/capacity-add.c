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
static const struct opts_option aliases[] = { OPTS_END };

static struct opts_option options[OPTS_MAX + 1];
static const struct opts_command command = {
	usage, N_("Record a capacity observation in DIR/capacity.csv and print it as stored.\n"),
	options, N_("See capacity-add(1) and okienko-files(5).\n")
};

WRITER_RECORD(struct capacity_record, CAPACITY_NCOLS);

static int check_batch_record(struct strbuf *row, const struct fields_origin *o, void *arg,
			      struct diag *d)
{
	return capacity_validate((struct capacity_record *)row, arg, o, d);
}

int main(int argc, char **argv)
{
	static const size_t numeric[] = { CAPACITY_USED, CAPACITY_TOTAL, CAPACITY_WAITING };
	struct opts o;
	struct writer_args args;
	struct writer_batch wb;
	struct capacity_record single;
	struct fields_context ctx;
	int c;
	struct dirctx dc;
	struct diag d = DIAG_INIT;

	memset(&args, 0, sizeof args);
	writer_options(&capacity_schema, aliases, options);
	opts_start(&o, argv, &command);
	capacity_record_init(&single);
	while ((c = opts_next(&o, argc, argv)) != -1)
		writer_option(&args, &o, c, optarg, single.f, CAPACITY_NCOLS);
	writer_check_args(&args, &o, argc, argv);
	writer_require(&args, &o, &capacity_schema, CAPACITY_SERVICE);

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) < 0) {
		diag_print(&d);
		capacity_record_release(&single);
		return d.status;
	}
	ctx.services = dc.have_services ? &dc.services : NULL;
	ctx.tz = dc.tz;
	ctx.now = dc.now;
	writer_batch_init(&wb, &capacity_schema, &dc.dir);
	if (args.batch)
		c = writer_batch_read(&wb, args.from, check_batch_record, &ctx, &d);
	else if ((c = capacity_validate(&single, &ctx, NULL, &d)) == 0)
		c = writer_batch_keep(&wb, single.f, NULL, &d);
	if (c == 0)
		c = writer_batch_checked(&wb, &d);
	if (c == 0 && !args.dry_run && wb.n)
		c = writer_batch_store(&wb, o.lock_timeout, NULL, NULL, NULL, &d);
	if (c == 0)
		c = writer_batch_print(&wb, stdout, o.format, numeric, 3, NULL, NULL, &d);
	if (c < 0)
		diag_print(&d);
	writer_batch_release(&wb);
	capacity_record_release(&single);
	dirctx_release(&dc);
	return opts_finish(c < 0 ? (int)d.status : DIAG_OK);
}
