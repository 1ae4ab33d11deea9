/*
 * Variable times and school holidays in opening hours: the events of
 * suntime.h, the parsing of "sunrise", "(sunset-01:00)" and "SH", and
 * their evaluation with the reference's answers (taken from opening_hours
 * 3.15.0 in Europe/Prague; scripts/ohours-diff compares many more).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "diag.h"
#include "holidays.h"
#include "ohours.h"
#include "schoolhol.h"
#include "suntime.h"
#include "tap.h"

#include "banned.h"

static struct civtz *prague;

/* A local time of the tests; a bad one is a bug of the test. */
static int64_t L(const char *s)
{
	int64_t t = 0;

	if (civtime_parse_local(s, &t) < 0)
		abort();
	return t;
}

/* The next change as the reference prints it, "none" for none. */
static void next_text(int64_t t, char buf[CIVTIME_TS_MAX])
{
	if (t == OHOURS_NONE)
		snprintf(buf, CIVTIME_TS_MAX, "none");
	else
		civtime_format_local(buf, t);
}

static void test_events(void)
{
	struct suntime_place pl = { 50.08, 14.42, NULL };
	struct suntime_cache c;
	int64_t ms;
	int m;

	pl.tz = prague;
	suntime_cache_init(&c);
	/* suncalc 2.0.2: getTimes(new Date(1767225600123), 50.08, 14.42) */
	is_int(suntime_event_ms(1767225600123.0, 50.08, 14.42, SUNTIME_SUNRISE, &ms), 0,
	       "sunrise occurs");
	ok(ms == 1767250872441, "sunrise to the millisecond (%lld)", (long long)ms);
	is_int(suntime_event_ms(1767225600123.0, 50.08, 14.42, SUNTIME_DUSK, &ms), 0,
	       "dusk occurs");
	ok(ms == 1767282541604, "dusk to the millisecond (%lld)", (long long)ms);
	is_int(suntime_event_ms(1767225600123.0, 78.22, 15.65, SUNTIME_SUNRISE, &ms), -1,
	       "no sunrise in the polar night");
	/* the local minute, truncated: sunrise 05:09, sunset 21:06 on 15 July */
	is_int(suntime_minutes(&pl, &c, L("2026-07-15T12:00"), SUNTIME_SUNRISE, &m), 0,
	       "sunrise 15 July");
	is_int(m, 5 * 60 + 9, "sunrise at 05:09");
	is_int(suntime_minutes(&pl, NULL, L("2026-07-15T00:00"), SUNTIME_SUNSET, &m), 0,
	       "sunset, no cache");
	is_int(m, 21 * 60 + 6, "sunset at 21:06");
	pl.lat = 69.65;
	pl.lon = 18.96;
	is_int(suntime_minutes(&pl, &c, L("2026-06-15T12:00"), SUNTIME_SUNSET, &m), -1,
	       "no sunset in Tromsø in June");
}

struct expect {
	const char *expr, *place, *at, *state, *next, *comment;
};

/* The reference's answers (scripts/ohours-diff's reference side). */
static const struct expect cases[] = {
	{ "sunrise-sunset", "50.08,14.42", "2026-07-15T12:00", "open", "2026-07-15T21:06", NULL },
	{ "sunrise-sunset", "50.08,14.42", "2026-07-15T02:00", "closed", "2026-07-15T05:09", NULL },
	{ "(sunrise+01:00)-(sunset-01:00)", "50.08,14.42", "2026-12-15T08:00", "closed",
	  "2026-12-15T08:54", NULL },
	{ "dusk-dawn", "52.23,21.01", "2026-03-29T01:30", "open", "2026-03-29T05:43", NULL },
	{ "dawn-dusk", "50.08,14.42", "2026-03-29T01:00", "closed", "2026-03-29T06:13", NULL },
	{ "dawn-dusk", "50.08,14.42", "2026-03-29T12:00", "open", "2026-03-29T20:02", NULL },
	/* a start after a fixed end: closed all day, until the sun rises before 07:00 */
	{ "sunrise-07:00", "50.08,14.42", "2026-12-15T05:00", "closed", "2027-02-23T06:58", NULL },
	{ "sunrise-07:00", "50.08,14.42", "2026-06-15T05:00", "open", "2026-06-15T07:00", NULL },
	{ "sunset-sunrise", "50.08,14.42", "2026-10-25T02:30", "open", "2026-10-25T06:40", NULL },
	{ "sunset-02:00", "52.23,21.01", "2026-10-25T01:30", "open", "2026-10-25T02:00", NULL },
	{ "Mo-Fr sunrise+", "50.08,14.42", "2026-07-15T12:00", "unknown", "2026-07-16T00:00",
	  OHOURS_OPEN_END_COMMENT },
	{ "sunset+", "50.08,14.42", "2026-07-15T23:00", "unknown", "2026-07-16T04:00",
	  OHOURS_OPEN_END_COMMENT },
	{ "SH", NULL, "2026-07-15T12:00", "open", "2026-09-01T00:00", "Hlavní prázdniny" },
	{ "SH", NULL, "2027-01-03T12:00", "open", "2027-01-04T00:00", "Vánoční prázdniny" },
	{ "Mo-Fr 08:00-16:00; SH off", NULL, "2027-03-25T10:00", "closed", "2027-03-26T08:00",
	  "Velikonoční prázdniny" },
	{ "SH off; Mo-Fr 08:00-16:00", NULL, "2026-12-22T12:00", "open", "2026-12-22T16:00", NULL },
};

/* expr parsed, at place ("LAT,LON", NULL for none) in Europe/Prague. */
static struct ohours *parsed_at(const char *expr, const char *place)
{
	struct diag d = DIAG_INIT;
	struct ohours *oh;
	double lat, lon;

	if (ohours_parse(expr, &oh, &d)) {
		ok(0, "'%s' parses: %s", expr, d.msg);
		return NULL;
	}
	if (place && sscanf(place, "%lf,%lf", &lat, &lon) == 2)
		ohours_set_place(oh, lat, lon, prague);
	return oh;
}

static void check(const struct expect *e)
{
	static const char *const states[] = { "closed", "open", "unknown" };
	struct diag d = DIAG_INIT;
	struct ohours *oh = parsed_at(e->expr, e->place);
	struct ohours_answer a;
	char next[CIVTIME_TS_MAX];

	if (!oh)
		return;
	is_int(ohours_check_context(oh, HOLIDAYS_CZ, &d), 0, "'%s' can be evaluated", e->expr);
	next_text(ohours_eval_next_tz(oh, HOLIDAYS_CZ, prague, L(e->at), &a), next);
	is_int(a.failed, 0, "'%s' at %s: no failure", e->expr, e->at);
	is_str(states[ohours_state_of(&a)], e->state, "'%s' at %s: state", e->expr, e->at);
	is_str(next, e->next, "'%s' at %s: next change", e->expr, e->at);
	is_str(a.comment ? a.comment : "", e->comment ? e->comment : "", "'%s' at %s: comment",
	       e->expr, e->at);
	ohours_free(oh);
}

static void parse_error(const char *expr, long col, const char *msg)
{
	struct diag d = DIAG_INIT;
	struct ohours *oh = NULL;

	is_int(ohours_parse(expr, &oh, &d), -1, "'%s' is refused", expr);
	is_int(d.col, col, "'%s': column", expr);
	is_str(d.msg, msg, "'%s': message", expr);
}

/* The context and the failures where the reference throws. */
static void context_error(const char *expr, const char *place, enum holidays_country c,
			  const char *at, long col, const char *msg)
{
	struct diag d = DIAG_INIT;
	struct ohours *oh = parsed_at(expr, place);
	struct ohours_answer a;

	if (!oh)
		return;
	if (!at) {
		is_int(ohours_check_context(oh, c, &d), -1, "'%s' is refused", expr);
	} else {
		is_int(ohours_check_context(oh, c, &d), 0, "'%s' can be evaluated", expr);
		ohours_eval_next_tz(oh, c, prague, L(at), &a);
		is_int(a.failed, 1, "'%s' at %s fails", expr, at);
		is_int(a.open, 0, "'%s' at %s: no answer", expr, at);
		is_int(ohours_answer_check(oh, c, &a, &d), -1, "'%s' at %s: described", expr, at);
	}
	is_int(d.status, DIAG_DATA, "'%s': data error", expr);
	is_int(d.col, col, "'%s': column", expr);
	is_str(d.msg, msg, "'%s': message", expr);
	ohours_free(oh);
}

static void test_errors(void)
{
	parse_error("sunrise", 8, "'sunrise' is a point in time, not opening hours");
	parse_error("Mo (sunrise*01:00)-sunset", 12, "expected '+' or '-' after 'sunrise'");
	parse_error("(sunset+25:00)-22:00", 9, "invalid time offset '25:00' (up to 23:59)");
	parse_error("(sunset+06:00)-23:00", 1, "'(sunset+06:00)' is past the end of the day");
	parse_error("Mo-Fr (dusk-01:00", 18, "unexpected end of expression");
	context_error("Mo-Fr 08:00-12:00; Sa 10:00-sunset", NULL, HOLIDAYS_CZ, NULL, 29,
		      "a variable time (sunrise, sunset, dawn, dusk) needs coordinates");
	context_error("Mo-Fr 08:00-16:00; SH off", NULL, HOLIDAYS_PL, NULL, 20,
		      "no school-holiday data for PL ('SH')");
	context_error("sunrise-sunset", "69.65,18.96", HOLIDAYS_CZ, "2026-06-15T15:00", 1,
		      "there is no sunrise on 2026-06-15 at 69.65, 18.96");
	context_error("10:00-dusk", "69.65,18.96", HOLIDAYS_CZ, "2026-05-10T12:00", 7,
		      "there is no dusk on 2026-05-10 at 69.65, 18.96");
	context_error(
		"SH", NULL, HOLIDAYS_CZ, "2028-09-15T12:00", 1,
		"school holidays 'SH' for CZ are known from 2019 to 2028 only, not on 2028-09-15");
	context_error(
		"MO (dawn-03:15)-12:04 off", "69.65,18.96", HOLIDAYS_CZ, "2027-03-27T23:15", 4,
		"the next change cannot be found on 2027-04-19: an offset moves a variable time of the next day before the time");
}

static void collect(int64_t start, int64_t end, void *arg)
{
	char *buf = arg, a[CIVTIME_TS_MAX], b[CIVTIME_TS_MAX];
	size_t n = strlen(buf);

	next_text(start, a);
	next_text(end, b);
	snprintf(buf + n, 200 - n, "%s%s-%s", n ? " " : "", a + 11, b + 11);
}

static void test_intervals(void)
{
	struct ohours *oh = parsed_at("sunrise-sunset; Su off", "50.08,14.42");
	char buf[200] = "";

	if (!oh)
		return;
	is_int(ohours_intervals(oh, HOLIDAYS_CZ, L("2026-07-15T00:00"), L("2026-07-16T00:00"), 0,
				collect, buf),
	       0, "intervals of a day");
	is_str(buf, "05:09-21:06", "from sunrise to sunset");
	/* three days (the reference's getOpenIntervals), the moving times of each */
	buf[0] = '\0';
	is_int(ohours_intervals(oh, HOLIDAYS_CZ, L("2026-07-18T00:00"), L("2026-07-21T00:00"), 0,
				collect, buf),
	       0, "intervals of three days");
	is_str(buf, "05:12-21:03 05:15-21:01", "Saturday and Monday, not Sunday");
	ohours_set_place(oh, 69.65, 18.96, prague);
	buf[0] = '\0';
	is_int(ohours_intervals(oh, HOLIDAYS_CZ, L("2026-06-15T00:00"), L("2026-06-16T00:00"), 0,
				collect, buf),
	       -1, "no intervals in the polar day");
	is_str(buf, "", "none reported");
	ohours_free(oh);
}

static void test_schoolhol(void)
{
	const char *name;
	long next;
	int first, last;

	is_int(schoolhol_has_data(HOLIDAYS_CZ), 1, "CZ has school holidays");
	is_int(schoolhol_has_data(HOLIDAYS_PL), 0, "PL has none country-wide");
	schoolhol_years(HOLIDAYS_CZ, &first, &last);
	is_int(first, 2019, "from 2019");
	is_int(last, 2028, "to 2028");
	is_int(schoolhol_match(HOLIDAYS_CZ, civtime_days_from_civil(2027, 1, 2), &next, &name), 1,
	       "2 January 2027 is in the Christmas holidays of 2026");
	is_str(name, "Vánoční prázdniny", "named");
	ok(next == civtime_days_from_civil(2027, 1, 4), "until 3 January");
	is_int(schoolhol_match(HOLIDAYS_CZ, civtime_days_from_civil(2026, 10, 28), &next, &name), 0,
	       "28 October 2026 is not");
	ok(next == civtime_days_from_civil(2026, 10, 29), "the autumn holidays next");
	is_int(schoolhol_match(HOLIDAYS_CZ, civtime_days_from_civil(2029, 3, 1), &next, &name), -1,
	       "2029: the reference has no data");
}

int main(void)
{
	struct diag d = DIAG_INIT;
	size_t i;

	if (civtz_load("Europe/Prague", &prague, &d)) {
		printf("1..0 # skip no zone Europe/Prague: %s\n", d.msg);
		return 0;
	}
	test_events();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check(&cases[i]);
	test_errors();
	test_intervals();
	test_schoolhol();
	civtz_free(prague);
	return tap_done();
}
