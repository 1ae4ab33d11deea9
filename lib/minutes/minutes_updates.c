/*
 * minutes_updates: organisations in minutes: the head of an update (the
 * name that starts it: "Name. text", "Name: text", a name alone over its
 * sub-items, the rules' update forms), and the match of a name to an
 * organisation of services.yaml, or a slug for one that is not there.
 *
 * Ownership: the keys (folded names) belong to the parser; names and
 * slugs kept for the result go to the minutes' arena; an update's text
 * grows in the parser's strbuf until minutes_parse finishes it.
 */
#include "minutes_int.h"

#include <string.h>

#include "textfold.h"
#include "xalloc.h"
#include "banned.h"

/* ---- organisations ---- */

static void add_key(struct parser *ps, const char *name, const struct organization *org)
{
	struct strbuf sb = STRBUF_INIT;

	textfold_append(&sb, name, strlen(name), TEXTFOLD_BASE);
	XALLOC_GROW(ps->keys, ps->nkeys + 1, ps->keys_alloc);
	ps->keys[ps->nkeys].key = strbuf_detach(&sb, NULL);
	ps->keys[ps->nkeys++].org = org;
}

void minutes_load_keys(struct parser *ps)
{
	const struct services *s = ps->p->services;
	size_t i, k;

	for (i = 0; s && i < s->norgs; i++) {
		add_key(ps, s->orgs[i].name, &s->orgs[i]);
		for (k = 0; k < s->orgs[i].naliases; k++)
			add_key(ps, s->orgs[i].aliases[k], &s->orgs[i]);
	}
}

static int word_char(char c)
{
	return (unsigned char)c >= 0x80 || (c >= 'a' && c <= 'z') || is_digit(c);
}

/* Two folded words are the same word, maybe in another case ("nadeji", "nadeje"). */
static int same_stem(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t p = 0, longer = alen > blen ? alen : blen;

	if (alen == blen && !memcmp(a, b, alen))
		return 1;
	if (alen < 4 || blen < 4)
		return 0;
	while (p < alen && p < blen && a[p] == b[p])
		p++;
	return p >= 3 && p + 2 >= longer;
}

/* Only short words are left in x: a legal form such as "z. s." or "o.p.s.". */
static int legal_form_left(const char *x)
{
	size_t n = 0;

	for (; *x; x++) {
		n = word_char(*x) ? n + 1 : 0;
		if (n > 3)
			return 0;
	}
	return 1;
}

/* x, a name of services.yaml, and y, one of the minutes, both folded. */
static int same_name(const char *x, const char *y)
{
	size_t i = 0, j = 0, a, b;

	for (;;) {
		while (x[i] && !word_char(x[i]))
			i++;
		while (y[j] && !word_char(y[j]))
			j++;
		if (!y[j] && j > 0)
			return legal_form_left(x + i);
		if (!x[i] || !y[j])
			return !x[i] && !y[j];
		for (a = i; word_char(x[i]); i++)
			;
		for (b = j; word_char(y[j]); j++)
			;
		if (!same_stem(x + a, i - a, y + b, j - b))
			return 0;
	}
}

/* The organisation of services.yaml that s[a..b) names, or NULL. */
const struct organization *minutes_find_org(struct parser *ps, const char *s, size_t a, size_t b)
{
	const struct organization *found = NULL;
	size_t i;

	if (!ps->nkeys)
		return NULL;
	trim(s, &a, &b);
	strbuf_reset(&ps->tmp);
	textfold_append(&ps->tmp, s + a, b - a, TEXTFOLD_BASE);
	for (i = 0; i < ps->nkeys; i++)
		if (!strcmp(ps->keys[i].key, ps->tmp.buf))
			return ps->keys[i].org;
	for (i = 0; i < ps->nkeys; i++) {
		if (!same_name(ps->keys[i].key, ps->tmp.buf))
			continue;
		if (found && found != ps->keys[i].org)
			return NULL;
		found = ps->keys[i].org;
	}
	return found;
}

static const char *slug(struct parser *ps, const char *name)
{
	struct strbuf out = STRBUF_INIT;
	const char *res;
	size_t i;

	strbuf_reset(&ps->tmp);
	textfold_append(&ps->tmp, name, strlen(name), TEXTFOLD_BASE);
	for (i = 0; i < ps->tmp.len; i++) {
		char c = ps->tmp.buf[i];
		if ((c >= 'a' && c <= 'z') || is_digit(c))
			strbuf_addch(&out, c);
		else if (out.len && out.buf[out.len - 1] != '-')
			strbuf_addch(&out, '-');
	}
	if (out.len > SERVICES_ID_MAX)
		strbuf_setlen(&out, SERVICES_ID_MAX);
	while (out.len && out.buf[out.len - 1] == '-')
		strbuf_setlen(&out, out.len - 1);
	res = arena_strdup(&ps->m->arena, out.len ? out.buf : "org");
	strbuf_release(&out);
	return res;
}

/* ---- updates ---- */

/* "Szkoła Podstawowa nr 1", "Dům č. 5": a name ending in a number it is numbered by. */
static int numbered_name(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t k = b, w;

	while (k > a && is_digit(t[k - 1]))
		k--;
	while (k > a && is_space(t[k - 1]))
		k--;
	for (w = k; w > a && !is_space(t[w - 1]); w--)
		;
	return w < k && minutes_in_words(ps, &ps->num_signs, t, w, k);
}

/* A name at the start of an update, as opposed to the start of a sentence. */
int minutes_head_ok(struct parser *ps, const char *t, size_t a, size_t b)
{
	struct textdate dt;
	const struct rules_entry *e;
	size_t i, n, comma = (size_t)-1, s0, e0, letters = 0;
	int depth = 0;
	uint32_t cp;

	trim(t, &a, &b);
	if (a >= b)
		return 0;
	cp = cp_at(t, b, a, &n);
	if (!textfold_is_upper(cp) && !is_digit((char)cp))
		return 0;
	if (t[b - 1] == ')')
		for (i = b - 1; i > a; i--)
			if (t[i] == '(') {
				b = i;
				trim(t, &a, &b);
				break;
			}
	if (utf8_chars(t + a, b - a) > 60 || count_words(t, a, b) > 7 ||
	    (is_digit(t[b - 1]) && !numbered_name(ps, t, a, b)))
		return 0; /* "... do 20. 11." ends in a number: a date, not a name */
	for (i = a; i < b; i += n) {
		cp = cp_at(t, b, i, &n);
		letters += textfold_is_letter(cp);
		if (cp == ',')
			comma = i;
		depth += cp == '(' ? 1 : cp == ')' ? -1 : 0;
	}
	if (!letters || depth)
		return 0; /* "CIC przygotuje ulotkę (odpowiada: ...": a bracket left open */
	if (comma != (size_t)-1) {
		if (!minutes_match(ps, MINUTES_RULES_ORG_SUFFIX, t, b, comma, 1, &e))
			return 0;
		rules_rx_span(e->rx, &s0, &e0);
		if (e0 != b)
			return 0;
	}
	if (minutes_find_date(ps, t, b, a, &dt))
		return 0;
	return !minutes_match(ps, MINUTES_RULES_NOT_ORG, t, b, a, 0, NULL);
}

/* "Name" of services.yaml at t[s..): then a separator, or the end of its line. */
/*
 * The first word of t[s..e) is the first word of a name of services.yaml
 * (maybe in another case): else no name of it starts there, and the
 * lookups of known_head are spared (a long update has a line start at
 * every sentence).
 */
static int first_word_known(struct parser *ps, const char *t, size_t s, size_t e)
{
	size_t k, i, j, a;

	for (k = s; k < e && k - s < 64 && !is_space(t[k]); k++)
		;
	strbuf_reset(&ps->tmp);
	textfold_append(&ps->tmp, t + s, k - s, TEXTFOLD_BASE);
	for (a = 0; a < ps->tmp.len && !word_char(ps->tmp.buf[a]); a++)
		; /* a quote before it ("„Most”") */
	for (j = a; j < ps->tmp.len && word_char(ps->tmp.buf[j]); j++)
		;
	for (i = 0; i < ps->nkeys; i++) {
		const char *key = ps->keys[i].key;
		size_t ka, n;
		for (ka = 0; key[ka] && !word_char(key[ka]); ka++)
			;
		for (n = ka; word_char(key[n]); n++)
			;
		if (same_stem(key + ka, n - ka, ps->tmp.buf + a, j - a))
			return 1;
	}
	return 0;
}

static int known_head(struct parser *ps, const struct minutes_block *bl, size_t s, size_t e,
		      struct head *h)
{
	const struct rules_entry *sep;
	const struct organization *org;
	size_t k, n, limit = s + 120 < e ? s + 120 : e, s0, e0;
	uint32_t prev;
	int found = 0;

	if (!ps->nkeys || !first_word_known(ps, bl->text, s, e))
		return 0;

	for (k = s + 1; k <= limit; k += n) {
		n = 1;
		if (k < e) {
			uint32_t cp = cp_at(bl->text, e, k, &n);
			if (cp != ' ' && cp != '.' && cp != ':' && cp != ',' && cp != 0x2013 &&
			    cp != 0x2014 && cp != '(' && cp != '-')
				continue;
		}
		prev = cp_before(bl->text, k);
		if (!textfold_is_letter(prev) && !is_digit((char)prev) && prev != ')')
			continue;
		if (!(org = minutes_find_org(ps, bl->text, s, k)))
			continue;
		if (minutes_match(ps, MINUTES_RULES_HEAD_SEP, bl->text, e, k, 1, &sep)) {
			rules_rx_span(sep->rx, &s0, &e0);
		} else if (k < e && bl->text[k] == ' ' && minutes_line_start_at(ps, bl, k + 1)) {
			e0 = k + 1;
		} else if (k == e) {
			e0 = e;
		} else {
			continue;
		}
		h->org_a = s;
		h->org_b = k;
		h->text_a = e0;
		h->text_b = e;
		h->org = org;
		found = 1;
	}
	return found;
}

/* "Name. text", "Name: text", "Name – text": the first separator decides. */
static int plain_head(struct parser *ps, const struct minutes_block *bl, size_t s, size_t e,
		      struct head *h)
{
	const struct rules_entry *sep;
	size_t i, n, limit = s + 160 < e ? s + 160 : e, s0, e0;

	for (i = s + 1; i < limit; i += n) {
		cp_at(bl->text, e, i, &n);
		if (!strchr(".: ", bl->text[i]))
			continue;
		if (!minutes_match(ps, MINUTES_RULES_HEAD_SEP, bl->text, e, i, 1, &sep))
			continue;
		if (bl->text[i] == '.' && minutes_dot_is_abbrev(ps, bl->text, s, i))
			continue;
		rules_rx_span(sep->rx, &s0, &e0);
		if (e0 >= e || !minutes_head_ok(ps, bl->text, s, i))
			return 0;
		h->org_a = s;
		h->org_b = i;
		h->text_a = e0;
		h->text_b = e;
		h->org = minutes_find_org(ps, bl->text, s, i);
		return 1;
	}
	return 0;
}

/* A dash between spaces in t[a..b) ("Krokus – pomoc", "A - B"). */
static int spaced_dash(const char *t, size_t a, size_t b)
{
	size_t i;

	for (i = a + 1; i + 1 < b; i++) {
		if (t[i - 1] != ' ')
			continue;
		if ((t[i] == '-' && t[i + 1] == ' ') ||
		    (i + 3 < b &&
		     (!memcmp(t + i, "\xE2\x80\x93 ", 4) || !memcmp(t + i, "\xE2\x80\x94 ", 4))))
			return 1;
	}
	return 0;
}

int minutes_find_head(struct parser *ps, const struct minutes_block *bl, size_t s, size_t e,
		      struct head *h)
{
	const struct rules_entry *u;

	if (minutes_match(ps, MINUTES_RULES_UPDATE, bl->text, e, s, 1, &u) &&
	    rules_rx_group(u->rx, "org", &h->org_a, &h->org_b)) {
		size_t end = h->org_b;
		/* "Name – prowadzi ...": the dash parts the name from its text */
		while (h->org_b > h->org_a &&
		       (is_space(bl->text[h->org_b - 1]) || strchr(":-", bl->text[h->org_b - 1]) ||
			cp_before(bl->text, h->org_b) == 0x2013 ||
			cp_before(bl->text, h->org_b) == 0x2014))
			h->org_b = back_one(bl->text, h->org_b);
		if (!rules_rx_group(u->rx, "text", &h->text_a, &h->text_b)) {
			h->text_a = end > h->org_b + 1 ? end : s;
			h->text_b = e;
		}
		h->org = minutes_find_org(ps, bl->text, h->org_a, h->org_b);
		/* "Komora – firmy hlásí ...": a dash parts a name from its text (the forms below) */
		if (h->org || (minutes_head_ok(ps, bl->text, h->org_a, h->org_b) &&
			       !spaced_dash(bl->text, h->org_a, h->org_b)))
			return 1;
	}
	return known_head(ps, bl, s, e, h) || plain_head(ps, bl, s, e, h);
}

static const char *org_name(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i;

	trim(t, &a, &b);
	if (b > a && t[b - 1] == ')')
		for (i = b - 1; i > a; i--)
			if (t[i] == '(') {
				b = i;
				break;
			}
	for (;;) {
		uint32_t cp;
		trim(t, &a, &b);
		cp = cp_before(t, b);
		if (b <= a ||
		    !(cp == ',' || cp == ':' || cp == ';' || cp == '-' || cp == 0x2013 ||
		      cp == 0x2014 || (cp == '.' && !minutes_dot_is_abbrev(ps, t, a, b - 1))))
			break;
		b = back_one(t, b);
	}
	return minutes_keep(ps, t, a, b);
}

void minutes_add_update(struct parser *ps, const struct minutes_block *bl, const struct head *h)
{
	struct minutes *m = ps->m;
	struct minutes_update *u;
	size_t a = h->text_a, b = h->text_b;

	minutes_end_update(ps);
	XALLOC_GROW(m->updates, m->nupdates + 1, m->updates_alloc);
	u = &m->updates[m->nupdates];
	u->org = h->org;
	u->organization = h->org ? h->org->name : org_name(ps, bl->text, h->org_a, h->org_b);
	u->org_id = h->org ? h->org->id : slug(ps, u->organization);
	u->text = NULL;
	u->line = bl->line;
	trim(bl->text, &a, &b);
	strbuf_add(&ps->text, bl->text + a, b - a);
	ps->cur = (long)m->nupdates++;
	ps->cur_level = bl->level;
}

void minutes_table_update(struct parser *ps, const struct minutes_block *bl, size_t a, size_t b,
			  const char *text, size_t len, const struct minutes_table_numbers *num)
{
	struct head h;

	h.org_a = a;
	h.org_b = b;
	h.text_a = h.text_b = b;
	h.org = minutes_find_org(ps, bl->text, a, b);
	minutes_add_update(ps, bl, &h);
	strbuf_add(&ps->text, text, len);
	ps->cur = -1;
	XALLOC_GROW(ps->rows, ps->nrows + 1, ps->rows_alloc);
	ps->rows[ps->nrows].update = ps->m->nupdates - 1;
	ps->rows[ps->nrows++].num = *num;
}

void minutes_end_update(struct parser *ps)
{
	struct minutes *m = ps->m;

	if (!m->nupdates || m->updates[m->nupdates - 1].text)
		return;
	m->updates[m->nupdates - 1].text = arena_strndup(&m->arena, ps->text.buf, ps->text.len);
	if (ps->text.alloc > 65536)
		strbuf_release(&ps->text); /* a long update's room is not kept for the next */
	else
		strbuf_reset(&ps->text);
}

void minutes_append_update(struct parser *ps, const char *t, size_t a, size_t b)
{
	struct strbuf *sb = &ps->text;

	trim(t, &a, &b);
	if (a == b)
		return;
	if (sb->len)
		strbuf_addstr(sb, ends_stop(sb->buf, sb->len) ? " " : "; ");
	strbuf_add(sb, t + a, b - a);
}
