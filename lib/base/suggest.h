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

const char *suggest_closest(const char *word, const char *const *candidates, size_t n);

/*
 * What a hint names: up to SUGGEST_MAX words, and whether more would have
 * been named.  The words point into the candidates (or their targets).
 */
enum { SUGGEST_MAX = 3 };
struct suggestion {
	const char *word[SUGGEST_MAX];
	size_t n;
	int more;
};

/*
 * When the word (3 code points or more) begins two or more candidates:
 * those, in candidate order ("cic-l" -> "cic-legal", "cic-lang"), since
 * the one meant is among them; otherwise suggest_closest's answer.
 * Returns s->n (0: nothing near).
 */
size_t suggest_words(struct suggestion *s, const char *word, const char *const *candidates,
		     size_t n);

/*
 * Each word of s, a candidate, replaced by target[i] of its index i (a
 * label by its code), repeats dropped.
 */
void suggest_map(struct suggestion *s, const char *const *candidates, const char *const *target,
		 size_t n);

/* s with the one word w (NULL: none); returns s->n. */
size_t suggest_one(struct suggestion *s, const char *w);

/* "'a'", "'a' or 'b'", "'a', 'b' or 'c'", "'a', 'b', 'c', ..." (the "or"
   translated) in buf; buf is "" when s names nothing. */
const char *suggest_phrase(const struct suggestion *s, char *buf, size_t size);
enum { SUGGEST_PHRASE_MAX = 512 };

struct diag;
/* The hint "did you mean PHRASE?" on d when s names something; returns s->n. */
size_t suggest_hint(struct diag *d, const struct suggestion *s);
/* For mains: "PROG: hint: did you mean PHRASE?" on stderr, when s names
   something. */
void suggest_print_hint(const struct suggestion *s);

/* The distance itself, as defined above (exposed for tests and ranking). */
size_t suggest_distance(const char *a, const char *b);

#endif
