#include "minutes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "textdate.h"
#include "textfold.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

/* ------------------------------------------------------------------ */
/* Characters                                                           */

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;

	*n = utf8_decode(s + i, len - i, &cp);
	return cp;
}

/* The start of the character that ends at s[i]. */
static size_t back_one(const char *s, size_t i)
{
	if (!i)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static uint32_t cp_before(const char *s, size_t i)
{
	size_t n, k = back_one(s, i);

	return i ? cp_at(s, i, k, &n) : 0;
}

static int is_space(char c)
{
	return c == ' ';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Punctuation and dashes that separate a date, a time and a place. */
static int is_sep(uint32_t cp)
{
	return cp == ' ' || cp == ',' || cp == ';' || cp == ':' || cp == '-' || cp == '|' ||
	       cp == '/' || cp == 0x2013 || cp == 0x2014 || cp == '.';
}

static int is_closer(uint32_t cp)
{
	return cp == ')' || cp == ']' || cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x201C ||
	       cp == 0xBB || cp == 0x2019;
}

/* The text ends a sentence (or a heading, or a list item). */
static int ends_stop(const char *s, size_t len)
{
	uint32_t cp;

	while (len && is_closer(cp = cp_before(s, len)))
		len = back_one(s, len);
	cp = cp_before(s, len);
	return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' || cp == 0x2026;
}

static void trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && is_space(s[*a]))
		(*a)++;
	while (*b > *a && is_space(s[*b - 1]))
		(*b)--;
}

static size_t count_words(const char *s, size_t a, size_t b)
{
	size_t n = 0;
	int in = 0;

	for (; a < b; a++) {
		if (is_space(s[a]))
			in = 0;
		else if (!in++)
			n++;
	}
	return n;
}

/* ------------------------------------------------------------------ */
/* Input                                                                */

static int check_text(const char *name, const char *s, size_t len, struct diag *d)
{
	const char *nul = memchr(s, '\0', len);
	size_t bad = len, at, i, line = 1, ls = 0;

	if (utf8_validate(s, len, &bad) == 0)
		bad = len;
	at = nul && (size_t)(nul - s) < bad ? (size_t)(nul - s) : bad;
	if (at == len)
		return 0;
	for (i = 0; i < at; i++) {
		if (s[i] == '\n') {
			line++;
			ls = i + 1;
		}
	}
	if (s[at] == '\0')
		return diag_set(d, DIAG_DATA, name, (long)line, (long)utf8_chars(s + ls, at - ls) + 1,
				"NUL byte in the text (is it a text file?)");
	return diag_set(d, DIAG_DATA, name, (long)line, (long)utf8_chars(s + ls, at - ls) + 1,
			"invalid UTF-8 sequence starting with byte 0x%02X", (unsigned char)s[at]);
}

/* ------------------------------------------------------------------ */
/* Lines                                                                */

enum bullet { B_NONE, B_SYMBOL, B_O, B_NUMBER };

struct line {
	char *s;            /* cleaned, without its indentation */
	size_t len, off;    /* the text starts at s + off, past the bullet */
	long no;
	int indent, level;
	enum bullet bullet;
	int blank, caps, stop, lower, hyphen, comma;
};

struct lines {
	struct line *v;
	size_t n, alloc;
};

static const struct {
	uint32_t cp;
	int level, needs_space;
} bullets[] = {
	{ 0x2022, 0, 0 }, { 0x25CF, 0, 0 }, { 0x25A0, 0, 0 }, { 0x25BA, 0, 0 }, { 0x25B6, 0, 0 },
	{ 0x25B8, 0, 0 }, { 0x27A2, 0, 0 }, { 0x27A4, 0, 0 }, { 0x2713, 0, 0 }, { 0x2714, 0, 0 },
	{ 0x2756, 0, 0 }, { 0x25C6, 0, 0 }, { 0x2023, 0, 0 }, { 0x2043, 0, 0 }, { 0x2219, 0, 0 },
	{ 0x00B7, 0, 0 }, { 0x25E6, 1, 0 }, { 0x25CB, 1, 0 }, { 0x25AA, 1, 0 }, { 0x25AB, 1, 0 },
	{ 0x25A1, 1, 0 }, { 0x2013, 0, 1 }, { 0x2014, 0, 1 }, { '-', 0, 1 }, { '*', 0, 1 },
	{ 0x2212, 0, 1 },
};

static int is_pua(uint32_t cp)
{
	return cp >= 0xE000 && cp <= 0xF8FF;
}

/* Word's symbol-font bullets: U+F0A7 (a square) marks the third level. */
static int pua_level(uint32_t cp)
{
	return cp == 0xF0A7 || cp == 0xF0FC;
}

static const char *ligature(uint32_t cp)
{
	static const char *const lig[] = { "ff", "fi", "fl", "ffi", "ffl" };
	return cp >= 0xFB00 && cp <= 0xFB04 ? lig[cp - 0xFB00] : NULL;
}

static int odd_space(uint32_t cp)
{
	return cp == '\t' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

static int invisible(uint32_t cp)
{
	return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

struct token {
	size_t start, len, gap;   /* gap: spaces before it */
	int single, letter_only;
};

/* One letter, maybe followed by punctuation ("I:"). */
static void classify_token(const char *s, struct token *t)
{
	size_t n, i;
	uint32_t cp = cp_at(s, t->start + t->len, t->start, &n);

	t->single = textfold_is_letter(cp);
	t->letter_only = t->single && n == t->len;
	for (i = t->start + n; t->single && i < t->start + t->len; i++)
		if (!strchr(".,:;!?", s[i]))
			t->single = 0;
}

static void mark_spaced(struct token *tok, size_t ntok, unsigned char *spaced)
{
	size_t i, j, k, *run_end = xcalloc(ntok + 1, sizeof *run_end);
	int changed = 1;

	/* runs of single letters one space apart; only the last may carry punctuation */
	for (i = 0; i < ntok; i = j) {
		j = i + 1;
		if (!tok[i].single) {
			run_end[i] = i + 1;
			continue;
		}
		while (j < ntok && tok[j].single && tok[j].gap == 1 && tok[j - 1].letter_only)
			j++;
		run_end[i] = j;
		if (j - i >= 4)
			for (k = i; k < j; k++)
				spaced[k] = 1;
	}
	/* short runs next to a letter-spaced one belong to it ("Z Á P I S  Z E") */
	while (changed) {
		changed = 0;
		for (i = 0; i < ntok; i = run_end[i]) {
			j = run_end[i];
			if (spaced[i] || !tok[i].single || j - i < 2)
				continue;
			if ((i > 0 && spaced[i - 1] && tok[i].gap >= 2) ||
			    (j < ntok && spaced[j] && tok[j].gap >= 2)) {
				for (k = i; k < j; k++)
					spaced[k] = 1;
				changed = 1;
			}
		}
	}
	free(run_end);
}

/* Undo letter-spacing and collapse runs of spaces; s[0..len) has no leading space. */
static void unspace(struct strbuf *out, const char *s, size_t len)
{
	struct token *tok = NULL;
	unsigned char *spaced;
	size_t ntok = 0, alloc = 0, i = 0, gap, k;

	while (i < len) {
		for (gap = 0; i < len && s[i] == ' '; i++)
			gap++;
		if (i == len)
			break;
		XALLOC_GROW(tok, ntok + 1, alloc);
		tok[ntok].start = i;
		tok[ntok].gap = gap;
		while (i < len && s[i] != ' ')
			i++;
		tok[ntok].len = i - tok[ntok].start;
		classify_token(s, &tok[ntok]);
		ntok++;
	}
	spaced = xcalloc(ntok + 1, 1);
	mark_spaced(tok, ntok, spaced);
	for (k = 0; k < ntok; k++) {
		int glue = k > 0 && spaced[k] && spaced[k - 1] && tok[k].gap == 1;
		if (k > 0 && !glue)
			strbuf_addch(out, ' ');
		strbuf_add(out, s + tok[k].start, tok[k].len);
	}
	free(spaced);
	free(tok);
}

static int roman_value(const char *s, size_t n)
{
	static const char *const roman[] = {
		"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
		"XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"
	};
	size_t i;

	for (i = 0; i < sizeof roman / sizeof *roman; i++)
		if (strlen(roman[i]) == n && !memcmp(roman[i], s, n))
			return (int)i + 1;
	return 0;
}

/* "1. ", "12) ", "a) ", "IV. ": the length of the number and its spaces, or 0. */
static size_t number_prefix(const char *s, size_t len, const struct textdate_months *months,
			    int *level)
{
	struct textdate date;
	size_t i = 0;

	*level = 0;
	while (i < len && is_digit(s[i]) && i < 3)
		i++;
	if (i >= 1 && i <= 2 && i < len && (s[i] == '.' || s[i] == ')')) {
		if (textdate_find(s, len, 0, months, &date) && date.start == 0)
			return 0;
	} else if (i == 0 && len > 1 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')') {
		*level = 1;
		i = 1;
	} else if (i == 0) {
		while (i < len && strchr("IVX", s[i]))
			i++;
		if (!i || i >= len || s[i] != '.' || !roman_value(s, i))
			return 0;
	} else {
		return 0;
	}
	i++;
	if (i >= len || s[i] != ' ')
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	return i < len ? i : 0;
}

static void find_bullet(struct line *l, const struct textdate_months *months)
{
	size_t n, i, k;
	uint32_t cp;

	if (!l->len)
		return;
	cp = cp_at(l->s, l->len, 0, &n);
	for (i = 0; i < sizeof bullets / sizeof *bullets; i++) {
		if (bullets[i].cp != cp)
			continue;
		if (bullets[i].needs_space && n < l->len && l->s[n] != ' ')
			return;
		l->bullet = B_SYMBOL;
		l->level = bullets[i].level;
		for (k = n; k < l->len && l->s[k] == ' '; k++)
			;
		l->off = k;
		return;
	}
	if (cp == 'o' && l->len > 2 && l->s[1] == ' ') {
		uint32_t next = cp_at(l->s, l->len, 2, &n);
		if (textfold_is_upper(next) || is_digit((char)next) || next == 0x201E || next == '"') {
			l->bullet = B_O;
			l->level = 1;
			l->off = 2;
		}
		return;
	}
	if ((k = number_prefix(l->s, l->len, months, &l->level))) {
		l->bullet = B_NUMBER;
		l->off = k;
	}
}

static void line_flags(struct line *l)
{
	const char *t = l->s + l->off;
	size_t len = l->len - l->off, i, n, letters = 0, lower = 0;
	uint32_t cp, first = 0;

	l->blank = !l->len;
	for (i = 0; i < len; i += n) {
		cp = cp_at(t, len, i, &n);
		if (textfold_is_letter(cp)) {
			letters++;
			lower += textfold_is_lower(cp);
			if (!first)
				first = cp;
		}
	}
	l->caps = letters >= 2 && !lower && l->bullet == B_NONE;
	l->lower = len && textfold_is_lower(cp_at(t, len, 0, &n));
	l->stop = ends_stop(t, len);
	l->comma = len && (t[len - 1] == ',' || t[len - 1] == ';');
	l->hyphen = len > 1 && t[len - 1] == '-' && textfold_is_letter(cp_before(t, len - 1));
	(void)first;
}

/* One piece of a raw line (a private-use bullet inside a line starts another). */
static void add_piece(struct lines *ls, struct strbuf *piece, long no, int pua, int pua_lvl,
		      const struct textdate_months *months)
{
	struct strbuf out = STRBUF_INIT;
	struct line *l;
	size_t i = 0;

	while (i < piece->len && piece->buf[i] == ' ')
		i++;
	unspace(&out, piece->buf + i, piece->len - i);
	XALLOC_GROW(ls->v, ls->n + 1, ls->alloc);
	l = &ls->v[ls->n++];
	memset(l, 0, sizeof *l);
	l->no = no;
	l->indent = (int)(i > 40 ? 40 : i);
	l->s = strbuf_detach(&out, &l->len);
	if (pua) {
		l->bullet = B_SYMBOL;
		l->level = pua_lvl;
	} else {
		find_bullet(l, months);
	}
	line_flags(l);
	if (pua && !l->len)
		l->blank = 0;
	strbuf_reset(piece);
}

static void clean_line(struct lines *ls, const char *s, size_t len, long no,
		       const struct textdate_months *months)
{
	struct strbuf piece = STRBUF_INIT;
	size_t i, n, k;
	uint32_t cp;
	int pua = 0, pua_lvl = 0;
	const char *lig;

	for (i = 0; i < len; i += n) {
		cp = cp_at(s, len, i, &n);
		if (is_pua(cp)) {
			for (k = 0; k < piece.len && piece.buf[k] == ' '; k++)
				;
			if (k < piece.len || pua)
				add_piece(ls, &piece, no, pua, pua_lvl, months);
			pua = 1;
			pua_lvl = pua_level(cp);
			strbuf_addch(&piece, ' ');
		} else if (odd_space(cp)) {
			strbuf_addch(&piece, ' ');
		} else if ((lig = ligature(cp))) {
			strbuf_addstr(&piece, lig);
		} else if (!invisible(cp)) {
			strbuf_add(&piece, s + i, n);
		}
	}
	add_piece(ls, &piece, no, pua, pua_lvl, months);
	strbuf_release(&piece);
}

/* Split into lines: LF, CRLF, CR; a form feed (page break) is a blank line. */
static void split_lines(struct lines *ls, const char *s, size_t len,
			const struct textdate_months *months)
{
	size_t i, start = 0;
	long no = 1;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n' && s[i] != '\r' && s[i] != '\f')
			continue;
		clean_line(ls, s + start, i - start, no, months);
		if (i < len && s[i] == '\f') {
			clean_line(ls, "", 0, no, months);
		} else if (i < len) {
			if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
				i++;
			no++;
		}
		start = i + 1;
	}
}

/* ------------------------------------------------------------------ */
/* Blocks                                                               */

struct builder {
	struct minutes_blocks *b;
	const struct rules *rules;      /* for headings at the start of a line; may be NULL */
	struct strbuf text;
	size_t *starts;
	unsigned char *stop;
	size_t nstarts, alloc;
	int open;
	enum minutes_block_kind kind;
	int level, bulleted, lost, first_indent, last_indent;
	int ends_stop, ends_comma, ends_hyphen;
	long line;
	size_t last_chars;      /* width of the last line taken */
	size_t wide;            /* the width of a full line of this text */
};

/* The buffer, zeroed past its end: PCRE2's JIT reads ahead (see rules.h). */
static char *detach_padded(struct strbuf *sb, size_t *len)
{
	strbuf_grow(sb, RULES_PAD);
	memset(sb->buf + sb->len, 0, sb->alloc - sb->len);
	return strbuf_detach(sb, len);
}

static void *dup_bytes(const void *p, size_t n)
{
	void *q;

	if (!n)
		return NULL;
	q = xmalloc(n);
	memcpy(q, p, n);
	return q;
}

static void close_block(struct builder *bd)
{
	struct minutes_block *bl;

	if (!bd->open)
		return;
	bd->open = 0;
	if (!bd->text.len && bd->kind != MINUTES_ITEM) {
		bd->nstarts = 0;
		return;
	}
	XALLOC_GROW(bd->b->v, bd->b->n + 1, bd->b->alloc);
	bl = &bd->b->v[bd->b->n++];
	bl->kind = bd->kind;
	bl->level = bd->level;
	bl->line = bd->line;
	bl->text = detach_padded(&bd->text, &bl->len);
	bl->nstarts = bd->nstarts;
	bl->starts = dup_bytes(bd->starts, bd->nstarts * sizeof *bd->starts);
	bl->stop = dup_bytes(bd->stop, bd->nstarts);
	bd->nstarts = 0;
}

static size_t line_chars(const struct line *l)
{
	return (size_t)l->indent + utf8_chars(l->s, l->len);
}

static void open_block(struct builder *bd, const struct line *l, enum minutes_block_kind kind,
		       int level)
{
	close_block(bd);
	bd->open = 1;
	bd->kind = kind;
	bd->level = level;
	bd->line = l->no;
	bd->bulleted = kind == MINUTES_ITEM || kind == MINUTES_NUMBERED;
	bd->lost = 0;
	bd->first_indent = bd->last_indent = l->indent;
	strbuf_reset(&bd->text);
	strbuf_add(&bd->text, l->s + l->off, l->len - l->off);
	bd->ends_stop = l->stop;
	bd->ends_comma = l->comma;
	bd->ends_hyphen = l->hyphen;
	bd->last_chars = line_chars(l);
}

static void join_line(struct builder *bd, const struct line *l)
{
	size_t at;

	if (bd->ends_hyphen && l->lower) {
		strbuf_setlen(&bd->text, bd->text.len - 1);
	} else if (bd->text.len) {
		strbuf_addch(&bd->text, ' ');
	}
	at = bd->text.len;
	XALLOC_GROW(bd->starts, bd->nstarts + 1, bd->alloc);
	bd->stop = xrealloc(bd->stop, bd->alloc);
	bd->starts[bd->nstarts] = at;
	bd->stop[bd->nstarts++] = (unsigned char)bd->ends_stop;
	strbuf_add(&bd->text, l->s + l->off, l->len - l->off);
	bd->ends_stop = l->stop;
	bd->ends_comma = l->comma;
	bd->ends_hyphen = l->hyphen;
	bd->last_indent = l->indent;
	bd->last_chars = line_chars(l);
}

/* A line that only starts with spaces where the text before it did not: a lost bullet. */
static int lost_bullet(const struct builder *bd, const struct line *l)
{
	if (!l->indent || !bd->ends_stop || bd->bulleted || bd->kind == MINUTES_HEADING)
		return 0;
	return l->indent > bd->last_indent || (bd->lost && l->indent == bd->first_indent);
}

/*
 * A line well short of the text's width ended its paragraph: a title, a
 * heading, a line of a list.  Only a wrap goes on in the next line.
 */
static int short_break(const struct builder *bd, const struct line *l)
{
	size_t n;
	uint32_t cp = l->len > l->off ? cp_at(l->s, l->len, l->off, &n) : 0;

	if (bd->kind == MINUTES_ITEM || bd->ends_comma || bd->ends_hyphen || bd->wide < 20)
		return 0;
	return bd->last_chars * 10 < bd->wide * 6 && (textfold_is_upper(cp) || is_digit((char)cp));
}

/* A line that starts a section ("Přítomni:", "Zapsal:") starts a block. */
static int starts_section(const struct builder *bd, const struct line *l)
{
	static const enum minutes_rules_kind kinds[] = {
		MINUTES_RULES_ATTENDEES, MINUTES_RULES_ABSENT, MINUTES_RULES_TOPICS,
		MINUTES_RULES_ACTIONS, MINUTES_RULES_AUTHOR, MINUTES_RULES_NEXT,
	};
	const struct rules_entry *e;
	struct diag ignored = DIAG_INIT;
	size_t i, n;

	if (!bd->rules || l->off >= l->len || !textfold_is_upper(cp_at(l->s, l->len, l->off, &n)))
		return 0;
	for (i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (rules_match(bd->rules, (size_t)kinds[i], l->s, l->len, l->off, 1, &e,
				&ignored) == 1)
			return 1;
	return 0;
}

/* "Datum: ...", "Místo konání: ...": a label of at most three words, a colon. */
static int label_line(const struct line *l)
{
	const char *t = l->s + l->off;
	size_t len = l->len - l->off, i, n, words = 1;
	uint32_t cp = len ? cp_at(t, len, 0, &n) : 0;

	if (!textfold_is_upper(cp))
		return 0;
	for (i = n; i < len; i += n) {
		cp = cp_at(t, len, i, &n);
		if (cp == ':')
			return i + 1 == len || t[i + 1] == ' ';
		if (cp == ' ' && ++words > 3)
			return 0;
		if (cp != ' ' && !textfold_is_letter(cp))
			return 0;
	}
	return 0;
}

/* A short item, such as an organisation's name over its sub-items. */
static int short_item(const struct builder *bd)
{
	return bd->kind == MINUTES_ITEM && count_words(bd->text.buf, 0, bd->text.len) <= 6 &&
	       bd->text.len <= 80;
}

static void add_line(struct builder *bd, struct line *l, int blank_before, int *pending_bullet)
{
	int bullet = l->bullet != B_NONE;

	if (l->bullet == B_O && bd->open && !blank_before && !bd->ends_stop &&
	    bd->kind != MINUTES_HEADING && !short_item(bd)) {
		l->bullet = B_NONE;      /* the preposition "o" after a wrap */
		l->off = 0;
		l->level = 0;
		line_flags(l);
		bullet = 0;
	}
	if (*pending_bullet >= 0 && !bullet) {
		bullet = 1;
		l->level = *pending_bullet;
		l->bullet = B_SYMBOL;
	}
	*pending_bullet = -1;
	if (bullet) {
		open_block(bd, l, l->bullet == B_NUMBER ? MINUTES_NUMBERED : MINUTES_ITEM, l->level);
	} else if (!bd->open) {
		open_block(bd, l, l->caps ? MINUTES_HEADING : MINUTES_PARA, 0);
	} else if (starts_section(bd, l) || (label_line(l) && !bd->ends_comma && !bd->ends_hyphen)) {
		open_block(bd, l, MINUTES_PARA, 0);
	} else if (blank_before) {
		if (bd->kind != MINUTES_HEADING && !l->caps &&
		    (bd->ends_comma || (!bd->ends_stop && l->lower)))
			join_line(bd, l);
		else
			open_block(bd, l, l->caps ? MINUTES_HEADING : MINUTES_PARA, 0);
	} else if (bd->kind == MINUTES_HEADING) {
		if (l->caps || l->lower) {
			join_line(bd, l);
			if (!l->caps)
				bd->kind = MINUTES_PARA;
		} else {
			open_block(bd, l, MINUTES_PARA, 0);
		}
	} else if (l->caps && bd->ends_stop) {
		open_block(bd, l, MINUTES_HEADING, 0);
	} else if (lost_bullet(bd, l)) {
		open_block(bd, l, MINUTES_ITEM, 0);
		bd->lost = 1;
		bd->bulleted = 0;
	} else if (short_break(bd, l)) {
		open_block(bd, l, l->caps ? MINUTES_HEADING : MINUTES_PARA, 0);
	} else {
		join_line(bd, l);
	}
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* The width of a full line: most lines of a wrapped text are no wider. */
static size_t full_width(const struct lines *ls)
{
	size_t *w = xcalloc(ls->n + 1, sizeof *w), n = 0, i, wide;

	for (i = 0; i < ls->n; i++)
		if (!ls->v[i].blank)
			w[n++] = line_chars(&ls->v[i]);
	qsort(w, n, sizeof *w, cmp_size);
	wide = n ? w[n * 9 / 10] : 0;
	free(w);
	return wide;
}

int minutes_blocks(struct minutes_blocks *b, const char *name, const char *text, size_t len,
		   const struct minutes_rules *rules, struct diag *d)
{
	const struct textdate_months *months = rules ? rules->months : NULL;
	struct lines ls = { NULL, 0, 0 };
	struct builder bd;
	size_t i;
	int blank = 0, pending_bullet = -1;

	memset(b, 0, sizeof *b);
	if (check_text(name, text, len, d) < 0)
		return -1;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	split_lines(&ls, text, len, months);
	memset(&bd, 0, sizeof bd);
	bd.b = b;
	bd.rules = rules ? &rules->rules : NULL;
	bd.wide = full_width(&ls);
	strbuf_init(&bd.text, 0);
	for (i = 0; i < ls.n; i++) {
		struct line *l = &ls.v[i];
		if (l->blank) {
			blank = 1;
		} else if (l->bullet != B_NONE && l->off >= l->len) {
			pending_bullet = l->level;
		} else {
			add_line(&bd, l, blank, &pending_bullet);
			blank = 0;
		}
	}
	close_block(&bd);
	for (i = 0; i < ls.n; i++)
		free(ls.v[i].s);
	free(ls.v);
	strbuf_release(&bd.text);
	free(bd.starts);
	free(bd.stop);
	return 0;
}

void minutes_blocks_release(struct minutes_blocks *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->v[i].text);
		free(b->v[i].starts);
		free(b->v[i].stop);
	}
	free(b->v);
	memset(b, 0, sizeof *b);
}

/* ------------------------------------------------------------------ */
/* Parsing                                                              */

enum section { S_NONE, S_ATTENDEES, S_ABSENT, S_TOPICS, S_ACTIONS, S_AUTHOR, S_NEXT };

struct head {
	size_t org_a, org_b, text_a, text_b;
	const struct organization *org;
};

struct span {
	size_t a, b;
};

struct orgkey {
	char *key;                        /* a name or alias, folded */
	const struct organization *org;
};

struct parser {
	struct minutes *m;
	const struct minutes_params *p;
	const struct rules *r;
	const struct textdate_months *months;
	const struct minutes_blocks *b;
	const char *name;
	struct diag *d;
	int failed, body, have_date, topics_listed;
	int group_label;                  /* group_block holds a label ("Název: ...") */
	long date_block, group_block, title_block, heading_block, cur, line;
	struct strbuf *texts;             /* the updates' texts, while sub-items join them */
	size_t texts_alloc;
	struct span *nexts;               /* (block, offset) of each next-meeting text */
	size_t nnexts, nexts_alloc;
	struct orgkey *keys;
	size_t nkeys, keys_alloc;
	struct strbuf tmp, tmp2;
};

static void fail(struct parser *ps)
{
	ps->failed = 1;
	snprintf(ps->d->file, sizeof ps->d->file, "%s", ps->name);
	ps->d->line = ps->line;
	ps->d->col = 0;
}

static int match(struct parser *ps, enum minutes_rules_kind kind, const char *s, size_t len,
		 size_t from, int anchored, const struct rules_entry **e)
{
	const struct rules_entry *ignored;
	int rc;

	if (ps->failed || from > len)
		return 0;
	rc = rules_match(ps->r, (size_t)kind, s, len, from, anchored, e ? e : &ignored, ps->d);
	if (rc < 0)
		fail(ps);
	return rc > 0;
}

static int exec(struct parser *ps, struct rules_rx *rx, const char *s, size_t len, size_t from)
{
	int rc;

	if (ps->failed || from > len)
		return 0;
	rc = rules_rx_exec(rx, s, len, from, 0, ps->d);
	if (rc < 0)
		fail(ps);
	return rc > 0;
}

/* The span of a rule's named group, or of its whole match. */
static void group_or_all(const struct rules_entry *e, const char *group, size_t *a, size_t *b)
{
	if (!rules_rx_group(e->rx, group, a, b))
		rules_rx_span(e->rx, a, b);
}

static const char *keep(struct parser *ps, const char *s, size_t a, size_t b)
{
	trim(s, &a, &b);
	return arena_strndup(&ps->m->arena, s + a, b - a);
}

static void push(const char ***v, size_t *n, size_t *alloc, const char *s)
{
	XALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = s;
}

static long number_at(const char *s, size_t a, size_t b)
{
	long v = 0;

	for (; a < b && is_digit(s[a]) && v < 1000000; a++)
		v = v * 10 + (s[a] - '0');
	return v;
}

/* Folded, without dots: "Ph.D." -> "phd". */
static void word_key(struct strbuf *sb, const char *s, size_t a, size_t b)
{
	size_t i, k = 0;

	strbuf_reset(sb);
	textfold_append(sb, s + a, b - a, TEXTFOLD_BASE);
	for (i = 0; i < sb->len; i++)
		if (sb->buf[i] != '.')
			sb->buf[k++] = sb->buf[i];
	strbuf_setlen(sb, k);
}

static int is_abbrev(struct parser *ps, const char *s, size_t a, size_t b)
{
	size_t i;

	word_key(&ps->tmp, s, a, b);
	if (!ps->tmp.len)
		return 0;
	for (i = 0; i < ps->r->n; i++) {
		if (ps->r->v[i].kind != MINUTES_RULES_ABBREV)
			continue;
		word_key(&ps->tmp2, ps->r->v[i].text, 0, strlen(ps->r->v[i].text));
		if (!strcmp(ps->tmp.buf, ps->tmp2.buf))
			return 1;
	}
	return 0;
}

/* The dot at s[i] ends an abbreviation or an initial ("Mgr.", "J.", "m.in."). */
static int dot_is_abbrev(struct parser *ps, const char *s, size_t from, size_t i)
{
	size_t a = i;

	for (;;) {
		while (a > from && textfold_is_letter(cp_before(s, a)))
			a = back_one(s, a);
		if (a > from + 1 && s[a - 1] == '.' && textfold_is_letter(cp_before(s, a - 1)))
			a--;
		else
			break;
	}
	if (a == i)
		return 0;
	return utf8_chars(s + a, i - a) == 1 || is_abbrev(ps, s, a, i);
}

/* ---- organisations ---- */

static void add_key(struct parser *ps, const char *name, const struct organization *org)
{
	struct strbuf sb = STRBUF_INIT;

	textfold_append(&sb, name, strlen(name), TEXTFOLD_BASE);
	XALLOC_GROW(ps->keys, ps->nkeys + 1, ps->keys_alloc);
	ps->keys[ps->nkeys].key = strbuf_detach(&sb, NULL);
	ps->keys[ps->nkeys++].org = org;
}

static void load_keys(struct parser *ps)
{
	const struct services *s = ps->p->services;
	size_t i, k;

	for (i = 0; s && i < s->norgs; i++) {
		add_key(ps, s->orgs[i].name, &s->orgs[i]);
		for (k = 0; k < s->orgs[i].naliases; k++)
			add_key(ps, s->orgs[i].aliases[k], &s->orgs[i]);
	}
}

static int word_char(char c)
{
	return (unsigned char)c >= 0x80 || (c >= 'a' && c <= 'z') || is_digit(c);
}

/* Two folded words are the same word, maybe in another case ("nadeji", "nadeje"). */
static int same_stem(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t p = 0, longer = alen > blen ? alen : blen;

	if (alen == blen && !memcmp(a, b, alen))
		return 1;
	if (alen < 4 || blen < 4)
		return 0;
	while (p < alen && p < blen && a[p] == b[p])
		p++;
	return p >= 3 && p + 2 >= longer;
}

/* Only short words are left in x: a legal form such as "z. s." or "o.p.s.". */
static int legal_form_left(const char *x)
{
	size_t n = 0;

	for (; *x; x++) {
		n = word_char(*x) ? n + 1 : 0;
		if (n > 3)
			return 0;
	}
	return 1;
}

/* x, a name of services.yaml, and y, one of the minutes, both folded. */
static int same_name(const char *x, const char *y)
{
	size_t i = 0, j = 0, a, b;

	for (;;) {
		while (x[i] && !word_char(x[i]))
			i++;
		while (y[j] && !word_char(y[j]))
			j++;
		if (!y[j] && j > 0)
			return legal_form_left(x + i);
		if (!x[i] || !y[j])
			return !x[i] && !y[j];
		for (a = i; word_char(x[i]); i++)
			;
		for (b = j; word_char(y[j]); j++)
			;
		if (!same_stem(x + a, i - a, y + b, j - b))
			return 0;
	}
}

/* The organisation of services.yaml that s[a..b) names, or NULL. */
static const struct organization *find_org(struct parser *ps, const char *s, size_t a, size_t b)
{
	const struct organization *found = NULL;
	size_t i;

	if (!ps->nkeys)
		return NULL;
	trim(s, &a, &b);
	strbuf_reset(&ps->tmp);
	textfold_append(&ps->tmp, s + a, b - a, TEXTFOLD_BASE);
	for (i = 0; i < ps->nkeys; i++)
		if (!strcmp(ps->keys[i].key, ps->tmp.buf))
			return ps->keys[i].org;
	for (i = 0; i < ps->nkeys; i++) {
		if (!same_name(ps->keys[i].key, ps->tmp.buf))
			continue;
		if (found && found != ps->keys[i].org)
			return NULL;
		found = ps->keys[i].org;
	}
	return found;
}

static const char *slug(struct parser *ps, const char *name)
{
	struct strbuf out = STRBUF_INIT;
	const char *res;
	size_t i;

	strbuf_reset(&ps->tmp);
	textfold_append(&ps->tmp, name, strlen(name), TEXTFOLD_BASE);
	for (i = 0; i < ps->tmp.len; i++) {
		char c = ps->tmp.buf[i];
		if ((c >= 'a' && c <= 'z') || is_digit(c))
			strbuf_addch(&out, c);
		else if (out.len && out.buf[out.len - 1] != '-')
			strbuf_addch(&out, '-');
	}
	if (out.len > SERVICES_ID_MAX)
		strbuf_setlen(&out, SERVICES_ID_MAX);
	while (out.len && out.buf[out.len - 1] == '-')
		strbuf_setlen(&out, out.len - 1);
	res = arena_strdup(&ps->m->arena, out.len ? out.buf : "org");
	strbuf_release(&out);
	return res;
}

/* ---- updates ---- */

/* A name at the start of an update, as opposed to the start of a sentence. */
static int head_ok(struct parser *ps, const char *t, size_t a, size_t b)
{
	struct textdate dt;
	const struct rules_entry *e;
	size_t i, n, comma = (size_t)-1, s0, e0, letters = 0;
	uint32_t cp;

	trim(t, &a, &b);
	if (a >= b)
		return 0;
	cp = cp_at(t, b, a, &n);
	if (!textfold_is_upper(cp) && !is_digit((char)cp))
		return 0;
	if (t[b - 1] == ')')
		for (i = b - 1; i > a; i--)
			if (t[i] == '(') {
				b = i;
				trim(t, &a, &b);
				break;
			}
	if (utf8_chars(t + a, b - a) > 60 || count_words(t, a, b) > 7 || is_digit(t[b - 1]))
		return 0;     /* "... do 20. 11." ends in a number: a date, not a name */
	for (i = a; i < b; i += n) {
		cp = cp_at(t, b, i, &n);
		letters += textfold_is_letter(cp);
		if (cp == ',')
			comma = i;
	}
	if (!letters)
		return 0;
	if (comma != (size_t)-1) {
		if (!match(ps, MINUTES_RULES_ORG_SUFFIX, t, b, comma, 1, &e))
			return 0;
		rules_rx_span(e->rx, &s0, &e0);
		if (e0 != b)
			return 0;
	}
	if (textdate_find(t, b, a, ps->months, &dt))
		return 0;
	return !match(ps, MINUTES_RULES_NOT_ORG, t, b, a, 0, NULL);
}

static int line_start_at(const struct minutes_block *bl, size_t at)
{
	size_t i;

	for (i = 0; i < bl->nstarts; i++)
		if (bl->starts[i] == at)
			return 1;
	return 0;
}

/* "Name" of services.yaml at t[s..): then a separator, or the end of its line. */
static int known_head(struct parser *ps, const struct minutes_block *bl, size_t s, size_t e,
		      struct head *h)
{
	const struct rules_entry *sep;
	const struct organization *org;
	size_t k, n, limit = s + 120 < e ? s + 120 : e, s0, e0;
	uint32_t prev;
	int found = 0;

	for (k = s + 1; k <= limit; k += n) {
		n = 1;
		if (k < e) {
			uint32_t cp = cp_at(bl->text, e, k, &n);
			if (cp != ' ' && cp != '.' && cp != ':' && cp != ',' && cp != 0x2013 &&
			    cp != 0x2014 && cp != '(' && cp != '-')
				continue;
		}
		prev = cp_before(bl->text, k);
		if (!textfold_is_letter(prev) && !is_digit((char)prev) && prev != ')')
			continue;
		if (!(org = find_org(ps, bl->text, s, k)))
			continue;
		if (match(ps, MINUTES_RULES_HEAD_SEP, bl->text, e, k, 1, &sep)) {
			rules_rx_span(sep->rx, &s0, &e0);
		} else if (k < e && bl->text[k] == ' ' && line_start_at(bl, k + 1)) {
			e0 = k + 1;
		} else if (k == e) {
			e0 = e;
		} else {
			continue;
		}
		h->org_a = s;
		h->org_b = k;
		h->text_a = e0;
		h->text_b = e;
		h->org = org;
		found = 1;
	}
	return found;
}

/* "Name. text", "Name: text", "Name – text": the first separator decides. */
static int plain_head(struct parser *ps, const struct minutes_block *bl, size_t s, size_t e,
		      struct head *h)
{
	const struct rules_entry *sep;
	size_t i, n, limit = s + 160 < e ? s + 160 : e, s0, e0;

	for (i = s + 1; i < limit; i += n) {
		cp_at(bl->text, e, i, &n);
		if (!strchr(".: ", bl->text[i]))
			continue;
		if (!match(ps, MINUTES_RULES_HEAD_SEP, bl->text, e, i, 1, &sep))
			continue;
		if (bl->text[i] == '.' && dot_is_abbrev(ps, bl->text, s, i))
			continue;
		rules_rx_span(sep->rx, &s0, &e0);
		if (e0 >= e || !head_ok(ps, bl->text, s, i))
			return 0;
		h->org_a = s;
		h->org_b = i;
		h->text_a = e0;
		h->text_b = e;
		h->org = find_org(ps, bl->text, s, i);
		return 1;
	}
	return 0;
}

static int find_head(struct parser *ps, const struct minutes_block *bl, size_t s, size_t e,
		     struct head *h)
{
	const struct rules_entry *u;

	if (match(ps, MINUTES_RULES_UPDATE, bl->text, e, s, 1, &u) &&
	    rules_rx_group(u->rx, "org", &h->org_a, &h->org_b)) {
		if (!rules_rx_group(u->rx, "text", &h->text_a, &h->text_b)) {
			h->text_a = s;
			h->text_b = e;
		}
		h->org = find_org(ps, bl->text, h->org_a, h->org_b);
		if (h->org || head_ok(ps, bl->text, h->org_a, h->org_b))
			return 1;
	}
	return known_head(ps, bl, s, e, h) || plain_head(ps, bl, s, e, h);
}

static const char *org_name(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i;

	trim(t, &a, &b);
	if (b > a && t[b - 1] == ')')
		for (i = b - 1; i > a; i--)
			if (t[i] == '(') {
				b = i;
				break;
			}
	for (;;) {
		uint32_t cp;
		trim(t, &a, &b);
		cp = cp_before(t, b);
		if (b <= a || !(cp == ',' || cp == ':' || cp == ';' || cp == '-' || cp == 0x2013 ||
				 cp == 0x2014 || (cp == '.' && !dot_is_abbrev(ps, t, a, b - 1))))
			break;
		b = back_one(t, b);
	}
	return keep(ps, t, a, b);
}

static void add_update(struct parser *ps, const struct minutes_block *bl, const struct head *h)
{
	struct minutes *m = ps->m;
	struct minutes_update *u;
	size_t a = h->text_a, b = h->text_b;

	XALLOC_GROW(m->updates, m->nupdates + 1, m->updates_alloc);
	XALLOC_GROW(ps->texts, m->nupdates + 1, ps->texts_alloc);
	u = &m->updates[m->nupdates];
	u->org = h->org;
	u->organization = h->org ? h->org->name : org_name(ps, bl->text, h->org_a, h->org_b);
	u->org_id = h->org ? h->org->id : slug(ps, u->organization);
	u->text = NULL;
	u->line = bl->line;
	strbuf_init(&ps->texts[m->nupdates], 0);
	trim(bl->text, &a, &b);
	strbuf_add(&ps->texts[m->nupdates], bl->text + a, b - a);
	ps->cur = (long)m->nupdates++;
}

static void append_update(struct parser *ps, const char *t, size_t a, size_t b)
{
	struct strbuf *sb = &ps->texts[ps->cur];

	trim(t, &a, &b);
	if (a == b)
		return;
	if (sb->len)
		strbuf_addstr(sb, ends_stop(sb->buf, sb->len) ? " " : "; ");
	strbuf_add(sb, t + a, b - a);
}

/* ---- names ---- */

/* What may follow a name in a list: "(Org)", "– Org", ", Org". */
static int org_suffix_ok(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i;

	for (i = a; i < b; i++)
		if (is_digit(t[i]))
			return 0;
	return count_words(t, a, b) <= 8 && !match(ps, MINUTES_RULES_NOT_ORG, t, b, a, 0, NULL);
}

static int name_like(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i, n, w, words = 0, capitals = 0;
	uint32_t cp;

	trim(t, &a, &b);
	for (i = a; i < b; i++) {
		if (t[i] == '(' || (i > a && t[i - 1] == ' ' && (t[i] == '-' ||
		    (i + 2 < b && !memcmp(t + i, "\xE2\x80\x93", 3))))) {
			if (!org_suffix_ok(ps, t, i, b))
				return 0;
			b = i;
			break;
		}
	}
	trim(t, &a, &b);
	if (a >= b || utf8_chars(t + a, b - a) > 60)
		return 0;
	for (i = a; i < b; i++)
		if (is_digit(t[i]) || strchr(":;!?\"", t[i]))
			return 0;
	for (i = a; i < b; i = w) {
		while (i < b && t[i] == ' ')
			i++;
		for (w = i; w < b && t[w] != ' '; w++)
			;
		if (w == i)
			break;
		words++;
		cp = cp_at(t, w, i, &n);
		if (is_abbrev(ps, t, i, w))
			continue;
		if (textfold_is_upper(cp))
			capitals++;
		else if (!(textfold_is_lower(cp) && utf8_chars(t + i, w - i) <= 3 && i > a && w < b))
			return 0;
		if (t[w - 1] == '.' && utf8_chars(t + i, w - i) > 2)
			return 0;
	}
	return capitals > 0 && words <= 6;
}

static void add_span(struct span **v, size_t *n, size_t *alloc, size_t a, size_t b)
{
	XALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[*n].a = a;
	(*v)[(*n)++].b = b;
}

/* The end of t[a..b) before a bracket, trimmed. */
static size_t bracket(const char *t, size_t a, size_t b)
{
	const char *p = memchr(t + a, '(', b - a);

	if (p)
		b = (size_t)(p - t);
	trim(t, &a, &b);
	return b;
}

/* Pieces of a list of names: split at commas and semicolons outside brackets, else at lines. */
static size_t name_pieces(const struct minutes_block *bl, size_t a, size_t b, struct span **v,
			  size_t *alloc)
{
	size_t i, n = 0, start = a;
	int depth = 0, commas = 0;

	for (i = a; i < b; i++) {
		depth += bl->text[i] == '(' ? 1 : bl->text[i] == ')' && depth ? -1 : 0;
		commas += !depth && (bl->text[i] == ',' || bl->text[i] == ';');
	}
	for (i = a; i <= b; i++) {
		int cut = i == b;
		if (i < b) {
			depth += bl->text[i] == '(' ? 1 : bl->text[i] == ')' && depth ? -1 : 0;
			cut = commas ? !depth && (bl->text[i] == ',' || bl->text[i] == ';')
				     : line_start_at(bl, i);
		}
		if (!cut)
			continue;
		add_span(v, &n, alloc, start, i);
		start = commas ? i + 1 : i;
	}
	return n;
}

/*
 * The names in bl->text[a..b): appended to the attendees when keep; returns
 * how many pieces were names, and *all whether every piece was.
 */
static size_t names(struct parser *ps, const struct minutes_block *bl, size_t a, size_t b,
		    int keep_them, int *all)
{
	struct span *v = NULL, *out = NULL;
	size_t n, i, alloc = 0, nout = 0, out_alloc = 0, s0, e0, good = 0;
	const struct rules_entry *conj;

	n = name_pieces(bl, a, b, &v, &alloc);
	for (i = 0; i < n; i++) {
		size_t pa = v[i].a, pb = v[i].b;
		trim(bl->text, &pa, &pb);
		if (pa == pb)
			continue;
		if (nout && is_abbrev(ps, bl->text, pa, bracket(bl->text, pa, pb))) {
			out[nout - 1].b = pb;
			continue;
		}
		if (match(ps, MINUTES_RULES_CONJ, bl->text, pb, pa, 0, &conj)) {
			rules_rx_span(conj->rx, &s0, &e0);
			if (name_like(ps, bl->text, pa, s0) && name_like(ps, bl->text, e0, pb)) {
				add_span(&out, &nout, &out_alloc, pa, s0);
				add_span(&out, &nout, &out_alloc, e0, pb);
				continue;
			}
		}
		add_span(&out, &nout, &out_alloc, pa, pb);
	}
	*all = nout > 0;
	for (i = 0; i < nout; i++) {
		if (!name_like(ps, bl->text, out[i].a, out[i].b)) {
			*all = 0;
			continue;
		}
		good++;
		if (keep_them)
			push(&ps->m->attendees, &ps->m->nattendees, &ps->m->attendees_alloc,
			     keep(ps, bl->text, out[i].a, out[i].b));
	}
	free(v);
	free(out);
	return good;
}

/* ---- sections ---- */

static size_t noise_end(struct parser *ps, const struct minutes_block *bl)
{
	const struct rules_entry *e;
	size_t s0, e0;

	if (!match(ps, MINUTES_RULES_NOISE, bl->text, bl->len, 0, 1, &e))
		return 0;
	rules_rx_span(e->rx, &s0, &e0);
	while (e0 < bl->len && bl->text[e0] == ' ')
		e0++;
	return e0;
}

static enum section classify(struct parser *ps, const struct minutes_block *bl, size_t from,
			     size_t *rest)
{
	static const struct {
		enum minutes_rules_kind kind;
		enum section section;
	} anchored[] = {
		{ MINUTES_RULES_ATTENDEES, S_ATTENDEES }, { MINUTES_RULES_ABSENT, S_ABSENT },
		{ MINUTES_RULES_TOPICS, S_TOPICS }, { MINUTES_RULES_ACTIONS, S_ACTIONS },
		{ MINUTES_RULES_AUTHOR, S_AUTHOR }, { MINUTES_RULES_NEXT, S_NEXT },
	};
	const struct rules_entry *e;
	struct head h;
	size_t i, s0;

	for (i = 0; i < sizeof anchored / sizeof *anchored; i++) {
		if (match(ps, anchored[i].kind, bl->text, bl->len, from, 1, &e)) {
			rules_rx_span(e->rx, &s0, rest);
			return anchored[i].section;
		}
	}
	if (ps->body && match(ps, MINUTES_RULES_NEXT, bl->text, bl->len, from, 0, &e) &&
	    !find_head(ps, bl, from, bl->len, &h)) {
		rules_rx_span(e->rx, &s0, rest);
		return S_NEXT;
	}
	return S_NONE;
}

/* Items following a heading, as topics or action points. */
static size_t follow_items(struct parser *ps, size_t j, const char ***v, size_t *n,
			   size_t *alloc, int topics)
{
	const struct minutes_block *bl;
	struct head h;
	size_t rest;

	for (; j < ps->b->n; j++) {
		bl = &ps->b->v[j];
		ps->line = bl->line;
		if ((bl->kind != MINUTES_ITEM && bl->kind != MINUTES_NUMBERED) ||
		    classify(ps, bl, 0, &rest) != S_NONE || find_head(ps, bl, 0, bl->len, &h))
			break;
		if (!topics || bl->level == 0)
			push(v, n, alloc, keep(ps, bl->text, 0, bl->len));
	}
	return j;
}

/* The text after a heading: one entry per input line. */
static void rest_lines(struct parser *ps, const struct minutes_block *bl, size_t a,
		       const char ***v, size_t *n, size_t *alloc)
{
	size_t i, start = a, end;

	for (i = 0; i <= bl->nstarts; i++) {
		end = i < bl->nstarts ? bl->starts[i] : bl->len;
		if (end <= start)
			continue;
		trim(bl->text, &start, &end);
		if (start < end)
			push(v, n, alloc, keep(ps, bl->text, start, end));
		start = end;
	}
}

static size_t follow_names(struct parser *ps, size_t j, int keep_them)
{
	const struct minutes_block *bl;
	size_t rest;
	int all;

	for (; j < ps->b->n; j++) {
		bl = &ps->b->v[j];
		ps->line = bl->line;
		if (bl->kind == MINUTES_HEADING || classify(ps, bl, 0, &rest) != S_NONE)
			break;
		names(ps, bl, 0, bl->len, 0, &all);
		if (!all)
			break;
		names(ps, bl, 0, bl->len, keep_them, &all);
	}
	return j;
}

/* ---- dates, times, places ---- */

static int find_time(struct parser *ps, const char *t, size_t len, size_t from,
		     struct textdate_time *tm)
{
	const struct rules_entry *e;
	struct textdate_time word;
	size_t s0, e0, ha, hb, ma, mb;
	int have = textdate_find_time(t, len, from, ps->months, tm);

	if (match(ps, MINUTES_RULES_TIME, t, len, from, 0, &e) &&
	    rules_rx_group(e->rx, "h", &ha, &hb)) {
		rules_rx_span(e->rx, &s0, &e0);
		if (!have || s0 < tm->start) {
			word.hour = (int)number_at(t, ha, hb);
			word.minute = rules_rx_group(e->rx, "m", &ma, &mb) ? (int)number_at(t, ma, mb) : 0;
			word.start = s0;
			word.end = e0;
			if (word.hour <= 23 && word.minute <= 59) {
				*tm = word;
				have = 1;
			}
		}
	}
	return have;
}

/* Drop separators and filler words around t[*a..*b). */
static void strip_fillers(struct parser *ps, const char *t, size_t *a, size_t *b)
{
	const struct rules_entry *e;
	size_t a0, b0, n, s0, e0, from;

	do {
		a0 = *a;
		b0 = *b;
		while (*a < *b && is_sep(cp_at(t, *b, *a, &n)))
			*a += n;
		while (*b > *a && is_sep(cp_before(t, *b)))
			*b = back_one(t, *b);
		if (*a < *b && match(ps, MINUTES_RULES_FILLER, t, *b, *a, 1, &e)) {
			rules_rx_span(e->rx, &s0, &e0);
			if (e0 > *a)
				*a = e0;
		}
		for (from = *a; from < *b && match(ps, MINUTES_RULES_FILLER, t, *b, from, 0, &e);) {
			rules_rx_span(e->rx, &s0, &e0);
			if (e0 == *b && s0 >= *a) {
				*b = s0;
				break;
			}
			if (e0 > from)
				from = e0;
			else
				cp_at(t, *b, from, &n), from += n;
		}
	} while (*a != a0 || *b != b0);
}

/* A place label ("Místo: ...") at t[a..b): its value's span. */
static int place_label(struct parser *ps, const char *t, size_t b, size_t a, struct span *out)
{
	const struct rules_entry *e;

	if (!match(ps, MINUTES_RULES_PLACE, t, b, a, 1, &e))
		return 0;
	group_or_all(e, "place", &out->a, &out->b);
	return 1;
}

/* A place is a few words; a longer text after a date is something else. */
static const char *place_text(struct parser *ps, const char *t, size_t a, size_t b)
{
	struct span label;

	strip_fillers(ps, t, &a, &b);
	if (a < b && place_label(ps, t, b, a, &label)) {
		a = label.a;
		b = label.b;
		strip_fillers(ps, t, &a, &b);
	}
	if (a >= b || count_words(t, a, b) > 12)
		return NULL;
	return keep(ps, t, a, b);
}

/* The meeting's time on a short line after its date ("Čas: 13:00 – 15:00"). */
static void time_after(struct parser *ps, size_t i)
{
	const struct minutes_block *bl;
	struct textdate_time tm;
	size_t j, rest;

	for (j = i + 1; j < ps->b->n && j <= i + 3; j++) {
		bl = &ps->b->v[j];
		if (bl->len > 80 || classify(ps, bl, 0, &rest) != S_NONE)
			return;
		if (find_time(ps, bl->text, bl->len, 0, &tm)) {
			ps->m->when.hour = tm.hour;
			ps->m->when.minute = tm.minute;
			return;
		}
	}
}

static int meeting_date(struct parser *ps, long i, size_t from)
{
	const struct minutes_block *bl = &ps->b->v[i];
	const struct minutes_params *p = ps->p;
	struct textdate dt;
	struct textdate_time tm;
	size_t after, a, b;
	int y;

	if (!textdate_find(bl->text, bl->len, from, ps->months, &dt))
		return 0;
	y = dt.year ? dt.year
		    : textdate_infer_year(p->date != MINUTES_NO_DATE ? p->date : p->today,
					  dt.month, dt.day, 0);
	ps->m->when.day = p->date != MINUTES_NO_DATE ? p->date
						     : civtime_days_from_civil(y, dt.month, dt.day);
	ps->m->when.hour = -1;
	after = dt.end;
	if (find_time(ps, bl->text, bl->len, dt.end, &tm) ||
	    find_time(ps, bl->text, dt.start, from, &tm)) {
		ps->m->when.hour = tm.hour;
		ps->m->when.minute = tm.minute;
		if (tm.end > after)
			after = tm.end;
	}
	if (ps->m->when.hour < 0)
		time_after(ps, (size_t)i);
	if (!ps->m->place)
		ps->m->place = place_text(ps, bl->text, after, bl->len);
	a = from;
	b = dt.start;
	strip_fillers(ps, bl->text, &a, &b);
	if (!ps->m->place && a < b && count_words(bl->text, a, b) <= 5 &&
	    !match(ps, MINUTES_RULES_GROUP, bl->text, b, a, 0, NULL) &&
	    textfold_is_upper(cp_at(bl->text, b, a, &after)))
		ps->m->place = keep(ps, bl->text, a, b);
	ps->have_date = 1;
	ps->date_block = i;
	return 1;
}

/* The last year written on its own ("v roce 2023") in t[from..upto). */
static int year_before(const char *t, size_t from, size_t upto)
{
	size_t i, k;
	int year = 0;

	for (i = from; i + 4 <= upto; i++) {
		if (!is_digit(t[i]) || (i > 0 && (is_digit(t[i - 1]) || t[i - 1] == '.')))
			continue;
		for (k = i; k < upto && is_digit(t[k]); k++)
			;
		if (k - i == 4 && (k == upto || t[k] != '.' || k + 1 == upto || t[k + 1] == ' ') &&
		    number_at(t, i, k) >= 1900 && number_at(t, i, k) <= 2099)
			year = (int)number_at(t, i, k);
		i = k;
	}
	return year;
}

static void add_next(struct parser *ps, long day, int hour, int minute)
{
	struct minutes *m = ps->m;
	size_t i;

	for (i = 0; i < m->nnext; i++)
		if (m->next[i].day == day && m->next[i].hour == hour && m->next[i].minute == minute)
			return;
	XALLOC_GROW(m->next, m->nnext + 1, m->next_alloc);
	m->next[m->nnext].day = day;
	m->next[m->nnext].hour = hour;
	m->next[m->nnext++].minute = minute;
}

static size_t count_dates(struct parser *ps, const char *t, size_t len, size_t from)
{
	struct textdate dt;
	size_t n = 0;

	while (textdate_find(t, len, from, ps->months, &dt)) {
		n++;
		from = dt.end;
	}
	return n;
}

/* Only separators and conjunctions between two dates: one list ("11. 9.; 13. 11."). */
static int list_gap(struct parser *ps, const char *t, size_t a, size_t b)
{
	const struct rules_entry *e;
	size_t s0, e0;

	while (a < b) {
		if (strchr(" ,;/&+-", t[a])) {
			a++;
		} else if (match(ps, MINUTES_RULES_CONJ, t, b, a > 0 && t[a - 1] == ' ' ? a - 1 : a, 1,
				 &e)) {
			rules_rx_span(e->rx, &s0, &e0);
			if (e0 <= a)
				return 0;
			a = e0;
		} else {
			return 0;
		}
	}
	return 1;
}

/*
 * The dates of the next meetings in bl->text[from..): a date's time is the
 * one after it and before the next date, or one that follows the list it
 * is in ("11. 9.; 13. 11. vždy ve 13:30"), or one before all dates.
 */
static void next_meetings(struct parser *ps, const struct minutes_block *bl, size_t from)
{
	struct textdate *dates = NULL;
	struct textdate_time *times = NULL;
	size_t nd = 0, nt = 0, ad = 0, at = 0, i, j, k, end = from;
	const char *t = bl->text;
	long ref = ps->m->when.day;

	struct textdate dt;
	struct textdate_time tt;

	for (i = from; textdate_find(t, bl->len, i, ps->months, &dt); i = dt.end) {
		XALLOC_GROW(dates, nd + 1, ad);
		dates[nd++] = dt;
	}
	for (i = from; find_time(ps, t, bl->len, i, &tt); i = tt.end) {
		XALLOC_GROW(times, nt + 1, at);
		times[nt++] = tt;
	}
	for (k = 0; k < nd; k++) {
		const struct textdate_time *tm = NULL;
		int y = dates[k].year ? dates[k].year : year_before(t, from, dates[k].start);
		if (!y)
			y = textdate_infer_year(ref, dates[k].month, dates[k].day, 1);
		for (i = 0; i < nt && !tm; i++)
			if (times[i].start >= dates[k].end &&
			    (k + 1 == nd || times[i].start < dates[k + 1].start))
				tm = &times[i];
		for (j = k + 1; j < nd && !tm && list_gap(ps, t, dates[j - 1].end, dates[j].start); j++)
			for (i = 0; i < nt && !tm; i++)
				if (times[i].start >= dates[j].end &&
				    (j + 1 == nd || times[i].start < dates[j + 1].start))
					tm = &times[i];
		if (!tm && nt && times[0].start < dates[0].start)
			tm = &times[0];
		add_next(ps, civtime_days_from_civil(y, dates[k].month, dates[k].day),
			 tm ? tm->hour : -1, tm ? tm->minute : 0);
		if (dates[k].end > end)
			end = dates[k].end;
	}
	for (i = 0; i < nt; i++)
		if (times[i].end > end)
			end = times[i].end;
	if (nd && !ps->m->next_place)
		ps->m->next_place = place_text(ps, t, end, bl->len);
	free(dates);
	free(times);
}

static size_t author(struct parser *ps, size_t i, size_t rest)
{
	const struct minutes_block *bl = &ps->b->v[i];
	struct textdate dt;
	size_t a = rest, b = bl->len, used = 0;

	trim(bl->text, &a, &b);
	if (a == b && i + 1 < ps->b->n && ps->b->v[i + 1].len <= 80) {
		bl = &ps->b->v[++i];
		a = 0;
		b = bl->len;
		used = 1;
	}
	if (textdate_find(bl->text, b, a, ps->months, &dt))
		b = dt.start;
	strip_fillers(ps, bl->text, &a, &b);
	if (a < b && !ps->m->author)
		ps->m->author = keep(ps, bl->text, a, b);
	return used;
}

/* ---- capacity ---- */

enum field { F_USED, F_TOTAL, F_WAITING, F_FREE, F_NFIELDS };

struct stmt {
	const char *unit;
	long v[F_NFIELDS];
	const char *status;     /* stated in words, or NULL */
	size_t first, last;     /* sentences */
};

struct stmts {
	struct stmt *v;
	size_t n, alloc;
};

/* Sentences of t: they end at . ! ? ; before an upper-case letter, not after an abbreviation. */
static size_t sentences(struct parser *ps, const char *t, size_t len, struct span **v,
			size_t *alloc)
{
	size_t i, n = 0, start = 0, k, cn;
	uint32_t next;

	for (i = 0; i < len; i++) {
		if (!strchr(".!?;", t[i]) || i + 1 >= len || t[i + 1] != ' ')
			continue;
		for (k = i + 1; k < len && t[k] == ' '; k++)
			;
		next = cp_at(t, len, k, &cn);
		if (t[i] != ';' && !textfold_is_upper(next) && next != 0x201E && next != '"')
			continue;
		if (t[i] == '.' && dot_is_abbrev(ps, t, start, i))
			continue;
		add_span(v, &n, alloc, start, i + 1);
		start = k;
	}
	if (start < len)
		add_span(v, &n, alloc, start, len);
	return n;
}

/* The unit that the text s[a..b) of a unit group stands for. */
static const char *unit_of(struct parser *ps, const char *s, size_t a, size_t b)
{
	size_t i, s0, e0;

	for (i = 0; i < ps->r->n; i++) {
		const struct rules_entry *e = &ps->r->v[i];
		if (e->kind != MINUTES_RULES_UNIT || !e->rx)
			continue;
		if (rules_rx_exec(e->rx, s, b, a, 1, ps->d) == 1) {
			rules_rx_span(e->rx, &s0, &e0);
			if (e0 == b)
				return e->tag;
		}
	}
	return NULL;
}

/* The unit named or implied first in a sentence ("noclehárna": beds). */
static const char *unit_hint(struct parser *ps, const char *t, size_t a, size_t b)
{
	const struct rules_entry *unit, *hint;
	size_t us, ue, hs, he;
	int have_unit = match(ps, MINUTES_RULES_UNIT, t, b, a, 0, &unit);
	int have_hint = match(ps, MINUTES_RULES_UNIT_HINT, t, b, a, 0, &hint);

	if (have_unit)
		rules_rx_span(unit->rx, &us, &ue);
	if (have_hint)
		rules_rx_span(hint->rx, &hs, &he);
	if (have_hint && (!have_unit || hs < us))
		return hint->tag;
	return have_unit ? unit->tag : NULL;
}

static const char *state_of(struct parser *ps, const char *t, size_t a, size_t b)
{
	size_t i;

	for (i = 0; i < ps->r->n; i++)
		if (ps->r->v[i].kind == MINUTES_RULES_STATE && ps->r->v[i].rx &&
		    exec(ps, ps->r->v[i].rx, t, b, a))
			return ps->r->v[i].tag;
	return NULL;
}

static struct stmt *new_stmt(struct stmts *st, const char *unit, size_t sentence)
{
	struct stmt *s;
	int f;

	XALLOC_GROW(st->v, st->n + 1, st->alloc);
	s = &st->v[st->n++];
	s->unit = unit;
	for (f = 0; f < F_NFIELDS; f++)
		s->v[f] = -1;
	s->status = NULL;
	s->first = s->last = sentence;
	return s;
}

static int compatible(const struct stmt *s, const char *unit)
{
	return !s->unit || !unit || !strcmp(s->unit, unit);
}

/* A number of free places goes with the statement of any unit it follows. */
static int takes_free(const struct stmt *s, const char *unit, const char *generic)
{
	return compatible(s, unit) || (unit && !strcmp(unit, generic)) ||
	       (s->unit && !strcmp(s->unit, generic));
}

static void add_fact(struct stmts *st, const char *tag, long n, long n2, const char *unit,
		     size_t sentence, const char *generic)
{
	static const char *const tags[] = { "used", "total", "waiting", "free" };
	struct stmt *s = NULL;
	int f, used_total = !strcmp(tag, "used-total");
	size_t i;

	for (f = 0; f < F_NFIELDS && strcmp(tags[f], used_total ? "used" : tag); f++)
		;
	if (f == F_NFIELDS)
		return;
	for (i = st->n; i-- > 0 && !s;)
		if (st->v[i].last + 1 >= sentence && st->v[i].v[f] < 0 &&
		    (f == F_FREE ? takes_free(&st->v[i], unit, generic) : compatible(&st->v[i], unit)) &&
		    (!used_total || st->v[i].v[F_TOTAL] < 0))
			s = &st->v[i];
	if (!s)
		s = new_stmt(st, unit, sentence);
	if (!s->unit || (unit && !strcmp(s->unit, generic)))
		s->unit = unit;
	s->v[f] = n;
	if (used_total)
		s->v[F_TOTAL] = n2;
	s->last = sentence;
}

static const char *default_unit(struct parser *ps, const struct organization *org);

struct fact {
	size_t at;            /* where its number is in the text */
	const char *tag, *unit;
	long n, n2;
};

static int cmp_fact(const void *a, const void *b)
{
	const struct fact *x = a, *y = b;
	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * The numbers of one sentence, each taken by the first rule that matches
 * it, then added in the order of the text; returns how many.
 */
static size_t numbers(struct parser *ps, const char *t, const struct span *sen, size_t k,
		      const char *hint, struct stmts *st)
{
	struct fact facts[16];
	size_t nfacts = 0, i, j, s0, e0, na, nb, n2a, n2b, ua, ub, from;

	for (i = 0; i < ps->r->n && nfacts < 16; i++) {
		const struct rules_entry *e = &ps->r->v[i];
		if (e->kind != MINUTES_RULES_NUMBER || !e->rx)
			continue;
		for (from = sen[k].a; exec(ps, e->rx, t, sen[k].b, from); from = e0) {
			const char *unit = hint;
			long n2 = -1;
			rules_rx_span(e->rx, &s0, &e0);
			if (e0 <= s0 || !rules_rx_group(e->rx, "n", &na, &nb))
				break;
			for (j = 0; j < nfacts; j++)
				if (facts[j].at == na)
					break;
			if (j < nfacts || nfacts == 16)
				continue;
			if (rules_rx_group(e->rx, "n2", &n2a, &n2b))
				n2 = number_at(t, n2a, n2b);
			if (rules_rx_group(e->rx, "unit", &ua, &ub) && unit_of(ps, t, ua, ub))
				unit = unit_of(ps, t, ua, ub);
			facts[nfacts].at = na;
			facts[nfacts].tag = e->tag;
			facts[nfacts].unit = unit;
			facts[nfacts].n = number_at(t, na, nb);
			facts[nfacts++].n2 = n2;
		}
	}
	qsort(facts, nfacts, sizeof *facts, cmp_fact);
	for (j = 0; j < nfacts; j++)
		add_fact(st, facts[j].tag, facts[j].n, facts[j].n2, facts[j].unit, k,
			 default_unit(ps, NULL));
	return nfacts;
}

static void apply_state(struct stmts *st, const char *status, const char *hint, size_t k)
{
	struct stmt *s = NULL;
	size_t i;

	for (i = st->n; i-- > 0 && !s;)
		if (st->v[i].last == k && !st->v[i].status)
			s = &st->v[i];
	for (i = st->n; i-- > 0 && !s;)
		if (st->v[i].last + 1 == k && !st->v[i].status && compatible(&st->v[i], hint))
			s = &st->v[i];
	if (!s)
		s = new_stmt(st, hint, k);
	s->status = status;
	s->last = k;
}

/* The service of org that has capacity in unit; else its only service; else NULL. */
static const struct service *service_for(const struct organization *org, const char *unit)
{
	size_t i;

	for (i = 0; org && unit && i < org->nservices; i++)
		if (org->services[i]->capacity_unit && !strcmp(org->services[i]->capacity_unit, unit))
			return org->services[i];
	return org && org->nservices == 1 ? org->services[0] : NULL;
}

static const char *default_unit(struct parser *ps, const struct organization *org)
{
	const char *unit = NULL;
	size_t i;

	for (i = 0; org && i < org->nservices; i++) {
		if (!org->services[i]->capacity_unit)
			continue;
		if (unit && strcmp(unit, org->services[i]->capacity_unit))
			return "places";
		unit = org->services[i]->capacity_unit;
	}
	if (unit)
		return unit;
	for (i = 0; i < ps->r->n; i++)
		if (ps->r->v[i].kind == MINUTES_RULES_DEFAULT_UNIT)
			return ps->r->v[i].text;
	return "places";
}

static void finish_stmt(struct parser *ps, size_t u, const char *text, const struct span *sen,
			struct stmt *s)
{
	const struct minutes_update *up = &ps->m->updates[u];
	const struct service *svc;
	struct minutes_capacity *c;
	long used = s->v[F_USED], total = s->v[F_TOTAL], free_ = s->v[F_FREE];
	const char *status = s->status;

	if (!s->unit)
		s->unit = default_unit(ps, up->org);
	svc = service_for(up->org, s->unit);
	if (free_ >= 0 && total < 0 && svc && svc->capacity_unit &&
	    !strcmp(svc->capacity_unit, s->unit) && svc->capacity_total >= 0)
		total = svc->capacity_total;
	if (free_ >= 0 && total >= 0 && used < 0)
		used = total > free_ ? total - free_ : 0;
	if (status && !strcmp(status, "full") && total >= 0 && used < 0)
		used = total;
	if (!status && free_ == 0)
		status = "full";
	if (!status && used >= 0 && total > 0)
		status = used >= total ? "full" : used * 10 >= total * 9 ? "near-full" : "ok";
	if (!status && free_ > 0)
		status = "ok";
	XALLOC_GROW(ps->m->capacity, ps->m->ncapacity + 1, ps->m->capacity_alloc);
	c = &ps->m->capacity[ps->m->ncapacity++];
	c->update = u;
	c->service = svc ? svc->id : up->org_id;
	c->unit = arena_strdup(&ps->m->arena, s->unit);
	c->used = used;
	c->total = total;
	c->waiting = s->v[F_WAITING];
	c->status = status ? status : "unknown";
	c->quote = keep(ps, text, sen[s->first].a, sen[s->last].b);
}

static void capacity(struct parser *ps, size_t u)
{
	const char *t = ps->m->updates[u].text;
	struct span *sen = NULL;
	struct stmts st = { NULL, 0, 0 };
	size_t n, k, alloc = 0, i;
	long pending = -1;
	const char *pending_status = NULL, *pending_hint = NULL;

	n = sentences(ps, t, strlen(t), &sen, &alloc);
	for (k = 0; k < n && !ps->failed; k++) {
		const char *hint, *status;
		size_t before = st.n, got;
		if (match(ps, MINUTES_RULES_IGNORE, t, sen[k].b, sen[k].a, 0, NULL))
			continue;
		hint = unit_hint(ps, t, sen[k].a, sen[k].b);
		got = numbers(ps, t, sen, k, hint, &st);
		status = state_of(ps, t, sen[k].a, sen[k].b);
		if (pending >= 0 && got && st.n > 0 && !st.v[st.n - 1].status &&
		    compatible(&st.v[st.n - 1], pending_hint)) {
			st.v[st.n - 1].status = pending_status;
			if (st.v[st.n - 1].first > (size_t)pending)
				st.v[st.n - 1].first = (size_t)pending;
			pending = -1;
		}
		if (pending >= 0) {
			new_stmt(&st, pending_hint, (size_t)pending)->status = pending_status;
			pending = -1;
		}
		if (status && (got || (before > 0 && st.v[before - 1].last + 1 == k &&
				       !st.v[before - 1].status))) {
			apply_state(&st, status, hint, k);
		} else if (status) {
			pending = (long)k;
			pending_status = status;
			pending_hint = hint;
		}
	}
	if (pending >= 0)
		new_stmt(&st, pending_hint, (size_t)pending)->status = pending_status;
	for (i = 0; i < st.n; i++)
		finish_stmt(ps, u, t, sen, &st.v[i]);
	free(sen);
	free(st.v);
}

/* ---- the walk ---- */

static void preamble(struct parser *ps, long i, size_t from)
{
	const struct minutes_block *bl = &ps->b->v[i];
	const struct rules_entry *e;
	size_t a, b;

	if (!ps->have_date && meeting_date(ps, i, from)) {
		ps->body = 1;
		return;
	}
	if (bl->kind == MINUTES_HEADING) {
		if (ps->heading_block < 0)
			ps->heading_block = i;
		return;
	}
	if (bl->len > 240)
		return;
	if (match(ps, MINUTES_RULES_GROUP, bl->text, bl->len, from, 0, &e)) {
		int cap = rules_rx_group(e->rx, "group", &a, &b);
		if (ps->group_block < 0 || (cap && !ps->group_label)) {
			ps->group_block = i;
			ps->group_label = cap;
		}
	}
	ps->title_block = i;
}

/* Where bl splits into several updates: the lines that start with a name. */
static size_t cuts(struct parser *ps, const struct minutes_block *bl, size_t from, size_t *cut,
		   size_t max)
{
	struct head h;
	size_t i, n = 0;

	cut[n++] = from;
	for (i = 0; i < bl->nstarts && n < max; i++)
		if (bl->starts[i] > from && bl->stop[i] &&
		    find_head(ps, bl, bl->starts[i], bl->len, &h))
			cut[n++] = bl->starts[i];
	return n;
}

static int is_topic(const char ***v, size_t n, const char *t, size_t a, size_t b)
{
	size_t i;

	trim(t, &a, &b);
	for (i = 0; i < n; i++)
		if (strlen((*v)[i]) == b - a && !memcmp((*v)[i], t + a, b - a))
			return 1;
	return 0;
}

/* Action points at the starts of the sentences of bl->text[s..end). */
static int actions_in(struct parser *ps, const struct minutes_block *bl, size_t s, size_t end)
{
	const struct rules_entry *e;
	struct span *sen = NULL;
	size_t alloc = 0, n, k, a, b;
	int found = 0;

	n = sentences(ps, bl->text + s, end - s, &sen, &alloc);
	for (k = 0; k < n; k++) {
		if (!match(ps, MINUTES_RULES_ACTION, bl->text, s + sen[k].b, s + sen[k].a, 1, &e))
			continue;
		group_or_all(e, "text", &a, &b);
		push(&ps->m->actions, &ps->m->nactions, &ps->m->actions_alloc,
		     keep(ps, bl->text, a, b));
		found = 1;
	}
	free(sen);
	return found;
}

/* A name alone ("Sova") whose update is in the sub-items that follow. */
static int heading_over_items(struct parser *ps, long i, size_t s)
{
	const struct minutes_block *bl = &ps->b->v[i];

	return bl->level == 0 && (size_t)i + 1 < ps->b->n && ps->b->v[i + 1].level == 1 &&
	       !ends_stop(bl->text, bl->len) && head_ok(ps, bl->text, s, bl->len);
}

static void body(struct parser *ps, long i, size_t from)
{
	const struct minutes_block *bl = &ps->b->v[i];
	struct minutes *m = ps->m;
	struct head h;
	size_t cut[64], n, k, s, end;

	if (from >= bl->len)
		return;
	if (bl->level == 0 && ps->cur >= 0 && !ps->texts[ps->cur].len &&
	    !find_head(ps, bl, from, bl->len, &h)) {
		append_update(ps, bl->text, from, bl->len);   /* "Name" alone, then its text */
		return;
	}
	if (bl->level == 1 && ps->cur >= 0 &&
	    !(find_head(ps, bl, from, bl->len, &h) && h.org &&
	      h.org != m->updates[ps->cur].org)) {
		append_update(ps, bl->text, from, bl->len);
		return;
	}
	n = cuts(ps, bl, from, cut, sizeof cut / sizeof *cut);
	for (k = 0; k < n && !ps->failed; k++) {
		s = cut[k];
		end = k + 1 < n ? cut[k + 1] : bl->len;
		if (find_head(ps, bl, s, end, &h)) {
			h.text_b = end;
			add_update(ps, bl, &h);
			continue;
		}
		ps->cur = -1;
		if (k == 0 && heading_over_items(ps, i, s)) {
			h.org_a = s;
			h.org_b = h.text_a = h.text_b = bl->len;
			h.org = NULL;
			add_update(ps, bl, &h);
		} else if (actions_in(ps, bl, s, end)) {
			continue;
		} else if (bl->kind == MINUTES_NUMBERED && bl->level == 0 && end - s <= 120) {
			if (!ps->topics_listed && !is_topic(&m->topics, m->ntopics, bl->text, s, end))
				push(&m->topics, &m->ntopics, &m->topics_alloc,
				     keep(ps, bl->text, s, end));
		} else if (!ps->have_date && !m->nupdates) {
			meeting_date(ps, i, s);
		}
	}
}

static void add_next_ref(struct parser *ps, size_t block, size_t from)
{
	XALLOC_GROW(ps->nexts, ps->nnexts + 1, ps->nexts_alloc);
	ps->nexts[ps->nnexts].a = block;
	ps->nexts[ps->nnexts++].b = from;
}

/* A heading announcing the next meetings, with the dates in it or in the next block. */
static int next_section(struct parser *ps, size_t *i, size_t rest)
{
	const struct minutes_block *bl = &ps->b->v[*i];

	if (count_dates(ps, bl->text, bl->len, rest)) {
		add_next_ref(ps, *i, rest);
		return 1;
	}
	if (*i + 1 < ps->b->n &&
	    count_dates(ps, ps->b->v[*i + 1].text, ps->b->v[*i + 1].len, 0)) {
		add_next_ref(ps, ++*i, 0);
		return 1;
	}
	return 0;
}

static void walk(struct parser *ps)
{
	struct minutes *m = ps->m;
	size_t i, from, rest;
	struct span label;

	for (i = 0; i < ps->b->n && !ps->failed; i++) {
		const struct minutes_block *bl = &ps->b->v[i];
		ps->line = bl->line;
		from = noise_end(ps, bl);
		if (place_label(ps, bl->text, bl->len, from, &label) && !m->nupdates) {
			m->place = place_text(ps, bl->text, label.a, label.b);
			continue;
		}
		switch (classify(ps, bl, from, &rest)) {
		case S_ATTENDEES:
		case S_ABSENT: {
			int all, keep_them = classify(ps, bl, from, &rest) == S_ATTENDEES;
			ps->body = 1;
			names(ps, bl, rest, bl->len, keep_them, &all);
			i = follow_names(ps, i + 1, keep_them) - 1;
			ps->cur = -1;
			continue;
		}
		case S_TOPICS:
			ps->body = 1;
			ps->topics_listed = 1;
			rest_lines(ps, bl, rest, &m->topics, &m->ntopics, &m->topics_alloc);
			i = follow_items(ps, i + 1, &m->topics, &m->ntopics, &m->topics_alloc, 1) - 1;
			continue;
		case S_ACTIONS:
			rest_lines(ps, bl, rest, &m->actions, &m->nactions, &m->actions_alloc);
			i = follow_items(ps, i + 1, &m->actions, &m->nactions, &m->actions_alloc, 0) - 1;
			ps->cur = -1;
			continue;
		case S_AUTHOR:
			i += author(ps, i, rest);
			ps->cur = -1;
			continue;
		case S_NEXT:
			if (next_section(ps, &i, rest)) {
				ps->cur = -1;
				continue;
			}
			break;
		case S_NONE:
			break;
		}
		if (!ps->body)
			preamble(ps, (long)i, from);
		else
			body(ps, (long)i, from);
	}
}

static const char *group(struct parser *ps)
{
	const struct minutes_block *bl;
	const struct rules_entry *e;
	struct textdate dt;
	size_t a, b;
	long k = ps->group_block >= 0 ? ps->group_block : ps->title_block;

	if (k < 0 && ps->date_block >= 0) {
		bl = &ps->b->v[ps->date_block];
		if (textdate_find(bl->text, bl->len, 0, ps->months, &dt) &&
		    match(ps, MINUTES_RULES_GROUP, bl->text, dt.start, 0, 0, NULL)) {
			a = 0;
			b = dt.start;
			strip_fillers(ps, bl->text, &a, &b);
			return a < b ? keep(ps, bl->text, a, b) : NULL;
		}
	}
	if (k < 0)
		k = ps->heading_block;
	if (k < 0)
		return NULL;
	bl = &ps->b->v[k];
	a = 0;
	b = bl->len;
	if (match(ps, MINUTES_RULES_GROUP, bl->text, bl->len, 0, 0, &e))
		rules_rx_group(e->rx, "group", &a, &b);
	trim(bl->text, &a, &b);
	if (b > a && bl->text[b - 1] == '.' && !dot_is_abbrev(ps, bl->text, a, b - 1))
		b--;
	return keep(ps, bl->text, a, b);
}

/* The meeting date when no block before the updates gave one. */
static void any_date(struct parser *ps)
{
	size_t i;

	for (i = 0; i < ps->b->n && !ps->have_date && !ps->failed; i++)
		meeting_date(ps, (long)i, 0);
}

static void finish(struct parser *ps)
{
	struct minutes *m = ps->m;
	size_t i;

	for (i = 0; i < m->nupdates; i++) {
		m->updates[i].text = arena_strndup(&m->arena, ps->texts[i].buf, ps->texts[i].len);
		strbuf_release(&ps->texts[i]);
	}
	for (i = 0; i < m->nupdates && !ps->failed; i++)
		capacity(ps, i);
	for (i = 0; i < ps->nnexts && !ps->failed; i++) {
		ps->line = ps->b->v[ps->nexts[i].a].line;
		next_meetings(ps, &ps->b->v[ps->nexts[i].a], ps->nexts[i].b);
	}
	m->group = group(ps);
}

int minutes_parse(struct minutes *m, const struct minutes_params *p, const char *name,
		  const char *text, size_t len, struct diag *d)
{
	struct minutes_blocks b;
	struct parser ps;
	size_t i;

	memset(m, 0, sizeof *m);
	m->when.hour = -1;
	if (minutes_blocks(&b, name, text, len, p->rules, d) < 0)
		return -1;
	memset(&ps, 0, sizeof ps);
	ps.m = m;
	ps.p = p;
	ps.r = &p->rules->rules;
	ps.months = p->rules->months;
	ps.b = &b;
	ps.name = name;
	ps.d = d;
	ps.date_block = ps.group_block = ps.title_block = ps.heading_block = ps.cur = -1;
	strbuf_init(&ps.tmp, 0);
	strbuf_init(&ps.tmp2, 0);
	load_keys(&ps);
	walk(&ps);
	if (!ps.have_date && !ps.failed)
		any_date(&ps);
	if (!ps.have_date && p->date != MINUTES_NO_DATE) {
		m->when.day = p->date;
		ps.have_date = 1;
	}
	if (ps.have_date && !ps.failed)
		finish(&ps);
	for (i = 0; i < m->nupdates; i++)
		strbuf_release(&ps.texts[i]);
	free(ps.texts);
	free(ps.nexts);
	for (i = 0; i < ps.nkeys; i++)
		free(ps.keys[i].key);
	free(ps.keys);
	strbuf_release(&ps.tmp);
	strbuf_release(&ps.tmp2);
	minutes_blocks_release(&b);
	if (!ps.failed && !ps.have_date) {
		diag_set(d, DIAG_DATA, name, 0, 0, "no meeting date found in the minutes");
		diag_hint(d, "give it with --date YYYY-MM-DD");
	}
	if (ps.failed || !ps.have_date) {
		minutes_release(m);
		return -1;
	}
	return 0;
}

void minutes_release(struct minutes *m)
{
	free(m->topics);
	free(m->attendees);
	free(m->actions);
	free(m->updates);
	free(m->capacity);
	free(m->next);
	arena_release(&m->arena);
	memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------ */
/* Output                                                               */

void minutes_format_when(char *buf, const struct minutes_when *w)
{
	civtime_format_date(buf, w->day);
	if (w->hour >= 0)
		snprintf(buf + 10, 22, "T%02d:%02d", w->hour, w->minute);
}

static void yaml_string(struct strbuf *sb, const char *s)
{
	size_t i, n, len;
	uint32_t cp;

	if (!s) {
		strbuf_addstr(sb, "null");
		return;
	}
	len = strlen(s);
	strbuf_addch(sb, '"');
	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			strbuf_addstr(sb, "\xEF\xBF\xBD");
		else if (cp == '"' || cp == '\\')
			strbuf_addf(sb, "\\%c", (char)cp);
		else if (cp == '\n')
			strbuf_addstr(sb, "\\n");
		else if (cp == '\r')
			strbuf_addstr(sb, "\\r");
		else if (cp == '\t')
			strbuf_addstr(sb, "\\t");
		else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			strbuf_addf(sb, "\\x%02x", (unsigned)cp);
		else if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
			strbuf_addf(sb, "\\u%04x", (unsigned)cp);
		else
			strbuf_add(sb, s + i, n);
	}
	strbuf_addch(sb, '"');
}

static void yaml_number(struct strbuf *sb, long v)
{
	if (v < 0)
		strbuf_addstr(sb, "null");
	else
		strbuf_addf(sb, "%ld", v);
}

static void yaml_list(struct strbuf *sb, const char *key, const char *const *v, size_t n)
{
	size_t i;

	strbuf_addf(sb, "%s:%s\n", key, n ? "" : " []");
	for (i = 0; i < n; i++) {
		strbuf_addstr(sb, "  - ");
		yaml_string(sb, v[i]);
		strbuf_addch(sb, '\n');
	}
}

void minutes_yaml(const struct minutes *m, struct strbuf *sb)
{
	char buf[32];
	size_t i;

	strbuf_addstr(sb, "meeting:\n  group: ");
	yaml_string(sb, m->group);
	civtime_format_date(buf, m->when.day);
	strbuf_addf(sb, "\n  date: \"%s\"\n  time: ", buf);
	if (m->when.hour >= 0)
		strbuf_addf(sb, "\"%02d:%02d\"", m->when.hour, m->when.minute);
	else
		strbuf_addstr(sb, "null");
	strbuf_addstr(sb, "\n  place: ");
	yaml_string(sb, m->place);
	strbuf_addch(sb, '\n');
	yaml_list(sb, "topics", m->topics, m->ntopics);
	yaml_list(sb, "attendees", m->attendees, m->nattendees);
	strbuf_addf(sb, "updates:%s\n", m->nupdates ? "" : " []");
	for (i = 0; i < m->nupdates; i++) {
		strbuf_addstr(sb, "  - organization: ");
		yaml_string(sb, m->updates[i].organization);
		strbuf_addstr(sb, "\n    org_id: ");
		yaml_string(sb, m->updates[i].org_id);
		strbuf_addstr(sb, "\n    text: ");
		yaml_string(sb, m->updates[i].text);
		strbuf_addch(sb, '\n');
	}
	yaml_list(sb, "actions", m->actions, m->nactions);
	strbuf_addf(sb, "capacity:%s\n", m->ncapacity ? "" : " []");
	for (i = 0; i < m->ncapacity; i++) {
		const struct minutes_capacity *c = &m->capacity[i];
		const struct minutes_update *u = &m->updates[c->update];
		strbuf_addstr(sb, "  - organization: ");
		yaml_string(sb, u->organization);
		strbuf_addstr(sb, "\n    org_id: ");
		yaml_string(sb, u->org_id);
		strbuf_addstr(sb, "\n    service: ");
		yaml_string(sb, c->service);
		strbuf_addstr(sb, "\n    unit: ");
		yaml_string(sb, c->unit);
		strbuf_addstr(sb, "\n    used: ");
		yaml_number(sb, c->used);
		strbuf_addstr(sb, "\n    total: ");
		yaml_number(sb, c->total);
		strbuf_addstr(sb, "\n    waiting: ");
		yaml_number(sb, c->waiting);
		strbuf_addstr(sb, "\n    status: ");
		yaml_string(sb, c->status);
		strbuf_addstr(sb, "\n    quote: ");
		yaml_string(sb, c->quote);
		strbuf_addch(sb, '\n');
	}
	strbuf_addf(sb, "next_meetings:%s\n", m->nnext ? "" : " []");
	for (i = 0; i < m->nnext; i++) {
		minutes_format_when(buf, &m->next[i]);
		strbuf_addf(sb, "  - \"%s\"\n", buf);
	}
	strbuf_addstr(sb, "author: ");
	yaml_string(sb, m->author);
	strbuf_addch(sb, '\n');
}
