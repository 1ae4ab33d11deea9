/*
 * report_text: the capacity report (report.h) written in the output
 * formats (csv, tsv, json, yaml for programs; table and md, the weekly
 * mail, for people), with its words in English, Czech, Polish or
 * Ukrainian; and the parts of it the web page (htmlreport.h) shows too:
 * the same words, columns, cells, groups and summary.
 *
 * Small counts follow smallcount.h: with min_count, a count below it is
 * "<K" and the headline's totals are exact only when no count they add up
 * is hidden.
 *
 * Ownership: struct report_cells owns its flags buffer
 * (report_cells_release); report_sections returns an array the caller
 * frees, whose strings belong to the report, the services and the
 * taxonomy.
 */
#ifndef OKIENKO_REPORT_TEXT_H
#define OKIENKO_REPORT_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "output.h"
#include "report.h"
#include "strbuf.h"
#include "taxonomy.h"

enum report_group { REPORT_GROUP_NONE, REPORT_GROUP_ORGANIZATION, REPORT_GROUP_NEED };

struct report_section;

struct report_view {
	enum output_format format;
	enum taxonomy_lang lang; /* for table and md */
	enum report_group group;
	unsigned long min_count;         /* counts below it print as "<K"; 0: off */
	const struct taxonomy *taxonomy; /* need labels */
};

/* Write the report; -1 with d set when fp could not be written. */
int report_write(const struct report *r, const struct report_view *v, FILE *fp, struct diag *d);
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
/* In section g (NULL: none): grouped by need, the referrals for that need. */
void report_cells_fill(struct report_cells *c, const struct report *r, const struct report_row *row,
		       const struct report_view *v, const struct report_section *g);
void report_cells_release(struct report_cells *c);

/* The groups of v->group in order (the caller frees *out); code "" is "no need". */
struct report_section {
	const char *code, *label; /* label in v->lang */
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
