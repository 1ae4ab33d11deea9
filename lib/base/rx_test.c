#include <string.h>
#include <time.h>

#include "rx.h"
#include "tap.h"
#include "banned.h"

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
	struct diag d = DIAG_INIT;
	struct rx *rx = rx_compile("byt|ubytov", "--match", 0, &d);
	char evil[64];
	double t;

	ok(rx != NULL, "compiles");
	is_int(rx_match(rx, "hledá ubytování", strlen("hledá ubytování"), &d), 1, "matches");
	is_int(rx_match(rx, "práce", 6, &d), 0, "no match");
	rx_free(rx);

	rx = rx_compile("(?i)ЖИТЛО", "--match", 0, &d);
	is_int(rx_match(rx, "шукає житло", strlen("шукає житло"), &d), 1, "caseless Cyrillic");
	rx_free(rx);

	ok(rx_compile("a(b", "--match", 0, &d) == NULL, "syntax error rejected");
	is_str(d.msg, "--match: bad pattern at column 4: missing closing parenthesis",
	       "syntax error message names the column");
	is_int(d.status, DIAG_USAGE, "syntax error is a usage error");
	ok(rx_compile("житло(b", "--match", 0, &d) == NULL, "syntax error after Cyrillic");
	is_str(d.msg, "--match: bad pattern at column 8: missing closing parenthesis",
	       "the column counts characters, not bytes");
	ok(rx_compile("a(b", "rules.yaml:3:5", RX_RULES, &d) == NULL && d.status == DIAG_DATA,
	   "a rule's syntax error is a data error");

	memset(evil, 'a', 40);
	evil[40] = '!';
	evil[41] = '\0';
	rx = rx_compile("^(a|a)*$", "--match", 0, &d);
	/* what stops it is the match limit, a count of PCRE2's steps, not a clock */
	t = seconds();
	is_int(rx_match(rx, evil, strlen(evil), &d), -1, "catastrophic pattern stops");
	printf("# figure: a catastrophic pattern stopped by the match limit in %.1f ms\n",
	       (seconds() - t) * 1e3);
	is_str(d.msg, "--match: match limit exceeded", "limit message");
	is_int(d.status, DIAG_DATA, "limit is a data error (exit 3)");
	rx_free(rx);

	rx = rx_compile("x", "--match", 0, &d);
	is_int(rx_match(rx, "a\xC3x", 3, &d), 1, "invalid UTF-8 in the subject does not fail");
	rx_free(rx);
	return tap_done();
}
