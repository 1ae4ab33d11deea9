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

/* Words are parted by spaces, and by tabs between the cells of a table. */
static inline int is_space(char c)
{
	return c == ' ' || c == '\t';
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
	char *key; /* a name or alias, folded */
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
	uint32_t *slot; /* index + 1; 0: empty */
	size_t nslots, n;
};

/* Words of a kind of the rules, folded without dots ("ph.d." is "phd"). */
struct wordset {
	char **v;
	size_t n, alloc, max;
};

/*
 * A scan of the text s[0..len) for the rules of a kind, from places that
 * only grow: each rule's last answer is kept while it still holds, so
 * that no rule goes over the same text twice (linear time however many
 * matches there are).
 */
struct minutes_scan {
	enum minutes_rules_kind kind;
	const char *s;
	size_t len, n;
	struct minutes_scan_at {
		size_t from, start; /* searched from, found at */
		int state;          /* 0 not searched, 1 found, 2 none */
	} * at;
};

/* A person in a text: spans of it (b == 0: not given). */
struct minutes_person {
	struct span name, org, role;
};

/* The numbers of a row of a capacity table, -1 when not given (int32_t: a table may have many rows). */
struct minutes_table_numbers {
	int32_t used, total, free, waiting;
};

struct minutes_table_row {
	size_t update;
	struct minutes_table_numbers num;
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
	int group_label; /* group_block holds a label ("Název: ...") */
	long date_block, group_block, title_block, heading_block, cur, line;
	int cur_level;      /* the level of the item the current update started in */
	struct strbuf text; /* the last update's text, while sub-items join it */
	struct span *nexts; /* (block, offset) of each next-meeting text */
	size_t nnexts, nexts_alloc;
	struct orgkey *keys;
	size_t nkeys, keys_alloc;
	struct strbuf tmp, tmp2;
	struct wordset abbrevs, titles, honorifics, org_preps, num_signs; /* minutes_in_words */
	struct time_memo numeric, word;                                   /* minutes_dates.c */
	struct minutes_set seen_next;   /* the next meetings so far */
	struct minutes_set seen_topics; /* the topics from numbered items so far */
	struct minutes_set seen_people; /* the attendees so far, by name */
	struct minutes_table_row *rows; /* updates that are rows of a capacity table */
	size_t nrows, rows_alloc;
	/* what makes minutes minutes (see minutes_parse) */
	int saw_title, saw_attendees, saw_author, saw_topics, saw_next;
	/* the year of the document's first date with one, 0 none, -1 not looked for */
	int doc_year;
	/* the meeting's date has "br.", "letos" and the document no year: its span */
	const struct minutes_block *no_year;
	size_t no_year_a, no_year_b;
};

/* minutes.c: matching rules, keeping strings, the sections */
void minutes_fail(struct parser *ps);
int minutes_match(struct parser *ps, enum minutes_rules_kind kind, const char *s, size_t len,
		  size_t from, int anchored, const struct rules_entry **e);
int minutes_exec(struct parser *ps, struct rules_rx *rx, const char *s, size_t len, size_t from);
void minutes_scan_init(struct parser *ps, struct minutes_scan *sc, enum minutes_rules_kind kind,
		       const char *s, size_t len);
/* The first match of the scan's rules at or after from (never less than the last from): 1 and *e, or 0. */
int minutes_scan(struct parser *ps, struct minutes_scan *sc, size_t from,
		 const struct rules_entry **e);
void minutes_scan_release(struct minutes_scan *sc);
void minutes_load_words(struct parser *ps, enum minutes_rules_kind kind, struct wordset *ws);
void minutes_release_words(struct wordset *ws);
void minutes_group_or_all(const struct rules_entry *e, const char *group, size_t *a, size_t *b);
const char *minutes_keep(struct parser *ps, const char *s, size_t a, size_t b);
void minutes_push(const char ***v, size_t *n, size_t *alloc, const char *s);
long minutes_number_at(const char *s, size_t a, size_t b);
/* The number s[a..b) in digits or in words (the rules' 'numword'), or -1. */
long minutes_number(struct parser *ps, const char *s, size_t a, size_t b);
int minutes_is_abbrev(struct parser *ps, const char *s, size_t a, size_t b);
/* The word s[a..b) is one of ws (case, diacritics and dots aside). */
int minutes_in_words(struct parser *ps, const struct wordset *ws, const char *s, size_t a,
		     size_t b);
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
/* Where the sentence that goes on at t[a] ends: at its . ! ? or ;, else b. */
size_t minutes_sentence_end(struct parser *ps, const char *t, size_t a, size_t b);
size_t minutes_sentences(struct parser *ps, const char *t, size_t len, struct span **v,
			 size_t *alloc);
enum section minutes_classify(struct parser *ps, const struct minutes_block *bl, size_t from,
			      size_t *rest);

/* minutes_updates.c */
void minutes_load_keys(struct parser *ps);
/* The organisation of services.yaml that s[a..b) names, or NULL. */
const struct organization *minutes_find_org(struct parser *ps, const char *s, size_t a, size_t b);
/* An update of a row of a capacity table: its organisation bl->text[a..b), its text and numbers. */
void minutes_table_update(struct parser *ps, const struct minutes_block *bl, size_t a, size_t b,
			  const char *text, size_t len, const struct minutes_table_numbers *num);
int minutes_head_ok(struct parser *ps, const char *t, size_t a, size_t b);
int minutes_find_head(struct parser *ps, const struct minutes_block *bl, size_t s, size_t e,
		      struct head *h);
void minutes_add_update(struct parser *ps, const struct minutes_block *bl, const struct head *h);
void minutes_append_update(struct parser *ps, const char *t, size_t a, size_t b);
/* Keep the last update's text: no more joins it. */
void minutes_end_update(struct parser *ps);

/* minutes_people.c */
/* One person in t[a..b): as an item of a list, or named in a sentence. */
enum { MINUTES_IN_LIST, MINUTES_IN_TEXT };
int minutes_person(struct parser *ps, const char *t, size_t a, size_t b, int mode,
		   struct minutes_person *p);
/* Keep a person of text t (group: the organisation when p has none; may be NULL). */
void minutes_add_person(struct parser *ps, const char *t, const struct minutes_person *p,
			const char *group, const char *group_id,
			const struct organization *group_org);
size_t minutes_attendees(struct parser *ps, size_t i, size_t rest, int keep);
int minutes_person_speaks(struct parser *ps, const char *t, size_t a, size_t b);
void minutes_people_in_text(struct parser *ps, const struct minutes_block *bl, size_t from);
size_t minutes_author(struct parser *ps, size_t i, size_t rest);

/* minutes_table.c */
int minutes_table_header(struct parser *ps, const struct minutes_block *bl);
/* The table whose heading row is block i: returns its last block. */
size_t minutes_table(struct parser *ps, size_t i);

/* minutes_dates.c */
void minutes_strip_fillers(struct parser *ps, const char *t, size_t *a, size_t *b);
int minutes_place_label(struct parser *ps, const char *t, size_t b, size_t a, struct span *out);
const char *minutes_place_text(struct parser *ps, const char *t, size_t a, size_t b);
int minutes_meeting_date(struct parser *ps, long i, size_t from);
/* The meeting's time, the first in bl->text[from..). */
void minutes_time_in(struct parser *ps, const struct minutes_block *bl, size_t from);
/* The meeting's day named again in bl: the time and place there, where still unknown. */
void minutes_date_again(struct parser *ps, const struct minutes_block *bl, size_t from);
size_t minutes_count_dates(struct parser *ps, const char *t, size_t len, size_t from);
void minutes_next_meetings(struct parser *ps, const struct minutes_block *bl, size_t from);

/* minutes_capacity.c */
void minutes_capacity_read(struct parser *ps, size_t u);
/* The statement of a row of a capacity table, for update u. */
void minutes_capacity_row(struct parser *ps, size_t u, const struct minutes_table_numbers *num);

#endif
