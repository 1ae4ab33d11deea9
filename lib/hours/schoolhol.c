/*
 * schoolhol: the school holidays of the reference implementation, one row
 * per period, and its selector, which reads them year by year: the
 * periods of a year in the order of their first days, a period that began
 * in the year before ("Vánoční prázdniny" until 3 January), and else the
 * first period of the next year.
 */
#include "schoolhol.h"

#include <stddef.h>

#include "civtime.h"

#include "banned.h"

struct period {
	int kind;                       /* index in cz_names: the reference's series */
	int year;                       /* the year the period is listed under (its start) */
	int from_m, from_d, to_m, to_d; /* to before from: ends the next year */
};

static const char *const cz_names[] = {
	"Vánoční prázdniny", "Pololetní prázdniny", "Velikonoční prázdniny",
	"Hlavní prázdniny",  "Podzimní prázdniny",
};

/* opening_hours 3.15.0, holiday definitions "cz", SH (the country's part) */
static const struct period cz[] = {
	{ 0, 2019, 12, 23, 1, 3 },   { 0, 2020, 12, 23, 1, 3 },   { 0, 2021, 12, 23, 1, 2 },
	{ 0, 2022, 12, 23, 1, 2 },   { 0, 2023, 12, 23, 1, 2 },   { 0, 2024, 12, 23, 1, 3 },
	{ 0, 2025, 12, 22, 1, 2 },   { 0, 2026, 12, 23, 1, 3 },   { 0, 2027, 12, 23, 1, 2 },
	{ 1, 2020, 1, 31, 1, 31 },   { 1, 2021, 1, 29, 1, 29 },   { 1, 2022, 2, 4, 2, 4 },
	{ 1, 2023, 2, 3, 2, 3 },     { 1, 2024, 2, 2, 2, 2 },     { 1, 2025, 1, 31, 1, 31 },
	{ 1, 2026, 1, 30, 1, 30 },   { 1, 2027, 1, 29, 1, 29 },   { 1, 2028, 2, 4, 2, 4 },
	{ 2, 2020, 4, 9, 4, 9 },     { 2, 2021, 4, 1, 4, 1 },     { 2, 2022, 4, 14, 4, 14 },
	{ 2, 2023, 4, 6, 4, 6 },     { 2, 2024, 3, 28, 3, 28 },   { 2, 2025, 4, 17, 4, 17 },
	{ 2, 2026, 4, 2, 4, 2 },     { 2, 2027, 3, 25, 3, 25 },   { 2, 2028, 4, 13, 4, 13 },
	{ 3, 2020, 7, 1, 8, 31 },    { 3, 2021, 7, 1, 8, 31 },    { 3, 2022, 7, 1, 8, 31 },
	{ 3, 2023, 7, 1, 9, 3 },     { 3, 2024, 6, 29, 9, 1 },    { 3, 2025, 7, 1, 8, 31 },
	{ 3, 2026, 7, 1, 8, 31 },    { 3, 2027, 7, 1, 8, 31 },    { 3, 2028, 7, 1, 9, 3 },
	{ 4, 2020, 10, 29, 10, 30 }, { 4, 2021, 10, 27, 10, 29 }, { 4, 2022, 10, 26, 10, 27 },
	{ 4, 2023, 10, 26, 10, 27 }, { 4, 2024, 10, 29, 10, 30 }, { 4, 2025, 10, 27, 10, 29 },
	{ 4, 2026, 10, 29, 10, 30 }, { 4, 2027, 10, 27, 10, 29 },
};

#define NKINDS (sizeof(cz_names) / sizeof(cz_names[0]))
#define NCZ (sizeof(cz) / sizeof(cz[0]))

int schoolhol_has_data(enum holidays_country c)
{
	return c == HOLIDAYS_CZ;
}

void schoolhol_years(enum holidays_country c, int *first, int *last)
{
	size_t i;

	*first = *last = 0;
	if (!schoolhol_has_data(c))
		return;
	for (i = 0; i < NCZ; i++) {
		if (!*first || cz[i].year < *first)
			*first = cz[i].year;
		if (cz[i].year > *last)
			*last = cz[i].year;
	}
}

/* The period of series kind listed under year, or NULL. */
static const struct period *find(int kind, int year)
{
	size_t i;

	for (i = 0; i < NCZ; i++)
		if (cz[i].kind == kind && cz[i].year == year)
			return &cz[i];
	return NULL;
}

/* The reference's getDateNumber: month - 1 and day as one number. */
static int num(int m, int d)
{
	return (m - 1) * 100 + d;
}

/* The periods of year in the order of their first days (a stable sort). */
static size_t year_periods(int year, const struct period **out)
{
	size_t n = 0, i, j;
	unsigned k;

	for (k = 0; k < NKINDS; k++) {
		const struct period *p = find((int)k, year);
		if (!p)
			continue;
		for (i = n; i > 0 &&
			    num(out[i - 1]->from_m, out[i - 1]->from_d) > num(p->from_m, p->from_d);
		     i--)
			;
		for (j = n; j > i; j--)
			out[j] = out[j - 1];
		out[i] = p;
		n++;
	}
	return n;
}

int schoolhol_match(enum holidays_country c, long day, long *next, const char **name)
{
	const struct period *ps[NKINDS];
	int y, m, d, date_num;
	size_t n, i;
	unsigned k;

	*name = NULL;
	if (!schoolhol_has_data(c))
		return -1;
	civtime_civil_from_days(day, &y, &m, &d);
	date_num = num(m, d);
	for (k = 0; k < NKINDS; k++) {
		const struct period *p = find((int)k, y - 1);
		if (p && num(p->from_m, p->from_d) > num(p->to_m, p->to_d) &&
		    date_num <= num(p->to_m, p->to_d)) {
			*next = civtime_days_from_civil(y, p->to_m, p->to_d) + 1;
			*name = cz_names[k];
			return 1;
		}
	}
	n = year_periods(y, ps);
	for (i = 0; i < n; i++) {
		int from = num(ps[i]->from_m, ps[i]->from_d), to = num(ps[i]->to_m, ps[i]->to_d);
		int wraps = to < from;

		if (date_num < from) {
			*next = civtime_days_from_civil(y, ps[i]->from_m, ps[i]->from_d);
			return 0;
		}
		if (date_num <= to || wraps) {
			*next = civtime_days_from_civil(y + wraps, ps[i]->to_m, ps[i]->to_d) + 1;
			*name = cz_names[ps[i]->kind];
			return 1;
		}
	}
	n = year_periods(y + 1, ps);
	if (!n)
		return -1;
	*next = civtime_days_from_civil(y + 1, ps[0]->from_m, ps[0]->from_d);
	return 0;
}
