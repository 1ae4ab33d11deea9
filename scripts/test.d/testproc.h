/*
 * testproc: run a function that must die (exit with a status and a
 * message) in a child process, for lib/LAYER/NAME_test.c.  Header-only, like tap.h.
 */
#ifndef OKIENKO_TESTPROC_H
#define OKIENKO_TESTPROC_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

/* Run fn in a child with stderr to a file: its exit status (-1 when killed,
 * e.g. by the alarm that stops a hang), its stderr into err. */
__attribute__((unused)) static int testproc_run_dying(void (*fn)(void), char *err, size_t errlen)
{
	char path[] = "/tmp/okienko-testproc." TAP_TEMPLATE_TAIL;
	int fd = mkstemp(path), status = -1;
	ssize_t n;
	pid_t pid;

	err[0] = '\0';
	if (fd < 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(fd, STDERR_FILENO);
		alarm(120); /* only a guard against a hang: it dies in milliseconds */
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	n = pread(fd, err, errlen - 1, 0);
	err[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#endif
