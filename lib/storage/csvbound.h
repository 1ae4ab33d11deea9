/*
 * csvbound: where a CSV record ends, found without parsing it.  Every
 * quoted field holds an even number of quote characters, so a line feed
 * ends a record exactly when the quotes between the start of a record and
 * the line feed are even ("quote parity").  The one rule for the writer's
 * torn-tail repair and last-record look-up (datadir) and for the block
 * cutter of the parallel reader (csvpar).
 *
 * The rule needs a known record start to count from: the start of the
 * file, of a committed append, or the end of a known record (counting
 * backwards: a line feed ends a record when the quotes after it, up to a
 * known record end, are even).  It does not judge the record: a quote
 * inside an unquoted field shifts it, as it shifts every CSV reader that
 * follows RFC 4180.
 */
#ifndef OKIENKO_CSVBOUND_H
#define OKIENKO_CSVBOUND_H

#include <stddef.h>

/* 1 when buf[0..len) holds an odd number of quote characters, else 0. */
int csvbound_parity(const char *buf, size_t len);

/*
 * buf[0..len) follows bytes whose quotes have parity *odd (0 at a record
 * start).  Returns the length of buf up to and with the last line feed
 * that ends a record, 0 when none does, and sets *odd to the parity at the
 * end of buf, so that a long input can be given block by block.
 */
size_t csvbound_last(const char *buf, size_t len, int *odd);

#endif
