/*
 * Writing a client export: records for machines (json, yaml), a page for
 * people (md, html) with every label in the language asked for.
 */
#include "clientexport.h"

#include <stdlib.h>
#include <string.h>

#include "appointments.h"
#include "changes.h"
#include "i18n.h"
#include "intake.h"
#include "output.h"
#include "referral.h"
#include "svgchart.h"
#include "xalloc.h"
#include "banned.h"

static const char *const file_names[CX_NFILES] = { INTAKE_FILE, CHANGES_FILE, REFERRAL_FILE,
						   APPOINTMENTS_FILE };

/* Every word of the page, in English; the catalogs (lib/po) give the others. */
enum label {
	L_TITLE,
	L_EXPORTED,
	L_ORIGINAL,
	L_FILE,
	L_RECORDS,
	L_CONTACTS,
	L_CHANGES,
	L_REFERRALS,
	L_APPOINTMENTS,
	L_NONE,
	L_NOTHING,
	L_FIELD,
	L_VALUE,
	L_RECORD,
	/* intake.csv's fields, in column order, then version */
	L_ID,
	L_TS,
	L_DESK,
	L_CLIENT,
	L_SEX,
	L_AGE_GROUP,
	L_NATIONALITY,
	L_LANGUAGE,
	L_HOUSEHOLD,
	L_NEEDS,
	L_REFERRED_TO,
	L_CONSENT,
	L_ADVISOR,
	L_STATUS,
	L_NOTE,
	L_VERSION,
	/* the other files' columns */
	L_CHANGE,
	L_TIME,
	L_OLD,
	L_NEW,
	L_REASON,
	L_DATE,
	L_SERVICE,
	L_OUTCOME,
	L_APPOINTMENT,
	L_START,
	L_END,
	L_SPECIALIST,
	L_INTERPRETER,
	L_NLABELS
};

static const struct label_text {
	const char *context, *msgid;
} labels[L_NLABELS] = {
	[L_TITLE] = NC_("client export", "Data held about client"),
	[L_EXPORTED] = NC_("client export", "Exported"),
	[L_ORIGINAL] = NC_(
		"client export",
		"The values of a contact are as they are now; what they were before each change is in the table of changes."),
	[L_FILE] = NC_("client export", "File"),
	[L_RECORDS] = NC_("client export", "Records"),
	[L_CONTACTS] = NC_("client export", "Contacts"),
	[L_CHANGES] = NC_("client export", "Changes to these contacts"),
	[L_REFERRALS] = NC_("client export", "Outcomes of referrals"),
	[L_APPOINTMENTS] = NC_("client export", "Appointments"),
	[L_NONE] = NC_("client export", "None."),
	[L_NOTHING] = NC_("client export", "The data directory holds nothing about this client."),
	[L_FIELD] = NC_("client export", "Field"),
	[L_VALUE] = NC_("client export", "Value"),
	[L_RECORD] = NC_("client export", "Record"),
	[L_ID] = NC_("client export", "Record"),
	[L_TS] = NC_("client export", "Time of the contact"),
	[L_DESK] = NC_("client export", "Desk"),
	[L_CLIENT] = NC_("client export", "Client"),
	[L_SEX] = NC_("client export", "Sex"),
	[L_AGE_GROUP] = NC_("client export", "Age group"),
	[L_NATIONALITY] = NC_("client export", "Nationality"),
	[L_LANGUAGE] = NC_("client export", "Languages"),
	[L_HOUSEHOLD] = NC_("client export", "Household"),
	[L_NEEDS] = NC_("client export", "Needs"),
	[L_REFERRED_TO] = NC_("client export", "Referred to"),
	[L_CONSENT] = NC_("client export", "Consent to referral"),
	[L_ADVISOR] = NC_("client export", "Advisor"),
	[L_STATUS] = NC_("client export", "Status"),
	[L_NOTE] = NC_("client export", "Note"),
	[L_VERSION] = NC_("client export", "Changes made"),
	[L_CHANGE] = NC_("client export", "Change"),
	[L_TIME] = NC_("client export", "Time"),
	[L_OLD] = NC_("client export", "Old value"),
	[L_NEW] = NC_("client export", "New value"),
	[L_REASON] = NC_("client export", "Reason"),
	[L_DATE] = NC_("client export", "Date"),
	[L_SERVICE] = NC_("client export", "Service"),
	[L_OUTCOME] = NC_("client export", "Outcome"),
	[L_APPOINTMENT] = NC_("client export", "Appointment"),
	[L_START] = NC_("client export", "Start"),
	[L_END] = NC_("client export", "End"),
	[L_SPECIALIST] = NC_("client export", "Specialist"),
	[L_INTERPRETER] = NC_("client export", "Interpreter"),
};

static const char *label(enum label l, enum taxonomy_lang lang)
{
	return i18n_in(taxonomy_lang_name(lang), labels[l].context, labels[l].msgid);
}

/* The columns of each file as people read them: labels, and which field each shows. */
static const enum label change_labels[] = { L_CHANGE, L_TIME, L_RECORD,  L_FIELD, L_OLD,
					    L_NEW,    L_DESK, L_ADVISOR, L_REASON };
static const int change_fields[] = { CHANGES_CHANGE, CHANGES_TS,      CHANGES_ID,
				     CHANGES_FIELD,  CHANGES_OLD,     CHANGES_NEW,
				     CHANGES_DESK,   CHANGES_ADVISOR, CHANGES_REASON };
static const enum label referral_labels[] = { L_DATE,    L_RECORD, L_SERVICE,
					      L_OUTCOME, L_REASON, L_NOTE };
static const int referral_fields[] = { REFERRAL_DATE,    REFERRAL_INTAKE_ID, REFERRAL_SERVICE,
				       REFERRAL_OUTCOME, REFERRAL_REASON,    REFERRAL_NOTE };
/* the client column is the export's own: left out */
static const enum label appointment_labels[] = { L_APPOINTMENT, L_START,      L_END,
						 L_SERVICE,     L_SPECIALIST, L_LANGUAGE,
						 L_INTERPRETER, L_STATUS };
static const int appointment_fields[] = { APPT_ID,          APPT_START,      APPT_END,
					  APPT_SERVICE,     APPT_SPECIALIST, APPT_LANGUAGE,
					  APPT_INTERPRETER, APPT_STATUS };

/* --- json and yaml: the records of every file, a "file" key first. */

static void write_records(const struct clientexport *x, FILE *fp, enum output_format of)
{
	static const char *const *const columns[CX_NFILES] = { intake_columns, changes_columns,
							       referral_columns,
							       appointments_columns };
	static const size_t ncols[CX_NFILES] = { INTAKE_NCOLS + 1, CHANGES_NCOLS, REFERRAL_NCOLS,
						 APPT_NCOLS };
	struct strbuf sb = STRBUF_INIT;
	const char *names[INTAKE_NCOLS + 2], *fields[INTAKE_NCOLS + 2];
	struct output *out;
	size_t i, c;
	int f;

	for (f = 0; f < CX_NFILES; f++) {
		names[0] = "file";
		for (c = 0; c < ncols[f]; c++)
			names[c + 1] =
				f == CX_INTAKE && c == INTAKE_NCOLS ? "version" : columns[f][c];
		out = output_new(fp, of, names, ncols[f] + 1);
		if (f == CX_INTAKE) {
			output_set_numeric(out, INTAKE_HOUSEHOLD + 1);
			output_set_numeric(out, INTAKE_NCOLS + 1);
		} else if (f == CX_CHANGES) {
			output_set_numeric(out, CHANGES_CHANGE + 1);
		}
		fields[0] = file_names[f];
		for (i = 0; i < x->rows[f].n; i++) {
			for (c = 0; c < ncols[f]; c++)
				fields[c + 1] = x->rows[f].row[i][c];
			output_render_row(out, &sb, fields);
		}
		output_free(out);
	}
	if (!sb.len && of == OUTPUT_YAML)
		strbuf_addstr(&sb, "[]\n");
	fwrite(sb.buf, 1, sb.len, fp);
	strbuf_release(&sb);
}

/* --- md and html: a page. */

struct page {
	const struct clientexport *x;
	FILE *fp;
	int html;
	enum taxonomy_lang lang;
	const struct taxonomy *tax;
	struct strbuf sb;
};

static void text(struct page *p, const char *s)
{
	if (!p->html) {
		fputs(s, p->fp);
		return;
	}
	strbuf_reset(&p->sb);
	svgchart_escape(&p->sb, s);
	fputs(p->sb.buf, p->fp);
}

static void heading(struct page *p, int level, const char *s, const char *file)
{
	if (p->html)
		fprintf(p->fp, "<h%d>", level);
	else
		fprintf(p->fp, "%.*s ", level, "###");
	text(p, s);
	if (file)
		fprintf(p->fp, " (%s)", file);
	fputs(p->html ? "" : "\n\n", p->fp);
	if (p->html)
		fprintf(p->fp, "</h%d>\n", level);
}

static void para(struct page *p, const char *s)
{
	fputs(p->html ? "<p>" : "", p->fp);
	text(p, s);
	fputs(p->html ? "</p>\n" : "\n\n", p->fp);
}

/* A table of nrows rows of ncols cells (row-major), with its header. */
static void table(struct page *p, const char *const *head, size_t ncols, const char **cells,
		  size_t nrows, int numeric_last)
{
	size_t i, c;
	if (!p->html) {
		struct output *out = output_new(p->fp, OUTPUT_MD, head, ncols);
		struct diag ignored = DIAG_INIT; /* opts_finish reports a write error */
		if (numeric_last)
			output_set_numeric(out, ncols - 1);
		for (i = 0; i < nrows; i++)
			output_row(out, cells + i * ncols);
		output_finish(out, &ignored);
		output_free(out);
		fputs("\n", p->fp);
		return;
	}
	fputs("<table>\n<tr>", p->fp);
	for (c = 0; c < ncols; c++) {
		fputs(numeric_last && c == ncols - 1 ? "<th class=\"n\">" : "<th>", p->fp);
		text(p, head[c]);
		fputs("</th>", p->fp);
	}
	fputs("</tr>\n", p->fp);
	for (i = 0; i < nrows; i++) {
		fputs("<tr>", p->fp);
		for (c = 0; c < ncols; c++) {
			fputs(numeric_last && c == ncols - 1 ? "<td class=\"n\">" : "<td>", p->fp);
			text(p, cells[i * ncols + c]);
			fputs("</td>", p->fp);
		}
		fputs("</tr>\n", p->fp);
	}
	fputs("</table>\n", p->fp);
}

/* The needs as people read them: their labels in the page's language. */
static const char *needs_text(struct page *p, const char *codes, struct strbuf *out)
{
	const char *s = codes;
	strbuf_reset(out);
	while (*s) {
		size_t len = strcspn(s, ";");
		char code[TAXONOMY_CODE_MAX + 1];
		const struct taxonomy_entry *e;
		snprintf(code, sizeof code, "%.*s", (int)len, s);
		e = p->tax ? taxonomy_find(p->tax, code) : NULL;
		strbuf_addf(out, "%s%s", out->len ? ", " : "", e ? e->label[p->lang] : code);
		s += len + (s[len] == ';');
	}
	return out->buf;
}

static void contacts(struct page *p)
{
	const struct clientexport_rows *r = &p->x->rows[CX_INTAKE];
	const char *head[2], *cells[2 * INTAKE_NCOLS];
	struct strbuf needs = STRBUF_INIT;
	size_t i, c, n;

	head[0] = label(L_FIELD, p->lang);
	head[1] = label(L_VALUE, p->lang);
	heading(p, 2, label(L_CONTACTS, p->lang), INTAKE_FILE);
	if (!r->n)
		para(p, label(L_NONE, p->lang));
	for (i = 0; i < r->n; i++) {
		heading(p, 3, r->row[i][INTAKE_ID], NULL);
		for (c = INTAKE_TS, n = 0; c <= INTAKE_NCOLS; c++, n++) {
			cells[2 * n] = label((enum label)(L_ID + c), p->lang);
			cells[2 * n + 1] = c == INTAKE_NEEDS ? needs_text(p, r->row[i][c], &needs)
							     : r->row[i][c];
		}
		table(p, head, 2, cells, n, 0);
	}
	strbuf_release(&needs);
}

/* A file's rows in the columns people read (labels[k] shows field[k]). */
static void rows_table(struct page *p, int f, enum label title, const enum label *lab,
		       const int *field, size_t ncols)
{
	const struct clientexport_rows *r = &p->x->rows[f];
	const char *head[INTAKE_NCOLS], **cells;
	size_t i, k;

	heading(p, 2, label(title, p->lang), file_names[f]);
	if (!r->n) {
		para(p, label(L_NONE, p->lang));
		return;
	}
	for (k = 0; k < ncols; k++)
		head[k] = label(lab[k], p->lang);
	cells = xcalloc(r->n * ncols, sizeof *cells);
	for (i = 0; i < r->n; i++)
		for (k = 0; k < ncols; k++) {
			const char *v = r->row[i][field[k]];
			int col = f == CX_CHANGES && field[k] == CHANGES_FIELD
					  ? schema_column_index(&intake_schema, v)
					  : -1;
			/* a changed field by its label */
			cells[i * ncols + k] =
				col >= 0 ? label((enum label)(L_ID + col), p->lang) : v;
		}
	table(p, head, ncols, cells, r->n, 0);
	free(cells);
}

static const char style[] =
	"body{font-family:sans-serif;color:#111;background:#fff;max-width:60em;"
	"margin:1em auto;padding:0 1em;line-height:1.4}\n"
	"table{border-collapse:collapse;font-size:.9em;margin-bottom:1em}\n"
	"th,td{padding:.25em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}\n"
	"th{background:#eee}\n"
	"th.n,td.n{text-align:right}\n";

static void write_page(struct page *p, const char *ts)
{
	const struct clientexport *x = p->x;
	struct strbuf title = STRBUF_INIT, line = STRBUF_INIT;
	const char *head[2], *cells[2 * CX_NFILES];
	char counts[CX_NFILES][24];
	int f;

	strbuf_addf(&title, "%s %s", label(L_TITLE, p->lang), x->client);
	if (p->html) {
		fprintf(p->fp,
			"<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n"
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>",
			taxonomy_lang_name(p->lang));
		text(p, title.buf);
		fprintf(p->fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
	}
	heading(p, 1, title.buf, NULL);
	strbuf_addf(&line, "%s: %s. %s", label(L_EXPORTED, p->lang), ts,
		    label(L_ORIGINAL, p->lang));
	para(p, line.buf);
	head[0] = label(L_FILE, p->lang);
	head[1] = label(L_RECORDS, p->lang);
	for (f = 0; f < CX_NFILES; f++) {
		snprintf(counts[f], sizeof counts[f], "%zu", x->rows[f].n);
		cells[2 * f] = file_names[f];
		cells[2 * f + 1] = counts[f];
	}
	table(p, head, 2, cells, CX_NFILES, 1);
	if (!clientexport_total(x))
		para(p, label(L_NOTHING, p->lang));
	contacts(p);
	rows_table(p, CX_CHANGES, L_CHANGES, change_labels, change_fields, CHANGES_NCOLS);
	rows_table(p, CX_REFERRALS, L_REFERRALS, referral_labels, referral_fields, REFERRAL_NCOLS);
	rows_table(p, CX_APPOINTMENTS, L_APPOINTMENTS, appointment_labels, appointment_fields,
		   APPT_NCOLS - 1);
	if (p->html)
		fputs("</body>\n</html>\n", p->fp);
	strbuf_release(&title);
	strbuf_release(&line);
}

void clientexport_write(const struct clientexport *x, FILE *fp, enum clientexport_format f,
			enum taxonomy_lang lang, const struct taxonomy *tax, const char *ts)
{
	struct page p;

	if (f == CX_JSON || f == CX_YAML) {
		write_records(x, fp, f == CX_JSON ? OUTPUT_JSON : OUTPUT_YAML);
		return;
	}
	memset(&p, 0, sizeof p);
	p.x = x;
	p.fp = fp;
	p.html = f == CX_HTML;
	p.lang = lang;
	p.tax = tax;
	strbuf_init(&p.sb, 0);
	write_page(&p, ts);
	strbuf_release(&p.sb);
}
