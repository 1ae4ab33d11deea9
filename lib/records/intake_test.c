#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intake.h"
#include "tap.h"
#include "banned.h"

static struct taxonomy tax;
static struct services svc;
static struct civtz *prague;
static struct fields_context ctx;
static struct intake_record rec;
static struct diag d;

static const char *top(void)
{
	const char *t = getenv("OKIENKO_TOP");
	return t && *t ? t : ".";
}

/* A valid minimal record from options: desk, client, nationality, needs. */
static void fresh(void)
{
	intake_record_release(&rec);
	intake_record_init(&rec);
	intake_record_set(&rec, INTAKE_DESK, "lbc-1");
	intake_record_set(&rec, INTAKE_CLIENT, "C3f9a01");
	intake_record_set(&rec, INTAKE_NATIONALITY, "UA");
	intake_record_set(&rec, INTAKE_NEEDS, "housing");
}

/* Validate rec after setting column c to value; "" when valid, else the error. */
static const char *check_with(const struct fields_origin *o, enum intake_column c,
			      const char *value)
{
	static char buf[1200];

	fresh();
	if (value)
		intake_record_set(&rec, c, value);
	diag_clear(&d);
	if (intake_validate(&rec, &ctx, o, &d) == 0)
		return "";
	if (d.status != DIAG_DATA)
		return "(not a data error)";
	if (d.file[0])
		snprintf(buf, sizeof buf, "%s:%ld:%ld: %s%s%s", d.file, d.line, d.col, d.msg,
			 d.hint[0] ? " / hint: " : "", d.hint);
	else
		snprintf(buf, sizeof buf, "%s%s%s", d.msg, d.hint[0] ? " / hint: " : "", d.hint);
	return buf;
}

static const char *check(enum intake_column c, const char *value)
{
	return check_with(NULL, c, value);
}

/* Column c of rec once validated with c set to value. */
static const char *stored(enum intake_column c, const char *value)
{
	const char *err = check(c, value);
	if (*err) {
		printf("# unexpected error: %s\n", err);
		return "(error)";
	}
	return rec.f[c].buf;
}

static void test_columns(void)
{
	int i, bad = 0;

	is_int(INTAKE_NCOLS, 15, "15 columns");
	is_str(intake_columns[0], "id", "first column id");
	is_str(intake_columns[INTAKE_NCOLS - 1], "note", "last column note");
	ok(intake_columns[INTAKE_NCOLS] == NULL, "the list is NULL-terminated");
	for (i = 0; i < INTAKE_NCOLS; i++)
		if (schema_column_index(&intake_schema, intake_columns[i]) != i)
			bad++;
	is_int(bad, 0, "intake_column_index of every column");
	is_int(schema_column_index(&intake_schema, "referred_to"), INTAKE_REFERRED_TO,
	       "referred_to");
	is_int(schema_column_index(&intake_schema, "refer"), -1, "an option name is not a column");
	is_int(schema_column_index(&intake_schema, "ID"), -1, "column names are case-sensitive");
	is_int(schema_column_index(&intake_schema, ""), -1, "\"\" is no column");
	for (i = 0, bad = 0; i < INTAKE_NCOLS; i++)
		if (intake_is_list((enum intake_column)i) !=
		    (i == INTAKE_LANGUAGE || i == INTAKE_NEEDS || i == INTAKE_REFERRED_TO))
			bad++;
	is_int(bad, 0, "the list columns are language, needs, referred_to");
}

static void test_header(void)
{
	char *f[INTAKE_NCOLS + 1];
	long col[INTAKE_NCOLS + 1];
	int i;

	for (i = 0; i < INTAKE_NCOLS; i++) {
		f[i] = (char *)intake_columns[i];
		col[i] = 10 * (i + 1);
	}
	f[INTAKE_NCOLS] = (char *)"extra";
	col[INTAKE_NCOLS] = 999;
	diag_clear(&d);
	is_int(fields_check_header(&intake_schema, f, INTAKE_NCOLS, "in.csv", col, &d), 0,
	       "the right header");
	is_int(fields_check_header(&intake_schema, f, INTAKE_NCOLS - 1, "in.csv", col, &d), -1,
	       "a short header");
	ok(d.status == DIAG_DATA && !strcmp(d.file, "in.csv") && d.line == 1 && d.col == 0,
	   "a short header: data error on line 1");
	is_str(d.msg, "header lacks column 'note'", "a short header: message");
	fields_check_header(&intake_schema, f, 0, "in.csv", col, &d);
	is_str(d.msg, "header lacks column 'id'", "an empty header lacks id");
	is_int(fields_check_header(&intake_schema, f, INTAKE_NCOLS + 1, "in.csv", col, &d), -1,
	       "a long header");
	ok(d.line == 1 && d.col == 999, "a long header: the extra column's position");
	is_str(d.msg, "header has an extra column 'extra'", "a long header: message");
	f[INTAKE_NATIONALITY] = (char *)"nationalty";
	is_int(fields_check_header(&intake_schema, f, INTAKE_NCOLS, "in.csv", col, &d), -1,
	       "a misspelt column");
	ok(d.line == 1 && d.col == 70, "a misspelt column: its position");
	is_str(d.msg, "header has 'nationalty' where 'nationality' belongs",
	       "a misspelt column: message");
	is_str(d.hint,
	       "the header must be: id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note",
	       "a misspelt column: the header as hint");
	f[INTAKE_NATIONALITY] = (char *)"nationality";
	f[INTAKE_NEEDS] = (char *)"language";
	f[INTAKE_LANGUAGE] = (char *)"needs";
	fields_check_header(&intake_schema, f, INTAKE_NCOLS, "in.csv", col, &d);
	is_str(d.msg, "header has 'needs' where 'language' belongs",
	       "swapped columns: the first difference");
}

static void test_defaults(void)
{
	is_str(check(INTAKE_NOTE, NULL), "", "the minimal record is valid");
	is_str(rec.f[INTAKE_TS].buf, "2026-11-23T14:05:00+01:00", "ts defaults to now in the zone");
	is_str(rec.f[INTAKE_HOUSEHOLD].buf, "1", "household defaults to 1");
	is_str(rec.f[INTAKE_CONSENT].buf, "no", "consent defaults to no");
	is_str(rec.f[INTAKE_STATUS].buf, "open", "status defaults to open");
	ok(!rec.f[INTAKE_SEX].len && !rec.f[INTAKE_AGE_GROUP].len && !rec.f[INTAKE_LANGUAGE].len &&
		   !rec.f[INTAKE_REFERRED_TO].len && !rec.f[INTAKE_ADVISOR].len &&
		   !rec.f[INTAKE_NOTE].len && !rec.f[INTAKE_ID].len,
	   "optional fields stay empty");
	is_str(rec.f[INTAKE_DESK].buf, "lbc-1", "desk kept");
	is_str(rec.f[INTAKE_NEEDS].buf, "housing", "needs kept");

	fresh();
	intake_record_set(&rec, INTAKE_REFERRED_TO, "brana-night");
	intake_record_set(&rec, INTAKE_CONSENT, "yes");
	ok(intake_validate(&rec, &ctx, NULL, &d) == 0, "a referral with consent");
	is_str(rec.f[INTAKE_STATUS].buf, "referred",
	       "status defaults to referred with referred_to");
	fresh();
	intake_record_set(&rec, INTAKE_REFERRED_TO, "svet-legal");
	intake_record_set(&rec, INTAKE_CONSENT, "yes");
	intake_record_set(&rec, INTAKE_STATUS, "closed");
	ok(intake_validate(&rec, &ctx, NULL, &d) == 0 &&
		   !strcmp(rec.f[INTAKE_STATUS].buf, "closed"),
	   "a referral may be closed");
}

static void test_normalise(void)
{
	is_str(stored(INTAKE_DESK, " \tlbc-1 \t"), "lbc-1", "desk trimmed");
	is_str(stored(INTAKE_CLIENT, " C.x_9-a "), "C.x_9-a",
	       "client trimmed, '.', '_', '-' allowed");
	is_str(stored(INTAKE_SEX, " F "), "f", "sex trimmed and folded");
	is_str(stored(INTAKE_SEX, "X"), "x", "sex X");
	is_str(stored(INTAKE_AGE_GROUP, " 18-59 "), "18-59", "age group trimmed");
	is_str(stored(INTAKE_AGE_GROUP, "60+"), "60+", "age group 60+");
	is_str(stored(INTAKE_NATIONALITY, " ua "), "UA", "nationality trimmed, upper case");
	is_str(stored(INTAKE_NATIONALITY, "xx"), "XX", "xx is XX, stateless or unknown");
	is_str(stored(INTAKE_LANGUAGE, "UK, ru;uk ; EN"), "uk;ru;en",
	       "languages: ',' and ';', trimmed, lower case, repeats dropped in order");
	is_str(stored(INTAKE_NEEDS, "Housing, LEGAL-AID;housing;;, ;"), "housing;legal-aid",
	       "needs: folded, deduplicated, empty items dropped");
	is_str(stored(INTAKE_NEEDS, "legal-aid;housing"), "legal-aid;housing",
	       "needs keep their order");
	is_str(stored(INTAKE_HOUSEHOLD, " 05 "), "5", "household trimmed, leading zero dropped");
	is_str(stored(INTAKE_HOUSEHOLD, "30"), "30", "household 30");
	is_str(stored(INTAKE_ADVISOR, " adv.1 "), "adv.1", "advisor trimmed");
	is_str(stored(INTAKE_STATUS, " Closed "), "closed", "status trimmed and folded");
	is_str(stored(INTAKE_CONSENT, "NO"), "no", "consent folded");
	is_str(stored(INTAKE_NOTE, "  spaces, \"quotes\"\nand lines  "),
	       "  spaces, \"quotes\"\nand lines  ", "the note is kept as written");

	fresh();
	intake_record_set(&rec, INTAKE_REFERRED_TO, "Brana-Night, svet-legal; brana-night");
	intake_record_set(&rec, INTAKE_CONSENT, " YES ");
	ok(intake_validate(&rec, &ctx, NULL, &d) == 0, "a list of referrals");
	is_str(rec.f[INTAKE_REFERRED_TO].buf, "brana-night;svet-legal", "referred_to normalised");
	is_str(rec.f[INTAKE_CONSENT].buf, "yes", "consent trimmed and folded");
}

static void test_formula(void)
{
	static const char *const notes[][2] = {
		{ "=1+1", "'=1+1" },
		{ "+420 555 010 101", "'+420 555 010 101" },
		{ "-5 beds", "'-5 beds" },
		{ "-5", "-5" },
		{ "-0.5", "-0.5" },
		{ "-", "'-" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "\tindented", "'\tindented" },
		{ "\rcarriage", "'\rcarriage" },
		{ "a=b", "a=b" },
		{ " =1", " =1" },
		{ "'quoted", "'quoted" },
		{ "", "" },
	};
	size_t i;

	for (i = 0; i < sizeof notes / sizeof *notes; i++)
		is_str(stored(INTAKE_NOTE, notes[i][0]), notes[i][1],
		       "note %zu neutralised when it starts a formula", i);
}

static void test_note_length(void)
{
	char *note = malloc(INTAKE_NOTE_MAX + 2);

	memset(note, 'a', INTAKE_NOTE_MAX + 1);
	note[INTAKE_NOTE_MAX] = '\0';
	is_str(check(INTAKE_NOTE, note), "", "a note of 10000 bytes");
	note[INTAKE_NOTE_MAX] = 'a';
	note[INTAKE_NOTE_MAX + 1] = '\0';
	is_str(check(INTAKE_NOTE, note), "--note: note is longer than 10000 bytes",
	       "a note of 10001 bytes");
	free(note);
}

static void test_ts(void)
{
	is_str(stored(INTAKE_TS, "2026-11-23T13:05:00Z"), "2026-11-23T14:05:00+01:00",
	       "UTC converted to the zone");
	is_str(stored(INTAKE_TS, "2026-11-23T09:30"), "2026-11-23T09:30:00+01:00",
	       "local time without offset, winter");
	is_str(stored(INTAKE_TS, "2026-07-01T10:00"), "2026-07-01T10:00:00+02:00",
	       "local time without offset, summer");
	is_str(stored(INTAKE_TS, "2026-07-01T23:30:00-05:00"), "2026-07-02T06:30:00+02:00",
	       "another offset converted: the local date changes");
	is_str(stored(INTAKE_TS, "2026-11-23T14:05+0100"), "2026-11-23T14:05:00+01:00",
	       "+HHMM offset");
	is_str(check(INTAKE_TS, "2026-03-29T02:30"),
	       "--ts: time '2026-03-29T02:30' does not exist in Europe/Prague / hint: the clocks moved forward over it that night; give the time after the change, or an offset",
	       "a local time in the spring gap is refused");
	is_str(stored(INTAKE_TS, "2026-11-23 14:05"), "2026-11-23T14:05:00+01:00",
	       "a space for the T");
	is_str(stored(INTAKE_TS, "2026-11-24T14:05:00+01:00"), "2026-11-24T14:05:00+01:00",
	       "exactly 24 hours ahead is accepted");
	is_str(check(INTAKE_TS, "2026-11-24T14:05:01+01:00"),
	       "--ts: time '2026-11-24T14:05:01+01:00' is in the future",
	       "24 hours and a second ahead is refused");
	is_str(check(INTAKE_TS, "2027-01-01T00:00"),
	       "--ts: time '2027-01-01T00:00' is in the future", "a later local time is refused");
	is_str(check(INTAKE_TS, "2026-13-01T10:00"),
	       "--ts: invalid time '2026-13-01T10:00' / hint: write it as 2026-11-23T14:05 or 2026-11-23T14:05:00+01:00",
	       "an impossible month");
	is_str(check(INTAKE_TS, "yesterday"),
	       "--ts: invalid time 'yesterday' / hint: write it as 2026-11-23T14:05 or 2026-11-23T14:05:00+01:00",
	       "not a time");
	is_str(check(INTAKE_TS, "2026-11-23"),
	       "--ts: invalid time '2026-11-23' / hint: write it as 2026-11-23T14:05 or 2026-11-23T14:05:00+01:00",
	       "a date alone is not a time");
}

static void test_errors(void)
{
	static const char not_code[] = "is not a code (letters, digits, '.', '_', '-'; at most 40)";
	char buf[256];
	char long_ref[42];

	is_str(check(INTAKE_DESK, ""), "--desk: must not be empty", "desk required");
	is_str(check(INTAKE_DESK, " \t "), "--desk: must not be empty", "a blank desk is missing");
	snprintf(buf, sizeof buf, "--desk: 'lbc 1' %s", not_code);
	is_str(check(INTAKE_DESK, "lbc 1"), buf, "desk with a space");
	snprintf(buf, sizeof buf, "--desk: '-lbc' %s", not_code);
	is_str(check(INTAKE_DESK, "-lbc"), buf, "desk starting with '-'");
	memset(long_ref, 'd', 40);
	long_ref[40] = '\0';
	is_str(check(INTAKE_DESK, long_ref), "", "a desk of 40 characters");
	long_ref[40] = 'd';
	long_ref[41] = '\0';
	snprintf(buf, sizeof buf, "--desk: '%s' %s", long_ref, not_code);
	is_str(check(INTAKE_DESK, long_ref), buf, "a desk of 41 characters");
	is_str(check(INTAKE_CLIENT, ""), "--client: must not be empty", "client required");
	/* the value is never repeated: it may be a name */
	snprintf(buf, sizeof buf,
		 "--client: the value given is not a pseudonymous reference (letters, digits, '.', '_', '-'; at most 40) / hint: client is a pseudonymous reference such as C3f9a01, never a name");
	is_str(check(INTAKE_CLIENT, "Jan Nov\xc3\xa1k"), buf, "a name as client, not repeated");
	is_str(check(INTAKE_CLIENT, "C\xc3\xa1"), buf, "client with a non-ASCII letter");
	snprintf(buf, sizeof buf, "--advisor: 'Jana N' %s", not_code);
	is_str(check(INTAKE_ADVISOR, "Jana N"), buf, "advisor with a space, no hint");
	is_str(check(INTAKE_SEX, "female"), "--sex: 'female' is not one of f, m, x or empty",
	       "sex");
	is_str(check(INTAKE_AGE_GROUP, "18-60"),
	       "--age-group: '18-60' is not one of 0-17, 18-59, 60+ or empty", "age group");
	is_str(check(INTAKE_NATIONALITY, ""),
	       "--nationality: must not be empty / hint: use XX when stateless or unknown",
	       "nationality required");
	is_str(check(INTAKE_NATIONALITY, "UKR"),
	       "--nationality: unknown country code 'UKR' / hint: did you mean 'UA'?",
	       "nationality as three letters");
	is_str(check(INTAKE_NATIONALITY, "uk"),
	       "--nationality: unknown country code 'UK' / hint: did you mean 'GB'?",
	       "nationality UK, folded");
	is_str(check(INTAKE_NATIONALITY, "QQ"),
	       "--nationality: unknown country code 'QQ' / hint: use an ISO 3166-1 alpha-2 code such as UA, or XX when unknown",
	       "nationality with no suggestion");
	is_str(check(INTAKE_LANGUAGE, "cs;ua"),
	       "--language: unknown language code 'ua' / hint: did you mean 'uk'?", "language");
	is_str(check(INTAKE_LANGUAGE, "cs, CZ"),
	       "--language: unknown language code 'cz' / hint: did you mean 'cs'?",
	       "language folded before the check");
	is_str(check(INTAKE_HOUSEHOLD, "0"), "--household: '0' is not a whole number from 1 to 30",
	       "household 0");
	is_str(check(INTAKE_HOUSEHOLD, "31"),
	       "--household: '31' is not a whole number from 1 to 30", "household 31");
	is_str(check(INTAKE_HOUSEHOLD, "-1"),
	       "--household: '-1' is not a whole number from 1 to 30", "household -1");
	is_str(check(INTAKE_HOUSEHOLD, "+5"),
	       "--household: '+5' is not a whole number from 1 to 30", "household +5");
	is_str(check(INTAKE_HOUSEHOLD, "2.5"),
	       "--household: '2.5' is not a whole number from 1 to 30", "household 2.5");
	is_str(check(INTAKE_HOUSEHOLD, "three"),
	       "--household: 'three' is not a whole number from 1 to 30", "household in words");
	is_str(check(INTAKE_HOUSEHOLD, "99999999999999999999"),
	       "--household: '99999999999999999999' is not a whole number from 1 to 30",
	       "household overflow");
	is_str(check(INTAKE_NEEDS, "housing;hosuing"),
	       "--needs: unknown need 'hosuing' / hint: did you mean 'housing'?", "need misspelt");
	is_str(check(INTAKE_NEEDS, "zzzzzzzzzz"), "--needs: unknown need 'zzzzzzzzzz'",
	       "need with no suggestion");
	is_str(check(INTAKE_NEEDS, ""),
	       "--needs: at least one need is required / hint: codes such as registration, housing, legal-aid (see okienko-files(5))",
	       "needs required");
	is_str(check(INTAKE_NEEDS, " ; , "),
	       "--needs: at least one need is required / hint: codes such as registration, housing, legal-aid (see okienko-files(5))",
	       "needs of separators only");

	fresh();
	intake_record_set(&rec, INTAKE_CONSENT, "yes");
	intake_record_set(&rec, INTAKE_REFERRED_TO, "brana-nigth");
	intake_validate(&rec, &ctx, NULL, &d);
	is_str(d.msg, "--referred-to: unknown service 'brana-nigth'", "service misspelt");
	is_str(d.hint, "did you mean 'brana-night'?", "service misspelt: hint");
	fresh();
	intake_record_set(&rec, INTAKE_CONSENT, "yes");
	intake_record_set(&rec, INTAKE_REFERRED_TO, "domov-brana");
	intake_validate(&rec, &ctx, NULL, &d);
	is_str(d.msg, "--referred-to: unknown service 'domov-brana'",
	       "an organization is not a service");

	is_str(check(INTAKE_CONSENT, "maybe"), "--consent: 'maybe' is not one of yes, no",
	       "consent");
	is_str(check(INTAKE_STATUS, "done"),
	       "--status: 'done' is not one of open, referred, closed", "status");
	is_str(check(INTAKE_STATUS, "referred"),
	       "--status: status 'referred' needs at least one service in referred_to",
	       "referred without a service");
	is_str(check(INTAKE_REFERRED_TO, "brana-night"),
	       "--consent: a referral needs the client's consent: consent must be 'yes' when referred_to is set"
	       " / hint: ask the client; without consent record the contact without --referred-to",
	       "a referral without consent");
	fresh();
	intake_record_set(&rec, INTAKE_CONSENT, "no");
	intake_record_set(&rec, INTAKE_REFERRED_TO, "brana-night");
	intake_validate(&rec, &ctx, NULL, &d);
	is_str(d.msg,
	       "--consent: a referral needs the client's consent: consent must be 'yes' when referred_to is set",
	       "a referral with consent no");

	fresh();
	intake_record_set(&rec, INTAKE_DESK, "");
	intake_record_set(&rec, INTAKE_CLIENT, "Jan Novak");
	intake_record_set(&rec, INTAKE_NEEDS, "hosuing");
	intake_validate(&rec, &ctx, NULL, &d);
	is_str(d.msg, "--desk: must not be empty", "the first problem in column order is reported");
}

static void test_no_services(void)
{
	struct fields_context none = ctx;

	none.services = NULL;
	fresh();
	intake_record_set(&rec, INTAKE_CONSENT, "yes");
	intake_record_set(&rec, INTAKE_REFERRED_TO, "brana-night");
	is_int(intake_validate(&rec, &none, NULL, &d), -1,
	       "without services.yaml a referral fails");
	is_str(d.msg, "--referred-to: unknown service 'brana-night'",
	       "without services.yaml: message");
	is_str(d.hint, "the data directory has no services.yaml", "without services.yaml: hint");
	fresh();
	is_int(intake_validate(&rec, &none, NULL, &d), 0,
	       "without services.yaml a contact without referral is fine");
}

static void test_file_origin(void)
{
	struct fields_origin o;
	int c;

	o.file = "batch.csv";
	for (c = 0; c < INTAKE_NCOLS; c++) {
		o.line[c] = 10 + c;
		o.col[c] = 100 + c;
	}
	is_str(check_with(&o, INTAKE_NEEDS, "legal-aid;hosuing"),
	       "batch.csv:19:109: unknown need 'hosuing' / hint: did you mean 'housing'?",
	       "file origin: the need's position, no option name");
	is_str(check_with(&o, INTAKE_TS, "2026-11-25T10:00"),
	       "batch.csv:11:101: time '2026-11-25T10:00' is in the future", "file origin: ts");
	is_str(check_with(&o, INTAKE_HOUSEHOLD, "0"),
	       "batch.csv:18:108: household '0' is not a whole number from 1 to 30",
	       "file origin: household");
	is_str(check_with(&o, INTAKE_NATIONALITY, "UKR"),
	       "batch.csv:16:106: unknown country code 'UKR' / hint: did you mean 'UA'?",
	       "file origin: nationality");
	is_str(check_with(&o, INTAKE_REFERRED_TO, "brana-night"),
	       "batch.csv:21:111: a referral needs the client's consent: consent must be 'yes' when referred_to is set"
	       " / hint: ask the client; without consent record the contact without --referred-to",
	       "file origin: consent");
	is_str(check_with(&o, INTAKE_NEEDS, ""),
	       "batch.csv:19:109: at least one need is required / hint: codes such as registration, housing, legal-aid (see okienko-files(5))",
	       "file origin: needs required");
	/* "is required" alone does not say which column is missing */
	is_str(check_with(&o, INTAKE_DESK, ""), "batch.csv:12:102: column 'desk' is required",
	       "file origin: a missing desk is named");
	is_str(check_with(&o, INTAKE_NATIONALITY, ""),
	       "batch.csv:16:106: column 'nationality' is required / hint: use XX when stateless or unknown",
	       "file origin: a missing nationality is named");
}

static void test_record(void)
{
	struct intake_record r;
	int i, empty = 0;

	intake_record_init(&r);
	for (i = 0; i < INTAKE_NCOLS; i++)
		if (r.f[i].len == 0 && r.f[i].buf[0] == '\0')
			empty++;
	is_int(empty, INTAKE_NCOLS, "a new record has every field empty");
	intake_record_set(&r, INTAKE_NOTE, "first, longer value");
	intake_record_set(&r, INTAKE_NOTE, "second");
	is_str(r.f[INTAKE_NOTE].buf, "second", "set replaces the value");
	is_int(r.f[INTAKE_NOTE].len, 6, "and its length");
	intake_record_release(&r);
	ok(r.f[INTAKE_NOTE].len == 0 && r.f[INTAKE_NOTE].alloc == 0, "release empties the fields");
}

static int setup(void)
{
	char path[4096];

	unsetenv("TZDIR");
	diag_clear(&d);
	if (taxonomy_load(&tax, NULL, &d) < 0)
		return -1;
	snprintf(path, sizeof path, "%s/testdata/fixtures/small/services.yaml", top());
	if (services_load(&svc, path, &tax, &d) < 0)
		return -1;
	if (civtz_load("Europe/Prague", &prague, &d) < 0)
		return -1;
	ctx.taxonomy = &tax;
	ctx.services = &svc;
	ctx.tz = prague;
	if (civtime_parse_ts("2026-11-23T14:05:00+01:00", NULL, &ctx.now, &(int){ 0 }) < 0)
		return diag_set(&d, DIAG_DATA, NULL, 0, 0, "cannot parse now");
	intake_record_init(&rec);
	return 0;
}

int main(void)
{
	if (setup() < 0) {
		printf("Bail out! %s: %s\n", d.file, d.msg);
		return 1;
	}
	test_columns();
	test_header();
	test_defaults();
	test_normalise();
	test_formula();
	test_note_length();
	test_ts();
	test_errors();
	test_no_services();
	test_file_origin();
	test_record();
	intake_record_release(&rec);
	services_release(&svc);
	taxonomy_release(&tax);
	civtz_free(prague);
	return tap_done();
}
