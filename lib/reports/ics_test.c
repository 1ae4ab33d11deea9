#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civtime.h"
#include "diag.h"
#include "ics.h"
#include "strbuf.h"
#include "tap.h"
#include "utf8.h"
#include "banned.h"

/* Every line ends with CRLF, is at most 75 octets and valid UTF-8. */
static int well_folded(const struct strbuf *sb, size_t *lines)
{
	const char *p = sb->buf, *end = sb->buf + sb->len, *crlf;

	*lines = 0;
	while (p < end) {
		crlf = strstr(p, "\r\n");
		if (!crlf || crlf - p > 75 || memchr(p, '\n', (size_t)(crlf - p)) ||
		    utf8_validate(p, (size_t)(crlf - p), NULL) < 0)
			return 0;
		(*lines)++;
		p = crlf + 2;
	}
	return 1;
}

static void test_lines(void)
{
	struct strbuf sb = STRBUF_INIT, want = STRBUF_INIT, value = STRBUF_INIT;
	size_t lines, i;

	ics_line(&sb, "VERSION", "2.0");
	is_str(sb.buf, "VERSION:2.0\r\n", "a short line");
	strbuf_reset(&sb);
	for (i = 0; i < 100; i++)
		strbuf_addch(&value, (char)('a' + i % 26));
	ics_line(&sb, "X", value.buf);
	strbuf_addf(&want, "X:%.73s\r\n %.27s\r\n", value.buf, value.buf + 73);
	is_str(sb.buf, want.buf, "folded at 75 octets");
	strbuf_reset(&sb);
	strbuf_reset(&value);
	for (i = 0; i < 60; i++)
		strbuf_addstr(&value, "ř");
	ics_text(&sb, "SUMMARY", value.buf);
	ok(well_folded(&sb, &lines) && lines == 2, "never inside a UTF-8 sequence");
	ok(!strncmp(sb.buf + 74, "\r\n ", 3) && sb.buf[73] != '\r', "the first line: 74 octets");
	strbuf_reset(&sb);
	ics_text(&sb, "LOCATION", "Sál 1, budova A; vchod \\ dvůr\nnahoře\r");
	is_str(sb.buf, "LOCATION:Sál 1\\, budova A\\; vchod \\\\ dvůr\\nnahoře\r\n",
	       "TEXT escapes");
	strbuf_release(&sb);
	strbuf_release(&want);
	strbuf_release(&value);
}

static void test_times(void)
{
	char buf[CIVTIME_TS_MAX];
	int64_t t;

	ics_format_utc(buf, 0);
	is_str(buf, "19700101T000000Z", "the epoch in UTC");
	civtime_parse_local("2026-11-23T09:05:07", &t);
	ics_format_local(buf, t);
	is_str(buf, "20261123T090507", "a local time");
	ics_format_utc(buf, -1);
	is_str(buf, "19691231T235959Z", "before the epoch");
}

static void check_zone(const char *name, int from, int to, const char *want)
{
	struct civtz *tz;
	struct diag d = DIAG_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t lines;

	if (civtz_load(name, &tz, &d) < 0) {
		ok(0, "load %s: %s", name, d.msg);
		return;
	}
	ics_vtimezone(&sb, tz, from, to);
	ok(well_folded(&sb, &lines), "%s: lines", name);
	is_str(sb.buf, want, "%s %d-%d", name, from, to);
	civtz_free(tz);
	strbuf_release(&sb);
}

static void test_zones(void)
{
	if (access("/usr/share/zoneinfo/Europe/Prague", R_OK) != 0 && !getenv("TZDIR")) {
		ok(1, "# skip no tzdata");
		return;
	}
	check_zone("Europe/Prague", 2022, 2024,
		   "BEGIN:VTIMEZONE\r\nTZID:Europe/Prague\r\n"
		   "BEGIN:DAYLIGHT\r\nDTSTART:20220327T020000\r\n"
		   "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
		   "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n"
		   "BEGIN:STANDARD\r\nDTSTART:20221030T030000\r\n"
		   "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
		   "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
		   "END:VTIMEZONE\r\n");
	check_zone("America/New_York", 2026, 2027,
		   "BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"
		   "BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\n"
		   "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"
		   "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\n"
		   "BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\n"
		   "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"
		   "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\n"
		   "END:VTIMEZONE\r\n");
	check_zone("UTC", 2026, 2026,
		   "BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
		   "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n");
	check_zone("Asia/Kolkata", 2026, 2027,
		   "BEGIN:VTIMEZONE\r\nTZID:Asia/Kolkata\r\nBEGIN:STANDARD\r\n"
		   "DTSTART:19700101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\n"
		   "END:STANDARD\r\nEND:VTIMEZONE\r\n");
	/* Fixed dates, not weekdays: one component per change. */
	check_zone("Asia/Tehran", 2020, 2021,
		   "BEGIN:VTIMEZONE\r\nTZID:Asia/Tehran\r\n"
		   "BEGIN:DAYLIGHT\r\nDTSTART:20200321T000000\r\n"
		   "TZOFFSETFROM:+0330\r\nTZOFFSETTO:+0430\r\nEND:DAYLIGHT\r\n"
		   "BEGIN:DAYLIGHT\r\nDTSTART:20210322T000000\r\n"
		   "TZOFFSETFROM:+0330\r\nTZOFFSETTO:+0430\r\nEND:DAYLIGHT\r\n"
		   "BEGIN:STANDARD\r\nDTSTART:20200921T000000\r\n"
		   "TZOFFSETFROM:+0430\r\nTZOFFSETTO:+0330\r\nEND:STANDARD\r\n"
		   "BEGIN:STANDARD\r\nDTSTART:20210922T000000\r\n"
		   "TZOFFSETFROM:+0430\r\nTZOFFSETTO:+0330\r\nEND:STANDARD\r\n"
		   "END:VTIMEZONE\r\n");
}

int main(void)
{
	test_lines();
	test_times();
	test_zones();
	return tap_done();
}
