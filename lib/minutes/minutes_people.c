/*
 * minutes_people: the people of minutes, as records: name (with academic
 * and clerical titles, without honorifics), organisation and role; from a
 * list after a heading ("Přítomni:", "Obecni:"), split at commas, lines or
 * a conjunction, or one a line ("Name – Org (role)", numbered items),
 * organisations heading their people ("Za město:", an item over
 * sub-items), and people named in sentences ("setkání řídil starosta Ing.
 * ...", "zaproszeni goście: Dyrektor MOPS p. ..."); and the author.  Tables
 * of people are read by minutes_table.c with minutes_add_person.
 *
 * Ownership: names, organisations and roles kept go to the minutes'
 * arena; the people of a list are held here until they are kept.
 */
#include "minutes_int.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "textfold.h"
#include "xalloc.h"
#include "banned.h"

/* ---- words ---- */

/* The next word of t[*i..b): 1 and its span, or 0 at the end. */
static int next_word(const char *t, size_t *i, size_t b, size_t *wa, size_t *wb)
{
	while (*i < b && is_space(t[*i]))
		(*i)++;
	if (*i >= b)
		return 0;
	*wa = *i;
	while (*i < b && !is_space(t[*i]))
		(*i)++;
	*wb = *i;
	return 1;
}

/* A word without the punctuation that ends it in a list ("Nováková," "(gość)"). */
static size_t bare_end(const char *t, size_t wa, size_t wb)
{
	while (wb > wa && strchr(",;:)", t[wb - 1]))
		wb--;
	return wb;
}

/* A name's word without the full stop that ends a sentence ("Bielecka."), not an initial's. */
static size_t name_end(const char *t, size_t wa, size_t wb)
{
	wb = bare_end(t, wa, wb);
	if (wb > wa && t[wb - 1] == '.' && utf8_chars(t + wa, wb - wa) > 3)
		wb--;
	return wb;
}

static int is_title(struct parser *ps, const char *t, size_t wa, size_t wb)
{
	return minutes_in_words(ps, &ps->titles, t, wa, bare_end(t, wa, wb));
}

static int is_honorific(struct parser *ps, const char *t, size_t wa, size_t wb)
{
	return minutes_in_words(ps, &ps->honorifics, t, wa, bare_end(t, wa, wb));
}

/* An honorific among the words of t[a..b) ("Dyrektor MOPS p. Anna Lis"). */
static int has_honorific(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i = a, wa, wb;

	while (next_word(t, &i, b, &wa, &wb))
		if (is_honorific(ps, t, wa, wb))
			return 1;
	return 0;
}

/* A role starts at t[wa] ("koordinátorka", "sociální pracovnice"): its end, or 0. */
static size_t role_at(struct parser *ps, const char *t, size_t wa, size_t b)
{
	const struct rules_entry *e;
	size_t s0, e0;

	if (!minutes_match(ps, MINUTES_RULES_ROLE, t, b, wa, 1, &e))
		return 0;
	rules_rx_span(e->rx, &s0, &e0);
	return e0;
}

static int is_org_word(struct parser *ps, const char *t, size_t wa, size_t wb)
{
	return minutes_match(ps, MINUTES_RULES_ORG_WORD, t, bare_end(t, wa, wb), wa, 1, NULL);
}

/* A word of a person's name: capitalised letters ("Nováková-Malá", "O'Neil"). */
static int is_name_word(struct parser *ps, const char *t, size_t wa, size_t wb)
{
	size_t i, n;
	uint32_t cp;

	if (wb > wa && t[wb - 1] == ':')
		return 0; /* a label ("Přítomni:") */
	wb = name_end(t, wa, wb);
	if (wb <= wa || !textfold_is_upper(cp_at(t, wb, wa, &n)) || utf8_chars(t + wa, wb - wa) < 2)
		return 0;
	for (i = wa + n; i < wb; i += n) {
		cp = cp_at(t, wb, i, &n);
		if (!textfold_is_letter(cp) && cp != '-' && cp != '\'' && cp != 0x2019)
			return 0;
	}
	return !is_org_word(ps, t, wa, wb);
}

static int starts_upper(const char *t, size_t a, size_t b)
{
	size_t n;

	return a < b && textfold_is_upper(cp_at(t, b, a, &n));
}

/* t[a..b) starts with an honorific and a name: a person speaking ("p. Víchová informovala"). */
int minutes_person_speaks(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i = a, wa, wb;

	return next_word(t, &i, b, &wa, &wb) && is_honorific(ps, t, wa, wb) &&
	       next_word(t, &i, b, &wa, &wb) && is_name_word(ps, t, wa, wb);
}

/* ---- one person ---- */

/*
 * The name in t[a..b): the words right after an honorific ("p. Anna Lis"),
 * else the last run of titles and capitalised words ("starosta obce Ing.
 * Bedřich Sova"); with at least min_words capitalised words, at most six
 * words in all.
 */
static int find_name(struct parser *ps, const char *t, size_t a, size_t b, int min_words,
		     struct span *name, int *honorific)
{
	size_t i = a, wa, wb, run_a = 0, run_b = 0;
	int words = 0, caps = 0, after_honorific = *honorific, found = 0, pinned = 0;

	for (;;) {
		int more = next_word(t, &i, b, &wa, &wb), title = 0, cap = 0;
		if (more) {
			title = is_title(ps, t, wa, wb);
			/* "Pani Barbara Nowicka": an honorific starts no name, even capitalised */
			cap = !title && is_name_word(ps, t, wa, wb) &&
			      (words || !is_honorific(ps, t, wa, wb));
		}
		if (more && (title || cap)) {
			if (!words)
				run_a = wa;
			run_b = title ? bare_end(t, wa, wb) : name_end(t, wa, wb);
			words++;
			caps += cap;
			continue;
		}
		/* a run ended: the name, unless one after an honorific was found */
		if (words && caps >= min_words && words <= 6 && !pinned) {
			name->a = run_a;
			name->b = run_b;
			found = 1;
			pinned = after_honorific;
		}
		words = caps = 0;
		if (!more)
			break;
		if (is_honorific(ps, t, wa, wb))
			after_honorific = 1;
	}
	*honorific = after_honorific;
	return found;
}

/* Only titles in t[a..b) ("DiS.", "Ph.D."): they go with the name before them. */
static int only_titles(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i = a, wa, wb;
	int any = 0;

	while (next_word(t, &i, b, &wa, &wb)) {
		if (!is_title(ps, t, wa, wb))
			return 0;
		any = 1;
	}
	return any;
}

/* A dash between spaces at t[k]: its length, else 0. */
static size_t dash_at(const char *t, size_t k, size_t b)
{
	if (k < b && t[k] == '-')
		return 1;
	if (k + 3 <= b && (!memcmp(t + k, "\xE2\x80\x93", 3) || !memcmp(t + k, "\xE2\x80\x94", 3)))
		return 3;
	return 0;
}

/* Titles that start t[a..b), then nothing or a bracket or dash ("DiS. (Org)"): where they end, or 0. */
static size_t titles_end(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i = a, k, wa, wb, end = 0;

	for (k = i; next_word(t, &k, b, &wa, &wb) && is_title(ps, t, wa, wb); i = k)
		end = bare_end(t, wa, wb);
	while (i < b && is_space(t[i]))
		i++;
	if (!end || (i < b && t[i] != '(' && !dash_at(t, i, b)))
		return 0;
	return end;
}

/* Where the part of t that starts at i ends: a separator or a bracket (t[..b)). */
static size_t part_end(const char *t, size_t i, size_t b)
{
	size_t k, d;

	for (k = i; k < b; k++) {
		if (t[k] == '(' || t[k] == ',' || t[k] == ';' || t[k] == '\t')
			return k;
		if (k > i && t[k - 1] == ' ' && (d = dash_at(t, k, b)) && k + d < b &&
		    t[k + d] == ' ')
			return k - 1;
	}
	return b;
}

/* A part after a name: its role ("koordinátorka") and organisation (capitalised, or not a role). */
static void tail_part(struct parser *ps, const char *t, size_t a, size_t b, int mode,
		      struct minutes_person *p)
{
	size_t i, wa, wb, r, org = 0;

	while (b > a && (is_space(t[b - 1]) || strchr(".,;)", t[b - 1])))
		b--;
	if (a >= b)
		return;
	if ((r = role_at(ps, t, a, b))) {
		/* the role, then maybe the organisation it is of ("ředitelka Azylového domu") */
		for (i = r; !org && next_word(t, &i, b, &wa, &wb);)
			if (starts_upper(t, wa, wb) && !role_at(ps, t, wa, b))
				org = wa;
		/* "przewodnicząca Komisji": the body that meets is no organisation (its first word) */
		if (org) {
			size_t k = org, fa, fb;
			if (next_word(t, &k, b, &fa, &fb) &&
			    minutes_match(ps, MINUTES_RULES_NOT_ORG, t, bare_end(t, fa, fb), fa, 0,
					  NULL))
				org = 0;
		}
		if (!p->role.b)
			p->role = (struct span){ a, org ? org : b };
		if (org && !p->org.b)
			p->org = (struct span){ org, b };
		return;
	}
	/* in a sentence, what goes on in lower case is the sentence ("..., która powitała") */
	if (mode == MINUTES_IN_TEXT && !starts_upper(t, a, b))
		return;
	if (!p->org.b)
		p->org = (struct span){ a, b };
	else if (!p->role.b)
		p->role = (struct span){ a, b };
}

/*
 * In a list, a piece is a person only when nothing but the name stands in
 * it before the first separator, or a role, an organisation after a role
 * and an honorific before it ("Dyrektor MOPS p. Anna Lis"): not a sentence
 * that starts with a capital ("Koordinátorka shrnula plán.").
 */
static int only_name(struct parser *ps, const char *t, size_t a, size_t h,
		     const struct minutes_person *p)
{
	size_t i = a, wa, wb, r = 0;

	while (next_word(t, &i, p->name.a, &wa, &wb)) {
		if (is_honorific(ps, t, wa, wb) || is_title(ps, t, wa, wb))
			continue;
		if (role_at(ps, t, wa, p->name.a)) {
			r = 1;
			continue;
		}
		if (!r)
			return 0;
	}
	for (i = p->name.b; next_word(t, &i, h, &wa, &wb);)
		if (!is_title(ps, t, wa, wb))
			return 0;
	return 1;
}

static void after_name(struct parser *ps, const char *t, size_t i, size_t b, int mode,
		       struct minutes_person *p);

/*
 * One person in t[a..b): "Name", "Mgr. Name (Org)", "Name – Org (role)",
 * "Name, role Org", "Name z Org", "role Org p. Name".  In a list (mode
 * MINUTES_IN_LIST) the name has a capitalised word and nothing else
 * stands with it (only_name); in running text (MINUTES_IN_TEXT) it has two.
 * 1 and *p set, or 0.
 */
int minutes_person(struct parser *ps, const char *t, size_t a, size_t b, int mode,
		   struct minutes_person *p)
{
	int min_words = mode == MINUTES_IN_TEXT ? 2 : 1;
	const struct rules_entry *conj;
	size_t h, i, wa, wb, last_role = (size_t)-1, s0, e0, zfrom, zat = 0;
	int hon = 0, zhon = 0;

	memset(p, 0, sizeof *p);
	trim(t, &a, &b);
	/* a conjunction that started the piece: "oraz ks. Andrzej Baran" */
	if (a > 0 && is_space(t[a - 1]) &&
	    minutes_match(ps, MINUTES_RULES_CONJ, t, b, a - 1, 1, &conj)) {
		rules_rx_span(conj->rx, &s0, &e0);
		a = e0;
	}
	h = part_end(t, a, b);
	/* "Name z Organizace", "Name ze Sdružení": a preposition before a capital */
	for (i = zfrom = a; next_word(t, &i, h, &wa, &wb);) {
		size_t k = i, na, nb;
		if (minutes_in_words(ps, &ps->org_preps, t, wa, wb) && wa > a &&
		    next_word(t, &k, h, &na, &nb) && starts_upper(t, na, nb)) {
			/* what came before the last "z" had no name: only the words since */
			if (find_name(ps, t, zfrom, wa, min_words, &p->name, &zhon)) {
				p->org = (struct span){ na, h };
				zat = wa;
				break;
			}
			zfrom = wa;
		}
	}
	if (!p->name.b && !find_name(ps, t, a, h, min_words, &p->name, &hon))
		return 0;
	if (mode == MINUTES_IN_LIST && !only_name(ps, t, a, p->org.b ? zat : h, p))
		return 0;
	/* before the name: a role, and the organisation after it ("Dyrektor MOPS p. Anna Lis") */
	for (i = a; next_word(t, &i, p->name.a, &wa, &wb);)
		if (role_at(ps, t, wa, p->name.a))
			last_role = wa;
	if (last_role != (size_t)-1) {
		size_t r = role_at(ps, t, last_role, p->name.a), org_a = (size_t)-1, org_b = 0;
		for (i = r; next_word(t, &i, p->name.a, &wa, &wb);) {
			if (is_honorific(ps, t, wa, wb))
				break;
			if (org_a == (size_t)-1 && !starts_upper(t, wa, wb))
				continue;
			if (org_a == (size_t)-1)
				org_a = wa;
			org_b = bare_end(t, wa, wb);
		}
		p->role = (struct span){ last_role, org_a != (size_t)-1 ? org_a : r };
		trim(t, &p->role.a, &p->role.b);
		if (org_a != (size_t)-1 && !p->org.b)
			p->org = (struct span){ org_a, org_b };
	}
	after_name(ps, t, h, b, mode, p);
	return 1;
}

/* After a name, from t[i] to t[b]: "(Org)", "– Org", ", role", titles that end it. */
static void after_name(struct parser *ps, const char *t, size_t i, size_t b, int mode,
		       struct minutes_person *p)
{
	while (i < b) {
		size_t pa, pe, d;
		int bracket = 0;
		while (i < b && (is_space(t[i]) || strchr(",;)", t[i])))
			i++;
		if (i < b && t[i] == '(') {
			bracket = 1;
			i++;
		} else if ((d = dash_at(t, i, b))) {
			i += d;
		}
		while (i < b && is_space(t[i]))
			i++;
		pa = i;
		if (bracket) {
			const char *close = memchr(t + pa, ')', b - pa);
			pe = close ? (size_t)(close - t) : b;
		} else {
			pe = part_end(t, pa, b);
		}
		if (pe > pa) {
			if (only_titles(ps, t, pa, pe))
				p->name.b = bare_end(t, pa, pe);
			else
				tail_part(ps, t, pa, pe, mode, p);
		}
		i = pe > pa ? pe : pa + 1;
	}
}

/* ---- keeping ---- */

/* The name without titles, folded: the same person however the minutes write them. */
static void name_key(struct parser *ps, const char *s, struct strbuf *key)
{
	size_t i = 0, wa, wb, len = strlen(s);

	strbuf_reset(key);
	while (next_word(s, &i, len, &wa, &wb)) {
		if (is_title(ps, s, wa, wb))
			continue;
		wb = bare_end(s, wa, wb);
		if (key->len)
			strbuf_addch(key, ' ');
		textfold_append(key, s + wa, wb - wa, TEXTFOLD_BASE);
	}
}

static uint64_t attendee_hash(const struct parser *ps, size_t i)
{
	struct strbuf key = STRBUF_INIT;
	uint64_t h;

	name_key((struct parser *)ps, ps->m->attendees[i].name, &key);
	h = hash_bytes(key.buf, key.len);
	strbuf_release(&key);
	return h;
}

static int same_attendee(const struct parser *ps, size_t i, size_t j)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int same;

	name_key((struct parser *)ps, ps->m->attendees[i].name, &a);
	name_key((struct parser *)ps, ps->m->attendees[j].name, &b);
	same = !strcmp(a.buf, b.buf);
	strbuf_release(&a);
	strbuf_release(&b);
	return same;
}

/* An organisation as written, or its services.yaml name: into *name, *id, *org. */
static void organisation(struct parser *ps, const char *t, size_t a, size_t b, const char **name,
			 const char **id, const struct organization **org)
{
	while (b > a && (is_space(t[b - 1]) || strchr(".,;:)", t[b - 1])))
		b--;
	trim(t, &a, &b);
	if (a >= b)
		return;
	*org = minutes_find_org(ps, t, a, b);
	*name = *org ? (*org)->name : minutes_keep(ps, t, a, b);
	*id = *org ? (*org)->id : NULL;
}

void minutes_add_person(struct parser *ps, const char *t, const struct minutes_person *p,
			const char *group, const char *group_id,
			const struct organization *group_org)
{
	struct minutes *m = ps->m;
	struct minutes_attendee *at, *was;
	size_t i;

	XALLOC_GROW(m->attendees, m->nattendees + 1, m->attendees_alloc);
	at = &m->attendees[m->nattendees++];
	memset(at, 0, sizeof *at);
	at->name = minutes_keep(ps, t, p->name.a, p->name.b);
	if (p->org.b > p->org.a)
		organisation(ps, t, p->org.a, p->org.b, &at->organization, &at->org_id, &at->org);
	if (!at->organization && group) {
		at->organization = group;
		at->org_id = group_id;
		at->org = group_org;
	}
	if (p->role.b > p->role.a) {
		size_t ra = p->role.a, rb = p->role.b;
		while (rb > ra && (is_space(t[rb - 1]) || strchr(".,;:)", t[rb - 1])))
			rb--;
		if (rb > ra)
			at->role = minutes_keep(ps, t, ra, rb);
	}
	if (minutes_set_add(ps, &ps->seen_people, m->nattendees - 1, attendee_hash, same_attendee))
		return;
	/* named before: what this time adds to it */
	for (i = 0; i < m->nattendees - 1; i++) {
		if (!same_attendee(ps, i, m->nattendees - 1))
			continue;
		was = &m->attendees[i];
		if (!was->organization) {
			was->organization = at->organization;
			was->org_id = at->org_id;
			was->org = at->org;
		}
		if (!was->role)
			was->role = at->role;
		break;
	}
	m->nattendees--;
}

/* ---- lists ---- */

/*
 * A list being read: the person last read is held (pending) while what
 * follows may still belong to it (a title, a role, an organisation), then
 * kept when keep, else only counted; so a list of any length holds one.
 */
struct reader {
	int mode, keep, pending;
	const char *group, *group_id;
	const struct organization *group_org;
	struct minutes_person p;
	size_t good, bad;
};

static void flush(struct parser *ps, const char *t, struct reader *r)
{
	if (r->pending && r->keep)
		minutes_add_person(ps, t, &r->p, r->group, r->group_id, r->group_org);
	r->pending = 0;
}

/* One piece of a list, t[pa..pb): a person, or what belongs to the one before, or bad. */
static void piece(struct parser *ps, const char *t, size_t pa, size_t pb, struct reader *r)
{
	struct minutes_person p;
	size_t k;

	trim(t, &pa, &pb);
	if (pa >= pb)
		return;
	if (r->pending && (k = titles_end(ps, t, pa, pb))) {
		/* "Bc. Petra Malá, DiS. (Domov Lípa)": the titles end the name before */
		r->p.name.b = k;
		after_name(ps, t, k, pb, r->mode, &r->p);
		return;
	}
	/*
	 * ", ředitelka Azylového domu Sv. Anny": the role and organisation of
	 * the one before, unless a full name follows ("starosta Ing. Jan Sova")
	 */
	if (r->pending && role_at(ps, t, pa, pb) && !has_honorific(ps, t, pa, pb) &&
	    !minutes_person(ps, t, pa, pb, MINUTES_IN_TEXT, &p)) {
		tail_part(ps, t, pa, pb, r->mode, &r->p);
		return;
	}
	if (minutes_person(ps, t, pa, pb, r->mode, &p)) {
		flush(ps, t, r);
		r->p = p;
		r->pending = 1;
		r->good++;
		return;
	}
	for (k = pa; k < pb && !is_digit(t[k]); k++)
		;
	if (r->pending && k == pb && count_words(t, pa, pb) <= 8)
		tail_part(ps, t, pa, pb, r->mode, &r->p);
	else
		r->bad++;
}

/*
 * The list of people t[a..b) of block bl: split at commas and semicolons
 * outside brackets, else at lines (or given whole, lines == 0), and at a
 * conjunction before a name ("... a Oleh Marchuk"); each piece to piece().
 */
static void read_list(struct parser *ps, const struct minutes_block *bl, const char *t, size_t a,
		      size_t b, int lines, struct reader *r)
{
	const struct rules_entry *conj;
	struct minutes_scan sc;
	size_t i, start = a, line = 0, s0, e0, from, k, wa, wb;
	int depth = 0, commas = 0;

	r->good = r->bad = 0;
	r->pending = 0;
	for (i = a; i < b; i++) {
		depth += t[i] == '(' ? 1 : t[i] == ')' && depth ? -1 : 0;
		commas += !depth && (t[i] == ',' || t[i] == ';');
	}
	depth = 0;
	for (i = a; i <= b; i++) {
		int cut = i == b;
		if (i < b) {
			depth += t[i] == '(' ? 1 : t[i] == ')' && depth ? -1 : 0;
			while (lines && line < bl->nstarts && minutes_line_start(bl, line) < i)
				line++;
			cut = commas ? !depth && (t[i] == ',' || t[i] == ';')
				     : lines && line < bl->nstarts &&
					       minutes_line_start(bl, line) == i;
		}
		if (!cut)
			continue;
		/* "A a B", "A oraz B": parted where a name follows the conjunction */
		minutes_scan_init(ps, &sc, MINUTES_RULES_CONJ, t, i);
		for (from = start; minutes_scan(ps, &sc, from, &conj); from = e0) {
			rules_rx_span(conj->rx, &s0, &e0);
			if (e0 <= from)
				break;
			k = e0;
			wa = wb = i;
			if (next_word(t, &k, i, &wa, &wb) && !starts_upper(t, wa, wb) &&
			    !is_title(ps, t, wa, wb) && !is_honorific(ps, t, wa, wb)) {
				/* "a nově také Bc. Adéla ...": words in lower case before the name */
				size_t k2 = k;
				if (next_word(t, &k2, i, &wa, &wb) && !starts_upper(t, wa, wb) &&
				    !is_title(ps, t, wa, wb) && !is_honorific(ps, t, wa, wb))
					k = k2;
				if (!next_word(t, &k, i, &wa, &wb))
					wa = wb = i;
			}
			if (wa < i && (is_name_word(ps, t, wa, wb) || is_title(ps, t, wa, wb) ||
				       is_honorific(ps, t, wa, wb))) {
				piece(ps, t, start, s0, r);
				start = wa;
			}
		}
		minutes_scan_release(&sc);
		piece(ps, t, start, i, r);
		start = commas ? i + 1 : i;
	}
	flush(ps, t, r);
}

/*
 * An organisation heading people: "Za město: ...", "Ze strony MOPS: ..."
 * (the rules' 'attendees_group'), or "Org: Name, Name" where all after the
 * colon is people.
 */
static int group_label(struct parser *ps, const struct minutes_block *bl, size_t *rest,
		       struct span *org)
{
	struct reader r = { .mode = MINUTES_IN_LIST, .keep = 0 };
	const struct rules_entry *e;
	const char *colon;
	size_t s0, c;

	if (minutes_match(ps, MINUTES_RULES_ATTENDEES_GROUP, bl->text, bl->len, 0, 1, &e)) {
		minutes_group_or_all(e, "org", &org->a, &org->b);
		rules_rx_span(e->rx, &s0, rest);
		return 1;
	}
	colon = memchr(bl->text, ':', bl->len < 100 ? bl->len : 100);
	if (!colon)
		return 0;
	c = (size_t)(colon - bl->text);
	if (!c || count_words(bl->text, 0, c) > 8 || !starts_upper(bl->text, 0, c))
		return 0;
	/* a label of one word such as "Přítomni:" or "Poznámka:" is no organisation */
	if (count_words(bl->text, 0, c) == 1 &&
	    minutes_match(ps, MINUTES_RULES_NOT_ORG, bl->text, c, 0, 0, NULL))
		return 0;
	read_list(ps, bl, bl->text, c + 1, bl->len, 1, &r);
	if (!r.good || r.bad)
		return 0;
	org->a = 0;
	org->b = c;
	*rest = c + 1;
	return 1;
}

/*
 * The list of those present after a heading in block i (from rest), and
 * in the blocks after it while they hold only people; the people are kept
 * when keep (else it is a list of the excused).  Returns the last block
 * read.
 */
size_t minutes_attendees(struct parser *ps, size_t i, size_t rest, int keep)
{
	struct reader r = { .mode = MINUTES_IN_LIST, .keep = keep };
	const struct minutes_block *bl = &ps->b->v[i];
	size_t j, from, rr, last = i;
	struct span org;

	ps->saw_attendees = 1;
	read_list(ps, bl, bl->text, rest, bl->len, 1, &r);
	if (keep)
		minutes_people_in_text(ps, bl, rest);
	for (j = i + 1; j < ps->b->n && !ps->failed; j++) {
		bl = &ps->b->v[j];
		ps->line = bl->line;
		if (bl->kind == MINUTES_HEADING || minutes_classify(ps, bl, 0, &rr) != S_NONE ||
		    minutes_table_header(ps, bl))
			break;
		from = 0;
		if (group_label(ps, bl, &from, &org)) {
			r.group = r.group_id = NULL;
			r.group_org = NULL;
			organisation(ps, bl->text, org.a, org.b, &r.group, &r.group_id,
				     &r.group_org);
		} else if (bl->level == 0 && bl->kind == MINUTES_ITEM && j + 1 < ps->b->n &&
			   ps->b->v[j + 1].level == 1) {
			struct minutes_person p;
			if (!minutes_person(ps, bl->text, 0, bl->len, MINUTES_IN_LIST, &p) ||
			    p.name.b - p.name.a < bl->len / 2) {
				/* an organisation over its people */
				r.group = r.group_id = NULL;
				r.group_org = NULL;
				organisation(ps, bl->text, 0, bl->len, &r.group, &r.group_id,
					     &r.group_org);
				last = j;
				continue;
			}
		} else if (bl->level == 0) {
			r.group = r.group_id = NULL;
			r.group_org = NULL;
		}
		/* people only: counted first, kept when they all were */
		r.keep = 0;
		read_list(ps, bl, bl->text, from, bl->len, 1, &r);
		if (!r.good || r.bad)
			break;
		r.keep = keep;
		if (keep)
			read_list(ps, bl, bl->text, from, bl->len, 1, &r);
		last = j;
	}
	return last;
}

/* The people after a match of an 'attendees_text' rule e in bl->text: where they end. */
static size_t people_after(struct parser *ps, const struct minutes_block *bl,
			   const struct rules_entry *e, struct reader *r)
{
	size_t a, b;

	rules_rx_span(e->rx, &a, &b);
	if (!rules_rx_group(e->rx, "list", &a, &b)) {
		a = b;
		b = minutes_sentence_end(ps, bl->text, a, bl->len);
	}
	ps->saw_attendees = 1;
	read_list(ps, bl, bl->text, a, b, 0, r);
	return b;
}

/* The next place to look from after b, at a character's start. */
static size_t next_from(const struct minutes_block *bl, size_t from, size_t b)
{
	from = b > from ? b : from + 1;
	while (from < bl->len && ((unsigned char)bl->text[from] & 0xC0) == 0x80)
		from++;
	return from;
}

/* People named in the sentences of bl->text[from..) ("setkání řídil ..., jako hosté se zúčastnili ..."). */
void minutes_people_in_text(struct parser *ps, const struct minutes_block *bl, size_t from)
{
	struct reader r = { .mode = MINUTES_IN_TEXT, .keep = 1 };
	const struct rules_entry *e;
	struct minutes_scan sc;

	/* after "Ad 1. ", a rule's ^ holds where the text starts */
	if (from > 0 && from < bl->len &&
	    minutes_match(ps, MINUTES_RULES_ATTENDEES_TEXT, bl->text, bl->len, from, 1, &e))
		from = next_from(bl, from, people_after(ps, bl, e, &r));
	minutes_scan_init(ps, &sc, MINUTES_RULES_ATTENDEES_TEXT, bl->text, bl->len);
	while (from < bl->len && !ps->failed && minutes_scan(ps, &sc, from, &e))
		from = next_from(bl, from, people_after(ps, bl, e, &r));
	minutes_scan_release(&sc);
}

/* ---- the author ---- */

/* The author after a heading ("Zapsala:", "Pozdrawiam"), there or on the next line. */
size_t minutes_author(struct parser *ps, size_t i, size_t rest)
{
	const struct minutes_block *bl = &ps->b->v[i];
	struct minutes_person p;
	struct textdate dt;
	size_t a = rest, b = bl->len, used = 0;

	ps->saw_author = 1;
	trim(bl->text, &a, &b);
	if (a == b && i + 1 < ps->b->n) {
		bl = &ps->b->v[++i];
		a = 0;
		b = bl->nstarts ? minutes_line_start(bl, 0) : bl->len;
		used = 1;
	}
	if (minutes_find_date(ps, bl->text, b, a, &dt))
		b = dt.start;
	minutes_strip_fillers(ps, bl->text, &a, &b);
	if (a < b && !ps->m->author) {
		if (minutes_person(ps, bl->text, a, b, MINUTES_IN_TEXT, &p) ||
		    minutes_person(ps, bl->text, a, b, MINUTES_IN_LIST, &p))
			ps->m->author = minutes_keep(ps, bl->text, p.name.a, p.name.b);
		else if (count_words(bl->text, a, b) <= 6)
			ps->m->author = minutes_keep(ps, bl->text, a, b);
	}
	return used;
}
