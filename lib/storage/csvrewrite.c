#include "csvrewrite.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "xalloc.h"
#include "banned.h"

enum { BLOCK = 64 * 1024 };

struct copy {
	int src, dst;                     /* dst -1: count only */
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
	off_t keep_from = 0, last_from = 0;
	int rc, header = 1, removing = 0, k;

	*removed = *kept = 0;
	while ((rc = csvread_next(r, &row, d)) == 1) {
		if (header) {
			header = 0;
			if ((rc = ops->header(ops->ctx, row, d)) < 0)
				break;
			continue;
		}
		if ((k = ops->keep(ops->ctx, row, d)) < 0) {
			rc = -1;
			break;
		}
		last_from = row->offset;
		if (k) {
			++*kept;
			if (removing)
				keep_from = row->offset;
			removing = 0;
			continue;
		}
		++*removed;
		if (!removing && copy_range(cp, keep_from, row->offset, d) < 0) {
			rc = -1;
			break;
		}
		removing = 1;
	}
	if (rc == 0 && removing && ops->keep_last && ops->keep_last(ops->ctx)) {
		--*removed;
		++*kept;
		keep_from = last_from;
		removing = 0;
	}
	if (rc == 0 && !removing)
		rc = copy_range(cp, keep_from, size, d);
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
