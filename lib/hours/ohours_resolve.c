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

#define MAX_CANDS 24

struct cand {
	char meaning[4], lang[8];
};

struct term {
	struct rtok *tok;
	char kind; /* 'c', 'u', 'f', or 0: unknown to it */
	struct cand c[MAX_CANDS];
	int nc;
};

static void classify(struct term *t, char type)
{
	size_t i;

	t->kind = 0;
	t->nc = 0;
	for (i = 0; i < ohours_nword_classes; i++) {
		const struct ohours_word_class *w = &ohours_word_classes[i];
		const char *p;
		if (w->type != type || strcmp(w->word, t->tok->raw) != 0)
			continue;
		t->kind = w->kind;
		for (p = w->meanings; *p && t->nc < MAX_CANDS;) {
			const char *sp = strchr(p, ' '), *end = strchr(p, ',');
			struct cand *c = &t->c[t->nc++];
			if (!end)
				end = p + strlen(p);
			memset(c, 0, sizeof *c);
			memcpy(c->meaning, p,
			       (size_t)(sp - p) < sizeof c->meaning ? (size_t)(sp - p) : 3);
			memcpy(c->lang, sp + 1,
			       (size_t)(end - sp - 1) < sizeof c->lang ? (size_t)(end - sp - 1)
								       : 7);
			p = *end ? end + 1 : end;
		}
		return;
	}
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

static int resolve_type(struct rrule *r, enum rtok_type type)
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
		if (!meaning[i][0] || !meaning[i][1] || strcmp(meaning[i][0], meaning[i][1]) != 0)
			return -1;
		k = type == RT_WEEKDAY ? index_of(meaning[i][0], ohours_wd_canon, 7)
				       : index_of(meaning[i][0], ohours_mon_canon, 12);
		if (k >= 0)
			terms[i].tok->num = k;
	}
	return 0;
}

int ohours_resolve(struct rtokens *rt)
{
	size_t i;

	for (i = 0; i < rt->n; i++)
		if (resolve_type(&rt->r[i], RT_WEEKDAY) < 0 ||
		    resolve_type(&rt->r[i], RT_MONTH) < 0)
			return -1;
	return 0;
}
