#include "report.h"
#include "report_text.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "intake.h"
#include "intakefile.h"
#include "tap.h"
#include "xalloc.h"
#include "banned.h"

static const char services_yaml[] =
	"version: 1\n"
	"country: CZ\n"
	"timezone: Europe/Prague\n"
	"organizations:\n"
	"  - id: domov-brana\n"
	"    name: Domov Brána z. s.\n"
	"    services:\n"
	"      - id: brana-night\n"
	"        name: Noclehárna\n"
	"        needs: [shelter, housing]\n"
	"        capacity: {unit: beds, total: 30}\n"
	"      - id: brana-family\n"
	"        name: Rodinné pokoje\n"
	"        needs: [housing]\n"
	"        capacity: {unit: families, total: 8}\n"
	"      - id: brana-day\n"
	"        name: Denní centrum\n"
	"        needs: [food-aid]\n"
	"        capacity: {unit: places, total: 10}\n"
	"  - id: poradna-svet\n"
	"    name: Poradna *Svět*\n"
	"    services:\n"
	"      - id: svet-legal\n"
	"        name: Právní poradna\n"
	"        needs: [legal-aid]\n"
	"      - id: svet-psych\n"
	"        name: Psychologická podpora\n"
	"        needs: [psych-support]\n"
	"        capacity: {unit: clients, total: 16}\n"
	"      - id: svet-rooms\n"
	"        name: Krizové byty\n"
	"        capacity: {unit: flats}\n";

static const char capacity_csv[] =
	"date,service,unit,used,total,waiting,status,source,note\n"
	"2026-11-13,brana-night,beds,25,30,,ok,manual,\n"
	"2026-11-20,brana-night,beds,31,30,,full,manual,over\n"
	"2026-11-09,brana-family,families,5,8,,ok,manual,\n"
	"2026-11-08,svet-psych,clients,15,,2,near-full,manual,\n"
	"2026-11-20,svet-rooms,flats,3,,,unknown,manual,\n"
	"2026-11-19,poradna-svet,clients,,,7,near-full,minutes:2026-11-19,\n"
	"2026-11-18,gone,beds,1,1,,full,manual,\n";

static const char intake_head[] =
	"id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note\n";

static char tmpdir[64];
static struct taxonomy tax;
static struct services services;

static char *path_of(const char *name)
{
	size_t n = strlen(tmpdir) + strlen(name) + 2;
	char *path = xmalloc(n);
	snprintf(path, n, "%s/%s", tmpdir, name);
	return path;
}

static void write_file(const char *name, const char *text, size_t len)
{
	char *path = path_of(name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, text, len) != (ssize_t)len)
		abort();
	close(fd);
	free(path);
}

static int open_file(const char *name)
{
	char *path = path_of(name);
	int fd = open(path, O_RDONLY);
	free(path);
	if (fd < 0)
		abort();
	return fd;
}

static long day(const char *s)
{
	long d;
	if (civtime_parse_date(s, &d) < 0)
		abort();
	return d;
}

static void load_history(struct capacity_history *h, long as_of)
{
	struct diag d = DIAG_INIT;
	int fd;
	write_file("capacity.csv", capacity_csv, strlen(capacity_csv));
	fd = open_file("capacity.csv");
	if (capacity_history_read(h, fd, "capacity.csv", as_of, &d) < 0)
		abort();
	close(fd);
}

static void render(const struct report *r, const struct report_view *v, struct strbuf *out)
{
	struct diag d = DIAG_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	ok(report_write(r, v, fp, &d) == 0, "report written");
	fclose(fp);
	strbuf_reset(out);
	strbuf_add(out, buf, len);
	free(buf);
}

static void test_rows(void)
{
	struct capacity_history h;
	struct report r;
	struct report_view v = { OUTPUT_CSV, TAXONOMY_EN, REPORT_GROUP_NONE, 0, &tax };
	struct strbuf out = STRBUF_INIT;

	load_history(&h, day("2026-11-23"));
	report_build(&r, &services, &h, day("2026-11-23"), 14, day("2026-11-16"),
		     day("2026-11-22"));
	report_finish(&r); /* no passes: the rows with a capacity or data */
	is_int(r.n, 6, "rows: services with a capacity or data, and the organization's own");
	is_int(r.nunknown, 1, "one id unknown to services.yaml");
	is_str(r.nunknown ? r.unknown[0]->id : "", "gone", "the unknown id");
	is_int(report_alert(&r), 1, "alert: full and stale");
	render(&r, &v, &out);
	is_str(out.buf,
	       "service,organization,unit,used,total,utilisation,free,waiting,change,referrals,turned_away,observed,flags\n"
	       "brana-night,domov-brana,beds,31,30,103.3,0,,6,0,0,2026-11-20,full\n"
	       "brana-family,domov-brana,families,5,8,62.5,3,,,0,0,2026-11-09,under-used\n"
	       "brana-day,domov-brana,places,,10,,,,,0,0,,no-data\n"
	       "svet-psych,poradna-svet,clients,15,16,93.8,1,2,,0,0,2026-11-08,near-full;stale\n"
	       "svet-rooms,poradna-svet,flats,3,,,,,,0,0,2026-11-20,\n"
	       "poradna-svet,poradna-svet,clients,,,,,7,,0,0,2026-11-19,near-full\n",
	       "rows, numbers and flags");
	report_release(&r);

	/* a day later brana-family is 15 days old: stale; as of 2026-11-19 brana-night was 25 of 30 */
	report_build(&r, &services, &h, day("2026-11-24"), 14, day("2026-11-16"),
		     day("2026-11-22"));
	report_finish(&r); /* no passes: the rows with a capacity or data */
	is_int(r.rows[1].flags, REPORT_UNDER_USED | REPORT_STALE, "15 days old is stale");
	report_release(&r);
	capacity_history_release(&h);
	load_history(&h, day("2026-11-19"));
	report_build(&r, &services, &h, day("2026-11-19"), 14, day("2026-11-16"),
		     day("2026-11-19"));
	report_finish(&r); /* no passes: the rows with a capacity or data */
	is_int(r.rows[0].used, 25, "as of an earlier day: that day's latest");
	is_int(r.rows[0].utilisation, 833, "25 of 30 is 83.3 %%");
	is_int(r.rows[0].flags, 0, "83.3 %% has no flag");
	ok(!r.rows[0].have_change, "no change without a previous observation");
	is_int(r.n, 6, "the organization's row is there (2026-11-19)");
	report_release(&r);
	report_build(&r, &services, &h, day("2026-11-19"), 0, day("2026-11-16"), day("2026-11-19"));
	report_finish(&r); /* no passes: the rows with a capacity or data */
	is_int(r.rows[0].flags, REPORT_STALE, "--stale-days 0: 6 days old is stale");
	report_release(&r);
	capacity_history_release(&h);
	strbuf_release(&out);
}

/* Referral counts of report_read_intake (fast path, two threads) against a
 * count made record by record through intakefile_next. */
struct counts {
	unsigned long n[8];
	long torn;
	int rc;
	char err[700];
};

static void reference(const char *name, struct report *r, struct counts *c)
{
	struct datadir dd = { tmpdir, -1 };
	struct diag d = DIAG_INIT;
	struct csvread_row *row;
	char since[16], until[16];
	char *path = path_of(name);
	struct intakefile *f = intakefile_open(&dd, path, &d);
	size_t i;

	memset(c, 0, sizeof *c);
	civtime_format_date(since, r->since);
	civtime_format_date(until, r->until);
	while ((c->rc = intakefile_next(f, &row, &d)) == 1) {
		const char *ts = row->field[INTAKE_TS], *p = row->field[INTAKE_REFERRED_TO];
		const char *end = p + row->len[INTAKE_REFERRED_TO];
		if (row->len[INTAKE_TS] < 10 || strncmp(ts, since, 10) < 0 ||
		    strncmp(ts, until, 10) > 0)
			continue;
		while (p < end) {
			const char *semi = memchr(p, ';', (size_t)(end - p));
			size_t len = (size_t)((semi ? semi : end) - p);
			for (i = 0; i < r->n && i < 8; i++)
				if (strlen(r->rows[i].id) == len && !memcmp(r->rows[i].id, p, len))
					c->n[i]++;
			p += len + 1;
		}
	}
	if (c->rc < 0)
		snprintf(c->err, sizeof c->err, "%ld:%ld: %s", d.line, d.col, d.msg);
	else
		c->torn = intakefile_torn(f);
	intakefile_close(f);
	free(path);
}

static void scanned(const char *name, struct report *r, struct counts *c)
{
	struct diag d = DIAG_INIT;
	char *path = path_of(name);
	struct intakefile *f = intakefile_open(NULL, path, &d);
	size_t i;

	free(path);
	memset(c, 0, sizeof *c);
	for (i = 0; i < r->n; i++)
		r->rows[i].referrals = 0;
	r->intake_torn = 0;
	c->rc = f ? report_read_intake(r, f, 2, &d) : -1;
	intakefile_close(f);
	for (i = 0; i < r->n && i < 8; i++)
		c->n[i] = r->rows[i].referrals;
	if (c->rc < 0)
		snprintf(c->err, sizeof c->err, "%ld:%ld: %s", d.line, d.col, d.msg);
	c->torn = r->intake_torn;
}

static void same(struct report *r, const char *what, const char *text, size_t len,
		 const char *want_err)
{
	struct counts a, b;
	struct strbuf got = STRBUF_INIT, ref = STRBUF_INIT;
	int i;

	write_file("intake.csv", text, len);
	reference("intake.csv", r, &a);
	scanned("intake.csv", r, &b);
	for (i = 0; i < 8; i++) {
		strbuf_addf(&ref, "%lu ", a.n[i]);
		strbuf_addf(&got, "%lu ", b.n[i]);
	}
	strbuf_addf(&ref, "torn %ld rc %d %s", a.torn, a.rc < 0 ? -1 : 0, a.err);
	strbuf_addf(&got, "torn %ld rc %d %s", b.torn, b.rc, b.err);
	is_str(got.buf, ref.buf, "%s: as intakefile reads it", what);
	if (want_err)
		is_str(b.err, want_err, "%s: the error", what);
	strbuf_release(&got);
	strbuf_release(&ref);
}

#define ROW(id, ts, ref, note) id "," ts ",d1,C1,f,,UA,uk,1,housing," ref ",yes,,referred," note

static void test_scanner(void)
{
	struct capacity_history h;
	struct report r;
	struct strbuf big = STRBUF_INIT;
	size_t i;
	static const char *const ok_inputs[][2] = {
		{ "plain rows",
		  ROW("2026-000001", "2026-11-16T08:00:00+01:00", "brana-night", "") "\n" ROW(
			  "2026-000002", "2026-11-22T18:00:00+01:00",
			  "brana-night;svet-psych;svet-legal",
			  "x") "\n" ROW("2026-000003", "2026-11-15T23:59:00+01:00", "brana-night",
					"before") "\n" ROW("2026-000004",
							   "2026-11-23T00:00:00+01:00",
							   "brana-night",
							   "after") "\n" ROW("2026-000005",
									     "2026-11-20T09:00:00+01:00",
									     "",
									     "no referral") "\n" ROW("2026-000006",
												     "2026-11-20T09:00:00+01:00",
												     "brana-night;brana-night",
												     "twice") "\n" ROW("2026-000007",
														       "2026",
														       "brana-night",
														       "short ts") "\n" ROW("2026-000008",
																	    "2026-11-20T09:00:00+01:00",
																	    "poradna-svet;;unknown",
																	    "") "\n" },
		{ "quoted fields, multi-line notes, CRLF, BOM, blank lines",
		  "\xEF\xBB\xBF"
		  "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note\r\n"
		  "\r\n"
		  "2026-000001,\"2026-11-17T08:00:00+01:00\",d1,C1,f,,UA,uk,1,housing,\"brana-night;svet-psych\",yes,,referred,\"a, \"\"b\"\"\r\nc\"\r\n"
		  "\n"
		  "2026-000002,2026-11-18T08:00:00+01:00,d1,C1,f,,UA,uk,1,housing,brana-family,yes,,referred,\"line\nline\nline\"\n"
		  "\"2026-000003\",2026-11-18T08:00:00+01:00,d1,C1,f,,UA,uk,1,housing,\"brana\"\"-night\",yes,,referred,\"\"\n"
		  "2026-000004,2026-11-18T08:00:00+01:00,d1,C1,f,,UA,uk,1,housing,brana-family,yes,,referred,Житло на ніч\r"
		  "2026-000005,2026-11-19T08:00:00+01:00,d1,C1,f,,UA,uk,1,housing,svet-rooms,yes,,referred,\"\"\"\"\n" },
		{ "a torn last record without line end",
		  ROW("2026-000001", "2026-11-16T08:00:00+01:00", "brana-night",
		      "") "\n" ROW("2026-000002", "2026-11-16T08:00:00+01:00", "brana-night",
				   "cut") },
		{ "a torn last record inside quotes",
		  ROW("2026-000001", "2026-11-16T08:00:00+01:00", "brana-night",
		      "") "\n" ROW("2026-000002", "2026-11-16T08:00:00+01:00", "brana-night",
				   "\"cut, \nin the") },
		{ "a torn record ending at a closing quote",
		  ROW("2026-000001", "2026-11-16T08:00:00+01:00", "brana-night", "\"ends\"") },
		{ "only the header", "" },
	};
	static const char *const bad_inputs[][3] = {
		{ "14 fields",
		  ROW("2026-000001", "2026-11-16T08:00:00+01:00", "brana-night",
		      "") "\n"
			  "2026-000002,2026-11-16T08:00:00+01:00,d1,C1,f,,UA,uk,1,housing,brana-night,yes,,x\n",
		  "3:1: record has 14 fields instead of 15" },
		{ "16 fields",
		  ROW("2026-000001", "2026-11-16T08:00:00+01:00", "brana-night", "a,b") "\n",
		  "2:1: record has 16 fields instead of 15" },
		{ "quote inside a field",
		  ROW("2026-000001", "2026-11-16T08:00:00+01:00", "brana-night", "say \"hi\"") "\n",
		  NULL },
		{ "text after a closing quote",
		  ROW("2026-000001", "2026-11-16T08:00:00+01:00", "brana-night",
		      "\"hi\" there") "\n",
		  NULL },
		{ "invalid UTF-8",
		  ROW("2026-000001", "2026-11-16T08:00:00+01:00", "brana-night",
		      "Žito \xC3\x28") "\n",
		  "2:95: invalid UTF-8 sequence starting with byte 0xC3" },
		{ "overlong UTF-8 in a quoted multi-line note",
		  ROW("2026-000001", "2026-11-16T08:00:00+01:00", "brana-night",
		      "\"a\nbc \xC0\xAF\"") "\n",
		  "3:4: invalid UTF-8 sequence starting with byte 0xC0" },
		{ "UTF-8 cut short by a comma",
		  "2026-000001,2026-11-16T08:00:00+01:00,d1,C\xE2\x82,f,,UA,uk,1,housing,brana-night,yes,,referred,\n",
		  NULL },
		{ "NUL byte",
		  ROW("2026-000001", "2026-11-16T08:00:00+01:00", "brana-night",
		      "a") "\n" ROW("2026-000002", "2026-11-16T08:00:00+01:00", "brana-night",
				    "b\0c") "\n",
		  "3:91: NUL byte" },
		{ "bad header", "id,ts,desk\n", "1:0: header lacks column 'client'" },
	};
	char head_buf[4096];

	load_history(&h, day("2026-11-23"));
	report_build(&r, &services, &h, day("2026-11-23"), 14, day("2026-11-16"),
		     day("2026-11-22"));
	for (i = 0; i < sizeof ok_inputs / sizeof *ok_inputs; i++) {
		const char *text = ok_inputs[i][1];
		strbuf_reset(&big);
		if (strncmp(text, "\xEF\xBB\xBF", 3) != 0)
			strbuf_addstr(&big, intake_head);
		strbuf_addstr(&big, text);
		same(&r, ok_inputs[i][0], big.buf, big.len, "");
	}
	for (i = 0; i < sizeof bad_inputs / sizeof *bad_inputs; i++) {
		size_t len = strlen(bad_inputs[i][1]);
		if (strstr(bad_inputs[i][0], "NUL"))
			len += strlen(bad_inputs[i][1] + len + 1) + 1;
		strbuf_reset(&big);
		if (strncmp(bad_inputs[i][1], "id,", 3) != 0)
			strbuf_addstr(&big, intake_head);
		strbuf_add(&big, bad_inputs[i][1], len);
		same(&r, bad_inputs[i][0], big.buf, big.len, bad_inputs[i][2]);
	}

	/* records across reads, a big note, a field over the limit */
	strbuf_reset(&big);
	strbuf_addstr(&big, intake_head);
	for (i = 0; i < 30000; i++)
		strbuf_addf(&big,
			    ROW("2026-%06zu", "2026-11-%02zuT08:00:00+01:00", "%s",
				"\"n, %zu\"") "\n",
			    i + 1, 10 + i % 15, i % 3 ? "brana-night" : "svet-psych;brana-family",
			    i);
	strbuf_addstr(&big, ROW("2026-100000", "2026-11-20T08:00:00+01:00", "svet-rooms", "\""));
	for (i = 0; i < 900000; i++)
		strbuf_addch(&big, i % 1000 ? 'x' : '\n');
	strbuf_addstr(&big, "\"\n");
	same(&r, "many records and a note of 900 kB", big.buf, big.len, "");
	strbuf_setlen(&big, big.len - 2);
	for (i = 0; i < 200000; i++)
		strbuf_addch(&big, 'y');
	strbuf_addstr(&big, "\"\n");
	same(&r, "a note over 1 MiB", big.buf, big.len,
	     "30002:89: field longer than 1048576 bytes");

	snprintf(head_buf, sizeof head_buf, "%s",
		 "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,notes\n");
	same(&r, "header with a wrong last column", head_buf, strlen(head_buf),
	     "1:105: header has 'notes' where 'note' belongs");
	same(&r, "empty file", "", 0, "");

	report_release(&r);
	capacity_history_release(&h);
	strbuf_release(&big);
}

static void test_turned_away(void)
{
	static const char text[] =
		"date,intake_id,service,outcome,reason,note\n"
		"2026-11-16,2026-000001,brana-night,rejected,lack-of-capacity,\n"
		"2026-11-22,2026-000002,brana-night,rejected,lack-of-capacity,\"plno, \"\"zima\"\"\"\n"
		"2026-11-15,2026-000003,brana-night,rejected,lack-of-capacity,before\n"
		"2026-11-23,2026-000004,brana-night,rejected,lack-of-capacity,after\n"
		"2026-11-20,2026-000005,brana-night,rejected,not-eligible,\n"
		"2026-11-20,2026-000006,svet-psych,accepted,,\n"
		"2026-11-20,2026-000007,svet-psych,rejected,lack-of-capacity,\n"
		"2026-11-20,2026-000008,gone,rejected,lack-of-capacity,\n"
		"2026-11-21,2026-000009,svet-psych,rejected,lack-of-capacity,torn";
	static const char bad_date[] =
		"date,intake_id,service,outcome,reason,note\n2026-11-32,x,y,rejected,,\n";
	static const char bad_header[] = "date,intake,service\n";
	struct capacity_history h;
	struct report r;
	struct diag d = DIAG_INIT;
	int fd;

	load_history(&h, day("2026-11-23"));
	report_build(&r, &services, &h, day("2026-11-23"), 14, day("2026-11-16"),
		     day("2026-11-22"));
	write_file("referrals.csv", text, strlen(text));
	fd = open_file("referrals.csv");
	ok(report_read_referrals(&r, fd, "referrals.csv", &d) == 0, "referrals.csv read: %s",
	   d.msg);
	close(fd);
	is_int(r.rows[0].turned_away, 2,
	       "brana-night: two rejections for lack of capacity in the period");
	is_int(report_find(&r, "svet-psych", 10)->turned_away, 1, "svet-psych: one");
	is_int(r.referrals_torn, 10, "torn last record skipped");

	write_file("referrals.csv", bad_date, strlen(bad_date));
	fd = open_file("referrals.csv");
	ok(report_read_referrals(&r, fd, "referrals.csv", &d) < 0, "bad date refused");
	close(fd);
	is_str(d.msg, "invalid date '2026-11-32'", "bad date message");
	is_int(d.line, 2, "bad date line");
	write_file("referrals.csv", bad_header, strlen(bad_header));
	fd = open_file("referrals.csv");
	ok(report_read_referrals(&r, fd, "referrals.csv", &d) < 0, "bad header refused");
	close(fd);
	is_str(d.msg, "header has 'intake' where 'intake_id' belongs", "bad header message");
	report_release(&r);
	capacity_history_release(&h);
}

static void test_views(void)
{
	struct capacity_history h;
	struct report r;
	struct report_view v = { OUTPUT_MD, TAXONOMY_CS, REPORT_GROUP_NONE, 3, &tax };
	struct strbuf out = STRBUF_INIT;

	load_history(&h, day("2026-11-23"));
	report_build(&r, &services, &h, day("2026-11-23"), 14, day("2026-11-16"),
		     day("2026-11-22"));
	report_finish(&r); /* no passes: the rows with a capacity or data */
	r.rows[0].referrals = 4;
	r.rows[0].turned_away = 2;
	r.rows[3].referrals = 3;
	/* by need: brana-night's four went to three contacts with housing, one with shelter */
	report_add_need_referrals(&r, "brana-night", "housing", 7, 3);
	report_add_need_referrals(&r, "brana-night", "shelter", 7, 1);
	report_add_need_referrals(&r, "svet-psych", "psych-support", 13, 3);
	render(&r, &v, &out);
	is_str(out.buf,
	       "# Přehled kapacit: 2026-11-23\n"
	       "\n"
	       "- služby: 6, s údaji: 5\n"
	       "- plno: 1, téměř plno: 2, málo využito: 1, zastaralé údaje: 1, bez údajů: 1\n"
	       "- volná místa: 0 beds, 3 families, 1 clients\n"
	       "- čekající: 9 clients\n"
	       "- doporučení 2026-11-16 – 2026-11-22: >=7, odmítnuto pro nedostatek kapacity: <3\n"
	       "\n"
	       "## Upozornění\n"
	       "\n"
	       "- plno: brana-night\n"
	       "- téměř plno: svet-psych, poradna-svet\n"
	       "- málo využito: brana-family\n"
	       "- zastaralé údaje: svet-psych\n"
	       "- bez údajů: brana-day\n"
	       "\n"
	       "## Služby\n"
	       "\n"
	       "| služba       | organizace   | jednotka | obsazeno | kapacita | využití | volno | čeká | změna | doporučení | odmítnuto | zjištěno   | upozornění                  |\n"
	       "| ------------ | ------------ | -------- | -------: | -------: | ------: | ----: | ---: | ----: | ---------: | --------: | ---------- | --------------------------- |\n"
	       "| brana-night  | domov-brana  | beds     |       31 |       30 |   103.3 |     0 |      |     6 |          4 |        <3 | 2026-11-20 | plno                        |\n"
	       "| brana-family | domov-brana  | families |        5 |        8 |    62.5 |     3 |      |       |         <3 |        <3 | 2026-11-09 | málo využito                |\n"
	       "| brana-day    | domov-brana  | places   |          |       10 |         |       |      |       |         <3 |        <3 |            | bez údajů                   |\n"
	       "| svet-psych   | poradna-svet | clients  |       15 |       16 |    93.8 |     1 |    2 |       |          3 |        <3 | 2026-11-08 | téměř plno, zastaralé údaje |\n"
	       "| svet-rooms   | poradna-svet | flats    |        3 |          |         |       |      |       |         <3 |        <3 | 2026-11-20 |                             |\n"
	       "| poradna-svet | poradna-svet | clients  |          |          |         |       |    7 |       |         <3 |        <3 | 2026-11-19 | téměř plno                  |\n",
	       "md in Czech with --min-count 3");

	v.format = OUTPUT_MD;
	v.lang = TAXONOMY_EN;
	v.group = REPORT_GROUP_ORGANIZATION;
	v.min_count = 0;
	render(&r, &v, &out);
	ok(strstr(out.buf, "\n### Domov Brána z. s.\n\n| service ") != NULL,
	   "md groups: a heading per organization");
	ok(strstr(out.buf, "\n### Poradna \\*Svět\\*\n") != NULL,
	   "md groups: Markdown in a name is escaped");

	v.format = OUTPUT_CSV;
	v.group = REPORT_GROUP_NEED;
	render(&r, &v, &out);
	is_str(out.buf,
	       "group,service,organization,unit,used,total,utilisation,free,waiting,change,referrals,turned_away,observed,flags\n"
	       "food-aid,brana-day,domov-brana,places,,10,,,,,0,0,,no-data\n"
	       "housing,brana-night,domov-brana,beds,31,30,103.3,0,,6,3,2,2026-11-20,full\n"
	       "housing,brana-family,domov-brana,families,5,8,62.5,3,,,0,0,2026-11-09,under-used\n"
	       "legal-aid,poradna-svet,poradna-svet,clients,,,,,7,,0,0,2026-11-19,near-full\n"
	       "psych-support,svet-psych,poradna-svet,clients,15,16,93.8,1,2,,3,0,2026-11-08,near-full;stale\n"
	       "psych-support,poradna-svet,poradna-svet,clients,,,,,7,,0,0,2026-11-19,near-full\n"
	       "shelter,brana-night,domov-brana,beds,31,30,103.3,0,,6,1,2,2026-11-20,full\n"
	       ",svet-rooms,poradna-svet,flats,3,,,,,,0,0,2026-11-20,\n",
	       "csv grouped by need: a row per need, codes, English flags");

	v.format = OUTPUT_TABLE;
	v.lang = TAXONOMY_PL;
	render(&r, &v, &out);
	is_str(out.buf,
	       "grupa                    usługa        organizacja   jednostka  zajęte  pojemność  wykorzystanie  wolne  oczekuje  zmiana  skierowania  odmowy  stan z dnia  uwagi\n"
	       "-----------------------  ------------  ------------  ---------  ------  ---------  -------------  -----  --------  ------  -----------  ------  -----------  ------------------------------\n"
	       "pomoc żywnościowa        brana-day     domov-brana   places                    10                                                    0       0               brak danych\n"
	       "mieszkanie               brana-night   domov-brana   beds           31         30          103.3      0                 6            3       2  2026-11-20   brak miejsc\n"
	       "mieszkanie               brana-family  domov-brana   families        5          8           62.5      3                              0       0  2026-11-09   słabo wykorzystane\n"
	       "pomoc prawna             poradna-svet  poradna-svet  clients                                                    7                    0       0  2026-11-19   prawie pełne\n"
	       "wsparcie psychologiczne  svet-psych    poradna-svet  clients        15         16           93.8      1         2                    3       0  2026-11-08   prawie pełne, nieaktualne dane\n"
	       "wsparcie psychologiczne  poradna-svet  poradna-svet  clients                                                    7                    0       0  2026-11-19   prawie pełne\n"
	       "schronisko               brana-night   domov-brana   beds           31         30          103.3      0                 6            1       2  2026-11-20   brak miejsc\n"
	       "brak                     svet-rooms    poradna-svet  flats           3                                                               0       0  2026-11-20\n",
	       "table grouped by need, in Polish");

	v.format = OUTPUT_JSON;
	v.group = REPORT_GROUP_NONE;
	v.min_count = 5;
	render(&r, &v, &out);
	strbuf_setlen(&out, strcspn(out.buf, "\n"));
	is_str(out.buf,
	       "{\"service\":\"brana-night\",\"organization\":\"domov-brana\",\"unit\":\"beds\",\"used\":31,\"total\":30,\"utilisation\":103.3,\"free\":0,\"waiting\":null,\"change\":6,\"referrals\":\"<5\",\"turned_away\":\"<5\",\"observed\":\"2026-11-20\",\"flags\":\"full\"}",
	       "json: numbers bare, suppressed counts as strings");
	report_release(&r);
	capacity_history_release(&h);
	strbuf_release(&out);
}

static void test_flag_names(void)
{
	is_str(report_flag_name(REPORT_NEAR_FULL, TAXONOMY_EN), "near-full",
	       "English flag name is the code");
	is_str(report_flag_name(REPORT_STALE, TAXONOMY_UK), "застарілі дані",
	       "Ukrainian flag name");
	is_str(report_flag_name(REPORT_FULL, TAXONOMY_PL), "brak miejsc", "Polish flag name");
}

int main(void)
{
	struct diag d = DIAG_INIT;
	char *path;

	snprintf(tmpdir, sizeof tmpdir, "/tmp/report_test." TAP_TEMPLATE_TAIL);
	if (!mkdtemp(tmpdir))
		return 99;
	write_file("services.yaml", services_yaml, strlen(services_yaml));
	path = path_of("services.yaml");
	ok(taxonomy_load(&tax, NULL, &d) == 0, "taxonomy");
	ok(services_load(&services, path, &tax, &d) == 0, "services: %s", d.msg);
	free(path);

	test_rows();
	test_scanner();
	test_turned_away();
	test_views();
	test_flag_names();

	services_release(&services);
	taxonomy_release(&tax);
	{
		static const char *const names[] = { "services.yaml", "capacity.csv", "intake.csv",
						     "referrals.csv" };
		size_t i;
		for (i = 0; i < 4; i++) {
			path = path_of(names[i]);
			unlink(path);
			free(path);
		}
	}
	rmdir(tmpdir);
	return tap_done();
}
