/*
 * datadir: the data directory and the whole write protocol.
 *
 * The directory is -d DIR, else $OKIENKO_DIR, else ".".  Every file it
 * creates is mode 0660 whatever the umask: the files hold personal data.
 *
 * Appending records (intake-add, capacity-add, referral-add):
 *
 *	datadir_lock(&dd, "intake.csv", timeout, &lk, &d);
 *		takes an exclusive fcntl lock on "intake.csv.lock" (never on the
 *		data file: on SMB shares that would block readers), waiting at
 *		most timeout seconds; opens the data file O_APPEND (creating it);
 *		removes a torn last record left by a crash (saved to
 *		"intake.csv.torn"; lk.repaired says how many bytes)
 *	datadir_head(&lk, ...) / datadir_last_record(&lk, ...)
 *		the first line and the last record, read without reading the
 *		whole file (cost independent of its size)
 *	datadir_append(&lk, buf, len, &d);
 *		the complete record(s), built in memory, with one write(2),
 *		then fsync; on any failure the file is cut back to where it was.
 *		The append is announced in the lock file first: one cut short
 *		by a crash is removed whole by the next datadir_lock, so a
 *		batch is stored all or nothing
 *	datadir_unlock(&lk);
 *
 * Rewriting a file (intake-purge):
 *
 *	datadir_lock(...); datadir_rewrite_begin(&lk, &fd, &d);
 *		(removes temporary files a crashed rewrite left: under the lock
 *		no other rewrite can be running)
 *	write the new content to fd;
 *	datadir_rewrite_commit(&lk, &d)    fsync, rename over, fsync the dir
 *	  or datadir_rewrite_abort(&lk)    the temporary file is removed
 *	datadir_unlock(&lk);
 *
 * Finding the end of the last complete record without reading the file:
 * after each append the lock file records the committed size, the inode
 * and a checksum of the bytes before that size.  The next writer checks the
 * hint and scans only what lies beyond it; where the hint is missing or does
 * not match (first use, the file replaced by a spreadsheet), it scans the
 * whole file once.  A record ends at a line feed outside quotes (csvbound.h).  While an
 * append is under way the hint also says "pending=LEN": a file that ends
 * past the committed size but within LEN bytes of it holds an unfinished
 * append, which is cut whole, complete records and all.
 *
 * Ownership: struct datadir and struct datadir_lock own their paths and
 * descriptors; datadir_release / datadir_unlock free them.
 */
#ifndef OKIENKO_DATADIR_H
#define OKIENKO_DATADIR_H

#include <stddef.h>
#include <sys/types.h>

#include "diag.h"
#include "strbuf.h"

/* A torn tail larger than this is not cut automatically: it is not one record. */
#define DATADIR_MAX_TORN (1024 * 1024)

struct datadir {
	char *path;
};

struct datadir_lock {
	char *name;        /* "intake.csv" */
	char *path;        /* DIR/intake.csv */
	char *lockpath;    /* DIR/intake.csv.lock */
	char *tmppath;     /* during a rewrite, else NULL */
	char *dirpath;
	int lockfd, datafd, tmpfd;
	off_t size;        /* size of the complete records */
	off_t repaired;    /* bytes of a torn tail removed by datadir_lock */
	int full_scan;     /* datadir_lock had to scan the whole file */
};

int datadir_open(struct datadir *dd, const char *opt_dir, struct diag *d);
void datadir_release(struct datadir *dd);
/* DIR/name, malloc'd. */
char *datadir_file(const struct datadir *dd, const char *name);
/* Open DIR/name for reading: 1 and *fd set, 0 when it does not exist, -1 on error. */
int datadir_open_read(const struct datadir *dd, const char *name, int *fd, struct diag *d);

int datadir_lock(const struct datadir *dd, const char *name, double timeout,
		 struct datadir_lock *lk, struct diag *d);
/*
 * The same lock for a document that is only ever replaced whole (rewrite
 * begin/commit), such as a meeting's YAML file: there is no record to
 * repair, so nothing is cut.
 */
int datadir_lock_document(const struct datadir *dd, const char *name, double timeout,
			  struct datadir_lock *lk, struct diag *d);
/* Up to max bytes from the file's start (the header line) into out. */
int datadir_head(struct datadir_lock *lk, size_t max, struct strbuf *out, struct diag *d);
/* The last complete record's bytes (with its line end) into out and its
 * offset into *start; out is empty when the file is.  A record larger than
 * max is an error. */
int datadir_last_record(struct datadir_lock *lk, size_t max, struct strbuf *out,
			off_t *start, struct diag *d);
int datadir_append(struct datadir_lock *lk, const char *buf, size_t len, struct diag *d);
int datadir_rewrite_begin(struct datadir_lock *lk, int *fd, struct diag *d);
int datadir_rewrite_commit(struct datadir_lock *lk, struct diag *d);
void datadir_rewrite_abort(struct datadir_lock *lk);
void datadir_unlock(struct datadir_lock *lk);

/* write(2) all of buf, retrying short writes and EINTR. */
int datadir_write_all(int fd, const char *buf, size_t len, const char *name, struct diag *d);

#endif
