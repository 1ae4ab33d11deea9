#include <stdint.h>
#include <string.h>

#include "tap.h"
#include "utf8.h"
#include "banned.h"

static void test_valid(void)
{
	static const struct {
		const char *s;
		size_t len;
		uint32_t cp;
	} cases[] = {
		{ "A", 1, 0x41 },
		{ "\x7f", 1, 0x7F },
		{ "\xc2\x80", 2, 0x80 },
		{ "\xc5\x99", 2, 0x159 }, /* ř */
		{ "\xc5\x82", 2, 0x142 }, /* ł */
		{ "\xd0\x96", 2, 0x416 }, /* Ж */
		{ "\xdf\xbf", 2, 0x7FF },
		{ "\xe0\xa0\x80", 3, 0x800 },
		{ "\xe4\xb8\xad", 3, 0x4E2D }, /* 中 */
		{ "\xed\x9f\xbf", 3, 0xD7FF },
		{ "\xee\x80\x80", 3, 0xE000 },
		{ "\xef\xbf\xbf", 3, 0xFFFF },
		{ "\xf0\x90\x80\x80", 4, 0x10000 },
		{ "\xf0\x9f\x98\x80", 4, 0x1F600 }, /* 😀 */
		{ "\xf3\xbf\xbf\xbf", 4, 0xFFFFF },
		{ "\xf4\x8f\xbf\xbf", 4, 0x10FFFF },
	};
	size_t i, bad;
	uint32_t cp;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cp = 0;
		is_int(utf8_decode(cases[i].s, cases[i].len, &cp), cases[i].len,
		       "decode U+%04X length", (unsigned)cases[i].cp);
		is_int(cp, cases[i].cp, "decode U+%04X value", (unsigned)cases[i].cp);
		bad = 99;
		is_int(utf8_validate(cases[i].s, cases[i].len, &bad), 0, "U+%04X valid",
		       (unsigned)cases[i].cp);
		is_int(bad, 99, "U+%04X: bad untouched", (unsigned)cases[i].cp);
	}
	is_int(utf8_validate("", 0, NULL), 0, "empty valid");
	is_int(utf8_validate("a\0b", 3, NULL), 0, "NUL is valid UTF-8");
}

static void test_invalid(void)
{
	static const struct {
		const char *s, *what;
		size_t bad;
	} cases[] = {
		{ "\xc0\x80", "overlong C0 80", 0 },
		{ "\xc1\xbf", "overlong C1 BF", 0 },
		{ "\xe0\x80\x80", "overlong E0 80 80", 0 },
		{ "\xe0\x9f\xbf", "overlong E0 9F BF", 0 },
		{ "\xf0\x80\x80\x80", "overlong F0 80 80 80", 0 },
		{ "\xf0\x8f\xbf\xbf", "overlong F0 8F BF BF", 0 },
		{ "\xed\xa0\x80", "surrogate ED A0 80", 0 },
		{ "\xed\xbf\xbf", "surrogate ED BF BF", 0 },
		{ "ok\xed\xb0\x80", "low surrogate after text", 2 },
		{ "\xf4\x90\x80\x80", "above U+10FFFF F4 90 80 80", 0 },
		{ "\xf5\x80\x80\x80", "lead F5", 0 },
		{ "\xff", "byte FF", 0 },
		{ "\xfe", "byte FE", 0 },
		{ "\x80", "lone continuation", 0 },
		{ "a\xbf"
		  "b",
		  "lone continuation inside", 1 },
		{ "\xc5\x99\x99", "continuation after a complete char", 2 },
		{ "ab\xe4\xb8", "truncated at end", 2 },
		{ "\xc5", "lone lead at end", 0 },
		{ "x\xf0\x9f\x98", "4-byte truncated at end", 1 },
		{ "\xe4\xb8"
		  "a",
		  "truncated by ASCII", 0 },
		{ "\xf0\x9f\x98\xc5\x99", "truncated by a new lead", 0 },
		{ "Řehoř\xc0\xaf", "bad after valid 2-byte text", 7 },
	};
	size_t i, bad;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = 99;
		is_int(utf8_validate(cases[i].s, strlen(cases[i].s), &bad), -1, "%s rejected",
		       cases[i].what);
		is_int(bad, cases[i].bad, "%s at offset", cases[i].what);
	}
	is_int(utf8_validate("\xff", 1, NULL), -1, "bad may be NULL");
}

static void test_decode_invalid(void)
{
	uint32_t cp = 0;

	is_int(utf8_decode("\xe0\x80\x80", 3, &cp), 1, "overlong: one byte");
	ok(cp == UTF8_INVALID, "overlong: UTF8_INVALID");
	is_int(utf8_decode("\xe4\xb8\xad", 2, &cp), 1, "cut short: one byte");
	ok(cp == UTF8_INVALID, "cut short: UTF8_INVALID");
}

/* Feed bytes to a running DFA; return the state after the last. */
static uint32_t feed(uint32_t *state, uint32_t *cp, const char *s)
{
	for (; *s; s++)
		utf8_step(state, cp, (unsigned char)*s);
	return *state;
}

static void test_streaming(void)
{
	static const char emoji[] = "\xf0\x9f\x98\x80";
	uint32_t state = UTF8_ACCEPT, cp = 0;
	size_t i;
	int inside = 1;

	for (i = 0; i < 3; i++) {
		utf8_step(&state, &cp, (unsigned char)emoji[i]);
		if (state == UTF8_ACCEPT || state == UTF8_REJECT)
			inside = 0;
	}
	ok(inside, "inside a sequence after 1..3 of 4 bytes");
	is_int(utf8_step(&state, &cp, (unsigned char)emoji[3]), UTF8_ACCEPT, "4th byte completes");
	is_int(cp, 0x1F600, "code point across 4 calls");

	state = UTF8_ACCEPT;
	ok(feed(&state, &cp, "x\xc5") != UTF8_ACCEPT, "chunk 1 ends inside Ř");
	is_int(feed(&state, &cp, "\x98"), UTF8_ACCEPT, "chunk 2 completes Ř");
	is_int(cp, 0x158, "Ř decoded across chunks");
	state = feed(&state, &cp, "y\xe4\xb8");
	ok(state != UTF8_ACCEPT && state != UTF8_REJECT, "chunk 3 ends inside 中");
	is_int(feed(&state, &cp, "\xad"), UTF8_ACCEPT, "chunk 4 completes 中");
	is_int(cp, 0x4E2D, "中 decoded across chunks");

	state = UTF8_ACCEPT;
	ok(feed(&state, &cp, "\xed") != UTF8_ACCEPT, "inside after ED");
	is_int(feed(&state, &cp, "\xa0"), UTF8_REJECT, "ED A0 rejected");
	is_int(feed(&state, &cp, "a"), UTF8_REJECT, "reject is sticky");
	state = UTF8_ACCEPT;
	is_int(feed(&state, &cp, "a"), UTF8_ACCEPT, "reset goes on");
	is_int(cp, 'a', "ASCII after reset");
}

/* Table 3-7 of the Unicode standard, written out: 1 if s[0..len) is one
 * well-formed character or a run of them. */
static int reference_valid(const unsigned char *s, size_t len)
{
	size_t i = 0, n, k;
	unsigned char lo, hi;

	while (i < len) {
		unsigned char c = s[i];
		lo = 0x80;
		hi = 0xBF;
		if (c < 0x80)
			n = 1;
		else if (c >= 0xC2 && c <= 0xDF)
			n = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 3;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 4;
		else
			return 0;
		if (c == 0xE0)
			lo = 0xA0;
		if (c == 0xED)
			hi = 0x9F;
		if (c == 0xF0)
			lo = 0x90;
		if (c == 0xF4)
			hi = 0x8F;
		if (i + n > len)
			return 0;
		for (k = 1; k < n; k++) {
			unsigned char b = s[i + k];
			if (k == 1 ? b < lo || b > hi : b < 0x80 || b > 0xBF)
				return 0;
		}
		i += n;
	}
	return 1;
}

static int check_buffer(const unsigned char *b, size_t len, size_t *mismatches)
{
	int got = utf8_validate((const char *)b, len, NULL) == 0;

	if (got != reference_valid(b, len))
		(*mismatches)++;
	return got;
}

static void test_exhaustive(void)
{
	static const unsigned char tails[] = {
		0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF,
	};
	unsigned char b[4];
	size_t mismatches = 0, valid = 0, i, j, k;
	uint32_t cp, got;
	unsigned a;

	for (a = 0; a < 0x10000; a++) {
		b[0] = (unsigned char)(a >> 8);
		b[1] = (unsigned char)a;
		check_buffer(b, 1, &mismatches);
		valid += (size_t)check_buffer(b, 2, &mismatches);
	}
	is_int(mismatches, 0, "every 1- and 2-byte buffer agrees");
	is_int(valid, 128 * 128 + 30 * 64, "valid 2-byte buffers counted");

	mismatches = 0;
	for (a = 0; a < 0x1000000; a++) {
		b[0] = (unsigned char)(a >> 16);
		if (b[0] < 0xE0 || b[0] > 0xEF)
			continue;
		b[1] = (unsigned char)(a >> 8);
		b[2] = (unsigned char)a;
		check_buffer(b, 3, &mismatches);
	}
	is_int(mismatches, 0, "every 3-byte buffer led by E0..EF agrees");

	mismatches = 0;
	for (a = 0xF0; a <= 0xF7; a++) {
		b[0] = (unsigned char)a;
		for (i = 0; i < 0x100; i++) {
			b[1] = (unsigned char)i;
			for (j = 0x80; j <= 0xC0; j++) {
				b[2] = (unsigned char)j;
				for (k = 0; k < sizeof(tails); k++) {
					b[3] = tails[k];
					check_buffer(b, 4, &mismatches);
				}
			}
		}
	}
	is_int(mismatches, 0, "4-byte buffers led by F0..F7 agree");

	mismatches = 0;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		size_t n;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		if (cp < 0x80) {
			b[0] = (unsigned char)cp;
			n = 1;
		} else if (cp < 0x800) {
			b[0] = (unsigned char)(0xC0 | cp >> 6);
			b[1] = (unsigned char)(0x80 | (cp & 0x3F));
			n = 2;
		} else if (cp < 0x10000) {
			b[0] = (unsigned char)(0xE0 | cp >> 12);
			b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
			b[2] = (unsigned char)(0x80 | (cp & 0x3F));
			n = 3;
		} else {
			b[0] = (unsigned char)(0xF0 | cp >> 18);
			b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
			b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
			b[3] = (unsigned char)(0x80 | (cp & 0x3F));
			n = 4;
		}
		if (utf8_decode((const char *)b, n, &got) != n || got != cp)
			mismatches++;
	}
	is_int(mismatches, 0, "every scalar value encodes and decodes back");
}

static void test_width(void)
{
	static const struct {
		const char *s, *what;
		size_t width, chars;
	} cases[] = {
		{ "", "empty", 0, 0 },
		{ "abc", "ASCII", 3, 3 },
		{ "Řehoř Ůžil", "Czech", 10, 10 },
		{ "Łucja Żak", "Polish", 9, 9 },
		{ "Ольга", "Cyrillic", 5, 5 },
		{ "中文", "CJK", 4, 2 },
		{ "한국어", "Hangul syllables", 6, 3 },
		{ "ＡＢ", "fullwidth Latin", 4, 2 },
		{ "\xf0\x9f\x98\x80!", "emoji", 3, 2 },
		{ "e\xcc\x81", "e + combining acute", 1, 2 },
		{ "a\xe2\x80\x8b"
		  "b",
		  "zero width space", 2, 3 },
		{ "\xe1\x84\x80\xe1\x85\xa1", "conjoining jamo", 2, 2 },
		{ "a\xc2\xad"
		  "b",
		  "soft hyphen counts 1", 3, 3 },
		{ "a\tb", "control counts 1", 3, 3 },
		{ "a\xff"
		  "b",
		  "invalid byte counts 1", 3, 3 },
		{ "\xe0\x80\x80", "overlong: each byte 1", 3, 3 },
		{ "x\xe4\xb8", "truncated: each byte 1", 3, 3 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		is_int(utf8_width(cases[i].s, strlen(cases[i].s)), cases[i].width, "width: %s",
		       cases[i].what);
		is_int(utf8_chars(cases[i].s, strlen(cases[i].s)), cases[i].chars, "chars: %s",
		       cases[i].what);
	}
	is_int(utf8_chars("Řehoř", 3), 2, "chars of a prefix (column numbers)");
}

static void test_wcwidth(void)
{
	static const struct {
		uint32_t cp;
		int width;
	} cases[] = {
		{ 'a', 1 },       { ' ', 1 },     { 0xE9, 1 },    { 0x159, 1 },   { 0x416, 1 },
		{ 0xAD, 1 },      { 0x0, -1 },    { 0x1B, -1 },   { 0x7F, -1 },   { 0x85, -1 },
		{ 0x9F, -1 },     { 0xA0, 1 },    { 0x300, 0 },   { 0x301, 0 },   { 0x36F, 0 },
		{ 0x370, 1 },     { 0x200B, 0 },  { 0x200D, 0 },  { 0xFE0F, 0 },  { 0x1160, 0 },
		{ 0x11FF, 0 },    { 0x1100, 2 },  { 0x3000, 2 },  { 0x3099, 0 },  { 0x4E2D, 2 },
		{ 0xAC00, 2 },    { 0xFF21, 2 },  { 0xFF61, 1 },  { 0x1F600, 2 }, { 0x1F1E6, 1 },
		{ 0x20000, 2 },   { 0x2FFFD, 2 }, { 0x3FFFD, 2 }, { 0xE0001, 0 }, { 0x10FFFF, 1 },
		{ 0xD800, -1 },   { 0x378, 1 },   { 0x1FBFA, 1 }, { 0x40000, 1 }, { 0x4DBF, 2 },
		{ 0x110000, -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(utf8_wcwidth(cases[i].cp), cases[i].width, "wcwidth U+%04X",
		       (unsigned)cases[i].cp);
}

int main(void)
{
	test_valid();
	test_invalid();
	test_decode_invalid();
	test_streaming();
	test_exhaustive();
	test_width();
	test_wcwidth();
	return tap_done();
}
