/*
 * ohours_tolerance: an opening_hours expression split into tokens as
 * opening_hours.js 3.15.0 splits it (its tokenize()), with its error
 * tolerance: the table of corrections, '.' between hours and minutes,
 * 12-hour times, superscript digits and degree signs, typographic quotes.
 * The patterns are the reference's, run by PCRE2 (caseless, Unicode); '$'
 * of JavaScript is '\z' here, '\d' (ASCII in JavaScript) is [0-9].
 * Only called for expressions ohours_parse refuses, and by lint.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "ohours_lenient.h"
#include "ohours_lex.h"
#include "rx.h"
#include "strbuf.h"
#include "textfold.h"
#include "utf8.h"
#include "xalloc.h"

#include "banned.h"

#define WORD_RE                                                                        \
	"^(?<w>[^\\s0-9\\p{P}\\p{S}\\p{C}]{2,})(?=\\s|\\z|[\\s0-9\\p{P}\\p{S}\\p{C}])" \
	"(?<d>(?:[.]| before| after)?)"
/* its ERROR_TOLERANCE_REGEX, alternative by alternative */
#define TOLERANCE_RE                                                                                                    \
	"^(?![0-9]+\\s*days?(?!\\s*(?:a|/)\\s*week)\\b)(?<w>"                                                           \
	"&|_|→|‐|‑|‒|–|−|—|ー|=|·"                                                                      \
	"|öffnungszeit(?:en)?:?|opening_hours\\s*=|\\?|~|～|："                                                      \
	"|always (?:open|closed)|24x7|24 hours 7 days a week|24 hours"                                                  \
	"|7 ?days(?:(?: a |/)week)?|7j?/7|all days?|every day"                                                          \
	"|(?:bis|till?|-|–)? ?(?:open ?end|late)"                                                                     \
	"|(?:(?:one )?day (?:before|after) )?(?:school|public) holidays?"                                               \
	"|days(?=\\s|\\z|[^\\p{L}_])|до|рм|ам|jours fériés|on work days?|sonntags?"                             \
	"|(?:nur |an )?sonn-?(?:(?: und |/)feiertag(?:s|en?)?)?"                                                        \
	"|(?:an )?feiertag(?:s|en?)?|(?:nach|on|by) (?:appointments?|vereinbarung|absprache)"                           \
	"|p\\.m\\.|a\\.m\\."                                                                                            \
	"|(?:[^\\s0-9\\p{P}\\p{S}\\p{C}]|_)+(?=\\s|\\z|[\\s0-9\\p{Po}\\p{Ps}\\p{Pe}\\p{Pd}\\p{Pf}\\p{Pi}\\p{S}\\p{C}])" \
	"|à|á|mo|tu|we|th|fr|sa|su|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"                                   \
	")(?<d>\\.?)"
#define QUOTE_RE "^(?<o>[\"'„“‚‘’«「『])(?<t>[^\"'“”‘’»」』;|]*)(?<c>[\"'”“‘’»」』])"
#define SUPER_RE "^[°\\x{2070}-\\x{209F}\\x{B2}\\x{B3}\\x{B9}]{1,2}"
#define SPACE_RE "^\\s+"

struct tk {
	struct rx *word, *tol, *quote, *super, *space, *letter;
	struct rx **phrase; /* by entry of ohours_corrections, NULL: no phrase */
	struct rx **entry;  /* "^(?:pattern)\z", compiled when first needed */
	struct ohours_lenient *lw;
	int warn;
	struct diag *d;
};

static const struct {
	const char *w;
	enum rtok_type type;
	long num;
} token_map[] = {
	{ "su", RT_WEEKDAY, 0 },      { "mo", RT_WEEKDAY, 1 },     { "tu", RT_WEEKDAY, 2 },
	{ "we", RT_WEEKDAY, 3 },      { "th", RT_WEEKDAY, 4 },     { "fr", RT_WEEKDAY, 5 },
	{ "sa", RT_WEEKDAY, 6 },      { "jan", RT_MONTH, 0 },      { "feb", RT_MONTH, 1 },
	{ "mar", RT_MONTH, 2 },       { "apr", RT_MONTH, 3 },      { "may", RT_MONTH, 4 },
	{ "jun", RT_MONTH, 5 },       { "jul", RT_MONTH, 6 },      { "aug", RT_MONTH, 7 },
	{ "sep", RT_MONTH, 8 },       { "oct", RT_MONTH, 9 },      { "nov", RT_MONTH, 10 },
	{ "dec", RT_MONTH, 11 },      { "day", RT_CALCDAY, 0 },    { "days", RT_CALCDAY, 0 },
	{ "sunrise", RT_TIMEVAR, 0 }, { "sunset", RT_TIMEVAR, 0 }, { "dawn", RT_TIMEVAR, 0 },
	{ "dusk", RT_TIMEVAR, 0 },    { "easter", RT_EVENT, 0 },   { "week", RT_WEEK, 0 },
	{ "open", RT_STATE, 0 },      { "closed", RT_STATE, 0 },   { "off", RT_STATE, 0 },
	{ "unknown", RT_STATE, 0 },
};

/* the reference throws on these rather than guess a season */
static const char *const season_words[] = {
	"spring", "summer", "autumn",    "winter", "frühling", "fruehling", "frühjahr",
	"sommer", "herbst", "primavera", "estate", "autunno",  "inverno",
};

void ohours_lenient_warn(struct ohours_lenient *lw, long col, const char *fmt, ...)
{
	va_list ap;

	if (!lw)
		return;
	if (lw->nw == OHOURS_WARNINGS_MAX) {
		lw->more++;
		return;
	}
	lw->w[lw->nw].col = col;
	va_start(ap, fmt);
	vsnprintf(lw->w[lw->nw].msg, sizeof lw->w[lw->nw].msg, _(fmt), ap);
	va_end(ap);
	lw->nw++;
}

/* ASCII lower case: the keys of the map and of the table are lower case,
   and the table's patterns are matched caselessly anyway */
static char *lower_dup(const char *s, size_t n)
{
	char *w = xstrndup(s, n);
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] >= 'A' && w[i] <= 'Z')
			w[i] = (char)(w[i] + 'a' - 'A');
	return w;
}

static int map_lookup(const char *w, struct rtok *t)
{
	size_t i;

	for (i = 0; i < sizeof token_map / sizeof token_map[0]; i++)
		if (strcmp(w, token_map[i].w) == 0) {
			t->type = token_map[i].type;
			t->num = token_map[i].num;
			snprintf(t->text, sizeof t->text, "%s", w);
			return 1;
		}
	return 0;
}

static struct rrule *cur_rule(struct rtokens *rt)
{
	if (!rt->n) {
		XALLOC_GROW(rt->r, rt->n + 1, rt->alloc);
		memset(&rt->r[rt->n++], 0, sizeof(struct rrule));
	}
	return &rt->r[rt->n - 1];
}

static void new_rule(struct rtokens *rt, int fallback)
{
	cur_rule(rt);
	XALLOC_GROW(rt->r, rt->n + 1, rt->alloc);
	memset(&rt->r[rt->n], 0, sizeof(struct rrule));
	rt->r[rt->n++].fallback = fallback;
}

static struct rtok *push(struct rtokens *rt, enum rtok_type type, long col)
{
	struct rrule *r = cur_rule(rt);
	struct rtok *t;

	XALLOC_GROW(r->t, r->n + 1, r->alloc);
	t = &r->t[r->n++];
	memset(t, 0, sizeof *t);
	t->type = type;
	t->col = col;
	return t;
}

static void push_char(struct rtokens *rt, const char *s, size_t n, long col)
{
	uint32_t cp;
	size_t len = utf8_decode(s, n, &cp);
	struct rtok *t = push(rt, RT_CHAR, col);

	if (len >= sizeof t->text)
		len = sizeof t->text - 1;
	memcpy(t->text, s, len);
	if (len == 1 && t->text[0] >= 'A' && t->text[0] <= 'Z')
		t->text[0] = (char)(t->text[0] + 'a' - 'A');
}

/* a weekday's or month's word, lower case, for the resolver */
static void set_raw(struct rtok *t, const char *s, size_t n)
{
	size_t i;

	if (t->type != RT_WEEKDAY && t->type != RT_MONTH)
		return;
	if (n >= sizeof t->raw)
		n = sizeof t->raw - 1;
	for (i = 0; i < n; i++)
		t->raw[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 'a' - 'A' : s[i]);
	t->raw[n] = '\0';
}

static int has_phrase(const char *pattern)
{
	return strchr(pattern, ' ') || strstr(pattern, "\\s");
}

static struct rx *compile(struct tk *k, const char *pattern)
{
	return rx_compile(pattern, "opening-hours tolerance", RX_RULES, k->d);
}

static int tk_init(struct tk *k, struct ohours_lenient *lw, int warn, struct diag *d)
{
	size_t i;

	memset(k, 0, sizeof *k);
	k->lw = lw;
	k->warn = warn;
	k->d = d;
	k->phrase = xcalloc(ohours_ncorrections, sizeof *k->phrase);
	k->entry = xcalloc(ohours_ncorrections, sizeof *k->entry);
	if (!(k->word = compile(k, WORD_RE)) || !(k->tol = compile(k, TOLERANCE_RE)) ||
	    !(k->quote = compile(k, QUOTE_RE)) || !(k->super = compile(k, SUPER_RE)) ||
	    !(k->space = compile(k, SPACE_RE)) || !(k->letter = compile(k, "^\\p{L}\\z")))
		return -1;
	for (i = 0; i < ohours_ncorrections; i++) {
		char pat[300];
		if (!has_phrase(ohours_corrections[i].pattern))
			continue;
		snprintf(pat, sizeof pat, "^(?<w>%s)(?<d>\\.?)(?=\\z|[^\\p{L}\\p{N}_])",
			 ohours_corrections[i].pattern);
		if (!(k->phrase[i] = compile(k, pat)))
			return -1;
	}
	return 0;
}

static void tk_release(struct tk *k)
{
	size_t i;

	rx_free(k->word);
	rx_free(k->tol);
	rx_free(k->quote);
	rx_free(k->super);
	rx_free(k->space);
	rx_free(k->letter);
	for (i = 0; k->phrase && i < ohours_ncorrections; i++) {
		rx_free(k->phrase[i]);
		rx_free(k->entry[i]);
	}
	free(k->phrase);
	free(k->entry);
}

/* The warning for a correction of the table, in okienko's words. */
static void correction_warning(struct ohours_lenient *lw, long col,
			       enum ohours_correction_kind kind, const char *ko, const char *ok)
{
	switch (kind) {
	case OHC_OMIT_HOUR_KEYWORD:
	case OHC_OMIT_KO:
	case OHC_OMIT_TAG_KEY:
	case OHC_OMIT_WRONG_KEYWORD_OPEN_END:
	case OHC_PLEASE_USE_OK_FOR_MISSING_DATA:
		ohours_lenient_warn(lw, col, "'%s' left out", ko);
		break;
	case OHC_ASSUMING_OK_FOR_KO:
	case OHC_ASSUMING_OPEN_END_FOR_KO:
		ohours_lenient_warn(lw, col, "'%s' read as '%s' (a guess)", ko, ok);
		break;
	case OHC_PLEASE_USE_24_HOURS_TIME_FOR_KO:
		ohours_lenient_warn(lw, col, "'%s' read as a 24-hour time: write times as 13:00",
				    ko);
		break;
	default:
		ohours_lenient_warn(lw, col, "'%s' read as '%s'", ko, ok);
		break;
	}
}

/*
 * Its returnCorrectWordOrToken: 1 with *tok for a word of the map, 2 with
 * *repl for a correction (warned about at col), 0 for none, -1 on error.
 */
static int correct_word(struct tk *k, const char *word, long col, struct rtok *tok,
			const char **repl)
{
	size_t i;

	if (map_lookup(word, tok))
		return 1;
	for (i = 0; i < ohours_nambiguous; i++)
		if (strcmp(word, ohours_ambiguous_words[i].word) == 0) {
			if (k->warn)
				ohours_lenient_warn(k->lw, col,
						    "'%s' is ambiguous (%s); read as '%s'", word,
						    ohours_ambiguous_words[i].meanings,
						    ohours_ambiguous_words[i].reading);
			*repl = ohours_ambiguous_words[i].reading;
			return 2;
		}
	for (i = 0; i < ohours_ncorrections; i++) {
		const struct ohours_correction *c = &ohours_corrections[i];
		int m;
		if (!k->entry[i]) {
			char pat[300];
			snprintf(pat, sizeof pat, "^(?:%s)\\z", c->pattern);
			if (!(k->entry[i] = compile(k, pat)))
				return -1;
		}
		m = rx_exec(k->entry[i], word, strlen(word), 0, 1, k->d);
		if (m < 0)
			return -1;
		if (m) {
			if (k->warn)
				correction_warning(k->lw, col, c->kind, word, c->replacement);
			*repl = c->replacement;
			return 2;
		}
	}
	return 0;
}

static int tokenize(struct tk *k, const char *expr, struct rtokens *rt, long base);

/*
 * Its recognizeRangeToken: a word no correction knows that its index of
 * names in other languages has as weekdays only or months only ("lundi",
 * "enero"), pushed with a provisional meaning that the resolver settles;
 * its warning is written again then (foreign_warnings).  Not after a letter
 * no word took ("x lundi"), as the reference.  1 pushed, 0 not, -1 error.
 */
static int foreign_word(struct tk *k, struct rtokens *rt, const char *s, size_t n, long col)
{
	struct strbuf f = STRBUF_INIT;
	struct rrule *r = cur_rule(rt);
	struct rtok *t;
	int type, meaning = -1;

	if (r->n && r->t[r->n - 1].type == RT_CHAR) {
		int m = rx_exec(k->letter, r->t[r->n - 1].text, strlen(r->t[r->n - 1].text), 0, 1,
				k->d);
		if (m != 0)
			return m < 0 ? -1 : 0;
	}
	textfold_append(&f, s, n, TEXTFOLD_LOWER);
	type = f.len < sizeof t->raw ? ohours_foreign_word(f.buf, &meaning) : 0;
	if (!type || meaning < 0) {
		strbuf_release(&f);
		return 0;
	}
	t = push(rt, type == 'w' ? RT_WEEKDAY : RT_MONTH, col);
	t->num = meaning;
	memcpy(t->raw, f.buf, f.len + 1);
	if (k->warn && k->lw && k->lw->nw < OHOURS_WARNINGS_MAX)
		t->warn = (int)k->lw->nw + 1;
	if (k->warn)
		ohours_lenient_warn(k->lw, col, "'%s' read as '%s'", f.buf,
				    type == 'w' ? ohours_wd_canon[meaning]
						: ohours_mon_canon[meaning]);
	strbuf_release(&f);
	return 1;
}

/* The warnings of foreign words with the meaning the resolver gave them. */
static void foreign_warnings(struct rtokens *rt, struct ohours_lenient *lw)
{
	size_t i, j;

	for (i = 0; lw && i < rt->n; i++)
		for (j = 0; j < rt->r[i].n; j++) {
			const struct rtok *t = &rt->r[i].t[j];
			if (!t->warn || (size_t)t->warn > lw->nw)
				continue;
			snprintf(lw->w[t->warn - 1].msg, sizeof lw->w[0].msg,
				 _("'%s' read as '%s'"), t->raw,
				 t->type == RT_WEEKDAY ? ohours_wd_canon[t->num]
						       : ohours_mon_canon[t->num]);
		}
}

/* "pm" after "1:00" or "1": the hours of the 24-hour clock */
static void meridian(struct rtokens *rt, int pm)
{
	struct rrule *r = cur_rule(rt);
	struct rtok *h = NULL;

	if (!r->n)
		return;
	if (r->n >= 3 && r->t[r->n - 3].type == RT_NUMBER && r->t[r->n - 2].type == RT_TIMESEP &&
	    r->t[r->n - 1].type == RT_NUMBER)
		h = &r->t[r->n - 3];
	else if (r->t[r->n - 1].type == RT_NUMBER)
		h = &r->t[r->n - 1];
	if (!h)
		return;
	h->meridian = pm ? 'p' : 'a';
	if (pm && h->num < 12)
		h->num += 12;
	if (!pm && h->num == 12)
		h->num = 0;
}

/* the replacement's tokens, at col */
static int push_replacement(struct tk *k, struct rtokens *rt, const char *repl, long col,
			    const char *word)
{
	struct rtokens sub = { 0 };
	int warn = k->warn;
	size_t i;
	int rc;

	k->warn = 0;
	rc = tokenize(k, repl, &sub, col);
	k->warn = warn;
	if (rc == 0 && sub.n > 1)
		/* "otherwise": "||" after nothing, which the reference refuses too */
		rc = diag_set(k->d, DIAG_DATA, NULL, 0, col,
			      "no rule before the fallback rule '||'");
	for (i = 0; rc == 0 && sub.n && i < sub.r[0].n; i++) {
		struct rtok *t = push(rt, sub.r[0].t[i].type, col);
		*t = sub.r[0].t[i];
		t->col = col;
		/* the resolver sees the word as written when it gave one token */
		snprintf(t->raw, sizeof t->raw, "%s", sub.r[0].n == 1 ? word : "");
		sub.r[0].t[i].comment = NULL;
	}
	ohours_rtokens_release(&sub);
	return rc;
}

/* the superscript and subscript digits and the degree sign (0) */
static int super_digit(uint32_t cp)
{
	if (cp == 0xB0 || cp == 0x2070)
		return 0;
	if (cp == 0xB9)
		return 1;
	if (cp == 0xB2 || cp == 0xB3)
		return cp == 0xB2 ? 2 : 3;
	if (cp >= 0x2074 && cp <= 0x2079)
		return (int)(cp - 0x2070);
	if (cp >= 0x2080 && cp <= 0x2089)
		return (int)(cp - 0x2080);
	return -1;
}

/*
 * The reference's loop.  Its positions count from the end of the value;
 * col is the column of the text left in buf, counted so that a rewrite of
 * superscripts keeps the columns of what follows.
 */
static int tokenize(struct tk *k, const char *expr, struct rtokens *rt, long base)
{
	char *buf = xstrdup(expr);
	size_t i = 0, len = strlen(buf);
	long total = (long)utf8_chars(buf, len);
	int rc = 0;

#define COL(at) (base + total - (long)utf8_chars(buf + (at), len - (at)) + 1)
	cur_rule(rt);
	while (i < len && rc == 0) {
		size_t ws = 0, we = 0, ds = 0, de = 0, e;
		long phrase = -1;
		struct rtok t;
		const char *repl = NULL;
		size_t j;
		int m = 0;

		for (j = 0; j < ohours_ncorrections && phrase < 0; j++) {
			if (!k->phrase[j])
				continue;
			if ((m = rx_exec(k->phrase[j], buf, len, i, 1, k->d)) < 0)
				goto fail;
			if (m)
				phrase = (long)j;
		}
		if (phrase >= 0) {
			rx_group(k->phrase[phrase], "w", &ws, &we);
			rx_group(k->phrase[phrase], "d", &ds, &de);
		} else {
			if ((m = rx_exec(k->word, buf, len, i, 1, k->d)) < 0)
				goto fail;
			if (m) {
				rx_group(k->word, "w", &ws, &we);
				if (!rx_group(k->word, "d", &ds, &de))
					ds = de = we;
			}
		}
		memset(&t, 0, sizeof t);
		if (phrase < 0 && m && ds == de) {
			char *w = lower_dup(buf + ws, we - ws);
			int found = map_lookup(w, &t);
			free(w);
			if (found) {
				struct rtok *p = push(rt, t.type, COL(i));
				p->num = t.num;
				memcpy(p->text, t.text, sizeof p->text);
				set_raw(p, buf + ws, we - ws);
				i = we;
				continue;
			}
		}
		if ((m = rx_exec(k->space, buf, len, i, 1, k->d)) != 0) {
			if (m < 0)
				goto fail;
			rx_span(k->space, &ws, &e);
			i = e;
		} else if (strncmp(buf + i, "24/7", 4) == 0) {
			struct rtok *p = push(rt, RT_247, COL(i));
			snprintf(p->text, sizeof p->text, "24/7");
			i += 4;
		} else if (buf[i] == ';') {
			new_rule(rt, 0);
			i++;
		} else if (buf[i] == ':' || buf[i] == '.') {
			if (buf[i] == '.' && k->warn)
				ohours_lenient_warn(k->lw, COL(i),
						    "'.' read as ':' between hours and minutes");
			push(rt, RT_TIMESEP, COL(i));
			i++;
		} else if ((buf[i] == 'P' || buf[i] == 'p' || buf[i] == 'S' || buf[i] == 's') &&
			   (buf[i + 1] == 'H' || buf[i + 1] == 'h')) {
			struct rtok *p = push(rt, RT_HOLIDAY, COL(i));
			p->text[0] = (char)(buf[i] & ~0x20);
			p->text[1] = 'H';
			i += 2;
		} else if ((m = rx_exec(k->super, buf, len, i, 1, k->d)) != 0) {
			char ok[16], *nb;
			size_t n = 0, p;
			long col = COL(i);
			struct rrule *r = cur_rule(rt);
			if (m < 0)
				goto fail;
			rx_span(k->super, &ws, &we);
			if (r->n && r->t[r->n - 1].type == RT_NUMBER)
				ok[n++] = ':';
			for (p = ws; p < we;) {
				uint32_t cp;
				size_t l = utf8_decode(buf + p, len - p, &cp);
				if (k->warn && cp == 0xB0)
					ohours_lenient_warn(k->lw,
							    col + (long)utf8_chars(buf + ws,
										   p - ws),
							    "degree sign read as 0");
				ok[n++] = (char)('0' + super_digit(cp));
				p += l;
			}
			ok[n] = '\0';
			if (k->warn)
				ohours_lenient_warn(k->lw, col, "'%.*s' read as '%s'",
						    (int)(we - ws), buf + ws, ok);
			/* what follows keeps its columns */
			total += (long)n - (long)utf8_chars(buf + ws, we - ws);
			nb = xmalloc(len - (we - ws) + n + 1);
			memcpy(nb, buf, i);
			memcpy(nb + i, ok, n);
			memcpy(nb + i + n, buf + we, len - we + 1);
			free(buf);
			buf = nb;
			len = strlen(buf);
		} else if (phrase >= 0 || (m = rx_exec(k->tol, buf, len, i, 1, k->d)) != 0) {
			char *w;
			long col;
			int c;
			if (m < 0)
				goto fail;
			if (phrase < 0) {
				rx_group(k->tol, "w", &ws, &we);
				if (!rx_group(k->tol, "d", &ds, &de))
					ds = de = we;
			}
			e = de > we ? de : we;
			w = lower_dup(buf + ws, we - ws);
			col = COL(ws);
			c = correct_word(k, w, col, &t, &repl);
			if (c < 0) {
				free(w);
				goto fail;
			}
			if (c == 1) {
				struct rtok *p = push(rt, t.type, col);
				p->num = t.num;
				memcpy(p->text, t.text, sizeof p->text);
				set_raw(p, w, strlen(w));
				i = e;
			} else if (c == 2) {
				if (strcmp(repl, "am") == 0 || strcmp(repl, "pm") == 0) {
					meridian(rt, repl[0] == 'p');
					repl = "";
				}
				rc = push_replacement(k, rt, repl, col, w);
				i = e;
			} else if ((c = foreign_word(k, rt, buf + ws, we - ws, col)) != 0) {
				if (c < 0) {
					free(w);
					goto fail;
				}
				i = e;
			} else {
				for (j = 0; j < sizeof season_words / sizeof season_words[0]; j++)
					if (strcmp(w, season_words[j]) == 0)
						rc = diag_set(k->d, DIAG_DATA, NULL, 0, col,
							      "season words are ambiguous: write months "
							      "('Jun-Aug')");
				if (rc == 0) {
					uint32_t cp;
					push_char(rt, buf + i, len - i, COL(i));
					i += utf8_decode(buf + i, len - i, &cp);
				}
			}
			free(w);
			if (de > ds && k->warn)
				ohours_lenient_warn(k->lw, COL(i), "'%.*s' left out",
						    (int)(de - ds), buf + ds);
		} else if (buf[i] >= '0' && buf[i] <= '9') {
			double v = 0;
			struct rtok *p;
			long col = COL(i);
			for (j = i; buf[j] >= '0' && buf[j] <= '9'; j++)
				v = v < 1e12 ? v * 10 + (buf[j] - '0') : v;
			p = push(rt, v > 1900 ? RT_YEAR : RT_NUMBER, col);
			p->num = (long)v;
			p->single = j - i == 1;
			if (v >= 2100 && k->warn)
				ohours_lenient_warn(
					k->lw, col + (long)(j - i) - 1,
					"the number %.0f read as a year; write times as 12:00", v);
			i = j;
			if (buf[i] == '.' && buf[i + 1] &&
			    !(buf[i + 1] >= '0' && buf[i + 1] <= '9')) {
				i++;
				if (k->warn)
					ohours_lenient_warn(k->lw, COL(i), "'%s' left out", ".");
			}
		} else if (buf[i] == '|' && buf[i + 1] == '|') {
			if (!cur_rule(rt)->n) {
				rc = diag_set(k->d, DIAG_DATA, NULL, 0, COL(i),
					      "no rule before the fallback rule '||'");
				break;
			}
			new_rule(rt, 1);
			i += 2;
		} else if (buf[i] == '"' && buf[i + 1] != '"' && strchr(buf + i + 1, '"')) {
			const char *q = strchr(buf + i + 1, '"');
			struct rtok *p = push(rt, RT_COMMENT, COL(i));
			p->comment = xstrndup(buf + i + 1, (size_t)(q - buf) - i - 1);
			i = (size_t)(q - buf) + 1;
		} else if ((m = rx_exec(k->quote, buf, len, i, 1, k->d)) != 0) {
			size_t os, oe, ts, te, cs, ce;
			struct rtok *p;
			long col = COL(i);
			if (m < 0)
				goto fail;
			rx_group(k->quote, "o", &os, &oe);
			rx_group(k->quote, "t", &ts, &te);
			rx_group(k->quote, "c", &cs, &ce);
			if (k->warn) {
				char *o = xstrndup(buf + os, oe - os),
				     *c = xstrndup(buf + cs, ce - cs);
				if (strcmp(o, "\"") != 0)
					ohours_lenient_warn(k->lw, COL(os), "'%s' read as '%s'", o,
							    "\"");
				if (strcmp(c, "\"") != 0)
					ohours_lenient_warn(k->lw, COL(cs), "'%s' read as '%s'", c,
							    "\"");
				free(o);
				free(c);
			}
			p = push(rt, RT_COMMENT, col);
			p->comment = xstrndup(buf + ts, te - ts);
			i = ce;
		} else if (strncmp(buf + i, "\xe2\x90\xa3", 3) == 0) { /* U+2423 for a space */
			i += 3;
		} else {
			uint32_t cp;
			push_char(rt, buf + i, len - i, COL(i));
			i += utf8_decode(buf + i, len - i, &cp);
		}
	}
	free(buf);
	return rc;
#undef COL
fail:
	free(buf);
	return -1;
}

int ohours_rtokenize(const char *expr, struct rtokens *rt, struct ohours_lenient *lw,
		     struct diag *d)
{
	struct tk k;
	long col = 1;
	int rc;

	memset(rt, 0, sizeof *rt);
	if (tk_init(&k, lw, 1, d) < 0) {
		tk_release(&k);
		return -1;
	}
	rc = tokenize(&k, expr, rt, 0);
	tk_release(&k);
	if (rc == 0 && ohours_resolve(rt, &col) < 0)
		rc = diag_set(d, DIAG_DATA, NULL, 0, col,
			      "a weekday or month word that is not English and means different days "
			      "in different languages");
	if (rc == 0)
		foreign_warnings(rt, lw);
	return rc;
}

void ohours_rtokens_release(struct rtokens *rt)
{
	size_t i, j;

	for (i = 0; i < rt->n; i++) {
		for (j = 0; j < rt->r[i].n; j++)
			free(rt->r[i].t[j].comment);
		free(rt->r[i].t);
	}
	free(rt->r);
	memset(rt, 0, sizeof *rt);
}
