/*
 * hourseval: the filter of schedule-check hours-eval.  Reads CSV with the
 * columns hours, at and optionally country, and writes every record again
 * with the columns open, next_change, state and comment added.
 *
 * The reader (the calling thread) cuts the input into blocks of records;
 * `jobs` worker threads evaluate the blocks, each with its own parsed
 * expressions (an expression is parsed once per worker); the blocks are
 * written in input order.  A bad record (time, country, expression, field
 * count) stops the run at that record: the records before it are written,
 * nothing after it, and -1 is returned with d at its position, as a
 * single-threaded loop would.  Memory is a few blocks, whatever the size
 * of the input.
 */
#ifndef OKIENKO_HOURSEVAL_H
#define OKIENKO_HOURSEVAL_H

#include <stdio.h>

#include "holidays.h"

struct civtz;
struct diag;

/* The most worker threads hourseval_run starts. */
#define HOURSEVAL_MAX_JOBS 8

/*
 * Filter fd (named name in messages) to out.  dflt: the holidays of a
 * record without a country; tz: the zone of the times (NULL: wall clock);
 * jobs: worker threads, 1 to HOURSEVAL_MAX_JOBS.  Returns 0, or -1 with d.
 */
int hourseval_run(int fd, const char *name, enum holidays_country dflt, const struct civtz *tz,
		  int jobs, FILE *out, struct diag *d);
/* The same with loc, where variable times (sunrise ...) are computed
 * (NULL: nowhere, they are refused). */
struct services_location;
int hourseval_run_at(int fd, const char *name, enum holidays_country dflt, const struct civtz *tz,
		     const struct services_location *loc, int jobs, FILE *out, struct diag *d);

#endif
