/*
 * mocat: a message catalog (GNU .mo file) read into memory, so that words
 * can be looked up in a language chosen by an option (--lang) rather than
 * by the locale: the report labels come from the same catalogs as the
 * messages (lib/po/LL.po), whatever the locale is.
 *
 * A .mo file holds its original strings sorted, each with its
 * translation; a string with a context is stored as "CONTEXT\004MSGID".
 * Everything read is bounds-checked: a corrupt catalog is no catalog.
 *
 * Ownership: struct mocat owns the file's bytes (mocat_release).
 */
#ifndef OKIENKO_MOCAT_H
#define OKIENKO_MOCAT_H

#include <stddef.h>
#include <stdint.h>

struct mocat {
	unsigned char *data;
	size_t size;
	uint32_t n, orig, trans; /* strings, and the offsets of their tables */
	int swap;                /* written on a machine of the other byte order */
};

/* Read path: 0, or -1 when it is missing, unreadable or not a catalog
 * (the struct is then empty and mocat_find finds nothing). */
int mocat_load(struct mocat *c, const char *path);
/* The translation of msgid in context (NULL: none), or NULL. */
const char *mocat_find(const struct mocat *c, const char *context, const char *msgid);
void mocat_release(struct mocat *c);

#endif
