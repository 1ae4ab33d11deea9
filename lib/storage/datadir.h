/*
 * datadir: the data directory and the whole write protocol.
 *
 * The directory is -d DIR, else $OKIENKO_DIR, else ".".  It is opened once
 * and every file in it is opened relative to that descriptor.  Every file
 * it creates is mode 0660 whatever the umask: the files hold personal data.
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
 * An append too large to build in memory (a batch) is written in parts:
 * datadir_append_begin(&lk, most, &d) announces at most most bytes, then
 * datadir_append_more(&lk, buf, len, &d) per part and datadir_append_end
 * (fsync, commit), or datadir_append_abort to cut the parts written.
 * A part that fails to be written cuts what was written before it.
 *
 * Rewriting a file (intake-purge) or replacing a document (minutes-parse -o):
 *
 *	datadir_lock(...) or datadir_lock_document(...);
 *	datadir_rewrite_begin(&lk, &fd, &d);
 *		a new temporary file ".intake.csv.tmp.RANDOM" (O_EXCL, a name
 *		nobody can guess) with the mode, group (and, run by root, the
 *		owner) of the file it replaces; 0660 for a new document.
 *		Temporary files a crashed rewrite left are removed first: under
 *		the lock no other rewrite can be running
 *	write the new content to fd;
 *	datadir_rewrite_commit(&lk, &d)    fsync, rename over, fsync the dir
 *	  or datadir_rewrite_abort(&lk)    the temporary file is removed
 *	datadir_unlock(&lk);
 *
 * datadir_lock_document takes the same lock for a document that is only
 * ever replaced whole, such as a meeting's YAML file: there is no record to
 * repair, and the document is not created by the lock: it appears only by
 * the rename of a complete one.  No function here removes a data file.
 *
 * Finding the end of the last complete record without reading the file:
 * after each append the lock file records the committed size, the inode
 * and a checksum of the bytes before that size.  The next writer checks the
 * hint and scans only what lies beyond it; where the hint is missing or does
 * not match (first use, the file replaced by a spreadsheet), it scans the
 * whole file once.  A record ends at a line feed outside quotes
 * (csvbound.h).  While an append is under way the hint also says
 * "pending=LEN": a file that ends past the committed size but within LEN
 * bytes of it holds an unfinished append, which is cut whole, complete
 * records and all.
 *
 * Power loss.  The protocol holds when the machine stops at any instant,
 * not only when a process dies, because every step that a later step
 * relies on is made durable first:
 *   - a data, lock or torn file that is created has its name made durable
 *     (the directory is fsynced) before anything is written to it;
 *   - the "pending" announcement is fsynced before the first byte of the
 *     append is written, so no byte of an append can survive without it;
 *   - the records are fsynced, then the hint that commits them, before
 *     datadir_append returns 0: an acknowledged append is never cut;
 *   - a torn tail is fsynced into NAME.torn before the data file is cut;
 *   - a rewrite's file is fsynced before the rename and the directory
 *     after it, before datadir_rewrite_commit returns 0.
 * (This assumes a file system and disk that honour fsync.)
 *
 * A shared directory (okienko(7), Security): any member of the group may
 * create files and symbolic links in it, and another member, or root from
 * cron, then runs the commands.  So, inside the directory:
 *   - no file is opened through a symbolic link (O_NOFOLLOW); a data,
 *     lock, torn or temporary file, or a subdirectory such as meetings/,
 *     that is a link is refused with a message and nothing is changed;
 *   - only regular files are read or written; a FIFO or a device is
 *     refused without being waited on;
 *   - a file with a second name (a hard link, which may be a file of
 *     another directory) is refused: writing it would change that file
 *     too, reading it could show that file's content;
 *   - when the directory's group may write to it, a file that group may
 *     not read is refused: it is not one of ours (0660, in that group),
 *     and a command run by root would show what a member may not read;
 *   - temporary files are created with O_EXCL under a random name and
 *     never opened when they exist.
 * The directory itself (-d DIR, $OKIENKO_DIR) may be a symbolic link, as
 * may any directory above it: that is the choice of whoever runs the
 * command, not of a member who can write in the directory.
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
	char *path; /* as given: for messages */
	int fd;     /* the directory; every file is opened relative to it */
};

struct datadir_lock {
	char *name;     /* "intake.csv" */
	char *path;     /* DIR/intake.csv */
	char *lockpath; /* DIR/intake.csv.lock */
	char *tmpname;  /* during a rewrite: ".intake.csv.tmp.RANDOM", else NULL */
	char *tmppath;  /* DIR/.intake.csv.tmp.RANDOM */
	char *dirpath;  /* DIR, for messages */
	int dirfd, lockfd, tmpfd;
	int datafd;     /* -1: a document that does not exist yet */
	int records;    /* a file of records (not a document) */
	off_t size;     /* size of the complete records */
	off_t appended; /* bytes of an append in parts written so far */
	off_t repaired; /* bytes of a torn tail removed by datadir_lock */
	int full_scan;  /* datadir_lock had to scan the whole file */
};

int datadir_open(struct datadir *dd, const char *opt_dir, struct diag *d);
/*
 * The subdirectory name of dd (meetings/), created mode 0770 (keeping the
 * setgid bit it inherits) when missing; a link or a file there is refused.
 */
int datadir_open_sub(struct datadir *sub, const struct datadir *dd, const char *name,
		     struct diag *d);
void datadir_release(struct datadir *dd);
/* DIR/name, malloc'd. */
char *datadir_file(const struct datadir *dd, const char *name);
/* 1 when DIR/name exists (whatever it is, a link too), 0 when not. */
int datadir_exists(const struct datadir *dd, const char *name);
/* Open DIR/name for reading: 1 and *fd set, 0 when it does not exist, -1 on error. */
int datadir_open_read(const struct datadir *dd, const char *name, int *fd, struct diag *d);

int datadir_lock(const struct datadir *dd, const char *name, double timeout,
		 struct datadir_lock *lk, struct diag *d);
int datadir_lock_document(const struct datadir *dd, const char *name, double timeout,
			  struct datadir_lock *lk, struct diag *d);
/* Up to max bytes from the file's start (the header line) into out. */
int datadir_head(struct datadir_lock *lk, size_t max, struct strbuf *out, struct diag *d);
/*
 * The complete record that ends at offset end (lk->size: the last one):
 * its bytes (with its line end) into out and its offset into *start; out
 * is empty when end is 0.  A record larger than max is an error.
 */
int datadir_record_before(struct datadir_lock *lk, off_t end, size_t max, struct strbuf *out,
			  off_t *start, struct diag *d);
/* The last complete record: datadir_record_before(lk, lk->size, ...). */
int datadir_last_record(struct datadir_lock *lk, size_t max, struct strbuf *out, off_t *start,
			struct diag *d);
int datadir_append(struct datadir_lock *lk, const char *buf, size_t len, struct diag *d);
int datadir_append_begin(struct datadir_lock *lk, size_t most, struct diag *d);
int datadir_append_more(struct datadir_lock *lk, const char *buf, size_t len, struct diag *d);
int datadir_append_end(struct datadir_lock *lk, struct diag *d);
void datadir_append_abort(struct datadir_lock *lk);
int datadir_rewrite_begin(struct datadir_lock *lk, int *fd, struct diag *d);
int datadir_rewrite_commit(struct datadir_lock *lk, struct diag *d);
void datadir_rewrite_abort(struct datadir_lock *lk);
void datadir_unlock(struct datadir_lock *lk);

/* write(2) all of buf, retrying short writes and EINTR. */
int datadir_write_all(int fd, const char *buf, size_t len, const char *name, struct diag *d);

#endif
