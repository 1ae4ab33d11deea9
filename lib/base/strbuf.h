/*
 * strbuf: a growable byte buffer, always NUL-terminated.
 *
 * Invariants (as git's strbuf): buf is never NULL after strbuf_init, and
 * buf[len] == '\0'.  The buffer may hold NUL bytes inside.  The strbuf owns
 * buf; strbuf_release frees it and leaves an empty, reusable strbuf;
 * strbuf_reset keeps the allocation (reuse it per record to keep memory flat).
 */
#ifndef OKIENKO_STRBUF_H
#define OKIENKO_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
/* clang-format off */
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }
/* clang-format on */

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Hand over the buffer (caller frees it); sb is left empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen((sb), 0)

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

#endif
