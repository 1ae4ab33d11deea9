/*
 * htmlreport: the capacity report as one self-contained HTML5 page
 * (capacity-report -f html): the headline and flags of the weekly mail,
 * three charts drawn by svgchart over the twelve ISO weeks that end with
 * the week of the report period's last day, and the table of the report,
 * every word in the report's language.  Inline CSS and SVG only: no
 * script, no external resource, UTF-8; no client or note field is read
 * into it.
 *
 * The charts:
 * - utilisation per service and week: for each row of the report, used /
 *   total of its latest observation as of the week's Sunday (the last
 *   week: as of the end of the period), carried forward as the report
 *   does (capacity_fill_of the history's view as of that day);
 * - contacts per week by need (intake.csv, streamed): each need code of
 *   a record counts once in the week of its date (the first ten
 *   characters of ts); the HTMLREPORT_NEEDS most frequent needs are drawn,
 *   the others added up as "other";
 * - referrals turned away per week (referrals.csv, streamed): records
 *   with outcome rejected and reason lack-of-capacity, by their date;
 *   without the file the chart says there is no data.
 * Only days up to the end of the period count.  With the view's
 * min_count, counts below it are neither drawn nor printed ("<K").
 *
 * Calling sequence: htmlreport_init (after report_build), then the data:
 * htmlreport_collect, or its parts htmlreport_utilisation,
 * htmlreport_count_needs and htmlreport_count_turned_away; then
 * htmlreport_write and htmlreport_release.  A read of the data can be
 * swapped for another that fills the same fields.
 *
 * Ownership: struct htmlreport owns its arrays and need codes; it points
 * to the report given to htmlreport_init, which must outlive it.
 */
#ifndef OKIENKO_HTMLREPORT_H
#define OKIENKO_HTMLREPORT_H

#include <stddef.h>
#include <stdio.h>

#include "datadir.h"
#include "diag.h"
#include "report.h"
#include "services.h"

#define HTMLREPORT_WEEKS 12
#define HTMLREPORT_NEEDS 8

struct htmlreport_need {
	char *code;
	unsigned long n[HTMLREPORT_WEEKS], total;
};

struct htmlreport {
	const struct report *r;
	long monday[HTMLREPORT_WEEKS];       /* days since 1970-01-01 */
	long last;                           /* the last day counted: r->until */
	long *utilisation;                   /* [row * WEEKS + week], tenths of %, -1 unknown */
	struct htmlreport_need *needs;       /* in order of first appearance */
	size_t nneeds, needs_alloc;
	size_t *slots;                       /* need + 1 by code hash; 0 is empty */
	size_t nslots;
	int have_referrals;                  /* referrals.csv was read */
	unsigned long turned_away[HTMLREPORT_WEEKS];
};

void htmlreport_init(struct htmlreport *h, const struct report *r);
/* The last day of each week counted, for a period that ends on until:
 * the days to read the capacity history as of (capacity_history_load_at). */
void htmlreport_week_ends(long until, long ends[HTMLREPORT_WEEKS]);
/* Utilisation as of each week's end, from a history read as of the
 * report's date and htmlreport_week_ends (one pass over capacity.csv). */
int htmlreport_utilisation(struct htmlreport *h, const struct capacity_history *hist,
			   struct diag *d);
/* Count the needs of intake.csv read from fd (not closed); name is for messages. */
int htmlreport_count_needs(struct htmlreport *h, int fd, const char *name, struct diag *d);
/* Count the rejections for lack of capacity of referrals.csv read from fd (not closed). */
int htmlreport_count_turned_away(struct htmlreport *h, int fd, const char *name,
				 struct diag *d);
/* All three: utilisation from hist, the counts from the files of dd (a
 * missing intake.csv or referrals.csv is no data). */
int htmlreport_collect(struct htmlreport *h, const struct capacity_history *hist,
		       const struct datadir *dd, struct diag *d);
/* Write the page; -1 with d set when fp could not be written. */
int htmlreport_write(const struct htmlreport *h, const struct report_view *v, FILE *fp,
		     struct diag *d);
void htmlreport_release(struct htmlreport *h);

#endif
