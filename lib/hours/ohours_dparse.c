/*
 * ohours_dparse: day offsets ("PH +1 day", "Su[-1] -2 days"), date ranges
 * with Easter or an nth weekday at an end ("Nov Su[-1]-Dec Su[1] -1 day",
 * "Dec 25-easter"), periods of days ("Jan 01-31/8"), and the refusal of
 * points in time ("Mo 12:00", "10:00-16:00/90"), read as the reference
 * reads them (its parseMonthdayRange and getMoveDays).
 */
#include "ohours_dates.h"

#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "ohours_lex.h"
#include "ohours_prule.h"
#include "xalloc.h"

#include "banned.h"

static int is_sign(const struct token *t)
{
	return is_char(t, '+') || is_char(t, '-');
}

static int is_year_tok(const struct token *t)
{
	return t->type == TOK_NUM && t->val > 1900;
}

int ohdates_move_days(struct parser *p, int max, const char *what, int *add, int *given)
{
	const struct token *t = peek(p, 0), *n = peek(p, 1), *u = peek(p, 2);

	*add = 0;
	*given = 0;
	if (!is_sign(t) || !is_num(n) || !is_kw(u, KW_DAY))
		return 0;
	if (n->val > max) {
		/* TRANSLATORS: %s is what is moved: "a public holiday", "an nth weekday", "easter" */
		ohours_fail_at(p, n, "%s moved by %d days: %d at most", _(what), n->val, max);
		return -1;
	}
	*add = is_char(t, '-') ? -n->val : n->val;
	*given = 1;
	p->pos += 3;
	return 0;
}

/* What kind of range end starts at peek(p, k): a DEND_*, or -1. */
static int end_kind_at(const struct parser *p, size_t k)
{
	const struct token *t = peek(p, k);

	if (is_kw(t, KW_EASTER))
		return DEND_EASTER;
	if (!is_kw(t, KW_MON))
		return -1;
	if (is_num(peek(p, k + 1)))
		return DEND_MDAY;
	if (is_kw(peek(p, k + 1), KW_WD) && is_char(peek(p, k + 2), '['))
		return DEND_NTH;
	return -1;
}

/* The tokens of "MON WD[n]" and a move after it, from peek(p, k); 0 if
   the brackets do not close soon. */
static size_t nth_end_len(const struct parser *p, size_t k)
{
	size_t i;

	for (i = k + 3; i < k + 7; i++)
		if (is_char(peek(p, i), ']'))
			break;
	if (!is_char(peek(p, i), ']'))
		return 0;
	i++;
	if (is_sign(peek(p, i)) && is_num(peek(p, i + 1)) && is_kw(peek(p, i + 2), KW_DAY))
		i += 3;
	return i - k;
}

/* Whether a second end follows the '-' at peek(p, k), with a year
   exactly when the first end has one. */
static int second_end_at(const struct parser *p, size_t k, int year)
{
	int y1 = is_year_tok(peek(p, k + 1));

	return is_char(peek(p, k), '-') && y1 == (year != 0) &&
	       end_kind_at(p, k + 1 + (size_t)y1) >= 0;
}

/* Easter moved by add days stays in its year (Easter Sunday is 22 March
   to 25 April); the reference fails in the years where it does not. */
static int check_easter_move(struct parser *p, const struct token *t, int add, int max)
{
	if (add >= -80 && add <= max)
		return 0;
	return ohours_fail_at(p, t,
			      "easter %+d days leaves the year in some years (from -80 to +%d)",
			      add, max);
}

/* One end at p (after its year); first: the end before the '-'. */
static int parse_end(struct parser *p, struct ohdend *e, int first)
{
	const struct token *t = peek(p, 0);
	int given;

	e->kind = (unsigned char)end_kind_at(p, 0);
	e->add = 0;
	if (e->kind == DEND_EASTER) {
		const struct token *num = peek(p, 2);
		int add;
		p->pos++;
		if (ohdates_move_days(p, first ? 200 : 366, N_("easter"), &add, &given) ||
		    check_easter_move(p, num, add, first ? 200 : 250))
			return -1;
		e->add = (short)add;
		return 0;
	}
	e->month = (short)t->val;
	if (e->kind == DEND_MDAY) {
		const struct token *d = peek(p, 1);
		static const int dim[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
		if (d->ndigits > 2 || d->val < 1 || d->val > dim[e->month])
			return ohours_fail_at(p, d, "invalid day '%s %.*s'",
					      ohours_mon_canon[e->month], (int)d->len,
					      p->expr + d->off);
		e->day = (short)d->val;
		p->pos += 2;
		return 0;
	}
	e->wd = (short)peek(p, 1)->val;
	p->pos += 3;
	t = peek(p, 0);
	if (is_char(t, '-') && is_num(peek(p, 1))) {
		e->n = (short)-peek(p, 1)->val;
		p->pos += 2;
	} else if (is_num(t)) {
		e->n = (short)t->val;
		p->pos++;
	} else {
		return ohours_unexpected(p, t);
	}
	if (e->n == 0 || e->n < -5 || e->n > 5)
		return ohours_fail_at(p, t, "invalid nth weekday '%d' (1 to 5, or -1 to -5)", e->n);
	if (!is_char(peek(p, 0), ']'))
		return ohours_fail_at(
			p, peek(p, 0),
			"one nth weekday only at an end of a date range (write '%s %s[%d]')",
			ohours_mon_canon[e->month], ohours_wd_canon[e->wd], e->n);
	p->pos++;
	{
		int add;
		if (ohdates_move_days(p, 6, N_("an nth weekday"), &add, &given))
			return -1;
		e->add = (short)add;
	}
	return 0;
}

int ohdates_parse_range(struct parser *p, struct prule *r, int group, int allow_nth)
{
	struct ohdrange dr;
	struct ohsel s = { SEL_DRANGE, 1, 0, 0, 0, 0, 0, 0 };
	int y0 = is_year_tok(peek(p, 0)) ? peek(p, 0)->val : 0;
	size_t k = y0 ? 1 : 0, len;
	const struct token *et;
	int kind = end_kind_at(p, k);

	if (kind == DEND_MDAY) {
		/* only "MON DAY-[YEAR] (easter|MON WD[n])" is new here */
		int y1 = is_year_tok(peek(p, k + 3));
		int k2 = end_kind_at(p, k + 3 + (size_t)y1);
		if (!second_end_at(p, k + 2, y0) || k2 == DEND_MDAY)
			return 1;
	} else if (kind == DEND_NTH) {
		len = nth_end_len(p, k);
		if (y0 || !allow_nth || !len || !second_end_at(p, k + len, 0))
			return 1;
	} else if (kind != DEND_EASTER) {
		return 1;
	}
	memset(&dr, 0, sizeof(dr));
	p->pos += k;
	et = peek(p, 0);
	dr.from.year = (short)y0;
	if (parse_end(p, &dr.from, 1))
		return -1;
	if (!second_end_at(p, 0, y0)) {
		/* a lone Easter: the plain selector */
		struct ohsel e = { SEL_EASTER, 1, dr.from.add, 0, 0, 0, (short)y0, 0 };
		if (y0 && dr.from.add)
		/* the reference then compares the year with the time's, and fails */
		{
			ohours_fail_at(
				p, et,
				"not supported: a year with easter moved by days (the reference implementation fails in the other years)");
			diag_hint(p->d,
				  "write a range of one day: '%d easter %+d days-%d easter %+d days'",
				  y0, dr.from.add, y0, dr.from.add);
			return -1;
		}
		ohours_add_sel(r, group, e);
		return 0;
	}
	p->pos++;
	if (y0) {
		dr.to.year = (short)peek(p, 0)->val;
		p->pos++;
	}
	if (parse_end(p, &dr.to, 0))
		return -1;
	dr.has_year = y0 != 0;
	XALLOC_GROW(p->oh->dranges, p->oh->ndranges + 1, p->oh->dranges_alloc);
	s.a = (short)p->oh->ndranges;
	p->oh->dranges[p->oh->ndranges++] = dr;
	ohours_add_sel(r, group, s);
	return 0;
}

int ohdates_parse_every(struct parser *p, struct ohsel *s, int mon, int first, int last)
{
	const struct token *n = peek(p, 1);

	if (!is_char(peek(p, 0), '/') || !is_num(n))
		return 0;
	if (n->val == 0)
		return ohours_fail_at(p, n, "a period of 0 days");
	/*
	 * The reference counts the days of the period in hours: after the
	 * change of summer time it is one off for an hour of each day.
	 */
	if ((mon == 2 || mon == 9) && last >= 26 && first <= 30) {
		ohours_fail_at(
			p, peek(p, 0),
			"not supported: a period of days across the change of summer time (the reference implementation counts it in hours)");
		diag_hint(p->d,
			  "end the range before the last Sunday of the month and list the days after it");
		return -1;
	}
	s->kind = SEL_MDAY_EVERY;
	s->d = (short)n->val;
	p->pos += 2;
	return 0;
}

/* Whether t may follow a point in time: it ends the rule or the list. */
int ohdates_ends_time(const struct token *t)
{
	return t->type == TOK_END || is_char(t, ',') || is_char(t, ';') || t->type == TOK_COMMENT ||
	       t->type == TOK_FALLBACK ||
	       (t->type == TOK_WORD &&
		(t->kw == KW_OPEN || t->kw == KW_OFF || t->kw == KW_UNKNOWN));
}

int ohdates_point_in_time(struct parser *p, const struct token *start, const struct token *at)
{
	if (is_char(at, '/')) {
		const struct token *n = at + 1;
		if (is_char(n + 1, ':') && n[2].type == TOK_NUM)
			n += 2; /* "/01:30" */
		ohours_fail_at(p, at, "'%.*s' is a series of points in time, not opening hours",
			       (int)(n->off + n->len - start->off), p->expr + start->off);
	} else {
		const struct token *last = at - 1;
		ohours_fail_at(p, at, "'%.*s' is a point in time, not opening hours",
			       (int)(last->off + last->len - start->off), p->expr + start->off);
	}
	diag_hint(p->d,
		  "points in time belong in collection_times or service_times; opening hours need a range such as '10:00-12:00'");
	return -1;
}
