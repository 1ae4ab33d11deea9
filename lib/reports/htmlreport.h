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
 * The counts come from the report's weeks (report_want_weeks before the
 * passes over the files), the utilisation from the capacity history read
 * as of report_week_ends.
 *
 * Calling sequence: htmlreport_init (after the report's passes),
 * htmlreport_utilisation, htmlreport_write, htmlreport_release.
 *
 * Ownership: struct htmlreport owns its utilisation array; it points to
 * the report given to htmlreport_init, which must outlive it.
 */
#ifndef OKIENKO_HTMLREPORT_H
#define OKIENKO_HTMLREPORT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "report.h"
#include "report_text.h"
#include "services.h"

#define HTMLREPORT_WEEKS REPORT_WEEKS
#define HTMLREPORT_NEEDS 8

struct htmlreport {
	const struct report *r;
	const struct report_weeks *w; /* r->weeks */
	long *utilisation;            /* [row * WEEKS + week], tenths of %, -1 unknown */
};

/* r must have its weeks (report_want_weeks). */
void htmlreport_init(struct htmlreport *h, const struct report *r);
/* Utilisation as of each week's end, from a history read as of the
 * report's date and report_week_ends (one pass over capacity.csv). */
int htmlreport_utilisation(struct htmlreport *h, const struct capacity_history *hist,
			   struct diag *d);
/* Write the page; -1 with d set when fp could not be written. */
int htmlreport_write(const struct htmlreport *h, const struct report_view *v, FILE *fp,
		     struct diag *d);
void htmlreport_release(struct htmlreport *h);

#endif
