/*
 * lifecycle_int: the parts of lifecycle shared by its files: the compact
 * entry kept per request, the sorted ids, and step 1 (lifecycle_find.c).
 *
 * Ownership: the entries and ids belong to the update (lifecycle.h);
 * lifecycle_find keeps the reader it opens in *file for the caller to
 * close (intakefile_close).
 */
#ifndef OKIENKO_LIFECYCLE_INT_H
#define OKIENKO_LIFECYCLE_INT_H

#include <stdint.h>
#include <sys/types.h>

#include "intakefile.h"
#include "lifecycle.h"

enum {
	LIFECYCLE_BAD = 1,     /* the request came with its problem */
	LIFECYCLE_DUP = 2,     /* its id was given before (id_line: where first) */
	LIFECYCLE_FOUND = 4,   /* off, len: its record in intake.csv */
	LIFECYCLE_MISSING = 8, /* off: its place in the sorted ids */
};

struct lifecycle_item {
	off_t off;
	uint32_t len;
	uint32_t flags;
	long id_line;
};

/* An id asked for, as a number that sorts as the ids do, and the nearest ids there are. */
struct lifecycle_wanted {
	uint64_t key;
	size_t req;
	uint64_t below, above; /* 0: none */
};

uint64_t lifecycle_key(int year, long seq);
void lifecycle_key_format(char *buf, size_t len, uint64_t key);
/* Sort the ids; mark those given twice; keep those of requests without a problem. */
void lifecycle_sort_ids(struct lifecycle_update *u);
/* Is id one of those asked for (a filter for changes_read)? */
int lifecycle_wants(void *u, const char *id);
/* Step 1: find each id in DIR/intake.csv (*file: the reader, kept open). */
int lifecycle_find(struct lifecycle_update *u, struct intakefile **file, struct diag *d);
/* The problem of a request whose id is not there, with the nearest ids. */
void lifecycle_unknown(const struct lifecycle_update *u, struct lifecycle_request *r,
		       const struct lifecycle_item *it);
/* The stored record of a request found in step 1, read again from file. */
int lifecycle_stored(const struct lifecycle_item *it, struct intakefile *file,
		     struct intake_record *stored, struct strbuf *buf, struct diag *d);

#endif
