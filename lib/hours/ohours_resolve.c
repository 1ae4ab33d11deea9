/*
 * ohours_resolve: the locale resolver of opening_hours.js 3.15.0
 * (resolveRange) over the weekday and month words of each rule.  A foreign
 * word is taken when the language of the parser (English), a language of
 * the country, a neighbouring foreign word, or a rule without English
 * words makes its meaning unique; else the reference refuses it ("Mo-Do":
 * 'do' is Th in German, Su in Spanish).  The country changes the answer,
 * and an expression does not know its country: a word is taken only when
 * the resolver takes it with one meaning for CZ and for PL alike.
 */
#include <stdio.h>
#include <string.h>

#include "ohours_lenient.h"
#include "ohours_lex.h"

#include "banned.h"

static int index_of(const char *m, const char *const *names, int n);

#define MAX_CANDS 40

struct cand {
	char meaning[4], lang[8];
};

struct term {
	struct rtok *tok;
	char kind; /* 'c', 'u', 'f', or 0: unknown to it */
	struct cand c[MAX_CANDS];
	int nc;
};

/* Where word is one of the words of a row (after "Mo:" or ","), the meaning
   it is listed under ("Mo"), else NULL; *len gets the meaning's length. */
static const char *row_find(const char *words, const char *word, size_t *len)
{
	size_t wl = strlen(word);
	const char *p = words, *m = NULL;

	while (*p) {
		const char *colon = strchr(p, ':'), *e;
		m = p;
		*len = (size_t)(colon - p);
		p = colon + 1;
		for (;;) {
			e = p + strcspn(p, ",|");
			if ((size_t)(e - p) == wl && memcmp(p, word, wl) == 0)
				return m;
			p = *e ? e + 1 : e;
			if (*e != ',')
				break;
		}
	}
	return NULL;
}

static void classify(struct term *t, char type)
{
	size_t i, len;

	t->kind = 0;
	t->nc = 0;
	for (i = 0; i < ohours_nword_rows; i++) {
		const struct ohours_word_row *w = &ohours_word_rows[i];
		const char *m;
		struct cand *c;
		if (w->type != type || !(m = row_find(w->words, t->tok->raw, &len)))
			continue;
		if (w->kind != 'f') {
			t->kind = w->kind;
			t->nc = 0;
			return;
		}
		t->kind = 'f';
		if (t->nc == MAX_CANDS)
			continue;
		c = &t->c[t->nc++];
		memset(c, 0, sizeof *c);
		memcpy(c->meaning, m, len < sizeof c->meaning ? len : sizeof c->meaning - 1);
		snprintf(c->lang, sizeof c->lang, "%s", w->lang);
	}
}

int ohours_foreign_word(const char *word, int *meaning)
{
	int type = 0;
	size_t i, len;

	for (i = 0; i < ohours_nword_rows; i++) {
		const struct ohours_word_row *w = &ohours_word_rows[i];
		const char *m;
		if (w->kind != 'f' || !(m = row_find(w->words, word, &len)))
			continue;
		if (type && type != w->type)
			return 0;
		if (!type) {
			char mean[4] = { 0 };
			memcpy(mean, m, len < sizeof mean ? len : sizeof mean - 1);
			*meaning = w->type == 'w' ? index_of(mean, ohours_wd_canon, 7)
						  : index_of(mean, ohours_mon_canon, 12);
		}
		type = w->type;
	}
	return type;
}

/* The one meaning of the candidates that pass keep (lang NULL: all);
   NULL when none or several. */
static const char *unique(const struct term *t, const char *lang, const char *region)
{
	const char *m = NULL;
	int i;

	for (i = 0; i < t->nc; i++) {
		char key[12];
		if (lang && strcmp(t->c[i].lang, lang) != 0)
			continue;
		if (region) {
			snprintf(key, sizeof key, ",%s,", t->c[i].lang);
			if (!strstr(region, key))
				continue;
		}
		if (m && strcmp(m, t->c[i].meaning) != 0)
			return NULL;
		m = t->c[i].meaning;
	}
	return m;
}

/* its resolveForeign: the meaning, or NULL where it refuses */
static const char *resolve_foreign(const struct term *t, const struct term *all, size_t n,
				   const char *region, int anchor)
{
	const char *m, *best = NULL;
	size_t j;
	int i, k;

	if ((m = unique(t, "en", NULL)))
		return m;
	if ((m = unique(t, NULL, region)))
		return m;
	/* the first language (in order) shared with a neighbouring foreign word */
	for (i = 0; i < t->nc; i++)
		for (j = 0; j < n; j++) {
			if (&all[j] == t || all[j].kind != 'f')
				continue;
			for (k = 0; k < all[j].nc; k++)
				if (strcmp(all[j].c[k].lang, t->c[i].lang) == 0 &&
				    (!best || strcmp(t->c[i].lang, best) < 0))
					best = t->c[i].lang;
		}
	if (best && (m = unique(t, best, NULL)))
		return m;
	if (!anchor && (m = unique(t, NULL, NULL)))
		return m;
	return NULL;
}

static int index_of(const char *m, const char *const *names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], m) == 0)
			return i;
	return -1;
}

static int resolve_type(struct rrule *r, enum rtok_type type, long *col)
{
	struct term terms[64];
	size_t n = 0, i;
	int anchor = 0, c;
	const char *meaning[64][2];

	for (i = 0; i < r->n && n < 64; i++)
		if (r->t[i].type == type && r->t[i].raw[0]) {
			terms[n].tok = &r->t[i];
			classify(&terms[n], type == RT_WEEKDAY ? 'w' : 'm');
			anchor |= terms[n].kind == 'c' || terms[n].kind == 'u';
			n++;
		}
	for (c = 0; c < 2; c++)
		for (i = 0; i < n; i++)
			meaning[i][c] = terms[i].kind != 'f'
						? ""
						: resolve_foreign(&terms[i], terms, n,
								  ohours_region_langs[c], anchor);
	for (i = 0; i < n; i++) {
		int k;
		if (terms[i].kind != 'f')
			continue;
		if (!meaning[i][0] || !meaning[i][1] || strcmp(meaning[i][0], meaning[i][1]) != 0) {
			*col = terms[i].tok->col;
			return -1;
		}
		k = type == RT_WEEKDAY ? index_of(meaning[i][0], ohours_wd_canon, 7)
				       : index_of(meaning[i][0], ohours_mon_canon, 12);
		if (k >= 0)
			terms[i].tok->num = k;
	}
	return 0;
}

int ohours_resolve(struct rtokens *rt, long *col)
{
	size_t i;

	for (i = 0; i < rt->n; i++)
		if (resolve_type(&rt->r[i], RT_WEEKDAY, col) < 0 ||
		    resolve_type(&rt->r[i], RT_MONTH, col) < 0)
			return -1;
	return 0;
}
