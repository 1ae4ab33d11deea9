#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "diag.h"
#include "holidays.h"
#include "ohours.h"
#include "ohours_lenient.h"
#include "rx.h"
#include "tap.h"

#include "banned.h"

/* Every pattern of the reference's table is one PCRE2 takes, as the
   tokenizer compiles it. */
static void test_table(void)
{
	size_t i, bad = 0;

	for (i = 0; i < ohours_ncorrections; i++) {
		struct diag d = DIAG_INIT;
		char pat[300];
		struct rx *rx;
		snprintf(pat, sizeof pat, "^(?:%s)\\z", ohours_corrections[i].pattern);
		rx = rx_compile(pat, "test", RX_RULES, &d);
		if (!rx) {
			printf("# %s: %s\n", ohours_corrections[i].pattern, d.msg);
			bad++;
		}
		rx_free(rx);
	}
	ok(bad == 0, "all %zu patterns of the table compile", ohours_ncorrections);
	ok(ohours_ncorrections == 197, "the table has the reference's 197 entries (%zu)",
	   ohours_ncorrections);
	ok(ohours_nambiguous == 12, "and its 12 ambiguous words (%zu)", ohours_nambiguous);
}

/* Answers written by hand from what opening_hours.js 3.15.0 prints. */
static const struct {
	const char *expr, *pretty;
} pretties[] = {
	{ "10:00-12:00,", "10:00-12:00" },
	{ "always closed", "closed" },
	{ "10.00-12.00", "10:00-12:00" },
	{ "10am-12pm,1pm-8pm", "10:00-12:00,13:00-20:00" },
	{ "12:00 a.m. - 12:01am", "00:00-00:01" },
	{ "Montags 07:00-18:00", "Mo 07:00-18:00" },
	{ "Mo 12:00 till 14:00", "Mo 12:00-14:00" },
	{ "Mo 12:00\xe2\x80\x93"
	  "14:00",
	  "Mo 12:00-14:00" },
	{ "Mo 00\xc2\xb3\xc2\xb0-14:09", "Mo 00:30-14:09" },
	{ "17:00 bis Open End", "17:00+" },
	{ "public holidays off", "PH off" },
	{ " We,Fr: PH", "PH We,Fr" },
	{ "Mo & Th and weekends 10:00-12:00", "Mo,Th,Sa,Su 10:00-12:00" },
	{ "week 05 00:00-24:00 Feb", "Feb week 05 00:00-24:00" },
	{ "week 05 Feb 2012-2014", "2012-2014 Feb week 05" },
	{ "Mo 13:00-17:00 open nach Vereinbarung", "Mo 13:00-17:00 open \"Nach Vereinbarung\"" },
	{ "Mo: geschlossen, Di: 14-18Uhr, Mi-Sa: 10-18Uhr",
	  "Mo off, Tu 14:00-18:00, We-Sa 10:00-18:00" },
	{ "mon., Tuesday, wed., Thursday. 12:00-20:00", "Mo,Tu,We,Th 12:00-20:00" },
	{ "listopad 12:00-18:00", "Nov 12:00-18:00" },
	{ "\xe2\x80\x9etesting\xe2\x80\x9c", "\"testing\"" },
	{ "Mo Tu Fr", "Mo Tu Fr" },
	{ "Mo-Fr: 8-12", "Mo-Fr 08:00-12:00" },
	{ "Jan 01,Dec 24.-25.; Nov Th[4]", "Jan 01,Dec 24-25; Nov Th[4]" },
	{ ";;; open", "open" },
	{ "week 01-53/2 Fr 07:05", "week 01-53/2 Fr 07:05" },
	/* months alone end a list of dates: hours after them */
	{ "Dec 27,Aug - oct 9-9", "Dec 27,Aug-Oct 9-9" },
	{ "Apr 16 - Jun 15,Jul-  Sep 12-21 off", "Apr 16-Jun 15,Jul-Sep 12:00-21:00 off" },
	/* the day of a range's end month, also before ':' */
	{ "2027 May 04-2027 Jul 10: 2-0", "2027 May 04-2027 Jul 10: 02:00-00:00" },
	{ "May 04-Jul 10: 2-3", "May 04-Jul 10: 02:00-03:00" },
	/* but not after a range of years */
	{ "2025-2026 oct 11:21 - 07:04", "2025-2026 Oct 11:21-07:04" },
	/* the number after a year's '/' is its period, whatever follows */
	{ "2023/3: 2-19", "2023/3: 02:00-19:00" },
	/* names of its index of all languages */
	{ "lundi 10:00-12:00", "Mo 10:00-12:00" },
	{ "Lundi-Vendredi 09:00-17:00", "Mo-Fr 09:00-17:00" },
	{ "enero-marzo 10:00-12:00", "Jan-Mar 10:00-12:00" },
	{ "\xd0\x9f\xd0\xbe\xd0\xbd\xd0\xb5\xd0\xb4\xd0\xb5\xd0\xbb\xd1\x8c\xd0\xbd\xd0\xb8\xd0\xba "
	  "10:00-12:00",
	  "Mo 10:00-12:00" },
	/* a list of days that ends its rule with ',' keeps it */
	{ "Mo,", "Mo," },
	{ "Tu, ;Mo 10:00-12:00", "Tu,; Mo 10:00-12:00" },
	{ "Oct 12-22 Apr 03,", "Oct 12-22 Apr 03," },
	/* a holiday with an offset goes on with weekdays; its ':' stays */
	{ "PH +1 day,Tu - Mo: sunrise-01:30", "PH +1 day,Tu-Mo: sunrise-01:30" },
	{ "PH -1 day,Fr 16:39 \xd0\xb4\xd0\xbe 06:00", "PH -1 day,Fr 16:39-06:00" },
	/* a date range beside a month, with a lenient dash */
	{ "2027 Feb 21~2028 Mar 06 Jan", "2027 Feb 21-2028 Mar 06 Jan" },
	/* 24/7 after times, and right before a word */
	{ "24/7 Mo 11:00-11:53", "Mo 11:00-11:53 24/7" },
	{ "24/7We 24/7", "24/7 We 24/7" },
};

static void test_pretty(void)
{
	size_t i;

	for (i = 0; i < sizeof pretties / sizeof pretties[0]; i++) {
		struct diag d = DIAG_INIT;
		char *p = ohours_pretty(pretties[i].expr, &d);
		ok(p && strcmp(p, pretties[i].pretty) == 0, "pretty '%s' is '%s' (%s)",
		   pretties[i].expr, pretties[i].pretty, p ? p : d.msg);
		free(p);
	}
}

/* the errors of the reference's reading where they say more than
   ohours_parse's error of the expression as written */
static void test_errors(void)
{
	static const struct {
		const char *expr;
		long col;
		const char *msg, *hint;
	} bad[] = {
		{ "Mon sunrise,sunset", 12, "'sunrise' is a point in time, not opening hours",
		  "points in time" },
		{ "Monday-Wednesday 07:00; Thursday,Friday 05:45", 23,
		  "'07:00' is a point in time, not opening hours", "points in time" },
		{ "Apr. 08:00", 11, "'08:00' is a point in time, not opening hours",
		  "points in time" },
		{ "Mo-Fr 10.00-16.00/90", 7,
		  "'10:00-16:00/90' is a series of points in time, not opening hours",
		  "points in time" },
		{ "Oct Tu-Su 10:00-14:30 Nov off", 23, "'Nov' selects months again in one rule",
		  "if a new rule starts here, write ';' before it" },
		/* there, also where a lenient word stops ohours_parse earlier */
		{ "2028 Jan 02-2029 maerz 18 PH mar 23:30-12:30", 30,
		  "'mar' selects months again in one rule", "if a new rule starts here" },
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct diag d = DIAG_INIT;
		struct ohours *oh = NULL;
		int rc = ohours_parse_lenient(bad[i].expr, &oh, NULL, &d);
		ok(rc == -1 && d.col == bad[i].col && strcmp(d.msg, bad[i].msg) == 0 &&
			   strncmp(d.hint, bad[i].hint, strlen(bad[i].hint)) == 0,
		   "'%s': column %ld, '%s' (%ld: %s; %s)", bad[i].expr, bad[i].col, bad[i].msg,
		   d.col, d.msg, d.hint);
		ohours_free(oh);
	}
}

/* lint's warnings of accepted hours, without a second parse, are those of
   the lenient parse */
static void test_warnings_alone(void)
{
	size_t i, k;

	for (i = 0; i < sizeof pretties / sizeof pretties[0]; i++) {
		struct diag d = DIAG_INIT;
		struct ohours *oh = NULL;
		struct ohours_lenient a, b;
		int same;
		if (ohours_parse_lenient(pretties[i].expr, &oh, &a, &d) < 0)
			continue;
		ohours_free(oh);
		ohours_lenient_warnings(pretties[i].expr, &b);
		same = a.nw == b.nw && a.more == b.more && !a.pretty == !b.pretty &&
		       (!a.pretty || strcmp(a.pretty, b.pretty) == 0);
		for (k = 0; same && k < a.nw; k++)
			same = a.w[k].col == b.w[k].col && strcmp(a.w[k].msg, b.w[k].msg) == 0;
		ok(same, "'%s': %zu warnings, alone too", pretties[i].expr, a.nw);
		ohours_lenient_release(&a);
		ohours_lenient_release(&b);
	}
}

/* state at a time, after a lenient parse */
static const char *state_at(const char *expr, const char *ts)
{
	static const char *const names[] = { "closed", "open", "unknown" };
	struct diag d = DIAG_INIT;
	struct ohours *oh;
	struct ohours_answer a;
	int64_t t;
	const char *s;

	if (civtime_parse_local(ts, &t) || ohours_parse_lenient(expr, &oh, NULL, &d) < 0)
		return "error";
	ohours_eval_tz(oh, HOLIDAYS_CZ, NULL, t, &a);
	s = names[ohours_state_of(&a)];
	ohours_free(oh);
	return s;
}

/* 2026-04-03 is a Friday, 2026-04-06 Easter Monday, 2026-04-13 a Monday */
static const struct {
	const char *expr, *at, *state, *what;
} meanings[] = {
	{ "Mo Tu Fr", "2026-04-03T09:00", "open", "two weekday lists are one: open on a Friday" },
	{ "SH PH -1 day Mo-We 10.00-12.00", "2026-12-24T10:30", "closed",
	  "two holidays, then weekdays: not the day before Christmas Day, a Thursday" },
	{ "SH PH -1 day Mo-We 10.00-12.00", "2026-12-23T10:30", "open",
	  "but the day before Christmas Eve, a Wednesday" },
	{ "lundi-mercredi 08:00-12:00", "2026-04-15T09:00", "open",
	  "lundi-mercredi: open on a Wednesday" },
	{ "lundi-mercredi 08:00-12:00", "2026-04-16T09:00", "closed", "and closed on a Thursday" },
	{ "Mo Tu Fr", "2026-04-04T09:00", "closed", "and closed on a Saturday" },
	{ "Mo 12:00-14:00 16:00-18:00", "2026-04-13T17:00", "open", "two time lists are one" },
	{ "Mo-Sa 11:00-21:00 Su off", "2026-04-13T12:00", "closed",
	  "one rule closing Mo-Su 11-21" },
	{ "10am-12pm", "2026-04-13T11:59", "open", "10am-12pm open at 11:59" },
	{ "10am-12pm", "2026-04-13T12:00", "closed", "and closed at noon" },
	{ "Mo-Fr 9.00-12.00,", "2026-04-13T09:00", "open", "dots and a ',' at the end" },
	{ "Montags 10:00 - 12:00 by appointment", "2026-04-13T10:30", "unknown",
	  "'by appointment' is a comment: unknown" },
	{ "public holidays off; 24/7", "2026-04-06T10:00", "open",
	  "a later rule replaces 'PH off', as in the reference" },
	/* a state after ',' starts an additional rule with its own times,
	   not more times of the rule before */
	{ "Jul-Feb 22:00-15:00,unknown18:00-11:00", "2026-05-19T18:30", "unknown",
	  "', unknown 18:00-11:00' holds in May too" },
	{ "Jul-Feb 22:00-15:00,unknown18:00-11:00", "2031-12-02T14:00", "open",
	  "and ends at 11:00, where Jul-Feb's 22:00-15:00 goes on" },
	{ "Mo 10:00-12:00, open 14:00-16:00", "2026-04-14T15:00", "open",
	  "', open 14:00-16:00' on a Tuesday" },
	{ "Mo 10:00-12:00, \"x\" 14:00-16:00", "2026-04-14T15:00", "unknown",
	  "', \"x\" 14:00-16:00': a comment first, unknown on a Tuesday" },
	{ "Jul-Feb 10:00-12:00,closed 14:00-16:00", "2026-07-01T10:30", "open",
	  "', closed 14:00-16:00' leaves Jul-Feb's 10:00-12:00" },
	{ "Mo 10:00-12:00, open: 14:00-16:00", "2026-04-14T15:00", "open",
	  "', open: 14:00-16:00': a ':' after the state" },
	{ "Tu,;Mo 10:00-12:00", "2026-04-14T15:00", "open", "'Tu,': the ',' at its end is left" },
	{ "PH -1 day,Fr 8:00-16:00", "2026-04-03T09:00", "closed",
	  "'PH -1 day,Fr': a Friday that is no day before a holiday" },
	{ "PH -1 day,Fr 8:00-16:00", "2026-04-05T09:00", "closed",
	  "nor the Sunday before Easter Monday" },
	{ "PH -1 day,Fr 8:00-16:00", "2026-12-25T09:00", "open",
	  "but Christmas Day, a Friday before St Stephen's Day" },
	{ "2027 Feb 21~2028 Mar 06 Jan", "2028-01-10T10:00", "open",
	  "a date range and 'Jan' are two conditions: January 2028" },
	{ "2027 Feb 21~2028 Mar 06 Jan", "2027-03-01T10:00", "closed", "not March 2027" },
	/* 24/7 among times is 00:00-24:00 where it stands */
	{ "24/7 Mo 10:00+", "2026-04-13T15:00", "unknown",
	  "'24/7 Mo 10:00+': the open end after the whole day" },
	{ "Mo 10:00+ 24/7", "2026-04-13T15:00", "open",
	  "'Mo 10:00+ 24/7': the whole day after it" },
	{ "Mo 22:00-02:00 24/7", "2026-04-14T01:00", "open",
	  "'Mo 22:00-02:00 24/7': the span past midnight stays" },
	{ "Mo 22:00-02:00 24/7", "2026-04-14T03:00", "closed", "and ends at 02:00" },
};

static void test_meaning(void)
{
	size_t i;

	for (i = 0; i < sizeof meanings / sizeof meanings[0]; i++)
		ok(strcmp(state_at(meanings[i].expr, meanings[i].at), meanings[i].state) == 0,
		   "'%s' at %s: %s", meanings[i].expr, meanings[i].at, meanings[i].what);
}

/* the next change, where the reading of an additional rule decides how
   far the search goes: past the school holidays known it would fail */
static void test_next(void)
{
	static const struct {
		const char *expr, *at, *next;
	} next[] = {
		{ "WEEK 01,32-40/3 SH,Mo[5],PH +1 day 10:32+,18:00-15:00,off2:00-18:00",
		  "2028-04-13T18:01", "2028-08-07T18:00" },
		{ "Jul-Feb 22:00-15:00,unknown18:00-11:00", "2026-05-16T11:01",
		  "2026-05-16T18:00" },
	};
	size_t i;

	for (i = 0; i < sizeof next / sizeof next[0]; i++) {
		struct diag d = DIAG_INIT;
		struct ohours *oh = NULL;
		struct ohours_answer a;
		char buf[CIVTIME_TS_MAX] = "error";
		int64_t t, n;

		if (civtime_parse_local(next[i].at, &t) == 0 &&
		    ohours_parse_lenient(next[i].expr, &oh, NULL, &d) == 0) {
			n = ohours_eval_next_tz(oh, HOLIDAYS_CZ, NULL, t, &a);
			if (a.failed)
				snprintf(buf, sizeof buf, "failed");
			else if (n != OHOURS_NONE)
				civtime_format_local(buf, n);
		}
		ok(strncmp(buf, next[i].next, strlen(next[i].next)) == 0,
		   "'%s' at %s: next %s (%s)", next[i].expr, next[i].at, next[i].next, buf);
		ohours_free(oh);
	}
}

static void test_refused(void)
{
	static const struct {
		const char *expr;
		long col;
	} bad[] = {
		{ "Mo-Do 10:00-12:00", 4 },     /* do: Th (de), Su (es) */
		{ "Di-Fr 10:00-12:00", 1 },     /* di: Tu (de), Su (fr) */
		{ "summer 10:00-12:00", 1 },    /* a season */
		{ "otherwise closed", 1 },      /* '||' after nothing */
		{ "Mo-montag 10:00-12:00", 4 }, /* English and German in one list */
		{ "Mo-Fx 10:00-12:00", 4 },
		{ "We-Tu 10-37+ || We off", 12 },       /* hours alone with an open end */
		{ "Mo-So 10:00-12:00", 4 },             /* so: Sa in Czech, ambiguous in Poland */
		{ "Mo-vendredi 10:00-12:00", 4 },       /* a foreign word beside an English one */
		{ "x lundi 10:00-12:00", 1 },           /* after a letter no word took */
		{ "Mo: geschlossen, Di: 14-18Uhr", 5 }, /* di alone among English */
		/* the reference takes it, but a month range and a month with
		   weekdays are not one list: refused rather than guessed */
		{ "Oct Tu-Su 10:00-14:30 Nov off", 23 },
		/* letters it leaves single after '(' spell no variable time */
		{ "20:44-(sunse t+00:45)", 7 },
		/* a year apart from the dates is no year of "Jan 23-2027 Feb
		   03", which it refuses at the '-' (here at 'Jan', where
		   ohours_parse stops) */
		{ "2027Mo Jan 23-2027 Feb 03 10:00-12:00", 8 },
		{ "2027 10:00-12:00 Jan 23-2027 Feb 03", 18 },
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct diag d = DIAG_INIT;
		struct ohours *oh = NULL;
		int rc = ohours_parse_lenient(bad[i].expr, &oh, NULL, &d);
		ok(rc == -1 && d.col == bad[i].col && d.status == DIAG_DATA,
		   "'%s' refused at column %ld (%ld: %s)", bad[i].expr, bad[i].col, d.col, d.msg);
		ohours_free(oh);
	}
}

static void test_warnings(void)
{
	struct ohours_lenient lw;
	struct diag d = DIAG_INIT;
	struct ohours *oh;

	ok(ohours_parse_lenient("Mo-Fr 9.00-12.00,", &oh, &lw, &d) == 0 && lw.nw == 3 &&
		   lw.w[0].col == 8 && lw.w[1].col == 14 && lw.w[2].col == 17 &&
		   strcmp(lw.w[2].msg, "',' at the end left out") == 0 && lw.pretty &&
		   strcmp(lw.pretty, "Mo-Fr 09:00-12:00") == 0,
	   "two dots and a comma: three warnings by column and the prettified form");
	ohours_free(oh);
	ohours_lenient_release(&lw);
	ok(ohours_parse_lenient("Mo-Fr 09:00-12:00", &oh, &lw, &d) == 0 && lw.nw == 0 && !lw.pretty,
	   "a canonical expression: no warning, no hint");
	ohours_free(oh);
	ohours_lenient_release(&lw);
	ok(ohours_parse_lenient("Mo-Fr: 8-12", &oh, &lw, &d) == 0 && lw.nw == 2 &&
		   lw.w[0].col == 6 && lw.w[1].col == 8 && lw.pretty &&
		   strcmp(lw.pretty, "Mo-Fr 08:00-12:00") == 0,
	   "forms ohours_parse takes get their warnings too");
	ohours_free(oh);
	ohours_lenient_release(&lw);
	ok(ohours_parse_lenient("Mo ₀:₃₀-₁₄:₀₉", &oh, &lw, &d) == 0 && lw.nw >= 1 &&
		   lw.w[0].col == 4,
	   "subscript digits: warned at their column");
	ohours_free(oh);
	ohours_lenient_release(&lw);
	ok(ohours_parse_lenient("Mo 10:00+ 24/7", &oh, &lw, &d) == 0 && lw.nw == 1 &&
		   lw.w[0].col == 11 && strstr(lw.w[0].msg, "00:00-24:00") && lw.pretty == NULL,
	   "24/7 beside times: warned at its column, the form kept as it is");
	ohours_free(oh);
	ohours_lenient_release(&lw);
	ok(ohours_parse_lenient("Mo-Fr \xff 10:00", &oh, &lw, &d) == -1 && d.col == 7,
	   "invalid UTF-8 is refused at its column, never given to the patterns");
}

int main(void)
{
	test_table();
	test_pretty();
	test_warnings_alone();
	test_errors();
	test_meaning();
	test_next();
	test_refused();
	test_warnings();
	return tap_done();
}
