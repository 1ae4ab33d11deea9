/*
 * referral-report: what became of the referrals made at intake, per
 * service, organisation or need, as of a date; or the list of referrals
 * still waiting for an outcome.  intake.csv is read as a stream; only
 * referrals.csv (people-sized) and the groups are kept in memory.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "csvpar.h"
#include "dirctx.h"
#include "i18n.h"
#include "intake.h"
#include "intakefile.h"
#include "opts.h"
#include "outcomes.h"
#include "period.h"
#include "referral.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: referral-report [-d DIR] [-f FORMAT] [--as-of DATE] [--since DATE]\n"
	"                       [--until DATE] [--period week|month|quarter|year]\n"
	"                       [--overdue-days N] [--group-by service|organization|need]\n"
	"                       [--min-count K] [--lang cs|pl|uk|en]\n"
	"       referral-report [-d DIR] [-f FORMAT] [--as-of DATE] [--since DATE]\n"
	"                       [--until DATE] [--period week|month|quarter|year]\n"
	"                       [--overdue-days N] [--lang cs|pl|uk|en] --overdue";

enum {
	OPT_AS_OF = OPTS_FIRST_PRIVATE,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_PERIOD,
	OPT_OVERDUE_DAYS,
	OPT_GROUP_BY,
	OPT_MIN_COUNT,
	OPT_OVERDUE
};

static const struct opts_option options[] = {
	{ "as-of", OPT_AS_OF, "DATE", N_("count outcomes recorded up to DATE (default today)"),
	  NULL, 0 },
	{ "since", OPT_SINCE, "DATE", NULL, "--since DATE", 0 },
	{ "until", OPT_UNTIL, "DATE", N_("referrals made in these days, both inclusive"),
	  "--until DATE", 0 },
	{ "period", OPT_PERIOD, "P",
	  N_("the week, month, quarter or year of --as-of, up to it;\ndefault: every referral made up to --as-of"),
	  NULL, 0 },
	{ "overdue-days", OPT_OVERDUE_DAYS, "N",
	  N_("open for more than N days is overdue (default 7)"), NULL, 0 },
	{ "group-by", OPT_GROUP_BY, "G", N_("service (default), organization or need"), NULL, 0 },
	{ "min-count", OPT_MIN_COUNT, "K", N_("print counts below K as <K"), NULL, 0 },
	{ "overdue", OPT_OVERDUE, NULL, N_("list the overdue referrals instead"), NULL, 0 },
	OPTS_LANG,
	OPTS_DIR,
	OPTS_FORMAT,
	OPTS_HELP,
	OPTS_END
};

static const struct opts_command command = {
	usage,
	N_("Count what became of the referrals made in a period, per service, or list\n"
	   "the referrals still waiting for an outcome.\n"),
	options, N_("See referral-report(1) and okienko-files(5).\n")
};

/* --group-by values and --period values. */
static const char *const group_names[] = { "service", "organization", "need", "organisation",
					   NULL };
static const enum outcomes_by group_of_name[] = { OUTCOMES_BY_SERVICE, OUTCOMES_BY_ORGANIZATION,
						  OUTCOMES_BY_NEED, OUTCOMES_BY_ORGANIZATION };

static const char *const overdue_columns[] = { "intake_id", "service", "referred", "days" };

/* The column names of both reports, as table and md show them in --lang. */
static const struct word {
	const char *context, *msgid;
} column_words[] = {
	NC_("report column", "service"),
	NC_("report column", "organization"),
	NC_("report column", "need"),
	NC_("report column", "referrals"),
	NC_("report column", "turned_away"),
	NC_("report column", "accepted"),
	NC_("report column", "done"),
	NC_("report column", "no_show"),
	NC_("report column", "withdrawn"),
	NC_("report column", "rejected"),
	NC_("report column", "lack_of_capacity"),
	NC_("report column", "not_eligible"),
	NC_("report column", "unable_to_contact"),
	NC_("report column", "client_declined"),
	NC_("report column", "other_reason"),
	NC_("report column", "open"),
	NC_("report column", "overdue"),
	NC_("report column", "median_days"),
	NC_("report column", "intake_id"),
	NC_("report column", "referred"),
	NC_("report column", "days"),
};

/* The header of column name: for people (lang set) its word in lang. */
static const char *header(const char *lang, const char *name)
{
	size_t i;

	for (i = 0; lang && i < sizeof column_words / sizeof *column_words; i++)
		if (!strcmp(column_words[i].msgid, name))
			return i18n_in(lang, column_words[i].context, name);
	return name;
}

/* The options, and the report they ask for. */
struct report {
	struct outcomes o;
	int have_as_of, have_since, have_until, have_group_by;
	enum period period;
	long min_count;
	int list_overdue;
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

static int choice_arg(const struct opts *o, const char *name, const char *arg,
		      const char *const *names, const char *list)
{
	int i;
	for (i = 0; names[i]; i++)
		if (strcmp(arg, names[i]) == 0)
			return i;
	opts_usage_error(o, "%s: unknown value '%s' (%s)", name, arg, list);
}

static void parse_options(struct report *rp, struct opts *o, int argc, char **argv)
{
	int c;
	while ((c = opts_next(o, argc, argv)) != -1) {
		if (c == OPT_AS_OF) {
			rp->o.as_of = date_arg(o, "--as-of", optarg);
			rp->have_as_of = 1;
		} else if (c == OPT_SINCE) {
			rp->o.since = date_arg(o, "--since", optarg);
			rp->have_since = 1;
		} else if (c == OPT_UNTIL) {
			rp->o.until = date_arg(o, "--until", optarg);
			rp->have_until = 1;
		} else if (c == OPT_PERIOD) {
			if (period_parse(optarg, &rp->period) < 0)
				opts_usage_error(o, "%s: unknown value '%s' (%s)", "--period",
						 optarg, period_names());
		} else if (c == OPT_OVERDUE_DAYS) {
			rp->o.overdue_days = opts_long(o, "--overdue-days", optarg, 0, 36500);
		} else if (c == OPT_GROUP_BY) {
			rp->o.by = group_of_name[choice_arg(o, "--group-by", optarg, group_names,
							    "service, organization or need")];
			rp->have_group_by = 1;
		} else if (c == OPT_MIN_COUNT) {
			rp->min_count = opts_long(o, "--min-count", optarg, 1, 1000000);
		} else if (c == OPT_OVERDUE) {
			rp->list_overdue = 1;
		}
	}
}

static void check_options(const struct report *rp, const struct opts *o, int argc, char **argv)
{
	char a[16], b[16];
	if (optind < argc)
		opts_usage_error(o, "unexpected operand '%s'", argv[optind]);
	if (rp->period && (rp->have_since || rp->have_until))
		opts_usage_error(o, "give --period or --since/--until, not both");
	if (rp->have_since && rp->have_until && rp->o.since > rp->o.until) {
		civtime_format_date(a, rp->o.since);
		civtime_format_date(b, rp->o.until);
		opts_usage_error(o, "--since %s is after --until %s", a, b);
	}
	if (rp->list_overdue && (rp->have_group_by || rp->min_count))
		opts_usage_error(
			o,
			"--overdue lists referrals: --group-by and --min-count are for the counts");
}

static void settle_dates(struct report *rp, const struct dirctx *dc)
{
	if (!rp->have_as_of)
		rp->o.as_of = civtime_local_day(dc->tz, dc->now);
	if (rp->period)
		rp->o.since = period_start(rp->period, rp->o.as_of);
	else if (!rp->have_since)
		rp->o.since = LONG_MIN;
	if (!rp->have_until || rp->o.until > rp->o.as_of)
		rp->o.until = rp->o.as_of;
}

static void print_overdue(void *ctx, const char *intake_id, const char *service,
			  const char *referred, long days)
{
	char num[24];
	const char *fields[4];
	snprintf(num, sizeof num, "%ld", days);
	fields[0] = intake_id;
	fields[1] = service;
	fields[2] = referred;
	fields[3] = num;
	output_row(ctx, fields);
}

/* lang: the language of table and md, NULL for the other formats. */
static struct output *open_output(const struct report *rp, enum output_format f, const char *lang)
{
	const char *names[16];
	struct output *out;
	size_t k;

	if (rp->list_overdue) {
		for (k = 0; k < 4; k++)
			names[k] = header(lang, overdue_columns[k]);
		out = output_new(stdout, f, names, 4);
		output_set_numeric(out, 3);
		return out;
	}
	for (k = 0; k < outcomes_ncolumns; k++)
		names[k] = header(lang, k ? outcomes_columns[k] : outcomes_group_column(rp->o.by));
	out = output_new(stdout, f, names, outcomes_ncolumns);
	for (k = 1; k < outcomes_ncolumns; k++)
		output_set_numeric(out, k);
	return out;
}

static int run(struct report *rp, const struct dirctx *dc, enum output_format f, const char *lang,
	       struct diag *d)
{
	struct referral_table table;
	struct intakefile *in;
	struct output *out;
	int rc;

	if (referral_table_load(&table, &dc->dir, rp->o.since, rp->o.until, rp->o.as_of, d) < 0)
		return -1;
	in = intakefile_open(&dc->dir, NULL, d);
	if (!in) {
		referral_table_release(&table);
		return -1;
	}
	if (f != OUTPUT_TABLE && f != OUTPUT_MD)
		lang = NULL;
	else if (taxonomy_lang_parse(lang, &rp->o.lang) == 0)
		rp->o.need_labels = &dc->taxonomy;
	out = open_output(rp, f, lang);
	rp->o.table = &table;
	if (rp->list_overdue) {
		rp->o.overdue = print_overdue;
		rp->o.overdue_ctx = out;
	}
	rc = outcomes_read(&rp->o, in, csvpar_default_jobs(), d);
	if (rc == 0 && !rp->list_overdue)
		outcomes_write(&rp->o, out, (unsigned long)rp->min_count);
	if (rc == 0 && table.torn)
		diag_warn(table.name, table.torn, 0,
			  "skipped an incomplete last record (a write in progress, or a crash)");
	if (rc == 0 && intakefile_torn(in))
		diag_warn(intakefile_name(in), intakefile_torn(in), 0,
			  "skipped an incomplete last record (a write in progress, or a crash)");
	if (rc == 0)
		rc = output_finish(out, d);
	output_free(out);
	intakefile_close(in);
	referral_table_release(&table);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct report rp;
	struct dirctx dc;
	struct diag d = DIAG_INIT;
	int rc = -1;

	opts_start(&o, argv, &command);
	memset(&rp, 0, sizeof rp);
	outcomes_init(&rp.o);
	parse_options(&rp, &o, argc, argv);
	check_options(&rp, &o, argc, argv);

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) == 0) {
		rp.o.services = dc.have_services ? &dc.services : NULL;
		settle_dates(&rp, &dc);
		rc = run(&rp, &dc, o.format, o.lang, &d);
		dirctx_release(&dc);
	}
	if (rc < 0)
		diag_print(&d);
	outcomes_release(&rp.o);
	return opts_finish(rc < 0 ? (int)d.status : DIAG_OK);
}
