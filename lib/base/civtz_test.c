/* civtz_load_env: the TZ environment variable as the C library reads it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civtime.h"
#include "diag.h"
#include "tap.h"
#include "banned.h"

static int64_t at(const char *ts)
{
	int64_t utc;
	int off;
	if (civtime_parse_ts(ts, NULL, &utc, &off))
		printf("# bad timestamp in the test: %s\n", ts);
	return utc;
}

/* Load tz; check its name and its offsets at two instants. */
static void check_env(const char *tz, const char *name, const char *t1, int off1, const char *t2,
		      int off2)
{
	struct diag d = DIAG_INIT;
	struct civtz *z = NULL;
	if (!ok(civtz_load_env(tz, &z, &d) == 0, "TZ='%s' loads", tz ? tz : "(unset)")) {
		printf("#   %s\n", d.msg);
		return;
	}
	is_str(civtz_name(z), name, "TZ='%s' is called '%s'", tz ? tz : "(unset)", name);
	is_int(civtz_offset_at(z, at(t1)), off1, "TZ='%s' at %s", tz ? tz : "(unset)", t1);
	is_int(civtz_offset_at(z, at(t2)), off2, "TZ='%s' at %s", tz ? tz : "(unset)", t2);
	civtz_free(z);
}

static void check_refused(const char *tz, enum diag_status status, const char *msg)
{
	struct diag d = DIAG_INIT;
	struct civtz *z = NULL;
	is_int(civtz_load_env(tz, &z, &d), -1, "TZ='%s' is refused, not read as UTC", tz);
	is_int(d.status, status, "TZ='%s': status", tz);
	is_str(d.msg, msg, "TZ='%s': message", tz);
	ok(z == NULL, "TZ='%s': no zone", tz);
}

static void test_utc(void)
{
	check_env(NULL, "UTC", "2026-01-15T12:00Z", 0, "2026-07-15T12:00Z", 0);
	check_env("", "UTC", "2026-01-15T12:00Z", 0, "2026-07-15T12:00Z", 0);
}

/* A POSIX TZ string is rules, without any file. */
static void test_posix(void)
{
	struct diag d = DIAG_INIT;
	struct civtz *z;
	int64_t local;

	check_env("CET-1CEST,M3.5.0,M10.5.0/3", "CET-1CEST,M3.5.0,M10.5.0/3",
		  "2026-03-29T00:59:59Z", 3600, "2026-03-29T01:00:00Z", 7200);
	check_env("CET-1CEST,M3.5.0,M10.5.0/3", "CET-1CEST,M3.5.0,M10.5.0/3",
		  "2026-10-25T00:59:59Z", 7200, "2026-10-25T01:00:00Z", 3600);
	check_env("<+03>-3", "<+03>-3", "2026-01-15T12:00Z", 10800, "2026-07-15T12:00Z", 10800);
	check_env("UTC0", "UTC0", "2026-01-15T12:00Z", 0, "2026-07-15T12:00Z", 0);
	/* a daylight-saving name without rules: the US rules, as in tzcode */
	check_env("CET-1CEST", "CET-1CEST", "2026-03-08T00:59:59Z", 3600, "2026-03-20T12:00:00Z",
		  7200);
	if (civtz_load_env("CET-1CEST,M3.5.0,M10.5.0/3", &z, &d) == 0) {
		civtime_parse_local("2026-03-29T02:30", &local);
		is_int(civtz_local_to_utc(z, local), at("2026-03-29T01:30Z"),
		       "a POSIX zone's gap moves forward as a file's does");
		civtz_free(z);
	}
}

/* Zones of the database, by name and by path. */
static void test_database(const char *dir)
{
	char path[600], link[512];

	check_env("Europe/Prague", "Europe/Prague", "2026-01-15T12:00Z", 3600, "2026-07-15T12:00Z",
		  7200);
	check_env(":Europe/Prague", "Europe/Prague", "2026-01-15T12:00Z", 3600, "2026-07-15T12:00Z",
		  7200);
	check_env("EST5EDT", "EST5EDT", "2026-01-15T12:00Z", -18000, "2026-07-15T12:00Z", -14400);
	snprintf(path, sizeof path, ":%s/America/New_York", dir);
	check_env(path, "America/New_York", "2026-01-15T12:00Z", -18000, "2026-07-15T12:00Z",
		  -14400);
	/* a link elsewhere, as /etc/localtime, is called by the zone it links to */
	snprintf(link, sizeof link, "/tmp/civtz_test.%ld", (long)getpid());
	unlink(link);
	if (symlink(path + 1, link) == 0) {
		snprintf(path, sizeof path, ":%s", link);
		check_env(path, "America/New_York", "2026-01-15T12:00Z", -18000,
			  "2026-07-15T12:00Z", -14400);
		check_env(link, "America/New_York", "2026-01-15T12:00Z", -18000,
			  "2026-07-15T12:00Z", -14400);
		unlink(link);
	}
	if (access("/usr/share/zoneinfo/right/Europe/Prague", R_OK) == 0)
		check_refused(
			"right/Europe/Prague", DIAG_USAGE,
			"TZ: the clock of the time zone 'right/Europe/Prague' counts leap seconds");
	else
		ok(1, "# SKIP no right/ zones here");
}

static void test_refused(void)
{
	check_refused("Europe/Pargue", DIAG_USAGE, "TZ: unknown time zone 'Europe/Pargue'");
	check_refused(":Europe/Pargue", DIAG_USAGE, "TZ: unknown time zone ':Europe/Pargue'");
	check_refused(":", DIAG_USAGE, "TZ: unknown time zone ':'");
	check_refused(":/nonexistent/zone", DIAG_USAGE,
		      "TZ: unknown time zone ':/nonexistent/zone'");
	check_refused("../etc/passwd", DIAG_USAGE, "TZ: unknown time zone '../etc/passwd'");
	check_refused("CET-1CEST,M13.5.0,M10.5.0", DIAG_USAGE,
		      "TZ: unknown time zone 'CET-1CEST,M13.5.0,M10.5.0'");
	/* a POSIX string is not read after ':', which names a file */
	check_refused(":CET-1CEST,M3.5.0,M10.5.0/3", DIAG_USAGE,
		      "TZ: unknown time zone ':CET-1CEST,M3.5.0,M10.5.0/3'");
	check_refused("/etc/passwd", DIAG_USAGE, "TZ: unknown time zone '/etc/passwd'");
}

int main(void)
{
	unsetenv("TZDIR");
	test_utc();
	test_posix();
	test_refused();
	if (access("/usr/share/zoneinfo/Europe/Prague", R_OK) == 0)
		test_database("/usr/share/zoneinfo");
	else
		ok(1, "# SKIP no tzdata in /usr/share/zoneinfo");
	return tap_done();
}
