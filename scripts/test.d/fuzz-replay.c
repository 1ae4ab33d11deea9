/*
 * fuzz-replay: run a libFuzzer target (scripts/fuzz.d/NAME_fuzz.c) on given inputs
 * without libFuzzer, so that the normal and the sanitizer builds of make
 * check replay the seed corpora: fuzz-NAME FILE|DIR...  Each file, and
 * each file inside a directory (not recursively, in name order), is read
 * whole and passed once to LLVMFuzzerTestOneInput.  A target aborts on
 * what it finds; here the exit status is 0 when every input ran (and the
 * count is printed), 2 on a usage error and 4 when an input cannot be
 * read.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long replayed;

static int replay_file(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	uint8_t *copy;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "fuzz-replay: open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		ssize_t n;
		strbuf_grow(&sb, 64 * 1024);
		n = read(fd, sb.buf + sb.len, sb.alloc - sb.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "fuzz-replay: read '%s': %s\n", path, strerror(errno));
			close(fd);
			strbuf_release(&sb);
			return -1;
		}
		if (n == 0)
			break;
		strbuf_setlen(&sb, sb.len + (size_t)n);
	}
	close(fd);
	/* an exact copy, as libFuzzer passes it: reading past the end is caught */
	copy = xmalloc(sb.len ? sb.len : 1);
	memcpy(copy, sb.buf, sb.len);
	LLVMFuzzerTestOneInput(copy, sb.len);
	replayed++;
	free(copy);
	strbuf_release(&sb);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_dir(const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	struct dirent *e;
	DIR *dp = opendir(dir);
	int rc = 0;

	if (!dp) {
		fprintf(stderr, "fuzz-replay: open '%s': %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(dp))) {
		if (e->d_name[0] == '.')
			continue;
		XALLOC_GROW(names, n + 1, alloc);
		names[n++] = xstrdup(e->d_name);
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof *names, by_name);
	for (i = 0; i < n; i++) {
		struct stat st;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, names[i]);
		if (stat(path.buf, &st) == 0 && S_ISREG(st.st_mode) && replay_file(path.buf) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	strbuf_release(&path);
	return rc;
}

/* Replay every input named; print how many ran ("replayed 42 inputs"). */
int main(int argc, char **argv)
{
	int i, rc = 0;
	struct stat st;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "fuzz-replay: '%s': %s\n", argv[i], strerror(errno));
			rc = 4;
		} else if (S_ISDIR(st.st_mode) ? replay_dir(argv[i]) < 0
					       : replay_file(argv[i]) < 0) {
			rc = 4;
		}
	}
	printf("replayed %ld inputs\n", replayed);
	return rc;
}
