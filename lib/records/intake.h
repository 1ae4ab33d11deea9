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
#include "fields.h"
#include "schema.h"
#include "services.h"
#include "strbuf.h"
#include "taxonomy.h"

#define INTAKE_FILE "intake.csv"
#define INTAKE_NOTE_MAX 10000 /* bytes */

#define INTAKE_REF_MAX 40       /* bytes of a desk, client or advisor reference */
#define INTAKE_HOUSEHOLD_MAX 30 /* household is 1..INTAKE_HOUSEHOLD_MAX */

/* The values of the closed columns, NULL-terminated (sex and age_group may also be empty). */
extern const char *const intake_sexes[];
extern const char *const intake_age_groups[];
extern const char *const intake_consents[];
extern const char *const intake_statuses[];

/* The columns of intake.csv, in file order (schema.h says what each part is). */
/* clang-format off */
#define INTAKE_SCHEMA(C, p)                                                                     \
	C(p, ID, "id", STRING, SCHEMA_REQUIRED, SCHEMA_PATTERN, NULL, "[0-9]{4}-[0-9]{6,}",      \
	  0, 0, 0, NULL, NULL, NULL,                                                            \
	  "the year of storing and a sequence from 000001, increasing in file order")           \
	C(p, TS, "ts", DATETIME, SCHEMA_REQUIRED, SCHEMA_ANY, NULL, NULL, 0, 0, 0,               \
	  "ts", "TIME", N_("ISO 8601; default now; without offset: local time"),               \
	  "the contact's time in the directory's time zone, with its offset; the first ten characters are the local date") \
	C(p, DESK, "desk", STRING, SCHEMA_REQUIRED, SCHEMA_REFERENCE, NULL, NULL, 0, 0, 0,       \
	  "desk", "DESK", N_("the desk or place of the contact (required)"), NULL)              \
	C(p, CLIENT, "client", STRING, SCHEMA_REQUIRED, SCHEMA_REFERENCE, NULL, NULL, 0, 0, 0,   \
	  "client", "REF", N_("the client's pseudonymous reference (required)"),               \
	  "a pseudonymous reference, never a name")                                             \
	C(p, SEX, "sex", STRING, 0, SCHEMA_TABLE, intake_sexes, NULL, 0, 0, 0,                   \
	  "sex", "f|m|x", N_("f, m or x"), NULL)                                                \
	C(p, AGE_GROUP, "age_group", STRING, 0, SCHEMA_TABLE, intake_age_groups, NULL, 0, 0, 0,  \
	  "age-group", "GROUP", N_("0-17, 18-59 or 60+"), NULL)                                 \
	C(p, NATIONALITY, "nationality", STRING, SCHEMA_REQUIRED, SCHEMA_COUNTRIES, NULL, NULL,  \
	  0, 0, 0, "nationality", "CC",                                                        \
	  N_("ISO 3166-1 code such as UA; XX when stateless\nor unknown (required)"),           \
	  "ISO 3166-1 alpha-2, XK for Kosovo, XX stateless or unknown")                         \
	C(p, LANGUAGE, "language", STRING, SCHEMA_LIST, SCHEMA_LANGUAGES, NULL, NULL, 0, 0, 0,   \
	  "language", "LIST", N_("ISO 639-1 codes the client speaks (;-separated)"),           \
	  "ISO 639-1 codes separated by ';'")                                                   \
	C(p, HOUSEHOLD, "household", INTEGER, SCHEMA_REQUIRED | SCHEMA_RANGE, SCHEMA_ANY, NULL,  \
	  NULL, 1, INTAKE_HOUSEHOLD_MAX, 0, "household", "N",                                  \
	  N_("people in the household, 1 to 30 (default 1)"), NULL)                             \
	C(p, NEEDS, "needs", STRING, SCHEMA_REQUIRED | SCHEMA_LIST, SCHEMA_NEEDS, NULL, NULL,     \
	  0, 0, 0, "needs", "LIST", N_("need codes (;-separated; required)"),                  \
	  "need codes of the taxonomy separated by ';'")                                        \
	C(p, REFERRED_TO, "referred_to", STRING, SCHEMA_LIST, SCHEMA_SERVICES, NULL, NULL,       \
	  0, 0, 0, "referred-to", "LIST", N_("service ids (;-separated); needs --consent yes"), \
	  "service ids of services.yaml separated by ';'; set only with consent yes")           \
	C(p, CONSENT, "consent", STRING, SCHEMA_REQUIRED, SCHEMA_TABLE, intake_consents, NULL,   \
	  0, 0, 0, "consent", "yes|no",                                                        \
	  N_("yes: the client agreed that referred_to get their\ndata (default no)"), NULL)           \
	C(p, ADVISOR, "advisor", STRING, 0, SCHEMA_REFERENCE, NULL, NULL, 0, 0, 0,              \
	  "advisor", "REF", N_("the advisor's reference"), NULL)                                \
	C(p, STATUS, "status", STRING, SCHEMA_REQUIRED, SCHEMA_TABLE, intake_statuses, NULL,     \
	  0, 0, 0, "status", "STATUS",                                                         \
	  N_("open, referred or closed (default: referred with a\nreferral, else open)"),         \
	  "referred only with a referral")                                                      \
	C(p, NOTE, "note", STRING, 0, SCHEMA_ANY, NULL, NULL, 0, 0, INTAKE_NOTE_MAX,             \
	  "note", "TEXT", N_("free text (no names)"), SCHEMA_NOTE_DESCRIPTION(INTAKE_NOTE_MAX))
/* clang-format on */

enum intake_column { INTAKE_SCHEMA(SCHEMA_ENUM, INTAKE) INTAKE_NCOLS };

/* The schema; its names are the header, NULL-terminated. */
extern const struct schema intake_schema;
extern const char *const intake_columns[INTAKE_NCOLS + 1];

/* Is this ;-list column (language, needs, referred_to)? */
int intake_is_list(enum intake_column c);
/* Is s a desk, client or advisor reference (letters, digits, '.', '_', '-')? */
int intake_reference_ok(const char *s);

struct intake_record {
	struct strbuf f[INTAKE_NCOLS];
};

void intake_record_init(struct intake_record *r);
void intake_record_release(struct intake_record *r);
void intake_record_set(struct intake_record *r, enum intake_column c, const char *value);
/* Normalise and validate every field but id; -1 with d at the first problem. */
int intake_validate(struct intake_record *r, const struct fields_context *ctx,
		    const struct fields_origin *origin, struct diag *d);
/*
 * intake_validate in its pieces (intakememo.h): column c's own rule, which
 * reads only r->f[c] (status: referred_to too, for an empty one), and, 1
 * or 0 without a message, the rules across columns (consent and status
 * against referred_to, a need given) on stored fields that each passed
 * their own rule unchanged (field[c][0..len[c]), all INTAKE_NCOLS).
 */
int intake_check_column(struct intake_record *r, enum intake_column c,
			const struct fields_context *ctx, const struct fields_origin *origin,
			struct diag *d);
int intake_across_ok(char *const *field, const size_t *len);

#endif
