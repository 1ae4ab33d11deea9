/*
 * fields: what the record schemas (intake, capacity, referral) share: the
 * check of a data file's fixed header, records as arrays of strbufs,
 * errors that point at a field in a file or name the option it came from,
 * trimming and case folding of codes, and notes a spreadsheet must not run.
 *
 * Ownership: the caller owns the strbuf arrays; fields_release frees them.
 */
#ifndef OKIENKO_FIELDS_H
#define OKIENKO_FIELDS_H

#include <stdarg.h>
#include <stddef.h>

#include "diag.h"
#include "strbuf.h"

/* The header must be columns[0..ncols) exactly; d points at the first difference. */
int fields_check_header(const char *const *columns, size_t ncols, char **fields, size_t n,
			const char *file, const long *col, struct diag *d);

void fields_init(struct strbuf *f, size_t n);
void fields_release(struct strbuf *f, size_t n);
void fields_set(struct strbuf *sb, const char *value);

/* A data error at file:line:col, or "OPTION: message" when file is NULL. */
int fields_error(struct diag *d, const char *file, long line, long col, const char *option,
		 const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

struct csvread_row;
/* A data error at field c of a row read from file (a quoted field's text
 * starts one column after its quote). */
int fields_row_error(struct diag *d, const char *file, const struct csvread_row *row, size_t c,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

void fields_trim(struct strbuf *sb);
/* ASCII letters to lower case (upper when upper is set); other bytes kept. */
void fields_fold(struct strbuf *sb, int upper);
/*
 * A note of at most max bytes: -1 when longer.  A note a spreadsheet would
 * run as a formula (leading = + - @ TAB CR, not a plain number such as -5)
 * gets a leading apostrophe: the formula rule of csvwrite.h.
 */
int fields_note(struct strbuf *sb, size_t max);

#endif
