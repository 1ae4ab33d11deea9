/*
 * textdate_fuzz: libFuzzer target for textual dates and times (textdate.h).
 *
 * The input is running text (not NUL-terminated: the finders must stay
 * inside its length).  With the Czech and Polish month tables, one built
 * by the caller and none, every date and every time in it is found in
 * turn: each lies after the previous one, exists, touches no digit after
 * it, is found again alone, and the year inferred for it is on the right
 * side of the reference day; times are valid and do not start a date.
 * Any violation aborts.  Built by scripts/fuzz (make fuzz) and replayed
 * over testdata/fuzz/textdate by scripts/test.d/fuzz-replay.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "textdate.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, size_t at)
{
	fprintf(stderr, "textdate_fuzz: %s (at byte %zu)\n", what, at);
	abort();
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void check_dates(const char *s, size_t len, const struct textdate_months *m, long ref)
{
	struct textdate td, again;
	size_t from = 0;

	while (textdate_find(s, len, from, m, &td)) {
		int y;
		if (td.start < from || td.start >= td.end || td.end > len || !is_digit(s[td.start]))
			fail("date span", td.start);
		if (td.month < 1 || td.month > 12 || td.day < 1 ||
		    td.day > civtime_days_in_month(td.year ? td.year : 2000, td.month) ||
		    (td.year && (td.year < 1900 || td.year > 2099)) || (td.bad_year && td.year))
			fail("date does not exist", td.start);
		if (td.end < len && is_digit(s[td.end]))
			fail("date touches a digit after it", td.end);
		if (!textdate_find(s + td.start, td.end - td.start, 0, m, &again) ||
		    again.start != 0 || again.end != td.end - td.start || again.year != td.year ||
		    again.bad_year != td.bad_year || again.month != td.month || again.day != td.day)
			fail("date not found again alone", td.start);
		y = textdate_infer_year(ref, td.month, td.day, 1);
		if (civtime_days_from_civil(y, td.month, td.day) < ref ||
		    td.day > civtime_days_in_month(y, td.month))
			fail("inferred year of a next date", td.start);
		y = textdate_infer_year(ref, td.month, td.day, 0);
		if (civtime_days_from_civil(y, td.month, td.day) > ref ||
		    td.day > civtime_days_in_month(y, td.month))
			fail("inferred year of a past date", td.start);
		from = td.end;
	}
}

static void check_times(const char *s, size_t len, const struct textdate_months *m)
{
	struct textdate_time tt;
	struct textdate td;
	size_t from = 0;

	while (textdate_find_time(s, len, from, m, &tt)) {
		if (tt.start < from || tt.start >= tt.end || tt.end > len)
			fail("time span", tt.start);
		if (tt.hour < 0 || tt.hour > 23 || tt.minute < 0 || tt.minute > 59)
			fail("time value", tt.start);
		if (textdate_find(s, len, tt.start, m, &td) && td.start == tt.start)
			fail("time starts a date", tt.start);
		from = tt.end;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct textdate_months *tables[4];
	struct textdate_months *own = textdate_months_new();
	const char *s = (const char *)data;
	long ref = civtime_days_from_civil(2026, 11, 20);
	size_t i;

	if (size > 16 * 1024) {
		textdate_months_free(own);
		return 0;
	}
	textdate_months_add(own, 1, "Jan");
	textdate_months_add(own, 2, "Фев");
	textdate_months_add(own, 5, "května");
	textdate_months_add(own, 12, "xii");
	tables[0] = textdate_months_builtin("cs");
	tables[1] = textdate_months_builtin("pl");
	tables[2] = own;
	tables[3] = NULL;
	for (i = 0; i < 4; i++) {
		check_dates(s, size, tables[i], ref);
		check_times(s, size, tables[i]);
		if (size <= 64)
			(void)textdate_month(tables[i], s, size);
	}
	textdate_months_free(own);
	return 0;
}
