/*
 * ohours_lex: the tokens of an opening_hours expression and the parse
 * errors that point at them (ohours_lex.c); used by ohours_parse.c only.
 * The parser owns toks (grown by ohours_tokenize, freed by the parser);
 * expr, d and oh belong to the caller.
 */
#ifndef OKIENKO_OHOURS_LEX_H
#define OKIENKO_OHOURS_LEX_H

#include <stddef.h>

#include "ohours_rules.h"

struct diag;

/* TOK_COMMENT: "text" (off + 1, len - 2 is the text); TOK_FALLBACK: "||" */
enum tok_type { TOK_END, TOK_WORD, TOK_NUM, TOK_247, TOK_CHAR, TOK_COMMENT, TOK_FALLBACK };

enum kw {
	KW_NONE,
	KW_WD,
	KW_MON,
	KW_PH,
	KW_SH,
	KW_OPEN,
	KW_OFF,
	KW_UNKNOWN,
	KW_WEEK,
	KW_TIMEVAR,
	KW_EASTER,
	KW_DAY
};

struct token {
	enum tok_type type;
	enum kw kw;
	int val; /* weekday 0 = Su, month 0 = Jan, number */
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
	const struct token *colon;      /* the first ':' skipped, for lint */
	const struct token *hours_only; /* the first "H-H" time, for lint */
	unsigned times;                 /* times read, the rereads of "a-b+" too */
};

extern const char *const ohours_wd_canon[7];   /* "Su".."Sa" */
extern const char *const ohours_mon_canon[12]; /* "Jan".."Dec" */

/* Split p->expr into p->toks, ending with a TOK_END. */
void ohours_tokenize(struct parser *p);
/* Set p->d to a data error at t's column; returns -1. */
__attribute__((format(printf, 3, 4))) int ohours_fail_at(struct parser *p, const struct token *t,
							 const char *fmt, ...);
/* The error at the first number past 9999 (a year the dates do not reach);
   0 when there is none, else -1. */
int ohours_check_years(struct parser *p);
/* The 1-based column (characters) of t. */
long ohours_col(const struct parser *p, const struct token *t);
/* The error for a token that cannot stand where it is; returns -1. */
int ohours_unexpected(struct parser *p, const struct token *t);

#endif
