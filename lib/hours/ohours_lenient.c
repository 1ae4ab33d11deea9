/*
 * ohours_lenient: the reference's tokens (ohours_tolerance.c) cut into
 * selectors as its parseGroup() cuts them, and written back as its
 * prettifyValue() writes them (default configuration: hours with two
 * digits, selectors in the order year, month, week, holiday, weekday,
 * time, state, comment unless a rule has two selectors of one kind).  The
 * text written is what ohours_parse reads: it means what the reference
 * means by the original.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "ohours.h"
#include "ohours_lenient.h"
#include "ohours_lenient_sel.h"
#include "ohours_lex.h"
#include "utf8.h"
#include "xalloc.h"

#include "banned.h"

/* a rule as the reference's parser leaves it: tokens[from, to) of a rrule */
struct prule_span {
	const struct rrule *r;
	size_t from, to;
	int sep; /* ';', ',' or '|' before it */
};

struct seg {
	enum sel *sel; /* by token of the rrule being cut */
	struct prule_span *rules;
	size_t n, alloc;
	int no_reorder; /* a rule uses a kind of selector twice */
};

/* "-1 day", "+2 days" */
static size_t skip_offset(const struct rrule *r, size_t at)
{
	if ((at_char(r, at, '-') || at_char(r, at, '+')) && at_is(r, at + 1, RT_NUMBER) &&
	    at_is(r, at + 2, RT_CALCDAY))
		return at + 3;
	return at;
}

/* the token before at continues a list or range: "Mo-", "Mo,", "[" */
static int after_op(const struct rrule *r, size_t at)
{
	return at &&
	       (at_char(r, at - 1, '-') || at_char(r, at - 1, ',') || at_char(r, at - 1, '/'));
}

/* An offset ("-1 day") or the inside of "[...]": 1 with *at on its last
   token; *depth tells whether a '[' is open. */
static int inner(const struct rrule *r, size_t *at, int *depth)
{
	size_t o = skip_offset(r, *at);

	if (o != *at) {
		*at = o - 1;
		return 1;
	}
	if (*depth) {
		if (at_char(r, *at, ']'))
			*depth = 0;
		return 1;
	}
	if (at_char(r, *at, '[')) {
		*depth = 1;
		return 1;
	}
	return 0;
}

/* weekdays and holidays: "Mo-Fr,Su[-1],PH -1 day" */
static size_t skip_weekdays(const struct rrule *r, size_t at)
{
	size_t start = at;
	int depth = 0;

	for (; at < r->n; at++) {
		const struct rtok *t = &r->t[at];
		if (inner(r, &at, &depth))
			continue;
		if ((t->type == RT_WEEKDAY || t->type == RT_HOLIDAY) &&
		    (at == start || after_op(r, at)))
			continue;
		if (is_char(t, '-'))
			continue;
		if (is_char(t, ',') &&
		    (at_is(r, at + 1, RT_WEEKDAY) || at_is(r, at + 1, RT_HOLIDAY)))
			continue;
		return at;
	}
	return at;
}

/* "Dec 10:00-12:00" and "Feb 12: 00:00-24:00": a time, and a day with ':' */
static int time_at(const struct rrule *r, size_t at)
{
	return at_is(r, at, RT_NUMBER) && at_is(r, at + 1, RT_TIMESEP) &&
	       at_is(r, at + 2, RT_NUMBER) && !at_is(r, at + 3, RT_TIMESEP);
}

static size_t skip_dates(const struct rrule *r, size_t at);

/* "Dec 20-Dec Su[-1]": a constrained weekday that ends a range of dates
   (not of months: "Oct-Jul Tu[4]" is two selectors) */
static int range_end(const struct rrule *r, size_t at)
{
	return at >= 3 && at_char(r, at - 2, '-') &&
	       (at_is(r, at - 3, RT_NUMBER) || at_char(r, at - 3, ']') ||
		at_is(r, at - 3, RT_CALCDAY) || at_is(r, at - 3, RT_EVENT));
}

/* "Su[2]-" at at: a constrained weekday that starts a range of dates */
static int range_after(const struct rrule *r, size_t at)
{
	while (at < r->n && !at_char(r, at, ']'))
		at++;
	return at_char(r, skip_offset(r, at + 1), '-');
}

/* months alone: "Nov-Feb", "Jan,Mar", then maybe dates: "Aug,Dec 25-easter" */
static size_t skip_months(const struct rrule *r, size_t at)
{
	for (at++; at < r->n; at++) {
		if (at_char(r, at, ',') && at_is(r, at + 1, RT_MONTH) &&
		    at_is(r, at + 2, RT_NUMBER))
			return skip_dates(r, at + 1);
		if (!((at_char(r, at, '-') || at_char(r, at, ',')) && at_is(r, at + 1, RT_MONTH)) &&
		    !(r->t[at].type == RT_MONTH && after_op(r, at)))
			return at;
	}
	return at;
}

/* Whether the item of a list of dates whose '-' is at dash starts with a
   year: the reference reads a year after the '-' only then. */
static int item_year(const struct rrule *r, size_t start, size_t dash)
{
	size_t k = dash;

	while (k > start && !at_char(r, k - 1, ','))
		k--;
	return at_is(r, k, RT_YEAR);
}

/* dates: "2024 Dec 24-2025 Jan 06", "Jan Su[-1] -1 day", "easter +1 day" */
static size_t skip_dates(const struct rrule *r, size_t at)
{
	size_t start = at;
	int depth = 0;

	for (; at < r->n; at++) {
		const struct rtok *t = &r->t[at];
		enum rtok_type prev = at > start ? r->t[at - 1].type : RT_CHAR;
		if (inner(r, &at, &depth))
			continue;
		if (at == start)
			continue;
		/* the day of a range's end month even before ':' ("May 04-Jul
		   10: 2-3"), as its parseMonthdayRange takes it */
		if (t->type == RT_NUMBER &&
		    (!time_at(r, at) || at_char(r, at - 1, '-') ||
		     (prev == RT_MONTH && at >= start + 2 &&
		      (at_char(r, at - 2, '-') || (at >= start + 3 && at_is(r, at - 2, RT_YEAR) &&
						   at_char(r, at - 3, '-'))))) &&
		    (prev == RT_MONTH || after_op(r, at)))
			continue;
		/* an item of months alone ends the list with them: its
		   parseMonthRange reads "Aug-Oct" of "Dec 27,Aug-Oct 9-10" and
		   leaves "9-10" to the times */
		if (t->type == RT_MONTH && at_char(r, at - 1, ',') &&
		    !at_is(r, at + 1, RT_NUMBER) && !at_is(r, at + 1, RT_WEEKDAY))
			return skip_months(r, at);
		if (t->type == RT_YEAR && at_char(r, at - 1, '-') && !item_year(r, start, at - 1))
			return at - 1; /* "Jan 23-2027 Feb 03": it throws at the '-' */
		if ((t->type == RT_YEAR && after_op(r, at)) ||
		    (t->type == RT_MONTH && (prev == RT_YEAR || after_op(r, at))) ||
		    (t->type == RT_EVENT && (prev == RT_YEAR || after_op(r, at))))
			continue;
		if (t->type == RT_WEEKDAY && prev == RT_MONTH && at_char(r, at + 1, '[') &&
		    (range_after(r, at) || range_end(r, at)))
			continue; /* "Jan Su[2]-Jan 15"; "Aug We[3]" is two selectors */
		if (is_char(t, '-') || is_char(t, '/'))
			continue;
		if (is_char(t, ',') && at + 1 < r->n &&
		    (r->t[at + 1].type == RT_MONTH || r->t[at + 1].type == RT_NUMBER ||
		     r->t[at + 1].type == RT_YEAR || r->t[at + 1].type == RT_EVENT))
			continue;
		return at;
	}
	return at;
}

/* years and weeks: "2020-2029/3,2060+", "week 01-53/2,09" */
static size_t skip_numbers(const struct rrule *r, size_t at, enum rtok_type first)
{
	for (at++; at < r->n; at++) {
		const struct rtok *t = &r->t[at];
		if ((t->type == first || t->type == RT_NUMBER) &&
		    (after_op(r, at) || r->t[at - 1].type == RT_WEEK) &&
		    /* the reference reads week numbers whatever follows: "week 8-44: 5-30" */
		    (!time_at(r, at) || first == RT_WEEK || at_char(r, at - 1, '/')) &&
		    (t->type == first || first == RT_WEEK || after_op(r, at)))
			continue;
		if (is_char(t, '-') || is_char(t, '/') || (first == RT_YEAR && is_char(t, '+')) ||
		    (is_char(t, ',') && at + 1 < r->n &&
		     (r->t[at + 1].type == RT_NUMBER || r->t[at + 1].type == first)))
			continue;
		return at;
	}
	return at;
}

static int time_start(const struct rrule *r, size_t at)
{
	return (at_is(r, at, RT_NUMBER) && at_is(r, at + 1, RT_TIMESEP)) ||
	       at_is(r, at, RT_TIMEVAR) || (at_char(r, at, '(') && at_is(r, at + 1, RT_TIMEVAR)) ||
	       (at_is(r, at, RT_NUMBER) && at_char(r, at + 1, '-'));
}

/* times: "10:00-12:00,13:00-20:00", "(sunrise+01:00)-18:00+"; a ',' not
   followed by a time starts an additional rule, one at the end is dropped */
static size_t skip_times(const struct rrule *r, size_t at)
{
	int depth = 0, ended = 0;

	for (; at < r->n; at++) {
		const struct rtok *t = &r->t[at];
		if (depth) {
			if (is_char(t, ')'))
				depth = 0;
			ended = 1;
			continue;
		}
		if (is_char(t, '(')) {
			/* it wants a variable time right after '(': letters it
			   left alone ("(sunse t+00:45)") are not one, even where
			   printed together they would spell one */
			if (ended || !at_is(r, at + 1, RT_TIMEVAR))
				return at;
			depth = 1;
			continue;
		}
		if (t->type == RT_NUMBER || t->type == RT_TIMEVAR) {
			if (ended)
				return at;
			ended = t->type == RT_TIMEVAR || !at_is(r, at + 1, RT_TIMESEP);
			if (t->type == RT_NUMBER && at && r->t[at - 1].type == RT_TIMESEP)
				ended = 1;
			continue;
		}
		if (t->type == RT_TIMESEP || is_char(t, '-') || is_char(t, '/') ||
		    is_char(t, '+')) {
			ended = is_char(t, '+');
			continue;
		}
		if (is_char(t, ',') &&
		    (at + 1 == r->n || time_start(r, at + 1) || at_is(r, at + 1, RT_NUMBER))) {
			ended = 0;
			continue;
		}
		return at;
	}
	return at;
}

/* "10-12+": hours without minutes and an open end, which it refuses */
static int hours_open_end(const struct rrule *r, size_t from, size_t to)
{
	size_t k;

	for (k = from; k + 3 < to + 1 && k + 3 < r->n; k++)
		if (at_is(r, k, RT_NUMBER) && at_char(r, k + 1, '-') &&
		    at_is(r, k + 2, RT_NUMBER) && at_char(r, k + 3, '+') &&
		    !(k && at_is(r, k - 1, RT_TIMESEP)))
			return 1;
	return 0;
}

static void add_rule(struct seg *s, const struct rrule *r, size_t from, size_t to, int sep)
{
	XALLOC_GROW(s->rules, s->n + 1, s->alloc);
	s->rules[s->n].r = r;
	s->rules[s->n].from = from;
	s->rules[s->n].to = to;
	s->rules[s->n++].sep = sep;
}

/* Its parseGroup, for where the selectors start; 0, or -1 where it throws. */
static int cut(struct seg *s, const struct rrule *r, int sep)
{
	size_t at = 0, from = 0, count[PS_RULESEP + 1] = { 0 }, k;
	size_t last_time_end = (size_t)-1;

	for (k = 0; k < r->n; k++)
		s->sel[k] = PS_NONE;
	while (at < r->n) {
		const struct rtok *t = &r->t[at];
		enum sel type = PS_NONE;
		size_t next;
		if (t->type == RT_WEEKDAY) {
			type = PS_WEEKDAY;
			next = skip_weekdays(r, at);
		} else if (t->type == RT_247) {
			type = PS_247;
			next = at + 1;
		} else if (t->type == RT_HOLIDAY) {
			/* "PH,Fr" is a list of weekdays, "PH -1 day,Fr" a holiday
			   selector that goes on with weekdays */
			int list = at_char(r, at + 1, ',');
			type = list ? PS_WEEKDAY : PS_HOLIDAY;
			next = list || at_char(r, skip_offset(r, at + 1), ',')
				       ? skip_weekdays(r, at)
				       : skip_offset(r, at + 1);
		} else if ((t->type == RT_MONTH &&
			    (at_is(r, at + 1, RT_NUMBER) || at_is(r, at + 1, RT_WEEKDAY))) ||
			   (t->type == RT_YEAR && at_is(r, at + 1, RT_MONTH) &&
			    at_is(r, at + 2, RT_NUMBER)) ||
			   (t->type == RT_YEAR && at_is(r, at + 1, RT_EVENT)) ||
			   t->type == RT_EVENT) {
			type = PS_MONTH;
			next = skip_dates(r, at);
		} else if (t->type == RT_MONTH) {
			type = PS_MONTH;
			next = skip_months(r, at);
		} else if (t->type == RT_YEAR) {
			type = PS_YEAR;
			next = skip_numbers(r, at, RT_YEAR);
		} else if (t->type == RT_WEEK) {
			type = PS_WEEK;
			next = skip_numbers(r, at, RT_WEEK);
		} else if (at != 0 && at != r->n - 1 && t->type == RT_TIMESEP &&
			   last_time_end != at) {
			at++; /* a ':' after a selector: skipped, printed with it */
			continue;
		} else if (time_start(r, at)) {
			type = PS_TIME;
			next = last_time_end = skip_times(r, at);
			if (hours_open_end(r, at, next))
				return -1;
		} else if (t->type == RT_STATE || t->type == RT_COMMENT) {
			type = t->type == RT_STATE ? PS_STATE : PS_COMMENT;
			next = at + 1;
		} else if (at == from && at_char(r, at, ',') && sep == ',') {
			s->sel[at] = PS_RULESEP;
			at++;
			continue;
		} else {
			return -1;
		}
		if (next <= at)
			return -1;
		s->sel[at] = type;
		count[type]++;
		at = next;
		/* "Mo,", "Jan 05,": a list of days that ends the rule with ','
		   keeps it (printed, not read) */
		if (at + 1 == r->n && at_char(r, at, ',') && type != PS_247 && type < PS_TIME) {
			at++;
			continue;
		}
		if (at < r->n && at_char(r, at, ',') &&
		    (type == PS_STATE || type == PS_COMMENT || type == PS_TIME)) {
			/* an additional rule: the ',' is its first token; one at the end
			   is dropped ("unknown,") */
			if (at + 1 == r->n) {
				if (type != PS_TIME)
					s->sel[at++] = PS_RULESEP;
				continue;
			}
			add_rule(s, r, from, at, sep);
			for (k = PS_YEAR; k < PS_RULESEP; k++)
				if (count[k] > 1)
					s->no_reorder = 1;
			memset(count, 0, sizeof count);
			from = at;
			sep = ',';
			s->sel[at] = PS_RULESEP;
			at++;
		}
	}
	for (k = PS_YEAR; k < PS_RULESEP; k++)
		if (count[k] > 1)
			s->no_reorder = 1;
	add_rule(s, r, from, r->n, sep);
	return 0;
}

struct sb {
	char *s;
	size_t len, alloc;
};

static void sb_add(struct sb *b, const char *s, size_t n)
{
	XALLOC_GROW(b->s, b->len + n + 1, b->alloc);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* v, with two digits at least when pad */
static void sb_num(struct sb *b, long v, int pad)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, pad ? "%02ld" : "%ld", v);
	sb_str(b, tmp);
}

static void token_text(struct sb *b, const struct rtok *t)
{
	switch (t->type) {
	case RT_WEEKDAY:
		sb_str(b, ohours_wd_canon[t->num]);
		break;
	case RT_MONTH:
		sb_str(b, ohours_mon_canon[t->num]);
		break;
	case RT_NUMBER:
	case RT_YEAR:
		sb_num(b, t->num, 0);
		break;
	case RT_TIMESEP:
		sb_str(b, ":");
		break;
	case RT_COMMENT:
		sb_str(b, "\"");
		sb_str(b, t->comment);
		sb_str(b, "\"");
		break;
	default:
		sb_str(b, t->text);
		break;
	}
}

/* "Su[-1]": its numbers of the nth weekday are not padded */
static int in_brackets(const struct rrule *r, size_t s, size_t at)
{
	while (at-- > s) {
		if (at_char(r, at, ']'))
			return 0;
		if (at_char(r, at, '['))
			return 1;
	}
	return 0;
}

/* its formatPrettifySelectorToken over tokens [s, e] of one selector */
static void print_selector(struct sb *b, const struct rrule *r, size_t s, size_t e, enum sel type)
{
	size_t at;

	/* "PH 03:20-05:50,:17:13-14:00": it keeps that ':' */
	if (type == PS_TIME && s > 1 && r->t[s - 1].type == RT_TIMESEP &&
	    r->t[s].type == RT_NUMBER && at_char(r, s - 2, ','))
		sb_str(b, ":");
	for (at = s; at <= e; at++) {
		const struct rtok *t = &r->t[at];
		if (t->type == RT_WEEKDAY) {
			token_text(b, t);
		} else if (at > s && type == PS_TIME && r->t[at - 1].type == RT_TIMESEP &&
			   t->type == RT_NUMBER) {
			sb_num(b, t->num, 1);
		} else if (type == PS_TIME && t->type == RT_NUMBER &&
			   at_is(r, at + 1, RT_TIMESEP)) {
			sb_num(b, t->num, 1);
		} else if (type == PS_TIME && at + 2 <= e && t->type == RT_NUMBER &&
			   at_char(r, at + 1, '-') && at_is(r, at + 2, RT_NUMBER) &&
			   t->num != r->t[at + 2].num) {
			sb_num(b, t->num, 1);
			sb_str(b, ":00-");
			sb_num(b, r->t[at + 2].num, 1);
			sb_str(b, ":00");
			at += 2;
		} else if (t->type == RT_COMMENT) {
			token_text(b, t);
		} else if (at > s && t->type == RT_NUMBER &&
			   (type == PS_MONTH || type == PS_WEEK)) {
			if (r->t[at - 1].type == RT_MONTH || r->t[at - 1].type == RT_WEEK)
				sb_str(b, " ");
			sb_num(b, t->num, !in_brackets(r, s, at) && !at_char(r, at - 1, '/'));
		} else if (at > s && (t->type == RT_MONTH || t->type == RT_EVENT) &&
			   r->t[at - 1].type == RT_YEAR) {
			sb_str(b, " ");
			token_text(b, t);
		} else if (t->type == RT_MONTH) {
			token_text(b, t);
			if (at + 1 <= e && r->t[at + 1].type == RT_WEEKDAY)
				sb_str(b, " ");
		} else if (at + 2 <= e && (is_char(t, '-') || is_char(t, '+')) &&
			   r->t[at + 1].type == RT_NUMBER && r->t[at + 2].type == RT_CALCDAY) {
			sb_str(b, " ");
			sb_str(b, t->text);
			sb_num(b, r->t[at + 1].num, 0);
			sb_str(b, r->t[at + 1].num == 1 ? " day" : " days");
			at += 2;
		} else if (at == e && type == PS_WEEKDAY && t->type == RT_TIMESEP) {
			/* "Mo-Fr: 08:00-12:00" */
		} else if (at == e && type == PS_TIME && is_char(t, ',')) {
			/* "10:00-12:00," */
		} else {
			token_text(b, t);
		}
	}
}

static int cmp_piece(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;
	int d = (int)x->type - (int)y->type;
	/* stable, as the reference's sort */
	return d ? d : (x->s > y->s) - (x->s < y->s);
}

static int additional_off(const struct rrule *r, const struct prule_span *p)
{
	size_t k;

	if (p->sep != ',')
		return 0;
	for (k = p->from; k < p->to; k++)
		if (r->t[k].type == RT_STATE && strcmp(r->t[k].text, "open") != 0 &&
		    strcmp(r->t[k].text, "unknown") != 0)
			return 1;
	return 0;
}

/* State and comment keep their order: it decides what the rule means.  A
   24/7 beside times is one more time range, 00:00-24:00, where it stands:
   the reference reads the times of a rule in their order ("24/7 Mo 10:00+"
   is unknown after 10:00, "Mo 10:00+ 24/7" open). */
static int eval_rank(enum sel t, int timed)
{
	return t == PS_COMMENT ? PS_STATE : t == PS_247 && timed ? PS_TIME : (int)t;
}

static int cmp_eval(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;
	int d = x->rank - y->rank;
	return d ? d : (x->s > y->s) - (x->s < y->s);
}

/*
 * One rule as ohours_parse reads it: the selectors in its order, two of one
 * kind joined by ',' ("Mo Tu Fr" is "Mo,Tu,Fr" for the reference too: the
 * selectors of one kind in a rule are alternatives).  0, or -1 for two
 * states or comments.
 */
/* where each selector of the text ohours_parse reads starts (bytes), and
   its column in the expression */
struct emap {
	struct emap_at {
		size_t off;
		long col;
	} * at;
	size_t n, alloc;
	long split; /* the column of a month selector after another, not one list */
};

static int eval_rule(struct sb *e, struct piece *pc, char **txt, size_t np, int additional,
		     struct ohours_lenient *lw, struct emap *em)
{
	size_t j, k;
	int timed = 0, n247 = 0;

	for (j = 0; j < np; j++) {
		timed |= pc[j].type == PS_TIME;
		n247 += pc[j].type == PS_247;
	}
	timed |= n247 > 1;
	for (j = 0; j < np; j++)
		pc[j].rank = eval_rank(pc[j].type, timed);
	qsort(pc, np, sizeof *pc, cmp_eval);
	/* ", 18:00-20:00 unknown" would continue the times of the rule
	   before: ohours_parse reads ", unknown 18:00-20:00" instead */
	for (k = np;
	     additional && np && pc[0].rank == PS_TIME && k > 0 && pc[k - 1].rank == PS_STATE;)
		k--;
	if (additional && k < np && k > 0) {
		struct piece *rot = xcalloc(np, sizeof *rot);
		memcpy(rot, pc + k, (np - k) * sizeof *pc);
		memcpy(rot + np - k, pc, k * sizeof *pc);
		memcpy(pc, rot, np * sizeof *pc);
		free(rot);
	}
	/* and ", 24/7 16:00-19:00" is a rule of every day, open as any
	   rule is without a state */
	if (additional && np && pc[0].rank == PS_TIME)
		sb_str(e, "open ");
	for (j = 0; j < np; j++) {
		int same = j && pc[j].type == pc[j - 1].type;
		int whole_day = pc[j].type == PS_247 && pc[j].rank == PS_TIME;
		if (whole_day)
			ohours_lenient_warn(lw, pc[j].col,
					    "24/7 beside times or another 24/7 is not every hour of "
					    "every day: read as the time range 00:00-24:00");
		if (j && pc[j].rank == PS_TIME && pc[j - 1].rank == PS_TIME &&
		    (whole_day || pc[j - 1].type == PS_247)) {
			sb_str(e, ",");
		} else if (j && pc[j].type == PS_WEEKDAY && pc[j - 1].days) {
			/* "PH -1 day,Th Fr": its weekdays go on in one list with Fr */
			sb_str(e, ",");
		} else if (same && (pc[j].type == PS_STATE || pc[j].type == PS_COMMENT)) {
			return -1;
		} else if (same && pc[j].type == PS_MONTH && (!pc[j].months || !pc[j - 1].months)) {
			/* its month ranges and days of months are separate conditions:
			   side by side ("Feb 21-Mar 06 Jan") they are ohours_parse's
			   two conditions too, apart ("Jan Mo Feb 02") they are not */
			if (pc[j].s != pc[j - 1].e + 1) {
				if (em && !em->split)
					em->split = pc[j].col;
				return -1;
			}
			ohours_lenient_warn(lw, pc[j].col,
					    "two selectors of months in a rule: both must hold "
					    "('%s' and '%s'); for either, join them with ','",
					    txt[pc[j - 1].idx], txt[pc[j].idx]);
			sb_str(e, " ");
		} else if (same) {
			ohours_lenient_warn(lw, pc[j].col,
					    "two selectors of one kind in a rule: "
					    "read as one list ('%s,%s')",
					    txt[pc[j - 1].idx], txt[pc[j].idx]);
			/* holidays one after another are ohours_parse's list of
			   holidays; "SH,PH" would be a list of weekdays */
			sb_str(e, pc[j].type == PS_HOLIDAY ? " " : ",");
		} else if (j) {
			sb_str(e, " ");
		}
		if (em) {
			XALLOC_GROW(em->at, em->n + 1, em->alloc);
			em->at[em->n].off = e->len;
			em->at[em->n++].col = pc[j].col;
		}
		if (whole_day)
			sb_str(e, "00:00-24:00");
		else
			sb_add(e, txt[pc[j].idx], strlen(txt[pc[j].idx]) - (size_t)pc[j].comma);
	}
	return 0;
}

/*
 * Its prettifyValue into *pretty, and the same text with the selectors of
 * each rule in ohours_parse's order into *eval (NULL when a rule has two
 * selectors that are not alternatives); -1 where its parser would throw.
 */
static int prettify(const struct rtokens *rt, char **pretty, char **eval, struct ohours_lenient *lw,
		    struct emap *em)
{
	struct seg s = { 0 };
	struct sb b = { 0 }, e = { 0 };
	size_t i, k, nprinted = 0;
	enum sel **sels = xcalloc(rt->n ? rt->n : 1, sizeof *sels);
	size_t *first = xcalloc(rt->n + 1, sizeof *first);
	int bad = 0, no_eval = 0;

	for (i = 0; i < rt->n && !bad; i++) {
		sels[i] = xcalloc(rt->r[i].n + 1, sizeof **sels);
		s.sel = sels[i];
		first[i] = s.n;
		if (rt->r[i].n && cut(&s, &rt->r[i], rt->r[i].fallback ? '|' : ';') < 0)
			bad = 1;
		if (!rt->r[i].n)
			add_rule(&s, &rt->r[i], 0, 0, rt->r[i].fallback ? '|' : ';');
	}
	first[rt->n] = s.n;
	sb_str(&b, "");
	sb_str(&e, "");
	for (i = 0; i < rt->n && !bad; i++) {
		for (k = first[i]; k < first[i + 1] && !bad; k++) {
			const struct prule_span *p = &s.rules[k];
			const struct rrule *r = p->r;
			struct piece *pc;
			char **txt;
			size_t np = 0, at, comment = 0, j;
			if (p->from == p->to)
				continue;
			if (nprinted) {
				/* it writes an additional rule after a fallback rule as a
				   fallback rule too (its meaning stays that of ',') */
				sb_str(&b, r->fallback ? " || " : p->sep == ',' ? ", " : "; ");
				sb_str(&e, p->sep == '|' ? " || " : p->sep == ',' ? ", " : "; ");
			}
			pc = xcalloc(p->to - p->from, sizeof *pc);
			txt = xcalloc(p->to - p->from, sizeof *txt);
			for (at = p->from; at < p->to; at++) {
				if (sels[i][at] == PS_NONE && np) {
					pc[np - 1].e = at;
					pc[np - 1].days |= pc[np - 1].type == PS_HOLIDAY &&
							   r->t[at].type == RT_WEEKDAY;
					pc[np - 1].comma = at + 1 == r->n &&
							   is_char(&r->t[at], ',') &&
							   pc[np - 1].type < PS_TIME;
					continue;
				}
				if (sels[i][at] == PS_NONE || sels[i][at] == PS_RULESEP)
					continue;
				pc[np].type = sels[i][at];
				pc[np].s = pc[np].e = at;
				pc[np].col = r->t[at].col;
				pc[np].idx = np;
				pc[np].months = r->t[at].type == RT_MONTH &&
						!at_is(r, at + 1, RT_NUMBER) &&
						!at_is(r, at + 1, RT_WEEKDAY);
				comment |= sels[i][at] == PS_COMMENT;
				np++;
			}
			ohours_selector_warnings(r, pc, np, lw);
			for (j = 0; j < np; j++) {
				struct sb one = { 0 };
				sb_str(&one, "");
				print_selector(&one, r, pc[j].s, pc[j].e, pc[j].type);
				txt[j] = one.s;
			}
			if (!s.no_reorder && !comment && !additional_off(r, p)) {
				for (j = 1; j < np; j++)
					if (cmp_piece(&pc[j - 1], &pc[j]) > 0) {
						ohours_lenient_warn(lw, pc[j].col,
								    "'%s' belongs before '%s'",
								    txt[pc[j].idx],
								    txt[pc[j - 1].idx]);
						break;
					}
				qsort(pc, np, sizeof *pc, cmp_piece);
			}
			for (j = 0; j < np; j++) {
				if (j)
					sb_str(&b, " ");
				sb_str(&b, txt[pc[j].idx]);
			}
			if (eval_rule(&e, pc, txt, np, nprinted && p->sep == ',', lw, em) < 0)
				no_eval = 1;
			for (j = 0; j < np; j++)
				free(txt[j]);
			free(txt);
			free(pc);
			nprinted++;
		}
	}
	for (i = 0; i < rt->n; i++)
		free(sels[i]);
	free(sels);
	free(first);
	free(s.rules);
	if (bad || !nprinted) {
		free(b.s);
		free(e.s);
		*pretty = *eval = NULL;
		return -1;
	}
	*pretty = b.s;
	*eval = e.s;
	if (no_eval) {
		free(e.s);
		*eval = NULL;
	}
	return 0;
}

/* by column; at one column in the order found (each has its own message) */
static int cmp_warning(const void *a, const void *b)
{
	const struct ohours_warning *x = a, *y = b;
	if (x->col != y->col)
		return (x->col > y->col) - (x->col < y->col);
	return (x < y) ? -1 : (x > y);
}

/*
 * The reference's reading of expr: its warnings into lw, and where strict
 * (ohours_parse's answer) is -1 the expression ohours_parse reads instead,
 * parsed into *out when out is not NULL.  0, or -1 where it is refused.
 */
/* byte offset of the 1-based character column col in s */
static size_t col_off(const char *s, long col)
{
	size_t i = 0, n = strlen(s);

	while (--col > 0 && i < n) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
	}
	return i;
}

/*
 * e, ohours_parse's error in eval, as an error of expr in d, where it says
 * more than d does: a point in time ("Mon sunrise,sunset" is refused for
 * 'sunrise', not for 'Mon'), at the column of its selector in expr (and
 * within it where expr writes it as eval does).
 */
static void eval_error(const char *expr, const char *eval, const struct emap *em,
		       const struct diag *e, struct diag *d)
{
	size_t at = col_off(eval, e->col), k, start, off;
	long col;

	if (!em->n || strcmp(e->hint, _("points in time belong in collection_times or "
					"service_times; opening hours need a range such as "
					"'10:00-12:00'")) != 0)
		return;
	for (k = 0; k + 1 < em->n && em->at[k + 1].off <= at; k++)
		;
	col = em->at[k].col;
	start = em->at[k].off;
	off = col_off(expr, col);
	if (at > start && strncmp(expr + off, eval + start, at - start) == 0)
		col += (long)utf8_chars(eval + start, at - start);
	diag_set(d, DIAG_DATA, NULL, 0, col, "%s", e->msg);
	diag_hint(d, "%s", e->hint);
}

/*
 * "Oct Tu-Su 10:00-14:30 Nov off": the ';' left out.  The reference reads
 * months apart in one rule as conditions that must all hold (never, here);
 * refused at the second, whose word starts at column col, whatever error
 * came first in the expression as written ("maerz ... PH mar").
 */
static void months_again(const char *expr, long col, struct diag *d)
{
	size_t at = col_off(expr, col), n = 0;

	while (expr[at + n] && !strchr(" \t0123456789,;:-./[]()\"|+", expr[at + n]))
		n++;
	diag_set(d, DIAG_DATA, NULL, 0, col, "'%.*s' selects months again in one rule", (int)n,
		 expr + at);
	diag_hint(d,
		  "if a new rule starts here, write ';' before it; months of one rule are one "
		  "list ('Jan,Mar')");
}

static int lenient_read(const char *expr, int strict, struct ohours **out,
			struct ohours_lenient *lw, struct diag *d)
{
	struct rtokens rt;
	struct diag e = DIAG_INIT;
	struct emap em = { 0 };
	char *pretty, *eval;

	memset(lw, 0, sizeof *lw);
	/* its patterns need valid UTF-8, as JavaScript strings are */
	if (utf8_validate(expr, strlen(expr), NULL) != 0)
		return strict;
	if (ohours_rtokenize(expr, &rt, lw, &e) < 0 || prettify(&rt, &pretty, &eval, lw, &em) < 0) {
		ohours_rtokens_release(&rt);
		free(em.at);
		lw->nw = lw->more = 0;
		return strict;
	}
	ohours_rtokens_release(&rt);
	qsort(lw->w, lw->nw, sizeof *lw->w, cmp_warning);
	if (strict < 0 &&
	    (!eval || strcmp(eval, expr) == 0 || (out && ohours_parse(eval, out, &e) < 0))) {
		if (eval && strcmp(eval, expr) != 0 && out)
			eval_error(expr, eval, &em, &e, d);
		if (!eval && d && em.split)
			months_again(expr, em.split, d);
		free(em.at);
		free(pretty);
		free(eval);
		lw->nw = lw->more = 0;
		return -1;
	}
	free(em.at);
	free(eval);
	if (lw->nw && strcmp(pretty, expr) != 0)
		lw->pretty = pretty;
	else
		free(pretty);
	return 0;
}

int ohours_parse_lenient(const char *expr, struct ohours **out, struct ohours_lenient *lw,
			 struct diag *d)
{
	struct ohours_lenient mine;
	int strict = ohours_parse(expr, out, d);

	if (strict == 0 && !lw)
		return 0; /* valid, and no one asks for the warnings */
	if (lenient_read(expr, strict, out, lw ? lw : &mine, d) < 0)
		return -1; /* d: the error of expr itself, or of a point in time */
	if (!lw)
		ohours_lenient_release(&mine);
	return 0;
}

void ohours_lenient_warnings(const char *expr, struct ohours_lenient *lw)
{
	/* accepted already: ohours_parse or the text it reads instead */
	if (lenient_read(expr, 0, NULL, lw, NULL) < 0)
		memset(lw, 0, sizeof *lw);
}

char *ohours_pretty(const char *expr, struct diag *d)
{
	struct rtokens rt;
	char *pretty = NULL, *eval = NULL;

	if (utf8_validate(expr, strlen(expr), NULL) != 0) {
		diag_set(d, DIAG_DATA, NULL, 0, 1, "not valid UTF-8");
		return NULL;
	}
	if (ohours_rtokenize(expr, &rt, NULL, d) == 0 &&
	    prettify(&rt, &pretty, &eval, NULL, NULL) < 0)
		diag_set(d, DIAG_DATA, NULL, 0, 1, "not a valid expression");
	ohours_rtokens_release(&rt);
	free(eval);
	return pretty;
}

void ohours_lenient_release(struct ohours_lenient *lw)
{
	free(lw->pretty);
	lw->pretty = NULL;
}
