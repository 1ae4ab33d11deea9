/*
 * holidays: public holidays of the Czech Republic and Poland, 1990-2100.
 *
 * A public holiday is a day the law makes a day off for everybody: in CZ
 * the "státní svátky" and "ostatní svátky" (zákon č. 245/2000 Sb. § 3, and
 * zákon č. 93/1951 Sb. as amended before it), in PL the "dni wolne od
 * pracy" (ustawa z dnia 18 stycznia 1951 r. o dniach wolnych od pracy,
 * art. 1).  Every rule starts with the first occurrence after the law that
 * made it took effect (Czech Good Friday from 2016, Polish Christmas Eve
 * from 2025, ...); holidays.c cites the law of each.  Holidays that fall
 * on a Sunday are listed (Polish Easter Sunday and Pentecost always are):
 * PH applies to them too.  Neither country moves a holiday that falls on
 * a weekend, so nothing is moved here either.
 *
 * Names are in the country's language (UTF-8): the name the law in force
 * gave the day, e.g. "Velký pátek", "Wigilia Bożego Narodzenia".  Where a
 * law renamed a day (CZ 1 January, 8 May, 17 November) the name changes
 * with the year.
 *
 * Everything is computed on each call from constant tables and the date of
 * Easter (anonymous Gregorian algorithm): no state, no allocation, every
 * function is thread-safe, and names are static strings.  Outside
 * 1990-2100 there are no holidays: holidays_name returns NULL and
 * holidays_year -1.
 */
#ifndef OKIENKO_HOLIDAYS_H
#define OKIENKO_HOLIDAYS_H

#include <stddef.h>

enum holidays_country { HOLIDAYS_CZ, HOLIDAYS_PL };

#define HOLIDAYS_FIRST_YEAR 1990
#define HOLIDAYS_LAST_YEAR 2100
/* No year has more holidays than this, in either country. */
#define HOLIDAYS_MAX 16

/* "CZ" or "PL" (upper case, as ISO 3166-1): 0 and *c set; -1 otherwise. */
int holidays_country_parse(const char *code, enum holidays_country *c);

/*
 * The name of the public holiday on that day (days since 1970-01-01, see
 * civtime), or NULL when it is none.
 */
const char *holidays_name(enum holidays_country c, long days);
int holidays_is_holiday(enum holidays_country c, long days);

/*
 * All holidays of a year in date order.  Returns their number and writes
 * the first max of them to out (out may be NULL when max is 0); returns -1
 * if year is outside 1990-2100.  A buffer of HOLIDAYS_MAX always suffices.
 */
struct holidays_day {
	long days;
	const char *name;
};
int holidays_year(enum holidays_country c, int year, struct holidays_day *out, size_t max);

/* Easter Sunday of year (Gregorian, 1583 on), as days since 1970-01-01. */
long holidays_easter(int year);

/*
 * Known disagreements with the npm package date-holidays, the reference of
 * the differential test (scripts/holidays-diff), each with its reason.  In
 * the years first..last, the day month/day (month 0: day is an offset
 * from Easter Sunday) is a public holiday in exactly one of the two: here
 * when ours is 1, in date-holidays when ours is 0.  The test accepts
 * these and nothing else.
 */
struct holidays_refdiff {
	enum holidays_country country;
	int first, last;
	int month, day;
	int ours;
	const char *reason;
};
const struct holidays_refdiff *holidays_refdiffs(size_t *n);

#endif
