#include "datadir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "csvbound.h"
#include "xalloc.h"
#include "banned.h"

enum { BLOCK = 64 * 1024, SUM_BYTES = 64 };

int datadir_open(struct datadir *dd, const char *opt_dir, struct diag *d)
{
	const char *dir = opt_dir;
	struct stat st;

	if (!dir || !*dir)
		dir = getenv("OKIENKO_DIR");
	if (!dir || !*dir)
		dir = ".";
	dd->path = NULL;
	if (stat(dir, &st) < 0) {
		if (errno == ENOENT)
			return diag_set(d, DIAG_USAGE, NULL, 0, 0,
					"data directory '%s' does not exist", dir);
		return diag_errno(d, errno, "open data directory", dir);
	}
	if (!S_ISDIR(st.st_mode))
		return diag_set(d, DIAG_USAGE, NULL, 0, 0, "'%s' is not a directory", dir);
	dd->path = xstrdup(dir);
	return 0;
}

void datadir_release(struct datadir *dd)
{
	free(dd->path);
	dd->path = NULL;
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

int datadir_open_read(const struct datadir *dd, const char *name, int *fd, struct diag *d)
{
	char *path = datadir_file(dd, name);
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0) {
		int e = errno;
		if (e == ENOENT) {
			free(path);
			return 0;
		}
		diag_errno(d, e, "open", path);
		free(path);
		return -1;
	}
	free(path);
	return 1;
}

/* Open, creating with mode 0660 whatever the umask. */
static int open_0660(const char *path, int flags, struct diag *d)
{
	int fd = open(path, flags | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
	if (fd >= 0) {
		if (fchmod(fd, 0660) < 0) {
			int e = errno;
			close(fd);
			return diag_errno(d, e, "set mode of", path);
		}
		return fd;
	}
	if (errno == EEXIST)
		fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return diag_errno(d, errno, "open", path);
	return fd;
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

static int fsync_dir(const char *dir, struct diag *d)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return diag_errno(d, errno, "open directory", dir);
	if (fsync(fd) < 0 && errno != EINVAL) {
		int e = errno;
		close(fd);
		return diag_errno(d, e, "sync directory", dir);
	}
	close(fd);
	return 0;
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* fcntl lock, waiting at most timeout seconds (F_SETLKW interrupted by a timer). */
static int take_lock(int fd, double timeout, const char *path, struct diag *d)
{
	struct flock fl;
	struct sigaction sa, old_sa;
	struct itimerval it, old_it;
	int rc, e;

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, F_SETLK, &fl) == 0)
		return 0;
	if (errno != EACCES && errno != EAGAIN)
		return diag_errno(d, errno, "lock", path);
	if (timeout <= 0)
		goto timed_out;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the timer must interrupt F_SETLKW */
	sigaction(SIGALRM, &sa, &old_sa);
	memset(&it, 0, sizeof it);
	it.it_value.tv_sec = (time_t)timeout;
	it.it_value.tv_usec = (suseconds_t)((timeout - (double)(time_t)timeout) * 1e6);
	if (!it.it_value.tv_sec && !it.it_value.tv_usec)
		it.it_value.tv_usec = 1;
	setitimer(ITIMER_REAL, &it, &old_it);
	rc = fcntl(fd, F_SETLKW, &fl);
	e = errno;
	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, NULL);
	sigaction(SIGALRM, &old_sa, NULL);
	if (rc == 0)
		return 0;
	if (e != EINTR)
		return diag_errno(d, e, "lock", path);
timed_out:
	diag_set(d, DIAG_SYSTEM, NULL, 0, 0,
		 "timed out after %g s waiting for the lock '%s'", timeout, path);
	diag_hint(d, "another okienko command is writing; try again or raise --lock-timeout");
	return -1;
}

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	while (n--) {
		h ^= *p++;
		h *= 1099511628211ULL;
	}
	return h;
}

static int tail_sum(struct datadir_lock *lk, off_t size, uint64_t *sum, struct diag *d)
{
	unsigned char buf[SUM_BYTES];
	size_t n = size < SUM_BYTES ? (size_t)size : SUM_BYTES;
	if (read_at(lk->datafd, (char *)buf, n, size - (off_t)n, lk->path, d) < 0)
		return -1;
	*sum = fnv1a(buf, n);
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
	if (sscanf(buf, "okienko-lock 1 size=%lld ino=%llu sum=%" SCNx64 "%n",
		   &size, &ino, &sum, &used) != 3 || !used)
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

/* The committed size lk->size, and with pending > 0 an append of that many bytes begun. */
static int write_hint(struct datadir_lock *lk, size_t pending)
{
	struct stat st;
	struct diag ignored = DIAG_INIT;
	uint64_t sum;
	char buf[160];
	int n;

	if (fstat(lk->datafd, &st) < 0 || tail_sum(lk, lk->size, &sum, &ignored) < 0)
		return -1;
	n = snprintf(buf, sizeof buf, "okienko-lock 1 size=%lld ino=%llu sum=%016" PRIx64,
		     (long long)lk->size, (unsigned long long)st.st_ino, sum);
	if (pending)
		n += snprintf(buf + n, sizeof buf - (size_t)n, " pending=%zu", pending);
	n += snprintf(buf + n, sizeof buf - (size_t)n, "\n");
	if (pwrite(lk->lockfd, buf, (size_t)n, 0) != n)
		return -1;
	(void)!ftruncate(lk->lockfd, n);
	return 0;
}

/* Scan [from, to) knowing from is a record start; *end is the last record end. */
static int last_boundary(struct datadir_lock *lk, off_t from, off_t to, off_t *end,
			 struct diag *d)
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

static int save_torn(struct datadir_lock *lk, off_t from, off_t to, struct diag *d)
{
	size_t n = (size_t)(to - from), plen = strlen(lk->path) + 6;
	char *buf = xmalloc(n), *path = xmalloc(plen);
	int fd, rc = -1;

	snprintf(path, plen, "%s.torn", lk->path);
	if (read_at(lk->datafd, buf, n, from, lk->path, d) < 0)
		goto out;
	fd = open_0660(path, O_WRONLY | O_APPEND, d);
	if (fd < 0)
		goto out;
	if (datadir_write_all(fd, buf, n, path, d) == 0 && datadir_write_all(fd, "\n", 1, path, d) == 0) {
		if (fsync(fd) < 0)
			diag_errno(d, errno, "sync", path);
		else
			rc = 0;
	}
	close(fd);
out:
	free(buf);
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
		if (from < 0) {
			from = 0;
			lk->full_scan = st.st_size > 0;
		}
		if (last_boundary(lk, from, st.st_size, &end, d) < 0)
			return -1;
		if (st.st_size - end > DATADIR_MAX_TORN) {
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
	lk->lockfd = lk->datafd = lk->tmpfd = -1;
}

static int lock_file(const struct datadir *dd, const char *name, double timeout,
		     struct datadir_lock *lk, int records, struct diag *d)
{
	size_t n = strlen(name) + 6;
	char *lockname = xmalloc(n);

	lock_init(lk);
	snprintf(lockname, n, "%s.lock", name);
	lk->name = xstrdup(name);
	lk->path = datadir_file(dd, name);
	lk->lockpath = datadir_file(dd, lockname);
	lk->dirpath = xstrdup(dd->path);
	free(lockname);

	lk->lockfd = open_0660(lk->lockpath, O_RDWR, d);
	if (lk->lockfd < 0 || take_lock(lk->lockfd, timeout, lk->lockpath, d) < 0)
		goto fail;
	lk->datafd = open_0660(lk->path, O_RDWR | O_APPEND, d);
	if (lk->datafd < 0)
		goto fail;
	if (records && repair_tail(lk, d) < 0)
		goto fail;
	if (!records) {
		struct stat st;
		if (fstat(lk->datafd, &st) < 0) {
			diag_errno(d, errno, "stat", lk->path);
			goto fail;
		}
		lk->size = st.st_size;
	}
	return 0;
fail:
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
	if (read_at(lk->datafd, out->buf, n, 0, lk->path, d) < 0)
		return -1;
	strbuf_setlen(out, n);
	return 0;
}

/*
 * Walk back from the end, which is a record end, block by block: quote
 * parity (csvbound.h) counted from there finds the record's start.
 */
int datadir_last_record(struct datadir_lock *lk, size_t max, struct strbuf *out,
			off_t *start, struct diag *d)
{
	char *buf;
	off_t at = lk->size - 1, begin = 0; /* lk->size - 1 is the record's own LF */
	int after = 0;                      /* parity of the quotes from at to the end */
	int found = 0;

	strbuf_reset(out);
	*start = 0;
	if (lk->size == 0)
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
		if (lk->size - at > (off_t)max && !found) {
			free(buf);
			return diag_set(d, DIAG_DATA, lk->path, 0, 0,
					"last record is longer than %zu bytes", max);
		}
	}
	free(buf);
	if ((size_t)(lk->size - begin) > max)
		return diag_set(d, DIAG_DATA, lk->path, 0, 0,
				"last record is longer than %zu bytes", max);
	strbuf_grow(out, (size_t)(lk->size - begin));
	if (read_at(lk->datafd, out->buf, (size_t)(lk->size - begin), begin, lk->path, d) < 0)
		return -1;
	strbuf_setlen(out, (size_t)(lk->size - begin));
	*start = begin;
	return 0;
}

int datadir_append(struct datadir_lock *lk, const char *buf, size_t len, struct diag *d)
{
	/* Announce the append: if it is cut short, the next writer removes all of
	 * it.  Without the announcement it removes the torn last record only. */
	(void)write_hint(lk, len);
	if (datadir_write_all(lk->datafd, buf, len, lk->path, d) < 0)
		goto undo;
	if (fsync(lk->datafd) < 0) {
		diag_errno(d, errno, "sync", lk->path);
		goto undo;
	}
	lk->size += (off_t)len;
	/* The announcement must not outlive the append: the next writer would
	 * cut these records.  A lock file that can be neither rewritten nor
	 * emptied undoes the append. */
	if (write_hint(lk, 0) < 0 && ftruncate(lk->lockfd, 0) < 0) {
		diag_errno(d, errno, "write", lk->lockpath);
		lk->size -= (off_t)len;
		goto undo;
	}
	return 0;
undo:
	/* leave no partial record behind; the caller reports d */
	if (ftruncate(lk->datafd, lk->size) == 0)
		(void)!fsync(lk->datafd);
	return -1;
}

/*
 * Under the lock no other rewrite can be running: a temporary file of ours
 * is what a crashed rewrite left behind.  It holds personal data (perhaps
 * records a purge was removing), so it goes.
 */
static void remove_stale_tmp(const struct datadir_lock *lk)
{
	size_t n = strlen(lk->name) + 7;
	char *prefix = xmalloc(n);
	DIR *dir = opendir(lk->dirpath);
	struct dirent *de;

	snprintf(prefix, n, ".%s.tmp.", lk->name);
	while (dir && (de = readdir(dir)) != NULL) {
		if (strncmp(de->d_name, prefix, n - 1) == 0) {
			size_t len = strlen(lk->dirpath) + strlen(de->d_name) + 2;
			char *path = xmalloc(len);
			snprintf(path, len, "%s/%s", lk->dirpath, de->d_name);
			unlink(path);
			free(path);
		}
	}
	if (dir)
		closedir(dir);
	free(prefix);
}

int datadir_rewrite_begin(struct datadir_lock *lk, int *fd, struct diag *d)
{
	size_t n = strlen(lk->dirpath) + strlen(lk->name) + 32;
	remove_stale_tmp(lk);
	lk->tmppath = xmalloc(n);
	snprintf(lk->tmppath, n, "%s/.%s.tmp.%ld", lk->dirpath, lk->name, (long)getpid());
	lk->tmpfd = open_0660(lk->tmppath, O_WRONLY, d);
	if (lk->tmpfd < 0) {
		free(lk->tmppath);
		lk->tmppath = NULL;
		return -1;
	}
	*fd = lk->tmpfd;
	return 0;
}

int datadir_rewrite_commit(struct datadir_lock *lk, struct diag *d)
{
	struct stat st;
	int fd;

	if (fsync(lk->tmpfd) < 0) {
		diag_errno(d, errno, "sync", lk->tmppath);
		goto fail;
	}
	if (rename(lk->tmppath, lk->path) < 0) {
		diag_errno(d, errno, "rename over", lk->path);
		goto fail;
	}
	close(lk->tmpfd);
	lk->tmpfd = -1;
	free(lk->tmppath);
	lk->tmppath = NULL;
	if (fsync_dir(lk->dirpath, d) < 0)
		return -1;
	fd = open(lk->path, O_RDWR | O_APPEND | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		diag_errno(d, errno, "open", lk->path);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(lk->datafd);
	lk->datafd = fd;
	lk->size = st.st_size;
	(void)write_hint(lk, 0); /* a hint only: a failure costs the next writer a full scan */
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
	if (lk->tmppath)
		unlink(lk->tmppath);
	free(lk->tmppath);
	lk->tmppath = NULL;
}

void datadir_unlock(struct datadir_lock *lk)
{
	datadir_rewrite_abort(lk);
	if (lk->datafd >= 0)
		close(lk->datafd);
	if (lk->lockfd >= 0)
		close(lk->lockfd); /* releases the fcntl lock */
	free(lk->name);
	free(lk->path);
	free(lk->lockpath);
	free(lk->dirpath);
	lock_init(lk);
}
