#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changes.h"
#include "tap.h"
#include "testfile.h"
#include "banned.h"

static struct datadir dd;

static const char header[] = "change,ts,id,field,old,new,desk,advisor,reason\n";

/* Load body (after the header) as DIR/intake-changes.csv: 0, or -1 with d. */
static int load(struct changes *c, const char *body, struct diag *d)
{
	char file[4096];
	snprintf(file, sizeof file, "%s%s", header, body);
	testfile_put(CHANGES_FILE, file);
	changes_init(c);
	diag_clear(d);
	return changes_load(c, &dd, NULL, NULL, d);
}

/* The first problem of body, as "LINE:COL: message". */
static const char *problem(const char *body)
{
	static char got[600];
	struct changes c;
	struct diag d = DIAG_INIT;
	if (load(&c, body, &d) == 0)
		snprintf(got, sizeof got, "no problem");
	else
		snprintf(got, sizeof got, "%ld:%ld: %s", d.line, d.col, d.msg);
	changes_release(&c);
	return got;
}

static const char *value(const struct changes *c, const char *id, int col)
{
	const struct changes_record *r = changes_find(c, id, strlen(id));
	const struct changes_field *f = r ? changes_field_of(r, col) : NULL;
	return f ? f->value : NULL;
}

static void test_fields(void)
{
	ok(changes_field_ok(INTAKE_STATUS) && changes_field_ok(INTAKE_NOTE) &&
		   changes_field_ok(INTAKE_TS) && changes_field_ok(INTAKE_CLIENT),
	   "status, note, ts and client may change");
	ok(!changes_field_ok(INTAKE_ID) && !changes_field_ok(INTAKE_DESK) &&
		   !changes_field_ok(INTAKE_ADVISOR) && !changes_field_ok(-1) &&
		   !changes_field_ok(INTAKE_NCOLS),
	   "id, desk and advisor do not");
	is_int(changes_field_index("referred_to"), INTAKE_REFERRED_TO,
	       "a field by its column name");
	is_int(changes_field_index("refer"), -1, "not by its option");
}

static void test_overlay(void)
{
	struct changes c;
	struct diag d = DIAG_INIT;
	const struct changes_record *r;

	testfile_put(CHANGES_FILE, "");
	unlink(testfile_path(CHANGES_FILE));
	changes_init(&c);
	is_int(changes_load(&c, &dd, NULL, NULL, &d), 0, "no file: no changes");
	ok(!changes_find(&c, "2026-000001", 11) && c.last == 0, "nothing found in it");
	changes_release(&c);

	is_int(load(&c,
		    "1,2026-11-20T09:00:00+01:00,2026-000002,status,open,referred,d1,a1,r\n"
		    "1,2026-11-20T09:00:00+01:00,2026-000002,referred_to,,svc,d1,a1,r\n"
		    "2,2026-11-21T09:00:00+01:00,2026-000001,note,\"a, \"\"b\"\"\",\"c\nd\",d2,,why\n"
		    "3,2026-11-22T09:00:00+01:00,2026-000002,status,referred,closed,d3,,done\n",
		    &d),
	       0, "a file of three updates loads");
	r = changes_find(&c, "2026-000002", 11);
	ok(r && r->version == 2 && r->change == 3 && !strcmp(r->desk, "d3") &&
		   !strcmp(r->ts, "2026-11-22T09:00:00+01:00") && !strcmp(r->advisor, ""),
	   "two updates of one record: version 2, the last one's who and when");
	is_str(value(&c, "2026-000002", INTAKE_STATUS), "closed", "the last status");
	is_str(value(&c, "2026-000002", INTAKE_REFERRED_TO), "svc", "a field changed once");
	is_str(value(&c, "2026-000001", INTAKE_NOTE), "c\nd", "a quoted value with a line feed");
	is_int(changes_find(&c, "2026-000001", 11)->version, 1, "one update: version 1");
	ok(!value(&c, "2026-000001", INTAKE_STATUS), "an unchanged field has no value");
	is_str(changes_field_of(changes_find(&c, "2026-000002", 11), INTAKE_STATUS)->first_old,
	       "open", "the first change's old value is kept");
	is_int(c.last, 3, "the largest change number");
	is_int(c.rows, 4, "four rows applied");
	ok(!changes_find(&c, "2026-00000", 10), "an id is found whole only");
	{
		char *field[INTAKE_NCOLS];
		size_t len[INTAKE_NCOLS];
		struct csvread_row in;
		struct changes_row out;
		const struct csvread_row *now;
		int k;
		for (k = 0; k < INTAKE_NCOLS; k++) {
			field[k] = (char *)intake_columns[k];
			len[k] = strlen(intake_columns[k]);
		}
		field[INTAKE_ID] = (char *)"2026-000002";
		len[INTAKE_ID] = 11;
		memset(&in, 0, sizeof in);
		in.n = INTAKE_NCOLS;
		in.field = field;
		in.len = len;
		now = changes_apply_row(changes_find(&c, "2026-000002", 11), &in, &out);
		ok(!strcmp(now->field[INTAKE_STATUS], "closed") && now->len[INTAKE_STATUS] == 6 &&
			   !strcmp(now->field[INTAKE_REFERRED_TO], "svc") &&
			   !strcmp(now->field[INTAKE_NOTE], "note") && now->line == NULL &&
			   field[INTAKE_STATUS] == intake_columns[INTAKE_STATUS],
		   "a fast-path row with its changes, without positions; the row given is untouched");
	}
	changes_release(&c);
}

static void test_problems(void)
{
	is_str(problem("1,2026-11-20T09:00:00+01:00,2026-000002,status,open,closed,d1,,r\n"
		       "1,2026-11-20T09:00:00+01:00,2026-000002,status,open,closed,d1,,r\n"),
	       "3:41: change 1 changes 'status' of '2026-000002' twice (line 2)",
	       "one field twice in one change");
	is_str(problem("1,2026-11-20T09:00:00+01:00,2026-000002,status,open,referred,d1,,r\n"
		       "2,2026-11-20T09:00:00+01:00,2026-000002,status,open,closed,d1,,r\n"),
	       "3:48: old value 'open' is not what change 1 set (line 2): 'referred'",
	       "old does not chain");
	is_str(problem("2,2026-11-20T09:00:00+01:00,2026-000002,status,a,b,d1,,r\n"
		       "1,2026-11-20T09:00:00+01:00,2026-000003,status,a,b,d1,,r\n"),
	       "3:1: change 1 comes after change 2 (line 2)", "numbers go back");
	is_str(problem("0,2026-11-20T09:00:00+01:00,2026-000002,status,a,b,d1,,r\n"),
	       "2:1: change '0' is not a whole number from 1", "change 0");
	is_str(problem("1000000000000,2026-11-20T09:00:00+01:00,2026-000002,status,a,b,d1,,r\n"),
	       "2:1: change '1000000000000' is not a whole number from 1", "too large a number");
	is_str(problem("1,2026-11-20,2026-000002,status,a,b,d1,,r\n"),
	       "2:3: invalid time '2026-11-20'", "a date without time");
	is_str(problem("1,2026-11-20T09:00:00+01:00,2026-2,status,a,b,d1,,r\n"),
	       "2:29: id '2026-2' is not YYYY-NNNNNN", "a short id");
	is_str(problem("1,2026-11-20T09:00:00+01:00,2026-000002,id,a,b,d1,,r\n"),
	       "2:41: 'id' is not a field intake-update changes", "the id does not change");
	is_str(problem("1,2026-11-20T09:00:00+01:00,2026-000002,note,a,b,,,r\n"),
	       "2:50: desk '' is not a code (letters, digits, '.', '_', '-')", "no desk");
	is_str(problem("1,2026-11-20T09:00:00+01:00,2026-000002,note,a,b,d,a b,r\n"),
	       "2:52: advisor 'a b' is not a code (letters, digits, '.', '_', '-')",
	       "a bad advisor");
	is_str(problem("1,2026-11-20T09:00:00+01:00,2026-000002,note,a,b,d,,\n"),
	       "2:53: a change needs a reason", "no reason");
	is_str(problem("1,2026-11-20T09:00:00+01:00,2026-000002,note,a,b,d,\n"),
	       "2:1: record has 8 fields instead of 9", "a field short");
	is_str(problem("1,2026-11-20T09:00:00+01:00,2026-000002,note,a,b,d,,r\n"
		       "2,2026-11-20T09:00:00+01:00,2026-000002,note,b,\"c"),
	       "no problem", "an incomplete last row (a write under way) is skipped");
}

static int collect(void *ctx, const struct diag *d)
{
	char *got = ctx;
	snprintf(got + strlen(got), 600 - strlen(got), "%ld;", d->line);
	return 0;
}

static void test_report(void)
{
	struct changes c;
	struct diag d = DIAG_INIT;
	char got[600] = "";

	testfile_put(CHANGES_FILE,
		     "change,ts,id,field,old,new,desk,advisor,reason\n"
		     "1,2026-11-20T09:00:00+01:00,2026-000002,status,open,referred,d1,,r\n"
		     "x,2026-11-20T09:00:00+01:00,2026-000002,status,a,b,d1,,r\n"
		     "2,2026-11-20T09:00:00+01:00,2026-000002,status,open,closed,d1,,r\n"
		     "3,2026-11-20T09:00:00+01:00,2026-000003,status,open,closed,d1,,r\n");
	changes_init(&c);
	is_int(changes_load(&c, &dd, collect, got, &d), 0,
	       "with a problem callback: every row read");
	is_str(got, "3;4;", "each problem heard, in file order");
	ok(changes_find(&c, "2026-000003", 11) &&
		   !strcmp(value(&c, "2026-000002", INTAKE_STATUS), "referred"),
	   "rows with problems are not applied, the others are");
	changes_release(&c);

	got[0] = '\0';
	testfile_put(CHANGES_FILE,
		     "change,ts,id,field,old,new,who,advisor,reason\n"
		     "1,2026-11-20T09:00:00+01:00,2026-000002,status,open,referred,d1,,r\n");
	changes_init(&c);
	is_int(changes_load(&c, &dd, collect, got, &d), 0, "a wrong header is a problem, heard");
	ok(!strcmp(got, "1;") && !c.ids.n, "and nothing after it is read");
	changes_release(&c);
}

static const char *number(const char *content)
{
	static char got[600];
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	long next = 0;

	testfile_put(CHANGES_FILE, content);
	if (datadir_lock(&dd, CHANGES_FILE, 5, &lk, &d) < 0)
		return "lock failed";
	if (changes_number(&lk, &next, &d) == 0)
		snprintf(got, sizeof got, "%ld", next);
	else
		snprintf(got, sizeof got, "error: %s", d.msg);
	datadir_unlock(&lk);
	return got;
}

static void test_number(void)
{
	is_str(number(""), "1", "an empty file: change 1");
	is_str(number(header), "1", "a header alone: change 1");
	is_str(number("change,ts,id,field,old,new,desk,advisor,reason\n"
		      "41,2026-11-20T09:00:00+01:00,2026-000002,note,\"a\nb\",c,d1,,r\n"
		      "41,2026-11-20T09:00:00+01:00,2026-000003,note,a,\"x\ny\",d1,,r\n\n"),
	       "42", "one more than the last row's, past a blank line and a quoted line feed");
	is_str(number("change,ts,id,field,old,new,desk,advisor,reason\nx,y\n"),
	       "error: the last row has no change number; cannot number the update",
	       "a last row without a number stops the update");
}

int main(void)
{
	struct diag d = DIAG_INIT;
	char cmd[96];

	if (testfile_mkdtemp("changes") < 0 || datadir_open(&dd, testfile_dir, &d) < 0)
		return 1;
	test_fields();
	test_overlay();
	test_problems();
	test_report();
	test_number();
	datadir_release(&dd);
	snprintf(cmd, sizeof cmd, "rm -rf %s", testfile_dir);
	return system(cmd) == 0 ? tap_done() : 1;
}
