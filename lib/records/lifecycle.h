/*
 * lifecycle: changing stored intake records (intake-update): the status
 * moves, the checks, and the update itself, appended to intake-changes.csv
 * (changes.h) all or nothing.
 *
 * Status moves: open -> referred, open -> closed, referred -> closed,
 * referred -> open (the referral came to nothing) and closed -> open (the
 * case is reopened); closed -> referred is refused: reopen it first.
 *
 * An update, for each record asked for:
 *   1. the record as stored is found in intake.csv without a lock (ids
 *      increase, the fast path reads it on every processor); an id that is
 *      not there is refused, with the nearest ids there are;
 *   2. under the lock of intake-changes.csv (intake.csv read again if a
 *      purge replaced it meanwhile), its changes are read and applied: the
 *      current record and its version;
 *   3. with --if-version N, a record whose version is not N is refused,
 *      saying who changed it last and when;
 *   4. the values given are set; a status must move as above; the whole
 *      record must pass intake_validate (intake-add's rules and messages);
 *   5. a field whose value does not change is no change; each one that does
 *      is a row of the change file (old: the current value, new: the one
 *      set); a value that an earlier update of another desk had set is
 *      noted as overwritten (the command warns);
 *   6. every row of every record goes in one append with one change number
 *      (changes_number), or nothing does, when any record was refused.
 *
 * Ownership: the caller owns the requests (lifecycle_request_init/release)
 * and everything they point to.
 */
#ifndef OKIENKO_LIFECYCLE_H
#define OKIENKO_LIFECYCLE_H

#include <stddef.h>

#include "datadir.h"
#include "diag.h"
#include "intake.h"
#include "intakeid.h"

/* 0 when a record may move from status from to status to, else -1 with d. */
int lifecycle_status_move(const char *from, const char *to);

/* A value of a field that an update of another desk had set, overwritten. */
struct lifecycle_overwrite {
	int col;
	long change;
	char desk[INTAKE_REF_MAX + 1];
	char ts[32];
};

struct lifecycle_request {
	char id[INTAKEID_MAX];          /* as intake-add writes it */
	struct intake_record set;       /* the values to set, */
	int given[INTAKE_NCOLS];        /* where given */
	long if_version;                /* -1: any */
	const char *reason;             /* NULL: the update's */
	struct fields_origin origin;    /* a batch's positions; file NULL: options */
	long id_line, id_col;           /* where the id, the version and the */
	long version_line, version_col; /* reason are (batch) */
	long reason_line, reason_col;
	/* results */
	struct diag problem;         /* status DIAG_OK: none */
	int missing;                 /* the id is not in intake.csv */
	struct intake_record stored; /* the record as intake.csv holds it */
	struct intake_record now;    /* the record as it is afterwards */
	unsigned long version;       /* its version afterwards */
	size_t changed;              /* fields changed */
	struct lifecycle_overwrite over[INTAKE_NCOLS];
	size_t nover;
};

void lifecycle_request_init(struct lifecycle_request *r);
void lifecycle_request_release(struct lifecycle_request *r);

struct lifecycle_update {
	const struct fields_context *ctx;
	const char *desk, *advisor; /* who (advisor may be NULL) */
	const char *reason;         /* why, for requests without their own */
	struct lifecycle_request *req;
	size_t n;
	int dry_run;    /* check and show, write nothing */
	double timeout; /* seconds to wait for the lock */
	unsigned jobs;  /* threads reading intake.csv */
	long change;    /* afterwards: the number given, 0: none */
	long repaired;  /* bytes of a torn tail the lock removed */
};

/*
 * Run the update.  0 when every record was updated (or had nothing to
 * change); -1 with d: a system error, or records refused (each request's
 * problem says why; d sums them up, or is the problem of a single one).
 */
int lifecycle_run(struct lifecycle_update *u, const struct datadir *dd, struct diag *d);

#endif
