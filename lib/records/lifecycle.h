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
 * Memory does not grow with the batch's text: each request is kept in a
 * spool (spool.h: a temporary file of the data directory past 1 MiB) from
 * lifecycle_add on, and so are the change rows and the records afterwards;
 * the stored record of an id found in step 1 is read again from
 * intake.csv at its offset when its turn comes (the file is only appended
 * to; a purge that replaced it is found under the lock and the records
 * are found again).  What stays in memory per request is a compact entry
 * (struct lifecycle_item, its id as a number in the sorted ids, and the
 * nearest ids there are: about 56 bytes), so that a repeated id is found
 * by sorting and an id of intake.csv by a binary search as the file
 * streams past; the changes read in step 2 are those of the ids asked
 * for (changes.h: they grow with the changes, as for every reader).
 * Problems are kept for the first LIFECYCLE_SHOWN requests that have one,
 * in input order, and counted.
 *
 * Calling sequence:
 *	lifecycle_init(&u, dd);  u.desk = ...;
 *	lifecycle_add(&u, &r, &d) ...        (r: lifecycle_request_init, filled)
 *	lifecycle_run(&u, &d);
 *	lifecycle_rewind(&u, &d); while (lifecycle_result(&u, &r, &d) == 1) ...
 *	lifecycle_release(&u);
 *
 * Ownership: the update owns its spools and entries; lifecycle_add copies
 * the request, which stays the caller's (lifecycle_request_release).
 */
#ifndef OKIENKO_LIFECYCLE_H
#define OKIENKO_LIFECYCLE_H

#include <stddef.h>

#include "datadir.h"
#include "spool.h"
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

#define LIFECYCLE_SHOWN 20 /* problems kept, the first in input order */

struct lifecycle_item; /* per request: where its record is, what is wrong */
struct lifecycle_wanted;

struct lifecycle_update {
	const struct fields_context *ctx;
	const char *desk, *advisor; /* who (advisor may be NULL) */
	const char *reason;         /* why, for requests without their own */
	size_t n;                   /* requests added */
	int dry_run;                /* check and show, write nothing */
	double timeout;             /* seconds to wait for the lock */
	unsigned jobs;              /* threads reading intake.csv */
	long change;                /* afterwards: the number given, 0: none */
	long repaired;              /* bytes of a torn tail the lock removed */
	/* afterwards: the first problems in input order, and how many there are */
	struct diag problem[LIFECYCLE_SHOWN];
	size_t nproblems, bad;
	/* private */
	const struct datadir *dir;
	struct spool req, rows, out; /* requests; change rows and records of the last check */
	size_t rows_len, nout;
	int any_changed;
	struct strbuf enc;
	struct lifecycle_item *item;
	size_t alloc;
	struct lifecycle_wanted *w; /* the ids, sorted */
	size_t nw, walloc;
	int found_any;
	char first[INTAKEID_MAX], last[INTAKEID_MAX], *file;
};

void lifecycle_init(struct lifecycle_update *u, const struct datadir *dd);
/* Keep a copy of r (its problem, when set, refuses it); -1 with d: system error. */
int lifecycle_add(struct lifecycle_update *u, const struct lifecycle_request *r, struct diag *d);

/*
 * Run the update.  0 when every record was updated (or had nothing to
 * change); -1 with d: a system error, or records refused (u->problem and
 * u->bad say which and why; d sums them up, or is the problem of a single
 * one).
 */
int lifecycle_run(struct lifecycle_update *u, struct diag *d);

/* After a run that returned 0: the requests in input order, with id, now,
 * version, changed and over set (1), 0 after the last, -1 with d. */
int lifecycle_rewind(struct lifecycle_update *u, struct diag *d);
int lifecycle_result(struct lifecycle_update *u, struct lifecycle_request *r, struct diag *d);
void lifecycle_release(struct lifecycle_update *u);

#endif
