/*
 * minutes: the parse of minutes.h (minutes_parse): a walk over the blocks
 * of minutes_text.c that tells sections (attendees, topics, action points,
 * author, next meetings) from the preamble (group, date, place) and the
 * body (updates), and hands each to its part (minutes_int.h lists them).
 * Here too: matching the rules for every part, keeping strings, sentences.
 *
 * Ownership: struct minutes owns everything it points to (arrays, and its
 * arena for every string) until minutes_release; the parser's own state
 * is freed before minutes_parse returns.
 */
#include "minutes_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textfold.h"
#include "xalloc.h"
#include "banned.h"

/* ------------------------------------------------------------------ */
/* Rules and strings                                                    */

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

/* The keys of the abbreviations of the rules, made once a parse. */
static void load_abbrevs(struct parser *ps)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n;
	const struct rules_entry *const *v = rules_entries(ps->r, MINUTES_RULES_ABBREV, &n);

	for (i = 0; i < n; i++) {
		word_key(&sb, v[i]->text, 0, strlen(v[i]->text));
		if (sb.len > ps->abbrev_max)
			ps->abbrev_max = sb.len;
		XALLOC_GROW(ps->abbrevs, ps->nabbrevs + 1, ps->abbrevs_alloc);
		ps->abbrevs[ps->nabbrevs++] = strbuf_detach(&sb, NULL);
	}
}

int minutes_is_abbrev(struct parser *ps, const char *s, size_t a, size_t b)
{
	size_t i;

	/* a letter is at most four bytes, and a dot may follow each */
	if (b - a > 5 * ps->abbrev_max + 2)
		return 0;
	word_key(&ps->tmp, s, a, b);
	if (!ps->tmp.len)
		return 0;
	for (i = 0; i < ps->nabbrevs; i++)
		if (!strcmp(ps->tmp.buf, ps->abbrevs[i]))
			return 1;
	return 0;
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

/* ---- sections ---- */

static size_t noise_end(struct parser *ps, const struct minutes_block *bl)
{
	const struct rules_entry *e;
	size_t s0, e0;

	if (!minutes_match(ps, MINUTES_RULES_NOISE, bl->text, bl->len, 0, 1, &e))
		return 0;
	rules_rx_span(e->rx, &s0, &e0);
	while (e0 < bl->len && bl->text[e0] == ' ')
		e0++;
	return e0;
}

enum section minutes_classify(struct parser *ps, const struct minutes_block *bl, size_t from,
			     size_t *rest)
{
	static const struct {
		enum minutes_rules_kind kind;
		enum section section;
	} anchored[] = {
		{ MINUTES_RULES_ATTENDEES, S_ATTENDEES }, { MINUTES_RULES_ABSENT, S_ABSENT },
		{ MINUTES_RULES_TOPICS, S_TOPICS }, { MINUTES_RULES_ACTIONS, S_ACTIONS },
		{ MINUTES_RULES_AUTHOR, S_AUTHOR }, { MINUTES_RULES_NEXT, S_NEXT },
	};
	const struct rules_entry *e;
	struct head h;
	size_t i, s0;

	for (i = 0; i < sizeof anchored / sizeof *anchored; i++) {
		if (minutes_match(ps, anchored[i].kind, bl->text, bl->len, from, 1, &e)) {
			rules_rx_span(e->rx, &s0, rest);
			return anchored[i].section;
		}
	}
	if (ps->body && minutes_match(ps, MINUTES_RULES_NEXT, bl->text, bl->len, from, 0, &e) &&
	    !minutes_find_head(ps, bl, from, bl->len, &h)) {
		rules_rx_span(e->rx, &s0, rest);
		return S_NEXT;
	}
	return S_NONE;
}

/* Items following a heading, as topics or action points. */
static size_t follow_items(struct parser *ps, size_t j, const char ***v, size_t *n,
			   size_t *alloc, int topics)
{
	const struct minutes_block *bl;
	struct head h;
	size_t rest;

	for (; j < ps->b->n; j++) {
		bl = &ps->b->v[j];
		ps->line = bl->line;
		if ((bl->kind != MINUTES_ITEM && bl->kind != MINUTES_NUMBERED) ||
		    minutes_classify(ps, bl, 0, &rest) != S_NONE ||
		    minutes_find_head(ps, bl, 0, bl->len, &h))
			break;
		if (!topics || bl->level == 0)
			minutes_push(v, n, alloc, minutes_keep(ps, bl->text, 0, bl->len));
	}
	return j;
}

/* The text after a heading: one entry per input line. */
static void rest_lines(struct parser *ps, const struct minutes_block *bl, size_t a,
		       const char ***v, size_t *n, size_t *alloc)
{
	size_t i, start = a, end;

	for (i = 0; i <= bl->nstarts; i++) {
		end = i < bl->nstarts ? minutes_line_start(bl, i) : bl->len;
		if (end <= start)
			continue;
		trim(bl->text, &start, &end);
		if (start < end)
			minutes_push(v, n, alloc, minutes_keep(ps, bl->text, start, end));
		start = end;
	}
}

/* ---- the walk ---- */

static void preamble(struct parser *ps, long i, size_t from)
{
	const struct minutes_block *bl = &ps->b->v[i];
	const struct rules_entry *e;
	size_t a, b;

	if (!ps->have_date && minutes_meeting_date(ps, i, from)) {
		ps->body = 1;
		return;
	}
	if (bl->kind == MINUTES_HEADING) {
		if (ps->heading_block < 0)
			ps->heading_block = i;
		return;
	}
	if (bl->len > 240)
		return;
	if (minutes_match(ps, MINUTES_RULES_GROUP, bl->text, bl->len, from, 0, &e)) {
		int cap = rules_rx_group(e->rx, "group", &a, &b);
		if (ps->group_block < 0 || (cap && !ps->group_label)) {
			ps->group_block = i;
			ps->group_label = cap;
		}
	}
	ps->title_block = i;
}

/* Where bl splits into several updates: the lines that start with a name. */
static size_t cuts(struct parser *ps, const struct minutes_block *bl, size_t from, size_t *cut,
		   size_t max)
{
	struct head h;
	size_t i, n = 0;

	cut[n++] = from;
	for (i = 0; i < bl->nstarts && n < max; i++)
		if (minutes_line_start(bl, i) > from && minutes_line_stop(bl, i) &&
		    minutes_find_head(ps, bl, minutes_line_start(bl, i), bl->len, &h))
			cut[n++] = minutes_line_start(bl, i);
	return n;
}

static uint64_t topic_hash(const struct parser *ps, size_t i)
{
	const unsigned char *s = (const unsigned char *)ps->m->topics[i];
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ *s) * 1099511628211ULL;
	return h;
}

static int same_topic(const struct parser *ps, size_t i, size_t j)
{
	return !strcmp(ps->m->topics[i], ps->m->topics[j]);
}

/* A topic from a numbered item, unless the same was one before. */
static void add_topic(struct parser *ps, const char *t, size_t a, size_t b)
{
	struct minutes *m = ps->m;

	minutes_push(&m->topics, &m->ntopics, &m->topics_alloc, minutes_keep(ps, t, a, b));
	if (!minutes_set_add(ps, &ps->seen_topics, m->ntopics - 1, topic_hash, same_topic))
		m->ntopics--;
}

/* Action points at the starts of the sentences of bl->text[s..end). */
static int actions_in(struct parser *ps, const struct minutes_block *bl, size_t s, size_t end)
{
	const struct rules_entry *e;
	struct span *sen = NULL;
	size_t alloc = 0, n, k, a, b;
	int found = 0;

	n = minutes_sentences(ps, bl->text + s, end - s, &sen, &alloc);
	for (k = 0; k < n; k++) {
		if (!minutes_match(ps, MINUTES_RULES_ACTION, bl->text, s + sen[k].b, s + sen[k].a, 1,
				   &e))
			continue;
		minutes_group_or_all(e, "text", &a, &b);
		minutes_push(&ps->m->actions, &ps->m->nactions, &ps->m->actions_alloc,
		     minutes_keep(ps, bl->text, a, b));
		found = 1;
	}
	free(sen);
	return found;
}

/* A name alone ("Sova") whose update is in the sub-items that follow. */
static int heading_over_items(struct parser *ps, long i, size_t s)
{
	const struct minutes_block *bl = &ps->b->v[i];

	return bl->level == 0 && (size_t)i + 1 < ps->b->n && ps->b->v[i + 1].level == 1 &&
	       !ends_stop(bl->text, bl->len) && minutes_head_ok(ps, bl->text, s, bl->len);
}

static void body(struct parser *ps, long i, size_t from)
{
	const struct minutes_block *bl = &ps->b->v[i];
	struct minutes *m = ps->m;
	struct head h;
	size_t cut[64], n, k, s, end;

	if (from >= bl->len)
		return;
	if (bl->level == 0 && ps->cur >= 0 && !ps->text.len &&
	    !minutes_find_head(ps, bl, from, bl->len, &h)) {
		/* "Name" alone, then its text */
		minutes_append_update(ps, bl->text, from, bl->len);
		return;
	}
	if (bl->level == 1 && ps->cur >= 0 &&
	    !(minutes_find_head(ps, bl, from, bl->len, &h) && h.org &&
	      h.org != m->updates[ps->cur].org)) {
		minutes_append_update(ps, bl->text, from, bl->len);
		return;
	}
	n = cuts(ps, bl, from, cut, sizeof cut / sizeof *cut);
	for (k = 0; k < n && !ps->failed; k++) {
		s = cut[k];
		end = k + 1 < n ? cut[k + 1] : bl->len;
		if (minutes_find_head(ps, bl, s, end, &h)) {
			h.text_b = end;
			minutes_add_update(ps, bl, &h);
			continue;
		}
		ps->cur = -1;
		if (k == 0 && heading_over_items(ps, i, s)) {
			h.org_a = s;
			h.org_b = h.text_a = h.text_b = bl->len;
			h.org = NULL;
			minutes_add_update(ps, bl, &h);
		} else if (actions_in(ps, bl, s, end)) {
			continue;
		} else if (bl->kind == MINUTES_NUMBERED && bl->level == 0 && end - s <= 120) {
			if (!ps->topics_listed)
				add_topic(ps, bl->text, s, end);
		} else if (!ps->have_date && !m->nupdates) {
			minutes_meeting_date(ps, i, s);
		}
	}
}

static void add_next_ref(struct parser *ps, size_t block, size_t from)
{
	XALLOC_GROW(ps->nexts, ps->nnexts + 1, ps->nexts_alloc);
	ps->nexts[ps->nnexts].a = block;
	ps->nexts[ps->nnexts++].b = from;
}

/* A heading announcing the next meetings, with the dates in it or in the next block. */
static int next_section(struct parser *ps, size_t *i, size_t rest)
{
	const struct minutes_block *bl = &ps->b->v[*i];

	if (minutes_count_dates(ps, bl->text, bl->len, rest)) {
		add_next_ref(ps, *i, rest);
		return 1;
	}
	if (*i + 1 < ps->b->n &&
	    minutes_count_dates(ps, ps->b->v[*i + 1].text, ps->b->v[*i + 1].len, 0)) {
		add_next_ref(ps, ++*i, 0);
		return 1;
	}
	return 0;
}

static void walk(struct parser *ps)
{
	struct minutes *m = ps->m;
	size_t i, from, rest;
	struct span label;

	for (i = 0; i < ps->b->n && !ps->failed; i++) {
		const struct minutes_block *bl = &ps->b->v[i];
		ps->line = bl->line;
		from = noise_end(ps, bl);
		if (minutes_place_label(ps, bl->text, bl->len, from, &label) && !m->nupdates) {
			m->place = minutes_place_text(ps, bl->text, label.a, label.b);
			continue;
		}
		switch (minutes_classify(ps, bl, from, &rest)) {
		case S_ATTENDEES:
		case S_ABSENT: {
			int all, keep_them = minutes_classify(ps, bl, from, &rest) == S_ATTENDEES;
			ps->body = 1;
			minutes_names(ps, bl, rest, bl->len, keep_them, &all);
			i = minutes_follow_names(ps, i + 1, keep_them) - 1;
			ps->cur = -1;
			continue;
		}
		case S_TOPICS:
			ps->body = 1;
			ps->topics_listed = 1;
			rest_lines(ps, bl, rest, &m->topics, &m->ntopics, &m->topics_alloc);
			i = follow_items(ps, i + 1, &m->topics, &m->ntopics, &m->topics_alloc, 1) - 1;
			continue;
		case S_ACTIONS:
			rest_lines(ps, bl, rest, &m->actions, &m->nactions, &m->actions_alloc);
			i = follow_items(ps, i + 1, &m->actions, &m->nactions, &m->actions_alloc, 0) - 1;
			ps->cur = -1;
			continue;
		case S_AUTHOR:
			i += minutes_author(ps, i, rest);
			ps->cur = -1;
			continue;
		case S_NEXT:
			if (next_section(ps, &i, rest)) {
				ps->cur = -1;
				continue;
			}
			break;
		case S_NONE:
			break;
		}
		if (!ps->body)
			preamble(ps, (long)i, from);
		else
			body(ps, (long)i, from);
	}
}

static const char *group(struct parser *ps)
{
	const struct minutes_block *bl;
	const struct rules_entry *e;
	struct textdate dt;
	size_t a, b;
	long k = ps->group_block >= 0 ? ps->group_block : ps->title_block;

	if (k < 0 && ps->date_block >= 0) {
		bl = &ps->b->v[ps->date_block];
		if (minutes_find_date(ps, bl->text, bl->len, 0, &dt) &&
		    minutes_match(ps, MINUTES_RULES_GROUP, bl->text, dt.start, 0, 0, NULL)) {
			a = 0;
			b = dt.start;
			minutes_strip_fillers(ps, bl->text, &a, &b);
			return a < b ? minutes_keep(ps, bl->text, a, b) : NULL;
		}
	}
	if (k < 0)
		k = ps->heading_block;
	if (k < 0)
		return NULL;
	bl = &ps->b->v[k];
	a = 0;
	b = bl->len;
	if (minutes_match(ps, MINUTES_RULES_GROUP, bl->text, bl->len, 0, 0, &e))
		rules_rx_group(e->rx, "group", &a, &b);
	trim(bl->text, &a, &b);
	if (b > a && bl->text[b - 1] == '.' && !minutes_dot_is_abbrev(ps, bl->text, a, b - 1))
		b--;
	return minutes_keep(ps, bl->text, a, b);
}

/* The meeting date when no block before the updates gave one. */
static void any_date(struct parser *ps)
{
	size_t i;

	for (i = 0; i < ps->b->n && !ps->have_date && !ps->failed; i++)
		minutes_meeting_date(ps, (long)i, 0);
}

static void finish(struct parser *ps)
{
	struct minutes *m = ps->m;
	size_t i;

	minutes_end_update(ps);
	for (i = 0; i < m->nupdates && !ps->failed; i++)
		minutes_capacity_read(ps, i);
	for (i = 0; i < ps->nnexts && !ps->failed; i++) {
		ps->line = ps->b->v[ps->nexts[i].a].line;
		minutes_next_meetings(ps, &ps->b->v[ps->nexts[i].a], ps->nexts[i].b);
	}
	m->group = group(ps);
}

int minutes_parse(struct minutes *m, const struct minutes_params *p, const char *name,
		  const char *text, size_t len, struct diag *d)
{
	struct minutes_blocks b;
	struct parser ps;
	size_t i;

	unsigned long long work0 = rules_work(&p->rules->rules);

	memset(m, 0, sizeof *m);
	m->when.hour = -1;
	if (minutes_blocks(&b, name, text, len, p->rules, d) < 0)
		return -1;
	memset(&ps, 0, sizeof ps);
	ps.m = m;
	ps.p = p;
	ps.r = &p->rules->rules;
	ps.months = p->rules->months;
	ps.b = &b;
	ps.name = name;
	ps.d = d;
	ps.date_block = ps.group_block = ps.title_block = ps.heading_block = ps.cur = -1;
	strbuf_init(&ps.tmp, 0);
	strbuf_init(&ps.tmp2, 0);
	strbuf_init(&ps.text, 0);
	minutes_load_keys(&ps);
	load_abbrevs(&ps);
	walk(&ps);
	if (!ps.have_date && !ps.failed)
		any_date(&ps);
	if (!ps.have_date && p->date != MINUTES_NO_DATE) {
		m->when.day = p->date;
		ps.have_date = 1;
	}
	if (ps.have_date && !ps.failed)
		finish(&ps);
	m->work += b.work + rules_work(ps.r) - work0;
	strbuf_release(&ps.text);
	free(ps.nexts);
	minutes_set_release(&ps.seen_next);
	for (i = 0; i < ps.nabbrevs; i++)
		free(ps.abbrevs[i]);
	free(ps.abbrevs);
	minutes_set_release(&ps.seen_topics);
	for (i = 0; i < ps.nkeys; i++)
		free(ps.keys[i].key);
	free(ps.keys);
	strbuf_release(&ps.tmp);
	strbuf_release(&ps.tmp2);
	minutes_blocks_release(&b);
	if (!ps.failed && !ps.have_date) {
		diag_set(d, DIAG_DATA, name, 0, 0, "no meeting date found in the minutes");
		diag_hint(d, "give it with --date YYYY-MM-DD");
	}
	if (ps.failed || !ps.have_date) {
		minutes_release(m);
		return -1;
	}
	return 0;
}

void minutes_release(struct minutes *m)
{
	free(m->warnings);
	free(m->topics);
	free(m->attendees);
	free(m->actions);
	free(m->updates);
	free(m->capacity);
	free(m->next);
	arena_release(&m->arena);
	memset(m, 0, sizeof *m);
}
