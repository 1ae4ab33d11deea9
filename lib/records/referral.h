/*
 * referral: what became of the referrals made at intake.  The schema of
 * referrals.csv and the validation of an outcome before it is stored
 * (referral-add), the look-up of the intakes it names in intake.csv, and
 * the current state of every referral (referral-report).
 *
 * A row of referrals.csv says that on date the referral of intake_id to
 * service had outcome, for reason.  The last row for an (intake_id,
 * service) pair, in file order, is its current state; a pair without a
 * row is open.
 *
 * Validation and normalisation (documented in referral-add(1)): blanks
 * around fields are trimmed; date is YYYY-MM-DD, today in the directory's
 * time zone when empty, never in the future, never before the intake's
 * date; intake_id is the year, '-' and a number from 1 to 999999999,
 * written as intake-add writes it (2026-215 becomes 2026-000215);
 * service, outcome and reason are folded to lower case; service is an id
 * of services.yaml; a reason is given for rejected and withdrawn and only
 * then; a note a spreadsheet would run as a formula (the formula rule of
 * csvwrite.h) gets a leading apostrophe.
 *
 * The intake look-up streams intake.csv (memory independent of its size)
 * once for any number of ids, keeping only the wanted ones, and stops once
 * past the largest: ids increase in file order (intakeid.h).
 *
 * Ownership: struct referral_record owns its strbufs
 * (referral_record_release); struct referral_lookup owns its entries
 * (referral_lookup_release); struct referral_table owns every state and
 * string (its arena; referral_table_release).
 */
#ifndef OKIENKO_REFERRAL_H
#define OKIENKO_REFERRAL_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "civtime.h"
#include "datadir.h"
#include "diag.h"
#include "fields.h"
#include "schema.h"
#include "services.h"
#include "strbuf.h"

enum referral_outcome {
	REFERRAL_ACCEPTED,
	REFERRAL_REJECTED,
	REFERRAL_DONE,
	REFERRAL_NO_SHOW,
	REFERRAL_WITHDRAWN,
	REFERRAL_NOUTCOMES
};

enum referral_reason {
	REFERRAL_LACK_OF_CAPACITY,
	REFERRAL_NOT_ELIGIBLE,
	REFERRAL_UNABLE_TO_CONTACT,
	REFERRAL_CLIENT_DECLINED,
	REFERRAL_OTHER,
	REFERRAL_NREASONS
};

#define REFERRAL_FILE "referrals.csv"
#define REFERRAL_NOTE_MAX 10000 /* bytes */
#define REFERRAL_ID_MAX 24      /* an intake id and its NUL */

/* Names in enum order, NULL-terminated. */
extern const char *const referral_outcomes[REFERRAL_NOUTCOMES + 1];
extern const char *const referral_reasons[REFERRAL_NREASONS + 1];

/* The columns of referrals.csv, in file order (schema.h says what each part is). */
/* clang-format off */
#define REFERRAL_SCHEMA(C, p)                                                                 \
	C(p, DATE, "date", DATE, SCHEMA_REQUIRED, SCHEMA_ANY, NULL, NULL, 0, 0, 0,             \
	  "date", "DATE", N_("YYYY-MM-DD; default today"),                                    \
	  "the outcome's date, not before the intake's")                                      \
	C(p, INTAKE_ID, "intake_id", STRING, SCHEMA_REQUIRED, SCHEMA_PATTERN, NULL,            \
	  "[0-9]{4}-[0-9]{6,9}", 0, 0, 0, "intake-id", "ID",                                  \
	  N_("the intake record (2026-000123) that made the referral"),                       \
	  "an id of intake.csv that was referred to service; rows about intakes removed by intake-purge stay") \
	C(p, SERVICE, "service", STRING, SCHEMA_REQUIRED, SCHEMA_SERVICES, NULL, NULL, 0, 0, 0, \
	  "service", "ID", N_("the service it was referred to"), NULL)                        \
	C(p, OUTCOME, "outcome", STRING, SCHEMA_REQUIRED, SCHEMA_TABLE, referral_outcomes,     \
	  NULL, 0, 0, 0, "outcome", "OUTCOME",                                               \
	  N_("accepted, rejected, done, no-show or withdrawn"), NULL)                         \
	C(p, REASON, "reason", STRING, 0, SCHEMA_TABLE, referral_reasons, NULL, 0, 0, 0,       \
	  "reason", "REASON",                                                                \
	  N_("for rejected and withdrawn only: lack-of-capacity,\nnot-eligible, unable-to-contact, client-declined, other"), \
	  "required for rejected and withdrawn, empty otherwise")                             \
	C(p, NOTE, "note", STRING, 0, SCHEMA_ANY, NULL, NULL, 0, 0, REFERRAL_NOTE_MAX,          \
	  "note", "TEXT", N_("free text (no names)"), SCHEMA_NOTE_DESCRIPTION(REFERRAL_NOTE_MAX))
/* clang-format on */

enum referral_column { REFERRAL_SCHEMA(SCHEMA_ENUM, REFERRAL) REFERRAL_NCOLS };

/* The schema; its names are the header, NULL-terminated. */
extern const struct schema referral_schema;
extern const char *const referral_columns[REFERRAL_NCOLS + 1];

/* Index of an outcome or reason name, or -1. */
int referral_outcome_parse(const char *s);
int referral_reason_parse(const char *s);
/* Does this outcome take a reason (rejected, withdrawn)? */
int referral_needs_reason(enum referral_outcome o);
/*
 * Read referrals.csv (header checked) from fd and call fn with the date
 * (days) and the row of every referral turned away: rejected for lack of
 * capacity.  0, or -1 with d set; *torn is the line of an incomplete last
 * record that was skipped, else 0.
 */
struct csvread_row;
int referral_each_turned_away(int fd, const char *name,
			      void (*fn)(void *ctx, long date, const struct csvread_row *row),
			      void *ctx, long *torn, struct diag *d);

struct referral_record {
	struct strbuf f[REFERRAL_NCOLS];
};

void referral_record_init(struct referral_record *r);
void referral_record_release(struct referral_record *r);
void referral_record_set(struct referral_record *r, enum referral_column c, const char *value);
/* Normalise and validate the fields on their own; -1 with d at the first problem. */
int referral_validate(struct referral_record *r, const struct fields_context *ctx,
		      const struct fields_origin *o, struct diag *d);

/* What intake.csv says about one intake id. */
struct referral_intake {
	char id[REFERRAL_ID_MAX]; /* as intake-add writes it */
	int year;
	long seq;
	int found;
	char date[11];     /* the contact's local date, YYYY-MM-DD */
	char *referred_to; /* ;-list as stored; NULL until found */
};

struct referral_lookup {
	struct referral_intake *v; /* sorted by id after referral_lookup_run */
	size_t n, alloc;
	char last_id[REFERRAL_ID_MAX]; /* the file's last id, when read to its end */
	int read_to_end;
};

void referral_lookup_init(struct referral_lookup *l);
/* Want this id (one referral_validate accepts; repeats are kept once). */
void referral_lookup_want(struct referral_lookup *l, const char *id);
/* One pass over DIR/intake.csv for every wanted id; -1 when it cannot be read. */
int referral_lookup_run(struct referral_lookup *l, const struct datadir *dd, struct diag *d);
/*
 * For a reader that passes over intake.csv itself (data-check, with its
 * own checks in the same pass): referral_lookup_prepare before the pass;
 * for each record referral_lookup_wanted with its parsed id (read only:
 * safe from several threads, each with its own *at, 0 at first) and, in
 * file order, referral_lookup_found for a wanted one;
 * referral_lookup_finish with the file's last id when it was read to its
 * end.  *at remembers where the last id fell, so that ids asked in
 * increasing order cost two comparisons each.
 */
void referral_lookup_prepare(struct referral_lookup *l);
struct referral_intake *referral_lookup_wanted(const struct referral_lookup *l, size_t *at,
					       int year, long seq);
void referral_lookup_found(struct referral_intake *e, const char *ts, const char *referred_to);
void referral_lookup_finish(struct referral_lookup *l, const char *last_id);
/* After referral_lookup_run: the entry of a wanted id, or NULL. */
const struct referral_intake *referral_lookup_get(const struct referral_lookup *l, const char *id);
void referral_lookup_release(struct referral_lookup *l);
/*
 * After referral_validate and referral_lookup_run: the intake exists, was
 * referred to the service, and is not later than the outcome's date.
 */
int referral_check_intake(const struct referral_record *r, const struct referral_lookup *l,
			  const struct fields_origin *o, struct diag *d);

/* The current state of one referral as of a date. */
struct referral_state {
	const char *intake_id, *service;
	enum referral_outcome outcome; /* of the pair's last row up to that date */
	int reason;                    /* enum referral_reason, or -1 */
	long first;                    /* the earliest outcome's date (days) */
	unsigned long turned_away;     /* its rows rejected for lack of capacity in a period */
};

struct referral_table {
	struct arena arena;
	struct referral_state *v; /* sorted by intake_id, then service */
	size_t n;
	char *name; /* the file's path, for messages */
	long torn;  /* line of a skipped incomplete last record, or 0 */
};

/*
 * Load DIR/referrals.csv (a missing file is empty), keeping the rows dated
 * up to as_of (days since 1970-01-01), and counting per referral the rows
 * rejected for lack of capacity dated from since to until (until <= as_of).
 * Every row is checked (header, 6 fields, date, intake id, outcome,
 * reason) with its position.
 */
int referral_table_load(struct referral_table *t, const struct datadir *dd, long since, long until,
			long as_of, struct diag *d);
const struct referral_state *referral_table_find(const struct referral_table *t,
						 const char *intake_id, const char *service,
						 size_t service_len);
void referral_table_release(struct referral_table *t);

#endif
