/*
 * writer: the end of every *-add command: append validated records to a
 * data file with one write under its lock (a new file gets the header, an
 * existing one must have it), then print them as stored.
 *
 * Records are arrays of ncols strbufs one after another: a struct
 * intake_record, capacity_record or referral_record is exactly that, so
 * WRITER_ROWS(recs, n) is the rows of n records.  The caller owns them.
 */
#ifndef OKIENKO_WRITER_H
#define OKIENKO_WRITER_H

#include <stdio.h>

#include "batch.h"
#include "datadir.h"
#include "diag.h"
#include "fields.h"
#include "opts.h"
#include "output.h"
#include "schema.h"
#include "strbuf.h"

/*
 * The options every *-add command has besides the common ones.  Like
 * opts.h, this part is for mains: a usage error prints and exits.
 * A field option's key is WRITER_OPT_FIELD + column.
 */
enum {
	WRITER_OPT_BATCH = OPTS_FIRST_PRIVATE, WRITER_OPT_FROM, WRITER_OPT_DRY_RUN,
	WRITER_OPT_FIELD, WRITER_MAX_COLS = 32
};

struct writer_args {
	int batch, dry_run;
	enum batch_format from;
	int given[WRITER_MAX_COLS];       /* field options given */
	int any_field;
};

/*
 * A writer's option table (for opts_start) into out[OPTS_MAX + 1]: the
 * schema's field options in column order, each followed by its older
 * names from aliases (entries with OPTS_ALIAS and the field's key; may be
 * NULL), then --batch, --from, --dry-run and the common options.
 */
void writer_options(const struct schema *s, const struct opts_option *aliases,
		    struct opts_option *out);
/* One option from opts_next: the writer's or a field (into single[ncols]). */
void writer_option(struct writer_args *w, struct opts *o, int c, const char *arg,
		   struct strbuf *single, size_t ncols);
/* After the option loop: no operands, no field options with --batch. */
void writer_check_args(const struct writer_args *w, const struct opts *o, int argc,
		       char **argv);
/* Without --batch, column col must have been given by its option. */
void writer_require(const struct writer_args *w, const struct opts *o, const struct schema *s,
		    size_t col);

/* A record type the writer can use: nothing but its ncols strbufs. */
#define WRITER_RECORD(type, ncols) \
	_Static_assert(sizeof(type) == (ncols) * sizeof(struct strbuf), \
		       #type " must be exactly its fields")

/* The rows of n records of an X_record array (NULL when there are none). */
#define WRITER_ROWS(recs, n) ((n) ? (recs)[0].f : NULL)

/*
 * Check one record of a batch: row is its ncols fields, o where each field
 * was (the record's start for a field the input did not have).
 */
typedef int (*writer_check)(struct strbuf *row, const struct fields_origin *o, void *arg,
			    struct diag *d);

/*
 * Read a batch from standard input (all of it) into *recs, an array of n
 * records of record_size bytes (each starting with its ncols strbufs), and
 * check each one; the problems are printed (the first 20) and the result
 * is -1 with d saying how many records were bad.  The caller releases the
 * records and frees *recs, also after a failure.
 */
int writer_read_batch(const struct schema *f, enum batch_format from, size_t record_size,
		      void **recs, size_t *n, writer_check check, void *arg, struct diag *d);

/* Called under the lock before the records are written (intake-add numbers them). */
typedef int (*writer_prepare)(struct datadir_lock *lk, struct strbuf *rows, size_t n,
			      void *arg, struct diag *d);

int writer_store(const struct datadir *dir, const struct schema *f, struct strbuf *rows,
		 size_t n, double timeout, writer_prepare prepare, void *arg, struct diag *d);
/* numeric: column indexes printed as numbers (JSON, YAML, right-aligned tables). */
int writer_print(FILE *fp, enum output_format format, const struct schema *f,
		 const size_t *numeric, size_t nnumeric, const struct strbuf *rows, size_t n,
		 struct diag *d);

#endif
