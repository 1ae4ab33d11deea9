/*
 * ohours_eval: the state of parsed rules at an instant and the next change,
 * as the reference implementation finds them.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "diag.h"
#include "holidays.h"
#include "i18n.h"
#include "ohours.h"
#include "ohours_dates.h"
#include "ohours_rules.h"
#include "schoolhol.h"
#include "utf8.h"
#include "xalloc.h"

#include "banned.h"

/* ---- evaluation ---- */

struct dinfo {
	long days;
	int y, m, d; /* m 1..12 */
	int wday;    /* 0 = Su */
};

static void dinfo_set(struct dinfo *di, long days)
{
	di->days = days;
	civtime_civil_from_days(days, &di->y, &di->m, &di->d);
	di->wday = civtime_weekday(days) % 7;
}

/* First day of month m0 (0-based, may run past 11) of year y. */
static long month_start(int y, int m0)
{
	return civtime_days_from_civil(y + m0 / 12, m0 % 12 + 1, 1);
}

/*
 * The zone's offset over a span of instants, so that the many conversions
 * of one evaluation need few look-ups (a walk to the next change stays in
 * one span for months).
 */
#define TZMEMO 8

struct tzspan {
	int64_t from, until; /* empty: from > until */
	int off;
	/* wall -> instant outside the span (hints of far days), by day */
	int64_t memo_wall[TZMEMO], memo_utc[TZMEMO];
	unsigned char memo_ok[TZMEMO];
};

struct eval {
	const struct ohours *oh;
	enum holidays_country c;
	const struct civtz *tz;
	struct tzspan *span;
	/* NULL, or the holidays of WALK_PH_YEARS years a country (a walk's) */
	struct ohph_slot *ph;
	struct ohfail *fail; /* where the reference would throw */
};

#define WALK_PH_YEARS 16

static void span_init(struct tzspan *s)
{
	s->from = 1;
	s->until = 0;
	s->off = 0;
	memset(s->memo_ok, 0, sizeof s->memo_ok);
}

static int offset_of(const struct eval *ev, int64_t t)
{
	struct tzspan *s = ev->span;
	if (t < s->from || t >= s->until)
		s->off = civtz_offset_span(ev->tz, t, &s->from, &s->until);
	return s->off;
}

static int64_t wall_of(const struct eval *ev, int64_t t)
{
	return ev->tz ? t + offset_of(ev, t) : t;
}

/*
 * A wall time a day or more inside the cached span exists exactly once
 * (offsets differ by less than a day): no gap, no overlap to resolve.
 */
static int64_t instant_of(const struct eval *ev, int64_t wall)
{
	struct tzspan *s = ev->span;
	unsigned k;
	int64_t u;

	if (!ev->tz)
		return wall;
	u = wall - s->off;
	if (s->from <= s->until && u - 86400 >= s->from && u + 86400 < s->until)
		return u;
	/* the span around it, one look-up where a conversion takes three */
	u = wall - offset_of(ev, u);
	if (s->from <= s->until && u - 86400 >= s->from && u + 86400 < s->until)
		return u;
	k = (unsigned)((uint64_t)(wall / 86400) % TZMEMO);
	if (s->memo_ok[k] && s->memo_wall[k] == wall)
		return s->memo_utc[k];
	u = civtz_local_to_utc(ev->tz, wall);
	s->memo_ok[k] = 1;
	s->memo_wall[k] = wall;
	s->memo_utc[k] = u;
	return u;
}

static long floor_div(int64_t a, int64_t b)
{
	return (long)(a >= 0 ? a / b : -((-a + b - 1) / b));
}

/* The holidays of year y, cached per country for two years at a time. */
static const struct ohph_slot *ph_year(const struct eval *ev, int y)
{
	static const struct ohph_slot none = { 0, 0, { 0 } };
	struct holidays_day buf[HOLIDAYS_MAX];
	struct ohph_slot *s;
	int i, n;

	if ((unsigned)ev->c >= OH_COUNTRIES)
		return &none;
	if (ev->ph)
		s = &ev->ph[(unsigned)ev->c * WALK_PH_YEARS + ((unsigned)y & (WALK_PH_YEARS - 1))];
	else
		s = &ev->oh->ph[(unsigned)ev->c * 2 + (unsigned)(y & 1)];
	if (s->year == y)
		return s;
	n = holidays_year(ev->c, y, buf, HOLIDAYS_MAX);
	s->year = y;
	s->n = n < 0 ? 0 : n;
	for (i = 0; i < s->n; i++)
		s->days[i] = buf[i].days;
	return s;
}

/*
 * Selectors as the reference's closures: whether day di matches, and in
 * *h the day whose midnight the reference names as the next instant to
 * look at (NO_DAY for none: days before 1970 are negative).
 */
#define NO_DAY LONG_MIN

static int sel_nth(const struct ohsel *s, const struct dinfo *di, long *h)
{
	long first = civtime_days_from_civil(di->y, di->m, 1);
	long next = month_start(di->y, di->m);
	long base = s->b > 0 ? first : next;
	long target = base + (s->a - civtime_weekday(base) % 7 + 7) % 7 +
		      (s->b > 0 ? s->b - 1 : s->b) * 7;

	if (target < first || target >= next || di->days > target) {
		*h = next;
		return 0;
	}
	*h = di->days == target ? di->days + 1 : target;
	return di->days == target;
}

static int sel_ph(const struct eval *ev, const struct dinfo *di, long *h)
{
	const struct ohph_slot *ph = ph_year(ev, di->y);
	int i, y, m, d;

	for (i = 0; i < ph->n; i++) {
		if (di->days < ph->days[i]) {
			*h = ph->days[i];
			return 0;
		}
		if (di->days == ph->days[i]) {
			*h = di->days + 1;
			return 1;
		}
	}
	if (!ph->n) {
		*h = civtime_days_from_civil(di->y + 1, 1, 1);
		return 0;
	}
	civtime_civil_from_days(ph->days[0], &y, &m, &d);
	*h = civtime_days_from_civil(y + 1, m, d);
	return 0;
}

/* School holidays; where the reference throws, a failure. */
static int sel_sh(const struct eval *ev, const struct dinfo *di, long *h, const char **name)
{
	int m = schoolhol_match(ev->c, di->days, h, name);

	if (m >= 0)
		return m;
	if (!ev->fail->failed) {
		ev->fail->failed = 1;
		ev->fail->what = OHFAIL_SH;
		ev->fail->day = di->days;
	}
	*h = NO_DAY;
	return 0;
}

/* Days of one month; February days past its end match nothing. */
static int sel_mday1(const struct ohsel *s, const struct dinfo *di, long *h)
{
	int year = s->y0 ? s->y0 : di->y;
	long from = civtime_days_from_civil(year, s->a + 1, s->b);
	long to = civtime_days_from_civil(year, s->a + 1, s->c);
	int y, m, d;

	if (s->a == 1) {
		civtime_civil_from_days(from, &y, &m, &d);
		if (d != s->b)
			return 0;
		civtime_civil_from_days(to, &y, &m, &d);
		if (s->d && d != s->c)
			return 0;
	}
	if (di->days < from) {
		*h = from;
		return 0;
	}
	if (di->days >= to) {
		*h = civtime_days_from_civil(di->y + 1, 1, 1);
		return 0;
	}
	*h = to;
	return 1;
}

/* From one month day to another; reversed, the complement. */
static int sel_mday2(const struct ohsel *s, const struct dinfo *di, long *h)
{
	long from = civtime_days_from_civil(s->y0 ? s->y0 : di->y, s->a + 1, s->b);
	long to = civtime_days_from_civil(s->y1 ? s->y1 : di->y, s->c + 1, s->d + 1);
	int inside = 1;

	if (to < from) {
		long tmp = to;
		to = from;
		from = tmp;
		inside = 0;
	}
	if (di->days < from) {
		*h = from;
		return !inside;
	}
	if (di->days < to) {
		*h = to;
		return inside;
	}
	/* with years the range is over for good */
	if (!s->y0)
		*h = civtime_days_from_civil(di->y + 1, 1, 1);
	return !inside;
}

/*
 * Easter moved by s->a days, as the reference's event selector: after the
 * day in its year, a day with the same month and day matches too (the
 * reference compares only those), else the hint is the next 1 January.
 */
static int sel_easter(const struct ohsel *s, const struct dinfo *di, long *h)
{
	long ev = holidays_easter(s->y0 ? s->y0 : di->y) + s->a;
	int y, m, d;

	if (di->days < ev) {
		*h = ev;
		return 0;
	}
	civtime_civil_from_days(ev, &y, &m, &d);
	if (m == di->m && d == di->d) {
		*h = di->days + 1;
		return 1;
	}
	*h = civtime_days_from_civil(di->y + 1, 1, 1);
	return 0;
}

/* Years, as the reference's year selector (its hints included). */
static int sel_year(const struct ohsel *s, const struct dinfo *di, long *h)
{
	int y = di->y;

	if (y < s->a) {
		*h = civtime_days_from_civil(s->a, 1, 1);
		return 0;
	}
	if (s->c) {
		if (s->d && y > s->b)
			return 0;
		if ((y - s->a) % s->c == 0) {
			*h = civtime_days_from_civil(y + 1, 1, 1);
			return 1;
		}
		/* not the next year of the period: the reference's hint */
		*h = civtime_days_from_civil(y + s->c - 1, 1, 1);
		return 0;
	}
	if (s->d) {
		if (y <= s->b) {
			*h = civtime_days_from_civil(s->b + 1, 1, 1);
			return 1;
		}
		return 0;
	}
	return y == s->a;
}

/* The reference's getDateOfISOWeek: the Monday of week w "of" year y. */
static long iso_week_monday(int w, int y)
{
	long simple = civtime_days_from_civil(y, 1, 1) + (long)(w - 1) * 7;
	int dow = civtime_weekday(simple) % 7;

	return dow <= 4 ? simple - dow + 1 : simple + 8 - dow;
}

/* Its getNextDateOfISOWeek: the first such Monday after day. */
static long next_iso_week(int w, const struct dinfo *di)
{
	int i;

	for (i = -1; i <= 1; i++) {
		long d = iso_week_monday(w, di->y + i);
		if (d > di->days)
			return d;
	}
	return NO_DAY;
}

/* Week numbers, as the reference's week selector. */
static int sel_week(const struct ohsel *s, const struct dinfo *di, long *h)
{
	int iso_year, week;

	civtime_iso_week(di->days, &iso_year, &week);
	if (week < s->a || week > s->b) {
		*h = next_iso_week(s->a, di);
		return 0;
	}
	if (s->c) {
		int off = (week - s->a) % s->c;
		if (off == 0) {
			*h = next_iso_week(week + 1, di);
			return 1;
		}
		*h = week + s->c - off <= s->b ? next_iso_week(week + s->c - off, di)
					       : next_iso_week(s->a, di);
		return 0;
	}
	*h = next_iso_week(s->b == 53 ? 1 : s->b + 1, di);
	return 1;
}

static int sel_match(const struct eval *ev, const struct ohsel *s, const struct dinfo *di, long *h)
{
	int mo = di->m - 1;

	*h = NO_DAY;
	switch (s->kind) {
	case SEL_ALWAYS:
		return 1;
	case SEL_WDAY:
		if (di->wday < s->a || di->wday > s->b) {
			*h = di->days + (s->a - di->wday + 7) % 7;
			return !s->inside;
		}
		*h = di->days + (s->b + 1 - di->wday);
		return s->inside;
	case SEL_NTH:
		return sel_nth(s, di, h);
	case SEL_PH:
		return sel_ph(ev, di, h);
	case SEL_MONTH:
		if (mo < s->a || mo > s->b) {
			*h = month_start(di->y, s->a < mo ? s->a + 12 : s->a);
			return !s->inside;
		}
		*h = month_start(di->y, s->b + 1);
		return s->inside;
	case SEL_MDAY1:
		return sel_mday1(s, di, h);
	case SEL_MDAY2:
		return sel_mday2(s, di, h);
	case SEL_YEAR:
		return sel_year(s, di, h);
	case SEL_WEEK:
		return sel_week(s, di, h);
	case SEL_EASTER:
		return sel_easter(s, di, h);
	case SEL_NTH_MOVED:
		return ohdates_nth_moved(s, di->days, h);
	case SEL_DRANGE:
		return ohdates_range(ev->oh, s, di->days, h);
	case SEL_MDAY_EVERY:
		return ohdates_mday_every(s, di->days, h);
	case SEL_PH_MOVED: /* in sel_match_ph */
	case SEL_SH:       /* eval_days calls sel_sh for the name */
		break;
	}
	return 0;
}

/* Minute-valued hint (minutes from the start of day D), or -1 for none. */
static int time_match(const struct ohtime *t, int m, int *h)
{
	*h = -1;
	switch (t->kind) {
	case TIME_ALWAYS:
		return 1;
	case TIME_SPAN:
		if (m < t->from) {
			*h = t->from;
			return 0;
		}
		if (m < t->to) {
			*h = t->to;
			return 1;
		}
		*h = t->from + 1440;
		return 0;
	case TIME_WRAP:
		if (m < t->from) {
			*h = t->from;
			return 0;
		}
		*h = t->to;
		return 1;
	case TIME_TAIL:
		if (m < t->to) {
			*h = t->to;
			return 1;
		}
		return 0;
	}
	return 0;
}

/* time_match, or ohours_vtime_match for a time with variable ends. */
static int tmatch(const struct eval *ev, const struct ohtime *t, int64_t wall, int m, int *h)
{
	if (t->vfrom || t->vto)
		return ohours_vtime_match(ev->oh, t, wall, h, ev->fail);
	return time_match(t, m, h);
}

static void hint_min(int64_t *best, int64_t h)
{
	if (h < *best)
		*best = h;
}

/*
 * The date part of the reference's getStatePair: which rules match and the
 * earliest date hint.  It depends only on the day and on the day 24 hours
 * earlier (for wrapped rules), so a walk over one day computes it once.
 */
struct daypart {
	int valid, hints; /* hints: compute the date hints too */
	long day, before;
	size_t start;        /* the last matching rule that resets */
	long ph_rule;        /* the last rule whose PH selector matched, or -1 */
	long ph_day;         /* and the day of the holiday it matched */
	int ph_add;          /* moved by this many days ("PH -1 day") */
	const char *sh_name; /* the school holiday, when SH matched last */
	int64_t hint;
	unsigned char match[OH_MAX_RULES];
};

static void daypart_init(struct daypart *dp, int hints)
{
	dp->valid = 0;
	dp->hints = hints;
}

static void eval_days(const struct eval *ev, long day, long before, struct daypart *dp)
{
	const struct ohours *oh = ev->oh;
	struct dinfo today, yesterday;
	long min_day = LONG_MAX, min_wrapped = LONG_MAX;
	size_t r;

	dp->valid = 1;
	dp->day = day;
	dp->before = before;
	dp->start = 0;
	dp->ph_rule = -1;
	dp->sh_name = NULL;
	dp->hint = OH_NO_HINT;
	dinfo_set(&today, day);
	if (oh->any_wrapped)
		dinfo_set(&yesterday, before);
	for (r = 0; r < oh->nrules; r++) {
		const struct ohrule *rule = &oh->rules[r];
		const struct dinfo *di = rule->wrapped ? &yesterday : &today;
		unsigned g;

		dp->match[r] = 1;
		for (g = 0; g < rule->ngroups; g++) {
			const struct ohgroup *grp = &rule->group[g];
			unsigned i;
			int any = 0;

			for (i = 0; i < grp->count; i++) {
				const struct ohsel *s = &oh->sels[grp->start + i];
				long h, holiday = di->days;
				const char *sh = NULL;
				int m = s->kind == SEL_PH_MOVED
						? ohdates_ph_moved(s, ev->c, di->days, &h, &holiday)
					: s->kind == SEL_SH ? sel_sh(ev, di, &h, &sh)
							    : sel_match(ev, s, di, &h);
				/* the reference's holiday selector names the day (its date
				 * shifter for wrapped rules drops the name) */
				if (m &&
				    (s->kind == SEL_PH || s->kind == SEL_PH_MOVED ||
				     s->kind == SEL_SH) &&
				    !rule->wrapped) {
					dp->ph_rule = (long)r;
					dp->ph_day = holiday;
					dp->ph_add = s->kind == SEL_PH_MOVED ? s->a : 0;
					dp->sh_name = sh;
				}
				any |= m;
				if (h == NO_DAY)
					continue;
				if (rule->wrapped)
					min_wrapped = h < min_wrapped ? h : min_wrapped;
				else
					min_day = h < min_day ? h : min_day;
			}
			if (!any) {
				dp->match[r] = 0;
				break;
			}
		}
		if (dp->match[r] && rule->resets)
			dp->start = r;
	}
	/*
	 * Midnights a day or more apart keep their order as instants (an
	 * offset changes by less than a day), so the earliest day is the
	 * earliest instant.
	 */
	if (dp->hints && min_day != LONG_MAX)
		hint_min(&dp->hint, instant_of(ev, (int64_t)min_day * 86400));
	if (dp->hints && min_wrapped != LONG_MAX)
		hint_min(&dp->hint, instant_of(ev, (int64_t)min_wrapped * 86400) + 86400);
}

/*
 * Whether wall times from the start of day to two days later are all a
 * day or more inside the cached span of one offset: there instant_of is
 * w - offset, order-preserving, so the earliest wall time gives the
 * earliest instant.
 */
static int affine_days(const struct eval *ev, long day)
{
	const struct tzspan *s = ev->span;
	int64_t w = (int64_t)day * 86400;

	return !ev->tz || (s->from <= s->until && w - s->off - 86400 >= s->from &&
			   w + 2 * 86400 - s->off + 86400 < s->until);
}

/* The comment the reference holds while it goes through the rules. */
enum pending { PENDING_NONE, PENDING_HOLIDAY, PENDING_OPEN_END };

/*
 * An open end that matched, as the reference handles it: the state is
 * unknown with its comment, except for a hack of the reference for
 * "07:00+,12:00-16:00": when the next time of the rule does not match now
 * and this one matched a minute ago, the state is closed.
 */
static void open_end(const struct eval *ev, const struct ohtime *times, unsigned n, unsigned i,
		     int64_t wall, int minute, int *open, int *unknown, enum pending *pending,
		     long *pending_rule, size_t r)
{
	int h;

	*pending = PENDING_OPEN_END;
	*pending_rule = (long)r;
	*open = 0;
	*unknown = 1;
	if (i + 1 < n && !tmatch(ev, &times[i + 1], wall, minute, &h) && h >= 0 &&
	    tmatch(ev, &times[i], wall - 60, (minute + 1439) % 1440, &h)) {
		*open = 0;
		*unknown = 0;
	}
}

/*
 * The reference's getStatePair at instant t: its two flags and comment in
 * *a, and in *hint (when dp->hints) the instant it would look at next,
 * OH_NO_HINT if none.
 */
static void state_pair(const struct eval *ev, int64_t t, int64_t *hint, struct daypart *dp,
		       struct ohours_answer *a)
{
	const struct ohours *oh = ev->oh;
	int64_t w = wall_of(ev, t);
	long day = floor_div(w, 86400), before = 0, match_rule = -1;
	int minute = (int)((w - (int64_t)day * 86400) / 60);
	size_t r;
	int open = 0, unknown = 0, min_minute = INT_MAX, affine;
	enum pending pending;
	long pending_rule;

	if (oh->any_wrapped)
		before = floor_div(wall_of(ev, t - 86400), 86400);
	if (!dp->valid || dp->day != day || dp->before != before)
		eval_days(ev, day, before, dp);
	pending = dp->ph_rule >= 0 ? PENDING_HOLIDAY : PENDING_NONE;
	pending_rule = dp->ph_rule;
	*hint = dp->hint;
	affine = dp->hints && affine_days(ev, day);
	for (r = dp->start; r < oh->nrules; r++) {
		const struct ohrule *rule = &oh->rules[r];
		unsigned i;

		if (!dp->match[r])
			continue;
		if (!rule->tcount && (!rule->fallback || !(open || unknown))) {
			open = rule->meaning;
			unknown = rule->unknown;
			match_rule = (long)r;
		}
		for (i = 0; i < rule->tcount; i++) {
			const struct ohtime *tm = &oh->times[rule->tstart + i];
			int h, var = tm->vfrom || tm->vto;
			if (tmatch(ev, tm, w, minute, &h) &&
			    (!rule->fallback || !(open || unknown))) {
				open = rule->meaning;
				unknown = rule->unknown;
				match_rule = (long)r;
				if (pending == PENDING_OPEN_END)
					pending = PENDING_NONE;
				if (tm->open_end && (open || unknown))
					open_end(ev, oh->times + rule->tstart, rule->tcount, i, w,
						 minute, &open, &unknown, &pending, &pending_rule,
						 r);
			}
			if (h < 0 || !dp->hints)
				continue;
			if (affine && !var)
				min_minute = h < min_minute ? h : min_minute;
			else /* near a change of offset, or days away: each on its own */
				hint_min(hint,
					 instant_of(ev, (int64_t)day * 86400 + (int64_t)h * 60));
		}
	}
	if (min_minute != INT_MAX)
		hint_min(hint, instant_of(ev, (int64_t)day * 86400 + (int64_t)min_minute * 60));
	a->open = open;
	a->unknown = unknown;
	a->comment = NULL;
	a->holiday = 0;
	if (match_rule >= 0 && oh->rules[match_rule].comment >= 0) {
		a->comment = oh->comments + oh->rules[match_rule].comment;
	} else if (match_rule < 0 || match_rule != pending_rule) {
		/* no comment */
	} else if (pending == PENDING_OPEN_END) {
		a->comment = OHOURS_OPEN_END_COMMENT;
	} else if (pending == PENDING_HOLIDAY && dp->sh_name) {
		a->comment = dp->sh_name;
	} else if (pending == PENDING_HOLIDAY) {
		a->comment = holidays_name(ev->c, dp->ph_day);
		a->holiday = a->comment != NULL;
		if (dp->ph_add)
			a->comment = ohdates_moved_name(oh, a->comment, dp->ph_add);
		a->holiday_day = dp->ph_day;
	}
}

/* The answer at local and, when next is not NULL, the next change. */
static void evaluate(const struct eval *ev, int64_t local, struct ohours_answer *a0, int64_t *next)
{
	struct daypart dp;
	struct ohours_answer a;
	int64_t t = instant_of(ev, local);
	int64_t limit, hint;

	daypart_init(&dp, next != NULL);
	state_pair(ev, t, &hint, &dp, a0);
	if (next)
		*next = OHOURS_NONE;
	limit = instant_of(ev, local + (int64_t)366 * 86400);
	while (next && !ev->fail->failed) {
		if (hint != OH_NO_HINT && hint <= t && (ev->oh->var_col || ev->oh->sh_col)) {
			/* an offset moved a time before now: the reference throws */
			ev->fail->failed = 1;
			ev->fail->what = OHFAIL_LOOP;
			ev->fail->day = floor_div(wall_of(ev, t), 86400);
			break;
		}
		if (hint == OH_NO_HINT || hint <= t || hint >= limit)
			break;
		t = hint;
		state_pair(ev, t, &hint, &dp, &a);
		if (ev->fail->failed)
			break;
		if (a.open != a0->open || a.unknown != a0->unknown) {
			*next = wall_of(ev, t);
			break;
		}
	}
	/* the reference throws: no answer */
	a0->failed = ev->fail->failed;
	a0->fail_what = ev->fail->what;
	a0->fail_day = ev->fail->day;
	if (a0->failed) {
		a0->open = a0->unknown = a0->holiday = 0;
		a0->comment = NULL;
		if (next)
			*next = OHOURS_NONE;
	}
}

int64_t ohours_eval_next_tz(const struct ohours *oh, enum holidays_country c,
			    const struct civtz *tz, int64_t local, struct ohours_answer *a)
{
	struct tzspan span;
	struct ohfail fail = { 0, 0, 0 };
	struct eval ev = { oh, c, tz, &span, NULL, &fail };
	int64_t next;

	span_init(&span);
	evaluate(&ev, local, a, &next);
	return next;
}

/*
 * The search a step at a time (ohours_walk_*): the state pair of
 * evaluate() with its caches, the zone's span and the day's rules, kept
 * from one walk to the next while the expression, the country and the zone
 * stay the same, and public holidays of more years than an expression
 * keeps (the walks of hours-eval go to any year).
 */
struct ohours_walk {
	struct tzspan span;
	struct eval ev;
	struct daypart dp;
	struct ohfail fail; /* hourscache walks no variable times or SH */
	struct ohph_slot ph[OH_COUNTRIES * WALK_PH_YEARS];
};

/* A walk has no variable times or SH (hourscache): its answers never fail. */
static void walk_answered(struct ohours_answer *a)
{
	a->failed = 0;
	a->fail_what = 0;
	a->fail_day = 0;
}

void ohours_walk_reset(struct ohours_walk *w)
{
	size_t i;

	memset(&w->ev, 0, sizeof w->ev);
	span_init(&w->span);
	daypart_init(&w->dp, 1);
	for (i = 0; i < OH_COUNTRIES * WALK_PH_YEARS; i++)
		w->ph[i].year = INT_MIN;
}

struct ohours_walk *ohours_walk_new(void)
{
	struct ohours_walk *w = xcalloc(1, sizeof *w);

	ohours_walk_reset(w);
	return w;
}

void ohours_walk_free(struct ohours_walk *w)
{
	free(w);
}

int64_t ohours_walk_begin(struct ohours_walk *w, const struct ohours *oh, enum holidays_country c,
			  const struct civtz *tz, int64_t local, struct ohours_answer *a,
			  int64_t *at)
{
	int64_t hint;

	if (w->ev.tz != tz)
		span_init(&w->span);
	if (w->ev.oh != oh || w->ev.c != c || w->ev.tz != tz)
		daypart_init(&w->dp, 1);
	w->ev.oh = oh;
	w->ev.c = c;
	w->ev.tz = tz;
	w->ev.span = &w->span;
	w->ev.ph = w->ph;
	memset(&w->fail, 0, sizeof w->fail);
	w->ev.fail = &w->fail;
	*at = instant_of(&w->ev, local);
	state_pair(&w->ev, *at, &hint, &w->dp, a);
	walk_answered(a);
	return hint;
}

int64_t ohours_walk_instant(struct ohours_walk *w, int64_t wall)
{
	return instant_of(&w->ev, wall);
}

int64_t ohours_walk_step(struct ohours_walk *w, int64_t t, struct ohours_answer *a)
{
	int64_t hint;

	state_pair(&w->ev, t, &hint, &w->dp, a);
	walk_answered(a);
	return hint;
}

int64_t ohours_walk_wall(struct ohours_walk *w, int64_t t)
{
	return wall_of(&w->ev, t);
}

void ohours_eval_tz(const struct ohours *oh, enum holidays_country c, const struct civtz *tz,
		    int64_t local, struct ohours_answer *a)
{
	struct tzspan span;
	struct ohfail fail = { 0, 0, 0 };
	struct eval ev = { oh, c, tz, &span, NULL, &fail };

	span_init(&span);
	evaluate(&ev, local, a, NULL);
}

enum ohours_state ohours_state_of(const struct ohours_answer *a)
{
	return a->open ? OHOURS_OPEN : a->unknown ? OHOURS_UNKNOWN : OHOURS_CLOSED;
}

int ohours_is_open_tz(const struct ohours *oh, enum holidays_country c, const struct civtz *tz,
		      int64_t local)
{
	struct ohours_answer a;
	ohours_eval_tz(oh, c, tz, local, &a);
	return a.open;
}

int64_t ohours_next_change_tz(const struct ohours *oh, enum holidays_country c,
			      const struct civtz *tz, int64_t local)
{
	struct ohours_answer a;
	return ohours_eval_next_tz(oh, c, tz, local, &a);
}

int ohours_is_open(const struct ohours *oh, enum holidays_country c, int64_t local)
{
	return ohours_is_open_tz(oh, c, NULL, local);
}

int64_t ohours_next_change(const struct ohours *oh, enum holidays_country c, int64_t local)
{
	return ohours_next_change_tz(oh, c, NULL, local);
}

int ohours_check_time(const struct ohours *oh, int64_t local, struct diag *d)
{
	long day = floor_div(local, 86400);
	int y, m, dd, ylast;
	char when[CIVTIME_TS_MAX];

	civtime_civil_from_days(day, &y, &m, &dd);
	civtime_civil_from_days(day + 366, &ylast, &m, &dd);
	if ((y >= OHOURS_FIRST_YEAR && ylast <= OHOURS_LAST_YEAR) &&
	    (!oh->uses_ph || (y >= HOLIDAYS_FIRST_YEAR && ylast <= HOLIDAYS_LAST_YEAR)))
		return 0;
	civtime_format_local(when, local);
	if (y < OHOURS_FIRST_YEAR || ylast > OHOURS_LAST_YEAR) {
		diag_set(d, DIAG_DATA, NULL, 0, 0,
			 _("opening hours are evaluated for times from %d-01-01 to %d-12-30 only, not at %s"),
			 OHOURS_FIRST_YEAR, OHOURS_LAST_YEAR - 1, when);
		diag_hint(d, _("the next change is looked for up to 366 days ahead"));
		return -1;
	}
	if (oh->uses_ph && (y < HOLIDAYS_FIRST_YEAR || ylast > HOLIDAYS_LAST_YEAR)) {
		diag_set(d, DIAG_DATA, NULL, 0, 0,
			 _("public holidays 'PH' are known from %d to %d only, not at %s"),
			 HOLIDAYS_FIRST_YEAR, HOLIDAYS_LAST_YEAR, when);
		diag_hint(d,
			  _("the next change is looked for up to 366 days ahead: with 'PH', ask about times from %d-01-01 to %d-12-30"),
			  HOLIDAYS_FIRST_YEAR, HOLIDAYS_LAST_YEAR - 1);
		return -1;
	}
	return 0;
}

int ohours_intervals(const struct ohours *oh, enum holidays_country c, int64_t from, int64_t to,
		     int unknown_open, void (*cb)(int64_t start, int64_t end, void *arg), void *arg)
{
	struct ohours_answer a;
	struct tzspan span;
	struct ohfail fail = { 0, 0, 0 };
	struct eval ev = { oh, c, NULL, &span, NULL, &fail };

	span_init(&span);
	struct daypart dp;
	int64_t open_at = -1, hint;
	long day, last;
	int has_open = 0;
	short *cuts = oh->bounds;
	size_t ncuts = oh->nbounds;

	if (from >= to)
		return 0;
	daypart_init(&dp, 0);
	last = floor_div(to - 1, 86400);
	for (day = floor_div(from, 86400); day <= last && !fail.failed; day++) {
		size_t b;
		/* variable times move from day to day: their minutes of this day too */
		if (oh->var_col) {
			if (cuts != oh->bounds)
				free(cuts);
			cuts = ohours_vtime_cuts(oh, (int64_t)day * 86400, &ncuts, &fail);
			if (fail.failed)
				break;
		}
		for (b = 0; b <= ncuts; b++) {
			int m0 = b ? cuts[b - 1] : 0;
			int m1 = b < ncuts ? cuts[b] : 1440;
			int64_t s = (int64_t)day * 86400 + m0 * 60;
			int64_t e = (int64_t)day * 86400 + m1 * 60;
			int open;

			if (e <= from || s >= to)
				continue;
			if (s < from)
				s = from;
			state_pair(&ev, s, &hint, &dp, &a);
			if (fail.failed)
				break;
			open = a.open || (unknown_open && a.unknown);
			if (open && !has_open) {
				open_at = s;
				has_open = 1;
			} else if (!open && has_open) {
				cb(open_at, s, arg);
				has_open = 0;
			}
		}
	}
	if (cuts != oh->bounds)
		free(cuts);
	if (fail.failed)
		return -1;
	if (has_open)
		cb(open_at, to, arg);
	return 0;
}
