/*
 * writer: the end of every *-add command: check records (one from
 * options or a batch from standard input), append them to a data file
 * with one append under its lock, then print them as stored.
 *
 * A record is an array of ncols strbufs: a struct intake_record,
 * capacity_record or referral_record is exactly that (WRITER_RECORD).
 * The caller owns the rows it passes; struct writer_batch owns the rest.
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
#include "spool.h"
#include "strbuf.h"

/*
 * The options every *-add command has besides the common ones.  Like
 * opts.h, this part is for mains: a usage error prints and exits.
 * A field option's key is WRITER_OPT_FIELD + column.
 */
enum {
	WRITER_OPT_BATCH = OPTS_FIRST_PRIVATE,
	WRITER_OPT_FROM,
	WRITER_OPT_DRY_RUN,
	WRITER_OPT_FIELD,
	WRITER_MAX_COLS = 32
};

struct writer_args {
	int batch, dry_run;
	enum batch_format from;
	int given[WRITER_MAX_COLS]; /* field options given */
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
void writer_check_args(const struct writer_args *w, const struct opts *o, int argc, char **argv);
/* Without --batch, column col must have been given by its option. */
void writer_require(const struct writer_args *w, const struct opts *o, const struct schema *s,
		    size_t col);

/* A record type the writer can use: nothing but its ncols strbufs. */
#define WRITER_RECORD(type, ncols)                                      \
	_Static_assert(sizeof(type) == (ncols) * sizeof(struct strbuf), \
		       #type " must be exactly its fields")

/*
 * Check one record of a batch: row is its ncols fields, o where each field
 * was (the record's start for a field the input did not have).
 */
typedef int (*writer_check)(struct strbuf *row, const struct fields_origin *o, void *arg,
			    struct diag *d);

/*
 * The records of one run, checked one by one and kept aside (spool.h: in
 * a temporary file of the data directory past SPOOL_MEM) until all are
 * known to be good, then stored and printed from there: memory does not
 * grow with the batch.  Calling sequence:
 *
 *	writer_batch_init(&wb, &schema, &dir);
 *	writer_batch_read(&wb, from, check, arg, &d)   a batch from stdin,
 *	  or writer_batch_keep(&wb, row, NULL, &d)     the one record of options
 *	[writer_batch_recheck(&wb, check, arg, &d)]    checks that need them all
 *	writer_batch_checked(&wb, &d)                  -1 when a record failed
 *	writer_batch_store(&wb, timeout, prepare, fill, arg, &d);
 *	writer_batch_print(&wb, stdout, format, ..., fill, arg, &d);
 *	writer_batch_release(&wb);
 *
 * A record that fails a check is counted and left out; the problems of
 * the first 20 such records in input order are kept (of both checks).
 * writer_batch_read and writer_batch_recheck return -1 only when the
 * input cannot be read as a batch (or the spool cannot be written).
 * writer_batch_checked then prints the problems kept and "N more records
 * with errors" and returns -1 with d saying "X of Y records are invalid;
 * nothing was written", or returns 0 when every record passed.
 */
#define WRITER_SHOWN 20

struct writer_problem {
	size_t index; /* of the record in the input */
	struct diag d;
};

struct writer_batch {
	const struct schema *f;
	const struct datadir *dir;
	struct spool spool;
	size_t n;          /* records kept */
	size_t total, bad; /* records read; of them failed */
	struct writer_problem problem[WRITER_SHOWN];
	size_t nproblem;
	struct strbuf enc;  /* one record, encoded */
	struct strbuf *row; /* one record read back */
	struct fields_origin origin;
};

/* Under the lock, before the first record is written (intake-add numbers them). */
typedef int (*writer_prepare)(struct datadir_lock *lk, size_t n, void *arg, struct diag *d);
/* Record i (0..n) as stored: where intake-add sets its id. */
typedef void (*writer_fill)(struct strbuf *row, size_t i, void *arg);

void writer_batch_init(struct writer_batch *wb, const struct schema *f, const struct datadir *dir);
int writer_batch_read(struct writer_batch *wb, enum batch_format from, writer_check check,
		      void *arg, struct diag *d);
/* o: NULL for a record from options. */
int writer_batch_keep(struct writer_batch *wb, const struct strbuf *row,
		      const struct fields_origin *o, struct diag *d);
int writer_batch_recheck(struct writer_batch *wb, writer_check check, void *arg, struct diag *d);
int writer_batch_checked(const struct writer_batch *wb, struct diag *d);
/* Each record kept, in order, as checked (fill is not applied). */
int writer_batch_each(struct writer_batch *wb, writer_check fn, void *arg, struct diag *d);
/*
 * Append the records to the schema's file with one announced append under
 * its lock (a new file gets the header, an existing one must have it):
 * all of them or, on any error, none.
 */
int writer_batch_store(struct writer_batch *wb, double timeout, writer_prepare prepare,
		       writer_fill fill, void *arg, struct diag *d);
/* numeric: column indexes printed as numbers (JSON, YAML, right-aligned tables). */
int writer_batch_print(struct writer_batch *wb, FILE *fp, enum output_format format,
		       const size_t *numeric, size_t nnumeric, writer_fill fill, void *arg,
		       struct diag *d);
void writer_batch_release(struct writer_batch *wb);

#endif
