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
#include "dirctx.h"
#include "i18n.h"
#include "intake.h"
#include "intakefile.h"
#include "opts.h"
#include "referral.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: referral-report [-d DIR] [-f FORMAT] [--as-of DATE] [--since DATE]\n"
	"                       [--until DATE] [--period week|month|quarter|year]\n"
	"                       [--overdue-days N] [--group-by service|organization|need]\n"
	"                       [--min-count K]\n"
	"       referral-report [-d DIR] [-f FORMAT] [--as-of DATE] [--since DATE]\n"
	"                       [--until DATE] [--period week|month|quarter|year]\n"
	"                       [--overdue-days N] --overdue";

static const char help[] = N_(
	"Count what became of the referrals made in a period, per service, or list\n"
	"the referrals still waiting for an outcome.\n"
	"\n"
	"  --as-of DATE      count outcomes recorded up to DATE (default today)\n"
	"  --since DATE, --until DATE   referrals made in these days, both inclusive\n"
	"  --period P        the week, month, quarter or year of --as-of, up to it;\n"
	"                    default: every referral made up to --as-of\n"
	"  --overdue-days N  open for more than N days is overdue (default 7)\n"
	"  --group-by G      service (default), organization or need\n"
	"  --min-count K     print counts below K as <K\n"
	"  --overdue         list the overdue referrals instead\n"
	"  -d DIR            data directory (default $OKIENKO_DIR, else .)\n"
	"  -f FORMAT         csv, tsv, json, yaml, table, md (default csv)\n"
	"  -h, --help        this help; --version  the version\n"
	"\nSee referral-report(1) and okienko-files(5).\n");

enum {
	OPT_AS_OF = OPTS_FIRST_PRIVATE, OPT_SINCE, OPT_UNTIL, OPT_PERIOD, OPT_OVERDUE_DAYS,
	OPT_GROUP_BY, OPT_MIN_COUNT, OPT_OVERDUE
};

static const struct option longopts[] = {
	{ "as-of", required_argument, NULL, OPT_AS_OF },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "period", required_argument, NULL, OPT_PERIOD },
	{ "overdue-days", required_argument, NULL, OPT_OVERDUE_DAYS },
	{ "group-by", required_argument, NULL, OPT_GROUP_BY },
	{ "min-count", required_argument, NULL, OPT_MIN_COUNT },
	{ "overdue", no_argument, NULL, OPT_OVERDUE },
	OPTS_COMMON_LONG
};

enum group_by { BY_SERVICE, BY_ORGANIZATION, BY_NEED };
enum period { PERIOD_NONE, PERIOD_WEEK, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR };

/* --group-by values (the first three are also the column names) and --period values. */
static const char *const group_names[] = { "service", "organization", "need", "organisation", NULL };
static const enum group_by group_of_name[] = { BY_SERVICE, BY_ORGANIZATION, BY_NEED, BY_ORGANIZATION };
static const char *const period_names[] = { "week", "month", "quarter", "year", NULL };

static const char *const summary_columns[] = {
	"", "referrals", "turned_away", "accepted", "done", "no_show", "withdrawn",
	"rejected", "lack_of_capacity", "not_eligible", "unable_to_contact", "client_declined",
	"other_reason", "open", "overdue", "median_days"
};
enum { NSUMMARY = sizeof summary_columns / sizeof *summary_columns };

static const char *const overdue_columns[] = { "intake_id", "service", "referred", "days" };

struct tally {
	unsigned long referrals, outcome[REFERRAL_NOUTCOMES], rejected[REFERRAL_NREASONS];
	unsigned long open, overdue;
	unsigned long turned_away;    /* rows rejected for lack of capacity dated in the period */
	long *days;               /* from the referral to its first outcome */
	size_t ndays, alloc;
};

struct group {
	char *name;
	struct tally t;
};

struct report {
	long as_of, since, until;      /* days; referrals made in [since, until] */
	int have_as_of, have_since, have_until, have_group_by;
	enum period period;
	long overdue_days, min_count;
	enum group_by by;
	int list_overdue;
	const struct services *services;
	const struct referral_table *table;
	struct output *out;            /* --overdue prints as it reads */
	struct group *groups;          /* sorted by name */
	size_t n, alloc;
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
	while ((c = opts_getopt(o, argc, argv, OPTS_COMMON_SHORT, longopts)) != -1) {
		if (c == OPT_AS_OF) {
			rp->as_of = date_arg(o, "--as-of", optarg);
			rp->have_as_of = 1;
		} else if (c == OPT_SINCE) {
			rp->since = date_arg(o, "--since", optarg);
			rp->have_since = 1;
		} else if (c == OPT_UNTIL) {
			rp->until = date_arg(o, "--until", optarg);
			rp->have_until = 1;
		} else if (c == OPT_PERIOD) {
			rp->period = (enum period)(PERIOD_WEEK +
				choice_arg(o, "--period", optarg, period_names, "week, month, quarter or year"));
		} else if (c == OPT_OVERDUE_DAYS) {
			rp->overdue_days = opts_long(o, "--overdue-days", optarg, 0, 36500);
		} else if (c == OPT_GROUP_BY) {
			rp->by = group_of_name[choice_arg(o, "--group-by", optarg, group_names,
							  "service, organization or need")];
			rp->have_group_by = 1;
		} else if (c == OPT_MIN_COUNT) {
			rp->min_count = opts_long(o, "--min-count", optarg, 1, 1000000);
		} else if (c == OPT_OVERDUE) {
			rp->list_overdue = 1;
		} else {
			opts_common(o, c, optarg);
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
	if (rp->have_since && rp->have_until && rp->since > rp->until) {
		civtime_format_date(a, rp->since);
		civtime_format_date(b, rp->until);
		opts_usage_error(o, "--since %s is after --until %s", a, b);
	}
	if (rp->list_overdue && (rp->have_group_by || rp->min_count))
		opts_usage_error(o, "--overdue lists referrals: --group-by and --min-count are for the counts");
}

/* The period's first day: the week, month, quarter or year holding as_of. */
static long period_start(enum period p, long as_of)
{
	int y, m, d;
	civtime_civil_from_days(as_of, &y, &m, &d);
	switch (p) {
	case PERIOD_WEEK:
		return as_of - (civtime_weekday(as_of) - 1);
	case PERIOD_MONTH:
		return civtime_days_from_civil(y, m, 1);
	case PERIOD_QUARTER:
		return civtime_days_from_civil(y, (m - 1) / 3 * 3 + 1, 1);
	default:
		return civtime_days_from_civil(y, 1, 1);
	}
}

static void settle_dates(struct report *rp, const struct dirctx *dc)
{
	int64_t local = dc->now + civtz_offset_at(dc->tz, dc->now);
	if (!rp->have_as_of)
		rp->as_of = (long)((local - (((local % 86400) + 86400) % 86400)) / 86400);
	if (rp->period)
		rp->since = period_start(rp->period, rp->as_of);
	else if (!rp->have_since)
		rp->since = LONG_MIN;
	if (!rp->have_until || rp->until > rp->as_of)
		rp->until = rp->as_of;
}

static struct tally *group_tally(struct report *rp, const char *name, size_t len)
{
	size_t lo = 0, hi = rp->n;
	struct group *g;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *s = rp->groups[mid].name;
		int c = strncmp(s, name, len);
		if (!c && s[len])
			c = 1;
		if (!c)
			return &rp->groups[mid].t;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	XALLOC_GROW(rp->groups, rp->n + 1, rp->alloc);
	memmove(&rp->groups[lo + 1], &rp->groups[lo], (rp->n - lo) * sizeof *rp->groups);
	rp->n++;
	g = &rp->groups[lo];
	memset(g, 0, sizeof *g);
	g->name = xstrndup(name, len);
	return &g->t;
}

/* One referral of intake.csv, as it is counted. */
struct seen {
	const struct referral_state *s;   /* NULL while open */
	long referred, waited;            /* its date; days from it to as_of */
	int in_period;
};

static void tally_one(struct report *rp, struct tally *t, const struct seen *r)
{
	const struct referral_state *s = r->s;
	if (rp->by == BY_NEED && s)
		t->turned_away += s->turned_away;
	if (!r->in_period)
		return;
	t->referrals++;
	if (!s) {
		t->open++;
		t->overdue += r->waited > rp->overdue_days;
		return;
	}
	t->outcome[s->outcome]++;
	if (s->outcome == REFERRAL_REJECTED && s->reason >= 0)
		t->rejected[s->reason]++;
	XALLOC_GROW(t->days, t->ndays + 1, t->alloc);
	t->days[t->ndays++] = s->first - r->referred;
}

static int service_has_need(const struct service *sv, const char *need, size_t len)
{
	size_t i;
	for (i = 0; sv && i < sv->nneeds; i++)
		if (strlen(sv->needs[i]) == len && memcmp(sv->needs[i], need, len) == 0)
			return 1;
	return 0;
}

/*
 * A referral counts for the contact's needs that the service covers; when
 * it covers none of them (or is no longer in services.yaml), for all of them.
 */
static void tally_needs(struct report *rp, const struct csvread_row *row, const struct service *sv,
			const struct seen *r)
{
	const char *p = row->field[INTAKE_NEEDS], *end = p + row->len[INTAKE_NEEDS], *q;
	int pass, counted = 0;
	for (pass = 0; pass < 2 && !counted; pass++) {
		for (q = p; q <= end;) {
			const char *semi = memchr(q, ';', (size_t)(end - q));
			size_t len = (size_t)((semi ? semi : end) - q);
			if (pass == 1 || service_has_need(sv, q, len)) {
				tally_one(rp, group_tally(rp, q, len), r);
				counted = 1;
			}
			q += len + 1;
		}
	}
}

static void list_overdue(struct report *rp, const struct csvread_row *row, const char *service,
			 size_t len, const char *date, const struct seen *r)
{
	char days[24], *svc;
	const char *fields[4];
	if (r->s || !r->in_period || r->waited <= rp->overdue_days)
		return;
	snprintf(days, sizeof days, "%ld", r->waited);
	svc = xstrndup(service, len);
	fields[0] = row->field[INTAKE_ID];
	fields[1] = svc;
	fields[2] = date;
	fields[3] = days;
	output_row(rp->out, fields);
	free(svc);
}

static const struct service *find_service(const struct report *rp, const char *id, size_t len)
{
	const struct service *sv;
	char *name;
	if (!rp->services)
		return NULL;
	name = xstrndup(id, len);
	sv = services_find(rp->services, name);
	free(name);
	return sv;
}

static const char *org_of(const struct report *rp, const char *service, size_t len)
{
	const struct service *sv = find_service(rp, service, len);
	return sv ? sv->org->id : "";
}

static void tally_referral(struct report *rp, const struct csvread_row *row, const char *service,
			   size_t len, const char *date, struct seen *r)
{
	const char *org;
	r->s = referral_table_find(rp->table, row->field[INTAKE_ID], service, len);
	if (rp->list_overdue) {
		list_overdue(rp, row, service, len, date, r);
	} else if (rp->by == BY_NEED) {
		if (r->in_period || (r->s && r->s->turned_away))
			tally_needs(rp, row, find_service(rp, service, len), r);
	} else if (r->in_period && rp->by == BY_SERVICE) {
		tally_one(rp, group_tally(rp, service, len), r);
	} else if (r->in_period) {
		org = org_of(rp, service, len);
		tally_one(rp, group_tally(rp, org, strlen(org)), r);
	}
}

/* Every referral of one contact. */
static int tally_row(struct report *rp, const struct csvread_row *row, const char *file,
		     struct diag *d)
{
	const char *p = row->field[INTAKE_REFERRED_TO], *end = p + row->len[INTAKE_REFERRED_TO];
	char date[16];
	struct seen r;
	int rc;

	if (!row->len[INTAKE_REFERRED_TO])
		return 0;
	snprintf(date, sizeof date, "%.10s", row->field[INTAKE_TS]);
	if ((rc = civtime_parse_date(date, &r.referred)) < 0) {
		diag_set(d, DIAG_DATA, file, row->line[INTAKE_TS], row->col[INTAKE_TS],
			 "invalid time '%s'", row->field[INTAKE_TS]);
		civtime_hint(d, rc, NULL);
		return -1;
	}
	r.in_period = r.referred >= rp->since && r.referred <= rp->until;
	r.waited = rp->as_of - r.referred;
	if (!r.in_period && rp->by != BY_NEED)
		return 0;
	while (p <= end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		size_t len = (size_t)((semi ? semi : end) - p);
		if (len)
			tally_referral(rp, row, p, len, date, &r);
		p += len + 1;
	}
	return 0;
}

/*
 * Rejections for lack of capacity in the period, per service or
 * organization, straight from referrals.csv: the same count as
 * capacity-report's.
 */
static void tally_turned_away(struct report *rp)
{
	size_t i;
	for (i = 0; i < rp->table->n; i++) {
		const struct referral_state *s = &rp->table->v[i];
		const char *name = s->service;
		if (!s->turned_away)
			continue;
		if (rp->by == BY_ORGANIZATION)
			name = org_of(rp, name, strlen(name));
		group_tally(rp, name, strlen(name))->turned_away += s->turned_away;
	}
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

static void format_count(char *buf, size_t size, unsigned long n, long k)
{
	if ((long)n < k)
		snprintf(buf, size, "<%ld", k);
	else
		snprintf(buf, size, "%lu", n);
}

static void format_median(char *buf, size_t size, struct tally *t, long k)
{
	long a, b;
	buf[0] = '\0';
	if (!t->ndays || (long)t->ndays < k)
		return;
	qsort(t->days, t->ndays, sizeof *t->days, cmp_long);
	a = t->days[(t->ndays - 1) / 2];
	b = t->days[t->ndays / 2];
	if ((a + b) % 2 == 0)
		snprintf(buf, size, "%ld", (a + b) / 2);
	else
		snprintf(buf, size, "%.1f", (double)(a + b) / 2);
}

static void print_groups(struct report *rp)
{
	char num[NSUMMARY][24];
	const char *fields[NSUMMARY];
	size_t i;
	int k;

	for (i = 0; i < rp->n; i++) {
		struct tally *t = &rp->groups[i].t;
		unsigned long v[NSUMMARY - 2] = {
			t->referrals, t->turned_away,
			t->outcome[REFERRAL_ACCEPTED], t->outcome[REFERRAL_DONE],
			t->outcome[REFERRAL_NO_SHOW], t->outcome[REFERRAL_WITHDRAWN],
			t->outcome[REFERRAL_REJECTED], t->rejected[REFERRAL_LACK_OF_CAPACITY],
			t->rejected[REFERRAL_NOT_ELIGIBLE],
			t->rejected[REFERRAL_UNABLE_TO_CONTACT], t->rejected[REFERRAL_CLIENT_DECLINED],
			t->rejected[REFERRAL_OTHER], t->open, t->overdue
		};
		fields[0] = rp->groups[i].name;
		for (k = 1; k < NSUMMARY - 1; k++) {
			format_count(num[k], sizeof num[k], v[k - 1], rp->min_count);
			fields[k] = num[k];
		}
		format_median(num[k], sizeof num[k], t, rp->min_count);
		fields[k] = num[k];
		output_row(rp->out, fields);
	}
}

static struct output *open_output(const struct report *rp, enum output_format f)
{
	const char *names[NSUMMARY];
	struct output *out;
	size_t k;

	if (rp->list_overdue) {
		out = output_new(stdout, f, overdue_columns, 4);
		output_set_numeric(out, 3);
		return out;
	}
	memcpy(names, summary_columns, sizeof names);
	names[0] = group_names[rp->by];
	out = output_new(stdout, f, names, NSUMMARY);
	for (k = 1; k < NSUMMARY; k++)
		output_set_numeric(out, k);
	return out;
}

static int run(struct report *rp, const struct dirctx *dc, enum output_format f, struct diag *d)
{
	struct referral_table table;
	struct intakefile *in;
	struct csvread_row *row;
	int rc;

	if (referral_table_load(&table, &dc->dir, rp->since, rp->until, rp->as_of, d) < 0)
		return -1;
	in = intakefile_open(&dc->dir, NULL, d);
	if (!in) {
		referral_table_release(&table);
		return -1;
	}
	rp->table = &table;
	rp->out = open_output(rp, f);
	while ((rc = intakefile_next(in, &row, d)) == 1)
		if (tally_row(rp, row, intakefile_name(in), d) < 0) {
			rc = -1;
			break;
		}
	if (rc == 0 && !rp->list_overdue && rp->by != BY_NEED)
		tally_turned_away(rp);
	if (rc == 0 && !rp->list_overdue)
		print_groups(rp);
	if (rc == 0 && table.torn)
		diag_warn(table.name, table.torn, 0,
			  "skipped an incomplete last record (a write in progress, or a crash)");
	if (rc == 0 && intakefile_torn(in))
		diag_warn(intakefile_name(in), intakefile_torn(in), 0,
			  "skipped an incomplete last record (a write in progress, or a crash)");
	if (rc == 0)
		rc = output_finish(rp->out, d);
	output_free(rp->out);
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
	size_t i;
	int rc = -1;

	opts_init(&o, argv, usage, help);
	memset(&rp, 0, sizeof rp);
	rp.overdue_days = 7;
	parse_options(&rp, &o, argc, argv);
	check_options(&rp, &o, argc, argv);

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) == 0) {
		rp.services = dc.have_services ? &dc.services : NULL;
		settle_dates(&rp, &dc);
		rc = run(&rp, &dc, o.format, &d);
		dirctx_release(&dc);
	}
	if (rc < 0)
		diag_print(&d);
	for (i = 0; i < rp.n; i++) {
		free(rp.groups[i].name);
		free(rp.groups[i].t.days);
	}
	free(rp.groups);
	return opts_finish(rc < 0 ? (int)d.status : DIAG_OK);
}
