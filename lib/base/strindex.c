#include "strindex.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "xalloc.h"
#include "banned.h"

void strindex_init(struct strindex *x)
{
	memset(x, 0, sizeof *x);
}

void strindex_release(struct strindex *x)
{
	arena_release(&x->arena);
	free(x->keys);
	free(x->lens);
	free(x->slots);
	memset(x, 0, sizeof *x);
}

/* The slot of s: its own, or the empty one where it would go. */
static size_t *slot_of(const struct strindex *x, const char *s, size_t len)
{
	size_t mask = x->nslots - 1, i = (size_t)hash_bytes(s, len) & mask;
	for (;; i = (i + 1) & mask) {
		size_t k = x->slots[i];
		if (!k || (x->lens[k - 1] == len && memcmp(x->keys[k - 1], s, len) == 0))
			return &x->slots[i];
	}
}

static void grow(struct strindex *x)
{
	size_t i;
	free(x->slots);
	x->nslots = x->nslots ? 2 * x->nslots : 64;
	x->slots = xcalloc(x->nslots, sizeof *x->slots);
	for (i = 0; i < x->n; i++)
		*slot_of(x, x->keys[i], x->lens[i]) = i + 1;
}

size_t strindex_add(struct strindex *x, const char *s, size_t len)
{
	size_t *slot;
	if (2 * (x->n + 1) > x->nslots)
		grow(x);
	slot = slot_of(x, s, len);
	if (*slot)
		return *slot - 1;
	if (x->n == x->alloc) {
		x->alloc = x->alloc ? 2 * x->alloc : 16;
		x->keys = xreallocarray(x->keys, x->alloc, sizeof *x->keys);
		x->lens = xreallocarray(x->lens, x->alloc, sizeof *x->lens);
	}
	x->keys[x->n] = arena_strndup(&x->arena, s, len);
	x->lens[x->n] = len;
	*slot = ++x->n;
	return x->n - 1;
}

long strindex_find(const struct strindex *x, const char *s, size_t len)
{
	if (!x->nslots)
		return -1;
	return (long)*slot_of(x, s, len) - 1;
}

const char *strindex_key(const struct strindex *x, size_t i)
{
	return x->keys[i];
}
