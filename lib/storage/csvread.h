/*
 * csvread: a streaming RFC 4180 reader over libcsv, with positions.
 *
 * libcsv does the parsing (quotes, doubled quotes, strict syntax); beside it
 * one pass over the same bytes validates UTF-8, rejects NUL bytes, strips a
 * leading UTF-8 BOM, and records where each record and field starts (line,
 * column in characters, byte offset) so every later error can point at it.
 * CRLF and LF line ends are accepted; fields keep embedded CR/LF verbatim.
 *
 * Memory is bounded by the read chunk plus one record: rows are handed out
 * one at a time from a buffer that is reused, a field longer than max_field
 * (default 1 MiB) or a record larger than max_record (16 MiB) or with more
 * than max_fields (1000) fields is an error before it is buffered whole.
 *
 * Ownership: the reader owns the row it returns from csvread_next; the row
 * and its strings stay valid until the next call or csvread_free.  The
 * reader does not own fd (the caller closes it).
 */
#ifndef OKIENKO_CSVREAD_H
#define OKIENKO_CSVREAD_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"

enum csvread_flag {
	/*
	 * A last record without a line end is an error, not a record: in our
	 * append-only files it is the trace of a torn write.
	 */
	CSVREAD_STRICT_END = 1,
	/*
	 * The same record is dropped instead (readers racing a writer, or
	 * reading after a crash); csvread_torn() then says so.
	 */
	CSVREAD_SKIP_TORN_END = 2,
	/*
	 * Send every line through libcsv.  By default a line that starts a
	 * record and holds no quote and no CR is split here directly, which is
	 * what libcsv would do with it, only faster; tests compare the two.
	 */
	CSVREAD_LIBCSV_ONLY = 4
};

struct csvread_row {
	size_t n;         /* number of fields, >= 1 */
	char **field;     /* NUL-terminated field values */
	size_t *len;      /* their lengths in bytes */
	long *line, *col; /* where each field starts (its opening quote, if quoted) */
	char *quoted;     /* the field was quoted: its text starts one column later */
	long lineno;      /* line where the record starts (== line[0]) */
	off_t offset;     /* byte offset of the record's first byte */
	off_t end;        /* just past the character that ended the record: LF, or the CR of CRLF */
};

struct csvread;

struct csvread *csvread_open(int fd, const char *name, unsigned flags);
/* Read from memory instead of a descriptor; buf must outlive the reader. */
struct csvread *csvread_open_buffer(const char *buf, size_t len, const char *name, unsigned flags);
void csvread_set_limits(struct csvread *r, size_t max_field, size_t max_record, size_t max_fields);
/*
 * The descriptor is positioned at a record start inside the file (at
 * offset, on line): positions count from there.  Call before reading.
 */
void csvread_set_origin(struct csvread *r, off_t offset, long line);
/* 1 and *row set: a record; 0: end of input; -1: error in d (DIAG_DATA or DIAG_SYSTEM). */
int csvread_next(struct csvread *r, struct csvread_row **row, struct diag *d);
/* Line of the record dropped by CSVREAD_SKIP_TORN_END, or 0. */
long csvread_torn(const struct csvread *r);
void csvread_free(struct csvread *r);

#endif
