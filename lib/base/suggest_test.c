#include "tap.h"
#include "suggest.h"

#include <stdlib.h>

#include "banned.h"

static const char *const needs[] = {
	"housing", "shelter", "health-care", "health-insurance", "legal-aid",
	"psych-support", "school", "employment", "work-permit",
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
	is_str(suggest_closest("psych", needs, NNEEDS), "psych-support",
	       "unique prefix");
	ok(suggest_closest("health", needs, NNEEDS) == NULL,
	   "ambiguous prefix suggests nothing");
	ok(suggest_closest("ps", needs, NNEEDS) == NULL,
	   "prefix shorter than 3 suggests nothing");
	ok(suggest_closest("transport", needs, NNEEDS) == NULL, "nothing close");
	ok(suggest_closest("", needs, NNEEDS) == NULL, "empty word");
	ok(suggest_closest("housing", needs, 0) == NULL, "no candidates");
	is_str(suggest_closest("workpermit", needs, NNEEDS), "work-permit",
	       "missing dash");
	is_str(suggest_closest("legal", needs, NNEEDS), "legal-aid", "prefix");
}

static void test_limits(void)
{
	static const char *const c[] = { "abcde", "abxyz", "abcdefghijkl" };
	static const char *const tie[] = { "cat", "bat", "hat" };

	is_str(suggest_closest("abcdx", c, 3), "abcde", "5 chars: 1 edit ok");
	ok(suggest_closest("abcxx", c, 3) == NULL, "5 chars: 2 edits too many");
	is_str(suggest_closest("abcdefghiXYZ", c, 3), "abcdefghijkl",
	       "12 chars: 3 edits ok");
	ok(suggest_closest("abcdefXYZWkl", c, 3) == NULL,
	   "12 chars: 4 edits too many");
	is_str(suggest_closest("at", tie, 3), "cat", "tie goes to the first");
	is_str(suggest_closest("xat", tie, 3), "cat", "tie goes to the first (2)");
	is_str(suggest_closest("bta", tie, 3), "bat", "nearest wins");
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
	test_long();
	return tap_done();
}
