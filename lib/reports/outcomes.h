/*
 * outcomes: what became of the referrals made at intake, the model and
 * the table of referral-report(1).  Each service id in referred_to of an
 * intake record is a referral, made on the record's date; its outcome is
 * the state referrals.csv gives the (intake id, service) pair as of a
 * date (referral_table).  Counted per service, organization or need:
 * referrals made in the period, outcomes, rejections by reason, still
 * open and overdue (open for more than overdue_days), days to a first
 * outcome (their median), and rejections for lack of capacity dated in
 * the period (turned_away).  Or, instead, the list of the overdue ones.
 *
 * By need: a referral counts for the contact's needs that the service
 * covers; when it covers none of them (or is no longer in services.yaml),
 * for all of them; turned_away then counts the rejections of the
 * referrals that intake.csv holds, whenever they were made.
 *
 * intake.csv is read once through intakefile_each (on jobs threads);
 * memory grows with the groups and the referrals with an outcome (days
 * for the medians), which referrals.csv already holds, not with intake.csv.
 *
 * Calling sequence: outcomes_init, outcomes_read, then outcomes_write (the
 * counts) or nothing (the overdue list went to the callback as it was
 * read), outcomes_release.
 *
 * Ownership: struct outcomes owns its groups; it points to the services
 * and the referral table given to it, which must outlive it.
 */
#ifndef OKIENKO_OUTCOMES_H
#define OKIENKO_OUTCOMES_H

#include <stddef.h>

#include "diag.h"
#include "intakefile.h"
#include "output.h"
#include "referral.h"
#include "services.h"
#include "strindex.h"

enum outcomes_by { OUTCOMES_BY_SERVICE, OUTCOMES_BY_ORGANIZATION, OUTCOMES_BY_NEED };

struct outcomes_tally {
	unsigned long referrals, outcome[REFERRAL_NOUTCOMES], rejected[REFERRAL_NREASONS];
	unsigned long open, overdue;
	unsigned long turned_away;
	long *days; /* from the referral to its first outcome */
	size_t ndays, alloc;
};

/* An overdue referral, in file order, for the list (--overdue). */
typedef void outcomes_overdue_fn(void *ctx, const char *intake_id, const char *service,
				 const char *referred, long days);

struct outcomes {
	long as_of, since, until; /* days; referrals made in [since, until] */
	long overdue_days;
	enum outcomes_by by;
	const struct services *services; /* may be NULL */
	/* set: outcomes_write names a need group by its label in lang */
	const struct taxonomy *need_labels;
	enum taxonomy_lang lang;
	const struct referral_table *table;
	outcomes_overdue_fn *overdue; /* set: list the overdue ones, count nothing */
	void *overdue_ctx;
	/* the groups, by name (outcomes_write sorts them) */
	struct strindex names;
	struct outcomes_tally *groups;
	size_t alloc;
};

void outcomes_init(struct outcomes *o);
int outcomes_read(struct outcomes *o, struct intakefile *in, unsigned jobs, struct diag *d);
/*
 * The counts, a row per group sorted by the name shown (a need's label
 * when need_labels is set), into out (opened with outcomes_columns),
 * counts below min_count as smallcount.h says (0: all exact); the median
 * is left empty below min_count outcomes.
 */
void outcomes_write(struct outcomes *o, struct output *out, unsigned long min_count);
/* The columns of outcomes_write (the first is the group's) and their number. */
extern const char *const outcomes_columns[];
extern const size_t outcomes_ncolumns;
/* --group-by's column name of o->by. */
const char *outcomes_group_column(enum outcomes_by by);
void outcomes_release(struct outcomes *o);

#endif
