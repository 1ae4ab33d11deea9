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
 * The current values: reading DIR/intake.csv, every record comes with the
 * changes intake-update made to it (changes.h: intake-changes.csv is read
 * first, whole, into memory that grows with the changes only), on the fast
 * path and the careful one alike; a changed field keeps the position of
 * the field in intake.csv.  A FILE given as path, or standard input, is a
 * copy taken as it is: no changes are applied to it.
 * intakefile_open_stored reads DIR/intake.csv as stored, for those that
 * apply the changes themselves (data-check, intake-update, intake-purge).
 *
 * Ownership: the reader owns the rows it hands out (valid until the next
 * call), the changes it read and the descriptor it opened; intakefile_close.
 */
#ifndef OKIENKO_INTAKEFILE_H
#define OKIENKO_INTAKEFILE_H

#include "csvpar.h"
#include "csvread.h"
#include "datadir.h"
#include "diag.h"

struct intakefile;
struct changes;

/* path "-" is standard input; NULL is DIR/intake.csv (a missing one reads as empty). */
struct intakefile *intakefile_open(const struct datadir *dd, const char *path, struct diag *d);
/* DIR/intake.csv as stored, without its changes. */
struct intakefile *intakefile_open_stored(const struct datadir *dd, struct diag *d);
/* The changes applied to the records (NULL: none, or a copy read as it is). */
const struct changes *intakefile_changes(const struct intakefile *f);
/* 1 when DIR/intake.csv is still the file f reads (not replaced by a rewrite). */
int intakefile_same_file(const struct intakefile *f, const struct datadir *dd);
/* 1 and *row, 0 at the end, -1 on error. */
int intakefile_next(struct intakefile *f, struct csvread_row **row, struct diag *d);
struct intakefile_ops {
	/* One record (INTAKE_NCOLS fields) into acc; worker is the thread's state. */
	int (*record)(void *worker, void *acc, const struct csvread_row *row, struct diag *d);
	void *(*acc_new)(void *ctx);
	void (*acc_reset)(void *acc); /* before the acc takes a new block */
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
	void **worker; /* one state per job; worker[0] on the careful path */
	unsigned jobs; /* threads for the fast path; 0 is 1 */
};

/* Every record of f: 0 at the end, -1 with d set on an error. */
int intakefile_each(struct intakefile *f, const struct intakefile_ops *ops, struct diag *d);

long intakefile_torn(const struct intakefile *f);
/* The line of the record at a byte offset of a regular file (fast-path
 * rows have offsets, not lines): counted on demand, for a message. */
long intakefile_line_at(const struct intakefile *f, off_t offset, struct diag *d);
const char *intakefile_name(const struct intakefile *f);
/* Its descriptor, to read a record again at its offset (-1: no file). */
int intakefile_fd(const struct intakefile *f);
void intakefile_close(struct intakefile *f);

#endif
