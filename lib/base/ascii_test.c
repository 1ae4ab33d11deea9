#include <locale.h>
#include <string.h>

#include "ascii.h"
#include "tap.h"
#include "banned.h"

static void test_case(void)
{
	char s[] = "Ir-İi\xC4\xB1\xC3\x89z9";
	is_int(ascii_toupper('i'), 'I', "toupper i");
	is_int(ascii_tolower('I'), 'i', "tolower I");
	is_int(ascii_toupper('@'), '@', "toupper leaves '@'");
	is_int(ascii_tolower('['), '[', "tolower leaves '['");
	is_int(ascii_tolower(0xC9), 0xC9, "tolower leaves a byte above ASCII");
	is_int(ascii_toupper(-1), -1, "toupper leaves EOF");
	ascii_fold(s, strlen(s), 1);
	is_str(s, "IR-İI\xC4\xB1\xC3\x89Z9", "fold to upper: ASCII letters only, UTF-8 untouched");
	ascii_fold(s, strlen(s), 0);
	is_str(s, "ir-İi\xC4\xB1\xC3\x89z9", "fold to lower: ASCII letters only, UTF-8 untouched");
	ok(ascii_strcasecmp("HOUSING", "housing") == 0, "strcasecmp equal");
	ok(ascii_strcasecmp("abc", "abd") < 0 && ascii_strcasecmp("abd", "ABC") > 0,
	   "strcasecmp order");
	ok(ascii_strcasecmp("ab", "abc") < 0 && ascii_strcasecmp("abc", "AB") > 0,
	   "strcasecmp prefix");
	ok(ascii_strcasecmp("\xC3\x89", "\xC3\xA9") != 0, "strcasecmp does not fold beyond ASCII");
}

static void test_classes(void)
{
	int c, alpha = 0, digit = 0, alnum = 0;
	for (c = -1; c < 256; c++) {
		alpha += ascii_isalpha(c) != 0;
		digit += ascii_isdigit(c) != 0;
		alnum += ascii_isalnum(c) != 0;
	}
	is_int(alpha, 52, "52 letters");
	is_int(digit, 10, "10 digits");
	is_int(alnum, 62, "62 letters and digits");
	ok(!ascii_isalpha(0xE9) && !ascii_isalnum(0xE9),
	   "0xE9 is no letter (it is in Latin-1 locales)");
}

/* The same answers under a locale whose own folding differs, when it exists. */
static void test_turkish(void)
{
	if (!setlocale(LC_ALL, "tr_TR.UTF-8")) {
		ok(1, "# SKIP no tr_TR.UTF-8 locale here (cmd/casefold_test.sh makes one)");
		return;
	}
	is_int(ascii_toupper('i'), 'I', "toupper i under tr_TR.UTF-8");
	is_int(ascii_tolower('I'), 'i', "tolower I under tr_TR.UTF-8");
	ok(ascii_strcasecmp("IR", "ir") == 0, "strcasecmp IR ir under tr_TR.UTF-8");
	setlocale(LC_ALL, "C");
}

int main(void)
{
	test_case();
	test_classes();
	test_turkish();
	return tap_done();
}
