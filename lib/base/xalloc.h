/*
 * xalloc: allocation that cannot fail.  On out-of-memory it prints
 * "PROG: out of memory" and exits with DIAG_SYSTEM (4): there is no sane
 * recovery in a small command, and every write path is atomic, so exiting
 * never leaves a half-written file.  Callers own what they get and free it.
 */
#ifndef OKIENKO_XALLOC_H
#define OKIENKO_XALLOC_H

#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow an array of nmemb elements of size, checking the multiplication. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Ensure capacity *alloc >= need for an array of elements of size elsize. */
#define XALLOC_GROW(ptr, need, alloc)                                                          \
	do {                                                                                   \
		if ((need) > (alloc)) {                                                        \
			size_t xalloc_n_ = (alloc) ? (alloc) : 8;                              \
			while (xalloc_n_ < (need))                                             \
				xalloc_n_ = xalloc_n_ > SIZE_MAX / 2 ? (need) : xalloc_n_ * 2; \
			(ptr) = xreallocarray((ptr), xalloc_n_, sizeof *(ptr));                \
			(alloc) = xalloc_n_;                                                   \
		}                                                                              \
	} while (0)

#endif
