/*
 * strindex: strings numbered 0, 1, 2... in the order they were first
 * added, found again by hash (open addressing, at most half full).  The
 * callers keep what belongs to a string in arrays by its number: the rows
 * of a report by service id, the needs of a chart by code.
 *
 * Ownership: the index keeps its own copy of every string (an arena);
 * strindex_release frees them.
 */
#ifndef OKIENKO_STRINDEX_H
#define OKIENKO_STRINDEX_H

#include <stddef.h>

#include "arena.h"

struct strindex {
	struct arena arena;
	const char **keys; /* by number */
	size_t *lens;
	size_t n, alloc;
	size_t *slots; /* number + 1; 0 is empty */
	size_t nslots;
};

void strindex_init(struct strindex *x);
void strindex_release(struct strindex *x);
/* The number of s[0..len), added when new. */
size_t strindex_add(struct strindex *x, const char *s, size_t len);
/* The number of s[0..len), or -1 when it was never added. */
long strindex_find(const struct strindex *x, const char *s, size_t len);
/* The string of number i (NUL-terminated). */
const char *strindex_key(const struct strindex *x, size_t i);

#endif
