/*
 * arena: bump allocation for data loaded once and freed together
 * (services model, taxonomy, YAML documents).  Everything allocated from an
 * arena is owned by it and freed by arena_release; never free() it.
 */
#ifndef OKIENKO_ARENA_H
#define OKIENKO_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

/* clang-format off */
#define ARENA_INIT { NULL }
/* clang-format on */

void *arena_alloc(struct arena *a, size_t size); /* zeroed, aligned */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_release(struct arena *a);

#endif
