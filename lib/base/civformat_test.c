/*
 * civtime_format_ts writes the stored form without printf: it agrees with
 * gmtime_r and printf over years 1 to 9999 and offsets of -14:00 to
 * +14:00 (whole minutes; other offsets take the printf branch).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "civtime.h"
#include "tap.h"
#include "banned.h"

static void test_format_digits(void)
{
	uint64_t x = 88172645463325252u;
	int i, bad = 0;

	for (i = 0; i < 200000; i++) {
		char got[CIVTIME_TS_MAX], want[64];
		int64_t utc;
		int off, a;
		struct tm tm;
		time_t t;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* 0001-01-02 to 9999-12-30 UTC, so that local time stays in 0000-9999 */
		utc = -62135510400 + (int64_t)(x % (uint64_t)315537638400);
		off = ((int)((x >> 40) % 1681) - 840) * 60;
		civtime_format_ts(got, utc, off);
		t = (time_t)(utc + off);
		a = off < 0 ? -off : off;
		if (!gmtime_r(&t, &tm))
			continue;
		snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
			 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
			 tm.tm_sec, off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
		if (strcmp(got, want) != 0 && bad++ < 3)
			printf("# %lld %+d: '%s', not '%s'\n", (long long)utc, off, got, want);
	}
	ok(bad == 0, "civtime_format_ts agrees with gmtime_r and printf over years 1-9999");
}

int main(void)
{
	test_format_digits();
	return tap_done();
}
