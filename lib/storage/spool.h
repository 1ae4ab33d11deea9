/*
 * spool: a sequence of byte strings kept aside until it is complete, then
 * read back in order as often as needed (a batch checked record by record
 * before any of it is stored).  Memory stays flat however long the
 * sequence grows: past SPOOL_MEM bytes it goes to a file.
 *
 * The file is a temporary file of the data directory, where the records
 * belong anyway (their personal data goes nowhere else, such as /tmp):
 * ".NAME.tmp.RANDOM", created with O_EXCL (dirfile_temp, mode 0600) and
 * removed at once, so that it has no name while it is written and a
 * process that is killed leaves nothing behind.  Should it be killed in
 * the instant between the two, the name is that of a crashed rewrite's
 * temporary file, which the next rewrite of NAME removes (datadir.h).
 *
 * Calling sequence:
 *	spool_init(&sp, dirfd, dirpath, "intake.csv");
 *	spool_put(&sp, buf, len, &d) ...     in order
 *	spool_rewind(&sp, &d); while (spool_get(&sp, &buf, &len, &d) == 1) ...
 *	spool_release(&sp);
 *
 * Ownership: the spool owns its memory and its descriptor; the bytes
 * spool_get returns are valid until the next call on the spool.
 */
#ifndef OKIENKO_SPOOL_H
#define OKIENKO_SPOOL_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"
#include "strbuf.h"

#define SPOOL_MEM (1024 * 1024)

struct spool {
	int dirfd;           /* not owned */
	const char *dirpath; /* for messages; not owned */
	char *prefix;        /* ".NAME.tmp." */
	char *path;          /* DIR/.NAME.tmp.RANDOM once the file exists, for messages */
	int fd;              /* -1 while everything is in buf */
	struct strbuf buf;   /* writing: what is not in the file yet; reading: read ahead */
	size_t pos;          /* reading: the next byte of buf */
	int reading;         /* spool_rewind was called: no more spool_put */
	int eof;             /* reading: the file is read to its end */
	size_t n;            /* strings put */
};

void spool_init(struct spool *sp, int dirfd, const char *dirpath, const char *name);
int spool_put(struct spool *sp, const char *buf, size_t len, struct diag *d);
/* Start reading from the first string; also after a read to the end. */
int spool_rewind(struct spool *sp, struct diag *d);
/* 1 and the next string, 0 after the last, -1 with d. */
int spool_get(struct spool *sp, const char **buf, size_t *len, struct diag *d);
void spool_release(struct spool *sp);

#endif
