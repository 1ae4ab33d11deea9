/*
 * period: the periods a report counts in (--period week|month|quarter|year),
 * the same in every report: the ISO week, calendar month, quarter or year
 * that holds a day, from its first day up to that day.
 *
 * Ownership: nothing is allocated here.
 */
#ifndef OKIENKO_PERIOD_H
#define OKIENKO_PERIOD_H

enum period { PERIOD_NONE, PERIOD_WEEK, PERIOD_MONTH, PERIOD_QUARTER, PERIOD_YEAR };

/* "week", "month", "quarter" or "year": 0 and *p, else -1. */
int period_parse(const char *s, enum period *p);
/* The words period_parse takes, for messages: "week, month, quarter or year". */
const char *period_names(void);
/* The first day of the period p that holds day (days since 1970-01-01). */
long period_start(enum period p, long day);

#endif
