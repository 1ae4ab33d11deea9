#include "dirfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"
#include "banned.h"

/* Why name cannot be opened: the message says what it is, never what it holds. */
static int refuse(int dirfd, const char *name, const char *path, int want_dir, struct diag *d)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return diag_errno(d, errno, "open", path);
	if (S_ISLNK(st.st_mode)) {
		diag_set(d, DIAG_DATA, NULL, 0, 0,
			 "'%s' is a symbolic link; okienko opens no link inside the data directory",
			 path);
		diag_hint(d, "replace the link by the file itself");
	} else if (want_dir) {
		diag_set(d, DIAG_DATA, NULL, 0, 0, "'%s' is not a directory", path);
	} else if (!S_ISREG(st.st_mode)) {
		diag_set(d, DIAG_DATA, NULL, 0, 0, "'%s' is not a regular file", path);
		diag_hint(d, "move it out of the data directory");
	} else {
		diag_set(d, DIAG_DATA, NULL, 0, 0,
			 "'%s' has another name (a hard link); okienko opens no such file in the data directory",
			 path);
		diag_hint(d, "make it a copy of its own: cp, not ln");
	}
	return -1;
}

/*
 * In a directory that its group may write to, a file that group may not
 * read: a member may have moved it there (it is not one of ours, which
 * are 0660 in the directory's group) so that a command run by root, or
 * by someone who may read it, shows what is in it.
 */
static int hidden_from_group(int dirfd, const struct stat *st)
{
	struct stat dir;

	if (fstat(dirfd, &dir) < 0 || !(dir.st_mode & S_IWGRP))
		return 0;
	return !(st->st_mode & S_IROTH) && !((st->st_mode & S_IRGRP) && st->st_gid == dir.st_gid);
}

/* An open that failed: a link, a FIFO without a reader, a directory... or errno. */
static int open_error(int dirfd, const char *name, const char *path, int e, struct diag *d)
{
	if (e == ELOOP || e == EMLINK || e == ENXIO || e == EISDIR || e == ENOTDIR)
		return refuse(dirfd, name, path, 0, d);
	return diag_errno(d, e, "open", path);
}

int dirfile_open(int dirfd, const char *name, const char *path, int flags, int *fdp, int *created,
		 struct diag *d)
{
	int create = flags & O_CREAT, fd = -1, made = 0, tries, fl;
	struct stat st;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer; cleared below */
	flags = (flags & ~O_CREAT) | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK;
	*fdp = -1;
	if (created)
		*created = 0;
	/* a file removed between the two opens: try again */
	for (tries = 0; fd < 0 && tries < 100; tries++) {
		if (create) {
			fd = openat(dirfd, name, flags | O_CREAT | O_EXCL, 0660);
			if (fd >= 0) {
				made = 1;
				break;
			}
			if (errno != EEXIST)
				return open_error(dirfd, name, path, errno, d);
		}
		fd = openat(dirfd, name, flags);
		if (fd < 0 && (errno != ENOENT || !create))
			break;
	}
	if (fd < 0) {
		if (errno == ENOENT && !create)
			return 0;
		return open_error(dirfd, name, path, errno, d);
	}
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return diag_errno(d, e, "stat", path);
	}
	if (!S_ISREG(st.st_mode) || st.st_nlink > 1) {
		close(fd);
		return refuse(dirfd, name, path, 0, d);
	}
	if (!made && hidden_from_group(dirfd, &st)) {
		close(fd);
		diag_set(d, DIAG_DATA, NULL, 0, 0,
			 "'%s' may not be read by the group of the directory; okienko opens no such file there",
			 path);
		diag_hint(d, "give it the directory's group and mode 0660, or move it out");
		return -1;
	}
	if ((made && fchmod(fd, 0660) < 0) || (fl = fcntl(fd, F_GETFL)) < 0 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		int e = errno;
		close(fd);
		return diag_errno(d, e, made ? "set mode of" : "open", path);
	}
	*fdp = fd;
	if (created)
		*created = made;
	return 1;
}

int dirfile_open_dir(int dirfd, const char *name, const char *path, int create, int *fdp,
		     struct diag *d)
{
	int fd, made = 0;
	struct stat st;

	*fdp = -1;
	for (;;) {
		fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 || errno != ENOENT || !create || made)
			break;
		if (mkdirat(dirfd, name, 0770) == 0)
			made = 1;
		else if (errno != EEXIST)
			return diag_errno(d, errno, "create directory", path);
		else
			create = 0; /* made by someone else a moment ago: open it */
	}
	if (fd < 0 && errno == ENOENT && !made)
		return 0;
	if (fd < 0 && (errno == ELOOP || errno == EMLINK || errno == ENOTDIR))
		return refuse(dirfd, name, path, 1, d);
	if (fd < 0)
		return diag_errno(d, errno, "open directory", path);
	/*
	 * A umask took bits from the group: give them back.  Only then, and
	 * keeping the setgid bit the directory inherits, which makes the
	 * files in it belong to the directory's group.
	 */
	if (made && (fstat(fd, &st) < 0 || ((st.st_mode & 0770) != 0770 &&
					    fchmod(fd, (st.st_mode & 07000) | 0770) < 0))) {
		int e = errno;
		close(fd);
		return diag_errno(d, e, "set mode of", path);
	}
	if (made && dirfile_sync_dir(dirfd, path, d) < 0) {
		close(fd);
		return -1;
	}
	*fdp = fd;
	return 1;
}

/*
 * 16 hex digits from /dev/urandom.  Without it (a chroot), a mix of the
 * clocks, the process and a counter: O_EXCL keeps a temporary file safe
 * either way, an unguessable name only spares a retry.
 */
static void random_hex(char out[17])
{
	static uint64_t counter;
	unsigned char r[8];
	uint64_t x = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC), i;

	if (fd >= 0 && read(fd, r, sizeof r) == (ssize_t)sizeof r) {
		for (i = 0; i < 8; i++)
			x = x << 8 | r[i];
	} else {
		struct timespec a, b;
		clock_gettime(CLOCK_REALTIME, &a);
		clock_gettime(CLOCK_MONOTONIC, &b);
		x = ((uint64_t)a.tv_sec * 1000000007u) ^ (uint64_t)a.tv_nsec ^
		    ((uint64_t)b.tv_nsec << 21) ^ ((uint64_t)getpid() << 40) ^ ++counter;
		x ^= x >> 33;
		x *= 0xff51afd7ed558ccdULL;
		x ^= x >> 33;
	}
	if (fd >= 0)
		close(fd);
	snprintf(out, 17, "%016llx", (unsigned long long)x);
}

static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

int dirfile_temp(int dirfd, const char *prefix, const char *dirpath, char **name, char **path,
		 int *fdp, struct diag *d)
{
	size_t n = strlen(prefix) + 17;
	char hex[17];
	int tries, fd;

	*name = xmalloc(n);
	for (tries = 0; tries < 100; tries++) {
		random_hex(hex);
		snprintf(*name, n, "%s%s", prefix, hex);
		fd = openat(dirfd, *name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0) {
			*fdp = fd;
			*path = join(dirpath, *name);
			return 0;
		}
		if (errno != EEXIST)
			break;
	}
	*path = join(dirpath, *name);
	diag_errno(d, errno, "create", *path);
	free(*name);
	free(*path);
	*name = *path = NULL;
	return -1;
}

int dirfile_inherit(int fd, int from, const char *path, struct diag *d)
{
	struct stat want, have;
	mode_t mode = 0660;

	if (from >= 0) {
		uid_t uid;
		if (fstat(from, &want) < 0 || fstat(fd, &have) < 0)
			return diag_errno(d, errno, "stat", path);
		mode = want.st_mode & 0777;
		uid = geteuid() == 0 ? want.st_uid : (uid_t)-1; /* only root may give a file away */
		if ((want.st_gid != have.st_gid || (uid != (uid_t)-1 && uid != have.st_uid)) &&
		    fchown(fd, uid, want.st_gid) < 0) {
			diag_errno(d, errno, "keep the group of", path);
			diag_hint(d, "run the command as a member of the file's group");
			return -1;
		}
	}
	if (fchmod(fd, mode) < 0)
		return diag_errno(d, errno, "set mode of", path);
	return 0;
}

int dirfile_sync_dir(int dirfd, const char *path, struct diag *d)
{
	/* EINVAL: a file system that cannot sync a directory (nothing to wait for) */
	if (fsync(dirfd) < 0 && errno != EINVAL)
		return diag_errno(d, errno, "sync directory", path);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The problem of one entry of the directory dir (0: none). */
static enum dirfile_problem problem_of(int dirfd, const struct stat *st)
{
	if (S_ISLNK(st->st_mode))
		return DIRFILE_LINK;
	if (!S_ISREG(st->st_mode) && !S_ISDIR(st->st_mode))
		return DIRFILE_NOT_REGULAR;
	if (st->st_mode & S_IWOTH)
		return DIRFILE_WORLD_WRITABLE;
	if (S_ISREG(st->st_mode) && st->st_nlink > 1)
		return DIRFILE_HARD_LINK;
	if (S_ISREG(st->st_mode) && hidden_from_group(dirfd, st))
		return DIRFILE_HIDDEN;
	return 0;
}

int dirfile_audit(int dirfd, const char *path,
		  void (*found)(void *arg, const char *name, enum dirfile_problem p, mode_t mode),
		  void *arg, struct diag *d)
{
	struct stat st;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;

	if (!dir) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return diag_errno(d, e, "read directory", path);
	}
	if (fstat(dirfd, &st) == 0 && problem_of(dirfd, &st))
		found(arg, ".", problem_of(dirfd, &st), st.st_mode);
	errno = 0;
	while ((de = readdir(dir)) != NULL) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		XALLOC_GROW(names, n + 1, alloc);
		names[n++] = xstrdup(de->d_name);
	}
	if (errno) {
		int e = errno;
		closedir(dir);
		for (i = 0; i < n; i++)
			free(names[i]);
		free(names);
		return diag_errno(d, e, "read directory", path);
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof *names, cmp_name);
	for (i = 0; i < n; i++) {
		if (fstatat(dirfd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    problem_of(dirfd, &st))
			found(arg, names[i], problem_of(dirfd, &st), st.st_mode);
		free(names[i]);
	}
	free(names);
	return 0;
}

void dirfile_problem_diag(const char *file, enum dirfile_problem p, mode_t mode, struct diag *d)
{
	switch (p) {
	case DIRFILE_LINK:
		diag_set(d, DIAG_DATA, file, 0, 0,
			 "a symbolic link: okienko opens no link inside the data directory");
		diag_hint(d, "replace the link by the file itself");
		break;
	case DIRFILE_NOT_REGULAR:
		diag_set(d, DIAG_DATA, file, 0, 0,
			 "not a regular file: okienko opens no FIFO, socket or device");
		diag_hint(d, "move it out of the data directory");
		break;
	case DIRFILE_WORLD_WRITABLE:
		diag_set(d, DIAG_DATA, file, 0, 0, "mode %04o: anyone may write it",
			 (unsigned)(mode & 07777));
		diag_hint(d, "chmod o-w %s", file);
		break;
	case DIRFILE_HARD_LINK:
		diag_set(d, DIAG_DATA, file, 0, 0,
			 "another name of a file (a hard link): okienko opens no such file");
		diag_hint(d, "make it a copy of its own: cp, not ln");
		break;
	case DIRFILE_HIDDEN:
		diag_set(d, DIAG_DATA, file, 0, 0,
			 "mode %04o: the group of the directory may not read it; okienko opens no such file",
			 (unsigned)(mode & 07777));
		diag_hint(d, "give it the directory's group and mode 0660, or move it out");
		break;
	}
}
