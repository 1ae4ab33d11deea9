#include "csvrewrite.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvpar.h"
#include "xalloc.h"
#include "banned.h"

enum { BLOCK = 64 * 1024 };

struct copy {
	int src, dst; /* dst -1: count only */
	const char *name, *dstname;
	char *buf;
};

/* Copy bytes [from, to) of the source to the new file. */
static int copy_range(struct copy *cp, off_t from, off_t to, struct diag *d)
{
	if (cp->dst < 0)
		return 0;
	while (from < to) {
		size_t want = to - from < BLOCK ? (size_t)(to - from) : BLOCK;
		ssize_t n = pread(cp->src, cp->buf, want, from);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? diag_errno(d, errno, "read", cp->name)
				     : diag_set(d, DIAG_SYSTEM, NULL, 0, 0,
						"'%s' changed while it was read", cp->name);
		if (datadir_write_all(cp->dst, cp->buf, (size_t)n, cp->dstname, d) < 0)
			return -1;
		from += n;
	}
	return 0;
}

/* Where the copying stands: the kept run starts at keep_from. */
struct runs {
	struct copy *cp;
	off_t keep_from, last_from;
	int removing;
	unsigned long removed, kept;
};

/* The record at offset is kept (k) or not: a removed one ends the run. */
static int decided(struct runs *r, off_t offset, int k, struct diag *d)
{
	if (k) {
		if (r->removing)
			r->keep_from = offset;
		r->removing = 0;
		return 0;
	}
	if (!r->removing && copy_range(r->cp, r->keep_from, offset, d) < 0)
		return -1;
	r->removing = 1;
	return 0;
}

/* A fast block's decisions: the records where kept and removed ones take turns. */
struct turn {
	off_t offset;
	int keep;
};

struct block_acc {
	const struct csvrewrite_par *par;
	void *user;
	struct turn *turns;
	size_t nturns, alloc;
	unsigned long removed, kept;
	off_t last_from;
};

struct fast_worker {
	const struct csvrewrite_par *par;
	void *user;
};

struct fast_ctx {
	const struct csvrewrite_par *par;
	void *user;
	struct runs *runs;
};

static int fast_keep(void *worker, void *accp, const struct csvread_row *row)
{
	const struct fast_worker *w = worker;
	struct block_acc *a = accp;
	int k = w->par->keep(w->user, a->user, row);

	if (k < 0)
		return -1;
	k = k != 0;
	if (!a->nturns || a->turns[a->nturns - 1].keep != k) {
		XALLOC_GROW(a->turns, a->nturns + 1, a->alloc);
		a->turns[a->nturns].offset = row->offset;
		a->turns[a->nturns++].keep = k;
	}
	if (k)
		a->kept++;
	else
		a->removed++;
	a->last_from = row->offset;
	return 0;
}

static void *fast_acc_new(void *ctxp)
{
	const struct fast_ctx *c = ctxp;
	struct block_acc *a = xcalloc(1, sizeof *a);
	a->par = c->par;
	a->user = c->par->acc_new(c->user);
	return a;
}

static void fast_acc_reset(void *accp)
{
	struct block_acc *a = accp;
	a->nturns = 0;
	a->removed = a->kept = 0;
	a->par->acc_reset(a->user);
}

static void fast_acc_free(void *accp)
{
	struct block_acc *a = accp;
	a->par->acc_free(a->user);
	free(a->turns);
	free(a);
}

static int fast_merge(void *ctxp, void *accp, struct diag *d)
{
	struct fast_ctx *c = ctxp;
	struct block_acc *a = accp;
	struct runs *r = c->runs;
	size_t i;

	if (c->par->merge(c->user, a->user, d) < 0)
		return -1;
	for (i = 0; i < a->nturns; i++)
		if (decided(r, a->turns[i].offset, a->turns[i].keep, d) < 0)
			return -1;
	r->removed += a->removed;
	r->kept += a->kept;
	if (a->nturns)
		r->last_from = a->last_from;
	return 0;
}
/* The descriptor is a regular file (csvpar reads at offsets). */
static int regular(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * The records from *row on, on the fast path; then, if it stopped early,
 * a new reader in *rd at the record where csvread goes on, in *row (1),
 * or 0 at the end.
 */
static int run_fast(struct copy *cp, unsigned flags, const struct csvrewrite_ops *ops,
		    struct runs *runs, struct csvread **rd, struct csvread_row **row,
		    struct diag *d)
{
	const struct csvrewrite_par *par = ops->par;
	unsigned jobs = par->jobs ? par->jobs : 1, i;
	struct fast_worker *workers = xcalloc(jobs, sizeof *workers);
	void **states = xcalloc(jobs, sizeof *states);
	struct fast_ctx ctx = { par, ops->ctx, runs };
	struct csvpar_ops pops = { .row = fast_keep,
				   .acc_new = fast_acc_new,
				   .acc_reset = fast_acc_reset,
				   .merge = fast_merge,
				   .acc_free = fast_acc_free,
				   .ctx = &ctx,
				   .worker = states,
				   .jobs = jobs,
				   .block_size = par->block_size };
	struct csvpar_stop stop;
	int rc;

	for (i = 0; i < jobs; i++) {
		workers[i].par = par;
		workers[i].user = par->worker[i];
		states[i] = &workers[i];
	}
	rc = csvpar_run(cp->src, cp->name, (*row)->offset, (*row)->lineno, &pops, &stop, d);
	free(workers);
	free(states);
	if (rc < 0)
		return -1;
	if (stop.complete)
		return 0;
	if (lseek(cp->src, stop.resume, SEEK_SET) < 0)
		return diag_errno(d, errno, "read", cp->name);
	csvread_free(*rd);
	*rd = csvread_open(cp->src, cp->name, flags);
	csvread_set_origin(*rd, stop.resume, stop.resume_line);
	return csvread_next(*rd, row, d);
}

/*
 * Stream the records: the kept ones are copied in runs, a run ending where
 * a removed record starts.  The last record, when removed, may be kept
 * after all (keep_last), once the end is known.
 */
static int scan(struct copy *cp, off_t size, unsigned flags, const struct csvrewrite_ops *ops,
		unsigned long *removed, unsigned long *kept, struct diag *d)
{
	struct csvread *r = csvread_open(cp->src, cp->name, flags);
	struct csvread_row *row;
	struct runs runs = { cp, 0, 0, 0, 0, 0 };
	int rc, header = 1, k;

	while ((rc = csvread_next(r, &row, d)) == 1) {
		if (header) {
			header = 0;
			if ((rc = ops->header(ops->ctx, row, d)) < 0)
				break;
			if (!ops->par || !regular(cp->src))
				continue;
			/* the fast path from the first record; csvread takes its line */
			if ((rc = csvread_next(r, &row, d)) == 1)
				rc = run_fast(cp, flags, ops, &runs, &r, &row, d);
			if (rc != 1)
				break;
			/* csvread goes on with row */
		}
		if ((k = ops->keep(ops->ctx, row, d)) < 0) {
			rc = -1;
			break;
		}
		if (k)
			runs.kept++;
		else
			runs.removed++;
		runs.last_from = row->offset;
		if (decided(&runs, row->offset, k, d) < 0) {
			rc = -1;
			break;
		}
	}
	if (rc == 0 && runs.removing && ops->keep_last && ops->keep_last(ops->ctx)) {
		--runs.removed;
		++runs.kept;
		runs.keep_from = runs.last_from;
		runs.removing = 0;
	}
	if (rc == 0 && !runs.removing)
		rc = copy_range(cp, runs.keep_from, size, d);
	*removed = runs.removed;
	*kept = runs.kept;
	csvread_free(r);
	return rc;
}

void csvrewrite_init(struct csvrewrite *rw, struct datadir_lock *lk,
		     const struct csvrewrite_ops *ops)
{
	rw->lk = lk;
	rw->ops = ops;
	rw->removed = rw->kept = 0;
	rw->out = -1;
}

int csvrewrite_scan(struct csvrewrite *rw, struct diag *d)
{
	struct datadir_lock *lk = rw->lk;
	struct copy cp;
	int rc;

	/* the file that is locked, not whatever has its name by now */
	cp.src = dup(lk->datafd);
	if (cp.src < 0 || lseek(cp.src, 0, SEEK_SET) < 0) {
		rc = diag_errno(d, errno, "open", lk->path);
		if (cp.src >= 0)
			close(cp.src);
		return rc;
	}
	if (datadir_rewrite_begin(lk, &rw->out, d) < 0) {
		close(cp.src);
		return -1;
	}
	cp.dst = rw->out;
	cp.name = lk->path;
	cp.dstname = lk->tmppath;
	cp.buf = xmalloc(BLOCK);
	/* under the lock the file ends with a complete record (datadir_lock) */
	rc = scan(&cp, lk->size, 0, rw->ops, &rw->removed, &rw->kept, d);
	free(cp.buf);
	close(cp.src);
	if (rc < 0)
		csvrewrite_abort(rw);
	return rc;
}

int csvrewrite_commit(struct csvrewrite *rw, struct diag *d)
{
	if (rw->out < 0)
		return 0;
	rw->out = -1;
	if (!rw->removed) {
		datadir_rewrite_abort(rw->lk);
		return 0;
	}
	return datadir_rewrite_commit(rw->lk, d);
}

void csvrewrite_abort(struct csvrewrite *rw)
{
	if (rw->out >= 0)
		datadir_rewrite_abort(rw->lk);
	rw->out = -1;
}

int csvrewrite_count(int fd, const char *name, const struct csvrewrite_ops *ops,
		     unsigned long *removed, unsigned long *kept, struct diag *d)
{
	struct copy cp;
	cp.src = fd;
	cp.dst = -1;
	cp.name = name;
	cp.dstname = NULL;
	cp.buf = NULL;
	/* without the lock a writer may be appending: its record is not one yet */
	return scan(&cp, 0, CSVREAD_SKIP_TORN_END, ops, removed, kept, d);
}
