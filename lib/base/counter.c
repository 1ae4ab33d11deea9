#include "counter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "xalloc.h"
#include "banned.h"

void counter_init(struct counter *c, size_t width)
{
	memset(c, 0, sizeof *c);
	c->width = width;
	c->nslots = 64;
	c->slots = xcalloc(c->nslots, sizeof *c->slots);
}

static uint64_t hash_group(const char *const *value, const size_t *len, size_t width)
{
	uint64_t h = HASH_INIT;
	size_t i;
	for (i = 0; i < width; i++)
		/* a separator after each value, so ("ab","c") and ("a","bc") differ */
		h = hash_add(hash_add(h, value[i], len[i]), "\x1f", 1);
	return h;
}

static int same(const struct counter_group *g, const char *const *value, const size_t *len,
		size_t width)
{
	size_t i;
	for (i = 0; i < width; i++)
		if (strlen(g->value[i]) != len[i] || memcmp(g->value[i], value[i], len[i]) != 0)
			return 0;
	return 1;
}

static void grow(struct counter *c)
{
	size_t n = c->nslots * 2, i;
	struct counter_group **slots = xcalloc(n, sizeof *slots);
	for (i = 0; i < c->nslots; i++) {
		struct counter_group *g = c->slots[i];
		size_t len[COUNTER_MAX_WIDTH], k, j;
		if (!g)
			continue;
		for (k = 0; k < c->width; k++)
			len[k] = strlen(g->value[k]);
		j = hash_group(g->value, len, c->width) & (n - 1);
		while (slots[j])
			j = (j + 1) & (n - 1);
		slots[j] = g;
	}
	free(c->slots);
	c->slots = slots;
	c->nslots = n;
}

void counter_add(struct counter *c, const char *const *value, const size_t *len)
{
	counter_add_n(c, value, len, 1);
}

void counter_add_n(struct counter *c, const char *const *value, const size_t *len, unsigned long n)
{
	size_t i = hash_group(value, len, c->width) & (c->nslots - 1), k;
	struct counter_group *g;

	while ((g = c->slots[i]) != NULL) {
		if (same(g, value, len, c->width)) {
			g->count += n;
			return;
		}
		i = (i + 1) & (c->nslots - 1);
	}
	g = arena_alloc(&c->arena, sizeof *g);
	g->value = arena_alloc(&c->arena, c->width * sizeof *g->value);
	for (k = 0; k < c->width; k++)
		g->value[k] = arena_strndup(&c->arena, value[k], len[k]);
	g->count = n;
	c->slots[i] = g;
	if (++c->n * 2 > c->nslots)
		grow(c);
}

void counter_merge(struct counter *into, const struct counter *from)
{
	size_t i, k, len[COUNTER_MAX_WIDTH];
	for (i = 0; i < from->nslots; i++) {
		const struct counter_group *g = from->slots[i];
		if (!g)
			continue;
		for (k = 0; k < from->width; k++)
			len[k] = strlen(g->value[k]);
		counter_add_n(into, g->value, len, g->count);
	}
}

static size_t sort_width;

static int compare_groups(const void *a, const void *b)
{
	const struct counter_group *x = *(const struct counter_group *const *)a;
	const struct counter_group *y = *(const struct counter_group *const *)b;
	size_t i;
	for (i = 0; i < sort_width; i++) {
		int r = strcmp(x->value[i], y->value[i]);
		if (r)
			return r;
	}
	return 0;
}

struct counter_group **counter_sorted(const struct counter *c)
{
	struct counter_group **out = xcalloc(c->n + 1, sizeof *out);
	size_t i, n = 0;
	for (i = 0; i < c->nslots; i++)
		if (c->slots[i])
			out[n++] = c->slots[i];
	sort_width = c->width;
	qsort(out, n, sizeof *out, compare_groups);
	return out;
}

void counter_release(struct counter *c)
{
	free(c->slots);
	arena_release(&c->arena);
	memset(c, 0, sizeof *c);
}
