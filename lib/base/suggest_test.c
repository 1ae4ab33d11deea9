#include "tap.h"
#include "suggest.h"

#include <stdlib.h>
#include <string.h>

#include "banned.h"

static const char *const needs[] = {
	"housing",       "shelter", "health-care", "health-insurance", "legal-aid",
	"psych-support", "school",  "employment",  "work-permit",
};
#define NNEEDS (sizeof needs / sizeof *needs)

static void test_distance(void)
{
	is_int(suggest_distance("", ""), 0, "distance of empty strings");
	is_int(suggest_distance("abc", ""), 3, "distance to empty");
	is_int(suggest_distance("kitten", "sitting"), 3, "kitten/sitting");
	is_int(suggest_distance("ca", "ac"), 1, "adjacent swap is one edit");
	is_int(suggest_distance("ca", "abc"), 3, "osa, not unrestricted DL");
	is_int(suggest_distance("Housing", "housing"), 0, "ASCII case ignored");
	is_int(suggest_distance("žluť", "zlut"), 2, "code points, not bytes");
	is_int(suggest_distance("Житло", "житло"), 1, "non-ASCII case kept");
	is_int(suggest_distance("a\xff", "a\xfe"), 1, "invalid byte is one char");
}

static void test_closest(void)
{
	is_str(suggest_closest("hosuing", needs, NNEEDS), "housing", "swap");
	is_str(suggest_closest("HOUSING", needs, NNEEDS), "housing", "case");
	is_str(suggest_closest("shelte", needs, NNEEDS), "shelter", "deletion");
	is_str(suggest_closest("psych", needs, NNEEDS), "psych-support", "unique prefix");
	ok(suggest_closest("health", needs, NNEEDS) == NULL, "ambiguous prefix suggests nothing");
	ok(suggest_closest("ps", needs, NNEEDS) == NULL, "prefix shorter than 3 suggests nothing");
	ok(suggest_closest("transport", needs, NNEEDS) == NULL, "nothing close");
	ok(suggest_closest("", needs, NNEEDS) == NULL, "empty word");
	ok(suggest_closest("housing", needs, 0) == NULL, "no candidates");
	is_str(suggest_closest("workpermit", needs, NNEEDS), "work-permit", "missing dash");
	is_str(suggest_closest("legal", needs, NNEEDS), "legal-aid", "prefix");
}

static void test_limits(void)
{
	static const char *const c[] = { "abcde", "abxyz", "abcdefghijkl" };
	static const char *const tie[] = { "cat", "bat", "hat" };

	is_str(suggest_closest("abcdx", c, 3), "abcde", "5 chars: 1 edit ok");
	ok(suggest_closest("abcxx", c, 3) == NULL, "5 chars: 2 edits too many");
	is_str(suggest_closest("abcdefghiXYZ", c, 3), "abcdefghijkl", "12 chars: 3 edits ok");
	ok(suggest_closest("abcdefXYZWkl", c, 3) == NULL, "12 chars: 4 edits too many");
	is_str(suggest_closest("at", tie, 3), "cat", "tie goes to the first");
	is_str(suggest_closest("xat", tie, 3), "cat", "tie goes to the first (2)");
	is_str(suggest_closest("bta", tie, 3), "bat", "nearest wins");
}

/* The phrase of suggest_words, "" when it names nothing. */
static const char *words(const char *word, const char *const *c, size_t n)
{
	static char buf[SUGGEST_PHRASE_MAX];
	struct suggestion s;

	suggest_words(&s, word, c, n);
	return suggest_phrase(&s, buf, sizeof buf);
}

static void test_words(void)
{
	static const char *const ids[] = {
		"cic-info", "cic-legal", "cic-lang", "cic-psych", "cic-job", "pristav",
	};
	static const char *const labels[] = { "bydlení", "ubytování", "azyl", "strava" };
	static const char *const codes[] = { "housing", "housing", "shelter", "food" };
	struct suggestion s;

	is_str(words("cic-l", ids, 6), "'cic-legal' or 'cic-lang'", "two prefixes: both");
	is_str(words("cic-", ids, 6), "'cic-info', 'cic-legal', 'cic-lang', ...",
	       "more than three: three and '...'");
	is_str(words("cic-p", ids, 6), "'cic-psych'", "one prefix");
	is_str(words("pristv", ids, 6), "'pristav'", "else the closest");
	is_str(words("ci", ids, 6), "", "a prefix under 3 characters names nothing");
	is_str(words("health", needs, NNEEDS), "'health-care' or 'health-insurance'",
	       "the prefix the closest alone refuses");
	is_str(words("", ids, 6), "", "empty word");
	suggest_words(&s, "ubytovn", labels, 4);
	suggest_map(&s, labels, codes, 4);
	ok(s.n == 1 && !strcmp(s.word[0], "housing"), "a label mapped to its code");
	s.n = 2;
	s.word[0] = labels[0];
	s.word[1] = labels[1];
	suggest_map(&s, labels, codes, 4);
	ok(s.n == 1 && !strcmp(s.word[0], "housing"), "two labels of one code: named once");
	ok(suggest_one(&s, NULL) == 0 && suggest_one(&s, "x") == 1, "suggest_one");
}

static void test_long(void)
{
	char *a = malloc(301), *b = malloc(301);
	const char *cand[1];

	memset(a, 'a', 300);
	a[300] = '\0';
	memcpy(b, a, 301);
	b[150] = 'b';
	cand[0] = b;
	is_int(suggest_distance(a, b), 1, "long words (heap rows)");
	ok(suggest_closest(a, cand, 1) == b, "long word suggestion");
	free(a);
	free(b);
}

int main(void)
{
	test_distance();
	test_closest();
	test_limits();
	test_words();
	test_long();
	return tap_done();
}
