/*
 * ohours_dates: the date selectors with day offsets and the date ranges
 * whose ends are Easter or an nth weekday of a month (internal to
 * lib/hours/ohours*.c): "PH +1 day", "Su[-1] -1 day", "Nov Su[-1]-Dec
 * Su[1] -1 day", "Dec 25-easter", "Jan 01-31/8".  Each evaluates a day
 * (days since 1970) as the reference's closure does: whether it matches
 * and in *h the day whose midnight the reference names as the next instant
 * to look at (OHDATES_NO_DAY for none).  ohours_dparse.c parses them.
 * The struct ohours owns the ranges (dranges) and the "Day before ..."
 * comments (names), which ohdates_free releases; the evaluation
 * functions allocate nothing but those comments, once per name.
 */
#ifndef OKIENKO_OHOURS_DATES_H
#define OKIENKO_OHOURS_DATES_H

#include <limits.h>

#include "holidays.h"
#include "ohours_rules.h"

#define OHDATES_NO_DAY LONG_MIN

struct parser;
struct prule;

/* SEL_NTH_MOVED: a = weekday (0 = Su), b = n, c = days added. */
int ohdates_nth_moved(const struct ohsel *s, long day, long *h);
/* SEL_PH_MOVED: a = days added (-1, 1); *holiday the day of the holiday
   moved when it matches (its name is the comment). */
int ohdates_ph_moved(const struct ohsel *s, enum holidays_country c, long day, long *h,
		     long *holiday);
/* SEL_DRANGE */
int ohdates_range(const struct ohours *oh, const struct ohsel *s, long day, long *h);
/* SEL_MDAY_EVERY: a = month, b = first day, c = last day + 1, d = period; y0 */
int ohdates_mday_every(const struct ohsel *s, long day, long *h);

/* The reference's comment on a day before (add -1) or after (add 1) a
   holiday: "Day before NAME" (a string owned by oh). */
const char *ohdates_moved_name(const struct ohours *oh, const char *name, int add);
void ohdates_names_init(struct ohours *oh); /* before ohdates_moved_name */
void ohdates_free(struct ohours *oh);

/*
 * Parsing (ohours_dparse.c), p at the item.  ohdates_move_days reads an
 * optional "+N days"/"-N days" (N up to max) into *add, *given set when it
 * was written.  ohdates_parse_range reads a date range with an nth
 * weekday (only if allow_nth) or Easter at an end, or a lone Easter, into
 * group of r; it returns 1 when the tokens at p are none of these (nothing
 * read).
 */
int ohdates_move_days(struct parser *p, int max, const char *what, int *add, int *given);
int ohdates_parse_range(struct parser *p, struct prule *r, int group, int allow_nth);
/* After "MON DAY-DAY" (last the last day): "/N" into s (SEL_MDAY_EVERY). */
int ohdates_parse_every(struct parser *p, struct ohsel *s, int mon, int first, int last);

/* The error for a point in time: the time from start, at the token after
   it ("Mo 12:00", "Apr 08:00") or at its period ("10:00-16:00/90"). */
struct token;
int ohdates_point_in_time(struct parser *p, const struct token *start, const struct token *at);
int ohdates_ends_time(const struct token *t);

#endif
