/*
 * rules: patterns with captures, and ordered sets of them (rule tables)
 * built from a table in C and replaced, kind by kind, from a YAML file.
 *
 * A pattern (struct rules_rx) is one of base/rx in its rules dialect:
 * PCRE2 in UTF mode with Unicode properties (\w, \d, \b and [[:alpha:]] know every script, so "\bsetkání\b"
 * works) and caseless, where \p{Lu} and \p{Ll} keep their case; duplicate
 * group names are allowed (the first group that took part is reported).  It
 * is JIT-compiled where the platform allows, and every match runs under a
 * match limit and a depth limit, so a pattern that backtracks without end
 * fails with an error instead of hanging.
 *
 * A rule set holds entries of the kinds its caller declares (struct
 * rules_kind): patterns, or plain words (RULES_WORDS); a tagged kind
 * (RULES_TAGGED) gives each entry a tag, such as the unit a unit pattern
 * stands for.  Entries keep their order.  In a YAML rules file every kind
 * is a key of the top mapping: an untagged kind takes a string or a
 * sequence of strings, a tagged one a sequence of one-pair mappings
 * "- TAG: STRING" or "- TAG: [STRING, ...]".  A kind in the file replaces
 * all the entries of that kind; the kinds it leaves out are kept.
 *
 * Before compiling, "{NAME}" in a pattern is replaced by a macro of the
 * caller's (struct rules_macro) or, when NAME is a pattern kind of the set,
 * by the named group (?<NAME>...) of all that kind's patterns as
 * alternatives; anything else in braces is left for PCRE2.
 *
 * PCRE2's JIT may read a little past the end of a subject (aligned loads
 * that never cross a page): keep RULES_PAD bytes after it initialised, or
 * valgrind reports uses of uninitialised memory.
 *
 * Ownership: a struct rules owns its entries, their strings (an arena) and
 * compiled patterns until rules_release; a struct rules_rx owns its code and
 * match data, and the captures of its last match live until the next one.
 */
#ifndef OKIENKO_RULES_H
#define OKIENKO_RULES_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "strbuf.h"
#include "yamldoc.h"

struct rules_rx;

#define RULES_PAD 64

/* Compile pattern; what names it in messages ("--rules rules.yaml:3:5"). */
struct rules_rx *rules_rx_new(const char *pattern, const char *what, struct diag *d);
/* The same, compiled at its first match (a built-in pattern, known to be good). */
struct rules_rx *rules_rx_lazy(const char *pattern, const char *what);
/*
 * Search s[from..len) (s[0..from) is seen by lookbehinds and \b), or with
 * anchored match only at from, where the subject then starts (^ matches
 * there): 1 match, 0 none, -1 error (a limit) in d.  s must be valid UTF-8
 * and from and len at character boundaries: it is not checked again on
 * every call, which would make a search through a text quadratic.
 */
int rules_rx_exec(struct rules_rx *rx, const char *s, size_t len, size_t from, int anchored,
		  struct diag *d);
/* The last match: its span, and a named group's (0 when the group did not take part). */
void rules_rx_span(const struct rules_rx *rx, size_t *start, size_t *end);
int rules_rx_group(const struct rules_rx *rx, const char *name, size_t *start, size_t *end);
/*
 * The work of all searches so far, for tests of how it grows with the
 * subject: the characters a search went through (to the end of its match,
 * or of the subject when it found none); an anchored search that fails
 * counts one.
 */
unsigned long long rules_rx_work(const struct rules_rx *rx);
void rules_rx_free(struct rules_rx *rx);

enum {
	RULES_WORDS = 1, /* plain words, not patterns */
	RULES_TAGGED = 2
};

struct rules_kind {
	const char *name;
	unsigned flags;
	const char *const *tags; /* the allowed tags, NULL-terminated; NULL: any */
	const char *help;        /* one line, printed above the kind by rules_dump */
};

/* A row of a built-in table; a row with kind NULL ends it. */
struct rules_src {
	const char *kind, *tag, *text;
};

struct rules_macro {
	const char *name, *text;
};

struct rules_entry {
	size_t kind;     /* index into kinds */
	const char *tag; /* NULL for untagged kinds */
	const char *text;
	struct rules_rx *rx; /* after rules_compile; NULL for words */
	long line, col;      /* in the rules file; 0 for a built-in entry */
};

struct rules {
	const struct rules_kind *kinds;
	size_t nkinds;
	struct rules_entry *v;
	size_t n, alloc;
	const char *file; /* the rules file for messages, or NULL */
	struct arena arena;
	const struct rules_entry **by_kind; /* after rules_compile: the entries by kind */
	size_t *kind_first;                 /* ...kind k's from kind_first[k] */
};

void rules_init(struct rules *r, const struct rules_kind *kinds, size_t nkinds);
/* The index of kind name, or -1. */
int rules_kind(const struct rules *r, const char *name);
/* Append an entry (strings copied); an unknown kind or tag is an error. */
int rules_add(struct rules *r, const char *kind, const char *tag, const char *text, struct diag *d);
int rules_add_table(struct rules *r, const struct rules_src *src, struct diag *d);
/*
 * Replace kinds with those of map, a mapping of doc.  Keys in other_keys
 * (NULL-terminated) are the caller's and skipped; any other unknown key is
 * an error with a "did you mean" hint.  Patterns compiled before must be
 * compiled again (rules_compile).  After an error the set is only fit for
 * rules_release.
 */
int rules_load_yaml(struct rules *r, const struct yamldoc *doc, const struct yamldoc_node *map,
		    const char *const *other_keys, struct diag *d);
/* Compile every pattern (macros may be NULL); errors point at the entry. */
int rules_compile(struct rules *r, const struct rules_macro *macros, struct diag *d);
/* The entries of kind in their order, after rules_compile: *n of them. */
const struct rules_entry *const *rules_entries(const struct rules *r, size_t kind, size_t *n);
/*
 * The entry of kind whose pattern matches s[from..len) leftmost (ties: the
 * earlier entry): 1 and *entry set (its rx holds the captures), 0 none, -1
 * error.
 */
int rules_match(const struct rules *r, size_t kind, const char *s, size_t len, size_t from,
		int anchored, const struct rules_entry **entry, struct diag *d);
/* The work of the searches of all the set's patterns (rules_rx_work). */
unsigned long long rules_work(const struct rules *r);
/* The set as a YAML rules file that loads back to the same set. */
void rules_dump(const struct rules *r, struct strbuf *sb);
void rules_release(struct rules *r);

#endif
