#include "textfold.h"

#include "ascii.h"
#include "utf8.h"
#include "banned.h"

/* Base letters of U+00C0..U+00FF; NULL for the two signs among them. */
static const char *const latin1_base[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c",  "e", "e", "e", "e", "i", "i", "i",  "i",
	"d", "n", "o", "o", "o", "o", "o",  NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c",  "e", "e", "e", "e", "i", "i", "i",  "i",
	"d", "n", "o", "o", "o", "o", "o",  NULL, "o", "u", "u", "u", "u", "y", "th", "y",
};

/* Base letters of U+0100..U+017F, one per code point. */
static const char latin_ext_a_base[] =
	"aaaaaa"
	"cccccccc"
	"dddd"
	"eeeeeeeeee"
	"gggggggg"
	"hhhh"
	"iiiiiiiiii"
	"ii"
	"jj"
	"kkk"
	"llllllllll"
	"nnnnnnnnn"
	"oooooo"
	"oo"
	"rrrrrr"
	"ssssssss"
	"tttttt"
	"uuuuuuuuuuuu"
	"ww"
	"yyy"
	"zzzzzz"
	"s";

_Static_assert(sizeof latin_ext_a_base == 129, "one base letter per code point");

uint32_t textfold_lower(uint32_t cp)
{
	if (cp < 0x80)
		return (uint32_t)ascii_tolower((int)cp);
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
		return cp | 1;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp & 1 ? cp + 1 : cp;
	if (cp == 0x178)
		return 0xFF;
	if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	if (cp >= 0x490 && cp <= 0x4BF)
		return cp | 1;
	return cp;
}

int textfold_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return ascii_isalpha((int)cp);
	if (cp == 0xAA || cp == 0xB5 || cp == 0xBA)
		return 1;
	if (cp >= 0xC0 && cp <= 0x24F)
		return cp != 0xD7 && cp != 0xF7;
	return (cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x400 && cp <= 0x52F) ||
	       (cp >= 0x1E00 && cp <= 0x1EFF);
}

int textfold_is_upper(uint32_t cp)
{
	return textfold_is_letter(cp) && textfold_lower(cp) != cp;
}

int textfold_is_lower(uint32_t cp)
{
	return textfold_is_letter(cp) && textfold_lower(cp) == cp;
}

static void put_utf8(struct strbuf *sb, uint32_t cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	strbuf_add(sb, b, n);
}

void textfold_append(struct strbuf *sb, const char *s, size_t len, enum textfold_mode mode)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			strbuf_add(sb, s + i, n);
		else if (mode == TEXTFOLD_BASE && cp >= 0xC0 && cp <= 0xFF &&
			 latin1_base[cp - 0xC0])
			strbuf_addstr(sb, latin1_base[cp - 0xC0]);
		else if (mode == TEXTFOLD_BASE && cp >= 0x100 && cp <= 0x17F)
			strbuf_addch(sb, latin_ext_a_base[cp - 0x100]);
		else if (!(mode == TEXTFOLD_BASE && cp >= 0x300 && cp <= 0x36F))
			put_utf8(sb, textfold_lower(cp));
		i += n;
	}
}
