#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intakeid.h"
#include "tap.h"
#include "testfile.h"
#include "banned.h"

static struct datadir dd;

static const char header[] =
	"id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note\n";

/* The ids intakeid_number gives n records in year after a file of body. */
static const char *number(const char *body, int year, size_t n, struct diag *d)
{
	static char got[256];
	char ids[4][INTAKEID_MAX], file[4096];
	struct datadir_lock lk;
	size_t i;

	snprintf(file, sizeof file, "%s%s", header, body);
	testfile_put("intake.csv", file);
	diag_clear(d);
	got[0] = '\0';
	if (datadir_lock(&dd, "intake.csv", 5, &lk, d) < 0)
		return "lock failed";
	if (intakeid_number(&lk, year, n, ids, d) == 0)
		for (i = 0; i < n; i++)
			snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? " " : "",
				 ids[i]);
	else
		snprintf(got, sizeof got, "error");
	datadir_unlock(&lk);
	return got;
}

static void test_parse(void)
{
	int year = 0;
	long seq = 0;
	char buf[32];
	static const char *const bad[] = {
		"",
		"2026",
		"2026-",
		"2026-00001",
		"26-000001",
		"2026_000001",
		"2026-000000",
		"2026-00001a",
		"2026-+00001",
		"2026- 00001",
		" 2026-000001",
		"2026-000001 ",
		"abcd-000001",
		"2026--000001",
		"2026-99999999999999999999",
		"2026-000001\n",
		"2026-1000000000",
		"2026-9223372036854775807",
		"2026-0000000001",
	};
	size_t i, accepted = 0;

	is_int(intakeid_parse("2026-000123", 0, &year, &seq), 0, "parse 2026-000123");
	ok(year == 2026 && seq == 123, "year 2026, sequence 123");
	is_int(intakeid_parse("0999-000001", 0, &year, &seq), 0, "parse 0999-000001");
	ok(year == 999 && seq == 1, "year 999, sequence 1");
	is_int(intakeid_parse("2026-1234567", 0, &year, &seq), 0, "parse a 7-digit sequence");
	is_int(seq, 1234567, "sequence 1234567");
	is_int(intakeid_parse("2026-999999999", 0, &year, &seq), 0, "parse the largest number");
	is_int(seq, INTAKEID_SEQ_MAX, "999999999");
	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		if (intakeid_parse(bad[i], 0, &year, &seq) == 0) {
			printf("# accepted '%s'\n", bad[i]);
			accepted++;
		}
	is_int(accepted, 0, "malformed ids and numbers over nine digits are refused");
	ok(year == 2026 && seq == INTAKEID_SEQ_MAX, "a refused id leaves year and sequence");
	is_int(intakeid_parse("2026-215", INTAKEID_SHORT, &year, &seq), 0,
	       "a short number as people type it");
	is_int(seq, 215, "215");
	is_int(intakeid_parse("2026-215", 0, &year, &seq), -1, "not as a stored id");

	intakeid_format(buf, sizeof buf, 2026, 5);
	is_str(buf, "2026-000005", "format pads to 6 digits");
	intakeid_format(buf, sizeof buf, 2026, 1234567);
	is_str(buf, "2026-1234567", "format of a 7-digit sequence");
	intakeid_format(buf, sizeof buf, 999, 1);
	is_str(buf, "0999-000001", "format pads the year");
	intakeid_format(buf, 8, 2026, 5);
	is_str(buf, "2026-00", "format cuts to the buffer");

	ok(intakeid_cmp(2025, 999, 2026, 1) < 0 && intakeid_cmp(2026, 2, 2026, 1) > 0 &&
		   intakeid_cmp(2026, 7, 2026, 7) == 0,
	   "order: by year, then number");
}

static void test_next(void)
{
	char buf[32];

	intakeid_next(NULL, 2026, buf, sizeof buf);
	is_str(buf, "2026-000001", "first id of a file");
	intakeid_next("", 2026, buf, sizeof buf);
	is_str(buf, "2026-000001", "first id after \"\"");
	intakeid_next("2026-000041", 2026, buf, sizeof buf);
	is_str(buf, "2026-000042", "next in the same year");
	intakeid_next("2025-000999", 2026, buf, sizeof buf);
	is_str(buf, "2026-000001", "a new year starts again at 1");
	intakeid_next("2027-000005", 2026, buf, sizeof buf);
	is_str(buf, "2027-000006", "a clock behind the file keeps the file's year and order");
	intakeid_next("2026-999999", 2026, buf, sizeof buf);
	is_str(buf, "2026-1000000", "past 999999 the sequence takes 7 digits");
	is_int(intakeid_next("2026-999999999", 2026, buf, sizeof buf), -1,
	       "the year's numbers used up");
	is_int(intakeid_next("2025-999999999", 2026, buf, sizeof buf), 0,
	       "but not the next year's");
	is_str(buf, "2026-000001", "which starts at 1");
	is_int(intakeid_next("junk", 2026, buf, sizeof buf), -1, "a last id that is not one: -1");
}

static void test_number(void)
{
	static const char rec[] =
		",2026-11-02T10:00:00+01:00,d1,C1,,,UA,,1,housing,,no,,open,\"a, \"\"quoted\"\"\nnote\"\n";
	char body[1024];
	struct diag d = DIAG_INIT;

	is_str(number("", 2026, 2, &d), "2026-000001 2026-000002",
	       "a file with only its header: from 1");
	snprintf(body, sizeof body, "2026-000041%s", rec);
	is_str(number(body, 2026, 2, &d), "2026-000042 2026-000043", "after the last id, one each");
	snprintf(body, sizeof body, "2026-000040%s2026-000041%s\n", rec, rec);
	is_str(number(body, 2026, 1, &d), "2026-000042", "a file that ends with a blank line");
	snprintf(body, sizeof body, "2026-000041%s\r\n\n\n", rec);
	is_str(number(body, 2026, 1, &d), "2026-000042", "several blank lines, CRLF among them");
	is_str(number("\n\n", 2026, 1, &d), "2026-000001", "only blank lines after the header");
	snprintf(body, sizeof body, "2026-000041%sX-1%s", rec, rec);
	is_str(number(body, 2026, 1, &d), "error", "a last record without a valid id: refused");
	is_int(d.status, DIAG_DATA, "as invalid data");
	ok(strstr(d.msg,
		  "the last record's id 'X-1' is not YYYY-NNNNNN; cannot number new records") !=
		   NULL,
	   "its message: %s", d.msg);
	ok(strstr(d.hint, "data-check") != NULL, "pointing to data-check: %s", d.hint);
	snprintf(body, sizeof body, "2026-000041%s2026-9999999999%s", rec, rec);
	is_str(number(body, 2026, 1, &d), "error", "a number over nine digits is no id: refused");
	snprintf(body, sizeof body, "2026-999999998%s", rec);
	is_str(number(body, 2026, 2, &d), "error", "numbers used up within a batch: refused");
	ok(strstr(d.msg, "the ids after '2026-999999999' are used up") != NULL, "its message: %s",
	   d.msg);
	snprintf(body, sizeof body, "2027-000005%s", rec);
	is_str(number(body, 2026, 1, &d), "2027-000006", "a clock behind the file");
}

int main(void)
{
	struct diag d = DIAG_INIT;
	char cmd[96];

	if (testfile_mkdtemp("intakeid") < 0 || datadir_open(&dd, testfile_dir, &d) < 0)
		return 1;
	test_parse();
	test_next();
	test_number();
	datadir_release(&dd);
	snprintf(cmd, sizeof cmd, "rm -rf %s", testfile_dir);
	return system(cmd) == 0 ? tap_done() : 1;
}
