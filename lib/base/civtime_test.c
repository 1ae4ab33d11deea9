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

#define CYCLE ((int64_t)146097 * 86400) /* 400 Gregorian years */

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
				if (D(y, m, d) != days || gy != y || gm != m || gd != d ||
				    wd != prev_wd % 7 + 1) {
					if (!bad++)
						printf("# first mismatch at %04d-%02d-%02d\n", y, m,
						       d);
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
	static const struct {
		int y, m, d;
		long days;
		int wd;
	} t[] = {
		{ 1970, 1, 1, 0, 4 },         { 1969, 12, 31, -1, 3 },
		{ 2000, 3, 1, 11017, 3 },     { 1900, 1, 1, -25567, 1 },
		{ 1, 1, 1, -719162, 1 },      { 2024, 2, 29, 19782, 4 },
		{ 2026, 11, 23, 20780, 1 },   { 2200, 12, 31, 84370, 3 },
		{ 9999, 12, 31, 2932896, 5 },
	};
	size_t i;
	char buf[16];
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		is_int(D(t[i].y, t[i].m, t[i].d), t[i].days, "days_from_civil %04d-%02d-%02d",
		       t[i].y, t[i].m, t[i].d);
		is_int(civtime_weekday(t[i].days), t[i].wd, "weekday of %04d-%02d-%02d", t[i].y,
		       t[i].m, t[i].d);
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
	static const struct {
		int y, m, d, iy, w;
	} t[] = {
		{ 2020, 12, 31, 2020, 53 }, { 2021, 1, 3, 2020, 53 },   { 2021, 1, 4, 2021, 1 },
		{ 2026, 11, 23, 2026, 48 }, { 2024, 12, 30, 2025, 1 },  { 2025, 12, 29, 2026, 1 },
		{ 2026, 1, 1, 2026, 1 },    { 2026, 12, 31, 2026, 53 }, { 2027, 1, 3, 2026, 53 },
		{ 2027, 1, 4, 2027, 1 },    { 2008, 12, 29, 2009, 1 },  { 2010, 1, 3, 2009, 53 },
		{ 1969, 12, 31, 1970, 1 },  { 2200, 12, 31, 2201, 1 },
	};
	static const struct {
		int y, weeks;
	} n[] = {
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
		is_int(civtime_iso_weeks_in_year(n[i].y), n[i].weeks, "%d has %d ISO weeks", n[i].y,
		       n[i].weeks);
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
		"2026-02-29", "2026-13-01",  "2026-00-10",  "2026-04-31",
		"2026-11-00", "2026-11-23x", "2026-11-23 ", " 2026-11-23",
		"2026-1-05",  "2026-11-3",   "26-11-23",    "2026/11/23",
		"",           "+2026-11-23", "20261123",    "2026-11",
	};
	static const char *const bad_months[] = {
		"2026-13", "2026-00", "2026-1", "2026-11-01", "2026-11x", "202611", "",
	};
	static const char *const bad_weeks[] = {
		"2026-W54", "2025-W53", "2024-W53",  "2026-W00",   "2026-W5",
		"2026-w05", "2026W05",  "2026-W05x", "2026-W05-1", "",
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
		   next == D(2026, 12, 1),
	   "parse month 2026-11");
	ok(!civtime_parse_month("2026-12", &days, &next) && days == D(2026, 12, 1) &&
		   next == D(2027, 1, 1),
	   "parse month 2026-12 ends with the year");
	ok(!civtime_parse_month("2024-02", &days, &next) && next - days == 29,
	   "parse month 2024-02 has 29 days");
	for (i = 0; i < sizeof bad_months / sizeof bad_months[0]; i++)
		is_int(civtime_parse_month(bad_months[i], &days, &next), -1, "reject month '%s'",
		       bad_months[i]);

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
	ok(r == 0 && utc == want_utc && off == want_off, "parse '%s' = %lld %d (got %d: %lld %d)",
	   s, (long long)want_utc, want_off, r, (long long)utc, off);
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
		"2026-11-23T14:05:00",        "2026-11-23T24:00:00Z",
		"2026-11-23T14:60Z",          "2026-11-23T14:05:60Z",
		"2026-11-23t14:05Z",          "2026-11-23T14:05z",
		"2026-11-23T14:05+1:00",      "2026-11-23T14:05+01:0",
		"2026-11-23T14:05+24:00",     "2026-11-23T14:05+01:60",
		"2026-11-23T14:05:00.5Z",     "2026-11-23T14:05Z ",
		"2026-02-29T10:00Z",          "2026-11-23T14Z",
		"2026-11-23T4:05Z",           "2026-11-23T14:05+0100x",
		"2026-11-23T14:05+010",       "2026-11-23T14:05+",
		"2026-11-23T14:05:00+01:00:", "",
	};
	const int64_t t = 1795439100; /* 2026-11-23T13:05:00Z */
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
		is_int(civtime_parse_ts(bad[i], NULL, &utc, &off), -1, "reject timestamp '%s'",
		       bad[i]);

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
		   local == (int64_t)D(2026, 11, 24) * 86400 + 9 * 3600,
	   "parse local 2026-11-24T09:00");
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

	ok(civtime_in_range(0) && civtime_in_range(D(2199, 12, 31)),
	   "in range: first and last day");
	ok(!civtime_in_range(-1) && !civtime_in_range(D(2200, 1, 1)),
	   "not in range: the days around");
	is_int(civtime_parse_date("1970-01-01", &days), 0, "date 1970-01-01");
	is_int(civtime_parse_date("2199-12-31", &days), 0, "date 2199-12-31");
	is_int(civtime_parse_date("1969-12-31", &days), CIVTIME_RANGE, "date 1969-12-31: range");
	is_int(civtime_parse_date("2200-01-01", &days), CIVTIME_RANGE, "date 2200-01-01: range");
	is_int(civtime_parse_date("0000-01-01", &days), CIVTIME_RANGE, "date 0000-01-01: range");
	is_int(civtime_parse_date("0026-11-23", &days), CIVTIME_RANGE, "date 0026-11-23: range");
	is_int(civtime_parse_date("9999-12-31", &days), CIVTIME_RANGE, "date 9999-12-31: range");
	is_int(civtime_parse_date("0000-02-30", &days), CIVTIME_BAD,
	       "an impossible date is bad, not range");
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
	is_int(civtime_parse_local("1969-12-31T23:59", &local), CIVTIME_RANGE,
	       "local 1969-12-31T23:59: range");
	is_int(civtime_parse_local("2199-12-31T23:59", &local), 0, "local 2199-12-31T23:59");
	is_int(civtime_parse_local("2200-01-01T00:00", &local), CIVTIME_RANGE,
	       "local 2200-01-01: range");
	is_int(civtime_parse_ts("0026-11-23T10:00", NULL, &utc, &off), CIVTIME_BAD,
	       "a local time without a zone is bad");
	is_int(civtime_parse_ts("0026-11-23T10:00Z", NULL, &utc, &off), CIVTIME_RANGE,
	       "timestamp 0026-11-23T10:00Z: range");
	if (civtz_load("UTC", &utc_zone, &d) == 0) {
		is_int(civtime_parse_ts("0026-11-23T10:00", utc_zone, &utc, &off), CIVTIME_RANGE,
		       "local 0026-11-23T10:00 in a zone: range, no offset with seconds stored");
		is_int(civtime_parse_ts("1970-01-01T03:00+05:00", NULL, &utc, &off), 0,
		       "1970-01-01T03:00+05:00 as written is in the range");
		is_int(civtime_parse_ts("1970-01-01T03:00+05:00", utc_zone, &utc, &off),
		       CIVTIME_RANGE, "but in the directory's zone it is 1969-12-31: range");
		is_int(civtime_parse_ts("2199-12-31T22:00-05:00", utc_zone, &utc, &off),
		       CIVTIME_RANGE, "2199-12-31T22:00-05:00 is 2200-01-01 in UTC: range");
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
	is_int(civtime_now_checked(&now, &d), -1,
	       "OKIENKO_NOW outside the range of dates is refused");
	is_str(d.hint, "a date must be from 1970-01-01 to 2199-12-31 (okienko-files(5), Dates)",
	       "with the range as the hint");

	unsetenv("OKIENKO_NOW");
	sys = (int64_t)time(NULL);
	now = civtime_now();
	ok(now >= sys && now <= (int64_t)time(NULL),
	   "civtime_now without OKIENKO_NOW is time(NULL)");
	setenv("OKIENKO_NOW", "", 1);
	diag_clear(&d);
	sys = (int64_t)time(NULL);
	ok(!civtime_now_checked(&now, &d) && now >= sys && now <= (int64_t)time(NULL),
	   "empty OKIENKO_NOW is unset");
	unsetenv("OKIENKO_NOW");
}

int main(void)
{
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
	return tap_done();
}
