/*
 * intakeid: the ids of intake records, and numbering new ones.
 *
 * An id is "YYYY-NNNNNN": the year the record was stored, '-', and a
 * number counted from 1 within that year, written with at least six
 * digits and at most nine (1 to INTAKEID_SEQ_MAX).  intake-add gives the
 * ids under the lock of intake.csv, each one more than the file's last
 * (intakeid_number), so ids are unique and increase in file order.  The
 * rest of the toolkit relies on that order: referral's look-up stops once
 * past the largest id it wants, data-check reports an id that does not
 * increase, intake-purge keeps the last record when removing it would let
 * its id be given again.
 *
 * Ownership: ids are written into the caller's buffers; nothing is
 * allocated here.
 */
#ifndef OKIENKO_INTAKEID_H
#define OKIENKO_INTAKEID_H

#include <stddef.h>

#include "datadir.h"
#include "diag.h"

#define INTAKEID_SEQ_MAX 999999999L
#define INTAKEID_MAX 16 /* "YYYY-NNNNNNNNN" and its NUL, with room */

enum {
	INTAKEID_SHORT = 1 /* also fewer than six digits, as people type it (2026-215) */
};

/* 0 and *year, *seq; -1 when id is not an id (nothing set). */
int intakeid_parse(const char *id, unsigned flags, int *year, long *seq);
/* The id as intake-add writes it (cut to len). */
void intakeid_format(char *buf, size_t len, int year, long seq);
/* <0, 0, >0 as id (y1, s1) comes before, is, or comes after (y2, s2). */
int intakeid_cmp(int y1, long s1, int y2, long s2);
/*
 * The id after last (NULL or "": none) for a record stored in year: the
 * last one's year when the clock is behind the file (the order is kept).
 * -1 when last is not an id or its year's numbers are used up.
 */
int intakeid_next(const char *last, int year, char *buf, size_t len);

/*
 * The ids of n new records stored in year, into ids[0..n), under the lock
 * of intake.csv (datadir_lock, whose header was checked): the first one
 * after the file's last id, read back from its end (the cost does not
 * depend on the file's size) past blank lines.  When the last record has
 * no valid id, or the year's numbers run out, nothing is numbered and d
 * says so: numbering afresh could give an id a second time.
 */
int intakeid_number(struct datadir_lock *lk, int year, size_t n, char (*ids)[INTAKEID_MAX],
		    struct diag *d);
/*
 * The same for a batch too large to hold its ids: the first id's year and
 * number (the others follow it one by one: first_seq + i); nothing is set
 * when n is 0.
 */
int intakeid_first(struct datadir_lock *lk, int year, size_t n, int *first_year, long *first_seq,
		   struct diag *d);

#endif
