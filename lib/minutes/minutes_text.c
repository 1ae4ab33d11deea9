/*
 * minutes_text: the PDF-text normaliser of minutes.h (minutes_blocks).
 * Text as typed or as extracted from PDF or DOCX becomes blocks, each one
 * paragraph, item or heading however its lines were wrapped; nothing here
 * knows a language beyond the rules' month names and section headings.
 *
 * Ownership: the lines live only while minutes_blocks runs; each block
 * owns its text and line starts until minutes_blocks_release.
 */
#include "minutes_int.h"

#include <stdlib.h>
#include <string.h>

#include "textfold.h"
#include "xalloc.h"
#include "banned.h"

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
		return diag_set(d, DIAG_DATA, name, (long)line,
				(long)utf8_chars(s + ls, at - ls) + 1,
				"NUL byte in the text (is it a text file?)");
	return diag_set(d, DIAG_DATA, name, (long)line, (long)utf8_chars(s + ls, at - ls) + 1,
			"invalid UTF-8 sequence starting with byte 0x%02X", (unsigned char)s[at]);
}

/* ------------------------------------------------------------------ */
/* Lines                                                                */

enum bullet { B_NONE, B_SYMBOL, B_O, B_NUMBER };

struct line {
	char *s;         /* cleaned, without its indentation */
	size_t len, off; /* the text starts at s + off, past the bullet */
	long no;
	int indent, level;
	enum bullet bullet;
	int blank, caps, stop, lower, hyphen, comma;
};

/*
 * The lines of a text, one at a time: split_lines cleans each line into
 * cur (its text in out) and hands it to take; nothing of a line is kept
 * after that, so memory does not grow with the number of lines.
 */
struct lines {
	const struct textdate_months *months;
	const struct rules *rules; /* for page furniture; may be NULL */
	void (*take)(void *ctx, struct line *l);
	void *ctx;
	struct line cur;
	struct strbuf piece, out; /* scratch, reused line by line */
	unsigned char *tok;       /* unspace's: T_* of each word */
	size_t tok_alloc;
	unsigned long long work;
};

static const struct {
	uint32_t cp;
	int level, needs_space;
} bullets[] = {
	{ 0x2022, 0, 0 }, { 0x25CF, 0, 0 }, { 0x25A0, 0, 0 }, { 0x25BA, 0, 0 }, { 0x25B6, 0, 0 },
	{ 0x25B8, 0, 0 }, { 0x27A2, 0, 0 }, { 0x27A4, 0, 0 }, { 0x2713, 0, 0 }, { 0x2714, 0, 0 },
	{ 0x2756, 0, 0 }, { 0x25C6, 0, 0 }, { 0x2023, 0, 0 }, { 0x2043, 0, 0 }, { 0x2219, 0, 0 },
	{ 0x00B7, 0, 0 }, { 0x25E6, 1, 0 }, { 0x25CB, 1, 0 }, { 0x25AA, 1, 0 }, { 0x25AB, 1, 0 },
	{ 0x25A1, 1, 0 }, { 0x2013, 0, 1 }, { 0x2014, 0, 1 }, { '-', 0, 1 },    { '*', 0, 1 },
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
	return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
	       cp == 0x3000 || cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

static int invisible(uint32_t cp)
{
	return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

/*
 * What unspace knows of each word of a line, one byte each (a line may be
 * long): a word of one letter, maybe followed by punctuation ("I:"); of a
 * letter alone; one space before it, or more; a letter of a spaced word; a
 * tab before it.
 */
enum { T_SINGLE = 1, T_LETTER = 2, T_GAP1 = 4, T_GAP2 = 8, T_SPACED = 16, T_TAB = 32 };

static unsigned char classify_token(const char *s, size_t start, size_t len, size_t gap)
{
	size_t n, i;
	uint32_t cp = cp_at(s, start + len, start, &n);
	unsigned char f = gap == 1 ? T_GAP1 : gap >= 2 ? T_GAP2 : 0;

	if (!textfold_is_letter(cp))
		return f;
	for (i = start + n; i < start + len; i++)
		if (!strchr(".,:;!?", s[i]))
			return f;
	return f | T_SINGLE | (n == len ? T_LETTER : 0);
}

/* Word k goes on the run of single letters one space apart before it. */
static int joins(const unsigned char *tok, size_t k)
{
	return k > 0 && (tok[k] & T_SINGLE) && (tok[k] & T_GAP1) && (tok[k - 1] & T_LETTER);
}

/* The run of words [i, j) takes T_SPACED: it is two or three letters beside a spaced run. */
static void spread(unsigned char *tok, size_t i, size_t j)
{
	for (; i < j; i++)
		tok[i] |= T_SPACED;
}

/*
 * Mark the words that are letters of a letter-spaced word: runs of four
 * single letters or more, one space apart (only the last may carry
 * punctuation).  A short run (two or three letters) next to a marked run,
 * two spaces apart, belongs to it ("Z Á P I S  Z E"), and so on along the
 * line: one pass each way marks every run such a chain reaches.
 */
static void mark_spaced(struct lines *ls, size_t ntok)
{
	unsigned char *tok = ls->tok;
	size_t i, j;

	for (i = 0; i < ntok; i = j) {
		for (j = i + 1; j < ntok && joins(tok, j); j++)
			;
		if ((tok[i] & T_SINGLE) && j - i >= 4)
			spread(tok, i, j);
	}
	for (i = 0; i < ntok; i = j) {
		for (j = i + 1; j < ntok && joins(tok, j); j++)
			;
		if ((tok[i] & (T_SINGLE | T_SPACED)) == T_SINGLE && j - i >= 2 && i > 0 &&
		    (tok[i - 1] & T_SPACED) && (tok[i] & T_GAP2))
			spread(tok, i, j);
	}
	for (j = ntok; j > 0; j = i) {
		for (i = j - 1; i > 0 && joins(tok, i); i--)
			;
		if ((tok[i] & (T_SINGLE | T_SPACED)) == T_SINGLE && j - i >= 2 && j < ntok &&
		    (tok[j] & T_SPACED) && (tok[j] & T_GAP2))
			spread(tok, i, j);
	}
	ls->work += 3 * ntok;
}

static int gap_char(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Undo letter-spacing and collapse runs of spaces; s[0..len) has no
 * leading space.  A tab between words stays, as one tab: it parts the
 * cells of a table (or a label from its value) in text from a word
 * processor.
 */
static void unspace(struct lines *ls, struct strbuf *out, const char *s, size_t len)
{
	size_t ntok = 0, i = 0, gap, start, k;
	int tab;

	while (i < len) {
		for (gap = 0, tab = 0; i < len && gap_char(s[i]); i++, gap++)
			tab |= s[i] == '\t';
		if (i == len)
			break;
		for (start = i; i < len && !gap_char(s[i]); i++)
			;
		XALLOC_GROW(ls->tok, ntok + 1, ls->tok_alloc);
		ls->tok[ntok++] = classify_token(s, start, i - start, tab && gap < 2 ? 2 : gap) |
				  (tab ? T_TAB : 0);
	}
	if (!ntok)
		return;
	mark_spaced(ls, ntok);
	for (i = 0, k = 0; k < ntok; k++) {
		int glue = k > 0 && (ls->tok[k] & T_SPACED) && (ls->tok[k - 1] & T_SPACED) &&
			   (ls->tok[k] & T_GAP1);
		while (gap_char(s[i]))
			i++;
		if (k > 0 && !glue)
			strbuf_addch(out, (ls->tok[k] & T_TAB) ? '\t' : ' ');
		for (start = i; i < len && !gap_char(s[i]); i++)
			;
		strbuf_add(out, s + start, i - start);
	}
}

static int roman_value(const char *s, size_t n)
{
	static const char *const roman[] = { "I",    "II",  "III",  "IV",    "V",   "VI",   "VII",
					     "VIII", "IX",  "X",    "XI",    "XII", "XIII", "XIV",
					     "XV",   "XVI", "XVII", "XVIII", "XIX", "XX" };
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
	if (i >= len || !gap_char(s[i]))
		return 0;
	while (i < len && gap_char(s[i]))
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
		if (bullets[i].needs_space && n < l->len && !gap_char(l->s[n]))
			return;
		l->bullet = B_SYMBOL;
		l->level = bullets[i].level;
		for (k = n; k < l->len && gap_char(l->s[k]); k++)
			;
		l->off = k;
		return;
	}
	if (cp == 'o' && l->len > 2 && l->s[1] == ' ') {
		uint32_t next = cp_at(l->s, l->len, 2, &n);
		if (textfold_is_upper(next) || is_digit((char)next) || next == 0x201E ||
		    next == '"') {
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

/*
 * A page number or a running header ending in one ("- 2 -", "Strana 2 z 3"):
 * not part of the text, and gone before it is put together, so that a
 * sentence or a list goes on across the page break.
 */
static int page_line(const struct lines *ls, const struct line *l)
{
	const struct rules_entry *e;
	struct diag ignored = DIAG_INIT;

	return ls->rules && l->len &&
	       rules_match(ls->rules, MINUTES_RULES_PAGE, l->s, l->len, 0, 0, &e, &ignored) == 1;
}

/* One piece of a raw line (a private-use bullet inside a line starts another). */
static void add_piece(struct lines *ls, long no, int pua, int pua_lvl)
{
	struct strbuf *piece = &ls->piece;
	struct line *l = &ls->cur;
	size_t i = 0;

	while (i < piece->len && gap_char(piece->buf[i]))
		i++;
	strbuf_reset(&ls->out);
	unspace(ls, &ls->out, piece->buf + i, piece->len - i);
	/* the rules' searches of the line may read ahead (see rules.h) */
	strbuf_grow(&ls->out, RULES_PAD);
	memset(ls->out.buf + ls->out.len, 0, RULES_PAD);
	memset(l, 0, sizeof *l);
	l->no = no;
	l->indent = (int)(i > 40 ? 40 : i);
	l->s = ls->out.buf;
	l->len = ls->out.len;
	if (pua) {
		l->bullet = B_SYMBOL;
		l->level = pua_lvl;
	} else {
		find_bullet(l, ls->months);
	}
	line_flags(l);
	if (pua && !l->len)
		l->blank = 0;
	strbuf_reset(piece);
	if (!page_line(ls, l))
		ls->take(ls->ctx, l);
}

/*
 * Markdown's marks, which an export may leave: "## " before a heading, and
 * "**" or "__" around strong text (dropped wherever they stand).
 */
static size_t markdown_heading(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= len || s[i] != '#')
		return 0;
	while (i < len && s[i] == '#')
		i++;
	return i < len && s[i] == ' ' ? i + 1 : 0;
}

static void clean_line(struct lines *ls, const char *s, size_t len, long no)
{
	struct strbuf *piece = &ls->piece;
	size_t i, n, k;
	uint32_t cp;
	int pua = 0, pua_lvl = 0;
	const char *lig;

	for (i = markdown_heading(s, len); i < len; i += n) {
		cp = cp_at(s, len, i, &n);
		if ((cp == '*' || cp == '_') && i + 1 < len && s[i + 1] == s[i]) {
			n = 2; /* strong text's mark */
		} else if (is_pua(cp)) {
			for (k = 0; k < piece->len && gap_char(piece->buf[k]); k++)
				;
			if (k < piece->len || pua)
				add_piece(ls, no, pua, pua_lvl);
			pua = 1;
			pua_lvl = pua_level(cp);
			strbuf_addch(piece, ' ');
		} else if (cp == '\t') {
			strbuf_addch(piece, '\t');
		} else if (odd_space(cp)) {
			strbuf_addch(piece, ' ');
		} else if ((lig = ligature(cp))) {
			strbuf_addstr(piece, lig);
		} else if (!invisible(cp)) {
			strbuf_add(piece, s + i, n);
		}
	}
	add_piece(ls, no, pua, pua_lvl);
}

/* Split into lines: LF, CRLF, CR; a form feed (page break) is a blank line. */
static void split_lines(struct lines *ls, const char *s, size_t len)
{
	size_t i, start = 0;
	long no = 1;

	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n' && s[i] != '\r' && s[i] != '\f')
			continue;
		clean_line(ls, s + start, i - start, no);
		if (i < len && s[i] == '\f') {
			clean_line(ls, "", 0, no);
		} else if (i < len) {
			if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
				i++;
			no++;
		}
		start = i + 1;
	}
	ls->work += len;
}

/* ------------------------------------------------------------------ */
/* Blocks                                                               */

/*
 * The blocks go into two pools, so that many short blocks cost little: the
 * texts one after another, each ended by a NUL, and the line starts of
 * every block.  The open block is the tail of both; a block is where the
 * one before it ends.
 */
struct builder {
	struct minutes_blocks *b;
	const struct rules *rules; /* for headings at the start of a line; may be NULL */
	struct strbuf pool;        /* the texts */
	uint32_t *starts;          /* the line starts */
	size_t nstarts, starts_alloc;
	size_t text_at, starts_at; /* where the open block's text and starts begin */
	int open;
	enum minutes_block_kind kind;
	int level, bulleted, lost, first_indent, last_indent;
	int ends_stop, ends_comma, ends_hyphen;
	long line;
	size_t last_chars; /* width of the last line taken */
	size_t wide;       /* the width of a full line of this text */
	int blank, pending_bullet;
	int top_indent; /* of the list's last item of the first level; -1 none */
};

/* The open block's text. */
static const char *cur_text(const struct builder *bd)
{
	return bd->pool.buf + bd->text_at;
}

static size_t cur_len(const struct builder *bd)
{
	return bd->pool.len - bd->text_at;
}

static void close_block(struct builder *bd)
{
	struct minutes_block *bl;

	if (!bd->open)
		return;
	bd->open = 0;
	if (!cur_len(bd) && bd->kind != MINUTES_ITEM) {
		strbuf_setlen(&bd->pool, bd->text_at);
		bd->nstarts = bd->starts_at;
		return;
	}
	XALLOC_GROW(bd->b->v, bd->b->n + 1, bd->b->alloc);
	bl = &bd->b->v[bd->b->n++];
	bl->kind = (unsigned char)bd->kind;
	bl->level = (unsigned char)bd->level;
	bl->line = (uint32_t)bd->line;
	bl->len = (uint32_t)cur_len(bd);
	bl->nstarts = (uint32_t)(bd->nstarts - bd->starts_at);
	strbuf_addch(&bd->pool, '\0');
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
	if (!bd->bulleted)
		bd->top_indent = -1;
	bd->lost = 0;
	bd->first_indent = bd->last_indent = l->indent;
	bd->text_at = bd->pool.len;
	bd->starts_at = bd->nstarts;
	strbuf_add(&bd->pool, l->s + l->off, l->len - l->off);
	bd->ends_stop = l->stop;
	bd->ends_comma = l->comma;
	bd->ends_hyphen = l->hyphen;
	bd->last_chars = line_chars(l);
}

static void join_line(struct builder *bd, const struct line *l)
{
	size_t at;

	if (bd->ends_hyphen && l->lower) {
		strbuf_setlen(&bd->pool, bd->pool.len - 1);
	} else if (cur_len(bd)) {
		strbuf_addch(&bd->pool, ' ');
	}
	at = cur_len(bd);
	XALLOC_GROW(bd->starts, bd->nstarts + 1, bd->starts_alloc);
	bd->starts[bd->nstarts++] = (uint32_t)at | (bd->ends_stop ? MINUTES_LINE_STOP : 0);
	strbuf_add(&bd->pool, l->s + l->off, l->len - l->off);
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

/* A line that starts a section ("Přítomni:", "Zapsal:", "Ad 2.") starts a block. */
static int starts_section(const struct builder *bd, const struct line *l)
{
	static const enum minutes_rules_kind kinds[] = {
		MINUTES_RULES_ATTENDEES, MINUTES_RULES_ABSENT, MINUTES_RULES_TOPICS,
		MINUTES_RULES_ACTIONS,   MINUTES_RULES_AUTHOR, MINUTES_RULES_NEXT,
		MINUTES_RULES_NOISE,
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
			return i + 1 == len || gap_char(t[i + 1]);
		if ((cp == ' ' || cp == '\t') && ++words > 3)
			return 0;
		if (cp != ' ' && cp != '\t' && !textfold_is_letter(cp))
			return 0;
	}
	return 0;
}

/* Cells parted by a tab, or by two pipes or more ("a | b | c", "| a | b |"): a row of a table. */
static int row_line(const struct line *l)
{
	size_t i, pipes = 0;

	for (i = l->off; i < l->len; i++) {
		if (l->s[i] == '\t')
			return 1;
		pipes += l->s[i] == '|';
	}
	return pipes >= 2 || (l->off < l->len && l->s[l->off] == '|' && pipes);
}

/* A short item, such as an organisation's name over its sub-items. */
static int short_item(const struct builder *bd)
{
	return bd->kind == MINUTES_ITEM && count_words(cur_text(bd), 0, cur_len(bd)) <= 6 &&
	       cur_len(bd) <= 80;
}

static void add_line(struct builder *bd, struct line *l, int blank_before, int *pending_bullet)
{
	int bullet = l->bullet != B_NONE;

	if (l->bullet == B_O && bd->open && !blank_before && !bd->ends_stop &&
	    bd->kind != MINUTES_HEADING && !short_item(bd)) {
		l->bullet = B_NONE; /* the preposition "o" after a wrap */
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
	if (l->bullet == B_NUMBER && row_line(l)) {
		/* "1.<tab>Anna Lis<tab>...": a numbered row of a table, its number a cell */
		l->off = 0;
		bullet = 0;
	}
	if (!bullet && row_line(l)) {
		open_block(bd, l, MINUTES_ROW, 0);
		return;
	}
	if (bd->open && bd->kind == MINUTES_ROW)
		close_block(bd); /* a row is one line */
	if (bullet) {
		/* the same bullet indented under an item: a sub-item ("- Org" over "  - Name") */
		if (l->bullet == B_SYMBOL && l->level == 0 && bd->top_indent >= 0 &&
		    l->indent >= bd->top_indent + 2)
			l->level = 1;
		if (l->level == 0)
			bd->top_indent = l->indent;
		open_block(bd, l, l->bullet == B_NUMBER ? MINUTES_NUMBERED : MINUTES_ITEM,
			   l->level);
		return;
	}
	if (!bd->open) {
		open_block(bd, l, l->caps ? MINUTES_HEADING : MINUTES_PARA, 0);
	} else if (starts_section(bd, l) ||
		   (label_line(l) && !bd->ends_comma && !bd->ends_hyphen)) {
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

/*
 * The width of a full line: most lines of a wrapped text are no wider
 * (nine in ten).  Widths are counted, those of very long lines kept apart.
 */
enum { WIDTHS = 1024 };

struct widths {
	size_t count[WIDTHS], n;
	size_t *wide, nwide, alloc;
};

static void take_width(void *ctx, struct line *l)
{
	struct widths *w = ctx;
	size_t chars;

	if (l->blank)
		return;
	chars = line_chars(l);
	w->n++;
	if (chars < WIDTHS) {
		w->count[chars]++;
	} else {
		XALLOC_GROW(w->wide, w->nwide + 1, w->alloc);
		w->wide[w->nwide++] = chars;
	}
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static size_t full_width(struct widths *w)
{
	size_t k = w->n * 9 / 10, i, seen = 0;

	if (!w->n)
		return 0;
	for (i = 0; i < WIDTHS; i++) {
		seen += w->count[i];
		if (seen > k)
			return i;
	}
	qsort(w->wide, w->nwide, sizeof *w->wide, cmp_size);
	return w->wide[k - (w->n - w->nwide)];
}

static void take_line(void *ctx, struct line *l)
{
	struct builder *bd = ctx;

	if (l->blank) {
		bd->blank = 1;
	} else if (l->bullet != B_NONE && l->off >= l->len) {
		bd->pending_bullet = l->level;
	} else {
		add_line(bd, l, bd->blank, &bd->pending_bullet);
		bd->blank = 0;
	}
}

/* Point the blocks into the pools, which they now own. */
static void finish_blocks(struct minutes_blocks *b, struct builder *bd)
{
	size_t i, text = 0, starts = 0;

	/* PCRE2's JIT reads ahead (see rules.h): the pool is zeroed past its end */
	strbuf_grow(&bd->pool, RULES_PAD);
	memset(bd->pool.buf + bd->pool.len, 0, bd->pool.alloc - bd->pool.len);
	b->text = strbuf_detach(&bd->pool, NULL);
	b->starts = bd->starts;
	bd->starts = NULL;
	for (i = 0; i < b->n; i++) {
		b->v[i].text = b->text + text;
		b->v[i].starts = b->starts ? b->starts + starts : NULL;
		text += b->v[i].len + 1;
		starts += b->v[i].nstarts;
	}
}

int minutes_blocks(struct minutes_blocks *b, const char *name, const char *text, size_t len,
		   const struct minutes_rules *rules, struct diag *d)
{
	struct lines ls;
	struct widths *w = xcalloc(1, sizeof *w);
	struct builder bd;

	memset(b, 0, sizeof *b);
	if (len > MINUTES_TEXT_MAX) {
		free(w);
		return diag_set(d, DIAG_DATA, name, 0, 0, "larger than 1 GiB: not minutes");
	}
	if (check_text(name, text, len, d) < 0) {
		free(w);
		return -1;
	}
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	memset(&ls, 0, sizeof ls);
	ls.months = rules ? rules->months : NULL;
	ls.rules = rules ? &rules->rules : NULL;
	strbuf_init(&ls.piece, 0);
	strbuf_init(&ls.out, 0);
	/* twice over the lines: their widths, then the blocks */
	ls.take = take_width;
	ls.ctx = w;
	split_lines(&ls, text, len);
	memset(&bd, 0, sizeof bd);
	bd.b = b;
	bd.rules = rules ? &rules->rules : NULL;
	bd.wide = full_width(w);
	bd.pending_bullet = -1;
	bd.top_indent = -1;
	strbuf_init(&bd.pool, len + 1);
	ls.take = take_line;
	ls.ctx = &bd;
	split_lines(&ls, text, len);
	close_block(&bd);
	finish_blocks(b, &bd);
	b->work = ls.work;
	strbuf_release(&ls.piece);
	strbuf_release(&ls.out);
	free(ls.tok);
	free(w->wide);
	free(w);
	return 0;
}

void minutes_blocks_release(struct minutes_blocks *b)
{
	free(b->v);
	free(b->text);
	free(b->starts);
	memset(b, 0, sizeof *b);
}
