#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "csvscan.h"
#include "strbuf.h"
#include "tap.h"
#include "banned.h"

/* Scan a copy of text: "[f|f]@OFF-END;" per record, then "end" or "unusual@OFF". */
static char *describe(const char *text)
{
	struct csvscan s;
	struct csvread_row *row;
	struct strbuf sb = STRBUF_INIT;
	char *buf = strdup(text);
	size_t i;
	int rc;

	csvscan_init(&s);
	csvscan_reset(&s, buf, strlen(buf), 100);
	while ((rc = csvscan_next(&s, &row)) == CSVSCAN_ROW) {
		strbuf_addch(&sb, '[');
		for (i = 0; i < row->n; i++)
			strbuf_addf(&sb, "%s%s%s", i ? "|" : "", row->quoted[i] ? "q:" : "",
				    row->field[i]);
		strbuf_addf(&sb, "]@%lld-%lld;", (long long)row->offset, (long long)row->end);
	}
	if (rc == CSVSCAN_END)
		strbuf_addf(&sb, "end/%zu", s.newlines);
	else
		strbuf_addf(&sb, "unusual@%lld", (long long)csvscan_offset(&s));
	csvscan_release(&s);
	free(buf);
	return strbuf_detach(&sb, NULL);
}

static void check(const char *text, const char *want, const char *what)
{
	char *got = describe(text);
	is_str(got, want, "%s", what);
	free(got);
}

/*
 * The scanner against csvread on the same bytes: every record the scanner
 * hands out is csvread's, field for field, with its offsets, and its line
 * is 1 + the LFs before it; where it stops as unusual, csvread's next
 * record (or error) starts there.
 */
static int same_as_csvread(const char *buf, size_t len)
{
	struct csvread *r = csvread_open_buffer(buf, len, "t.csv", CSVREAD_LIBCSV_ONLY);
	struct csvscan s;
	struct csvread_row *a, *b;
	struct diag d = DIAG_INIT;
	char *copy = malloc(len + 1);
	int rc, rrc, same = 1;
	size_t i;

	memcpy(copy, buf, len);
	csvscan_init(&s);
	csvscan_reset(&s, copy, len, 0);
	for (;;) {
		size_t own = 0;
		rc = csvscan_next(&s, &b);
		if (rc != CSVSCAN_ROW)
			break;
		rrc = csvread_next(r, &a, &d);
		if (rrc != 1 || a->n != b->n || a->offset != b->offset || a->end != b->end) {
			same = 0;
			break;
		}
		for (i = (size_t)b->offset; i < (size_t)b->end; i++)
			own += buf[i] == '\n';
		/* its line: 1 + the LFs before it */
		if (a->lineno != (long)(1 + s.newlines - own))
			same = 0;
		for (i = 0; i < a->n; i++)
			if (a->len[i] != b->len[i] || memcmp(a->field[i], b->field[i], a->len[i]) ||
			    a->quoted[i] != b->quoted[i])
				same = 0;
		if (!same)
			break;
	}
	if (same && rc == CSVSCAN_END) {
		rrc = csvread_next(r, &a, &d);
		same = rrc == 0;
	} else if (same) {
		rrc = csvread_next(r, &a, &d);
		same = rrc <= 0 || a->offset >= csvscan_offset(&s);
	}
	csvscan_release(&s);
	csvread_free(r);
	free(copy);
	return same;
}

static unsigned long seed = 12345;
static unsigned next_rand(void)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33);
}

int main(void)
{
	static const char *const pieces[] = {
		"a",
		"bc",
		",",
		",",
		"\"",
		"\"\"",
		"\n",
		"\n",
		"\r",
		"\xC3\xA9",
		"\xD0\x96",
		"\xE2\x82\xAC",
		"\xF0\x9F\x98\x80",
		"\xC3",
		"\xFF",
		"\xED\xA0\x80",
		" ",
		"x,y",
		"\"q\"",
		"\"a,b\"",
		"\"l\nm\"",
		"\"d\"\"e\"",
	};
	size_t npieces = sizeof pieces / sizeof *pieces;
	int round, agree = 0, shown = 0;
	char nul[] = "a,b\nc\0d,e\n";
	struct csvscan s;
	struct csvread_row *row;

	check("a,b\nc,d\n", "[a|b]@100-104;[c|d]@104-108;end/2", "plain records");
	check("\"a,b\",\"c\"\"d\"\n", "[q:a,b|q:c\"d]@100-113;end/1", "quoted, doubled quotes");
	check("\"l1\nl2\",x\ny\n", "[q:l1\nl2|x]@100-110;[y]@110-112;end/3",
	      "a LF inside quotes is in the field and counted");
	check(",,\n", "[||]@100-103;end/1", "empty fields");
	check("\"\"\n", "[q:]@100-103;end/1", "an empty quoted field");
	check("\na\n\n\nb\n", "[a]@101-103;[b]@105-107;end/5", "blank lines are no records");
	check("\xC5\xBE\xC3\xA1k,\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2\n",
	      "[\xC5\xBE\xC3\xA1k|\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2]@100-115;end/1", "UTF-8");
	check("a\nb\r\nc\n", "[a]@100-102;unusual@102", "CR");
	check("a\nb\"c\n", "[a]@100-102;unusual@102", "a quote in an unquoted field");
	check("a\n\"b\"c\n", "[a]@100-102;unusual@102", "text after a closing quote");
	check("a\n\"b\n", "[a]@100-102;unusual@102", "an unterminated quote");
	check("a\nb", "[a]@100-102;unusual@102", "no line end");
	check("a\n\xC3(\n", "[a]@100-102;unusual@102", "invalid UTF-8");
	check("a\n\xE0\x80\x80\n", "[a]@100-102;unusual@102", "overlong UTF-8");
	check("a\n\xED\xA0\x80\n", "[a]@100-102;unusual@102", "a surrogate");
	check("a\n\xF4\x90\x80\x80\n", "[a]@100-102;unusual@102", "past U+10FFFF");
	check("a\n\"\xC3\"\n", "[a]@100-102;unusual@102", "invalid UTF-8 in quotes");
	check("", "end/0", "nothing");

	csvscan_init(&s);
	csvscan_reset(&s, nul, sizeof nul - 1, 0);
	ok(csvscan_next(&s, &row) == CSVSCAN_ROW && csvscan_next(&s, &row) == CSVSCAN_UNUSUAL &&
		   csvscan_offset(&s) == 4,
	   "a NUL byte");
	csvscan_release(&s);

	{
		char bom[] =
			"\xEF\xBB\xBF"
			"a\n";
		csvscan_init(&s);
		csvscan_reset(&s, bom, sizeof bom - 1, 0);
		ok(csvscan_next(&s, &row) == CSVSCAN_UNUSUAL,
		   "a byte order mark at the file start");
		csvscan_reset(&s, bom, sizeof bom - 1, 10);
		ok(csvscan_next(&s, &row) == CSVSCAN_ROW && row->len[0] == 4,
		   "the same bytes later are text, as for csvread");
		csvscan_release(&s);
	}
	{
		struct strbuf big = STRBUF_INIT;
		size_t i;
		for (i = 0; i < 1000; i++)
			strbuf_addstr(&big, i ? ",x" : "x");
		strbuf_addch(&big, '\n');
		csvscan_init(&s);
		csvscan_reset(&s, big.buf, big.len, 0);
		ok(csvscan_next(&s, &row) == CSVSCAN_ROW && row->n == 1000, "1000 fields");
		strbuf_setlen(&big, big.len - 1);
		strbuf_addstr(&big, ",x\n");
		csvscan_reset(&s, big.buf, big.len, 0);
		ok(csvscan_next(&s, &row) == CSVSCAN_UNUSUAL,
		   "1001 fields are csvread's to report");
		strbuf_reset(&big);
		for (i = 0; i < 1024 * 1024 + 1; i++)
			strbuf_addch(&big, 'z');
		strbuf_addch(&big, '\n');
		csvscan_reset(&s, big.buf, big.len, 0);
		ok(csvscan_next(&s, &row) == CSVSCAN_UNUSUAL, "a field over 1 MiB too");
		csvscan_release(&s);
		strbuf_release(&big);
	}

	for (round = 0; round < 20000; round++) {
		struct strbuf sb = STRBUF_INIT;
		int k, n = 1 + (int)(next_rand() % 24);
		for (k = 0; k < n; k++)
			strbuf_addstr(&sb, pieces[next_rand() % npieces]);
		if (next_rand() % 4)
			strbuf_addch(&sb, '\n');
		if (same_as_csvread(sb.buf, sb.len))
			agree++;
		else if (!shown++) {
			size_t b;
			printf("# first difference, on bytes:");
			for (b = 0; b < sb.len; b++)
				printf(" %02X", (unsigned char)sb.buf[b]);
			printf("\n");
		}
		strbuf_release(&sb);
	}
	is_int(agree, 20000,
	       "20000 random inputs: the same records as libcsv up to where the scan stops");
	return tap_done();
}
