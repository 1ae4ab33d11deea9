/*
 * suggest: "did you mean ...?" for a mistyped word among known candidates.
 *
 * The distance is Damerau-Levenshtein in its optimal-string-alignment form
 * (insert, delete, substitute, swap two adjacent characters), counted over
 * code points (UTF-8; an invalid byte counts as one character) and
 * case-insensitive for ASCII letters only.
 *
 * A candidate is accepted when its distance is at most
 * max(1, min(3, n / 3)) where n is the word's length in code points
 * (so 1 up to 5 characters, 2 from 6, 3 from 9), or, failing that, when
 * the word has at least 3 code points and is a prefix (ignoring ASCII case)
 * of exactly one candidate ("psych" -> "psych-support").  The nearest
 * candidate wins; ties go to the first in candidate order.  An empty word
 * suggests nothing.
 *
 * Nothing is allocated that outlives a call; the result points into
 * candidates (or is NULL).
 */
#ifndef OKIENKO_SUGGEST_H
#define OKIENKO_SUGGEST_H

#include <stddef.h>

const char *suggest_closest(const char *word, const char *const *candidates,
			    size_t n);

/* The distance itself, as defined above (exposed for tests and ranking). */
size_t suggest_distance(const char *a, const char *b);

#endif
