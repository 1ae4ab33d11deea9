/*
 * failshim.so: an LD_PRELOAD shim for fault tests.  It makes the Nth call
 * of one system call fail, as a full disk or a failing drive would:
 * FAILSHIM_CALL=write fails write(2) with ENOSPC, fsync fails fsync(2) with
 * EIO, rename fails rename(2) with EIO; FAILSHIM_N=N picks the call.
 * write and fsync count only calls on regular files (the data and its
 * temporary files, not the terminal or a pipe); rename counts every call.
 * The failing call does nothing.  With FAILSHIM_CALL unset it only counts.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
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

static int regular(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	static ssize_t (*real_write)(int, const void *, size_t);

	if (!real_write)
		real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
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
	if (counts_as("rename") && nth_call()) {
		errno = EIO;
		return -1;
	}
	return real_rename(from, to);
}
