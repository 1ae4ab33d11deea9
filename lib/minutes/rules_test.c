#include <string.h>

#include "rules.h"
#include "strbuf.h"
#include "tap.h"
#include "testgolden.h"
#include "yamldoc.h"
#include "banned.h"

static const char *const colours[] = { "red", "green", NULL };

static const struct rules_kind kinds[] = {
	{ "heading", 0, NULL, "a heading" },
	{ "word", RULES_WORDS, NULL, NULL },
	{ "unit", RULES_TAGGED, NULL, NULL },
	{ "colour", RULES_TAGGED | RULES_WORDS, colours, NULL },
	{ "amount", 0, NULL, NULL },
};

static const struct rules_src table[] = { { "heading", NULL, "^present\\s*:" },
					  { "heading", NULL, "^přítomn[íi]\\s*:" },
					  { "word", NULL, "Mgr" },
					  { "unit", "beds", "lůž\\w*" },
					  { "unit", "families", "rodin\\w*" },
					  { "colour", "red", "ruby" },
					  { "amount", NULL, "{N}\\s+{unit}" },
					  { NULL, NULL, NULL } };

static const struct rules_macro macros[] = { { "N", "(?<n>\\d+)" }, { NULL, NULL } };

static void test_rx(void)
{
	struct diag d = DIAG_INIT;
	struct rules_rx *rx = rules_rx_new("(?<org>\\p{Lu}\\w*)\\s+(?<verb>se|je)\\b", "t", &d);
	const char *s = "text. Třešeň se ozvala";
	size_t a, b;

	if (!ok(rx != NULL, "compiles"))
		return;
	is_int(rules_rx_exec(rx, s, strlen(s), 0, 0, &d), 1, "searches");
	ok(rules_rx_group(rx, "org", &a, &b) && !strncmp(s + a, "Třešeň", b - a) &&
		   b - a == strlen("Třešeň"),
	   "a named group");
	ok(!rules_rx_group(rx, "nope", &a, &b), "no such group");
	is_int(rules_rx_exec(rx, s, strlen(s), 0, 1, &d), 0, "anchored at 0: no match");
	is_int(rules_rx_exec(rx, s, strlen(s), 6, 1, &d), 1, "anchored at 6: a match");
	rules_rx_span(rx, &a, &b);
	ok(a == 6 && b == 6 + strlen("Třešeň se"), "its span is in the whole subject");
	rules_rx_free(rx);

	rx = rules_rx_new("x", "t", &d);
	ok(rules_rx_exec(rx, "řx", 3, 1, 0, &d) == -1 &&
		   !strcmp(d.msg, "t: a match may not start inside a character"),
	   "an offset inside a character");
	rules_rx_free(rx);

	rx = rules_rx_new("^ad\\s+\\d+", "t", &d);
	is_int(rules_rx_exec(rx, "x Ad 1.", 7, 2, 1, &d), 1,
	       "^ holds where an anchored match starts");
	is_int(rules_rx_exec(rx, "x Ad 1.", 7, 2, 0, &d), 0, "but not where a search starts");
	rules_rx_free(rx);

	rx = rules_rx_new("\\bšest\\b", "t", &d);
	is_int(rules_rx_exec(rx, "ŠEST", 5, 0, 0, &d), 1, "caseless with Unicode letters");
	is_int(rules_rx_exec(rx, "nešestý", 9, 0, 0, &d), 0, "\\b knows Czech letters");
	rules_rx_free(rx);

	rx = rules_rx_new("(?<a>x)|(?<a>y)", "t", &d);
	ok(rx && rules_rx_exec(rx, "y", 1, 0, 0, &d) == 1 && rules_rx_group(rx, "a", &a, &b) &&
		   a == 0 && b == 1,
	   "duplicate names: the group that took part");
	rules_rx_free(rx);

	ok(rules_rx_new("ab(čd", "--rules x.yaml:3:4", &d) == NULL && d.status == DIAG_DATA,
	   "a syntax error");
	is_str(d.msg, "--rules x.yaml:3:4: bad pattern at column 6: missing closing parenthesis",
	       "names the column in characters");

	rx = rules_rx_new("^(a|a)*$", "evil", &d);
	{
		char s2[64];
		memset(s2, 'a', 40);
		s2[40] = 'b';
		is_int(rules_rx_exec(rx, s2, 41, 0, 0, &d), -1, "a runaway pattern stops");
		is_str(d.hint, "the pattern backtracks too much; make it more specific",
		       "with a hint");
	}
	rules_rx_free(rx);
}

static int load(struct rules *r, const char *yaml, struct diag *d)
{
	static const char *const other[] = { "version", NULL };
	struct yamldoc doc;
	int rc;

	if (yamldoc_load_buffer(&doc, "r.yaml", yaml, strlen(yaml), d) < 0)
		return -1;
	rc = rules_load_yaml(r, &doc, doc.root, other, d);
	if (rc == 0)
		rc = rules_compile(r, macros, d);
	yamldoc_release(&doc);
	return rc;
}

static size_t count(const struct rules *r, const char *kind)
{
	size_t i, n = 0;
	int k = rules_kind(r, kind);

	for (i = 0; i < r->n; i++)
		n += r->v[i].kind == (size_t)k;
	return n;
}

static void test_set(void)
{
	struct rules r, back;
	struct diag d = DIAG_INIT;
	struct strbuf sb = STRBUF_INIT, dump = STRBUF_INIT;
	const struct rules_entry *e;
	const char *s = "Přítomni: mají 25 rodin";
	size_t a, b;

	rules_init(&r, kinds, sizeof kinds / sizeof *kinds);
	ok(rules_add_table(&r, table, &d) == 0 && rules_compile(&r, macros, &d) == 0,
	   "a table compiles");
	ok(rules_match(&r, 0, s, strlen(s), 0, 1, &e, &d) == 1 && e == &r.v[1], "the heading rule");
	ok(rules_match(&r, (size_t)rules_kind(&r, "amount"), s, strlen(s), 0, 0, &e, &d) == 1 &&
		   rules_rx_group(e->rx, "n", &a, &b) && !strncmp(s + a, "25", 2) &&
		   rules_rx_group(e->rx, "unit", &a, &b) && !strncmp(s + a, "rodin", 5),
	   "{N} and {unit} expand");
	ok(rules_add(&r, "colour", "blue", "navy", &d) == -1 &&
		   !strcmp(d.msg, "rule 'colour': bad tag 'blue'"),
	   "a tag not allowed");
	ok(rules_add(&r, "nope", NULL, "x", &d) == -1, "an unknown kind");

	rules_dump(&r, &dump);
	ok(strstr(dump.buf, "# a heading\nheading:\n  - '^present\\s*:'\n") != NULL,
	   "dump: a kind");
	ok(strstr(dump.buf, "word: ['Mgr']\n") != NULL, "dump: words");
	ok(strstr(dump.buf, "unit:\n  - beds: 'lůž\\w*'\n  - families: 'rodin\\w*'\n") != NULL,
	   "dump: tagged");
	rules_init(&back, kinds, sizeof kinds / sizeof *kinds);
	ok(load(&back, dump.buf, &d) == 0 && back.n == r.n, "the dump loads back");
	strbuf_reset(&sb);
	rules_dump(&back, &sb);
	is_str(sb.buf, dump.buf, "to the same dump");
	rules_release(&back);

	ok(load(&r, "heading: '^here:'\nunit:\n  - rooms: [pokoj\\w*, místnost\\w*]\n", &d) == 0,
	   "a file replaces kinds");
	ok(count(&r, "heading") == 1 && count(&r, "unit") == 2 && count(&r, "word") == 1 &&
		   count(&r, "amount") == 1,
	   "only the kinds it names");
	ok(rules_match(&r, (size_t)rules_kind(&r, "amount"), "3 pokoje", 8, 0, 0, &e, &d) == 1,
	   "{unit} expands to the new units");
	rules_release(&r);

	rules_init(&r, kinds, sizeof kinds / sizeof *kinds);
	ok(load(&r, "heading: ['(x']\n", &d) == -1 && d.line == 1 && d.col == 11 &&
		   !strcmp(d.msg,
			   "'heading': bad pattern at column 3: missing closing parenthesis"),
	   "a file's bad pattern is placed in the file");
	ok(load(&r, "amount: ['{N}(']\n", &d) == -1, "a bad pattern after expansion");
	ok(load(&r, "colour:\n  - gren: x\n", &d) == -1 && !strcmp(d.hint, "did you mean 'green'?"),
	   "an unknown tag with a hint");
	ok(load(&r, "colour:\n  - red: x\n    green: y\n", &d) == -1 &&
		   !strcmp(d.msg, "'colour': each item must be one pair '- TAG: RULE'"),
	   "two pairs");
	ok(load(&r, "heading: {a: b}\n", &d) == -1 &&
		   !strcmp(d.msg, "'heading' must be a string or a sequence of strings"),
	   "a mapping");
	ok(load(&r, "heding: x\n", &d) == -1 && !strcmp(d.msg, "unknown key 'heding'"),
	   "an unknown kind");
	rules_release(&r);
	rules_init(&r, kinds, sizeof kinds / sizeof *kinds);
	if (!ok(load(&r, "version: 1\nheading: x\n", &d) == 0, "the caller's keys are skipped"))
		printf("# %s\n", d.msg);
	rules_release(&r);
	strbuf_release(&sb);
	strbuf_release(&dump);
}

int main(void)
{
	test_rx();
	test_set();
	return tap_done();
}
