/*
 * purge: removing records from the data directory, with everything that
 * belongs to them (intake-purge).
 *
 * Retention (a cut-off day): the intake records whose contact date, as it
 * is now (intake-update may have changed ts), is before the cut-off.
 * Erasure (a client reference, GDPR art. 17): the intake records whose
 * client, as it is now, is that reference.  Then, in both:
 *   - intake-changes.csv and referrals.csv lose the rows of every intake
 *     that intake.csv no longer holds: the ones removed now, and any left
 *     by an earlier purge that was cut short (orphans);
 *   - appointments.csv loses, for an erasure, the client's appointments;
 *     for retention, the appointments that ended before the cut-off of a
 *     client who has no intake record left.
 * The last record of intake.csv is kept by retention when removing it
 * would let intake-add give its id again (intakeid.h); an erasure removes
 * it all the same (last_removed says so).
 *
 * Every file is read whole under its own lock (taken in the order intake,
 * changes, referrals, appointments, erasure log), the new content of each
 * written to its temporary file; only when all of them were read without
 * a problem are they renamed over the old ones, intake.csv first: a crash
 * between two renames leaves rows of removed intakes in the files after
 * it, never a record without its changes, and data-check reports them as
 * orphans, which the next purge removes.  Then a row goes to the erasure
 * log (erasures.h) for an erasure, and for retention that removed anything.
 * A dry run reads without locks and counts.  The torn tails that crashed
 * writes left (NAME.torn, datadir.h) are not records that can be removed:
 * an erasure says which of them hold the reference, for a person to review.
 *
 * Memory grows with the ids that intake-changes.csv and referrals.csv name
 * and the clients of appointments.csv, never with intake.csv.
 *
 * Ownership: struct purge points to the caller's strings; nothing is kept.
 */
#ifndef OKIENKO_PURGE_H
#define OKIENKO_PURGE_H

#include "civtime.h"
#include "datadir.h"
#include "diag.h"

struct purge {
	/* what to remove: client, else the intakes dated before cutoff */
	const char *client;
	long cutoff;               /* days since 1970-01-01 */
	int this_year;             /* the local year today (retention) */
	const char *desk, *reason; /* for the erasure log */
	const char *ts;            /* now, for the erasure log */
	int dry_run;
	double timeout;
	/* what was removed (or would be) */
	unsigned long removed, kept; /* intake records */
	unsigned long changes, referrals, appointments;
	int kept_last;       /* retention kept the last record for its id */
	int last_removed;    /* an erasure removed the last record */
	char last_id[32];    /* the last record's id */
	int logged;          /* a row went to the erasure log */
	unsigned torn_holds; /* an erasure: the torn tails that hold the
					     reference, 1 << 0 intake.csv.torn, 1 << 1
					     intake-changes.csv.torn, 1 << 2 referrals.csv.torn */
	long repaired[3];    /* torn tails the locks cut from intake.csv,
					     intake-changes.csv and referrals.csv */
};

int purge_run(struct purge *p, const struct datadir *dd, struct diag *d);

#endif
