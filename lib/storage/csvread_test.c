#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "strbuf.h"
#include "tap.h"
#include "banned.h"

/*
 * Parse buf and describe every record as "LINE:COL[field|field...]@OFF-END;"
 * with each field prefixed by its column; an error appends "!L:C:msg".
 */
static char *describe(const char *buf, size_t len, unsigned flags, size_t max_field)
{
	struct csvread *r = csvread_open_buffer(buf, len, "t.csv", flags);
	struct csvread_row *row;
	struct diag d = DIAG_INIT;
	struct strbuf sb = STRBUF_INIT;
	int rc;
	size_t i;

	if (max_field)
		csvread_set_limits(r, max_field, 4 * max_field, 5);
	while ((rc = csvread_next(r, &row, &d)) == 1) {
		strbuf_addf(&sb, "%ld[", row->lineno);
		for (i = 0; i < row->n; i++)
			strbuf_addf(&sb, "%s%ld:%ld=%s", i ? "|" : "", row->line[i], row->col[i],
				    row->field[i]);
		strbuf_addf(&sb, "]@%lld-%lld;", (long long)row->offset, (long long)row->end);
	}
	if (rc < 0)
		strbuf_addf(&sb, "!%ld:%ld:%s", d.line, d.col, d.msg);
	if (csvread_torn(r))
		strbuf_addf(&sb, "torn@%ld", csvread_torn(r));
	csvread_free(r);
	return strbuf_detach(&sb, NULL);
}

#define CHECK(input, flags, want, name)                                   \
	do {                                                              \
		char *got_ = describe(input, sizeof input - 1, flags, 0); \
		is_str(got_, want, name);                                 \
		free(got_);                                               \
	} while (0)

static void test_basics(void)
{
	CHECK("a,b\n1,2\n", 0, "1[1:1=a|1:3=b]@0-4;2[2:1=1|2:3=2]@4-8;", "plain records");
	CHECK("\xEF\xBB\xBF"
	      "id,x\r\n1,\"a\r\nb\"\r\n",
	      0, "1[1:1=id|1:4=x]@3-8;2[2:1=1|2:3=a\r\nb]@9-18;",
	      "BOM and CRLF (end is past the CR)");
	CHECK("n,note\n1,\"x, \"\"y\"\"\nz\"\n2,w\n", 0,
	      "1[1:1=n|1:3=note]@0-7;2[2:1=1|2:3=x, \"y\"\nz]@7-22;4[4:1=2|4:3=w]@22-26;",
	      "quoted comma, doubled quote, newline; next record's line");
	CHECK("ř,ž\nКиїв,ł\n", 0, "1[1:1=ř|1:3=ž]@0-6;2[2:1=Київ|2:6=ł]@6-18;",
	      "columns count characters");
	CHECK(" a , b \n", 0, "1[1:1= a |1:5= b ]@0-8;", "spaces are kept");
	CHECK("a\n\n\nb\n", 0, "1[1:1=a]@0-2;4[4:1=b]@4-6;", "blank lines are skipped");
	CHECK(",\n", 0, "1[1:1=|1:2=]@0-2;", "empty fields");
	CHECK("a,b", 0, "1[1:1=a|1:3=b]@0-3;", "last record without line end (lenient)");
	CHECK("", 0, "", "empty input");
}

static void test_errors(void)
{
	CHECK("a,b\nx,y\"z\n", 0,
	      "1[1:1=a|1:3=b]@0-4;!2:4:malformed quoted field (a quote must open a field, be doubled inside it, and close it before a comma or line end)",
	      "quote inside an unquoted field");
	CHECK("a,\"b\"c\n", 0,
	      "!1:6:malformed quoted field (a quote must open a field, be doubled inside it, and close it before a comma or line end)",
	      "text after a closing quote");
	CHECK("a\n\"open\nnever closed\n", 0, "1[1:1=a]@0-2;!2:1:unterminated quoted field",
	      "unterminated quote at end");
	CHECK("a,b\n1,2", CSVREAD_STRICT_END,
	      "1[1:1=a|1:3=b]@0-4;!2:1:last record has no line end (torn write?)",
	      "strict end rejects a torn record");
	CHECK("a,b\n1,2", CSVREAD_SKIP_TORN_END, "1[1:1=a|1:3=b]@0-4;torn@2",
	      "skip-torn drops it and says where");
	CHECK("a,b\n1,\"2\nx", CSVREAD_SKIP_TORN_END, "1[1:1=a|1:3=b]@0-4;torn@2",
	      "skip-torn also drops a record torn inside quotes");
	CHECK("a\n\x80\n", 0, "1[1:1=a]@0-2;!2:1:invalid UTF-8 sequence starting with byte 0x80",
	      "stray continuation byte");
	CHECK("ok\nžx\xC3\x28\n", 0,
	      "1[1:1=ok]@0-3;!2:3:invalid UTF-8 sequence starting with byte 0xC3",
	      "invalid UTF-8 with position");
	CHECK("ok\nab\xED\xA0\x80\n", 0,
	      "1[1:1=ok]@0-3;!2:3:invalid UTF-8 sequence starting with byte 0xED",
	      "surrogate rejected");
	CHECK("ab\xC3", 0, "!1:3:invalid UTF-8: sequence cut short at the end of input",
	      "truncated sequence at end");
	CHECK("a,b\nc\0d\n", 0, "1[1:1=a|1:3=b]@0-4;!2:2:NUL byte", "NUL byte");
	/* found by fuzzing (csvdiff): the first error, wherever the read chunks end */
	CHECK("a,b\"c,\x96\n", 0,
	      "!1:4:malformed quoted field (a quote must open a field, be doubled inside it, and close it before a comma or line end)",
	      "a syntax error before invalid UTF-8 on the same line");
	CHECK("x\r\"a\"b\0\n", 0,
	      "1[1:1=x]@0-2;!1:6:malformed quoted field (a quote must open a field, be doubled inside it, and close it before a comma or line end)",
	      "a record ended by CR and a syntax error before a NUL byte");
}

static void test_limits(void)
{
	struct csvread *r;
	struct csvread_row *row;
	struct diag d = DIAG_INIT;
	int rc;
	char *got = describe("ab,cdef\n", 8, 0, 3);
	is_str(got, "!1:4:field longer than 3 bytes", "field cap reports the field start");
	free(got);
	got = describe("a,b,c,d,e,f\n", 12, 0, 3);
	is_str(got, "!1:11:record has more than 5 fields", "field count cap");
	free(got);
	got = describe("\"a\"xxxxx\n", 9, 0, 5);
	is_str(got,
	       "!1:4:malformed quoted field (a quote must open a field, be doubled inside it, and close it before a comma or line end)",
	       "a syntax error before the field cap is crossed");
	free(got);

	/*
	 * Found by fuzzing (csvdiff): the error is the limit crossed first,
	 * counting byte by byte, also when a run of bytes crosses both at once
	 * (before, it depended on where the read chunks ended).
	 */
	r = csvread_open_buffer("1,aaaaaaaaaaaaaaaa\n", 19, "t.csv", 0);
	csvread_set_limits(r, 12, 12, 5);
	rc = csvread_next(r, &row, &d);
	ok(rc == -1 && d.line == 1 && d.col == 3 &&
		   strcmp(d.msg, "record longer than 12 bytes") == 0,
	   "record cap crossed before the field cap: %ld:%ld: %s", d.line, d.col, d.msg);
	csvread_free(r);
	r = csvread_open_buffer("1,aaaaaaaaaaaaaaaa\n", 19, "t.csv", 0);
	csvread_set_limits(r, 12, 13, 5);
	rc = csvread_next(r, &row, &d);
	ok(rc == -1 && d.col == 3 && strcmp(d.msg, "field longer than 12 bytes") == 0,
	   "both caps crossed at one byte: the field's is reported: %s", d.msg);
	csvread_free(r);
}

/* Big input across many 64 KiB chunks, multibyte characters on the edges. */
static void test_chunks(void)
{
	struct strbuf in = STRBUF_INIT;
	struct csvread *r;
	struct csvread_row *row;
	struct diag d = DIAG_INIT;
	long n = 0, bad = 0;
	int i, rc;

	strbuf_addstr(&in, "id,note\n");
	for (i = 0; i < 20000; i++)
		strbuf_addf(&in, "%d,\"ž%d,\n\"\"x\"\"\"\n", i, i);
	r = csvread_open_buffer(in.buf, in.len, "big.csv", CSVREAD_STRICT_END);
	while ((rc = csvread_next(r, &row, &d)) == 1) {
		char want[64];
		if (n > 0) {
			snprintf(want, sizeof want, "ž%ld,\n\"x\"", n - 1);
			if (strcmp(row->field[1], want) != 0 || row->lineno != 2 * n)
				bad++;
		}
		n++;
	}
	is_int(rc, 0, "big input reads to the end");
	is_int(n, 20001, "every record of the big input");
	is_int(bad, 0, "every field and line number of the big input");
	csvread_free(r);
	strbuf_release(&in);
}

/* The line splitter and libcsv must agree on everything, errors included. */
static void test_fast_path_equals_libcsv(void)
{
	static const char *const atoms[] = {
		"a",  "bc", "ž",   ",",      ",",        "\"",     "\"\"", "\n", "\r\n",
		"\r", " ",  "x,y", "\"q,\"", "\"a\nb\"", "\"\"\"", "Київ", "\t",
	};
	unsigned long seed = 12345;
	char buf[256];
	int i, k, differ = 0;

	for (i = 0; i < 20000; i++) {
		size_t len = 0;
		int n = 1 + (int)(seed % 24);
		char *fast, *slow;
		for (k = 0; k < n; k++) {
			const char *a;
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			a = atoms[(seed >> 33) % (sizeof atoms / sizeof *atoms)];
			if (len + strlen(a) >= sizeof buf - 2)
				break;
			memcpy(buf + len, a, strlen(a));
			len += strlen(a);
		}
		if (seed >> 62)
			buf[len++] = '\n';
		fast = describe(buf, len, 0, 0);
		slow = describe(buf, len, CSVREAD_LIBCSV_ONLY, 0);
		if (strcmp(fast, slow) != 0 && differ++ < 3)
			printf("# differ on '%.*s':\n#  fast %s\n#  slow %s\n", (int)len, buf, fast,
			       slow);
		free(fast);
		free(slow);
	}
	is_int(differ, 0, "line splitter equals libcsv on 20,000 random inputs");
}

int main(void)
{
	test_basics();
	test_errors();
	test_limits();
	test_chunks();
	test_fast_path_equals_libcsv();
	return tap_done();
}
