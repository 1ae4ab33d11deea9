/*
 * ohours_fuzz: libFuzzer target for the opening-hours parser and evaluator
 * (ohours.h).
 *
 * The input is an expression.  When it parses, it is evaluated for CZ and
 * PL at fixed times (holidays, 29 February, the DST weekends): the flags
 * are 0 or 1, the next change is later, on a whole minute, within 366 days,
 * and really changes a flag; the open intervals of two weeks are in
 * order, apart, inside the window and agree with ohours_is_open at their
 * edges (without an open end: see struct window).  In Europe/Prague
 * (when tzdata is there) the _tz functions run at the DST changes.  At
 * every time the answers of a small hourscache (hours-eval's) are those
 * of the search.  A parse error has a column inside the expression.
 * Variable times (sunrise ...) are evaluated in Prague and, for every
 * other input, in Tromsø (polar day and night: failures must leave no
 * answer).  Any
 * violation aborts.
 * Built by scripts/fuzz (make fuzz) and replayed over testdata/fuzz/ohours
 * by scripts/test.d/fuzz-replay.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "diag.h"
#include "hourscache.h"
#include "ohours.h"
#include "ohours_lenient.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_EXPR = 1024 };

static const char *const times[] = {
	"2026-01-01T00:00", "2026-03-29T01:30", "2026-04-03T16:59", "2026-07-15T12:00",
	"2026-10-25T02:30", "2026-12-24T23:59", "2028-02-28T22:00",
};
static const char *const tz_times[] = {
	"2026-03-29T01:59", "2026-03-29T02:30", "2026-10-25T01:00",
	"2026-10-25T02:30", "2026-10-24T23:00",
};

struct window {
	const struct ohours *oh;
	enum holidays_country c;
	int64_t from, to, last_end;
	const char *expr;
	/*
	 * An open end follows the reference's hack ("07:00+,12:00-16:00"): its
	 * next change is then not always the first change on the wall clock
	 * (scripts/ohours-diff counts such cases), so the edges of the
	 * intervals are checked only for expressions without '+'.
	 */
	int edges;
};

static int64_t local_time(const char *s)
{
	int64_t t;
	if (civtime_parse_local(s, &t) != 0)
		abort();
	return t;
}

static void fail(const char *expr, const char *what, int64_t t)
{
	char buf[CIVTIME_TS_MAX];
	civtime_format_local(buf, t);
	fprintf(stderr, "ohours_fuzz: '%s': %s (%s)\n", expr, what, buf);
	abort();
}

/* The cache's answer at t, which must be the search's. */
static void check_cache(struct hourscache *hc, const struct ohours *oh, const char *expr,
			enum holidays_country c, const struct civtz *tz, int64_t t)
{
	struct ohours_answer a, b;

	if (hourscache_eval_next(hc, oh, c, tz, t, &b) != ohours_eval_next_tz(oh, c, tz, t, &a) ||
	    a.open != b.open || a.unknown != b.unknown || a.comment != b.comment)
		fail(expr, "the cache's answer differs from the search's", t);
}

static void on_interval(int64_t start, int64_t end, void *arg)
{
	struct window *w = arg;

	if (start >= end || start < w->from || end > w->to)
		fail(w->expr, "interval outside the window or empty", start);
	if (start <= w->last_end)
		fail(w->expr, "intervals out of order or not merged", start);
	if (!ohours_is_open(w->oh, w->c, start) || !ohours_is_open(w->oh, w->c, end - 60))
		fail(w->expr, "closed inside an open interval", start);
	if (w->edges && start > w->from && ohours_is_open(w->oh, w->c, start - 60))
		fail(w->expr, "open before an interval starts", start);
	if (w->edges && end < w->to && ohours_is_open(w->oh, w->c, end))
		fail(w->expr, "open after an interval ends", end);
	w->last_end = end;
}

static void evaluate(const struct ohours *oh, const char *expr, enum holidays_country c,
		     struct hourscache *hc)
{
	struct window w;
	size_t i;

	for (i = 0; i < sizeof times / sizeof *times; i++) {
		int64_t t = local_time(times[i]), next;
		struct ohours_answer a, b;

		check_cache(hc, oh, expr, c, NULL, t);
		ohours_eval_tz(oh, c, NULL, t, &a);
		if ((a.open != 0 && a.open != 1) || (a.unknown != 0 && a.unknown != 1))
			fail(expr, "state", t);
		if (a.failed && (a.open || a.unknown || a.comment))
			fail(expr, "an answer where the evaluation failed", t);
		if (a.comment && strlen(a.comment) > MAX_EXPR)
			fail(expr, "comment longer than the expression", t);
		next = ohours_next_change(oh, c, t);
		if (next == OHOURS_NONE)
			continue;
		if (next <= t || next % 60 != 0 || next >= t + (int64_t)366 * 86400)
			fail(expr, "next change out of range", next);
		ohours_eval_tz(oh, c, NULL, next, &b);
		if (b.open == a.open && b.unknown == a.unknown)
			fail(expr, "no change at the next change", next);
	}
	w.oh = oh;
	w.c = c;
	w.expr = expr;
	w.edges = strchr(expr, '+') == NULL;
	w.from = local_time("2026-12-21T00:00");
	w.to = w.from + 14 * 86400;
	w.last_end = INT64_MIN;
	ohours_intervals(oh, c, w.from, w.to, 0, on_interval, &w);
}

static void evaluate_tz(const struct ohours *oh, const char *expr, const struct civtz *tz,
			struct hourscache *hc)
{
	size_t i;

	for (i = 0; i < sizeof tz_times / sizeof *tz_times; i++) {
		int64_t t = local_time(tz_times[i]), next;
		int open = ohours_is_open_tz(oh, HOLIDAYS_CZ, tz, t);

		check_cache(hc, oh, expr, HOLIDAYS_CZ, tz, t);
		if (open != 0 && open != 1)
			fail(expr, "state in Europe/Prague", t);
		next = ohours_next_change_tz(oh, HOLIDAYS_CZ, tz, t);
		if (next != OHOURS_NONE && (next <= t - 3600 || next % 60 != 0))
			fail(expr, "next change in Europe/Prague out of range", next);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct civtz *tz;
	static struct hourscache *hc;
	static int tz_tried;
	char expr[MAX_EXPR + 1];
	struct ohours *oh;
	struct ohours_lenient lw;
	struct diag d = DIAG_INIT;
	size_t k;

	if (size > MAX_EXPR || memchr(data, '\0', size))
		return 0;
	memcpy(expr, data, size);
	expr[size] = '\0';
	if (!tz_tried) {
		struct diag tzd = DIAG_INIT;
		tz_tried = 1;
		hc = hourscache_new(256);
		if (civtz_load("Europe/Prague", &tz, &tzd) != 0)
			tz = NULL;
	}
	free(ohours_pretty(expr, &d));
	d = (struct diag)DIAG_INIT;
	if (ohours_parse_lenient(expr, &oh, &lw, &d) != 0) {
		if (d.status != DIAG_DATA || d.col < 1 || d.col > (long)size + 1 || !d.msg[0])
			fail(expr, "parse error diagnostic", 0);
		return 0;
	}
	for (k = 0; k < lw.nw; k++)
		if (lw.w[k].col < 1 || lw.w[k].col > (long)size + 1 || !lw.w[k].msg[0])
			fail(expr, "lenient warning position", 0);
	ohours_lenient_release(&lw);
	if (ohours_suntimes_col(oh) && (ohours_check_context(oh, HOLIDAYS_CZ, &d) == 0 ||
					d.col != ohours_suntimes_col(oh) || d.col > (long)size))
		fail(expr, "variable times without a place", 0);
	if (ohours_sh_col(oh) &&
	    (ohours_check_context(oh, HOLIDAYS_PL, &d) == 0 || d.col > (long)size))
		fail(expr, "SH in PL", 0);
	if (size % 2)
		ohours_set_place(oh, 50.08, 14.42, tz);
	else
		ohours_set_place(oh, 69.65, 18.96, tz);
	evaluate(oh, expr, HOLIDAYS_CZ, hc);
	evaluate(oh, expr, HOLIDAYS_PL, hc);
	if (tz)
		evaluate_tz(oh, expr, tz, hc);
	hourscache_clear(hc);
	ohours_free(oh);
	return 0;
}
