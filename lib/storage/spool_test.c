#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spool.h"
#include "tap.h"
#include "banned.h"

static char dir[] = "/tmp/spool_test." TAP_TEMPLATE_TAIL;

/* The entries of the directory, "." and ".." aside. */
static int entries(void)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int n = 0;

	while (dp && (de = readdir(dp)) != NULL)
		n += strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
	if (dp)
		closedir(dp);
	return n;
}

/* String i: its length varies, one is larger than a read-ahead chunk, bytes include NUL. */
static size_t make(size_t i, char *buf)
{
	size_t len = i == 777 ? 600000 : (i * 37) % 1500, k;
	for (k = 0; k < len; k++)
		buf[k] = (char)((i + k) % 256);
	return len;
}

/* Read every string back and compare; the number that came back right. */
static size_t read_back(struct spool *sp, size_t n, char *want, struct diag *d)
{
	const char *got;
	size_t len, i = 0;
	int rc;

	if (spool_rewind(sp, d) < 0)
		return 0;
	while ((rc = spool_get(sp, &got, &len, d)) == 1) {
		if (i >= n || len != make(i, want) || memcmp(got, want, len) != 0)
			break;
		i++;
	}
	return rc == 0 ? i : 0;
}

static void test_memory(void)
{
	struct spool sp;
	struct diag d = DIAG_INIT;
	const char *got;
	size_t len;
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	spool_init(&sp, fd, dir, "intake.csv");
	ok(spool_put(&sp, "one", 3, &d) == 0 && spool_put(&sp, "", 0, &d) == 0 &&
		   spool_put(&sp, "a\0b", 3, &d) == 0,
	   "three strings put");
	is_int(sp.fd, -1, "a small spool stays in memory");
	ok(spool_rewind(&sp, &d) == 0, "rewind");
	ok(spool_get(&sp, &got, &len, &d) == 1 && len == 3 && memcmp(got, "one", 3) == 0, "first");
	ok(spool_get(&sp, &got, &len, &d) == 1 && len == 0, "an empty string");
	ok(spool_get(&sp, &got, &len, &d) == 1 && len == 3 && memcmp(got, "a\0b", 3) == 0,
	   "a string with a NUL byte");
	is_int(spool_get(&sp, &got, &len, &d), 0, "then the end");
	is_int(spool_get(&sp, &got, &len, &d), 0, "and the end again");
	ok(spool_rewind(&sp, &d) == 0 && spool_get(&sp, &got, &len, &d) == 1 && len == 3,
	   "rewound, the first string again");
	is_int(entries(), 0, "nothing was created in the directory");
	spool_release(&sp);
	close(fd);
}

static void test_file(void)
{
	struct spool sp;
	struct diag d = DIAG_INIT;
	char *buf = malloc(600000);
	size_t i, n = 3000, total = 0;
	int fd = open(dir, O_RDONLY | O_DIRECTORY), failed = 0;

	spool_init(&sp, fd, dir, "intake.csv");
	for (i = 0; i < n; i++) {
		size_t len = make(i, buf);
		total += len;
		failed |= spool_put(&sp, buf, len, &d) < 0;
	}
	ok(!failed, "%zu strings (%zu bytes) put", n, total);
	ok(total > 2 * SPOOL_MEM && sp.fd >= 0, "past SPOOL_MEM the spool is a file");
	is_int(entries(), 0, "which has no name in the directory");
	is_int(read_back(&sp, n, buf, &d), n, "every string comes back, in order");
	is_int(read_back(&sp, n, buf, &d), n, "and again after a second rewind");
	ok(sp.buf.alloc < 4 * SPOOL_MEM,
	   "reading holds one string and a chunk, not the spool (%zu)", sp.buf.alloc);
	spool_release(&sp);
	is_int(entries(), 0, "nothing is left in the directory");
	close(fd);
	free(buf);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	test_memory();
	test_file();
	rmdir(dir);
	return tap_done();
}
