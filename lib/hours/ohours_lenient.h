/*
 * ohours_lenient: the forms opening_hours.js accepts with a warning and
 * rewrites ("10.00-12.00", "10am-12pm", "Montags", "Mo 12:00 – 14:00",
 * "always closed", "week 05 00:00-24:00 Feb", a ',' at the end, ...).
 *
 * The expression is read as the reference's tokenizer reads it, with the
 * reference's own table of corrections (ohours_tolerance_table.c, every
 * entry), and written back as its prettifyValue() writes it.  That text is
 * then parsed by ohours_parse: what it refuses stays refused, with the
 * error of the original expression at its position.  Weekday and month
 * names of other languages ("lundi", "enero", "понедельник") are read as
 * the reference's locale resolver reads them (ohours_resolve.c), from its
 * index of names (ohours_resolve_table.c).
 */
#ifndef OKIENKO_OHOURS_LENIENT_H
#define OKIENKO_OHOURS_LENIENT_H

#include <stddef.h>

struct diag;
struct ohours;

#define OHOURS_WARNINGS_MAX 16

struct ohours_warning {
	long col;      /* 1-based column in the expression (characters) */
	char msg[240]; /* translated */
};

struct ohours_lenient {
	struct ohours_warning w[OHOURS_WARNINGS_MAX];
	size_t nw; /* warnings kept; more were dropped */
	size_t more;
	char *pretty; /* the reference's prettified form (malloc'd), or NULL */
};

/*
 * ohours_parse, and where it refuses expr, the reference's tolerant reading
 * of it.  lw (may be NULL) gets the warnings and the prettified form of an
 * accepted expression, also for forms ohours_parse accepts itself ("Mo-Fr:
 * 08:00-12:00", "8-12").  On error, d is ohours_parse's error for expr.
 */
int ohours_parse_lenient(const char *expr, struct ohours **out, struct ohours_lenient *lw,
			 struct diag *d);
/* The warnings and prettified form into lw of an expression that
   ohours_parse_lenient accepted, without parsing it again (lint). */
void ohours_lenient_warnings(const char *expr, struct ohours_lenient *lw);
void ohours_lenient_release(struct ohours_lenient *lw);
/* The reference's prettifyValue() of expr (malloc'd), whether ohours_parse
   accepts it or not; NULL where the reference's tokenizer or parser would
   refuse it (d). */
char *ohours_pretty(const char *expr, struct diag *d);

/* ---- internal: the tokenizer (ohours_tolerance.c) and the table ---- */

enum ohours_correction_kind {
	OHC_ASSUMING_OK_FOR_KO,
	OHC_PLEASE_USE_ENGLISH_WRITTEN_OK_FOR_KO,
	OHC_PLEASE_USE_OFF_FOR_KO,
	OHC_PLEASE_USE_OK_FOR_WORKDAY,
	OHC_OMIT_HOUR_KEYWORD,
	OHC_OMIT_KO,
	OHC_OMIT_TAG_KEY,
	OHC_OMIT_WRONG_KEYWORD_OPEN_END,
	OHC_ASSUMING_OPEN_END_FOR_KO,
	OHC_PLEASE_USE_OK_FOR_UNCERTAINTY,
	OHC_PLEASE_USE_FALLBACK_RULE,
	OHC_PLEASE_USE_OK_FOR_MISSING_DATA,
	OHC_PLEASE_USE_OK_FOR_KO,
	OHC_PLEASE_USE_ENGLISH_ABBREVIATION_OK_FOR_KO,
	OHC_PLEASE_USE_OK_FOR_SIMILAR_LOOKING_KO,
	OHC_PLEASE_USE_24_HOURS_TIME_FOR_KO,
	OHC_PLEASE_USE_RESTRICTION_COMMENT_TIME_FOR_KO,
	OHC_PLEASE_USE_OK_FOR_TYPOGRAPHICALLY_CORRECT
};

struct ohours_correction {
	enum ohours_correction_kind kind;
	const char *pattern; /* the reference's (JavaScript) pattern, PCRE-compatible */
	const char *replacement;
};
struct ohours_ambiguous {
	const char *word, *reading, *meanings;
};
extern const struct ohours_correction ohours_corrections[];
extern const size_t ohours_ncorrections;
extern const struct ohours_ambiguous ohours_ambiguous_words[];
extern const size_t ohours_nambiguous;

/* The weekday ('w') or month ('m') words of one language for the
   reference's locale resolver: kind 'c' canonical, 'u' English, 'f'
   foreign; words "Su:di,dim,dimanche|Mo:lu,lun,lundi" (lower case). */
struct ohours_word_row {
	const char *lang;
	char type, kind;
	const char *words;
};
extern const struct ohours_word_row ohours_word_rows[];
extern const size_t ohours_nword_rows;
extern const char *const ohours_region_langs[2]; /* CZ, PL: ",cs," */

/* The reference's tokens (its ParserToken types). */
enum rtok_type {
	RT_WEEKDAY,
	RT_MONTH,
	RT_NUMBER,
	RT_YEAR,
	RT_TIMESEP,
	RT_HOLIDAY,
	RT_STATE,
	RT_COMMENT,
	RT_247,
	RT_CALCDAY,
	RT_TIMEVAR,
	RT_EVENT,
	RT_WEEK,
	RT_CHAR
};
struct rtok {
	enum rtok_type type;
	long num;      /* weekday (0 Su) or month index, number, year */
	char text[16]; /* word of a state, holiday, ...; the character of RT_CHAR */
	char *comment; /* RT_COMMENT's text, owned */
	long col;      /* where it starts in the expression, for messages */
	char raw[64];  /* a weekday or month as written (lower case), for the resolver */
	int warn;      /* 1 + index in the warnings of its foreign-word warning, or 0 */
	int meridian;  /* an hour of "10am" ('a'), "1 p.m." ('p'), else 0 */
	int single;    /* a number written with one digit ("9", not "09") */
};
struct rrule {
	struct rtok *t;
	size_t n, alloc;
	int fallback; /* after "||" */
};
struct rtokens {
	struct rrule *r;
	size_t n, alloc;
};

/* Tokenize expr as the reference does; -1 with d where it refuses (a
   season word).  Warnings go to lw (may be NULL). */
int ohours_rtokenize(const char *expr, struct rtokens *rt, struct ohours_lenient *lw,
		     struct diag *d);
void ohours_rtokens_release(struct rtokens *rt);
/* Its locale resolver over the weekdays and months of each rule, for both
   CZ and PL: 0 (meanings set) or -1 where it refuses a word in either
   (*col: where). */
int ohours_resolve(struct rtokens *rt, long *col);
/* Its cross-language index: 'w' or 'm' for a word (lower case) that names
   only weekdays or only months in some language, with *meaning the first
   (provisional) one; 0 for none or both. */
int ohours_foreign_word(const char *word, int *meaning);
/* Add a warning at col. */
__attribute__((format(printf, 3, 4))) void ohours_lenient_warn(struct ohours_lenient *lw, long col,
							       const char *fmt, ...);

#endif
