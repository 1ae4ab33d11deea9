#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civtime.h"
#include "diag.h"
#include "holidays.h"
#include "hourscache.h"
#include "ohours.h"
#include "tap.h"

#include "banned.h"

/*
 * Expressions whose search is long (a state for months or for good),
 * short, or odd (29 February, open ends, fallbacks, spans past midnight
 * near DST, public holidays that differ between CZ and PL, also at the end
 * of a long search).
 */
static const char *const exprs[] = {
	"Mo-Fr 08:00-12:00,13:00-16:30; PH off",
	"24/7",
	"off",
	"Dec 24 off",
	"PH off",
	"PH 10:00-12:00",
	"08:00-09:00 off,13:00-14:00 off; PH 10:00-12:00",
	"08:00-09:00 off,13:00-14:00 off",
	"2025-2027 08:00-09:00 off,13:00-14:00 off; 2028-2031 10:00-12:00",
	"2025-2027 08:00-09:00 off,13:00-14:00 off; 2028-2031 00:00-12:00,12:00-24:00",
	"Mo-Fr 00:00-12:00,12:00-24:00; Sa,Su 00:00-24:00 \"weekend\"",
	"Apr-Sep 00:00-12:00,12:00-24:00; Oct-Mar 00:00-12:00 off,12:00-24:00 off",
	"Feb 29 10:00-12:00",
	"Mo-Su 22:00-02:00",
	"We 15:00-02:04+",
	"Fr 18:00+",
	"07:00+,12:00-16:00",
	"Mo-Fr 10:00-18:00 || \"by appointment\"",
	"week 01-53/2 Mo 09:00-11:00",
	"2027-2029 Jun-Aug Sa 10:00-12:00",
	"easter -2 days off; Mo-Fr 09:00-17:00",
	"Jan 01-Mar 15,Dec 24 10:00-12:00",
	"Tu[2],Th[-1] 14:00-16:00 \"walk in\"",
	"Su 01:00-03:30; Su 02:00-26:00 off",
	"Mar Su[-1] 01:00-04:00",
	"Oct Su[-1] 01:00-04:00 unknown",
	"Sa,Tu[5],We-Tu 3:02-24:00; 07:10-24:00,11:00-44:08 \"call first\"",
	"Nov-Jun We-Th 14:47-09:00 closed; 06:00-24:00,23:59-23:59,00:00-11:00",
};
#define NEXPRS (sizeof exprs / sizeof *exprs)

static uint64_t rng = 20261206;

static unsigned next_rand(unsigned n)
{
	rng = rng * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return (unsigned)(rng >> 33) % n;
}

static int same(const struct ohours_answer *a, const struct ohours_answer *b)
{
	return a->open == b->open && a->unknown == b->unknown && a->holiday == b->holiday &&
	       (a->comment == b->comment ||
		(a->comment && b->comment && strcmp(a->comment, b->comment) == 0));
}

/* A time in 2025-2031: a random minute, or near a midnight or a DST night. */
static int64_t some_time(void)
{
	long day = civtime_days_from_civil(2025, 1, 1) + (long)next_rand(7 * 365);
	int64_t t = (int64_t)day * 86400;

	switch (next_rand(4)) {
	case 0:
		return t + 86400 - 60 * (int64_t)next_rand(3);
	case 1:
		/* the last Sunday of March or October, 00:00-04:00 */
		day = civtime_days_from_civil(2025 + (int)next_rand(7), next_rand(2) ? 3 : 10, 31);
		day -= civtime_weekday(day) % 7;
		return (int64_t)day * 86400 + 60 * (int64_t)next_rand(240);
	default:
		return t + 60 * (int64_t)next_rand(1440);
	}
}

/*
 * Rows of all expressions mixed, as hours-eval asks them: every answer and
 * next change of the cache must be the search's.
 */
static void test_mixed(struct hourscache *hc, struct ohours **oh, const struct civtz *tz,
		       const char *what)
{
	long bad[NEXPRS] = { 0 }, asked[NEXPRS] = { 0 };
	size_t i;
	int row;

	for (row = 0; row < 6000; row++) {
		unsigned e = next_rand(NEXPRS);
		enum holidays_country c = next_rand(2) ? HOLIDAYS_CZ : HOLIDAYS_PL;
		int64_t t = some_time(), want, got;
		struct ohours_answer a, b;

		want = ohours_eval_next_tz(oh[e], c, tz, t, &a);
		got = hourscache_eval_next(hc, oh[e], c, tz, t, &b);
		asked[e]++;
		if (got != want || !same(&a, &b)) {
			char buf[CIVTIME_TS_MAX];
			civtime_format_local(buf, t);
			if (!bad[e]++)
				printf("# '%s' at %s %s: next %lld, the cache says %lld\n",
				       exprs[e], buf, c == HOLIDAYS_CZ ? "CZ" : "PL",
				       (long long)want, (long long)got);
		}
	}
	for (i = 0; i < NEXPRS; i++)
		ok(asked[i] > 0 && bad[i] == 0, "%s: '%s': %ld answers as the search's", what,
		   exprs[i], asked[i]);
}

/* One expression at the same times again and again: the cache's answers
 * stay those of the search when taken from the table. */
static void test_repeat(struct hourscache *hc, const struct ohours *oh, const char *expr,
			const struct civtz *tz)
{
	int64_t at[64];
	int i, round, bad = 0;

	for (i = 0; i < 64; i++)
		at[i] = some_time();
	for (round = 0; round < 3; round++)
		for (i = 0; i < 64; i++) {
			struct ohours_answer a, b;
			int64_t want = ohours_eval_next_tz(oh, HOLIDAYS_CZ, tz, at[i], &a);
			bad += hourscache_eval_next(hc, oh, HOLIDAYS_CZ, tz, at[i], &b) != want ||
			       !same(&a, &b);
		}
	is_int(bad, 0, "'%s': the same times asked three times", expr);
}

/* An expression freed after hourscache_clear and another parsed (perhaps
 * at its address): the new one's answers. */
static void test_clear(struct hourscache *hc, const struct civtz *tz)
{
	struct diag d = DIAG_INIT;
	struct ohours *first, *second;
	int64_t t;
	struct ohours_answer a, b;
	int bad = 0, i;

	if (ohours_parse("off", &first, &d) != 0) {
		ok(0, "parse 'off'");
		return;
	}
	for (i = 0; i < 50; i++)
		hourscache_eval_next(hc, first, HOLIDAYS_CZ, tz, some_time(), &a);
	hourscache_clear(hc);
	ohours_free(first);
	if (ohours_parse("24/7", &second, &d) != 0) {
		ok(0, "parse '24/7'");
		return;
	}
	for (i = 0; i < 50; i++) {
		t = some_time();
		bad += hourscache_eval_next(hc, second, HOLIDAYS_CZ, tz, t, &b) !=
			       ohours_eval_next_tz(second, HOLIDAYS_CZ, tz, t, &a) ||
		       !same(&a, &b);
	}
	is_int(bad, 0, "after hourscache_clear another expression is answered as itself");
	ohours_free(second);
}

int main(void)
{
	struct ohours *oh[NEXPRS];
	struct civtz *prague = NULL;
	struct diag d = DIAG_INIT;
	struct hourscache *small = hourscache_new(64), *big = hourscache_new(0);
	size_t i;

	for (i = 0; i < NEXPRS; i++)
		if (ohours_parse(exprs[i], &oh[i], &d) != 0) {
			printf("Bail out! '%s': %s\n", exprs[i], d.msg);
			return 1;
		}
	test_mixed(big, oh, NULL, "wall clock");
	test_mixed(small, oh, NULL, "wall clock, 64 slots");
	if (access("/usr/share/zoneinfo/Europe/Prague", R_OK) == 0 &&
	    civtz_load("Europe/Prague", &prague, &d) == 0) {
		/* the same caches, now in a zone: they start again */
		test_mixed(big, oh, prague, "Europe/Prague");
		test_mixed(small, oh, prague, "Europe/Prague, 64 slots");
		test_repeat(small, oh[3], exprs[3], prague);
		test_repeat(big, oh[2], exprs[2], prague);
	} else {
		ok(1, "# SKIP no tzdata in /usr/share/zoneinfo");
	}
	test_repeat(big, oh[0], exprs[0], NULL);
	test_clear(big, prague);
	hourscache_free(small);
	hourscache_free(big);
	hourscache_free(NULL);
	for (i = 0; i < NEXPRS; i++)
		ohours_free(oh[i]);
	civtz_free(prague);
	return tap_done();
}
