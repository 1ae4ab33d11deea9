/*
 * intakefast: the stored forms of intake.csv's time, client and note,
 * recognised from their bytes, for readers that check millions of records
 * (intakememo).  These columns differ in nearly every record, so a memo
 * of values does not help them, and their careful rules (intake.c) parse,
 * convert and format each value again.
 *
 * Each recogniser answers 1 only for a value that intake_check_column
 * keeps as it is, byte for byte; 0 says "not shown", and the caller runs
 * the careful rule.  A differential test holds each to its rule
 * (intakefast_test), on the edges as well (changes of the clocks, leap
 * days, 24:00, offsets, seconds, junk).  Nothing allocates; a struct
 * intake_fast_ts is one reader's (one per thread) and holds no pointer it
 * owns (tz stays the caller's).
 */
#ifndef OKIENKO_INTAKEFAST_H
#define OKIENKO_INTAKEFAST_H

#include <stddef.h>
#include <stdint.h>

#include "fields.h"

/*
 * The time "YYYY-MM-DDTHH:MM:SS+HH:MM", with what was last looked up: the
 * date, and a span of the zone in which its offset holds (records come
 * in time order, so a block of them needs one look-up a day at most).
 */
struct intake_fast_ts {
	const struct civtz *tz;
	int64_t now;
	char date[10]; /* the last date read, valid */
	long days;     /* of date */
	int have_date;
	int64_t from, until; /* tz's offset is offset in [from, until) */
	int offset;
};

void intake_fast_ts_init(struct intake_fast_ts *t, const struct fields_context *ctx);
/* 1: s[0..len) is a time intake_check_column stores unchanged. */
int intake_fast_ts(struct intake_fast_ts *t, const char *s, size_t len);
/* 1: a client (or desk) reference stored unchanged. */
int intake_fast_reference(const char *s, size_t len);
/* 1: a note stored unchanged. */
int intake_fast_note(const char *s, size_t len);

#endif
