#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "diag.h"
#include "holidays.h"
#include "i18n.h"
#include "ohours.h"
#include "utf8.h"
#include "xalloc.h"

#include "banned.h"

/*
 * The parsed form mirrors the reference's internal rules: each rule has up
 * to four groups of date selectors (holiday, month, monthday, weekday, in
 * the reference's evaluation order), all of which must match (a group
 * matches when any of its selectors does), and a list of time selectors.
 * A rule with spans past midnight is followed by a "wrapped" rule holding
 * their after-midnight parts, whose date selectors are evaluated a day
 * earlier.  Evaluation returns, as the reference does, a state and a hint:
 * the earliest instant where some selector may change; ohours_next_change
 * follows the hints.
 */

#define OH_MAX_RULES 256
#define OH_NO_HINT INT64_MAX
#define OH_COUNTRIES 2		/* enum holidays_country */

enum sel_kind {
	SEL_ALWAYS,	/* full weekday or month range */
	SEL_WDAY,	/* a = from, b = to (0 = Su), inside */
	SEL_NTH,	/* a = weekday, b = n (-5..5) */
	SEL_PH,
	SEL_MONTH,	/* a = from, b = to (0 = Jan), inside */
	SEL_MDAY1,	/* a = month, b = first day, c = last day + 1, range */
	SEL_MDAY2	/* a = month, b = day, c = month, d = day */
};

struct ohsel {
	unsigned char kind, inside;
	short a, b, c, d;
};

enum time_kind {
	TIME_ALWAYS,	/* 24/7, 00:00-24:00 */
	TIME_SPAN,	/* from < to <= 1440 */
	TIME_WRAP,	/* from, to > 1440: the part before midnight */
	TIME_TAIL	/* to: the part after midnight (wrapped rules) */
};

struct ohtime {
	unsigned char kind;
	short from, to;
};

enum { GROUP_HOLIDAY, GROUP_MONTH, GROUP_MONTHDAY, GROUP_WEEKDAY, NGROUPS };

struct ohgroup {
	unsigned start, count;
};

struct ohrule {
	struct ohgroup group[NGROUPS];
	unsigned ngroups;
	unsigned tstart, tcount;
	unsigned char meaning, wrapped, resets;
};

struct ohph_slot {
	int year, n;
	long days[HOLIDAYS_MAX];
};

struct ohours {
	struct ohrule *rules;
	size_t nrules, rules_alloc;
	struct ohsel *sels;
	size_t nsels, sels_alloc;
	struct ohtime *times;
	size_t ntimes, times_alloc;
	short *bounds;		/* minutes where a span starts or ends */
	size_t nbounds, bounds_alloc;
	int any_wrapped;
	int uses_ph;		/* some selector is PH */
	struct ohph_slot *ph;	/* [country * 2 + (year & 1)], a cache */
};

/* ---- tokens ---- */

enum tok_type { TOK_END, TOK_WORD, TOK_NUM, TOK_247, TOK_CHAR };

enum kw {
	KW_NONE, KW_WD, KW_MON, KW_PH, KW_SH, KW_OPEN, KW_OFF, KW_UNKNOWN,
	KW_WEEK, KW_TIMEVAR, KW_EASTER, KW_DAY
};

struct token {
	enum tok_type type;
	enum kw kw;
	int val;		/* weekday 0 = Su, month 0 = Jan, number */
	int ndigits;
	int ch;
	size_t off, len;
};

struct parser {
	const char *expr;
	struct token *toks;
	size_t ntoks, toks_alloc, pos;
	struct diag *d;
	struct ohours *oh;
};

static const char *const wd_names[] = { "su", "mo", "tu", "we", "th", "fr", "sa" };
static const char *const mon_names[] = {
	"jan", "feb", "mar", "apr", "may", "jun",
	"jul", "aug", "sep", "oct", "nov", "dec"
};
static const char *const wd_canon[] = { "Su", "Mo", "Tu", "We", "Th", "Fr", "Sa" };
static const char *const mon_canon[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static int word_is(const char *w, size_t n, const char *lower)
{
	size_t i;

	if (strlen(lower) != n)
		return 0;
	for (i = 0; i < n; i++) {
		int c = (unsigned char)w[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != lower[i])
			return 0;
	}
	return 1;
}

static void classify_word(struct token *t, const char *w)
{
	static const struct { const char *s; enum kw kw; } words[] = {
		{ "ph", KW_PH }, { "sh", KW_SH }, { "open", KW_OPEN },
		{ "off", KW_OFF }, { "closed", KW_OFF },
		{ "unknown", KW_UNKNOWN }, { "week", KW_WEEK },
		{ "sunrise", KW_TIMEVAR }, { "sunset", KW_TIMEVAR },
		{ "dawn", KW_TIMEVAR }, { "dusk", KW_TIMEVAR },
		{ "easter", KW_EASTER }, { "day", KW_DAY }, { "days", KW_DAY },
	};
	size_t i;

	t->kw = KW_NONE;
	for (i = 0; i < 7; i++)
		if (word_is(w, t->len, wd_names[i])) {
			t->kw = KW_WD;
			t->val = (int)i;
			return;
		}
	for (i = 0; i < 12; i++)
		if (word_is(w, t->len, mon_names[i])) {
			t->kw = KW_MON;
			t->val = (int)i;
			return;
		}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (word_is(w, t->len, words[i].s)) {
			t->kw = words[i].kw;
			return;
		}
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static void tokenize(struct parser *p)
{
	const char *s = p->expr;
	size_t i = 0, n = strlen(s);

	for (;;) {
		struct token t;

		while (i < n && is_space((unsigned char)s[i]))
			i++;
		memset(&t, 0, sizeof(t));
		t.off = i;
		if (i == n) {
			t.type = TOK_END;
		} else if (is_alpha((unsigned char)s[i])) {
			while (i + t.len < n && is_alpha((unsigned char)s[i + t.len]))
				t.len++;
			t.type = TOK_WORD;
			classify_word(&t, s + i);
		} else if (strncmp(s + i, "24/7", 4) == 0) {
			t.type = TOK_247;
			t.len = 4;
		} else if (is_digit((unsigned char)s[i])) {
			t.type = TOK_NUM;
			while (i + t.len < n && is_digit((unsigned char)s[i + t.len])) {
				if (t.val < 100000)
					t.val = t.val * 10 + (s[i + t.len] - '0');
				t.len++;
			}
			t.ndigits = (int)t.len;
		} else {
			uint32_t cp;
			t.type = TOK_CHAR;
			t.len = utf8_decode(s + i, n - i, &cp);
			t.ch = cp == UTF8_INVALID ? -1 : (int)cp;
		}
		XALLOC_GROW(p->toks, p->ntoks + 1, p->toks_alloc);
		p->toks[p->ntoks++] = t;
		if (t.type == TOK_END)
			return;
		i += t.len;
	}
}

/* ---- parse errors ---- */

static long col_of(const struct parser *p, const struct token *t)
{
	return (long)utf8_chars(p->expr, t->off) + 1;
}

__attribute__((format(printf, 3, 4)))
static int fail_at(struct parser *p, const struct token *t, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	return diag_set(p->d, DIAG_DATA, NULL, 0, col_of(p, t), "%s", msg);
}

static void hint_for_word(struct parser *p, const struct token *t)
{
	const char *w = p->expr + t->off;
	size_t i;

	if (t->len < 3)
		return;
	for (i = 0; i < 7; i++)
		if (word_is(w, 2, wd_names[i])) {
			diag_hint(p->d, "did you mean '%s'?", wd_canon[i]);
			return;
		}
	for (i = 0; i < 12; i++)
		if (word_is(w, 3, mon_names[i])) {
			diag_hint(p->d, "did you mean '%s'?", mon_canon[i]);
			return;
		}
}

/* The error for a token that cannot stand where it is. */
static int unexpected(struct parser *p, const struct token *t)
{
	const char *s = p->expr + t->off;
	int n = (int)t->len;

	switch (t->type) {
	case TOK_END:
		return fail_at(p, t, "unexpected end of expression");
	case TOK_WORD:
		switch (t->kw) {
		case KW_SH:
			return fail_at(p, t, "not supported: school holidays 'SH'");
		case KW_UNKNOWN:
			return fail_at(p, t, "not supported: state 'unknown'");
		case KW_WEEK:
			return fail_at(p, t, "not supported: week numbers");
		case KW_TIMEVAR:
			return fail_at(p, t, "not supported: variable time '%.*s'", n, s);
		case KW_EASTER:
			return fail_at(p, t, "not supported: easter");
		default:
			break;
		}
		fail_at(p, t, "unexpected '%.*s'", n, s);
		if (t->kw == KW_NONE)
			hint_for_word(p, t);
		return -1;
	case TOK_NUM:
		if (t->ndigits == 4 && t->val > 1900)
			return fail_at(p, t, "not supported: years");
		return fail_at(p, t, "unexpected '%.*s'", n, s);
	case TOK_247:
		return fail_at(p, t, "unexpected '24/7'");
	case TOK_CHAR:
		break;
	}
	switch (t->ch) {
	case '"':
		return fail_at(p, t, "not supported: comments");
	case '|':
		if (s[1] == '|')
			return fail_at(p, t, "not supported: fallback rules '||'");
		break;
	case '+':
		return fail_at(p, t, "not supported: open end or day offset '+'");
	case '/':
		return fail_at(p, t, "not supported: periods '/'");
	case '(':
		return fail_at(p, t, "not supported: variable times");
	default:
		break;
	}
	if (t->ch < 0)
		return fail_at(p, t, "unexpected byte 0x%02x",
			       (unsigned)(unsigned char)*s);
	if (t->ch < 0x20 || t->ch == 0x7f)
		return fail_at(p, t, "unexpected control character");
	return fail_at(p, t, "unexpected '%.*s'", n, s);
}

/* ---- parser ---- */

static const struct token *peek(const struct parser *p, size_t k)
{
	size_t i = p->pos + k;
	return &p->toks[i < p->ntoks ? i : p->ntoks - 1];
}

static int is_char(const struct token *t, int ch)
{
	return t->type == TOK_CHAR && t->ch == ch;
}

static int is_kw(const struct token *t, enum kw kw)
{
	return t->type == TOK_WORD && t->kw == kw;
}

/* A rule under construction: its selectors per group and its times. */
struct prule {
	struct ohsel *sel[NGROUPS];
	size_t nsel[NGROUPS], sel_alloc[NGROUPS];
	struct ohtime *time;
	size_t ntime, time_alloc;
	int meaning, any;
};

static void prule_add(struct prule *r, int group, struct ohsel s)
{
	XALLOC_GROW(r->sel[group], r->nsel[group] + 1, r->sel_alloc[group]);
	r->sel[group][r->nsel[group]++] = s;
	r->any = 1;
}

static void prule_reset(struct prule *r)
{
	int g;

	for (g = 0; g < NGROUPS; g++)
		r->nsel[g] = 0;
	r->ntime = 0;
	r->meaning = 1;
	r->any = 0;
}

static void prule_release(struct prule *r)
{
	int g;

	for (g = 0; g < NGROUPS; g++)
		free(r->sel[g]);
	free(r->time);
}

static int expect_num(struct parser *p, int lo, int hi, int maxdigits,
		      const char *what, int *out)
{
	const struct token *t = peek(p, 0);

	if (t->type != TOK_NUM)
		return unexpected(p, t);
	if (t->ndigits > maxdigits || t->val < lo || t->val > hi)
		/* TRANSLATORS: %s is what the number is, such as "nth weekday" */
		return fail_at(p, t, "invalid %s '%.*s'", _(what), (int)t->len,
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
		return unexpected(p, t);
	if (t->ndigits > 2 || t->val < 1 || t->val > days_in_month_max(mon))
		return fail_at(p, t, "invalid day '%s %.*s'", mon_canon[mon],
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
static int parse_mday1(struct parser *p, struct prule *r, int group, int mon,
		       int first)
{
	for (;;) {
		struct ohsel s = { SEL_MDAY1, 1, (short)mon, (short)first, 0, 0 };
		int last = first;

		if (is_char(peek(p, 0), '-') && peek(p, 1)->type == TOK_NUM) {
			const struct token *lt;
			p->pos++;
			lt = peek(p, 0);
			if (parse_mday(p, mon, &last))
				return -1;
			if (last < first)
				return fail_at(p, lt, "day range '%s %d-%d' is reversed",
					       mon_canon[mon], first, last);
			if (mon == 1 && last >= 28) {
				fail_at(p, lt, "not supported: 'Feb %d-%d' (the reference implementation skips it in some years)",
					first, last);
				diag_hint(p->d, "write 'Feb %02d-Feb %02d'", first, last);
				return -1;
			}
			s.d = 1;
		}
		s.c = (short)(last + 1);
		prule_add(r, group, s);
		if (!(is_char(peek(p, 0), ',') && peek(p, 1)->type == TOK_NUM))
			return 0;
		p->pos++;
		if (parse_mday(p, mon, &first))
			return -1;
	}
}

/* "MON DAY ..." (p at MON): a two-month range or single-month days. */
static int parse_day_item(struct parser *p, struct prule *r, int target)
{
	struct ohsel s = { SEL_MDAY2, 1, 0, 0, 0, 0 };
	int mon = peek(p, 0)->val, day, mon2, day2;

	p->pos++;
	if (parse_mday(p, mon, &day))
		return -1;
	if (!(is_char(peek(p, 0), '-') && is_kw(peek(p, 1), KW_MON)))
		return parse_mday1(p, r, target, mon, day);
	mon2 = peek(p, 1)->val;
	p->pos += 2;
	if (parse_mday(p, mon2, &day2))
		return -1;
	s.a = (short)mon;
	s.b = (short)day;
	s.c = (short)mon2;
	s.d = (short)day2;
	prule_add(r, target, s);
	return 0;
}

/* "MON" or "MON-MON" (p at MON); a range may wrap around the year end. */
static int parse_month_item(struct parser *p, struct prule *r, int target)
{
	struct ohsel s = { SEL_MONTH, 1, 0, 0, 0, 0 };
	int from = peek(p, 0)->val, to = from;

	p->pos++;
	if (is_char(peek(p, 0), '-')) {
		if (!is_kw(peek(p, 1), KW_MON))
			return unexpected(p, peek(p, 1));
		to = peek(p, 1)->val;
		p->pos += 2;
	}
	s.a = (short)from;
	s.b = (short)to;
	if (to < from) {
		s.a = (short)(to + 1);
		s.b = (short)(from - 1);
		s.inside = 0;
	}
	if (s.b < s.a)
		s.kind = SEL_ALWAYS;
	prule_add(r, target, s);
	return 0;
}

/*
 * One date item; *ch is the reference's parser chain state, *target the
 * group the reference puts the item in.  After month days, the reference
 * reads "MON WD[n]" with its own parser, which allows one n only and puts
 * the month in rule.month.
 */
static int parse_ditem(struct parser *p, struct prule *r, enum chain *ch,
		       int *target)
{
	const struct token *mt = peek(p, 0), *nt = peek(p, 1);
	int in_days = *ch == CH_D_INIT || *ch == CH_D_SUB;

	if (!is_kw(mt, KW_MON))
		return unexpected(p, mt);
	if (nt->type == TOK_NUM && !is_char(peek(p, 2), ':')) {
		if (!in_days)
			*ch = CH_D_SUB;
		*target = chain_target(*ch);
		return parse_day_item(p, r, *target);
	}
	if (in_days && is_kw(nt, KW_WD) && is_char(peek(p, 2), '[')) {
		if (!nth_is_single(p))
			return fail_at(p, nt, "not supported: several nth weekdays after a single month (write '%s[1],%s[2]')",
				       wd_canon[nt->val], wd_canon[nt->val]);
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
	enum chain ch = nt->type == TOK_NUM || is_kw(nt, KW_WD) ? CH_D_INIT
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
			return fail_at(p, it, "not supported: this mix of months and month days in one list (the reference implementation misreads it)");
		if (!is_char(peek(p, 0), ','))
			return 0;
		p->pos++;
	}
}

static int parse_nth_list(struct parser *p, struct prule *r, int wd)
{
	p->pos++;	/* '[' */
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
					return fail_at(p, tt, "nth weekday range '%d-%d' is reversed",
						       from, to);
			}
		}
		for (i = from; i <= to; i++) {
			struct ohsel s = { SEL_NTH, 1, (short)wd, (short)i, 0, 0 };
			prule_add(r, GROUP_WEEKDAY, s);
		}
		if (is_char(peek(p, 0), ']')) {
			p->pos++;
			return 0;
		}
		if (!is_char(peek(p, 0), ','))
			return unexpected(p, peek(p, 0));
		p->pos++;
	}
}

static int parse_witem(struct parser *p, struct prule *r)
{
	const struct token *t = peek(p, 0);
	struct ohsel s = { SEL_WDAY, 1, 0, 0, 0, 0 };
	int from, to;

	if (is_kw(t, KW_PH)) {
		s.kind = SEL_PH;
		prule_add(r, GROUP_WEEKDAY, s);
		p->pos++;
		return 0;
	}
	if (!is_kw(t, KW_WD))
		return unexpected(p, t);
	from = to = t->val;
	p->pos++;
	if (is_char(peek(p, 0), '['))
		return parse_nth_list(p, r, from);
	if (is_char(peek(p, 0), '-')) {
		if (!is_kw(peek(p, 1), KW_WD))
			return unexpected(p, peek(p, 1));
		to = peek(p, 1)->val;
		p->pos += 2;
	}
	s.a = (short)from;
	s.b = (short)to;
	if (to < from) {
		s.a = (short)(to + 1);
		s.b = (short)(from - 1);
		s.inside = 0;
	}
	if (s.b < s.a)
		s.kind = SEL_ALWAYS;
	prule_add(r, GROUP_WEEKDAY, s);
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

static int parse_days(struct parser *p, struct prule *r)
{
	if (is_kw(peek(p, 0), KW_PH) && !is_char(peek(p, 1), ',')) {
		struct ohsel s = { SEL_PH, 1, 0, 0, 0, 0 };
		prule_add(r, GROUP_HOLIDAY, s);
		p->pos++;
		if (!is_kw(peek(p, 0), KW_WD))
			return 0;
	}
	return parse_wdlist(p, r);
}

/* H:MM as minutes; end times may be 24:00. */
static int parse_hhmm(struct parser *p, int end, int *minutes)
{
	const struct token *h = peek(p, 0), *c = peek(p, 1), *m = peek(p, 2);

	if (h->type != TOK_NUM || h->ndigits > 2)
		return unexpected(p, h);
	if (!is_char(c, ':'))
		return unexpected(p, c);
	if (m->type != TOK_NUM)
		return unexpected(p, m);
	if (m->ndigits != 2 || m->val > 59 ||
	    h->val > (end ? 24 : 23) || (h->val == 24 && m->val != 0))
		return fail_at(p, h, "invalid time '%.*s'",
			       (int)(m->off + m->len - h->off), p->expr + h->off);
	*minutes = h->val * 60 + m->val;
	p->pos += 3;
	return 0;
}

static void add_time(struct prule *r, unsigned char kind, int from, int to)
{
	struct ohtime t;

	t.kind = kind;
	t.from = (short)from;
	t.to = (short)to;
	XALLOC_GROW(r->time, r->ntime + 1, r->time_alloc);
	r->time[r->ntime++] = t;
	r->any = 1;
}

static int parse_span(struct parser *p, struct prule *r)
{
	int from, to;

	if (parse_hhmm(p, 0, &from))
		return -1;
	if (!is_char(peek(p, 0), '-'))
		return unexpected(p, peek(p, 0));
	p->pos++;
	if (parse_hhmm(p, 1, &to))
		return -1;
	if (to <= from)
		to += 1440;
	if (from == 0 && to == 1440)
		add_time(r, TIME_ALWAYS, 0, 1440);
	else
		add_time(r, to > 1440 ? TIME_WRAP : TIME_SPAN, from, to);
	return 0;
}

/* Returns 1 when a ',' ended the list and starts an additional rule. */
static int parse_times(struct parser *p, struct prule *r)
{
	for (;;) {
		if (parse_span(p, r))
			return -1;
		if (!is_char(peek(p, 0), ','))
			return 0;
		if (peek(p, 1)->type != TOK_NUM) {
			p->pos++;
			return 1;
		}
		p->pos++;
	}
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

static int emit_rule(struct parser *p, struct prule *r, int additional,
		     const struct token *where)
{
	struct ohours *oh = p->oh;
	struct ohrule rule;
	size_t i, nwrap = 0;
	int g;

	if (oh->nrules + 2 > OH_MAX_RULES)
		return fail_at(p, where, "too many rules (more than %d)",
			       OH_MAX_RULES / 2);
	memset(&rule, 0, sizeof(rule));
	for (g = 0; g < NGROUPS; g++) {
		if (!r->nsel[g])
			continue;
		XALLOC_GROW(oh->sels, oh->nsels + r->nsel[g], oh->sels_alloc);
		memcpy(oh->sels + oh->nsels, r->sel[g], r->nsel[g] * sizeof(*r->sel[g]));
		for (i = 0; i < r->nsel[g]; i++)
			oh->uses_ph |= r->sel[g][i].kind == SEL_PH;
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
	rule.resets = r->meaning && !additional &&
		      (rule.ngroups > 0 ||
		       (oh->nrules > 0 && oh->rules[oh->nrules - 1].ngroups == 0));
	XALLOC_GROW(oh->rules, oh->nrules + 2, oh->rules_alloc);
	oh->rules[oh->nrules++] = rule;

	for (i = 0; i < r->ntime; i++) {
		struct ohtime t = r->time[i];
		if (t.kind != TIME_WRAP)
			continue;
		t.kind = TIME_TAIL;
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
		oh->rules[oh->nrules++] = rule;
		oh->any_wrapped = 1;
	}
	return 0;
}

/* One rule up to ';', ',' (additional) or the end; 1 if ',' followed. */
static int parse_rule(struct parser *p, struct prule *r)
{
	const struct token *t;
	int more = 0;

	if (is_kw(peek(p, 0), KW_MON) && parse_dates(p, r))
		return -1;
	t = peek(p, 0);
	if ((is_kw(t, KW_PH) || is_kw(t, KW_WD)) && parse_days(p, r))
		return -1;
	t = peek(p, 0);
	if (t->type == TOK_247) {
		add_time(r, TIME_ALWAYS, 0, 1440);
		p->pos++;
	} else if (t->type == TOK_NUM) {
		more = parse_times(p, r);
		if (more < 0)
			return -1;
	}
	t = peek(p, 0);
	if (!more && (is_kw(t, KW_OPEN) || is_kw(t, KW_OFF))) {
		r->meaning = t->kw == KW_OPEN;
		r->any = 1;
		p->pos++;
		if (is_char(peek(p, 0), ',')) {
			p->pos++;
			more = 1;
		}
	}
	t = peek(p, 0);
	if (!r->any)
		return unexpected(p, t);
	if (!more && t->type != TOK_END && !is_char(t, ';'))
		return unexpected(p, t);
	return more;
}

static int parse_all(struct parser *p)
{
	struct prule r;
	int ret = 0;

	memset(&r, 0, sizeof(r));
	while (peek(p, 0)->type != TOK_END) {
		int additional = 0, more;

		if (is_char(peek(p, 0), ';')) {
			p->pos++;
			continue;
		}
		do {
			const struct token *start = peek(p, 0);
			prule_reset(&r);
			more = parse_rule(p, &r);
			if (more < 0 || emit_rule(p, &r, additional, start)) {
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
	tokenize(&p);
	if (parse_all(&p)) {
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
	free(oh->ph);
	free(oh);
}

/* ---- evaluation ---- */

struct dinfo {
	long days;
	int y, m, d;	/* m 1..12 */
	int wday;	/* 0 = Su */
};

static void dinfo_set(struct dinfo *di, long days)
{
	di->days = days;
	civtime_civil_from_days(days, &di->y, &di->m, &di->d);
	di->wday = civtime_weekday(days) % 7;
}

/* First day of month m0 (0-based, may run past 11) of year y. */
static long month_start(int y, int m0)
{
	return civtime_days_from_civil(y + m0 / 12, m0 % 12 + 1, 1);
}

struct eval {
	const struct ohours *oh;
	enum holidays_country c;
	const struct civtz *tz;
};

static int64_t wall_of(const struct eval *ev, int64_t t)
{
	return ev->tz ? t + civtz_offset_at(ev->tz, t) : t;
}

static int64_t instant_of(const struct eval *ev, int64_t wall)
{
	return ev->tz ? civtz_local_to_utc(ev->tz, wall) : wall;
}

static long floor_div(int64_t a, int64_t b)
{
	return (long)(a >= 0 ? a / b : -((-a + b - 1) / b));
}

/* The holidays of year y, cached per country for two years at a time. */
static const struct ohph_slot *ph_year(const struct eval *ev, int y)
{
	static const struct ohph_slot none = { 0, 0, { 0 } };
	struct holidays_day buf[HOLIDAYS_MAX];
	struct ohph_slot *s;
	int i, n;

	if ((unsigned)ev->c >= OH_COUNTRIES)
		return &none;
	s = &ev->oh->ph[(unsigned)ev->c * 2 + (unsigned)(y & 1)];
	if (s->year == y)
		return s;
	n = holidays_year(ev->c, y, buf, HOLIDAYS_MAX);
	s->year = y;
	s->n = n < 0 ? 0 : n;
	for (i = 0; i < s->n; i++)
		s->days[i] = buf[i].days;
	return s;
}

/*
 * Selectors as the reference's closures: whether day di matches, and in
 * *h the day whose midnight the reference names as the next instant to
 * look at (NO_DAY for none: days before 1970 are negative).
 */
#define NO_DAY LONG_MIN

static int sel_nth(const struct ohsel *s, const struct dinfo *di, long *h)
{
	long first = civtime_days_from_civil(di->y, di->m, 1);
	long next = month_start(di->y, di->m);
	long base = s->b > 0 ? first : next;
	long target = base + (s->a - civtime_weekday(base) % 7 + 7) % 7 +
		      (s->b > 0 ? s->b - 1 : s->b) * 7;

	if (target < first || target >= next || di->days > target) {
		*h = next;
		return 0;
	}
	*h = di->days == target ? di->days + 1 : target;
	return di->days == target;
}

static int sel_ph(const struct eval *ev, const struct dinfo *di, long *h)
{
	const struct ohph_slot *ph = ph_year(ev, di->y);
	int i, y, m, d;

	for (i = 0; i < ph->n; i++) {
		if (di->days < ph->days[i]) {
			*h = ph->days[i];
			return 0;
		}
		if (di->days == ph->days[i]) {
			*h = di->days + 1;
			return 1;
		}
	}
	if (!ph->n) {
		*h = civtime_days_from_civil(di->y + 1, 1, 1);
		return 0;
	}
	civtime_civil_from_days(ph->days[0], &y, &m, &d);
	*h = civtime_days_from_civil(y + 1, m, d);
	return 0;
}

/* Days of one month; February days past its end match nothing. */
static int sel_mday1(const struct ohsel *s, const struct dinfo *di, long *h)
{
	long from = civtime_days_from_civil(di->y, s->a + 1, s->b);
	long to = civtime_days_from_civil(di->y, s->a + 1, s->c);
	int y, m, d;

	if (s->a == 1) {
		civtime_civil_from_days(from, &y, &m, &d);
		if (d != s->b)
			return 0;
		civtime_civil_from_days(to, &y, &m, &d);
		if (s->d && d != s->c)
			return 0;
	}
	if (di->days < from) {
		*h = from;
		return 0;
	}
	if (di->days >= to) {
		*h = civtime_days_from_civil(di->y + 1, 1, 1);
		return 0;
	}
	*h = to;
	return 1;
}

/* From one month day to another; reversed, the complement. */
static int sel_mday2(const struct ohsel *s, const struct dinfo *di, long *h)
{
	long from = civtime_days_from_civil(di->y, s->a + 1, s->b);
	long to = civtime_days_from_civil(di->y, s->c + 1, s->d + 1);
	int inside = 1;

	if (to < from) {
		long tmp = to;
		to = from;
		from = tmp;
		inside = 0;
	}
	if (di->days < from) {
		*h = from;
		return !inside;
	}
	if (di->days < to) {
		*h = to;
		return inside;
	}
	*h = civtime_days_from_civil(di->y + 1, 1, 1);
	return !inside;
}

static int sel_match(const struct eval *ev, const struct ohsel *s,
		     const struct dinfo *di, long *h)
{
	int mo = di->m - 1;

	*h = NO_DAY;
	switch (s->kind) {
	case SEL_ALWAYS:
		return 1;
	case SEL_WDAY:
		if (di->wday < s->a || di->wday > s->b) {
			*h = di->days + (s->a - di->wday + 7) % 7;
			return !s->inside;
		}
		*h = di->days + (s->b + 1 - di->wday);
		return s->inside;
	case SEL_NTH:
		return sel_nth(s, di, h);
	case SEL_PH:
		return sel_ph(ev, di, h);
	case SEL_MONTH:
		if (mo < s->a || mo > s->b) {
			*h = month_start(di->y, s->a < mo ? s->a + 12 : s->a);
			return !s->inside;
		}
		*h = month_start(di->y, s->b + 1);
		return s->inside;
	case SEL_MDAY1:
		return sel_mday1(s, di, h);
	case SEL_MDAY2:
		return sel_mday2(s, di, h);
	}
	return 0;
}

/* Minute-valued hint (minutes from the start of day D), or -1 for none. */
static int time_match(const struct ohtime *t, int m, int *h)
{
	*h = -1;
	switch (t->kind) {
	case TIME_ALWAYS:
		return 1;
	case TIME_SPAN:
		if (m < t->from) {
			*h = t->from;
			return 0;
		}
		if (m < t->to) {
			*h = t->to;
			return 1;
		}
		*h = t->from + 1440;
		return 0;
	case TIME_WRAP:
		if (m < t->from) {
			*h = t->from;
			return 0;
		}
		*h = t->to;
		return 1;
	case TIME_TAIL:
		if (m < t->to) {
			*h = t->to;
			return 1;
		}
		return 0;
	}
	return 0;
}

static void hint_min(int64_t *best, int64_t h)
{
	if (h < *best)
		*best = h;
}

/*
 * The date part of the reference's getStatePair: which rules match and the
 * earliest date hint.  It depends only on the day and on the day 24 hours
 * earlier (for wrapped rules), so a walk over one day computes it once.
 */
struct daypart {
	int valid, hints;	/* hints: compute the date hints too */
	long day, before;
	size_t start;		/* the last matching rule that resets */
	int64_t hint;
	unsigned char match[OH_MAX_RULES];
};

static void daypart_init(struct daypart *dp, int hints)
{
	dp->valid = 0;
	dp->hints = hints;
}

static void eval_days(const struct eval *ev, long day, long before,
		      struct daypart *dp)
{
	const struct ohours *oh = ev->oh;
	struct dinfo today, yesterday;
	size_t r;

	dp->valid = 1;
	dp->day = day;
	dp->before = before;
	dp->start = 0;
	dp->hint = OH_NO_HINT;
	dinfo_set(&today, day);
	if (oh->any_wrapped)
		dinfo_set(&yesterday, before);
	for (r = 0; r < oh->nrules; r++) {
		const struct ohrule *rule = &oh->rules[r];
		const struct dinfo *di = rule->wrapped ? &yesterday : &today;
		unsigned g;

		dp->match[r] = 1;
		for (g = 0; g < rule->ngroups; g++) {
			const struct ohgroup *grp = &rule->group[g];
			unsigned i;
			int any = 0;

			for (i = 0; i < grp->count; i++) {
				long h;
				any |= sel_match(ev, &oh->sels[grp->start + i], di, &h);
				if (dp->hints && h != NO_DAY)
					hint_min(&dp->hint, instant_of(ev, (int64_t)h * 86400) +
							    (rule->wrapped ? 86400 : 0));
			}
			if (!any) {
				dp->match[r] = 0;
				break;
			}
		}
		if (dp->match[r] && rule->resets)
			dp->start = r;
	}
}

/*
 * The reference's getStatePair at instant t: the state, and in *hint (when
 * dp->hints) the instant it would look at next, OH_NO_HINT if none.
 */
static int state_pair(const struct eval *ev, int64_t t, int64_t *hint,
		      struct daypart *dp)
{
	const struct ohours *oh = ev->oh;
	int64_t w = wall_of(ev, t);
	long day = floor_div(w, 86400), before = 0;
	int minute = (int)((w - (int64_t)day * 86400) / 60);
	size_t r;
	int state = 0;

	if (oh->any_wrapped)
		before = floor_div(wall_of(ev, t - 86400), 86400);
	if (!dp->valid || dp->day != day || dp->before != before)
		eval_days(ev, day, before, dp);
	*hint = dp->hint;
	for (r = dp->start; r < oh->nrules; r++) {
		const struct ohrule *rule = &oh->rules[r];
		unsigned i;

		if (!dp->match[r])
			continue;
		if (!rule->tcount)
			state = rule->meaning;
		for (i = 0; i < rule->tcount; i++) {
			int h;
			if (time_match(&oh->times[rule->tstart + i], minute, &h))
				state = rule->meaning;
			if (dp->hints && h >= 0)
				hint_min(hint, instant_of(ev, (int64_t)day * 86400 +
							      (int64_t)h * 60));
		}
	}
	return state;
}

static int64_t next_change(const struct eval *ev, int64_t local)
{
	struct daypart dp;
	int64_t t = instant_of(ev, local);
	int64_t limit = instant_of(ev, local + (int64_t)366 * 86400);
	int64_t hint;
	int state0;

	daypart_init(&dp, 1);
	state0 = state_pair(ev, t, &hint, &dp);
	for (;;) {
		if (hint == OH_NO_HINT || hint <= t || hint >= limit)
			return OHOURS_NONE;
		t = hint;
		if (state_pair(ev, t, &hint, &dp) != state0)
			return wall_of(ev, t);
	}
}

static int is_open(const struct eval *ev, int64_t t)
{
	struct daypart dp;
	int64_t hint;

	daypart_init(&dp, 0);
	return state_pair(ev, t, &hint, &dp);
}

int ohours_is_open_tz(const struct ohours *oh, enum holidays_country c,
		      const struct civtz *tz, int64_t local)
{
	struct eval ev = { oh, c, tz };
	return is_open(&ev, instant_of(&ev, local));
}

int64_t ohours_next_change_tz(const struct ohours *oh, enum holidays_country c,
			      const struct civtz *tz, int64_t local)
{
	struct eval ev = { oh, c, tz };
	return next_change(&ev, local);
}

int ohours_is_open(const struct ohours *oh, enum holidays_country c,
		   int64_t local)
{
	return ohours_is_open_tz(oh, c, NULL, local);
}

int64_t ohours_next_change(const struct ohours *oh, enum holidays_country c,
			   int64_t local)
{
	return ohours_next_change_tz(oh, c, NULL, local);
}

int ohours_check_time(const struct ohours *oh, int64_t local, struct diag *d)
{
	long day = floor_div(local, 86400);
	int y, m, dd, ylast;
	char when[CIVTIME_TS_MAX];

	civtime_civil_from_days(day, &y, &m, &dd);
	civtime_civil_from_days(day + 366, &ylast, &m, &dd);
	civtime_format_local(when, local);
	if (y < OHOURS_FIRST_YEAR || ylast > OHOURS_LAST_YEAR) {
		diag_set(d, DIAG_DATA, NULL, 0, 0, _("opening hours are evaluated for times from %d-01-01 to %d-12-30 only, not at %s"),
			 OHOURS_FIRST_YEAR, OHOURS_LAST_YEAR - 1, when);
		diag_hint(d, _("the next change is looked for up to 366 days ahead"));
		return -1;
	}
	if (oh->uses_ph && (y < HOLIDAYS_FIRST_YEAR || ylast > HOLIDAYS_LAST_YEAR)) {
		diag_set(d, DIAG_DATA, NULL, 0, 0, _("public holidays 'PH' are known from %d to %d only, not at %s"),
			 HOLIDAYS_FIRST_YEAR, HOLIDAYS_LAST_YEAR, when);
		diag_hint(d, _("the next change is looked for up to 366 days ahead: with 'PH', ask about times from %d-01-01 to %d-12-30"),
			  HOLIDAYS_FIRST_YEAR, HOLIDAYS_LAST_YEAR - 1);
		return -1;
	}
	return 0;
}

void ohours_intervals(const struct ohours *oh, enum holidays_country c,
		      int64_t from, int64_t to,
		      void (*cb)(int64_t start, int64_t end, void *arg), void *arg)
{
	struct eval ev = { oh, c, NULL };
	struct daypart dp;
	int64_t open_at = -1, hint;
	long day, last;
	int has_open = 0;

	if (from >= to)
		return;
	daypart_init(&dp, 0);
	last = floor_div(to - 1, 86400);
	for (day = floor_div(from, 86400); day <= last; day++) {
		size_t b;
		for (b = 0; b <= oh->nbounds; b++) {
			int m0 = b ? oh->bounds[b - 1] : 0;
			int m1 = b < oh->nbounds ? oh->bounds[b] : 1440;
			int64_t s = (int64_t)day * 86400 + m0 * 60;
			int64_t e = (int64_t)day * 86400 + m1 * 60;
			int open;

			if (e <= from || s >= to)
				continue;
			if (s < from)
				s = from;
			open = state_pair(&ev, s, &hint, &dp);
			if (open && !has_open) {
				open_at = s;
				has_open = 1;
			} else if (!open && has_open) {
				cb(open_at, s, arg);
				has_open = 0;
			}
		}
	}
	if (has_open)
		cb(open_at, to, arg);
}
