#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "diag.h"
#include "strbuf.h"
#include "tap.h"
#include "testproc.h"
#include "banned.h"

static int invariants(const struct strbuf *sb)
{
	return sb->buf != NULL && sb->buf[sb->len] == '\0' &&
	       (sb->alloc == 0 ? sb->buf == strbuf_slopbuf && sb->len == 0 : sb->len < sb->alloc);
}

static void test_init(void)
{
	struct strbuf a = STRBUF_INIT, b;

	ok(a.buf == strbuf_slopbuf && a.len == 0 && a.alloc == 0,
	   "STRBUF_INIT is empty, no allocation");
	is_str(a.buf, "", "STRBUF_INIT reads as \"\"");
	strbuf_init(&b, 0);
	ok(b.buf == strbuf_slopbuf && b.len == 0 && b.alloc == 0,
	   "init with hint 0 allocates nothing");
	strbuf_init(&b, 100);
	ok(b.alloc >= 101 && b.len == 0 && b.buf != strbuf_slopbuf,
	   "init with hint 100: room for 100 bytes and the NUL");
	ok(invariants(&b), "init with a hint keeps the invariants");
	is_str(b.buf, "", "and reads as \"\"");
	strbuf_release(&b);
	ok(b.buf == strbuf_slopbuf && b.len == 0 && b.alloc == 0, "release leaves an empty strbuf");
	strbuf_release(&b);
	ok(invariants(&b), "release twice is harmless");
	strbuf_addstr(&b, "again");
	is_str(b.buf, "again", "a released strbuf is reusable");
	strbuf_release(&b);
	strbuf_release(&a);
}

static void test_add(void)
{
	struct strbuf sb = STRBUF_INIT;
	static const char nul[] = "a\0b\0c";

	strbuf_addstr(&sb, "");
	ok(invariants(&sb) && sb.len == 0, "adding \"\" to a fresh strbuf keeps it valid");
	strbuf_add(&sb, "xyz", 0);
	ok(invariants(&sb) && sb.len == 0, "adding 0 bytes keeps it valid");
	strbuf_addstr(&sb, "ab");
	strbuf_addch(&sb, 'c');
	strbuf_add(&sb, "defgh", 2);
	is_str(sb.buf, "abcde", "addstr, addch, add");
	is_int(sb.len, 5, "len 5");
	ok(invariants(&sb), "invariants after adds");
	strbuf_reset(&sb);
	strbuf_add(&sb, nul, 5);
	is_int(sb.len, 5, "embedded NULs count in len");
	ok(memcmp(sb.buf, nul, 6) == 0, "embedded NULs kept, NUL-terminated");
	strbuf_addch(&sb, '\0');
	is_int(sb.len, 6, "addch of NUL adds a byte");
	ok(sb.buf[5] == '\0' && sb.buf[6] == '\0', "and the buffer is still terminated");
	strbuf_addch(&sb, 0xff);
	ok((unsigned char)sb.buf[6] == 0xff && sb.len == 7, "addch of 0xff stores the byte");
	strbuf_release(&sb);
	is_int(strbuf_slopbuf[0], 0, "the shared empty buffer is never written");
}

static void test_big(void)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, bad = 0;

	for (i = 0; i < 1000000; i++)
		strbuf_addch(&sb, 'a' + (int)(i % 26));
	is_int(sb.len, 1000000, "a million addch");
	for (i = 0; i < sb.len; i++)
		if (sb.buf[i] != 'a' + (int)(i % 26))
			bad++;
	is_int(bad, 0, "every byte where it was put");
	ok(invariants(&sb), "invariants after growing past 1 MB");
	strbuf_release(&sb);
}

static void test_reset_setlen(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *buf;
	size_t alloc;

	strbuf_reset(&sb);
	ok(sb.buf == strbuf_slopbuf && sb.alloc == 0, "reset of a fresh strbuf allocates nothing");
	strbuf_addstr(&sb, "hello, world");
	buf = sb.buf;
	alloc = sb.alloc;
	strbuf_reset(&sb);
	ok(sb.buf == buf && sb.alloc == alloc, "reset keeps the allocation");
	is_str(sb.buf, "", "reset empties");
	is_int(sb.len, 0, "reset sets len 0");
	strbuf_addstr(&sb, "hello, world");
	strbuf_setlen(&sb, 5);
	is_str(sb.buf, "hello", "setlen truncates and terminates");
	is_int(sb.len, 5, "setlen sets len");
	ok(sb.buf == buf, "setlen keeps the allocation");
	strbuf_release(&sb);
	strbuf_setlen(&sb, 3);
	ok(sb.alloc >= 4 && sb.len == 3 && sb.buf[3] == '\0', "setlen on a fresh strbuf allocates");
	strbuf_release(&sb);
}

static void test_grow(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *buf;

	strbuf_grow(&sb, 0);
	ok(sb.alloc >= 1 && sb.buf != strbuf_slopbuf && sb.len == 0 && sb.buf[0] == '\0',
	   "grow 0 of a fresh strbuf gives it its own terminated buffer");
	strbuf_addstr(&sb, "keep");
	strbuf_grow(&sb, 1000);
	ok(sb.alloc >= 4 + 1000 + 1, "grow: room for len + extra + NUL");
	is_str(sb.buf, "keep", "grow keeps the content");
	is_int(sb.len, 4, "grow keeps len");
	buf = sb.buf;
	strbuf_addf(&sb, "%0999d", 7);
	ok(sb.buf == buf, "adding within the grown room does not reallocate");
	is_int(sb.len, 1003, "len after the add");
	strbuf_release(&sb);
}

static void vaddf_helper(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void vaddf_helper(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

static void test_addf(void)
{
	struct strbuf sb = STRBUF_INIT, want = STRBUF_INIT;
	char big[3001];
	int i;

	strbuf_addf(&sb, "%s", "");
	ok(invariants(&sb) && sb.len == 0, "addf of \"\" to a fresh strbuf");
	strbuf_addf(&sb, "%d-%s", 42, "x");
	is_str(sb.buf, "42-x", "addf to a fresh strbuf");
	strbuf_addf(&sb, "|%5.1f|", 2.5);
	is_str(sb.buf, "42-x|  2.5|", "addf appends");
	ok(invariants(&sb), "invariants after addf");

	memset(big, 'q', 3000);
	big[3000] = '\0';
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "<");
	strbuf_addf(&sb, "%s>", big);
	is_int(sb.len, 3002, "addf past the initial size: len");
	ok(sb.buf[0] == '<' && sb.buf[1] == 'q' && sb.buf[3000] == 'q' && sb.buf[3001] == '>' &&
		   sb.buf[3002] == '\0',
	   "addf past the initial size: content and NUL");

	strbuf_release(&sb);
	for (i = 0; i < 500; i++) {
		strbuf_addf(&sb, "%03d,", i);
		{
			char tmp[16];
			snprintf(tmp, sizeof tmp, "%03d,", i);
			strbuf_addstr(&want, tmp);
		}
	}
	is_int(sb.len, 2000, "500 small addf crossing every boundary: len");
	is_str(sb.buf, want.buf, "500 small addf: content");

	strbuf_reset(&sb);
	strbuf_addf(&sb, "a%cb", 0);
	is_int(sb.len, 3, "addf with an embedded NUL counts it");
	ok(memcmp(sb.buf, "a\0b", 4) == 0, "addf with an embedded NUL: bytes");

	strbuf_reset(&sb);
	vaddf_helper(&sb, "%s=%d", "n", 1);
	vaddf_helper(&sb, ";%.*s", 3, big);
	is_str(sb.buf, "n=1;qqq", "vaddf through a va_list, twice");

	strbuf_release(&sb);
	vaddf_helper(&sb, "%s", big);
	is_int(sb.len, 3000, "vaddf growing a fresh strbuf: len");
	ok(sb.buf[2999] == 'q' && sb.buf[3000] == '\0', "vaddf growing a fresh strbuf: content");
	strbuf_release(&sb);
	strbuf_release(&want);
}

/* A conversion error (a wide character the C locale cannot encode) adds nothing. */
static void test_addf_error(void)
{
	static const wchar_t wide[] = { L'a', 0x17f, 0 };
	struct strbuf sb = STRBUF_INIT;

	if (snprintf(NULL, 0, "%ls", wide) >= 0) {
		ok(1, "# skip the C library encodes U+017F in the C locale");
		ok(1, "# skip");
		return;
	}
	strbuf_addstr(&sb, "xy");
	strbuf_addf(&sb, "abc%ls", wide);
	is_int(sb.len, 2, "a failed addf adds nothing");
	is_str(sb.buf, "xy", "and leaves the buffer terminated at len");
	strbuf_release(&sb);
}

static void test_detach(void)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;
	char *s;

	s = strbuf_detach(&sb, &len);
	ok(s != strbuf_slopbuf, "detaching a fresh strbuf gives a heap string");
	is_str(s, "", "that is empty");
	is_int(len, 0, "and len 0");
	free(s);
	ok(invariants(&sb) && sb.alloc == 0, "the strbuf is left empty");

	strbuf_add(&sb, "ab\0cd", 5);
	s = strbuf_detach(&sb, &len);
	is_int(len, 5, "detach reports len with embedded NULs");
	ok(memcmp(s, "ab\0cd", 6) == 0, "detach hands over the bytes and the NUL");
	ok(sb.buf == strbuf_slopbuf && sb.len == 0 && sb.alloc == 0,
	   "detach leaves the strbuf empty");
	strbuf_addstr(&sb, "new");
	ok(sb.buf != s, "reuse after detach gets its own buffer");
	is_str(s, "ab", "the detached string is untouched by reuse");
	free(s);
	s = strbuf_detach(&sb, NULL);
	is_str(s, "new", "detach with a NULL len");
	free(s);
}

static void grow_overflow(void)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "ab");
	strbuf_grow(&sb, SIZE_MAX - 1);
	strbuf_release(&sb);
}

static void test_overflow(void)
{
	char err[256];
	is_int(testproc_run_dying(grow_overflow, err, sizeof err), DIAG_SYSTEM,
	       "a size overflow in grow exits with status 4");
	is_str(err, "strbuf_test: out of memory\n", "and says so");
}

int main(void)
{
	diag_setprog("strbuf_test");
	test_init();
	test_add();
	test_big();
	test_reset_setlen();
	test_grow();
	test_addf();
	test_addf_error();
	test_detach();
	test_overflow();
	return tap_done();
}
