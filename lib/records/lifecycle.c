#include "lifecycle.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changes.h"
#include "csvends.h"
#include "csvwrite.h"
#include "fields.h"
#include "intakefile.h"
#include "strindex.h"
#include "xalloc.h"
#include "banned.h"

/* Allowed moves, by from and to in the order of intake_statuses. */
static const char moves[3][3] = {
	/* to:     open referred closed */
	/* open */ { 1, 1, 1 },
	/* referred */ { 1, 1, 1 },
	/* closed */ { 1, 0, 1 },
};

static int status_index(const char *s)
{
	int i;
	for (i = 0; intake_statuses[i]; i++)
		if (strcmp(s, intake_statuses[i]) == 0)
			return i;
	return -1;
}

int lifecycle_status_move(const char *from, const char *to)
{
	int f = status_index(from), t = status_index(to);
	/* a status that is not one of the three is intake_validate's to refuse */
	return f < 0 || t < 0 || moves[f][t] ? 0 : -1;
}

void lifecycle_request_init(struct lifecycle_request *r)
{
	memset(r, 0, sizeof *r);
	intake_record_init(&r->set);
	intake_record_init(&r->now);
	intake_record_init(&r->stored);
	r->if_version = -1;
}

void lifecycle_request_release(struct lifecycle_request *r)
{
	intake_record_release(&r->set);
	intake_record_release(&r->now);
	intake_record_release(&r->stored);
}

/* An error about field c of a request: at its batch position, or naming its option. */
__attribute__((format(printf, 4, 5))) static int
field_error(struct diag *d, const struct lifecycle_request *r, int c, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = fields_verror(d, &intake_schema, &r->origin, (size_t)c, fmt, ap);
	va_end(ap);
	return rc;
}

/* A problem of a request given by options names its record. */
static void name_record(struct lifecycle_request *r)
{
	char msg[sizeof r->problem.msg];
	if (r->origin.file)
		return;
	snprintf(msg, sizeof msg, "%s", r->problem.msg);
	snprintf(r->problem.msg, sizeof r->problem.msg, "%s: %.480s", r->id, msg);
}

/* --- 1. the records as stored ------------------------------------------- */

/* The wanted ids, sorted; a request's index for each. */
struct wanted {
	int year;
	long seq;
	size_t req;
};

struct find {
	struct lifecycle_update *u;
	struct wanted *w;
	size_t n;
	int found_any;
	char first[INTAKEID_MAX], last[INTAKEID_MAX];
	struct wanted *below, *above; /* nearest ids there are, per wanted id */
	int *found;
};

struct hit {
	size_t k; /* index in wanted */
	char *field[INTAKE_NCOLS];
};

struct find_acc {
	struct find *f;
	struct hit *hits;
	size_t nhits, alloc;
	int any;
	struct wanted first, last;
	struct wanted *below, *above;
};

static int cmp_id(int y1, long s1, const struct wanted *w)
{
	return intakeid_cmp(y1, s1, w->year, w->seq);
}

static int cmp_wanted(const void *a, const void *b)
{
	const struct wanted *x = a, *y = b;
	return cmp_id(x->year, x->seq, y);
}

/* The first wanted id not before (year, seq). */
static size_t position(const struct find *f, int year, long seq)
{
	size_t lo = 0, hi = f->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cmp_id(year, seq, &f->w[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void *find_acc_new(void *ctx)
{
	struct find *f = ctx;
	struct find_acc *a = xcalloc(1, sizeof *a);
	a->f = f;
	a->below = xcalloc(f->n, sizeof *a->below);
	a->above = xcalloc(f->n, sizeof *a->above);
	return a;
}

static void find_acc_reset(void *accp)
{
	struct find_acc *a = accp;
	size_t i, c;
	for (i = 0; i < a->nhits; i++)
		for (c = 0; c < INTAKE_NCOLS; c++)
			free(a->hits[i].field[c]);
	a->nhits = 0;
	a->any = 0;
	memset(a->below, 0, a->f->n * sizeof *a->below);
	memset(a->above, 0, a->f->n * sizeof *a->above);
}

static void find_acc_free(void *accp)
{
	struct find_acc *a = accp;
	find_acc_reset(a);
	free(a->hits);
	free(a->below);
	free(a->above);
	free(a);
}

static int find_record(void *worker, void *accp, const struct csvread_row *row, struct diag *d)
{
	struct find_acc *a = accp;
	const struct find *f = a->f;
	struct wanted here;
	size_t k, c;

	(void)worker;
	(void)d;
	if (intakeid_parse(row->field[INTAKE_ID], 0, &here.year, &here.seq) < 0)
		return 0; /* data-check's to report */
	if (!a->any)
		a->first = here;
	a->last = here;
	a->any = 1;
	k = position(f, here.year, here.seq);
	if (k > 0 && !a->above[k - 1].year)
		a->above[k - 1] = here; /* the first one after wanted k - 1 */
	if (k < f->n && cmp_id(here.year, here.seq, &f->w[k]) == 0) {
		struct hit *h;
		XALLOC_GROW(a->hits, a->nhits + 1, a->alloc);
		h = &a->hits[a->nhits++];
		h->k = k;
		for (c = 0; c < INTAKE_NCOLS; c++)
			h->field[c] = xstrndup(row->field[c], row->len[c]);
		return 0;
	}
	if (k < f->n)
		a->below[k] = here; /* ids increase: the last one before it */
	return 0;
}

static int find_merge(void *ctx, void *accp, struct diag *d)
{
	struct find *f = ctx;
	struct find_acc *a = accp;
	size_t i, c;

	(void)d;
	if (a->any) {
		if (!f->found_any)
			intakeid_format(f->first, sizeof f->first, a->first.year, a->first.seq);
		intakeid_format(f->last, sizeof f->last, a->last.year, a->last.seq);
		f->found_any = 1;
	}
	for (i = 0; i < f->n; i++) {
		if (a->below[i].year)
			f->below[i] = a->below[i];
		if (a->above[i].year && !f->above[i].year)
			f->above[i] = a->above[i];
	}
	for (i = 0; i < a->nhits; i++) {
		struct hit *h = &a->hits[i];
		struct lifecycle_request *r = &f->u->req[f->w[h->k].req];
		if (f->found[h->k])
			continue; /* a repeated id: the first record counts */
		f->found[h->k] = 1;
		for (c = 0; c < INTAKE_NCOLS; c++)
			intake_record_set(&r->stored, (enum intake_column)c, h->field[c]);
	}
	return 0;
}

static void unknown_id(struct find *f, size_t k, const char *name)
{
	struct lifecycle_request *r = &f->u->req[f->w[k].req];
	struct diag *d = &r->problem;
	char below[INTAKEID_MAX], above[INTAKEID_MAX];

	r->missing = 1;
	if (r->origin.file)
		diag_set(d, DIAG_DATA, r->origin.file, r->id_line, r->id_col,
			 "no intake '%s' in %s", r->id, INTAKE_FILE);
	else
		diag_set(d, DIAG_DATA, NULL, 0, 0, "no intake '%s' in %s", r->id, INTAKE_FILE);
	intakeid_format(below, sizeof below, f->below[k].year, f->below[k].seq);
	intakeid_format(above, sizeof above, f->above[k].year, f->above[k].seq);
	if (!f->found_any)
		diag_hint(d, "%s has no records", name);
	else if (f->below[k].year && f->above[k].year)
		diag_hint(d, "the nearest ids are '%s' and '%s'", below, above);
	else if (f->below[k].year)
		diag_hint(d, "the last id is '%s' (ids run from '%s')", below, f->first);
	else
		diag_hint(d, "the first id is '%s' (ids run to '%s')", above, f->last);
}

/*
 * The records as stored, into each request's stored; an id that is not
 * there is the request's problem.  *file is the reader, kept open to
 * check later that intake.csv was not replaced.
 */
static int find_records(struct lifecycle_update *u, const struct datadir *dd,
			struct intakefile **file, struct diag *d)
{
	struct find f;
	unsigned jobs = u->jobs ? u->jobs : 1, i;
	void **workers = xcalloc(jobs, sizeof *workers);
	struct intakefile_ops ops = { .record = find_record,
				      .acc_new = find_acc_new,
				      .acc_reset = find_acc_reset,
				      .merge = find_merge,
				      .acc_free = find_acc_free,
				      .ctx = &f,
				      .worker = workers,
				      .jobs = jobs };
	size_t k;
	int rc = -1;

	memset(&f, 0, sizeof f);
	f.u = u;
	f.w = xcalloc(u->n ? u->n : 1, sizeof *f.w);
	for (k = 0; k < u->n; k++) {
		if (u->req[k].problem.status != DIAG_OK)
			continue; /* a bad id of a batch */
		intakeid_parse(u->req[k].id, 0, &f.w[f.n].year, &f.w[f.n].seq);
		f.w[f.n++].req = k;
	}
	qsort(f.w, f.n, sizeof *f.w, cmp_wanted);
	f.below = xcalloc(f.n + 1, sizeof *f.below);
	f.above = xcalloc(f.n + 1, sizeof *f.above);
	f.found = xcalloc(f.n + 1, sizeof *f.found);
	for (i = 0; i < jobs; i++)
		workers[i] = &f;
	*file = intakefile_open_stored(dd, d);
	if (*file && (rc = intakefile_each(*file, &ops, d)) == 0)
		for (k = 0; k < f.n; k++)
			if (!f.found[k])
				unknown_id(&f, k, intakefile_name(*file));
	free(f.w);
	free(f.below);
	free(f.above);
	free(f.found);
	free(workers);
	return rc;
}

/* --- 2.-5. the update of one record -------------------------------------- */

/* The rows of the records asked for are kept: their ids, in an index. */
static int want_id(void *ctx, const char *id)
{
	return strindex_find(ctx, id, strlen(id)) >= 0;
}

/* The record's current values and version: as stored, with its changes. */
static void apply_changes(struct lifecycle_request *r, const struct changes_record *cr)
{
	const struct changes_field *f;
	int c;
	for (c = 0; c < INTAKE_NCOLS; c++)
		intake_record_set(&r->now, (enum intake_column)c, r->stored.f[c].buf);
	r->changed = r->nover = 0;
	r->version = cr ? cr->version : 0;
	for (f = cr ? cr->fields : NULL; f; f = f->next)
		intake_record_set(&r->now, (enum intake_column)f->col, f->value);
}

static int check_version(struct lifecycle_request *r, const struct changes_record *cr)
{
	struct diag *d = &r->problem;
	if (r->if_version < 0 || (unsigned long)r->if_version == r->version)
		return 0;
	if (r->origin.file)
		diag_set(d, DIAG_DATA, r->origin.file, r->version_line, r->version_col,
			 "'%s' is at version %lu, not %ld", r->id, r->version, r->if_version);
	else
		diag_set(d, DIAG_DATA, NULL, 0, 0,
			 "--if-version: the record is at version %lu, not %ld", r->version,
			 r->if_version);
	if (cr && cr->advisor[0])
		diag_hint(d,
			  "changed last at %s by desk %s (advisor %s, change %ld); look at it again",
			  cr->ts, cr->desk, cr->advisor, cr->change);
	else if (cr)
		diag_hint(d, "changed last at %s by desk %s (change %ld); look at it again", cr->ts,
			  cr->desk, cr->change);
	return -1;
}

/*
 * The update broke a rule: when the record as it is breaks it already (a
 * service since removed from services.yaml, say), the hint says so.
 */
static void stored_breaks_rule(const struct lifecycle_request *r, const struct fields_context *ctx,
			       struct diag *d)
{
	struct intake_record cur;
	struct diag e = DIAG_INIT;
	int c;

	if (d->hint[0])
		return;
	intake_record_init(&cur);
	for (c = 0; c < INTAKE_NCOLS; c++)
		intake_record_set(&cur, (enum intake_column)c, r->now.f[c].buf);
	if (intake_validate(&cur, ctx, r->origin.file ? &r->origin : NULL, &e) < 0 &&
	    strcmp(e.msg, d->msg) == 0)
		diag_hint(d,
			  "the record breaks this rule as it is: correct that field in the same update");
	intake_record_release(&cur);
}

/* The values given, set on a copy of the current record and checked. */
static int check_update(struct lifecycle_request *r, const struct fields_context *ctx,
			struct intake_record *upd)
{
	struct diag *d = &r->problem;
	int c;

	for (c = 0; c < INTAKE_NCOLS; c++)
		intake_record_set(upd, (enum intake_column)c,
				  r->given[c] ? r->set.f[c].buf : r->now.f[c].buf);
	if (r->given[INTAKE_STATUS]) {
		struct strbuf *st = &upd->f[INTAKE_STATUS];
		fields_trim(st);
		fields_fold(st, 0);
		if (lifecycle_status_move(r->now.f[INTAKE_STATUS].buf, st->buf) < 0) {
			field_error(d, r, INTAKE_STATUS, "cannot move from '%s' to '%s'",
				    r->now.f[INTAKE_STATUS].buf, st->buf);
			diag_hint(d, "reopen the case first (status open), then refer it");
			return -1;
		}
	}
	if (intake_validate(upd, ctx, r->origin.file ? &r->origin : NULL, d) < 0) {
		stored_breaks_rule(r, ctx, d);
		return -1;
	}
	return 0;
}

/* Each given field that changes: a row of the change file, and the record now. */
static void add_rows(struct lifecycle_request *r, const struct changes_record *cr,
		     const struct intake_record *upd, const struct lifecycle_update *u,
		     const char *number, const char *ts, const char *reason, struct strbuf *out)
{
	const char *row[CHANGES_NCOLS];
	int c;

	for (c = 0; c < INTAKE_NCOLS; c++) {
		const struct changes_field *was;
		if (!r->given[c] || strcmp(upd->f[c].buf, r->now.f[c].buf) == 0)
			continue;
		was = cr ? changes_field_of(cr, c) : NULL;
		/* a status moves by its own rules: its changes are the case's course */
		if (was && c != INTAKE_STATUS && strcmp(was->desk, u->desk) != 0) {
			struct lifecycle_overwrite *o = &r->over[r->nover++];
			o->col = c;
			o->change = was->change;
			snprintf(o->desk, sizeof o->desk, "%s", was->desk);
			snprintf(o->ts, sizeof o->ts, "%s", was->ts);
		}
		row[CHANGES_CHANGE] = number;
		row[CHANGES_TS] = ts;
		row[CHANGES_ID] = r->id;
		row[CHANGES_FIELD] = intake_columns[c];
		row[CHANGES_OLD] = r->now.f[c].buf;
		row[CHANGES_NEW] = upd->f[c].buf;
		row[CHANGES_DESK] = u->desk;
		row[CHANGES_ADVISOR] = u->advisor ? u->advisor : "";
		row[CHANGES_REASON] = reason;
		csvwrite_record(out, row, CHANGES_NCOLS);
		intake_record_set(&r->now, (enum intake_column)c, upd->f[c].buf);
		r->changed++;
	}
	if (r->changed)
		r->version++;
}

/* A reason as notes are stored; -1 with the request's problem. */
static int check_reason(struct lifecycle_request *r, const char *given, struct strbuf *reason)
{
	struct diag *d = &r->problem;
	int own = r->reason && r->origin.file;

	fields_set(reason, given ? given : "");
	fields_trim(reason);
	if (reason->len && fields_note(reason, CHANGES_REASON_MAX) == 0)
		return 0;
	if (own && reason->len)
		return diag_set(d, DIAG_DATA, r->origin.file, r->reason_line, r->reason_col,
				"reason is longer than %d bytes", CHANGES_REASON_MAX);
	if (reason->len)
		return diag_set(d, DIAG_DATA, NULL, 0, 0,
				"--reason: reason is longer than %d bytes", CHANGES_REASON_MAX);
	diag_set(d, DIAG_DATA, NULL, 0, 0, "--reason: a change needs a reason");
	diag_hint(d, "say why, in a few words: the audit trail keeps it with the change");
	return -1;
}

/* --- 6. all of it, under the lock ---------------------------------------- */

/* The rows of every request, change number, into out; the number of bad requests. */
static size_t build(struct lifecycle_update *u, const struct changes *c, long change,
		    const char *ts, struct strbuf *out)
{
	struct intake_record upd;
	struct strbuf reason = STRBUF_INIT;
	char number[32];
	size_t k, bad = 0;

	snprintf(number, sizeof number, "%ld", change);
	intake_record_init(&upd);
	for (k = 0; k < u->n; k++) {
		struct lifecycle_request *r = &u->req[k];
		const struct changes_record *cr;
		if (r->problem.status != DIAG_OK) {
			bad++;
			continue;
		}
		cr = changes_find(c, r->id, strlen(r->id));
		apply_changes(r, cr);
		if (check_reason(r, r->reason ? r->reason : u->reason, &reason) < 0 ||
		    check_version(r, cr) < 0 || check_update(r, u->ctx, &upd) < 0) {
			name_record(r);
			bad++;
			continue;
		}
		add_rows(r, cr, &upd, u, number, ts, reason.buf, out);
	}
	intake_record_release(&upd);
	strbuf_release(&reason);
	return bad;
}

static int read_changes(struct lifecycle_update *u, struct datadir_lock *lk, struct changes *c,
			struct diag *d)
{
	struct strindex wanted;
	int fd = dup(lk->datafd), rc;
	size_t k;

	if (fd < 0 || lseek(fd, 0, SEEK_SET) < 0) {
		rc = diag_errno(d, errno, "read", lk->path);
		if (fd >= 0)
			close(fd);
		return rc;
	}
	strindex_init(&wanted);
	for (k = 0; k < u->n; k++)
		strindex_add(&wanted, u->req[k].id, strlen(u->req[k].id));
	rc = changes_read(c, fd, lk->path, want_id, &wanted, NULL, NULL, d);
	strindex_release(&wanted);
	close(fd);
	return rc;
}

static int summary(struct lifecycle_update *u, size_t bad, struct diag *d)
{
	size_t k;
	if (u->n == 1) {
		*d = u->req[0].problem;
		return -1;
	}
	for (k = 0; k < u->n && u->req[k].problem.status == DIAG_OK; k++)
		;
	return diag_set(d, DIAG_DATA, NULL, 0, 0,
			"%zu of %zu records cannot be updated; nothing was written", bad, u->n);
}

static int changed(const struct lifecycle_update *u)
{
	size_t k;
	for (k = 0; k < u->n; k++)
		if (u->req[k].changed)
			return 1;
	return 0;
}

/* Under the lock: the changes, the checks, the rows, one append. */
static int update_locked(struct lifecycle_update *u, struct datadir_lock *lk, const char *ts,
			 struct diag *d)
{
	struct changes c;
	struct strbuf buf = STRBUF_INIT;
	size_t bad;
	long change;
	int rc = -1;

	changes_init(&c);
	if (read_changes(u, lk, &c, d) < 0 || changes_number(lk, &change, d) < 0)
		goto out;
	if (lk->size == 0)
		csvwrite_record(&buf, changes_columns, CHANGES_NCOLS);
	bad = build(u, &c, change, ts, &buf);
	rc = bad ? summary(u, bad, d) : 0;
	if (rc == 0 && changed(u)) {
		if (!u->dry_run)
			rc = datadir_append(lk, buf.buf, buf.len, d);
		if (rc == 0)
			u->change = change;
	}
out:
	changes_release(&c);
	strbuf_release(&buf);
	return rc;
}

static int check_who(const struct lifecycle_update *u, struct diag *d)
{
	if (!u->desk || !intake_reference_ok(u->desk))
		return diag_set(
			d, DIAG_DATA, NULL, 0, 0,
			"--desk: '%s' is not a code (letters, digits, '.', '_', '-'; at most %d)",
			u->desk ? u->desk : "", INTAKE_REF_MAX);
	if (u->advisor && u->advisor[0] && !intake_reference_ok(u->advisor))
		return diag_set(
			d, DIAG_DATA, NULL, 0, 0,
			"--advisor: '%s' is not a code (letters, digits, '.', '_', '-'; at most %d)",
			u->advisor, INTAKE_REF_MAX);
	return 0;
}

/*
 * Without intake-changes.csv, the checks run first without the lock, so
 * that a refused update (or a dry run) does not create the file.
 */
static int check_first(struct lifecycle_update *u, const char *ts, struct diag *d)
{
	struct changes none;
	struct strbuf rows = STRBUF_INIT;
	size_t bad;

	changes_init(&none);
	bad = build(u, &none, 1, ts, &rows);
	changes_release(&none);
	strbuf_release(&rows);
	return bad ? summary(u, bad, d) : 0;
}

int lifecycle_run(struct lifecycle_update *u, const struct datadir *dd, struct diag *d)
{
	struct intakefile *in = NULL;
	struct datadir_lock lk;
	char ts[CIVTIME_TS_MAX];
	size_t k, bad = 0;
	int rc;

	u->change = 0;
	if (check_who(u, d) < 0)
		return -1;
	if (!u->n)
		return 0;
	civtime_format_ts(ts, u->ctx->now, civtz_offset_at(u->ctx->tz, u->ctx->now));
	if (find_records(u, dd, &in, d) < 0) {
		intakefile_close(in);
		return -1;
	}
	if (!datadir_exists(dd, CHANGES_FILE) && (rc = check_first(u, ts, d)) < 0) {
		intakefile_close(in);
		return rc;
	}
	if (!datadir_exists(dd, CHANGES_FILE) && (u->dry_run || !changed(u))) {
		intakefile_close(in);
		return 0; /* nothing to write: no file to create */
	}
	if (datadir_lock(dd, CHANGES_FILE, u->timeout, &lk, d) < 0) {
		intakefile_close(in);
		return -1;
	}
	u->repaired = (long)lk.repaired;
	rc = lk.size ? csvends_check_header(&lk, fields_check_header_of, &changes_schema, d) : 0;
	if (rc == 0 && !intakefile_same_file(in, dd)) {
		/* a purge replaced intake.csv: its records again, the lock held */
		for (k = 0; k < u->n; k++)
			if (u->req[k].missing) {
				u->req[k].missing = 0;
				diag_clear(&u->req[k].problem);
			}
		intakefile_close(in);
		in = NULL;
		rc = find_records(u, dd, &in, d);
	}
	for (k = 0, bad = 0; rc == 0 && k < u->n; k++)
		bad += u->req[k].problem.status != DIAG_OK;
	if (rc == 0 && bad && u->n == 1)
		rc = summary(u, bad, d);
	else if (rc == 0)
		rc = update_locked(u, &lk, ts, d);
	datadir_unlock(&lk);
	intakefile_close(in);
	return rc;
}
