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
	if (row->field[0][0] == '!')
		return diag_set(d, DIAG_DATA, NULL, 0, 0, "stop");
	return row->field[0][0] != 'x';
}

static int keep_last(void *ctx)
{
	const struct rule *r = ctx;
	return r->keep_last;
}

/* Rewrite content; "removed/kept: new content", or the error. */
static const char *rewrite(const char *content, struct rule *r, int count_only)
{
	static char got[4200];
	struct csvrewrite_ops ops = { header, keep, keep_last, NULL };
	struct datadir_lock lk;
	struct csvrewrite rw;
	struct diag d = DIAG_INIT;
	unsigned long removed = 0, kept = 0;
	int rc, fd;

	ops.ctx = r;
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

	is_str(rewrite("h\na\nx1\nx2\nb\nx3\n", &r, 0), "3/2: h\na\nb\n", "runs of removed records go");
	is_str(rewrite("\xef\xbb\xbfh\r\na,\"q\r\nq\"\r\nx\r\n\r\nb\r\n", &r, 0),
	       "1/2: \xef\xbb\xbfh\r\na,\"q\r\nq\"\r\nb\r\n",
	       "kept records byte for byte: BOM, CRLF, quoted line ends; a blank line goes with its record");
	is_str(rewrite("h\na\nb\n", &r, 0), "0/2: h\na\nb\n", "nothing removed: the file stays");
	r.keep_last = 1;
	is_str(rewrite("h\na\nx1\nx2\n", &r, 0), "1/2: h\na\nx2\n", "the last record kept after all");
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

int main(void)
{
	struct diag d = DIAG_INIT;
	char cmd[96];

	if (testfile_mkdtemp("csvrewrite") < 0 || datadir_open(&dd, testfile_dir, &d) < 0)
		return 1;
	test_rewrite();
	datadir_release(&dd);
	snprintf(cmd, sizeof cmd, "rm -rf %s", testfile_dir);
	return system(cmd) == 0 ? tap_done() : 1;
}
