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
	{ "intake", WRITER_OPT_FIELD + REFERRAL_INTAKE_ID, "ID", NULL, NULL, OPTS_ALIAS },
	OPTS_END
};

static struct opts_option options[OPTS_MAX + 1];
static const struct opts_command command = {
	usage,
	N_("Record the outcome of a referral in DIR/referrals.csv and print it as stored.\n"),
	options,
	N_("See referral-add(1) and okienko-files(5).\n")
};

struct job {
	struct referral_record *recs;
	struct fields_origin *origins;    /* batch only: where each field was */
	struct diag **err;                  /* batch only: each record's problem, or NULL */
	size_t n, nbad;
	struct writer_args args;
};

static void fail(struct job *job, size_t i, const struct diag *d)
{
	job->err[i] = xmalloc(sizeof *d);
	*job->err[i] = *d;
	job->nbad++;
}

/* The problems in input order, at most 20 of them. */
static int report(const struct job *job, struct diag *d)
{
	size_t i, shown = 0;
	for (i = 0; i < job->n && shown < 20; i++) {
		if (!job->err[i])
			continue;
		diag_print(job->err[i]);
		shown++;
	}
	if (job->nbad > 20)
		diag_printf("%s: %zu more records with errors\n", diag_prog(), job->nbad - 20);
	return diag_set(d, DIAG_DATA, NULL, 0, 0,
			"%zu of %zu records are invalid; nothing was written", job->nbad, job->n);
}

/* Read every record and check its fields on their own. */
static int read_batch(struct job *job, const struct fields_context *ctx, struct diag *d)
{
	struct batch b;
	size_t i;
	int c;

	if (batch_read(&b, STDIN_FILENO, "-", job->args.from, referral_columns, d) < 0)
		return -1;
	job->recs = xcalloc(b.n, sizeof *job->recs);
	job->origins = xcalloc(b.n, sizeof *job->origins);
	job->err = xcalloc(b.n, sizeof *job->err);
	for (i = 0; i < b.n; i++) {
		struct fields_origin *o = &job->origins[i];
		struct referral_record *r = &job->recs[job->n++];
		referral_record_init(r);
		o->file = "-";
		for (c = 0; c < REFERRAL_NCOLS; c++) {
			o->line[c] = b.records[i].line[c] ? b.records[i].line[c] : b.records[i].lineno;
			o->col[c] = b.records[i].col[c] ? b.records[i].col[c] : 1;
			if (b.records[i].value[c])
				referral_record_set(r, (enum referral_column)c, b.records[i].value[c]);
		}
		if (referral_validate(r, ctx, o, d) < 0)
			fail(job, i, d);
	}
	batch_release(&b);
	return 0;
}

/* Look every intake up in one pass over intake.csv. */
static int check_batch(struct job *job, const struct fields_context *ctx,
		       const struct datadir *dir, struct diag *d)
{
	struct referral_lookup l;
	size_t i;
	int rc;

	if (read_batch(job, ctx, d) < 0)
		return -1;
	referral_lookup_init(&l);
	for (i = 0; i < job->n; i++)
		if (!job->err[i])
			referral_lookup_want(&l, job->recs[i].f[REFERRAL_INTAKE_ID].buf);
	rc = referral_lookup_run(&l, dir, d);
	for (i = 0; rc == 0 && i < job->n; i++)
		if (!job->err[i] && referral_check_intake(&job->recs[i], &l, &job->origins[i], d) < 0)
			fail(job, i, d);
	referral_lookup_release(&l);
	if (rc < 0)
		return -1;
	return job->nbad ? report(job, d) : 0;
}

static int check_single(struct referral_record *r, const struct fields_context *ctx,
			const struct datadir *dir, struct diag *d)
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
	return rc;
}


WRITER_RECORD(struct referral_record, REFERRAL_NCOLS);

int main(int argc, char **argv)
{
	struct opts o;
	struct job job;
	struct referral_record single;
	int c;
	struct dirctx dc;
	struct fields_context ctx;
	struct diag d = DIAG_INIT;
	size_t i;

	memset(&job, 0, sizeof job);
	writer_options(&referral_schema, aliases, options);
	opts_start(&o, argv, &command);
	referral_record_init(&single);
	while ((c = opts_next(&o, argc, argv)) != -1)
		writer_option(&job.args, &o, c, optarg, single.f, REFERRAL_NCOLS);
	writer_check_args(&job.args, &o, argc, argv);
	writer_require(&job.args, &o, &referral_schema, REFERRAL_INTAKE_ID);
	writer_require(&job.args, &o, &referral_schema, REFERRAL_SERVICE);
	writer_require(&job.args, &o, &referral_schema, REFERRAL_OUTCOME);

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) < 0) {
		diag_print(&d);
		referral_record_release(&single);
		return d.status;
	}
	ctx.services = dc.have_services ? &dc.services : NULL;
	ctx.tz = dc.tz;
	ctx.now = dc.now;
	if (job.args.batch) {
		c = check_batch(&job, &ctx, &dc.dir, &d);
	} else {
		job.recs = &single;
		job.n = 1;
		c = check_single(&single, &ctx, &dc.dir, &d);
	}
	if (c == 0 && !job.args.dry_run && job.n)
		c = writer_store(&dc.dir, &referral_schema, WRITER_ROWS(job.recs, job.n), job.n,
				 o.lock_timeout, NULL, NULL, &d);
	if (c == 0)
		c = writer_print(stdout, o.format, &referral_schema, NULL, 0,
				 WRITER_ROWS(job.recs, job.n), job.n, &d);
	if (c < 0)
		diag_print(&d);
	if (job.args.batch) {
		for (i = 0; i < job.n; i++) {
			referral_record_release(&job.recs[i]);
			free(job.err[i]);
		}
		free(job.recs);
		free(job.origins);
		free(job.err);
	}
	referral_record_release(&single);
	dirctx_release(&dc);
	return opts_finish(c < 0 ? (int)d.status : DIAG_OK);
}
