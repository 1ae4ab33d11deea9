/*
 * minutes_rules: everything minutes-parse knows about a language, in one
 * place: the kinds of rules, the built-in table of each language (Czech
 * "cs", Polish "pl"), the choice of a language for a text, and rules files
 * (--rules FILE) that replace kinds of a built-in table or make a new one.
 *
 * A rules file is YAML:
 *
 *	version: 1
 *	base: cs                 # optional: start from a built-in table
 *	attendees: ['^účast\s*:']
 *	unit:
 *	  - families: ['rodin\w*']
 *
 * with the kinds of rules as keys (see minutes-parse(1), or the output of
 * minutes_rules_dump, which is itself a complete rules file).  Without
 * base, the caller's language is the base; with neither, the file alone.
 *
 * Ownership: a struct minutes_rules owns its rule set and month table until
 * minutes_rules_release.  A failed load leaves nothing to free.
 */
#ifndef OKIENKO_MINUTES_RULES_H
#define OKIENKO_MINUTES_RULES_H

#include <stddef.h>

#include "diag.h"
#include "rules.h"
#include "strbuf.h"
#include "textdate.h"

/* The kinds, in the order of minutes_rules_kinds. */
enum minutes_rules_kind {
	MINUTES_RULES_DETECT,
	MINUTES_RULES_MONTH,
	MINUTES_RULES_ABBREV,
	MINUTES_RULES_NUMWORD,
	MINUTES_RULES_APPROX,
	MINUTES_RULES_TITLE,
	MINUTES_RULES_GROUP,
	MINUTES_RULES_PAGE,
	MINUTES_RULES_FURNITURE,
	MINUTES_RULES_PLACE,
	MINUTES_RULES_PLACE_TEXT,
	MINUTES_RULES_TIME,
	MINUTES_RULES_TIME_LABEL,
	MINUTES_RULES_THIS_YEAR,
	MINUTES_RULES_FILLER,
	MINUTES_RULES_NOISE,
	MINUTES_RULES_SIGNOFF,
	MINUTES_RULES_ATTENDEES,
	MINUTES_RULES_ATTENDEES_TEXT,
	MINUTES_RULES_ATTENDEES_GROUP,
	MINUTES_RULES_ABSENT,
	MINUTES_RULES_PERSON_TITLE,
	MINUTES_RULES_HONORIFIC,
	MINUTES_RULES_ORG_PREP,
	MINUTES_RULES_NUM_SIGN,
	MINUTES_RULES_ROLE,
	MINUTES_RULES_ORG_WORD,
	MINUTES_RULES_COLUMN,
	MINUTES_RULES_CONJ,
	MINUTES_RULES_TOPICS,
	MINUTES_RULES_TOPICS_TEXT,
	MINUTES_RULES_ACTIONS,
	MINUTES_RULES_ACTION,
	MINUTES_RULES_NEXT,
	MINUTES_RULES_AUTHOR,
	MINUTES_RULES_UPDATE,
	MINUTES_RULES_HEAD_SEP,
	MINUTES_RULES_NOT_ORG,
	MINUTES_RULES_ORG_SUFFIX,
	MINUTES_RULES_UNIT,
	MINUTES_RULES_UNIT_HINT,
	MINUTES_RULES_DEFAULT_UNIT,
	MINUTES_RULES_NUMBER,
	MINUTES_RULES_NOT_NUMBER,
	MINUTES_RULES_STATE,
	MINUTES_RULES_IGNORE,
	MINUTES_RULES_NKINDS
};

struct minutes_rules {
	char lang[16]; /* the built-in table used, or "" */
	struct rules rules;
	struct textdate_months *months; /* from the 'month' words */
};

/* The built-in table of lang; an unknown lang is a usage error. */
int minutes_rules_builtin(struct minutes_rules *mr, const char *lang, struct diag *d);
/* A rules file over the table of its base, else of lang (NULL: none). */
int minutes_rules_file(struct minutes_rules *mr, const char *path, const char *lang,
		       struct diag *d);
/* The built-in language whose 'detect' rules match text most often. */
const char *minutes_rules_detect(const char *text, size_t len);
/* The rules as a complete rules file. */
void minutes_rules_dump(const struct minutes_rules *mr, struct strbuf *sb);
void minutes_rules_release(struct minutes_rules *mr);

#endif
