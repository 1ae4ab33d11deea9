#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "referral.h"
#include "tap.h"
#include "banned.h"

static char dir[64];

static void put(const char *name, const char *content)
{
	char path[128];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	fputs(content, f);
	fclose(f);
}

static void drop(const char *name)
{
	char path[128];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	unlink(path);
}

/* "LINE:COL: message" or "message", then " | hint" when there is one. */
static const char *said(const struct diag *d)
{
	static char buf[1024];
	if (d->line)
		snprintf(buf, sizeof buf, "%ld:%ld: %s%s%s", d->line, d->col, d->msg,
			 d->hint[0] ? " | " : "", d->hint);
	else
		snprintf(buf, sizeof buf, "%s%s%s", d->msg, d->hint[0] ? " | " : "", d->hint);
	return buf;
}

static struct referral_record rec;

static void fill(const char *date, const char *id, const char *service, const char *outcome,
		 const char *reason, const char *note)
{
	referral_record_set(&rec, REFERRAL_DATE, date);
	referral_record_set(&rec, REFERRAL_INTAKE_ID, id);
	referral_record_set(&rec, REFERRAL_SERVICE, service);
	referral_record_set(&rec, REFERRAL_OUTCOME, outcome);
	referral_record_set(&rec, REFERRAL_REASON, reason);
	referral_record_set(&rec, REFERRAL_NOTE, note);
}

/* Validate from options; the message, or "ok". */
static const char *check(const struct fields_context *ctx)
{
	struct diag d = DIAG_INIT;
	if (referral_validate(&rec, ctx, NULL, &d) == 0)
		return "ok";
	return said(&d);
}

static void test_names(void)
{
	static char h0[] = "date", h1[] = "intake_id", h2[] = "service", h3[] = "outcome",
		    h4[] = "reason", h5[] = "note", h6[] = "x", b1[] = "intake";
	char *hdr[] = { h0, h1, h2, h3, h4, h5, h6 };
	char *bad[] = { h0, b1, h2 };
	static const long col[] = { 1, 6, 16, 24, 32, 39, 44 };
	struct diag d = DIAG_INIT;

	is_int(referral_outcome_parse("no-show"), REFERRAL_NO_SHOW, "outcome no-show");
	is_int(referral_outcome_parse("No-show"), -1, "outcomes are parsed exactly");
	is_int(referral_reason_parse("client-declined"), REFERRAL_CLIENT_DECLINED, "reason");
	is_int(referral_reason_parse(""), -1, "empty reason");
	ok(referral_needs_reason(REFERRAL_REJECTED) && referral_needs_reason(REFERRAL_WITHDRAWN) &&
		   !referral_needs_reason(REFERRAL_ACCEPTED) &&
		   !referral_needs_reason(REFERRAL_DONE) &&
		   !referral_needs_reason(REFERRAL_NO_SHOW),
	   "reasons for rejected and withdrawn");
	is_int(fields_check_header(&referral_schema, hdr, 6, "r.csv", col, &d), 0, "header ok");
	is_int(fields_check_header(&referral_schema, hdr, 7, "r.csv", col, &d), -1, "extra column");
	is_str(said(&d), "1:44: header has an extra column 'x'", "extra column message");
	is_int(fields_check_header(&referral_schema, bad, 3, "r.csv", col, &d), -1, "wrong column");
	is_str(said(&d),
	       "1:6: header has 'intake' where 'intake_id' belongs | the header must be: date,intake_id,service,outcome,reason,note",
	       "wrong column message");
	is_int(fields_check_header(&referral_schema, hdr, 2, "r.csv", col, &d), -1, "short header");
	is_str(said(&d), "1:0: header lacks column 'service'", "short header message");
}

static void test_validate(const struct fields_context *ctx, const struct fields_context *none)
{
	struct fields_origin o = { "-", { 2, 2, 2, 2, 2, 3 }, { 1, 12, 24, 36, 45, 50 } };
	struct diag d = DIAG_INIT;
	char big[REFERRAL_NOTE_MAX + 2];

	fill("", " 2026-215 ", "Brana-Night", "Accepted", "", "ok");
	is_str(check(ctx), "ok", "a valid record");
	is_str(rec.f[REFERRAL_DATE].buf, "2026-11-23", "date defaults to today in the zone");
	is_str(rec.f[REFERRAL_INTAKE_ID].buf, "2026-000215", "id written with six digits");
	is_str(rec.f[REFERRAL_SERVICE].buf, "brana-night", "service folded");
	is_str(rec.f[REFERRAL_OUTCOME].buf, "accepted", "outcome folded");

	fill("2026-11-23", "2026-0000007", "svet-legal", "rejected", " Lack-of-Capacity ", "");
	is_str(check(ctx), "ok", "rejected for lack of capacity");
	is_str(rec.f[REFERRAL_INTAKE_ID].buf, "2026-000007", "leading zeros dropped to six digits");
	is_str(rec.f[REFERRAL_REASON].buf, "lack-of-capacity", "reason trimmed and folded");
	fill("2026-11-01", "2026-000001", "svet-legal", "withdrawn", "client-declined", "");
	is_str(check(ctx), "ok", "withdrawn with a reason");

	fill("2026-11-24", "2026-000001", "svet-legal", "done", "", "");
	is_str(check(ctx), "--date: date '2026-11-24' is in the future", "tomorrow is the future");
	fill("2026-11-31", "2026-000001", "svet-legal", "done", "", "");
	is_str(check(ctx), "--date: invalid date '2026-11-31' | write it as 2026-11-23",
	       "no such day");
	fill("", "", "svet-legal", "done", "", "");
	is_str(check(ctx), "--intake-id: must not be empty", "intake required");
	fill("", "26-000001", "svet-legal", "done", "", "");
	is_str(check(ctx),
	       "--intake-id: '26-000001' is not an intake id | an intake id is the year and a number, such as 2026-000123",
	       "bad id");
	fill("", "2026-000000", "svet-legal", "done", "", "");
	is_str(check(ctx),
	       "--intake-id: '2026-000000' is not an intake id | an intake id is the year and a number, such as 2026-000123",
	       "number 0 is no id");
	fill("", "2026-000001", "svet-legl", "done", "", "");
	is_str(check(ctx), "--service: unknown service 'svet-legl' | did you mean 'svet-legal'?",
	       "service hint");
	fill("", "2026-000001", "", "done", "", "");
	is_str(check(ctx), "--service: must not be empty", "service required");
	fill("", "2026-000001", "svet-legal", "done", "", "");
	is_str(check(none),
	       "--service: unknown service 'svet-legal' | the data directory has no services.yaml",
	       "no services.yaml");
	fill("", "2026-000001", "svet-legal", "", "", "");
	is_str(check(ctx),
	       "--outcome: must not be empty | an outcome is one of accepted, rejected, done, no-show, withdrawn",
	       "outcome required");
	fill("", "2026-000001", "svet-legal", "noshow", "", "");
	is_str(check(ctx), "--outcome: unknown outcome 'noshow' | did you mean 'no-show'?",
	       "outcome hint");
	fill("", "2026-000001", "svet-legal", "lost", "", "");
	is_str(check(ctx),
	       "--outcome: unknown outcome 'lost' | an outcome is one of accepted, rejected, done, no-show, withdrawn",
	       "outcome without a near one");
	fill("", "2026-000001", "svet-legal", "rejected", "", "");
	is_str(check(ctx),
	       "--reason: outcome 'rejected' needs a reason | one of lack-of-capacity, not-eligible, unable-to-contact, client-declined, other",
	       "rejected needs a reason");
	fill("", "2026-000001", "svet-legal", "withdrawn", " ", "");
	is_str(check(ctx),
	       "--reason: outcome 'withdrawn' needs a reason | one of lack-of-capacity, not-eligible, unable-to-contact, client-declined, other",
	       "withdrawn needs a reason");
	fill("", "2026-000001", "svet-legal", "no-show", "other", "");
	is_str(check(ctx),
	       "--reason: a reason is recorded for rejected and withdrawn only, not for 'no-show' | leave the reason empty; the note may explain",
	       "no reason for no-show");
	fill("", "2026-000001", "svet-legal", "rejected", "not-elligible", "");
	is_str(check(ctx),
	       "--reason: unknown reason 'not-elligible' | did you mean 'not-eligible'?",
	       "reason hint");
	fill("", "2026-000001", "svet-legal", "rejected", "full", "");
	is_str(check(ctx),
	       "--reason: unknown reason 'full' | a reason is one of lack-of-capacity, not-eligible, unable-to-contact, client-declined, other",
	       "reason without a near one");

	fill("", "2026-000001", "svet-legal", "done", "", "@SUM(A1)");
	is_str(check(ctx), "ok", "formula note accepted");
	is_str(rec.f[REFERRAL_NOTE].buf, "'@SUM(A1)", "formula note neutralised");
	fill("", "2026-000001", "svet-legal", "done", "", "a, \"b\"\nc");
	check(ctx);
	is_str(rec.f[REFERRAL_NOTE].buf, "a, \"b\"\nc", "plain note kept");
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	fill("", "2026-000001", "svet-legal", "done", "", big);
	is_str(check(ctx), "--note: note is longer than 10000 bytes", "note limit");

	fill("", "2026-000001", "svet-legal", "rejected", "nope", "");
	ok(referral_validate(&rec, ctx, &o, &d) < 0 && !strcmp(d.file, "-"),
	   "batch error names the file");
	is_str(said(&d),
	       "2:45: unknown reason 'nope' | a reason is one of lack-of-capacity, not-eligible, unable-to-contact, client-declined, other",
	       "batch error position");
}

static const char intake_csv[] =
	"id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note\n"
	"2026-000001,2026-11-02T10:00:00+01:00,d,C1,,,UA,,1,housing,brana-night;svet-legal,yes,,referred,\"a\nb\"\n"
	"2026-000002,2026-11-03T10:00:00+01:00,d,C2,,,UA,,1,housing,,no,,open,\n"
	"2026-000003,2026-11-04T10:00:00+01:00,d,C3,,,UA,,1,legal-aid,svet-legal,yes,,referred,\n"
	"2026-000005,2026-11-05T10:00:00+01:00,d,C5,,,UA,,1,legal-aid,svet-legal,yes,,referred,\n"
	"broken row with too few fields\n";

static const char *intake_check(const struct referral_lookup *l, const char *date, const char *id,
				const char *service)
{
	struct diag d = DIAG_INIT;
	fill(date, id, service, "done", "", "");
	if (referral_check_intake(&rec, l, NULL, &d) == 0)
		return "ok";
	return said(&d);
}

static void test_lookup(const struct datadir *dd)
{
	struct referral_lookup l;
	const struct referral_intake *e;
	struct diag d = DIAG_INIT;

	put("intake.csv", intake_csv);
	referral_lookup_init(&l);
	referral_lookup_want(&l, "2026-000003");
	referral_lookup_want(&l, "2026-000001");
	referral_lookup_want(&l, "2026-1");
	referral_lookup_want(&l, "2026-000004");
	is_int(referral_lookup_run(&l, dd, &d), 0, "look-up stops at the id past the largest: %s",
	       d.msg);
	is_int(l.n, 3, "repeated ids wanted once");
	e = referral_lookup_get(&l, "2026-000001");
	ok(e && e->found && !strcmp(e->date, "2026-11-02") &&
		   !strcmp(e->referred_to, "brana-night;svet-legal"),
	   "first intake found");
	e = referral_lookup_get(&l, "2026-000004");
	ok(e && !e->found, "a gap in the ids is not found");
	ok(!l.read_to_end, "the file was not read to its end");
	is_str(intake_check(&l, "2026-11-02", "2026-000001", "svet-legal"), "ok",
	       "referred on that day");
	is_str(intake_check(&l, "2026-11-01", "2026-000001", "svet-legal"),
	       "--date: date '2026-11-01' is before the intake's date '2026-11-02'",
	       "before the intake");
	is_str(intake_check(&l, "2026-11-05", "2026-000003", "brana-night"),
	       "--service: intake '2026-000003' was not referred to 'brana-night' | it was referred to 'svet-legal' only",
	       "one referral");
	is_str(intake_check(&l, "2026-11-05", "2026-000001", "svet-psych"),
	       "--service: intake '2026-000001' was not referred to 'svet-psych' | it was referred to 'brana-night', 'svet-legal'",
	       "two referrals");
	is_str(intake_check(&l, "2026-11-05", "2026-000004", "svet-legal"),
	       "--intake-id: no intake '2026-000004' in intake.csv", "a gap, no hint");
	referral_lookup_release(&l);

	referral_lookup_init(&l);
	referral_lookup_want(&l, "2026-000002");
	is_int(referral_lookup_run(&l, dd, &d), 0, "look-up stops when all are found");
	is_str(intake_check(&l, "2026-11-05", "2026-000002", "svet-legal"),
	       "--service: intake '2026-000002' was not referred to 'svet-legal' | it was referred to no service",
	       "no referral");
	referral_lookup_release(&l);

	put("intake.csv",
	    "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note\n"
	    "2026-000001,2026-11-02T10:00:00+01:00,d,C1,,,UA,,1,housing,brana-night,yes,,referred,\n"
	    "2026-000002,2026-11-02T10:00:00+01:00,d,C1,,,UA,,1,housing,brana-night,yes,,referred,\n"
	    "2026-000003,2026-11-02T10:00");
	referral_lookup_init(&l);
	referral_lookup_want(&l, "2026-000003");
	is_int(referral_lookup_run(&l, dd, &d), 0, "an incomplete last record is skipped");
	ok(l.read_to_end, "read to the end");
	is_str(intake_check(&l, "2026-11-05", "2026-000003", "brana-night"),
	       "--intake-id: no intake '2026-000003' in intake.csv | the last intake is '2026-000002'",
	       "past the last intake");
	referral_lookup_release(&l);

	drop("intake.csv");
	referral_lookup_init(&l);
	referral_lookup_want(&l, "2026-000003");
	is_int(referral_lookup_run(&l, dd, &d), 0, "no intake.csv reads as empty");
	is_str(intake_check(&l, "2026-11-05", "2026-000003", "brana-night"),
	       "--intake-id: no intake '2026-000003' in intake.csv | intake.csv has no records",
	       "nothing to find");
	referral_lookup_release(&l);

	put("intake.csv", "id,ts\n");
	referral_lookup_init(&l);
	referral_lookup_want(&l, "2026-000003");
	is_int(referral_lookup_run(&l, dd, &d), -1, "a bad intake.csv is an error");
	ok(d.status == DIAG_DATA && strstr(d.msg, "header lacks column 'desk'"), "its message: %s",
	   d.msg);
	referral_lookup_release(&l);
	referral_lookup_init(&l);
	is_int(referral_lookup_run(&l, dd, &d), 0, "nothing wanted, nothing read");
	referral_lookup_release(&l);
}

static const char referrals_csv[] =
	"date,intake_id,service,outcome,reason,note\n"
	"2026-11-05,2026-000001,svet-legal,rejected,lack-of-capacity,\n"
	"2026-11-03,2026-000001,brana-night,accepted,,\n"
	"2026-11-04,2026-000001,svet-legal,accepted,,\"x\ny\"\n"
	"2026-11-10,2026-000001,svet-legal,done,,\n"
	"2026-11-12,2026-000003,svet-legal,withdrawn,other,\n";

static const char *load_error(const struct datadir *dd, const char *content)
{
	struct referral_table t;
	struct diag d = DIAG_INIT;
	put("referrals.csv", content);
	if (referral_table_load(&t, dd, 0, 30000, 30000, &d) == 0) {
		referral_table_release(&t);
		return "ok";
	}
	ok(t.n == 0 && !t.name, "a failed load leaves the table empty");
	return said(&d);
}

static void test_table(const struct datadir *dd)
{
	struct referral_table t;
	const struct referral_state *s;
	struct diag d = DIAG_INIT;
	long nov9, nov3, nov4, nov5;

	civtime_parse_date("2026-11-05", &nov5);
	civtime_parse_date("2026-11-09", &nov9);
	civtime_parse_date("2026-11-03", &nov3);
	civtime_parse_date("2026-11-04", &nov4);
	put("referrals.csv", referrals_csv);
	is_int(referral_table_load(&t, dd, nov3, nov9, nov9, &d), 0, "load: %s", d.msg);
	is_int(t.n, 2, "two referrals have an outcome by 2026-11-09");
	s = referral_table_find(&t, "2026-000001", "svet-legal;x", 10);
	ok(s && s->outcome == REFERRAL_ACCEPTED && s->reason == -1,
	   "the last row in file order is the state, whatever the dates");
	ok(s && s->first == nov4, "the earliest row is the first outcome");
	ok(s && s->turned_away == 1,
	   "a rejection for lack of capacity in the period, superseded or not");
	s = referral_table_find(&t, "2026-000001", "brana-night", 11);
	ok(s && s->outcome == REFERRAL_ACCEPTED && s->reason == -1 && s->first == nov3 &&
		   s->turned_away == 0,
	   "accepted");
	ok(!referral_table_find(&t, "2026-000001", "brana", 5), "a prefix of a service is not it");
	ok(!referral_table_find(&t, "2026-000003", "svet-legal", 10),
	   "an outcome after the date is not yet known");
	referral_table_release(&t);
	is_int(referral_table_load(&t, dd, nov4, nov4, nov9, &d), 0,
	       "load with a period before the rejection");
	s = referral_table_find(&t, "2026-000001", "svet-legal", 10);
	ok(s && s->turned_away == 0, "a rejection after the period is not counted");
	referral_table_release(&t);
	is_int(referral_table_load(&t, dd, nov5, nov5, nov9, &d), 0,
	       "load with the day of the rejection");
	s = referral_table_find(&t, "2026-000001", "svet-legal", 10);
	ok(s && s->turned_away == 1, "the period's bounds are inclusive");
	referral_table_release(&t);
	is_int(referral_table_load(&t, dd, 0, 30000, 30000, &d), 0, "load all");
	s = referral_table_find(&t, "2026-000001", "svet-legal", 10);
	ok(s && s->outcome == REFERRAL_DONE, "a later row replaces the state");
	referral_table_release(&t);

	put("referrals.csv",
	    "date,intake_id,service,outcome,reason,note\n"
	    "2026-11-05,2026-000001,svet-legal,done,,\n2026-11-06,2026-00");
	is_int(referral_table_load(&t, dd, 0, 30000, 30000, &d), 0, "torn tail skipped");
	is_int(t.torn, 3, "its line");
	referral_table_release(&t);

	is_str(load_error(dd, "date,intake,service,outcome,reason,note\n"),
	       "1:6: header has 'intake' where 'intake_id' belongs | the header must be: date,intake_id,service,outcome,reason,note",
	       "bad header");
	is_str(load_error(dd,
			  "date,intake_id,service,outcome,reason,note\n2026-11-05,2026-000001,svet-legal,done,\n"),
	       "2:1: record has 5 fields instead of 6", "field count");
	is_str(load_error(dd,
			  "date,intake_id,service,outcome,reason,note\n5.11.2026,2026-000001,svet-legal,done,,\n"),
	       "2:1: invalid date '5.11.2026'", "bad date");
	is_str(load_error(dd,
			  "date,intake_id,service,outcome,reason,note\n2026-11-05,C1,svet-legal,done,,\n"),
	       "2:12: 'C1' is not an intake id", "bad id");
	is_str(load_error(dd,
			  "date,intake_id,service,outcome,reason,note\n2026-11-05,2026-000001,svet-legal,lost,,\n"),
	       "2:35: unknown outcome 'lost'", "bad outcome");
	is_str(load_error(dd,
			  "date,intake_id,service,outcome,reason,note\n2026-11-05,2026-000001,svet-legal,rejected,full,\n"),
	       "2:44: unknown reason 'full'", "bad reason");
	drop("referrals.csv");
	is_int(referral_table_load(&t, dd, 0, 30000, 30000, &d), 0, "no referrals.csv is empty");
	is_int(t.n, 0, "no states");
	ok(!referral_table_find(&t, "2026-000001", "svet-legal", 10),
	   "nothing found in an empty table");
	referral_table_release(&t);
}

/*
 * referral_lookup_wanted, which keeps its place, against referral_lookup_get
 * (a search each time): ids asked in increasing order as in a block of
 * intake.csv, then from another block's start (back and forth), with one
 * place per reader.
 */
static void test_wanted(void)
{
	struct referral_lookup l;
	unsigned long x = 2463534242u;
	size_t at = 0, wrong = 0, found = 0, i;
	char id[32];
	int year;
	long seq;

	referral_lookup_init(&l);
	for (i = 0; i < 300; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		x &= 0xffffffffu;
		snprintf(id, sizeof id, "%d-%06lu", 2025 + (int)(x % 2), 1 + (x >> 4) % 2000);
		referral_lookup_want(&l, id);
	}
	referral_lookup_prepare(&l);
	for (i = 0; i < 20000; i++) {
		const struct referral_intake *got, *want;
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		x &= 0xffffffffu;
		/* mostly the next id; sometimes a jump back or ahead, or to another year */
		if (i == 0 || x % 50 == 0) {
			year = 2024 + (int)((x >> 8) % 4);
			seq = 1 + (long)((x >> 12) % 2100);
		} else if (++seq > 2100) {
			year++;
			seq = 1;
		}
		snprintf(id, sizeof id, "%d-%06ld", year, seq);
		got = referral_lookup_wanted(&l, &at, year, seq);
		want = referral_lookup_get(&l, id);
		found += want != NULL;
		if (got != want && wrong++ < 3)
			printf("# %s: wanted %p, get %p\n", id, (const void *)got,
			       (const void *)want);
	}
	is_int(wrong, 0, "referral_lookup_wanted from its place: the entry a search finds");
	ok(found > 500, "%zu of the ids asked are wanted", found);
	referral_lookup_release(&l);
}

int main(void)
{
	const char *top = getenv("OKIENKO_TOP");
	struct fields_context ctx, none;
	struct services services;
	struct datadir dd;
	struct diag d = DIAG_INIT;
	char path[4096];
	struct civtz *tz;

	snprintf(path, sizeof path, "%s/testdata/fixtures/small/services.yaml",
		 top && *top ? top : ".");
	if (services_load(&services, path, NULL, &d) < 0 ||
	    civtz_load("Europe/Prague", &tz, &d) < 0) {
		printf("Bail out! %s\n", d.msg);
		return 1;
	}
	snprintf(dir, sizeof dir, "/tmp/referral_test." TAP_TEMPLATE_TAIL);
	if (!mkdtemp(dir) || datadir_open(&dd, dir, &d) < 0) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	ctx.services = &services;
	ctx.tz = tz;
	ctx.now = 1795390200; /* 2026-11-22T23:30:00Z, 00:30 on the 23rd in Prague */
	none = ctx;
	none.services = NULL;
	referral_record_init(&rec);

	test_names();
	test_validate(&ctx, &none);
	test_lookup(&dd);
	test_wanted();
	test_table(&dd);

	referral_record_release(&rec);
	drop("intake.csv");
	rmdir(dir);
	datadir_release(&dd);
	civtz_free(tz);
	services_release(&services);
	return tap_done();
}
