/*
 * rx: regular expressions over PCRE2 (UTF mode), the one wrapper of the
 * project: intake-query's --match and the rules of the minutes parser.
 *
 * Every match runs under a match limit and a depth limit, so a pattern
 * with catastrophic backtracking fails with an error instead of hanging.
 * A syntax error names the column of the pattern in characters.
 * Ownership: struct rx owns its compiled code and match data; rx_free.
 */
#ifndef OKIENKO_RX_H
#define OKIENKO_RX_H

#include <stddef.h>

#include "diag.h"

struct rx;

enum {
	RX_RULES = 1 /* the rules' dialect: caseless, Unicode classes, repeated
			   group names; subjects valid UTF-8 (not checked again),
			   machine code only on rx_jit; syntax errors DIAG_DATA */
};

/* Compile pattern (flags 0: a user's pattern, invalid UTF-8 in subjects
   never matches, machine code at once, syntax errors DIAG_USAGE); what
   names it in messages ("--match"). */
struct rx *rx_compile(const char *pattern, const char *what, unsigned flags, struct diag *d);
/* To machine code, where the JIT is there (else the interpreter stays). */
void rx_jit(struct rx *rx);
/* 1 match, 0 no match, -1 error (limit exceeded) in d. */
int rx_match(struct rx *rx, const char *subject, size_t len, struct diag *d);
/*
 * The same from byte from on; anchored: there only, the subject seen as
 * starting at from (so that ^ holds there).
 */
int rx_exec(struct rx *rx, const char *s, size_t len, size_t from, int anchored, struct diag *d);
/* The last match's span, 0 0 when it did not match. */
void rx_span(const struct rx *rx, size_t *start, size_t *end);
/* The span of the group called name that took part in the last match: 1, or 0. */
int rx_group(const struct rx *rx, const char *name, size_t *start, size_t *end);
void rx_free(struct rx *rx);

#endif
