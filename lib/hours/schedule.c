#include "schedule.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "hash.h"
#include "ohours_lenient.h"
#include "xalloc.h"
#include "banned.h"

const char *const schedule_state_names[] = { "closed", "open", "unknown" };

const char *const schedule_kind_names[] = { "outside-hours",      "holiday",
					    "overlap-specialist", "overlap-client",
					    "no-interpreter",     "unknown-hours" };

void schedule_hours_init(struct schedule_hours *h, const char *services_file,
			 const struct civtz *tz)
{
	memset(h, 0, sizeof *h);
	h->file = services_file;
	h->tz = tz;
}

static size_t slot_of(const struct schedule_hours *h, const struct service *s)
{
	size_t i = (size_t)(((uintptr_t)s >> 4) * 0x9E3779B97F4A7C15ULL) & (h->alloc - 1);
	while (h->service[i] && h->service[i] != s)
		i = (i + 1) & (h->alloc - 1);
	return i;
}

/* An open-addressing table by service, so that every service of a large
 * services.yaml can be looked up without a quadratic scan. */
static void grow_hours(struct schedule_hours *h)
{
	struct schedule_hours bigger = *h;
	size_t i;
	bigger.alloc = h->alloc ? h->alloc * 2 : 64;
	bigger.service = xcalloc(bigger.alloc, sizeof *bigger.service);
	bigger.hours = xcalloc(bigger.alloc, sizeof *bigger.hours);
	for (i = 0; i < h->alloc; i++)
		if (h->service[i]) {
			size_t k = slot_of(&bigger, h->service[i]);
			bigger.service[k] = h->service[i];
			bigger.hours[k] = h->hours[i];
		}
	free(h->service);
	free(h->hours);
	*h = bigger;
}

int schedule_hours_error(const struct schedule_hours *h, const struct service *s, struct diag *d)
{
	/* the expression's column, counted from where it stands in the file */
	long col = d->col;
	char msg[sizeof d->msg], hint[sizeof d->hint];

	snprintf(msg, sizeof msg, "%s", d->msg);
	snprintf(hint, sizeof hint, "%s", d->hint);
	diag_set(d, DIAG_DATA, h->file, s->hours_line, s->hours_col + (col > 0 ? col - 1 : 0),
		 "hours of '%s': %s", s->id, msg);
	snprintf(d->hint, sizeof d->hint, "%s", hint); /* diag_set cleared it */
	return -1;
}

const struct services_location *schedule_location(const struct service *s)
{
	if (s->location.set)
		return &s->location;
	if (s->org && s->org->location.set)
		return &s->org->location;
	return NULL;
}

int schedule_hours_get(struct schedule_hours *h, const struct service *s, const struct ohours **oh,
		       struct diag *d)
{
	struct ohours *parsed = NULL;
	size_t k;

	if ((h->n + 1) * 2 > h->alloc)
		grow_hours(h);
	k = slot_of(h, s);
	if (h->service[k]) {
		*oh = h->hours[k];
		return 0;
	}
	if (s->hours && ohours_parse_lenient(s->hours, &parsed, NULL, d) < 0)
		return schedule_hours_error(h, s, d);
	if (parsed) {
		const struct services_location *loc = schedule_location(s);
		if (loc)
			ohours_set_place(parsed, loc->lat, loc->lon, h->tz);
		if (ohours_check_context(parsed, schedule_country(s), d) < 0) {
			ohours_free(parsed);
			return schedule_hours_error(h, s, d);
		}
	}
	h->service[k] = s;
	h->hours[k] = parsed;
	h->n++;
	*oh = parsed;
	return 0;
}

void schedule_hours_release(struct schedule_hours *h)
{
	size_t i;
	for (i = 0; i < h->alloc; i++)
		ohours_free(h->hours[i]);
	free(h->service);
	free(h->hours);
	memset(h, 0, sizeof *h);
}

enum holidays_country schedule_country(const struct service *s)
{
	enum holidays_country c = HOLIDAYS_CZ;
	if (s->org && s->org->country)
		holidays_country_parse(s->org->country, &c);
	return c;
}

void schedule_exprs_init(struct schedule_exprs *x)
{
	x->nslots = 64;
	x->n = 0;
	x->loc = NULL;
	x->tz = NULL;
	x->text = xcalloc(x->nslots, sizeof *x->text);
	x->hours = xcalloc(x->nslots, sizeof *x->hours);
}

static size_t hash_text(const char *s)
{
	return (size_t)hash_bytes(s, strlen(s));
}

static void exprs_grow(struct schedule_exprs *x)
{
	struct schedule_exprs bigger = *x; /* the place and zone of variable times with it */
	size_t i;
	bigger.nslots = x->nslots * 2;
	bigger.text = xcalloc(bigger.nslots, sizeof *bigger.text);
	bigger.hours = xcalloc(bigger.nslots, sizeof *bigger.hours);
	for (i = 0; i < x->nslots; i++) {
		size_t j;
		if (!x->text[i])
			continue;
		j = hash_text(x->text[i]) & (bigger.nslots - 1);
		while (bigger.text[j])
			j = (j + 1) & (bigger.nslots - 1);
		bigger.text[j] = x->text[i];
		bigger.hours[j] = x->hours[i];
	}
	free(x->text);
	free(x->hours);
	*x = bigger;
}

int schedule_exprs_get(struct schedule_exprs *x, const char *expr, const struct ohours **oh,
		       struct diag *d)
{
	size_t i = hash_text(expr) & (x->nslots - 1);
	struct ohours *parsed;

	for (; x->text[i]; i = (i + 1) & (x->nslots - 1))
		if (strcmp(x->text[i], expr) == 0) {
			*oh = x->hours[i];
			return 0;
		}
	if (ohours_parse_lenient(expr, &parsed, NULL, d) < 0)
		return -1;
	if (x->loc)
		ohours_set_place(parsed, x->loc->lat, x->loc->lon, x->tz);
	x->text[i] = xstrdup(expr);
	x->hours[i] = parsed;
	*oh = parsed;
	if (++x->n * 2 > x->nslots)
		exprs_grow(x);
	return 0;
}

void schedule_exprs_release(struct schedule_exprs *x)
{
	size_t i;
	for (i = 0; i < x->nslots; i++) {
		free(x->text[i]);
		ohours_free(x->hours[i]);
	}
	free(x->text);
	free(x->hours);
	memset(x, 0, sizeof *x);
}

struct conflicts {
	struct schedule_conflict *v;
	size_t n, alloc;
};

static struct schedule_conflict *add(struct conflicts *cs, size_t a, size_t b,
				     enum schedule_kind kind)
{
	struct schedule_conflict *c;
	XALLOC_GROW(cs->v, cs->n + 1, cs->alloc);
	c = &cs->v[cs->n++];
	memset(c, 0, sizeof *c);
	c->a = a;
	c->b = b;
	c->kind = kind;
	return c;
}

static long day_of(int64_t local)
{
	return (long)((local >= 0 ? local : local - 86399) / 86400);
}

static int year_of(int64_t local)
{
	int y, m, d;
	civtime_civil_from_days(day_of(local), &y, &m, &d);
	return y;
}

/* Outside the hours or on a holiday: one conflict at most per appointment. */
static int check_hours(const struct appointments *a, size_t i, struct schedule_hours *h,
		       struct conflicts *cs, struct diag *d)
{
	const struct appointment *ap = &a->items[i];
	const struct ohours *oh;
	enum holidays_country c = schedule_country(ap->service);
	const char *holiday;
	struct ohours_answer ans;
	int64_t closed = 0;
	int found = 0, y = year_of(ap->start);

	if (y < HOLIDAYS_FIRST_YEAR || y > HOLIDAYS_LAST_YEAR) {
		/* no holiday data: "no conflict" would be a guess */
		diag_set(d, DIAG_DATA, a->name, ap->line, 1,
			 "appointment '%s': public holidays are known from %d to %d only",
			 ap->field[APPT_ID], HOLIDAYS_FIRST_YEAR, HOLIDAYS_LAST_YEAR);
		return -1;
	}
	holiday = holidays_name(c, day_of(ap->start));
	if (schedule_hours_get(h, ap->service, &oh, d) < 0)
		return -1;
	if (oh) {
		int64_t next, after;
		if (ohours_check_time(oh, ap->start, d) < 0) {
			char msg[sizeof d->msg];
			snprintf(msg, sizeof msg, "%s", d->msg);
			diag_set(d, DIAG_DATA, a->name, ap->line, 1, "appointment '%s': %s",
				 ap->field[APPT_ID], msg);
			return -1;
		}
		/* the first time in [start, end) that cannot be booked */
		for (next = ap->start; next != OHOURS_NONE && next < ap->end; next = after) {
			after = ohours_eval_next_tz(oh, c, h->tz, next, &ans);
			if (ohours_answer_check(oh, c, &ans, d) < 0) {
				char msg[sizeof d->msg];
				snprintf(msg, sizeof msg, "%s", d->msg);
				diag_set(d, DIAG_DATA, a->name, ap->line, 1, "appointment '%s': %s",
					 ap->field[APPT_ID], msg);
				return -1;
			}
			if (!ans.open && !(h->unknown_open && ans.unknown)) {
				closed = next;
				found = 1;
				break;
			}
		}
	}
	if (holiday && (!oh || found)) {
		add(cs, i, i, SCHEDULE_HOLIDAY)->holiday = holiday;
	} else if (found) {
		struct schedule_conflict *k =
			add(cs, i, i,
			    ans.unknown ? SCHEDULE_UNKNOWN_HOURS : SCHEDULE_OUTSIDE_HOURS);
		k->when = closed;
		k->comment = ans.comment;
	}
	return 0;
}

static int speaks(const struct service *s, const char *language)
{
	size_t i;
	for (i = 0; i < s->nlanguages; i++)
		if (strcmp(s->languages[i], language) == 0)
			return 1;
	return 0;
}

static const struct appointments *sort_appts;
static int sort_column;

/* By the person (specialist or client), then start, then place. */
static int by_person(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	const struct appointment *a = &sort_appts->items[i];
	const struct appointment *b = &sort_appts->items[j];
	int r = strcmp(a->field[sort_column], b->field[sort_column]);
	if (r)
		return r;
	if (a->start != b->start)
		return (a->start > b->start) - (a->start < b->start);
	return (i > j) - (i < j);
}

/*
 * A sweep over one person's bookings in start order: the appointments that
 * overlap idx[i] and start after it (or with it, later in the file) are
 * idx[i+1 .. k), k the first start at or after idx[i]'s end, found by
 * binary search, so the time is O(n log n) plus the rows shown.
 */
static void check_overlaps(const struct appointments *a, int column, enum schedule_kind kind,
			   struct conflicts *cs)
{
	size_t *idx = xcalloc(a->n + 1, sizeof *idx), n = 0, i, j, group_end = 0;

	for (i = 0; i < a->n; i++)
		if (a->items[i].booked && a->items[i].field[column][0])
			idx[n++] = i;
	sort_appts = a;
	sort_column = column;
	qsort(idx, n, sizeof *idx, by_person);
	for (i = 0; i < n; i++) {
		const struct appointment *x = &a->items[idx[i]];
		size_t lo, hi, k;
		if (i >= group_end)
			for (group_end = i + 1;
			     group_end < n &&
			     strcmp(a->items[idx[group_end]].field[column], x->field[column]) == 0;
			     group_end++)
				;
		for (lo = i + 1, hi = group_end; lo < hi;) {
			size_t mid = lo + (hi - lo) / 2;
			if (a->items[idx[mid]].start < x->end)
				lo = mid + 1;
			else
				hi = mid;
		}
		k = lo;
		for (j = i + 1; j < k && j <= i + SCHEDULE_OVERLAPS_SHOWN; j++)
			add(cs, idx[i], idx[j], kind)->when = a->items[idx[j]].start;
		if (k - (i + 1) > SCHEDULE_OVERLAPS_SHOWN)
			add(cs, idx[i], idx[i], kind)->more = k - (i + 1) - SCHEDULE_OVERLAPS_SHOWN;
	}
	free(idx);
}

static int by_place(const void *x, const void *y)
{
	const struct schedule_conflict *a = x, *b = y;
	if (a->a != b->a)
		return (a->a > b->a) - (a->a < b->a);
	if (a->kind != b->kind)
		return (a->kind > b->kind) - (a->kind < b->kind);
	if ((a->more > 0) != (b->more > 0))
		return a->more > 0 ? 1 : -1;
	return (a->b > b->b) - (a->b < b->b);
}

long schedule_conflicts(const struct appointments *a, struct schedule_hours *h,
			struct schedule_conflict **out, struct diag *d)
{
	struct conflicts cs = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < a->n; i++) {
		const struct appointment *ap = &a->items[i];
		const char *lang = ap->field[APPT_LANGUAGE];
		if (!ap->booked)
			continue;
		if (check_hours(a, i, h, &cs, d) < 0) {
			free(cs.v);
			return -1;
		}
		if (lang[0] && !speaks(ap->service, lang) && !ap->field[APPT_INTERPRETER][0])
			add(&cs, i, i, SCHEDULE_NO_INTERPRETER);
	}
	check_overlaps(a, APPT_SPECIALIST, SCHEDULE_OVERLAP_SPECIALIST, &cs);
	check_overlaps(a, APPT_CLIENT, SCHEDULE_OVERLAP_CLIENT, &cs);
	if (cs.n)
		qsort(cs.v, cs.n, sizeof *cs.v, by_place);
	*out = cs.v;
	return (long)cs.n;
}

void schedule_conflict_detail(const struct appointments *a, const struct schedule_conflict *c,
			      char *buf, size_t n)
{
	const struct appointment *ap = &a->items[c->a];
	const char *who = c->kind == SCHEDULE_OVERLAP_SPECIALIST ? "specialist" : "client";
	int column = c->kind == SCHEDULE_OVERLAP_SPECIALIST ? APPT_SPECIALIST : APPT_CLIENT;
	char when[CIVTIME_TS_MAX];

	civtime_format_local(when, c->when);
	switch (c->kind) {
	case SCHEDULE_OUTSIDE_HOURS:
		snprintf(buf, n, "'%s' is closed at %s", ap->service->id, when);
		break;
	case SCHEDULE_HOLIDAY:
		snprintf(buf, n, "%s", c->holiday);
		break;
	case SCHEDULE_UNKNOWN_HOURS:
		snprintf(buf, n, "'%s' may or may not be open at %s%s%s", ap->service->id, when,
			 c->comment ? ": " : "", c->comment ? c->comment : "");
		break;
	case SCHEDULE_NO_INTERPRETER:
		snprintf(buf, n, "'%s' does not speak '%s' and no interpreter is booked",
			 ap->service->id, ap->field[APPT_LANGUAGE]);
		break;
	case SCHEDULE_OVERLAP_SPECIALIST:
	case SCHEDULE_OVERLAP_CLIENT:
		if (c->more)
			snprintf(buf, n,
				 "%s '%s': %zu more overlaps with this appointment not listed", who,
				 ap->field[column], c->more);
		else
			snprintf(buf, n, "%s '%s' is booked twice at %s", who, ap->field[column],
				 when);
		break;
	}
}

struct slot_walk {
	int64_t duration, step;
	const struct schedule_busy *busy;
	size_t nbusy;
	void (*cb)(int64_t, int64_t, void *);
	void *arg;
};

static int is_busy(const struct slot_walk *w, int64_t start, int64_t end)
{
	size_t i;
	for (i = 0; i < w->nbusy; i++)
		if (w->busy[i].start < end && start < w->busy[i].end)
			return 1;
	return 0;
}

static void slots_in(int64_t start, int64_t end, void *arg)
{
	const struct slot_walk *w = arg;
	int64_t t;
	for (t = start; t + w->duration <= end; t += w->step)
		if (!is_busy(w, t, t + w->duration))
			w->cb(t, t + w->duration, w->arg);
}

int schedule_slots(const struct ohours *oh, enum holidays_country c, int64_t day, int64_t duration,
		   int64_t step, int unknown_open, const struct schedule_busy *busy, size_t nbusy,
		   void (*cb)(int64_t start, int64_t end, void *arg), void *arg)
{
	struct slot_walk w = { duration, step, busy, nbusy, cb, arg };
	if (duration > 0 && step > 0)
		return ohours_intervals(oh, c, day, day + 86400, unknown_open, slots_in, &w);
	return 0;
}
