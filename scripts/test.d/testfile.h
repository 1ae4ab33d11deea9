/*
 * testfile: the scratch directory of a lib/LAYER/NAME_test.c and its
 * files, for tests that read and write files.  Header-only, like tap.h:
 * testfile_dir is the directory (testfile_mkdtemp makes it), testfile_path
 * a file in it, testfile_put / testfile_get its whole content.
 */
#ifndef OKIENKO_TESTFILE_H
#define OKIENKO_TESTFILE_H

#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

static char testfile_dir[64];

/* A new directory /tmp/okienko-NAME-test.XXXXXX; 0, or -1. */
__attribute__((unused)) static int testfile_mkdtemp(const char *name)
{
	snprintf(testfile_dir, sizeof testfile_dir, "/tmp/okienko-%s-test." TAP_TEMPLATE_TAIL,
		 name);
	return mkdtemp(testfile_dir) ? 0 : -1;
}

/* DIR/name, in one of two static buffers (two may be used at once). */
__attribute__((unused)) static char *testfile_path(const char *name)
{
	static char buf[2][160];
	static int i;
	i = !i;
	snprintf(buf[i], sizeof buf[i], "%s/%s", testfile_dir, name);
	return buf[i];
}

__attribute__((unused)) static void testfile_put(const char *name, const char *content)
{
	FILE *f = fopen(testfile_path(name), "w");
	if (!f)
		return;
	fputs(content, f);
	fclose(f);
}

/* The content of the file at path (up to 4 KiB; "" when it cannot be read). */
__attribute__((unused)) static char *testfile_read(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "r");
	size_t n = 0;
	if (f) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

__attribute__((unused)) static char *testfile_get(const char *name)
{
	return testfile_read(testfile_path(name));
}

#endif
