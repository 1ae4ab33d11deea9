/*
 * ohours_dates: evaluation of the moved and ranged date selectors, each a
 * transcription of the reference's closure on whole days (its dates are
 * local midnights), quirks included.
 */
#include "ohours_dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "xalloc.h"

#include "banned.h"

/* The first day of month m0 (0-based, any integer) of year y. */
static long mfirst(int y, int m0)
{
	int dy = m0 >= 0 ? m0 / 12 : -((-m0 + 11) / 12);

	return civtime_days_from_civil(y + dy, m0 - dy * 12 + 1, 1);
}

/* The reference's dateAtNextWeekday: wd on or after day. */
static long next_wd(long day, int wd)
{
	return day + (wd - civtime_weekday(day) % 7 + 7) % 7;
}

/* Its getValueForDate without the year: month * 100 + day. */
static int mday_value(long day)
{
	int y, m, d;

	civtime_civil_from_days(day, &y, &m, &d);
	return (m - 1) * 100 + d;
}

/* The nth weekday of month m0 of y, counted from the month given (n > 0)
   or back from the next one (n < 0), which may lie outside the month. */
static long nth_day(int y, int m0, int wd, int n)
{
	return next_wd(mfirst(y, m0 + (n > 0 ? 0 : 1)), wd) + (n > 0 ? n - 1 : n) * 7;
}

int ohdates_nth_moved(const struct ohsel *s, long day, long *h)
{
	int y, m, d, m0, n = s->b, add = s->c, k = s->b > 0 ? 0 : 1;
	int adj = n > 0 ? n - 1 : n, date_num;
	long som, sonm, target, twa, tam;

	civtime_civil_from_days(day, &y, &m, &d);
	m0 = m - 1;
	date_num = m0 * 100 + d;
	som = mfirst(y, m0);
	sonm = mfirst(y, m0 + 1);
	target = nth_day(y, m0, s->a, n);
	twa = target + add;
	*h = sonm;
	if (twa < som) {
		if (target < som)
			return 0;
		/* the reference takes the weekday in the month after, unmoved */
		twa = next_wd(mfirst(y, m0 + k + 1), s->a);
	} else if (target >= sonm) {
		return 0;
	}
	if (add > 0) {
		tam = next_wd(mfirst(y, m0 + k - 1), s->a) + adj * 7 + add;
		if (mday_value(tam) == date_num) {
			*h = day + 1;
			return 1;
		}
	} else if (add < 0) {
		tam = next_wd(mfirst(y, m0 + k + 1), s->a) + adj * 7 + add;
		if (tam >= sonm) {
			if (twa >= sonm) {
				*h = tam;
				return 0;
			}
		} else {
			if (twa < sonm && mday_value(twa) == date_num) {
				*h = day + 1;
				return 1;
			}
			twa = tam;
		}
	}
	if (day == twa) {
		*h = day + 1;
		return 1;
	}
	if (day < twa)
		*h = twa;
	return 0;
}

/* The holidays of year y moved by add days, in order; their number. */
static int moved_year(enum holidays_country c, int y, int add, struct holidays_day *out)
{
	int i, n = holidays_year(c, y, out, HOLIDAYS_MAX);

	for (i = 0; i < n; i++)
		out[i].days += add;
	return n < 0 ? 0 : n;
}

int ohdates_ph_moved(const struct ohsel *s, enum holidays_country c, long day, long *h,
		     long *holiday)
{
	struct holidays_day cur[HOLIDAYS_MAX], other[HOLIDAYS_MAX];
	int y, m, d, i, n, k, add = s->a;

	civtime_civil_from_days(day, &y, &m, &d);
	*h = OHDATES_NO_DAY;
	n = moved_year(c, y, add, cur);
	for (i = 0; i < n; i++) {
		if (day < cur[i].days) {
			/* the last one of the year before may reach into this one */
			k = add > 0 ? moved_year(c, y - 1, add, other) : 0;
			if (k && day < other[k - 1].days) {
				*h = other[k - 1].days;
				return 0;
			}
			if (k && day == other[k - 1].days) {
				*h = day + 1;
				*holiday = day - add;
				return 1;
			}
			*h = cur[i].days;
			return 0;
		}
		if (day == cur[i].days) {
			*h = day + 1;
			*holiday = day - add;
			return 1;
		}
	}
	/* and the first one of the next year into this one */
	k = add < 0 ? moved_year(c, y + 1, add, other) : 0;
	if (k && day == other[0].days) {
		*h = day + 1;
		*holiday = day - add;
		return 1;
	}
	if (n) {
		civtime_civil_from_days(cur[0].days, &y, &m, &d);
		*h = civtime_days_from_civil(y + 1, m, d);
	}
	return 0;
}

/* The day an end of a range names in year y; an end is the day after. */
static long dend_day(const struct ohdend *e, int y, int end)
{
	if (e->year)
		y = e->year;
	switch (e->kind) {
	case DEND_EASTER:
		return holidays_easter(y) + e->add;
	case DEND_NTH:
		return nth_day(y, e->month, e->wd, e->n) + e->add + end;
	default:
		return civtime_days_from_civil(y, e->month + 1, e->day + end);
	}
}

int ohdates_range(const struct ohours *oh, const struct ohsel *s, long day, long *h)
{
	const struct ohdrange *r = &oh->dranges[s->a];
	int y, m, d, inside = 1;
	long from, to;

	civtime_civil_from_days(day, &y, &m, &d);
	from = dend_day(&r->from, y, 0);
	/* an Easter end is its midnight: the reference adds no day to it */
	to = dend_day(&r->to, y, r->to.kind != DEND_EASTER);
	if (to < from) {
		long tmp = to;
		to = from;
		from = tmp;
		inside = 0;
	}
	*h = OHDATES_NO_DAY;
	if (day < from) {
		*h = from;
		return !inside;
	}
	if (day < to) {
		*h = to;
		return inside;
	}
	if (!r->has_year)
		*h = civtime_days_from_civil(y + 1, 1, 1);
	return !inside;
}

int ohdates_mday_every(const struct ohsel *s, long day, long *h)
{
	int y, m, d, year, off;
	long from, to;

	civtime_civil_from_days(day, &y, &m, &d);
	year = s->y0 ? s->y0 : y;
	from = civtime_days_from_civil(year, s->a + 1, s->b);
	to = civtime_days_from_civil(year, s->a + 1, s->c);
	*h = OHDATES_NO_DAY;
	if (day < from) {
		*h = from;
		return 0;
	}
	if (day >= to) {
		*h = civtime_days_from_civil(y + 1, 1, 1);
		return 0;
	}
	off = (int)((day - from) % s->d);
	*h = day + (off ? s->d - off : 1);
	return off == 0;
}

/*
 * The comments "Day before NAME", made once per name: names are static
 * strings of holidays.c, few enough for a small table.
 */
#define NAMES_MAX 128

struct ohnames {
	const char *name[NAMES_MAX];
	int add[NAMES_MAX];
	char *text[NAMES_MAX];
	unsigned n;
};

const char *ohdates_moved_name(const struct ohours *oh, const char *name, int add)
{
	struct ohnames *t = oh->names;
	unsigned i;
	size_t len;

	if (!name || !t)
		return name;
	for (i = 0; i < t->n; i++)
		if (t->name[i] == name && t->add[i] == add)
			return t->text[i];
	if (t->n == NAMES_MAX)
		return name;
	/* the reference's words, untranslated as its other comments */
	len = strlen(name) + sizeof("Day before ");
	t->text[t->n] = xmalloc(len);
	snprintf(t->text[t->n], len, "%s%s", add > 0 ? "Day after " : "Day before ", name);
	t->name[t->n] = name;
	t->add[t->n] = add;
	return t->text[t->n++];
}

void ohdates_names_init(struct ohours *oh)
{
	if (!oh->names)
		oh->names = xcalloc(1, sizeof(*oh->names));
}

void ohdates_free(struct ohours *oh)
{
	unsigned i;

	free(oh->dranges);
	if (!oh->names)
		return;
	for (i = 0; i < oh->names->n; i++)
		free(oh->names->text[i]);
	free(oh->names);
}
