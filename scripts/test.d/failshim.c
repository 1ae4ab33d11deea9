/*
 * failshim.so: an LD_PRELOAD shim for fault tests.  It makes the Nth call
 * of one system call fail, as a full disk or a failing drive would:
 * FAILSHIM_CALL=write fails write(2) with ENOSPC, fsync fails fsync(2) with
 * EIO, rename fails rename(2) and renameat(2) with EIO; FAILSHIM_N=N
 * picks the call.  write and fsync count only calls on regular files (the
 * data and its temporary files, not the terminal or a pipe); rename counts
 * every call.
 * The failing call does nothing.  With FAILSHIM_CALL unset it only counts.
 *
 * FAILSHIM_TRACE=FILE appends one line per write, pwrite, ftruncate, fsync
 * and rename(at) to FILE: the call and the file it went to (fsync of a
 * directory too), for the tests of what is made durable in which order.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int counts_as(const char *call)
{
	const char *want = getenv("FAILSHIM_CALL");

	return want && !strcmp(want, call);
}

static int nth_call(void)
{
	static long calls;
	const char *n = getenv("FAILSHIM_N");

	return n && ++calls == strtol(n, NULL, 10);
}

static ssize_t (*real_write)(int, const void *, size_t);

static void trace_fd(const char *call, int fd)
{
	const char *file = getenv("FAILSHIM_TRACE");
	char link[64], path[4096], line[4200];
	ssize_t n;
	int out, len;

	if (!file)
		return;
	if (!real_write)
		real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof path - 1);
	path[n > 0 ? n : 0] = '\0';
	len = snprintf(line, sizeof line, "%s %s\n", call, path);
	out = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (out >= 0) {
		(void)!real_write(out, line, (size_t)len);
		close(out);
	}
}

static void trace_name(const char *call, const char *name)
{
	const char *file = getenv("FAILSHIM_TRACE");
	char line[4200];
	int out, len;

	if (!file)
		return;
	if (!real_write)
		real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	len = snprintf(line, sizeof line, "%s %s\n", call, name);
	out = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (out >= 0) {
		(void)!real_write(out, line, (size_t)len);
		close(out);
	}
}

static int regular(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	if (regular(fd))
		trace_fd("write", fd);
	if (!real_write)
		real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (counts_as("write") && regular(fd) && nth_call()) {
		errno = ENOSPC;
		return -1;
	}
	return real_write(fd, buf, count);
}

int fsync(int fd)
{
	static int (*real_fsync)(int);

	if (!real_fsync)
		real_fsync = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	trace_fd("fsync", fd);
	if (counts_as("fsync") && regular(fd) && nth_call()) {
		errno = EIO;
		return -1;
	}
	return real_fsync(fd);
}

int rename(const char *from, const char *to)
{
	static int (*real_rename)(const char *, const char *);

	if (!real_rename)
		real_rename = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	trace_name("rename", to);
	if (counts_as("rename") && nth_call()) {
		errno = EIO;
		return -1;
	}
	return real_rename(from, to);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	static int (*real_renameat)(int, const char *, int, const char *);

	if (!real_renameat)
		real_renameat =
			(int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
	trace_name("rename", to);
	if (counts_as("rename") && nth_call()) {
		errno = EIO;
		return -1;
	}
	return real_renameat(fromfd, from, tofd, to);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t at)
{
	static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);

	if (!real_pwrite)
		real_pwrite =
			(ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
	trace_fd("pwrite", fd);
	return real_pwrite(fd, buf, count, at);
}

int ftruncate(int fd, off_t len)
{
	static int (*real_ftruncate)(int, off_t);

	if (!real_ftruncate)
		real_ftruncate = (int (*)(int, off_t))dlsym(RTLD_NEXT, "ftruncate");
	trace_fd("ftruncate", fd);
	return real_ftruncate(fd, len);
}
