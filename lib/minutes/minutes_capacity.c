/*
 * minutes_capacity: the grammar of capacity statements in an update: its
 * sentences, the numbers the rules find in each (used, total, waiting,
 * free) with their units, the states in words (full, near-full, ok), and
 * how they join into statements, with the service and status of each.
 *
 * Ownership: statements and sentences are freed before
 * minutes_capacity_read returns; the capacity rows it adds to struct
 * minutes point to the minutes' arena and to services.yaml.
 */
#include "minutes_int.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

enum field { F_USED, F_TOTAL, F_WAITING, F_FREE, F_NFIELDS };

struct stmt {
	const char *unit;
	long v[F_NFIELDS];
	const char *status;                 /* stated in words, or NULL */
	size_t first, last;                 /* sentences */
	size_t born;                        /* the sentence read when it was made */
	const struct rules_entry *facility; /* the 'unit_hint' its sentences named */
};

/*
 * The statements of an update, in the order they were made.  A statement
 * takes a number or a state only in its last sentence or the next one, and
 * takes at most five (four numbers and a state), each at most one sentence
 * further: so its last sentence is at most five after the one it was made
 * in, and a search for one to extend stops at the first older than that.
 */
enum { REACH = 6 };

struct stmts {
	struct stmt *v;
	size_t n, alloc;
	size_t now; /* the sentence being read */
	unsigned long long *work;
	const char *dflt;        /* the rules' default unit */
	size_t quote_a, quote_b; /* the last quote made, which the next may share */
	const char *quote;
	const struct rules_entry *facility; /* the 'unit_hint' the sentence read names */
};

/*
 * A statement of sentences before k goes on in sentence k unless k names
 * another facility ("Noclehárna je plná. Azylový dům má 2 volná místa.").
 */
static int same_facility(const struct stmts *st, const struct stmt *s, size_t k)
{
	return s->last >= k || !st->facility || !s->facility || s->facility == st->facility;
}

/* Statement i (going back from the newest) may still take something in sentence k. */
static int within_reach(const struct stmts *st, size_t i, size_t k)
{
	return st->v[i].born + REACH >= k;
}

/* Sentences of t: they end at . ! ? ; before an upper-case letter, not after an abbreviation. */
/* The unit that the text s[a..b) of a unit group stands for. */
static const char *unit_of(struct parser *ps, const char *s, size_t a, size_t b)
{
	size_t i, n, s0, e0;
	const struct rules_entry *const *v = rules_entries(ps->r, MINUTES_RULES_UNIT, &n);

	for (i = 0; i < n; i++) {
		const struct rules_entry *e = v[i];
		if (!e->rx)
			continue;
		if (rules_rx_exec(e->rx, s, b, a, 1, ps->d) == 1) {
			rules_rx_span(e->rx, &s0, &e0);
			if (e0 == b)
				return e->tag;
		}
	}
	return NULL;
}

/* The unit named or implied first in a sentence ("noclehárna": beds). */
static const char *unit_hint(struct parser *ps, const char *t, size_t a, size_t b)
{
	const struct rules_entry *unit, *hint;
	size_t us, ue, hs, he;
	int have_unit = minutes_match(ps, MINUTES_RULES_UNIT, t, b, a, 0, &unit);
	int have_hint = minutes_match(ps, MINUTES_RULES_UNIT_HINT, t, b, a, 0, &hint);

	if (have_unit)
		rules_rx_span(unit->rx, &us, &ue);
	if (have_hint)
		rules_rx_span(hint->rx, &hs, &he);
	if (have_hint && (!have_unit || hs < us))
		return hint->tag;
	return have_unit ? unit->tag : NULL;
}

/* The first 'unit_hint' rule that the sentence t[a..b) matches: the facility it names. */
static const struct rules_entry *facility_of(struct parser *ps, const char *t, size_t a, size_t b)
{
	const struct rules_entry *hint;

	return minutes_match(ps, MINUTES_RULES_UNIT_HINT, t, b, a, 0, &hint) ? hint : NULL;
}

static const char *state_of(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i, n;
	const struct rules_entry *const *v = rules_entries(ps->r, MINUTES_RULES_STATE, &n);

	for (i = 0; i < n; i++)
		if (v[i]->rx && minutes_exec(ps, v[i]->rx, t, b, a))
			return v[i]->tag;
	return NULL;
}

static struct stmt *new_stmt(struct stmts *st, const char *unit, size_t sentence)
{
	struct stmt *s;
	int f;

	XALLOC_GROW(st->v, st->n + 1, st->alloc);
	s = &st->v[st->n++];
	s->unit = unit;
	for (f = 0; f < F_NFIELDS; f++)
		s->v[f] = -1;
	s->status = NULL;
	s->first = s->last = sentence;
	s->born = st->now;
	s->facility = st->facility;
	return s;
}

/*
 * Places and persons count anything (beds are places, persons fill them),
 * and so does the rules' default unit: a statement in one of them takes
 * numbers of any unit.
 */
static int generic(const char *unit, const char *default_unit)
{
	return !strcmp(unit, "places") || !strcmp(unit, "persons") || !strcmp(unit, default_unit);
}

static int compatible(const struct stmt *s, const char *unit, const char *default_unit)
{
	return !s->unit || !unit || !strcmp(s->unit, unit) || generic(s->unit, default_unit) ||
	       generic(unit, default_unit);
}

/*
 * Statement s with field f set to n (and field two to n2): its numbers do
 * not contradict each other (used and free make the total, when all are
 * known; nothing more in use than in all).
 */
static int consistent(const struct stmt *s, int f, long n, int two, long n2)
{
	long v[F_NFIELDS];
	int k;

	for (k = 0; k < F_NFIELDS; k++)
		v[k] = s->v[k];
	v[f] = n;
	if (two >= 0)
		v[two] = n2;
	if (v[F_USED] >= 0 && v[F_TOTAL] >= 0 && v[F_USED] > v[F_TOTAL])
		return 0;
	return v[F_USED] < 0 || v[F_TOTAL] < 0 || v[F_FREE] < 0 ||
	       v[F_USED] + v[F_FREE] == v[F_TOTAL];
}

static void add_fact(struct stmts *st, const char *tag, long n, long n2, const char *unit,
		     size_t sentence)
{
	static const char *const tags[] = { "used", "total", "waiting", "free" };
	struct stmt *s = NULL;
	int f, two = -1;
	size_t i;

	/* "used-total": used and total; "free-total": free and total; "all": both of n */
	if (!strcmp(tag, "used-total") || !strcmp(tag, "all"))
		tag = "used", two = F_TOTAL;
	else if (!strcmp(tag, "free-total"))
		tag = "free", two = F_TOTAL;
	for (f = 0; f < F_NFIELDS && strcmp(tags[f], tag); f++)
		;
	if (f == F_NFIELDS)
		return;
	if (n2 < 0)
		n2 = n;
	/* a waiting list or free places go with the statement before them, in any unit */
	for (i = st->n; i-- > 0 && !s && within_reach(st, i, sentence); (*st->work)++)
		if (st->v[i].last + 1 >= sentence && st->v[i].v[f] < 0 &&
		    (f == F_WAITING || compatible(&st->v[i], unit, st->dflt)) &&
		    (two < 0 || st->v[i].v[two] < 0) && same_facility(st, &st->v[i], sentence) &&
		    consistent(&st->v[i], f, n, two, n2 < 0 ? n : n2))
			s = &st->v[i];
	if (!s)
		s = new_stmt(st, unit, sentence);
	if (!s->unit ||
	    (unit && generic(s->unit, st->dflt) && !generic(unit, st->dflt) && f != F_WAITING))
		s->unit = unit;
	s->v[f] = n;
	if (two >= 0)
		s->v[two] = n2;
	s->last = sentence;
	if (!s->facility)
		s->facility = st->facility;
}

static const char *default_unit(struct parser *ps, const struct organization *org);

struct fact {
	size_t at; /* where its number is in the text */
	const char *tag, *unit;
	long n, n2;
};

static int cmp_fact(const void *a, const void *b)
{
	const struct fact *x = a, *y = b;
	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * The numbers of one sentence, each taken by the first rule that matches
 * it, then added in the order of the text; returns how many.
 */
static size_t numbers(struct parser *ps, const char *t, const struct span *sen, size_t k,
		      const char *hint, struct stmts *st)
{
	struct fact facts[16];
	struct span no[16];
	size_t nfacts = 0, nno = 0, i, j, s0, e0, na, nb, n2a, n2b, ua, ub, from, nrules;
	const struct rules_entry *const *v = rules_entries(ps->r, MINUTES_RULES_NUMBER, &nrules);
	const struct rules_entry *e0rule;

	/* numbers that are no capacity: of documents, phones, amounts, years */
	for (from = sen[k].a;
	     nno < 16 && minutes_match(ps, MINUTES_RULES_NOT_NUMBER, t, sen[k].b, from, 0, &e0rule);
	     from = e0) {
		rules_rx_span(e0rule->rx, &s0, &e0);
		if (e0 <= s0)
			break;
		no[nno].a = s0;
		no[nno++].b = e0;
	}
	for (i = 0; i < nrules && nfacts < 16; i++) {
		const struct rules_entry *e = v[i];
		if (!e->rx)
			continue;
		for (from = sen[k].a; minutes_exec(ps, e->rx, t, sen[k].b, from); from = e0) {
			const char *unit = hint;
			long n2 = -1;
			rules_rx_span(e->rx, &s0, &e0);
			if (e0 <= s0 || !rules_rx_group(e->rx, "n", &na, &nb))
				break;
			for (j = 0; j < nfacts; j++)
				if (facts[j].at == na)
					break;
			if (j < nfacts || nfacts == 16)
				continue;
			for (j = 0; j < nno; j++)
				if (na < no[j].b && nb > no[j].a)
					break;
			if (j < nno)
				continue;
			if (rules_rx_group(e->rx, "n2", &n2a, &n2b))
				n2 = minutes_number(ps, t, n2a, n2b);
			if (rules_rx_group(e->rx, "unit", &ua, &ub) && unit_of(ps, t, ua, ub))
				unit = unit_of(ps, t, ua, ub);
			facts[nfacts].at = na;
			facts[nfacts].tag = e->tag;
			facts[nfacts].unit = unit;
			facts[nfacts].n = minutes_number(ps, t, na, nb);
			facts[nfacts].n2 = n2;
			if (facts[nfacts].n >= 0)
				nfacts++;
		}
	}
	qsort(facts, nfacts, sizeof *facts, cmp_fact);
	for (j = 0; j < nfacts; j++)
		add_fact(st, facts[j].tag, facts[j].n, facts[j].n2, facts[j].unit, k);
	return nfacts;
}

static void apply_state(struct stmts *st, const char *status, const char *hint, size_t k)
{
	struct stmt *s = NULL;
	size_t i;

	for (i = st->n; i-- > 0 && !s && within_reach(st, i, k); (*st->work)++)
		if (st->v[i].last == k && !st->v[i].status)
			s = &st->v[i];
	for (i = st->n; i-- > 0 && !s && within_reach(st, i, k); (*st->work)++)
		if (st->v[i].last + 1 == k && !st->v[i].status &&
		    compatible(&st->v[i], hint, st->dflt) && same_facility(st, &st->v[i], k))
			s = &st->v[i];
	if (!s)
		s = new_stmt(st, hint, k);
	s->status = status;
	s->last = k;
}

/* The service of org that has capacity in unit; else its only service; else NULL. */
static const struct service *service_for(const struct organization *org, const char *unit)
{
	size_t i;

	for (i = 0; org && unit && i < org->nservices; i++)
		if (org->services[i]->capacity_unit &&
		    !strcmp(org->services[i]->capacity_unit, unit))
			return org->services[i];
	return org && org->nservices == 1 ? org->services[0] : NULL;
}

static const char *default_unit(struct parser *ps, const struct organization *org)
{
	const char *unit = NULL;
	const struct rules_entry *const *v;
	size_t i, n;

	for (i = 0; org && i < org->nservices; i++) {
		if (!org->services[i]->capacity_unit)
			continue;
		if (unit && strcmp(unit, org->services[i]->capacity_unit))
			return "places";
		unit = org->services[i]->capacity_unit;
	}
	if (unit)
		return unit;
	v = rules_entries(ps->r, MINUTES_RULES_DEFAULT_UNIT, &n);
	return n ? v[0]->text : "places";
}

/*
 * The sentences text[a..b) that a statement was read from, as written but
 * at most QUOTE_MAX bytes (then cut at a character, with "…"), so that a
 * sentence of many numbers does not fill the output; statements of the
 * same sentences share one copy, and the sentences that end the update
 * are the end of its text.
 */
enum { QUOTE_MAX = 500 };

static const char *quote(struct parser *ps, struct stmts *st, const char *text, size_t a, size_t b)
{
	struct strbuf *sb = &ps->tmp2;
	size_t cut;

	if (st->quote && st->quote_a == a && st->quote_b == b)
		return st->quote;
	st->quote_a = a;
	st->quote_b = b;
	trim(text, &a, &b);
	if (b - a <= QUOTE_MAX && !text[b]) {
		st->quote = text + a; /* the end of the update's text, already kept */
		return st->quote;
	}
	if (b - a <= QUOTE_MAX) {
		st->quote = minutes_keep(ps, text, a, b);
		return st->quote;
	}
	for (cut = a + QUOTE_MAX; cut > a && ((unsigned char)text[cut] & 0xC0) == 0x80; cut--)
		;
	strbuf_reset(sb);
	strbuf_add(sb, text + a, cut - a);
	strbuf_addstr(sb, "\xE2\x80\xA6");
	st->quote = arena_strndup(&ps->m->arena, sb->buf, sb->len);
	return st->quote;
}

/*
 * A statement of update u: what its numbers give of each other (used from
 * total and free, free from total and used, all in use when full), and
 * its status: the one stated, else full when all is in use, near-full from
 * 90 %, ok below or when places are free.
 */
static void emit(struct parser *ps, size_t u, const char *unit, long v[F_NFIELDS],
		 const char *status, const char *quote_text)
{
	const struct minutes_update *up = &ps->m->updates[u];
	const struct service *svc;
	struct minutes_capacity *c;
	long used = v[F_USED], total = v[F_TOTAL], free_ = v[F_FREE];

	if (!unit)
		unit = default_unit(ps, up->org);
	svc = service_for(up->org, unit);
	if (free_ >= 0 && total < 0 && used < 0 && svc && svc->capacity_unit &&
	    !strcmp(svc->capacity_unit, unit) && svc->capacity_total >= 0)
		total = svc->capacity_total;
	if (free_ >= 0 && total >= 0 && used < 0)
		used = total > free_ ? total - free_ : 0;
	if (status && !strcmp(status, "full") && total >= 0 && used < 0)
		used = total;
	if (status && !strcmp(status, "full") && used >= 0 && total < 0)
		total = used; /* "30 people enrolled: full" */
	if (used >= 0 && total >= 0 && free_ < 0)
		free_ = total > used ? total - used : 0;
	if (used >= 0 && free_ >= 0 && total < 0)
		total = used + free_;
	if (!status && free_ == 0)
		status = "full";
	if (!status && used >= 0 && total > 0)
		status = used >= total ? "full" : used * 10 >= total * 9 ? "near-full" : "ok";
	if (!status && free_ > 0)
		status = "ok";
	XALLOC_GROW(ps->m->capacity, ps->m->ncapacity + 1, ps->m->capacity_alloc);
	c = &ps->m->capacity[ps->m->ncapacity++];
	c->update = u;
	c->service = svc ? svc->id : up->org_id;
	c->unit = unit; /* a tag of the rules or a unit of services.yaml */
	c->used = used;
	c->total = total;
	c->free = free_;
	c->waiting = v[F_WAITING];
	c->status = status ? status : "unknown";
	c->quote = quote_text;
}

static void finish_stmt(struct parser *ps, size_t u, const char *text, const struct span *sen,
			struct stmts *st, struct stmt *s)
{
	emit(ps, u, s->unit, s->v, s->status, quote(ps, st, text, sen[s->first].a, sen[s->last].b));
}

void minutes_capacity_row(struct parser *ps, size_t u, const struct minutes_table_numbers *num)
{
	long v[F_NFIELDS];

	v[F_USED] = num->used;
	v[F_TOTAL] = num->total;
	v[F_FREE] = num->free;
	v[F_WAITING] = num->waiting;
	if (v[F_USED] < 0 && v[F_TOTAL] < 0 && v[F_FREE] < 0 && v[F_WAITING] < 0)
		return;
	emit(ps, u, NULL, v, NULL, ps->m->updates[u].text);
}

/*
 * Finish the statements made before those that sentence k may still
 * extend, and drop them, so that an update of many sentences keeps only a
 * few statements at a time; k == SIZE_MAX finishes them all.
 */
static void finish_old(struct parser *ps, size_t u, const char *text, const struct span *sen,
		       struct stmts *st, size_t k)
{
	size_t done = 0;

	while (done < st->n && (k == SIZE_MAX || !within_reach(st, done, k)))
		finish_stmt(ps, u, text, sen, st, &st->v[done++]);
	if (!done)
		return;
	memmove(st->v, st->v + done, (st->n - done) * sizeof *st->v);
	st->n -= done;
}

void minutes_capacity_read(struct parser *ps, size_t u)
{
	const char *t = ps->m->updates[u].text;
	struct span *sen = NULL;
	struct stmts st = { NULL, 0, 0, 0, NULL, NULL, 0, 0, NULL, NULL };
	size_t n, k, alloc = 0;
	long pending = -1;
	const char *pending_status = NULL, *pending_hint = NULL;
	const struct rules_entry *pending_facility = NULL;

	st.work = &ps->m->work;
	st.dflt = default_unit(ps, NULL);
	n = minutes_sentences(ps, t, strlen(t), &sen, &alloc);
	for (k = 0; k < n && !ps->failed; k++) {
		const char *hint, *status;
		size_t before, got;
		finish_old(ps, u, t, sen, &st, k);
		before = st.n;
		st.now = k;
		if (minutes_match(ps, MINUTES_RULES_IGNORE, t, sen[k].b, sen[k].a, 0, NULL))
			continue;
		hint = unit_hint(ps, t, sen[k].a, sen[k].b);
		st.facility = facility_of(ps, t, sen[k].a, sen[k].b);
		got = numbers(ps, t, sen, k, hint, &st);
		status = state_of(ps, t, sen[k].a, sen[k].b);
		if (pending >= 0 && got && st.n > 0 && !st.v[st.n - 1].status &&
		    compatible(&st.v[st.n - 1], pending_hint, st.dflt) &&
		    (!pending_facility || !st.v[st.n - 1].facility ||
		     pending_facility == st.v[st.n - 1].facility)) {
			st.v[st.n - 1].status = pending_status;
			if (st.v[st.n - 1].first > (size_t)pending)
				st.v[st.n - 1].first = (size_t)pending;
			pending = -1;
		}
		if (pending >= 0) {
			struct stmt *s = new_stmt(&st, pending_hint, (size_t)pending);
			s->status = pending_status;
			s->facility = pending_facility;
			pending = -1;
		}
		if (status && (got || (before > 0 && st.v[before - 1].last + 1 == k &&
				       !st.v[before - 1].status))) {
			apply_state(&st, status, hint, k);
		} else if (status) {
			pending = (long)k;
			pending_status = status;
			pending_hint = hint;
			pending_facility = st.facility;
		}
	}
	if (pending >= 0)
		new_stmt(&st, pending_hint, (size_t)pending)->status = pending_status;
	finish_old(ps, u, t, sen, &st, SIZE_MAX);
	free(sen);
	free(st.v);
}
