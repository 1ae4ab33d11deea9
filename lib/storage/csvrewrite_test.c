#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvrewrite.h"
#include "tap.h"
#include "testfile.h"
#include "banned.h"

static struct datadir dd;
static const struct csvrewrite_par *use_par; /* the fast path, or NULL */
static unsigned long fast_kept, careful_q;   /* kept by it; '?' records read by csvread */

/* Records whose first field starts with 'x' go; keep_last keeps the last one. */
struct rule {
	int keep_last, header_bad;
};

static int header(void *ctx, const struct csvread_row *row, struct diag *d)
{
	const struct rule *r = ctx;
	(void)row;
	return r->header_bad ? diag_set(d, DIAG_DATA, NULL, 0, 0, "bad header") : 0;
}

static int keep(void *ctx, const struct csvread_row *row, struct diag *d)
{
	(void)ctx;
	careful_q += row->field[0][0] == '?';
	if (row->field[0][0] == '!')
		return diag_set(d, DIAG_DATA, NULL, 0, 0, "stop");
	return row->field[0][0] != 'x';
}

static int keep_last(void *ctx)
{
	const struct rule *r = ctx;
	return r->keep_last;
}

/*
 * The fast path (csvrewrite_par): the same rule on worker threads, the
 * records each block kept counted into its acc and summed at merge; a
 * record starting with '?' is refused (csvread decides it, with its line),
 * and one starting with '!', which the careful rule reports.
 */

static int fast_keep(void *worker, void *acc, const struct csvread_row *row)
{
	(void)worker;
	if (row->field[0][0] == '?' || row->field[0][0] == '!' || row->line)
		return -1;
	if (row->field[0][0] != 'x')
		++*(unsigned long *)acc;
	return row->field[0][0] != 'x';
}

static void *acc_new(void *ctx)
{
	(void)ctx;
	return calloc(1, sizeof(unsigned long));
}

static void acc_reset(void *acc)
{
	*(unsigned long *)acc = 0;
}

static int merge(void *ctx, void *acc, struct diag *d)
{
	(void)ctx;
	(void)d;
	fast_kept += *(unsigned long *)acc;
	return 0;
}

/* Rewrite content; "removed/kept: new content", or the error. */
static const char *rewrite(const char *content, struct rule *r, int count_only)
{
	static char got[4200];
	struct csvrewrite_ops ops = { header, keep, keep_last, NULL, NULL };
	struct datadir_lock lk;
	struct csvrewrite rw;
	struct diag d = DIAG_INIT;
	unsigned long removed = 0, kept = 0;
	int rc, fd;

	ops.ctx = r;
	ops.par = use_par;
	testfile_put("f.csv", content);
	if (count_only) {
		fd = open(testfile_path("f.csv"), O_RDONLY);
		rc = csvrewrite_count(fd, "f.csv", &ops, &removed, &kept, &d);
		close(fd);
	} else {
		if (datadir_lock(&dd, "f.csv", 5, &lk, &d) < 0)
			return "lock failed";
		csvrewrite_init(&rw, &lk, &ops);
		rc = csvrewrite_scan(&rw, &d);
		if (rc == 0)
			rc = csvrewrite_commit(&rw, &d);
		removed = rw.removed;
		kept = rw.kept;
		datadir_unlock(&lk);
	}
	if (rc < 0)
		snprintf(got, sizeof got, "error: %s", d.msg);
	else
		snprintf(got, sizeof got, "%lu/%lu: %s", removed, kept, testfile_get("f.csv"));
	return got;
}

static void test_rewrite(void)
{
	struct rule r = { 0, 0 };

	is_str(rewrite("h\na\nx1\nx2\nb\nx3\n", &r, 0), "3/2: h\na\nb\n",
	       "runs of removed records go");
	is_str(rewrite("\xef\xbb\xbfh\r\na,\"q\r\nq\"\r\nx\r\n\r\nb\r\n", &r, 0),
	       "1/2: \xef\xbb\xbfh\r\na,\"q\r\nq\"\r\nb\r\n",
	       "kept records byte for byte: BOM, CRLF, quoted line ends; a blank line goes with its record");
	is_str(rewrite("h\na\nb\n", &r, 0), "0/2: h\na\nb\n", "nothing removed: the file stays");
	r.keep_last = 1;
	is_str(rewrite("h\na\nx1\nx2\n", &r, 0), "1/2: h\na\nx2\n",
	       "the last record kept after all");
	is_str(rewrite("h\na\nx1\nx2\n", &r, 1), "1/2: h\na\nx1\nx2\n", "counting changes nothing");
	r.keep_last = 0;
	is_str(rewrite("h\nx1\n!\nx2\n", &r, 0), "error: stop", "a refusal stops the rewrite");
	is_str(testfile_get("f.csv"), "h\nx1\n!\nx2\n", "and the file is as it was");
	r.header_bad = 1;
	is_str(rewrite("h\nx1\n", &r, 0), "error: bad header", "a bad header too");
	r.header_bad = 0;
	is_str(rewrite("h\na\nx1\nx2,\"torn", &r, 1), "1/1: h\na\nx1\nx2,\"torn",
	       "without the lock an incomplete last record is not counted");
}

/*
 * The fast path gives what csvread alone gives, with blocks of 1 to 64
 * bytes on one and on two threads: records of the form okienko writes,
 * then from some block on CRLF, a stray quote, invalid UTF-8, a refused
 * record, a torn last one, an error.
 */
static void test_fast(void)
{
	static const char *const inputs[] = {
		"h\na\nx1\nx2\nb\nx3\nc,\"q\"\"\nq\"\nx4\nd\n",
		"h\na\nx1\nb\nc\nx2\r\nd\nx3\n",
		"h\na\nx1\nb\nc\nx2\nd\"q\nx3\n",
		"h\na\nx1\nb\nc\nx2\nd\xff\nx3\n",
		"h\na\nx1\nb\nc\n?x\nd\nx3\n",
		"h\na\nx1\nb\nc\nx2\nd\n\nx3,\"torn",
		"h\na\nx1\nb\nc\nx2\nd\n!\nx3\n",
		"h\nx1\nx2\nx3\n",
		"h\na\nb\n",
		"h\n",
	};
	void *workers[2] = { NULL, NULL };
	struct csvrewrite_par par = { fast_keep, acc_new, acc_reset, merge, free, workers, 1, 0 };
	struct rule r = { 0, 0 };
	char want[4200];
	size_t i, same = 0, n = 0, fast_seen = 0, refused_seen = 0;
	int count, last;

	for (i = 0; i < sizeof inputs / sizeof *inputs; i++)
		for (last = 0; last <= 1; last++)
			for (count = 0; count <= 1; count++) {
				size_t block;
				r.keep_last = last;
				use_par = NULL;
				snprintf(want, sizeof want, "%s", rewrite(inputs[i], &r, count));
				for (block = 1; block <= 64;
				     block = block < 8 ? block + 1 : block * 2)
					for (par.jobs = 1; par.jobs <= 2; par.jobs++) {
						const char *got;
						par.block_size = block;
						use_par = &par;
						fast_kept = careful_q = 0;
						got = rewrite(inputs[i], &r, count);
						n++;
						if (strcmp(got, want) == 0)
							same++;
						else
							printf("# input %zu block %zu jobs %u: '%s', not '%s'\n",
							       i, block, par.jobs, got, want);
						fast_seen += fast_kept > 0;
						refused_seen += careful_q > 0;
					}
			}
	use_par = NULL;
	ok(same == n, "fast path and csvread give the same new files and counts (%zu of %zu)", same,
	   n);
	ok(fast_seen > 0 && refused_seen > 0,
	   "records were kept on the fast path, and refused ones decided by csvread");
}

int main(void)
{
	struct diag d = DIAG_INIT;
	char cmd[96];

	if (testfile_mkdtemp("csvrewrite") < 0 || datadir_open(&dd, testfile_dir, &d) < 0)
		return 1;
	test_rewrite();
	test_fast();
	datadir_release(&dd);
	snprintf(cmd, sizeof cmd, "rm -rf %s", testfile_dir);
	return system(cmd) == 0 ? tap_done() : 1;
}
