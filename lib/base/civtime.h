/*
 * civtime: civil dates, ISO 8601 and time zones without libc's time-zone
 * state (no timegm, localtime, gmtime or TZ tricks).
 *
 * Days are counted from 1970-01-01 (day 0) in the proleptic Gregorian
 * calendar (Howard Hinnant's algorithms, exact for every year an int
 * holds); instants are seconds since the epoch in UTC (int64_t); "local"
 * values are seconds of wall-clock time counted the same way, as if the
 * wall clock were UTC.  Offsets are seconds east of UTC.  Leap seconds do
 * not exist here (as in POSIX time).
 *
 * Parsers are strict: the whole string must match, fields have exactly the
 * digits shown (no missing zeros, no signs, no spaces, upper-case 'T', 'W'
 * and 'Z' only, no fractions of seconds), and the date must exist.
 *
 * The range of dates: every date okienko reads or writes, in a file, an
 * option or the environment, is from 1970-01-01 to 2199-12-31, and the
 * parsers below, which every reader and writer of dates uses, refuse the
 * rest (CIVTIME_RANGE) instead of guessing.  1970 is where the time zone
 * database stops promising correct offsets (older data differs between
 * its builds, and local mean time has offsets with seconds); 2199 leaves
 * room for any plan and keeps every year four digits and every ISO week
 * in a four-digit ISO year.  The arithmetic below is exact for any year.
 *
 * Time zones come from the system's TZif files (RFC 8536, versions 1-4):
 * $TZDIR/NAME, or /usr/share/zoneinfo/NAME when TZDIR is unset or empty.
 * The 64-bit data of v2+ files is used, and the POSIX TZ string of the
 * footer for instants after the last transition.  "UTC" and "Etc/UTC" are
 * built in and work without tzdata.  Files with leap-second records (the
 * "right/" zones) are refused.
 *
 * Ownership: civtz_load hands the caller a struct civtz; the caller frees it
 * with civtz_free.  A struct civtz is read-only after loading and may be
 * shared freely.  Nothing else allocates.
 */
#ifndef OKIENKO_CIVTIME_H
#define OKIENKO_CIVTIME_H

#include <stdint.h>

struct diag;
struct civtz;

/*
 * Days since 1970-01-01 (negative before), proleptic Gregorian.  m must be
 * 1-12; d is added linearly, so d = 0 is the last day of the month before.
 */
long civtime_days_from_civil(int y, int m, int d);
void civtime_civil_from_days(long days, int *y, int *m, int *d);
int civtime_weekday(long days);          /* ISO: 1 = Monday .. 7 = Sunday */
int civtime_days_in_month(int y, int m); /* 0 when m is not 1-12 */
int civtime_is_leap(int y);
/* Division and remainder rounded toward minus infinity (b > 0). */
int64_t civtime_floor_div(int64_t a, int64_t b);
int64_t civtime_floor_mod(int64_t a, int64_t b);
/* ISO 8601 week: the week (1-53) of the ISO year holding day days. */
void civtime_iso_week(long days, int *iso_year, int *week);
/* Number of ISO weeks (52 or 53) in ISO year y. */
int civtime_iso_weeks_in_year(int y);

#define CIVTIME_FIRST_YEAR 1970 /* from 1970-01-01 */
#define CIVTIME_LAST_YEAR 2199  /* to 2199-12-31 */
enum { CIVTIME_BAD = -1, CIVTIME_RANGE = -2, CIVTIME_GAP = -3 };
/* 1 when days (since 1970-01-01) is in the range of dates, else 0. */
int civtime_in_range(long days);
/* d's hint after a parser failed with rc: the range for CIVTIME_RANGE, the
   clocks' change for CIVTIME_GAP, else hint (an English literal, translated
   here) when it is not NULL. */
void civtime_hint(struct diag *d, int rc, const char *hint);
void civtime_range_hint(struct diag *d);

/*
 * Strict parsers: return 0 on success, CIVTIME_BAD (-1) on bad syntax or an
 * impossible date, CIVTIME_RANGE (-2) for a date outside the range.
 */
int civtime_parse_date(const char *s, long *days); /* YYYY-MM-DD */
/* YYYY-MM: the days of that month are [*first, *next). */
int civtime_parse_month(const char *s, long *first, long *next);
/* YYYY-Www: the Monday of that week; week 53 only in years that have it;
   in the range when one of its days is (1970-W01 begins on 1969-12-29). */
int civtime_parse_week(const char *s, long *monday);

/*
 * ISO 8601 timestamp: YYYY-MM-DDTHH:MM[:SS] followed by a zone designator:
 * Z, +HH:MM, +HHMM, +HH or +HH:MM:SS (or '-' for '+'; -00:00 is 0).  Sets
 * *utc (seconds since the epoch) and *offset (seconds east of UTC).  A
 * space may stand for the 'T', as people type it.  With no zone
 * designator the time is local time in tz, *offset the offset then in
 * effect: a time the clocks skipped (the spring-forward night) is
 * CIVTIME_GAP, not moved; a time that happens twice (the autumn night) is
 * the first of the two, before the clocks go back.  Without a zone and
 * with tz NULL it is an error.  The date as written, and when tz is given
 * the date of the instant in tz (as a writer stores it), must be in the
 * range.  Returns 0, or CIVTIME_BAD / CIVTIME_RANGE / CIVTIME_GAP.
 */
int civtime_parse_ts(const char *s, const struct civtz *tz, int64_t *utc, int *offset);
/* YYYY-MM-DDTHH:MM[:SS] (or a space for the T) with no zone: seconds of
 * local time since epoch. */
int civtime_parse_local(const char *s, int64_t *local);

/*
 * Formatting.  civtime_format_ts writes "2026-11-23T14:05:00+01:00" (offset
 * 0 prints "+00:00"; an offset with seconds, as the local mean time of old
 * zone data, prints "+00:57:44"); civtime_format_local writes
 * "2026-11-23T14:05" of a local value (the form of appointments.csv), with
 * ":SS" only when the seconds are not zero.  Years outside 0000-9999 print
 * with more digits and are cut to the buffer.
 */
#define CIVTIME_TS_MAX 32
void civtime_format_ts(char *buf, int64_t utc, int offset);
void civtime_format_local(char *buf, int64_t local); /* buf >= CIVTIME_TS_MAX */
void civtime_format_date(char *buf, long days);      /* "YYYY-MM-DD", buf >= 16 */

/*
 * Current time: time(NULL), unless the environment variable OKIENKO_NOW
 * holds an ISO 8601 timestamp with a zone designator (tests use it for
 * reproducible output).  civtime_now ignores an invalid OKIENKO_NOW;
 * civtime_now_checked reports it instead (DIAG_USAGE "invalid OKIENKO_NOW
 * '...'") and returns -1.
 */
int64_t civtime_now(void);

/*
 * The day (days since 1970-01-01) of a local wall time in seconds since
 * 1970-01-01T00:00 local, rounded down, so that times before 1970 fall on
 * the right day: the one rule for "the date of this moment here".
 * civtime_local_day is the local date of an instant in zone tz.
 */
long civtime_day_of(int64_t local);
long civtime_local_day(const struct civtz *tz, int64_t utc);
int civtime_now_checked(int64_t *now, struct diag *d);

/*
 * Load zone name.  Names are validated: [A-Za-z0-9_+-] components joined by
 * '/', no empty, "." or ".." component, no leading '/'.  Errors (DIAG_DATA):
 * "invalid time zone name '...'", "unknown time zone '...'", "invalid time
 * zone file 'PATH'" for a corrupt file (everything read is bounds-checked),
 * "unsupported time zone file 'PATH'" for leap-second data; DIAG_SYSTEM when
 * the file exists but cannot be read.
 */
int civtz_load(const char *name, struct civtz **out, struct diag *d);
/*
 * The zone of tz, the value of the TZ environment variable, read as POSIX
 * and the C library read it: NULL or "" is UTC; ":NAME" or NAME a zone of
 * the database (a file of that name first, as in the C library); ":/PATH"
 * or "/PATH" a TZif file, called by its name in the database when it is
 * one of its files (as /etc/localtime usually is), else by its path; any
 * other value without ':' a POSIX TZ string such as
 * "CET-1CEST,M3.5.0,M10.5.0/3" (a daylight-saving name without rules
 * takes the US rules, as in tzcode), called by that string.  What is none
 * of these is refused, never read as UTC: DIAG_USAGE "TZ: unknown time
 * zone '...'" with a hint, "TZ: the clock of the time zone '...' counts
 * leap seconds" for the "right/" zones; DIAG_SYSTEM when a file cannot be
 * read.
 */
int civtz_load_env(const char *tz, struct civtz **out, struct diag *d);
const char *civtz_name(const struct civtz *tz);
/* Seconds east of UTC; before the first transition, time type 0 (RFC 8536). */
int civtz_offset_at(const struct civtz *tz, int64_t utc);
/*
 * The same, and a span [*from, *until) holding utc in which the offset does
 * not change (not always the whole span: it may start at utc), so that a
 * caller can convert many nearby instants without a look-up each.
 */
int civtz_offset_span(const struct civtz *tz, int64_t utc, int64_t *from, int64_t *until);
/*
 * Local wall time -> UTC.  A local time that exists once maps to that
 * instant.  In a gap (spring forward) the time is moved forward by the gap:
 * it is read with the offset in effect before the change, so 02:30 on
 * 2026-03-29 in Europe/Prague becomes 01:30Z = 03:30 CEST.  In an overlap
 * (fall back) it is the earlier instant, the first occurrence: 02:30 on
 * 2026-10-25 in Europe/Prague becomes 00:30Z = 02:30 CEST.  Values beyond
 * +-2^62 are clamped.
 */
int64_t civtz_local_to_utc(const struct civtz *tz, int64_t local);
void civtz_free(struct civtz *tz);

#endif
