/* ohours_times: the times of an opening-hours rule ("10:00-12:00,14:00+"). */
#include "ohours_prule.h"
#include "ohours_dates.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "diag.h"
#include "suntime.h"
#include "xalloc.h"
#include "banned.h"

/* H:MM as minutes; an end may be past midnight (up to 48:00, checked by the caller). */
static int parse_hhmm(struct parser *p, int end, int *minutes)
{
	const struct token *h = peek(p, 0), *c = peek(p, 1), *m = peek(p, 2);

	if (h->type != TOK_NUM || h->ndigits > 2)
		return ohours_unexpected(p, h);
	if (!is_char(c, ':'))
		return ohours_unexpected(p, c);
	if (m->type != TOK_NUM)
		return ohours_unexpected(p, m);
	if (m->ndigits != 2 || m->val > 59 || (!end && h->val > 23))
		return ohours_fail_at(p, h, "invalid time '%.*s'", (int)(m->off + m->len - h->off),
				      p->expr + h->off);
	*minutes = h->val * 60 + m->val;
	p->pos += 3;
	return 0;
}

/* One end of a time: H:MM or a variable time, in the reference's minutes. */
struct tend {
	int minutes;       /* a variable time's stand-in (suntime.h) + offset */
	unsigned char var; /* the event + 1, 0 for H:MM */
	short add;
};

static int timevar_event(const struct parser *p, const struct token *t)
{
	int e;
	size_t i;

	for (e = 0; e < SUNTIME_EVENTS; e++) {
		if (strlen(suntime_names[e]) != t->len)
			continue;
		for (i = 0; i < t->len; i++)
			if (ascii_tolower((unsigned char)p->expr[t->off + i]) !=
			    suntime_names[e][i])
				break;
		if (i == t->len)
			return e;
	}
	return 0;
}

/* Whether a time starts at peek(p, k): H:MM, a variable time or "(sunset...". */
static int time_at(const struct parser *p, size_t k)
{
	return is_num(peek(p, k)) || is_kw(peek(p, k), KW_TIMEVAR) ||
	       (is_char(peek(p, k), '(') && is_kw(peek(p, k + 1), KW_TIMEVAR));
}

/*
 * "sunrise" or "(sunrise+01:00)", p at the word or '('; the offset may
 * not reach a day (the reference's stand-in would leave the day).
 */
static int parse_timevar(struct parser *p, struct tend *e)
{
	const struct token *t = peek(p, 0), *w = t, *sg, *h, *c, *m;
	int ev, add = 0;

	if (is_char(t, '(')) {
		w = peek(p, 1);
		sg = peek(p, 2);
		h = peek(p, 3);
		c = peek(p, 4);
		m = peek(p, 5);
		if (!is_char(sg, '+') && !is_char(sg, '-'))
			return ohours_fail_at(p, sg, "expected '+' or '-' after '%.*s'",
					      (int)w->len, p->expr + w->off);
		if (h->type != TOK_NUM || h->ndigits > 2 || !is_char(c, ':') || m->type != TOK_NUM)
			return ohours_fail_at(p, h,
					      "expected a time such as '01:00' in '(%.*s%c...)'",
					      (int)w->len, p->expr + w->off, sg->ch);
		if (m->ndigits != 2 || m->val > 59 || h->val > 23)
			return ohours_fail_at(p, h, "invalid time offset '%.*s' (up to 23:59)",
					      (int)(m->off + m->len - h->off), p->expr + h->off);
		if (!is_char(peek(p, 6), ')'))
			return ohours_unexpected(p, peek(p, 6));
		add = (h->val * 60 + m->val) * (sg->ch == '-' ? -1 : 1);
		p->pos += 6;
	}
	ev = timevar_event(p, w);
	if (!p->oh->var_col)
		p->oh->var_col = ohours_col(p, t);
	e->var = (unsigned char)(ev + 1);
	e->add = (short)add;
	e->minutes = suntime_default_minutes[ev] + add;
	p->pos++;
	return 0;
}

static int parse_end(struct parser *p, int end, struct tend *e)
{
	const struct token *t = peek(p, 0);

	e->var = 0;
	e->add = 0;
	if (is_kw(t, KW_TIMEVAR) || (is_char(t, '(') && is_kw(peek(p, 1), KW_TIMEVAR)))
		return parse_timevar(p, e);
	return parse_hhmm(p, end, &e->minutes);
}

void ohours_add_time(struct prule *r, unsigned char kind, int from, int to, int open_end)
{
	struct ohtime t;

	memset(&t, 0, sizeof(t));
	t.kind = kind;
	t.open_end = (unsigned char)open_end;
	t.from = (short)from;
	t.to = (short)to;
	XALLOC_GROW(r->time, r->ntime + 1, r->time_alloc);
	r->time[r->ntime++] = t;
	r->any = 1;
}

static const struct tend fixed_end = { 0, 0, 0 };

/* a and b: the variable ends (fixed_end for none) */
static void add_span(struct prule *r, int from, int to, int open_end, const struct tend *a,
		     const struct tend *b)
{
	struct ohtime *t;

	if (from == 0 && to == 1440) { /* the reference's "always", open end or not */
		ohours_add_time(r, TIME_ALWAYS, 0, 1440, 0);
		return;
	}
	ohours_add_time(r, to > 1440 ? TIME_WRAP : TIME_SPAN, from, to, open_end);
	t = &r->time[r->ntime - 1];
	t->vfrom = a->var;
	t->afrom = a->add;
	t->vto = b->var;
	t->ato = b->add;
}

/*
 * An open end "HH:MM+" at from (minutes): the reference guesses the
 * closing time, 8 hours after a start from 22:00, 10 hours after one from
 * 17:00, else midnight.
 */
static int add_open_end(struct parser *p, struct prule *r, int from, const struct token *where,
			const struct tend *a)
{
	int to = from >= 22 * 60 ? from + 8 * 60 : from >= 17 * 60 ? from + 10 * 60 : 1440;

	if (to > 2 * 1440)
		return ohours_fail_at(p, where, "the open end goes past the second midnight");
	add_span(r, from, to, 1, a, &fixed_end);
	return 0;
}

enum { EXT_NONE, EXT_WRAPPED, EXT_PLAIN };

/* "H-H" (p at the first number), as the reference reads it. */
static int parse_hours_only(struct parser *p, struct prule *r)
{
	const struct token *a = peek(p, 0), *b = peek(p, 2);
	int from = a->val * 60, to = b->val * 60;

	if (!p->hours_only)
		p->hours_only = a;
	if (from >= 1440)
		return ohours_fail_at(p, a, "invalid time '%.*s'", (int)a->len, p->expr + a->off);
	if (to < from)
		to += 1440;
	if (to > 2 * 1440)
		return ohours_fail_at(p, b, "time range '%d-%d' goes past the second midnight",
				      a->val, b->val);
	add_span(r, from, to, 0, &fixed_end, &fixed_end);
	p->pos += 3;
	return 0;
}

/*
 * A list of times, exactly as the reference's parseTimeRange reads it, so
 * that the times of a rule come in its order (which decides open ends):
 * for "A-B+" it first reads "B+" and the rest of the list after it in a
 * nested call (an open end from B, on the next day when A-B runs past
 * midnight: ext), then A-B, then the rest of the list once more.  Returns
 * 1 when a ',' ended the list and starts an additional rule.
 */
/*
 * As the reference does, "a-b+" reads the list again from b on, so that
 * each one doubles the work of the times after it: past this many times
 * in all the expression is refused rather than taking minutes.
 */
enum { TIMES_READ_MAX = 1024 };

static int parse_times_ref(struct parser *p, struct prule *r, int ext)
{
	for (;;) {
		const struct token *start = peek(p, 0), *end;
		struct tend a, b;
		int from, to, raw;

		if (++p->times > TIMES_READ_MAX)
			return ohours_fail_at(p, start,
					      "too many open-ended time ranges "
					      "('10:00-12:00+') in one list of times");
		if (is_num(start) && is_char(peek(p, 1), '-') && is_num(peek(p, 2))) {
			/* "10-12": hours without minutes (lint warns) */
			if (parse_hours_only(p, r))
				return -1;
			goto next;
		}
		/* in the nested call the first time is an end: past 24:00 too */
		if (parse_end(p, ext != EXT_NONE, &a))
			return -1;
		from = a.minutes;
		if (a.var && ext == EXT_NONE && from >= 1440)
			return ohours_fail_at(p, start, "'%.*s' is past the end of the day",
					      (int)(peek(p, 0)->off - start->off),
					      p->expr + start->off);
		if (is_char(peek(p, 0), '+')) {
			p->pos++;
			if (add_open_end(p, r, ext == EXT_WRAPPED ? from + 1440 : from, start, &a))
				return -1;
		} else {
			if (!is_char(peek(p, 0), '-')) {
				const struct token *t = peek(p, 0);
				/* "Mo 12:00", "12:00,15:00": the reference's mode 2 */
				if (ohdates_ends_time(t))
					return ohdates_point_in_time(p, start, t);
				return ohours_unexpected(p, t);
			}
			p->pos++;
			end = peek(p, 0);
			if (parse_end(p, 1, &b))
				return -1;
			to = raw = b.minutes;
			if (is_char(peek(p, 0), '+')) {
				size_t plus = p->pos;
				p->pos = (size_t)(end - p->toks);
				if (parse_times_ref(p, r, raw < from ? EXT_WRAPPED : EXT_PLAIN) < 0)
					return -1;
				p->pos = plus + 1;
			} else if (is_char(peek(p, 0), '/') && is_num(peek(p, 1))) {
				/* "10:00-16:00/90": every 90 minutes, the reference's mode 2 */
				return ohdates_point_in_time(p, start, peek(p, 0));
			}
			/* the reference wraps equal ends only when both are fixed */
			if (to < from || (to == from && !a.var && !b.var))
				to += 1440;
			if (to > 2 * 1440)
				return ohours_fail_at(p, end,
						      "time range '%.*s' goes past the second midnight",
						      (int)(end->off + end->len + 3 - start->off),
						      p->expr + start->off);
			add_span(r, from, to, 0, &a, &b);
		}
next:
		if (!is_char(peek(p, 0), ','))
			return 0;
		if (!time_at(p, 1)) {
			p->pos++;
			return 1;
		}
		p->pos++;
	}
}

int ohours_parse_times(struct parser *p, struct prule *r)
{
	return parse_times_ref(p, r, EXT_NONE);
}
