/*
 * slowwrite.so: an LD_PRELOAD shim for crash tests.  It splits every
 * write(2) of more than one byte to a regular file into two halves with a
 * pause between them, so that a kill -9 can land in the middle of a record
 * and leave a torn write behind, as a power cut or a dropped share would.
 * OKIENKO_SLOWWRITE_US sets the pause (default 3000 microseconds).
 *
 * OKIENKO_SLOWWRITE_UNTIL=PATH makes the pause last instead until PATH
 * exists, and marks it by creating PATH.paused when it begins: a test waits
 * for the mark, does what must happen while the writer is inside its
 * record with the lock held (another writer's timeout, a kill), then
 * creates PATH or kills the writer.  No wall-clock guess, however busy the
 * machine is.  OKIENKO_SLOWWRITE_MATCH=TEXT limits the splitting to the
 * writes whose bytes hold TEXT (the record of a test), so that other
 * writes (a lock's hint, a header) pass whole and do not pause.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t count)
{
	static ssize_t (*real_write)(int, const void *, size_t);
	struct stat st;
	struct timespec pause;
	const char *us, *match = getenv("OKIENKO_SLOWWRITE_MATCH");
	ssize_t first;
	long usec;

	if (!real_write)
		real_write = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	if (count < 2 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (match && *match && !memmem(buf, count, match, strlen(match))))
		return real_write(fd, buf, count);
	first = real_write(fd, buf, count / 2);
	if (first <= 0)
		return first;
	if ((us = getenv("OKIENKO_SLOWWRITE_UNTIL")) && *us) {
		char mark[4096];
		int fd;
		snprintf(mark, sizeof mark, "%s.paused", us);
		if ((fd = open(mark, O_WRONLY | O_CREAT, 0600)) >= 0)
			close(fd);
		pause.tv_sec = 0;
		pause.tv_nsec = 10000000L;
		while (access(us, F_OK) != 0)
			nanosleep(&pause, NULL);
		return first;
	}
	us = getenv("OKIENKO_SLOWWRITE_US");
	usec = us ? strtol(us, NULL, 10) : 3000;
	pause.tv_sec = usec / 1000000;
	pause.tv_nsec = usec % 1000000 * 1000L;
	nanosleep(&pause, NULL);
	return first; /* a short write: the caller writes the rest */
}
