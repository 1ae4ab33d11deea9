/*
 * csvrewrite: a CSV file copied without some of its records, byte for
 * byte and in constant memory, for the rewrites of datadir.h (intake-purge).
 *
 * The file is read from its start with csvread; the caller says for each
 * record whether it stays.  A record's bytes run from its start to the
 * next one's (or to the end), so line ends, CRLF and blank lines go with
 * the record before them and a kept record is copied exactly as it was;
 * the header (and a byte order mark before it) is always kept.
 *
 * Calling sequence, under the file's lock (datadir_lock or
 * datadir_lock_document), for several files at once when they must change
 * together:
 *
 *	csvrewrite_init(&rw, lk, &ops);
 *	csvrewrite_scan(&rw, &d);        the new content into lk's temporary
 *	                                  file (datadir_rewrite_begin), counted
 *	csvrewrite_commit(&rw, &d)       rename it over the file, when a record
 *	  or csvrewrite_abort(&rw)        was removed; or leave the file alone
 *
 * Without a lock (a dry run) csvrewrite_count reads a descriptor and only
 * counts.
 *
 * A regular file is read on the fast path when ops->par is set: csvpar
 * hands its records (from the first after the header) to par->keep on
 * worker threads, each block's decisions are kept with its result (acc),
 * and the calling thread takes them in file order (par->merge, then the
 * copying), so the new file is the same as csvread's.  From the first
 * block the fast path does not take, or that par->keep refuses (-1: say,
 * to report a record with its position), csvread goes on and ops->keep
 * decides with positions, exactly as it would have from the start.
 *
 * Ownership: struct csvrewrite points to the lock and the ops; it owns
 * nothing but what csvrewrite_abort/commit release.
 */
#ifndef OKIENKO_CSVREWRITE_H
#define OKIENKO_CSVREWRITE_H

#include <sys/types.h>

#include "csvread.h"
#include "datadir.h"
#include "diag.h"

struct csvrewrite_par {
	/* A record on a worker thread into acc: 1 keep, 0 remove, -1 for csvread. */
	int (*keep)(void *worker, void *acc, const struct csvread_row *row);
	void *(*acc_new)(void *ctx);
	void (*acc_reset)(void *acc); /* before the acc takes a new block */
	/* A block's results, in file order, on the calling thread: 0, or -1 with d. */
	int (*merge)(void *ctx, void *acc, struct diag *d);
	void (*acc_free)(void *acc);
	void **worker; /* one state per job */
	unsigned jobs;
	size_t block_size; /* 0: csvpar's (tests use tiny ones) */
};

struct csvrewrite_ops {
	/* The header row: 0, or -1 with d. */
	int (*header)(void *ctx, const struct csvread_row *row, struct diag *d);
	/* A record: 1 keep it, 0 remove it, -1 with d to stop (nothing is written). */
	int (*keep)(void *ctx, const struct csvread_row *row, struct diag *d);
	/* Optional: the last record was removed; 1 to keep it after all. */
	int (*keep_last)(void *ctx);
	void *ctx;
	const struct csvrewrite_par *par; /* optional: the fast path */
};

struct csvrewrite {
	struct datadir_lock *lk;
	const struct csvrewrite_ops *ops;
	unsigned long removed, kept;
	int out; /* the temporary file, -1: none */
};

void csvrewrite_init(struct csvrewrite *rw, struct datadir_lock *lk,
		     const struct csvrewrite_ops *ops);
int csvrewrite_scan(struct csvrewrite *rw, struct diag *d);
/* Rename the new file over the old one when a record was removed, else abort. */
int csvrewrite_commit(struct csvrewrite *rw, struct diag *d);
void csvrewrite_abort(struct csvrewrite *rw);

/* Count what a rewrite would remove from fd (named name), read from its start. */
int csvrewrite_count(int fd, const char *name, const struct csvrewrite_ops *ops,
		     unsigned long *removed, unsigned long *kept, struct diag *d);

#endif
