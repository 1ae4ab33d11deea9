/*
 * ohours_lenient_sel: the selectors of a rule of the reference's tokens
 * (ohours_lenient.h) as ohours_lenient.c cuts them, and the looks at the
 * tokens it and ohours_lenient_warn.c share (internal to lib/hours).
 * A struct piece owns nothing: it names tokens of an rrule; the warnings
 * go to the caller's struct ohours_lenient, which allocates nothing.
 */
#ifndef OKIENKO_OHOURS_LENIENT_SEL_H
#define OKIENKO_OHOURS_LENIENT_SEL_H

#include <stddef.h>

#include "ohours_lenient.h"

/* SELECTOR_ORDER of the reference; PS_RULESEP: the ',' of an additional rule */
enum sel {
	PS_NONE,
	PS_YEAR,
	PS_MONTH,
	PS_WEEK,
	PS_HOLIDAY,
	PS_WEEKDAY,
	PS_TIME,
	PS_247,
	PS_STATE,
	PS_COMMENT,
	PS_RULESEP
};

/* one selector of a rule: tokens [s, e] of its rrule */
struct piece {
	enum sel type;
	size_t s, e;
	long col;
	size_t idx; /* of its text */
	int months; /* months alone: "Jan-Mar" */
	int comma;  /* the ',' that ends its rule ("Mo,"): printed, not read */
	int rank;   /* its place in the text ohours_parse reads (eval_rule) */
	int days;   /* a holiday that goes on with weekdays: "PH -1 day,Th" */
};

static inline int is_char(const struct rtok *t, char c)
{
	return t->type == RT_CHAR && t->text[0] == c && !t->text[1];
}

static inline int at_is(const struct rrule *r, size_t at, enum rtok_type type)
{
	return at < r->n && r->t[at].type == type;
}

static inline int at_char(const struct rrule *r, size_t at, char c)
{
	return at < r->n && is_char(&r->t[at], c);
}

/* The forms ohours_parse accepts that the reference warns about, in the
   selectors pc of one rule in their order in the expression (np of them). */
void ohours_selector_warnings(const struct rrule *r, const struct piece *pc, size_t np,
			      struct ohours_lenient *lw);

#endif
