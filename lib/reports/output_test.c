#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "output.h"
#include "tap.h"
#include "banned.h"

static const char *const columns[] = { "id", "name", "note", "household", "util" };

/* Czech, Polish, Cyrillic, CJK, emoji; commas, quotes, newline, tab,
 * backslash, pipe; numeric columns with integer, decimal, empty, junk. */
static const char *const rows[][5] = {
	{ "1", "Řehoř Ůžil", "a,b \"q\"", "3", "87.5" },
	{ "2", "Łucja Żak", "line1\nline2\ttab\\back", "", "" },
	{ "3", "Ольга", "中文", "12", "-0.5" },
	{ "4", "emoji 😀", "x|y", "n/a", "0" },
};

struct capture {
	char *buf;
	size_t len;
	FILE *fp;
};

static void capture_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->buf, &c->len);
	if (!c->fp) {
		perror("open_memstream");
		exit(1);
	}
}

static void capture_close(struct capture *c)
{
	fclose(c->fp);
	free(c->buf);
}

/* The text format f writes for the first nrows of rows. */
static char *render(enum output_format f, size_t nrows, int *status)
{
	struct diag d = DIAG_INIT;
	struct capture c;
	struct output *o;
	char *text;
	size_t i;

	capture_open(&c);
	o = output_new(c.fp, f, columns, 5);
	output_set_numeric(o, 3);
	output_set_numeric(o, 4);
	for (i = 0; i < nrows; i++)
		output_row(o, rows[i]);
	*status = output_finish(o, &d);
	output_free(o);
	fflush(c.fp);
	text = strdup(c.buf ? c.buf : "");
	capture_close(&c);
	return text;
}

static void check(enum output_format f, size_t nrows, const char *want, const char *name)
{
	int status;
	char *got = render(f, nrows, &status);

	is_str(got, want, "%s", name);
	is_int(status, 0, "%s: finish succeeds", name);
	free(got);
}

static void test_formats(void)
{
	check(OUTPUT_CSV, 4,
	      "id,name,note,household,util\n"
	      "1,Řehoř Ůžil,\"a,b \"\"q\"\"\",3,87.5\n"
	      "2,Łucja Żak,\"line1\nline2\ttab\\back\",,\n"
	      "3,Ольга,中文,12,-0.5\n"
	      "4,emoji 😀,x|y,n/a,0\n",
	      "csv");
	check(OUTPUT_TSV, 4,
	      "id\tname\tnote\thousehold\tutil\n"
	      "1\tŘehoř Ůžil\ta,b \"q\"\t3\t87.5\n"
	      "2\tŁucja Żak\tline1\\nline2\\ttab\\\\back\t\t\n"
	      "3\tОльга\t中文\t12\t-0.5\n"
	      "4\temoji 😀\tx|y\tn/a\t0\n",
	      "tsv");
	check(OUTPUT_JSON, 4,
	      "{\"id\":\"1\",\"name\":\"Řehoř Ůžil\","
	      "\"note\":\"a,b \\\"q\\\"\","
	      "\"household\":3,\"util\":87.5}\n"
	      "{\"id\":\"2\",\"name\":\"Łucja Żak\","
	      "\"note\":\"line1\\nline2\\ttab\\\\back\","
	      "\"household\":null,\"util\":null}\n"
	      "{\"id\":\"3\",\"name\":\"Ольга\",\"note\":\"中文\","
	      "\"household\":12,\"util\":-0.5}\n"
	      "{\"id\":\"4\",\"name\":\"emoji 😀\",\"note\":\"x|y\","
	      "\"household\":\"n/a\",\"util\":0}\n",
	      "json");
	check(OUTPUT_YAML, 4,
	      "- id: \"1\"\n"
	      "  name: \"Řehoř Ůžil\"\n"
	      "  note: \"a,b \\\"q\\\"\"\n"
	      "  household: 3\n"
	      "  util: 87.5\n"
	      "- id: \"2\"\n"
	      "  name: \"Łucja Żak\"\n"
	      "  note: \"line1\\nline2\\ttab\\\\back\"\n"
	      "  household: null\n"
	      "  util: null\n"
	      "- id: \"3\"\n"
	      "  name: \"Ольга\"\n"
	      "  note: \"中文\"\n"
	      "  household: 12\n"
	      "  util: -0.5\n"
	      "- id: \"4\"\n"
	      "  name: \"emoji 😀\"\n"
	      "  note: \"x|y\"\n"
	      "  household: \"n/a\"\n"
	      "  util: 0\n",
	      "yaml");
	check(OUTPUT_TABLE, 4,
	      "id  name        note                    household  util\n"
	      "--  ----------  ----------------------  ---------  ----\n"
	      "1   Řehoř Ůžil  a,b \"q\"                         3  87.5\n"
	      "2   Łucja Żak   line1\\nline2\\ttab\\back\n"
	      "3   Ольга       中文                           12  -0.5\n"
	      "4   emoji 😀    x|y                           n/a     0\n",
	      "table");
	check(OUTPUT_MD, 4,
	      "| id  | name       | note                     | household | util |\n"
	      "| --- | ---------- | ------------------------ | --------: | ---: |\n"
	      "| 1   | Řehoř Ůžil | a,b \"q\"                  |         3 | 87.5 |\n"
	      "| 2   | Łucja Żak  | line1<br>line2 tab\\\\back |           |      |\n"
	      "| 3   | Ольга      | 中文                     |        12 | -0.5 |\n"
	      "| 4   | emoji 😀   | x\\|y                     |       n/a |    0 |\n",
	      "md");
}

static void test_empty(void)
{
	check(OUTPUT_CSV, 0, "id,name,note,household,util\n", "csv empty");
	check(OUTPUT_TSV, 0, "id\tname\tnote\thousehold\tutil\n", "tsv empty");
	check(OUTPUT_JSON, 0, "", "json empty");
	check(OUTPUT_YAML, 0, "[]\n", "yaml empty");
	check(OUTPUT_TABLE, 0,
	      "id  name  note  household  util\n"
	      "--  ----  ----  ---------  ----\n",
	      "table empty");
	check(OUTPUT_MD, 0,
	      "| id  | name | note | household | util |\n"
	      "| --- | ---- | ---- | --------: | ---: |\n",
	      "md empty");
}

/* One column "v" holding value in format f, numeric or not. */
static char *one(enum output_format f, const char *value, int numeric)
{
	static const char *const col[] = { "v" };
	struct diag d = DIAG_INIT;
	struct capture c;
	struct output *o;
	char *text;

	capture_open(&c);
	o = output_new(c.fp, f, col, 1);
	if (numeric)
		output_set_numeric(o, 0);
	output_row(o, &value);
	output_finish(o, &d);
	output_free(o);
	text = strdup(c.buf);
	capture_close(&c);
	return text;
}

#define is_one(f, value, numeric, want, name)              \
	do {                                               \
		char *got_ = one((f), (value), (numeric)); \
		is_str(got_, (want), "%s", (name));        \
		free(got_);                                \
	} while (0)

static const char controls[] =
	"a\x01\x1b\x7f\xc2\x85\xe2\x80\xa8\xff"
	"b";

static void test_escapes(void)
{
	is_one(OUTPUT_JSON, controls, 0,
	       "{\"v\":\"a\\u0001\\u001b\x7f\xc2\x85\xe2\x80\xa8"
	       "\xef\xbf\xbd"
	       "b\"}\n",
	       "json: control characters, invalid byte -> U+FFFD");
	is_one(OUTPUT_JSON, "x\r\ny\b\f/", 0, "{\"v\":\"x\\r\\ny\\u0008\\u000c/\"}\n",
	       "json: CR LF short, BS FF as \\u00XX, slash as is");
	is_one(OUTPUT_YAML, controls, 0,
	       "- v: \"a\\x01\\x1b\\x7f\\x85\\u2028\xef\xbf\xbd"
	       "b\"\n",
	       "yaml: control characters, U+2028, invalid byte -> U+FFFD");
	is_one(OUTPUT_YAML, "x\r\ny\"\\", 0, "- v: \"x\\r\\ny\\\"\\\\\"\n",
	       "yaml: CR LF quote backslash");
	is_one(OUTPUT_YAML, "no", 0, "- v: \"no\"\n", "yaml: no is a string");
	is_one(OUTPUT_YAML, "", 0, "- v: \"\"\n", "yaml: empty string");
	is_one(OUTPUT_TABLE, controls, 0, "v\n--------\na????\xe2\x80\xa8?b\n",
	       "table: control characters and invalid byte as '?'");
	is_one(OUTPUT_TABLE, "x\r\ny\tz", 0, "v\n--------\nx?\\ny\\tz\n",
	       "table: CR '?', LF \\n, TAB \\t");
	is_one(OUTPUT_TABLE, "", 0, "v\n-\n\n", "table: empty cell, no spaces");
	is_one(OUTPUT_MD, "a\r\nb\rc\nd", 0,
	       "| v                |\n| ---------------- |\n"
	       "| a<br>b<br>c<br>d |\n",
	       "md: CRLF, CR, LF as <br>");
	is_one(OUTPUT_MD, "a\\|b\x1b\tc", 0, "| v         |\n| --------- |\n| a\\\\\\|b? c |\n",
	       "md: backslash and pipe escaped, ESC '?', TAB space");
	is_one(OUTPUT_CSV, " x", 0, "v\n\" x\"\n", "csv: leading space quoted");
	is_one(OUTPUT_TSV, "\xff\\", 0, "v\n\xff\\\\\n", "tsv: bytes kept");
}

/* csv and tsv follow the formula rule (csvwrite.h); the other formats do not. */
static void test_formula(void)
{
	is_one(OUTPUT_CSV, "=HYPERLINK(\"x\")", 0, "v\n\"'=HYPERLINK(\"\"x\"\")\"\n",
	       "csv: = guarded");
	is_one(OUTPUT_CSV, "@SUM(A1)", 0, "v\n'@SUM(A1)\n", "csv: @ guarded");
	is_one(OUTPUT_CSV, "+420 555", 0, "v\n'+420 555\n", "csv: + guarded");
	is_one(OUTPUT_CSV, "-3", 1, "v\n-3\n", "csv: a negative number is a value");
	is_one(OUTPUT_CSV, "-3+1", 0, "v\n'-3+1\n", "csv: - before more than a number guarded");
	is_one(OUTPUT_CSV, "'@x", 0, "v\n'@x\n", "csv: an apostrophe first is safe already");
	is_one(OUTPUT_TSV, "=1+1", 0, "v\n'=1+1\n", "tsv: = guarded");
	is_one(OUTPUT_TSV, "\tx", 0, "v\n'\\tx\n", "tsv: TAB first guarded, then escaped");
	is_one(OUTPUT_TSV, "-0.5", 1, "v\n-0.5\n", "tsv: a negative number is a value");
	is_one(OUTPUT_JSON, "=1+1", 0, "{\"v\":\"=1+1\"}\n", "json: values as they are");
	is_one(OUTPUT_YAML, "@x", 0, "- v: \"@x\"\n", "yaml: values as they are");
	is_one(OUTPUT_TABLE, "=1", 0, "v\n--\n=1\n", "table: values as they are");
}

static void test_numbers(void)
{
	static const struct {
		const char *value, *json;
	} cases[] = {
		{ "0", "0" },
		{ "-0", "-0" },
		{ "42", "42" },
		{ "-7", "-7" },
		{ "87.5", "87.5" },
		{ "0.05", "0.05" },
		{ "1.50", "1.50" },
		{ "", "null" },
		{ "007", "\"007\"" },
		{ "+1", "\"+1\"" },
		{ "1.", "\"1.\"" },
		{ ".5", "\".5\"" },
		{ "-", "\"-\"" },
		{ "1e3", "\"1e3\"" },
		{ "1,5", "\"1,5\"" },
		{ " 1", "\" 1\"" },
		{ "0x1F", "\"0x1F\"" },
		{ "NaN", "\"NaN\"" },
		{ "1.2.3", "\"1.2.3\"" },
	};
	char want[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(want, sizeof(want), "{\"v\":%s}\n", cases[i].json);
		is_one(OUTPUT_JSON, cases[i].value, 1, want, cases[i].value);
		snprintf(want, sizeof(want), "- v: %s\n", cases[i].json);
		is_one(OUTPUT_YAML, cases[i].value, 1, want, cases[i].value);
	}
	is_one(OUTPUT_JSON, "12", 0, "{\"v\":\"12\"}\n", "json: text quoted");
	is_one(OUTPUT_YAML, "12", 0, "- v: \"12\"\n", "yaml: text quoted");
}

static void test_yaml_keys(void)
{
	static const char *const cols[] = {
		"id", "no", "ON", "Null", "y", "2nd", "a b", "next-change", "_x", "-x", "",
	};
	static const char *const vals[] = {
		"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11",
	};
	struct diag d = DIAG_INIT;
	struct capture c;
	struct output *o;

	capture_open(&c);
	o = output_new(c.fp, OUTPUT_YAML, cols, 11);
	output_row(o, vals);
	output_finish(o, &d);
	output_free(o);
	is_str(c.buf,
	       "- id: \"1\"\n"
	       "  \"no\": \"2\"\n"
	       "  \"ON\": \"3\"\n"
	       "  \"Null\": \"4\"\n"
	       "  \"y\": \"5\"\n"
	       "  \"2nd\": \"6\"\n"
	       "  \"a b\": \"7\"\n"
	       "  next-change: \"8\"\n"
	       "  _x: \"9\"\n"
	       "  \"-x\": \"10\"\n"
	       "  \"\": \"11\"\n",
	       "yaml keys: plain only when safe");
	capture_close(&c);

	capture_open(&c);
	o = output_new(c.fp, OUTPUT_JSON, (const char *const[]){ "a\"b\n" }, 1);
	output_row(o, (const char *const[]){ "x" });
	output_finish(o, &d);
	output_free(o);
	is_str(c.buf, "{\"a\\\"b\\n\":\"x\"}\n", "json keys escaped");
	capture_close(&c);
}

static void test_lifecycle(void)
{
	struct diag d = DIAG_INIT;
	struct capture c;
	struct output *o;
	const char *names[] = { "a", "b" };

	capture_open(&c);
	o = output_new(c.fp, OUTPUT_CSV, names, 2);
	names[0] = "changed";
	fflush(c.fp);
	is_int(c.len, 0, "nothing written before the first row");
	output_row(o, (const char *const[]){ "1", "2" });
	is_int(output_finish(o, &d), 0, "finish");
	is_int(output_finish(o, &d), 0, "finish again");
	output_free(o);
	is_str(c.buf, "a,b\n1,2\n", "columns copied; finish twice writes once");
	capture_close(&c);

	capture_open(&c);
	o = output_new(c.fp, OUTPUT_TABLE, names, 2);
	output_row(o, (const char *const[]){ "1", "2" });
	fflush(c.fp);
	is_int(c.len, 0, "table buffers until finish");
	output_finish(o, &d);
	output_free(o);
	is_str(c.buf, "changed  b\n-------  -\n1        2\n", "table at end");
	capture_close(&c);

	output_free(NULL);
}

static void test_parse(void)
{
	static const char *const names[] = { "csv", "tsv", "json", "yaml", "table", "md" };
	enum output_format f;
	size_t i;

	for (i = 0; i < 6; i++) {
		f = OUTPUT_CSV;
		is_int(output_format_parse(names[i], &f), 0, "parse %s", names[i]);
		is_int(f, i, "parse %s value", names[i]);
	}
	is_int(output_format_parse("xml", &f), -1, "parse xml");
	is_int(output_format_parse("CSV", &f), -1, "parse is case-sensitive");
	is_int(output_format_parse("", &f), -1, "parse empty");
	is_int(output_format_parse("markdown", &f), -1, "parse markdown");
	is_str(output_format_names(), "csv, tsv, json, yaml, table, md", "names");
}

static void test_write_failure(void)
{
	static const char *const names[] = { "csv", "tsv", "json", "yaml", "table", "md" };
	struct diag d = DIAG_INIT;
	struct output *o;
	FILE *fp;
	char *big;
	const char *field;
	size_t i;

	for (i = 0; i < 6; i++) {
		fp = fopen("/dev/full", "w");
		if (!fp) {
			ok(1, "# SKIP no /dev/full");
			return;
		}
		diag_clear(&d);
		o = output_new(fp, (enum output_format)i, columns, 5);
		output_row(o, rows[0]);
		is_int(output_finish(o, &d), -1, "%s to /dev/full fails", names[i]);
		is_int(d.status, DIAG_SYSTEM, "%s: system error", names[i]);
		is_str(d.msg, "cannot write output: No space left on device", "%s: message",
		       names[i]);
		output_free(o);
		fclose(fp);
	}

	/* A record larger than the stdio buffer fails inside output_row. */
	big = malloc(1 << 20);
	memset(big, 'x', (1 << 20) - 1);
	big[(1 << 20) - 1] = '\0';
	field = big;
	fp = fopen("/dev/full", "w");
	diag_clear(&d);
	o = output_new(fp, OUTPUT_CSV, (const char *const[]){ "v" }, 1);
	output_row(o, &field);
	output_row(o, (const char *const[]){ "small" });
	is_int(output_finish(o, &d), -1, "failed fwrite in a row is reported");
	is_str(d.msg, "cannot write output: No space left on device", "failed fwrite: message");
	output_free(o);
	fclose(fp);
	free(big);
}

int main(void)
{
	test_formats();
	test_empty();
	test_escapes();
	test_formula();
	test_numbers();
	test_yaml_keys();
	test_lifecycle();
	test_parse();
	test_write_failure();
	return tap_done();
}
