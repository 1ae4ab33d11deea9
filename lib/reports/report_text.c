#include "report_text.h"

#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "i18n.h"
#include "smallcount.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Every word the report shows people, in English; the other languages
 * come from the message catalogs (lib/po), looked up in --lang.  The
 * English column headers and flag names are the csv ones, so a table
 * reads like the csv.
 */
enum label {
	L_SERVICE,
	L_ORGANIZATION,
	L_UNIT,
	L_USED,
	L_TOTAL,
	L_UTILISATION,
	L_FREE,
	L_WAITING,
	L_CHANGE,
	L_REFERRALS,
	L_TURNED_AWAY,
	L_OBSERVED,
	L_FLAGS,
	L_FULL,
	L_NEAR_FULL,
	L_UNDER_USED,
	L_STALE,
	L_NO_DATA,
	L_GROUP,
	L_TITLE,
	L_SERVICES,
	L_WITH_DATA,
	L_FREE_PLACES,
	L_WAITING_LIST,
	L_ALL_REFERRALS,
	L_TURNED_AWAY_LONG,
	L_FLAGS_TITLE,
	L_TABLE_TITLE,
	L_NONE,
	L_NLABELS
};

static const struct label_text {
	const char *context, *msgid;
} labels[L_NLABELS] = {
	[L_SERVICE] = NC_("report column", "service"),
	[L_ORGANIZATION] = NC_("report column", "organization"),
	[L_UNIT] = NC_("report column", "unit"),
	[L_USED] = NC_("report column", "used"),
	[L_TOTAL] = NC_("report column", "total"),
	[L_UTILISATION] = NC_("report column", "utilisation"),
	[L_FREE] = NC_("report column", "free"),
	[L_WAITING] = NC_("report column", "waiting"),
	[L_CHANGE] = NC_("report column", "change"),
	[L_REFERRALS] = NC_("report column", "referrals"),
	[L_TURNED_AWAY] = NC_("report column", "turned_away"),
	[L_OBSERVED] = NC_("report column", "observed"),
	[L_FLAGS] = NC_("report column", "flags"),
	[L_FULL] = NC_("report flag", "full"),
	[L_NEAR_FULL] = NC_("report flag", "near-full"),
	[L_UNDER_USED] = NC_("report flag", "under-used"),
	[L_STALE] = NC_("report flag", "stale"),
	[L_NO_DATA] = NC_("report flag", "no-data"),
	[L_GROUP] = NC_("report column", "group"),
	[L_TITLE] = NC_("capacity report", "Capacity report"),
	[L_SERVICES] = NC_("capacity report", "services"),
	[L_WITH_DATA] = NC_("capacity report", "with data"),
	[L_FREE_PLACES] = NC_("capacity report", "free"),
	[L_WAITING_LIST] = NC_("capacity report", "waiting"),
	[L_ALL_REFERRALS] = NC_("capacity report", "referrals"),
	[L_TURNED_AWAY_LONG] = NC_("capacity report", "turned away for lack of capacity"),
	[L_FLAGS_TITLE] = NC_("capacity report", "Flags"),
	[L_TABLE_TITLE] = NC_("capacity report", "Services"),
	[L_NONE] = NC_("capacity report", "none"),
};

static const char *const flag_codes[REPORT_NFLAGS] = { "full", "near-full", "under-used", "stale",
						       "no-data" };

static const char *label(enum label l, enum taxonomy_lang lang)
{
	return i18n_in(taxonomy_lang_name(lang), labels[l].context, labels[l].msgid);
}

const char *report_flag_name(enum report_flag f, enum taxonomy_lang lang)
{
	int i;
	for (i = 0; i < REPORT_NFLAGS; i++)
		if (f == 1u << i)
			return lang == TAXONOMY_EN ? flag_codes[i]
						   : label((enum label)(L_FULL + i), lang);
	return "";
}

/* Writing. */

enum { NCOLS = REPORT_NCOLS };

static const enum label column_labels[NCOLS] = {
	L_SERVICE, L_ORGANIZATION, L_UNIT,      L_USED,        L_TOTAL,    L_UTILISATION, L_FREE,
	L_WAITING, L_CHANGE,       L_REFERRALS, L_TURNED_AWAY, L_OBSERVED, L_FLAGS
};
static const int numeric[NCOLS] = { 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 };

static const char *number(char *buf, long v)
{
	if (v < 0)
		return "";
	snprintf(buf, 32, "%ld", v);
	return buf;
}

static int human(const struct report_view *v)
{
	return v->format == OUTPUT_TABLE || v->format == OUTPUT_MD;
}

static void flags_text(struct strbuf *sb, unsigned flags, const struct report_view *v)
{
	int i;
	strbuf_reset(sb);
	for (i = 0; i < REPORT_NFLAGS; i++) {
		if (!(flags & (1u << i)))
			continue;
		if (sb->len)
			strbuf_addstr(sb, human(v) ? ", " : ";");
		strbuf_addstr(sb, human(v) ? report_flag_name((enum report_flag)(1u << i), v->lang)
					   : flag_codes[i]);
	}
}

/* The referrals a row shows in section g (NULL: none): per need when grouped by need. */
static unsigned long referrals_in(const struct report *r, const struct report_row *row,
				  const struct report_view *v, const struct report_section *g)
{
	if (v->group == REPORT_GROUP_NEED && g && *g->code)
		return report_need_referrals(r, row, g->code);
	return row->referrals;
}

static void fill_cells(struct report_cells *c, const struct report *r, const struct report_row *row,
		       const struct report_view *v, const struct report_section *g)
{
	const char **f = c->f;
	f[0] = row->id;
	f[1] = row->org->id;
	f[2] = row->unit;
	f[3] = number(c->num[3], row->used);
	f[4] = number(c->num[4], row->total);
	f[5] = "";
	if (row->utilisation >= 0) {
		snprintf(c->num[5], 32, "%ld.%ld", row->utilisation / 10, row->utilisation % 10);
		f[5] = c->num[5];
	}
	f[6] = number(c->num[6], row->free);
	f[7] = number(c->num[7], row->waiting);
	f[8] = "";
	if (row->have_change) {
		snprintf(c->num[8], 32, "%ld", row->change);
		f[8] = c->num[8];
	}
	f[9] = smallcount_cell(c->num[9], referrals_in(r, row, v, g), v->min_count);
	f[10] = smallcount_cell(c->num[10], row->turned_away, v->min_count);
	f[11] = "";
	if (row->observed >= 0) {
		civtime_format_date(c->num[11], row->observed);
		f[11] = c->num[11];
	}
	flags_text(&c->flags, row->flags, v);
	f[12] = c->flags.buf;
}

const char *report_text(enum report_text t, enum taxonomy_lang lang)
{
	static const enum label texts[] = {
		[REPORT_TEXT_TITLE] = L_TITLE,
		[REPORT_TEXT_FLAGS] = L_FLAGS_TITLE,
		[REPORT_TEXT_SERVICES] = L_TABLE_TITLE,
	};
	return label(texts[t], lang);
}

const char *report_column(size_t k, enum taxonomy_lang lang)
{
	return label(column_labels[k], lang);
}

int report_column_numeric(size_t k)
{
	return numeric[k];
}

void report_cells_init(struct report_cells *c)
{
	memset(c, 0, sizeof *c);
	strbuf_init(&c->flags, 0);
}

void report_cells_release(struct report_cells *c)
{
	strbuf_release(&c->flags);
}

void report_cells_fill(struct report_cells *c, const struct report *r, const struct report_row *row,
		       const struct report_view *v, const struct report_section *g)
{
	struct report_view people = *v;
	people.format = OUTPUT_TABLE;
	fill_cells(c, r, row, &people, g);
}

/* Does the row belong to need (or, with need NULL, have no need at all)? */
static int has_need(const struct report_row *row, const char *need)
{
	const struct organization *org = row->org;
	size_t i, k, n = 0;
	for (i = 0; i < org->nservices; i++) {
		const struct service *svc = org->services[i];
		if (row->service && svc != row->service)
			continue;
		for (k = 0; k < svc->nneeds; k++, n++)
			if (need && strcmp(svc->needs[k], need) == 0)
				return 1;
	}
	return !need && n == 0;
}

/* The groups in order: their codes (for programs) and labels (for people). */
size_t report_sections(const struct report *r, const struct report_view *v,
		       struct report_section **out)
{
	struct report_section *g = NULL;
	size_t n = 0, alloc = 0, i, k;
	const char *last = NULL;

	if (v->group == REPORT_GROUP_ORGANIZATION) {
		for (i = 0; i < r->n; i++) {
			if (last == r->rows[i].org->id)
				continue;
			last = r->rows[i].org->id;
			XALLOC_GROW(g, n + 1, alloc);
			g[n].code = last;
			g[n++].label = r->rows[i].org->name;
		}
	} else {
		for (i = 0; i <= v->taxonomy->n; i++) {
			const struct taxonomy_entry *e =
				i < v->taxonomy->n ? &v->taxonomy->entries[i] : NULL;
			for (k = 0; k < r->n && !has_need(&r->rows[k], e ? e->code : NULL); k++)
				;
			if (k == r->n)
				continue;
			XALLOC_GROW(g, n + 1, alloc);
			g[n].code = e ? e->code : "";
			g[n++].label = e ? e->label[v->lang] : label(L_NONE, v->lang);
		}
	}
	*out = g;
	return n;
}

int report_in_section(const struct report_row *row, const struct report_view *v,
		      const struct report_section *g)
{
	if (v->group == REPORT_GROUP_ORGANIZATION)
		return row->org->id == g->code;
	return has_need(row, *g->code ? g->code : NULL);
}

static struct output *open_table(FILE *fp, const struct report_view *v, enum output_format f,
				 int with_group)
{
	const char *names[NCOLS + 1];
	struct output *out;
	size_t k, off = with_group ? 1 : 0;

	if (with_group)
		names[0] = human(v) ? label(L_GROUP, v->lang) : "group";
	for (k = 0; k < NCOLS; k++)
		names[k + off] = label(column_labels[k], human(v) ? v->lang : TAXONOMY_EN);
	out = output_new(fp, f, names, NCOLS + off);
	for (k = 0; k < NCOLS; k++)
		if (numeric[k])
			output_set_numeric(out, k + off);
	return out;
}

static void put_row(struct output *out, struct report_cells *c, const struct report *r,
		    const struct report_row *row, const struct report_view *v,
		    const struct report_section *g, const char *group)
{
	const char *f[NCOLS + 1];
	fill_cells(c, r, row, v, g);
	if (!group) {
		output_row(out, c->f);
		return;
	}
	f[0] = group;
	memcpy(f + 1, c->f, NCOLS * sizeof *f);
	output_row(out, f);
}

/* Every format but md: one table, with a group column when grouping. */
static int write_rows(const struct report *r, const struct report_view *v, FILE *fp, struct diag *d)
{
	struct output *out = open_table(fp, v, v->format, v->group != REPORT_GROUP_NONE);
	struct report_cells c;
	struct report_section *g = NULL;
	size_t ng = 0, i, k;
	int rc;

	strbuf_init(&c.flags, 0);
	if (v->group == REPORT_GROUP_NONE) {
		for (i = 0; i < r->n; i++)
			put_row(out, &c, r, &r->rows[i], v, NULL, NULL);
	} else {
		ng = report_sections(r, v, &g);
		for (k = 0; k < ng; k++)
			for (i = 0; i < r->n; i++)
				if (report_in_section(&r->rows[i], v, &g[k]))
					put_row(out, &c, r, &r->rows[i], v, &g[k],
						human(v) ? g[k].label : g[k].code);
	}
	rc = output_finish(out, d);
	output_free(out);
	free(g);
	strbuf_release(&c.flags);
	return rc;
}

/* Text for Markdown outside tables: ASCII punctuation escaped, controls as spaces. */
static void md_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			putc(' ', fp);
		else if (strchr("\\`*_[]<>#|~", *s))
			fprintf(fp, "\\%c", *s);
		else
			putc(*s, fp);
	}
}

/* "5 beds, 3 families": sums per unit, in order of first appearance. */
static void sums_by_unit(struct strbuf *sb, const struct report *r, int waiting)
{
	size_t i, k;
	strbuf_reset(sb);
	for (i = 0; i < r->n; i++) {
		const struct report_row *row = &r->rows[i];
		long sum = 0;
		int seen = 0;
		if ((waiting ? row->waiting : row->free) < 0 || !*row->unit)
			continue;
		for (k = 0; k < i && !seen; k++)
			seen = (waiting ? r->rows[k].waiting : r->rows[k].free) >= 0 &&
			       strcmp(r->rows[k].unit, row->unit) == 0;
		if (seen)
			continue;
		for (k = i; k < r->n; k++)
			if ((waiting ? r->rows[k].waiting : r->rows[k].free) >= 0 &&
			    strcmp(r->rows[k].unit, row->unit) == 0)
				sum += waiting ? r->rows[k].waiting : r->rows[k].free;
		strbuf_addf(sb, "%s%ld %s", sb->len ? ", " : "", sum, row->unit);
	}
}

void report_headline(const struct report *r, const struct report_view *v, struct strbuf *sb)
{
	enum taxonomy_lang lang = v->lang;
	unsigned long nflag[REPORT_NFLAGS] = { 0 }, with_data = 0;
	struct smallcount_total refs, away;
	char date[16], until[16], buf[SMALLCOUNT_BUF];
	struct strbuf sums = STRBUF_INIT;
	size_t i;
	int k;

	/* the totals add up cells of the table: hidden cells make them bounds */
	smallcount_total_init(&refs, v->min_count);
	smallcount_total_init(&away, v->min_count);
	for (i = 0; i < r->n; i++) {
		for (k = 0; k < REPORT_NFLAGS; k++)
			nflag[k] += (r->rows[i].flags >> k) & 1;
		with_data += r->rows[i].observed >= 0;
		smallcount_add(&refs, r->rows[i].referrals);
		smallcount_add(&away, r->rows[i].turned_away);
	}
	strbuf_addf(sb, "%s: %zu, %s: %lu\n", label(L_SERVICES, lang), r->n,
		    label(L_WITH_DATA, lang), with_data);
	for (k = 0; k < REPORT_NFLAGS; k++)
		strbuf_addf(sb, "%s%s: %lu", k ? ", " : "",
			    report_flag_name((enum report_flag)(1u << k), lang), nflag[k]);
	strbuf_addch(sb, '\n');
	sums_by_unit(&sums, r, 0);
	if (sums.len)
		strbuf_addf(sb, "%s: %s\n", label(L_FREE_PLACES, lang), sums.buf);
	sums_by_unit(&sums, r, 1);
	if (sums.len)
		strbuf_addf(sb, "%s: %s\n", label(L_WAITING_LIST, lang), sums.buf);
	civtime_format_date(date, r->since);
	civtime_format_date(until, r->until);
	strbuf_addf(sb, "%s %s – %s: %s", label(L_ALL_REFERRALS, lang), date, until,
		    smallcount_total_cell(buf, &refs));
	strbuf_addf(sb, ", %s: %s\n", label(L_TURNED_AWAY_LONG, lang),
		    smallcount_total_cell(buf, &away));
	strbuf_release(&sums);
}

void report_flag_summary(const struct report *r, const struct report_view *v, struct strbuf *sb)
{
	size_t i, start = sb->len;
	int k;

	for (k = 0; k < REPORT_NFLAGS; k++) {
		int first = 1;
		for (i = 0; i < r->n; i++) {
			if (!(r->rows[i].flags & (1u << k)))
				continue;
			if (first)
				strbuf_addf(sb, "%s: ",
					    report_flag_name((enum report_flag)(1u << k), v->lang));
			strbuf_addf(sb, "%s%s", first ? "" : ", ", r->rows[i].id);
			first = 0;
		}
		if (!first)
			strbuf_addch(sb, '\n');
	}
	if (sb->len == start)
		strbuf_addf(sb, "%s\n", label(L_NONE, v->lang));
}

/* Lines of text as a Markdown list. */
static void md_list(FILE *fp, const char *lines)
{
	const char *nl;
	for (; (nl = strchr(lines, '\n')); lines = nl + 1)
		fprintf(fp, "- %.*s\n", (int)(nl - lines), lines);
}

static void md_headline(const struct report *r, const struct report_view *v, FILE *fp)
{
	struct strbuf sb = STRBUF_INIT;
	char date[16];

	civtime_format_date(date, r->as_of);
	fprintf(fp, "# %s: %s\n\n", label(L_TITLE, v->lang), date);
	report_headline(r, v, &sb);
	md_list(fp, sb.buf);
	fprintf(fp, "\n## %s\n\n", label(L_FLAGS_TITLE, v->lang));
	strbuf_reset(&sb);
	report_flag_summary(r, v, &sb);
	md_list(fp, sb.buf);
	strbuf_release(&sb);
}

static int write_md(const struct report *r, const struct report_view *v, FILE *fp, struct diag *d)
{
	struct report_section *g = NULL;
	struct report_cells c;
	size_t ng = 1, i, k;
	int rc = 0;

	md_headline(r, v, fp);
	fprintf(fp, "\n## %s\n", label(L_TABLE_TITLE, v->lang));
	if (v->group != REPORT_GROUP_NONE)
		ng = report_sections(r, v, &g);
	strbuf_init(&c.flags, 0);
	for (k = 0; k < ng && rc == 0; k++) {
		struct output *out;
		if (g) {
			fputs("\n### ", fp);
			md_text(fp, g[k].label);
			fputs("\n", fp);
		}
		fputs("\n", fp);
		out = open_table(fp, v, OUTPUT_MD, 0);
		for (i = 0; i < r->n; i++)
			if (!g || report_in_section(&r->rows[i], v, &g[k]))
				put_row(out, &c, r, &r->rows[i], v, g ? &g[k] : NULL, NULL);
		rc = output_finish(out, d);
		output_free(out);
	}
	free(g);
	strbuf_release(&c.flags);
	return rc;
}

int report_write(const struct report *r, const struct report_view *v, FILE *fp, struct diag *d)
{
	if (v->format == OUTPUT_MD)
		return write_md(r, v, fp, d);
	return write_rows(r, v, fp, d);
}
