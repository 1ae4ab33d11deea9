/*
 * ohours_vtime: times with variable ends ("sunrise-sunset",
 * "(dusk-01:00)-08:00"), evaluated as the reference's time selectors do:
 * the event is looked up for the day being evaluated (suntime.h), and the
 * shape of the selector (wrapping past midnight or not) was decided at
 * parse time from the reference's stand-in times.  Its quirks are kept: a
 * start that falls after a fixed end ("sunrise-07:00" on a winter day) is
 * closed all day, while a variable end not after the start wraps to the
 * next day; the part past midnight of a wrapping time uses the events of
 * the day it is evaluated on, and none when they do not wrap that day.
 */
#include "ohours_rules.h"

#include <stdlib.h>

#include "civtime.h"
#include "xalloc.h"

#include "banned.h"

/* One end at wall: its minutes, from the variable or fixed. */
static int end_at(const struct ohours *oh, int var, int add, int fixed, int64_t wall, int *m,
		  struct ohfail *f)
{
	int v;

	if (!var) {
		*m = fixed;
		return 0;
	}
	if (suntime_minutes(&oh->place, oh->sun, wall, (enum suntime_event)(var - 1), &v) < 0) {
		if (!f->failed) {
			f->failed = 1;
			f->what = var - 1;
			f->day = (long)civtime_floor_div(wall, 86400);
		}
		return -1;
	}
	*m = v + add;
	return 0;
}

/* The reference's hint when a day's time is over: the next day's start. */
static int next_start(const struct ohours *oh, const struct ohtime *t, int64_t day_start, int *h,
		      struct ohfail *f)
{
	int from;

	if (!t->vfrom) {
		*h = t->from + 1440;
		return 0;
	}
	if (end_at(oh, t->vfrom, t->afrom, t->from, day_start + 86400, &from, f))
		return -1;
	*h = 1440 + from;
	return 0;
}

int ohours_vtime_match(const struct ohours *oh, const struct ohtime *t, int64_t wall, int *h,
		       struct ohfail *f)
{
	int64_t day_start = civtime_floor_div(wall, 86400) * 86400;
	int m = (int)((wall - day_start) / 60), from, to;

	*h = -1;
	if (t->kind == TIME_TAIL) {
		/* the part past midnight: the fixed end is the tail's own */
		if (end_at(oh, t->vfrom, t->afrom, t->from, wall, &from, f) ||
		    end_at(oh, t->vto, t->ato, t->to, wall, &to, f))
			return 0;
		/* a variable time that does not wrap today: no tail */
		if (to > from)
			return 0;
		if (m < to) {
			*h = to;
			return 1;
		}
		return 0;
	}
	if (end_at(oh, t->vfrom, t->afrom, t->from, wall, &from, f) ||
	    end_at(oh, t->vto, t->ato, t->to, wall, &to, f))
		return 0;
	if (t->to > 1440 || (t->vfrom && !t->open_end)) {
		/* the reference's selector that checks the order on each day */
		if (t->vto && to <= from)
			to += 1440;
		if (to > 1440) {
			*h = m < from ? from : to;
			return m >= from;
		}
	}
	if (m < from) {
		*h = from;
		return 0;
	}
	if (m < to) {
		*h = to;
		return 1;
	}
	if (next_start(oh, t, day_start, h, f))
		*h = -1;
	return 0;
}

static void add_cut(short *cuts, size_t *n, int m)
{
	if (m > 0 && m < 1440)
		cuts[(*n)++] = (short)m;
}

static int cmp_short(const void *a, const void *b)
{
	return *(const short *)a - *(const short *)b;
}

short *ohours_vtime_cuts(const struct ohours *oh, int64_t day_start, size_t *n, struct ohfail *f)
{
	short *cuts = xmalloc((oh->nbounds + 4 * oh->ntimes + 1) * sizeof(*cuts));
	size_t i, k = 0, j;

	for (i = 0; i < oh->nbounds; i++)
		cuts[k++] = oh->bounds[i];
	for (i = 0; i < oh->ntimes; i++) {
		const struct ohtime *t = &oh->times[i];
		int m;
		if (t->vfrom && !end_at(oh, t->vfrom, t->afrom, t->from, day_start, &m, f)) {
			add_cut(cuts, &k, m);
			add_cut(cuts, &k, m + 1);
		}
		if (t->vto && !end_at(oh, t->vto, t->ato, t->to, day_start, &m, f)) {
			add_cut(cuts, &k, m);
			add_cut(cuts, &k, m + 1);
		}
	}
	qsort(cuts, k, sizeof(*cuts), cmp_short);
	for (i = j = 0; i < k; i++)
		if (!j || cuts[j - 1] != cuts[i])
			cuts[j++] = cuts[i];
	*n = j;
	return cuts;
}
