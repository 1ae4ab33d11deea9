#include "lifecycle.h"

#include <errno.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changes.h"
#include "csvends.h"
#include "csvwrite.h"
#include "fields.h"
#include "lifecycle_int.h"
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

/* --- 2.-5. the update of one record -------------------------------------- */

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

/* --- the requests, kept in a spool ---------------------------------------- */

void lifecycle_init(struct lifecycle_update *u, const struct datadir *dd)
{
	memset(u, 0, sizeof *u);
	u->dir = dd;
	spool_init(&u->req, dd->fd, dd->path, CHANGES_FILE);
	spool_init(&u->rows, dd->fd, dd->path, CHANGES_FILE);
	spool_init(&u->out, dd->fd, dd->path, CHANGES_FILE);
	strbuf_init(&u->enc, 0);
}

void lifecycle_release(struct lifecycle_update *u)
{
	spool_release(&u->req);
	spool_release(&u->rows);
	spool_release(&u->out);
	strbuf_release(&u->enc);
	free(u->item);
	free(u->w);
	free(u->file);
	memset(u, 0, sizeof *u);
}

static void put_str(struct strbuf *b, const char *s)
{
	size_t n = s ? strlen(s) + 1 : 0;
	strbuf_add(b, &n, sizeof n);
	if (n)
		strbuf_add(b, s, n);
}

/* The next n bytes of the encoding into to. */
static void get(const char **p, void *to, size_t n)
{
	memcpy(to, *p, n);
	*p += n;
}

/* A string of the encoding: it stays in the spool's buffer (NULL as it was put). */
static const char *get_str(const char **p)
{
	size_t n;
	const char *s;
	get(p, &n, sizeof n);
	s = n ? *p : NULL;
	*p += n;
	return s;
}

/*
 * A request as it is kept: id, version, reason, origin, the positions,
 * which fields are given and their values, the problem it came with.
 */
int lifecycle_add(struct lifecycle_update *u, const struct lifecycle_request *r, struct diag *d)
{
	struct strbuf *b = &u->enc;
	struct lifecycle_item *it;
	const long pos[6] = { r->id_line,     r->id_col,      r->version_line,
			      r->version_col, r->reason_line, r->reason_col };
	char has = r->problem.status != DIAG_OK;
	int c, year;
	long seq;

	strbuf_reset(b);
	strbuf_add(b, r->id, sizeof r->id);
	strbuf_add(b, &r->if_version, sizeof r->if_version);
	put_str(b, r->reason);
	put_str(b, r->origin.file);
	if (r->origin.file) {
		strbuf_add(b, r->origin.line, INTAKE_NCOLS * sizeof *r->origin.line);
		strbuf_add(b, r->origin.col, INTAKE_NCOLS * sizeof *r->origin.col);
	}
	strbuf_add(b, pos, sizeof pos);
	strbuf_add(b, r->given, sizeof r->given);
	for (c = 0; c < INTAKE_NCOLS; c++)
		if (r->given[c])
			put_str(b, r->set.f[c].buf);
	strbuf_add(b, &has, 1);
	if (has)
		strbuf_add(b, &r->problem, sizeof r->problem);
	if (spool_put(&u->req, b->buf, b->len, d) < 0)
		return -1;
	XALLOC_GROW(u->item, u->n + 1, u->alloc);
	it = &u->item[u->n];
	memset(it, 0, sizeof *it);
	it->flags = has ? LIFECYCLE_BAD : 0;
	it->id_line = r->id_line;
	if (r->id[0] && intakeid_parse(r->id, 0, &year, &seq) == 0) {
		XALLOC_GROW(u->w, u->nw + 1, u->walloc);
		memset(&u->w[u->nw], 0, sizeof *u->w);
		u->w[u->nw].key = lifecycle_key(year, seq);
		u->w[u->nw++].req = u->n;
	}
	u->n++;
	return 0;
}

/* The request kept at p into r (its strings point into the spool). */
static void decode(struct lifecycle_request *r, const char *p)
{
	long pos[6];
	char has;
	int c;

	for (c = 0; c < INTAKE_NCOLS; c++)
		strbuf_reset(&r->set.f[c]);
	get(&p, r->id, sizeof r->id);
	get(&p, &r->if_version, sizeof r->if_version);
	r->reason = get_str(&p);
	r->origin.file = get_str(&p);
	if (r->origin.file) {
		get(&p, r->origin.line, INTAKE_NCOLS * sizeof *r->origin.line);
		get(&p, r->origin.col, INTAKE_NCOLS * sizeof *r->origin.col);
	}
	get(&p, pos, sizeof pos);
	r->id_line = pos[0];
	r->id_col = pos[1];
	r->version_line = pos[2];
	r->version_col = pos[3];
	r->reason_line = pos[4];
	r->reason_col = pos[5];
	get(&p, r->given, sizeof r->given);
	for (c = 0; c < INTAKE_NCOLS; c++)
		if (r->given[c])
			intake_record_set(&r->set, (enum intake_column)c, get_str(&p));
	get(&p, &has, 1);
	if (has)
		get(&p, &r->problem, sizeof r->problem);
	else
		diag_clear(&r->problem);
	r->missing = 0;
	r->changed = r->nover = 0;
	r->version = 0;
}

/* A record afterwards: id, version, what changed and was overwritten, the fields. */
static int keep_result(struct lifecycle_update *u, const struct lifecycle_request *r,
		       struct diag *d)
{
	struct strbuf *b = &u->enc;
	int c;

	strbuf_reset(b);
	strbuf_add(b, r->id, sizeof r->id);
	strbuf_add(b, &r->version, sizeof r->version);
	strbuf_add(b, &r->changed, sizeof r->changed);
	strbuf_add(b, &r->nover, sizeof r->nover);
	strbuf_add(b, r->over, r->nover * sizeof *r->over);
	for (c = 0; c < INTAKE_NCOLS; c++)
		put_str(b, r->now.f[c].buf);
	u->nout++;
	return spool_put(&u->out, b->buf, b->len, d);
}

int lifecycle_rewind(struct lifecycle_update *u, struct diag *d)
{
	return spool_rewind(&u->out, d);
}

int lifecycle_result(struct lifecycle_update *u, struct lifecycle_request *r, struct diag *d)
{
	const char *p;
	size_t len;
	int c, rc = spool_get(&u->out, &p, &len, d);

	if (rc <= 0)
		return rc;
	get(&p, r->id, sizeof r->id);
	get(&p, &r->version, sizeof r->version);
	get(&p, &r->changed, sizeof r->changed);
	get(&p, &r->nover, sizeof r->nover);
	get(&p, r->over, r->nover * sizeof *r->over);
	for (c = 0; c < INTAKE_NCOLS; c++)
		intake_record_set(&r->now, (enum intake_column)c, get_str(&p));
	return 1;
}

/* --- 6. all of it, under the lock ---------------------------------------- */

static void note_problem(struct lifecycle_update *u, const struct diag *problem)
{
	if (u->nproblems < LIFECYCLE_SHOWN)
		u->problem[u->nproblems++] = *problem;
	u->bad++;
}

/* A request's problem found after it was added: a repeated id, an id not there. */
static void late_problem(const struct lifecycle_update *u, struct lifecycle_request *r,
			 const struct lifecycle_item *it)
{
	if (r->problem.status != DIAG_OK)
		return;
	if (it->flags & LIFECYCLE_DUP)
		diag_set(&r->problem, DIAG_DATA, r->origin.file ? r->origin.file : "-", r->id_line,
			 r->id_col, "id '%s' is given twice (line %ld)", r->id, it->id_line);
	else if (it->flags & LIFECYCLE_MISSING)
		lifecycle_unknown(u, r, it);
}

/* A spool emptied for another check. */
static void restart(struct lifecycle_update *u, struct spool *sp)
{
	spool_release(sp);
	spool_init(sp, u->dir->fd, u->dir->path, CHANGES_FILE);
}

/*
 * Every request checked against the changes c (steps 2.-5.), one at a
 * time from the spool: its rows (change number change) into u->rows, the
 * record afterwards into u->out, a problem into u->problem.  0, or -1
 * with d on a system error; u->bad says how many were refused.
 */
static int build(struct lifecycle_update *u, struct intakefile *in, const struct changes *c,
		 long change, const char *ts, struct diag *d)
{
	struct lifecycle_request r;
	struct intake_record upd;
	struct strbuf reason = STRBUF_INIT, rows = STRBUF_INIT, raw = STRBUF_INIT;
	char number[32];
	const char *p;
	size_t k, len;
	int rc;

	snprintf(number, sizeof number, "%ld", change);
	restart(u, &u->rows);
	restart(u, &u->out);
	u->rows_len = u->nout = u->nproblems = u->bad = 0;
	u->any_changed = 0;
	lifecycle_request_init(&r);
	intake_record_init(&upd);
	if ((rc = spool_rewind(&u->req, d)) < 0)
		goto out;
	for (k = 0; (rc = spool_get(&u->req, &p, &len, d)) == 1; k++) {
		const struct lifecycle_item *it = &u->item[k];
		const struct changes_record *cr;
		decode(&r, p);
		late_problem(u, &r, it);
		if (r.problem.status != DIAG_OK) {
			note_problem(u, &r.problem);
			continue;
		}
		if ((rc = lifecycle_stored(it, in, &r.stored, &raw, d)) < 0)
			break;
		cr = changes_find(c, r.id, strlen(r.id));
		apply_changes(&r, cr);
		if (check_reason(&r, r.reason ? r.reason : u->reason, &reason) < 0 ||
		    check_version(&r, cr) < 0 || check_update(&r, u->ctx, &upd) < 0) {
			name_record(&r);
			note_problem(u, &r.problem);
			continue;
		}
		strbuf_reset(&rows);
		add_rows(&r, cr, &upd, u, number, ts, reason.buf, &rows);
		u->any_changed |= r.changed > 0;
		u->rows_len += rows.len;
		if ((rows.len && (rc = spool_put(&u->rows, rows.buf, rows.len, d)) < 0) ||
		    (rc = keep_result(u, &r, d)) < 0)
			break;
	}
out:
	lifecycle_request_release(&r);
	intake_record_release(&upd);
	strbuf_release(&reason);
	strbuf_release(&rows);
	strbuf_release(&raw);
	return rc < 0 ? -1 : 0;
}

static int read_changes(struct lifecycle_update *u, struct datadir_lock *lk, struct changes *c,
			struct diag *d)
{
	int fd = dup(lk->datafd), rc;

	if (fd < 0 || lseek(fd, 0, SEEK_SET) < 0) {
		rc = diag_errno(d, errno, "read", lk->path);
		if (fd >= 0)
			close(fd);
		return rc;
	}
	/* the rows of the records asked for are kept */
	rc = changes_read(c, fd, lk->path, lifecycle_wants, u, NULL, NULL, d);
	close(fd);
	return rc;
}

static int summary(struct lifecycle_update *u, struct diag *d)
{
	if (u->n == 1) {
		*d = u->problem[0];
		return -1;
	}
	return diag_set(d, DIAG_DATA, NULL, 0, 0,
			"%zu of %zu records cannot be updated; nothing was written", u->bad, u->n);
}

/* Parts of the append. */
#define PART (1024 * 1024)

/* The header when the file is new and the rows kept, in one announced append. */
static int append_rows(struct lifecycle_update *u, struct datadir_lock *lk, struct diag *d)
{
	struct strbuf buf = STRBUF_INIT;
	const char *p;
	size_t len;
	int rc;

	if (lk->size == 0)
		csvwrite_record(&buf, changes_columns, CHANGES_NCOLS);
	if (datadir_append_begin(lk, buf.len + u->rows_len, d) < 0) {
		strbuf_release(&buf);
		return -1;
	}
	if ((rc = spool_rewind(&u->rows, d)) == 0)
		while ((rc = spool_get(&u->rows, &p, &len, d)) == 1) {
			strbuf_add(&buf, p, len);
			if (buf.len >= PART &&
			    (rc = datadir_append_more(lk, buf.buf, buf.len, d)) < 0)
				break;
			if (buf.len >= PART)
				strbuf_reset(&buf);
		}
	if (rc == 0)
		rc = datadir_append_more(lk, buf.buf, buf.len, d);
	strbuf_release(&buf);
	if (rc < 0) {
		datadir_append_abort(lk);
		return -1;
	}
	return datadir_append_end(lk, d);
}

/* Under the lock: the changes, the checks, the rows, one append. */
static int update_locked(struct lifecycle_update *u, struct intakefile *in, struct datadir_lock *lk,
			 const char *ts, struct diag *d)
{
	struct changes c;
	long change;
	int rc = -1;

	changes_init(&c);
	if (read_changes(u, lk, &c, d) < 0 || changes_number(lk, &change, d) < 0 ||
	    build(u, in, &c, change, ts, d) < 0)
		goto out;
	rc = u->bad ? summary(u, d) : 0;
	if (rc == 0 && u->any_changed) {
		if (!u->dry_run)
			rc = append_rows(u, lk, d);
		if (rc == 0)
			u->change = change;
	}
out:
	changes_release(&c);
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
 * The checks against no changes at all: without intake-changes.csv they
 * run first without the lock, so that a refused update (or a dry run)
 * does not create the file; and they give the problem of a single
 * request refused before any check.
 */
static int check_alone(struct lifecycle_update *u, struct intakefile *in, const char *ts,
		       struct diag *d)
{
	struct changes none;
	int rc;

	changes_init(&none);
	rc = build(u, in, &none, 1, ts, d);
	changes_release(&none);
	if (rc < 0)
		return -1;
	return u->bad ? summary(u, d) : 0;
}

int lifecycle_run(struct lifecycle_update *u, struct diag *d)
{
	const struct datadir *dd = u->dir;
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
	lifecycle_sort_ids(u);
	if (lifecycle_find(u, &in, d) < 0) {
		intakefile_close(in);
		return -1;
	}
	if (!datadir_exists(dd, CHANGES_FILE) && (rc = check_alone(u, in, ts, d)) < 0) {
		intakefile_close(in);
		return rc;
	}
	if (!datadir_exists(dd, CHANGES_FILE) && (u->dry_run || !u->any_changed)) {
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
		intakefile_close(in);
		in = NULL;
		rc = lifecycle_find(u, &in, d);
	}
	for (k = 0; rc == 0 && k < u->n; k++)
		bad += (u->item[k].flags & (LIFECYCLE_BAD | LIFECYCLE_DUP | LIFECYCLE_MISSING)) !=
		       0;
	if (rc == 0 && bad && u->n == 1)
		rc = check_alone(u, in, ts, d);
	else if (rc == 0)
		rc = update_locked(u, in, &lk, ts, d);
	datadir_unlock(&lk);
	intakefile_close(in);
	return rc;
}
