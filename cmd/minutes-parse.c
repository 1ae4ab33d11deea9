/*
 * minutes-parse: turn a working group's meeting minutes, plain text as
 * written or extracted from PDF, into records: the meeting, its topics and
 * attendees, each organisation's update, capacity statements, action
 * points, the next meetings and the author; printed as one YAML document,
 * as one CSV view, or as an iCalendar file, and with -o stored as
 * DIR/meetings/DATE.yaml.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "civtime.h"
#include "datadir.h"
#include "dirctx.h"
#include "i18n.h"
#include "ics.h"
#include "minutes.h"
#include "minutes_rules.h"
#include "opts.h"
#include "rules.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: minutes-parse [-d DIR] [-f FORMAT] [--input-lang LANG | --rules FILE]\n"
	"                     [--date DATE] [--force] [-o DIR] [--lock-timeout SECONDS]\n"
	"                     [--attendees | --updates | --capacity | --next | --ics]\n"
	"                     [FILE]\n"
	"       minutes-parse [--input-lang LANG | --rules FILE] --dump-rules";

enum view { V_DOC, V_ATTENDEES, V_UPDATES, V_CAPACITY, V_NEXT, V_ICS };

enum {
	OPT_INPUT_LANG = OPTS_FIRST_PRIVATE,
	OPT_LANG,
	OPT_RULES,
	OPT_DATE,
	OPT_DUMP,
	OPT_FORCE,
	OPT_VIEW
};

static const struct opts_option options[] = {
	{ "attendees", OPT_VIEW + V_ATTENDEES, NULL,
	  N_("CSV meeting_date,name,organization,org_id,role"), NULL, 0 },
	{ "updates", OPT_VIEW + V_UPDATES, NULL, N_("CSV meeting_date,organization,org_id,text"),
	  NULL, 0 },
	{ "capacity", OPT_VIEW + V_CAPACITY, NULL,
	  N_("capacity.csv rows (for capacity-add --batch)"), NULL, 0 },
	{ "next", OPT_VIEW + V_NEXT, NULL, N_("CSV date,time of the next meetings"), NULL, 0 },
	{ "ics", OPT_VIEW + V_ICS, NULL, N_("the next meetings as iCalendar"), NULL, 0 },
	{ "input-lang", OPT_INPUT_LANG, "LANG",
	  N_("the language of the minutes: cs or pl (default: chosen\nfrom the text)"), NULL, 0 },
	/* its old name, before --lang was the language of the output everywhere */
	{ "lang", OPT_LANG, "LANG", NULL, NULL, OPTS_HIDDEN },
	{ "rules", OPT_RULES, "FILE", N_("a YAML rules file over the built-in rules"), NULL, 0 },
	{ "dump-rules", OPT_DUMP, NULL, N_("print the rules in use as a rules file"), NULL, 0 },
	{ "date", OPT_DATE, "DATE", N_("the meeting's date, when the minutes lack it"), NULL, 0 },
	{ "force", OPT_FORCE, NULL, N_("read as minutes what does not look like minutes"), NULL,
	  0 },
	{ "o", 'o', "DIR", N_("also store the document as DIR/meetings/DATE.yaml"), "-o DIR",
	  OPTS_SHORT },
	{ "lock-timeout", OPTS_LOCK_TIMEOUT, "S",
	  N_("with -o: wait at most S seconds (default 30)"), NULL, 0 },
	{ "dir", 'd', "DIR", N_("data directory: services.yaml and its time zone"), "-d DIR", 0 },
	{ "format", 'f', "FORMAT", N_("csv, tsv, json, yaml, table, md, for the CSV views"),
	  "-f FORMAT", 0 },
	OPTS_HELP,
	OPTS_END
};

static const struct opts_command command = {
	usage,
	N_("Read meeting minutes (plain text) and print what they record.\n"
	   "\n"
	   "  FILE              the minutes; standard input without it or with -\n"
	   "  (no view)         one YAML document: meeting, topics, attendees, updates,\n"
	   "                    actions, capacity, next_meetings, author\n"),
	options, N_("See minutes-parse(1) and okienko-files(5).\n")
};

struct job {
	struct opts o;
	enum view view;
	const char *lang, *rules, *outdir, *file;
	long date;
	int dump, force;
};

/* Minutes are a few pages; anything this big is not minutes. */
#define MINUTES_MAX_INPUT ((size_t)16 << 20)

static int read_input(const char *path, struct strbuf *sb, struct diag *d)
{
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	const char *name = path ? path : "-";
	ssize_t n;

	if (fd < 0)
		return diag_errno(d, errno, "open", name);
	do {
		strbuf_grow(sb, 65536);
		n = read(fd, sb->buf + sb->len, 65536);
		if (n > 0)
			strbuf_setlen(sb, sb->len + (size_t)n);
	} while ((n > 0 || (n < 0 && errno == EINTR)) && sb->len <= MINUTES_MAX_INPUT);
	if (n < 0)
		diag_errno(d, errno, "read", name);
	if (path)
		close(fd);
	if (n < 0)
		return -1;
	if (sb->len > MINUTES_MAX_INPUT)
		return diag_set(d, DIAG_DATA, name, 0, 0, "larger than 16 MiB: not minutes");
	strbuf_grow(sb, RULES_PAD);
	memset(sb->buf + sb->len, 0, sb->alloc - sb->len);
	return 0;
}

/* A CSV view; a failure to write is left to opts_finish, which reports it once. */
static void print_view(const struct minutes *m, enum view v, enum output_format f)
{
	static const char *const cols[][9] = {
		[V_ATTENDEES] = { "meeting_date", "name", "organization", "org_id", "role" },
		[V_UPDATES] = { "meeting_date", "organization", "org_id", "text" },
		[V_CAPACITY] = { "date", "service", "unit", "used", "total", "waiting", "status",
				 "source", "note" },
		[V_NEXT] = { "date", "time" },
	};
	static const size_t ncols[] = {
		[V_ATTENDEES] = 5, [V_UPDATES] = 4, [V_CAPACITY] = 9, [V_NEXT] = 2
	};
	struct output *out = output_new(stdout, f, cols[v], ncols[v]);
	char date[CIVTIME_TS_MAX], when[CIVTIME_TS_MAX], src[64], num[3][24];
	struct diag ignored = DIAG_INIT;
	const char *row[9];
	size_t i;
	int k;

	civtime_format_date(date, m->when.day);
	snprintf(src, sizeof src, "minutes:%s", date);
	for (k = 3; v == V_CAPACITY && k <= 5; k++)
		output_set_numeric(out, (size_t)k);
	for (i = 0; v == V_ATTENDEES && i < m->nattendees; i++) {
		row[0] = date;
		row[1] = m->attendees[i].name;
		row[2] = m->attendees[i].organization ? m->attendees[i].organization : "";
		row[3] = m->attendees[i].org_id ? m->attendees[i].org_id : "";
		row[4] = m->attendees[i].role ? m->attendees[i].role : "";
		output_row(out, row);
	}
	for (i = 0; v == V_UPDATES && i < m->nupdates; i++) {
		row[0] = date;
		row[1] = m->updates[i].organization;
		row[2] = m->updates[i].org_id;
		row[3] = m->updates[i].text;
		output_row(out, row);
	}
	for (i = 0; v == V_CAPACITY && i < m->ncapacity; i++) {
		const struct minutes_capacity *c = &m->capacity[i];
		const long vals[3] = { c->used, c->total, c->waiting };
		for (k = 0; k < 3; k++) {
			num[k][0] = '\0';
			if (vals[k] >= 0)
				snprintf(num[k], sizeof num[k], "%ld", vals[k]);
		}
		row[0] = date;
		row[1] = c->service;
		row[2] = c->unit;
		row[3] = num[0];
		row[4] = num[1];
		row[5] = num[2];
		row[6] = c->status;
		row[7] = src;
		row[8] = c->quote;
		output_row(out, row);
	}
	for (i = 0; v == V_NEXT && i < m->nnext; i++) {
		minutes_format_when(when, &m->next[i]);
		when[10] = '\0';
		row[0] = when;
		row[1] = m->next[i].hour >= 0 ? when + 11 : "";
		output_row(out, row);
	}
	output_finish(out, &ignored);
	output_free(out);
}

/* A UID that parsing the same minutes again gives again: the start, a hash of the group. */
static void uid(char *buf, size_t len, const struct minutes *m, const struct minutes_when *w)
{
	const char *s = m->group ? m->group : "";
	unsigned long long h = 1469598103934665603ULL;
	char when[CIVTIME_TS_MAX];

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	ics_format_local(when, (int64_t)w->day * 86400 +
				       (w->hour < 0 ? 0 : w->hour * 3600 + w->minute * 60));
	snprintf(buf, len, "%s-%016llx@okienko", when, h);
}

static void ics(const struct minutes *m, const struct dirctx *dc, struct strbuf *sb)
{
	char buf[CIVTIME_TS_MAX], id[96], name[320];
	int y, mo, da, y0 = 9999, y1 = 0;
	size_t i;

	ics_line(sb, "BEGIN", "VCALENDAR");
	ics_line(sb, "VERSION", "2.0");
	ics_line(sb, "PRODID", "-//okienko//minutes-parse " OKIENKO_VERSION "//EN");
	ics_line(sb, "CALSCALE", "GREGORIAN");
	for (i = 0; i < m->nnext; i++) {
		civtime_civil_from_days(m->next[i].day, &y, &mo, &da);
		if (m->next[i].hour >= 0) {
			y0 = y < y0 ? y : y0;
			y1 = y > y1 ? y : y1;
		}
	}
	if (y1)
		ics_vtimezone(sb, dc->tz, y0 - 1, y1);
	for (i = 0; i < m->nnext; i++) {
		const struct minutes_when *w = &m->next[i];
		ics_line(sb, "BEGIN", "VEVENT");
		uid(id, sizeof id, m, w);
		ics_line(sb, "UID", id);
		ics_format_utc(buf, dc->now);
		ics_line(sb, "DTSTAMP", buf);
		ics_format_local(buf, (int64_t)w->day * 86400 +
					      (w->hour < 0 ? 0 : w->hour * 3600 + w->minute * 60));
		if (w->hour < 0) {
			buf[8] = '\0';
			ics_line(sb, "DTSTART;VALUE=DATE", buf);
		} else {
			ics_tzid_name(name, sizeof name, "DTSTART", dc->tz);
			ics_line(sb, name, buf);
		}
		ics_text(sb, "SUMMARY", m->group ? m->group : "meeting");
		if (m->next_place || m->place)
			ics_text(sb, "LOCATION", m->next_place ? m->next_place : m->place);
		ics_line(sb, "END", "VEVENT");
	}
	ics_line(sb, "END", "VCALENDAR");
}

/*
 * DIR/meetings/DATE.yaml, replaced atomically under its lock: the document
 * appears only by the rename of a complete file, and nothing is removed
 * but this process's own temporary file (datadir.h).
 */
static int store(const struct job *j, const struct minutes *m, struct diag *d)
{
	struct datadir top, dir;
	struct datadir_lock lk;
	struct strbuf doc = STRBUF_INIT;
	char date[CIVTIME_TS_MAX], name[40];
	int fd, rc = -1;

	if (datadir_open(&top, j->outdir, d) < 0)
		return -1;
	if (datadir_open_sub(&dir, &top, "meetings", d) == 0) {
		civtime_format_date(date, m->when.day);
		snprintf(name, sizeof name, "%s.yaml", date);
		minutes_yaml(m, &doc);
		if (datadir_lock_document(&dir, name, j->o.lock_timeout, &lk, d) == 0) {
			if (datadir_rewrite_begin(&lk, &fd, d) == 0 &&
			    datadir_write_all(fd, doc.buf, doc.len, lk.path, d) == 0 &&
			    datadir_rewrite_commit(&lk, d) == 0)
				rc = 0;
			datadir_unlock(&lk);
		}
		datadir_release(&dir);
	}
	strbuf_release(&doc);
	datadir_release(&top);
	return rc;
}

/* What the parse left out, with where it stands. */
static void print_warnings(const struct minutes *m)
{
	size_t i;

	for (i = 0; i < m->nwarnings && i < MINUTES_WARNINGS_MAX; i++)
		diag_warn(m->warnings[i].file, m->warnings[i].line, m->warnings[i].col, "%s",
			  m->warnings[i].msg);
	if (m->nwarnings > MINUTES_WARNINGS_MAX)
		diag_warn(m->warnings[0].file, 0, 0, "warnings not shown: %zu",
			  m->nwarnings - MINUTES_WARNINGS_MAX);
}

static int load_rules(const struct job *j, const struct strbuf *text, struct minutes_rules *mr,
		      struct diag *d)
{
	const char *lang = j->lang;

	if (!lang && !j->dump)
		lang = minutes_rules_detect(text->buf, text->len);
	if (j->rules)
		return minutes_rules_file(mr, j->rules, lang, d);
	return minutes_rules_builtin(mr, lang ? lang : "cs", d);
}

static int run(const struct job *j, struct diag *d)
{
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	struct minutes_rules mr;
	struct minutes_params p;
	struct minutes m;
	struct dirctx dc;
	int rc = -1;

	if (dirctx_load(&dc, j->o.dir, DIRCTX_SERVICES, d) < 0)
		goto out_text;
	if ((!j->dump && read_input(j->file, &text, d) < 0) || load_rules(j, &text, &mr, d) < 0)
		goto out_dc;
	if (j->dump) {
		minutes_rules_dump(&mr, &out);
		fwrite(out.buf, 1, out.len, stdout); /* opts_finish reports a failure */
		rc = 0;
		goto out_rules;
	}
	p.rules = &mr;
	p.services = dc.have_services ? &dc.services : NULL;
	p.date = j->date;
	p.force = j->force;
	p.today = civtime_local_day(dc.tz, dc.now);
	if (minutes_parse(&m, &p, j->file ? j->file : "-", text.buf, text.len, d) < 0)
		goto out_rules;
	print_warnings(&m);
	if (!j->outdir || store(j, &m, d) == 0) {
		rc = 0;
		if (j->view == V_DOC && !j->outdir)
			minutes_yaml_print(&m, stdout); /* opts_finish reports a failure */
		else if (j->view == V_ICS)
			ics(&m, &dc, &out);
		else if (j->view != V_DOC)
			print_view(&m, j->view, j->o.format);
		fwrite(out.buf, 1, out.len, stdout);
	}
	minutes_release(&m);
out_rules:
	minutes_rules_release(&mr);
out_dc:
	dirctx_release(&dc);
out_text:
	strbuf_release(&text);
	strbuf_release(&out);
	return rc;
}

int main(int argc, char **argv)
{
	struct job j;
	struct diag d = DIAG_INIT;
	int c, rc, deprecated = 0;

	memset(&j, 0, sizeof j);
	opts_start(&j.o, argv, &command);
	j.date = MINUTES_NO_DATE;
	while ((c = opts_next(&j.o, argc, argv)) != -1) {
		if (c == OPT_LANG && !deprecated++)
			diag_warn(NULL, 0, 0, "--lang is deprecated here; it is --input-lang");
		if (c == 'o')
			j.outdir = optarg;
		else if (c == OPT_INPUT_LANG || c == OPT_LANG)
			j.lang = optarg;
		else if (c == OPT_RULES)
			j.rules = optarg;
		else if (c == OPT_DUMP)
			j.dump = 1;
		else if (c == OPT_FORCE)
			j.force = 1;
		else if (c == OPT_DATE && (rc = civtime_parse_date(optarg, &j.date)) < 0) {
			opts_date_range(&j.o, rc, "--date", optarg);
			opts_usage_error(&j.o, "--date: invalid date '%s' (use 2026-11-23)",
					 optarg);
		} else if (c > OPT_VIEW && c <= OPT_VIEW + V_ICS) {
			if (j.view && j.view != (enum view)(c - OPT_VIEW))
				opts_usage_error(
					&j.o,
					"give one of --attendees, --updates, --capacity, --next and --ics");
			j.view = (enum view)(c - OPT_VIEW);
		}
	}
	if (argc - optind > 1)
		opts_usage_error(&j.o, "unexpected operand '%s'", argv[optind + 1]);
	if (j.dump && (optind < argc || j.view || j.outdir || j.date != MINUTES_NO_DATE))
		opts_usage_error(&j.o, "--dump-rules takes no FILE, view, -o or --date");
	if (j.o.format_given && (j.view == V_DOC || j.view == V_ICS))
		opts_usage_error(&j.o,
				 "-f applies to --attendees, --updates, --capacity and --next");
	if (optind < argc && strcmp(argv[optind], "-"))
		j.file = argv[optind];
	rc = run(&j, &d);
	if (rc < 0)
		diag_print(&d);
	return opts_finish(rc < 0 ? (int)d.status : DIAG_OK);
}
