#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

struct report_row *report_find(const struct report *r, const char *id, size_t len)
{
	long i = strindex_find(&r->index, id, len);
	return i < 0 ? NULL : &r->rows[i];
}

void report_week_ends(long until, long ends[REPORT_WEEKS])
{
	long monday = until - civtime_weekday(until) + 1;
	int w;
	for (w = 0; w < REPORT_WEEKS; w++) {
		long sunday = monday - 7L * (REPORT_WEEKS - 1 - w) + 6;
		ends[w] = sunday < until ? sunday : until;
	}
}

/* The key of a row and a need in by_need. */
static void need_key(struct strbuf *sb, const char *row, const char *need, size_t len)
{
	strbuf_reset(sb);
	strbuf_addstr(sb, row);
	strbuf_addch(sb, '\x1f');
	strbuf_add(sb, need, len);
}

unsigned long report_need_referrals(const struct report *r, const struct report_row *row,
				    const char *need)
{
	struct strbuf key = STRBUF_INIT;
	long i;
	need_key(&key, row->id, need, strlen(need));
	i = strindex_find(&r->by_need, key.buf, key.len);
	strbuf_release(&key);
	return i < 0 ? 0 : r->by_need_count[i];
}

void report_add_need_referrals(struct report *r, const char *row, const char *need, size_t len,
			       unsigned long n)
{
	struct strbuf key = STRBUF_INIT;
	size_t i;
	need_key(&key, row, need, len);
	i = strindex_add(&r->by_need, key.buf, key.len);
	strbuf_release(&key);
	if (i >= r->by_need_alloc) {
		size_t old = r->by_need_alloc;
		r->by_need_alloc = r->by_need_alloc ? 2 * r->by_need_alloc : 64;
		r->by_need_count =
			xreallocarray(r->by_need_count, r->by_need_alloc, sizeof *r->by_need_count);
		memset(r->by_need_count + old, 0,
		       (r->by_need_alloc - old) * sizeof *r->by_need_count);
	}
	r->by_need_count[i] += n;
}

void report_finish(struct report *r)
{
	size_t i, k = 0;
	for (i = 0; i < r->n; i++)
		if (r->rows[i].listed || r->rows[i].referrals || r->rows[i].turned_away)
			r->rows[k++] = r->rows[i];
	r->n = k;
	strindex_release(&r->index);
	strindex_init(&r->index);
	for (i = 0; i < r->n; i++)
		strindex_add(&r->index, r->rows[i].id, strlen(r->rows[i].id));
}

void report_want_weeks(struct report *r)
{
	long monday = r->until - civtime_weekday(r->until) + 1;
	int w;
	r->weeks = xcalloc(1, sizeof *r->weeks);
	r->weeks->last = r->until;
	for (w = 0; w < REPORT_WEEKS; w++)
		r->weeks->monday[w] = monday - 7L * (REPORT_WEEKS - 1 - w);
}

/* Building the rows. */

static void compute(struct report_row *row, const struct capacity_view *v, long as_of,
		    long stale_days)
{
	const struct service *svc = row->service;
	const struct capacity_obs *ob = v && v->have_latest ? &v->latest : NULL;
	struct capacity_fill f;

	row->flags = 0;
	row->unit = ob && ob->unit[0]           ? ob->unit
		    : svc && svc->capacity_unit ? svc->capacity_unit
						: "";
	row->waiting = ob ? ob->waiting : -1;
	row->observed = ob ? ob->date : -1;
	if (!ob) {
		capacity_fill(-1, svc ? svc->capacity_total : -1, CAPACITY_UNKNOWN, &f);
		row->flags = REPORT_NO_DATA;
	} else {
		capacity_fill_of(ob, svc ? svc->capacity_total : -1, &f);
	}
	row->used = f.used;
	row->total = f.total;
	row->free = f.free;
	row->utilisation = f.utilisation;
	row->have_change = ob && row->used >= 0 && v->have_previous && v->previous.used >= 0;
	row->change = row->have_change ? row->used - v->previous.used : 0;
	if (!ob)
		return;
	if (f.full)
		row->flags |= REPORT_FULL;
	else if (f.near_full)
		row->flags |= REPORT_NEAR_FULL;
	else if (f.under_used)
		row->flags |= REPORT_UNDER_USED;
	if (as_of - ob->date > stale_days)
		row->flags |= REPORT_STALE;
}

static struct report_row *add_row(struct report *r, size_t *alloc, const char *id,
				  const struct service *svc, const struct organization *org)
{
	struct report_row *row;
	XALLOC_GROW(r->rows, r->n + 1, *alloc);
	row = &r->rows[r->n++];
	memset(row, 0, sizeof *row);
	row->id = id;
	row->service = svc;
	row->org = org;
	return row;
}

void report_build(struct report *r, const struct services *s, const struct capacity_history *h,
		  long as_of, long stale_days, long since, long until)
{
	size_t alloc = 0, ualloc = 0, i, k;

	memset(r, 0, sizeof *r);
	strindex_init(&r->index);
	strindex_init(&r->by_need);
	r->as_of = as_of;
	r->since = since;
	r->until = until;
	for (i = 0; i < s->norgs; i++) {
		const struct organization *org = &s->orgs[i];
		const struct capacity_entry *e;
		for (k = 0; k < org->nservices; k++) {
			const struct service *svc = org->services[k];
			e = capacity_history_find(h, svc->id);
			struct report_row *row = add_row(r, &alloc, svc->id, svc, org);
			compute(row, e ? &e->now : NULL, as_of, stale_days);
			row->listed = svc->capacity_unit || (e && e->now.have_latest);
		}
		e = capacity_history_find(h, org->id);
		if (e && e->now.have_latest) {
			compute(add_row(r, &alloc, org->id, NULL, org), &e->now, as_of, stale_days);
			r->rows[r->n - 1].listed = 1;
		}
	}
	for (i = 0; i < h->n; i++) {
		if (services_find(s, h->entries[i]->id) || services_find_org(s, h->entries[i]->id))
			continue;
		XALLOC_GROW(r->unknown, r->nunknown + 1, ualloc);
		r->unknown[r->nunknown++] = h->entries[i];
	}
	for (i = 0; i < r->n; i++)
		strindex_add(&r->index, r->rows[i].id, strlen(r->rows[i].id));
}

int report_alert(const struct report *r)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		if (r->rows[i].flags & (REPORT_FULL | REPORT_STALE))
			return 1;
	return 0;
}

void report_release(struct report *r)
{
	free(r->rows);
	free(r->unknown);
	strindex_release(&r->index);
	strindex_release(&r->by_need);
	free(r->by_need_count);
	if (r->weeks) {
		strindex_release(&r->weeks->codes);
		free(r->weeks->needs);
		free(r->weeks);
	}
	memset(r, 0, sizeof *r);
}
