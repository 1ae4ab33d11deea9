#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "civtime.h"
#include "diag.h"
#include "strbuf.h"
#include "tap.h"

#include "banned.h"

/* Expected values come from Python's datetime and zdump(8), not from this code. */

#define CYCLE ((int64_t)146097 * 86400)	/* 400 Gregorian years */

static long D(int y, int m, int d)
{
	return civtime_days_from_civil(y, m, d);
}

static void test_round_trip(void)
{
	long days = D(1900, 1, 1), bad = 0;
	int y, m, d, prev_wd = civtime_weekday(days - 1);
	for (y = 1900; y <= 2200; y++) {
		for (m = 1; m <= 12; m++) {
			for (d = 1; d <= civtime_days_in_month(y, m); d++, days++) {
				int gy, gm, gd, wd = civtime_weekday(days);
				civtime_civil_from_days(days, &gy, &gm, &gd);
				if (D(y, m, d) != days || gy != y || gm != m ||
				    gd != d || wd != prev_wd % 7 + 1) {
					if (!bad++)
						printf("# first mismatch at %04d-%02d-%02d\n",
						       y, m, d);
				}
				prev_wd = wd;
			}
		}
	}
	is_int(bad, 0, "civil round trip over every day 1900-2200");
	is_int(days, D(2201, 1, 1), "days are consecutive 1900-2200");
}

static void test_known_days(void)
{
	static const struct { int y, m, d; long days; int wd; } t[] = {
		{ 1970, 1, 1, 0, 4 },
		{ 1969, 12, 31, -1, 3 },
		{ 2000, 3, 1, 11017, 3 },
		{ 1900, 1, 1, -25567, 1 },
		{ 1, 1, 1, -719162, 1 },
		{ 2024, 2, 29, 19782, 4 },
		{ 2026, 11, 23, 20780, 1 },
		{ 2200, 12, 31, 84370, 3 },
		{ 9999, 12, 31, 2932896, 5 },
	};
	size_t i;
	char buf[16];
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		is_int(D(t[i].y, t[i].m, t[i].d), t[i].days, "days_from_civil %04d-%02d-%02d",
		       t[i].y, t[i].m, t[i].d);
		is_int(civtime_weekday(t[i].days), t[i].wd, "weekday of %04d-%02d-%02d",
		       t[i].y, t[i].m, t[i].d);
	}
	is_int(civtime_weekday(D(2026, 11, 29)), 7, "2026-11-29 is a Sunday");
	is_int(D(2026, 3, 0), D(2026, 2, 28), "day 0 is the last day of the month before");
	civtime_format_date(buf, 20780);
	is_str(buf, "2026-11-23", "format_date");
	civtime_format_date(buf, -1);
	is_str(buf, "1969-12-31", "format_date before the epoch");
	civtime_format_date(buf, -719162);
	is_str(buf, "0001-01-01", "format_date year 1");
}

static void test_day_of(void)
{
	is_int(civtime_day_of(0), 0, "day_of 1970-01-01T00:00");
	is_int(civtime_day_of(86399), 0, "day_of 1970-01-01T23:59:59");
	is_int(civtime_day_of(-1), -1, "day_of 1969-12-31T23:59:59: rounded down, not toward 0");
	is_int(civtime_day_of(-86400), -1, "day_of 1969-12-31T00:00");
	is_int(civtime_day_of(-86401), -2, "day_of 1969-12-30T23:59:59");
	is_int(civtime_day_of((int64_t)D(2026, 11, 23) * 86400 + 50000), D(2026, 11, 23),
	       "day_of 2026-11-23T13:53:20");
}

static void test_days_in_month(void)
{
	is_int(civtime_days_in_month(1900, 2), 28, "February 1900");
	is_int(civtime_days_in_month(2000, 2), 29, "February 2000");
	is_int(civtime_days_in_month(2024, 2), 29, "February 2024");
	is_int(civtime_days_in_month(2026, 2), 28, "February 2026");
	is_int(civtime_days_in_month(2100, 2), 28, "February 2100");
	is_int(civtime_days_in_month(2026, 4), 30, "April");
	is_int(civtime_days_in_month(2026, 12), 31, "December");
	is_int(civtime_days_in_month(2026, 13), 0, "month 13");
	is_int(civtime_days_in_month(2026, 0), 0, "month 0");
}

/* ISO week by the ordinal-date method, independent of civtime_iso_week. */
static int weeks_by_jan1(int y)
{
	int wd = civtime_weekday(D(y, 1, 1));
	return wd == 4 || (wd == 3 && civtime_is_leap(y)) ? 53 : 52;
}

static void ordinal_week(int y, long days, int *iy, int *w)
{
	long doy = days - D(y, 1, 1) + 1;
	*iy = y;
	*w = (int)((doy - civtime_weekday(days) + 10) / 7);
	if (*w < 1) {
		*iy = y - 1;
		*w = weeks_by_jan1(y - 1);
	} else if (*w > weeks_by_jan1(y)) {
		*iy = y + 1;
		*w = 1;
	}
}

static void test_iso_weeks(void)
{
	static const struct { int y, m, d, iy, w; } t[] = {
		{ 2020, 12, 31, 2020, 53 },
		{ 2021, 1, 3, 2020, 53 },
		{ 2021, 1, 4, 2021, 1 },
		{ 2026, 11, 23, 2026, 48 },
		{ 2024, 12, 30, 2025, 1 },
		{ 2025, 12, 29, 2026, 1 },
		{ 2026, 1, 1, 2026, 1 },
		{ 2026, 12, 31, 2026, 53 },
		{ 2027, 1, 3, 2026, 53 },
		{ 2027, 1, 4, 2027, 1 },
		{ 2008, 12, 29, 2009, 1 },
		{ 2010, 1, 3, 2009, 53 },
		{ 1969, 12, 31, 1970, 1 },
		{ 2200, 12, 31, 2201, 1 },
	};
	static const struct { int y, weeks; } n[] = {
		{ 2019, 52 }, { 2020, 53 }, { 2021, 52 }, { 2024, 52 },
		{ 2025, 52 }, { 2026, 53 }, { 2027, 52 }, { 2032, 53 },
	};
	size_t i;
	long days, bad = 0;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		int iy, w;
		civtime_iso_week(D(t[i].y, t[i].m, t[i].d), &iy, &w);
		ok(iy == t[i].iy && w == t[i].w, "%04d-%02d-%02d is %04d-W%02d (got %04d-W%02d)",
		   t[i].y, t[i].m, t[i].d, t[i].iy, t[i].w, iy, w);
	}
	for (i = 0; i < sizeof n / sizeof n[0]; i++)
		is_int(civtime_iso_weeks_in_year(n[i].y), n[i].weeks,
		       "%d has %d ISO weeks", n[i].y, n[i].weeks);
	for (days = D(1900, 1, 1); days < D(2201, 1, 1); days++) {
		int y, m, d, iy, w, oy, ow;
		civtime_civil_from_days(days, &y, &m, &d);
		civtime_iso_week(days, &iy, &w);
		ordinal_week(y, days, &oy, &ow);
		if ((iy != oy || w != ow) && !bad++)
			printf("# first mismatch at %04d-%02d-%02d\n", y, m, d);
	}
	is_int(bad, 0, "iso_week agrees with the ordinal-date method 1900-2200");
	for (bad = 0, i = 1900; i <= 2200; i++)
		bad += civtime_iso_weeks_in_year((int)i) != weeks_by_jan1((int)i);
	is_int(bad, 0, "weeks per year agree with the January 1st rule 1900-2200");
}

static void test_parse_dates(void)
{
	static const char *const bad_dates[] = {
		"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
		"2026-11-00", "2026-11-23x", "2026-11-23 ", " 2026-11-23",
		"2026-1-05", "2026-11-3", "26-11-23", "2026/11/23", "",
		"+2026-11-23", "20261123", "2026-11",
	};
	static const char *const bad_months[] = {
		"2026-13", "2026-00", "2026-1", "2026-11-01", "2026-11x", "202611", "",
	};
	static const char *const bad_weeks[] = {
		"2026-W54", "2025-W53", "2024-W53", "2026-W00", "2026-W5",
		"2026-w05", "2026W05", "2026-W05x", "2026-W05-1", "",
	};
	long days = 0, next = 0;
	size_t i;

	ok(!civtime_parse_date("2026-11-23", &days) && days == 20780, "parse 2026-11-23");
	ok(!civtime_parse_date("2024-02-29", &days) && days == 19782, "parse 2024-02-29");
	ok(!civtime_parse_date("2000-02-29", &days) && days == D(2000, 2, 29), "parse 2000-02-29");
	ok(civtime_parse_date("1900-02-29", &days), "reject 1900-02-29");
	for (i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++)
		is_int(civtime_parse_date(bad_dates[i], &days), -1, "reject date '%s'",
		       bad_dates[i]);

	ok(!civtime_parse_month("2026-11", &days, &next) && days == D(2026, 11, 1) &&
	   next == D(2026, 12, 1), "parse month 2026-11");
	ok(!civtime_parse_month("2026-12", &days, &next) && days == D(2026, 12, 1) &&
	   next == D(2027, 1, 1), "parse month 2026-12 ends with the year");
	ok(!civtime_parse_month("2024-02", &days, &next) && next - days == 29,
	   "parse month 2024-02 has 29 days");
	for (i = 0; i < sizeof bad_months / sizeof bad_months[0]; i++)
		is_int(civtime_parse_month(bad_months[i], &days, &next), -1,
		       "reject month '%s'", bad_months[i]);

	ok(!civtime_parse_week("2026-W48", &days) && days == D(2026, 11, 23), "parse 2026-W48");
	ok(!civtime_parse_week("2026-W53", &days) && days == D(2026, 12, 28), "parse 2026-W53");
	ok(!civtime_parse_week("2020-W53", &days) && days == D(2020, 12, 28), "parse 2020-W53");
	ok(!civtime_parse_week("2025-W01", &days) && days == D(2024, 12, 30), "parse 2025-W01");
	ok(!civtime_parse_week("2026-W01", &days) && days == D(2025, 12, 29), "parse 2026-W01");
	ok(!civtime_parse_week("2009-W53", &days) && days == D(2009, 12, 28), "parse 2009-W53");
	for (i = 0; i < sizeof bad_weeks / sizeof bad_weeks[0]; i++)
		is_int(civtime_parse_week(bad_weeks[i], &days), -1, "reject week '%s'",
		       bad_weeks[i]);
}

static void check_ts(const char *s, int64_t want_utc, int want_off)
{
	int64_t utc = 0;
	int off = 0;
	int r = civtime_parse_ts(s, NULL, &utc, &off);
	ok(r == 0 && utc == want_utc && off == want_off,
	   "parse '%s' = %lld %d (got %d: %lld %d)", s, (long long)want_utc,
	   want_off, r, (long long)utc, off);
}

/* Formatting is exact for any year; reading back, only in the range of dates. */
static void check_format(int64_t utc, int off, const char *want)
{
	char buf[CIVTIME_TS_MAX];
	int64_t back = 0;
	int boff = 0, r;
	long local_days = (long)civtime_floor_div(utc + off, 86400);
	civtime_format_ts(buf, utc, off);
	is_str(buf, want, "format %lld %d", (long long)utc, off);
	r = civtime_parse_ts(buf, NULL, &back, &boff);
	if (civtime_in_range(local_days))
		ok(!r && back == utc && boff == off, "round trip '%s'", buf);
	else
		is_int(r, CIVTIME_RANGE, "'%s' is outside the range of dates", buf);
}

static void test_timestamps(void)
{
	static const char *const bad[] = {
		"2026-11-23T14:05:00", "2026-11-23T24:00:00Z", "2026-11-23T14:60Z",
		"2026-11-23T14:05:60Z", "2026-11-23t14:05Z",
		"2026-11-23T14:05z", "2026-11-23T14:05+1:00", "2026-11-23T14:05+01:0",
		"2026-11-23T14:05+24:00", "2026-11-23T14:05+01:60",
		"2026-11-23T14:05:00.5Z", "2026-11-23T14:05Z ", "2026-02-29T10:00Z",
		"2026-11-23T14Z", "2026-11-23T4:05Z", "2026-11-23T14:05+0100x",
		"2026-11-23T14:05+010", "2026-11-23T14:05+", "2026-11-23T14:05:00+01:00:",
		"",
	};
	const int64_t t = 1795439100;	/* 2026-11-23T13:05:00Z */
	int64_t local = 0, utc = 0;
	int off = 0;
	char buf[CIVTIME_TS_MAX];
	size_t i;

	check_ts("2026-11-23T14:05:00+01:00", t, 3600);
	check_ts("2026-11-23T14:05+01:00", t, 3600);
	check_ts("2026-11-23T14:05:00+0100", t, 3600);
	check_ts("2026-11-23T14:05:00+01", t, 3600);
	check_ts("2026-11-23T13:05:00Z", t, 0);
	check_ts("2026-11-23T13:05Z", t, 0);
	check_ts("2026-11-23T08:35:00-04:30", t, -16200);
	check_ts("2026-11-23T18:50:00+05:45", t, 20700);
	check_ts("2026-11-23T14:05:00-00:00", t + 3600, 0);
	check_ts("2026-11-24T00:05:00+11:00", t, 39600);
	is_int(civtime_parse_ts("1969-12-31T23:59:59Z", NULL, &utc, &off), CIVTIME_RANGE,
	       "1969-12-31T23:59:59Z is outside the range of dates");
	check_ts("1970-01-01T00:00:00Z", 0, 0);
	check_ts("1970-01-01T00:57:44+00:57:44", 0, 3464);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		is_int(civtime_parse_ts(bad[i], NULL, &utc, &off), -1,
		       "reject timestamp '%s'", bad[i]);

	check_format(t, 3600, "2026-11-23T14:05:00+01:00");
	check_format(t, 0, "2026-11-23T13:05:00+00:00");
	check_format(t, -16200, "2026-11-23T08:35:00-04:30");
	check_format(t, 39600, "2026-11-24T00:05:00+11:00");
	check_format(t, -36000, "2026-11-23T03:05:00-10:00");
	check_format(-1, 0, "1969-12-31T23:59:59+00:00");
	check_format(-1, -3600, "1969-12-31T22:59:59-01:00");
	check_format(0, 3464, "1970-01-01T00:57:44+00:57:44");
	check_format(1709164800 + 3599, 3600, "2024-02-29T01:59:59+01:00");
	check_format(253402300799, 0, "9999-12-31T23:59:59+00:00");

	ok(!civtime_parse_local("2026-11-24T09:00", &local) &&
	   local == (int64_t)D(2026, 11, 24) * 86400 + 9 * 3600, "parse local 2026-11-24T09:00");
	civtime_format_local(buf, local);
	is_str(buf, "2026-11-24T09:00", "format local without seconds");
	ok(!civtime_parse_local("2026-11-24T09:00:07", &local), "parse local with seconds");
	civtime_format_local(buf, local);
	is_str(buf, "2026-11-24T09:00:07", "format local with seconds");
	is_int(civtime_parse_local("2026-11-24T09:00Z", &local), -1, "local rejects a zone");
	is_int(civtime_parse_local("2026-11-24", &local), -1, "local needs a time");
	civtime_format_local(buf, -60);
	is_str(buf, "1969-12-31T23:59", "format local before the epoch");
	civtime_format_local(buf, (int64_t)D(0, 1, 1) * 86400 + 59);
	is_str(buf, "0000-01-01T00:00:59", "format local in year 0 (digits by hand)");
	civtime_format_local(buf, (int64_t)D(10000, 1, 1) * 86400 + 60);
	is_str(buf, "10000-01-01T00:01", "format local in year 10000 (snprintf)");
}

/* 1970-01-01 .. 2199-12-31: every parser refuses the rest, none guesses. */
static void test_range(void)
{
	struct diag d = DIAG_INIT;
	struct civtz *utc_zone = NULL;
	long days = 0, next = 0;
	int64_t local = 0, utc = 0;
	int off = 0;

	ok(civtime_in_range(0) && civtime_in_range(D(2199, 12, 31)), "in range: first and last day");
	ok(!civtime_in_range(-1) && !civtime_in_range(D(2200, 1, 1)), "not in range: the days around");
	is_int(civtime_parse_date("1970-01-01", &days), 0, "date 1970-01-01");
	is_int(civtime_parse_date("2199-12-31", &days), 0, "date 2199-12-31");
	is_int(civtime_parse_date("1969-12-31", &days), CIVTIME_RANGE, "date 1969-12-31: range");
	is_int(civtime_parse_date("2200-01-01", &days), CIVTIME_RANGE, "date 2200-01-01: range");
	is_int(civtime_parse_date("0000-01-01", &days), CIVTIME_RANGE, "date 0000-01-01: range");
	is_int(civtime_parse_date("0026-11-23", &days), CIVTIME_RANGE, "date 0026-11-23: range");
	is_int(civtime_parse_date("9999-12-31", &days), CIVTIME_RANGE, "date 9999-12-31: range");
	is_int(civtime_parse_date("0000-02-30", &days), CIVTIME_BAD, "an impossible date is bad, not range");
	is_int(civtime_parse_month("1970-01", &days, &next), 0, "month 1970-01");
	is_int(civtime_parse_month("2199-12", &days, &next), 0, "month 2199-12");
	is_int(civtime_parse_month("1969-12", &days, &next), CIVTIME_RANGE, "month 1969-12: range");
	is_int(civtime_parse_month("2200-01", &days, &next), CIVTIME_RANGE, "month 2200-01: range");
	ok(!civtime_parse_week("1970-W01", &days) && days == D(1969, 12, 29),
	   "week 1970-W01 begins on 1969-12-29 and is in the range");
	is_int(civtime_parse_week("1969-W52", &days), CIVTIME_RANGE, "week 1969-W52: range");
	is_int(civtime_parse_week("2200-W01", &days), 0, "week 2200-W01 begins on 2199-12-29");
	is_int(civtime_parse_week("2200-W02", &days), CIVTIME_RANGE, "week 2200-W02: range");
	is_int(civtime_parse_local("1970-01-01T00:00", &local), 0, "local 1970-01-01T00:00");
	is_int(civtime_parse_local("1969-12-31T23:59", &local), CIVTIME_RANGE, "local 1969-12-31T23:59: range");
	is_int(civtime_parse_local("2199-12-31T23:59", &local), 0, "local 2199-12-31T23:59");
	is_int(civtime_parse_local("2200-01-01T00:00", &local), CIVTIME_RANGE, "local 2200-01-01: range");
	is_int(civtime_parse_ts("0026-11-23T10:00", NULL, &utc, &off), CIVTIME_BAD,
	       "a local time without a zone is bad");
	is_int(civtime_parse_ts("0026-11-23T10:00Z", NULL, &utc, &off), CIVTIME_RANGE,
	       "timestamp 0026-11-23T10:00Z: range");
	if (civtz_load("UTC", &utc_zone, &d) == 0) {
		is_int(civtime_parse_ts("0026-11-23T10:00", utc_zone, &utc, &off), CIVTIME_RANGE,
		       "local 0026-11-23T10:00 in a zone: range, no offset with seconds stored");
		is_int(civtime_parse_ts("1970-01-01T03:00+05:00", NULL, &utc, &off), 0,
		       "1970-01-01T03:00+05:00 as written is in the range");
		is_int(civtime_parse_ts("1970-01-01T03:00+05:00", utc_zone, &utc, &off), CIVTIME_RANGE,
		       "but in the directory's zone it is 1969-12-31: range");
		is_int(civtime_parse_ts("2199-12-31T22:00-05:00", utc_zone, &utc, &off), CIVTIME_RANGE,
		       "2199-12-31T22:00-05:00 is 2200-01-01 in UTC: range");
		civtz_free(utc_zone);
	}
	diag_set(&d, DIAG_DATA, NULL, 0, 0, "x");
	civtime_hint(&d, CIVTIME_RANGE, "write it as 2026-11-23");
	is_str(d.hint, "a date must be from 1970-01-01 to 2199-12-31 (okienko-files(5), Dates)",
	       "hint for a date outside the range");
	civtime_hint(&d, CIVTIME_BAD, "write it as 2026-11-23");
	is_str(d.hint, "write it as 2026-11-23", "hint for a bad date");
	diag_hint(&d, "kept");
	civtime_hint(&d, CIVTIME_BAD, NULL);
	is_str(d.hint, "kept", "no hint given: the hint is left");
}

static void test_now(void)
{
	struct diag d = DIAG_INIT;
	int64_t now = 0, sys;

	setenv("OKIENKO_NOW", "2026-11-23T14:05:00+01:00", 1);
	is_int(civtime_now(), 1795439100, "OKIENKO_NOW sets the time");
	ok(!civtime_now_checked(&now, &d) && now == 1795439100, "now_checked with OKIENKO_NOW");

	setenv("OKIENKO_NOW", "2026-11-23T14:05", 1);
	is_int(civtime_now_checked(&now, &d), -1, "OKIENKO_NOW without offset is refused");
	is_int(d.status, DIAG_USAGE, "invalid OKIENKO_NOW is a usage error");
	is_str(d.msg, "invalid OKIENKO_NOW '2026-11-23T14:05'", "invalid OKIENKO_NOW message");
	/* between two readings of the clock, however long the machine takes */
	sys = (int64_t)time(NULL);
	now = civtime_now();
	ok(now >= sys && now <= (int64_t)time(NULL), "civtime_now ignores an invalid OKIENKO_NOW");

	setenv("OKIENKO_NOW", "2200-01-01T00:00:00Z", 1);
	is_int(civtime_now_checked(&now, &d), -1, "OKIENKO_NOW outside the range of dates is refused");
	is_str(d.hint, "a date must be from 1970-01-01 to 2199-12-31 (okienko-files(5), Dates)",
	       "with the range as the hint");

	unsetenv("OKIENKO_NOW");
	sys = (int64_t)time(NULL);
	now = civtime_now();
	ok(now >= sys && now <= (int64_t)time(NULL), "civtime_now without OKIENKO_NOW is time(NULL)");
	setenv("OKIENKO_NOW", "", 1);
	diag_clear(&d);
	sys = (int64_t)time(NULL);
	ok(!civtime_now_checked(&now, &d) && now >= sys && now <= (int64_t)time(NULL),
	   "empty OKIENKO_NOW is unset");
	unsetenv("OKIENKO_NOW");
}

static struct civtz *load(const char *name)
{
	struct diag d = DIAG_INIT;
	struct civtz *tz = NULL;
	if (civtz_load(name, &tz, &d)) {
		ok(0, "load %s: %s", name, d.msg);
		return NULL;
	}
	return tz;
}

/* "YYYY-MM-DDTHH:MM:SSZ" of any year, without the parser's range of dates. */
static int utc_of(const char *s, int64_t *utc)
{
	int y, mo, d, h, mi, sec;
	char z;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z) != 7 || z != 'Z')
		return -1;
	*utc = (int64_t)civtime_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	return 0;
}

static void check_offset(const struct civtz *tz, const char *utc_s, int want)
{
	int64_t utc;
	if (utc_of(utc_s, &utc)) {
		ok(0, "bad test timestamp '%s'", utc_s);
		return;
	}
	is_int(civtz_offset_at(tz, utc), want, "%s offset at %s", civtz_name(tz), utc_s);
}

/* Local time s read in tz, printed with the offset then in effect. */
static void check_local(const struct civtz *tz, const char *s, const char *want)
{
	char buf[CIVTIME_TS_MAX] = "";
	int64_t utc;
	int off;
	if (!civtime_parse_ts(s, tz, &utc, &off))
		civtime_format_ts(buf, utc, off);
	is_str(buf, want, "%s local %s", civtz_name(tz), s);
}

static void test_central_europe(const char *name)
{
	struct civtz *tz = load(name);
	if (!tz)
		return;
	is_str(civtz_name(tz), name, "civtz_name");
	is_int(civtime_parse_ts("2199-12-31T23:30:00Z", tz, &(int64_t){ 0 }, &(int){ 0 }),
	       CIVTIME_RANGE, "%s: 2199-12-31T23:30Z is 2200 in the zone: out of range", name);
	check_offset(tz, "2026-01-15T12:00:00Z", 3600);
	check_offset(tz, "2026-03-29T00:59:59Z", 3600);
	check_offset(tz, "2026-03-29T01:00:00Z", 7200);
	check_offset(tz, "2026-10-25T00:59:59Z", 7200);
	check_offset(tz, "2026-10-25T01:00:00Z", 3600);
	check_offset(tz, "1990-03-25T00:59:59Z", 3600);
	check_offset(tz, "1990-03-25T01:00:00Z", 7200);
	check_offset(tz, "1990-09-30T00:59:59Z", 7200);
	check_offset(tz, "1990-09-30T01:00:00Z", 3600);
	check_offset(tz, "2090-03-26T00:59:59Z", 3600);
	check_offset(tz, "2090-03-26T01:00:00Z", 7200);
	check_offset(tz, "2090-10-29T00:59:59Z", 7200);
	check_offset(tz, "2090-10-29T01:00:00Z", 3600);

	check_local(tz, "2026-11-23T14:05", "2026-11-23T14:05:00+01:00");
	check_local(tz, "2026-03-29T01:59:59", "2026-03-29T01:59:59+01:00");
	check_local(tz, "2026-03-29T02:00", ""); /* skipped by the clocks: refused */
	check_local(tz, "2026-03-29T02:30", "");
	check_local(tz, "2026-03-29T02:59:59", "");
	check_local(tz, "2026-03-29T03:00", "2026-03-29T03:00:00+02:00");
	check_local(tz, "2026-10-25T01:59:59", "2026-10-25T01:59:59+02:00");
	check_local(tz, "2026-10-25T02:00", "2026-10-25T02:00:00+02:00");
	check_local(tz, "2026-10-25T02:30", "2026-10-25T02:30:00+02:00");
	check_local(tz, "2026-10-25T02:59:59", "2026-10-25T02:59:59+02:00");
	check_local(tz, "2026-10-25T03:00", "2026-10-25T03:00:00+01:00");
	check_local(tz, "2090-03-26T02:30", "");
	check_local(tz, "2090-10-29T02:30", "2090-10-29T02:30:00+02:00");
	check_local(tz, "1990-03-25T02:30", "");
	check_local(tz, "1990-09-30T02:30", "1990-09-30T02:30:00+02:00");
	check_local(tz, "2026-11-23T14:05+03:00", "2026-11-23T14:05:00+03:00");
	check_local(tz, "2026-11-23 14:05", "2026-11-23T14:05:00+01:00");
	{
		int64_t u;
		int off;
		is_int(civtime_parse_ts("2026-03-29T02:30", tz, &u, &off), CIVTIME_GAP,
		       "%s: a time the clocks skipped is refused", name);
		is_int(civtime_parse_ts("2026-03-29T02:30+01:00", tz, &u, &off), 0,
		       "%s: with its offset it is an instant", name);
		is_int(civtime_parse_ts("2026-11-23  14:05", tz, &u, &off), CIVTIME_BAD,
		       "%s: one space, not two", name);
	}
	/* the local date of an instant: 23:30Z on 31 Dec is 1 Jan here */
	is_int(civtime_local_day(tz, (int64_t)D(2026, 12, 31) * 86400 + 23 * 3600 + 1800),
	       D(2027, 1, 1), "%s: 2026-12-31T23:30Z is 2027-01-01 here", name);
	is_int(civtime_local_day(tz, (int64_t)D(1969, 12, 31) * 86400 + 22 * 3600 + 1800),
	       D(1969, 12, 31), "%s: 1969-12-31T22:30Z is still 1969-12-31 here", name);
	civtz_free(tz);
}

static void test_other_zones(void)
{
	struct civtz *tz;
	int64_t local, utc;

	if ((tz = load("Europe/Prague"))) {
		civtime_parse_local("2026-10-25T02:30", &local);
		is_int(civtz_local_to_utc(tz, local), 1792888200,
		       "overlap resolves to the first occurrence (00:30Z)");
		civtime_parse_local("2026-03-29T02:30", &local);
		is_int(civtz_local_to_utc(tz, local), 1774747800,
		       "gap moves forward by the gap (01:30Z)");
		utc = 1795439100;
		is_int(civtz_local_to_utc(tz, utc + civtz_offset_at(tz, utc)), utc,
		       "local_to_utc inverts offset_at");
		check_offset(tz, "1850-01-01T00:00:00Z", 3464);
		civtz_free(tz);
	}
	if ((tz = load("America/Sao_Paulo"))) {
		check_offset(tz, "2018-02-18T01:59:59Z", -7200);
		check_offset(tz, "2018-02-18T02:00:00Z", -10800);
		check_offset(tz, "2018-11-04T02:59:59Z", -10800);
		check_offset(tz, "2018-11-04T03:00:00Z", -7200);
		check_offset(tz, "2026-01-15T12:00:00Z", -10800);
		check_offset(tz, "2090-01-15T12:00:00Z", -10800);
		check_local(tz, "2018-11-04T00:30", ""); /* midnight skipped there: refused */
		check_local(tz, "2018-02-17T23:30", "2018-02-17T23:30:00-02:00");
		check_local(tz, "2018-02-18T00:00", "2018-02-18T00:00:00-03:00");
		civtz_free(tz);
	}
	if ((tz = load("Australia/Sydney"))) {
		check_offset(tz, "2090-01-15T12:00:00Z", 39600);
		check_offset(tz, "2090-04-01T15:59:59Z", 39600);
		check_offset(tz, "2090-04-01T16:00:00Z", 36000);
		check_offset(tz, "2090-09-30T15:59:59Z", 36000);
		check_offset(tz, "2090-09-30T16:00:00Z", 39600);
		check_offset(tz, "2090-12-31T23:59:59Z", 39600);
		check_local(tz, "2090-04-02T02:30", "2090-04-02T02:30:00+11:00");
		check_local(tz, "2090-10-01T02:30", ""); /* skipped */
		check_local(tz, "2091-01-01T00:00", "2091-01-01T00:00:00+11:00");
		civtz_free(tz);
	}
	if ((tz = load("Europe/Dublin"))) {	/* negative DST in the footer */
		check_offset(tz, "2090-01-15T12:00:00Z", 0);
		check_offset(tz, "2090-03-26T00:59:59Z", 0);
		check_offset(tz, "2090-03-26T01:00:00Z", 3600);
		check_offset(tz, "2090-10-29T00:59:59Z", 3600);
		check_offset(tz, "2090-10-29T01:00:00Z", 0);
		civtz_free(tz);
	}
	if ((tz = load("America/Nuuk"))) {	/* negative rule times */
		check_offset(tz, "2090-03-26T00:59:59Z", -7200);
		check_offset(tz, "2090-03-26T01:00:00Z", -3600);
		check_offset(tz, "2090-10-29T00:59:59Z", -3600);
		check_offset(tz, "2090-10-29T01:00:00Z", -7200);
		civtz_free(tz);
	}
	if ((tz = load("Asia/Jerusalem"))) {	/* rule time 26:00 */
		check_offset(tz, "2090-03-23T23:59:59Z", 7200);
		check_offset(tz, "2090-03-24T00:00:00Z", 10800);
		check_offset(tz, "2090-10-28T22:59:59Z", 10800);
		check_offset(tz, "2090-10-28T23:00:00Z", 7200);
		civtz_free(tz);
	}
}

static void check_load_error(const char *name, enum diag_status status,
			     const char *msg)
{
	struct diag d = DIAG_INIT;
	struct civtz *tz = NULL;
	is_int(civtz_load(name, &tz, &d), -1, "load '%s' fails", name);
	is_int(d.status, status, "load '%s' status", name);
	is_str(d.msg, msg, "load '%s' message", name);
	is_str(d.hint, "", "load '%s' has no hint", name);
	civtz_free(tz);
}

static void test_load_errors(void)
{
	check_load_error("Europe/Prag", DIAG_DATA, "unknown time zone 'Europe/Prag'");
	check_load_error("Europe", DIAG_DATA, "unknown time zone 'Europe'");
	check_load_error("../etc/passwd", DIAG_DATA, "invalid time zone name '../etc/passwd'");
	check_load_error("Europe/../UTC", DIAG_DATA, "invalid time zone name 'Europe/../UTC'");
	check_load_error("/etc/passwd", DIAG_DATA, "invalid time zone name '/etc/passwd'");
	check_load_error("Europe//Prague", DIAG_DATA, "invalid time zone name 'Europe//Prague'");
	check_load_error("Europe/Prague/", DIAG_DATA, "invalid time zone name 'Europe/Prague/'");
	check_load_error("Europe/Pra gue", DIAG_DATA, "invalid time zone name 'Europe/Pra gue'");
	check_load_error("zone.tab", DIAG_DATA, "invalid time zone name 'zone.tab'");
	check_load_error("", DIAG_DATA, "invalid time zone name ''");
}

/* A scratch TZDIR with TZif files made by the test. */
static char tmpdir[64];
static const char *created[16];	/* names in tmpdir, all literals */
static int ncreated;

static void put32(struct strbuf *sb, uint32_t v)
{
	unsigned char b[4] = { v >> 24, v >> 16, v >> 8, v };
	strbuf_add(sb, b, 4);
}

static void put64(struct strbuf *sb, int64_t v)
{
	put32(sb, (uint32_t)((uint64_t)v >> 32));
	put32(sb, (uint32_t)v);
}

static void put_header(struct strbuf *sb, char version, uint32_t leapcnt,
		       uint32_t timecnt, uint32_t typecnt)
{
	static const char zeros[15];
	strbuf_add(sb, "TZif", 4);
	strbuf_addch(sb, version);
	strbuf_add(sb, zeros, sizeof zeros);
	put32(sb, 0);
	put32(sb, 0);
	put32(sb, leapcnt);
	put32(sb, timecnt);
	put32(sb, typecnt);
	put32(sb, 4);	/* charcnt: "ABC\0" */
}

struct tzif_spec {
	char version;		/* 0 for v1, else '2', '3', '4' */
	int ntrans;
	const int64_t *times;
	const unsigned char *idx;
	int ntypes;
	const int32_t *offs;
	const char *footer;	/* v2+ only */
	int leapcnt;
};

static void put_block(struct strbuf *sb, const struct tzif_spec *s, int wide)
{
	int i;
	put_header(sb, s->version, (uint32_t)s->leapcnt, (uint32_t)s->ntrans,
		   (uint32_t)s->ntypes);
	for (i = 0; i < s->ntrans; i++) {
		if (wide)
			put64(sb, s->times[i]);
		else
			put32(sb, (uint32_t)s->times[i]);
	}
	strbuf_add(sb, s->idx, (size_t)s->ntrans);
	for (i = 0; i < s->ntypes; i++) {
		put32(sb, (uint32_t)s->offs[i]);
		strbuf_add(sb, "\0\0", 2);
	}
	strbuf_add(sb, "ABC", 4);
	for (i = 0; i < s->leapcnt; i++) {
		if (wide)
			put64(sb, 78796800);
		else
			put32(sb, 78796800);
		put32(sb, 1);
	}
}

static void build_tzif(struct strbuf *sb, const struct tzif_spec *s)
{
	strbuf_reset(sb);
	if (!s->version) {
		put_block(sb, s, 0);
		return;
	}
	put_header(sb, s->version, 0, 0, 1);
	strbuf_add(sb, "\0\0\0\0\0\0ABC", 10);
	put_block(sb, s, 1);
	strbuf_addf(sb, "\n%s\n", s->footer);
}

static void write_zone(const char *name, const void *data, size_t len)
{
	char path[128];
	FILE *f;
	int i;
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
	for (i = 0; i < ncreated; i++)
		if (!strcmp(created[i], name))
			return;
	if (ncreated < 16)
		created[ncreated++] = name;
}

static void write_spec(const char *name, const struct tzif_spec *s)
{
	struct strbuf sb = STRBUF_INIT;
	build_tzif(&sb, s);
	write_zone(name, sb.buf, sb.len);
	strbuf_release(&sb);
}

static struct civtz *load_spec(const char *name, const struct tzif_spec *s)
{
	write_spec(name, s);
	return load(name);
}

static int load_fails_with(const char *name, const char *msg)
{
	struct diag d = DIAG_INIT;
	struct civtz *tz = NULL;
	int r = civtz_load(name, &tz, &d);
	civtz_free(tz);
	return r == -1 && d.status == DIAG_DATA && !strcmp(d.msg, msg);
}

static void test_synthetic_zones(void)
{
	static const int64_t times[] = { 0, 1000000 };
	static const int64_t same[] = { 1000, 1000 };
	static const int64_t backwards[] = { 1000000, 0 };
	static const unsigned char idx[] = { 1, 0 };
	static const unsigned char bad_idx[] = { 1, 2 };
	static const int32_t offs[] = { 0, 3600, 10800 };
	struct tzif_spec s = { 0, 2, times, idx, 2, offs, "", 0 };
	struct civtz *tz;
	char msg[256];
	int64_t utc;

	if ((tz = load_spec("V1", &s))) {
		is_int(civtz_offset_at(tz, -1), 0, "v1: type 0 before the first transition");
		is_int(civtz_offset_at(tz, 0), 3600, "v1: first transition");
		is_int(civtz_offset_at(tz, 999999), 3600, "v1: before the second");
		is_int(civtz_offset_at(tz, 5000000000), 0, "v1: after the last transition");
		civtz_free(tz);
	}
	s.version = '2';
	if ((tz = load_spec("V2", &s))) {
		is_int(civtz_offset_at(tz, 500), 3600, "v2 without footer");
		is_int(civtz_offset_at(tz, 5000000000), 0, "v2 empty footer: last type");
		civtz_free(tz);
	}
	s.version = '3';
	s.ntrans = 0;
	s.footer = "<+03>-3";
	if ((tz = load_spec("V3", &s))) {
		is_int(civtz_offset_at(tz, 0), 10800, "footer only, quoted name");
		is_int(civtz_offset_at(tz, INT64_MAX), 10800, "footer at INT64_MAX");
		civtz_free(tz);
	}
	s.footer = "AAA-1BBB,J60/0,300/0";
	if ((tz = load_spec("Julian", &s))) {
		is_int(civtz_offset_at(tz, 3792006000 - 1), 3600, "J60 2090: before");
		is_int(civtz_offset_at(tz, 3792006000), 7200, "J60 2090: March 1");
		is_int(civtz_offset_at(tz, 3812824800 - 1), 7200, "n300 2090: before");
		is_int(civtz_offset_at(tz, 3812824800), 3600, "n300 2090: October 28");
		is_int(civtz_offset_at(tz, 3728934000 - 1), 3600, "J60 2088: not on February 29");
		is_int(civtz_offset_at(tz, 3728934000), 7200, "J60 2088: March 1");
		is_int(civtz_offset_at(tz, 3749666400 - 1), 7200, "n300 2088: before");
		is_int(civtz_offset_at(tz, 3749666400), 3600, "n300 2088 counts February 29");
		is_int(civtz_offset_at(tz, INT64_MAX), 3600, "rule at INT64_MAX");
		is_int(civtz_offset_at(tz, 3802593600 + 10000 * CYCLE), 7200,
		       "rules repeat 4 million years ahead");
		is_int(civtz_offset_at(tz, 3802593600 - 10000 * CYCLE), 7200,
		       "rules repeat 4 million years back");
		is_int(civtz_offset_at(tz, 3813544800 + 10000 * CYCLE), 3600,
		       "winter 4 million years ahead");
		utc = civtz_local_to_utc(tz, INT64_MAX);
		is_int(utc + civtz_offset_at(tz, utc), (int64_t)1 << 62,
		       "local_to_utc clamps far values to 2^62");
		civtz_free(tz);
	}
	s.ntrans = 2;
	s.footer = "EST5EDT";
	if ((tz = load_spec("US", &s))) {
		is_int(civtz_offset_at(tz, 3792985200 - 1), -18000, "default rules: before March");
		is_int(civtz_offset_at(tz, 3792985200), -14400, "default rules: second Sunday of March");
		is_int(civtz_offset_at(tz, 3813544800), -18000, "default rules: first Sunday of November");
		civtz_free(tz);
	}
	s.footer = "AAA-1BBB-3,M3.5.0,M10.5.0/3";
	if ((tz = load_spec("Dst3", &s))) {
		is_int(civtz_offset_at(tz, 3794173200), 10800, "explicit DST offset");
		civtz_free(tz);
	}

	s.footer = "";
	s.version = '2';
	s.ntrans = 2;
	snprintf(msg, sizeof msg, "invalid time zone file '%s/Order'", tmpdir);
	s.times = same;
	write_spec("Order", &s);
	ok(load_fails_with("Order", msg), "equal transition times are invalid");
	s.times = backwards;
	write_spec("Order", &s);
	ok(load_fails_with("Order", msg), "descending transition times are invalid");
	s.times = times;
	s.idx = bad_idx;
	write_spec("Order", &s);
	ok(load_fails_with("Order", msg), "type index out of range is invalid");
	s.idx = idx;
	s.leapcnt = 1;
	snprintf(msg, sizeof msg, "unsupported time zone file '%s/Leap'", tmpdir);
	write_spec("Leap", &s);
	ok(load_fails_with("Leap", msg), "leap seconds are refused");
}

static void test_bad_footers(void)
{
	static const char *const bad[] = {
		"CET-1CEST,M3.5.0", "CE-1", "CET", "CET-25", "<+0>-3", "<+03-3",
		"CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.6.0,M10.5.0",
		"CET-1CEST,M3.5.7,M10.5.0", "CET-1CEST,M3.5.0,M10.5.0/168",
		"CET-1CEST,J0,J365", "CET-1CEST,366,J365", "CET-1CEST,M3.5.0,M10.5.0x",
		"CET-1:60", "CET-1CEST,M3.5.0,,M10.5.0", "CET-1 CEST",
	};
	static const int64_t times[] = { 0 };
	static const unsigned char idx[] = { 0 };
	static const int32_t offs[] = { 3600 };
	struct tzif_spec s = { '2', 1, times, idx, 1, offs, "", 0 };
	char msg[256];
	size_t i;
	snprintf(msg, sizeof msg, "invalid time zone file '%s/Footer'", tmpdir);
	struct strbuf sb = STRBUF_INIT;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		s.footer = bad[i];
		write_spec("Footer", &s);
		ok(load_fails_with("Footer", msg), "bad footer '%s' is refused", bad[i]);
	}
	s.footer = "CET-1";
	build_tzif(&sb, &s);
	strbuf_setlen(&sb, sb.len - 1);
	write_zone("Footer", sb.buf, sb.len);
	ok(load_fails_with("Footer", msg), "footer without its newline is refused");
	strbuf_add(&sb, "\0x\n", 3);
	write_zone("Footer", sb.buf, sb.len);
	ok(load_fails_with("Footer", msg), "footer with a NUL byte is refused");
	strbuf_reset(&sb);
	strbuf_addch(&sb, '<');
	for (i = 0; i < 300; i++)
		strbuf_addch(&sb, 'A');
	strbuf_addstr(&sb, ">-1");
	s.footer = sb.buf;
	write_spec("Footer", &s);
	ok(load_fails_with("Footer", msg), "footer of 304 bytes is refused");
	s.footer = "<AAAA>-1<BBBB>-2,M3.5.0,M10.5.0/3";
	write_spec("Footer", &s);
	ok(!load_fails_with("Footer", msg), "footer of quoted names loads");
	strbuf_release(&sb);
}

/* Load a damaged file: it must fail cleanly or load and answer. */
static int survives(const char *name, const char *invalid)
{
	struct diag d = DIAG_INIT;
	struct civtz *tz = NULL;
	int64_t t;
	if (civtz_load(name, &tz, &d))
		return d.status == DIAG_DATA && (!strcmp(d.msg, invalid) ||
						  !strncmp(d.msg, "unsupported", 11));
	for (t = -4000000000; t < 8000000000; t += 700000000)
		civtz_local_to_utc(tz, t + civtz_offset_at(tz, t));
	civtz_free(tz);
	return 1;
}

static void fuzz_file(const char *label, const unsigned char *data, size_t len)
{
	static const unsigned char extra[] = { 0x00, 0xff, 0x7f, 0x80 };
	unsigned char *copy = malloc(len + 1);
	char msg[256];
	size_t i, j, truncated_ok = 0, mutated_bad = 0;
	if (!copy) {
		ok(0, "%s: out of memory", label);
		return;
	}
	snprintf(msg, sizeof msg, "invalid time zone file '%s/Bad'", tmpdir);
	for (i = 0; i < len; i++) {
		write_zone("Bad", data, i);
		truncated_ok += !load_fails_with("Bad", msg);
	}
	is_int(truncated_ok, 0, "%s: each of %zu truncated copies is invalid", label, len);
	for (i = 0; i < len; i++) {
		for (j = 0; j < sizeof extra + 1; j++) {
			memcpy(copy, data, len);
			copy[i] = j < sizeof extra ? extra[j] : (unsigned char)(data[i] + 1);
			if (copy[i] == data[i])
				continue;
			write_zone("Bad", copy, len);
			mutated_bad += !survives("Bad", msg);
		}
	}
	is_int(mutated_bad, 0, "%s: every one-byte change fails cleanly or loads", label);
	memcpy(copy, data, len);
	copy[len] = '\n';
	write_zone("Bad", copy, len + 1);
	ok(survives("Bad", msg), "%s: trailing byte", label);
	free(copy);
}

static void test_corrupt_files(int have_tzdata)
{
	static const int64_t times[] = { -100, 0, 1000000 };
	static const unsigned char idx[] = { 1, 0, 1 };
	static const int32_t offs[] = { 0, 3600 };
	struct tzif_spec s = { '2', 3, times, idx, 2, offs, "CET-1CEST,M3.5.0,M10.5.0/3", 0 };
	struct strbuf sb = STRBUF_INIT;
	char msg[256];

	build_tzif(&sb, &s);
	fuzz_file("synthetic v2", (const unsigned char *)sb.buf, sb.len);
	s.version = 0;
	build_tzif(&sb, &s);
	fuzz_file("synthetic v1", (const unsigned char *)sb.buf, sb.len);
	if (have_tzdata) {
		FILE *f = fopen("/usr/share/zoneinfo/Europe/Prague", "rb");
		char chunk[4096];
		size_t n;
		strbuf_reset(&sb);
		while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
			strbuf_add(&sb, chunk, n);
		if (f)
			fclose(f);
		fuzz_file("Europe/Prague", (const unsigned char *)sb.buf, sb.len);
	}
	snprintf(msg, sizeof msg, "invalid time zone file '%s/Bad'", tmpdir);
	write_zone("Bad", "TZif", 4);
	ok(load_fails_with("Bad", msg), "bare magic is invalid");
	write_zone("Bad", "# not a TZif file\n", 18);
	ok(load_fails_with("Bad", msg), "text file is invalid");
	strbuf_release(&sb);
}

static void test_utc_without_tzdata(void)
{
	struct civtz *tz;
	if ((tz = load("UTC"))) {
		is_str(civtz_name(tz), "UTC", "UTC name");
		is_int(civtz_offset_at(tz, 1795439100), 0, "UTC offset");
		is_int(civtz_local_to_utc(tz, 1795439100), 1795439100, "UTC local is UTC");
		check_local(tz, "2026-03-29T02:30", "2026-03-29T02:30:00+00:00");
		civtz_free(tz);
	}
	if ((tz = load("Etc/UTC"))) {
		is_int(civtz_offset_at(tz, 0), 0, "Etc/UTC offset");
		civtz_free(tz);
	}
	check_load_error("Europe/Prague", DIAG_DATA, "unknown time zone 'Europe/Prague'");
}

static void skip(const char *why)
{
	ok(1, "# SKIP %s", why);
}

int main(void)
{
	int have_tzdata = access("/usr/share/zoneinfo/Europe/Prague", R_OK) == 0;
	const char *tmp = getenv("TMPDIR");
	int i;

	unsetenv("TZDIR");
	test_round_trip();
	test_known_days();
	test_day_of();
	test_days_in_month();
	test_iso_weeks();
	test_parse_dates();
	test_timestamps();
	test_now();
	test_range();
	test_load_errors();
	if (have_tzdata) {
		test_central_europe("Europe/Prague");
		test_central_europe("Europe/Warsaw");
		test_other_zones();
	} else {
		skip("no tzdata in /usr/share/zoneinfo");
	}

	snprintf(tmpdir, sizeof tmpdir, "%s/civtime_test." TAP_TEMPLATE_TAIL,
		 tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! cannot create %s\n", tmpdir);
		return 1;
	}
	setenv("TZDIR", tmpdir, 1);
	test_utc_without_tzdata();
	test_synthetic_zones();
	test_bad_footers();
	test_corrupt_files(have_tzdata);
	unsetenv("TZDIR");
	for (i = 0; i < ncreated; i++) {
		char path[128];
		snprintf(path, sizeof path, "%s/%s", tmpdir, created[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	return tap_done();
}
