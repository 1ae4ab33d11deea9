/*
 * minutes_match: what every part of the parser uses: matching the rules
 * (one at a place, or scanning a text for all of a kind without going
 * over it again), word sets and hash sets, keeping strings, numbers,
 * sentences, warnings.
 *
 * Ownership: strings kept go to the minutes' arena; a scan and a set own
 * their arrays until released.
 */
#include "minutes_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textfold.h"
#include "xalloc.h"
#include "banned.h"

void minutes_fail(struct parser *ps)
{
	ps->failed = 1;
	snprintf(ps->d->file, sizeof ps->d->file, "%s", ps->name);
	ps->d->line = ps->line;
	ps->d->col = 0;
}

int minutes_match(struct parser *ps, enum minutes_rules_kind kind, const char *s, size_t len,
		  size_t from, int anchored, const struct rules_entry **e)
{
	const struct rules_entry *ignored;
	int rc;

	if (ps->failed || from > len)
		return 0;
	rc = rules_match(ps->r, (size_t)kind, s, len, from, anchored, e ? e : &ignored, ps->d);
	if (rc < 0)
		minutes_fail(ps);
	return rc > 0;
}

int minutes_exec(struct parser *ps, struct rules_rx *rx, const char *s, size_t len, size_t from)
{
	int rc;

	if (ps->failed || from > len)
		return 0;
	rc = rules_rx_exec(rx, s, len, from, 0, ps->d);
	if (rc < 0)
		minutes_fail(ps);
	return rc > 0;
}

void minutes_scan_init(struct parser *ps, struct minutes_scan *sc, enum minutes_rules_kind kind,
		       const char *s, size_t len)
{
	(void)rules_entries(ps->r, (size_t)kind, &sc->n);
	sc->kind = kind;
	sc->s = s;
	sc->len = len;
	sc->at = xcalloc(sc->n ? sc->n : 1, sizeof *sc->at);
}

int minutes_scan(struct parser *ps, struct minutes_scan *sc, size_t from,
		 const struct rules_entry **e)
{
	const struct rules_entry *const *v = rules_entries(ps->r, (size_t)sc->kind, &sc->n);
	size_t i, best = (size_t)-1, bi = 0, s0, e0;

	*e = NULL;
	if (ps->failed || from > sc->len)
		return 0;
	for (i = 0; i < sc->n; i++) {
		struct minutes_scan_at *at = &sc->at[i];
		if (!v[i]->rx)
			continue;
		/* an answer for an earlier from holds until from passes what it found */
		if (!at->state || at->from > from || (at->state == 1 && at->start < from)) {
			at->from = from;
			at->state = 2;
			if (minutes_exec(ps, v[i]->rx, sc->s, sc->len, from)) {
				rules_rx_span(v[i]->rx, &s0, &e0);
				at->start = s0;
				at->state = 1;
			}
			if (ps->failed)
				return 0;
		}
		if (at->state == 1 && at->start < best) {
			best = at->start;
			bi = i;
		}
	}
	if (best == (size_t)-1)
		return 0;
	/* the rule found, matched again there, for its groups */
	if (!minutes_exec(ps, v[bi]->rx, sc->s, sc->len, best))
		return 0;
	*e = v[bi];
	return 1;
}

void minutes_scan_release(struct minutes_scan *sc)
{
	free(sc->at);
	sc->at = NULL;
}

/* The span of a rule's named group, or of its whole match. */
void minutes_group_or_all(const struct rules_entry *e, const char *group, size_t *a, size_t *b)
{
	if (!rules_rx_group(e->rx, group, a, b))
		rules_rx_span(e->rx, a, b);
}

const char *minutes_keep(struct parser *ps, const char *s, size_t a, size_t b)
{
	trim(s, &a, &b);
	return arena_strndup(&ps->m->arena, s + a, b - a);
}

void minutes_push(const char ***v, size_t *n, size_t *alloc, const char *s)
{
	XALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = s;
}

long minutes_number_at(const char *s, size_t a, size_t b)
{
	long v = 0;

	for (; a < b && is_digit(s[a]) && v < 1000000; a++)
		v = v * 10 + (s[a] - '0');
	return v;
}

long minutes_number(struct parser *ps, const char *s, size_t a, size_t b)
{
	const struct rules_entry *const *v;
	size_t i, n;

	if (a < b && is_digit(s[a]))
		return minutes_number_at(s, a, b);
	v = rules_entries(ps->r, MINUTES_RULES_NUMWORD, &n);
	strbuf_reset(&ps->tmp);
	textfold_append(&ps->tmp, s + a, b - a, TEXTFOLD_BASE);
	for (i = 0; i < n; i++) {
		strbuf_reset(&ps->tmp2);
		textfold_append(&ps->tmp2, v[i]->text, strlen(v[i]->text), TEXTFOLD_BASE);
		if (!strcmp(ps->tmp.buf, ps->tmp2.buf))
			return strtol(v[i]->tag, NULL, 10);
	}
	return -1;
}

/* Folded, without dots: "Ph.D." -> "phd". */
static void word_key(struct strbuf *sb, const char *s, size_t a, size_t b)
{
	size_t i, k = 0;

	strbuf_reset(sb);
	textfold_append(sb, s + a, b - a, TEXTFOLD_BASE);
	for (i = 0; i < sb->len; i++)
		if (sb->buf[i] != '.')
			sb->buf[k++] = sb->buf[i];
	strbuf_setlen(sb, k);
}

/* The keys of the words of a kind of the rules, made once a parse. */
void minutes_load_words(struct parser *ps, enum minutes_rules_kind kind, struct wordset *ws)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n;
	const struct rules_entry *const *v = rules_entries(ps->r, (size_t)kind, &n);

	for (i = 0; i < n; i++) {
		word_key(&sb, v[i]->text, 0, strlen(v[i]->text));
		if (sb.len > ws->max)
			ws->max = sb.len;
		XALLOC_GROW(ws->v, ws->n + 1, ws->alloc);
		ws->v[ws->n++] = strbuf_detach(&sb, NULL);
	}
}

void minutes_release_words(struct wordset *ws)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		free(ws->v[i]);
	free(ws->v);
}

int minutes_in_words(struct parser *ps, const struct wordset *ws, const char *s, size_t a, size_t b)
{
	size_t i;

	/* a letter is at most four bytes, and a dot may follow each */
	if (b <= a || b - a > 5 * ws->max + 2)
		return 0;
	word_key(&ps->tmp, s, a, b);
	if (!ps->tmp.len)
		return 0;
	for (i = 0; i < ws->n; i++)
		if (!strcmp(ps->tmp.buf, ws->v[i]))
			return 1;
	return 0;
}

int minutes_is_abbrev(struct parser *ps, const char *s, size_t a, size_t b)
{
	return minutes_in_words(ps, &ps->abbrevs, s, a, b);
}

/* The dot at s[i] ends an abbreviation or an initial ("Mgr.", "J.", "m.in."). */
int minutes_dot_is_abbrev(struct parser *ps, const char *s, size_t from, size_t i)
{
	size_t a = i;

	for (;;) {
		while (a > from && textfold_is_letter(cp_before(s, a)))
			a = back_one(s, a);
		if (a > from + 1 && s[a - 1] == '.' && textfold_is_letter(cp_before(s, a - 1)))
			a--;
		else
			break;
	}
	if (a == i)
		return 0;
	return utf8_chars(s + a, i - a) == 1 || minutes_is_abbrev(ps, s, a, i);
}

int minutes_line_start_at(struct parser *ps, const struct minutes_block *bl, size_t at)
{
	size_t lo = 0, hi = bl->nstarts, mid;

	while (lo < hi) {
		ps->m->work++;
		mid = lo + (hi - lo) / 2;
		if (minutes_line_start(bl, mid) < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < bl->nstarts && minutes_line_start(bl, lo) == at;
}

static void set_put(struct minutes_set *s, uint64_t h, size_t i)
{
	size_t k;

	for (k = h & (s->nslots - 1); s->slot[k]; k = (k + 1) & (s->nslots - 1))
		;
	s->slot[k] = (uint32_t)i + 1;
}

int minutes_set_add(struct parser *ps, struct minutes_set *s, size_t i, minutes_hash_fn *hash,
		    minutes_same_fn *same)
{
	uint64_t h = hash(ps, i);
	size_t k;

	for (k = h & (s->nslots - 1); s->nslots && s->slot[k]; k = (k + 1) & (s->nslots - 1)) {
		ps->m->work++;
		if (same(ps, s->slot[k] - 1, i))
			return 0;
	}
	if (2 * (s->n + 1) > s->nslots) {
		struct minutes_set bigger = { NULL, s->nslots ? 2 * s->nslots : 64, 0 };
		bigger.slot = xcalloc(bigger.nslots, sizeof *bigger.slot);
		for (k = 0; k < s->nslots; k++)
			if (s->slot[k])
				set_put(&bigger, hash(ps, s->slot[k] - 1), s->slot[k] - 1);
		ps->m->work += s->nslots;
		free(s->slot);
		s->slot = bigger.slot;
		s->nslots = bigger.nslots;
	}
	set_put(s, h, i);
	s->n++;
	return 1;
}

void minutes_set_release(struct minutes_set *s)
{
	free(s->slot);
	memset(s, 0, sizeof *s);
}

long minutes_line_at(const struct minutes_block *bl, size_t at)
{
	size_t lo = 0, hi = bl->nstarts, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (minutes_line_start(bl, mid) <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)bl->line + (long)lo;
}

void minutes_warn(struct parser *ps, const struct minutes_block *bl, size_t at, const char *fmt,
		  ...)
{
	struct minutes *m = ps->m;
	va_list ap;

	if (m->nwarnings++ >= MINUTES_WARNINGS_MAX)
		return;
	if (!m->warnings)
		m->warnings = xcalloc(MINUTES_WARNINGS_MAX, sizeof *m->warnings);
	va_start(ap, fmt);
	diag_vset(&m->warnings[m->nwarnings - 1], DIAG_DATA, ps->name, minutes_line_at(bl, at), 0,
		  fmt, ap);
	va_end(ap);
}

/* Where the sentence that goes on at t[a] ends. */
size_t minutes_sentence_end(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i, k, n;

	for (i = a; i < b; i++) {
		if (!strchr(".!?;", t[i]) || i + 1 >= b || !is_space(t[i + 1]))
			continue;
		for (k = i + 1; k < b && is_space(t[k]); k++)
			;
		if (t[i] != ';' && !textfold_is_upper(cp_at(t, b, k, &n)))
			continue;
		if (t[i] == '.' && minutes_dot_is_abbrev(ps, t, a, i))
			continue;
		return i;
	}
	return b;
}

int minutes_find_date(struct parser *ps, const char *s, size_t len, size_t from,
		      struct textdate *out)
{
	int found = textdate_find(s, len, from, ps->months, out);

	ps->m->work += 1 + (found ? out->end : len) - from;
	return found;
}

int minutes_find_numeric_time(struct parser *ps, const char *s, size_t len, size_t from,
			      struct textdate_time *out)
{
	int found = textdate_find_time(s, len, from, ps->months, out);

	ps->m->work += 1 + (found ? out->end : len) - from;
	return found;
}

void minutes_add_span(struct span **v, size_t *n, size_t *alloc, size_t a, size_t b)
{
	XALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[*n].a = a;
	(*v)[(*n)++].b = b;
}

size_t minutes_sentences(struct parser *ps, const char *t, size_t len, struct span **v,
			 size_t *alloc)
{
	size_t i, n = 0, start = 0, k, cn;
	uint32_t next;

	for (i = 0; i < len; i++) {
		if (!strchr(".!?;", t[i]) || i + 1 >= len || t[i + 1] != ' ')
			continue;
		for (k = i + 1; k < len && t[k] == ' '; k++)
			;
		next = cp_at(t, len, k, &cn);
		if (t[i] != ';' && !textfold_is_upper(next) && next != 0x201E && next != '"')
			continue;
		if (t[i] == '.' && minutes_dot_is_abbrev(ps, t, start, i))
			continue;
		minutes_add_span(v, &n, alloc, start, i + 1);
		start = k;
	}
	if (start < len)
		minutes_add_span(v, &n, alloc, start, len);
	return n;
}
