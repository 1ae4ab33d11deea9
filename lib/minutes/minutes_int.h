/*
 * minutes_int: what the files of the minutes parser share, and nothing a
 * caller of minutes.h needs: characters of the blocks' UTF-8 text, the
 * parser's state while it walks the blocks, and the functions each part
 * of the parser offers the others.
 *
 * The parts, one file each:
 *   minutes_text.c      the PDF-text normaliser: text to blocks
 *   minutes.c           the walk over the blocks: sections, topics, action
 *                       points, the group; rule matching for the others
 *   minutes_updates.c   organisations: an update's head, services.yaml
 *   minutes_people.c    attendees and the author
 *   minutes_dates.c     the meeting's date, time and place; next meetings
 *   minutes_capacity.c  the grammar of capacity statements
 *   minutes_yaml.c      the YAML document
 *
 * Ownership: struct parser lives on minutes_parse's stack; it owns its
 * update texts, next-meeting references, organisation keys and scratch
 * buffers, released there.  Strings kept for the result go to the arena
 * of struct minutes (minutes_keep).  Spans are offsets into a block's text.
 */
#ifndef OKIENKO_MINUTES_INT_H
#define OKIENKO_MINUTES_INT_H

#include <stddef.h>
#include <stdint.h>

#include "minutes.h"
#include "minutes_rules.h"
#include "rules.h"
#include "strbuf.h"
#include "textdate.h"
#include "utf8.h"

static inline uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;

	*n = utf8_decode(s + i, len - i, &cp);
	return cp;
}

/* The start of the character that ends at s[i]. */
static inline size_t back_one(const char *s, size_t i)
{
	if (!i)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static inline uint32_t cp_before(const char *s, size_t i)
{
	size_t n, k = back_one(s, i);

	return i ? cp_at(s, i, k, &n) : 0;
}

static inline int is_space(char c)
{
	return c == ' ';
}

static inline int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline int is_closer(uint32_t cp)
{
	return cp == ')' || cp == ']' || cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x201C ||
	       cp == 0xBB || cp == 0x2019;
}

/* The text ends a sentence (or a heading, or a list item). */
static inline int ends_stop(const char *s, size_t len)
{
	uint32_t cp;

	while (len && is_closer(cp = cp_before(s, len)))
		len = back_one(s, len);
	cp = cp_before(s, len);
	return cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == ';' || cp == 0x2026;
}

static inline void trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b && is_space(s[*a]))
		(*a)++;
	while (*b > *a && is_space(s[*b - 1]))
		(*b)--;
}

static inline size_t count_words(const char *s, size_t a, size_t b)
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

/*
 * The last search for a time in a text: searches that go forward through
 * one text (the next meetings) reuse it while it still answers them, so
 * that a text with many times is not searched to its end for each.
 */
struct time_memo {
	const char *t;
	size_t len, from;
	int found, hour_named;
	struct textdate_time tm;
};

/*
 * A set of elements of an array of the parser's, by index, to tell an
 * element that was there before (the same next meeting, the same topic):
 * open addressing, hashed by the caller.
 */
struct minutes_set {
	uint32_t *slot;        /* index + 1; 0: empty */
	size_t nslots, n;
};

struct parser;

typedef uint64_t minutes_hash_fn(const struct parser *ps, size_t i);
typedef int minutes_same_fn(const struct parser *ps, size_t i, size_t j);

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
	struct strbuf text;               /* the last update's text, while sub-items join it */
	struct span *nexts;               /* (block, offset) of each next-meeting text */
	size_t nnexts, nexts_alloc;
	struct orgkey *keys;
	size_t nkeys, keys_alloc;
	struct strbuf tmp, tmp2;
	char **abbrevs;                   /* the abbreviations' keys (minutes_is_abbrev) */
	size_t nabbrevs, abbrevs_alloc, abbrev_max;
	struct time_memo numeric, word;   /* minutes_dates.c */
	struct minutes_set seen_next;     /* the next meetings so far */
	struct minutes_set seen_topics;   /* the topics from numbered items so far */
};

/* minutes.c: matching rules, keeping strings, the sections */
void minutes_fail(struct parser *ps);
int minutes_match(struct parser *ps, enum minutes_rules_kind kind, const char *s, size_t len,
		  size_t from, int anchored, const struct rules_entry **e);
int minutes_exec(struct parser *ps, struct rules_rx *rx, const char *s, size_t len, size_t from);
void minutes_group_or_all(const struct rules_entry *e, const char *group, size_t *a, size_t *b);
const char *minutes_keep(struct parser *ps, const char *s, size_t a, size_t b);
void minutes_push(const char ***v, size_t *n, size_t *alloc, const char *s);
long minutes_number_at(const char *s, size_t a, size_t b);
int minutes_is_abbrev(struct parser *ps, const char *s, size_t a, size_t b);
int minutes_dot_is_abbrev(struct parser *ps, const char *s, size_t from, size_t i);
int minutes_line_start_at(struct parser *ps, const struct minutes_block *bl, size_t at);
/* Element i, now in the array, unless one the same is in s already: 1, or 0 (a repeat). */
int minutes_set_add(struct parser *ps, struct minutes_set *s, size_t i, minutes_hash_fn *hash,
		    minutes_same_fn *same);
void minutes_set_release(struct minutes_set *s);
/* The input line of bl->text[at]. */
long minutes_line_at(const struct minutes_block *bl, size_t at);
/* A warning at bl->text[at], kept in the minutes (see MINUTES_WARNINGS_MAX). */
void minutes_warn(struct parser *ps, const struct minutes_block *bl, size_t at, const char *fmt,
		  ...) __attribute__((format(printf, 4, 5)));
/* textdate_find and textdate_find_time, counting their work. */
int minutes_find_date(struct parser *ps, const char *s, size_t len, size_t from,
		      struct textdate *out);
int minutes_find_numeric_time(struct parser *ps, const char *s, size_t len, size_t from,
			      struct textdate_time *out);
void minutes_add_span(struct span **v, size_t *n, size_t *alloc, size_t a, size_t b);
size_t minutes_sentences(struct parser *ps, const char *t, size_t len, struct span **v,
			 size_t *alloc);
enum section minutes_classify(struct parser *ps, const struct minutes_block *bl, size_t from,
			      size_t *rest);

/* minutes_updates.c */
void minutes_load_keys(struct parser *ps);
int minutes_head_ok(struct parser *ps, const char *t, size_t a, size_t b);
int minutes_find_head(struct parser *ps, const struct minutes_block *bl, size_t s, size_t e,
		      struct head *h);
void minutes_add_update(struct parser *ps, const struct minutes_block *bl, const struct head *h);
void minutes_append_update(struct parser *ps, const char *t, size_t a, size_t b);
/* Keep the last update's text: no more joins it. */
void minutes_end_update(struct parser *ps);

/* minutes_people.c */
size_t minutes_names(struct parser *ps, const struct minutes_block *bl, size_t a, size_t b,
		     int keep_them, int *all);
size_t minutes_follow_names(struct parser *ps, size_t j, int keep_them);
size_t minutes_author(struct parser *ps, size_t i, size_t rest);

/* minutes_dates.c */
void minutes_strip_fillers(struct parser *ps, const char *t, size_t *a, size_t *b);
int minutes_place_label(struct parser *ps, const char *t, size_t b, size_t a, struct span *out);
const char *minutes_place_text(struct parser *ps, const char *t, size_t a, size_t b);
int minutes_meeting_date(struct parser *ps, long i, size_t from);
size_t minutes_count_dates(struct parser *ps, const char *t, size_t len, size_t from);
void minutes_next_meetings(struct parser *ps, const struct minutes_block *bl, size_t from);

/* minutes_capacity.c */
void minutes_capacity_read(struct parser *ps, size_t u);

#endif
