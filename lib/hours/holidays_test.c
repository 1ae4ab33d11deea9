#include <stdio.h>
#include <string.h>
#include <time.h>

#include "civtime.h"
#include "holidays.h"
#include "tap.h"

#include "banned.h"

static long day(const char *iso)
{
	long d = 0;

	if (civtime_parse_date(iso, &d))
		printf("# bad test date '%s'\n", iso);
	return d;
}

static void name_is(enum holidays_country c, const char *iso, const char *want)
{
	is_str(holidays_name(c, day(iso)), want, "%s %s", c == HOLIDAYS_CZ ? "CZ" : "PL", iso);
	is_int(holidays_is_holiday(c, day(iso)), want != NULL, "%s %s is%s a holiday",
	       c == HOLIDAYS_CZ ? "CZ" : "PL", iso, want ? "" : " not");
}

static void test_parse(void)
{
	enum holidays_country c = HOLIDAYS_PL;

	is_int(holidays_country_parse("CZ", &c), 0, "parse CZ");
	is_int(c, HOLIDAYS_CZ, "CZ is HOLIDAYS_CZ");
	is_int(holidays_country_parse("PL", &c), 0, "parse PL");
	is_int(c, HOLIDAYS_PL, "PL is HOLIDAYS_PL");
	c = HOLIDAYS_CZ;
	is_int(holidays_country_parse("pl", &c), -1, "lower case refused");
	is_int(holidays_country_parse("SK", &c), -1, "SK refused");
	is_int(holidays_country_parse("CZE", &c), -1, "alpha-3 refused");
	is_int(holidays_country_parse("", &c), -1, "empty refused");
	is_int(holidays_country_parse(NULL, &c), -1, "NULL refused");
	is_int(c, HOLIDAYS_CZ, "refusal leaves *c alone");
}

/* Easter by Tøndering's formulation (Oudin), independent of holidays.c. */
static long easter_oudin(int y)
{
	int g = y % 19, c = y / 100;
	int h = (c - c / 4 - (8 * c + 13) / 25 + 19 * g + 15) % 30;
	int i = h - (h / 28) * (1 - (29 / (h + 1)) * ((21 - g) / 11));
	int j = (y + y / 4 + i + 2 - c + c / 4) % 7;
	int l = i - j;
	int m = 3 + (l + 40) / 44;

	return civtime_days_from_civil(y, m, l + 28 - 31 * (m / 4));
}

static void test_easter(void)
{
	static const struct {
		int year;
		const char *date;
	} known[] = {
		{ 1990, "1990-04-15" }, { 1991, "1991-03-31" }, { 2000, "2000-04-23" },
		{ 2008, "2008-03-23" }, { 2011, "2011-04-24" }, { 2015, "2015-04-05" },
		{ 2016, "2016-03-27" }, { 2019, "2019-04-21" }, { 2024, "2024-03-31" },
		{ 2025, "2025-04-20" }, { 2026, "2026-04-05" }, { 2038, "2038-04-25" },
		{ 2100, "2100-03-28" }, { 1818, "1818-03-22" }, { 2285, "2285-03-22" },
		{ 1943, "1943-04-25" },
	};
	char buf[16];
	size_t i;
	int y, bad = 0, range = 0;
	long e;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		civtime_format_date(buf, holidays_easter(known[i].year));
		is_str(buf, known[i].date, "Easter %d", known[i].year);
	}
	for (y = 1583; y <= 4099; y++) {
		e = holidays_easter(y);
		if (e != easter_oudin(y) && bad++ < 5)
			printf("# Easter %d differs\n", y);
		if (civtime_weekday(e) != 7 || e < civtime_days_from_civil(y, 3, 22) ||
		    e > civtime_days_from_civil(y, 4, 25))
			range++;
	}
	is_int(bad, 0, "Easter 1583-4099 agrees with Oudin's algorithm");
	is_int(range, 0, "Easter 1583-4099 is a Sunday, 22 March-25 April");
}

static void test_boundaries(void)
{
	/* CZ: Good Friday from 2016 (zákon 359/2015 Sb.). */
	name_is(HOLIDAYS_CZ, "2015-04-03", NULL);
	name_is(HOLIDAYS_CZ, "2015-04-06", "Velikonoční pondělí");
	name_is(HOLIDAYS_CZ, "2016-03-25", "Velký pátek");
	name_is(HOLIDAYS_CZ, "2016-03-28", "Velikonoční pondělí");
	name_is(HOLIDAYS_CZ, "2016-03-27", NULL);
	name_is(HOLIDAYS_CZ, "2100-03-26", "Velký pátek");
	/* CZ: 28 September and 17 November from 2000 (245/2000 Sb.). */
	name_is(HOLIDAYS_CZ, "1999-09-28", NULL);
	name_is(HOLIDAYS_CZ, "2000-09-28", "Den české státnosti");
	name_is(HOLIDAYS_CZ, "1999-11-17", NULL);
	name_is(HOLIDAYS_CZ, "2000-11-17", "Den boje za svobodu a demokracii");
	name_is(HOLIDAYS_CZ, "2018-11-17", "Den boje za svobodu a demokracii");
	/* PL: one-off day off by the act of 7 November 2018. */
	name_is(HOLIDAYS_PL, "2018-11-12",
		"Dzień wolny od pracy w 100. rocznicę odzyskania niepodległości");
	name_is(HOLIDAYS_PL, "2019-11-12", NULL);
	name_is(HOLIDAYS_PL, "2017-11-12", NULL);
	name_is(HOLIDAYS_CZ, "2018-11-12", NULL);
	name_is(HOLIDAYS_CZ, "2019-11-17",
		"Den boje za svobodu a demokracii a Mezinárodní den studentstva");
	/* CZ: 1 January renamed from 2001. */
	name_is(HOLIDAYS_CZ, "1999-01-01", "Nový rok");
	name_is(HOLIDAYS_CZ, "2000-01-01", "Nový rok");
	name_is(HOLIDAYS_CZ, "2001-01-01", "Den obnovy samostatného českého státu");
	/* CZ: 9 May until 1991, 8 May from 1992, renamed 2001 and 2004. */
	name_is(HOLIDAYS_CZ, "1990-05-08", NULL);
	name_is(HOLIDAYS_CZ, "1990-05-09", "Výročí osvobození Československa Sovětskou armádou");
	name_is(HOLIDAYS_CZ, "1991-05-08", NULL);
	name_is(HOLIDAYS_CZ, "1991-05-09", "Den osvobození od fašismu");
	name_is(HOLIDAYS_CZ, "1992-05-08", "Den osvobození od fašismu");
	name_is(HOLIDAYS_CZ, "1992-05-09", NULL);
	name_is(HOLIDAYS_CZ, "2000-05-08", "Den osvobození od fašismu");
	name_is(HOLIDAYS_CZ, "2001-05-08", "Den osvobození");
	name_is(HOLIDAYS_CZ, "2003-05-08", "Den osvobození");
	name_is(HOLIDAYS_CZ, "2004-05-08", "Den vítězství");
	/* CZ: 5 and 6 July and 24 December already in 1990. */
	name_is(HOLIDAYS_CZ, "1990-07-05", "Den slovanských věrozvěstů Cyrila a Metoděje");
	name_is(HOLIDAYS_CZ, "1990-07-06", "Den upálení mistra Jana Husa");
	name_is(HOLIDAYS_CZ, "1990-12-24", "Štědrý den");
	/* PL: Epiphany from 2011, Christmas Eve from 2025. */
	name_is(HOLIDAYS_PL, "2010-01-06", NULL);
	name_is(HOLIDAYS_PL, "2011-01-06", "Święto Trzech Króli");
	name_is(HOLIDAYS_PL, "2024-12-24", NULL);
	name_is(HOLIDAYS_PL, "2025-12-24", "Wigilia Bożego Narodzenia");
	name_is(HOLIDAYS_PL, "2100-12-24", "Wigilia Bożego Narodzenia");
	/* PL: 3 May from 1990; no Good Friday; Easter-based days. */
	name_is(HOLIDAYS_PL, "1990-05-03", "Święto Narodowe Trzeciego Maja");
	name_is(HOLIDAYS_PL, "2025-04-18", NULL);
	name_is(HOLIDAYS_PL, "2025-04-20", "Pierwszy dzień Wielkiej Nocy");
	name_is(HOLIDAYS_PL, "2025-04-21", "Drugi dzień Wielkiej Nocy");
	name_is(HOLIDAYS_PL, "2025-06-08", "Zielone Świątki");
	name_is(HOLIDAYS_PL, "2025-06-09", NULL);
	name_is(HOLIDAYS_PL, "2025-06-19", "Boże Ciało");
	name_is(HOLIDAYS_PL, "2038-06-24", "Boże Ciało");
	name_is(HOLIDAYS_PL, "2008-05-22", "Boże Ciało");
	/* Holidays in one country only. */
	name_is(HOLIDAYS_CZ, "2025-04-20", NULL);
	name_is(HOLIDAYS_CZ, "2025-08-15", NULL);
	name_is(HOLIDAYS_PL, "2025-07-06", NULL);
	name_is(HOLIDAYS_PL, "2025-05-08", NULL);
	/* Sundays are listed: CZ 8 May 2022, PL 1 November 2026. */
	is_int(civtime_weekday(day("2022-05-08")), 7, "2022-05-08 is a Sunday");
	name_is(HOLIDAYS_CZ, "2022-05-08", "Den vítězství");
	is_int(civtime_weekday(day("2026-11-01")), 7, "2026-11-01 is a Sunday");
	name_is(HOLIDAYS_PL, "2026-11-01", "Wszystkich Świętych");
	/* Ordinary days, and the day after a holiday is not moved to. */
	name_is(HOLIDAYS_CZ, "2022-05-09", NULL);
	name_is(HOLIDAYS_PL, "2026-11-02", NULL);
	name_is(HOLIDAYS_CZ, "2025-02-14", NULL);
}

static void year_is(enum holidays_country c, int y, const char *want)
{
	struct holidays_day out[HOLIDAYS_MAX];
	char got[2048] = "", date[16];
	size_t len = 0;
	int i, n;

	n = holidays_year(c, y, out, HOLIDAYS_MAX);
	for (i = 0; i < n && len < sizeof(got); i++) {
		civtime_format_date(date, out[i].days);
		len += (size_t)snprintf(got + len, sizeof(got) - len, "%s %s\n", date, out[i].name);
	}
	is_str(got, want, "%s %d in full", c == HOLIDAYS_CZ ? "CZ" : "PL", y);
}

static void test_full_years(void)
{
	year_is(HOLIDAYS_CZ, 1990,
		"1990-01-01 Nový rok\n"
		"1990-04-16 Velikonoční pondělí\n"
		"1990-05-01 Svátek práce\n"
		"1990-05-09 Výročí osvobození Československa Sovětskou armádou\n"
		"1990-07-05 Den slovanských věrozvěstů Cyrila a Metoděje\n"
		"1990-07-06 Den upálení mistra Jana Husa\n"
		"1990-10-28 Den vzniku samostatného československého státu\n"
		"1990-12-24 Štědrý den\n"
		"1990-12-25 1. svátek vánoční\n"
		"1990-12-26 2. svátek vánoční\n");
	year_is(HOLIDAYS_CZ, 2024,
		"2024-01-01 Den obnovy samostatného českého státu\n"
		"2024-03-29 Velký pátek\n"
		"2024-04-01 Velikonoční pondělí\n"
		"2024-05-01 Svátek práce\n"
		"2024-05-08 Den vítězství\n"
		"2024-07-05 Den slovanských věrozvěstů Cyrila a Metoděje\n"
		"2024-07-06 Den upálení mistra Jana Husa\n"
		"2024-09-28 Den české státnosti\n"
		"2024-10-28 Den vzniku samostatného československého státu\n"
		"2024-11-17 Den boje za svobodu a demokracii a Mezinárodní den studentstva\n"
		"2024-12-24 Štědrý den\n"
		"2024-12-25 1. svátek vánoční\n"
		"2024-12-26 2. svátek vánoční\n");
	year_is(HOLIDAYS_PL, 1990,
		"1990-01-01 Nowy Rok\n"
		"1990-04-15 Pierwszy dzień Wielkiej Nocy\n"
		"1990-04-16 Drugi dzień Wielkiej Nocy\n"
		"1990-05-01 Święto Pracy\n"
		"1990-05-03 Święto Narodowe Trzeciego Maja\n"
		"1990-06-03 Zielone Świątki\n"
		"1990-06-14 Boże Ciało\n"
		"1990-08-15 Wniebowzięcie Najświętszej Maryi Panny\n"
		"1990-11-01 Wszystkich Świętych\n"
		"1990-11-11 Narodowe Święto Niepodległości\n"
		"1990-12-25 Pierwszy dzień Bożego Narodzenia\n"
		"1990-12-26 Drugi dzień Bożego Narodzenia\n");
	year_is(HOLIDAYS_PL, 2025,
		"2025-01-01 Nowy Rok\n"
		"2025-01-06 Święto Trzech Króli\n"
		"2025-04-20 Pierwszy dzień Wielkiej Nocy\n"
		"2025-04-21 Drugi dzień Wielkiej Nocy\n"
		"2025-05-01 Święto Pracy\n"
		"2025-05-03 Święto Narodowe Trzeciego Maja\n"
		"2025-06-08 Zielone Świątki\n"
		"2025-06-19 Boże Ciało\n"
		"2025-08-15 Wniebowzięcie Najświętszej Maryi Panny\n"
		"2025-11-01 Wszystkich Świętych\n"
		"2025-11-11 Narodowe Święto Niepodległości\n"
		"2025-12-24 Wigilia Bożego Narodzenia\n"
		"2025-12-25 Pierwszy dzień Bożego Narodzenia\n"
		"2025-12-26 Drugi dzień Bożego Narodzenia\n");
}

static int expected_count(enum holidays_country c, int y)
{
	if (c == HOLIDAYS_CZ)
		return y < 2000 ? 10 : y < 2016 ? 12 : 13;
	return (y < 2011 ? 12 : y < 2025 ? 13 : 14) + (y == 2018); /* 12 November 2018 */
}

/*
 * For every year: the count, holidays_year in strictly increasing date
 * order within the year, each day named alike by holidays_name, and no
 * other day of the year a holiday; the Easter-based days on their
 * weekday.
 */
static void test_all_years(enum holidays_country c)
{
	struct holidays_day out[HOLIDAYS_MAX];
	const char *cc = c == HOLIDAYS_CZ ? "CZ" : "PL";
	int y, i, n, counts = 0, order = 0, names = 0, scan = 0, wd = 0;
	long d, first, next, e;

	for (y = HOLIDAYS_FIRST_YEAR; y <= HOLIDAYS_LAST_YEAR; y++) {
		n = holidays_year(c, y, out, HOLIDAYS_MAX);
		if (n != expected_count(c, y) && counts++ < 5)
			printf("# %s %d: %d holidays\n", cc, y, n);
		first = civtime_days_from_civil(y, 1, 1);
		next = civtime_days_from_civil(y + 1, 1, 1);
		for (i = 0; i < n; i++) {
			if (out[i].days < first || out[i].days >= next ||
			    (i > 0 && out[i].days <= out[i - 1].days))
				order++;
			if (!out[i].name || holidays_name(c, out[i].days) != out[i].name)
				names++;
		}
		i = 0;
		for (d = first; d < next; d++)
			i += holidays_is_holiday(c, d);
		if (i != n && scan++ < 5)
			printf("# %s %d: %d days are holidays\n", cc, y, i);
		e = holidays_easter(y);
		if (c == HOLIDAYS_CZ) {
			if (y >= 2016 && civtime_weekday(e - 2) != 5)
				wd++;
			if (!holidays_is_holiday(c, e + 1) || civtime_weekday(e + 1) != 1)
				wd++;
		} else {
			if (!holidays_is_holiday(c, e) || !holidays_is_holiday(c, e + 49) ||
			    civtime_weekday(e + 49) != 7 || !holidays_is_holiday(c, e + 60) ||
			    civtime_weekday(e + 60) != 4)
				wd++;
		}
	}
	is_int(counts, 0, "%s counts per year 1990-2100", cc);
	is_int(order, 0, "%s holidays_year in date order within the year", cc);
	is_int(names, 0, "%s holidays_year agrees with holidays_name", cc);
	is_int(scan, 0, "%s no holiday outside holidays_year", cc);
	is_int(wd, 0, "%s Easter-based holidays on their weekdays", cc);
}

static void test_range(void)
{
	struct holidays_day out[HOLIDAYS_MAX];
	struct holidays_day two[3] = { { 0, NULL }, { 0, NULL }, { -1, "x" } };

	is_int(holidays_year(HOLIDAYS_CZ, 1989, out, HOLIDAYS_MAX), -1, "1989 out of range");
	is_int(holidays_year(HOLIDAYS_PL, 2101, out, HOLIDAYS_MAX), -1, "2101 out of range");
	is_int(holidays_year(HOLIDAYS_PL, -5, out, HOLIDAYS_MAX), -1, "negative year out of range");
	name_is(HOLIDAYS_CZ, "1989-12-26", NULL);
	name_is(HOLIDAYS_PL, "1989-11-11", NULL);
	name_is(HOLIDAYS_CZ, "1990-01-01", "Nový rok");
	name_is(HOLIDAYS_PL, "2100-12-26", "Drugi dzień Bożego Narodzenia");
	name_is(HOLIDAYS_PL, "2101-01-01", NULL);
	is_str(holidays_name(HOLIDAYS_CZ, -2000000000L), NULL, "far past");
	is_str(holidays_name(HOLIDAYS_CZ, 2000000000L), NULL, "far future");
	is_int(holidays_year(HOLIDAYS_CZ, 2024, NULL, 0), 13, "count only, out NULL");
	is_int(holidays_year(HOLIDAYS_CZ, 2024, two, 2), 13, "count with a short buffer");
	is_int(two[1].days, day("2024-03-29"), "short buffer holds the first two");
	is_str(two[1].name, "Velký pátek", "second holiday of 2024");
	is_int(two[2].days, -1, "nothing written past max");
}

static void test_refdiffs(void)
{
	const struct holidays_refdiff *r;
	size_t i, n;
	int y, bad = 0, wrong = 0;
	long d;

	r = holidays_refdiffs(&n);
	is_int(n, 6, "six documented disagreements");
	for (i = 0; i < n; i++) {
		if (r[i].first < HOLIDAYS_FIRST_YEAR || r[i].last > HOLIDAYS_LAST_YEAR ||
		    r[i].first > r[i].last || !r[i].reason || strlen(r[i].reason) < 40 ||
		    (r[i].ours != 0 && r[i].ours != 1))
			bad++;
		for (y = r[i].first; y <= r[i].last; y++) {
			d = r[i].month ? civtime_days_from_civil(y, r[i].month, r[i].day)
				       : holidays_easter(y) + r[i].day;
			if (holidays_is_holiday(r[i].country, d) != r[i].ours)
				wrong++;
		}
	}
	is_int(bad, 0, "each disagreement well formed, with a reason");
	is_int(wrong, 0, "each disagreement's days are ours exactly when said");
	is_int(r[0].country, HOLIDAYS_CZ, "first: CZ");
	is_int(r[0].last, 2015, "Good Friday disagreement until 2015");
}

/* Not a pass/fail test (sanitizers and valgrind slow it): a figure. */
static void measure(void)
{
	struct timespec t0, t1;
	long d, first = day("1990-01-01"), last = day("2100-12-31");
	int rounds, hits = 0;
	double ns;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (rounds = 0; rounds < 5; rounds++)
		for (d = first; d <= last; d++)
			hits += holidays_is_holiday(rounds & 1 ? HOLIDAYS_PL : HOLIDAYS_CZ, d);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) /
	     (5.0 * (double)(last - first + 1));
	printf("# figure: holidays_is_holiday: %.1f ns per call (%d hits)\n", ns, hits);
}

int main(void)
{
	test_parse();
	test_easter();
	test_boundaries();
	test_full_years();
	test_all_years(HOLIDAYS_CZ);
	test_all_years(HOLIDAYS_PL);
	test_range();
	test_refdiffs();
	measure();
	return tap_done();
}
