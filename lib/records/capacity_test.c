#include "capacity.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "taxonomy.h"
#include "xalloc.h"
#include "banned.h"

static const char services_yaml[] =
	"version: 1\n"
	"country: CZ\n"
	"timezone: Europe/Prague\n"
	"organizations:\n"
	"  - id: domov-brana\n"
	"    name: Domov Brána z. s.\n"
	"    aliases: [Brána, Noclehárna U Brány]\n"
	"    services:\n"
	"      - id: brana-night\n"
	"        name: Noclehárna Brána\n"
	"        needs: [shelter]\n"
	"        capacity: {unit: beds, total: 30}\n"
	"  - id: poradna-svet\n"
	"    name: Poradna Svět o. p. s.\n"
	"    services:\n"
	"      - id: svet-legal\n"
	"        name: Právní poradna\n"
	"        needs: [legal-aid]\n"
	"      - id: svet-psych\n"
	"        name: Psychologická podpora\n"
	"        needs: [psych-support]\n"
	"        capacity: {unit: clients, total: 25}\n"
	"      - id: svet-rooms\n"
	"        name: Krizové byty\n"
	"        needs: [housing]\n"
	"        capacity: {unit: flats}\n";

static char tmpdir[64];

static char *write_file(const char *name, const char *text)
{
	char *path = xmalloc(strlen(tmpdir) + strlen(name) + 2);
	int fd;
	snprintf(path, strlen(tmpdir) + strlen(name) + 2, "%s/%s", tmpdir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
	return path;
}

struct fixture {
	struct taxonomy tax;
	struct services services;
	struct civtz *tz;
	struct fields_context ctx;
};

/* A record from "column=value" pairs, validated; the diagnostic as text. */
static int check(const struct fields_context *ctx, const char *const *kv, struct capacity_record *r,
		 struct strbuf *msg)
{
	struct diag d = DIAG_INIT;
	int rc;
	capacity_record_init(r);
	for (; *kv; kv++) {
		const char *eq = strchr(*kv, '=');
		char name[32];
		int c;
		snprintf(name, sizeof name, "%.*s", (int)(eq - *kv), *kv);
		for (c = 0; c < CAPACITY_NCOLS && strcmp(capacity_columns[c], name); c++)
			;
		if (c == CAPACITY_NCOLS)
			abort();
		capacity_record_set(r, (enum capacity_column)c, eq + 1);
	}
	rc = capacity_validate(r, ctx, NULL, &d);
	strbuf_reset(msg);
	if (rc < 0) {
		strbuf_addstr(msg, d.msg);
		if (d.hint[0])
			strbuf_addf(msg, " | hint: %s", d.hint);
		if (d.status != DIAG_DATA)
			strbuf_addstr(msg, " | not a data error");
	}
	return rc;
}

/* The stored record as a CSV-like line, or the error. */
static void expect(const struct fields_context *ctx, const char *const *kv, const char *want,
		   const char *name)
{
	struct capacity_record r;
	struct strbuf got = STRBUF_INIT;
	int c;
	if (check(ctx, kv, &r, &got) == 0)
		for (c = 0; c < CAPACITY_NCOLS; c++)
			strbuf_addf(&got, "%s%s", c ? "," : "", r.f[c].buf);
	is_str(got.buf, want, "%s", name);
	capacity_record_release(&r);
	strbuf_release(&got);
}

#define KV(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void test_validate(const struct fields_context *ctx)
{
	char note[CAPACITY_NOTE_MAX + 2];

	expect(ctx, KV("service=brana-night", "used=12"),
	       "2026-11-23,brana-night,beds,12,,,ok,manual,",
	       "defaults: today, unit, status, source");
	expect(ctx, KV("service= Brana-Night ", "used= 007", "total=030", "date= 2026-11-20 "),
	       "2026-11-20,brana-night,beds,7,30,,ok,manual,",
	       "trimmed, folded, leading zeros dropped");
	expect(ctx, KV("service=brana-night", "used=27"),
	       "2026-11-23,brana-night,beds,27,,,near-full,manual,",
	       "27 of 30 is near-full (90 %)");
	expect(ctx, KV("service=brana-night", "used=26"),
	       "2026-11-23,brana-night,beds,26,,,ok,manual,", "26 of 30 is ok");
	expect(ctx, KV("service=brana-night", "used=30"),
	       "2026-11-23,brana-night,beds,30,,,full,manual,", "30 of 30 is full");
	expect(ctx, KV("service=brana-night", "used=31"),
	       "--used: used 31 is more than the total 30 of services.yaml | hint: a service over its capacity is full: say so with status full",
	       "over the services.yaml total without status full");
	expect(ctx, KV("service=brana-night", "used=31", "status=FULL"),
	       "2026-11-23,brana-night,beds,31,,,full,manual,", "over the total, stated full");
	expect(ctx, KV("service=brana-night", "used=31", "total=35"),
	       "2026-11-23,brana-night,beds,31,35,,ok,manual,", "the row's total counts first");
	expect(ctx, KV("service=brana-night", "used=12", "total=10", "status=near-full"),
	       "--used: used 12 is more than the total 10 | hint: a service over its capacity is full: say so with status full",
	       "over the row's total");
	expect(ctx, KV("service=brana-night", "status=full"),
	       "2026-11-23,brana-night,beds,,,,full,manual,", "a status alone is an observation");
	expect(ctx, KV("service=brana-night"),
	       "--status: nothing observed: give used, total, waiting or a status",
	       "nothing observed");
	expect(ctx, KV("service=brana-night", "status=unknown"),
	       "--status: nothing observed: give used, total, waiting or a status",
	       "unknown alone is nothing");
	expect(ctx, KV("service=brana-night", "waiting=4"),
	       "2026-11-23,brana-night,beds,,,4,unknown,manual,", "waiting alone; status unknown");
	expect(ctx, KV("service=brana-night", "status=plno"),
	       "--status: 'plno' is not one of ok, near-full, full, unknown", "bad status");

	expect(ctx, KV("service=domov-brana", "used=3"),
	       "2026-11-23,brana-night,beds,3,,,ok,manual,",
	       "an organization of one service is that service");
	expect(ctx, KV("service=poradna-svet", "unit=Clients", "used=20"),
	       "2026-11-23,svet-psych,clients,20,,,ok,manual,",
	       "the one service of the organization in that unit");
	expect(ctx, KV("service=poradna-svet", "unit=flats", "used=4"),
	       "2026-11-23,svet-rooms,flats,4,,,unknown,manual,",
	       "a capacity without total: status unknown");
	expect(ctx, KV("service=poradna-svet", "unit=places", "waiting=9"),
	       "2026-11-23,poradna-svet,places,,,9,unknown,manual,",
	       "no service in that unit: the organization");
	expect(ctx, KV("service=poradna-svet", "status=full"),
	       "2026-11-23,poradna-svet,,,,,full,manual,", "an organization's status without unit");
	expect(ctx, KV("service=poradna-svet", "used=4"),
	       "--unit: a unit is required with numbers | hint: 'poradna-svet' is an organization of several services: give the unit, or the id of one of them",
	       "numbers for an organization need a unit");
	expect(ctx, KV("service=svet-legal", "used=4"),
	       "--unit: a unit is required with numbers | hint: 'svet-legal' has no capacity unit in services.yaml; say what is counted, such as beds",
	       "numbers for a service without capacity need a unit");
	expect(ctx, KV("service=svet-legal", "used=4", "unit=clients"),
	       "2026-11-23,svet-legal,clients,4,,,unknown,manual,",
	       "a service without capacity takes any unit");
	expect(ctx, KV("service=brana-night", "unit=families", "used=4"),
	       "--unit: unit 'families' is not the capacity unit of 'brana-night' | hint: services.yaml counts 'brana-night' in beds",
	       "unit of another kind");
	expect(ctx, KV("service=brana-night", "unit=families", "total=4"),
	       "--unit: unit 'families' is not the capacity unit of 'brana-night' | hint: services.yaml counts 'brana-night' in beds",
	       "a total of another kind");
	expect(ctx, KV("service=brana-night", "unit=persons", "waiting=5", "status=full"),
	       "2026-11-23,brana-night,persons,,,5,full,manual,",
	       "a waiting list alone may count people");
	expect(ctx, KV("service=domov-brana", "unit=persons", "waiting=5"),
	       "2026-11-23,brana-night,persons,,,5,unknown,manual,",
	       "so may an organization's of one service");
	expect(ctx, KV("service=svet-legal", "unit=two words", "used=4"),
	       "--unit: invalid unit 'two words' | hint: a unit is one word, such as 'beds', 'families' or 'places'",
	       "a unit is one word");
	expect(ctx, KV("service=svet-legal", "unit=lůžka", "used=4"),
	       "2026-11-23,svet-legal,lůžka,4,,,unknown,manual,", "a unit in Czech");

	expect(ctx, KV("service=brana-nihgt", "used=1"),
	       "--service: unknown service or organization 'brana-nihgt' | hint: did you mean 'brana-night'?",
	       "a mistyped service id");
	expect(ctx, KV("service=nocleharna-u-brany", "used=1"),
	       "--service: unknown service or organization 'nocleharna-u-brany' | hint: did you mean 'domov-brana'?",
	       "an alias written as an id (minutes-parse slug)");
	expect(ctx, KV("service=poradna-svet-o-p", "used=1"),
	       "--service: unknown service or organization 'poradna-svet-o-p' | hint: did you mean 'poradna-svet'?",
	       "a name cut short");
	expect(ctx, KV("service=charita-dolni-lhota", "used=1"),
	       "--service: unknown service or organization 'charita-dolni-lhota' | hint: if 'charita-dolni-lhota' names an organization in the minutes, add that name to its aliases in services.yaml",
	       "an organization nobody knows");
	expect(ctx, KV("service=", "used=1"),
	       "--service: a service or organization id is required | hint: ids are those of services.yaml, such as a service's 'id:'",
	       "service empty");

	expect(ctx, KV("service=brana-night", "used=12a"),
	       "--used: '12a' is not a whole number from 0 to 100000", "used not a number");
	expect(ctx, KV("service=brana-night", "total=-1"),
	       "--total: '-1' is not a whole number from 0 to 100000", "negative total");
	expect(ctx, KV("service=brana-night", "waiting=100001"),
	       "--waiting: '100001' is not a whole number from 0 to 100000", "waiting too large");
	expect(ctx, KV("service=brana-night", "waiting=100000"),
	       "2026-11-23,brana-night,beds,,,100000,unknown,manual,", "waiting at the limit");

	expect(ctx, KV("service=brana-night", "used=1", "date=2026-11-31"),
	       "--date: invalid date '2026-11-31' | hint: write it as 2026-11-23",
	       "a date that does not exist");
	expect(ctx, KV("service=brana-night", "used=1", "date=23. 11. 2026"),
	       "--date: invalid date '23. 11. 2026' | hint: write it as 2026-11-23",
	       "a Czech date");
	expect(ctx, KV("service=brana-night", "used=1", "date=2026-11-24"),
	       "--date: date '2026-11-24' is in the future", "tomorrow");

	expect(ctx, KV("service=brana-night", "used=1", "source=Minutes:2026-11-19"),
	       "2026-11-23,brana-night,beds,1,,,ok,minutes:2026-11-19,", "minutes source folded");
	expect(ctx, KV("service=brana-night", "used=1", "source=minutes:2026-11-24"),
	       "--source: the meeting of 'minutes:2026-11-24' is in the future",
	       "minutes of tomorrow");
	expect(ctx, KV("service=brana-night", "used=1", "source=email"),
	       "--source: source 'email' is not 'manual' or 'minutes:YYYY-MM-DD' | hint: minutes:DATE names the meeting whose minutes stated it",
	       "unknown source");

	expect(ctx, KV("service=brana-night", "used=1", "note=@SUM(A1)"),
	       "2026-11-23,brana-night,beds,1,,,ok,manual,'@SUM(A1)", "formula note neutralised");
	expect(ctx, KV("service=brana-night", "used=1", "note=plno, \"zimní\" režim\n2. řádek"),
	       "2026-11-23,brana-night,beds,1,,,ok,manual,plno, \"zimní\" režim\n2. řádek",
	       "note kept as it is");
	memset(note, 'x', sizeof note - 1);
	note[sizeof note - 1] = '\0';
	{
		struct strbuf kv = STRBUF_INIT;
		strbuf_addf(&kv, "note=%s", note);
		expect(ctx, KV("service=brana-night", "used=1", kv.buf),
		       "--note: note is longer than 10000 bytes", "note too long");
		strbuf_release(&kv);
	}
}

static void test_origin(const struct fields_context *ctx)
{
	struct capacity_record r;
	struct fields_origin o = { "-",
				   { 2, 2, 2, 2, 2, 2, 2, 2, 2 },
				   { 1, 12, 20, 26, 30, 33, 35, 38, 45 } };
	struct diag d = DIAG_INIT;

	capacity_record_init(&r);
	capacity_record_set(&r, CAPACITY_SERVICE, "brana-night");
	capacity_record_set(&r, CAPACITY_WAITING, "x");
	ok(capacity_validate(&r, ctx, &o, &d) < 0, "batch error");
	is_str(d.file, "-", "error names standard input");
	is_int(d.line, 2, "error line");
	is_int(d.col, 33, "error column of waiting");
	is_str(d.msg, "waiting 'x' is not a whole number from 0 to 100000",
	       "error message without option");
	capacity_record_release(&r);
}

static void test_no_services(const struct fields_context *base)
{
	struct fields_context ctx = *base;
	struct capacity_record r;
	struct strbuf msg = STRBUF_INIT;

	ctx.services = NULL;
	ok(check(&ctx, KV("service=brana-night", "used=1"), &r, &msg) < 0, "without services.yaml");
	is_str(msg.buf,
	       "--service: unknown service or organization 'brana-night' | hint: the data directory has no services.yaml",
	       "without services.yaml: the hint says so");
	capacity_record_release(&r);
	strbuf_release(&msg);
}

static void test_today_in_zone(const struct fields_context *base)
{
	struct fields_context ctx = *base;
	struct capacity_record r;
	struct strbuf msg = STRBUF_INIT;
	int off;

	/* 23:30 UTC on the 22nd is already the 23rd in Prague */
	civtime_parse_ts("2026-11-22T23:30:00Z", NULL, &ctx.now, &off);
	ok(check(&ctx, KV("service=brana-night", "used=1", "date=2026-11-23"), &r, &msg) == 0,
	   "today is the directory's date: %s", msg.buf);
	capacity_record_release(&r);
	ok(check(&ctx, KV("service=brana-night", "used=1"), &r, &msg) == 0, "empty date");
	is_str(r.f[CAPACITY_DATE].buf, "2026-11-23", "empty date is the local date");
	capacity_record_release(&r);
	strbuf_release(&msg);
}

static void test_header(void)
{
	char good0[] = "date", good1[] = "service", good2[] = "unit", good3[] = "used",
	     good4[] = "total", good5[] = "waiting", good6[] = "status", good7[] = "source",
	     good8[] = "note", good9[] = "x", bad2[] = "units";
	char *good[] = { good0, good1, good2, good3, good4, good5, good6, good7, good8, good9 };
	char *bad[] = { good0, good1, bad2 };
	long col[] = { 1, 6, 14, 19, 24, 30, 38, 45, 52, 57 };
	struct diag d = DIAG_INIT;

	ok(fields_check_header(&capacity_schema, good, 9, "capacity.csv", col, &d) == 0,
	   "header accepted");
	ok(fields_check_header(&capacity_schema, good, 10, "capacity.csv", col, &d) < 0,
	   "extra column refused");
	is_str(d.msg, "header has an extra column 'x'", "extra column message");
	is_int(d.col, 57, "extra column position");
	ok(fields_check_header(&capacity_schema, bad, 3, "capacity.csv", col, &d) < 0,
	   "wrong column refused");
	is_str(d.msg, "header has 'units' where 'unit' belongs", "wrong column message");
	is_int(d.col, 14, "wrong column position");
	ok(fields_check_header(&capacity_schema, good, 4, "capacity.csv", col, &d) < 0,
	   "short header refused");
	is_str(d.msg, "header lacks column 'total'", "short header message");
}

static int read_history(struct capacity_history *h, const char *text, long as_of, struct diag *d)
{
	char *path = write_file("capacity.csv", text);
	int fd = open(path, O_RDONLY), rc;
	rc = capacity_history_read(h, fd, "capacity.csv", as_of, d);
	close(fd);
	free(path);
	return rc;
}

static long day(const char *s)
{
	long d;
	if (civtime_parse_date(s, &d) < 0)
		abort();
	return d;
}

static void test_history(void)
{
	static const char text[] =
		"\xEF\xBB\xBF"
		"date,service,unit,used,total,waiting,status,source,note\r\n"
		"2026-11-06,brana-night,beds,20,30,,ok,manual,\r\n"
		"2026-11-13,brana-night,beds,25,30,2,ok,manual,\"a, b\"\r\n"
		"2026-11-13,brana-night,beds,26,30,3,ok,manual,correction\r\n"
		"2026-11-20,brana-night,beds,30,30,5,full,manual,\r\n"
		"2026-11-27,brana-night,beds,1,30,,ok,manual,after the as-of date\r\n"
		"2026-11-10,svet-psych,clients,,,,near-full,minutes:2026-11-10,\r\n"
		"2026-11-01,svet-psych,clients,10,,,,manual,\"out of\n order\"\r\n"
		"2026-11-21,gone-service,beds,1,2,,ok,manual,\r\n"
		"2026-11-03,svet-psych,clients,11,,,ok,manual,torn";
	struct capacity_history h;
	const struct capacity_entry *e;
	struct diag d = DIAG_INIT;

	ok(read_history(&h, text, day("2026-11-23"), &d) == 0, "history read: %s", d.msg);
	is_int(h.n, 3, "three ids");
	is_int(h.torn, 11, "torn last record skipped");
	e = capacity_history_find(&h, "brana-night");
	ok(e && e->now.have_latest && e->now.have_previous, "brana-night has latest and previous");
	if (e) {
		is_int(e->now.latest.date, day("2026-11-20"),
		       "latest: the last day on or before as-of");
		is_int(e->now.latest.used, 30, "latest used");
		is_int(e->now.latest.status, CAPACITY_FULL, "latest status");
		is_int(e->now.latest.waiting, 5, "latest waiting");
		is_str(e->now.latest.unit, "beds", "latest unit");
		is_int(e->now.latest.line, 5, "latest line");
		is_int(e->now.previous.used, 26, "previous: the day's last record (a correction)");
		is_int(e->now.previous.line, 4, "previous line");
		is_int(e->first_line, 2, "first line of the id");
	}
	e = capacity_history_find(&h, "svet-psych");
	ok(e && e->now.have_latest && e->now.have_previous, "svet-psych has latest and previous");
	if (e) {
		is_int(e->now.latest.used, -1, "empty used is -1");
		is_int(e->now.latest.status, CAPACITY_NEAR_FULL, "status near-full");
		is_int(e->now.previous.date, day("2026-11-01"), "previous found out of file order");
		is_int(e->now.previous.status, CAPACITY_UNKNOWN, "empty status is unknown");
	}
	ok(capacity_history_find(&h, "gone-service") != NULL, "unknown ids are kept");
	ok(capacity_history_find(&h, "nothing") == NULL, "absent id");
	capacity_history_release(&h);

	ok(read_history(&h, text, day("2026-11-13"), &d) == 0, "history as of an earlier day");
	e = capacity_history_find(&h, "brana-night");
	ok(e && e->now.latest.used == 26 && e->now.previous.used == 20,
	   "as of 2026-11-13: 26, before 20");
	e = capacity_history_find(&h, "gone-service");
	ok(e && !e->now.have_latest, "an id seen only after the as-of date has no observation");
	capacity_history_release(&h);
}

static void history_error(const char *text, const char *want, const char *name)
{
	struct capacity_history h;
	struct diag d = DIAG_INIT;
	char got[1024];
	ok(read_history(&h, text, day("2026-11-23"), &d) < 0, "%s: refused", name);
	snprintf(got, sizeof got, "%s:%ld:%ld: %s", d.file, d.line, d.col, d.msg);
	is_str(got, want, "%s: message", name);
	capacity_history_release(&h);
}

static void test_history_errors(void)
{
	static const char head[] = "date,service,unit,used,total,waiting,status,source,note\n";
	char buf[512];

	history_error("date,service,units\n",
		      "capacity.csv:1:14: header has 'units' where 'unit' belongs", "bad header");
	snprintf(buf, sizeof buf, "%s2026-11-31,brana-night,beds,1,,,ok,manual,\n", head);
	history_error(buf, "capacity.csv:2:1: invalid date '2026-11-31'", "bad date");
	snprintf(buf, sizeof buf, "%s2026-11-20,brana-night,beds,1,x2,,ok,manual,\n", head);
	history_error(buf, "capacity.csv:2:31: total 'x2' is not a whole number from 0 to 100000",
		      "bad total");
	snprintf(buf, sizeof buf, "%s2026-11-20,brana-night,beds,1,,,plno,manual,\n", head);
	history_error(buf, "capacity.csv:2:33: 'plno' is not one of ok, near-full, full, unknown",
		      "bad status");
	snprintf(buf, sizeof buf, "%s2026-11-20,brana-night,two beds,1,,,ok,manual,\n", head);
	history_error(buf, "capacity.csv:2:24: invalid unit 'two beds'", "bad unit");
	snprintf(buf, sizeof buf, "%s2026-11-20,,beds,1,,,ok,manual,\n", head);
	history_error(buf, "capacity.csv:2:12: empty service", "empty service");
	snprintf(buf, sizeof buf, "%s2026-11-20,brana-night,beds,1,,,ok,manual\n", head);
	history_error(buf, "capacity.csv:2:1: record has 8 fields instead of 9", "short record");
}

int main(void)
{
	struct fixture fx;
	struct diag d = DIAG_INIT;
	char *path;
	int off;

	snprintf(tmpdir, sizeof tmpdir, "/tmp/capacity_test." TAP_TEMPLATE_TAIL);
	if (!mkdtemp(tmpdir))
		return 99;
	path = write_file("services.yaml", services_yaml);
	ok(taxonomy_load(&fx.tax, NULL, &d) == 0, "taxonomy");
	ok(services_load(&fx.services, path, &fx.tax, &d) == 0, "services: %s", d.msg);
	ok(civtz_load("Europe/Prague", &fx.tz, &d) == 0, "time zone: %s", d.msg);
	fx.ctx.services = &fx.services;
	fx.ctx.tz = fx.tz;
	civtime_parse_ts("2026-11-23T10:00:00+01:00", NULL, &fx.ctx.now, &off);

	test_validate(&fx.ctx);
	test_origin(&fx.ctx);
	test_no_services(&fx.ctx);
	test_today_in_zone(&fx.ctx);
	test_header();
	test_history();
	test_history_errors();

	services_release(&fx.services);
	taxonomy_release(&fx.tax);
	civtz_free(fx.tz);
	unlink(path);
	free(path);
	path = write_file("capacity.csv", "");
	unlink(path);
	free(path);
	rmdir(tmpdir);
	return tap_done();
}
