#include "textdate.h"

#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "strbuf.h"
#include "textfold.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

struct textdate_word {
	int month;
	const char *word;
};

struct textdate_months {
	const struct textdate_word *v;
	size_t n;
	struct textdate_word *own; /* v == own for a table of the caller's */
	char **folded;             /* ...and its words folded, for textdate_month */
	size_t alloc;
};

static const struct textdate_word cs_words[] = {
	{ 1, "leden" },      { 1, "ledna" },       { 1, "lednu" },     { 1, "lednem" },
	{ 2, "únor" },       { 2, "února" },       { 2, "únoru" },     { 2, "únorem" },
	{ 3, "březen" },     { 3, "března" },      { 3, "březnu" },    { 3, "březnem" },
	{ 4, "duben" },      { 4, "dubna" },       { 4, "dubnu" },     { 4, "dubnem" },
	{ 5, "květen" },     { 5, "května" },      { 5, "květnu" },    { 5, "květnem" },
	{ 5, "máj" },        { 6, "červen" },      { 6, "června" },    { 6, "červnu" },
	{ 6, "červnem" },    { 7, "červenec" },    { 7, "července" },  { 7, "červenci" },
	{ 7, "červencem" },  { 8, "srpen" },       { 8, "srpna" },     { 8, "srpnu" },
	{ 8, "srpnem" },     { 9, "září" },        { 9, "zářím" },     { 10, "říjen" },
	{ 10, "října" },     { 10, "říjnu" },      { 10, "říjnem" },   { 11, "listopad" },
	{ 11, "listopadu" }, { 11, "listopadem" }, { 12, "prosinec" }, { 12, "prosince" },
	{ 12, "prosinci" },  { 12, "prosincem" },
};

static const struct textdate_word pl_words[] = {
	{ 1, "styczeń" },       { 1, "stycznia" },      { 1, "styczniu" },
	{ 1, "styczniem" },     { 2, "luty" },          { 2, "lutego" },
	{ 2, "lutym" },         { 3, "marzec" },        { 3, "marca" },
	{ 3, "marcu" },         { 3, "marcem" },        { 4, "kwiecień" },
	{ 4, "kwietnia" },      { 4, "kwietniu" },      { 4, "kwietniem" },
	{ 5, "maj" },           { 5, "maja" },          { 5, "maju" },
	{ 5, "majem" },         { 6, "czerwiec" },      { 6, "czerwca" },
	{ 6, "czerwcu" },       { 6, "czerwcem" },      { 7, "lipiec" },
	{ 7, "lipca" },         { 7, "lipcu" },         { 7, "lipcem" },
	{ 8, "sierpień" },      { 8, "sierpnia" },      { 8, "sierpniu" },
	{ 8, "sierpniem" },     { 9, "wrzesień" },      { 9, "września" },
	{ 9, "wrześniu" },      { 9, "wrześniem" },     { 10, "październik" },
	{ 10, "października" }, { 10, "październiku" }, { 10, "październikiem" },
	{ 11, "listopad" },     { 11, "listopada" },    { 11, "listopadzie" },
	{ 11, "listopadem" },   { 12, "grudzień" },     { 12, "grudnia" },
	{ 12, "grudniu" },      { 12, "grudniem" },
};

static const struct textdate_months builtin[] = {
	{ cs_words, sizeof cs_words / sizeof *cs_words, NULL, NULL, 0 },
	{ pl_words, sizeof pl_words / sizeof *pl_words, NULL, NULL, 0 },
};
static const char *const builtin_names[] = { "cs", "pl" };

const struct textdate_months *textdate_months_builtin(const char *lang)
{
	size_t i;

	for (i = 0; i < sizeof builtin_names / sizeof *builtin_names; i++)
		if (!strcmp(lang, builtin_names[i]))
			return &builtin[i];
	return NULL;
}

const char *textdate_months_word(const struct textdate_months *m, size_t i, int *month)
{
	if (!m || i >= m->n)
		return NULL;
	*month = m->v[i].month;
	return m->v[i].word;
}

struct textdate_months *textdate_months_new(void)
{
	return xcalloc(1, sizeof(struct textdate_months));
}

void textdate_months_add(struct textdate_months *m, int month, const char *word)
{
	struct strbuf sb = STRBUF_INIT;

	size_t alloc = m->alloc;

	XALLOC_GROW(m->own, m->n + 1, m->alloc);
	XALLOC_GROW(m->folded, m->n + 1, alloc);
	m->own[m->n].month = month;
	m->own[m->n].word = xstrdup(word);
	textfold_append(&sb, word, strlen(word), TEXTFOLD_BASE);
	m->folded[m->n] = strbuf_detach(&sb, NULL);
	m->n++;
	m->v = m->own;
}

void textdate_months_free(struct textdate_months *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n; i++) {
		free((char *)m->own[i].word);
		free(m->folded[i]);
	}
	free(m->folded);
	free(m->own);
	free(m);
}

int textdate_month(const struct textdate_months *m, const char *s, size_t len)
{
	struct strbuf want = STRBUF_INIT, have = STRBUF_INIT;
	size_t i;
	int month = 0;

	if (!m || !len)
		return 0;
	textfold_append(&want, s, len, TEXTFOLD_BASE);
	for (i = 0; i < m->n && !month; i++) {
		const char *folded = m->folded ? m->folded[i] : NULL;
		if (!folded) {
			strbuf_reset(&have);
			textfold_append(&have, m->v[i].word, strlen(m->v[i].word), TEXTFOLD_BASE);
			folded = have.buf;
		}
		if (!strcmp(folded, want.buf))
			month = m->v[i].month;
	}
	strbuf_release(&want);
	strbuf_release(&have);
	return month;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The code point that ends just before s[i] (0 at the start). */
static uint32_t cp_before(const char *s, size_t i)
{
	size_t k = i;
	uint32_t cp;

	if (!i)
		return 0;
	while (k > 0 && i - k < 4 && ((unsigned char)s[k - 1] & 0xC0) == 0x80)
		k--;
	if (k > 0)
		k--;
	if (utf8_decode(s + k, i - k, &cp) != i - k)
		return 0xFFFD;
	return cp;
}

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;

	*n = utf8_decode(s + i, len - i, &cp);
	return cp;
}

/*
 * A number may start at s[i]: no letter or digit touches it, and it does
 * not continue a number such as "2023-05" or "1.5".
 */
static int starts_number(const char *s, size_t i)
{
	uint32_t before = cp_before(s, i);

	if (is_digit((char)before) || textfold_is_letter(before))
		return 0;
	if (i >= 2 && (s[i - 1] == '.' || s[i - 1] == '-' || s[i - 1] == '/' || s[i - 1] == ':') &&
	    is_digit(s[i - 2]))
		return 0;
	return 1;
}

/* Digits at s[*p] (at most max of them, and no more following); their value or -1. */
static int read_number(const char *s, size_t len, size_t *p, int min, int max)
{
	size_t i = *p;
	int v = 0;

	while (i < len && is_digit(s[i]) && i - *p < (size_t)max)
		v = v * 10 + (s[i++] - '0');
	if (i - *p < (size_t)min || (i < len && is_digit(s[i])))
		return -1;
	*p = i;
	return v;
}

static size_t skip_spaces(const char *s, size_t len, size_t i, size_t max)
{
	size_t k = 0;

	while (i < len && s[i] == ' ' && k++ < max)
		i++;
	return i;
}

static int roman_month(const char *s, size_t len)
{
	static const char *const roman[] = { "I",   "II",   "III", "IV", "V",  "VI",
					     "VII", "VIII", "IX",  "X",  "XI", "XII" };
	int i;

	for (i = 0; i < 12; i++)
		if (strlen(roman[i]) == len && !memcmp(roman[i], s, len))
			return i + 1;
	return 0;
}

/*
 * A year after a date: " 2023" (1900-2099), and *p past it.  Where the
 * year goes, four characters or more of digits (and the letter O, a typo
 * for a zero) that are no such year ("3000", "20026", "0000", "2O26") are
 * an impossible year: *bad is set, *p goes past them and 0 is returned.
 * Else 0, and *p is left alone.
 */
static int read_year(const char *s, size_t len, size_t *p, int *bad)
{
	size_t i = skip_spaces(s, len, *p, 3), k, n;
	int y, digits = 0;

	*bad = 0;
	for (k = i; k < len && (is_digit(s[k]) || s[k] == 'O' || s[k] == 'o'); k++)
		digits += is_digit(s[k]);
	if (k == i || !is_digit(s[i]) || (k < len && textfold_is_letter(cp_at(s, len, k, &n))))
		return 0;
	if (k - i < 4)
		return 0;
	if (k - i == 4 && digits == 4) {
		y = read_number(s, len, &i, 4, 4);
		if (y >= 1900 && y <= 2099) {
			*p = i;
			return y;
		}
	}
	*bad = 1;
	*p = k;
	return 0;
}

static int valid(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= civtime_days_in_month(y ? y : 2000, m);
}

static int try_iso(const char *s, size_t len, size_t i, struct textdate *out)
{
	size_t p = i;
	int y = read_number(s, len, &p, 4, 4), m, d, bad;

	if (y < 0 || p >= len || s[p++] != '-')
		return 0;
	bad = y < 1900 || y > 2099;
	if ((m = read_number(s, len, &p, 2, 2)) < 0 || p >= len || s[p++] != '-')
		return 0;
	if ((d = read_number(s, len, &p, 2, 2)) < 0 || !valid(bad ? 0 : y, m, d))
		return 0;
	out->year = bad ? 0 : y;
	out->bad_year = bad;
	out->month = m;
	out->day = d;
	out->start = i;
	out->end = p;
	return 1;
}

/* "15. května 2023", "25 listopada", "15. V. 2023", "15. 5. 2023", "11. 9." */
static int try_dmy(const char *s, size_t len, size_t i, const struct textdate_months *months,
		   struct textdate *out)
{
	size_t p = i, q, w, n;
	int d = read_number(s, len, &p, 1, 2), m = 0, dot;

	if (d < 1)
		return 0;
	dot = p < len && s[p] == '.';
	q = skip_spaces(s, len, p + (size_t)dot, 3);
	if (q >= len)
		return 0;
	if (textfold_is_letter(cp_at(s, len, q, &n)) && (dot || q > p)) {
		for (w = q; w < len && textfold_is_letter(cp_at(s, len, w, &n)); w += n)
			;
		if (w < len && s[w] == '.' && (m = roman_month(s + q, w - q)))
			p = w + 1;
		else if ((m = textdate_month(months, s + q, w - q)))
			p = w;
	} else if (dot && is_digit(s[q])) {
		p = q;
		m = read_number(s, len, &p, 1, 2);
		if (m < 0 || p >= len || s[p] != '.')
			return 0;
		p++;
	}
	if (!m)
		return 0;
	out->year = read_year(s, len, &p, &out->bad_year);
	/* digits right after that are not a year: "15. V.5" */
	if ((p < len && is_digit(s[p])) || !valid(out->year, m, d))
		return 0;
	out->month = m;
	out->day = d;
	out->start = i;
	out->end = p;
	return 1;
}

int textdate_find(const char *s, size_t len, size_t from, const struct textdate_months *m,
		  struct textdate *out)
{
	size_t i;

	for (i = from; i < len; i++) {
		if (!is_digit(s[i]) || !starts_number(s, i))
			continue;
		if (try_iso(s, len, i, out) || try_dmy(s, len, i, m, out))
			return 1;
		while (i + 1 < len && is_digit(s[i + 1]))
			i++;
	}
	return 0;
}

int textdate_find_time(const char *s, size_t len, size_t from, const struct textdate_months *m,
		       struct textdate_time *out)
{
	struct textdate date;
	size_t i, p;
	int h, min;
	char sep;

	for (i = from; i < len; i++) {
		if (!is_digit(s[i]) || !starts_number(s, i))
			continue;
		p = i;
		h = read_number(s, len, &p, 1, 2);
		if (h < 0 || h > 23 || p + 1 >= len || (s[p] != ':' && s[p] != '.'))
			continue;
		sep = s[p++];
		min = read_number(s, len, &p, 2, 2);
		if (min < 0 || min > 59)
			continue;
		if (sep == '.' && try_dmy(s, len, i, m, &date))
			continue;
		if (sep == ':' && p + 2 < len && s[p] == ':' && is_digit(s[p + 1]) &&
		    is_digit(s[p + 2]))
			p += 3;
		out->hour = h;
		out->minute = min;
		out->start = i;
		out->end = p;
		return 1;
	}
	return 0;
}

int textdate_infer_year(long ref, int month, int day, int after)
{
	int y, m, d, k;

	civtime_civil_from_days(ref, &y, &m, &d);
	for (k = 0; k <= 8; k++) {
		int yy = after ? y + k : y - k;
		long days;
		if (!valid(yy, month, day))
			continue;
		days = civtime_days_from_civil(yy, month, day);
		if (after ? days >= ref : days <= ref)
			return yy;
	}
	return y;
}
