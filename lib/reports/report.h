/*
 * report: the capacity report of capacity-report(1).  One row per service
 * of services.yaml that has a capacity there or an observation in
 * capacity.csv, in file order, each organization's own row (observations
 * stored under its id) after its services: the latest observation as of a
 * date, utilisation, free places, change since the previous observation,
 * flags, and two counts over a period: referrals made at intake
 * (intake.csv referred_to) and referrals turned away for lack of capacity
 * (referrals.csv).  Then written in any output format, the Markdown one
 * being the weekly mail, with labels in English, Czech, Polish or
 * Ukrainian.
 *
 * Calling sequence: report_build, report_count_referrals (intake.csv),
 * report_count_turned_away (referrals.csv), report_write (or another
 * writer, such as htmlreport, through the parts exported below),
 * report_release.
 *
 * Rules (the manual page says the same):
 * - total is the observation's, else the service's capacity total; unit
 *   the observation's, else the service's capacity unit.
 * - utilisation = used / total in percent, one decimal, rounded half up;
 *   free = total - used, never below 0; change = used - the previous
 *   observation's used.  Unknown values are empty.
 * - flags: full (used >= total, or status full); near-full (not full,
 *   used >= 90 % of total, or no numbers and status near-full);
 *   under-used (not full or near-full, used < 65 % of total); stale (the
 *   latest observation is more than stale_days days before as_of);
 *   no-data (no observation on or before as_of).
 * - referrals: each service id in referred_to of an intake record whose
 *   date (the first ten characters of ts) is in the period counts once,
 *   as intake-query --count-by referred_to counts them.
 * - turned_away: each referrals.csv record dated in the period with
 *   outcome rejected and reason lack-of-capacity counts once for its
 *   service.
 *
 * intake.csv is read by a scanner of its own, built for speed on files of
 * millions of records: it takes only ts and referred_to, in constant
 * memory, and checks what intake-query's reader checks (header, 15
 * fields, CSV quoting, UTF-8, no NUL byte, a field at most 1 MiB, a
 * record at most 16 MiB), with the same messages; an incomplete last
 * record is skipped (report.intake_torn says where).
 *
 * Ownership: struct report owns its rows and index; the rows point into
 * the services and the capacity history given to report_build, which
 * must outlive it.
 */
#ifndef OKIENKO_REPORT_H
#define OKIENKO_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "capacity.h"
#include "diag.h"
#include "output.h"
#include "services.h"
#include "strbuf.h"
#include "taxonomy.h"

enum report_flag {
	REPORT_FULL = 1, REPORT_NEAR_FULL = 2, REPORT_UNDER_USED = 4,
	REPORT_STALE = 8, REPORT_NO_DATA = 16
};
#define REPORT_NFLAGS 5

enum report_group { REPORT_GROUP_NONE, REPORT_GROUP_ORGANIZATION, REPORT_GROUP_NEED };

struct report_row {
	const char *id;                      /* service id, or organization id */
	const struct service *service;       /* NULL on an organization's own row */
	const struct organization *org;
	const char *unit;                    /* "" when unknown */
	long used, total, waiting, free;     /* -1 when unknown */
	long change;                         /* valid when have_change */
	int have_change;
	long utilisation;                    /* tenths of a percent; -1 when unknown */
	long observed;                       /* days; -1 when no observation */
	unsigned long referrals, turned_away;
	unsigned flags;                      /* enum report_flag bits */
};

struct report {
	struct report_row *rows;
	size_t n;
	/* ids of capacity.csv that services.yaml does not know */
	const struct capacity_entry **unknown;
	size_t nunknown;
	long as_of, since, until;            /* days; the period is [since, until] */
	long intake_torn, referrals_torn;    /* line of a skipped incomplete last record */
	size_t *index;                       /* row + 1 by id hash; 0 is empty */
	size_t nindex;
};

void report_build(struct report *r, const struct services *s, const struct capacity_history *h,
		  long as_of, long stale_days, long since, long until);
/* Count the referrals of intake.csv read from fd (not closed). */
int report_count_referrals(struct report *r, int fd, const char *name, struct diag *d);
/* Count the rejections for lack of capacity of referrals.csv read from fd (not closed). */
int report_count_turned_away(struct report *r, int fd, const char *name, struct diag *d);
/* 1 when a row is full or stale (--alert), else 0. */
int report_alert(const struct report *r);

struct report_view {
	enum output_format format;
	enum taxonomy_lang lang;             /* for table and md */
	enum report_group group;
	unsigned long min_count;             /* counts below it print as "<K"; 0: off */
	const struct taxonomy *taxonomy;     /* need labels */
};

/* Write the report; -1 with d set when fp could not be written. */
int report_write(const struct report *r, const struct report_view *v, FILE *fp,
		 struct diag *d);
void report_release(struct report *r);

/* A flag's name ("near-full"), or its label in lang for people. */
const char *report_flag_name(enum report_flag f, enum taxonomy_lang lang);

/*
 * The parts of the report for people, for other writers (htmlreport):
 * the same words, columns, cells, groups and summary as table and md.
 */
enum report_text { REPORT_TEXT_TITLE, REPORT_TEXT_FLAGS, REPORT_TEXT_SERVICES };
const char *report_text(enum report_text t, enum taxonomy_lang lang);

#define REPORT_NCOLS 13
/* Column k's header in lang; 1 when the column is numeric. */
const char *report_column(size_t k, enum taxonomy_lang lang);
int report_column_numeric(size_t k);

/* A row's cells as table and md show them; f points into the struct. */
struct report_cells {
	char num[REPORT_NCOLS][32];
	struct strbuf flags;
	const char *f[REPORT_NCOLS + 1];
};
void report_cells_init(struct report_cells *c);
void report_cells_fill(struct report_cells *c, const struct report_row *row,
		       const struct report_view *v);
void report_cells_release(struct report_cells *c);

/* The groups of v->group in order (the caller frees *out); code "" is "no need". */
struct report_section {
	const char *code, *label;            /* label in v->lang */
};
size_t report_sections(const struct report *r, const struct report_view *v,
		       struct report_section **out);
int report_in_section(const struct report_row *row, const struct report_view *v,
		      const struct report_section *g);

/*
 * Append the headline of the weekly mail (rows, flags, free places and
 * the waiting list per unit, referrals) and the rows of each flag ("none"
 * when there are none) to sb: plain text, a line per item, each ending
 * with '\n'.
 */
void report_headline(const struct report *r, const struct report_view *v, struct strbuf *sb);
void report_flag_summary(const struct report *r, const struct report_view *v, struct strbuf *sb);

#endif
