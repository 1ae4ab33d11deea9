/*
 * ohours_prule: what the parts of the opening-hours parser share (internal
 * to lib/hours): a rule under construction and the looks at the tokens.
 * A struct prule owns its selector and time arrays (ohours_parse.c
 * releases them); the token pointers point into the parser's tokens.
 */
#ifndef OKIENKO_OHOURS_PRULE_H
#define OKIENKO_OHOURS_PRULE_H

#include <stddef.h>

#include "ohours_lex.h"
#include "ohours_rules.h"

/* A rule under construction: its selectors per group and its times. */
struct prule {
	struct ohsel *sel[NGROUPS];
	size_t nsel[NGROUPS], sel_alloc[NGROUPS];
	struct ohtime *time;
	size_t ntime, time_alloc;
	int meaning, unknown, modified, any;
	const struct token *comment; /* the last comment, or NULL */
};

/* The token k after the parser's position (the end token past the end). */
static inline const struct token *peek(const struct parser *p, size_t k)
{
	size_t i = p->pos + k;
	return &p->toks[i < p->ntoks ? i : p->ntoks - 1];
}

static inline int is_char(const struct token *t, int ch)
{
	return t->type == TOK_CHAR && t->ch == ch;
}

static inline int is_kw(const struct token *t, enum kw kw)
{
	return t->type == TOK_WORD && t->kw == kw;
}

/* A number that is no year (a year is past 1900). */
static inline int is_num(const struct token *t)
{
	return t->type == TOK_NUM && t->val <= 1900;
}

/* A selector of the rule, in group (ohours_rules.h). */
void ohours_add_sel(struct prule *r, int group, struct ohsel s);
/* A time of the rule (ohours_rules.h: kind, minutes from, to). */
void ohours_add_time(struct prule *r, unsigned char kind, int from, int to, int open_end);
/* The rule's list of times at the parser's position: 0, 1 when a ','
   ended the list and starts an additional rule, -1 on an error. */
int ohours_parse_times(struct parser *p, struct prule *r);

#endif
