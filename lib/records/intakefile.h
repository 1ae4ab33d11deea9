/*
 * intakefile: read intake.csv (or a copy on standard input) as a stream of
 * checked records: the header must be intake.csv's, every record must have
 * its 15 fields.  An incomplete last record (a writer at work, or a crash)
 * is skipped; intakefile_torn() then gives its line for a warning.
 *
 * Ownership: the reader owns the rows it hands out (valid until the next
 * call) and the descriptor it opened; intakefile_close.
 */
#ifndef OKIENKO_INTAKEFILE_H
#define OKIENKO_INTAKEFILE_H

#include "csvread.h"
#include "datadir.h"
#include "diag.h"

struct intakefile;

/* path "-" is standard input; NULL is DIR/intake.csv (a missing one reads as empty). */
struct intakefile *intakefile_open(const struct datadir *dd, const char *path, struct diag *d);
/* 1 and *row, 0 at the end, -1 on error. */
int intakefile_next(struct intakefile *f, struct csvread_row **row, struct diag *d);
/* The descriptor when it is a regular file with records (for csvpar), else -1. */
int intakefile_regular_fd(const struct intakefile *f);
/* Go on reading records at offset (a record start on line), after csvpar. */
int intakefile_resume(struct intakefile *f, off_t offset, long line, struct diag *d);
long intakefile_torn(const struct intakefile *f);
const char *intakefile_name(const struct intakefile *f);
void intakefile_close(struct intakefile *f);

#endif
