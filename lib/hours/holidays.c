#include "holidays.h"

#include <string.h>

#include "civtime.h"

#include "banned.h"

#define FIRST HOLIDAYS_FIRST_YEAR
#define LAST HOLIDAYS_LAST_YEAR
#define EASTER 0

/* A holiday in the years first..last; month EASTER: day is an offset. */
struct rule {
	int month, day;
	int first, last;
	const char *name;
};

/*
 * Czech Republic (Czechoslovakia until 1992; its law 93/1951 Sb. stayed in
 * force in the Czech Republic until 245/2000 Sb. replaced it).  "zákon"
 * numbers are of the Sbírka zákonů; "in force" is the day a law took
 * effect.
 */
static const struct rule cz_rules[] = {
	/* 93/1951 Sb. § 2 (in the wording of 167/1990 Sb.). */
	{ 1, 1, FIRST, 2000, "Nový rok" },
	/*
	 * 245/2000 Sb. § 1 (in force 9 August 2000): a state holiday, and
	 * "Nový rok" by § 2 on the same day.
	 */
	{ 1, 1, 2001, LAST, "Den obnovy samostatného českého státu" },
	/* 359/2015 Sb. (in force 21 December 2015), first 25 March 2016. */
	{ EASTER, -2, 2016, LAST, "Velký pátek" },
	/* 93/1951 Sb. § 2, 245/2000 Sb. § 2. */
	{ EASTER, 1, FIRST, LAST, "Velikonoční pondělí" },
	{ 5, 1, FIRST, LAST, "Svátek práce" },
	/*
	 * 93/1951 Sb. § 1 (in the wording of 141/1988 Sb.) made 9 May the
	 * state holiday; 167/1990 Sb. (in force 10 May 1990, a day too late
	 * for 1990) renamed it; an amendment in force 31 May 1991 moved it
	 * to 8 May, first in 1992; 245/2000 Sb. shortened the name and
	 * 101/2004 Sb. renamed it again.
	 */
	{ 5, 9, 1990, 1990, "Výročí osvobození Československa Sovětskou armádou" },
	{ 5, 9, 1991, 1991, "Den osvobození od fašismu" },
	{ 5, 8, 1992, 2000, "Den osvobození od fašismu" },
	{ 5, 8, 2001, 2003, "Den osvobození" },
	{ 5, 8, 2004, LAST, "Den vítězství" },
	/* 167/1990 Sb. (in force 10 May 1990), then 245/2000 Sb. § 1. */
	{ 7, 5, FIRST, LAST, "Den slovanských věrozvěstů Cyrila a Metoděje" },
	/*
	 * Zákon ČNR 204/1990 Sb. (in force 18 May 1990) for the Czech
	 * Republic (federally only a working memorial day), then
	 * 245/2000 Sb. § 1.
	 */
	{ 7, 6, FIRST, LAST, "Den upálení mistra Jana Husa" },
	/* 245/2000 Sb. § 1 (in force 9 August 2000). */
	{ 9, 28, 2000, LAST, "Den české státnosti" },
	/* 141/1988 Sb., 167/1990 Sb., 245/2000 Sb. § 1. */
	{ 10, 28, FIRST, LAST, "Den vzniku samostatného československého státu" },
	/*
	 * 245/2000 Sb. § 1 (in force 9 August 2000); the amendment signed
	 * in February 2019 added the International Students' Day.
	 */
	{ 11, 17, 2000, 2018, "Den boje za svobodu a demokracii" },
	{ 11, 17, 2019, LAST, "Den boje za svobodu a demokracii a Mezinárodní den studentstva" },
	/* 167/1990 Sb. (in force 10 May 1990), then 245/2000 Sb. § 2. */
	{ 12, 24, FIRST, LAST, "Štědrý den" },
	{ 12, 25, FIRST, LAST, "1. svátek vánoční" },
	{ 12, 26, FIRST, LAST, "2. svátek vánoční" },
};

/*
 * Poland: ustawa z dnia 18 stycznia 1951 r. o dniach wolnych od pracy
 * (Dz.U. 1951 nr 4 poz. 28), art. 1, with the amendments named.
 */
static const struct rule pl_rules[] = {
	{ 1, 1, FIRST, LAST, "Nowy Rok" },
	/*
	 * Ustawa z dnia 24 września 2010 r. o zmianie ustawy - Kodeks pracy
	 * oraz niektórych innych ustaw (Dz.U. 2010 nr 224 poz. 1459).
	 */
	{ 1, 6, 2011, LAST, "Święto Trzech Króli" },
	{ EASTER, 0, FIRST, LAST, "Pierwszy dzień Wielkiej Nocy" },
	{ EASTER, 1, FIRST, LAST, "Drugi dzień Wielkiej Nocy" },
	/* "Święto Państwowe" in the act; Labour Day by its usual name. */
	{ 5, 1, FIRST, LAST, "Święto Pracy" },
	/*
	 * Ustawa z dnia 6 kwietnia 1990 r. o przywróceniu Święta Narodowego
	 * Trzeciego Maja (Dz.U. 1990 nr 28 poz. 160), in force before
	 * 3 May 1990.
	 */
	{ 5, 3, FIRST, LAST, "Święto Narodowe Trzeciego Maja" },
	/* "Pierwszy dzień Zielonych Świątek", Pentecost Sunday. */
	{ EASTER, 49, FIRST, LAST, "Zielone Świątki" },
	{ EASTER, 60, FIRST, LAST, "Boże Ciało" },
	/*
	 * Restored by ustawa z dnia 17 maja 1989 r. o stosunku Państwa do
	 * Kościoła Katolickiego.
	 */
	{ 8, 15, FIRST, LAST, "Wniebowzięcie Najświętszej Maryi Panny" },
	{ 11, 1, FIRST, LAST, "Wszystkich Świętych" },
	/*
	 * Ustawa z dnia 15 lutego 1989 r. o przywróceniu Narodowego Święta
	 * Niepodległości (Dz.U. 1989 nr 6 poz. 34).
	 */
	{ 11, 11, FIRST, LAST, "Narodowe Święto Niepodległości" },
	/*
	 * Ustawa z dnia 6 grudnia 2024 r. o zmianie ustawy o dniach wolnych
	 * od pracy oraz niektórych innych ustaw (Dz.U. 2024 poz. 1965), in
	 * force 1 February 2025.
	 */
	{ 12, 24, 2025, LAST, "Wigilia Bożego Narodzenia" },
	{ 12, 25, FIRST, LAST, "Pierwszy dzień Bożego Narodzenia" },
	{ 12, 26, FIRST, LAST, "Drugi dzień Bożego Narodzenia" },
};

/*
 * Days off by a law of their own, once: a row per day, so that the next
 * one is a line here and in holidays_test.c.
 */
struct oneoff {
	enum holidays_country country;
	int y, m, d;
	const char *name;
};

static const struct oneoff oneoffs[] = {
	/*
	 * Ustawa z dnia 7 listopada 2018 r. o ustanowieniu dnia 12 listopada
	 * 2018 r. dniem wolnym od pracy (Dz.U. 2018 poz. 2117): the Monday
	 * after the centenary of independence.
	 */
	{ HOLIDAYS_PL, 2018, 11, 12,
	  "Dzień wolny od pracy w 100. rocznicę odzyskania niepodległości" },
};

/*
 * Where date-holidays 3.37.0 (data/countries/CZ.yaml) ignores the dates
 * of adoption: it applies today's Czech list to every year.  Poland has
 * no exception.
 */
static const struct holidays_refdiff refdiffs[] = {
	{ HOLIDAYS_CZ, 1990, 2015, EASTER, -2, 0,
	  "date-holidays lists Good Friday in every year; it is a holiday "
	  "only since zákon č. 359/2015 Sb., first on 25 March 2016" },
	{ HOLIDAYS_CZ, 1990, 1991, 5, 8, 0,
	  "date-holidays lists 8 May in every year; until 1991 the holiday "
	  "was 9 May (zákon č. 93/1951 Sb.), moved to 8 May by an amendment "
	  "in force 31 May 1991" },
	{ HOLIDAYS_CZ, 1990, 1991, 5, 9, 1,
	  "9 May was the holiday in 1990 and 1991 (zákon č. 93/1951 Sb. and "
	  "167/1990 Sb.); date-holidays only knows 8 May" },
	{ HOLIDAYS_CZ, 1990, 1999, 9, 28, 0,
	  "date-holidays lists 28 September in every year; Den české "
	  "státnosti exists since zákon č. 245/2000 Sb. (in force 9 August "
	  "2000)" },
	{ HOLIDAYS_CZ, 1990, 1999, 11, 17, 0,
	  "date-holidays lists 17 November in every year; it is a holiday "
	  "since zákon č. 245/2000 Sb. (in force 9 August 2000), before "
	  "that only a working memorial day" },
	{ HOLIDAYS_PL, 2018, 2018, 11, 12, 1,
	  "12 November 2018 was a day off by the act of 7 November 2018 "
	  "(Dz.U. 2018 poz. 2117); date-holidays does not list it" },
};

static const struct rule *rules_of(enum holidays_country c, size_t *n)
{
	if (c == HOLIDAYS_PL) {
		*n = sizeof(pl_rules) / sizeof(pl_rules[0]);
		return pl_rules;
	}
	*n = sizeof(cz_rules) / sizeof(cz_rules[0]);
	return cz_rules;
}

/* Easter Sunday as a day of March (32 is 1 April): Meeus/Jones/Butcher. */
static int easter_march_day(int y)
{
	int a = y % 19, b = y / 100, c = y % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;

	return h + l - 7 * m + 114 - 92;
}

long holidays_easter(int year)
{
	return civtime_days_from_civil(year, 3, easter_march_day(year));
}

int holidays_country_parse(const char *code, enum holidays_country *c)
{
	if (!code)
		return -1;
	if (!strcmp(code, "CZ"))
		*c = HOLIDAYS_CZ;
	else if (!strcmp(code, "PL"))
		*c = HOLIDAYS_PL;
	else
		return -1;
	return 0;
}

/*
 * The day of March (32 is 1 April) before the first of month m, for m 3-6:
 * Easter + 60 is 24 June at the latest.
 */
static const int march_offset[7] = { 0, 0, 0, 0, 31, 61, 92 };

const char *holidays_name(enum holidays_country c, long days)
{
	const struct rule *r, *end;
	size_t n;
	int y, m, d, offset = 0, have_offset = 0;

	civtime_civil_from_days(days, &y, &m, &d);
	if (y < FIRST || y > LAST)
		return NULL;
	for (n = 0; n < sizeof(oneoffs) / sizeof(oneoffs[0]); n++)
		if (oneoffs[n].country == c && oneoffs[n].y == y && oneoffs[n].m == m &&
		    oneoffs[n].d == d)
			return oneoffs[n].name;
	r = rules_of(c, &n);
	for (end = r + n; r < end; r++) {
		if (y < r->first || y > r->last)
			continue;
		if (r->month != EASTER) {
			if (r->month == m && r->day == d)
				return r->name;
			continue;
		}
		if (m < 3 || m > 6)
			continue;
		if (!have_offset) {
			offset = march_offset[m] + d - easter_march_day(y);
			have_offset = 1;
		}
		if (offset == r->day)
			return r->name;
	}
	return NULL;
}

int holidays_is_holiday(enum holidays_country c, long days)
{
	return holidays_name(c, days) != NULL;
}

int holidays_year(enum holidays_country c, int year, struct holidays_day *out, size_t max)
{
	struct holidays_day all[HOLIDAYS_MAX], t;
	const struct rule *r, *end;
	size_t n, count = 0, i, j;
	long easter;

	if (year < FIRST || year > LAST)
		return -1;
	easter = holidays_easter(year);
	r = rules_of(c, &n);
	for (end = r + n; r < end; r++) {
		if (year < r->first || year > r->last || count == HOLIDAYS_MAX)
			continue;
		all[count].days = r->month == EASTER
					  ? easter + r->day
					  : civtime_days_from_civil(year, r->month, r->day);
		all[count].name = r->name;
		count++;
	}
	for (i = 0; i < sizeof(oneoffs) / sizeof(oneoffs[0]); i++)
		if (oneoffs[i].country == c && oneoffs[i].y == year && count < HOLIDAYS_MAX) {
			all[count].days = civtime_days_from_civil(year, oneoffs[i].m, oneoffs[i].d);
			all[count].name = oneoffs[i].name;
			count++;
		}
	for (i = 1; i < count; i++)
		for (j = i; j > 0 && all[j - 1].days > all[j].days; j--) {
			t = all[j];
			all[j] = all[j - 1];
			all[j - 1] = t;
		}
	for (i = 0; i < count && i < max; i++)
		out[i] = all[i];
	return (int)count;
}

const struct holidays_refdiff *holidays_refdiffs(size_t *n)
{
	*n = sizeof(refdiffs) / sizeof(refdiffs[0]);
	return refdiffs;
}
