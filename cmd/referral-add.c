/*
 * referral-add: record what became of referrals made at intake, one from
 * options or many from CSV/YAML on standard input (all or nothing), checked
 * against intake.csv in one streaming pass, and print them as stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dirctx.h"
#include "i18n.h"
#include "opts.h"
#include "referral.h"
#include "writer.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: referral-add [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout SECONDS]\n"
	"                    --intake-id ID --service ID --outcome OUTCOME\n"
	"                    [--reason REASON] [--date DATE] [--note TEXT]\n"
	"       referral-add [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout SECONDS]\n"
	"                    --batch [--from csv|yaml]";

/* Older names of field options, kept working. */
static const struct opts_option aliases[] = {
	{ "intake", WRITER_OPT_FIELD + REFERRAL_INTAKE_ID, "ID", NULL, NULL, OPTS_ALIAS }, OPTS_END
};

static struct opts_option options[OPTS_MAX + 1];
static const struct opts_command command = {
	usage,
	N_("Record the outcome of a referral in DIR/referrals.csv and print it as stored.\n"),
	options, N_("See referral-add(1) and okienko-files(5).\n")
};

static int check_fields(struct strbuf *row, const struct fields_origin *o, void *arg,
			struct diag *d)
{
	return referral_validate((struct referral_record *)row, arg, o, d);
}

static int want_intake(struct strbuf *row, const struct fields_origin *o, void *arg, struct diag *d)
{
	(void)o;
	(void)d;
	referral_lookup_want(arg, row[REFERRAL_INTAKE_ID].buf);
	return 0;
}

static int check_intake(struct strbuf *row, const struct fields_origin *o, void *arg,
			struct diag *d)
{
	return referral_check_intake((struct referral_record *)row, arg, o, d);
}

/*
 * Check each record's fields on their own, then look every intake up in
 * one pass over intake.csv.  The problems of both checks are shown in
 * input order.
 */
static int check_batch(struct writer_batch *wb, enum batch_format from,
		       const struct fields_context *ctx, const struct datadir *dir, struct diag *d)
{
	struct referral_lookup l;
	int rc;

	if (writer_batch_read(wb, from, check_fields, (void *)ctx, d) < 0)
		return -1;
	referral_lookup_init(&l);
	rc = writer_batch_each(wb, want_intake, &l, d);
	if (rc == 0)
		rc = referral_lookup_run(&l, dir, d);
	if (rc == 0)
		rc = writer_batch_recheck(wb, check_intake, &l, d);
	referral_lookup_release(&l);
	return rc < 0 ? -1 : writer_batch_checked(wb, d);
}

static int check_single(struct writer_batch *wb, struct referral_record *r,
			const struct fields_context *ctx, const struct datadir *dir, struct diag *d)
{
	struct referral_lookup l;
	int rc;

	if (referral_validate(r, ctx, NULL, d) < 0)
		return -1;
	referral_lookup_init(&l);
	referral_lookup_want(&l, r->f[REFERRAL_INTAKE_ID].buf);
	rc = referral_lookup_run(&l, dir, d);
	if (rc == 0)
		rc = referral_check_intake(r, &l, NULL, d);
	referral_lookup_release(&l);
	return rc < 0 ? -1 : writer_batch_keep(wb, r->f, NULL, d);
}

WRITER_RECORD(struct referral_record, REFERRAL_NCOLS);

int main(int argc, char **argv)
{
	struct opts o;
	struct writer_args args;
	struct writer_batch wb;
	struct referral_record single;
	int c;
	struct dirctx dc;
	struct fields_context ctx;
	struct diag d = DIAG_INIT;

	memset(&args, 0, sizeof args);
	writer_options(&referral_schema, aliases, options);
	opts_start(&o, argv, &command);
	referral_record_init(&single);
	while ((c = opts_next(&o, argc, argv)) != -1)
		writer_option(&args, &o, c, optarg, single.f, REFERRAL_NCOLS);
	writer_check_args(&args, &o, argc, argv);
	writer_require(&args, &o, &referral_schema, REFERRAL_INTAKE_ID);
	writer_require(&args, &o, &referral_schema, REFERRAL_SERVICE);
	writer_require(&args, &o, &referral_schema, REFERRAL_OUTCOME);

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) < 0) {
		diag_print(&d);
		referral_record_release(&single);
		return d.status;
	}
	ctx.services = dc.have_services ? &dc.services : NULL;
	ctx.tz = dc.tz;
	ctx.now = dc.now;
	writer_batch_init(&wb, &referral_schema, &dc.dir);
	if (args.batch)
		c = check_batch(&wb, args.from, &ctx, &dc.dir, &d);
	else
		c = check_single(&wb, &single, &ctx, &dc.dir, &d);
	if (c == 0 && !args.dry_run && wb.n)
		c = writer_batch_store(&wb, o.lock_timeout, NULL, NULL, NULL, &d);
	if (c == 0)
		c = writer_batch_print(&wb, stdout, o.format, NULL, 0, NULL, NULL, &d);
	if (c < 0)
		diag_print(&d);
	writer_batch_release(&wb);
	referral_record_release(&single);
	dirctx_release(&dc);
	return opts_finish(c < 0 ? (int)d.status : DIAG_OK);
}
