/*
 * batch: records for a fixed set of columns read from CSV or YAML, for the
 * --batch mode of the *-add and *-update commands.
 *
 * CSV: a header row naming some of the columns in any order (unknown or
 * repeated names are errors, with a did-you-mean hint), then records with as
 * many fields as the header.  YAML: a sequence of mappings whose keys are
 * column names; a value is a scalar, null, or a sequence of scalars (joined
 * with ';' for the list columns).
 *
 * Records are read one at a time (batch_open, batch_next, batch_close):
 * a CSV batch is read as a stream, in memory that does not grow with it;
 * a YAML batch is one document, loaded whole by batch_open.  batch_read
 * collects every record, for a caller that needs them all at once.
 *
 * Ownership: the reader owns the record batch_next returns (valid until
 * the next call or batch_close); the batch of batch_read owns every
 * string (in its arena); batch_release.
 */
#ifndef OKIENKO_BATCH_H
#define OKIENKO_BATCH_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum batch_format { BATCH_CSV, BATCH_YAML };

struct batch_record {
	const char **value; /* per column; NULL when the input does not set it */
	long *line, *col;   /* where each value is (0 when absent) */
	long lineno;        /* where the record starts */
};

struct batch {
	struct arena arena;
	const char *name; /* "-" for standard input */
	size_t ncolumns;
	struct batch_record *records;
	size_t n, alloc;
};

int batch_format_parse(const char *s, enum batch_format *f);

struct batch_reader;
/* columns: NULL-terminated list of the column names; they must outlive
 * the reader.  NULL with d when the input cannot be read (YAML). */
struct batch_reader *batch_open(int fd, const char *name, enum batch_format f,
				const char *const *columns, struct diag *d);
/* 1 and *rec, 0 at the end of the batch, -1 with d on bad input. */
int batch_next(struct batch_reader *r, const struct batch_record **rec, struct diag *d);
void batch_close(struct batch_reader *r);

/* columns: NULL-terminated list of the column names.  On failure b is
 * left released. */
int batch_read(struct batch *b, int fd, const char *name, enum batch_format f,
	       const char *const *columns, struct diag *d);
void batch_release(struct batch *b);

#endif
