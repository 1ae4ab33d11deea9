#include "suggest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "diag.h"
#include "i18n.h"
#include "xalloc.h"
#include "banned.h"

enum { SUGGEST_STACK = 64 };

/* A word decoded to folded code points, on the stack when short. */
struct cps {
	uint32_t *v;
	size_t n;
	uint32_t small[SUGGEST_STACK];
};

static size_t utf8_seq(const unsigned char *s, uint32_t *cp)
{
	size_t len, i;
	uint32_t c = s[0];

	if (c < 0x80) {
		*cp = (uint32_t)ascii_tolower((int)c);
		return 1;
	}
	if ((c & 0xe0) == 0xc0) {
		len = 2;
		c &= 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3;
		c &= 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4;
		c &= 0x07;
	} else {
		*cp = 0x110000 + s[0];
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0x110000 + s[0];
			return 1;
		}
		c = c << 6 | (s[i] & 0x3f);
	}
	*cp = c;
	return len;
}

static size_t cps_count(const char *s)
{
	size_t n = 0;
	uint32_t cp;

	while (*s) {
		s += utf8_seq((const unsigned char *)s, &cp);
		n++;
	}
	return n;
}

static void cps_init(struct cps *c, const char *s)
{
	size_t n = cps_count(s), i;

	c->v = n <= SUGGEST_STACK ? c->small : xreallocarray(NULL, n, sizeof *c->v);
	for (i = 0; i < n; i++)
		s += utf8_seq((const unsigned char *)s, &c->v[i]);
	c->n = n;
}

static void cps_release(struct cps *c)
{
	if (c->v != c->small)
		free(c->v);
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* Optimal string alignment with three rolling rows. */
static size_t osa(const struct cps *a, const struct cps *b)
{
	size_t small[3 * (SUGGEST_STACK + 1)];
	size_t w = b->n + 1, i, j, res;
	size_t *buf = 3 * w <= sizeof small / sizeof *small
			      ? small
			      : xreallocarray(NULL, 3 * w, sizeof *buf);
	size_t *pp = buf, *prev = buf + w, *cur = buf + 2 * w, *t;

	for (j = 0; j < w; j++)
		prev[j] = j;
	for (i = 1; i <= a->n; i++) {
		cur[0] = i;
		for (j = 1; j < w; j++) {
			size_t cost = a->v[i - 1] != b->v[j - 1];
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a->v[i - 1] == b->v[j - 2] &&
			    a->v[i - 2] == b->v[j - 1] && pp[j - 2] + 1 < cur[j])
				cur[j] = pp[j - 2] + 1;
		}
		t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	res = prev[w - 1];
	if (buf != small)
		free(buf);
	return res;
}

size_t suggest_distance(const char *a, const char *b)
{
	struct cps ca, cb;
	size_t d;

	cps_init(&ca, a);
	cps_init(&cb, b);
	d = osa(&ca, &cb);
	cps_release(&ca);
	cps_release(&cb);
	return d;
}

static int is_prefix(const struct cps *w, const struct cps *c)
{
	return w->n <= c->n && !memcmp(w->v, c->v, w->n * sizeof *w->v);
}

const char *suggest_closest(const char *word, const char *const *candidates, size_t n)
{
	struct cps w, c;
	size_t limit, best_d = SIZE_MAX, i, nprefix = 0;
	const char *best = NULL, *prefix = NULL;

	if (!word || !*word)
		return NULL;
	cps_init(&w, word);
	limit = w.n / 3 < 3 ? w.n / 3 : 3;
	if (limit < 1)
		limit = 1;
	for (i = 0; i < n; i++) {
		size_t dist;

		if (!candidates[i])
			continue;
		cps_init(&c, candidates[i]);
		if (w.n >= 3 && is_prefix(&w, &c) && nprefix++ == 0)
			prefix = candidates[i];
		if ((c.n > w.n ? c.n - w.n : w.n - c.n) <= limit) {
			dist = osa(&w, &c);
			if (dist <= limit && dist < best_d) {
				best_d = dist;
				best = candidates[i];
			}
		}
		cps_release(&c);
	}
	cps_release(&w);
	if (best)
		return best;
	return nprefix == 1 ? prefix : NULL;
}

size_t suggest_one(struct suggestion *s, const char *w)
{
	s->n = w != NULL;
	s->word[0] = w;
	s->more = 0;
	return s->n;
}

size_t suggest_words(struct suggestion *s, const char *word, const char *const *candidates,
		     size_t n)
{
	struct cps w, c;
	size_t i, nprefix = 0;

	s->n = 0;
	s->more = 0;
	if (!word || !*word)
		return 0;
	cps_init(&w, word);
	for (i = 0; w.n >= 3 && i < n; i++) {
		if (!candidates[i])
			continue;
		cps_init(&c, candidates[i]);
		if (is_prefix(&w, &c)) {
			if (nprefix < SUGGEST_MAX)
				s->word[nprefix] = candidates[i];
			nprefix++;
		}
		cps_release(&c);
	}
	cps_release(&w);
	if (nprefix >= 2) {
		s->n = nprefix < SUGGEST_MAX ? nprefix : SUGGEST_MAX;
		s->more = nprefix > SUGGEST_MAX;
		return s->n;
	}
	return suggest_one(s, suggest_closest(word, candidates, n));
}

void suggest_map(struct suggestion *s, const char *const *candidates, const char *const *target,
		 size_t n)
{
	size_t i, j, k, kept = 0;

	for (k = 0; k < s->n; k++) {
		const char *t = NULL;

		for (i = 0; i < n && !t; i++)
			if (candidates[i] == s->word[k])
				t = target[i];
		for (j = 0; t && j < kept; j++)
			if (!strcmp(s->word[j], t))
				t = NULL;
		if (t)
			s->word[kept++] = t;
	}
	s->n = kept;
}

const char *suggest_phrase(const struct suggestion *s, char *buf, size_t size)
{
	size_t k, len = 0;

	buf[0] = '\0';
	for (k = 0; k < s->n && len < size; k++) {
		const char *sep = k == 0 ? "" : (k + 1 < s->n || s->more) ? ", " : _(" or ");
		int w = snprintf(buf + len, size - len, "%s'%s'", sep, s->word[k]);
		if (w < 0)
			break;
		len += (size_t)w;
	}
	if (s->more && len < size)
		snprintf(buf + len, size - len, ", ...");
	return buf;
}

size_t suggest_hint(struct diag *d, const struct suggestion *s)
{
	char phrase[SUGGEST_PHRASE_MAX];

	if (s->n)
		diag_hint(d, "did you mean %s?", suggest_phrase(s, phrase, sizeof phrase));
	return s->n;
}

void suggest_print_hint(const struct suggestion *s)
{
	char phrase[SUGGEST_PHRASE_MAX];

	if (s->n)
		diag_printf("%s: hint: did you mean %s?\n", diag_prog(),
			    suggest_phrase(s, phrase, sizeof phrase));
}
