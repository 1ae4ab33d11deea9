#include "csvpar.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvbound.h"
#include "csvscan.h"
#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Bytes read per block: 1 MiB, less with many threads so that all blocks
 * together stay near BLOCKS_MEMORY; a block grows past it only to hold a
 * long record.
 */
enum {
	BLOCK_SIZE = 1024 * 1024,
	MIN_BLOCK_SIZE = 64 * 1024,
	BLOCKS_MEMORY = 8 * 1024 * 1024,
	BLOCK_PAD = 64,
	MAX_JOBS = 16
};
/*
 * A block that grows past this without a record end is left to csvread:
 * a record of megabytes is rare, and csvread holds it (or reports it) in
 * less memory.
 */
#define LONGEST_BLOCK ((size_t)3 * 1024 * 1024)

enum block_state { FREE, READY, BUSY, DONE };

struct block {
	struct strbuf data;
	off_t offset;    /* of data.buf[0] in the file */
	size_t newlines; /* LF bytes in the block, once scanned */
	enum block_state state;
	int unusual; /* a record for csvread */
	void *acc;
};

struct par {
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct block *blocks;
	size_t nblocks;
	unsigned long nread, ntaken; /* blocks filled, blocks given to workers */
	int quit;
	const struct csvpar_ops *ops;
};

struct worker_arg {
	struct par *par;
	unsigned id;
};

unsigned csvpar_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n > MAX_JOBS ? MAX_JOBS : (unsigned)n;
}

static void scan_block(const struct csvpar_ops *ops, unsigned id, struct csvscan *scan,
		       struct block *b)
{
	struct csvread_row *row;
	int rc;

	ops->acc_reset(b->acc);
	csvscan_reset(scan, b->data.buf, b->data.len, b->offset);
	while ((rc = csvscan_next(scan, &row)) == CSVSCAN_ROW)
		if (ops->row(ops->worker[id], b->acc, row) < 0)
			break;
	b->unusual = rc != CSVSCAN_END;
	b->newlines = scan->newlines;
}

static void *worker_main(void *arg)
{
	const struct worker_arg *w = arg;
	struct par *par = w->par;
	struct csvscan scan;

	csvscan_init(&scan);
	pthread_mutex_lock(&par->mu);
	for (;;) {
		struct block *b;
		while (!par->quit && par->ntaken == par->nread)
			pthread_cond_wait(&par->work, &par->mu);
		if (par->quit)
			break;
		b = &par->blocks[par->ntaken++ % par->nblocks];
		b->state = BUSY;
		pthread_mutex_unlock(&par->mu);
		scan_block(par->ops, w->id, &scan, b);
		pthread_mutex_lock(&par->mu);
		b->state = DONE;
		pthread_cond_signal(&par->done);
	}
	pthread_mutex_unlock(&par->mu);
	csvscan_release(&scan);
	return NULL;
}

static int read_at(int fd, const char *name, char *buf, size_t len, off_t at, size_t *got,
		   struct diag *d)
{
	ssize_t n;
	do
		n = pread(fd, buf, len, at);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return diag_errno(d, errno, "read", name);
	*got = (size_t)n;
	return 0;
}

/*
 * Fill b with the carried bytes and then the file from *pos, up to a
 * record end; the bytes after it are carried to the next block.
 * 1: b holds records; 0: the file ends first (everything is in carry).
 */
static int fill_block(int fd, const char *name, size_t size, struct block *b, struct strbuf *carry,
		      off_t *pos, struct diag *d)
{
	size_t got = 0, cut;

	strbuf_reset(&b->data);
	strbuf_add(&b->data, carry->buf, carry->len);
	b->offset = *pos - (off_t)carry->len;
	strbuf_reset(carry);
	for (;;) {
		strbuf_grow(&b->data, size);
		if (read_at(fd, name, b->data.buf + b->data.len, size, *pos, &got, d) < 0)
			return -1;
		*pos += (off_t)got;
		strbuf_setlen(&b->data, b->data.len + got);
		if (got) {
			int odd = 0; /* a block starts at a record start */
			cut = csvbound_last(b->data.buf, b->data.len, &odd);
		} else {
			cut = 0;
		}
		if (cut || !got || b->data.len > LONGEST_BLOCK)
			break;
	}
	strbuf_add(carry, b->data.buf + cut, b->data.len - cut);
	strbuf_setlen(&b->data, cut);
	/*
	 * Defined bytes past the end: PCRE2's JIT may read a few bytes past a
	 * subject (harmless, but memory checkers see the last field's).
	 */
	strbuf_grow(&b->data, BLOCK_PAD);
	memset(b->data.buf + b->data.len, 0, BLOCK_PAD);
	if (!cut && b->data.len + carry->len > LONGEST_BLOCK)
		*pos = b->offset + (off_t)carry->len; /* csvread takes over here */
	return cut > 0;
}

static void stop_workers(struct par *par, pthread_t *threads, unsigned nthreads)
{
	unsigned i;
	pthread_mutex_lock(&par->mu);
	par->quit = 1;
	pthread_cond_broadcast(&par->work);
	pthread_mutex_unlock(&par->mu);
	for (i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
}

int csvpar_run(int fd, const char *name, off_t start, long line, const struct csvpar_ops *ops,
	       struct csvpar_stop *stop, struct diag *d)
{
	struct par par;
	struct strbuf carry = STRBUF_INIT;
	struct csvscan inline_scan;
	struct worker_arg args[MAX_JOBS];
	pthread_t threads[MAX_JOBS];
	unsigned nthreads = 0, jobs = ops->jobs < 1          ? 1
				      : ops->jobs > MAX_JOBS ? MAX_JOBS
							     : ops->jobs;
	unsigned long nmerged = 0;
	off_t pos = start;
	int eof = 0, rc = 0;
	size_t i, block_size;

	memset(&par, 0, sizeof par);
	memset(stop, 0, sizeof *stop);
	pthread_mutex_init(&par.mu, NULL);
	pthread_cond_init(&par.work, NULL);
	pthread_cond_init(&par.done, NULL);
	par.ops = ops;
	par.nblocks = jobs + 2;
	block_size = ops->block_size;
	if (!block_size) {
		block_size = BLOCKS_MEMORY / par.nblocks;
		block_size = block_size > BLOCK_SIZE       ? BLOCK_SIZE
			     : block_size < MIN_BLOCK_SIZE ? MIN_BLOCK_SIZE
							   : block_size;
	}
	par.blocks = xcalloc(par.nblocks, sizeof *par.blocks);
	for (i = 0; i < par.nblocks; i++) {
		strbuf_init(&par.blocks[i].data, 0);
		par.blocks[i].acc = ops->acc_new(ops->ctx);
	}
	csvscan_init(&inline_scan);
	for (; jobs > 1 && nthreads < jobs; nthreads++) {
		args[nthreads].par = &par;
		args[nthreads].id = nthreads;
		if (pthread_create(&threads[nthreads], NULL, worker_main, &args[nthreads]) != 0)
			break; /* fewer threads; with none, the blocks are scanned here */
	}

	pthread_mutex_lock(&par.mu);
	for (;;) {
		struct block *b = &par.blocks[nmerged % par.nblocks];
		if (nmerged < par.nread && b->state == DONE) {
			pthread_mutex_unlock(&par.mu);
			rc = b->unusual ? CSVPAR_CAREFUL : ops->merge(ops->ctx, b->acc, d);
			if (rc == CSVPAR_CAREFUL) {
				rc = 0;
				stop->resume = b->offset;
				stop->resume_line = line;
				pthread_mutex_lock(&par.mu);
				break;
			}
			line += (long)b->newlines;
			nmerged++;
			pthread_mutex_lock(&par.mu);
			b->state = FREE;
			if (rc < 0)
				break;
			continue;
		}
		if (nmerged == par.nread && eof) {
			stop->complete = carry.len == 0;
			stop->resume = pos - (off_t)carry.len;
			stop->resume_line = line;
			break;
		}
		if (!eof && par.nread - nmerged < par.nblocks) {
			struct block *f = &par.blocks[par.nread % par.nblocks];
			int got;
			pthread_mutex_unlock(&par.mu);
			got = fill_block(fd, name, block_size, f, &carry, &pos, d);
			if (got > 0 && !nthreads)
				scan_block(ops, 0, &inline_scan, f);
			pthread_mutex_lock(&par.mu);
			if (got < 0) {
				rc = -1;
				break;
			}
			if (!got) {
				eof = 1;
				continue;
			}
			f->state = nthreads ? READY : DONE;
			par.nread++;
			pthread_cond_signal(&par.work);
			continue;
		}
		pthread_cond_wait(&par.done, &par.mu);
	}
	pthread_mutex_unlock(&par.mu);
	stop_workers(&par, threads, nthreads);

	for (i = 0; i < par.nblocks; i++) {
		strbuf_release(&par.blocks[i].data);
		ops->acc_free(par.blocks[i].acc);
	}
	free(par.blocks);
	strbuf_release(&carry);
	csvscan_release(&inline_scan);
	pthread_cond_destroy(&par.done);
	pthread_cond_destroy(&par.work);
	pthread_mutex_destroy(&par.mu);
	return rc;
}
