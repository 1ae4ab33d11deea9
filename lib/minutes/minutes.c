/*
 * minutes: the parse of minutes.h (minutes_parse): a walk over the blocks
 * of minutes_text.c that tells sections (attendees, topics, action points,
 * author, next meetings) from the preamble (group, date, place) and the
 * body (updates), and hands each to its part (minutes_int.h lists them);
 * then whether the text is minutes at all.
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

#include "hash.h"
#include "i18n.h"
#include "textfold.h"
#include "xalloc.h"
#include "banned.h"

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
		{ MINUTES_RULES_TOPICS, S_TOPICS },       { MINUTES_RULES_ACTIONS, S_ACTIONS },
		{ MINUTES_RULES_AUTHOR, S_AUTHOR },       { MINUTES_RULES_NEXT, S_NEXT },
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

static uint64_t topic_hash(const struct parser *ps, size_t i)
{
	return hash_bytes(ps->m->topics[i], strlen(ps->m->topics[i]));
}

static int same_topic(const struct parser *ps, size_t i, size_t j)
{
	return !strcmp(ps->m->topics[i], ps->m->topics[j]);
}

/* Without the full stop that ends it ("Otwarcie spotkania."), not an abbreviation's. */
static size_t topic_end(struct parser *ps, const char *t, size_t a, size_t b)
{
	trim(t, &a, &b);
	if (b > a && t[b - 1] == '.' && !minutes_dot_is_abbrev(ps, t, a, b - 1))
		b--;
	return b;
}

/* A topic, unless the same was one before. */
static void add_topic(struct parser *ps, const char *t, size_t a, size_t b)
{
	struct minutes *m = ps->m;

	b = topic_end(ps, t, a, b);
	minutes_push(&m->topics, &m->ntopics, &m->topics_alloc, minutes_keep(ps, t, a, b));
	if (!minutes_set_add(ps, &ps->seen_topics, m->ntopics - 1, topic_hash, same_topic))
		m->ntopics--;
}

/* The text of bl is the topic s. */
static int same_as(struct parser *ps, const char *s, const struct minutes_block *bl)
{
	size_t a = 0, b = topic_end(ps, bl->text, 0, bl->len);

	trim(bl->text, &a, &b);
	return strlen(s) == b - a && !memcmp(s, bl->text + a, b - a);
}

/* Items following a heading, as topics or action points. */
static size_t follow_items(struct parser *ps, size_t j, const char ***v, size_t *n, size_t *alloc,
			   int topics)
{
	const struct minutes_block *bl;
	struct head h;
	size_t rest, first = *n;

	for (; j < ps->b->n; j++) {
		bl = &ps->b->v[j];
		ps->line = bl->line;
		if ((bl->kind != MINUTES_ITEM && bl->kind != MINUTES_NUMBERED) ||
		    minutes_classify(ps, bl, 0, &rest) != S_NONE ||
		    minutes_find_head(ps, bl, 0, bl->len, &h))
			break;
		if (topics && bl->level == 0 && first < *n && same_as(ps, (*v)[first], bl))
			break; /* the agenda again, as the headings of its sections */
		if (topics && bl->level == 0)
			add_topic(ps, bl->text, 0, bl->len);
		else if (!topics)
			minutes_push(v, n, alloc, minutes_keep(ps, bl->text, 0, bl->len));
	}
	return j;
}

/* A number of an item in a line at t[i] ("1)", "2."), and a space: where the item starts, or 0. */
static size_t inline_number(const char *t, size_t i, size_t end)
{
	size_t k = i;

	while (k < end && k - i < 2 && is_digit(t[k]))
		k++;
	if (k == i || k + 1 >= end || (t[k] != ')' && t[k] != '.') || !is_space(t[k + 1]))
		return 0;
	return k + 2;
}

/* Topics of one line: "1) Zahájení, 2) Informace, 3) Různé" parted at their numbers. */
static void line_topics(struct parser *ps, const char *t, size_t start, size_t end)
{
	size_t i, k, piece;

	trim(t, &start, &end);
	if (!(piece = inline_number(t, start, end))) {
		if (start < end)
			add_topic(ps, t, start, end);
		return;
	}
	for (i = piece; i < end; i++) {
		if ((t[i] != ',' && t[i] != ';') || i + 1 >= end || !is_space(t[i + 1]) ||
		    !(k = inline_number(t, i + 2, end)))
			continue;
		add_topic(ps, t, piece, i);
		piece = k;
		i = k - 1;
	}
	add_topic(ps, t, piece, end);
}

/* The text after a heading: one entry per input line (topics: per number too). */
static void rest_lines(struct parser *ps, const struct minutes_block *bl, size_t a, const char ***v,
		       size_t *n, size_t *alloc, int topics)
{
	size_t i, start = a, end;

	for (i = 0; i <= bl->nstarts; i++) {
		end = i < bl->nstarts ? minutes_line_start(bl, i) : bl->len;
		if (end <= start)
			continue;
		if (topics) {
			line_topics(ps, bl->text, start, end);
		} else {
			trim(bl->text, &start, &end);
			if (start < end)
				minutes_push(v, n, alloc, minutes_keep(ps, bl->text, start, end));
		}
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

/*
 * Where bl splits into several updates: the lines that start with a name,
 * or with a person speaking ("p. Víchová informovala, že ..."), which ends
 * the update before it and is none.
 */
static size_t cuts(struct parser *ps, const struct minutes_block *bl, size_t from, size_t *cut,
		   size_t max)
{
	struct head h;
	size_t i, n = 0, at;

	cut[n++] = from;
	for (i = 0; i < bl->nstarts && n < max; i++) {
		at = minutes_line_start(bl, i);
		if (at > from && minutes_line_stop(bl, i) &&
		    (minutes_find_head(ps, bl, at, bl->len, &h) ||
		     minutes_person_speaks(ps, bl->text, at, bl->len)))
			cut[n++] = at;
	}
	return n;
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
		if (!minutes_match(ps, MINUTES_RULES_ACTION, bl->text, s + sen[k].b, s + sen[k].a,
				   1, &e))
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

/* t[a..b) without a remark in brackets that ends it ("Domov Lípa (zasláno e-mailem)"). */
static size_t without_remark(const char *t, size_t a, size_t b)
{
	size_t i;

	trim(t, &a, &b);
	if (b > a && t[b - 1] == ')')
		for (i = b - 1; i > a; i--)
			if (t[i] == '(') {
				b = i;
				trim(t, &a, &b);
				break;
			}
	return b;
}

/* A name alone ("Dům na půl cesty Kotva", "SPOLEČNOST NADĚJE") over the paragraph of its update. */
static int heading_over_text(struct parser *ps, long i, size_t s)
{
	const struct minutes_block *bl = &ps->b->v[i], *next;
	size_t e = without_remark(bl->text, s, bl->len);
	struct head h;

	if ((size_t)i + 1 >= ps->b->n || bl->level || bl->nstarts ||
	    (bl->kind != MINUTES_PARA && bl->kind != MINUTES_HEADING) ||
	    count_words(bl->text, s, e) > 6 || ends_stop(bl->text, e) ||
	    !minutes_head_ok(ps, bl->text, s, e))
		return 0;
	next = &ps->b->v[i + 1];
	return next->kind == MINUTES_PARA && !minutes_find_head(ps, next, 0, next->len, &h);
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
	/* a sub-item goes on with its item's update, unless it names another organisation */
	if (bl->level == 1 && ps->cur >= 0 && ps->cur_level == 0 &&
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
		if (k == 0 && (heading_over_items(ps, i, s) || heading_over_text(ps, i, s))) {
			h.org_a = s;
			h.org_b = h.text_a = h.text_b = bl->len;
			h.org = minutes_find_org(ps, bl->text, s,
						 without_remark(bl->text, s, bl->len));
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
	size_t r;

	if (minutes_count_dates(ps, bl->text, bl->len, rest)) {
		add_next_ref(ps, *i, rest);
		return 1;
	}
	/* the next paragraph, unless it is a section of its own ("Zapsala: ..., 22. 4. 2026") */
	if (*i + 1 < ps->b->n && minutes_classify(ps, &ps->b->v[*i + 1], 0, &r) == S_NONE &&
	    minutes_count_dates(ps, ps->b->v[*i + 1].text, ps->b->v[*i + 1].len, 0)) {
		add_next_ref(ps, ++*i, 0);
		return 1;
	}
	return 0;
}

/*
 * A time label ("Začátek: 9:30", "Początek posiedzenia - 09:00") at the
 * start of the block or of one of its lines: the meeting's time, unless it
 * has one.  1 when the block is the label (nothing else to read in it).
 */
static int time_label(struct parser *ps, const struct minutes_block *bl, size_t from)
{
	const struct rules_entry *e;
	size_t s0, e0, k, at = from;

	for (k = 0; k <= bl->nstarts; k++) {
		if (k)
			at = minutes_line_start(bl, k - 1);
		if (at < from ||
		    !minutes_match(ps, MINUTES_RULES_TIME_LABEL, bl->text, bl->len, at, 1, &e))
			continue;
		rules_rx_span(e->rx, &s0, &e0);
		if (ps->m->when.hour < 0 && ps->have_date)
			minutes_time_in(ps, bl, e0);
		return k == 0;
	}
	/* "... Rozpoczęcie o godz. 16:00.": a label that starts a sentence */
	if (ps->m->when.hour < 0 && ps->have_date && !ps->m->nupdates &&
	    minutes_match(ps, MINUTES_RULES_TIME_LABEL, bl->text, bl->len, from, 0, &e)) {
		rules_rx_span(e->rx, &s0, &e0);
		minutes_time_in(ps, bl, e0);
	}
	return 0;
}

/* The place of the meeting in a sentence ("Spotkanie odbyło się w sali ..."). */
static void place_in_text(struct parser *ps, const struct minutes_block *bl, size_t from)
{
	const struct rules_entry *e;
	size_t a, b;

	if (ps->m->place ||
	    !minutes_match(ps, MINUTES_RULES_PLACE_TEXT, bl->text, bl->len, from, 0, &e) ||
	    !rules_rx_group(e->rx, "place", &a, &b))
		return;
	ps->m->place =
		minutes_place_text(ps, bl->text, a, minutes_sentence_end(ps, bl->text, a, b));
}

/* "Ad 1. Otwarcie spotkania" on a line of its own: a topic, when no agenda was listed. */
static size_t section_title(struct parser *ps, const struct minutes_block *bl, size_t from)
{
	struct head h;
	size_t end = bl->len, k;

	for (k = 0; k < bl->nstarts && minutes_line_start(bl, k) <= from; k++)
		;
	if (k < bl->nstarts)
		end = minutes_line_start(bl, k);
	if (ps->topics_listed || end <= from || count_words(bl->text, from, end) > 8 ||
	    ends_stop(bl->text, end) || minutes_find_head(ps, bl, from, end, &h))
		return from;
	/* a sentence wrapped at the line's end goes on in lower case: no title */
	if (end < bl->len && !textfold_is_upper(cp_at(bl->text, bl->len, end, &k)) &&
	    !is_digit(bl->text[end]))
		return from;
	add_topic(ps, bl->text, from, end);
	return end;
}

/* "...przyjęła porządek obrad:": the agenda follows. */
static int topics_in_text(struct parser *ps, const struct minutes_block *bl, size_t from)
{
	return minutes_match(ps, MINUTES_RULES_TOPICS_TEXT, bl->text, bl->len, from, 0, NULL);
}

static int skipped(struct parser *ps, const struct minutes_block *bl)
{
	return minutes_match(ps, MINUTES_RULES_FURNITURE, bl->text, bl->len, 0, 1, NULL) ||
	       minutes_match(ps, MINUTES_RULES_SIGNOFF, bl->text, bl->len, 0, 1, NULL);
}

static void walk(struct parser *ps)
{
	struct minutes *m = ps->m;
	size_t i, from, rest;
	struct span label;

	for (i = 0; i < ps->b->n && !ps->failed; i++) {
		const struct minutes_block *bl = &ps->b->v[i];
		ps->line = bl->line;
		if (skipped(ps, bl))
			continue;
		if (i < 8 && !ps->saw_title &&
		    minutes_match(ps, MINUTES_RULES_TITLE, bl->text, bl->len, 0, 0, NULL))
			ps->saw_title = 1;
		if (minutes_table_header(ps, bl)) {
			i = minutes_table(ps, i);
			ps->cur = -1;
			continue;
		}
		from = noise_end(ps, bl);
		if (from)
			from = section_title(ps, bl, from);
		if (minutes_place_label(ps, bl->text, bl->len, from, &label) && !m->nupdates) {
			m->place = minutes_place_text(ps, bl->text, label.a, label.b);
			continue;
		}
		if (time_label(ps, bl, from))
			continue;
		switch (minutes_classify(ps, bl, from, &rest)) {
		case S_ATTENDEES:
		case S_ABSENT:
			ps->body = 1;
			i = minutes_attendees(ps, i, rest,
					      minutes_classify(ps, bl, from, &rest) == S_ATTENDEES);
			ps->cur = -1;
			continue;
		case S_TOPICS:
			ps->body = 1;
			ps->topics_listed = 1;
			ps->saw_topics = 1;
			rest_lines(ps, bl, rest, &m->topics, &m->ntopics, &m->topics_alloc, 1);
			i = follow_items(ps, i + 1, &m->topics, &m->ntopics, &m->topics_alloc, 1) -
			    1;
			continue;
		case S_ACTIONS:
			rest_lines(ps, bl, rest, &m->actions, &m->nactions, &m->actions_alloc, 0);
			i = follow_items(ps, i + 1, &m->actions, &m->nactions, &m->actions_alloc,
					 0) -
			    1;
			ps->cur = -1;
			continue;
		case S_AUTHOR:
			i += minutes_author(ps, i, rest);
			ps->cur = -1;
			continue;
		case S_NEXT:
			ps->saw_next = 1;
			if (next_section(ps, &i, rest)) {
				ps->cur = -1;
				continue;
			}
			break;
		case S_NONE:
			break;
		}
		minutes_people_in_text(ps, bl, from);
		place_in_text(ps, bl, from);
		if (ps->have_date && (long)i != ps->date_block && !m->nupdates &&
		    (m->when.hour < 0 || !m->place))
			minutes_date_again(ps, bl, from);
		if (topics_in_text(ps, bl, from)) {
			ps->topics_listed = ps->saw_topics = 1;
			ps->cur = -1;
			i = follow_items(ps, i + 1, &m->topics, &m->ntopics, &m->topics_alloc, 1) -
			    1;
			continue;
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
	size_t row = 0;

	minutes_end_update(ps);
	for (i = 0; i < m->nupdates && !ps->failed; i++) {
		if (row < ps->nrows && ps->rows[row].update == i)
			minutes_capacity_row(ps, i, &ps->rows[row++].num);
		else
			minutes_capacity_read(ps, i);
	}
	for (i = 0; i < ps->nnexts && !ps->failed; i++) {
		ps->line = ps->b->v[ps->nexts[i].a].line;
		minutes_next_meetings(ps, &ps->b->v[ps->nexts[i].a], ps->nexts[i].b);
	}
	m->group = group(ps);
}

/*
 * Minutes are a meeting's: they have (besides the date) at least two of a
 * title such as "Zápis", the people present, an organisation's report,
 * the next meeting, an author and an agenda.  A news item, a centre's web
 * page or an invitation has a date but hardly one of them; read as
 * minutes they would become an invented meeting (--force insists).
 */
static void check_minutes(struct parser *ps)
{
	static const char *const missing[] = { N_("no title such as 'Zápis' or 'Protokół'"),
					       N_("no list of those present"),
					       N_("no organisation's report"),
					       N_("no next meeting"),
					       N_("no author"),
					       N_("no agenda"),
					       N_("no meeting date") };
	struct minutes *m = ps->m;
	int have[] = { ps->saw_title,
		       ps->saw_attendees || m->nattendees,
		       m->nupdates > 0,
		       ps->saw_next || m->nnext,
		       ps->saw_author || m->author != NULL,
		       ps->saw_topics || m->ntopics,
		       ps->have_date };
	struct strbuf sb = STRBUF_INIT;
	size_t k, n = sizeof have / sizeof *have;
	int count = 0;

	for (k = 0; k + 1 < n; k++)
		count += have[k] != 0;
	if (count >= 2)
		return;
	for (k = 0; k < n; k++)
		if (!have[k])
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", _(missing[k]));
	diag_set(ps->d, DIAG_DATA, ps->name, 0, 0, "does not look like minutes: %s", sb.buf);
	diag_hint(ps->d, "if they are minutes, read them all the same with --force");
	ps->failed = 1;
	strbuf_release(&sb);
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
	ps.doc_year = -1;
	strbuf_init(&ps.tmp, 0);
	strbuf_init(&ps.tmp2, 0);
	strbuf_init(&ps.text, 0);
	minutes_load_keys(&ps);
	minutes_load_words(&ps, MINUTES_RULES_ABBREV, &ps.abbrevs);
	minutes_load_words(&ps, MINUTES_RULES_PERSON_TITLE, &ps.titles);
	minutes_load_words(&ps, MINUTES_RULES_HONORIFIC, &ps.honorifics);
	minutes_load_words(&ps, MINUTES_RULES_ORG_PREP, &ps.org_preps);
	minutes_load_words(&ps, MINUTES_RULES_NUM_SIGN, &ps.num_signs);
	walk(&ps);
	if (!ps.have_date && !ps.failed)
		any_date(&ps);
	if (!ps.have_date && p->date != MINUTES_NO_DATE) {
		m->when.day = p->date;
		ps.have_date = 1;
	}
	if (!ps.failed && !p->force)
		check_minutes(&ps);
	if (!ps.failed && ps.no_year) {
		diag_set(d, DIAG_DATA, name, minutes_line_at(ps.no_year, ps.no_year_a), 0,
			 "the year of the meeting's date '%.*s' is not written, nor any other in the text",
			 (int)(ps.no_year_b - ps.no_year_a), ps.no_year->text + ps.no_year_a);
		diag_hint(d, "give the date with --date YYYY-MM-DD");
		ps.failed = 1;
	}
	if (ps.have_date && !ps.failed)
		finish(&ps);
	m->work += b.work + rules_work(ps.r) - work0;
	strbuf_release(&ps.text);
	free(ps.nexts);
	minutes_set_release(&ps.seen_next);
	minutes_release_words(&ps.abbrevs);
	minutes_release_words(&ps.titles);
	minutes_release_words(&ps.honorifics);
	minutes_release_words(&ps.org_preps);
	minutes_release_words(&ps.num_signs);
	minutes_set_release(&ps.seen_topics);
	minutes_set_release(&ps.seen_people);
	free(ps.rows);
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
