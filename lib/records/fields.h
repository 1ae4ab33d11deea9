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

#include "civtime.h"
#include "diag.h"
#include "schema.h"
#include "strbuf.h"

struct services;
struct taxonomy;

/* The most columns a record of any file has. */
#define FIELDS_MAX 16

/* Where a record's fields came from, for error positions. */
struct fields_origin {
	const char *file; /* NULL: from command-line options */
	long line[FIELDS_MAX], col[FIELDS_MAX];
};

/* What validation checks a record against. */
struct fields_context {
	const struct taxonomy *taxonomy; /* intake only */
	const struct services *services; /* may be NULL: every service is then unknown */
	const struct civtz *tz;
	int64_t now;
};

/* The header must be the schema's names exactly; d points at the first difference. */
int fields_check_header(const struct schema *s, char **fields, size_t n, const char *file,
			const long *col, struct diag *d);

/* The same with schema a const struct schema *: a csvends_header (csvends.h). */
int fields_check_header_of(const void *schema, char **fields, size_t n, const char *file,
			   const long *col, struct diag *d);

void fields_init(struct strbuf *f, size_t n);
void fields_release(struct strbuf *f, size_t n);
void fields_set(struct strbuf *sb, const char *value);

/*
 * A data error in column c at its position in o->file, or, from options
 * (o NULL or o->file NULL), "--OPTION: message" with the column's option.
 */
int fields_error(struct diag *d, const struct schema *s, const struct fields_origin *o, size_t c,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The error for an empty required column c: "column 'C' is required" in
   a file, "must not be empty" for an option given empty. */
int fields_required(struct diag *d, const struct schema *s, const struct fields_origin *o,
		    size_t c);
int fields_verror(struct diag *d, const struct schema *s, const struct fields_origin *o, size_t c,
		  const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

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
