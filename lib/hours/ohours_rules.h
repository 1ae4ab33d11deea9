/*
 * ohours_rules: the parsed form of an opening_hours expression, shared by
 * the parser (ohours_parse.c) and the evaluator (ohours_eval.c); not for
 * use outside lib/hours/ohours*.c.  A struct ohours owns all its arrays
 * and the holiday cache; ohours_free releases them.
 */
#ifndef OKIENKO_OHOURS_RULES_H
#define OKIENKO_OHOURS_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "holidays.h"
#include "suntime.h"
/*
 * The parsed form mirrors the reference's internal rules: each rule has up
 * to four groups of date selectors (holiday, month, monthday, weekday, in
 * the reference's evaluation order), all of which must match (a group
 * matches when any of its selectors does), and a list of time selectors.
 * A rule with spans past midnight is followed by a "wrapped" rule holding
 * their after-midnight parts, whose date selectors are evaluated a day
 * earlier.  Evaluation returns, as the reference does, a state and a hint:
 * the earliest instant where some selector may change; ohours_next_change
 * follows the hints.
 */

#define OH_MAX_RULES 256
#define OH_NO_HINT INT64_MAX
#define OH_COUNTRIES 2 /* enum holidays_country */

enum sel_kind {
	SEL_ALWAYS, /* full weekday or month range */
	SEL_WDAY,   /* a = from, b = to (0 = Su), inside */
	SEL_NTH,    /* a = weekday, b = n (-5..5) */
	SEL_PH,
	SEL_MONTH,      /* a = from, b = to (0 = Jan), inside */
	SEL_MDAY1,      /* a = month, b = first day, c = last day + 1, range; y0 */
	SEL_MDAY2,      /* a = month, b = day, c = month, d = day; y0, y1 */
	SEL_YEAR,       /* a = from, b = to, c = period (0 none), d = range */
	SEL_WEEK,       /* a = from, b = to, c = period (0 none) */
	SEL_EASTER,     /* a = days after Easter Sunday; y0 */
	SEL_NTH_MOVED,  /* SEL_NTH moved by c days (ohours_dates.c) */
	SEL_PH_MOVED,   /* SEL_PH moved by a days (-1 or 1) */
	SEL_DRANGE,     /* a = index in ohours.dranges */
	SEL_MDAY_EVERY, /* SEL_MDAY1 range, every d-th day of it */
	SEL_SH          /* school holidays (schoolhol.h) */
};

/*
 * One end of a date range of ohours_dates.c: a month day, Easter Sunday
 * moved by add days, or the n-th weekday of a month moved by add days.
 */
enum dend_kind { DEND_MDAY, DEND_EASTER, DEND_NTH };

struct ohdend {
	unsigned char kind;
	short month, day, wd, n, add, year; /* year 0: every year */
};

struct ohdrange {
	struct ohdend from, to;
	int has_year;
};

struct ohsel {
	unsigned char kind, inside;
	short a, b, c, d;
	short y0, y1; /* the years of month days, 0 for every year */
};

enum time_kind {
	TIME_ALWAYS, /* 24/7, 00:00-24:00 */
	TIME_SPAN,   /* from < to <= 1440 */
	TIME_WRAP,   /* from, to > 1440: the part before midnight (from may be
			 * 1440 or more for an open end after a span past midnight:
			 * then nothing before it) */
	TIME_TAIL    /* to: the part after midnight (wrapped rules) */
};

struct ohtime {
	unsigned char kind;
	unsigned char open_end; /* "HH:MM+": matching makes the state unknown */
	short from, to;
	/*
	 * Variable ends ("sunrise", "(sunset-01:00)"): the event (suntime.h)
	 * + 1, 0 for a fixed end, and the offset in minutes.  from and to then
	 * hold the reference's stand-ins (6:00 for sunrise, ...), which decide,
	 * as in the reference, whether the time wraps past midnight; the
	 * evaluation uses the event on each day (ohours_vtime.c).
	 */
	unsigned char vfrom, vto;
	short afrom, ato;
};

enum { GROUP_YEAR, GROUP_HOLIDAY, GROUP_MONTH, GROUP_MONTHDAY, GROUP_WEEK, GROUP_WEEKDAY, NGROUPS };

struct ohgroup {
	unsigned start, count;
};

/*
 * meaning and unknown are the reference's two flags: "open" sets meaning,
 * "unknown" or a comment without a state sets unknown (and clears
 * meaning), and a state after a comment sets meaning but leaves unknown.
 * A fallback rule (after "||") applies only where no rule before it made
 * the time open or unknown.
 */
struct ohrule {
	struct ohgroup group[NGROUPS];
	unsigned ngroups;
	unsigned tstart, tcount;
	int comment; /* offset in ohours.comments, -1 for none */
	unsigned char meaning, unknown, wrapped, resets, fallback;
};

struct ohph_slot {
	int year, n;
	long days[HOLIDAYS_MAX];
};

struct ohours {
	struct ohrule *rules;
	size_t nrules, rules_alloc;
	struct ohsel *sels;
	size_t nsels, sels_alloc;
	struct ohtime *times;
	size_t ntimes, times_alloc;
	short *bounds; /* minutes where a span starts or ends */
	size_t nbounds, bounds_alloc;
	char *comments; /* the comments, each NUL-terminated */
	size_t ncomments, comments_alloc;
	struct ohdrange *dranges; /* SEL_DRANGE (ohours_dates.c) */
	size_t ndranges, dranges_alloc;
	struct ohnames *names; /* "Day after ..." comments, a cache; or NULL */
	int any_wrapped;
	int uses_ph;          /* some selector is PH */
	struct ohph_slot *ph; /* [country * 2 + (year & 1)], a cache */
	long var_col, sh_col; /* the first variable time, SH: its column, 0 none */
	int has_place;        /* ohours_set_place was called */
	struct suntime_place place;
	struct suntime_cache *sun; /* a cache, allocated with the first variable time */
};

/*
 * Why an evaluation failed where the reference's throws: a variable time
 * that does not occur on a day, or a day whose school holidays the
 * reference does not know.
 */
#define OHFAIL_SH SUNTIME_EVENTS
#define OHFAIL_LOOP (SUNTIME_EVENTS + 1)
struct ohfail {
	int failed;
	int what; /* enum suntime_event, OHFAIL_SH, or OHFAIL_LOOP: a
			 * hint not after the time (an offset moved the next
			 * day's variable time before it) */
	long day; /* the local day, days since 1970 */
};

/*
 * A time with variable ends at wall (local wall clock seconds, a whole
 * minute), as the reference's time selector: 1 when it matches, in *h the
 * minute (from the midnight of wall's day) it names next, -1 for none.
 * On a failure returns 0 with f filled.
 */
int ohours_vtime_match(const struct ohours *oh, const struct ohtime *t, int64_t wall, int *h,
		       struct ohfail *f);
/*
 * The minutes (1..1439, sorted, distinct) where the state may change on
 * the day starting at wall day_start: the fixed bounds and the variable
 * ends of that day (and the minute after each, for open ends).  The
 * array is the caller's to free; on a failure f is filled.
 */
short *ohours_vtime_cuts(const struct ohours *oh, int64_t day_start, size_t *n, struct ohfail *f);

#endif
