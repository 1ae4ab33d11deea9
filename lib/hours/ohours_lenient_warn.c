/*
 * ohours_lenient_warn: the warnings of the reference about forms
 * ohours_parse reads as they are ("8-12", "9:00-9:30", "Mo-Fr: 08:00"),
 * from the selectors ohours_lenient.c cuts.
 */
#include <stddef.h>

#include "ohours_lenient.h"
#include "ohours_lenient_sel.h"

#include "banned.h"

static void warn_hour(const struct rtok *t, struct ohours_lenient *lw)
{
	ohours_lenient_warn(lw, t->col,
			    "the hour '%ld' could be %ld or %ld: write '%02ld' or '%ld'", t->num,
			    t->num, t->num + 12, t->num, t->num + 12);
}

/* An hour of one digit before noon without am or pm ("9:00"), at the end
   of a time range, could be either; its start only where the end is one
   too or has "pm" ("4-10pm"), as the reference warns.  start may be
   (size_t)-1: a variable time. */
static void ambiguous_hours(const struct rrule *r, size_t start, size_t end,
			    struct ohours_lenient *lw)
{
	const struct rtok *e = &r->t[end];
	int end_ambiguous = e->single && !e->meridian && e->num < 12;

	if (start != (size_t)-1) {
		const struct rtok *s = &r->t[start];
		if (s->single && !s->meridian && s->num < 12 &&
		    (end_ambiguous || e->meridian == 'p'))
			warn_hour(s, lw);
	}
	if (end_ambiguous)
		warn_hour(e, lw);
}

/* hh:mm at at */
static int clock_at(const struct rrule *r, size_t at)
{
	return at_is(r, at, RT_NUMBER) && at_is(r, at + 1, RT_TIMESEP) &&
	       at_is(r, at + 2, RT_NUMBER);
}

/* The times of tokens [s, e] of r: hours without minutes ("8-12"), hours
   that could be before or after noon, a ',' that ends the rule. */
static void time_warnings(const struct rrule *r, size_t s, size_t e, struct ohours_lenient *lw)
{
	size_t k;

	for (k = s; k <= e; k++) {
		const struct rtok *t = &r->t[k];
		if (t->type == RT_NUMBER && k + 2 <= e && at_char(r, k + 1, '-') &&
		    at_is(r, k + 2, RT_NUMBER) && !at_is(r, k + 3, RT_TIMESEP) &&
		    !(k > s && at_is(r, k - 1, RT_TIMESEP))) {
			ambiguous_hours(r, k, k + 2, lw);
			ohours_lenient_warn(
				lw, t->col,
				"hours without minutes: '%ld-%ld' read as '%02ld:00-%02ld:00'",
				t->num, r->t[k + 2].num, t->num, r->t[k + 2].num);
		}
		/* a time range that ends at hh:mm: "9:00-9:30", "sunrise-9:00" */
		if (is_char(t, '-') && k + 3 <= e && clock_at(r, k + 1)) {
			if (k >= s + 3 && clock_at(r, k - 3))
				ambiguous_hours(r, k - 3, k + 1, lw);
			else if (k > s && (at_is(r, k - 1, RT_TIMEVAR) || at_char(r, k - 1, ')')))
				ambiguous_hours(r, (size_t)-1, k + 1, lw);
		}
	}
	if (e + 1 == r->n && is_char(&r->t[e], ','))
		ohours_lenient_warn(lw, r->t[e].col, "',' at the end left out");
}

/* year, month, week and holiday select days of the year, the others the
   hours of a day: the reference's wide and small selectors */
static int wide(enum sel t)
{
	return t == PS_YEAR || t == PS_MONTH || t == PS_WEEK || t == PS_HOLIDAY;
}

/* What moves or repeats nothing: "+0 days", "(dawn+00:00)", a period of 1
   of years ("2028-2030/1") or days ("Jun 02-20/1"). */
static void nothing_warnings(const struct rrule *r, const struct piece *p,
			     struct ohours_lenient *lw)
{
	size_t k;

	for (k = p->s; k <= p->e; k++) {
		const struct rtok *t = &r->t[k];
		if ((is_char(t, '+') || is_char(t, '-')) && at_is(r, k + 1, RT_NUMBER) &&
		    r->t[k + 1].num == 0 && at_is(r, k + 2, RT_CALCDAY))
			ohours_lenient_warn(lw, t->col, "'%s0 days' moves no day: leave it out",
					    t->text);
		if ((is_char(t, '+') || is_char(t, '-')) && k >= 2 && at_char(r, k - 2, '(') &&
		    at_is(r, k - 1, RT_TIMEVAR) && clock_at(r, k + 1) && r->t[k + 1].num == 0 &&
		    r->t[k + 3].num == 0)
			ohours_lenient_warn(lw, t->col, "'%s00:00' moves no time: leave it out",
					    t->text);
		if (!is_char(t, '/') || !at_is(r, k + 1, RT_NUMBER) || r->t[k + 1].num != 1)
			continue;
		/* two calls, not a choice of strings: both are messages to translate */
		if (p->type == PS_YEAR)
			ohours_lenient_warn(lw, t->col,
					    "'/1' is every year: leave it out (for every year from "
					    "one on, write '2026+')");
		else if (p->type == PS_MONTH)
			ohours_lenient_warn(lw, t->col, "'/1' is every day: leave it out");
	}
}

/* Their times, what moves or repeats nothing, and a ':' after one that the
   reference leaves out (after a holiday, or between two selectors of days
   of the year or of hours of a day). */
void ohours_selector_warnings(const struct rrule *r, const struct piece *pc, size_t np,
			      struct ohours_lenient *lw)
{
	size_t j;

	for (j = 0; j < np; j++) {
		const struct rtok *last = &r->t[pc[j].e];
		if (pc[j].type == PS_TIME)
			time_warnings(r, pc[j].s, pc[j].e, lw);
		nothing_warnings(r, &pc[j], lw);
		if (last->type != RT_TIMESEP || pc[j].type == PS_TIME || j + 1 == np)
			continue;
		if (pc[j].e > pc[j].s && r->t[pc[j].e - 1].type == RT_HOLIDAY)
			ohours_lenient_warn(lw, last->col, "no ':' after a holiday: left out");
		if (wide(pc[j].type) == wide(pc[j + 1].type))
			ohours_lenient_warn(lw, last->col,
					    "':' between these selectors left out: it belongs after "
					    "the days of the year, before the weekdays or times");
	}
}
