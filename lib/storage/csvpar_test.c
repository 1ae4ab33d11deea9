#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvpar.h"
#include "csvread.h"
#include "strbuf.h"
#include "tap.h"
#include "banned.h"

/*
 * Each record is written as "OFFSET:field|field\n" into its block's acc;
 * merge appends the blocks to the context in the order it gets them.
 * A record whose first field is "refuse" is refused.
 */
struct ctx {
	struct strbuf all;
	int fail_merge;
	int careful_at; /* merge hands back the block holding "care" */
};

static int row_fn(void *worker, void *acc, const struct csvread_row *row)
{
	struct strbuf *sb = acc;
	size_t i;
	(void)worker;
	if (!strcmp(row->field[0], "refuse"))
		return -1;
	strbuf_addf(sb, "%lld:", (long long)row->offset);
	for (i = 0; i < row->n; i++) {
		strbuf_add(sb, row->field[i], row->len[i]);
		strbuf_addch(sb, i + 1 < row->n ? '|' : '\n');
	}
	return 0;
}

static void *acc_new(void *ctx)
{
	struct strbuf *sb = malloc(sizeof *sb);
	(void)ctx;
	strbuf_init(sb, 0);
	return sb;
}

static void acc_reset(void *acc)
{
	strbuf_reset(acc);
}

static int merge(void *ctxp, void *acc, struct diag *d)
{
	struct ctx *c = ctxp;
	const struct strbuf *sb = acc;
	if (c->fail_merge)
		return diag_set(d, DIAG_SYSTEM, NULL, 0, 0, "merge failed");
	if (c->careful_at && strstr(sb->buf, ":care|"))
		return CSVPAR_CAREFUL;
	strbuf_add(&c->all, sb->buf, sb->len);
	return 0;
}

static void acc_free(void *acc)
{
	strbuf_release(acc);
	free(acc);
}

/* csvread's view of path from offset from on (line line), up to offset until. */
static void expect(const char *path, off_t from, long line, off_t until, struct strbuf *out)
{
	int fd = open(path, O_RDONLY);
	struct csvread *r;
	struct csvread_row *row;
	struct diag d = DIAG_INIT;
	size_t i;

	lseek(fd, from, SEEK_SET);
	r = csvread_open(fd, path, CSVREAD_SKIP_TORN_END);
	csvread_set_origin(r, from, line);
	while (csvread_next(r, &row, &d) == 1 && row->offset < until) {
		strbuf_addf(out, "%lld:", (long long)row->offset);
		for (i = 0; i < row->n; i++) {
			strbuf_add(out, row->field[i], row->len[i]);
			strbuf_addch(out, i + 1 < row->n ? '|' : '\n');
		}
	}
	csvread_free(r);
	close(fd);
}

/* Run csvpar over path from its second line with jobs threads. */
static size_t block_size; /* 0: csvpar's own */

static int run(const char *path, unsigned jobs, struct ctx *c, struct csvpar_stop *stop,
	       struct diag *d)
{
	void *workers[8] = { 0 };
	struct csvpar_ops ops = { .row = row_fn,
				  .acc_new = acc_new,
				  .acc_reset = acc_reset,
				  .merge = merge,
				  .acc_free = acc_free,
				  .ctx = c,
				  .worker = workers,
				  .jobs = jobs,
				  .block_size = block_size };
	int fd = open(path, O_RDONLY), rc;
	char first[64];
	ssize_t n = read(fd, first, sizeof first);
	off_t start = (off_t)((char *)memchr(first, '\n', (size_t)n) - first + 1);

	strbuf_reset(&c->all);
	rc = csvpar_run(fd, path, start, 2, &ops, stop, d);
	close(fd);
	return rc;
}

static void write_file(const char *path, const struct strbuf *sb)
{
	FILE *f = fopen(path, "w");
	fwrite(sb->buf, 1, sb->len, f);
	fclose(f);
}

/* About 5 MiB of records: quotes, doubled quotes, LFs in quotes. */
static void make_records(struct strbuf *sb, int n)
{
	int i;
	strbuf_addstr(sb, "id,name,note\n");
	for (i = 0; i < n; i++) {
		switch (i % 7) {
		case 0:
			strbuf_addf(sb, "%d,\"Nov\xC3\xA1k, Jan\",\"line one\nline two\"\n", i);
			break;
		case 3:
			strbuf_addf(sb, "%d,\"say \"\"hi\"\"\",\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2\n",
				    i);
			break;
		default:
			strbuf_addf(sb, "%d,plain,%0*d\n", i, 20 + i % 50, i);
		}
	}
}

static int count_lf(const char *s, size_t len)
{
	int n = 0;
	size_t i;
	for (i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

int main(void)
{
	char dir[] = "/tmp/csvpar_test." TAP_TEMPLATE_TAIL;
	char path[256];
	struct strbuf file = STRBUF_INIT, want = STRBUF_INIT;
	struct ctx c;
	struct csvpar_stop stop;
	struct diag d = DIAG_INIT;
	unsigned jobs;
	off_t bad;

	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/t.csv", dir);
	memset(&c, 0, sizeof c);
	strbuf_init(&c.all, 0);
	c.fail_merge = 0;

	make_records(&file, 120000);
	write_file(path, &file);
	expect(path, 13, 2, file.len, &want);
	for (jobs = 1; jobs <= 4; jobs++) {
		ok(run(path, jobs, &c, &stop, &d) == 0 && stop.complete, "jobs %u: complete", jobs);
		ok(c.all.len == want.len && !memcmp(c.all.buf, want.buf, want.len),
		   "jobs %u: the records of csvread, in order (%zu bytes of %zu)", jobs, c.all.len,
		   file.len);
	}

	/* blocks of 1 to 64 bytes: every way a block can end inside a record */
	{
		struct strbuf small = STRBUF_INIT;
		int same = 0;
		make_records(&small, 60);
		write_file(path, &small);
		strbuf_reset(&want);
		expect(path, 13, 2, small.len, &want);
		for (block_size = 1; block_size <= 64; block_size++)
			same += run(path, 1 + block_size % 3, &c, &stop, &d) == 0 &&
				stop.complete && c.all.len == want.len &&
				!memcmp(c.all.buf, want.buf, want.len);
		is_int(same, 64, "blocks of 1 to 64 bytes: the records of csvread");
		block_size = 0;
		write_file(path, &file);
		strbuf_reset(&want);
		expect(path, 13, 2, file.len, &want);
		strbuf_release(&small);
	}

	/* a CR in the middle: csvread takes over at the block that holds it */
	bad = (off_t)(file.len * 3 / 5);
	while (file.buf[bad - 1] != '\n' || file.buf[bad] == '"')
		bad++;
	{
		struct strbuf crfile = STRBUF_INIT;
		strbuf_add(&crfile, file.buf, (size_t)bad);
		strbuf_addstr(&crfile, "x,y\r\n");
		strbuf_add(&crfile, file.buf + bad, file.len - (size_t)bad);
		write_file(path, &crfile);
		for (jobs = 1; jobs <= 3; jobs += 2) {
			ok(run(path, jobs, &c, &stop, &d) == 0 && !stop.complete &&
				   stop.resume <= bad && stop.resume > bad - 2 * 1024 * 1024,
			   "jobs %u: a CR stops the fast path at its block (%lld, CR at %lld)",
			   jobs, (long long)stop.resume, (long long)bad);
			is_int(stop.resume_line, 1 + count_lf(crfile.buf, (size_t)stop.resume),
			       "jobs %u: ... on the block's line", jobs);
			strbuf_reset(&want);
			expect(path, 13, 2, stop.resume, &want);
			ok(c.all.len == want.len && !memcmp(c.all.buf, want.buf, want.len),
			   "jobs %u: every record before it, once, in order", jobs);
		}
		strbuf_release(&crfile);
	}

	/* a refused record does the same */
	{
		struct strbuf rf = STRBUF_INIT;
		strbuf_add(&rf, file.buf, (size_t)bad);
		strbuf_addstr(&rf, "refuse,me,now\n");
		strbuf_add(&rf, file.buf + bad, file.len - (size_t)bad);
		write_file(path, &rf);
		ok(run(path, 2, &c, &stop, &d) == 0 && !stop.complete && stop.resume <= bad,
		   "a refused record stops the fast path");
		strbuf_release(&rf);
	}

	/* a torn tail: everything before it, then csvread for the tail */
	strbuf_addstr(&file, "999,torn");
	write_file(path, &file);
	ok(run(path, 2, &c, &stop, &d) == 0 && !stop.complete &&
		   stop.resume == (off_t)(file.len - 8),
	   "a last record without line end is left to csvread");
	is_int(stop.resume_line, 1 + count_lf(file.buf, file.len), "... with its line");

	/* a record longer than a block: two quoted fields of 800 KiB with LFs */
	strbuf_reset(&file);
	strbuf_addstr(&file, "h\na\n\"");
	while (file.len < 800 * 1024)
		strbuf_addstr(&file, "long, long\n");
	strbuf_addstr(&file, "\",\"");
	while (file.len < 1600 * 1024)
		strbuf_addstr(&file, "more\n");
	strbuf_addstr(&file, "\"\nb\n");
	write_file(path, &file);
	ok(run(path, 2, &c, &stop, &d) == 0 && stop.complete, "a 1.6 MiB record: complete");
	strbuf_reset(&want);
	expect(path, 2, 2, file.len, &want);
	ok(c.all.len == want.len && !memcmp(c.all.buf, want.buf, want.len), "... the same records");

	/* a field over csvread's limit: csvread reports it */
	strbuf_reset(&file);
	strbuf_addstr(&file, "h\na\n\"");
	while (file.len < 3 * 1024 * 1024)
		strbuf_addstr(&file, "long, long\n");
	strbuf_addstr(&file, "\"\nb\n");
	write_file(path, &file);
	ok(run(path, 2, &c, &stop, &d) == 0 && !stop.complete && stop.resume == 4 &&
		   stop.resume_line == 3,
	   "a 3 MiB field is left to csvread");

	/* nothing after the header */
	strbuf_reset(&file);
	strbuf_addstr(&file, "h\n");
	write_file(path, &file);
	ok(run(path, 2, &c, &stop, &d) == 0 && stop.complete && !c.all.len, "an empty file");

	/* a merge that hands a block back: csvread goes on at that block */
	strbuf_reset(&file);
	make_records(&file, 50000);
	strbuf_addstr(&file, "care,x\n");
	{
		int k;
		for (k = 0; k < 50000; k++)
			strbuf_addf(&file, "%d,after,x\n", k);
	}
	write_file(path, &file);
	c.careful_at = 1;
	{
		const char *care = strstr(file.buf, "\ncare,x\n") + 1;
		off_t at = (off_t)(care - file.buf);
		ok(run(path, 2, &c, &stop, &d) == 0 && !stop.complete && stop.resume <= at &&
			   stop.resume > 0 && !strstr(c.all.buf, ":care|"),
		   "a block merge hands back is read by csvread from its start");
		strbuf_reset(&want);
		expect(path, (off_t)(strchr(file.buf, '\n') + 1 - file.buf), 2, stop.resume, &want);
		ok(c.all.len > 0 && !strcmp(c.all.buf, want.buf),
		   "and every block before it was merged (%zu bytes)", c.all.len);
	}
	c.careful_at = 0;

	/* a merge error stops everything */
	make_records(&file, 50000);
	write_file(path, &file);
	c.fail_merge = 1;
	ok(run(path, 2, &c, &stop, &d) == -1 && !strcmp(d.msg, "merge failed"),
	   "a merge error is returned");

	unlink(path);
	rmdir(dir);
	strbuf_release(&file);
	strbuf_release(&want);
	strbuf_release(&c.all);
	return tap_done();
}
