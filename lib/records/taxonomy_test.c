#include "tap.h"
#include "testgolden.h"
#include "taxonomy.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"
#include "suggest.h"
#include "banned.h"

/* The hint's phrase for word, or NULL when nothing is near. */
static const char *tax_hint(const struct taxonomy *x, const char *word)
{
	static char buf[SUGGEST_PHRASE_MAX];
	struct suggestion near;

	if (!taxonomy_suggest(x, word, &near))
		return NULL;
	return suggest_phrase(&near, buf, sizeof buf);
}

static int load_taxonomy(const char *path, void *arg, struct diag *d)
{
	struct taxonomy t;
	int failed = taxonomy_load(&t, path, d) == -1 && t.n == 0;
	(void)arg;
	taxonomy_release(&t);
	return failed;
}

static const char *const required[] = {
	"residence",
	"temporary-protection",
	"registration",
	"health-insurance",
	"work-permit",
	"employment",
	"housing",
	"shelter",
	"food-aid",
	"humanitarian-aid",
	"legal-aid",
	"psych-support",
	"language-course",
	"school",
	"qualifications",
	"social-benefits",
	"family-reunification",
	"domestic-violence",
	"id-number",
	"bank-account",
	"driving-licence",
	"translation",
	"transport",
	"health-care",
	"citizenship",
	"childcare",
	"education",
	"tax-insurance",
	"business",
	"debt-advice",
	"disability",
	"interpreting",
	"information",
};

static void test_builtin(void)
{
	struct taxonomy t;
	struct diag d = DIAG_INIT;
	const struct taxonomy_entry *e;
	size_t i, j;
	int l, sorted = 1, labelled = 1, unique = 1, valid = 1;

	ok(!taxonomy_load(&t, NULL, &d), "built-ins load");
	is_int(t.n, sizeof required / sizeof *required, "number of built-in codes");
	for (i = 0; i < sizeof required / sizeof *required; i++)
		ok(taxonomy_find(&t, required[i]) != NULL, "built-in '%s'", required[i]);
	for (i = 0; i < t.n; i++) {
		e = &t.entries[i];
		if (i && strcmp(t.entries[i - 1].code, e->code) >= 0)
			sorted = 0;
		if (!taxonomy_valid_code(e->code))
			valid = 0;
		for (l = 0; l < TAXONOMY_NLANG; l++) {
			if (!e->label[l] || !*e->label[l])
				labelled = 0;
			else if (taxonomy_find_label(&t, e->label[l]) != e) {
				unique = 0;
				printf("# label '%s' of '%s' is not unique\n", e->label[l],
				       e->code);
			}
		}
		for (j = 0; j < i; j++)
			if (!strcmp(t.entries[j].label[TAXONOMY_CS], e->label[TAXONOMY_CS]))
				unique = 0;
	}
	ok(sorted, "entries sorted by code");
	ok(valid, "every code has the code syntax");
	ok(labelled, "every entry labelled in every language");
	ok(unique, "every label finds its own entry");
	e = taxonomy_find(&t, "housing");
	is_str(e->label[TAXONOMY_EN], "housing", "housing en");
	is_str(e->label[TAXONOMY_CS], "ubytování", "housing cs");
	is_str(e->label[TAXONOMY_PL], "mieszkanie", "housing pl");
	is_str(e->label[TAXONOMY_UK], "житло", "housing uk");
	ok(taxonomy_find(&t, "Housing") == NULL, "codes are case-sensitive");
	ok(taxonomy_find(&t, "winter-clothes") == NULL, "unknown code");
	ok(taxonomy_find(&t, NULL) == NULL, "NULL code");
	ok(taxonomy_find_label(&t, "Ubytování") == e, "label, ASCII case ignored");
	ok(taxonomy_find_label(&t, "UBYTOVÁNÍ") == NULL, "label, non-ASCII case kept");
	ok(taxonomy_find_label(&t, "житло") == e, "Ukrainian label");
	ok(taxonomy_find_label(&t, "Житло") == NULL, "Cyrillic case kept");
	is_str(taxonomy_find_label(&t, "Psychological Support")->code, "psych-support",
	       "English label");
	ok(taxonomy_find_label(&t, "housin") == NULL, "no partial label match");
	is_str(tax_hint(&t, "hosuing"), "'housing'", "suggest from a code");
	is_str(tax_hint(&t, "ubytovani"), "'housing'", "suggest from cs label");
	is_str(tax_hint(&t, "mieszkanie"), "'housing'", "exact pl label");
	is_str(tax_hint(&t, "zhytlo"), NULL, "nothing near");
	is_str(tax_hint(&t, "житла"), "'housing'", "suggest from uk label");
	is_str(tax_hint(&t, "psych"), "'psych-support'", "unique prefix");
	is_str(tax_hint(&t, "legal aid"), "'legal-aid'", "label for code");
	ok(tax_hint(&t, "xyzzy-plugh") == NULL, "no suggestion");
	is_str(tax_hint(&t, "health"), "'health-care' or 'health-insurance'",
	       "a prefix of two codes names both");
	is_str(tax_hint(&t, "zdravotní"), "'disability', 'health-care' or 'health-insurance'",
	       "a prefix of two labels names their codes");
	taxonomy_release(&t);
	ok(t.n == 0 && t.entries == NULL, "released");
}

static void test_file(void)
{
	struct strbuf path = STRBUF_INIT;
	struct taxonomy t;
	struct diag d = DIAG_INIT;
	const struct taxonomy_entry *e;

	strbuf_addf(&path, "%s/testdata/taxonomy/good.yaml", testgolden_top());
	if (!ok(!taxonomy_load(&t, path.buf, &d), "good.yaml loads: %s", d.msg))
		return;
	is_int(t.n, sizeof required / sizeof *required + 4, "four codes added");
	e = taxonomy_find(&t, "winter-clothes");
	ok(e != NULL, "new code found");
	is_str(e->label[TAXONOMY_UK], "зимовий одяг", "new code, uk label");
	e = taxonomy_find(&t, "housing");
	is_str(e->label[TAXONOMY_CS], "bydlení", "override of cs label");
	is_str(e->label[TAXONOMY_PL], "mieszkanie", "other labels kept");
	ok(taxonomy_find_label(&t, "ubytování") == NULL, "old label gone");
	ok(taxonomy_find_label(&t, "bydlení") == e, "new label found");
	e = taxonomy_find(&t, "sim-card");
	is_str(e->label[TAXONOMY_CS], "SIM card", "missing label falls back to en");
	is_str(e->label[TAXONOMY_UK], "SIM-картка", "given label kept");
	e = taxonomy_find(&t, "bike-repair");
	is_str(e->label[TAXONOMY_EN], "naprawa roweru", "no en: first given");
	e = taxonomy_find(&t, "zz-unlabelled");
	is_str(e->label[TAXONOMY_PL], "zz-unlabelled", "no labels: the code");
	ok(&t.entries[t.n - 1] == e && taxonomy_find(&t, "bank-account") == &t.entries[0],
	   "merged entries sorted");
	is_str(tax_hint(&t, "winter-clotes"), "'winter-clothes'", "suggest a new code");
	ok(taxonomy_resolve(&t, "Podnájem u známých") == taxonomy_find(&t, "housing"),
	   "a synonym given in the file");
	ok(taxonomy_resolve(&t, "житло") == taxonomy_find(&t, "housing"),
	   "and the built-in ones are kept");
	ok(taxonomy_resolve(&t, "SIMKA") == taxonomy_find(&t, "sim-card"),
	   "a new code's synonym, any case");
	taxonomy_release(&t);

	ok(!taxonomy_load(&t, "/nonexistent-dir-okienko/taxonomy.yaml", &d) &&
		   t.n == sizeof required / sizeof *required,
	   "missing file: built-ins only");
	taxonomy_release(&t);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/testdata/taxonomy/good.yaml/x", testgolden_top());
	ok(taxonomy_load(&t, path.buf, &d) == -1 && d.status == DIAG_SYSTEM,
	   "unreadable path: system error");
	strbuf_release(&path);
}

static void test_resolve(void)
{
	struct taxonomy t;
	struct diag d = DIAG_INIT;
	const struct taxonomy_entry *housing;

	if (!ok(!taxonomy_load(&t, NULL, &d), "built-ins load"))
		return;
	housing = taxonomy_find(&t, "housing");
	ok(taxonomy_resolve(&t, "housing") == housing, "a code");
	ok(taxonomy_resolve(&t, " HOUSING ") == housing, "a code in capitals, with blanks");
	ok(taxonomy_resolve(&t, "ubytování") == housing, "a Czech label");
	ok(taxonomy_resolve(&t, "Ubytovani") == housing, "without diacritics, any case");
	ok(taxonomy_resolve(&t, "bydlení") == housing, "a synonym: the everyday Czech word");
	ok(taxonomy_resolve(&t, "Житло") == housing, "a Ukrainian synonym in capitals");
	ok(taxonomy_resolve(&t, "притулок") == taxonomy_find(&t, "shelter"), "a Ukrainian label");
	ok(taxonomy_resolve(&t, "hosuing") == NULL, "a mistyped word names nothing");
	ok(taxonomy_resolve(&t, "") == NULL && taxonomy_resolve(&t, NULL) == NULL, "nothing");
	taxonomy_release(&t);
}

static void test_misc(void)
{
	enum taxonomy_lang l = TAXONOMY_NLANG;

	ok(!taxonomy_lang_parse("uk", &l) && l == TAXONOMY_UK, "parse uk");
	ok(!taxonomy_lang_parse("cs", &l) && l == TAXONOMY_CS, "parse cs");
	ok(!taxonomy_lang_parse("en", &l) && l == TAXONOMY_EN, "parse en");
	ok(!taxonomy_lang_parse("pl", &l) && l == TAXONOMY_PL, "parse pl");
	ok(taxonomy_lang_parse("ua", &l) == -1 && taxonomy_lang_parse("EN", &l) == -1 &&
		   taxonomy_lang_parse(NULL, &l) == -1,
	   "reject others");
	is_str(taxonomy_lang_name(TAXONOMY_PL), "pl", "name of pl");
	ok(taxonomy_valid_code("a") && taxonomy_valid_code("id-number") &&
		   taxonomy_valid_code("a2-b"),
	   "valid codes");
	ok(!taxonomy_valid_code("") && !taxonomy_valid_code("2a") && !taxonomy_valid_code("-a") &&
		   !taxonomy_valid_code("Housing") && !taxonomy_valid_code("a_b") &&
		   !taxonomy_valid_code("a b") && !taxonomy_valid_code(NULL),
	   "invalid codes");
	ok(taxonomy_valid_code("abcdefghijabcdefghijabcdefghijabcdefghij") &&
		   !taxonomy_valid_code("abcdefghijabcdefghijabcdefghijabcdefghijk"),
	   "40 characters at most");
}

int main(void)
{
	testgolden_errors("taxonomy", 20, load_taxonomy, NULL);
	test_builtin();
	test_file();
	test_resolve();
	test_misc();
	return tap_done();
}
