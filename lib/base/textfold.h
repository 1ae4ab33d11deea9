/*
 * textfold: case and diacritics folding for matching words and names that
 * people write in different ways: "Třešeň", "TRESEN" and "třešeň" all fold
 * to "tresen", "Łódź" to "lodz", "Straße" to "strasse".
 *
 * Covered: ASCII, Latin-1, Latin Extended-A (every Czech and Polish
 * letter), Greek and basic Cyrillic (lower case only, no letters removed).
 * Other characters are copied unchanged; bytes that are not valid UTF-8 are
 * copied as they are.  Nothing here keeps state or allocates, except the
 * growth of the caller's strbuf.
 */
#ifndef OKIENKO_TEXTFOLD_H
#define OKIENKO_TEXTFOLD_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* The lower-case letter of cp ('Ř' -> 'ř'), or cp itself. */
uint32_t textfold_lower(uint32_t cp);
/* 1 for a letter of the scripts above (any case), else 0. */
int textfold_is_letter(uint32_t cp);
/* 1 for an upper-case letter ('Ř', 'A', 'Ж'), else 0. */
int textfold_is_upper(uint32_t cp);
/* 1 for a letter that is not upper case. */
int textfold_is_lower(uint32_t cp);

enum textfold_mode {
	TEXTFOLD_LOWER, /* lower case only: "Třešeň" -> "třešeň" */
	TEXTFOLD_BASE   /* lower case without diacritics: -> "tresen" */
};

/* Append the folded s[0..len) to sb. */
void textfold_append(struct strbuf *sb, const char *s, size_t len, enum textfold_mode mode);

#endif
