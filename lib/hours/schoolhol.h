/*
 * schoolhol: school holidays ("SH" in opening hours) as the reference
 * implementation of opening_hours (3.15.0) knows them, so that "SH" means
 * what it means there.
 *
 * Czech Republic: the holidays the Ministry of Education sets for the
 * whole country (Christmas, the half-year day, Easter Thursday, the summer
 * and the autumn holidays), school years 2019/20 to 2027/28.  The spring
 * holidays ("jarní prázdniny") depend on the district; the reference has
 * them per district but uses them only when the district is given, which
 * okienko does not do: they are not school holidays here.  Poland: the
 * reference has the holidays per voivodeship only, and none for the whole
 * country: no data (schoolhol_has_data is 0).
 *
 * Constant tables, no state, nothing allocated: thread-safe; names are
 * static UTF-8 strings.
 */
#ifndef OKIENKO_SCHOOLHOL_H
#define OKIENKO_SCHOOLHOL_H

#include "holidays.h"

/* 1 when there are school holidays for country c. */
int schoolhol_has_data(enum holidays_country c);
/* The first and last year with a holiday in the table (0 without data). */
void schoolhol_years(enum holidays_country c, int *first, int *last);

/*
 * The reference's school-holiday selector on day (days since 1970): 1 when
 * it is a school holiday (*name its name), else 0; in *next the day it
 * names as the next one to look at.  -1 where the reference fails: a day
 * after the last holiday of a year whose next year has none.
 */
int schoolhol_match(enum holidays_country c, long day, long *next, const char **name);

#endif
