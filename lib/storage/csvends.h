/*
 * csvends: the two ends of a data file that a writer reads under its lock
 * (datadir.h) without reading the whole file: the header, which must be
 * the file's, and the last record, from which new records are numbered
 * (intake ids, change numbers).
 *
 * Ownership: the caller owns rec; nothing else is allocated here.
 */
#ifndef OKIENKO_CSVENDS_H
#define OKIENKO_CSVENDS_H

#include <stddef.h>

#include "datadir.h"
#include "diag.h"
#include "strbuf.h"

/* The last record is read back over blank lines at most this far. */
#define CSVENDS_RECORD_MAX (1 << 20)

/* A check of a header row; arg is what csvends_check_header was given. */
typedef int (*csvends_header)(const void *arg, char **fields, size_t n, const char *file,
			      const long *col, struct diag *d);

/* The first line of an existing file (lk->size > 0) must pass check. */
int csvends_check_header(struct datadir_lock *lk, csvends_header check, const void *arg,
			 struct diag *d);

/*
 * The last complete record that is not a blank line, with its line end,
 * into rec; rec is empty when the file holds no record after its header.
 */
int csvends_last_record(struct datadir_lock *lk, struct strbuf *rec, struct diag *d);

#endif
