/*
 * civtz_zones_test: time zones read from TZif files: the system's Central
 * European zones and others against zdump(8), load errors, and synthetic,
 * truncated and corrupt files in a scratch TZDIR.  (civtime_test has the
 * calendar and timestamps; civtz_test the zone rules in the abstract.)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "civtime.h"
#include "diag.h"
#include "strbuf.h"
#include "tap.h"

#include "banned.h"

/* Expected values come from Python's datetime and zdump(8), not from this code. */

#define CYCLE ((int64_t)146097 * 86400) /* 400 Gregorian years */

static long D(int y, int m, int d)
{
	return civtime_days_from_civil(y, m, d);
}

static struct civtz *load(const char *name)
{
	struct diag d = DIAG_INIT;
	struct civtz *tz = NULL;
	if (civtz_load(name, &tz, &d)) {
		ok(0, "load %s: %s", name, d.msg);
		return NULL;
	}
	return tz;
}

/* "YYYY-MM-DDTHH:MM:SSZ" of any year, without the parser's range of dates. */
static int utc_of(const char *s, int64_t *utc)
{
	int y, mo, d, h, mi, sec;
	char z;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &sec, &z) != 7 || z != 'Z')
		return -1;
	*utc = (int64_t)civtime_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	return 0;
}

static void check_offset(const struct civtz *tz, const char *utc_s, int want)
{
	int64_t utc;
	if (utc_of(utc_s, &utc)) {
		ok(0, "bad test timestamp '%s'", utc_s);
		return;
	}
	is_int(civtz_offset_at(tz, utc), want, "%s offset at %s", civtz_name(tz), utc_s);
}

/* Local time s read in tz, printed with the offset then in effect. */
static void check_local(const struct civtz *tz, const char *s, const char *want)
{
	char buf[CIVTIME_TS_MAX] = "";
	int64_t utc;
	int off;
	if (!civtime_parse_ts(s, tz, &utc, &off))
		civtime_format_ts(buf, utc, off);
	is_str(buf, want, "%s local %s", civtz_name(tz), s);
}

static void test_central_europe(const char *name)
{
	struct civtz *tz = load(name);
	if (!tz)
		return;
	is_str(civtz_name(tz), name, "civtz_name");
	is_int(civtime_parse_ts("2199-12-31T23:30:00Z", tz, &(int64_t){ 0 }, &(int){ 0 }),
	       CIVTIME_RANGE, "%s: 2199-12-31T23:30Z is 2200 in the zone: out of range", name);
	check_offset(tz, "2026-01-15T12:00:00Z", 3600);
	check_offset(tz, "2026-03-29T00:59:59Z", 3600);
	check_offset(tz, "2026-03-29T01:00:00Z", 7200);
	check_offset(tz, "2026-10-25T00:59:59Z", 7200);
	check_offset(tz, "2026-10-25T01:00:00Z", 3600);
	check_offset(tz, "1990-03-25T00:59:59Z", 3600);
	check_offset(tz, "1990-03-25T01:00:00Z", 7200);
	check_offset(tz, "1990-09-30T00:59:59Z", 7200);
	check_offset(tz, "1990-09-30T01:00:00Z", 3600);
	check_offset(tz, "2090-03-26T00:59:59Z", 3600);
	check_offset(tz, "2090-03-26T01:00:00Z", 7200);
	check_offset(tz, "2090-10-29T00:59:59Z", 7200);
	check_offset(tz, "2090-10-29T01:00:00Z", 3600);

	check_local(tz, "2026-11-23T14:05", "2026-11-23T14:05:00+01:00");
	check_local(tz, "2026-03-29T01:59:59", "2026-03-29T01:59:59+01:00");
	check_local(tz, "2026-03-29T02:00", ""); /* skipped by the clocks: refused */
	check_local(tz, "2026-03-29T02:30", "");
	check_local(tz, "2026-03-29T02:59:59", "");
	check_local(tz, "2026-03-29T03:00", "2026-03-29T03:00:00+02:00");
	check_local(tz, "2026-10-25T01:59:59", "2026-10-25T01:59:59+02:00");
	check_local(tz, "2026-10-25T02:00", "2026-10-25T02:00:00+02:00");
	check_local(tz, "2026-10-25T02:30", "2026-10-25T02:30:00+02:00");
	check_local(tz, "2026-10-25T02:59:59", "2026-10-25T02:59:59+02:00");
	check_local(tz, "2026-10-25T03:00", "2026-10-25T03:00:00+01:00");
	check_local(tz, "2090-03-26T02:30", "");
	check_local(tz, "2090-10-29T02:30", "2090-10-29T02:30:00+02:00");
	check_local(tz, "1990-03-25T02:30", "");
	check_local(tz, "1990-09-30T02:30", "1990-09-30T02:30:00+02:00");
	check_local(tz, "2026-11-23T14:05+03:00", "2026-11-23T14:05:00+03:00");
	check_local(tz, "2026-11-23 14:05", "2026-11-23T14:05:00+01:00");
	{
		int64_t u;
		int off;
		is_int(civtime_parse_ts("2026-03-29T02:30", tz, &u, &off), CIVTIME_GAP,
		       "%s: a time the clocks skipped is refused", name);
		is_int(civtime_parse_ts("2026-03-29T02:30+01:00", tz, &u, &off), 0,
		       "%s: with its offset it is an instant", name);
		is_int(civtime_parse_ts("2026-11-23  14:05", tz, &u, &off), CIVTIME_BAD,
		       "%s: one space, not two", name);
	}
	/* the local date of an instant: 23:30Z on 31 Dec is 1 Jan here */
	is_int(civtime_local_day(tz, (int64_t)D(2026, 12, 31) * 86400 + 23 * 3600 + 1800),
	       D(2027, 1, 1), "%s: 2026-12-31T23:30Z is 2027-01-01 here", name);
	is_int(civtime_local_day(tz, (int64_t)D(1969, 12, 31) * 86400 + 22 * 3600 + 1800),
	       D(1969, 12, 31), "%s: 1969-12-31T22:30Z is still 1969-12-31 here", name);
	civtz_free(tz);
}

static void test_other_zones(void)
{
	struct civtz *tz;
	int64_t local, utc;

	if ((tz = load("Europe/Prague"))) {
		civtime_parse_local("2026-10-25T02:30", &local);
		is_int(civtz_local_to_utc(tz, local), 1792888200,
		       "overlap resolves to the first occurrence (00:30Z)");
		civtime_parse_local("2026-03-29T02:30", &local);
		is_int(civtz_local_to_utc(tz, local), 1774747800,
		       "gap moves forward by the gap (01:30Z)");
		utc = 1795439100;
		is_int(civtz_local_to_utc(tz, utc + civtz_offset_at(tz, utc)), utc,
		       "local_to_utc inverts offset_at");
		check_offset(tz, "1850-01-01T00:00:00Z", 3464);
		civtz_free(tz);
	}
	if ((tz = load("America/Sao_Paulo"))) {
		check_offset(tz, "2018-02-18T01:59:59Z", -7200);
		check_offset(tz, "2018-02-18T02:00:00Z", -10800);
		check_offset(tz, "2018-11-04T02:59:59Z", -10800);
		check_offset(tz, "2018-11-04T03:00:00Z", -7200);
		check_offset(tz, "2026-01-15T12:00:00Z", -10800);
		check_offset(tz, "2090-01-15T12:00:00Z", -10800);
		check_local(tz, "2018-11-04T00:30", ""); /* midnight skipped there: refused */
		check_local(tz, "2018-02-17T23:30", "2018-02-17T23:30:00-02:00");
		check_local(tz, "2018-02-18T00:00", "2018-02-18T00:00:00-03:00");
		civtz_free(tz);
	}
	if ((tz = load("Australia/Sydney"))) {
		check_offset(tz, "2090-01-15T12:00:00Z", 39600);
		check_offset(tz, "2090-04-01T15:59:59Z", 39600);
		check_offset(tz, "2090-04-01T16:00:00Z", 36000);
		check_offset(tz, "2090-09-30T15:59:59Z", 36000);
		check_offset(tz, "2090-09-30T16:00:00Z", 39600);
		check_offset(tz, "2090-12-31T23:59:59Z", 39600);
		check_local(tz, "2090-04-02T02:30", "2090-04-02T02:30:00+11:00");
		check_local(tz, "2090-10-01T02:30", ""); /* skipped */
		check_local(tz, "2091-01-01T00:00", "2091-01-01T00:00:00+11:00");
		civtz_free(tz);
	}
	if ((tz = load("Europe/Dublin"))) { /* negative DST in the footer */
		check_offset(tz, "2090-01-15T12:00:00Z", 0);
		check_offset(tz, "2090-03-26T00:59:59Z", 0);
		check_offset(tz, "2090-03-26T01:00:00Z", 3600);
		check_offset(tz, "2090-10-29T00:59:59Z", 3600);
		check_offset(tz, "2090-10-29T01:00:00Z", 0);
		civtz_free(tz);
	}
	if ((tz = load("America/Nuuk"))) { /* negative rule times */
		check_offset(tz, "2090-03-26T00:59:59Z", -7200);
		check_offset(tz, "2090-03-26T01:00:00Z", -3600);
		check_offset(tz, "2090-10-29T00:59:59Z", -3600);
		check_offset(tz, "2090-10-29T01:00:00Z", -7200);
		civtz_free(tz);
	}
	if ((tz = load("Asia/Jerusalem"))) { /* rule time 26:00 */
		check_offset(tz, "2090-03-23T23:59:59Z", 7200);
		check_offset(tz, "2090-03-24T00:00:00Z", 10800);
		check_offset(tz, "2090-10-28T22:59:59Z", 10800);
		check_offset(tz, "2090-10-28T23:00:00Z", 7200);
		civtz_free(tz);
	}
}

static void check_load_error(const char *name, enum diag_status status, const char *msg)
{
	struct diag d = DIAG_INIT;
	struct civtz *tz = NULL;
	is_int(civtz_load(name, &tz, &d), -1, "load '%s' fails", name);
	is_int(d.status, status, "load '%s' status", name);
	is_str(d.msg, msg, "load '%s' message", name);
	is_str(d.hint, "", "load '%s' has no hint", name);
	civtz_free(tz);
}

static void test_load_errors(void)
{
	check_load_error("Europe/Prag", DIAG_DATA, "unknown time zone 'Europe/Prag'");
	check_load_error("Europe", DIAG_DATA, "unknown time zone 'Europe'");
	check_load_error("../etc/passwd", DIAG_DATA, "invalid time zone name '../etc/passwd'");
	check_load_error("Europe/../UTC", DIAG_DATA, "invalid time zone name 'Europe/../UTC'");
	check_load_error("/etc/passwd", DIAG_DATA, "invalid time zone name '/etc/passwd'");
	check_load_error("Europe//Prague", DIAG_DATA, "invalid time zone name 'Europe//Prague'");
	check_load_error("Europe/Prague/", DIAG_DATA, "invalid time zone name 'Europe/Prague/'");
	check_load_error("Europe/Pra gue", DIAG_DATA, "invalid time zone name 'Europe/Pra gue'");
	check_load_error("zone.tab", DIAG_DATA, "invalid time zone name 'zone.tab'");
	check_load_error("", DIAG_DATA, "invalid time zone name ''");
}

/* A scratch TZDIR with TZif files made by the test. */
static char tmpdir[64];
static const char *created[16]; /* names in tmpdir, all literals */
static int ncreated;

static void put32(struct strbuf *sb, uint32_t v)
{
	unsigned char b[4] = { v >> 24, v >> 16, v >> 8, v };
	strbuf_add(sb, b, 4);
}

static void put64(struct strbuf *sb, int64_t v)
{
	put32(sb, (uint32_t)((uint64_t)v >> 32));
	put32(sb, (uint32_t)v);
}

static void put_header(struct strbuf *sb, char version, uint32_t leapcnt, uint32_t timecnt,
		       uint32_t typecnt)
{
	static const char zeros[15];
	strbuf_add(sb, "TZif", 4);
	strbuf_addch(sb, version);
	strbuf_add(sb, zeros, sizeof zeros);
	put32(sb, 0);
	put32(sb, 0);
	put32(sb, leapcnt);
	put32(sb, timecnt);
	put32(sb, typecnt);
	put32(sb, 4); /* charcnt: "ABC\0" */
}

struct tzif_spec {
	char version; /* 0 for v1, else '2', '3', '4' */
	int ntrans;
	const int64_t *times;
	const unsigned char *idx;
	int ntypes;
	const int32_t *offs;
	const char *footer; /* v2+ only */
	int leapcnt;
};

static void put_block(struct strbuf *sb, const struct tzif_spec *s, int wide)
{
	int i;
	put_header(sb, s->version, (uint32_t)s->leapcnt, (uint32_t)s->ntrans, (uint32_t)s->ntypes);
	for (i = 0; i < s->ntrans; i++) {
		if (wide)
			put64(sb, s->times[i]);
		else
			put32(sb, (uint32_t)s->times[i]);
	}
	strbuf_add(sb, s->idx, (size_t)s->ntrans);
	for (i = 0; i < s->ntypes; i++) {
		put32(sb, (uint32_t)s->offs[i]);
		strbuf_add(sb, "\0\0", 2);
	}
	strbuf_add(sb, "ABC", 4);
	for (i = 0; i < s->leapcnt; i++) {
		if (wide)
			put64(sb, 78796800);
		else
			put32(sb, 78796800);
		put32(sb, 1);
	}
}

static void build_tzif(struct strbuf *sb, const struct tzif_spec *s)
{
	strbuf_reset(sb);
	if (!s->version) {
		put_block(sb, s, 0);
		return;
	}
	put_header(sb, s->version, 0, 0, 1);
	strbuf_add(sb, "\0\0\0\0\0\0ABC", 10);
	put_block(sb, s, 1);
	strbuf_addf(sb, "\n%s\n", s->footer);
}

static void write_zone(const char *name, const void *data, size_t len)
{
	char path[128];
	FILE *f;
	int i;
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
	for (i = 0; i < ncreated; i++)
		if (!strcmp(created[i], name))
			return;
	if (ncreated < 16)
		created[ncreated++] = name;
}

static void write_spec(const char *name, const struct tzif_spec *s)
{
	struct strbuf sb = STRBUF_INIT;
	build_tzif(&sb, s);
	write_zone(name, sb.buf, sb.len);
	strbuf_release(&sb);
}

static struct civtz *load_spec(const char *name, const struct tzif_spec *s)
{
	write_spec(name, s);
	return load(name);
}

static int load_fails_with(const char *name, const char *msg)
{
	struct diag d = DIAG_INIT;
	struct civtz *tz = NULL;
	int r = civtz_load(name, &tz, &d);
	civtz_free(tz);
	return r == -1 && d.status == DIAG_DATA && !strcmp(d.msg, msg);
}

static void test_synthetic_zones(void)
{
	static const int64_t times[] = { 0, 1000000 };
	static const int64_t same[] = { 1000, 1000 };
	static const int64_t backwards[] = { 1000000, 0 };
	static const unsigned char idx[] = { 1, 0 };
	static const unsigned char bad_idx[] = { 1, 2 };
	static const int32_t offs[] = { 0, 3600, 10800 };
	struct tzif_spec s = { 0, 2, times, idx, 2, offs, "", 0 };
	struct civtz *tz;
	char msg[256];
	int64_t utc;

	if ((tz = load_spec("V1", &s))) {
		is_int(civtz_offset_at(tz, -1), 0, "v1: type 0 before the first transition");
		is_int(civtz_offset_at(tz, 0), 3600, "v1: first transition");
		is_int(civtz_offset_at(tz, 999999), 3600, "v1: before the second");
		is_int(civtz_offset_at(tz, 5000000000), 0, "v1: after the last transition");
		civtz_free(tz);
	}
	s.version = '2';
	if ((tz = load_spec("V2", &s))) {
		is_int(civtz_offset_at(tz, 500), 3600, "v2 without footer");
		is_int(civtz_offset_at(tz, 5000000000), 0, "v2 empty footer: last type");
		civtz_free(tz);
	}
	s.version = '3';
	s.ntrans = 0;
	s.footer = "<+03>-3";
	if ((tz = load_spec("V3", &s))) {
		is_int(civtz_offset_at(tz, 0), 10800, "footer only, quoted name");
		is_int(civtz_offset_at(tz, INT64_MAX), 10800, "footer at INT64_MAX");
		civtz_free(tz);
	}
	s.footer = "AAA-1BBB,J60/0,300/0";
	if ((tz = load_spec("Julian", &s))) {
		is_int(civtz_offset_at(tz, 3792006000 - 1), 3600, "J60 2090: before");
		is_int(civtz_offset_at(tz, 3792006000), 7200, "J60 2090: March 1");
		is_int(civtz_offset_at(tz, 3812824800 - 1), 7200, "n300 2090: before");
		is_int(civtz_offset_at(tz, 3812824800), 3600, "n300 2090: October 28");
		is_int(civtz_offset_at(tz, 3728934000 - 1), 3600, "J60 2088: not on February 29");
		is_int(civtz_offset_at(tz, 3728934000), 7200, "J60 2088: March 1");
		is_int(civtz_offset_at(tz, 3749666400 - 1), 7200, "n300 2088: before");
		is_int(civtz_offset_at(tz, 3749666400), 3600, "n300 2088 counts February 29");
		is_int(civtz_offset_at(tz, INT64_MAX), 3600, "rule at INT64_MAX");
		is_int(civtz_offset_at(tz, 3802593600 + 10000 * CYCLE), 7200,
		       "rules repeat 4 million years ahead");
		is_int(civtz_offset_at(tz, 3802593600 - 10000 * CYCLE), 7200,
		       "rules repeat 4 million years back");
		is_int(civtz_offset_at(tz, 3813544800 + 10000 * CYCLE), 3600,
		       "winter 4 million years ahead");
		utc = civtz_local_to_utc(tz, INT64_MAX);
		is_int(utc + civtz_offset_at(tz, utc), (int64_t)1 << 62,
		       "local_to_utc clamps far values to 2^62");
		civtz_free(tz);
	}
	s.ntrans = 2;
	s.footer = "EST5EDT";
	if ((tz = load_spec("US", &s))) {
		is_int(civtz_offset_at(tz, 3792985200 - 1), -18000, "default rules: before March");
		is_int(civtz_offset_at(tz, 3792985200), -14400,
		       "default rules: second Sunday of March");
		is_int(civtz_offset_at(tz, 3813544800), -18000,
		       "default rules: first Sunday of November");
		civtz_free(tz);
	}
	s.footer = "AAA-1BBB-3,M3.5.0,M10.5.0/3";
	if ((tz = load_spec("Dst3", &s))) {
		is_int(civtz_offset_at(tz, 3794173200), 10800, "explicit DST offset");
		civtz_free(tz);
	}

	s.footer = "";
	s.version = '2';
	s.ntrans = 2;
	snprintf(msg, sizeof msg, "invalid time zone file '%s/Order'", tmpdir);
	s.times = same;
	write_spec("Order", &s);
	ok(load_fails_with("Order", msg), "equal transition times are invalid");
	s.times = backwards;
	write_spec("Order", &s);
	ok(load_fails_with("Order", msg), "descending transition times are invalid");
	s.times = times;
	s.idx = bad_idx;
	write_spec("Order", &s);
	ok(load_fails_with("Order", msg), "type index out of range is invalid");
	s.idx = idx;
	s.leapcnt = 1;
	snprintf(msg, sizeof msg, "unsupported time zone file '%s/Leap'", tmpdir);
	write_spec("Leap", &s);
	ok(load_fails_with("Leap", msg), "leap seconds are refused");
}

static void test_bad_footers(void)
{
	static const char *const bad[] = {
		"CET-1CEST,M3.5.0",
		"CE-1",
		"CET",
		"CET-25",
		"<+0>-3",
		"<+03-3",
		"CET-1CEST,M13.5.0,M10.5.0",
		"CET-1CEST,M3.6.0,M10.5.0",
		"CET-1CEST,M3.5.7,M10.5.0",
		"CET-1CEST,M3.5.0,M10.5.0/168",
		"CET-1CEST,J0,J365",
		"CET-1CEST,366,J365",
		"CET-1CEST,M3.5.0,M10.5.0x",
		"CET-1:60",
		"CET-1CEST,M3.5.0,,M10.5.0",
		"CET-1 CEST",
	};
	static const int64_t times[] = { 0 };
	static const unsigned char idx[] = { 0 };
	static const int32_t offs[] = { 3600 };
	struct tzif_spec s = { '2', 1, times, idx, 1, offs, "", 0 };
	char msg[256];
	size_t i;
	snprintf(msg, sizeof msg, "invalid time zone file '%s/Footer'", tmpdir);
	struct strbuf sb = STRBUF_INIT;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		s.footer = bad[i];
		write_spec("Footer", &s);
		ok(load_fails_with("Footer", msg), "bad footer '%s' is refused", bad[i]);
	}
	s.footer = "CET-1";
	build_tzif(&sb, &s);
	strbuf_setlen(&sb, sb.len - 1);
	write_zone("Footer", sb.buf, sb.len);
	ok(load_fails_with("Footer", msg), "footer without its newline is refused");
	strbuf_add(&sb, "\0x\n", 3);
	write_zone("Footer", sb.buf, sb.len);
	ok(load_fails_with("Footer", msg), "footer with a NUL byte is refused");
	strbuf_reset(&sb);
	strbuf_addch(&sb, '<');
	for (i = 0; i < 300; i++)
		strbuf_addch(&sb, 'A');
	strbuf_addstr(&sb, ">-1");
	s.footer = sb.buf;
	write_spec("Footer", &s);
	ok(load_fails_with("Footer", msg), "footer of 304 bytes is refused");
	s.footer = "<AAAA>-1<BBBB>-2,M3.5.0,M10.5.0/3";
	write_spec("Footer", &s);
	ok(!load_fails_with("Footer", msg), "footer of quoted names loads");
	strbuf_release(&sb);
}

/* Load a damaged file: it must fail cleanly or load and answer. */
static int survives(const char *name, const char *invalid)
{
	struct diag d = DIAG_INIT;
	struct civtz *tz = NULL;
	int64_t t;
	if (civtz_load(name, &tz, &d))
		return d.status == DIAG_DATA &&
		       (!strcmp(d.msg, invalid) || !strncmp(d.msg, "unsupported", 11));
	for (t = -4000000000; t < 8000000000; t += 700000000)
		civtz_local_to_utc(tz, t + civtz_offset_at(tz, t));
	civtz_free(tz);
	return 1;
}

static void fuzz_file(const char *label, const unsigned char *data, size_t len)
{
	static const unsigned char extra[] = { 0x00, 0xff, 0x7f, 0x80 };
	unsigned char *copy = malloc(len + 1);
	char msg[256];
	size_t i, j, truncated_ok = 0, mutated_bad = 0;
	if (!copy) {
		ok(0, "%s: out of memory", label);
		return;
	}
	snprintf(msg, sizeof msg, "invalid time zone file '%s/Bad'", tmpdir);
	for (i = 0; i < len; i++) {
		write_zone("Bad", data, i);
		truncated_ok += !load_fails_with("Bad", msg);
	}
	is_int(truncated_ok, 0, "%s: each of %zu truncated copies is invalid", label, len);
	for (i = 0; i < len; i++) {
		for (j = 0; j < sizeof extra + 1; j++) {
			memcpy(copy, data, len);
			copy[i] = j < sizeof extra ? extra[j] : (unsigned char)(data[i] + 1);
			if (copy[i] == data[i])
				continue;
			write_zone("Bad", copy, len);
			mutated_bad += !survives("Bad", msg);
		}
	}
	is_int(mutated_bad, 0, "%s: every one-byte change fails cleanly or loads", label);
	memcpy(copy, data, len);
	copy[len] = '\n';
	write_zone("Bad", copy, len + 1);
	ok(survives("Bad", msg), "%s: trailing byte", label);
	free(copy);
}

static void test_corrupt_files(int have_tzdata)
{
	static const int64_t times[] = { -100, 0, 1000000 };
	static const unsigned char idx[] = { 1, 0, 1 };
	static const int32_t offs[] = { 0, 3600 };
	struct tzif_spec s = { '2', 3, times, idx, 2, offs, "CET-1CEST,M3.5.0,M10.5.0/3", 0 };
	struct strbuf sb = STRBUF_INIT;
	char msg[256];

	build_tzif(&sb, &s);
	fuzz_file("synthetic v2", (const unsigned char *)sb.buf, sb.len);
	s.version = 0;
	build_tzif(&sb, &s);
	fuzz_file("synthetic v1", (const unsigned char *)sb.buf, sb.len);
	if (have_tzdata) {
		FILE *f = fopen("/usr/share/zoneinfo/Europe/Prague", "rb");
		char chunk[4096];
		size_t n;
		strbuf_reset(&sb);
		while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
			strbuf_add(&sb, chunk, n);
		if (f)
			fclose(f);
		fuzz_file("Europe/Prague", (const unsigned char *)sb.buf, sb.len);
	}
	snprintf(msg, sizeof msg, "invalid time zone file '%s/Bad'", tmpdir);
	write_zone("Bad", "TZif", 4);
	ok(load_fails_with("Bad", msg), "bare magic is invalid");
	write_zone("Bad", "# not a TZif file\n", 18);
	ok(load_fails_with("Bad", msg), "text file is invalid");
	strbuf_release(&sb);
}

static void test_utc_without_tzdata(void)
{
	struct civtz *tz;
	if ((tz = load("UTC"))) {
		is_str(civtz_name(tz), "UTC", "UTC name");
		is_int(civtz_offset_at(tz, 1795439100), 0, "UTC offset");
		is_int(civtz_local_to_utc(tz, 1795439100), 1795439100, "UTC local is UTC");
		check_local(tz, "2026-03-29T02:30", "2026-03-29T02:30:00+00:00");
		civtz_free(tz);
	}
	if ((tz = load("Etc/UTC"))) {
		is_int(civtz_offset_at(tz, 0), 0, "Etc/UTC offset");
		civtz_free(tz);
	}
	check_load_error("Europe/Prague", DIAG_DATA, "unknown time zone 'Europe/Prague'");
}

static void skip(const char *why)
{
	ok(1, "# SKIP %s", why);
}

int main(void)
{
	int have_tzdata = access("/usr/share/zoneinfo/Europe/Prague", R_OK) == 0;
	const char *tmp = getenv("TMPDIR");
	int i;

	unsetenv("TZDIR");
	test_load_errors();
	if (have_tzdata) {
		test_central_europe("Europe/Prague");
		test_central_europe("Europe/Warsaw");
		test_other_zones();
	} else {
		skip("no tzdata in /usr/share/zoneinfo");
	}

	snprintf(tmpdir, sizeof tmpdir, "%s/civtz_zones_test." TAP_TEMPLATE_TAIL,
		 tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	if (!mkdtemp(tmpdir)) {
		printf("Bail out! cannot create %s\n", tmpdir);
		return 1;
	}
	setenv("TZDIR", tmpdir, 1);
	test_utc_without_tzdata();
	test_synthetic_zones();
	test_bad_footers();
	test_corrupt_files(have_tzdata);
	unsetenv("TZDIR");
	for (i = 0; i < ncreated; i++) {
		char path[128];
		snprintf(path, sizeof path, "%s/%s", tmpdir, created[i]);
		unlink(path);
	}
	rmdir(tmpdir);
	return tap_done();
}
