/* ohours_lex: tokens of an opening_hours expression and parse errors. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "diag.h"
#include "holidays.h"
#include "i18n.h"
#include "ohours.h"
#include "ohours_lex.h"
#include "ohours_rules.h"
#include "utf8.h"
#include "xalloc.h"

#include "banned.h"

/* ---- tokens ---- */

static const char *const wd_names[] = { "su", "mo", "tu", "we", "th", "fr", "sa" };
static const char *const mon_names[] = { "jan", "feb", "mar", "apr", "may", "jun",
					 "jul", "aug", "sep", "oct", "nov", "dec" };
const char *const ohours_wd_canon[] = { "Su", "Mo", "Tu", "We", "Th", "Fr", "Sa" };
const char *const ohours_mon_canon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static int word_is(const char *w, size_t n, const char *lower)
{
	size_t i;

	if (strlen(lower) != n)
		return 0;
	for (i = 0; i < n; i++) {
		int c = (unsigned char)w[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != lower[i])
			return 0;
	}
	return 1;
}

static void classify_word(struct token *t, const char *w)
{
	static const struct {
		const char *s;
		enum kw kw;
	} words[] = {
		{ "ph", KW_PH },        { "sh", KW_SH },           { "open", KW_OPEN },
		{ "off", KW_OFF },      { "closed", KW_OFF },      { "unknown", KW_UNKNOWN },
		{ "week", KW_WEEK },    { "sunrise", KW_TIMEVAR }, { "sunset", KW_TIMEVAR },
		{ "dawn", KW_TIMEVAR }, { "dusk", KW_TIMEVAR },    { "easter", KW_EASTER },
		{ "day", KW_DAY },      { "days", KW_DAY },
	};
	size_t i;

	t->kw = KW_NONE;
	for (i = 0; i < 7; i++)
		if (word_is(w, t->len, wd_names[i])) {
			t->kw = KW_WD;
			t->val = (int)i;
			return;
		}
	for (i = 0; i < 12; i++)
		if (word_is(w, t->len, mon_names[i])) {
			t->kw = KW_MON;
			t->val = (int)i;
			return;
		}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (word_is(w, t->len, words[i].s)) {
			t->kw = words[i].kw;
			return;
		}
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

void ohours_tokenize(struct parser *p)
{
	const char *s = p->expr;
	size_t i = 0, n = strlen(s);

	for (;;) {
		struct token t;

		while (i < n && is_space((unsigned char)s[i]))
			i++;
		memset(&t, 0, sizeof(t));
		t.off = i;
		if (i == n) {
			t.type = TOK_END;
		} else if (is_alpha((unsigned char)s[i])) {
			while (i + t.len < n && is_alpha((unsigned char)s[i + t.len]))
				t.len++;
			t.type = TOK_WORD;
			classify_word(&t, s + i);
		} else if (s[i] == '"' && memchr(s + i + 1, '"', n - i - 1)) {
			t.type = TOK_COMMENT;
			t.len = (size_t)((const char *)memchr(s + i + 1, '"', n - i - 1) -
					 (s + i)) +
				1;
		} else if (s[i] == '|' && s[i + 1] == '|') {
			t.type = TOK_FALLBACK;
			t.len = 2;
		} else if (strncmp(s + i, "24/7", 4) == 0) {
			t.type = TOK_247;
			t.len = 4;
		} else if (is_digit((unsigned char)s[i])) {
			t.type = TOK_NUM;
			while (i + t.len < n && is_digit((unsigned char)s[i + t.len])) {
				if (t.val < 100000)
					t.val = t.val * 10 + (s[i + t.len] - '0');
				t.len++;
			}
			t.ndigits = (int)t.len;
		} else {
			uint32_t cp;
			t.type = TOK_CHAR;
			t.len = utf8_decode(s + i, n - i, &cp);
			t.ch = cp == UTF8_INVALID ? -1 : (int)cp;
		}
		XALLOC_GROW(p->toks, p->ntoks + 1, p->toks_alloc);
		p->toks[p->ntoks++] = t;
		if (t.type == TOK_END)
			return;
		i += t.len;
	}
}

/* ---- parse errors ---- */

long ohours_col(const struct parser *p, const struct token *t)
{
	return (long)utf8_chars(p->expr, t->off) + 1;
}

int ohours_fail_at(struct parser *p, const struct token *t, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	return diag_set(p->d, DIAG_DATA, NULL, 0, ohours_col(p, t), "%s", msg);
}

static void hint_for_word(struct parser *p, const struct token *t)
{
	const char *w = p->expr + t->off;
	size_t i;

	if (t->len < 3)
		return;
	for (i = 0; i < 7; i++)
		if (word_is(w, 2, wd_names[i])) {
			diag_hint(p->d, "did you mean '%s'?", ohours_wd_canon[i]);
			return;
		}
	for (i = 0; i < 12; i++)
		if (word_is(w, 3, mon_names[i])) {
			diag_hint(p->d, "did you mean '%s'?", ohours_mon_canon[i]);
			return;
		}
}

/* The error for a token that cannot stand where it is. */
int ohours_unexpected(struct parser *p, const struct token *t)
{
	const char *s = p->expr + t->off;
	int n = (int)t->len;

	switch (t->type) {
	case TOK_END:
		return ohours_fail_at(p, t, "unexpected end of expression");
	case TOK_WORD:
		switch (t->kw) {
		case KW_UNKNOWN:
			return ohours_fail_at(p, t, "not supported: state 'unknown'");
		case KW_TIMEVAR:
			ohours_fail_at(p, t, "unexpected '%.*s'", n, s);
			diag_hint(p->d,
				  "a variable time starts or ends a time range: '%.*s-20:00', '(%.*s+01:00)-20:00'",
				  n, s, n, s);
			return -1;
		case KW_EASTER:
			return ohours_fail_at(p, t, "unexpected 'easter' in a list of months");
		default:
			break;
		}
		ohours_fail_at(p, t, "unexpected '%.*s'", n, s);
		if (t->kw == KW_NONE)
			hint_for_word(p, t);
		return -1;
	case TOK_NUM:
		return ohours_fail_at(p, t, "unexpected '%.*s'", n, s);
	case TOK_247:
		return ohours_fail_at(p, t, "unexpected '24/7'");
	case TOK_COMMENT:
		return ohours_fail_at(p, t, "unexpected comment");
	case TOK_FALLBACK:
		return ohours_fail_at(p, t, "unexpected '||'");
	case TOK_CHAR:
		break;
	}
	switch (t->ch) {
	case '"':
		return ohours_fail_at(p, t, "comment without its closing '\"'");
	case '+':
		return ohours_fail_at(
			p, t,
			"unexpected '+' (an open end follows a time, a day offset PH, an nth weekday or easter)");
	case '-':
		/* "PH -1 day", "Su[-1] -2 days": the offset that '+' has too */
		if (t[1].type == TOK_NUM && t[2].type == TOK_WORD && t[2].kw == KW_DAY)
			return ohours_fail_at(
				p, t,
				"unexpected day offset '-%.*s %.*s' (only after PH, an nth weekday or easter)",
				(int)t[1].len, p->expr + t[1].off, (int)t[2].len,
				p->expr + t[2].off);
		break;
	case '/':
		return ohours_fail_at(p, t, "not supported: periods '/'");
	case '(':
		ohours_fail_at(p, t, "unexpected '('");
		diag_hint(p->d, "a variable time with an offset is written '(sunset-01:00)'");
		return -1;
	default:
		break;
	}
	if (t->ch < 0)
		return ohours_fail_at(p, t, "unexpected byte 0x%02x", (unsigned)(unsigned char)*s);
	if (t->ch < 0x20 || t->ch == 0x7f)
		return ohours_fail_at(p, t, "unexpected control character");
	return ohours_fail_at(p, t, "unexpected '%.*s'", n, s);
}

int ohours_check_years(struct parser *p)
{
	size_t i;

	for (i = 0; i < p->ntoks; i++)
		if (p->toks[i].type == TOK_NUM && p->toks[i].val > 9999)
			return ohours_fail_at(p, &p->toks[i], "invalid year '%.*s' (up to 9999)",
					      (int)p->toks[i].len, p->expr + p->toks[i].off);
	return 0;
}
