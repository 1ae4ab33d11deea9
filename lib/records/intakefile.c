#include "intakefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "changes.h"
#include "intake.h"
#include "xalloc.h"
#include "banned.h"

struct intakefile {
	int fd, own_fd, header_done;
	char *name;
	struct csvread *reader;
	struct changes *changes;    /* DIR/intake.csv's overlay; NULL: as stored */
	struct changes_row current; /* a careful-path row with its changes */
};

static struct intakefile *open_file(const struct datadir *dd, const char *path,
				    struct changes *changes, struct diag *d)
{
	struct intakefile *f = xcalloc(1, sizeof *f);
	int rc = 1;

	if (path && path[0] == '-' && !path[1]) {
		f->fd = STDIN_FILENO;
		f->name = xstrdup("-");
	} else if (path) {
		f->fd = open(path, O_RDONLY | O_CLOEXEC);
		f->name = xstrdup(path);
		f->own_fd = 1;
		if (f->fd < 0)
			rc = diag_errno(d, errno, "open", path);
	} else {
		f->name = datadir_file(dd, INTAKE_FILE);
		rc = datadir_open_read(dd, INTAKE_FILE, &f->fd, d);
		f->own_fd = rc == 1;
	}
	if (rc < 0) {
		free(f->name);
		free(f);
		return NULL;
	}
	f->changes = changes;
	if (rc == 0)
		f->header_done = 1; /* no file yet: no records */
	else
		f->reader = csvread_open(f->fd, f->name, CSVREAD_SKIP_TORN_END);
	return f;
}

/*
 * The changes are read before intake.csv is opened: a record that
 * intake-purge removes goes from intake.csv first, so a reader that still
 * sees it also sees its changes.
 */
struct intakefile *intakefile_open(const struct datadir *dd, const char *path, struct diag *d)
{
	struct changes *c = NULL;
	struct intakefile *f;

	if (!path) {
		c = xmalloc(sizeof *c);
		changes_init(c);
		if (changes_load(c, dd, NULL, NULL, d) < 0) {
			changes_release(c);
			free(c);
			return NULL;
		}
		if (!c->ids.n) {
			changes_release(c);
			free(c);
			c = NULL;
		}
	}
	f = open_file(dd, path, c, d);
	if (!f && c) {
		changes_release(c);
		free(c);
	}
	return f;
}

struct intakefile *intakefile_open_stored(const struct datadir *dd, struct diag *d)
{
	return open_file(dd, NULL, NULL, d);
}

const struct changes *intakefile_changes(const struct intakefile *f)
{
	return f->changes;
}

int intakefile_same_file(const struct intakefile *f, const struct datadir *dd)
{
	struct stat a, b;
	int missing = fstatat(dd->fd, INTAKE_FILE, &b, AT_SYMLINK_NOFOLLOW) < 0;
	if (!f->reader)
		return missing;
	return !missing && fstat(f->fd, &a) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* The row with the changes of its record, if it has any. */
static const struct csvread_row *current(const struct changes *c, const struct csvread_row *row,
					 struct changes_row *buf)
{
	const struct changes_record *r;
	if (!c || !(r = changes_find(c, row->field[INTAKE_ID], row->len[INTAKE_ID])))
		return row;
	return changes_apply_row(r, row, buf);
}

/* intakefile_next; a record with another number of fields is -2 (the
 * reader can go on after it), anything else that stops it -1. */
static int next_record(struct intakefile *f, struct csvread_row **row, struct diag *d)
{
	int rc;
	if (!f->reader)
		return 0;
	while ((rc = csvread_next(f->reader, row, d)) == 1) {
		if (!f->header_done) {
			f->header_done = 1;
			if (fields_check_header(&intake_schema, (*row)->field, (*row)->n, f->name,
						(*row)->col, d) < 0)
				return -1;
			continue;
		}
		if ((*row)->n != INTAKE_NCOLS) {
			diag_set(d, DIAG_DATA, f->name, (*row)->lineno, 1,
				 "record has %zu fields instead of %d", (*row)->n, INTAKE_NCOLS);
			return -2;
		}
		*row = (struct csvread_row *)current(f->changes, *row, &f->current);
		return 1;
	}
	return rc; /* an empty file has no records, like a missing one */
}

int intakefile_next(struct intakefile *f, struct csvread_row **row, struct diag *d)
{
	int rc = next_record(f, row, d);
	return rc < 0 ? -1 : rc;
}

/* The descriptor when it is a regular file with records (for csvpar), else -1. */
static int intakefile_regular_fd(const struct intakefile *f)
{
	struct stat st;
	if (!f->reader || fstat(f->fd, &st) < 0 || !S_ISREG(st.st_mode))
		return -1;
	return f->fd;
}

/* Go on reading records at offset (a record start on line), after csvpar. */
static int intakefile_resume(struct intakefile *f, off_t offset, long line, struct diag *d)
{
	if (lseek(f->fd, offset, SEEK_SET) < 0)
		return diag_errno(d, errno, "seek in", f->name);
	csvread_free(f->reader);
	f->reader = csvread_open(f->fd, f->name, CSVREAD_SKIP_TORN_END);
	csvread_set_origin(f->reader, offset, line);
	f->header_done = 1;
	return 0;
}

long intakefile_torn(const struct intakefile *f)
{
	return f->reader ? csvread_torn(f->reader) : 0;
}

long intakefile_line_at(const struct intakefile *f, off_t offset, struct diag *d)
{
	char buf[65536];
	off_t at = 0;
	long line = 1;

	while (at < offset) {
		size_t want = offset - at < (off_t)sizeof buf ? (size_t)(offset - at) : sizeof buf,
		       i;
		ssize_t n = pread(f->fd, buf, want, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? diag_errno(d, errno, "read", f->name) : line;
		for (i = 0; i < (size_t)n; i++)
			line += buf[i] == '\n';
		at += n;
	}
	return line;
}

const char *intakefile_name(const struct intakefile *f)
{
	return f->name;
}

int intakefile_fd(const struct intakefile *f)
{
	return f->fd;
}

/* A fast-path thread: the caller's state for it, and a diag the record
 * function may fill (a refused record is read again by csvread). */
struct fast_worker {
	const struct intakefile_ops *ops;
	const struct changes *changes;
	void *worker;
	struct diag d;
	struct changes_row current;
};

static int fast_row(void *worker, void *acc, const struct csvread_row *row)
{
	struct fast_worker *w = worker;
	if (row->n != INTAKE_NCOLS)
		return -1; /* csvread reports it with its line */
	return w->ops->record(w->worker, acc, current(w->changes, row, &w->current), &w->d);
}

/* From the first record (*row, already read) on with csvpar; then, if it
 * stopped early, *row is where csvread goes on (1), else 0. */
static int run_fast(struct intakefile *f, const struct intakefile_ops *ops,
		    struct csvread_row **row, struct diag *d)
{
	unsigned jobs = ops->jobs ? ops->jobs : 1, i;
	struct fast_worker *workers = xcalloc(jobs, sizeof *workers);
	void **states = xcalloc(jobs, sizeof *states);
	struct csvpar_ops par = { .row = fast_row,
				  .acc_new = ops->acc_new,
				  .acc_reset = ops->acc_reset,
				  .merge = ops->merge,
				  .acc_free = ops->acc_free,
				  .ctx = ops->ctx,
				  .worker = states,
				  .jobs = jobs };
	struct csvpar_stop stop;
	int rc;

	for (i = 0; i < jobs; i++) {
		workers[i].ops = ops;
		workers[i].changes = f->changes;
		workers[i].worker = ops->worker[i];
		states[i] = &workers[i];
	}
	rc = csvpar_run(f->fd, f->name, (*row)->offset, (*row)->lineno, &par, &stop, d);
	if (rc == 0 && !stop.complete &&
	    (rc = intakefile_resume(f, stop.resume, stop.resume_line, d)) == 0)
		rc = next_record(f, row, d);
	free(workers);
	free(states);
	return rc;
}

int intakefile_each(struct intakefile *f, const struct intakefile_ops *ops, struct diag *d)
{
	struct csvread_row *row;
	void *acc;
	int rc = next_record(f, &row, d);

	if (rc == 1 && intakefile_regular_fd(f) >= 0)
		rc = run_fast(f, ops, &row, d);
	if (rc != 1 && rc != -2)
		return rc;
	acc = ops->acc_new(ops->ctx);
	for (; rc == 1 || rc == -2; rc = next_record(f, &row, d)) {
		if (rc == -2) {
			/* a record of another width: the caller's to report, or the end */
			if (!ops->bad_width || ops->bad_width(ops->ctx, d) < 0) {
				rc = -1;
				break;
			}
			continue;
		}
		ops->acc_reset(acc);
		if (ops->record(ops->worker[0], acc, row, d) < 0 ||
		    ops->merge(ops->ctx, acc, d) < 0) {
			rc = -1;
			break;
		}
	}
	ops->acc_free(acc);
	return rc;
}

void intakefile_close(struct intakefile *f)
{
	if (!f)
		return;
	csvread_free(f->reader);
	if (f->changes) {
		changes_release(f->changes);
		free(f->changes);
	}
	if (f->own_fd)
		close(f->fd);
	free(f->name);
	free(f);
}
