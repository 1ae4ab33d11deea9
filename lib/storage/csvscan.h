/*
 * csvscan: the fast path of the CSV reader.  Splits a buffer of complete
 * records in place, for records in the canonical form okienko writes
 * (RFC 4180: LF line ends, a field quoted only when it must be, quotes
 * doubled inside), without copying fields.
 *
 * The buffer must start at the start of a record.  Fields are cut where
 * they lie: the byte after each field becomes its NUL terminator and the
 * doubled quotes of a quoted field are folded, so the buffer is consumed.
 *
 * Anything csvread (libcsv) might read differently or must report stops
 * the scan with CSVSCAN_UNUSUAL before that record is handed out: a CR,
 * a NUL byte, invalid UTF-8, a quote inside an unquoted field or text
 * after a closing quote, a blank line, a record without a line end, and
 * a field, record or field count over the limits.  The caller then reads
 * from the offset of that record on with csvread, which treats it exactly
 * as it would have from the start, with its position.  A differential
 * fuzz target (scripts/fuzz.d/csvdiff_fuzz.c) holds the two to the same records.
 *
 * Rows carry no field positions (line and col are NULL, lineno is 0):
 * whoever needs a position for a message falls back to csvread, which has
 * them.
 *
 * Ownership: the scanner owns the row's arrays (csvscan_release); the
 * field strings point into the caller's buffer.
 */
#ifndef OKIENKO_CSVSCAN_H
#define OKIENKO_CSVSCAN_H

#include <stddef.h>
#include <sys/types.h>

#include "csvread.h"

enum { CSVSCAN_END = 0, CSVSCAN_ROW = 1, CSVSCAN_UNUSUAL = -1 };

struct csvscan {
	char *p, *end;   /* what is left of the buffer */
	char *start;     /* the buffer's first byte */
	off_t base;      /* file offset of start */
	size_t newlines; /* LF bytes in the records handed out so far */
	size_t max_field, max_record, max_fields;
	size_t alloc;
	struct csvread_row row;
};

/* The limits are csvread's defaults. */
void csvscan_init(struct csvscan *s);
/* Scan buf[0..len), whose first byte is at file offset base. */
void csvscan_reset(struct csvscan *s, char *buf, size_t len, off_t base);
/*
 * CSVSCAN_ROW and *row: the next record; CSVSCAN_END: the buffer is done;
 * CSVSCAN_UNUSUAL: the record at csvscan_offset() is not for the fast path.
 */
int csvscan_next(struct csvscan *s, struct csvread_row **row);
/* File offset of the next record (after CSVSCAN_UNUSUAL: the unusual one). */
off_t csvscan_offset(const struct csvscan *s);
void csvscan_release(struct csvscan *s);

#endif
