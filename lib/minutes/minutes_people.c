/*
 * minutes_people: the people of minutes: the attendees (lists of names
 * after a heading such as "Přítomni:", split at commas or lines) and the
 * author (the name after "Zapsal:").
 *
 * Ownership: names kept go to the minutes' arena; spans are freed here.
 */
#include "minutes_int.h"

#include <stdlib.h>
#include <string.h>

#include "textfold.h"
#include "banned.h"

/* ---- names ---- */

/* What may follow a name in a list: "(Org)", "– Org", ", Org". */
static int org_suffix_ok(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i;

	for (i = a; i < b; i++)
		if (is_digit(t[i]))
			return 0;
	return count_words(t, a, b) <= 8 &&
	       !minutes_match(ps, MINUTES_RULES_NOT_ORG, t, b, a, 0, NULL);
}

static int name_like(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i, n, w, words = 0, capitals = 0;
	uint32_t cp;

	trim(t, &a, &b);
	for (i = a; i < b; i++) {
		if (t[i] == '(' || (i > a && t[i - 1] == ' ' && (t[i] == '-' ||
		    (i + 2 < b && !memcmp(t + i, "\xE2\x80\x93", 3))))) {
			if (!org_suffix_ok(ps, t, i, b))
				return 0;
			b = i;
			break;
		}
	}
	trim(t, &a, &b);
	if (a >= b || utf8_chars(t + a, b - a) > 60)
		return 0;
	for (i = a; i < b; i++)
		if (is_digit(t[i]) || strchr(":;!?\"", t[i]))
			return 0;
	for (i = a; i < b; i = w) {
		while (i < b && t[i] == ' ')
			i++;
		for (w = i; w < b && t[w] != ' '; w++)
			;
		if (w == i)
			break;
		words++;
		cp = cp_at(t, w, i, &n);
		if (minutes_is_abbrev(ps, t, i, w))
			continue;
		if (textfold_is_upper(cp))
			capitals++;
		else if (!(textfold_is_lower(cp) && utf8_chars(t + i, w - i) <= 3 && i > a && w < b))
			return 0;
		if (t[w - 1] == '.' && utf8_chars(t + i, w - i) > 2)
			return 0;
	}
	return capitals > 0 && words <= 6;
}

/* The end of t[a..b) before a bracket, trimmed. */
static size_t bracket(const char *t, size_t a, size_t b)
{
	const char *p = memchr(t + a, '(', b - a);

	if (p)
		b = (size_t)(p - t);
	trim(t, &a, &b);
	return b;
}

/* Pieces of a list of names: split at commas and semicolons outside brackets, else at lines. */
static size_t name_pieces(const struct minutes_block *bl, size_t a, size_t b, struct span **v,
			  size_t *alloc)
{
	size_t i, n = 0, start = a, line = 0;
	int depth = 0, commas = 0;

	for (i = a; i < b; i++) {
		depth += bl->text[i] == '(' ? 1 : bl->text[i] == ')' && depth ? -1 : 0;
		commas += !depth && (bl->text[i] == ',' || bl->text[i] == ';');
	}
	for (i = a; i <= b; i++) {
		int cut = i == b;
		if (i < b) {
			depth += bl->text[i] == '(' ? 1 : bl->text[i] == ')' && depth ? -1 : 0;
			while (line < bl->nstarts && minutes_line_start(bl, line) < i)
				line++;
			cut = commas ? !depth && (bl->text[i] == ',' || bl->text[i] == ';')
				     : line < bl->nstarts && minutes_line_start(bl, line) == i;
		}
		if (!cut)
			continue;
		minutes_add_span(v, &n, alloc, start, i);
		start = commas ? i + 1 : i;
	}
	return n;
}

/*
 * The names in bl->text[a..b): appended to the attendees when keep; returns
 * how many pieces were names, and *all whether every piece was.
 */
size_t minutes_names(struct parser *ps, const struct minutes_block *bl, size_t a, size_t b,
		    int keep_them, int *all)
{
	struct span *v = NULL, *out = NULL;
	size_t n, i, alloc = 0, nout = 0, out_alloc = 0, s0, e0, good = 0;
	const struct rules_entry *conj;

	n = name_pieces(bl, a, b, &v, &alloc);
	for (i = 0; i < n; i++) {
		size_t pa = v[i].a, pb = v[i].b;
		trim(bl->text, &pa, &pb);
		if (pa == pb)
			continue;
		if (nout && minutes_is_abbrev(ps, bl->text, pa, bracket(bl->text, pa, pb))) {
			out[nout - 1].b = pb;
			continue;
		}
		if (minutes_match(ps, MINUTES_RULES_CONJ, bl->text, pb, pa, 0, &conj)) {
			rules_rx_span(conj->rx, &s0, &e0);
			if (name_like(ps, bl->text, pa, s0) && name_like(ps, bl->text, e0, pb)) {
				minutes_add_span(&out, &nout, &out_alloc, pa, s0);
				minutes_add_span(&out, &nout, &out_alloc, e0, pb);
				continue;
			}
		}
		minutes_add_span(&out, &nout, &out_alloc, pa, pb);
	}
	*all = nout > 0;
	for (i = 0; i < nout; i++) {
		if (!name_like(ps, bl->text, out[i].a, out[i].b)) {
			*all = 0;
			continue;
		}
		good++;
		if (keep_them)
			minutes_push(&ps->m->attendees, &ps->m->nattendees, &ps->m->attendees_alloc,
			     minutes_keep(ps, bl->text, out[i].a, out[i].b));
	}
	free(v);
	free(out);
	return good;
}


size_t minutes_follow_names(struct parser *ps, size_t j, int keep_them)
{
	const struct minutes_block *bl;
	size_t rest;
	int all;

	for (; j < ps->b->n; j++) {
		bl = &ps->b->v[j];
		ps->line = bl->line;
		if (bl->kind == MINUTES_HEADING || minutes_classify(ps, bl, 0, &rest) != S_NONE)
			break;
		minutes_names(ps, bl, 0, bl->len, 0, &all);
		if (!all)
			break;
		minutes_names(ps, bl, 0, bl->len, keep_them, &all);
	}
	return j;
}

size_t minutes_author(struct parser *ps, size_t i, size_t rest)
{
	const struct minutes_block *bl = &ps->b->v[i];
	struct textdate dt;
	size_t a = rest, b = bl->len, used = 0;

	trim(bl->text, &a, &b);
	if (a == b && i + 1 < ps->b->n && ps->b->v[i + 1].len <= 80) {
		bl = &ps->b->v[++i];
		a = 0;
		b = bl->len;
		used = 1;
	}
	if (minutes_find_date(ps, bl->text, b, a, &dt))
		b = dt.start;
	minutes_strip_fillers(ps, bl->text, &a, &b);
	if (a < b && !ps->m->author)
		ps->m->author = minutes_keep(ps, bl->text, a, b);
	return used;
}
