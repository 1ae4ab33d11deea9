/*
 * changescheck: what data-check checks of intake-changes.csv against
 * intake.csv (changes.h checks each row on its own as it is read): that
 * old of each field's first change is the value intake.csv holds, that
 * the record with its changes applied passes intake_validate, and that
 * every changed record is in intake.csv (a record purged without its
 * changes leaves them orphans).  Problems point into intake-changes.csv.
 *
 * Ownership: nothing is allocated here; scratch is the caller's.
 */
#ifndef OKIENKO_CHANGESCHECK_H
#define OKIENKO_CHANGESCHECK_H

#include "changes.h"
#include "csvread.h"
#include "diag.h"
#include "intake.h"

/* 0 when old of each changed field's first change is row's value, else -1 with d. */
int changescheck_stored(const struct changes_record *cr, const struct csvread_row *row,
			const char *name, struct diag *d);
/*
 * row (intake.csv as stored) with cr applied passes intake_validate: 0,
 * else -1 with d at the change that set the field, or at the record's
 * last change when the rule concerns a field no change set.
 */
int changescheck_current(const struct changes_record *cr, const struct csvread_row *row,
			 const char *name, const struct fields_context *ctx,
			 struct intake_record *scratch, struct diag *d);
/* d: cr's changes name a record intake.csv does not hold. */
void changescheck_orphan(const struct changes_record *cr, const char *name, struct diag *d);
/*
 * After a pass over intake.csv that marked every record it read (found):
 * report each changed record that was not found, in the order of c.
 */
void changescheck_orphans(const struct changes *c, changes_problem report, void *ctx);

#endif
