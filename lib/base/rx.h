/*
 * rx: regular expressions over PCRE2 (UTF mode, JIT when available).
 *
 * Every match runs under a match limit and a depth limit, so a pattern
 * with catastrophic backtracking fails with an error instead of hanging.
 * Ownership: struct rx owns its compiled code and match data; rx_free.
 */
#ifndef OKIENKO_RX_H
#define OKIENKO_RX_H

#include <stddef.h>

#include "diag.h"

struct rx;

/* Compile pattern; a syntax error names the column in the pattern. */
struct rx *rx_compile(const char *pattern, const char *what, struct diag *d);
/* 1 match, 0 no match, -1 error (limit exceeded) in d. */
int rx_match(struct rx *rx, const char *subject, size_t len, struct diag *d);
void rx_free(struct rx *rx);

#endif
