/*
 * intake: the schema of intake.csv (one row per client contact) and the
 * validation and normalisation of a record before it is stored.
 *
 * Normalisation (documented in okienko-files(5)): surrounding blanks are
 * trimmed from coded fields; codes are case-folded (nationality upper,
 * the others lower); ';'-lists (',' is accepted as a separator too) are
 * trimmed and de-duplicated in order, and written with ';'; ts is
 * written as YYYY-MM-DDTHH:MM:SS+HH:MM in the directory's time zone (a ts
 * given with another offset is converted, one without offset is local
 * time, an empty one is now), so its first ten characters are the local date; household defaults to
 * 1; status defaults to "referred" when referred_to is set, else "open";
 * consent defaults to "no"; a note a spreadsheet would run as a formula
 * (the formula rule of csvwrite.h) gets a leading apostrophe.
 *
 * Ownership: struct intake_record owns its strbufs (intake_record_release).
 */
#ifndef OKIENKO_INTAKE_H
#define OKIENKO_INTAKE_H

#include "civtime.h"
#include "diag.h"
#include "services.h"
#include "strbuf.h"
#include "taxonomy.h"

enum intake_column {
	INTAKE_ID, INTAKE_TS, INTAKE_DESK, INTAKE_CLIENT, INTAKE_SEX,
	INTAKE_AGE_GROUP, INTAKE_NATIONALITY, INTAKE_LANGUAGE, INTAKE_HOUSEHOLD,
	INTAKE_NEEDS, INTAKE_REFERRED_TO, INTAKE_CONSENT, INTAKE_ADVISOR,
	INTAKE_STATUS, INTAKE_NOTE, INTAKE_NCOLS
};

#define INTAKE_FILE "intake.csv"
#define INTAKE_NOTE_MAX 10000   /* bytes */

#define INTAKE_REF_MAX 40        /* bytes of a desk, client or advisor reference */
#define INTAKE_HOUSEHOLD_MAX 30  /* household is 1..INTAKE_HOUSEHOLD_MAX */

/* The column names in file order, NULL-terminated. */
extern const char *const intake_columns[INTAKE_NCOLS + 1];
/* The values of the closed columns, NULL-terminated (sex and age_group may also be empty). */
extern const char *const intake_sexes[];
extern const char *const intake_age_groups[];
extern const char *const intake_consents[];
extern const char *const intake_statuses[];

/* Index of a column name, or -1. */
int intake_column_index(const char *name);
/* Is this ;-list column (language, needs, referred_to)? */
int intake_is_list(enum intake_column c);
/* The intake-add option that sets column c ("--refer" for referred_to). */
const char *intake_option(enum intake_column c);
/* Is s a desk, client or advisor reference (letters, digits, '.', '_', '-')? */
int intake_reference_ok(const char *s);
/* Check a data file's header row; d points at the first difference. */
int intake_check_header(char **fields, size_t n, const char *file, const long *col,
			struct diag *d);

struct intake_record {
	struct strbuf f[INTAKE_NCOLS];
};

/* Where a record's fields came from, for error positions. */
struct intake_origin {
	const char *file;                 /* NULL: from command-line options */
	long line[INTAKE_NCOLS], col[INTAKE_NCOLS];
};

struct intake_context {
	const struct taxonomy *taxonomy;
	const struct services *services;  /* may be NULL: referrals then refused */
	const struct civtz *tz;
	int64_t now;
};

void intake_record_init(struct intake_record *r);
void intake_record_release(struct intake_record *r);
void intake_record_set(struct intake_record *r, enum intake_column c, const char *value);
/* Normalise and validate every field but id; -1 with d at the first problem. */
int intake_validate(struct intake_record *r, const struct intake_context *ctx,
		    const struct intake_origin *origin, struct diag *d);

#endif
