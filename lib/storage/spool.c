#include "spool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "dirfile.h"
#include "xalloc.h"
#include "banned.h"

#define CHUNK (256 * 1024)

void spool_init(struct spool *sp, int dirfd, const char *dirpath, const char *name)
{
	size_t n = strlen(name) + 7;

	memset(sp, 0, sizeof *sp);
	sp->dirfd = dirfd;
	sp->dirpath = dirpath;
	sp->prefix = xmalloc(n);
	snprintf(sp->prefix, n, ".%s.tmp.", name);
	sp->fd = -1;
	strbuf_init(&sp->buf, 0);
}

/* The file has no name from the moment it exists but for this instant. */
static int make_file(struct spool *sp, struct diag *d)
{
	char *name;
	int rc = dirfile_temp(sp->dirfd, sp->prefix, sp->dirpath, &name, &sp->path, &sp->fd, d);

	if (rc == 0 && unlinkat(sp->dirfd, name, 0) < 0 && errno != ENOENT) {
		rc = diag_errno(d, errno, "remove", sp->path);
		close(sp->fd);
		sp->fd = -1;
	}
	free(name);
	return rc;
}

static int flush(struct spool *sp, struct diag *d)
{
	if (sp->fd < 0 && make_file(sp, d) < 0)
		return -1;
	if (datadir_write_all(sp->fd, sp->buf.buf, sp->buf.len, sp->path, d) < 0)
		return -1;
	strbuf_reset(&sp->buf);
	return 0;
}

int spool_put(struct spool *sp, const char *buf, size_t len, struct diag *d)
{
	strbuf_add(&sp->buf, &len, sizeof len);
	strbuf_add(&sp->buf, buf, len);
	sp->n++;
	return sp->buf.len >= SPOOL_MEM ? flush(sp, d) : 0;
}

int spool_rewind(struct spool *sp, struct diag *d)
{
	int was_reading = sp->reading;

	sp->pos = 0;
	sp->eof = 0;
	sp->reading = 1;
	if (sp->fd < 0)
		return 0;
	if (!was_reading && sp->buf.len && flush(sp, d) < 0)
		return -1;
	strbuf_reset(&sp->buf);
	if (lseek(sp->fd, 0, SEEK_SET) < 0)
		return diag_errno(d, errno, "seek in", sp->path);
	return 0;
}

/* At least want bytes after pos in buf, unless the file ends first. */
static int fill(struct spool *sp, size_t want, struct diag *d)
{
	while (sp->fd >= 0 && !sp->eof && sp->buf.len - sp->pos < want) {
		size_t keep = sp->buf.len - sp->pos, room = want > CHUNK ? want : CHUNK;
		ssize_t got;
		memmove(sp->buf.buf, sp->buf.buf + sp->pos, keep);
		strbuf_setlen(&sp->buf, keep);
		sp->pos = 0;
		strbuf_grow(&sp->buf, room);
		got = read(sp->fd, sp->buf.buf + keep, room);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return diag_errno(d, errno, "read", sp->path);
		if (got == 0)
			sp->eof = 1;
		strbuf_setlen(&sp->buf, keep + (size_t)got);
	}
	return 0;
}

int spool_get(struct spool *sp, const char **buf, size_t *len, struct diag *d)
{
	if (fill(sp, sizeof *len, d) < 0)
		return -1;
	if (sp->buf.len - sp->pos == 0)
		return 0;
	if (sp->buf.len - sp->pos < sizeof *len)
		return diag_set(d, DIAG_SYSTEM, sp->path, 0, 0, "temporary file cut short");
	memcpy(len, sp->buf.buf + sp->pos, sizeof *len);
	if (fill(sp, sizeof *len + *len, d) < 0)
		return -1;
	if (sp->buf.len - sp->pos < sizeof *len + *len)
		return diag_set(d, DIAG_SYSTEM, sp->path, 0, 0, "temporary file cut short");
	*buf = sp->buf.buf + sp->pos + sizeof *len;
	sp->pos += sizeof *len + *len;
	return 1;
}

void spool_release(struct spool *sp)
{
	if (sp->fd >= 0)
		close(sp->fd);
	strbuf_release(&sp->buf);
	free(sp->prefix);
	free(sp->path);
	memset(sp, 0, sizeof *sp);
	sp->fd = -1;
}
