/*
 * changes: intake-changes.csv, the audit trail of intake-update, and the
 * overlay that gives every reader the current values of intake.csv.
 *
 * A record of intake.csv is never rewritten to change it: intake-update
 * appends to intake-changes.csv, with the write protocol of datadir.h and
 * all rows of one update in one write, a row per changed field:
 *
 *	change,ts,id,field,old,new,desk,advisor,reason
 *
 * change: the update's number, shared by its rows; 1 for the first, one
 * more than the file's last row for the next (read from the file's end,
 * changes_number), so numbers increase in file order (a purge may leave
 * gaps).  ts: when, written as intake.csv's ts.  id: the intake record.
 * field: the intake.csv column changed, one of changes_fields (not id;
 * desk and advisor say who recorded the contact and stay).  old: its value
 * before the update, new: after.  desk (required) and advisor: who made
 * the change.  reason: why, free text (required; a note's rules).
 *
 * The current record is intake.csv's row with each changed field's value
 * from its last change; its version is the number of updates (change
 * numbers) applied to it: 0 as intake-add stored it.  The original stays
 * in intake.csv: old of a field's first change is its value there, old of
 * each later change is new of the one before ("old chains"; data-check
 * checks both).
 *
 * struct changes, the overlay, keeps per changed record the current value
 * of each changed field, its version and who changed it last: memory
 * grows with the number of changes, never with intake.csv.  Loading it
 * checks every row (changes_read); a row that does not check is an error
 * with its position, or, for data-check, a problem reported to a callback
 * (the row is then not applied).  changes_find and changes_apply_row only
 * read it, so that reader threads may share one.
 *
 * Ownership: struct changes owns every string and record (its arena and
 * index); changes_release.  A row from changes_apply_row points into the
 * row it was given and into the overlay.
 */
#ifndef OKIENKO_CHANGES_H
#define OKIENKO_CHANGES_H

#include <stddef.h>

#include "arena.h"
#include "csvread.h"
#include "datadir.h"
#include "diag.h"
#include "intake.h"
#include "schema.h"
#include "strindex.h"

#define CHANGES_FILE "intake-changes.csv"
#define CHANGES_REASON_MAX 1000 /* bytes */
#define CHANGES_NUMBER_MAX 999999999999L

/* The intake.csv columns intake-update may change, NULL-terminated. */
extern const char *const changes_fields[];

/* The columns (schema.h); intake-update's options are its own. */
/* clang-format off */
#define CHANGES_SCHEMA(C, p)                                                                  \
	C(p, CHANGE, "change", INTEGER, SCHEMA_REQUIRED | SCHEMA_RANGE, SCHEMA_ANY, NULL, NULL,  \
	  1, CHANGES_NUMBER_MAX, 0, NULL, NULL, NULL,                                          \
	  "the update's number, shared by its rows, increasing in file order")                 \
	C(p, TS, "ts", DATETIME, SCHEMA_REQUIRED, SCHEMA_ANY, NULL, NULL, 0, 0, 0, NULL, NULL,  \
	  NULL, "when the update was stored")                                                  \
	C(p, ID, "id", STRING, SCHEMA_REQUIRED, SCHEMA_PATTERN, NULL, "[0-9]{4}-[0-9]{6,9}",     \
	  0, 0, 0, NULL, NULL, NULL, "the intake record changed, an id of intake.csv")         \
	C(p, FIELD, "field", STRING, SCHEMA_REQUIRED, SCHEMA_TABLE, changes_fields, NULL,        \
	  0, 0, 0, NULL, NULL, NULL, "the column of intake.csv changed")                       \
	C(p, OLD, "old", STRING, 0, SCHEMA_ANY, NULL, NULL, 0, 0, 0, NULL, NULL, NULL,          \
	  "the field's value before the update: intake.csv's, or new of its change before")    \
	C(p, NEW, "new", STRING, 0, SCHEMA_ANY, NULL, NULL, 0, 0, 0, NULL, NULL, NULL,          \
	  "the field's value after the update, checked as intake-add checks it")               \
	C(p, DESK, "desk", STRING, SCHEMA_REQUIRED, SCHEMA_REFERENCE, NULL, NULL, 0, 0, 0,      \
	  NULL, NULL, NULL, "the desk that made the update")                                   \
	C(p, ADVISOR, "advisor", STRING, 0, SCHEMA_REFERENCE, NULL, NULL, 0, 0, 0, NULL, NULL,  \
	  NULL, "the advisor who made it")                                                     \
	C(p, REASON, "reason", STRING, SCHEMA_REQUIRED, SCHEMA_ANY, NULL, NULL, 0, 0,           \
	  CHANGES_REASON_MAX, NULL, NULL, NULL, "why, free text without names")
/* clang-format on */

enum changes_column { CHANGES_SCHEMA(SCHEMA_ENUM, CHANGES) CHANGES_NCOLS };

/* The schema; its names are the header, NULL-terminated. */
extern const struct schema changes_schema;
extern const char *const changes_columns[CHANGES_NCOLS + 1];
/* The intake column named name when intake-update may change it, else -1. */
int changes_field_index(const char *name);
/* May intake-update change column c? */
int changes_field_ok(int c);

/* One changed field of a record: its current value, and what data-check checks. */
struct changes_field {
	struct changes_field *next;
	int col;           /* enum intake_column */
	const char *value; /* new of its last change */
	size_t len;
	long change;                /* the number of its last change, */
	const char *ts, *desk;      /* when and by whom */
	long line, col_new;         /* where that new value is */
	const char *first_old;      /* old of its first change */
	long first_line, first_col; /* where that old value is */
};

struct changes_record {
	const char *id;
	unsigned long version;           /* updates applied */
	long change;                     /* the number of the last one */
	const char *ts, *desk, *advisor; /* of the last one */
	long line;                       /* where its last row is */
	int found;                       /* data-check: the id is in intake.csv */
	struct changes_field *fields;
};

struct changes {
	struct arena arena;
	struct strindex ids;
	struct changes_record **v; /* by the number of the id in ids */
	size_t alloc;
	long last;          /* the largest change number read, 0: none */
	unsigned long rows; /* rows applied */
	const char *name;   /* the file, for messages */
	long torn;          /* line of an incomplete last row skipped, or 0 */
};

/*
 * A row that does not check (d says where and why): 0 to go on without
 * it, -1 to stop reading (changes_read then returns -1 with d).
 */
typedef int (*changes_problem)(void *ctx, const struct diag *d);
/* Keep the rows of this id (NUL-terminated)?  Rows of others are checked, not kept. */
typedef int (*changes_want)(void *ctx, const char *id);

void changes_init(struct changes *c);
/*
 * Read the rows of fd (named name) from its current offset: the header,
 * then every row, checked.  want (may be NULL: every id) picks the ids
 * kept; problem (may be NULL: the first problem is the error) hears of
 * every row that does not check.  An incomplete last row (a write under
 * way) is skipped (c->torn).  0, or -1 with d.
 */
int changes_read(struct changes *c, int fd, const char *name, changes_want want, void *wctx,
		 changes_problem problem, void *pctx, struct diag *d);
/* DIR/intake-changes.csv into c, every id; a missing file has no rows. */
int changes_load(struct changes *c, const struct datadir *dd, changes_problem problem, void *pctx,
		 struct diag *d);
/* The changes of record id (len bytes), or NULL. */
const struct changes_record *changes_find(const struct changes *c, const char *id, size_t len);
/* The index of record id in c (for changes_record_at), or -1. */
long changes_index(const struct changes *c, const char *id, size_t len);
/* The current value of column col of r, or NULL when r did not change it. */
const struct changes_field *changes_field_of(const struct changes_record *r, int col);
/* Every record, in the order their ids were first read; NULL after the last. */
struct changes_record *changes_record_at(const struct changes *c, size_t i);
void changes_release(struct changes *c);

/* A row to apply changes into: one per reader thread. */
struct changes_row {
	struct csvread_row row;
	char *field[INTAKE_NCOLS];
	size_t len[INTAKE_NCOLS];
	long line[INTAKE_NCOLS], col[INTAKE_NCOLS];
	char quoted[INTAKE_NCOLS];
};

/*
 * in (a row of intake.csv, INTAKE_NCOLS fields) with r's values, in out:
 * the changed fields point into the overlay (readers must not write to
 * them), the others into in.  A row without positions (the fast path)
 * gives one without; a changed field keeps its field's position in in.
 */
const struct csvread_row *changes_apply_row(const struct changes_record *r,
					    const struct csvread_row *in, struct changes_row *out);

/*
 * Under the lock of intake-changes.csv (datadir_lock, header checked): the
 * number of the next update, one more than the last row's (1 for none),
 * read from the file's end: the cost does not depend on its size.
 */
int changes_number(struct datadir_lock *lk, long *next, struct diag *d);

#endif
