#include "intakefast.h"

#include <string.h>

#include "civtime.h"
#include "csvwrite.h"
#include "intake.h"
#include "banned.h"

enum { DAY = 24 * 3600, TS_LEN = 25 };

void intake_fast_ts_init(struct intake_fast_ts *t, const struct fields_context *ctx)
{
	memset(t, 0, sizeof *t);
	t->tz = ctx->tz;
	t->now = ctx->now;
	t->from = 1; /* an empty span: the first time looks the offset up */
	t->until = 0;
}

/* Two decimal digits at p, or -1. */
static int two(const unsigned char *p)
{
	unsigned a = p[0] - (unsigned)'0', b = p[1] - (unsigned)'0';
	return a < 10 && b < 10 ? (int)(a * 10 + b) : -1;
}

/* The date of s (YYYY-MM-DD, in the range, existing) in days, or -1 when it is not one. */
static int read_date(const unsigned char *u, long *days)
{
	int c = two(u), y = two(u + 2), mo = two(u + 5), d = two(u + 8);
	if (c < 0 || y < 0 || mo < 1 || d < 1 || u[4] != '-' || u[7] != '-')
		return -1;
	y += c * 100;
	if (y < CIVTIME_FIRST_YEAR || y > CIVTIME_LAST_YEAR || d > civtime_days_in_month(y, mo))
		return -1;
	*days = civtime_days_from_civil(y, mo, d);
	return 0;
}

/*
 * What check_ts stores is the instant written, in the zone's offset then,
 * with seconds: so a value is kept when its shape is that form, its date
 * exists in the range, its time is 00:00:00-23:59:59, its offset is the
 * zone's at that instant (a '-00:00' is stored as '+00:00'), and it is not
 * in the future by more than a day.
 */
int intake_fast_ts(struct intake_fast_ts *t, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	int h, mi, sec, oh, om, off;
	int64_t utc;

	if (len != TS_LEN || !t->tz || u[10] != 'T' || u[13] != ':' || u[16] != ':' ||
	    u[22] != ':' || (u[19] != '+' && u[19] != '-'))
		return 0;
	if (!t->have_date || memcmp(s, t->date, sizeof t->date) != 0) {
		if (read_date(u, &t->days) < 0) {
			t->have_date = 0;
			return 0;
		}
		memcpy(t->date, s, sizeof t->date);
		t->have_date = 1;
	}
	h = two(u + 11);
	mi = two(u + 14);
	sec = two(u + 17);
	oh = two(u + 20);
	om = two(u + 23);
	if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || oh < 0 || oh > 23 ||
	    om < 0 || om > 59)
		return 0;
	off = oh * 3600 + om * 60;
	if (u[19] == '-') {
		if (!off)
			return 0;
		off = -off;
	}
	utc = (int64_t)t->days * DAY + h * 3600 + mi * 60 + sec - off;
	if (utc > t->now + DAY)
		return 0;
	if (utc < t->from || utc >= t->until)
		t->offset = civtz_offset_span(t->tz, utc, &t->from, &t->until);
	return t->offset == off;
}

/* Bytes 0-127 as bits of two words: letters and digits; those and '.', '_', '-'. */
static const uint64_t alnum_bits[2] = { 0x03ff000000000000u, 0x07fffffe07fffffeu };
static const uint64_t ref_bits[2] = { 0x03ff600000000000u, 0x07fffffe87fffffeu };

static int in(const uint64_t *bits, unsigned char c)
{
	return c < 128 && (bits[c >> 6] >> (c & 63) & 1);
}

/*
 * A letter or digit first (so nothing to trim at the start: a space is
 * not one of the bytes either), then letters, digits, '.', '_', '-'.
 */
int intake_fast_reference(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i;
	if (!len || len > INTAKE_REF_MAX || !in(alnum_bits, u[0]))
		return 0;
	for (i = 1; i < len; i++)
		if (!in(ref_bits, u[i]))
			return 0;
	return 1;
}

/* Not too long, no NUL (the careful rule would read it cut short), no formula to guard. */
int intake_fast_note(const char *s, size_t len)
{
	return !len ||
	       (len <= INTAKE_NOTE_MAX && !csvwrite_is_formula(s, len) && !memchr(s, '\0', len));
}
