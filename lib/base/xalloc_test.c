#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "tap.h"
#include "testproc.h"
#include "xalloc.h"
#include "banned.h"

static void test_malloc(void)
{
	unsigned char *p = xmalloc(0), *q;
	size_t i, nonzero = 0;

	ok(p != NULL, "xmalloc(0) is not NULL");
	free(p);
	p = xmalloc(100);
	memset(p, 7, 100);
	p = xrealloc(p, 100000);
	ok(p[0] == 7 && p[99] == 7, "xrealloc keeps the content");
	p[99999] = 1;
	q = xrealloc(p, 0);
	ok(q != NULL, "xrealloc to 0 is not NULL");
	free(q);
	p = xrealloc(NULL, 10);
	ok(p != NULL, "xrealloc(NULL, n) allocates");
	free(p);

	p = xcalloc(1000, 3);
	for (i = 0; i < 3000; i++)
		if (p[i])
			nonzero++;
	is_int(nonzero, 0, "xcalloc zeroes");
	free(p);
	p = xcalloc(0, 0);
	ok(p != NULL, "xcalloc(0, 0) is not NULL");
	free(p);
	p = xreallocarray(NULL, 1000, 4);
	p[3999] = 1;
	ok(p != NULL, "xreallocarray allocates nmemb * size");
	p = xreallocarray(p, 0, 4);
	ok(p != NULL, "xreallocarray to 0 elements is not NULL");
	free(p);
}

static void test_strdup(void)
{
	char *s = xstrdup("žluťoučký");
	is_str(s, "žluťoučký", "xstrdup");
	free(s);
	s = xstrdup("");
	is_str(s, "", "xstrdup of \"\"");
	free(s);
	s = xstrndup("abcdef", 2);
	is_str(s, "ab", "xstrndup cuts at n");
	free(s);
	s = xstrndup("a\0bc", 4);
	ok(memcmp(s, "a\0bc", 5) == 0, "xstrndup copies n bytes, NULs included, and terminates");
	free(s);
}

static void test_grow(void)
{
	int *a = NULL;
	size_t alloc = 0, i, zero = 0;
	int bad = 0;

	XALLOC_GROW(a, zero, alloc);
	ok(a == NULL && alloc == 0, "XALLOC_GROW to 0 does nothing");
	XALLOC_GROW(a, 1, alloc);
	is_int(alloc, 8, "the first growth makes room for 8");
	XALLOC_GROW(a, 8, alloc);
	is_int(alloc, 8, "no growth when there is room");
	for (i = 0; i < 8; i++)
		a[i] = (int)i;
	XALLOC_GROW(a, 9, alloc);
	is_int(alloc, 16, "then doubles");
	XALLOC_GROW(a, 100, alloc);
	is_int(alloc, 128, "doubles until need fits");
	for (i = 0; i < 8; i++)
		if (a[i] != (int)i)
			bad++;
	is_int(bad, 0, "growth keeps the elements");
	a[127] = 1;
	free(a);
}

static void array_overflow(void)
{
	void *p = xreallocarray(NULL, SIZE_MAX / 2 + 1, 2);
	free(p);
}

static void grow_overflow(void)
{
	long *a = NULL;
	size_t alloc = 0;
	XALLOC_GROW(a, SIZE_MAX / 4, alloc);
	free(a);
}

/* Doubling past SIZE_MAX / 2 wraps to 0: the loop must not spin forever. */
static void grow_past_half(void)
{
	long *a = NULL;
	size_t alloc = 0;
	XALLOC_GROW(a, SIZE_MAX / 2 + 2, alloc);
	free(a);
}

static void test_overflow(void)
{
	char err[256];

	is_int(testproc_run_dying(array_overflow, err, sizeof err), DIAG_SYSTEM,
	       "xreallocarray with nmemb * size past SIZE_MAX exits with status 4");
	is_str(err, "xalloc_test: out of memory\n", "and says so on stderr");
	is_int(testproc_run_dying(grow_overflow, err, sizeof err), DIAG_SYSTEM,
	       "XALLOC_GROW past SIZE_MAX bytes exits with status 4");
	is_str(err, "xalloc_test: out of memory\n", "and says so on stderr");
	is_int(testproc_run_dying(grow_past_half, err, sizeof err), DIAG_SYSTEM,
	       "XALLOC_GROW to more than SIZE_MAX / 2 elements exits with status 4 (within a second)");
	is_str(err, "xalloc_test: out of memory\n", "and says so on stderr");
}

int main(void)
{
	diag_setprog("/usr/libexec/xalloc_test");
	test_malloc();
	test_strdup();
	test_grow();
	test_overflow();
	return tap_done();
}
