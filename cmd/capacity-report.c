/*
 * capacity-report: per service of services.yaml, the latest capacity
 * observation as of a date, with utilisation, free places, change, flags
 * and the referrals of a period (intake.csv streamed, referrals.csv);
 * --alert makes the exit status say whether anything is full or stale.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capacity.h"
#include "csvpar.h"
#include "dirctx.h"
#include "htmlreport.h"
#include "i18n.h"
#include "intakefile.h"
#include "opts.h"
#include "period.h"
#include "referral.h"
#include "report_text.h"
#include "xalloc.h"
#include "banned.h"

enum {
	OPT_AS_OF = OPTS_FIRST_PRIVATE,
	OPT_STALE_DAYS,
	OPT_PERIOD,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_GROUP_BY,
	OPT_MIN_COUNT,
	OPT_ALERT
};

static const struct opts_option options[] = {
	{ "as-of", OPT_AS_OF, "DATE",
	  N_("the latest observations on or before DATE (default today)"), NULL, 0 },
	{ "stale-days", OPT_STALE_DAYS, "N",
	  N_("an observation older than N days is stale (default 14)"), NULL, 0 },
	{ "period", OPT_PERIOD, "P",
	  N_("count referrals in the ISO week (the default), month,\nquarter or year of --as-of, up to --as-of"),
	  NULL, 0 },
	{ "since", OPT_SINCE, "DATE", NULL, "--since DATE", 0 },
	{ "until", OPT_UNTIL, "DATE",
	  N_("count referrals in these days instead (--until: --as-of)"), "--until DATE", 0 },
	{ "group-by", OPT_GROUP_BY, "G",
	  N_("service (default), organization, or need (a row for\neach need of a service)"), NULL,
	  0 },
	OPTS_LANG,
	{ "min-count", OPT_MIN_COUNT, "K", N_("referral counts below K print as <K"), NULL, 0 },
	{ "alert", OPT_ALERT, NULL, N_("exit 1 when a service is full or stale"), NULL, 0 },
	OPTS_DIR,
	{ "format", 'f', "FORMAT",
	  N_("csv, tsv, json, yaml, table, md, or html: a web page with\ncharts of the last 12 weeks (default csv)"),
	  "-f FORMAT", OPTS_OWN },
	OPTS_HELP,
	OPTS_END
};

static const struct opts_command command = {
	"usage: capacity-report [-d DIR] [-f FORMAT] [--as-of DATE] [--stale-days N]\n"
	"                       [--period week|month|quarter|year |\n"
	"                        --since DATE [--until DATE]]\n"
	"                       [--group-by service|organization|need] [--lang cs|pl|uk|en]\n"
	"                       [--min-count K] [--alert]",
	N_("Report each service's capacity as of a date, with flags and referrals.\n"), options,
	N_("See capacity-report(1) and okienko-files(5).\n")
};

struct job {
	const char *as_of, *since, *until;
	long stale_days;
	enum period period;
	int alert, html;
	struct report_view view;
};

static long date_arg(const struct opts *o, const char *name, const char *arg)
{
	long days;
	int rc = civtime_parse_date(arg, &days);
	opts_date_range(o, rc, name, arg);
	if (rc < 0)
		opts_usage_error(o, "%s: invalid date '%s' (use 2026-11-23)", name, arg);
	return days;
}

static void option(struct job *job, const struct opts *o, int c, const char *arg)
{
	switch (c) {
	case OPT_AS_OF:
		date_arg(o, "--as-of", arg);
		job->as_of = arg;
		break;
	case OPT_STALE_DAYS:
		job->stale_days = opts_long(o, "--stale-days", arg, 0, 3650);
		break;
	case OPT_PERIOD:
		if (period_parse(arg, &job->period) < 0)
			opts_usage_error(o, "%s: unknown value '%s' (%s)", "--period", arg,
					 period_names());
		break;
	case OPT_SINCE:
		date_arg(o, "--since", arg);
		job->since = arg;
		break;
	case OPT_UNTIL:
		date_arg(o, "--until", arg);
		job->until = arg;
		break;
	case OPT_GROUP_BY:
		if (!strcmp(arg, "service"))
			job->view.group = REPORT_GROUP_NONE;
		else if (!strcmp(arg, "organization") || !strcmp(arg, "organisation"))
			job->view.group = REPORT_GROUP_ORGANIZATION;
		else if (!strcmp(arg, "need"))
			job->view.group = REPORT_GROUP_NEED;
		else
			opts_usage_error(o, "%s: unknown value '%s' (%s)", "--group-by", arg,
					 "service, organization or need");
		break;
	case OPT_MIN_COUNT:
		job->view.min_count = (unsigned long)opts_long(o, "--min-count", arg, 1, 1000000);
		break;
	case OPT_ALERT:
		job->alert = 1;
		break;
	}
}

/* -f: the formats of every command, and html. */
static void format(struct job *job, struct opts *o, const char *arg)
{
	job->html = strcmp(arg, "html") == 0;
	if (!job->html && output_format_parse(arg, &o->format) < 0)
		opts_usage_error(o, "unknown format '%s' (choose from %s, html)", arg,
				 output_format_names());
}

/* The referral period: --since/--until, else the --period (a week) of as_of up to it. */
static int period(const struct job *job, long as_of, long *since, long *until, struct diag *d)
{
	*until = as_of;
	if (job->until)
		civtime_parse_date(job->until, until);
	if (job->since) {
		civtime_parse_date(job->since, since);
		if (*since > *until)
			/* TRANSLATORS: "--since DATE is after --until DATE", or
			   "... --as-of DATE", or "... --as-of (today)" */
			return diag_set(d, DIAG_USAGE, NULL, 0, 0, "--since %s is after %s %s",
					job->since, job->until ? "--until" : "--as-of",
					job->until   ? job->until
					: job->as_of ? job->as_of
						     : _("(today)"));
	} else {
		*since = period_start(job->period ? job->period : PERIOD_WEEK, as_of);
	}
	return 0;
}

static void warn_torn(const char *name, long line)
{
	if (line)
		diag_warn(name, line, 0,
			  "skipped an incomplete last record (a write in progress, or a crash)");
}

/* One pass over intake.csv and one over referrals.csv. */
static int count(struct report *r, const struct datadir *dd, struct diag *d)
{
	struct intakefile *in = intakefile_open(dd, NULL, d);
	char *name;
	int fd, rc;

	if (!in)
		return -1;
	rc = report_read_intake(r, in, csvpar_default_jobs(), d);
	if (rc == 0)
		warn_torn(intakefile_name(in), r->intake_torn);
	intakefile_close(in);
	if (rc < 0)
		return -1;
	name = datadir_file(dd, REFERRAL_FILE);
	rc = datadir_open_read(dd, REFERRAL_FILE, &fd, d);
	if (rc == 1) {
		rc = report_read_referrals(r, fd, name, d);
		close(fd);
		if (rc == 0)
			warn_torn(name, r->referrals_torn);
	}
	free(name);
	return rc < 0 ? -1 : 0;
}

/* -f html: the page, with the utilisation of its charts. */
static int write_html(const struct report *r, const struct capacity_history *hist,
		      const struct report_view *v, struct diag *d)
{
	struct htmlreport h;
	int rc;

	htmlreport_init(&h, r);
	rc = htmlreport_utilisation(&h, hist, d);
	if (rc == 0)
		rc = htmlreport_write(&h, v, stdout, d);
	htmlreport_release(&h);
	return rc;
}

static int run(const struct job *job, struct dirctx *dc, struct diag *d)
{
	struct capacity_history h;
	struct report r;
	struct report_view view = job->view;
	long as_of, since, until;
	size_t i;
	int rc;

	if (!dc->have_services) {
		diag_set(d, DIAG_DATA, NULL, 0, 0, "no services.yaml in the data directory '%s'",
			 dc->dir.path);
		diag_hint(d,
			  "the report lists the services of services.yaml; see okienko-files(5)");
		return -1;
	}
	as_of = civtime_local_day(dc->tz, dc->now);
	if (job->as_of)
		civtime_parse_date(job->as_of, &as_of);
	if (period(job, as_of, &since, &until, d) < 0)
		return -1;
	if (job->html) {
		/* one pass over capacity.csv for the table and the charts' weeks */
		long ends[REPORT_WEEKS];
		report_week_ends(until, ends);
		rc = capacity_history_load_at(&h, &dc->dir, as_of, ends, REPORT_WEEKS, d);
	} else {
		rc = capacity_history_load(&h, &dc->dir, as_of, d);
	}
	if (rc == 0) {
		warn_torn(h.name, h.torn);
		report_build(&r, &dc->services, &h, as_of, job->stale_days, since, until);
		for (i = 0; i < r.nunknown; i++)
			diag_warn(h.name, r.unknown[i]->first_line, 0,
				  "'%s' is not a service or organization of services.yaml; left out",
				  r.unknown[i]->id);
		view.taxonomy = &dc->taxonomy;
		if (job->html)
			report_want_weeks(&r);
		rc = count(&r, &dc->dir, d);
		if (rc == 0)
			report_finish(&r);
		if (rc == 0)
			rc = job->html ? write_html(&r, &h, &view, d)
				       : report_write(&r, &view, stdout, d);
		if (rc == 0 && job->alert)
			rc = report_alert(&r);
		report_release(&r);
	}
	capacity_history_release(&h);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct job job;
	struct dirctx dc;
	struct diag d = DIAG_INIT;
	int c, rc = -1;

	opts_start(&o, argv, &command);
	memset(&job, 0, sizeof job);
	job.stale_days = 14;
	while ((c = opts_next(&o, argc, argv)) != -1) {
		if (c == 'f')
			format(&job, &o, optarg);
		else
			option(&job, &o, c, optarg);
	}
	if (optind < argc)
		opts_usage_error(&o, "unexpected operand '%s'", argv[optind]);
	if (job.period && (job.since || job.until))
		opts_usage_error(&o, "give --period or --since/--until, not both");
	if (job.until && !job.since)
		opts_usage_error(&o, "--until needs --since");
	job.view.format = o.format;
	if (taxonomy_lang_parse(o.lang, &job.view.lang) < 0)
		job.view.lang = TAXONOMY_EN;

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) == 0) {
		rc = run(&job, &dc, &d);
		dirctx_release(&dc);
	}
	if (rc < 0)
		diag_print(&d);
	return opts_finish(rc < 0 ? (int)d.status : rc);
}
