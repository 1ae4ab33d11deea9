/*
 * csvpar: read the records of a regular file on several threads with the
 * fast scanner (csvscan), for the streaming readers of big files.
 *
 * The file is cut into blocks that end at a record end (found by quote
 * parity, csvbound.h: a block starts at a record start).  Worker threads
 * scan the blocks and hand each record to the caller's row function
 * together with the block's own result object ("acc": the rows it
 * printed, the groups it counted); the calling thread then merges the
 * results block by block, in file order, so output keeps the file's order
 * and memory stays at a few blocks.
 *
 * When a block holds a record the fast scanner does not take (csvscan's
 * CSVSCAN_UNUSUAL), or the row function refuses one (say it needs a
 * position for a message), that block's and every later block's results
 * are dropped and csvpar_run says where to go on: the offset and line of
 * the block.  The caller reads from there with csvread, which reports or
 * handles the record exactly as it would have from the start.  The same
 * happens with the bytes after the last line end (a record being written,
 * or a torn one), so csvread's rules for those apply unchanged.
 *
 * Threads: with jobs <= 1 everything runs on the calling thread.  The row
 * function runs on worker threads: it may touch only its worker's state
 * and its block's acc; merge runs on the calling thread.
 */
#ifndef OKIENKO_CSVPAR_H
#define OKIENKO_CSVPAR_H

#include <stddef.h>
#include <sys/types.h>

#include "csvread.h"
#include "diag.h"

struct csvpar_ops {
	/* A record of the block whose result is acc: 0, or -1 to hand the block to csvread. */
	int (*row)(void *worker, void *acc, const struct csvread_row *row);
	void *(*acc_new)(void *ctx);
	void (*acc_reset)(void *acc); /* before the acc takes a new block */
	/*
	 * Take a finished block's result, in file order: 0; -1 with d set to
	 * stop; or CSVPAR_CAREFUL, having taken nothing, to hand the block to
	 * csvread after all (a check across blocks failed and needs positions).
	 */
	int (*merge)(void *ctx, void *acc, struct diag *d);
	void (*acc_free)(void *acc);
	void *ctx;
	void **worker; /* one state per job */
	unsigned jobs;
	size_t block_size; /* bytes read per block; 0: 1 MiB, less for many jobs
					     (tests use tiny ones) */
};

enum { CSVPAR_CAREFUL = 1 };

struct csvpar_stop {
	int complete;     /* 1: every record to the end of the file was handled */
	off_t resume;     /* else csvread goes on at this offset, */
	long resume_line; /* which is on this line */
};

/*
 * Handle the records of fd from offset start (on line line) to its end.
 * 0 and *stop, or -1 with d set (a read error, or merge's).
 */
int csvpar_run(int fd, const char *name, off_t start, long line, const struct csvpar_ops *ops,
	       struct csvpar_stop *stop, struct diag *d);

/* Worker threads to use by default: the processors online, at most 16. */
unsigned csvpar_default_jobs(void);

#endif
