/*
 * testgolden: golden error cases for lib/LAYER/NAME_test.c (header-only, like
 * tap.h).  A case is testdata/DIR/NAME.yaml with NAME.err beside it: the
 * expected "LINE:COL: message\n" and, when there is one, "hint: ...\n".
 */
#ifndef OKIENKO_TESTGOLDEN_H
#define OKIENKO_TESTGOLDEN_H

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "strbuf.h"
#include "tap.h"
#include "xalloc.h"

__attribute__((unused)) static const char *testgolden_top(void)
{
	const char *t = getenv("OKIENKO_TOP");
	return t && *t ? t : ".";
}

__attribute__((unused)) static void testgolden_slurp(struct strbuf *sb, const char *path)
{
	int fd = open(path, O_RDONLY);
	char buf[4096];
	ssize_t n;

	strbuf_reset(sb);
	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		strbuf_add(sb, buf, (size_t)n);
	close(fd);
}

__attribute__((unused)) static void testgolden_format_diag(struct strbuf *sb, const struct diag *d)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%ld:%ld: %s\n", d->line, d->col, d->msg);
	if (d->hint[0])
		strbuf_addf(sb, "hint: %s\n", d->hint);
}

static int testgolden_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Run every case of testdata/subdir (at least min of them).  load(path,
 * arg, d) loads one file and returns 1 when it failed as a failure must
 * (nothing left loaded), else 0; the diag must then be a data error in that
 * file with exactly the expected text.
 */
__attribute__((unused)) static void
testgolden_errors(const char *subdir, size_t min,
		  int (*load)(const char *path, void *arg, struct diag *d), void *arg)
{
	struct strbuf dir = STRBUF_INIT, path = STRBUF_INIT, want = STRBUF_INIT, got = STRBUF_INIT;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	struct dirent *de;
	DIR *dp;

	strbuf_addf(&dir, "%s/testdata/%s", testgolden_top(), subdir);
	dp = opendir(dir.buf);
	if (!ok(dp != NULL, "open %s", dir.buf))
		return;
	while ((de = readdir(dp))) {
		size_t len = strlen(de->d_name);
		if (len > 4 && !strcmp(de->d_name + len - 4, ".err")) {
			XALLOC_GROW(names, n + 1, alloc);
			names[n++] = xstrndup(de->d_name, len - 4);
		}
	}
	closedir(dp);
	qsort(names, n, sizeof *names, testgolden_cmp);
	ok(n >= min, "found %zu golden error cases", n);
	for (i = 0; i < n; i++) {
		struct diag d = DIAG_INIT;

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s.err", dir.buf, names[i]);
		testgolden_slurp(&want, path.buf);
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s.yaml", dir.buf, names[i]);
		ok(load(path.buf, arg, &d) == 1, "%s: fails", names[i]);
		ok(d.status == DIAG_DATA && !strcmp(d.file, path.buf), "%s: data error in the file",
		   names[i]);
		testgolden_format_diag(&got, &d);
		is_str(got.buf, want.buf, "%s: message", names[i]);
		free(names[i]);
	}
	free(names);
	strbuf_release(&dir);
	strbuf_release(&path);
	strbuf_release(&want);
	strbuf_release(&got);
}

#endif
