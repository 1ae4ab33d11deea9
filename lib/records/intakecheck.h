/*
 * intakecheck: data-check's pass over intake.csv.  Each record is
 * validated as intake-add would store it (intakememo vouches for most);
 * ids must be valid and increase; the changes of intake-changes.csv must
 * chain from the stored values and leave a valid record; the intake ids
 * that referrals.csv names are looked up in the same pass.  The fast
 * path reads blocks on the processors (intakefile_each); a record with
 * anything to report is read again with positions, in file order, so the
 * findings come in the order of the file, as a sequential reader's.
 *
 * Findings go to report (a diag each, DIAG_DATA; the pass's own system
 * error too): it returns 0 to go on, -1 to stop the pass (the caller keeps
 * what stopped it).  Nothing is printed.  The pass owns what it
 * allocates and frees it before it returns; changes and lookup stay the
 * caller's (marked and filled in).
 */
#ifndef OKIENKO_INTAKECHECK_H
#define OKIENKO_INTAKECHECK_H

#include "changes.h"
#include "dirctx.h"
#include "referral.h"

typedef int (*intakecheck_report)(void *arg, const struct diag *d);

/*
 * The pass over dc's intake.csv, with changes (intake-changes.csv, loaded:
 * each record found is marked, the others reported at the end) and lookup
 * (prepared: referral_lookup_prepare; finished here when intake.csv was
 * read).  *complete is 1 when intake.csv was read to its end (a record of
 * another width skipped may have been one that lookup wanted).  0, or -1
 * when report returned -1.
 */
int intakecheck_run(const struct dirctx *dc, struct changes *changes,
		    struct referral_lookup *lookup, intakecheck_report report, void *arg,
		    int *complete);

#endif
