/*
 * yamldoc: a YAML document as a tree of nodes, each with its position.
 *
 * The only module that talks to libyaml (its event API).  A loaded
 * document is a tree of scalars, sequences and mappings; every node knows
 * the 1-based line and column (in characters) where it starts in the input.
 *
 * What is accepted is deliberately small, for files people write:
 *  - exactly one document (an empty stream gives root == NULL; a second
 *    document is an error);
 *  - no anchors and no aliases (a billion-laughs file is refused at its
 *    first anchor);
 *  - at most YAMLDOC_MAX_DEPTH nested collections, checked while the events
 *    stream in, so hostile nesting fails before anything is built;
 *  - mapping keys are scalars, and unique within their mapping;
 *  - tags are ignored, except that !!str and the non-specific "!" make a
 *    plain scalar count as quoted (so "!!str ~" is the string "~");
 *  - a UTF-8 byte order mark at the start is skipped;
 *  - input read by yamldoc_load_file and yamldoc_load_fd is limited to
 *    YAMLDOC_MAX_BYTES.
 * Errors go to a struct diag with the document's name as file and the
 * position of the offending node (libyaml's problem_mark for its own
 * syntax errors, with libyaml's problem text as message and its context,
 * if any, as hint).
 *
 * A document whose root is a long sequence (a batch) can instead be read
 * item by item (yamldoc_stream_open, _next, _close), with the same rules
 * and messages: each item is built as a tree when it ends and freed at the
 * next call, so memory holds one item, not the document.  The bound of
 * YAMLDOC_MAX_BYTES is then on one item, not on the input; a second
 * document or a syntax error after some items is reported when the
 * stream reaches it.
 *
 * Ownership: the document owns every node and string through its arena;
 * they live until yamldoc_release.  A failed load leaves the document
 * empty (root NULL, nothing to free); yamldoc_release is harmless on it.
 * A stream owns its item until the next call, and its descriptor is the
 * caller's.
 */
#ifndef OKIENKO_YAMLDOC_H
#define OKIENKO_YAMLDOC_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

#define YAMLDOC_MAX_BYTES ((size_t)64 << 20)
#define YAMLDOC_MAX_DEPTH 64

enum yamldoc_kind { YAMLDOC_SCALAR, YAMLDOC_SEQ, YAMLDOC_MAP };

struct yamldoc_node {
	enum yamldoc_kind kind;
	long line, col;
	const char *str; /* scalar value, NUL-terminated (may hold NULs) */
	size_t len;
	int plain;                            /* scalar was unquoted: ~, null and "" mean null */
	char style;                           /* 0 plain, '\'' or '"' quoted, '|' or '>' block */
	size_t n;                             /* items of a seq, pairs of a map */
	struct yamldoc_node **items;          /* seq */
	struct yamldoc_node **keys, **values; /* map; keys are scalars */
};

struct yamldoc {
	struct arena arena;
	struct yamldoc_node *root; /* NULL for an empty stream */
	char *name;                /* used as the file in diagnostics */
};

int yamldoc_load_file(struct yamldoc *doc, const char *path, struct diag *d);
int yamldoc_load_buffer(struct yamldoc *doc, const char *name, const char *buf, size_t len,
			struct diag *d);
/* Read fd to its end (at most YAMLDOC_MAX_BYTES), e.g. standard input. */
int yamldoc_load_fd(struct yamldoc *doc, const char *name, int fd, struct diag *d);
void yamldoc_release(struct yamldoc *doc);

struct yamldoc_stream;
/* Read fd as one document whose root must be a sequence; what names it
 * in the error when it is not ("the batch"): it must outlive the stream. */
struct yamldoc_stream *yamldoc_stream_open(const char *name, int fd, const char *what,
					   struct diag *d);
/* 1 and the next item of the sequence, 0 at the end of the input, -1 with d. */
int yamldoc_stream_next(struct yamldoc_stream *s, const struct yamldoc_node **item, struct diag *d);
/* The document the items belong to, for the helpers below (its name). */
const struct yamldoc *yamldoc_stream_doc(const struct yamldoc_stream *s);
void yamldoc_stream_close(struct yamldoc_stream *s);

/* The value of key in map, or NULL (also when map is NULL or no map). */
const struct yamldoc_node *yamldoc_get(const struct yamldoc_node *map, const char *key);
/* NULL, or a plain scalar "", "~", "null", "Null" or "NULL". */
int yamldoc_is_null(const struct yamldoc_node *n);
/* "a string", "a sequence" or "a mapping", for messages. */
const char *yamldoc_kind_name(enum yamldoc_kind kind);

/*
 * Helpers for validating a tree; each fills d with the document's name
 * and the node's position and returns -1, or returns 0.
 */
int yamldoc_error(const struct yamldoc *doc, const struct yamldoc_node *n, struct diag *d,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* n must be of kind; what names it: "'needs' must be a sequence". */
int yamldoc_expect(const struct yamldoc *doc, const struct yamldoc_node *n, enum yamldoc_kind kind,
		   const char *what, struct diag *d);
/*
 * Every key of map must be in the NULL-terminated list allowed:
 * "unknown key 'nmae'" with the hint "did you mean 'name'?" (or the list
 * of the allowed keys when none is close).
 */
int yamldoc_check_keys(const struct yamldoc *doc, const struct yamldoc_node *map,
		       const char *const *allowed, struct diag *d);

#endif
