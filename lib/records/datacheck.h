/*
 * datacheck: the findings that data-check's passes over the record files
 * share (intakecheck for intake.csv, data-check itself for the others):
 * where a field's text starts, a field that is not in the form a writer
 * stores, and an incomplete last record.  Each fills a diag for the
 * caller to report; none prints, and nothing allocates.
 */
#ifndef OKIENKO_DATACHECK_H
#define OKIENKO_DATACHECK_H

#include <stddef.h>

#include "csvread.h"
#include "diag.h"
#include "strbuf.h"

/* Where each of the n fields' text starts: a quoted field's one column later. */
void datacheck_positions(const struct csvread_row *row, size_t n, long *line, long *col);
/* The first of the n fields that validation normalised (f, the stored text, differs), or -1. */
int datacheck_first_unlike(const struct csvread_row *row, const struct strbuf *f, size_t n);
/*
 * 1 with d set to the finding for the first field that validation
 * normalised (names: the columns; line, col: datacheck_positions), 0 when
 * there is none.
 */
int datacheck_normal_form(const char *file, const struct csvread_row *row, const struct strbuf *f,
			  const char *const *names, size_t n, const long *line, const long *col,
			  struct diag *d);
/* 1 with d set to the finding for an incomplete last record of file (the
 * data directory's name) on line, 0 when line is 0 (none). */
int datacheck_torn(const char *file, long line, const char *name, struct diag *d);

#endif
