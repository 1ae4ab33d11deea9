#include "datadir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csvbound.h"
#include "dirfile.h"
#include "hash.h"
#include "xalloc.h"
#include "banned.h"

enum { BLOCK = 64 * 1024, SUM_BYTES = 64 };

int datadir_open(struct datadir *dd, const char *opt_dir, struct diag *d)
{
	const char *dir = opt_dir;

	if (!dir || !*dir)
		dir = getenv("OKIENKO_DIR");
	if (!dir || !*dir)
		dir = ".";
	dd->path = NULL;
	/* the directory itself may be a link: whoever runs the command chose it */
	dd->fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dd->fd < 0) {
		if (errno == ENOENT)
			return diag_set(d, DIAG_USAGE, NULL, 0, 0,
					"data directory '%s' does not exist", dir);
		if (errno == ENOTDIR)
			return diag_set(d, DIAG_USAGE, NULL, 0, 0, "'%s' is not a directory", dir);
		return diag_errno(d, errno, "open data directory", dir);
	}
	dd->path = xstrdup(dir);
	return 0;
}

int datadir_open_sub(struct datadir *sub, const struct datadir *dd, const char *name,
		     struct diag *d)
{
	sub->path = datadir_file(dd, name);
	if (dirfile_open_dir(dd->fd, name, sub->path, 1, &sub->fd, d) < 0) {
		free(sub->path);
		sub->path = NULL;
		return -1;
	}
	return 0;
}

void datadir_release(struct datadir *dd)
{
	if (dd->path && dd->fd >= 0)
		close(dd->fd);
	free(dd->path);
	dd->path = NULL;
	dd->fd = -1;
}

char *datadir_file(const struct datadir *dd, const char *name)
{
	size_t n;
	char *p;
	if (strcmp(dd->path, ".") == 0)
		return xstrdup(name); /* messages then say "intake.csv:3:5" */
	n = strlen(dd->path) + strlen(name) + 2;
	p = xmalloc(n);
	snprintf(p, n, "%s/%s", dd->path, name);
	return p;
}

int datadir_exists(const struct datadir *dd, const char *name)
{
	struct stat st;
	return fstatat(dd->fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

int datadir_open_read(const struct datadir *dd, const char *name, int *fd, struct diag *d)
{
	char *path = datadir_file(dd, name);
	int rc = dirfile_open(dd->fd, name, path, O_RDONLY, fd, NULL, d);
	free(path);
	return rc;
}

int datadir_write_all(int fd, const char *buf, size_t len, const char *name, struct diag *d)
{
	while (len) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return diag_errno(d, errno, "write", name);
		if (n == 0)
			return diag_errno(d, ENOSPC, "write", name);
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int read_at(int fd, char *buf, size_t len, off_t at, const char *name, struct diag *d)
{
	while (len) {
		ssize_t n = pread(fd, buf, len, at);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return diag_errno(d, errno, "read", name);
		if (n == 0)
			return diag_set(d, DIAG_SYSTEM, NULL, 0, 0,
					"'%s' changed while it was read", name);
		buf += n;
		len -= (size_t)n;
		at += n;
	}
	return 0;
}

static void timespec_add(struct timespec *t, double seconds)
{
	time_t whole = (time_t)seconds;
	long ns = (long)((seconds - (double)whole) * 1e9);
	t->tv_sec += whole;
	t->tv_nsec += ns;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static int timespec_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/*
 * fcntl lock, waiting at most timeout seconds: F_SETLK tried again after a
 * nap that grows from 1 ms to 50 ms, until a deadline on the monotonic
 * clock.  No signal and no timer is involved, so nothing can fire too
 * early (F_SETLKW would then wait for ever) or be blocked by a mask the
 * command inherited (the timeout would never come).  A waiter may lose
 * the lock to a newcomer now and then; at worst it times out, as it would
 * behind a slow writer.
 */
static int take_lock(int fd, double timeout, const char *path, struct diag *d)
{
	struct flock fl;
	struct timespec now, deadline, nap;
	long nap_ns = 1000000L;

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (clock_gettime(CLOCK_MONOTONIC, &deadline) < 0)
		return diag_errno(d, errno, "read the clock to lock", path);
	timespec_add(&deadline, timeout);
	for (;;) {
		if (fcntl(fd, F_SETLK, &fl) == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno != EACCES && errno != EAGAIN)
			return diag_errno(d, errno, "lock", path);
		if (clock_gettime(CLOCK_MONOTONIC, &now) < 0)
			return diag_errno(d, errno, "read the clock to lock", path);
		if (!timespec_before(&now, &deadline))
			break;
		nap.tv_sec = deadline.tv_sec - now.tv_sec;
		nap.tv_nsec = deadline.tv_nsec - now.tv_nsec;
		if (nap.tv_nsec < 0) {
			nap.tv_sec--;
			nap.tv_nsec += 1000000000L;
		}
		if (nap.tv_sec > 0 || nap.tv_nsec > nap_ns) {
			nap.tv_sec = 0;
			nap.tv_nsec = nap_ns;
		}
		if (nanosleep(&nap, NULL) < 0 && errno != EINTR)
			return diag_errno(d, errno, "wait for the lock", path);
		if (nap_ns < 50000000L)
			nap_ns *= 2;
	}
	diag_set(d, DIAG_SYSTEM, NULL, 0, 0, "timed out after %g s waiting for the lock '%s'",
		 timeout, path);
	diag_hint(d, "another okienko command is writing; try again or raise --lock-timeout");
	return -1;
}

static int tail_sum(struct datadir_lock *lk, off_t size, uint64_t *sum, struct diag *d)
{
	unsigned char buf[SUM_BYTES];
	size_t n = size < SUM_BYTES ? (size_t)size : SUM_BYTES;
	if (read_at(lk->datafd, (char *)buf, n, size - (off_t)n, lk->path, d) < 0)
		return -1;
	*sum = hash_bytes(buf, n);
	return 0;
}

/*
 * The committed size from the lock file, if it still describes the data
 * file; *pending is the length of an append begun after it (0: none).
 */
static off_t read_hint(struct datadir_lock *lk, const struct stat *st, unsigned long long *pending,
		       struct diag *d)
{
	char buf[160], *end;
	long long size;
	unsigned long long ino;
	uint64_t sum, want;
	ssize_t n = pread(lk->lockfd, buf, sizeof buf - 1, 0);
	int used = 0;

	*pending = 0;
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	if (sscanf(buf, "okienko-lock 1 size=%lld ino=%llu sum=%" SCNx64 "%n", &size, &ino, &sum,
		   &used) != 3 ||
	    !used)
		return -1;
	end = buf + used;
	if (strncmp(end, " pending=", 9) == 0) {
		if (end[9] < '0' || end[9] > '9')
			return -1;
		*pending = strtoull(end + 9, &end, 10);
	}
	if (*end != '\n')
		return -1;
	if (size < 0 || size > (long long)st->st_size || ino != (unsigned long long)st->st_ino)
		return -1;
	if (tail_sum(lk, (off_t)size, &want, d) < 0)
		return -2;
	return want == sum ? (off_t)size : -1;
}

/*
 * The committed size lk->size, and with pending > 0 an append of that many
 * bytes begun; durable (fsync) when this returns 0.
 */
static int write_hint(struct datadir_lock *lk, size_t pending, struct diag *d)
{
	struct stat st;
	uint64_t sum;
	char buf[160];
	ssize_t w;
	int n;

	if (fstat(lk->datafd, &st) < 0)
		return diag_errno(d, errno, "stat", lk->path);
	if (tail_sum(lk, lk->size, &sum, d) < 0)
		return -1;
	n = snprintf(buf, sizeof buf, "okienko-lock 1 size=%lld ino=%llu sum=%016" PRIx64,
		     (long long)lk->size, (unsigned long long)st.st_ino, sum);
	if (pending)
		n += snprintf(buf + n, sizeof buf - (size_t)n, " pending=%zu", pending);
	n += snprintf(buf + n, sizeof buf - (size_t)n, "\n");
	w = pwrite(lk->lockfd, buf, (size_t)n, 0);
	if (w != n)
		return diag_errno(d, w < 0 ? errno : ENOSPC, "write", lk->lockpath);
	if (ftruncate(lk->lockfd, n) < 0)
		return diag_errno(d, errno, "write", lk->lockpath);
	if (fsync(lk->lockfd) < 0)
		return diag_errno(d, errno, "sync", lk->lockpath);
	return 0;
}

/* Scan [from, to) knowing from is a record start; *end is the last record end. */
static int last_boundary(struct datadir_lock *lk, off_t from, off_t to, off_t *end, struct diag *d)
{
	char *buf = xmalloc(BLOCK);
	int odd = 0;
	off_t at = from;

	*end = from;
	while (at < to) {
		size_t n = to - at < BLOCK ? (size_t)(to - at) : BLOCK, cut;
		if (read_at(lk->datafd, buf, n, at, lk->path, d) < 0) {
			free(buf);
			return -1;
		}
		cut = csvbound_last(buf, n, &odd);
		if (cut)
			*end = at + (off_t)cut;
		at += (off_t)n;
	}
	free(buf);
	return 0;
}

/* The torn bytes [from, to) appended to NAME.torn, durably, before they are cut. */
static int save_torn(struct datadir_lock *lk, off_t from, off_t to, struct diag *d)
{
	/* in parts: the tail of an interrupted batch may be large */
	size_t size = to - from < BLOCK ? (size_t)(to - from) : BLOCK;
	size_t nlen = strlen(lk->name) + 6, plen = strlen(lk->path) + 6;
	char *buf = xmalloc(size), *name = xmalloc(nlen), *path = xmalloc(plen);
	int fd, created, rc = -1;
	off_t at;

	snprintf(name, nlen, "%s.torn", lk->name);
	snprintf(path, plen, "%s.torn", lk->path);
	if (dirfile_open(lk->dirfd, name, path, O_WRONLY | O_APPEND | O_CREAT, &fd, &created, d) <
	    0)
		goto out;
	if (!created || dirfile_sync_dir(lk->dirfd, lk->path, d) == 0) {
		for (at = from; at < to; at += (off_t)size) {
			size_t n = to - at < (off_t)size ? (size_t)(to - at) : size;
			if (read_at(lk->datafd, buf, n, at, lk->path, d) < 0 ||
			    datadir_write_all(fd, buf, n, path, d) < 0)
				break;
		}
		if (at >= to && datadir_write_all(fd, "\n", 1, path, d) == 0) {
			if (fsync(fd) < 0)
				diag_errno(d, errno, "sync", path);
			else
				rc = 0;
		}
	}
	close(fd);
out:
	free(buf);
	free(name);
	free(path);
	return rc;
}

/*
 * Cut a torn last record (a crash in the middle of a write) off the file.
 * When the hint says an append was begun after the committed size and the
 * file ends within it, that append was cut short: all of it goes, complete
 * records too, so that a batch is stored all or nothing.
 */
static int repair_tail(struct datadir_lock *lk, struct diag *d)
{
	struct stat st;
	unsigned long long pending;
	off_t from, end;

	if (fstat(lk->datafd, &st) < 0)
		return diag_errno(d, errno, "stat", lk->path);
	from = read_hint(lk, &st, &pending, d);
	if (from == -2)
		return -1;
	if (from >= 0 && st.st_size > from && (unsigned long long)(st.st_size - from) <= pending) {
		end = from;
	} else {
		int unsure = 0;
		if (from < 0) {
			from = 0;
			lk->full_scan = st.st_size > 0;
		}
		if (last_boundary(lk, from, st.st_size, &end, d) < 0)
			return -1;
		/*
		 * Without a hint the quote parity is counted from the start, and a
		 * quote without its pair anywhere in the file (an edit by hand) would
		 * make every complete record after it look torn.  A write cut short
		 * almost never stops right after a line end: a file that ends with
		 * one is left alone and the writer refused.
		 */
		if (lk->full_scan && end < st.st_size) {
			char last;
			if (read_at(lk->datafd, &last, 1, st.st_size - 1, lk->path, d) < 0)
				return -1;
			unsure = last == '\n';
		}
		if (unsure || st.st_size - end > DATADIR_MAX_TORN) {
			lk->size = end;
			diag_set(d, DIAG_DATA, lk->path, 0, 0,
				 "the last %lld bytes are not a complete record; not repaired automatically",
				 (long long)(st.st_size - end));
			diag_hint(d, "check the file with data-check");
			return -1;
		}
	}
	lk->size = end;
	if (end == st.st_size)
		return 0;
	if (save_torn(lk, end, st.st_size, d) < 0)
		return -1;
	if (ftruncate(lk->datafd, end) < 0 || fsync(lk->datafd) < 0)
		return diag_errno(d, errno, "repair", lk->path);
	lk->repaired = st.st_size - end;
	return 0;
}

static void lock_init(struct datadir_lock *lk)
{
	memset(lk, 0, sizeof *lk);
	lk->dirfd = lk->lockfd = lk->datafd = lk->tmpfd = -1;
}

static int lock_file(const struct datadir *dd, const char *name, double timeout,
		     struct datadir_lock *lk, int records, struct diag *d)
{
	size_t n = strlen(name) + 6;
	char *lockname = xmalloc(n);
	int made_lock = 0, made_data = 0, rc;

	lock_init(lk);
	lk->records = records;
	snprintf(lockname, n, "%s.lock", name);
	lk->name = xstrdup(name);
	lk->path = datadir_file(dd, name);
	lk->lockpath = datadir_file(dd, lockname);
	lk->dirfd = dup(dd->fd);
	if (lk->dirfd < 0) {
		diag_errno(d, errno, "open data directory", dd->path);
		goto fail;
	}
	lk->dirpath = xstrdup(dd->path);
	rc = dirfile_open(lk->dirfd, lockname, lk->lockpath, O_RDWR | O_CREAT, &lk->lockfd,
			  &made_lock, d);
	if (rc < 0 || take_lock(lk->lockfd, timeout, lk->lockpath, d) < 0)
		goto fail;
	/* records are appended to a file created here; a document appears only by rename */
	rc = dirfile_open(lk->dirfd, name, lk->path,
			  records ? O_RDWR | O_APPEND | O_CREAT : O_RDONLY, &lk->datafd, &made_data,
			  d);
	if (rc < 0)
		goto fail;
	if ((made_lock || made_data) && dirfile_sync_dir(lk->dirfd, dd->path, d) < 0)
		goto fail;
	if (records && repair_tail(lk, d) < 0)
		goto fail;
	if (!records && lk->datafd >= 0) {
		struct stat st;
		if (fstat(lk->datafd, &st) < 0) {
			diag_errno(d, errno, "stat", lk->path);
			goto fail;
		}
		lk->size = st.st_size;
	}
	free(lockname);
	return 0;
fail:
	free(lockname);
	datadir_unlock(lk);
	return -1;
}

int datadir_lock(const struct datadir *dd, const char *name, double timeout,
		 struct datadir_lock *lk, struct diag *d)
{
	return lock_file(dd, name, timeout, lk, 1, d);
}

int datadir_lock_document(const struct datadir *dd, const char *name, double timeout,
			  struct datadir_lock *lk, struct diag *d)
{
	return lock_file(dd, name, timeout, lk, 0, d);
}

int datadir_head(struct datadir_lock *lk, size_t max, struct strbuf *out, struct diag *d)
{
	size_t n = lk->size < (off_t)max ? (size_t)lk->size : max;
	strbuf_reset(out);
	strbuf_grow(out, n);
	if (n && read_at(lk->datafd, out->buf, n, 0, lk->path, d) < 0)
		return -1;
	strbuf_setlen(out, n);
	return 0;
}

/*
 * Walk back from end, which is a record end, block by block: quote parity
 * (csvbound.h) counted from there finds the record's start.
 */
int datadir_record_before(struct datadir_lock *lk, off_t end, size_t max, struct strbuf *out,
			  off_t *start, struct diag *d)
{
	char *buf;
	off_t at = end - 1, begin = 0; /* end - 1 is the record's own LF */
	int after = 0;                 /* parity of the quotes from at to end */
	int found = 0;

	strbuf_reset(out);
	*start = 0;
	if (end <= 0)
		return 0;
	buf = xmalloc(BLOCK);
	while (at > 0 && !found) {
		size_t n = at < BLOCK ? (size_t)at : BLOCK, cut;
		off_t from = at - (off_t)n;
		int p, odd;
		if (read_at(lk->datafd, buf, n, from, lk->path, d) < 0) {
			free(buf);
			return -1;
		}
		p = csvbound_parity(buf, n);
		odd = p ^ after;
		cut = csvbound_last(buf, n, &odd);
		if (cut) {
			begin = from + (off_t)cut;
			found = 1;
		}
		after ^= p;
		at = from;
		if (end - at > (off_t)max && !found) {
			free(buf);
			return diag_set(d, DIAG_DATA, lk->path, 0, 0,
					"last record is longer than %zu bytes", max);
		}
	}
	free(buf);
	if ((size_t)(end - begin) > max)
		return diag_set(d, DIAG_DATA, lk->path, 0, 0,
				"last record is longer than %zu bytes", max);
	strbuf_grow(out, (size_t)(end - begin));
	if (read_at(lk->datafd, out->buf, (size_t)(end - begin), begin, lk->path, d) < 0)
		return -1;
	strbuf_setlen(out, (size_t)(end - begin));
	*start = begin;
	return 0;
}

int datadir_last_record(struct datadir_lock *lk, size_t max, struct strbuf *out, off_t *start,
			struct diag *d)
{
	return datadir_record_before(lk, lk->size, max, out, start, d);
}

int datadir_append_begin(struct datadir_lock *lk, size_t most, struct diag *d)
{
	lk->appended = 0;
	/* Announce the append, durably, before its first byte: if it is cut
	 * short, the next writer removes all of it.  Without the announcement
	 * it would remove the torn last record only. */
	return write_hint(lk, most, d);
}

int datadir_append_more(struct datadir_lock *lk, const char *buf, size_t len, struct diag *d)
{
	if (datadir_write_all(lk->datafd, buf, len, lk->path, d) < 0) {
		datadir_append_abort(lk);
		return -1;
	}
	lk->appended += (off_t)len;
	return 0;
}

int datadir_append_end(struct datadir_lock *lk, struct diag *d)
{
	struct diag e = DIAG_INIT;

	if (fsync(lk->datafd) < 0) {
		diag_errno(d, errno, "sync", lk->path);
		datadir_append_abort(lk);
		return -1;
	}
	lk->size += lk->appended;
	/* The announcement must not outlive the append: the next writer would
	 * cut these records.  A lock file that can be neither rewritten nor
	 * emptied (durably) undoes the append. */
	if (write_hint(lk, 0, &e) < 0 && (ftruncate(lk->lockfd, 0) < 0 || fsync(lk->lockfd) < 0)) {
		*d = e;
		lk->size -= lk->appended;
		datadir_append_abort(lk);
		return -1;
	}
	lk->appended = 0;
	return 0;
}

/* Leave no partial record behind; the caller reports why.  The
 * announcement stays: should the cut fail, the next writer cuts. */
void datadir_append_abort(struct datadir_lock *lk)
{
	lk->appended = 0;
	if (ftruncate(lk->datafd, lk->size) == 0)
		(void)!fsync(lk->datafd);
}

int datadir_append(struct datadir_lock *lk, const char *buf, size_t len, struct diag *d)
{
	if (datadir_append_begin(lk, len, d) < 0 || datadir_append_more(lk, buf, len, d) < 0)
		return -1;
	return datadir_append_end(lk, d);
}

/*
 * Under the lock no other rewrite can be running: a temporary file of ours
 * is what a crashed rewrite left behind.  It holds personal data (perhaps
 * records a purge was removing), so it goes.  unlinkat removes a link
 * planted under such a name, never what it points to.
 */
static void remove_stale_tmp(const struct datadir_lock *lk)
{
	size_t n = strlen(lk->name) + 7;
	char *prefix = xmalloc(n);
	int fd = openat(lk->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;

	if (!dir && fd >= 0)
		close(fd);
	snprintf(prefix, n, ".%s.tmp.", lk->name);
	while (dir && (de = readdir(dir)) != NULL)
		if (strncmp(de->d_name, prefix, n - 1) == 0)
			unlinkat(lk->dirfd, de->d_name, 0);
	if (dir)
		closedir(dir);
	free(prefix);
}

int datadir_rewrite_begin(struct datadir_lock *lk, int *fd, struct diag *d)
{
	size_t n = strlen(lk->name) + 7;
	char *prefix = xmalloc(n);
	int rc;

	remove_stale_tmp(lk);
	snprintf(prefix, n, ".%s.tmp.", lk->name);
	rc = dirfile_temp(lk->dirfd, prefix, lk->dirpath, &lk->tmpname, &lk->tmppath, &lk->tmpfd,
			  d);
	free(prefix);
	if (rc < 0)
		return -1;
	if (dirfile_inherit(lk->tmpfd, lk->datafd, lk->path, d) < 0) {
		datadir_rewrite_abort(lk);
		return -1;
	}
	*fd = lk->tmpfd;
	return 0;
}

int datadir_rewrite_commit(struct datadir_lock *lk, struct diag *d)
{
	struct stat st;
	int fl;

	if (fsync(lk->tmpfd) < 0) {
		diag_errno(d, errno, "sync", lk->tmppath);
		goto fail;
	}
	if (renameat(lk->dirfd, lk->tmpname, lk->dirfd, lk->name) < 0) {
		diag_errno(d, errno, "rename over", lk->path);
		goto fail;
	}
	/* the new file is the data file now: appendable through the same descriptor */
	if (lk->datafd >= 0)
		close(lk->datafd);
	lk->datafd = lk->tmpfd;
	lk->tmpfd = -1;
	free(lk->tmpname);
	free(lk->tmppath);
	lk->tmpname = lk->tmppath = NULL;
	if (dirfile_sync_dir(lk->dirfd, lk->dirpath, d) < 0)
		return -1;
	if ((fl = fcntl(lk->datafd, F_GETFL)) < 0 ||
	    fcntl(lk->datafd, F_SETFL, fl | O_APPEND) < 0 || fstat(lk->datafd, &st) < 0)
		return diag_errno(d, errno, "open", lk->path);
	lk->size = st.st_size;
	if (lk->records) {
		struct diag ignored = DIAG_INIT;
		(void)write_hint(lk, 0, &ignored); /* a hint only: a failure costs a full scan */
	}
	return 0;
fail:
	datadir_rewrite_abort(lk);
	return -1;
}

void datadir_rewrite_abort(struct datadir_lock *lk)
{
	if (lk->tmpfd >= 0)
		close(lk->tmpfd);
	lk->tmpfd = -1;
	if (lk->tmpname)
		unlinkat(lk->dirfd, lk->tmpname, 0); /* created by this process (O_EXCL) */
	free(lk->tmpname);
	free(lk->tmppath);
	lk->tmpname = lk->tmppath = NULL;
}

void datadir_unlock(struct datadir_lock *lk)
{
	datadir_rewrite_abort(lk);
	if (lk->datafd >= 0)
		close(lk->datafd);
	if (lk->lockfd >= 0)
		close(lk->lockfd); /* releases the fcntl lock */
	if (lk->dirfd >= 0)
		close(lk->dirfd);
	free(lk->name);
	free(lk->path);
	free(lk->lockpath);
	free(lk->dirpath);
	lock_init(lk);
}
