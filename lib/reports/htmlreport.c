#include "htmlreport.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capacity.h"
#include "i18n.h"
#include "civtime.h"
#include "csvread.h"
#include "intake.h"
#include "referral.h"
#include "strbuf.h"
#include "svgchart.h"
#include "xalloc.h"
#include "banned.h"

/* The page's own words in English; --lang looks them up in the catalogs. */
enum hlabel {
	H_UTIL_TITLE,
	H_UTIL_NOTE,
	H_NEEDS_TITLE,
	H_NEEDS_NOTE,
	H_OTHER,
	H_NO_CONTACTS,
	H_AWAY_TITLE,
	H_AWAY_NOTE,
	H_NO_REFERRALS,
	H_NO_FIGURES,
	H_NO_ROWS,
	H_SMALL,
	H_NLABELS
};

static const struct {
	const char *context, *msgid;
} hlabels[H_NLABELS] = {
	[H_UTIL_TITLE] = NC_("capacity report page", "Utilisation per week"),
	[H_UTIL_NOTE] = NC_(
		"capacity report page",
		"used / total of each service's latest observation as of the end of each week, valid until the next one; the dashed line is 100 %."),
	[H_NEEDS_TITLE] = NC_("capacity report page", "Contacts per week by need"),
	[H_NEEDS_NOTE] = NC_(
		"capacity report page",
		"A contact with several needs counts once for each; the less frequent needs are added up as other."),
	[H_OTHER] = NC_("capacity report page", "other"),
	[H_NO_CONTACTS] = NC_("capacity report page", "no contacts in these weeks"),
	[H_AWAY_TITLE] =
		NC_("capacity report page", "Referrals turned away for lack of capacity, per week"),
	[H_AWAY_NOTE] = NC_(
		"capacity report page",
		"Outcomes rejected for lack of capacity in referrals.csv, by the date of the outcome."),
	[H_NO_REFERRALS] =
		NC_("capacity report page", "no data: the data directory has no referrals.csv"),
	[H_NO_FIGURES] = NC_("capacity report page", "no figures"),
	[H_NO_ROWS] = NC_("capacity report page", "no services with capacity"),
	[H_SMALL] = NC_("capacity report page", "counts below the limit are hidden"),
};

static const char *hl(enum hlabel l, enum taxonomy_lang lang)
{
	return i18n_in(taxonomy_lang_name(lang), hlabels[l].context, hlabels[l].msgid);
}

void htmlreport_init(struct htmlreport *h, const struct report *r)
{
	size_t i;

	memset(h, 0, sizeof *h);
	h->r = r;
	h->w = r->weeks;
	h->utilisation = xcalloc(r->n ? r->n * HTMLREPORT_WEEKS : 1, sizeof *h->utilisation);
	for (i = 0; i < r->n * HTMLREPORT_WEEKS; i++)
		h->utilisation[i] = -1;
}

void htmlreport_release(struct htmlreport *h)
{
	free(h->utilisation);
	memset(h, 0, sizeof *h);
}

int htmlreport_utilisation(struct htmlreport *h, const struct capacity_history *hist,
			   struct diag *d)
{
	const struct report *r = h->r;
	long ends[HTMLREPORT_WEEKS];
	size_t i;
	int w;

	report_week_ends(h->w->last, ends);
	if (hist->nat != HTMLREPORT_WEEKS || memcmp(hist->at, ends, sizeof ends) != 0)
		return diag_set(d, DIAG_SYSTEM, NULL, 0, 0,
				"internal error: capacity history not read as of the report's weeks");
	for (w = 0; w < HTMLREPORT_WEEKS; w++) {
		for (i = 0; i < r->n; i++) {
			const struct report_row *row = &r->rows[i];
			const struct capacity_entry *e;
			struct capacity_fill f;
			long *u = &h->utilisation[i * HTMLREPORT_WEEKS + (size_t)w];

			if (ends[w] == r->as_of) {
				*u = row->utilisation;
				continue;
			}
			e = capacity_history_find(hist, row->id);
			if (!e || !e->at[w].have_latest)
				continue;
			capacity_fill_of(&e->at[w].latest,
					 row->service ? row->service->capacity_total : -1, &f);
			*u = f.utilisation;
		}
	}
	return 0;
}

/* Writing. */

static void esc(struct strbuf *sb, const char *s)
{
	svgchart_escape(sb, s);
}

static const char style[] =
	"body{font-family:sans-serif;color:#111;background:#fff;max-width:72em;"
	"margin:1em auto;padding:0 1em;line-height:1.4}\n"
	"h1{font-size:1.6em}\n"
	"h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #bbb}\n"
	"h3{font-size:1.05em}\n"
	"p.note{color:#444;font-size:.9em;margin:.3em 0 .8em}\n"
	"svg{display:block;max-width:100%;height:auto}\n"
	".wide{overflow-x:auto}\n"
	"table{border-collapse:collapse;font-size:.9em}\n"
	"th,td{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:left;white-space:nowrap}\n"
	"th{background:#eee}\n"
	"th.n,td.n{text-align:right}\n"
	"tr.full td{background:#fbe1d9}\n"
	"tr.near-full td{background:#fdf0d2}\n";

/* "2026-W47" into buf (at least 16 bytes). */
static void week_name(char *buf, long monday)
{
	int y, w;
	civtime_iso_week(monday, &y, &w);
	snprintf(buf, 16, "%04d-W%02d", y, w);
}

struct labels {
	char x[HTMLREPORT_WEEKS][16];
	const char *p[HTMLREPORT_WEEKS];
	char range[64];
};

/* "W47\n11-16": the week and its Monday; the range "2026-W36 – 2026-W47". */
static void week_labels(struct labels *l, const struct htmlreport *h)
{
	char a[16], b[16];
	int i, y, m, day, iy, w;
	for (i = 0; i < HTMLREPORT_WEEKS; i++) {
		civtime_iso_week(h->w->monday[i], &iy, &w);
		civtime_civil_from_days(h->w->monday[i], &y, &m, &day);
		snprintf(l->x[i], sizeof l->x[i], "W%02d\n%02d-%02d", w, m, day);
		l->p[i] = l->x[i];
	}
	week_name(a, h->w->monday[0]);
	week_name(b, h->w->monday[HTMLREPORT_WEEKS - 1]);
	snprintf(l->range, sizeof l->range, "%s – %s", a, b);
}

/* A chart's heading and note; counts: it shows counts, which min_count hides. */
static void section(struct strbuf *sb, const char *title, const char *range, const char *note,
		    const struct report_view *v, int counts)
{
	strbuf_addstr(sb, "<h2>");
	esc(sb, title);
	strbuf_addstr(sb, "</h2>\n<p class=\"note\">");
	esc(sb, range);
	strbuf_addstr(sb, ". ");
	esc(sb, note);
	if (counts && v->min_count)
		strbuf_addf(sb, " (%s: &lt;%lu)", hl(H_SMALL, v->lang), v->min_count);
	strbuf_addstr(sb, "</p>\n");
}

static void chart_title(struct strbuf *t, enum hlabel l, const struct labels *lab,
			enum taxonomy_lang lang)
{
	strbuf_reset(t);
	strbuf_addf(t, "%s, %s", hl(l, lang), lab->range);
}

static void chart_utilisation(struct strbuf *sb, const struct htmlreport *h,
			      const struct labels *lab, const struct report_view *v)
{
	const struct report *r = h->r;
	const char **ids = xcalloc(r->n ? r->n : 1, sizeof *ids);
	struct strbuf title = STRBUF_INIT;
	struct svgchart c;
	size_t i;

	for (i = 0; i < r->n; i++)
		ids[i] = r->rows[i].id;
	chart_title(&title, H_UTIL_TITLE, lab, v->lang);
	memset(&c, 0, sizeof c);
	c.id = "chart-utilisation";
	c.title = title.buf;
	c.empty = r->n ? NULL : hl(H_NO_ROWS, v->lang);
	c.x = lab->p;
	c.n = HTMLREPORT_WEEKS;
	c.series = ids;
	c.nseries = r->n;
	c.v = h->utilisation;
	c.decimals = 1;
	c.suffix = " %";
	c.ymax = 1000;
	c.ref = 1000;
	c.missing = hl(H_NO_FIGURES, v->lang);
	section(sb, hl(H_UTIL_TITLE, v->lang), lab->range, hl(H_UTIL_NOTE, v->lang), v, 0);
	svgchart_lines(sb, &c);
	strbuf_release(&title);
	free(ids);
}

static int by_total(const void *a, const void *b)
{
	const struct report_need_weeks *x = *(const struct report_need_weeks *const *)a;
	const struct report_need_weeks *y = *(const struct report_need_weeks *const *)b;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return strcmp(x->code, y->code);
}

static void chart_needs(struct strbuf *sb, const struct htmlreport *h, const struct labels *lab,
			const struct report_view *v)
{
	const struct report_need_weeks **order =
		xcalloc(h->w->codes.n ? h->w->codes.n : 1, sizeof *order);
	const char *names[HTMLREPORT_NEEDS + 1];
	long vals[(HTMLREPORT_NEEDS + 1) * HTMLREPORT_WEEKS];
	struct strbuf title = STRBUF_INIT;
	struct svgchart c;
	size_t i, k, ns;

	for (i = 0; i < h->w->codes.n; i++)
		order[i] = &h->w->needs[i];
	qsort(order, h->w->codes.n, sizeof *order, by_total);
	ns = h->w->codes.n > HTMLREPORT_NEEDS ? HTMLREPORT_NEEDS + 1 : h->w->codes.n;
	memset(vals, 0, sizeof vals);
	for (i = 0; i < h->w->codes.n; i++) {
		size_t s = i < HTMLREPORT_NEEDS ? i : HTMLREPORT_NEEDS;
		for (k = 0; k < HTMLREPORT_WEEKS; k++)
			vals[s * HTMLREPORT_WEEKS + k] += (long)order[i]->n[k];
		if (i < HTMLREPORT_NEEDS) {
			const struct taxonomy_entry *e =
				v->taxonomy ? taxonomy_find(v->taxonomy, order[i]->code) : NULL;
			names[s] = e ? e->label[v->lang] : order[i]->code;
		} else {
			names[s] = hl(H_OTHER, v->lang);
		}
	}
	chart_title(&title, H_NEEDS_TITLE, lab, v->lang);
	memset(&c, 0, sizeof c);
	c.id = "chart-needs";
	c.title = title.buf;
	c.empty = ns ? NULL : hl(H_NO_CONTACTS, v->lang);
	c.x = lab->p;
	c.n = HTMLREPORT_WEEKS;
	c.series = names;
	c.nseries = ns;
	c.v = vals;
	c.min_count = v->min_count;
	section(sb, hl(H_NEEDS_TITLE, v->lang), lab->range, hl(H_NEEDS_NOTE, v->lang), v, 1);
	svgchart_stacked(sb, &c);
	strbuf_release(&title);
	free(order);
}

static void chart_turned_away(struct strbuf *sb, const struct htmlreport *h,
			      const struct labels *lab, const struct report_view *v)
{
	const char *name = hl(H_AWAY_TITLE, v->lang);
	long vals[HTMLREPORT_WEEKS];
	struct strbuf title = STRBUF_INIT;
	struct svgchart c;
	int i;

	for (i = 0; i < HTMLREPORT_WEEKS; i++)
		vals[i] = (long)h->w->turned_away[i];
	chart_title(&title, H_AWAY_TITLE, lab, v->lang);
	memset(&c, 0, sizeof c);
	c.id = "chart-turned-away";
	c.title = title.buf;
	c.empty = h->w->have_referrals ? NULL : hl(H_NO_REFERRALS, v->lang);
	c.x = lab->p;
	c.n = HTMLREPORT_WEEKS;
	c.series = &name;
	c.nseries = 1;
	c.v = vals;
	c.min_count = v->min_count;
	c.colour = 1;
	section(sb, name, lab->range, hl(H_AWAY_NOTE, v->lang), v, 1);
	svgchart_bar(sb, &c);
	strbuf_release(&title);
}

/* Lines of text (each ending with '\n') as list items. */
static void list(struct strbuf *sb, const char *lines)
{
	const char *nl;
	strbuf_addstr(sb, "<ul>\n");
	for (; (nl = strchr(lines, '\n')); lines = nl + 1) {
		struct strbuf t = STRBUF_INIT;
		strbuf_add(&t, lines, (size_t)(nl - lines));
		strbuf_addstr(sb, "<li>");
		esc(sb, t.buf);
		strbuf_addstr(sb, "</li>\n");
		strbuf_release(&t);
	}
	strbuf_addstr(sb, "</ul>\n");
}

static void table(struct strbuf *sb, const struct report *r, const struct report_view *v,
		  const struct report_section *g)
{
	struct report_cells c;
	size_t i, k;
	int f;

	report_cells_init(&c);
	strbuf_addstr(sb, "<div class=\"wide\"><table>\n<thead><tr>");
	for (k = 0; k < REPORT_NCOLS; k++) {
		strbuf_addstr(sb, report_column_numeric(k) ? "<th class=\"n\">" : "<th>");
		esc(sb, report_column(k, v->lang));
		strbuf_addstr(sb, "</th>");
	}
	strbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->n; i++) {
		const struct report_row *row = &r->rows[i];
		const char *sep = "";
		if (g && !report_in_section(row, v, g))
			continue;
		report_cells_fill(&c, r, row, v, g);
		strbuf_addstr(sb, "<tr");
		if (row->flags) {
			strbuf_addstr(sb, " class=\"");
			for (f = 0; f < REPORT_NFLAGS; f++) {
				if (!(row->flags & (1u << f)))
					continue;
				strbuf_addf(sb, "%s%s", sep,
					    report_flag_name((enum report_flag)(1u << f),
							     TAXONOMY_EN));
				sep = " ";
			}
			strbuf_addch(sb, '"');
		}
		strbuf_addch(sb, '>');
		for (k = 0; k < REPORT_NCOLS; k++) {
			strbuf_addstr(sb, report_column_numeric(k) ? "<td class=\"n\">" : "<td>");
			esc(sb, c.f[k]);
			strbuf_addstr(sb, "</td>");
		}
		strbuf_addstr(sb, "</tr>\n");
	}
	strbuf_addstr(sb, "</tbody>\n</table></div>\n");
	report_cells_release(&c);
}

static void page(struct strbuf *sb, const struct htmlreport *h, const struct report_view *v)
{
	const struct report *r = h->r;
	struct strbuf lines = STRBUF_INIT;
	struct report_section *g = NULL;
	struct labels lab;
	char date[16];
	size_t ng, k;

	civtime_format_date(date, r->as_of);
	week_labels(&lab, h);
	strbuf_addf(sb, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n",
		    taxonomy_lang_name(v->lang));
	strbuf_addstr(
		sb,
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>");
	esc(sb, report_text(REPORT_TEXT_TITLE, v->lang));
	strbuf_addf(sb, ": %s</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", date, style);
	esc(sb, report_text(REPORT_TEXT_TITLE, v->lang));
	strbuf_addf(sb, ": %s</h1>\n", date);
	report_headline(r, v, &lines);
	list(sb, lines.buf);
	strbuf_addstr(sb, "<h2>");
	esc(sb, report_text(REPORT_TEXT_FLAGS, v->lang));
	strbuf_addstr(sb, "</h2>\n");
	strbuf_reset(&lines);
	report_flag_summary(r, v, &lines);
	list(sb, lines.buf);

	chart_utilisation(sb, h, &lab, v);
	chart_needs(sb, h, &lab, v);
	chart_turned_away(sb, h, &lab, v);

	strbuf_addstr(sb, "<h2>");
	esc(sb, report_text(REPORT_TEXT_SERVICES, v->lang));
	strbuf_addstr(sb, "</h2>\n");
	if (v->group == REPORT_GROUP_NONE) {
		table(sb, r, v, NULL);
	} else {
		ng = report_sections(r, v, &g);
		for (k = 0; k < ng; k++) {
			strbuf_addstr(sb, "<h3>");
			esc(sb, g[k].label);
			strbuf_addstr(sb, "</h3>\n");
			table(sb, r, v, &g[k]);
		}
		free(g);
	}
	strbuf_addstr(sb, "</body>\n</html>\n");
	strbuf_release(&lines);
}

int htmlreport_write(const struct htmlreport *h, const struct report_view *v, FILE *fp,
		     struct diag *d)
{
	struct strbuf sb = STRBUF_INIT;
	int err = 0;

	page(&sb, h, v);
	errno = 0;
	if (fwrite(sb.buf, 1, sb.len, fp) != sb.len)
		err = errno ? errno : EIO;
	strbuf_release(&sb);
	errno = 0;
	if (fflush(fp) && !err)
		err = errno ? errno : EIO;
	if (ferror(fp) && !err)
		err = EIO;
	if (err)
		return diag_set(d, DIAG_SYSTEM, NULL, 0, 0, "cannot write output: %s",
				strerror(err));
	return 0;
}
