#include "mocat.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

#define MAGIC UINT32_C(0x950412de)
enum { MAX_SIZE = 64 * 1024 * 1024 };

static uint32_t word(const struct mocat *c, size_t at)
{
	const unsigned char *p = c->data + at;
	uint32_t v =
		(uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	if (c->swap)
		v = (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
	return v;
}

/* String i of the table at off, NUL-terminated inside the file, or NULL. */
static const char *string(const struct mocat *c, uint32_t table, uint32_t i, size_t *len)
{
	uint32_t n = word(c, (size_t)table + 8u * i), at = word(c, (size_t)table + 8u * i + 4);
	if ((size_t)at + n >= c->size || c->data[at + n] != '\0')
		return NULL;
	*len = n;
	return (const char *)c->data + at;
}

static int read_all(int fd, unsigned char *buf, size_t size)
{
	while (size) {
		ssize_t n = read(fd, buf, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		size -= (size_t)n;
	}
	return 0;
}

int mocat_load(struct mocat *c, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	memset(c, 0, sizeof *c);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < 28 ||
	    st.st_size > MAX_SIZE) {
		close(fd);
		return -1;
	}
	c->size = (size_t)st.st_size;
	c->data = xmalloc(c->size);
	if (read_all(fd, c->data, c->size) < 0)
		goto bad;
	close(fd);
	fd = -1;
	if (word(c, 0) != MAGIC) {
		c->swap = 1;
		if (word(c, 0) != MAGIC)
			goto bad;
	}
	c->n = word(c, 8);
	c->orig = word(c, 12);
	c->trans = word(c, 16);
	if (c->n > c->size / 16 || c->orig > c->size - 8u * (size_t)c->n ||
	    c->trans > c->size - 8u * (size_t)c->n)
		goto bad;
	return 0;
bad:
	if (fd >= 0)
		close(fd);
	mocat_release(c);
	return -1;
}

/* The original at mid against key[0..klen): <0, 0, >0 as memcmp orders bytes. */
static int compare(const struct mocat *c, uint32_t mid, const char *key, size_t klen, int *bad)
{
	size_t len;
	const char *s = string(c, c->orig, mid, &len);
	int cmp;
	if (!s) {
		*bad = 1;
		return 0;
	}
	cmp = memcmp(s, key, len < klen ? len : klen);
	return cmp ? cmp : len < klen ? -1 : len > klen;
}

const char *mocat_find(const struct mocat *c, const char *context, const char *msgid)
{
	struct strbuf key = STRBUF_INIT;
	const char *found = NULL;
	uint32_t lo = 0, hi = c->n;
	int bad = 0;

	if (context) {
		strbuf_addstr(&key, context);
		strbuf_addch(&key, '\004');
	}
	strbuf_addstr(&key, msgid);
	/* the originals are sorted by their bytes: "CONTEXT\004MSGID" with a context */
	while (lo < hi && !bad) {
		uint32_t mid = lo + (hi - lo) / 2;
		int cmp = compare(c, mid, key.buf, key.len, &bad);
		if (!cmp && !bad) {
			size_t len;
			found = string(c, c->trans, mid, &len);
			if (found && !len)
				found = NULL;
			break;
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	strbuf_release(&key);
	return found;
}

void mocat_release(struct mocat *c)
{
	free(c->data);
	memset(c, 0, sizeof *c);
}
