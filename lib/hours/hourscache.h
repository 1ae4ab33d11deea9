/*
 * hourscache: ohours_eval_next_tz with a memory, for evaluating one set of
 * expressions at many times (hours-eval).
 *
 * The reference's search for the next change goes from instant to instant
 * (ohours_walk_step), each instant naming the next; where the state does
 * not change for months it looks at thousands of instants.  Walks that
 * start at different times soon pass the same instants, and from a given
 * instant on a walk is always the same.  So the cache remembers, for some
 * instants a walk passed (about one a day), the state there and how far
 * the state stays the same: the first instant on from there whose state
 * differs (or that the search ends there), or else the instant where the
 * walk that learnt it stopped at its limit.  A later walk that reaches
 * such an instant jumps; what it then learns is written back to every
 * instant of its own it remembered.  The answers are exactly those of
 * ohours_eval_next_tz: only whole stretches of walks already taken are
 * skipped, never a guess about instants in between.  Expressions with
 * variable times or school holidays are not cached: their search may fail
 * where the reference throws, and they go to ohours_eval_next_tz itself.
 *
 * Memory: a fixed table of HOURSCACHE_SLOTS entries of a few dozen bytes
 * (about 4 MiB), an entry overwriting the one in its slot; it does not grow
 * with the number of rows or expressions.
 *
 * Entries are keyed by the expression's address, the country and the
 * instant, for one zone (the cache forgets everything when another zone is
 * asked for): an expression must stay allocated while the cache may know
 * it; hourscache_clear before freeing one.  One cache per thread.
 */
#ifndef OKIENKO_HOURSCACHE_H
#define OKIENKO_HOURSCACHE_H

#include <stdint.h>

#include "holidays.h"
#include "ohours.h"

struct civtz;
struct hourscache;

/* Slots of the table, a power of two. */
#define HOURSCACHE_SLOTS (1u << 18)

/* slots: a power of two, or 0 for HOURSCACHE_SLOTS (tests use few). */
struct hourscache *hourscache_new(unsigned slots);
void hourscache_clear(struct hourscache *hc);
void hourscache_free(struct hourscache *hc);

/* ohours_eval_next_tz, remembering walks: the answer at local in *a, the
 * next change returned (OHOURS_NONE for none). */
int64_t hourscache_eval_next(struct hourscache *hc, const struct ohours *oh,
			     enum holidays_country c, const struct civtz *tz, int64_t local,
			     struct ohours_answer *a);

#endif
