/*
 * counter: counts per group, for --count-by.  A group is a tuple of
 * strings; memory grows with the number of distinct groups, never with the
 * number of records counted.
 *
 * Ownership: the counter owns copies of every group; counter_release.
 */
#ifndef OKIENKO_COUNTER_H
#define OKIENKO_COUNTER_H

#include <stddef.h>

#include "arena.h"

struct counter_group {
	const char **value; /* width strings */
	unsigned long count;
};

struct counter {
	size_t width;
	struct arena arena;
	struct counter_group **slots; /* open addressing, power of two */
	size_t nslots, n;
};

#define COUNTER_MAX_WIDTH 64

/* width: 1 .. COUNTER_MAX_WIDTH group columns. */
void counter_init(struct counter *c, size_t width);
/* Count one occurrence of the group value[0..width). */
void counter_add(struct counter *c, const char *const *value, const size_t *len);
/* Count n occurrences at once. */
void counter_add_n(struct counter *c, const char *const *value, const size_t *len, unsigned long n);
/* Add every group of from (of the same width) to into. */
void counter_merge(struct counter *into, const struct counter *from);
/* The groups sorted by their values (bytewise, column by column); malloc'd array. */
struct counter_group **counter_sorted(const struct counter *c);
void counter_release(struct counter *c);

#endif
