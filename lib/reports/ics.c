#include "ics.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"
#include "banned.h"

/* Offsets change at most a few times a year: probing every 6 hours finds each. */
enum { PROBE = 6 * 3600, MAX_TRANSITIONS = 64 };

static void put_folded(struct strbuf *sb, const char *s, size_t len)
{
	size_t col = 0, i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (col + n > 75) {
			strbuf_addstr(sb, "\r\n ");
			col = 1;
		}
		strbuf_add(sb, s + i, n);
		col += n;
		i += n;
	}
	strbuf_addstr(sb, "\r\n");
}

void ics_line(struct strbuf *sb, const char *name, const char *value)
{
	struct strbuf line = STRBUF_INIT;

	strbuf_addf(&line, "%s:%s", name, value);
	put_folded(sb, line.buf, line.len);
	strbuf_release(&line);
}

void ics_text(struct strbuf *sb, const char *name, const char *text)
{
	struct strbuf line = STRBUF_INIT;
	const char *p;

	strbuf_addf(&line, "%s:", name);
	for (p = text; *p; p++) {
		if (*p == '\\' || *p == ';' || *p == ',')
			strbuf_addch(&line, '\\');
		if (*p == '\n')
			strbuf_addstr(&line, "\\n");
		else if (*p != '\r')
			strbuf_addch(&line, *p);
	}
	put_folded(sb, line.buf, line.len);
	strbuf_release(&line);
}

static void split(int64_t t, int *y, int *m, int *d, int *secs)
{
	int64_t days = t / 86400, rem = t % 86400;

	if (rem < 0) {
		rem += 86400;
		days--;
	}
	civtime_civil_from_days((long)days, y, m, d);
	*secs = (int)rem;
}

void ics_format_local(char *buf, int64_t local)
{
	int y, m, d, s;

	split(local, &y, &m, &d, &s);
	snprintf(buf, CIVTIME_TS_MAX, "%04d%02d%02dT%02d%02d%02d", y, m, d, s / 3600, s / 60 % 60,
		 s % 60);
}

void ics_format_utc(char *buf, int64_t utc)
{
	size_t n;

	ics_format_local(buf, utc);
	n = strlen(buf);
	if (n + 1 < CIVTIME_TS_MAX) {
		buf[n] = 'Z';
		buf[n + 1] = '\0';
	}
}

struct transition {
	int64_t at;
	int from, to;
};

static void offset_text(char *buf, size_t len, int off)
{
	int a = off < 0 ? -off : off;

	if (a % 60)
		snprintf(buf, len, "%c%02d%02d%02d", off < 0 ? '-' : '+', a / 3600, a / 60 % 60,
			 a % 60);
	else
		snprintf(buf, len, "%c%02d%02d", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}

/* The first second in (lo, hi] whose offset is not that of lo. */
static int64_t change_in(const struct civtz *tz, int64_t lo, int64_t hi)
{
	int before = civtz_offset_at(tz, lo);

	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (civtz_offset_at(tz, mid) == before)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

static size_t transitions(const struct civtz *tz, int from, int to, struct transition *v)
{
	int64_t t = (int64_t)civtime_days_from_civil(from, 1, 1) * 86400,
		end = (int64_t)civtime_days_from_civil(to + 1, 1, 1) * 86400;
	int prev = civtz_offset_at(tz, t), off;
	size_t n = 0;

	for (t += PROBE; t <= end && n < MAX_TRANSITIONS; t += PROBE) {
		off = civtz_offset_at(tz, t);
		if (off == prev)
			continue;
		v[n].at = change_in(tz, t - PROBE, t);
		v[n].from = prev;
		v[n++].to = off;
		prev = off;
	}
	return n;
}

/*
 * "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" when every transition in v (of one
 * kind) falls on the same weekday of the same week of the same month at
 * the same time; else "".
 */
static void yearly_rule(const struct transition *v, size_t n, char *rule, size_t len)
{
	static const char *const days[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
	int y, m, d, s, m0 = 0, s0 = 0, wd0 = 0, nth0 = 0, last = 1, same_nth = 1;
	size_t i;

	rule[0] = '\0';
	for (i = 0; i < n; i++) {
		int64_t local = v[i].at + v[i].from;
		long day;
		int wd, nth;
		split(local, &y, &m, &d, &s);
		day = civtime_days_from_civil(y, m, d);
		wd = civtime_weekday(day);
		nth = (d - 1) / 7 + 1;
		if (!i) {
			m0 = m;
			s0 = s;
			wd0 = wd;
			nth0 = nth;
		} else if (m != m0 || s != s0 || wd != wd0) {
			return;
		}
		last &= d + 7 > civtime_days_in_month(y, m);
		same_nth &= nth == nth0;
	}
	if (last)
		snprintf(rule, len, "FREQ=YEARLY;BYMONTH=%d;BYDAY=-1%s", m0, days[wd0 - 1]);
	else if (same_nth)
		snprintf(rule, len, "FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", m0, nth0, days[wd0 - 1]);
}

static void observance(struct strbuf *sb, const struct transition *t, const char *rule)
{
	const char *kind = t->to > t->from ? "DAYLIGHT" : "STANDARD";
	char buf[CIVTIME_TS_MAX], off[16];

	ics_line(sb, "BEGIN", kind);
	ics_format_local(buf, t->at + t->from);
	ics_line(sb, "DTSTART", buf);
	if (rule && *rule)
		ics_line(sb, "RRULE", rule);
	offset_text(off, sizeof off, t->from);
	ics_line(sb, "TZOFFSETFROM", off);
	offset_text(off, sizeof off, t->to);
	ics_line(sb, "TZOFFSETTO", off);
	ics_line(sb, "END", kind);
}

void ics_tzid_name(char *buf, size_t size, const char *name, const struct civtz *tz)
{
	const char *zone = civtz_name(tz);
	snprintf(buf, size, strpbrk(zone, ",;:") ? "%s;TZID=\"%s\"" : "%s;TZID=%s", name, zone);
}

void ics_vtimezone(struct strbuf *sb, const struct civtz *tz, int from, int to)
{
	struct transition v[MAX_TRANSITIONS], kind[MAX_TRANSITIONS];
	unsigned char done[MAX_TRANSITIONS] = { 0 };
	size_t n = transitions(tz, from, to, v), i, j, k;
	char rule[80];

	ics_line(sb, "BEGIN", "VTIMEZONE");
	ics_text(sb, "TZID", civtz_name(tz));
	if (!n) {
		offset_text(rule, sizeof rule,
			    civtz_offset_at(tz,
					    (int64_t)civtime_days_from_civil(from, 1, 1) * 86400));
		ics_line(sb, "BEGIN", "STANDARD");
		ics_line(sb, "DTSTART", "19700101T000000");
		ics_line(sb, "TZOFFSETFROM", rule);
		ics_line(sb, "TZOFFSETTO", rule);
		ics_line(sb, "END", "STANDARD");
	}
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		for (j = i, k = 0; j < n; j++)
			if (v[j].from == v[i].from && v[j].to == v[i].to) {
				kind[k++] = v[j];
				done[j] = 1;
			}
		yearly_rule(kind, k, rule, sizeof rule);
		if (*rule) {
			observance(sb, &kind[0], rule);
			continue;
		}
		for (j = 0; j < k; j++)
			observance(sb, &kind[j], NULL);
	}
	ics_line(sb, "END", "VTIMEZONE");
}
