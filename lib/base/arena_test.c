#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "tap.h"
#include "testproc.h"
#include "banned.h"

static int aligned(const void *p)
{
	return (uintptr_t)p % alignof(max_align_t) == 0;
}

static int all_zero(const unsigned char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void test_empty(void)
{
	struct arena a = ARENA_INIT;

	ok(a.head == NULL, "ARENA_INIT has no block");
	arena_release(&a);
	ok(a.head == NULL, "releasing an empty arena is harmless");
}

static void test_align_and_zero(void)
{
	struct arena a = ARENA_INIT;
	static const size_t sizes[] = { 1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100 };
	unsigned char *prev = NULL;
	size_t prev_size = 0, i, bad_align = 0, bad_zero = 0, overlap = 0;

	for (i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		unsigned char *p = arena_alloc(&a, sizes[i]);
		if (!aligned(p))
			bad_align++;
		if (!all_zero(p, sizes[i]))
			bad_zero++;
		if (prev && p < prev + prev_size && prev < p + sizes[i])
			overlap++;
		memset(p, 0xa5, sizes[i]);
		prev = p;
		prev_size = sizes[i];
	}
	is_int(bad_align, 0, "every allocation aligned for max_align_t");
	is_int(bad_zero, 0, "every allocation zeroed");
	is_int(overlap, 0, "consecutive allocations do not overlap");
	ok(arena_alloc(&a, 0) != NULL, "a zero-size allocation is not NULL");
	arena_release(&a);
	ok(a.head == NULL, "release empties the arena");

	/* fill freed memory with garbage so that zeroing is not luck */
	{
		unsigned char *junk = malloc(70000);
		memset(junk, 0x5a, 70000);
		free(junk);
	}
	{
		unsigned char *p = arena_alloc(&a, 60000);
		ok(all_zero(p, 60000), "a fresh block is zeroed");
		memset(p, 0xff, 60000);
	}
	arena_release(&a);
}

/* Many small allocations over several blocks, each with its own pattern. */
static void test_many(void)
{
	struct arena a = ARENA_INIT;
	enum { N = 5000, SIZE = 100 };
	unsigned char **p = malloc(N * sizeof *p);
	size_t i, k, bad = 0, unaligned = 0;

	for (i = 0; i < N; i++) {
		p[i] = arena_alloc(&a, SIZE);
		if (!aligned(p[i]))
			unaligned++;
		memset(p[i], (int)(i % 251), SIZE);
	}
	for (i = 0; i < N; i++)
		for (k = 0; k < SIZE; k++)
			if (p[i][k] != (unsigned char)(i % 251))
				bad++;
	is_int(unaligned, 0, "5000 allocations over several blocks stay aligned");
	is_int(bad, 0, "and none overwrites another");
	free(p);
	arena_release(&a);
}

static void test_large(void)
{
	struct arena a = ARENA_INIT;
	unsigned char *small, *big, *after;
	size_t n = 3 * 64 * 1024 + 5;

	small = arena_alloc(&a, 10);
	memset(small, 1, 10);
	big = arena_alloc(&a, n);
	ok(aligned(big), "a large allocation is aligned");
	ok(all_zero(big, n), "a large allocation is zeroed");
	memset(big, 2, n);
	after = arena_alloc(&a, 10);
	ok(aligned(after) && all_zero(after, 10), "an allocation after a large one");
	memset(after, 3, 10);
	ok(small[0] == 1 && small[9] == 1 && big[0] == 2 && big[n - 1] == 2 && after[9] == 3,
	   "small, large and small allocations are distinct");
	big = arena_alloc(&a, (size_t)8 << 20);
	ok(all_zero(big, (size_t)8 << 20), "an 8 MB allocation is zeroed");
	memset(big, 4, (size_t)8 << 20);
	arena_release(&a);
	ok(a.head == NULL, "release frees large blocks too");
}

static void test_strdup(void)
{
	struct arena a = ARENA_INIT;
	char src[] = "okienko";
	char *s = arena_strdup(&a, src), *t, *u, *e;

	is_str(s, "okienko", "arena_strdup copies");
	ok(s != src, "into the arena");
	src[0] = 'X';
	is_str(s, "okienko", "the copy is independent of the source");
	t = arena_strndup(&a, "abcdef", 3);
	is_str(t, "abc", "arena_strndup copies n bytes and terminates");
	u = arena_strndup(&a, "a\0b", 3);
	ok(memcmp(u, "a\0b", 4) == 0, "arena_strndup copies embedded NULs");
	e = arena_strdup(&a, "");
	is_str(e, "", "arena_strdup of \"\"");
	ok(aligned(s) && aligned(t) && aligned(u) && aligned(e), "strings are aligned too");
	is_str(s, "okienko", "earlier strings survive later ones");
	arena_release(&a);
}

static void alloc_huge(void)
{
	struct arena a = ARENA_INIT;
	arena_alloc(&a, 16);
	arena_alloc(&a, SIZE_MAX);
	arena_release(&a);
}

/* Rounding SIZE_MAX up to the alignment wraps to 0: that must die, not hand out 0 bytes. */
static void test_overflow(void)
{
	char err[256];
	is_int(testproc_run_dying(alloc_huge, err, sizeof err), DIAG_SYSTEM,
	       "arena_alloc(SIZE_MAX) exits with status 4");
	is_str(err, "arena_test: out of memory\n", "and says so");
}

int main(void)
{
	diag_setprog("arena_test");
	test_empty();
	test_align_and_zero();
	test_many();
	test_large();
	test_strdup();
	test_overflow();
	return tap_done();
}
