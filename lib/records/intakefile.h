/*
 * intakefile: read intake.csv (or a copy on standard input) as a stream of
 * checked records: the header must be intake.csv's, every record must have
 * its 15 fields.  An incomplete last record (a writer at work, or a crash)
 * is skipped; intakefile_torn() then gives its line for a warning.
 *
 * Every reader of intake.csv goes through intakefile_each, the one way to
 * read it: records of a regular file come from the fast path (csvpar and
 * csvscan, on ops->jobs threads, no positions: row->line is NULL) up to
 * the first record it does not take, and from csvread (with positions)
 * from there on, or from the start for a pipe.  The record function sees
 * the same checked records either way.  On the fast path it may refuse a
 * record (return -1; d is then ignored) to have it again from csvread
 * with positions, say to report it; on the careful path -1 is an error
 * with d set.  Results are kept per block (acc) and merged in file order,
 * so that a block handed back to csvread is counted once: on the careful
 * path one acc takes each record and is merged after it.
 *
 * Ownership: the reader owns the rows it hands out (valid until the next
 * call) and the descriptor it opened; intakefile_close.
 */
#ifndef OKIENKO_INTAKEFILE_H
#define OKIENKO_INTAKEFILE_H

#include "csvpar.h"
#include "csvread.h"
#include "datadir.h"
#include "diag.h"

struct intakefile;

/* path "-" is standard input; NULL is DIR/intake.csv (a missing one reads as empty). */
struct intakefile *intakefile_open(const struct datadir *dd, const char *path, struct diag *d);
/* 1 and *row, 0 at the end, -1 on error. */
int intakefile_next(struct intakefile *f, struct csvread_row **row, struct diag *d);
struct intakefile_ops {
	/* One record (INTAKE_NCOLS fields) into acc; worker is the thread's state. */
	int (*record)(void *worker, void *acc, const struct csvread_row *row, struct diag *d);
	void *(*acc_new)(void *ctx);
	void (*acc_reset)(void *acc);     /* before the acc takes a new block */
	/*
	 * A finished block's result, in file order: 0, or -1 with d set to
	 * stop; on the fast path also CSVPAR_CAREFUL, having taken nothing, to
	 * have the block read again by csvread (a check across blocks failed).
	 */
	int (*merge)(void *ctx, void *acc, struct diag *d);
	void (*acc_free)(void *acc);
	/* Optional: a record with another number of fields (d says where): 0 to
	 * go on with the next record; without it, or with -1, the read ends. */
	int (*bad_width)(void *ctx, struct diag *d);
	void *ctx;
	void **worker;                    /* one state per job; worker[0] on the careful path */
	unsigned jobs;                    /* threads for the fast path; 0 is 1 */
};

/* Every record of f: 0 at the end, -1 with d set on an error. */
int intakefile_each(struct intakefile *f, const struct intakefile_ops *ops, struct diag *d);

long intakefile_torn(const struct intakefile *f);
/* The line of the record at a byte offset of a regular file (fast-path
 * rows have offsets, not lines): counted on demand, for a message. */
long intakefile_line_at(const struct intakefile *f, off_t offset, struct diag *d);
const char *intakefile_name(const struct intakefile *f);
void intakefile_close(struct intakefile *f);

#endif
