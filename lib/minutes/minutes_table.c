/*
 * minutes_table: tables in minutes, as a word processor or a PDF leaves
 * them: each row a line of cells parted by tabs or pipes (a block of kind
 * MINUTES_ROW).  A heading row names the columns (the rules' 'column');
 * the rows under it are read by what their columns hold: people (name,
 * organisation, role) become attendees, organisations with numbers
 * (places in all, used, free, waiting) an update with one capacity
 * statement each, tasks action points.  A row of dashes (a Markdown rule)
 * is passed over; the first row that is no row ends the table.
 *
 * Ownership: what is kept goes to the minutes' arena; the cells are spans
 * of the blocks' texts, held only while a row is read.
 */
#include "minutes_int.h"

#include <string.h>

#include "banned.h"

enum { MAX_CELLS = 16 };

enum column { C_NONE, C_NAME, C_ORG, C_ROLE, C_TOTAL, C_USED, C_FREE, C_WAITING, C_TASK, C_OTHER };

static const char *const column_names[] = { "name",        "organization", "role",    "total",
					    "used",        "free",         "waiting", "task",
					    "responsible", "deadline" };

static const enum column column_of[] = { C_NAME, C_ORG,     C_ROLE, C_TOTAL, C_USED,
					 C_FREE, C_WAITING, C_TASK, C_OTHER, C_OTHER };

struct heading {
	enum column col[MAX_CELLS];
	size_t n;
	const struct minutes_block *bl; /* the heading row, for the columns' names */
	struct span cell[MAX_CELLS];
};

/* The cells of a row, trimmed, without the empty ones a leading or final pipe makes. */
static size_t cells(const char *t, size_t len, struct span *c)
{
	size_t i, n = 0, start = 0;

	for (i = 0; i <= len && n < MAX_CELLS; i++) {
		size_t a = start, b = i;
		if (i < len && t[i] != '\t' && t[i] != '|')
			continue;
		start = i + 1;
		trim(t, &a, &b);
		if (a == b && (i == len || (n == 0 && t[i] == '|')))
			continue;
		c[n].a = a;
		c[n++].b = b;
	}
	return n;
}

/* A rule of a Markdown table ("|---|:--|"): nothing but dashes, colons and pipes. */
static int rule_row(const char *t, size_t len)
{
	size_t i;
	int dashes = 0;

	for (i = 0; i < len; i++) {
		if (t[i] == '-')
			dashes++;
		else if (!strchr(":| \t", t[i]))
			return 0;
	}
	return dashes > 0;
}

static enum column column(struct parser *ps, const char *t, const struct span *c)
{
	const struct rules_entry *e;
	size_t s0, e0, k;

	if (!minutes_match(ps, MINUTES_RULES_COLUMN, t, c->b, c->a, 1, &e))
		return C_NONE;
	rules_rx_span(e->rx, &s0, &e0);
	if (e0 != c->b)
		return C_NONE;
	for (k = 0; k < sizeof column_names / sizeof *column_names; k++)
		if (!strcmp(e->tag, column_names[k]))
			return column_of[k];
	return C_NONE;
}

/* The columns of a heading row: at least two named, one of them people, organisations or tasks. */
static int heading(struct parser *ps, const struct minutes_block *bl, struct heading *h)
{
	size_t i, named = 0;
	int key = 0;

	if (bl->kind != MINUTES_ROW)
		return 0;
	h->bl = bl;
	h->n = cells(bl->text, bl->len, h->cell);
	for (i = 0; i < h->n; i++) {
		h->col[i] = column(ps, bl->text, &h->cell[i]);
		named += h->col[i] != C_NONE;
		key |= h->col[i] == C_NAME || h->col[i] == C_ORG || h->col[i] == C_TASK;
	}
	return named >= 2 && key;
}

int minutes_table_header(struct parser *ps, const struct minutes_block *bl)
{
	struct heading h;

	return heading(ps, bl, &h);
}

static int has(const struct heading *h, enum column c)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (h->col[i] == c)
			return 1;
	return 0;
}

/* A cell's number, or -1 ("–", "", "n/a"). */
static int32_t cell_number(const char *t, const struct span *c)
{
	size_t i;

	for (i = c->a; i < c->b; i++)
		if (!is_digit(t[i]))
			return -1;
	return c->b > c->a ? (int32_t)minutes_number_at(t, c->a, c->b) : -1;
}

/* A row of people. */
static void person_row(struct parser *ps, const struct heading *h, const char *t,
		       const struct span *c, size_t n)
{
	struct minutes_person p;
	size_t i;

	for (i = 0; i < n && i < h->n && h->col[i] != C_NAME; i++)
		;
	if (i >= n || i >= h->n || !minutes_person(ps, t, c[i].a, c[i].b, MINUTES_IN_LIST, &p))
		return;
	for (i = 0; i < n && i < h->n; i++) {
		if (h->col[i] == C_ORG && c[i].b > c[i].a && !p.org.b)
			p.org = c[i];
		else if (h->col[i] == C_ROLE && c[i].b > c[i].a && !p.role.b)
			p.role = c[i];
	}
	minutes_add_person(ps, t, &p, NULL, NULL, NULL);
}

/* A row of an organisation and its numbers: an update, and its statement. */
static void capacity_row(struct parser *ps, const struct heading *h, const struct minutes_block *bl,
			 const struct span *c, size_t n)
{
	struct minutes_table_numbers num = { -1, -1, -1, -1 };
	struct strbuf text = STRBUF_INIT;
	size_t i, org = (size_t)-1, k;
	int32_t v;

	for (i = 0; i < n && i < h->n; i++) {
		if (h->col[i] == C_ORG && org == (size_t)-1) {
			org = i;
			continue;
		}
		v = cell_number(bl->text, &c[i]);
		if (h->col[i] == C_TOTAL)
			num.total = v;
		else if (h->col[i] == C_USED)
			num.used = v;
		else if (h->col[i] == C_FREE)
			num.free = v;
		else if (h->col[i] == C_WAITING)
			num.waiting = v;
		else
			continue;
		/* the update's text: "kapacita 30, obsazeno 30" in the table's words */
		if (text.len)
			strbuf_addstr(&text, ", ");
		strbuf_add(&text, h->bl->text + h->cell[i].a, h->cell[i].b - h->cell[i].a);
		strbuf_addch(&text, ' ');
		strbuf_add(&text, bl->text + c[i].a, c[i].b - c[i].a);
	}
	if (org == (size_t)-1 || c[org].a == c[org].b) {
		strbuf_release(&text);
		return;
	}
	/* "Fundacja Przystań – mieszkanie interwencyjne": the organisation, then its service */
	for (k = c[org].a; k + 1 < c[org].b; k++)
		if (bl->text[k] == ' ' &&
		    (bl->text[k + 1] == '-' || !memcmp(bl->text + k + 1, "\xE2\x80\x93", 3)))
			break;
	minutes_table_update(ps, bl, c[org].a, k + 1 < c[org].b ? k : c[org].b, text.buf, text.len,
			     &num);
	strbuf_release(&text);
}

/* A row of a task: an action point. */
static void task_row(struct parser *ps, const struct heading *h, const char *t,
		     const struct span *c, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < h->n; i++)
		if (h->col[i] == C_TASK && c[i].b > c[i].a)
			minutes_push(&ps->m->actions, &ps->m->nactions, &ps->m->actions_alloc,
				     minutes_keep(ps, t, c[i].a, c[i].b));
}

size_t minutes_table(struct parser *ps, size_t i)
{
	struct heading h;
	struct span c[MAX_CELLS];
	size_t j, n;

	if (!heading(ps, &ps->b->v[i], &h))
		return i;
	for (j = i + 1; j < ps->b->n && !ps->failed; j++) {
		const struct minutes_block *bl = &ps->b->v[j];
		ps->line = bl->line;
		if (bl->kind != MINUTES_ROW)
			break;
		if (rule_row(bl->text, bl->len))
			continue;
		n = cells(bl->text, bl->len, c);
		if (n < 2)
			break;
		if (has(&h, C_NAME))
			person_row(ps, &h, bl->text, c, n);
		else if (has(&h, C_ORG))
			capacity_row(ps, &h, bl, c, n);
		else
			task_row(ps, &h, bl->text, c, n);
	}
	return j - 1;
}
