#include "outcomes.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "intake.h"
#include "smallcount.h"
#include "strindex.h"
#include "xalloc.h"
#include "banned.h"

const char *const outcomes_columns[] = { "",
					 "referrals",
					 "turned_away",
					 "accepted",
					 "done",
					 "no_show",
					 "withdrawn",
					 "rejected",
					 "lack_of_capacity",
					 "not_eligible",
					 "unable_to_contact",
					 "client_declined",
					 "other_reason",
					 "open",
					 "overdue",
					 "median_days" };
enum { NCOLUMNS = sizeof outcomes_columns / sizeof *outcomes_columns };
const size_t outcomes_ncolumns = NCOLUMNS;

const char *outcomes_group_column(enum outcomes_by by)
{
	static const char *const names[] = { "service", "organization", "need" };
	return names[by];
}

/* Groups by name with their tallies: a block's. */
struct groups {
	struct strindex names;
	struct outcomes_tally *t;
	size_t alloc;
};

static struct outcomes_tally *tally_of(struct strindex *names, struct outcomes_tally **t,
				       size_t *alloc, const char *name, size_t len)
{
	size_t i = strindex_add(names, name, len);
	if (i >= *alloc) {
		size_t old = *alloc;
		*alloc = *alloc ? 2 * *alloc : 16;
		*t = xreallocarray(*t, *alloc, sizeof **t);
		memset(*t + old, 0, (*alloc - old) * sizeof **t);
	}
	return &(*t)[i];
}

static void add_days(struct outcomes_tally *t, const long *days, size_t n)
{
	if (!n)
		return;
	if (t->ndays + n > t->alloc) {
		t->alloc = t->ndays + n > 2 * t->alloc ? t->ndays + n : 2 * t->alloc;
		t->days = xreallocarray(t->days, t->alloc, sizeof *t->days);
	}
	memcpy(t->days + t->ndays, days, n * sizeof *days);
	t->ndays += n;
}

/* A block's results: its groups and its part of the overdue list. */
struct block {
	const struct outcomes *o;
	struct groups g;
	struct strbuf overdue; /* id NUL service NUL date NUL days NUL, ... */
};

/* One referral of intake.csv, as it is counted. */
struct seen {
	const struct referral_state *s; /* NULL while open */
	long referred, waited;          /* its date; days from it to as_of */
	int in_period;
};

static void tally_one(const struct outcomes *o, struct outcomes_tally *t, const struct seen *r)
{
	const struct referral_state *s = r->s;
	long days;
	if (o->by == OUTCOMES_BY_NEED && s)
		t->turned_away += s->turned_away;
	if (!r->in_period)
		return;
	t->referrals++;
	if (!s) {
		t->open++;
		t->overdue += r->waited > o->overdue_days;
		return;
	}
	t->outcome[s->outcome]++;
	if (s->outcome == REFERRAL_REJECTED && s->reason >= 0)
		t->rejected[s->reason]++;
	days = s->first - r->referred;
	add_days(t, &days, 1);
}

static struct outcomes_tally *group(struct block *b, const char *name, size_t len)
{
	return tally_of(&b->g.names, &b->g.t, &b->g.alloc, name, len);
}

static int service_has_need(const struct service *sv, const char *need, size_t len)
{
	size_t i;
	for (i = 0; sv && i < sv->nneeds; i++)
		if (strlen(sv->needs[i]) == len && memcmp(sv->needs[i], need, len) == 0)
			return 1;
	return 0;
}

static const struct service *find_service(const struct outcomes *o, const char *id, size_t len)
{
	const struct service *sv;
	char *name;
	if (!o->services)
		return NULL;
	name = xstrndup(id, len);
	sv = services_find(o->services, name);
	free(name);
	return sv;
}

/*
 * A referral counts for the contact's needs that the service covers; when
 * it covers none of them (or is no longer in services.yaml), for all of them.
 */
static void tally_needs(struct block *b, const struct csvread_row *row, const struct service *sv,
			const struct seen *r)
{
	const char *p = row->field[INTAKE_NEEDS], *end = p + row->len[INTAKE_NEEDS], *q;
	int pass, counted = 0;
	for (pass = 0; pass < 2 && !counted; pass++) {
		for (q = p; q <= end;) {
			const char *semi = memchr(q, ';', (size_t)(end - q));
			size_t len = (size_t)((semi ? semi : end) - q);
			if (pass == 1 || service_has_need(sv, q, len)) {
				tally_one(b->o, group(b, q, len), r);
				counted = 1;
			}
			q += len + 1;
		}
	}
}

static void list_overdue(struct block *b, const struct csvread_row *row, const char *service,
			 size_t len, const char *date, const struct seen *r)
{
	if (r->s || !r->in_period || r->waited <= b->o->overdue_days)
		return;
	strbuf_add(&b->overdue, row->field[INTAKE_ID], row->len[INTAKE_ID] + 1);
	strbuf_add(&b->overdue, service, len);
	strbuf_addch(&b->overdue, '\0');
	strbuf_add(&b->overdue, date, strlen(date) + 1);
	strbuf_addf(&b->overdue, "%ld", r->waited);
	strbuf_addch(&b->overdue, '\0');
}

static void tally_referral(struct block *b, const struct csvread_row *row, const char *service,
			   size_t len, const char *date, struct seen *r)
{
	const struct outcomes *o = b->o;
	r->s = referral_table_find(o->table, row->field[INTAKE_ID], service, len);
	if (o->overdue) {
		list_overdue(b, row, service, len, date, r);
	} else if (o->by == OUTCOMES_BY_NEED) {
		if (r->in_period || (r->s && r->s->turned_away))
			tally_needs(b, row, find_service(o, service, len), r);
	} else if (r->in_period && o->by == OUTCOMES_BY_SERVICE) {
		tally_one(o, group(b, service, len), r);
	} else if (r->in_period) {
		const struct service *sv = find_service(o, service, len);
		const char *org = sv ? sv->org->id : "";
		tally_one(o, group(b, org, strlen(org)), r);
	}
}

/* Every referral of one contact. */
static int read_record(void *worker, void *acc, const struct csvread_row *row, struct diag *d)
{
	struct block *b = acc;
	const struct outcomes *o = b->o;
	const char *p = row->field[INTAKE_REFERRED_TO], *end = p + row->len[INTAKE_REFERRED_TO];
	const char *file = worker;
	char date[16];
	struct seen r;
	int rc;

	if (!row->len[INTAKE_REFERRED_TO])
		return 0;
	snprintf(date, sizeof date, "%.10s", row->field[INTAKE_TS]);
	if ((rc = civtime_parse_date(date, &r.referred)) < 0) {
		if (!row->line)
			return -1; /* said with its position by csvread */
		diag_set(d, DIAG_DATA, file, row->line[INTAKE_TS], row->col[INTAKE_TS],
			 "invalid time '%s'", row->field[INTAKE_TS]);
		civtime_hint(d, rc, NULL);
		return -1;
	}
	r.in_period = r.referred >= o->since && r.referred <= o->until;
	r.waited = o->as_of - r.referred;
	if (!r.in_period && o->by != OUTCOMES_BY_NEED)
		return 0;
	while (p <= end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		size_t len = (size_t)((semi ? semi : end) - p);
		if (len)
			tally_referral(b, row, p, len, date, &r);
		p += len + 1;
	}
	return 0;
}

static void *block_new(void *ctx)
{
	struct block *b = xcalloc(1, sizeof *b);
	b->o = ctx;
	strindex_init(&b->g.names);
	strbuf_init(&b->overdue, 0);
	return b;
}

static void groups_release(struct groups *g)
{
	size_t i;
	for (i = 0; i < g->names.n; i++)
		free(g->t[i].days);
	free(g->t);
	strindex_release(&g->names);
	memset(g, 0, sizeof *g);
}

static void block_reset(void *acc)
{
	struct block *b = acc;
	groups_release(&b->g);
	strindex_init(&b->g.names);
	strbuf_reset(&b->overdue);
}

static void block_free(void *acc)
{
	struct block *b = acc;
	groups_release(&b->g);
	strbuf_release(&b->overdue);
	free(b);
}

static int merge(void *ctx, void *acc, struct diag *d)
{
	struct outcomes *o = ctx;
	struct block *b = acc;
	const char *p = b->overdue.buf, *end = p + b->overdue.len;
	size_t i;
	int k;
	(void)d;

	while (p < end) {
		const char *id = p, *service = id + strlen(id) + 1;
		const char *date = service + strlen(service) + 1;
		const char *days = date + strlen(date) + 1;
		o->overdue(o->overdue_ctx, id, service, date, strtol(days, NULL, 10));
		p = days + strlen(days) + 1;
	}
	for (i = 0; i < b->g.names.n; i++) {
		const struct outcomes_tally *from = &b->g.t[i];
		const char *name = strindex_key(&b->g.names, i);
		struct outcomes_tally *to =
			tally_of(&o->names, &o->groups, &o->alloc, name, strlen(name));
		to->referrals += from->referrals;
		for (k = 0; k < REFERRAL_NOUTCOMES; k++)
			to->outcome[k] += from->outcome[k];
		for (k = 0; k < REFERRAL_NREASONS; k++)
			to->rejected[k] += from->rejected[k];
		to->open += from->open;
		to->overdue += from->overdue;
		to->turned_away += from->turned_away;
		add_days(to, from->days, from->ndays);
	}
	return 0;
}

void outcomes_init(struct outcomes *o)
{
	memset(o, 0, sizeof *o);
	o->overdue_days = 7;
	o->since = LONG_MIN;
	strindex_init(&o->names);
}

/*
 * Rejections for lack of capacity in the period, per service or
 * organization, straight from referrals.csv: the same count as
 * capacity-report's.
 */
static void tally_turned_away(struct outcomes *o)
{
	size_t i;
	for (i = 0; i < o->table->n; i++) {
		const struct referral_state *s = &o->table->v[i];
		const char *name = s->service;
		struct outcomes_tally *t;
		if (!s->turned_away)
			continue;
		if (o->by == OUTCOMES_BY_ORGANIZATION) {
			const struct service *sv = find_service(o, name, strlen(name));
			name = sv ? sv->org->id : "";
		}
		t = tally_of(&o->names, &o->groups, &o->alloc, name, strlen(name));
		t->turned_away += s->turned_away;
	}
}

int outcomes_read(struct outcomes *o, struct intakefile *in, unsigned jobs, struct diag *d)
{
	struct intakefile_ops ops = { .record = read_record,
				      .acc_new = block_new,
				      .acc_reset = block_reset,
				      .merge = merge,
				      .acc_free = block_free,
				      .ctx = o,
				      .jobs = jobs ? jobs : 1 };
	void **workers = xcalloc(ops.jobs, sizeof *workers);
	unsigned i;
	int rc;

	/* the workers share the file's name, for messages */
	for (i = 0; i < ops.jobs; i++)
		workers[i] = (void *)intakefile_name(in);
	ops.worker = workers;
	rc = intakefile_each(in, &ops, d);
	free(workers);
	if (rc == 0 && !o->overdue && o->by != OUTCOMES_BY_NEED)
		tally_turned_away(o);
	return rc;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return x < y ? -1 : x > y;
}

static void format_median(char *buf, size_t size, struct outcomes_tally *t, unsigned long k)
{
	long a, b;
	buf[0] = '\0';
	if (!t->ndays || smallcount_hides(t->ndays, k))
		return;
	qsort(t->days, t->ndays, sizeof *t->days, cmp_long);
	a = t->days[(t->ndays - 1) / 2];
	b = t->days[t->ndays / 2];
	if ((a + b) % 2 == 0)
		snprintf(buf, size, "%ld", (a + b) / 2);
	else
		snprintf(buf, size, "%.1f", (double)(a + b) / 2);
}

struct named {
	const char *name;
	size_t i;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/*
 * A row's counts as min_count lets them out (smallcount.h): rejected adds
 * up its reasons (and the rejections without one), referrals its outcomes
 * and the open ones, so each prints exactly only when none of its parts
 * is hidden.
 */
/* A group's name as the report shows it: a need by its label when asked. */
static const char *group_name(const struct outcomes *o, const char *name)
{
	const struct taxonomy_entry *e;

	if (o->by != OUTCOMES_BY_NEED || !o->need_labels)
		return name;
	e = taxonomy_find(o->need_labels, name);
	return e ? e->label[o->lang] : name;
}

void outcomes_write(struct outcomes *o, struct output *out, unsigned long k)
{
	enum { ACCEPTED = 3, REJECTED = 7, FIRST_REASON = 8, OPEN = 13 };
	char num[NCOLUMNS][SMALLCOUNT_BUF];
	const char *fields[NCOLUMNS];
	struct named *order = xcalloc(o->names.n ? o->names.n : 1, sizeof *order);
	size_t i;
	int c;

	for (i = 0; i < o->names.n; i++) {
		order[i].name = group_name(o, strindex_key(&o->names, i));
		order[i].i = i;
	}
	qsort(order, o->names.n, sizeof *order, by_name);
	for (i = 0; i < o->names.n; i++) {
		struct outcomes_tally *t = &o->groups[order[i].i];
		struct smallcount_total referrals, rejected;
		unsigned long v[NCOLUMNS - 1] = { 0,
						  t->referrals,
						  t->turned_away,
						  t->outcome[REFERRAL_ACCEPTED],
						  t->outcome[REFERRAL_DONE],
						  t->outcome[REFERRAL_NO_SHOW],
						  t->outcome[REFERRAL_WITHDRAWN],
						  t->outcome[REFERRAL_REJECTED],
						  t->rejected[REFERRAL_LACK_OF_CAPACITY],
						  t->rejected[REFERRAL_NOT_ELIGIBLE],
						  t->rejected[REFERRAL_UNABLE_TO_CONTACT],
						  t->rejected[REFERRAL_CLIENT_DECLINED],
						  t->rejected[REFERRAL_OTHER],
						  t->open,
						  t->overdue };
		unsigned long reasons = 0;

		smallcount_total_init(&rejected, k);
		for (c = FIRST_REASON; c < OPEN; c++) {
			smallcount_add(&rejected, v[c]);
			reasons += v[c];
		}
		if (v[REJECTED] > reasons)
			smallcount_add(&rejected, v[REJECTED] - reasons);
		smallcount_total_init(&referrals, k);
		for (c = ACCEPTED; c < REJECTED; c++)
			smallcount_add(&referrals, v[c]);
		smallcount_add_total(&referrals, &rejected);
		smallcount_add(&referrals, v[OPEN]);

		fields[0] = order[i].name;
		for (c = 1; c < NCOLUMNS - 1; c++)
			fields[c] = smallcount_cell(num[c], v[c], k);
		fields[1] = smallcount_total_cell(num[1], &referrals);
		fields[REJECTED] = smallcount_total_cell(num[REJECTED], &rejected);
		format_median(num[c], sizeof num[c], t, k);
		fields[c] = num[c];
		output_row(out, fields);
	}
	free(order);
}

void outcomes_release(struct outcomes *o)
{
	size_t i;
	for (i = 0; i < o->names.n; i++)
		free(o->groups[i].days);
	free(o->groups);
	strindex_release(&o->names);
	memset(o, 0, sizeof *o);
}
