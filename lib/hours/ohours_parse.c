/* ohours_parse: an opening_hours expression into the rules of ohours_rules.h. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "diag.h"
#include "holidays.h"
#include "i18n.h"
#include "ohours.h"
#include "ohours_dates.h"
#include "ohours_lex.h"
#include "ohours_prule.h"
#include "ohours_rules.h"
#include "utf8.h"
#include "xalloc.h"

#include "banned.h"

/* ---- parser ---- */

static void prule_add(struct prule *r, int group, struct ohsel s)
{
	XALLOC_GROW(r->sel[group], r->nsel[group] + 1, r->sel_alloc[group]);
	r->sel[group][r->nsel[group]++] = s;
	r->any = 1;
}

void ohours_add_sel(struct prule *r, int group, struct ohsel s)
{
	prule_add(r, group, s);
}

static void prule_reset(struct prule *r)
{
	int g;

	for (g = 0; g < NGROUPS; g++)
		r->nsel[g] = 0;
	r->ntime = 0;
	r->meaning = 1;
	r->unknown = 0;
	r->modified = 0;
	r->comment = NULL;
	r->any = 0;
}

static void prule_release(struct prule *r)
{
	int g;

	for (g = 0; g < NGROUPS; g++)
		free(r->sel[g]);
	free(r->time);
}

static int expect_num(struct parser *p, int lo, int hi, int maxdigits, const char *what, int *out)
{
	const struct token *t = peek(p, 0);

	if (t->type != TOK_NUM)
		return ohours_unexpected(p, t);
	if (t->ndigits > maxdigits || t->val < lo || t->val > hi)
		/* TRANSLATORS: %s is what the number is, such as "nth weekday" */
		return ohours_fail_at(p, t, "invalid %s '%.*s'", _(what), (int)t->len,
				      p->expr + t->off);
	*out = t->val;
	p->pos++;
	return 0;
}

static int days_in_month_max(int mon)
{
	static const int dim[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return dim[mon];
}

/* A day of month after MON: 1-2 digits, existing in some year. */
static int parse_mday(struct parser *p, int mon, int *day)
{
	const struct token *t = peek(p, 0);

	if (t->type != TOK_NUM)
		return ohours_unexpected(p, t);
	if (t->ndigits > 2 || t->val < 1 || t->val > days_in_month_max(mon))
		return ohours_fail_at(p, t, "invalid day '%s %.*s'", ohours_mon_canon[mon],
				      (int)t->len, p->expr + t->off);
	*day = t->val;
	p->pos++;
	return 0;
}

/*
 * Where the reference puts a date item: its month and month-day parsers
 * call each other along a list and push to rule.month or rule.monthday
 * depending on which call of the chain is running.
 */
enum chain { CH_M_INIT, CH_D_INIT, CH_M_SUB, CH_D_SUB };

/*
 * The reference reads a number above 1900 as a year, anywhere; years past
 * 9999 are refused where they stand (ohours_check_years), as dates there
 * are not evaluated (ohours_check_time) and the reference's own dates end.
 */
static int is_year(const struct token *t)
{
	return t->type == TOK_NUM && t->val > 1900;
}

/*
 * Whether the number at peek(p, k) starts a time after a month, as the
 * reference decides it: "Dec 10:00-12:00" is December with a time, but
 * "Dec 10: 08:00" is 10 December, a ':' and a time.
 */
static int month_time_at(const struct parser *p, size_t k)
{
	const struct token *t = peek(p, k + 3);

	return is_char(peek(p, k + 1), ':') && is_num(peek(p, k + 2)) &&
	       (is_char(t, '-') || is_char(t, '+'));
}

/* "YEAR MON DAY" (not a time) at p: a day item with a year. */
static int year_day_item(const struct parser *p)
{
	return is_year(peek(p, 0)) && is_kw(peek(p, 1), KW_MON) && is_num(peek(p, 2)) &&
	       !month_time_at(p, 2);
}

/* "[YEAR] easter" at p */
static int easter_item(const struct parser *p)
{
	return is_kw(peek(p, 0), KW_EASTER) ||
	       (is_year(peek(p, 0)) && is_kw(peek(p, 1), KW_EASTER));
}

static int chain_target(enum chain ch)
{
	return ch == CH_M_INIT || ch == CH_D_SUB ? GROUP_MONTH : GROUP_MONTHDAY;
}

/* Whether the brackets after MON WD hold one number (p at MON). */
static int nth_is_single(const struct parser *p)
{
	const struct token *a = peek(p, 3), *b = peek(p, 4), *c = peek(p, 5);

	if (a->type == TOK_NUM)
		return is_char(b, ']');
	return is_char(a, '-') && b->type == TOK_NUM && is_char(c, ']');
}

/* A single-month day item "MON D[-D]{,D[-D]}" after MON DAY was read. */
static int parse_mday1(struct parser *p, struct prule *r, int group, int mon, int first, int year)
{
	for (;;) {
		struct ohsel s = { SEL_MDAY1, 1, (short)mon, (short)first, 0, 0, (short)year, 0 };
		int last = first;

		if (is_char(peek(p, 0), '-') && is_num(peek(p, 1))) {
			const struct token *lt;
			p->pos++;
			lt = peek(p, 0);
			if (parse_mday(p, mon, &last))
				return -1;
			if (last < first)
				return ohours_fail_at(p, lt, "day range '%s %d-%d' is reversed",
						      ohours_mon_canon[mon], first, last);
			if (mon == 1 && last >= 28) {
				ohours_fail_at(
					p, lt,
					"not supported: 'Feb %d-%d' (the reference implementation skips it in some years)",
					first, last);
				diag_hint(p->d, "write 'Feb %02d-Feb %02d'", first, last);
				return -1;
			}
			s.d = 1;
			if (ohdates_parse_every(p, &s, mon, first, last))
				return -1;
		}
		s.c = (short)(last + 1);
		prule_add(r, group, s);
		if (!(is_char(peek(p, 0), ',') && is_num(peek(p, 1))))
			return 0;
		if (year) {
			/* its second round reads the tokens one place off */
			ohours_fail_at(
				p, peek(p, 1),
				"not supported: a list of days after a year (the reference implementation misreads it)");
			diag_hint(p->d, "repeat the year and month: '%d %s %d,%d %s %d'", year,
				  ohours_mon_canon[mon], first, year, ohours_mon_canon[mon],
				  peek(p, 1)->val);
			return -1;
		}
		p->pos++;
		if (parse_mday(p, mon, &first))
			return -1;
	}
}

/*
 * "[YEAR] MON DAY ..." (p at YEAR or MON): a two-month range or
 * single-month days.  A range between two days has a year on both sides or
 * on neither (the reference refuses the rest at the '-').
 */
static int parse_day_item(struct parser *p, struct prule *r, int target)
{
	struct ohsel s = { SEL_MDAY2, 1, 0, 0, 0, 0, 0, 0 };
	int year = is_year(peek(p, 0)) ? peek(p, 0)->val : 0, year2 = 0;
	int mon, day, mon2, day2;

	if (year)
		p->pos++;
	mon = peek(p, 0)->val;
	p->pos++;
	if (parse_mday(p, mon, &day))
		return -1;
	if (is_char(peek(p, 0), '-') && year && is_year(peek(p, 1)) && is_kw(peek(p, 2), KW_MON) &&
	    is_num(peek(p, 3))) {
		year2 = peek(p, 1)->val;
		p->pos++;
	} else if (!(is_char(peek(p, 0), '-') && !year && is_kw(peek(p, 1), KW_MON))) {
		return parse_mday1(p, r, target, mon, day, year);
	}
	mon2 = peek(p, 1)->val;
	p->pos += 2;
	if (parse_mday(p, mon2, &day2))
		return -1;
	s.a = (short)mon;
	s.b = (short)day;
	s.c = (short)mon2;
	s.d = (short)day2;
	s.y0 = (short)year;
	s.y1 = (short)year2;
	prule_add(r, target, s);
	return 0;
}

/*
 * A range of months or weekdays, from-to, which may wrap around (Nov-Feb,
 * Sa-Mo): stored as the days outside to+1..from-1, and as always when
 * nothing is outside.
 */
static void add_cyclic(struct prule *r, int group, int kind, int from, int to)
{
	struct ohsel s = { kind, 1, 0, 0, 0, 0, 0, 0 };

	s.a = (short)from;
	s.b = (short)to;
	if (to < from) {
		s.a = (short)(to + 1);
		s.b = (short)(from - 1);
		s.inside = 0;
	}
	if (s.b < s.a)
		s.kind = SEL_ALWAYS;
	prule_add(r, group, s);
}

/* "MON" or "MON-MON" (p at MON); a range may wrap around the year end. */
static int parse_month_item(struct parser *p, struct prule *r, int target)
{
	int from = peek(p, 0)->val, to = from;

	p->pos++;
	if (is_char(peek(p, 0), '-')) {
		if (!is_kw(peek(p, 1), KW_MON))
			return ohours_unexpected(p, peek(p, 1));
		to = peek(p, 1)->val;
		p->pos += 2;
	}
	add_cyclic(r, target, SEL_MONTH, from, to);
	return 0;
}

/*
 * One date item; *ch is the reference's parser chain state, *target the
 * group the reference puts the item in.  After month days, the reference
 * reads "MON WD[n]" with its own parser, which allows one n only and puts
 * the month in rule.month.
 */
static int parse_ditem(struct parser *p, struct prule *r, enum chain *ch, int *target)
{
	const struct token *mt = peek(p, 0), *nt = peek(p, 1);
	int in_days = *ch == CH_D_INIT || *ch == CH_D_SUB;
	int dtarget = chain_target(in_days ? *ch : CH_D_SUB), ret;

	/* the reference's month parser knows no easter and no year */
	if ((easter_item(p) || is_year(mt)) && !in_days)
		return ohours_unexpected(p, mt);
	/* ranges with easter or an nth weekday at an end, a lone easter */
	ret = ohdates_parse_range(p, r, dtarget, in_days);
	if (ret <= 0) {
		if (!ret && !in_days)
			*ch = CH_D_SUB;
		*target = dtarget;
		return ret;
	}
	/* "Apr 08:00": a point in time (the reference reads a day, and fails) */
	if (in_days && is_kw(mt, KW_MON) && is_num(nt) && is_char(peek(p, 2), ':') &&
	    is_num(peek(p, 3)) && ohdates_ends_time(peek(p, 4)))
		return ohdates_point_in_time(p, nt, peek(p, 4));
	if (year_day_item(p)) {
		if (!in_days)
			*ch = CH_D_SUB;
		*target = chain_target(*ch);
		return parse_day_item(p, r, *target);
	}
	if (!is_kw(mt, KW_MON))
		return ohours_unexpected(p, mt);
	/*
	 * The reference's month parser (after a month in a list) reads any
	 * "MON N:N" as a month with a time; its month-day parser needs a time
	 * range after it ("Dec 10: 08:00" is a day there).
	 */
	if (is_num(nt) &&
	    !(in_days ? month_time_at(p, 1) : is_char(peek(p, 2), ':') && is_num(peek(p, 3)))) {
		if (!in_days)
			*ch = CH_D_SUB;
		*target = chain_target(*ch);
		return parse_day_item(p, r, *target);
	}
	if (in_days && is_kw(nt, KW_WD) && is_char(peek(p, 2), '[')) {
		if (!nth_is_single(p))
			return ohours_fail_at(
				p, nt,
				"not supported: several nth weekdays after a single month (write '%s[1],%s[2]')",
				ohours_wd_canon[nt->val], ohours_wd_canon[nt->val]);
		*target = GROUP_MONTH;
	} else {
		if (in_days)
			*ch = CH_M_SUB;
		*target = chain_target(*ch);
	}
	return parse_month_item(p, r, *target);
}

static int parse_dates(struct parser *p, struct prule *r)
{
	const struct token *nt = peek(p, 1);
	enum chain ch = is_num(nt) || is_kw(nt, KW_WD) || year_day_item(p) || easter_item(p)
				? CH_D_INIT
				: CH_M_INIT;
	int first_target = -1;

	for (;;) {
		const struct token *it = peek(p, 0);
		int target = -1;

		if (parse_ditem(p, r, &ch, &target))
			return -1;
		if (first_target < 0)
			first_target = target;
		else if (target != first_target)
			return ohours_fail_at(
				p, it,
				"not supported: this mix of months and month days in one list (the reference implementation misreads it)");
		if (!is_char(peek(p, 0), ','))
			return 0;
		p->pos++;
	}
}

static int parse_nth_list(struct parser *p, struct prule *r, int wd)
{
	size_t first = r->nsel[GROUP_WEEKDAY];

	p->pos++; /* '[' */
	for (;;) {
		const struct token *t = peek(p, 0);
		int from, to, i;

		if (is_char(t, '-')) {
			p->pos++;
			if (expect_num(p, 1, 5, 1, "nth weekday", &from))
				return -1;
			from = to = -from;
		} else {
			if (expect_num(p, 1, 5, 1, "nth weekday", &from))
				return -1;
			to = from;
			if (is_char(peek(p, 0), '-')) {
				const struct token *tt;
				p->pos++;
				tt = peek(p, 0);
				if (expect_num(p, 1, 5, 1, "nth weekday", &to))
					return -1;
				if (to < from)
					return ohours_fail_at(p, tt,
							      "nth weekday range '%d-%d' is reversed",
							      from, to);
			}
		}
		for (i = from; i <= to; i++) {
			struct ohsel s = { SEL_NTH, 1, (short)wd, (short)i, 0, 0, 0, 0 };
			prule_add(r, GROUP_WEEKDAY, s);
		}
		if (is_char(peek(p, 0), ']')) {
			int add, given;
			size_t k;
			p->pos++;
			if (ohdates_move_days(p, 6, N_("an nth weekday"), &add, &given))
				return -1;
			/* "Su[-1] -1 day": each nth weekday of the list moved */
			for (k = first; add && k < r->nsel[GROUP_WEEKDAY]; k++) {
				r->sel[GROUP_WEEKDAY][k].kind = SEL_NTH_MOVED;
				r->sel[GROUP_WEEKDAY][k].c = (short)add;
			}
			return 0;
		}
		if (!is_char(peek(p, 0), ','))
			return ohours_unexpected(p, peek(p, 0));
		p->pos++;
	}
}

/* After "PH": its move ("PH -1 day", the day before a holiday), if any. */
static int parse_ph(struct parser *p, struct prule *r, int group)
{
	struct ohsel s = { SEL_PH, 1, 0, 0, 0, 0, 0, 0 };
	int add, given;

	if (ohdates_move_days(p, 1, N_("a public holiday"), &add, &given))
		return -1;
	if (add) {
		s.kind = SEL_PH_MOVED;
		s.a = (short)add;
		ohdates_names_init(p->oh);
	}
	prule_add(r, group, s);
	return 0;
}

static int is_holiday(const struct token *t)
{
	return is_kw(t, KW_PH) || is_kw(t, KW_SH);
}

/* An SH token, noting the first SH. */
static void parse_sh(struct parser *p, struct prule *r, int group)
{
	struct ohsel s = { SEL_SH, 1, 0, 0, 0, 0, 0, 0 };

	if (!p->oh->sh_col)
		p->oh->sh_col = ohours_col(p, peek(p, 0));
	prule_add(r, group, s);
	p->pos++;
}

static int parse_witem(struct parser *p, struct prule *r)
{
	const struct token *t = peek(p, 0);
	int from, to;

	if (is_kw(t, KW_SH)) {
		parse_sh(p, r, GROUP_WEEKDAY);
		return 0;
	}
	if (is_kw(t, KW_PH)) {
		p->pos++;
		return parse_ph(p, r, GROUP_WEEKDAY);
	}
	if (!is_kw(t, KW_WD))
		return ohours_unexpected(p, t);
	from = to = t->val;
	p->pos++;
	if (is_char(peek(p, 0), '['))
		return parse_nth_list(p, r, from);
	if (is_char(peek(p, 0), '-')) {
		if (!is_kw(peek(p, 1), KW_WD))
			return ohours_unexpected(p, peek(p, 1));
		to = peek(p, 1)->val;
		p->pos += 2;
	}
	add_cyclic(r, GROUP_WEEKDAY, SEL_WDAY, from, to);
	return 0;
}

static int parse_wdlist(struct parser *p, struct prule *r)
{
	for (;;) {
		if (parse_witem(p, r))
			return -1;
		if (!is_char(peek(p, 0), ','))
			return 0;
		p->pos++;
	}
}

/*
 * The reference's "separator for readability": a ':' after a selector
 * other than a time is skipped, unless it would end the rule ("Mo-Fr:
 * 08:00-12:00", "Dec 24: off", "PH: We").  lint warns about it.
 */
static void skip_colon(struct parser *p)
{
	const struct token *n = peek(p, 1);

	if (is_char(peek(p, 0), ':') && p->pos > 0 && n->type != TOK_END &&
	    n->type != TOK_FALLBACK && !is_char(n, ';')) {
		if (!p->colon)
			p->colon = peek(p, 0);
		p->pos++;
	}
}

static int parse_days(struct parser *p, struct prule *r)
{
	if (is_holiday(peek(p, 0)) && !is_char(peek(p, 1), ',')) {
		/* the reference's holiday parser: "PH +1 day,SH", then weekdays;
		   a holiday right after another is one more of its list ("SH PH
		   -1 day Mo-We": SH or the day before a holiday, Monday to
		   Wednesday), as it reads it, with a warning from lint */
		do {
			if (is_kw(peek(p, 0), KW_SH)) {
				parse_sh(p, r, GROUP_HOLIDAY);
			} else {
				p->pos++;
				if (parse_ph(p, r, GROUP_HOLIDAY))
					return -1;
			}
			if (is_holiday(peek(p, 0)))
				continue;
			if (!is_char(peek(p, 0), ',') ||
			    !(is_holiday(peek(p, 1)) || is_kw(peek(p, 1), KW_WD)))
				break;
			p->pos++;
		} while (is_holiday(peek(p, 0)));
		skip_colon(p);
		if (!is_kw(peek(p, 0), KW_WD))
			return 0;
	}
	return parse_wdlist(p, r);
}

static void add_bound(struct ohours *oh, int m)
{
	size_t i;

	if (m <= 0 || m >= 1440)
		return;
	for (i = 0; i < oh->nbounds; i++)
		if (oh->bounds[i] == m)
			return;
	XALLOC_GROW(oh->bounds, oh->nbounds + 1, oh->bounds_alloc);
	oh->bounds[oh->nbounds++] = (short)m;
}

/* The comment's text into the pool; its offset. */
static int add_comment(struct ohours *oh, const char *expr, const struct token *t)
{
	size_t len = t->len - 2, off = oh->ncomments;

	XALLOC_GROW(oh->comments, oh->ncomments + len + 1, oh->comments_alloc);
	memcpy(oh->comments + off, expr + t->off + 1, len);
	oh->comments[off + len] = '\0';
	oh->ncomments += len + 1;
	return (int)off;
}

static int emit_rule(struct parser *p, struct prule *r, int additional, int fallback,
		     const struct token *where)
{
	struct ohours *oh = p->oh;
	struct ohrule rule;
	size_t i, nwrap = 0;
	int g;

	if (oh->nrules + 2 > OH_MAX_RULES)
		return ohours_fail_at(p, where, "too many rules (more than %d)", OH_MAX_RULES / 2);
	memset(&rule, 0, sizeof(rule));
	for (g = 0; g < NGROUPS; g++) {
		if (!r->nsel[g])
			continue;
		XALLOC_GROW(oh->sels, oh->nsels + r->nsel[g], oh->sels_alloc);
		memcpy(oh->sels + oh->nsels, r->sel[g], r->nsel[g] * sizeof(*r->sel[g]));
		for (i = 0; i < r->nsel[g]; i++)
			oh->uses_ph |=
				r->sel[g][i].kind == SEL_PH || r->sel[g][i].kind == SEL_PH_MOVED;
		rule.group[rule.ngroups].start = (unsigned)oh->nsels;
		rule.group[rule.ngroups].count = (unsigned)r->nsel[g];
		rule.ngroups++;
		oh->nsels += r->nsel[g];
	}
	XALLOC_GROW(oh->times, oh->ntimes + 2 * r->ntime, oh->times_alloc);
	rule.tstart = (unsigned)oh->ntimes;
	rule.tcount = (unsigned)r->ntime;
	for (i = 0; i < r->ntime; i++) {
		oh->times[oh->ntimes++] = r->time[i];
		add_bound(oh, r->time[i].from);
		add_bound(oh, r->time[i].to);
	}
	rule.meaning = (unsigned char)r->meaning;
	rule.unknown = (unsigned char)r->unknown;
	rule.fallback = (unsigned char)fallback;
	rule.comment = r->comment ? add_comment(oh, p->expr, r->comment) : -1;
	/* the reference's condition for a rule that replaces earlier ones */
	rule.resets = (r->meaning || r->unknown) && !additional && !fallback &&
		      (rule.ngroups > 0 ||
		       (oh->nrules > 0 && r->meaning && oh->rules[oh->nrules - 1].ngroups == 0));
	XALLOC_GROW(oh->rules, oh->nrules + 2, oh->rules_alloc);
	oh->rules[oh->nrules++] = rule;

	for (i = 0; i < r->ntime; i++) {
		struct ohtime t = r->time[i];
		if (t.kind != TIME_WRAP)
			continue;
		t.kind = TIME_TAIL;
		if (!t.vfrom && !t.vto) /* a variable tail compares with its start */
			t.from = 0;
		t.to = (short)(t.to - 1440);
		add_bound(oh, t.to);
		oh->times[oh->ntimes++] = t;
		nwrap++;
	}
	if (nwrap) {
		rule.tstart = rule.tstart + rule.tcount;
		rule.tcount = (unsigned)nwrap;
		rule.wrapped = 1;
		rule.resets = 0;
		rule.fallback = 0; /* the reference does not copy it */
		oh->rules[oh->nrules++] = rule;
		oh->any_wrapped = 1;
	}
	return 0;
}

/* One rule up to ';', ',' (additional) or the end; 1 if ',' followed. */
/*
 * Years: "YEAR", "YEAR-YEAR", either with "/N", "YEAR+" (every year from
 * it), in a list.
 */
static int parse_years(struct parser *p, struct prule *r)
{
	for (;;) {
		const struct token *t = peek(p, 0);
		struct ohsel s = { SEL_YEAR, 1, (short)t->val, (short)t->val, 0, 0, 0, 0 };

		p->pos++;
		if (is_char(peek(p, 0), '-') && is_year(peek(p, 1))) {
			const struct token *tt = peek(p, 1);
			if (tt->val <= t->val)
				return ohours_fail_at(p, t,
						      tt->val == t->val
							      ? "year range '%d-%d' is one year"
							      : "year range '%d-%d' is reversed",
						      t->val, tt->val);
			s.b = (short)tt->val;
			s.d = 1;
			p->pos += 2;
		}
		if (is_char(peek(p, 0), '/') && is_num(peek(p, 1))) {
			if (peek(p, 1)->val == 0)
				return ohours_fail_at(p, peek(p, 1), "a period of 0 years");
			s.c = (short)peek(p, 1)->val;
			p->pos += 2;
		} else if (!s.d && is_char(peek(p, 0), '+')) {
			s.c = 1;
			p->pos++;
		}
		prule_add(r, GROUP_YEAR, s);
		if (!(is_char(peek(p, 0), ',') && is_year(peek(p, 1))))
			return 0;
		p->pos++;
	}
}

/* Week numbers: "week W[-W[/N]]" in a list, "week" again allowed after ','. */
static int parse_weeks(struct parser *p, struct prule *r)
{
	p->pos++; /* "week" */
	for (;;) {
		struct ohsel s = { SEL_WEEK, 1, 0, 0, 0, 0, 0, 0 };
		const struct token *t = peek(p, 0), *tt;
		int from, to;

		if (!is_num(t))
			return ohours_unexpected(p, t);
		from = to = t->val;
		p->pos++;
		tt = t;
		if (is_char(peek(p, 0), '-') && is_num(peek(p, 1))) {
			tt = peek(p, 1);
			to = tt->val;
			p->pos += 2;
		}
		if (from > to)
			return ohours_fail_at(p, tt, "week range '%d-%d' is reversed", from, to);
		if (from < 1)
			return ohours_fail_at(p, t, "invalid week '%d'", from);
		if (to > 53)
			return ohours_fail_at(p, tt, "invalid week '%d'", to);
		s.a = (short)from;
		s.b = (short)to;
		if (tt != t && is_char(peek(p, 0), '/') && is_num(peek(p, 1))) {
			const struct token *pt = peek(p, 1);
			if (pt->val < 2 || pt->val > 26)
				return ohours_fail_at(p, pt, "invalid week period '%d' (2 to 26)",
						      pt->val);
			s.c = (short)pt->val;
			p->pos += 2;
		}
		if (s.c || s.a != 1 || s.b != 53)
			prule_add(r, GROUP_WEEK, s);
		else
			prule_add(r, GROUP_WEEK, (struct ohsel){ SEL_ALWAYS, 1, 0, 0, 0, 0, 0, 0 });
		if (!is_char(peek(p, 0), ','))
			return 0;
		p->pos++;
		if (is_kw(peek(p, 0), KW_WEEK))
			p->pos++;
	}
}

/*
 * A state or comment at p: into r as the reference reads them (a state sets
 * the meaning only, "unknown" also the unknown flag, a comment before any
 * state makes the rule unknown, the last comment counts); 0 if none.
 */
static int read_state(struct parser *p, struct prule *r)
{
	const struct token *t = peek(p, 0);

	if (is_kw(t, KW_OPEN) || is_kw(t, KW_OFF)) {
		r->meaning = t->kw == KW_OPEN;
	} else if (is_kw(t, KW_UNKNOWN)) {
		r->meaning = 0;
		r->unknown = 1;
	} else if (t->type == TOK_COMMENT) {
		r->comment = t;
		if (!r->modified) {
			r->meaning = 0;
			r->unknown = 1;
		}
	} else {
		return 0;
	}
	r->modified = 1;
	r->any = 1;
	p->pos++;
	return 1;
}

static int starts_times(const struct parser *p, size_t k)
{
	const struct token *t = peek(p, k);

	return t->type == TOK_NUM || is_kw(t, KW_TIMEVAR) ||
	       (is_char(t, '(') && is_kw(peek(p, k + 1), KW_TIMEVAR));
}

/*
 * additional: the rule follows a ','.  There the states and comments may
 * come before the times ("Mo 10:00-12:00, unknown 18:00-20:00"): the
 * reference moves them after the times of that rule, which written so
 * would continue the list of times of the rule before.
 */
static int parse_rule(struct parser *p, struct prule *r, int additional)
{
	const struct token *t;
	int more = 0;

	if (additional) {
		size_t k = 0;
		while (is_kw(peek(p, k), KW_OPEN) || is_kw(peek(p, k), KW_OFF) ||
		       is_kw(peek(p, k), KW_UNKNOWN) || peek(p, k)->type == TOK_COMMENT)
			k += 1 + is_char(peek(p, k + 1), ':'); /* "open: 14:00-16:00" */
		if (k && starts_times(p, k)) {
			while (read_state(p, r))
				skip_colon(p);
			more = ohours_parse_times(p, r);
			if (more < 0)
				return -1;
			goto states; /* no selector after the times */
		}
	}

	/* the reference reads "YEAR MON HH:MM" as a month range, and fails */
	if (is_year(peek(p, 0)) && is_kw(peek(p, 1), KW_MON) && is_num(peek(p, 2)) &&
	    month_time_at(p, 2))
		return ohours_unexpected(p, peek(p, 0));
	if (is_year(peek(p, 0)) && !year_day_item(p) && !easter_item(p)) {
		if (parse_years(p, r))
			return -1;
		skip_colon(p);
	}
	/* the reference starts a new list at each month after a list */
	while (is_kw(peek(p, 0), KW_MON) || year_day_item(p) || easter_item(p)) {
		if (parse_dates(p, r))
			return -1;
		skip_colon(p);
	}
	if (is_kw(peek(p, 0), KW_WEEK)) {
		if (parse_weeks(p, r))
			return -1;
		skip_colon(p);
	}
	t = peek(p, 0);
	if (is_kw(t, KW_PH) || is_kw(t, KW_SH) || is_kw(t, KW_WD)) {
		if (parse_days(p, r))
			return -1;
		skip_colon(p);
	}
	t = peek(p, 0);
	if (t->type == TOK_247) {
		ohours_add_time(r, TIME_ALWAYS, 0, 1440, 0);
		p->pos++;
		skip_colon(p);
	} else if (starts_times(p, 0)) {
		more = ohours_parse_times(p, r);
		if (more < 0)
			return -1;
	}
	/*
	 * States and comments, in any order (read_state).
	 */
states:
	while (!more && read_state(p, r)) {
		size_t after = p->pos;
		skip_colon(p);
		/* a ',' right after it starts an additional rule; after a ':'
		   ("closed:, Tu") the reference refuses it */
		if (p->pos == after && is_char(peek(p, 0), ',')) {
			p->pos++;
			more = 1;
		}
	}
	t = peek(p, 0);
	if (!r->any)
		return ohours_unexpected(p, t);
	if (!more && t->type != TOK_END && !is_char(t, ';') && t->type != TOK_FALLBACK)
		return ohours_unexpected(p, t);
	return more;
}

static int parse_all(struct parser *p)
{
	struct prule r;
	int ret = 0;

	int fallback = 0, group = 0; /* after "||"; a rule since ';' or "||" */

	memset(&r, 0, sizeof(r));
	while (peek(p, 0)->type != TOK_END) {
		int additional = 0, more;

		if (is_char(peek(p, 0), ';')) {
			p->pos++;
			fallback = group = 0;
			continue;
		}
		if (peek(p, 0)->type == TOK_FALLBACK) {
			if (!group) {
				ret = ohours_fail_at(p, peek(p, 0),
						     "no rule before the fallback rule '||'");
				goto out;
			}
			p->pos++;
			fallback = 1;
			group = 0;
			continue;
		}
		group = 1;
		do {
			const struct token *start = peek(p, 0);
			prule_reset(&r);
			more = parse_rule(p, &r, additional);
			if (more < 0 || emit_rule(p, &r, additional, fallback, start)) {
				ret = -1;
				goto out;
			}
			additional = 1;
		} while (more);
	}
	if (!p->oh->nrules)
		ret = diag_set(p->d, DIAG_DATA, NULL, 0, 1, "empty expression");
out:
	prule_release(&r);
	return ret;
}

static int cmp_short(const void *a, const void *b)
{
	return *(const short *)a - *(const short *)b;
}

int ohours_parse(const char *expr, struct ohours **out, struct diag *d)
{
	struct parser p;
	struct ohours *oh = xcalloc(1, sizeof(*oh));
	int i;

	memset(&p, 0, sizeof(p));
	p.expr = expr;
	p.d = d;
	p.oh = oh;
	*out = NULL;
	ohours_tokenize(&p);
	if (ohours_check_years(&p) || parse_all(&p)) {
		free(p.toks);
		ohours_free(oh);
		return -1;
	}
	free(p.toks);
	if (oh->nbounds)
		qsort(oh->bounds, oh->nbounds, sizeof(*oh->bounds), cmp_short);
	oh->ph = xcalloc(2 * OH_COUNTRIES, sizeof(*oh->ph));
	for (i = 0; i < 2 * OH_COUNTRIES; i++)
		oh->ph[i].year = INT_MIN;
	if (oh->var_col) {
		oh->sun = xmalloc(sizeof(*oh->sun));
		suntime_cache_init(oh->sun);
	}
	*out = oh;
	return 0;
}

void ohours_free(struct ohours *oh)
{
	if (!oh)
		return;
	free(oh->rules);
	free(oh->sels);
	free(oh->times);
	free(oh->bounds);
	free(oh->comments);
	free(oh->ph);
	ohdates_free(oh);
	free(oh->sun);
	free(oh);
}
