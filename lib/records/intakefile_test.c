#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "intakefile.h"
#include "strbuf.h"
#include "tap.h"
#include "banned.h"

#define HEADER \
	"id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note\n"
#define REC1 "2026-000001,2026-11-23T09:00:00+01:00,lbc-1,C1,f,18-59,UA,uk,1,housing,,no,,open,\n"
#define REC2 \
	"2026-000002,2026-11-23T09:05:00+01:00,lbc-1,C2,,,SY,ar;en,3,legal-aid;housing,svet-legal,yes,adv1,referred,\"a, \"\"b\"\"\nc\"\n"
#define REC3 "2026-000003,2026-11-23T10:00:00+01:00,lbc-2,C3,m,60+,XX,,1,food-aid,,no,,closed,x\n"

static char dir[] = "/tmp/intakefile_test." TAP_TEMPLATE_TAIL;
static struct strbuf sb = STRBUF_INIT;
static struct datadir dd;

static const char *path_of(const char *name)
{
	static char buf[128];
	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static void put(const char *name, const char *content)
{
	FILE *f = fopen(path_of(name), "w");
	if (!f) {
		printf("# cannot write %s\n", path_of(name));
		return;
	}
	fputs(content, f);
	fclose(f);
}

/*
 * Read every record: their first and tenth fields as "id needs;" and the
 * result of the last intakefile_next (0 or -1) after them.
 */
static const char *read_all(struct intakefile *f, int *rc, struct diag *d)
{
	struct csvread_row *row;

	strbuf_reset(&sb);
	while ((*rc = intakefile_next(f, &row, d)) == 1)
		strbuf_addf(&sb, "%s %s;", row->field[0], row->field[9]);
	return sb.buf;
}

static void test_missing(void)
{
	struct diag d = DIAG_INIT;
	struct intakefile *f;
	struct csvread_row *row;
	char want[128];

	unlink(path_of("intake.csv"));
	f = intakefile_open(&dd, NULL, &d);
	ok(f != NULL, "a missing intake.csv opens");
	snprintf(want, sizeof want, "%s/intake.csv", dir);
	is_str(intakefile_name(f), want, "its name is DIR/intake.csv");
	is_int(intakefile_next(f, &row, &d), 0, "a missing intake.csv reads as empty");
	is_int(intakefile_next(f, &row, &d), 0, "and stays at its end");
	is_int(intakefile_torn(f), 0, "nothing torn");
	intakefile_close(f);
	intakefile_close(NULL);
	ok(1, "intakefile_close(NULL) is harmless");

	f = intakefile_open(&dd, path_of("nope.csv"), &d);
	ok(f == NULL, "a missing file given by name is an error");
	is_int(d.status, DIAG_SYSTEM, "a system error");
	snprintf(want, sizeof want, "cannot open '%s/nope.csv': %s", dir, strerror(ENOENT));
	is_str(d.msg, want, "cannot open 'PATH': strerror");
}

static void test_records(void)
{
	struct diag d = DIAG_INIT;
	struct intakefile *f;
	struct csvread_row *row;
	int rc;

	put("intake.csv", HEADER REC1 REC2 REC3);
	f = intakefile_open(&dd, NULL, &d);
	is_int(intakefile_next(f, &row, &d), 1, "first record");
	is_int(row->n, 15, "with 15 fields");
	is_int(row->lineno, 2, "on line 2");
	is_str(row->field[0], "2026-000001", "its id");
	is_int(intakefile_next(f, &row, &d), 1, "second record");
	is_str(row->field[14], "a, \"b\"\nc", "a note with a comma, quotes and a newline");
	is_str(row->field[10], "svet-legal", "referred_to");
	is_int(intakefile_next(f, &row, &d), 1, "third record");
	is_int(row->lineno, 5, "on line 5, after the two-line note");
	is_int(intakefile_next(f, &row, &d), 0, "then the end");
	is_int(intakefile_torn(f), 0, "nothing torn");
	intakefile_close(f);

	put("intake.csv", "");
	f = intakefile_open(&dd, NULL, &d);
	is_str(read_all(f, &rc, &d), "", "an empty file has no records");
	is_int(rc, 0, "and is no error");
	intakefile_close(f);

	put("intake.csv", HEADER);
	f = intakefile_open(&dd, NULL, &d);
	is_str(read_all(f, &rc, &d), "", "a header alone has no records");
	is_int(rc, 0, "and is no error");
	intakefile_close(f);

	put("intake.csv",
	    "\xef\xbb\xbf"
	    "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note\r\n"
	    "2026-000001,2026-11-23T09:00:00+01:00,lbc-1,C1,f,18-59,UA,uk,1,housing,,no,,open,\r\n");
	f = intakefile_open(&dd, NULL, &d);
	is_str(read_all(f, &rc, &d), "2026-000001 housing;", "a spreadsheet export: BOM and CRLF");
	is_int(rc, 0, "read to the end");
	intakefile_close(f);

	put("other.csv", HEADER REC3 REC1);
	f = intakefile_open(&dd, path_of("other.csv"), &d);
	is_str(intakefile_name(f), path_of("other.csv"), "a file given by name keeps its name");
	is_str(read_all(f, &rc, &d), "2026-000003 food-aid;2026-000001 housing;",
	       "a file given by name");
	intakefile_close(f);
}

static void test_header_errors(void)
{
	struct diag d = DIAG_INIT;
	struct intakefile *f;
	int rc;

	put("intake.csv",
	    "id,ts,desk,client,sex,age_group,nationalty,language,household,needs,referred_to,consent,advisor,status,note\n" REC1);
	f = intakefile_open(&dd, NULL, &d);
	is_str(read_all(f, &rc, &d), "", "a bad header gives no record");
	is_int(rc, -1, "a bad header is an error");
	ok(d.status == DIAG_DATA && !strcmp(d.file, path_of("intake.csv")) && d.line == 1 &&
		   d.col == 33,
	   "a bad header: data error at the misspelt column, 1:33");
	is_str(d.msg, "header has 'nationalty' where 'nationality' belongs",
	       "a bad header: message");
	is_str(d.hint,
	       "the header must be: id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note",
	       "a bad header: hint");
	intakefile_close(f);

	put("intake.csv",
	    "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status\n");
	f = intakefile_open(&dd, NULL, &d);
	read_all(f, &rc, &d);
	is_int(rc, -1, "a short header is an error");
	is_str(d.msg, "header lacks column 'note'", "a short header: message");
	intakefile_close(f);

	put("intake.csv",
	    "id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note,extra\n");
	f = intakefile_open(&dd, NULL, &d);
	read_all(f, &rc, &d);
	is_int(rc, -1, "a long header is an error");
	ok(d.line == 1 && d.col == 110, "a long header: at the extra column, 1:110");
	is_str(d.msg, "header has an extra column 'extra'", "a long header: message");
	intakefile_close(f);

	put("intake.csv", "2026-000001,2026-11-23T09:00:00+01:00\n");
	f = intakefile_open(&dd, NULL, &d);
	read_all(f, &rc, &d);
	is_str(d.msg, "header has '2026-000001' where 'id' belongs", "records without a header");
	intakefile_close(f);
}

static void test_field_count(void)
{
	struct diag d = DIAG_INIT;
	struct intakefile *f;
	const char *got;
	int rc;

	put("intake.csv", HEADER REC1
	    "2026-000002,2026-11-23T09:05:00+01:00,lbc-1,C2,,,SY,ar,3,legal-aid,,no,,open\n" REC3);
	f = intakefile_open(&dd, NULL, &d);
	got = read_all(f, &rc, &d);
	is_str(got, "2026-000001 housing;", "records before a short one are read");
	is_int(rc, -1, "a record with 14 fields is an error");
	ok(d.status == DIAG_DATA && !strcmp(d.file, path_of("intake.csv")) && d.line == 3 &&
		   d.col == 1,
	   "at its start, 3:1");
	is_str(d.msg, "record has 14 fields instead of 15", "14 fields: message");
	intakefile_close(f);

	put("intake.csv", HEADER REC2
	    "2026-000003,2026-11-23T10:00:00+01:00,lbc-2,C3,m,60+,XX,,1,food-aid,,no,,closed,x,y\n");
	f = intakefile_open(&dd, NULL, &d);
	got = read_all(f, &rc, &d);
	is_str(got, "2026-000002 legal-aid;housing;", "the record before a long one is read");
	is_int(rc, -1, "a record with 16 fields is an error");
	ok(d.line == 4 && d.col == 1, "at its start, 4:1 (after a two-line note)");
	is_str(d.msg, "record has 16 fields instead of 15", "16 fields: message");
	intakefile_close(f);

	put("intake.csv", HEADER REC1 "\n" REC3);
	f = intakefile_open(&dd, NULL, &d);
	is_str(read_all(f, &rc, &d), "2026-000001 housing;2026-000003 food-aid;",
	       "a blank line is skipped");
	is_int(rc, 0, "and is no error");
	intakefile_close(f);
}

static void test_torn(void)
{
	struct diag d = DIAG_INIT;
	struct intakefile *f;
	int rc;

	put("intake.csv", HEADER REC1 "2026-000002,2026-11-23T09:05:00+01:00,lbc-1,C2,,,SY");
	f = intakefile_open(&dd, NULL, &d);
	is_str(read_all(f, &rc, &d), "2026-000001 housing;", "a torn last record is skipped");
	is_int(rc, 0, "without an error");
	is_int(intakefile_torn(f), 3, "intakefile_torn gives its line");
	intakefile_close(f);

	put("intake.csv", HEADER REC1
	    "2026-000002,2026-11-23T09:05:00+01:00,lbc-1,C2,,,SY,ar,3,legal-aid,,no,,open,\"half\nof a note");
	f = intakefile_open(&dd, NULL, &d);
	is_str(read_all(f, &rc, &d), "2026-000001 housing;",
	       "a record torn inside a quoted note is skipped");
	is_int(rc, 0, "without an error");
	is_int(intakefile_torn(f), 3, "its first line");
	intakefile_close(f);

	put("intake.csv", HEADER REC1 REC3);
	f = intakefile_open(&dd, NULL, &d);
	read_all(f, &rc, &d);
	is_int(intakefile_torn(f), 0, "a complete file: intakefile_torn is 0");
	intakefile_close(f);
}

static void test_stdin(void)
{
	static const char input[] = HEADER REC3 REC2 "2026-000009,x";
	struct diag d = DIAG_INIT;
	struct intakefile *f;
	int p[2], saved, rc;

	put("intake.csv", HEADER REC1);
	fflush(stdin);
	saved = dup(STDIN_FILENO);
	if (pipe(p) < 0 || write(p[1], input, sizeof input - 1) != (ssize_t)(sizeof input - 1)) {
		ok(0, "pipe for standard input");
		return;
	}
	close(p[1]);
	dup2(p[0], STDIN_FILENO);
	close(p[0]);
	f = intakefile_open(&dd, "-", &d);
	is_str(intakefile_name(f), "-", "\"-\" is named -");
	is_str(read_all(f, &rc, &d), "2026-000003 food-aid;2026-000002 legal-aid;housing;",
	       "\"-\" reads standard input, not DIR/intake.csv");
	is_int(rc, 0, "to its end");
	is_int(intakefile_torn(f), 5, "a torn last record on standard input is reported too");
	intakefile_close(f);
	ok(fcntl(STDIN_FILENO, F_GETFD) != -1, "closing does not close standard input");
	dup2(saved, STDIN_FILENO);
	close(saved);

	put("-", HEADER REC1);
	f = intakefile_open(&dd, path_of("-"), &d);
	is_str(read_all(f, &rc, &d), "2026-000001 housing;",
	       "only \"-\" itself is standard input: DIR/- is a file");
	intakefile_close(f);
}

static void test_utf8(void)
{
	struct diag d = DIAG_INIT;
	struct intakefile *f;
	int rc;

	put("intake.csv", HEADER REC1
	    "2026-000002,2026-11-23T09:05:00+01:00,lbc-1,C2,,,SY,ar,3,legal-aid,,no,,open,caf\xe9\n");
	f = intakefile_open(&dd, NULL, &d);
	is_str(read_all(f, &rc, &d), "2026-000001 housing;",
	       "records before invalid UTF-8 are read");
	is_int(rc, -1, "invalid UTF-8 is an error");
	ok(d.status == DIAG_DATA && d.line == 3, "on line 3");
	intakefile_close(f);
}

int main(void)
{
	struct diag d = DIAG_INIT;

	if (!mkdtemp(dir) || datadir_open(&dd, dir, &d) < 0) {
		printf("Bail out! cannot make a data directory\n");
		return 1;
	}
	test_missing();
	test_records();
	test_header_errors();
	test_field_count();
	test_torn();
	test_stdin();
	test_utf8();
	unlink(path_of("intake.csv"));
	unlink(path_of("other.csv"));
	unlink(path_of("-"));
	rmdir(dir);
	datadir_release(&dd);
	strbuf_release(&sb);
	return tap_done();
}
