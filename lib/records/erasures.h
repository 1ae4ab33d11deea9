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

#include <stddef.h>

#include "csvread.h"
#include "datadir.h"
#include "diag.h"

#define ERASURES_FILE "erasures.csv"

enum erasures_column {
	ERASURES_TS, ERASURES_DESK, ERASURES_REASON, ERASURES_BEFORE, ERASURES_REMOVED,
	ERASURES_CHANGES, ERASURES_REFERRALS, ERASURES_APPOINTMENTS, ERASURES_NCOLS
};

extern const char *const erasures_columns[ERASURES_NCOLS + 1];
/*
 * The reasons of an erasure (GDPR art. 17(1) a-e), NULL-terminated:
 * no-longer-needed, consent-withdrawn, objection, unlawful,
 * legal-obligation; a retention purge logs "retention".
 */
extern const char *const erasures_reasons[];
#define ERASURES_RETENTION "retention"

int erasures_check_header(char **fields, size_t n, const char *file, const long *col,
			  struct diag *d);
/* 1 when s is one of erasures_reasons. */
int erasures_reason_ok(const char *s);

struct erasures_entry {
	const char *ts, *desk, *reason, *before;
	unsigned long count[4];           /* removed, changes, referrals, appointments */
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
