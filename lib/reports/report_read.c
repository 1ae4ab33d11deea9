/*
 * The passes over intake.csv and referrals.csv that fill the report's
 * counts (report.h): one pass over each file for the table and the web
 * page's weeks alike.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "intake.h"
#include "referral.h"
#include "xalloc.h"
#include "banned.h"

/* The week of day, or -1 when it is outside the weeks or after the last day. */
static int week_of(const struct report_weeks *w, long day)
{
	if (day < w->monday[0] || day > w->last)
		return -1;
	return (int)((day - w->monday[0]) / 7);
}

/* The day of a record's ts (its first ten characters), or -1. */
static long ts_day(const char *ts, size_t len)
{
	char date[11];
	long day;
	if (len < 10)
		return -1;
	memcpy(date, ts, 10);
	date[10] = '\0';
	return civtime_parse_date(date, &day) < 0 ? -1 : day;
}

/* A need code's counts in weeks, numbered by codes, growing with them. */
static struct report_need_weeks *need_weeks(struct strindex *codes,
					    struct report_need_weeks **needs, size_t *alloc,
					    const char *code, size_t len)
{
	size_t i = strindex_add(codes, code, len);
	if (i >= *alloc) {
		size_t old = *alloc;
		*alloc = *alloc ? 2 * *alloc : 16;
		*needs = xreallocarray(*needs, *alloc, sizeof **needs);
		memset(*needs + old, 0, (*alloc - old) * sizeof **needs);
	}
	(*needs)[i].code = strindex_key(codes, i);
	return &(*needs)[i];
}

/*
 * intake.csv: a block's counts (csvpar keeps one per block in flight and
 * merges them in file order): referrals per row, contacts per need and
 * week with the block's own numbering of the codes.
 */
struct intake_acc {
	const struct report *r;
	unsigned long *referrals; /* by row */
	struct strindex codes;
	struct report_need_weeks *needs;
	size_t alloc;
	struct strindex pairs; /* "ROW\x1fNEED" of by_need */
	unsigned long *pair_count;
	size_t pair_alloc;
	struct strbuf key;
};

/* The period as the first ten characters of ts compare: "2026-11-16". */
struct intake_period {
	char since[16], until[16], first_week[16];
};

static int covers(const struct report_row *row, const char *need, size_t len)
{
	size_t i;
	for (i = 0; row->service && i < row->service->nneeds; i++)
		if (strlen(row->service->needs[i]) == len &&
		    !memcmp(row->service->needs[i], need, len))
			return 1;
	return 0;
}

static void count_pair(struct intake_acc *a, const struct report_row *row, const char *need,
		       size_t len)
{
	size_t i;
	strbuf_reset(&a->key);
	strbuf_addstr(&a->key, row->id);
	strbuf_addch(&a->key, '\x1f');
	strbuf_add(&a->key, need, len);
	i = strindex_add(&a->pairs, a->key.buf, a->key.len);
	if (i >= a->pair_alloc) {
		size_t old = a->pair_alloc;
		a->pair_alloc = a->pair_alloc ? 2 * a->pair_alloc : 64;
		a->pair_count = xreallocarray(a->pair_count, a->pair_alloc, sizeof *a->pair_count);
		memset(a->pair_count + old, 0, (a->pair_alloc - old) * sizeof *a->pair_count);
	}
	a->pair_count[i]++;
}

/*
 * A referral to row by a contact with these needs counts for the needs the
 * service covers, or for all of them when it covers none (referral-report's
 * rule), so that --group-by need shows where each need was referred.
 */
static void count_by_need(struct intake_acc *a, const struct report_row *row, const char *needs,
			  size_t len)
{
	const char *end = needs + len, *p, *semi;
	int pass, counted = 0;
	for (pass = 0; pass < 2 && !counted; pass++)
		for (p = needs; p < end; p = semi + 1) {
			semi = memchr(p, ';', (size_t)(end - p));
			if (!semi)
				semi = end;
			if (semi > p && (pass || covers(row, p, (size_t)(semi - p)))) {
				count_pair(a, row, p, (size_t)(semi - p));
				counted = 1;
			}
		}
}

static void count_referrals(struct intake_acc *a, const struct csvread_row *rec)
{
	const char *ref = rec->field[INTAKE_REFERRED_TO], *end = ref + rec->len[INTAKE_REFERRED_TO];
	while (ref < end) {
		const char *semi = memchr(ref, ';', (size_t)(end - ref));
		const char *stop = semi ? semi : end;
		const struct report_row *row = report_find(a->r, ref, (size_t)(stop - ref));
		if (row) {
			a->referrals[row - a->r->rows]++;
			count_by_need(a, row, rec->field[INTAKE_NEEDS], rec->len[INTAKE_NEEDS]);
		}
		ref = stop + 1;
	}
}

static void count_needs(struct intake_acc *a, int w, const char *needs, size_t len)
{
	const char *end = needs + len;
	while (needs < end) {
		const char *semi = memchr(needs, ';', (size_t)(end - needs));
		const char *stop = semi ? semi : end;
		if (stop > needs) {
			struct report_need_weeks *e = need_weeks(&a->codes, &a->needs, &a->alloc,
								 needs, (size_t)(stop - needs));
			e->n[w]++;
			e->total++;
		}
		needs = stop + 1;
	}
}

static int intake_record(void *worker, void *accp, const struct csvread_row *row, struct diag *d)
{
	const struct intake_period *p = worker;
	struct intake_acc *a = accp;
	const char *ts = row->field[INTAKE_TS];
	size_t tslen = row->len[INTAKE_TS];
	const struct report_weeks *w = a->r->weeks;
	(void)d;

	if (tslen < 10)
		return 0;
	if (memcmp(ts, p->since, 10) >= 0 && memcmp(ts, p->until, 10) <= 0)
		count_referrals(a, row);
	if (w && memcmp(ts, p->first_week, 10) >= 0 && memcmp(ts, p->until, 10) <= 0) {
		int k = week_of(w, ts_day(ts, tslen));
		if (k >= 0)
			count_needs(a, k, row->field[INTAKE_NEEDS], row->len[INTAKE_NEEDS]);
	}
	return 0;
}

static void *intake_acc_new(void *ctx)
{
	struct intake_acc *a = xcalloc(1, sizeof *a);
	a->r = ctx;
	a->referrals = xcalloc(a->r->n ? a->r->n : 1, sizeof *a->referrals);
	strindex_init(&a->codes);
	strindex_init(&a->pairs);
	strbuf_init(&a->key, 0);
	return a;
}

static void intake_acc_reset(void *accp)
{
	struct intake_acc *a = accp;
	memset(a->referrals, 0, (a->r->n ? a->r->n : 1) * sizeof *a->referrals);
	strindex_release(&a->codes);
	strindex_init(&a->codes);
	if (a->alloc)
		memset(a->needs, 0, a->alloc * sizeof *a->needs);
	strindex_release(&a->pairs);
	strindex_init(&a->pairs);
	if (a->pair_alloc)
		memset(a->pair_count, 0, a->pair_alloc * sizeof *a->pair_count);
}

static int intake_merge(void *ctx, void *accp, struct diag *d)
{
	struct report *r = ctx;
	struct intake_acc *a = accp;
	struct report_weeks *w = r->weeks;
	size_t i;
	int k;
	(void)d;

	for (i = 0; i < r->n; i++)
		r->rows[i].referrals += a->referrals[i];
	for (i = 0; i < a->pairs.n; i++) {
		const char *key = strindex_key(&a->pairs, i), *sep = strchr(key, '\x1f');
		char *row = xstrndup(key, (size_t)(sep - key));
		report_add_need_referrals(r, row, sep + 1, strlen(sep + 1), a->pair_count[i]);
		free(row);
	}
	for (i = 0; w && i < a->codes.n; i++) {
		const struct report_need_weeks *from = &a->needs[i];
		struct report_need_weeks *to =
			need_weeks(&w->codes, &w->needs, &w->alloc, from->code, strlen(from->code));
		for (k = 0; k < REPORT_WEEKS; k++)
			to->n[k] += from->n[k];
		to->total += from->total;
	}
	return 0;
}

static void intake_acc_free(void *accp)
{
	struct intake_acc *a = accp;
	free(a->referrals);
	strindex_release(&a->codes);
	free(a->needs);
	strindex_release(&a->pairs);
	free(a->pair_count);
	strbuf_release(&a->key);
	free(a);
}

int report_read_intake(struct report *r, struct intakefile *in, unsigned jobs, struct diag *d)
{
	struct intake_period p;
	void **workers;
	struct intakefile_ops ops = { .record = intake_record,
				      .acc_new = intake_acc_new,
				      .acc_reset = intake_acc_reset,
				      .merge = intake_merge,
				      .acc_free = intake_acc_free,
				      .ctx = r,
				      .jobs = jobs ? jobs : 1 };
	unsigned i;
	int rc;

	civtime_format_date(p.since, r->since);
	civtime_format_date(p.until, r->until);
	civtime_format_date(p.first_week, r->weeks ? r->weeks->monday[0] : r->since);
	/* every thread reads the same period: the workers share it */
	workers = xcalloc(ops.jobs, sizeof *workers);
	for (i = 0; i < ops.jobs; i++)
		workers[i] = &p;
	ops.worker = workers;
	rc = intakefile_each(in, &ops, d);
	free(workers);
	r->intake_torn = intakefile_torn(in);
	return rc;
}

/* referrals.csv: people-sized, read by csvread in one pass. */
static void count_turned_away(void *ctx, long date, const struct csvread_row *row)
{
	struct report *r = ctx;
	struct report_row *hit;
	int w;

	if (r->weeks && (w = week_of(r->weeks, date)) >= 0)
		r->weeks->turned_away[w]++;
	if (date < r->since || date > r->until)
		return;
	hit = report_find(r, row->field[REFERRAL_SERVICE], row->len[REFERRAL_SERVICE]);
	if (hit)
		hit->turned_away++;
}

int report_read_referrals(struct report *r, int fd, const char *name, struct diag *d)
{
	if (r->weeks)
		r->weeks->have_referrals = 1;
	return referral_each_turned_away(fd, name, count_turned_away, r, &r->referrals_torn, d);
}
