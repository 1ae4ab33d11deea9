/*
 * minutes: meeting minutes as plain text turned into records: the meeting
 * (group, date, time, place), topics, attendees, each organisation's
 * update, the capacity statements in the updates, action points, the next
 * meeting dates and the author.
 *
 * Two stages.  minutes_blocks normalises the text, as written in an editor
 * or extracted from PDF or DOCX, into blocks: paragraphs, bulleted or
 * numbered items and headings, each one logical unit however the lines
 * were wrapped.  It knows no language: bullets of any kind (private-use
 * characters such as U+F0B7, a letter 'o' for a sub-item, bullets lost so
 * that the item's line only starts with a space), hard wraps mid-sentence
 * and mid-name (also across a blank line, where a sentence or a list goes
 * on), hyphenated wraps, letter-spaced words ("s t r á n k á c h"),
 * headings in capitals over several lines, odd spaces, ligatures, soft
 * hyphens and trailing blanks; a line of cells parted by tabs or " | " is
 * a block of its own (a row), and page numbers and running headers ending
 * in one (the rules' 'page') are dropped.  minutes_parse then reads the blocks with
 * the rules of one language (minutes_rules.h) and matches organisations
 * to services.yaml.
 *
 * Ownership: struct minutes_blocks and struct minutes own everything they
 * point to until their _release (the blocks' texts and starts are two pools
 * of struct minutes_blocks); a failed call leaves nothing to free.
 * The rules and services given to minutes_parse are only read, and must
 * outlive the struct minutes (updates point to organizations).
 */
#ifndef OKIENKO_MINUTES_H
#define OKIENKO_MINUTES_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "minutes_rules.h"
#include "services.h"
#include "strbuf.h"

enum minutes_block_kind {
	MINUTES_PARA,     /* running text */
	MINUTES_ITEM,     /* a bulleted item, or one whose bullet was lost */
	MINUTES_NUMBERED, /* "1. ...", "2) ...", "a) ..." (the number is dropped) */
	MINUTES_HEADING,  /* a line, or lines, in capitals */
	MINUTES_ROW       /* a line of cells parted by tabs or pipes: a table's row, a label */
};

/* In a block's starts: the line before this one ended a sentence. */
#define MINUTES_LINE_STOP 0x80000000u
/* The longest text minutes_blocks takes: offsets in a block fit 31 bits. */
#define MINUTES_TEXT_MAX ((size_t)1 << 30)

struct minutes_block {
	const char *text;       /* one line: lines joined with a space; NUL-terminated */
	const uint32_t *starts; /* where each further input line begins in text,
				     with MINUTES_LINE_STOP (minutes_line_start) */
	uint32_t len, nstarts;
	uint32_t line;       /* of its first line in the input */
	unsigned char kind;  /* enum minutes_block_kind */
	unsigned char level; /* 0, or 1 for a sub-item */
};

/* Where input line i (0: the second line of the block) begins in its text. */
static inline size_t minutes_line_start(const struct minutes_block *bl, size_t i)
{
	return bl->starts[i] & ~MINUTES_LINE_STOP;
}

/* The line before line i ended a sentence. */
static inline int minutes_line_stop(const struct minutes_block *bl, size_t i)
{
	return (bl->starts[i] & MINUTES_LINE_STOP) != 0;
}

struct minutes_blocks {
	struct minutes_block *v;
	size_t n, alloc;
	char *text;              /* every block's text, one after another */
	uint32_t *starts;        /* every block's starts */
	unsigned long long work; /* as in struct minutes */
};

/*
 * Split text (len bytes, UTF-8, a BOM allowed) into blocks.  From rules
 * (may be NULL) it takes the month names, to tell a line that starts with a
 * date ("15. května 2023") from a numbered item, and the section headings
 * ("Přítomni:"), which start a block wherever their line is.  Invalid UTF-8
 * and NUL bytes are data errors at their line and column in file name.
 */
int minutes_blocks(struct minutes_blocks *b, const char *name, const char *text, size_t len,
		   const struct minutes_rules *rules, struct diag *d);
void minutes_blocks_release(struct minutes_blocks *b);

struct minutes_update {
	const char *organization;       /* as in services.yaml, else as written */
	const char *org_id;             /* its id there, else a slug of the name */
	const struct organization *org; /* NULL when not in services.yaml */
	const char *text;
	long line;
};

/*
 * A person present: name as written with academic and clerical titles
 * ("Mgr. Jana Nováková", "ks. Paweł Rutkowski"), without honorifics (p.,
 * pan, paní); the organisation beside the name (its services.yaml name and
 * id where it is there); the role or function ("koordinátorka").
 */
struct minutes_attendee {
	const char *name;
	const char *organization;       /* NULL when none is given */
	const char *org_id;             /* NULL when not in services.yaml */
	const struct organization *org; /* NULL when not in services.yaml */
	const char *role;               /* NULL when none is given */
};

struct minutes_capacity {
	size_t update;       /* index of the update it was found in */
	const char *service; /* the organisation's service of that unit, else org_id */
	const char *unit;
	long used, total, free, waiting; /* -1 when not stated; free: stated or total - used */
	const char *status;              /* "full", "near-full", "ok" or "unknown" */
	const char *quote;               /* the sentences, as written */
};

struct minutes_when {
	long day;         /* days since 1970-01-01 */
	int hour, minute; /* hour -1: no time given */
};

struct minutes {
	struct arena arena;                 /* every string below */
	const char *group, *place, *author; /* NULL when not found */
	struct minutes_when when;           /* the meeting */
	const char **topics, **actions;
	size_t ntopics, nactions;
	struct minutes_attendee *attendees;
	size_t nattendees;
	struct minutes_update *updates;
	size_t nupdates;
	struct minutes_capacity *capacity;
	size_t ncapacity;
	struct minutes_when *next;
	size_t nnext;
	const char *next_place; /* where the next meetings are, or NULL */
	size_t topics_alloc, attendees_alloc, actions_alloc, updates_alloc, capacity_alloc,
		next_alloc;
	struct diag *warnings; /* the first MINUTES_WARNINGS_MAX, in the text's order */
	size_t nwarnings;      /* how many there were */
	/*
	 * The work the parse did: characters its searches went through, steps
	 * of its loops.  Only for tests that it grows linearly with the text.
	 */
	unsigned long long work;
};

#define MINUTES_NO_DATE LONG_MIN
/* Warnings beyond these are counted, not kept. */
#define MINUTES_WARNINGS_MAX 20

struct minutes_params {
	const struct minutes_rules *rules;
	const struct services *services; /* NULL: organisations get slugs */
	long date;  /* the meeting's date if the caller knows it, else MINUTES_NO_DATE */
	long today; /* for a meeting date written without a year */
	int force;  /* read as minutes what does not look like minutes */
};

/*
 * Parse minutes.  Errors: those of minutes_blocks, a rule that hits its
 * match limit, and minutes without a meeting date or whose meeting date
 * has an impossible year ("12. listopadu 3000"; when p->date is
 * MINUTES_NO_DATE), all DIAG_DATA.  Warnings (a next meeting with an
 * impossible year, which is left out) go to m->warnings.
 */
int minutes_parse(struct minutes *m, const struct minutes_params *p, const char *name,
		  const char *text, size_t len, struct diag *d);
void minutes_release(struct minutes *m);

/* "2023-09-11T13:30", or "2023-09-11" without a time; buf >= 32 bytes. */
void minutes_format_when(char *buf, const struct minutes_when *w);
/* The YAML document of minutes-parse(1), every string double-quoted. */
void minutes_yaml(const struct minutes *m, struct strbuf *sb);
/* The same document written to f a piece at a time; errors are f's (ferror). */
void minutes_yaml_print(const struct minutes *m, FILE *f);

#endif
