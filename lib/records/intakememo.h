/*
 * intakememo: does a stored intake record pass intake_validate unchanged?
 * The same answer as running it, for readers that check millions of
 * records (data-check), at the cost of a few look-ups a record.
 *
 * The rules stay intake.c's: a column's value is put through that
 * column's own rule (intake_check_column) once, and remembered when it
 * passes unchanged; a ;-list (language, needs, referred_to) is remembered
 * item by item, since a list of items that each pass unchanged, with no
 * empty or repeated item, is what the list rule stores.  The rules across
 * columns (intake_across_ok) run on every record; the time, the client
 * and the note, different in nearly every record, are checked every time,
 * their usual stored forms recognised directly (intakefast.h).
 *
 * 0 says only "not shown": the caller then runs intake_validate, which
 * normalises and has the message.  A differential test holds the two to
 * the same answers (intakememo_test).
 *
 * Memory is fixed: a small table per column, in which a value pushes out
 * another of the same hash.  One memo per thread.
 */
#ifndef OKIENKO_INTAKEMEMO_H
#define OKIENKO_INTAKEMEMO_H

#include <stddef.h>

#include "intake.h"

struct intake_memo;

struct intake_memo *intake_memo_new(const struct fields_context *ctx);
/* 1: the fields (all INTAKE_NCOLS; the id is not looked at) are valid and in
 * normal form, as intake_validate would store them; 0: not shown. */
int intake_memo_canonical(struct intake_memo *m, char *const *field, const size_t *len);
void intake_memo_free(struct intake_memo *m);

#endif
