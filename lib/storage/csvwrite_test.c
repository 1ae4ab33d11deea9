#include <string.h>

#include "csvwrite.h"
#include "strbuf.h"
#include "tap.h"
#include "banned.h"

static void test_record(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *f[] = { "a", "b,c", "d\"e", "", " x" };
	csvwrite_record(&sb, f, 5);
	is_str(sb.buf, "a,\"b,c\",\"d\"\"e\",,\" x\"\n",
	       "quoting: comma, quote, empty, leading space");
	strbuf_release(&sb);
}

/* The formula rule: what a spreadsheet would run gets an apostrophe, a number does not. */
static void test_formula(void)
{
	static const struct {
		const char *in, *want;
	} cells[] = {
		{ "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "+420 555 010 101", "'+420 555 010 101" },
		{ "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0" },
		{ "\tx", "'\tx" },
		{ "\rx", "\"'\rx\"" },
		{ "-", "'-" },
		{ "-5.", "'-5." },
		{ "-.5", "'-.5" },
		{ "-5,5", "\"'-5,5\"" },
		{ "-1e5", "'-1e5" },
		{ "+5", "'+5" },
		{ "-5", "-5" },
		{ "-0.5", "-0.5" },
		{ "-12", "-12" },
		{ "5", "5" },
		{ "'=already", "'=already" },
		{ "a=b", "a=b" },
		{ "", "" },
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	for (i = 0; i < sizeof cells / sizeof *cells; i++) {
		strbuf_reset(&sb);
		csvwrite_cell(&sb, cells[i].in, strlen(cells[i].in));
		is_str(sb.buf, cells[i].want, "cell %zu", i);
	}
	ok(csvwrite_is_formula("=1", 2) && !csvwrite_is_formula("-1", 2) &&
		   !csvwrite_is_formula("", 0),
	   "is_formula");
	ok(csvwrite_is_formula("-1x", 2) == 0, "is_formula looks at len bytes only");
	strbuf_release(&sb);
}

int main(void)
{
	test_record();
	test_formula();
	return tap_done();
}
