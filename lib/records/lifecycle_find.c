/*
 * Step 1 of an update (lifecycle.h): the ids asked for, sorted, and each
 * found in intake.csv as it streams past.  A record found is not copied:
 * its offset and length are kept, and it is read again when its request's
 * turn comes, so that memory holds an entry per id and not its text.
 */
#include "lifecycle_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvscan.h"
#include "xalloc.h"
#include "banned.h"

#define SEQ_LIMIT 1000000000ULL /* above any sequence number (9 digits) */

uint64_t lifecycle_key(int year, long seq)
{
	return (uint64_t)year * SEQ_LIMIT + (uint64_t)seq;
}

void lifecycle_key_format(char *buf, size_t len, uint64_t key)
{
	intakeid_format(buf, len, (int)(key / SEQ_LIMIT), (long)(key % SEQ_LIMIT));
}

static int cmp_wanted(const void *a, const void *b)
{
	const struct lifecycle_wanted *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->req < y->req ? -1 : x->req > y->req;
}

/*
 * A repeated id is found by sorting, not by an index of strings: the
 * entry is all the memory it takes.  The first request of an id counts;
 * a later one is refused, unless it has a problem of its own already.
 */
void lifecycle_sort_ids(struct lifecycle_update *u)
{
	size_t i, j, n = 0;

	qsort(u->w, u->nw, sizeof *u->w, cmp_wanted);
	for (i = 0; i < u->nw; i = j) {
		struct lifecycle_item *first = &u->item[u->w[i].req];
		for (j = i + 1; j < u->nw && u->w[j].key == u->w[i].key; j++) {
			struct lifecycle_item *it = &u->item[u->w[j].req];
			if (!(it->flags & LIFECYCLE_BAD)) {
				it->flags |= LIFECYCLE_DUP;
				it->id_line = first->id_line;
			}
		}
		if (!(first->flags & LIFECYCLE_BAD))
			u->w[n++] = u->w[i];
	}
	u->nw = n;
}

/* The first wanted id not before key. */
static size_t position(const struct lifecycle_update *u, uint64_t key)
{
	size_t lo = 0, hi = u->nw;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (key > u->w[mid].key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int lifecycle_wants(void *up, const char *id)
{
	const struct lifecycle_update *u = up;
	int year;
	long seq;
	uint64_t key;
	size_t k;

	if (intakeid_parse(id, 0, &year, &seq) < 0)
		return 0;
	key = lifecycle_key(year, seq);
	k = position(u, key);
	return k < u->nw && u->w[k].key == key;
}

/* --- the pass over intake.csv --------------------------------------------- */

/* A nearest id of wanted id k, or a hit of it; a block keeps them in file order. */
struct near {
	size_t k;
	uint64_t id;
};

struct hit {
	size_t k;
	off_t off;
	size_t len;
};

/*
 * What a block found.  The nearest ids are kept as a list of the places
 * that change, not as an array per wanted id: ids increase, so a block
 * adds about one entry per wanted id it passes, and the lists of the
 * blocks together are as long as the ids asked for, not that times the
 * number of blocks.
 */
struct find_acc {
	struct lifecycle_update *u;
	struct hit *hits;
	struct near *below, *above;
	size_t nhits, nbelow, nabove, halloc, balloc, aalloc;
	int any;
	uint64_t first, last;
};

static void *find_acc_new(void *ctx)
{
	struct find_acc *a = xcalloc(1, sizeof *a);
	a->u = ctx;
	return a;
}

static void find_acc_reset(void *accp)
{
	struct find_acc *a = accp;
	a->nhits = a->nbelow = a->nabove = 0;
	a->any = 0;
}

static void find_acc_free(void *accp)
{
	struct find_acc *a = accp;
	free(a->hits);
	free(a->below);
	free(a->above);
	free(a);
}

static int find_record(void *worker, void *accp, const struct csvread_row *row, struct diag *d)
{
	struct find_acc *a = accp;
	const struct lifecycle_update *u = a->u;
	uint64_t here;
	size_t k;
	int year;
	long seq;

	(void)worker;
	(void)d;
	if (intakeid_parse(row->field[INTAKE_ID], 0, &year, &seq) < 0)
		return 0; /* data-check's to report */
	here = lifecycle_key(year, seq);
	if (!a->any)
		a->first = here;
	a->last = here;
	a->any = 1;
	k = position(u, here);
	/* the first one after wanted k - 1: the merge keeps the first */
	if (k > 0 && (!a->nabove || a->above[a->nabove - 1].k != k - 1)) {
		XALLOC_GROW(a->above, a->nabove + 1, a->aalloc);
		a->above[a->nabove].k = k - 1;
		a->above[a->nabove++].id = here;
	}
	if (k < u->nw && u->w[k].key == here) {
		XALLOC_GROW(a->hits, a->nhits + 1, a->halloc);
		a->hits[a->nhits].k = k;
		a->hits[a->nhits].off = row->offset;
		a->hits[a->nhits++].len = (size_t)(row->end - row->offset);
		return 0;
	}
	if (k >= u->nw)
		return 0;
	/* ids increase: the last one before wanted k */
	if (!a->nbelow || a->below[a->nbelow - 1].k != k) {
		XALLOC_GROW(a->below, a->nbelow + 1, a->balloc);
		a->below[a->nbelow++].k = k;
	}
	a->below[a->nbelow - 1].id = here;
	return 0;
}

static int find_merge(void *ctx, void *accp, struct diag *d)
{
	struct lifecycle_update *u = ctx;
	struct find_acc *a = accp;
	size_t i;

	(void)d;
	if (a->any) {
		if (!u->found_any)
			lifecycle_key_format(u->first, sizeof u->first, a->first);
		lifecycle_key_format(u->last, sizeof u->last, a->last);
		u->found_any = 1;
	}
	for (i = 0; i < a->nbelow; i++)
		u->w[a->below[i].k].below = a->below[i].id;
	for (i = 0; i < a->nabove; i++)
		if (!u->w[a->above[i].k].above)
			u->w[a->above[i].k].above = a->above[i].id;
	for (i = 0; i < a->nhits; i++) {
		struct lifecycle_item *it = &u->item[u->w[a->hits[i].k].req];
		if (it->flags & LIFECYCLE_FOUND)
			continue; /* a repeated id: the first record counts */
		it->flags |= LIFECYCLE_FOUND;
		it->off = a->hits[i].off;
		it->len = (uint32_t)a->hits[i].len;
	}
	return 0;
}

/*
 * A block notes the nearest ids between two wanted ids only; when none is
 * there (two missing ids side by side), the nearest is found across them:
 * below, the wanted id before if it was found, else its own nearest;
 * above, the nearest above of the wanted id after.
 */
static void nearest_across(struct lifecycle_update *u)
{
	size_t k;

	for (k = 1; k < u->nw; k++)
		if (!u->w[k].below)
			u->w[k].below = u->item[u->w[k - 1].req].flags & LIFECYCLE_FOUND
						? u->w[k - 1].key
						: u->w[k - 1].below;
	for (k = u->nw; k-- > 1;)
		if (!u->w[k - 1].above)
			u->w[k - 1].above = u->w[k].above;
}

int lifecycle_find(struct lifecycle_update *u, struct intakefile **file, struct diag *d)
{
	unsigned jobs = u->jobs ? u->jobs : 1, i;
	void **workers = xcalloc(jobs, sizeof *workers);
	struct intakefile_ops ops = { .record = find_record,
				      .acc_new = find_acc_new,
				      .acc_reset = find_acc_reset,
				      .merge = find_merge,
				      .acc_free = find_acc_free,
				      .ctx = u,
				      .worker = workers,
				      .jobs = jobs };
	size_t k;
	int rc = -1;

	for (k = 0; k < u->n; k++)
		u->item[k].flags &= ~(uint32_t)(LIFECYCLE_FOUND | LIFECYCLE_MISSING);
	for (k = 0; k < u->nw; k++)
		u->w[k].below = u->w[k].above = 0;
	u->found_any = 0;
	u->first[0] = u->last[0] = '\0';
	for (i = 0; i < jobs; i++)
		workers[i] = u;
	*file = intakefile_open_stored(u->dir, d);
	if (*file && (rc = intakefile_each(*file, &ops, d)) == 0) {
		nearest_across(u);
		free(u->file);
		u->file = xstrdup(intakefile_name(*file));
		for (k = 0; k < u->nw; k++) {
			struct lifecycle_item *it = &u->item[u->w[k].req];
			if (!(it->flags & LIFECYCLE_FOUND)) {
				it->flags |= LIFECYCLE_MISSING;
				it->off = (off_t)k;
			}
		}
	}
	free(workers);
	return rc;
}

void lifecycle_unknown(const struct lifecycle_update *u, struct lifecycle_request *r,
		       const struct lifecycle_item *it)
{
	const struct lifecycle_wanted *w = &u->w[it->off];
	struct diag *d = &r->problem;
	char below[INTAKEID_MAX], above[INTAKEID_MAX];

	r->missing = 1;
	if (r->origin.file)
		diag_set(d, DIAG_DATA, r->origin.file, r->id_line, r->id_col,
			 "no intake '%s' in %s", r->id, INTAKE_FILE);
	else
		diag_set(d, DIAG_DATA, NULL, 0, 0, "no intake '%s' in %s", r->id, INTAKE_FILE);
	lifecycle_key_format(below, sizeof below, w->below);
	lifecycle_key_format(above, sizeof above, w->above);
	if (!u->found_any)
		diag_hint(d, "%s has no records", u->file);
	else if (w->below && w->above)
		diag_hint(d, "the nearest ids are '%s' and '%s'", below, above);
	else if (w->below)
		diag_hint(d, "the last id is '%s' (ids run from '%s')", below, u->first);
	else
		diag_hint(d, "the first id is '%s' (ids run to '%s')", above, u->last);
}

/* The fields of one record read back into stored; -1 when it is not one. */
static int fields_of(struct csvread_row *row, struct intake_record *stored)
{
	int c;
	if (row->n != INTAKE_NCOLS)
		return -1;
	for (c = 0; c < INTAKE_NCOLS; c++)
		intake_record_set(stored, (enum intake_column)c, row->field[c]);
	return 0;
}

/* The record's bytes into buf: 0, 1 when the file is shorter, -1 with d. */
static int read_at(const struct lifecycle_item *it, struct intakefile *file, struct strbuf *buf,
		   struct diag *d)
{
	size_t got = 0;

	strbuf_reset(buf);
	strbuf_grow(buf, it->len + 1);
	while (got < it->len) {
		ssize_t n = pread(intakefile_fd(file), buf->buf + got, it->len - got,
				  it->off + (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return diag_errno(d, errno, "read", intakefile_name(file));
		if (n == 0)
			break;
		got += (size_t)n;
	}
	strbuf_setlen(buf, got);
	return got == it->len ? 0 : 1;
}

/*
 * intake.csv is only appended to while it is the file read (a purge
 * replaces it, and the caller then finds the records again), so the bytes
 * at the offset are still the record.  The fast scanner takes it as the
 * pass did; one it calls unusual (a CR, say) came from csvread there and
 * is read by csvread here.
 */
int lifecycle_stored(const struct lifecycle_item *it, struct intakefile *file,
		     struct intake_record *stored, struct strbuf *buf, struct diag *d)
{
	struct csvscan scan;
	struct csvread_row *row;
	int rc = read_at(it, file, buf, d);

	if (rc < 0)
		return -1;
	if (rc == 0) {
		csvscan_init(&scan);
		csvscan_reset(&scan, buf->buf, buf->len, it->off);
		rc = csvscan_next(&scan, &row) == CSVSCAN_ROW ? fields_of(row, stored) : -1;
		csvscan_release(&scan);
		/* csvscan cut the buffer in place: csvread reads it again */
		if (rc < 0 && (rc = read_at(it, file, buf, d)) == 0) {
			struct csvread *r =
				csvread_open_buffer(buf->buf, buf->len, intakefile_name(file), 0);
			struct diag e = DIAG_INIT;
			rc = csvread_next(r, &row, &e) == 1 ? fields_of(row, stored) : 1;
			csvread_free(r);
		}
	}
	if (rc > 0 || (rc < 0 && d->status == DIAG_OK))
		return diag_set(d, DIAG_SYSTEM, intakefile_name(file), 0, 0,
				"the record at byte %lld changed while it was read",
				(long long)it->off);
	return rc;
}
