/*
 * csvwrite: RFC 4180 output into a strbuf.
 *
 * A field is quoted when it holds a comma, a double quote, CR or LF, or
 * starts or ends with a space (so no reader trims it); quotes are doubled.
 * Records end with LF.  The caller owns the strbuf and writes it out, so a
 * whole record can go to a file with one write(2).
 *
 * The formula rule (okienko(7), Output formats), the one rule for every
 * CSV and TSV cell okienko writes or prints: a spreadsheet that opens a
 * cell beginning with '=', '+', '-' or '@' runs it as a formula
 * (=HYPERLINK(...), @SUM(...), -2+3+cmd|...), and one beginning with TAB
 * or CR may be read as such; such a cell gets a leading apostrophe, which
 * the spreadsheet shows as text.  A plain number (an optional '-', digits,
 * optionally '.' and digits: -5, -0.5) is a value, not a formula, and is
 * left as it is.  A cell that already begins with the apostrophe is safe.
 * The writers apply it to the free-text fields they store (a note);
 * output.c to every cell of csv and tsv output.
 */
#ifndef OKIENKO_CSVWRITE_H
#define OKIENKO_CSVWRITE_H

#include <stddef.h>

#include "strbuf.h"

void csvwrite_field(struct strbuf *sb, const char *s, size_t len);
/* 1 when the formula rule asks for a leading apostrophe on s[0..len). */
int csvwrite_is_formula(const char *s, size_t len);
/* csvwrite_field of the cell, with the apostrophe of the formula rule. */
void csvwrite_cell(struct strbuf *sb, const char *s, size_t len);
/* csvwrite_record with the formula rule on every cell (printed output). */
void csvwrite_cells(struct strbuf *sb, const char *const *fields, size_t n);
/* Append fields[0..n) (NUL-terminated strings) as one record plus LF. */
void csvwrite_record(struct strbuf *sb, const char *const *fields, size_t n);

#endif
