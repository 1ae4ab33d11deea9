/*
 * report: the model of the capacity report of capacity-report(1).  One row
 * per service of services.yaml that has a capacity there or an observation
 * in capacity.csv, in file order, each organization's own row
 * (observations stored under its id) after its services: the latest
 * observation as of a date, utilisation, free places, change since the
 * previous observation, flags, and two counts over a period: referrals
 * made at intake (intake.csv referred_to) and referrals turned away for
 * lack of capacity (referrals.csv).  For the web page, the same passes
 * over the files also count the twelve ISO weeks that end with the
 * period's last day (struct report_weeks).
 *
 * This header is the model and the reading of the files
 * (report.c, report_read.c); report_text.h writes it for people and
 * programs, htmlreport.h as a web page.
 *
 * Calling sequence: report_build; report_want_weeks (for the page);
 * report_read_intake and report_read_referrals, one pass over each file;
 * report_finish; then a writer; report_release.
 *
 * Rules (the manual page says the same):
 * - total, used, free, utilisation and the full / near-full / under-used
 *   flags follow capacity_fill (capacity.h), on the latest observation and
 *   its service's capacity total; unit the observation's, else the
 *   service's capacity unit.  change = used - the previous observation's
 *   used.  Unknown values are empty.
 * - stale: the latest observation is more than stale_days days before
 *   as_of; no-data: no observation on or before as_of.
 * - referrals: each service id in referred_to of an intake record whose
 *   date (the first ten characters of ts) is in the period counts once,
 *   as intake-query --count-by referred_to counts them.  Per need (for
 *   --group-by need), a referral counts for the contact's needs that the
 *   service covers, or for all of them when it covers none, as
 *   referral-report counts by need.
 * - rows: every service of services.yaml with a capacity there, an
 *   observation, or referrals or rejections in the period (report_finish
 *   drops the others after the passes); one without an observation is
 *   flagged no-data.
 * - turned_away: each referrals.csv record dated in the period with
 *   outcome rejected and reason lack-of-capacity counts once for its
 *   service.
 * - the weeks: contacts per need and week (each need code of a record
 *   counts once in the week of its date), and rejections for lack of
 *   capacity per week, up to the period's last day.
 *
 * Ownership: struct report owns its rows, index and weeks; the rows point
 * into the services and the capacity history given to report_build, which
 * must outlive it.
 */
#ifndef OKIENKO_REPORT_H
#define OKIENKO_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "capacity.h"
#include "diag.h"
#include "intakefile.h"
#include "services.h"
#include "strbuf.h"
#include "strindex.h"
#include "taxonomy.h"

enum report_flag {
	REPORT_FULL = 1,
	REPORT_NEAR_FULL = 2,
	REPORT_UNDER_USED = 4,
	REPORT_STALE = 8,
	REPORT_NO_DATA = 16
};
#define REPORT_NFLAGS 5

struct report_row {
	const char *id;                /* service id, or organization id */
	const struct service *service; /* NULL on an organization's own row */
	const struct organization *org;
	const char *unit;                /* "" when unknown */
	long used, total, waiting, free; /* -1 when unknown */
	long change;                     /* valid when have_change */
	int have_change;
	long utilisation; /* tenths of a percent; -1 when unknown */
	long observed;    /* days; -1 when no observation */
	unsigned long referrals, turned_away;
	unsigned flags; /* enum report_flag bits */
	int listed;     /* a capacity or an observation: shown even
						without referrals */
};

#define REPORT_WEEKS 12

/* A need's contacts per week, and in all the weeks. */
struct report_need_weeks {
	const char *code; /* owned by the weeks' codes */
	unsigned long n[REPORT_WEEKS], total;
};

struct report_weeks {
	long monday[REPORT_WEEKS];       /* days since 1970-01-01 */
	long last;                       /* the last day counted: the period's end */
	struct strindex codes;           /* need codes in order of first appearance */
	struct report_need_weeks *needs; /* by code number */
	size_t alloc;
	unsigned long turned_away[REPORT_WEEKS];
	int have_referrals; /* referrals.csv was read */
};

struct report {
	struct report_row *rows;
	size_t n;
	/* ids of capacity.csv that services.yaml does not know */
	const struct capacity_entry **unknown;
	size_t nunknown;
	long as_of, since, until;         /* days; the period is [since, until] */
	long intake_torn, referrals_torn; /* line of a skipped incomplete last record */
	struct strindex index;            /* row ids: number i is rows[i] */
	struct report_weeks *weeks;       /* NULL unless report_want_weeks */
	/* referrals per row and need: "ROW\x1fNEED" -> count */
	struct strindex by_need;
	unsigned long *by_need_count;
	size_t by_need_alloc;
};

void report_build(struct report *r, const struct services *s, const struct capacity_history *h,
		  long as_of, long stale_days, long since, long until);
/* Count the weeks too, in the passes that follow. */
void report_want_weeks(struct report *r);
/* The last day counted of each week, for a period that ends on until: the
 * days to read the capacity history as of (capacity_history_load_at). */
void report_week_ends(long until, long ends[REPORT_WEEKS]);
/* The row of a service or organization id, or NULL. */
struct report_row *report_find(const struct report *r, const char *id, size_t len);
/* Count n referrals to service row for need (report_read's, in file order). */
void report_add_need_referrals(struct report *r, const char *row, const char *need, size_t len,
			       unsigned long n);
/* After the passes: drop the rows with nothing to show (see the rules). */
void report_finish(struct report *r);
/* The referrals to row's service that count for need (--group-by need). */
unsigned long report_need_referrals(const struct report *r, const struct report_row *row,
				    const char *need);

/* One pass over intake.csv (on jobs threads where the file allows). */
int report_read_intake(struct report *r, struct intakefile *in, unsigned jobs, struct diag *d);
/* One pass over referrals.csv read from fd (not closed). */
int report_read_referrals(struct report *r, int fd, const char *name, struct diag *d);
/* 1 when a row is full or stale (--alert), else 0. */
int report_alert(const struct report *r);
void report_release(struct report *r);

#endif
