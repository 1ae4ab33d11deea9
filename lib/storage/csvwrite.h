/*
 * csvwrite: RFC 4180 output into a strbuf.
 *
 * A field is quoted when it holds a comma, a double quote, CR or LF, or
 * starts or ends with a space (so no reader trims it); quotes are doubled.
 * Records end with LF.  The caller owns the strbuf and writes it out, so a
 * whole record can go to a file with one write(2).
 */
#ifndef OKIENKO_CSVWRITE_H
#define OKIENKO_CSVWRITE_H

#include <stddef.h>

#include "strbuf.h"

void csvwrite_field(struct strbuf *sb, const char *s, size_t len);
/* Append fields[0..n) (NUL-terminated strings) as one record plus LF. */
void csvwrite_record(struct strbuf *sb, const char *const *fields, size_t n);

#endif
