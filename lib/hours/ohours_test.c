#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "diag.h"
#include "holidays.h"
#include "ohours.h"
#include "tap.h"

#include "banned.h"

static int64_t L(const char *s)
{
	int64_t t;

	if (civtime_parse_local(s, &t)) {
		printf("# bad test time '%s'\n", s);
		exit(2);
	}
	return t;
}

/* "YYYY-MM-DDTHH:MM" or "none"; four rotating buffers. */
static const char *F(int64_t t)
{
	static char buf[4][CIVTIME_TS_MAX];
	static int i;

	i = (i + 1) % 4;
	if (t == OHOURS_NONE)
		return "none";
	civtime_format_local(buf[i], t);
	return buf[i];
}

static struct ohours *P(const char *expr)
{
	struct diag d = DIAG_INIT;
	struct ohours *oh;

	if (ohours_parse(expr, &oh, &d)) {
		printf("# parse '%s': %ld: %s\n", expr, d.col, d.msg);
		return NULL;
	}
	return oh;
}

static void parse_error(const char *expr, long col, const char *msg, const char *hint)
{
	struct diag d = DIAG_INIT;
	struct ohours *oh = NULL;

	is_int(ohours_parse(expr, &oh, &d), -1, "'%s' is refused", expr);
	ok(oh == NULL, "'%s': no object", expr);
	is_int(d.status, DIAG_DATA, "'%s': data error", expr);
	is_int(d.col, col, "'%s': column", expr);
	is_str(d.msg, msg, "'%s': message", expr);
	is_str(d.hint, hint, "'%s': hint", expr);
}

static void test_errors(void)
{
	parse_error("Mo-Xx 10:00-12:00", 4, "unexpected 'Xx'", "");
	parse_error("Mon 10:00-12:00", 1, "unexpected 'Mon'", "did you mean 'Mo'?");
	parse_error("January", 1, "unexpected 'January'", "did you mean 'Jan'?");
	parse_error("week 10-5 Mo", 9, "week range '10-5' is reversed", "");
	parse_error("week 0-5 Mo", 6, "invalid week '0'", "");
	parse_error("week 1-54 Mo", 8, "invalid week '54'", "");
	parse_error("week 1-53/1 Mo", 11, "invalid week period '1' (2 to 26)", "");
	parse_error("2027-2026 Mo", 1, "year range '2027-2026' is reversed", "");
	parse_error("2026-2026 Mo", 1, "year range '2026-2026' is one year", "");
	parse_error("2026/0 Mo", 6, "a period of 0 years", "");
	parse_error("2026 Dec 24-Jan 01", 12, "unexpected '-'", "");
	parse_error("2026 Dec 10:00-12:00", 1, "unexpected '2026'", "");
	parse_error("2026 Dec 24,26 off", 13,
		    "not supported: a list of days after a year (the reference implementation misreads it)",
		    "repeat the year and month: '2026 Dec 24,2026 Dec 26'");
	parse_error("Mo 10:00-50:00", 10, "time range '10:00-50:00' goes past the second midnight",
		    "");
	parse_error("PH +2 days", 5, "a public holiday moved by 2 days: 1 at most", "");
	parse_error("Mo 10:00-12:00 \"by appointment", 16, "comment without its closing '\"'", "");
	parse_error("|| Sa 10:00-11:00", 1, "no rule before the fallback rule '||'", "");
	parse_error("Mo 10:00-12:00; || Sa 10:00-11:00", 17,
		    "no rule before the fallback rule '||'", "");
	parse_error("Mo 10:00-12:00 \"x\" Tu", 20, "unexpected 'Tu'", "");
	/* a ',' after a state and a ':' starts no additional rule, as for the reference */
	parse_error("Mo closed \"a\":, Tu 10:00-12:00", 15, "unexpected ','", "");
	parse_error("easter -81 days", 9,
		    "easter -81 days leaves the year in some years (from -80 to +200)", "");
	parse_error("2026 easter +1 day", 6,
		    "not supported: a year with easter moved by days (the reference implementation fails in the other years)",
		    "write a range of one day: '2026 easter +1 days-2026 easter +1 days'");
	parse_error("Jan,easter", 5, "unexpected 'easter' in a list of months", "");
	parse_error("20261 Mo", 1, "invalid year '20261' (up to 9999)", "");
	parse_error("May-Oct,Mar 29: 13:00-14:00", 13, "invalid time '29: 13'", "");
	parse_error("Mar 20-31/2", 10,
		    "not supported: a period of days across the change of summer time (the reference implementation counts it in hours)",
		    "end the range before the last Sunday of the month and list the days after it");
	parse_error("Mo 25:00-26:00", 4, "invalid time '25:00'", "");
	parse_error("Mo 10:60-12:00", 4, "invalid time '10:60'", "");
	parse_error("Mo 24:00-02:00", 4, "invalid time '24:00'", "");
	parse_error("Mo 25:00-26:00", 4, "invalid time '25:00'", "");
	parse_error("Mo 10:5-12:00", 4, "invalid time '10:5'", "");
	parse_error("Mo 10-12:00", 9, "unexpected ':'", "");
	parse_error("Mo 0800-1200", 4, "invalid time '0800'", "");
	parse_error("Jan-Xx", 5, "unexpected 'Xx'", "");
	parse_error("Apr 31", 5, "invalid day 'Apr 31'", "");
	parse_error("Feb 30-Mar 02", 5, "invalid day 'Feb 30'", "");
	parse_error("Dec 26-24", 8, "day range 'Dec 26-24' is reversed", "");
	parse_error("Feb 20-28 10:00-12:00", 8,
		    "not supported: 'Feb 20-28' (the reference implementation skips it in some years)",
		    "write 'Feb 20-Feb 28'");
	parse_error("Dec 24,Jan,Feb 01 10:00-12:00", 12,
		    "not supported: this mix of months and month days in one list (the reference implementation misreads it)",
		    "");
	parse_error("Jan Th[1-2]", 5,
		    "not supported: several nth weekdays after a single month (write 'Th[1],Th[2]')",
		    "");
	parse_error("Mo[0]", 4, "invalid nth weekday '0'", "");
	parse_error("Mo[6]", 4, "invalid nth weekday '6'", "");
	parse_error("Mo[2-1]", 6, "nth weekday range '2-1' is reversed", "");
	parse_error("Mo[1", 5, "unexpected end of expression", "");
	parse_error("", 1, "empty expression", "");
	parse_error("  ; ;", 1, "empty expression", "");
	parse_error("Mo 10:00-12:00,", 16, "unexpected end of expression", "");
	parse_error("24/7, Mo off", 5, "unexpected ','", "");
	parse_error("Mo,10:00-12:00", 4, "unexpected '10'", "");
	parse_error("Mo 10:00-12:00 13:00-14:00", 16, "unexpected '13'", "");
	parse_error("10:00-12:00 Mo", 13, "unexpected 'Mo'", "");
	parse_error(
		"Mo\xe2\x80\x93"
		"Fr",
		3, "unexpected '\xe2\x80\x93'", "");
	parse_error("Mo-Fr 08:00-12:00; \xc3\x9at off", 20, "unexpected '\xc3\x9a'", "");
	parse_error("Mo \xff", 4, "unexpected byte 0xff", "");
}

static void check_open(const char *expr, enum holidays_country c, const char *at, int want)
{
	struct ohours *oh = P(expr);

	if (!oh) {
		ok(0, "'%s' parses", expr);
		return;
	}
	is_int(ohours_is_open(oh, c, L(at)), want, "'%s' at %s: %s", expr, at,
	       want ? "open" : "closed");
	ohours_free(oh);
}

static void check_next(const char *expr, enum holidays_country c, const char *at, const char *want)
{
	struct ohours *oh = P(expr);

	if (!oh) {
		ok(0, "'%s' parses", expr);
		return;
	}
	is_str(F(ohours_next_change(oh, c, L(at))), want, "'%s' from %s: next change", expr, at);
	ohours_free(oh);
}

static void test_constructs(void)
{
	/* 2026-03-02 is a Monday. */
	check_open("Mo-Fr 08:00-12:00", HOLIDAYS_CZ, "2026-03-02T08:00", 1);
	check_open("Mo-Fr 08:00-12:00", HOLIDAYS_CZ, "2026-03-02T07:59", 0);
	check_open("Mo-Fr 08:00-12:00", HOLIDAYS_CZ, "2026-03-02T11:59:59", 1);
	check_open("Mo-Fr 08:00-12:00", HOLIDAYS_CZ, "2026-03-02T12:00", 0);
	check_open("Mo-Fr 08:00-12:00", HOLIDAYS_CZ, "2026-03-07T10:00", 0);
	check_open("Mo,We,Fr 10:00-11:00", HOLIDAYS_CZ, "2026-03-04T10:30", 1);
	check_open("Mo,We,Fr 10:00-11:00", HOLIDAYS_CZ, "2026-03-03T10:30", 0);
	check_open("Sa-Mo 10:00-11:00", HOLIDAYS_CZ, "2026-03-08T10:30", 1);
	check_open("Sa-Mo 10:00-11:00", HOLIDAYS_CZ, "2026-03-02T10:30", 1);
	check_open("Sa-Mo 10:00-11:00", HOLIDAYS_CZ, "2026-03-03T10:30", 0);
	check_open("mo-FR 08:00-12:00,13:00-17:00", HOLIDAYS_CZ, "2026-03-03T12:30", 0);
	check_open("mo-FR 08:00-12:00,13:00-17:00", HOLIDAYS_CZ, "2026-03-03T13:30", 1);
	check_open(" Mo - Fr 8 : 00 - 12 : 00 ; ", HOLIDAYS_CZ, "2026-03-03T09:00", 1);
	check_open("Mo-Fr08:00-12:00", HOLIDAYS_CZ, "2026-03-03T09:00", 1);
	check_open("10:00-12:00", HOLIDAYS_CZ, "2026-03-08T11:00", 1);
	check_open("24/7", HOLIDAYS_CZ, "2026-03-08T03:00", 1);
	check_open("open", HOLIDAYS_CZ, "2026-03-08T03:00", 1);
	check_open("off", HOLIDAYS_CZ, "2026-03-08T03:00", 0);
	check_open("closed", HOLIDAYS_CZ, "2026-03-08T03:00", 0);
	check_open("Mo-Fr 18:00-24:00", HOLIDAYS_CZ, "2026-03-02T23:59", 1);
	check_open("Mo-Fr 18:00-24:00", HOLIDAYS_CZ, "2026-03-03T00:00", 0);
	check_open("Jan-Mar 10:00-12:00", HOLIDAYS_CZ, "2026-03-31T11:00", 1);
	check_open("Jan-Mar 10:00-12:00", HOLIDAYS_CZ, "2026-04-01T11:00", 0);
	check_open("Nov-Feb 10:00-12:00", HOLIDAYS_CZ, "2026-01-15T11:00", 1);
	check_open("Nov-Feb 10:00-12:00", HOLIDAYS_CZ, "2026-10-15T11:00", 0);
	check_open("Jan,Jul 10:00-12:00", HOLIDAYS_CZ, "2026-07-15T11:00", 1);
	check_open("Dec 24", HOLIDAYS_CZ, "2026-12-24T03:00", 1);
	check_open("Dec 24", HOLIDAYS_CZ, "2026-12-25T03:00", 0);
	check_open("Dec 24-26 10:00-12:00", HOLIDAYS_CZ, "2026-12-26T11:00", 1);
	check_open("Dec 24-26 10:00-12:00", HOLIDAYS_CZ, "2026-12-27T11:00", 0);
	check_open("Dec 24,26,31 off; 24/7", HOLIDAYS_CZ, "2026-12-31T11:00", 1);
	check_open("24/7; Dec 24,26,31 off", HOLIDAYS_CZ, "2026-12-31T11:00", 0);
	check_open("24/7; Dec 24,26,31 off", HOLIDAYS_CZ, "2026-12-25T11:00", 1);
	check_open("Jan 01-Mar 15 10:00-12:00", HOLIDAYS_CZ, "2026-03-15T11:00", 1);
	check_open("Jan 01-Mar 15 10:00-12:00", HOLIDAYS_CZ, "2026-03-16T11:00", 0);
	/* Month-day range across the end of the year. */
	check_open("Dec 24-Jan 06 off; 24/7", HOLIDAYS_CZ, "2026-12-31T11:00", 1);
	check_open("24/7; Dec 24-Jan 06 off", HOLIDAYS_CZ, "2026-12-31T11:00", 0);
	check_open("24/7; Dec 24-Jan 06 off", HOLIDAYS_CZ, "2027-01-06T23:59", 0);
	check_open("24/7; Dec 24-Jan 06 off", HOLIDAYS_CZ, "2027-01-07T00:00", 1);
	check_open("24/7; Dec 24-Jan 06 off", HOLIDAYS_CZ, "2026-12-23T23:59", 1);
	/* Feb 29 only in leap years. */
	check_open("Feb 29", HOLIDAYS_CZ, "2028-02-29T10:00", 1);
	check_open("Feb 29", HOLIDAYS_CZ, "2027-03-01T10:00", 0);
	check_open("Feb 20-Feb 28", HOLIDAYS_CZ, "2027-02-28T10:00", 1);
	/* nth weekday of the month: 2026-01-01 is a Thursday. */
	check_open("Th[1] 10:00-12:00", HOLIDAYS_CZ, "2026-01-01T11:00", 1);
	check_open("Th[1] 10:00-12:00", HOLIDAYS_CZ, "2026-01-08T11:00", 0);
	check_open("Mo[-1]", HOLIDAYS_CZ, "2026-03-30T11:00", 1);
	check_open("Mo[-1]", HOLIDAYS_CZ, "2026-03-23T11:00", 0);
	check_open("Mo[1-2]", HOLIDAYS_CZ, "2026-03-09T11:00", 1);
	check_open("Mo[1-2]", HOLIDAYS_CZ, "2026-03-16T11:00", 0);
	check_open("Mo[5]", HOLIDAYS_CZ, "2026-03-30T11:00", 1);
	check_open("Mo[5]", HOLIDAYS_CZ, "2026-02-23T11:00", 0);
	check_open("Mo[1,-1]", HOLIDAYS_CZ, "2026-02-23T11:00", 1);
	check_open("Jan Th[1]", HOLIDAYS_CZ, "2026-01-01T11:00", 1);
	check_open("Jan Th[1]", HOLIDAYS_CZ, "2026-02-05T11:00", 0);
	/* 00:00-24:00 and a span ending where it starts are whole days. */
	check_open("Mo 00:00-24:00", HOLIDAYS_CZ, "2026-03-02T00:00", 1);
	check_open("Mo 00:00-24:00", HOLIDAYS_CZ, "2026-03-03T00:00", 0);
	check_open("Mo 08:00-08:00", HOLIDAYS_CZ, "2026-03-03T07:59", 1);
	check_open("Mo 08:00-08:00", HOLIDAYS_CZ, "2026-03-03T08:00", 0);
}

static void test_holidays(void)
{
	/* CZ: 2026-12-24 (Štědrý den, a Thursday); PL: 2026-01-06. */
	check_open("PH", HOLIDAYS_CZ, "2026-12-24T12:00", 1);
	check_open("PH", HOLIDAYS_CZ, "2026-12-23T12:00", 0);
	check_open("PH", HOLIDAYS_PL, "2026-01-06T12:00", 1);
	check_open("PH", HOLIDAYS_CZ, "2026-01-06T12:00", 0);
	check_open("Mo-Fr 08:00-12:00; PH off", HOLIDAYS_CZ, "2026-12-24T10:00", 0);
	check_open("Mo-Fr 08:00-12:00; PH off", HOLIDAYS_PL, "2026-12-23T10:00", 1);
	check_open("Mo-Fr 08:00-12:00; PH off", HOLIDAYS_PL, "2026-01-06T10:00", 0);
	check_open("Mo-Fr 08:00-12:00; PH 09:00-10:00", HOLIDAYS_PL, "2026-01-06T08:30", 0);
	check_open("Mo-Fr 08:00-12:00; PH 09:00-10:00", HOLIDAYS_PL, "2026-01-06T09:30", 1);
	check_open("Mo-Fr,PH 10:00-12:00", HOLIDAYS_CZ, "2026-12-26T11:00", 1);
	check_open("Mo-Fr,PH 10:00-12:00", HOLIDAYS_CZ, "2026-12-27T11:00", 0);
	check_open("PH Sa 10:00-12:00", HOLIDAYS_CZ, "2026-12-26T11:00", 1);
	check_open("PH Sa 10:00-12:00", HOLIDAYS_CZ, "2026-12-24T11:00", 0);
	/* Good Friday is a CZ holiday (2026-04-03), Easter Sunday a PL one. */
	check_open("PH", HOLIDAYS_CZ, "2026-04-03T12:00", 1);
	check_open("PH", HOLIDAYS_PL, "2026-04-05T12:00", 1);
	check_next("PH", HOLIDAYS_CZ, "2026-12-26T12:00", "2026-12-27T00:00");
	check_next("PH", HOLIDAYS_CZ, "2026-12-27T12:00", "2027-01-01T00:00");
	check_next("Mo-Fr 08:00-12:00; PH off", HOLIDAYS_CZ, "2026-12-23T13:00",
		   "2026-12-28T08:00");
}

static void test_rules(void)
{
	/* ';': a later open rule replaces earlier ones on the days it names. */
	check_open("Mo-Fr 08:00-18:00; We 10:00-12:00", HOLIDAYS_CZ, "2026-03-04T09:00", 0);
	check_open("Mo-Fr 08:00-18:00; We 10:00-12:00", HOLIDAYS_CZ, "2026-03-05T09:00", 1);
	/* ... a closed one closes only what it names. */
	check_open("Mo-Fr 08:00-18:00; We 12:00-13:00 off", HOLIDAYS_CZ, "2026-03-04T09:00", 1);
	check_open("Mo-Fr 08:00-18:00; We 12:00-13:00 off", HOLIDAYS_CZ, "2026-03-04T12:30", 0);
	/* ... one without days replaces only a rule without days. */
	check_open("10:00-12:00; 14:00-16:00", HOLIDAYS_CZ, "2026-03-04T11:00", 0);
	check_open("Mo 08:00-09:00; 10:00-12:00", HOLIDAYS_CZ, "2026-03-02T08:30", 1);
	/* ',': adds. */
	check_open("Mo-Fr 08:00-18:00, We 19:00-20:00", HOLIDAYS_CZ, "2026-03-04T09:00", 1);
	check_open("Mo-Fr 08:00-18:00, We 19:00-20:00", HOLIDAYS_CZ, "2026-03-04T19:30", 1);
	check_open("Mo-Fr 08:00-18:00; We 08:00-12:00, We 19:00-20:00", HOLIDAYS_CZ,
		   "2026-03-04T15:00", 0);
	check_open("Mo off, Mo 10:00-12:00", HOLIDAYS_CZ, "2026-03-02T11:00", 1);
}

static void test_midnight(void)
{
	/* 18:00-08:00 runs until 08:00 the next day. */
	check_open("Fr 18:00-08:00", HOLIDAYS_CZ, "2026-03-07T07:59", 1);
	check_open("Fr 18:00-08:00", HOLIDAYS_CZ, "2026-03-07T08:00", 0);
	check_open("Fr 18:00-08:00", HOLIDAYS_CZ, "2026-03-06T07:00", 0);
	check_next("Fr 18:00-08:00", HOLIDAYS_CZ, "2026-03-06T19:00", "2026-03-07T08:00");
	/* The spill-over is overridden by a later open rule for its day ... */
	check_open("Mo-Fr 22:00-06:00; Tu 10:00-12:00", HOLIDAYS_CZ, "2026-03-03T03:00", 0);
	check_next("Mo-Fr 22:00-06:00; Tu 10:00-12:00", HOLIDAYS_CZ, "2026-03-02T23:00",
		   "2026-03-03T00:00");
	/* ... and by "off" for its day ... */
	check_open("Mo-Fr 22:00-06:00; Sa off", HOLIDAYS_CZ, "2026-03-07T03:00", 0);
	/* ... but survives when the day it started on is overridden. */
	check_open("Mo-Fr 22:00-06:00; Mo 10:00-12:00", HOLIDAYS_CZ, "2026-03-03T03:00", 1);
	check_open("Mo-Fr 22:00-06:00; Mo 10:00-12:00", HOLIDAYS_CZ, "2026-03-02T23:00", 0);
	/* ',' keeps it. */
	check_open("Mo 22:00-06:00, Tu 10:00-12:00", HOLIDAYS_CZ, "2026-03-03T03:00", 1);
}

static void test_next_change(void)
{
	check_next("Mo-Fr 08:00-12:00", HOLIDAYS_CZ, "2026-03-02T10:00", "2026-03-02T12:00");
	check_next("Mo-Fr 08:00-12:00", HOLIDAYS_CZ, "2026-03-02T12:00", "2026-03-03T08:00");
	check_next("Mo-Fr 08:00-12:00", HOLIDAYS_CZ, "2026-03-06T12:30", "2026-03-09T08:00");
	check_next("Mo-Fr 08:00-12:00", HOLIDAYS_CZ, "2026-03-02T11:59:30", "2026-03-02T12:00");
	check_next("Mo-Fr 18:00-24:00", HOLIDAYS_CZ, "2026-03-02T23:00", "2026-03-03T00:00");
	check_next("Mo-Su 18:00-24:00", HOLIDAYS_CZ, "2026-03-02T23:00", "2026-03-03T00:00");
	check_next("Sa 20:00-02:00", HOLIDAYS_CZ, "2026-03-07T21:00", "2026-03-08T02:00");
	check_next("Th[1] 10:00-12:00", HOLIDAYS_CZ, "2026-01-01T13:00", "2026-02-05T10:00");
	check_next("Mo[-1] 10:00-12:00", HOLIDAYS_CZ, "2026-03-01T13:00", "2026-03-30T10:00");
	check_next("Dec 24", HOLIDAYS_CZ, "2026-12-24T13:00", "2026-12-25T00:00");
	check_next("Dec 24", HOLIDAYS_CZ, "2026-12-25T13:00", "2027-12-24T00:00");
	check_next("Dec 24", HOLIDAYS_CZ, "2026-12-23T13:00", "2026-12-24T00:00");
	/* None within 366 days. */
	check_next("off", HOLIDAYS_CZ, "2026-03-02T10:00", "none");
	check_next("24/7", HOLIDAYS_CZ, "2026-03-02T10:00", "none");
	check_next("Mo-Su 00:00-24:00", HOLIDAYS_CZ, "2026-03-02T10:00", "none");
	check_next("Jan 01-Dec 31", HOLIDAYS_CZ, "2026-03-02T10:00", "none");
	check_next("08:00-08:00", HOLIDAYS_CZ, "2026-03-02T10:00", "none");
	/* Feb 29 is more than 366 days away from 2026-03-02 ... */
	check_next("Feb 29", HOLIDAYS_CZ, "2026-03-02T10:00", "none");
	/* ... and the reference does not see it from a year without one. */
	check_next("Feb 29", HOLIDAYS_CZ, "2027-03-02T10:00", "none");
	check_next("Feb 29", HOLIDAYS_CZ, "2028-01-02T10:00", "2028-02-29T00:00");
	check_next("Dec 24", HOLIDAYS_CZ, "2027-12-24T00:00", "2027-12-25T00:00");
	/* A later rule without days adds to one with days: always open. */
	check_next("Dec 25 off; 24/7", HOLIDAYS_CZ, "2026-12-25T00:00", "none");
	check_next("Dec 25", HOLIDAYS_CZ, "2026-12-25T00:00", "2026-12-26T00:00");
	check_next("Dec 25", HOLIDAYS_CZ, "2026-12-26T00:00", "2027-12-25T00:00");
	check_next("Dec 26", HOLIDAYS_CZ, "2026-12-26T00:01", "2026-12-27T00:00");
	check_next("Dec 26", HOLIDAYS_CZ, "2026-12-27T00:00", "2027-12-26T00:00");
	check_next("Dec 26", HOLIDAYS_CZ, "2026-12-26T00:00", "2026-12-27T00:00");
}

struct collect {
	char text[512];
};

static void collect_cb(int64_t start, int64_t end, void *arg)
{
	struct collect *c = arg;
	size_t n = strlen(c->text);

	snprintf(c->text + n, sizeof(c->text) - n, "%s[%s,%s)", n ? " " : "", F(start), F(end));
}

static void check_intervals(const char *expr, const char *from, const char *to, const char *want)
{
	struct ohours *oh = P(expr);
	struct collect c = { "" };

	if (!oh) {
		ok(0, "'%s' parses", expr);
		return;
	}
	ohours_intervals(oh, HOLIDAYS_CZ, L(from), L(to), 0, collect_cb, &c);
	is_str(c.text, want, "'%s' intervals in [%s, %s)", expr, from, to);
	ohours_free(oh);
}

static void test_intervals(void)
{
	check_intervals("Mo-Fr 08:00-12:00,13:00-17:00", "2026-03-06T10:00", "2026-03-09T14:00",
			"[2026-03-06T10:00,2026-03-06T12:00) [2026-03-06T13:00,2026-03-06T17:00) "
			"[2026-03-09T08:00,2026-03-09T12:00) [2026-03-09T13:00,2026-03-09T14:00)");
	check_intervals("Fr-Sa 20:00-02:00", "2026-03-06T00:00", "2026-03-09T00:00",
			"[2026-03-06T20:00,2026-03-07T02:00) [2026-03-07T20:00,2026-03-08T02:00)");
	check_intervals("24/7; PH off", "2026-12-23T12:00", "2026-12-28T00:00",
			"[2026-12-23T12:00,2026-12-24T00:00) [2026-12-27T00:00,2026-12-28T00:00)");
	check_intervals("off", "2026-01-01T00:00", "2027-01-01T00:00", "");
	check_intervals("Mo 10:00-12:00", "2026-03-02T12:00", "2026-03-02T12:00", "");
	check_intervals("Mo 10:00-12:00", "2026-03-02T11:00:30", "2026-03-02T11:30",
			"[2026-03-02T11:00:30,2026-03-02T11:30)");
}

/* Europe/Prague: summer time from 2026-03-29 02:00 to 2026-10-25 03:00. */
static void test_dst(void)
{
	struct diag d = DIAG_INIT;
	struct civtz *tz;
	struct ohours *oh;

	if (civtz_load("Europe/Prague", &tz, &d)) {
		ok(0, "load Europe/Prague: %s", d.msg);
		return;
	}
	{
		/* the span of one offset that the evaluator caches */
		int64_t at[4], from, until, utc;
		size_t i;
		int bad = 0;
		int off = civtz_offset_span(tz, L("2026-07-01T10:00"), &from, &until);

		at[0] = L("2026-07-01T12:00");
		at[1] = L("2026-12-01T12:00");
		at[2] = L("2101-07-01T12:00");
		/* before the range of dates read, still inside the zone data */
		at[3] = L("1970-07-01T12:00") - (int64_t)3652 * 86400;
		is_int(off, 7200, "offset span: summer time");
		is_str(F(from), "2026-03-29T01:00", "offset span: from the spring change (UTC)");
		is_str(F(until), "2026-10-25T01:00", "offset span: until the autumn change (UTC)");
		for (i = 0; i < sizeof at / sizeof *at; i++) {
			utc = at[i];
			off = civtz_offset_span(tz, utc, &from, &until);
			bad += from > utc || until <= utc || off != civtz_offset_at(tz, utc) ||
			       off != civtz_offset_at(tz, from) ||
			       off != civtz_offset_at(tz, until - 1) ||
			       (until != INT64_MAX && civtz_offset_at(tz, until) == off);
		}
		is_int(bad, 0, "offset span: one offset inside, a change at its end");
	}
	oh = P("Mo-Su 02:30-04:00");
	if (oh) {
		/* 02:30 does not exist that day: it is 03:30 summer time. */
		is_str(F(ohours_next_change_tz(oh, HOLIDAYS_CZ, tz, L("2026-03-29T01:00"))),
		       "2026-03-29T03:30", "spring gap: opening at 02:30 is seen at 03:30");
		is_str(F(ohours_next_change(oh, HOLIDAYS_CZ, L("2026-03-29T01:00"))),
		       "2026-03-29T02:30", "wall clock: opening at 02:30");
		is_int(ohours_is_open_tz(oh, HOLIDAYS_CZ, tz, L("2026-03-29T02:15")), 1,
		       "spring gap: 02:15 is 03:15, open");
		ohours_free(oh);
	}
	oh = P("Mo-Su 02:30-03:00");
	if (oh) {
		is_str(F(ohours_next_change_tz(oh, HOLIDAYS_CZ, tz, L("2026-03-29T01:00"))),
		       "2026-03-30T02:30", "spring gap: a span inside the gap never opens");
		ohours_free(oh);
	}
	oh = P("Su 23:00-01:00");
	if (oh) {
		/* After the 23-hour day, 00:30 minus 24 hours is Saturday. */
		is_int(ohours_is_open_tz(oh, HOLIDAYS_CZ, tz, L("2026-03-30T00:30")), 0,
		       "after spring forward: the spill-over is looked up 24 h back");
		is_int(ohours_is_open(oh, HOLIDAYS_CZ, L("2026-03-30T00:30")), 1,
		       "wall clock: the spill-over is open");
		is_str(F(ohours_next_change_tz(oh, HOLIDAYS_CZ, tz, L("2026-03-29T23:30"))),
		       "2026-03-30T00:00", "after spring forward: closes at midnight");
		is_str(F(ohours_next_change_tz(oh, HOLIDAYS_CZ, tz, L("2026-10-25T23:30"))),
		       "2026-10-26T01:00", "after fall back: closes at 01:00");
		ohours_free(oh);
	}
	oh = P("Mo-Su 22:00-02:30");
	if (oh) {
		is_str(F(ohours_next_change_tz(oh, HOLIDAYS_CZ, tz, L("2026-10-24T23:00"))),
		       "2026-10-25T02:30", "fall back: closes at the first 02:30");
		ohours_free(oh);
	}
	civtz_free(tz);
}

static void test_shared_object(void)
{
	struct ohours *oh = P("PH");

	if (!oh) {
		ok(0, "'PH' parses");
		return;
	}
	/* One object, both countries, years alternating: the cache follows. */
	is_str(F(ohours_next_change(oh, HOLIDAYS_PL, L("2026-12-27T12:00"))), "2027-01-01T00:00",
	       "PL: next holiday after Christmas");
	is_str(F(ohours_next_change(oh, HOLIDAYS_CZ, L("2027-01-02T12:00"))), "2027-03-26T00:00",
	       "CZ: Good Friday 2027");
	is_int(ohours_is_open(oh, HOLIDAYS_PL, L("2026-01-06T12:00")), 1,
	       "PL: Epiphany 2026 after 2027");
	is_int(ohours_is_open(oh, HOLIDAYS_CZ, L("2026-01-06T12:00")), 0, "CZ: no Epiphany");
	is_int(ohours_is_open(oh, (enum holidays_country)7, L("2026-01-01T12:00")), 0,
	       "unknown country: no holidays");
	ohours_free(oh);
	check_open("Jan,Mar Th[1-2] 10:00-12:00", HOLIDAYS_CZ, "2026-03-12T11:00", 1);
	check_next("Jan,Mar Th[1-2] 10:00-12:00", HOLIDAYS_CZ, "2026-03-19T11:00",
		   "2027-01-07T10:00");
	check_open("PH,Sa 10:00-12:00", HOLIDAYS_CZ, "2026-12-24T11:00", 1);
	check_next("PH,Sa 10:00-12:00", HOLIDAYS_CZ, "2026-12-23T11:00", "2026-12-24T10:00");
}

static void test_lifecycle(void)
{
	struct ohours *oh = P("Mo-Fr 08:00-12:00; PH off");

	ok(oh != NULL, "parse once");
	if (oh) {
		int i, opens = 0;
		for (i = 0; i < 1000; i++)
			opens += ohours_is_open(oh, i % 2 ? HOLIDAYS_CZ : HOLIDAYS_PL,
						L("2026-01-06T09:00"));
		is_int(opens, 500, "evaluate many times, both countries share the object");
	}
	ohours_free(oh);
	ohours_free(NULL);
	ok(1, "ohours_free(NULL)");
}

/* State, next change and comment, as opening_hours.js answers (checked). */
static void check_answer(const char *expr, enum holidays_country c, const char *at,
			 const char *state, const char *next, const char *comment)
{
	static const char *const names[] = { "closed", "open", "unknown" };
	struct ohours *oh = P(expr);
	struct ohours_answer a;

	if (!oh) {
		ok(0, "'%s' parses", expr);
		return;
	}
	ohours_eval_tz(oh, c, NULL, L(at), &a);
	is_str(names[ohours_state_of(&a)], state, "'%s' at %s: state", expr, at);
	is_str(F(ohours_next_change(oh, c, L(at))), next, "'%s' at %s: next change", expr, at);
	is_str(a.comment ? a.comment : "(none)", comment, "'%s' at %s: comment", expr, at);
	ohours_free(oh);
}

static void test_years_weeks(void)
{
	/* as opening_hours.js answers at 2026-03-02T10:00 (a Monday) */
	check_answer("2026 Dec 24-2027 Jan 01 off", HOLIDAYS_CZ, "2026-03-02T10:00", "closed",
		     "none", "(none)");
	check_answer("Mo-Fr 08:00-16:00; 2026 Dec 24-2027 Jan 01 off", HOLIDAYS_CZ,
		     "2026-12-23T15:00", "open", "2026-12-23T16:00", "(none)");
	check_answer("Mo-Fr 08:00-16:00; 2026 Dec 24-2027 Jan 01 off", HOLIDAYS_CZ,
		     "2026-12-23T17:00", "closed", "2027-01-04T08:00", "(none)");
	check_answer("2025-2027 Mo", HOLIDAYS_CZ, "2026-03-02T10:00", "open", "2026-03-03T00:00",
		     "(none)");
	/* the reference's hint for a year not in the period is year + period - 1 */
	check_answer("2020/3", HOLIDAYS_CZ, "2026-03-02T10:00", "open", "2027-01-01T00:00",
		     "(none)");
	check_answer("2020+", HOLIDAYS_CZ, "2026-03-02T10:00", "open", "none", "(none)");
	check_answer("2026 Dec", HOLIDAYS_CZ, "2026-03-02T10:00", "closed", "2026-12-01T00:00",
		     "(none)");
	check_answer("week 01-53/2 Mo 10:00-12:00", HOLIDAYS_CZ, "2026-03-02T10:00", "closed",
		     "2026-03-09T10:00", "(none)");
	check_answer("week 1,week 3", HOLIDAYS_CZ, "2026-03-02T10:00", "closed", "2027-01-04T00:00",
		     "(none)");
	/* 2026 has an ISO week 53: 28 December 2026 to 3 January 2027 */
	check_answer("week 53", HOLIDAYS_CZ, "2026-12-28T10:00", "open", "2027-01-04T00:00",
		     "(none)");
	check_answer("week 53", HOLIDAYS_CZ, "2027-12-28T10:00", "closed", "none", "(none)");
	check_answer("2026 Dec 24-26", HOLIDAYS_CZ, "2026-03-02T10:00", "closed",
		     "2026-12-24T00:00", "(none)");
}

static void test_open_ends(void)
{
	/* as opening_hours.js answers at 2026-03-02T10:00 (a Monday) */
	check_answer("Mo 10:00+", HOLIDAYS_CZ, "2026-03-02T10:00", "unknown", "2026-03-03T00:00",
		     OHOURS_OPEN_END_COMMENT);
	check_answer("Mo 18:00+", HOLIDAYS_CZ, "2026-03-02T10:00", "closed", "2026-03-02T18:00",
		     "(none)");
	check_answer("Mo 10:00-12:00+", HOLIDAYS_CZ, "2026-03-02T10:00", "open", "2026-03-02T12:00",
		     "(none)");
	/* the reference's hack: closed when the next time does not match */
	check_answer("07:00+,12:00-16:00; 16:00-24:00 closed \"x\"", HOLIDAYS_CZ,
		     "2026-03-02T10:00", "closed", "2026-03-02T12:00", OHOURS_OPEN_END_COMMENT);
	check_answer("Mo 00:00+", HOLIDAYS_CZ, "2026-03-02T10:00", "open", "2026-03-03T00:00",
		     "(none)");
	check_answer("Mo 22:00-26:00", HOLIDAYS_CZ, "2026-03-02T10:00", "closed",
		     "2026-03-02T22:00", "(none)");
	check_answer("Mo 08:00-48:00", HOLIDAYS_CZ, "2026-03-02T10:00", "open", "2026-03-04T00:00",
		     "(none)");
	check_answer("Mo 08:00-24:30", HOLIDAYS_CZ, "2026-03-02T10:00", "open", "2026-03-03T00:30",
		     "(none)");
	/* Easter Sunday 2026 is 5 April, 2027 28 March */
	check_answer("easter", HOLIDAYS_CZ, "2026-04-05T10:00", "open", "2026-04-06T00:00",
		     "(none)");
	check_answer("Mo-Fr 08:00-16:00; easter +1 day off", HOLIDAYS_CZ, "2027-03-28T10:00",
		     "closed", "2027-03-30T08:00", "(none)");
	check_answer("easter +50 days 10:00-12:00", HOLIDAYS_CZ, "2026-04-05T10:00", "closed",
		     "2026-05-25T10:00", "(none)");
	/* with a year the reference compares only month and day afterwards */
	check_answer("2026 easter", HOLIDAYS_CZ, "2027-04-05T10:00", "open", "2027-04-06T00:00",
		     "(none)");
	/* forms accepted with a warning */
	check_answer("Mo-Fr: 08:00-12:00", HOLIDAYS_CZ, "2026-03-02T10:00", "open",
		     "2026-03-02T12:00", "(none)");
	check_answer("Mo 10-12", HOLIDAYS_CZ, "2026-03-02T10:00", "open", "2026-03-02T12:00",
		     "(none)");
	check_answer("Dec 24: off", HOLIDAYS_CZ, "2026-03-02T10:00", "closed", "none", "(none)");
	check_answer("Dec 10: 08:00-12:00", HOLIDAYS_CZ, "2026-12-10T10:00", "open",
		     "2026-12-10T12:00", "(none)");
	check_answer("Dec 10:00-12:00", HOLIDAYS_CZ, "2026-12-11T10:30", "open", "2026-12-11T12:00",
		     "(none)");
	/* after a month in a list the reference reads "MON N:N" as a time */
	check_answer("May-Oct,Mar 29: off", HOLIDAYS_CZ, "2026-12-10T10:00", "closed", "none",
		     "(none)");
}

static void test_states(void)
{
	/* 2026-03-02 is a Monday. */
	check_answer("Mo-Fr 08:00-12:00 \"by appointment\"", HOLIDAYS_CZ, "2026-03-02T10:00",
		     "unknown", "2026-03-02T12:00", "by appointment");
	check_answer("\"by appointment\"", HOLIDAYS_CZ, "2026-03-02T10:00", "unknown", "none",
		     "by appointment");
	check_answer("Mo-Fr 08:00-12:00 unknown", HOLIDAYS_CZ, "2026-03-02T10:00", "unknown",
		     "2026-03-02T12:00", "(none)");
	check_answer("Mo-Fr 08:00-12:00 off \"holiday\"", HOLIDAYS_CZ, "2026-03-02T10:00", "closed",
		     "none", "holiday");
	check_answer("Mo 08:00-12:00 open \"walk in\"", HOLIDAYS_CZ, "2026-03-02T10:00", "open",
		     "2026-03-02T12:00", "walk in");
	/* a state after a comment keeps the unknown flag: open, and unknown */
	check_answer("Mo-Fr 08:00-12:00 \"x\" open", HOLIDAYS_CZ, "2026-03-02T10:00", "open",
		     "2026-03-02T12:00", "x");
	check_answer("Mo 10:00-12:00 \"x\" off", HOLIDAYS_CZ, "2026-03-02T10:00", "unknown",
		     "2026-03-02T12:00", "x");
	check_answer("Mo-Fr 08:00-09:00 || \"by appointment\"", HOLIDAYS_CZ, "2026-03-02T10:00",
		     "unknown", "2026-03-03T08:00", "by appointment");
	check_answer("Mo-Fr 08:00-09:00 || \"by appointment\"", HOLIDAYS_CZ, "2026-03-02T08:30",
		     "open", "2026-03-02T09:00", "(none)");
	check_answer("Mo-Fr 08:00-12:00 \"a\"; \"b\"", HOLIDAYS_CZ, "2026-03-02T10:00", "unknown",
		     "none", "b");
	check_answer("Mo 08:00-12:00 \"a\"; Mo 10:00-11:00 off \"b\"", HOLIDAYS_CZ,
		     "2026-03-02T10:00", "closed", "2026-03-02T11:00", "b");
	check_answer("Mo 08:00-12:00 \"a\"; Mo 11:00-13:00", HOLIDAYS_CZ, "2026-03-02T10:00",
		     "closed", "2026-03-02T11:00", "(none)");
	check_answer("Mo \"a\", Tu \"b\"", HOLIDAYS_CZ, "2026-03-02T10:00", "unknown",
		     "2026-03-04T00:00", "a");
	/* on a holiday the PH rule's comment is the holiday's name by law */
	check_answer("PH", HOLIDAYS_CZ, "2026-12-25T10:00", "open", "2026-12-27T00:00",
		     "1. svátek vánoční");
	check_answer("Mo-Su 08:00-12:00; PH off", HOLIDAYS_PL, "2026-12-25T10:00", "closed",
		     "2026-12-27T08:00", "Pierwszy dzień Bożego Narodzenia");
	/* ... but not through the part of a span past midnight */
	check_answer("PH 00:00-13:00,23:26-17:00", HOLIDAYS_PL, "2025-04-21T12:00", "open",
		     "2025-04-21T17:00", "(none)");
	check_answer("Mo-Fr 08:00-12:00 \"\"", HOLIDAYS_CZ, "2026-03-02T10:00", "unknown",
		     "2026-03-02T12:00", "");
}

/*
 * Day offsets, ranges with Easter or an nth weekday at an end, periods of
 * days (ohours_dates.c): the reference's answers (scripts/ohours-diff),
 * the comments on moved holidays with the names by law.
 */
static void test_dates(void)
{
	check_answer("Mo-Fr 08:00-16:00; PH -1 day 08:00-12:00; PH off", HOLIDAYS_CZ,
		     "2026-04-02T13:00", "closed", "2026-04-05T08:00", "(none)");
	check_answer("Mo-Fr 08:00-16:00; PH -1 day 08:00-12:00; PH off", HOLIDAYS_CZ,
		     "2026-12-31T11:00", "open", "2026-12-31T12:00",
		     "Day before Den obnovy samostatného českého státu");
	/* two holidays one after another: alternatives, then the weekdays */
	check_answer("SH PH -1 day Mo-We", HOLIDAYS_CZ, "2026-12-23T10:00", "open",
		     "2026-12-24T00:00", "Day before Štědrý den");
	check_answer("SH PH -1 day Mo-We", HOLIDAYS_CZ, "2026-12-29T10:00", "open",
		     "2026-12-31T00:00", "Vánoční prázdniny");
	check_answer("SH PH -1 day Mo-We", HOLIDAYS_CZ, "2026-12-31T10:00", "closed",
		     "2027-07-05T00:00", "(none)");
	check_answer("PH +1 day 10:00-12:00", HOLIDAYS_PL, "2026-12-27T10:30", "open",
		     "2026-12-27T12:00", "Day after Drugi dzień Bożego Narodzenia");
	check_answer("Su[-1] -1 day 09:00-13:00", HOLIDAYS_CZ, "2026-03-28T10:00", "open",
		     "2026-03-28T13:00", "(none)");
	check_answer("Sa[1] -5 days", HOLIDAYS_CZ, "2026-02-02T10:00", "open", "2026-02-03T00:00",
		     "(none)");
	check_answer("Mo[2] -0 days", HOLIDAYS_CZ, "2026-03-09T10:00", "open", "2026-03-10T00:00",
		     "(none)");
	check_answer("Feb Su[5] -1 day 12:00-22:00", HOLIDAYS_CZ, "2026-02-01T10:00", "closed",
		     "none", "(none)");
	check_answer("Nov Su[-1]-Dec Su[1] -1 day", HOLIDAYS_CZ, "2026-12-05T10:00", "open",
		     "2026-12-06T00:00", "(none)");
	check_answer("Jan 20-Jan Su[-1] Mo-Fr 09:00-12:00", HOLIDAYS_CZ, "2026-01-20T10:00", "open",
		     "2026-01-20T12:00", "(none)");
	check_answer("Dec 25-easter off; 10:00-12:00", HOLIDAYS_CZ, "2026-04-05T10:00", "open",
		     "2026-04-05T12:00", "(none)");
	check_answer("Apr 05-easter -1 day", HOLIDAYS_CZ, "2027-03-27T10:00", "closed",
		     "2027-04-05T00:00", "(none)");
	check_answer("easter -2 days-easter +2 days", HOLIDAYS_CZ, "2026-04-06T10:00", "open",
		     "2026-04-07T00:00", "(none)");
	check_answer("2026 easter -2 days-2026 easter +2 days", HOLIDAYS_CZ, "2027-03-27T10:00",
		     "closed", "none", "(none)");
	check_answer("Jan 01-31/8 10:00-12:00", HOLIDAYS_CZ, "2026-01-09T10:00", "open",
		     "2026-01-09T12:00", "(none)");
	check_answer("Jan 01-31/8 10:00-12:00", HOLIDAYS_CZ, "2026-01-10T10:00", "closed",
		     "2026-01-17T10:00", "(none)");
	/* points in time are the reference's mode 2, not opening hours */
	parse_error(
		"Mo 12:00,15:00", 9, "'12:00' is a point in time, not opening hours",
		"points in time belong in collection_times or service_times; opening hours need a range such as '10:00-12:00'");
	parse_error(
		"Mo-Fr 10:00-16:00/01:30", 18,
		"'10:00-16:00/01:30' is a series of points in time, not opening hours",
		"points in time belong in collection_times or service_times; opening hours need a range such as '10:00-12:00'");
	parse_error(
		"Apr 08:00", 10, "'08:00' is a point in time, not opening hours",
		"points in time belong in collection_times or service_times; opening hours need a range such as '10:00-12:00'");
	parse_error("Su[-1] -7 days", 9, "an nth weekday moved by 7 days: 6 at most", "");
	parse_error("easter -2 days-easter +251 days", 24,
		    "easter +251 days leaves the year in some years (from -80 to +250)", "");
	parse_error("Jan Su[1,2]-Jan 20", 9,
		    "one nth weekday only at an end of a date range (write 'Jan Su[1]')", "");
	parse_error("Jan 01-31/0", 11, "a period of 0 days", "");
	parse_error("Su[1]+", 6,
		    "unexpected '+' (an open end follows a time, a day offset PH, an nth weekday or easter)",
		    "");
	/* a year in a list of months, which the reference refuses */
	parse_error("May,2029 Apr 05", 5, "unexpected '2029'", "");
}

int main(void)
{
	test_states();
	test_years_weeks();
	test_open_ends();
	test_errors();
	test_constructs();
	test_holidays();
	test_rules();
	test_midnight();
	test_next_change();
	test_intervals();
	test_dst();
	test_shared_object();
	test_lifecycle();
	test_dates();
	return tap_done();
}
