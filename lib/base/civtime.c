#include "civtime.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "i18n.h"

#include "banned.h"

/* Dates, ISO 8601 and the clock; time zones are in civtz.c. */

#define DAY 86400

int64_t civtime_floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b < 0) ? q - 1 : q;
}

int64_t civtime_floor_mod(int64_t a, int64_t b)
{
	int64_t r = a % b;
	return r < 0 ? r + b : r;
}

long civtime_day_of(int64_t local)
{
	return (long)civtime_floor_div(local, DAY);
}

long civtime_local_day(const struct civtz *tz, int64_t utc)
{
	return civtime_day_of(utc + civtz_offset_at(tz, utc));
}

/* Howard Hinnant's days_from_civil. */
long civtime_days_from_civil(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Howard Hinnant's civil_from_days. */
void civtime_civil_from_days(long days, int *y, int *m, int *d)
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long mm = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
}

int civtime_weekday(long days)
{
	return (int)((civtime_floor_mod(days, 7) + 3) % 7) + 1;
}

int civtime_is_leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int civtime_days_in_month(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return len[m - 1] + (m == 2 && civtime_is_leap(y));
}

/* The ISO year is the year of the Thursday of the week. */
void civtime_iso_week(long days, int *iso_year, int *week)
{
	long thursday = days + 4 - civtime_weekday(days);
	int y, m, d;
	civtime_civil_from_days(thursday, &y, &m, &d);
	*iso_year = y;
	*week = (int)((thursday - civtime_days_from_civil(y, 1, 1)) / 7) + 1;
}

int civtime_iso_weeks_in_year(int y)
{
	int iy, w;
	civtime_iso_week(civtime_days_from_civil(y, 12, 28), &iy, &w);
	return w;
}

static long iso_week_monday(int y, int week)
{
	long jan4 = civtime_days_from_civil(y, 1, 4);
	return jan4 - (civtime_weekday(jan4) - 1) + 7L * (week - 1);
}

/* Read exactly n decimal digits at *p. */
static int scan_digits(const char **p, int n, int *out)
{
	int v = 0;
	while (n--) {
		if (**p < '0' || **p > '9')
			return -1;
		v = v * 10 + (*(*p)++ - '0');
	}
	*out = v;
	return 0;
}

static int scan_char(const char **p, char c)
{
	if (**p != c)
		return -1;
	(*p)++;
	return 0;
}

static int scan_year_month(const char **p, int *y, int *m)
{
	if (scan_digits(p, 4, y) || scan_char(p, '-') || scan_digits(p, 2, m))
		return -1;
	return *m >= 1 && *m <= 12 ? 0 : -1;
}

static int scan_date(const char **p, long *days)
{
	int y, m, d;
	if (scan_year_month(p, &y, &m) || scan_char(p, '-') || scan_digits(p, 2, &d))
		return -1;
	if (d < 1 || d > civtime_days_in_month(y, m))
		return -1;
	*days = civtime_days_from_civil(y, m, d);
	return 0;
}

/* YYYY-MM-DDTHH:MM[:SS], or a space for the T */
static int scan_local(const char **p, int64_t *local)
{
	long days;
	int h, mi, s = 0;
	if (scan_date(p, &days) || (scan_char(p, 'T') && scan_char(p, ' ')) ||
	    scan_digits(p, 2, &h) || scan_char(p, ':') || scan_digits(p, 2, &mi))
		return -1;
	if (**p == ':' && (++*p, scan_digits(p, 2, &s)))
		return -1;
	if (h > 23 || mi > 59 || s > 59)
		return -1;
	*local = (int64_t)days * DAY + h * 3600 + mi * 60 + s;
	return 0;
}

/* Z, +HH, +HHMM, +HH:MM or +HH:MM:SS (or '-'); *p ends at the end. */
static int scan_zone(const char **p, int *offset)
{
	int sign, h, m = 0, s = 0;
	if (**p == 'Z') {
		(*p)++;
		*offset = 0;
		return 0;
	}
	if (**p != '+' && **p != '-')
		return -1;
	sign = *(*p)++ == '-' ? -1 : 1;
	if (scan_digits(p, 2, &h))
		return -1;
	if (**p == ':') {
		(*p)++;
		if (scan_digits(p, 2, &m))
			return -1;
		if (**p == ':' && (++*p, scan_digits(p, 2, &s)))
			return -1;
	} else if (**p) {
		if (scan_digits(p, 2, &m))
			return -1;
	}
	if (h > 23 || m > 59 || s > 59)
		return -1;
	*offset = sign * (h * 3600 + m * 60 + s);
	return 0;
}

/* The range of dates, in days since 1970-01-01, computed once. */
static long range_first(void)
{
	static long first = -1;
	if (first < 0)
		first = civtime_days_from_civil(CIVTIME_FIRST_YEAR, 1, 1);
	return first;
}

static long range_last(void)
{
	static long last = -1;
	if (last < 0)
		last = civtime_days_from_civil(CIVTIME_LAST_YEAR, 12, 31);
	return last;
}

int civtime_in_range(long days)
{
	return days >= range_first() && days <= range_last();
}

void civtime_range_hint(struct diag *d)
{
	/* TRANSLATORS: the two dates are 1970-01-01 and 2199-12-31 */
	diag_hint(d, "a date must be from %04d-01-01 to %04d-12-31 (okienko-files(5), Dates)",
		  CIVTIME_FIRST_YEAR, CIVTIME_LAST_YEAR);
}

void civtime_hint(struct diag *d, int rc, const char *hint)
{
	if (rc == CIVTIME_RANGE)
		civtime_range_hint(d);
	else if (rc == CIVTIME_GAP)
		diag_hint(d,
			  "the clocks moved forward over it that night; give the time after the change, or an offset");
	else if (hint)
		diag_hint(d, "%s", _(hint));
}

int civtime_parse_date(const char *s, long *days)
{
	long v;
	if (scan_date(&s, &v) || *s)
		return CIVTIME_BAD;
	if (!civtime_in_range(v))
		return CIVTIME_RANGE;
	*days = v;
	return 0;
}

int civtime_parse_month(const char *s, long *first, long *next)
{
	int y, m;
	long f;
	if (scan_year_month(&s, &y, &m) || *s)
		return CIVTIME_BAD;
	f = civtime_days_from_civil(y, m, 1);
	if (!civtime_in_range(f))
		return CIVTIME_RANGE;
	*first = f;
	*next = f + civtime_days_in_month(y, m);
	return 0;
}

int civtime_parse_week(const char *s, long *monday)
{
	int y, w;
	long mon;
	if (scan_digits(&s, 4, &y) || scan_char(&s, '-') || scan_char(&s, 'W') ||
	    scan_digits(&s, 2, &w) || *s)
		return CIVTIME_BAD;
	if (w < 1 || w > civtime_iso_weeks_in_year(y))
		return CIVTIME_BAD;
	mon = iso_week_monday(y, w);
	/* 1970-W01 begins on 1969-12-29: a week counts when one of its days does */
	if (!civtime_in_range(mon) && !civtime_in_range(mon + 6))
		return CIVTIME_RANGE;
	*monday = mon;
	return 0;
}

int civtime_parse_local(const char *s, int64_t *local)
{
	int64_t v;
	if (scan_local(&s, &v) || *s)
		return CIVTIME_BAD;
	if (!civtime_in_range((long)civtime_floor_div(v, DAY)))
		return CIVTIME_RANGE;
	*local = v;
	return 0;
}

int civtime_parse_ts(const char *s, const struct civtz *tz, int64_t *utc, int *offset)
{
	int64_t local, u;
	int off;
	if (scan_local(&s, &local))
		return CIVTIME_BAD;
	if (!*s) {
		if (!tz)
			return CIVTIME_BAD;
		u = civtz_local_to_utc(tz, local);
		off = civtz_offset_at(tz, u);
		if (u + off != local)
			return CIVTIME_GAP; /* moved forward: that wall time did not exist */
	} else {
		if (scan_zone(&s, &off) || *s)
			return CIVTIME_BAD;
		u = local - off;
	}
	/*
	 * As written, and as it will be written in the directory's zone: a
	 * zone's offset is under 26 hours (civtz), so the zone is looked up only
	 * for an instant within two days of the range's ends (readers parse
	 * millions).
	 */
	if (!civtime_in_range((long)civtime_floor_div(local, DAY)))
		return CIVTIME_RANGE;
	if (tz &&
	    !(civtime_in_range((long)civtime_floor_div(u, DAY) - 2) &&
	      civtime_in_range((long)civtime_floor_div(u, DAY) + 2)) &&
	    !civtime_in_range((long)civtime_floor_div(u + civtz_offset_at(tz, u), DAY)))
		return CIVTIME_RANGE;
	*utc = u;
	*offset = off;
	return 0;
}

/* Split local seconds into a date and the seconds of the day. */
static void split_local(int64_t days, int64_t secs, int *y, int *mo, int *d, int *h, int *mi,
			int *s)
{
	days += civtime_floor_div(secs, DAY);
	secs = civtime_floor_mod(secs, DAY);
	civtime_civil_from_days((long)days, y, mo, d);
	*h = (int)(secs / 3600);
	*mi = (int)(secs / 60 % 60);
	*s = (int)(secs % 60);
}

/* Out-of-range years print whole here and are cut to CIVTIME_TS_MAX. */
static void copy_cut(char *buf, const char *s)
{
	size_t n = strlen(s);
	if (n >= CIVTIME_TS_MAX)
		n = CIVTIME_TS_MAX - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* v (0 <= v < 10^n) in n decimal digits, with leading zeros. */
static void put_digits(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* "YYYY-MM-DDTHH:MM" (16 characters, no NUL) of a year 0-9999. */
static void put_minute(char *buf, int y, int mo, int d, int h, int mi)
{
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, mo, 2);
	buf[7] = '-';
	put_digits(buf + 8, d, 2);
	buf[10] = 'T';
	put_digits(buf + 11, h, 2);
	buf[13] = ':';
	put_digits(buf + 14, mi, 2);
}

void civtime_format_ts(char *buf, int64_t utc, int offset)
{
	int y, mo, d, h, mi, s;
	long a = offset < 0 ? -(long)offset : offset;
	char sign = offset < 0 ? '-' : '+', tmp[128];
	split_local(civtime_floor_div(utc, DAY), civtime_floor_mod(utc, DAY) + offset, &y, &mo, &d,
		    &h, &mi, &s);
	if (y >= 0 && y <= 9999 && a % 60 == 0 && a / 3600 < 100) {
		/* the stored form, written without printf: readers check millions */
		put_minute(buf, y, mo, d, h, mi);
		buf[16] = ':';
		put_digits(buf + 17, s, 2);
		buf[19] = sign;
		put_digits(buf + 20, (int)(a / 3600), 2);
		buf[22] = ':';
		put_digits(buf + 23, (int)(a / 60 % 60), 2);
		buf[25] = '\0';
		return;
	}
	if (a % 60)
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld:%02ld", y, mo,
			 d, h, mi, s, sign, a / 3600, a / 60 % 60, a % 60);
	else
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", y, mo, d, h,
			 mi, s, sign, a / 3600, a / 60 % 60);
	copy_cut(buf, tmp);
}

void civtime_format_local(char *buf, int64_t local)
{
	int y, mo, d, h, mi, s;
	char tmp[128];
	split_local(civtime_floor_div(local, DAY), civtime_floor_mod(local, DAY), &y, &mo, &d, &h,
		    &mi, &s);
	/* the usual years without snprintf: hours-eval formats one a row */
	if (y >= 0 && y <= 9999) {
		put_minute(buf, y, mo, d, h, mi);
		buf[16] = '\0';
		if (s) {
			buf[16] = ':';
			put_digits(buf + 17, s, 2);
			buf[19] = '\0';
		}
		return;
	}
	if (s)
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s);
	else
		snprintf(tmp, sizeof tmp, "%04d-%02d-%02dT%02d:%02d", y, mo, d, h, mi);
	copy_cut(buf, tmp);
}

void civtime_format_date(char *buf, long days)
{
	int y, m, d;
	civtime_civil_from_days(days, &y, &m, &d);
	snprintf(buf, 16, "%04d-%02d-%02d", y, m, d);
}

int civtime_now_checked(int64_t *now, struct diag *d)
{
	const char *env = getenv("OKIENKO_NOW");
	int64_t utc;
	int off;
	if (env && *env) {
		int rc = civtime_parse_ts(env, NULL, &utc, &off);
		if (rc) {
			diag_set(d, DIAG_USAGE, NULL, 0, 0, "invalid OKIENKO_NOW '%s'", env);
			civtime_hint(d, rc,
				     "expected a timestamp such as "
				     "2026-11-23T14:05:00+01:00");
			return -1;
		}
		*now = utc;
		return 0;
	}
	*now = (int64_t)time(NULL);
	return 0;
}

int64_t civtime_now(void)
{
	struct diag d = DIAG_INIT;
	int64_t now;
	if (civtime_now_checked(&now, &d))
		now = (int64_t)time(NULL);
	return now;
}
