/*
 * ohours: OpenStreetMap opening_hours expressions, the subset okienko
 * supports, evaluated exactly as the reference implementation does (the npm
 * package opening_hours, pinned in scripts/ref/package.json; the
 * differential test is scripts/ohours-diff).
 *
 * Grammar (case-insensitive words, ASCII white space allowed between any
 * two tokens, none needed between a word and a number):
 *
 *   expr     = segment { ';' segment }          (empty segments are skipped)
 *   segment  = rule { ',' rule }               (',' only after a time list
 *                                               or a state: "additional")
 *   rule     = [dates] [days] [times] [state]  (at least one of them)
 *   dates    = ditem { ',' ditem }
 *   ditem    = MON ['-' MON] | MON DAY '-' MON DAY
 *            | MON DAY ['-' DAY] { ',' DAY ['-' DAY] }
 *   days     = ('PH' | 'SH') [WD-first wdlist] | wdlist
 *   wdlist   = witem { ',' witem }
 *   witem    = WD ['-' WD] | WD '[' nth { ',' nth } ']' | 'PH' | 'SH'
 *   nth      = N ['-' N] | '-' N                (N is 1..5)
 *   times    = '24/7' | span { ',' span }
 *   span     = H:MM '-' H:MM                    (start 00:00-23:59, end
 *                                               00:00-24:00; an end not
 *                                               after the start is on the
 *                                               next day)
 *   state    = 'open' | 'off' | 'closed'
 *
 * WD is Mo..Su, MON Jan..Dec, DAY 1-2 digits, H 1-2 digits, MM 2 digits;
 * "Dec 10:00-12:00" is December with a span (a DAY is never followed by
 * ':').
 * Day offsets ("PH -1 day", "Su[-1] -1 day"), date ranges with Easter or
 * an nth weekday at an end ("Dec 25-easter", "Nov Su[-1]-Dec Su[1] -1
 * day") and every Nth day ("Jan 01-31/8") are read by ohours_dparse.c
 * (ohours_dates.h); points in time ("Mo 12:00", "10:00-16:00/90") are
 * refused as such, as the reference does for opening hours.
 * A time may also be a variable time, VAR or '(' VAR ('+'|'-') H:MM ')'
 * with VAR sunrise, sunset, dawn or dusk (see ohours_set_place; the
 * reference's stand-ins decide whether such a span wraps), and 'SH' is a
 * school holiday (schoolhol.h).  The forms opening_hours.js accepts with
 * a warning are read by ohours_parse_lenient (ohours_lenient.h).
 * Anything else is a parse error, never a guess.  A few forms the
 * reference misreads are
 * refused too: a February day range within the month ending on the 28th or
 * 29th ("Feb 20-28"; write "Feb 20-Feb 28"), a date list whose items the
 * reference splits into two conditions that must both hold ("Dec
 * 24,Jan,Feb 01"), and several nth weekdays right after a single month
 * that the reference refuses or misreads ("Jan Th[1-2]"; write "Jan
 * Th[1],Th[2]").
 *
 * Meaning (the reference's).  A rule without dates or days applies every
 * day, one without times the whole day; "24/7" and "00:00-24:00" are the
 * whole day, an end of 24:00 is midnight, an end not after the start is on
 * the next day (08:00-08:00 is 24 hours).  Rules are read in order:
 *  - an open ';' rule with dates or days replaces all earlier rules on the
 *    days it selects; one without replaces them only when the rule before
 *    it has no dates or days either, else it adds ("Mo 08:00-09:00;
 *    10:00-12:00" is open both times on Mondays);
 *  - an "off"/"closed" rule replaces nothing: it closes the hours it names
 *    (the whole day without times) on its days, over what is before it;
 *  - a ',' rule adds to what is before it.
 * The part of a span past midnight is a rule of its own, placed right
 * after the span's rule and selecting the day after each day the span's
 * rule selects: a later open rule naming that next day replaces it, "off"
 * for that day closes it, and replacing the day the span started on does
 * not remove it ("Mo-Fr 22:00-06:00; Mo 10:00-12:00" is open Tuesday
 * 00:00-06:00 but not Monday 22:00).
 *
 * "PH" is a public holiday of the country given (holidays.h, by law; the
 * reference's own lists also make Good Friday a CZ holiday before 2016 and
 * Christmas Eve a PL one before 2025).  "PH Sa" is a holiday that falls on
 * a Saturday, "PH,Sa" a holiday or a Saturday.
 *
 * The next change is found as the reference finds it, following the
 * instants its selectors name.  On the wall clock that is the first change
 * but for one case: in a year without 29 February a "Feb 29" date names no
 * instant, so the next 29 February is reached only if other rules lead
 * there.  The search ends 366 days after the start (local time): a change
 * at that instant or later is none.
 *
 * Times are local wall clock seconds since the epoch (civtime_parse_local),
 * minutes counting (seconds are ignored).  The plain functions evaluate on
 * the wall clock alone; the _tz ones evaluate in a time zone exactly as
 * the reference does with JavaScript dates there, including its handling
 * of DST days: a wall time in a spring-forward gap is read as the instant
 * civtz_local_to_utc gives (02:30 is 03:30 summer time), an ambiguous one
 * as its first occurrence, and the part of a span past midnight is looked
 * up 24 hours (not one calendar day) earlier.  tz may be NULL (wall clock).
 *
 * Ownership: ohours_parse gives the caller a struct ohours that owns all
 * its memory; ohours_free releases it.  Evaluation does not modify the
 * parsed rules but keeps a small holiday cache inside the object: share an
 * object between threads only with a lock.
 */
#ifndef OKIENKO_OHOURS_H
#define OKIENKO_OHOURS_H

#include <stdint.h>

#include "holidays.h"

struct diag;
struct civtz;
struct ohours;

/*
 * Parse expr.  On error returns -1 with d->status DIAG_DATA, d->col the
 * 1-based column in expr (characters), d->msg such as "unexpected 'Xx'" or
 * "not supported: week numbers", and sometimes a hint.
 */
int ohours_parse(const char *expr, struct ohours **out, struct diag *d);
void ohours_free(struct ohours *oh);

/*
 * Whether local can be evaluated: the year of local and of local + 366
 * days (the end of the search for the next change) within
 * OHOURS_FIRST_YEAR..OHOURS_LAST_YEAR, and within the years of holidays.h
 * when the expression uses PH.  Outside, the answer would be a guess (no
 * holiday data, zone data of local mean time): -1 with d (DIAG_DATA, no
 * position) and a hint.  The evaluation functions below do not check it.
 */
#define OHOURS_FIRST_YEAR 1900
#define OHOURS_LAST_YEAR 9999
int ohours_check_time(const struct ohours *oh, int64_t local, struct diag *d);

/* "No next change", a value no local time can take (times before 1970 are
 * negative). */
#define OHOURS_NONE INT64_MIN

/*
 * The answer at one time: the reference's two flags (both may be set, as
 * in 'Mo 10:00-12:00 "walk in" open') and the comment that applies.
 */
struct ohours_answer {
	int open, unknown;
	const char *comment; /* NULL for none; owned by the ohours (or static) */
	int holiday;         /* comment is the name (holidays.h, by law) of the */
	long holiday_day;    /* public holiday on this day (days since 1970) */
	/*
	 * Where the reference fails (a variable time that does not occur on a
	 * day: polar day or night; a day past the school holidays it knows):
	 * failed is set and there is no answer (closed, no next change);
	 * ohours_answer_check describes it.
	 */
	int failed, fail_what;
	long fail_day;
};
enum ohours_state { OHOURS_CLOSED, OHOURS_OPEN, OHOURS_UNKNOWN };
/* The comment of a time in an open end ("18:00+"), the reference's words. */
#define OHOURS_OPEN_END_COMMENT "Specified as open end. Closing time was guessed."
/* open when the open flag is set, else unknown when that flag is, else closed */
enum ohours_state ohours_state_of(const struct ohours_answer *a);
void ohours_eval_tz(const struct ohours *oh, enum holidays_country c, const struct civtz *tz,
		    int64_t local, struct ohours_answer *a);
/* Both at once (one walk): the answer in *a, the next change returned. */
int64_t ohours_eval_next_tz(const struct ohours *oh, enum holidays_country c,
			    const struct civtz *tz, int64_t local, struct ohours_answer *a);

/* 1 when open at local, else 0. */
int ohours_is_open(const struct ohours *oh, enum holidays_country c, int64_t local);
/*
 * The first local time after local (strictly later, a whole minute) where
 * the state (either flag of struct ohours_answer) differs from the state
 * at local, as the reference finds it;
 * OHOURS_NONE when there is none before local + 366 days.
 */
int64_t ohours_next_change(const struct ohours *oh, enum holidays_country c, int64_t local);
/*
 * The open intervals [start, end) intersecting [from, to), clipped to it,
 * in order, merged across midnight; cb is called once for each.  Unknown
 * times count as open only when unknown_open.  Wall clock only (as
 * ohours_is_open).  Returns -1 (and calls cb for none) where the
 * reference fails on a day of the window (see struct ohours_answer).
 */
int ohours_intervals(const struct ohours *oh, enum holidays_country c, int64_t from, int64_t to,
		     int unknown_open, void (*cb)(int64_t start, int64_t end, void *arg),
		     void *arg);

/* The same in time zone tz (NULL: wall clock); results are local times. */
int ohours_is_open_tz(const struct ohours *oh, enum holidays_country c, const struct civtz *tz,
		      int64_t local);
int64_t ohours_next_change_tz(const struct ohours *oh, enum holidays_country c,
			      const struct civtz *tz, int64_t local);

/*
 * The search for the next change a step at a time, for a cache of its
 * answers (hourscache.h).  Instants are seconds since the epoch (UTC;
 * the wall clock when tz is NULL).  ohours_walk_begin puts the answer at
 * local in *a and the instant of local in *at, and returns the first
 * instant to look at; ohours_walk_step puts the answer at such an instant
 * t in *a and returns the instant after it.  The search stops at an instant
 * not after the one it came from, or at the instant of local + 366 days
 * (ohours_walk_instant; it is less than two days from that wall time) or
 * later; the next change is the first instant on the way whose flags
 * (open, unknown) differ from those at local.  Each instant's answer
 * and successor depend only on the expression, the country, the zone and
 * the instant (ohours_eval_next_tz is this search).  A walk keeps what it
 * learnt of a day while the expression, the country and the zone stay the
 * same: ohours_walk_reset it before an expression it walked is freed (a
 * new one may get its address).  Free it with ohours_walk_free.
 */
struct ohours_walk;
struct ohours_walk *ohours_walk_new(void);
void ohours_walk_reset(struct ohours_walk *w);
void ohours_walk_free(struct ohours_walk *w);
int64_t ohours_walk_begin(struct ohours_walk *w, const struct ohours *oh, enum holidays_country c,
			  const struct civtz *tz, int64_t local, struct ohours_answer *a,
			  int64_t *at);
int64_t ohours_walk_step(struct ohours_walk *w, int64_t t, struct ohours_answer *a);
/* The local wall clock time of instant t, and the instant of wall time wall
 * (of the walk's zone, as the search reads wall times). */
int64_t ohours_walk_wall(struct ohours_walk *w, int64_t t);
int64_t ohours_walk_instant(struct ohours_walk *w, int64_t wall);

/*
 * Variable times ("sunrise-sunset", "(dusk-01:00)-06:00") need the place:
 * latitude and longitude in degrees, and tz, the zone in which the
 * reference's local times are computed (NULL: UTC).  The events are
 * suntime.h's.  School holidays "SH" need a country with data
 * (schoolhol.h).
 */
void ohours_set_place(struct ohours *oh, double lat, double lon, const struct civtz *tz);
/* Valid coordinates: latitude -90..90, longitude -180..180. */
int ohours_place_valid(double lat, double lon);
/* The column of the first variable time / SH, 0 when there is none. */
long ohours_suntimes_col(const struct ohours *oh);
long ohours_sh_col(const struct ohours *oh);
/*
 * Whether oh can be evaluated in country c with the place set: -1 with d
 * (DIAG_DATA, the column, a hint) for a variable time without a place or
 * SH in a country without school-holiday data.
 */
int ohours_check_context(const struct ohours *oh, enum holidays_country c, struct diag *d);
/* -1 with d (DIAG_DATA) describing a failed answer, else 0. */
int ohours_answer_check(const struct ohours *oh, enum holidays_country c,
			const struct ohours_answer *a, struct diag *d);

#endif
