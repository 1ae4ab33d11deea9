#include "intakecheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "changescheck.h"
#include "csvpar.h"
#include "datacheck.h"
#include "intakefile.h"
#include "intakeid.h"
#include "intakememo.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Per block, what file order needs: the first and last valid ids (ids
 * must increase across blocks too, checked when they are merged), the
 * wanted intakes found and the changed records read.
 */
struct intake_hit {
	struct referral_intake *entry;
	char ts[16];
	char *referred_to;
};

struct intake_acc {
	size_t n; /* records with a valid id */
	int first_year, last_year;
	long first_seq, last_seq;
	char first_id[32], last_id[32];
	long first_line, first_col; /* careful path: where the first id is */
	off_t last_offset;          /* of the record with the last id */
	struct intake_hit *hits;
	size_t nhits, alloc;
	long *changed; /* changes records of the block's records */
	size_t nchanged, calloc_;
};

struct intake_pass;

struct intake_worker {
	struct intake_pass *pass; /* read (and findings) on the careful path only */
	struct fields_context ctx;
	struct intake_memo *memo; /* records known to pass unchanged */
	struct intake_record rec, cur;
	const struct referral_lookup *lookup;
	size_t lookup_at; /* referral_lookup_wanted's place */
	const struct changes *changes;
	struct changes_row now; /* a record with its changes */
	const char *file;
};

struct intake_pass {
	intakecheck_report report;
	void *arg;
	struct changes *changes;
	struct intakefile *in;
	struct referral_lookup *lookup;
	const char *file;
	int have_last;
	int last_year;
	long last_seq, last_line; /* last_line 0: not known yet */
	off_t last_offset;
	char last_id[32];
	int skipped; /* a record the look-up may have needed was not read */
	int bad_width_seen;
};

/* A finding: 0, or -1 when the caller stops the pass. */
static int say(const struct intake_pass *p, const struct diag *d)
{
	return p->report(p->arg, d);
}

/* The careful path: an id that does not increase, said where it is. */
static int order_finding(struct intake_pass *p, const char *id, long line, long col, struct diag *d)
{
	struct diag f = DIAG_INIT;
	if (!p->last_line && (p->last_line = intakefile_line_at(p->in, p->last_offset, d)) < 0)
		return -1;
	if (strcmp(id, p->last_id) == 0)
		diag_set(&f, DIAG_DATA, p->file, line, col,
			 "id '%s' repeats the previous id '%s' (line %ld)", id, p->last_id,
			 p->last_line);
	else
		diag_set(&f, DIAG_DATA, p->file, line, col,
			 "id '%s' is not greater than the previous id '%s' (line %ld)", id,
			 p->last_id, p->last_line);
	diag_hint(&f, "ids are unique and increase in file order");
	return p->report(p->arg, &f);
}

/*
 * The changes of a record (cr): old chains from intake.csv's value, and the
 * current record passes the rules when the stored one does (else that is
 * the finding).  0; on the fast path -1 for anything to report.
 */
static int check_changes(struct intake_worker *w, const struct changes_record *cr,
			 const struct csvread_row *row, int stored_ok)
{
	struct diag f = DIAG_INIT;
	int careful = row->line != NULL;

	if (changescheck_stored(cr, row, w->changes->name, &f) < 0) {
		if (!careful || say(w->pass, &f) < 0)
			return -1;
	}
	if (stored_ok &&
	    changescheck_current(cr, row, w->changes->name, &w->ctx, &w->cur, &f) < 0) {
		if (!careful || say(w->pass, &f) < 0)
			return -1;
	}
	return 0;
}

/* A record of intake.csv into acc: 0; on the fast path -1 for a record
 * with anything to report (csvread reads it again, with positions). */
static int intake_record(void *worker, void *accp, const struct csvread_row *row, struct diag *d)
{
	struct intake_worker *w = worker;
	struct intake_acc *a = accp;
	int careful = row->line != NULL, valid_id, year, c;
	struct fields_origin o;
	const char *id = row->field[INTAKE_ID];
	struct referral_intake *e;
	const struct changes_record *cr = NULL;
	long seq, ci;
	int stored_ok = 1;

	valid_id = intakeid_parse(id, 0, &year, &seq) == 0;
	if (!valid_id) {
		struct diag f = DIAG_INIT;
		if (!careful)
			return -1;
		diag_set(&f, DIAG_DATA, w->file, row->line[INTAKE_ID], row->col[INTAKE_ID],
			 "id '%.40s' is not YYYY-NNNNNN", id);
		if (say(w->pass, &f) < 0)
			return -1;
	} else if (careful) {
		/* sequential here: every record before this one has been merged */
		struct intake_pass *p = w->pass;
		if (p->have_last && intakeid_cmp(year, seq, p->last_year, p->last_seq) <= 0 &&
		    order_finding(p, id, row->line[INTAKE_ID], row->col[INTAKE_ID], d) < 0)
			return -1;
	} else if (a->n && intakeid_cmp(year, seq, a->last_year, a->last_seq) <= 0) {
		return -1;
	}
	/* what the memo vouches for is valid as stored; the rest is validated */
	if (!intake_memo_canonical(w->memo, row->field, row->len)) {
		memset(&o, 0, sizeof o);
		o.file = w->file;
		if (careful)
			datacheck_positions(row, INTAKE_NCOLS, o.line, o.col);
		for (c = 0; c < INTAKE_NCOLS; c++)
			intake_record_set(&w->rec, (enum intake_column)c, row->field[c]);
		if (intake_validate(&w->rec, &w->ctx, &o, d) < 0) {
			stored_ok = 0;
			if (!careful || say(w->pass, d) < 0)
				return -1;
		} else if (!careful && datacheck_first_unlike(row, w->rec.f, INTAKE_NCOLS) >= 0) {
			return -1;
		} else if (careful) {
			struct diag f = DIAG_INIT;
			if (datacheck_normal_form(w->file, row, w->rec.f, intake_columns,
						  INTAKE_NCOLS, o.line, o.col, &f) &&
			    say(w->pass, &f) < 0)
				return -1;
		}
	}
	if ((ci = changes_index(w->changes, id, row->len[INTAKE_ID])) >= 0) {
		cr = changes_record_at(w->changes, (size_t)ci);
		if (check_changes(w, cr, row, stored_ok) < 0)
			return -1;
		XALLOC_GROW(a->changed, a->nchanged + 1, a->calloc_);
		a->changed[a->nchanged++] = ci;
		row = changes_apply_row(cr, row, &w->now); /* referrals see the current record */
	}
	if (!valid_id)
		return 0;
	if (!a->n) {
		a->first_year = year;
		a->first_seq = seq;
		memcpy(a->first_id, id, row->len[INTAKE_ID] + 1); /* valid: 14 bytes at most */
		a->first_line = careful ? row->line[INTAKE_ID] : 0;
		a->first_col = careful ? row->col[INTAKE_ID] : 0;
	}
	a->last_year = year;
	a->last_seq = seq;
	memcpy(a->last_id, id, row->len[INTAKE_ID] + 1);
	a->last_offset = row->offset;
	a->n++;
	if (w->lookup && (e = referral_lookup_wanted(w->lookup, &w->lookup_at, year, seq))) {
		struct intake_hit *h;
		XALLOC_GROW(a->hits, a->nhits + 1, a->alloc);
		h = &a->hits[a->nhits++];
		h->entry = e;
		snprintf(h->ts, sizeof h->ts, "%.10s", row->field[INTAKE_TS]);
		h->referred_to = xstrdup(row->field[INTAKE_REFERRED_TO]);
	}
	return 0;
}

static void *intake_acc_new(void *ctx)
{
	(void)ctx;
	return xcalloc(1, sizeof(struct intake_acc));
}

static void intake_acc_reset(void *accp)
{
	struct intake_acc *a = accp;
	struct intake_hit *hits = a->hits;
	long *changed = a->changed;
	size_t i, alloc = a->alloc, calloc_ = a->calloc_;
	for (i = 0; i < a->nhits; i++)
		free(hits[i].referred_to);
	memset(a, 0, sizeof *a);
	a->hits = hits;
	a->alloc = alloc;
	a->changed = changed;
	a->calloc_ = calloc_;
}

static void intake_acc_free(void *accp)
{
	struct intake_acc *a = accp;
	intake_acc_reset(a);
	free(a->hits);
	free(a->changed);
	free(a);
}

/* In file order: ids increase across blocks too; then the look-ups. */
static int intake_merge(void *ctx, void *accp, struct diag *d)
{
	struct intake_pass *p = ctx;
	struct intake_acc *a = accp;
	size_t i;

	/* a fast block across the last one merged; a careful record was checked itself */
	if (a->n && p->have_last && !a->first_line &&
	    intakeid_cmp(a->first_year, a->first_seq, p->last_year, p->last_seq) <= 0)
		return CSVPAR_CAREFUL;
	(void)d;
	if (a->n) {
		p->have_last = 1;
		p->last_year = a->last_year;
		p->last_seq = a->last_seq;
		snprintf(p->last_id, sizeof p->last_id, "%s", a->last_id);
		p->last_offset = a->last_offset;
		/* a careful record's own line; a fast block's last one is counted when needed */
		p->last_line = a->first_line && a->n == 1 ? a->first_line : 0;
	}
	for (i = 0; i < a->nhits; i++)
		referral_lookup_found(a->hits[i].entry, a->hits[i].ts, a->hits[i].referred_to);
	for (i = 0; i < a->nchanged; i++)
		changes_record_at(p->changes, (size_t)a->changed[i])->found = 1;
	return 0;
}

/* A record of another width is a finding; the next one is read. */
static int intake_bad_width(void *ctx, struct diag *d)
{
	struct intake_pass *p = ctx;
	const struct referral_lookup *l = p->lookup;
	size_t i, found = 0;

	/* Its id may be one referrals.csv names, unless every wanted id was
	 * found already or lies before it (ids increase). */
	for (i = 0; i < l->n; i++)
		found += l->v[i].found;
	if (!p->bad_width_seen && found < l->n &&
	    (!p->have_last ||
	     intakeid_cmp(p->last_year, p->last_seq, l->v[l->n - 1].year, l->v[l->n - 1].seq) <= 0))
		p->skipped = 1;
	p->bad_width_seen = 1;
	return say(p, d);
}

int intakecheck_run(const struct dirctx *dc, struct changes *changes,
		    struct referral_lookup *lookup, intakecheck_report report, void *arg,
		    int *complete)
{
	struct diag d = DIAG_INIT;
	unsigned jobs = csvpar_default_jobs(), i;
	struct intake_worker *workers;
	void **states;
	struct intake_pass pass;
	struct intakefile_ops ops = { .record = intake_record,
				      .acc_new = intake_acc_new,
				      .acc_reset = intake_acc_reset,
				      .merge = intake_merge,
				      .acc_free = intake_acc_free,
				      .bad_width = intake_bad_width,
				      .ctx = &pass,
				      .jobs = jobs };
	int rc;

	*complete = 0;
	memset(&pass, 0, sizeof pass);
	pass.report = report;
	pass.arg = arg;
	pass.changes = changes;
	pass.lookup = lookup;
	pass.in = intakefile_open_stored(&dc->dir, &d);
	if (!pass.in)
		return say(&pass, &d);
	pass.file = intakefile_name(pass.in);
	workers = xcalloc(jobs, sizeof *workers);
	states = xcalloc(jobs, sizeof *states);
	ops.worker = states;
	for (i = 0; i < jobs; i++) {
		workers[i].pass = &pass;
		workers[i].ctx.taxonomy = &dc->taxonomy;
		workers[i].ctx.services = dc->have_services ? &dc->services : NULL;
		workers[i].ctx.tz = dc->tz;
		workers[i].ctx.now = dc->now;
		workers[i].lookup = lookup->n ? lookup : NULL;
		workers[i].file = pass.file;
		workers[i].changes = changes;
		intake_record_init(&workers[i].rec);
		intake_record_init(&workers[i].cur);
		workers[i].memo = intake_memo_new(&workers[i].ctx);
		states[i] = &workers[i];
	}
	rc = intakefile_each(pass.in, &ops, &d);
	if (rc == 0) {
		*complete = !pass.skipped;
		if (!pass.bad_width_seen)
			changescheck_orphans(changes, report, arg);
		referral_lookup_finish(lookup, pass.last_id);
		if (datacheck_torn(pass.file, intakefile_torn(pass.in), INTAKE_FILE, &d))
			rc = say(&pass, &d);
	} else if (d.status != DIAG_OK) {
		rc = say(&pass, &d); /* a syntax error ends the file: a finding */
	}
	for (i = 0; i < jobs; i++) {
		intake_record_release(&workers[i].rec);
		intake_record_release(&workers[i].cur);
		intake_memo_free(workers[i].memo);
	}
	free(workers);
	free(states);
	intakefile_close(pass.in);
	return rc;
}
