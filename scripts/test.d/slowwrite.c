/*
 * slowwrite.so: an LD_PRELOAD shim for crash tests.  It splits every
 * write(2) of more than one byte to a regular file into two halves with a
 * pause between them, so that a kill -9 can land in the middle of a record
 * and leave a torn write behind, as a power cut or a dropped share would.
 * OKIENKO_SLOWWRITE_US sets the pause (default 3000 microseconds).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t count)
{
	static ssize_t (*real_write)(int, const void *, size_t);
	struct stat st;
	struct timespec pause;
	const char *us;
	ssize_t first;
	long usec;

	if (!real_write)
		real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (count < 2 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return real_write(fd, buf, count);
	first = real_write(fd, buf, count / 2);
	if (first <= 0)
		return first;
	us = getenv("OKIENKO_SLOWWRITE_US");
	usec = us ? strtol(us, NULL, 10) : 3000;
	pause.tv_sec = usec / 1000000;
	pause.tv_nsec = usec % 1000000 * 1000L;
	nanosleep(&pause, NULL);
	return first; /* a short write: the caller writes the rest */
}
