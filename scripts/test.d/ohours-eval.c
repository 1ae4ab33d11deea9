/*
 * ohours-eval: the C side of scripts/ohours-diff.  Reads lines
 * "expr<TAB>YYYY-MM-DDTHH:MM<TAB>CC" and prints for each
 * "state<TAB>next<TAB>comment<TAB>holiday" (state open, closed or unknown,
 * next the next change as YYYY-MM-DDTHH:MM or empty, the comment with tab,
 * newline and backslash escaped, holiday the day YYYY-MM-DD whose public
 * holiday's name the comment is, else empty) or "error<TAB>COL: message"
 * (refused) or "throw<TAB>message" (the evaluation fails where the
 * reference's throws).  An optional fourth input field "LAT,LON" gives the
 * place for variable times (sunrise ...).  Times are local in the zone of -z
 * (default Europe/Prague); -w evaluates on the wall clock alone; -t adds a
 * third column, the true next change on the wall clock (from
 * ohours_intervals), to find where the reference's own search differs.
 * Expressions are read as ohours_parse_lenient reads them.  -p reads lines
 * "expr" and prints for each the reference's prettified form as
 * ohours_pretty writes it (backslash, tab and newline escaped), or
 * "error<TAB>message".  -l reads lines "expr" and prints for each how lint
 * reads it: "WARNINGS<TAB>prettified form<TAB>COL: warning | ..." (WARNINGS
 * the number of its warnings, the last field only where there are any) or
 * "error<TAB>COL: message".
 * Every answer is also asked of a small hourscache (as hours-eval does,
 * evicting often): a cached answer that differs from the search's is an
 * error (status 3), so the differential test covers the cache too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civtime.h"
#include "diag.h"
#include "holidays.h"
#include "hourscache.h"
#include "ohours.h"
#include "ohours_lenient.h"
#include "strbuf.h"

#include "banned.h"

struct truth {
	int64_t after, found;
};

static void truth_cb(int64_t start, int64_t end, void *arg)
{
	struct truth *t = arg;

	if (t->found == OHOURS_NONE && start > t->after)
		t->found = start;
	if (t->found == OHOURS_NONE && end > t->after)
		t->found = end;
}

/* The first interval edge after local within 366 days. */
static int64_t true_next(const struct ohours *oh, enum holidays_country c, int64_t local)
{
	int64_t from = local - (local % 60 + 60) % 60, to = local + (int64_t)366 * 86400;
	struct truth t = { local, OHOURS_NONE };

	ohours_intervals(oh, c, from, to, 0, truth_cb, &t);
	return t.found >= to ? OHOURS_NONE : t.found;
}

static void put_time(int64_t t)
{
	char buf[CIVTIME_TS_MAX];

	if (t == OHOURS_NONE)
		return;
	civtime_format_local(buf, t);
	fputs(buf, stdout);
}

static const char *const states[] = { "closed", "open", "unknown" };

/* Tabs, newlines and backslashes escaped, so that a line stays a line. */
static void put_comment(const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\t')
			fputs("\\t", stdout);
		else if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\\')
			fputs("\\\\", stdout);
		else
			putchar(*s);
	}
}

/* Slots of the driver's cache: few, so that entries are overwritten. */
#define CACHE_SLOTS 512

static int same_answer(const struct ohours_answer *a, const struct ohours_answer *b)
{
	return a->open == b->open && a->unknown == b->unknown &&
	       (a->comment == b->comment ||
		(a->comment && b->comment && strcmp(a->comment, b->comment) == 0));
}

static int eval_line(char *line, struct civtz *tz, const struct civtz *place_tz, int truth,
		     struct strbuf *last, struct ohours **oh, struct hourscache *hc)
{
	char *ts = strchr(line, '\t'), *cc, *loc;
	enum holidays_country c;
	struct diag d = DIAG_INIT;
	struct ohours_answer a, ca;
	int64_t local, next;
	double lat = 0, lon = 0;

	if (!ts || !(cc = strchr(ts + 1, '\t')))
		return -1;
	*ts++ = '\0';
	*cc++ = '\0';
	/* an optional fourth field: the place, "LAT,LON" */
	if ((loc = strchr(cc, '\t'))) {
		*loc++ = '\0';
		if (sscanf(loc, "%lf,%lf", &lat, &lon) != 2)
			return -1;
	}
	if (civtime_parse_local(ts, &local) || holidays_country_parse(cc, &c))
		return -1;
	if (!*oh || strcmp(last->buf, line) != 0) {
		hourscache_clear(hc);
		ohours_free(*oh);
		*oh = NULL;
		strbuf_reset(last);
		strbuf_addstr(last, line);
		if (ohours_parse_lenient(line, oh, NULL, &d)) {
			printf("error\t%ld: %s\n", d.col, d.msg);
			return 0;
		}
	}
	if (loc)
		ohours_set_place(*oh, lat, lon, place_tz);
	if (ohours_check_context(*oh, c, &d)) {
		printf("error\t%ld: %s\n", d.col, d.msg);
		return 0;
	}
	next = ohours_eval_next_tz(*oh, c, tz, local, &a);
	if (ohours_answer_check(*oh, c, &a, &d)) {
		printf("throw\t%s\n", d.msg);
		return 0;
	}
	if (hourscache_eval_next(hc, *oh, c, tz, local, &ca) != next || !same_answer(&a, &ca)) {
		fprintf(stderr, "ohours-eval: '%s' at %s: the cache's answer differs\n", line, ts);
		return -2;
	}
	fputs(states[ohours_state_of(&a)], stdout);
	putchar('\t');
	put_time(next);
	putchar('\t');
	put_comment(a.comment);
	putchar('\t');
	if (a.holiday) {
		char day[16];
		civtime_format_date(day, a.holiday_day);
		fputs(day, stdout);
	}
	if (truth) {
		putchar('\t');
		put_time(true_next(*oh, c, local));
	}
	putchar('\n');
	return 0;
}

/* -p: one expression a line, its prettified form */
static void pretty_line(const char *line)
{
	struct diag d = DIAG_INIT;
	char *p = ohours_pretty(line, &d);

	if (!p) {
		printf("error\t%s\n", d.msg);
		return;
	}
	put_comment(p);
	putchar('\n');
	free(p);
}

/* -l: one expression a line, its warnings and prettified form */
static void lint_line(const char *line)
{
	struct diag d = DIAG_INIT;
	struct ohours_lenient lw;
	struct ohours *oh = NULL;

	memset(&lw, 0, sizeof lw);
	if (ohours_parse_lenient(line, &oh, &lw, &d) < 0) {
		printf("error\t%ld: %s\n", d.col, d.msg);
		return;
	}
	printf("%zu\t", lw.nw + lw.more);
	if (lw.pretty) {
		put_comment(lw.pretty);
	} else {
		char *p = ohours_pretty(line, &d);
		put_comment(p ? p : line);
		free(p);
	}
	for (size_t i = 0; i < lw.nw; i++) {
		printf("%s%ld: ", i ? " | " : "\t", lw.w[i].col);
		put_comment(lw.w[i].msg);
	}
	putchar('\n');
	ohours_lenient_release(&lw);
	ohours_free(oh);
}

int main(int argc, char **argv)
{
	const char *zone = "Europe/Prague";
	struct strbuf line = STRBUF_INIT, last = STRBUF_INIT;
	struct ohours *oh = NULL;
	struct civtz *tz = NULL, *place_tz = NULL;
	struct hourscache *hc = hourscache_new(CACHE_SLOTS);
	struct diag d = DIAG_INIT;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int opt, wall = 0, truth = 0, pretty = 0, status = 0, rc;

	diag_setprog(argv[0]);
	while ((opt = getopt(argc, argv, "lptwz:")) != -1) {
		switch (opt) {
		case 't':
			truth = 1;
			break;
		case 'p':
			pretty = wall = 1;
			break;
		case 'l':
			pretty = 2;
			wall = 1;
			break;
		case 'w':
			wall = 1;
			break;
		case 'z':
			zone = optarg;
			break;
		default:
			fprintf(stderr, "usage: ohours-eval [-lptw] [-z zone]\n");
			return DIAG_USAGE;
		}
	}
	/* the place's zone, for variable times, also on the wall clock */
	if (civtz_load(zone, &place_tz, &d)) {
		diag_print(&d);
		return d.status;
	}
	if (!wall)
		tz = place_tz;
	while ((n = getline(&buf, &cap, stdin)) > 0) {
		lineno++;
		if (buf[n - 1] == '\n')
			buf[--n] = '\0';
		strbuf_reset(&line);
		strbuf_add(&line, buf, (size_t)n);
		if (pretty) {
			if (pretty == 2)
				lint_line(line.buf);
			else
				pretty_line(line.buf);
			continue;
		}
		rc = eval_line(line.buf, tz, place_tz, truth, &last, &oh, hc);
		if (rc) {
			if (rc == -1)
				fprintf(stderr, "ohours-eval: line %ld: bad input\n", lineno);
			status = DIAG_DATA;
			break;
		}
	}
	free(buf);
	strbuf_release(&line);
	strbuf_release(&last);
	hourscache_free(hc);
	ohours_free(oh);
	civtz_free(place_tz);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "ohours-eval: write error\n");
		return DIAG_SYSTEM;
	}
	return status;
}
