/*
 * holidays-dump: the public holidays lib/holidays computes, for the
 * differential test scripts/holidays-diff.  Without options it prints
 * "CC,YYYY-MM-DD,name" for every holiday of CZ and PL in 1990-2100; with
 * -x it prints the documented disagreements with date-holidays, one line
 * per day, "CC,YYYY-MM-DD,ours|ref,reason" (ours: only we list the day).
 */
#include <stdio.h>
#include <string.h>

#include "civtime.h"
#include "holidays.h"

#include "banned.h"

static const char *const codes[] = { "CZ", "PL" };

static void dump_holidays(void)
{
	struct holidays_day day[HOLIDAYS_MAX];
	char date[16];
	int c, y, i, n;

	for (c = HOLIDAYS_CZ; c <= HOLIDAYS_PL; c++)
		for (y = HOLIDAYS_FIRST_YEAR; y <= HOLIDAYS_LAST_YEAR; y++) {
			n = holidays_year((enum holidays_country)c, y, day, HOLIDAYS_MAX);
			for (i = 0; i < n; i++) {
				civtime_format_date(date, day[i].days);
				printf("%s,%s,%s\n", codes[c], date, day[i].name);
			}
		}
}

static void dump_refdiffs(void)
{
	const struct holidays_refdiff *r;
	size_t i, n;
	char date[16];
	long days;
	int y;

	r = holidays_refdiffs(&n);
	for (i = 0; i < n; i++)
		for (y = r[i].first; y <= r[i].last; y++) {
			days = r[i].month ? civtime_days_from_civil(y, r[i].month, r[i].day)
					  : holidays_easter(y) + r[i].day;
			civtime_format_date(date, days);
			printf("%s,%s,%s,%s\n", codes[r[i].country], date,
			       r[i].ours ? "ours" : "ref", r[i].reason);
		}
}

int main(int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "-x"))) {
		fputs("usage: holidays-dump [-x]\n", stderr);
		return 2;
	}
	if (argc == 2)
		dump_refdiffs();
	else
		dump_holidays();
	if (fflush(stdout) || ferror(stdout)) {
		perror("holidays-dump: stdout");
		return 4;
	}
	return 0;
}
