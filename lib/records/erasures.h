/*
 * erasures: erasures.csv, the log of what intake-purge removed (GDPR
 * art. 17 and the retention period), appended with the write protocol
 * of datadir.h, one row per purge:
 *
 *	ts,desk,reason,before,removed,changes,referrals,appointments
 *
 * ts: when; desk: who (--desk; empty for a retention purge from cron);
 * reason: a code (erasures_reasons) and never free text, so that no row
 * can name the client; before: the cut-off of a retention purge, empty for
 * an erasure; then how many rows went from intake.csv, intake-changes.csv,
 * referrals.csv and appointments.csv.  Nothing in a row identifies a
 * client: no reference, no intake id, no note.
 *
 * Ownership: nothing is allocated here.
 */
#ifndef OKIENKO_ERASURES_H
#define OKIENKO_ERASURES_H

#include <limits.h>
#include <stddef.h>

#include "csvread.h"
#include "datadir.h"
#include "diag.h"
#include "schema.h"

#define ERASURES_FILE "erasures.csv"

/*
 * The reasons of an erasure (GDPR art. 17(1) a-e), NULL-terminated:
 * no-longer-needed, consent-withdrawn, objection, unlawful,
 * legal-obligation; a retention purge logs "retention" (erasures_logged
 * has them all).
 */
extern const char *const erasures_reasons[];
extern const char *const erasures_logged[];
#define ERASURES_RETENTION "retention"

/* The columns (schema.h); written by intake-purge only. */
/* clang-format off */
#define ERASURES_COUNT(C, p, e, name, what)                                                      \
	C(p, e, name, INTEGER, SCHEMA_REQUIRED | SCHEMA_RANGE, SCHEMA_ANY, NULL, NULL, 0,        \
	  LONG_MAX, 0, NULL, NULL, NULL, what)
#define ERASURES_SCHEMA(C, p)                                                                 \
	C(p, TS, "ts", DATETIME, SCHEMA_REQUIRED, SCHEMA_ANY, NULL, NULL, 0, 0, 0, NULL, NULL,  \
	  NULL, "when the purge was done")                                                     \
	C(p, DESK, "desk", STRING, 0, SCHEMA_REFERENCE, NULL, NULL, 0, 0, 0, NULL, NULL, NULL,  \
	  "the desk that erased a client's data; empty for a retention purge")                 \
	C(p, REASON, "reason", STRING, SCHEMA_REQUIRED, SCHEMA_TABLE, erasures_logged, NULL,     \
	  0, 0, 0, NULL, NULL, NULL, "a code, never free text: GDPR art. 17(1) a-e, or retention") \
	C(p, BEFORE, "before", DATE, 0, SCHEMA_ANY, NULL, NULL, 0, 0, 0, NULL, NULL, NULL,      \
	  "a retention purge's cut-off; empty for an erasure")                                 \
	ERASURES_COUNT(C, p, REMOVED, "removed", "records removed from intake.csv")                \
	ERASURES_COUNT(C, p, CHANGES, "changes", "rows removed from intake-changes.csv")           \
	ERASURES_COUNT(C, p, REFERRALS, "referrals", "rows removed from referrals.csv")            \
	ERASURES_COUNT(C, p, APPOINTMENTS, "appointments", "rows removed from appointments.csv")
/* clang-format on */

enum erasures_column { ERASURES_SCHEMA(SCHEMA_ENUM, ERASURES) ERASURES_NCOLS };

/* The schema; its names are the header, NULL-terminated. */
extern const struct schema erasures_schema;
extern const char *const erasures_columns[ERASURES_NCOLS + 1];
/* 1 when s is one of erasures_reasons. */
int erasures_reason_ok(const char *s);

struct erasures_entry {
	const char *ts, *desk, *reason, *before;
	unsigned long count[4]; /* removed, changes, referrals, appointments */
};

/* Without a lock: an existing erasures.csv has the log's header (0), else -1 with d. */
int erasures_check_file(const struct datadir *dd, struct diag *d);
/* Lock erasures.csv (datadir_lock): an existing file must have the log's header. */
int erasures_lock(const struct datadir *dd, double timeout, struct datadir_lock *lk,
		  struct diag *d);
/* Append e under lk (erasures_lock); a new file gets the header first. */
int erasures_append(struct datadir_lock *lk, const struct erasures_entry *e, struct diag *d);
/* One row of the log (its width checked), for data-check: 0, or -1 with d. */
int erasures_check_row(const struct csvread_row *row, const char *name, struct diag *d);

#endif
