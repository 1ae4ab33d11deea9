/*
 * textdate: dates and times as people write them in Czech and Polish
 * minutes, found in running text.
 *
 * Dates: "15. května 2023", "15. 5. 2023", "15.5.2023", "11. 9.",
 * "13. 11.", "25 listopada 2021 r.", "15. V. 2023" (Roman month),
 * "2023-05-15".  The day comes first; a month name may follow the day with
 * or without a dot ("25 listopada"), a month number only after a dot and
 * with a dot after it ("11. 9."), so "7.00" and "1.5" are not dates.  The
 * year (1900-2099) is optional; where four digits or more stand in its
 * place that are no such year ("3000", "20026", "0000", "2O26" with a
 * letter O) the date is found with bad_year set, for the caller to refuse
 * rather than take as a date without a year.  A date must not touch a letter or digit
 * before it, nor a digit after it, and must exist (31. 4. does not; 29. 2.
 * without a year does).
 *
 * Times: "13:30", "9:05", "13.30" (hour 0-23, two-digit minutes), not
 * touching a digit; "13.11." is read as a date, not as a time.
 *
 * Month names come from a struct textdate_months: the built-in tables
 * ("cs", "pl": every form a month name takes in a date, nominative,
 * genitive, locative, instrumental) or one the caller fills from its own
 * word list.  Names are compared case- and diacritics-insensitively
 * ("kvetna" is "května"), whole words only.
 *
 * Ownership: textdate_months_builtin returns static data; a table from
 * textdate_months_new owns copies of its words until textdate_months_free.
 * The finders keep nothing.
 */
#ifndef OKIENKO_TEXTDATE_H
#define OKIENKO_TEXTDATE_H

#include <stddef.h>

struct textdate_months;

/* The built-in table of language lang ("cs", "pl"), or NULL. */
const struct textdate_months *textdate_months_builtin(const char *lang);
/* Word i (0-based) of a table and its month in *month; NULL past the end. */
const char *textdate_months_word(const struct textdate_months *m, size_t i, int *month);
struct textdate_months *textdate_months_new(void);
/* Add a form of month (1-12); word is copied. */
void textdate_months_add(struct textdate_months *m, int month, const char *word);
void textdate_months_free(struct textdate_months *m);
/* The month (1-12) that s[0..len) names in table m (may be NULL), or 0. */
int textdate_month(const struct textdate_months *m, const char *s, size_t len);

struct textdate {
	int year;     /* 0 when not written, or impossible */
	int bad_year; /* a year was written, but an impossible one: "3000" */
	int month, day;
	size_t start, end; /* the date is s[start..end) */
};

struct textdate_time {
	int hour, minute;
	size_t start, end;
};

/* The first date in s[from..len): 1 and *out set, or 0. */
int textdate_find(const char *s, size_t len, size_t from, const struct textdate_months *m,
		  struct textdate *out);
/* The first time in s[from..len) outside any date: 1 and *out set, or 0. */
int textdate_find_time(const char *s, size_t len, size_t from, const struct textdate_months *m,
		       struct textdate_time *out);

/*
 * The year of day.month written without one, from a reference day (days
 * since 1970-01-01): with after = 1 the first such date on or after ref
 * (the next meeting), with after = 0 the last on or before it (a meeting
 * already held).  29. 2. goes to the nearest leap year that way.
 */
int textdate_infer_year(long ref, int month, int day, int after);

#endif
