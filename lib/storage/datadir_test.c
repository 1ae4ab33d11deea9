#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "datadir.h"
#include "tap.h"
#include "banned.h"

static char dir[64];

static char *path_of(const char *name)
{
	static char buf[128];
	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static void put(const char *name, const char *content)
{
	FILE *f = fopen(path_of(name), "w");
	fputs(content, f);
	fclose(f);
}

static char *get(const char *name)
{
	static char buf[4096];
	FILE *f = fopen(path_of(name), "r");
	size_t n = 0;
	if (f) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

static void append(struct datadir *dd, const char *name, const char *rec)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	if (datadir_lock(dd, name, 1, &lk, &d) < 0 ||
	    datadir_append(&lk, rec, strlen(rec), &d) < 0)
		printf("# append failed: %s\n", d.msg);
	datadir_unlock(&lk);
}

static void test_append_and_last(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	off_t start;
	mode_t old = umask(0);

	append(dd, "a.csv", "id,note\n");
	umask(old);
	ok(stat(path_of("a.csv"), &st) == 0 && (st.st_mode & 0777) == 0660,
	   "created 0660 even with umask 0");
	ok(stat(path_of("a.csv.lock"), &st) == 0 && (st.st_mode & 0777) == 0660,
	   "lock file beside it, 0660");
	append(dd, "a.csv", "1,\"two\nlines, \"\"quoted\"\"\"\n");
	append(dd, "a.csv", "2,\"x\n\"\"\n3,fake\"\n");
	is_str(get("a.csv"), "id,note\n1,\"two\nlines, \"\"quoted\"\"\"\n2,\"x\n\"\"\n3,fake\"\n",
	       "records appended in order");
	datadir_lock(dd, "a.csv", 1, &lk, &d);
	is_int(lk.full_scan, 0, "the hint spares a full scan");
	is_int(datadir_last_record(&lk, 1000, &sb, &start, &d), 0, "last record found");
	is_str(sb.buf, "2,\"x\n\"\"\n3,fake\"\n", "last record despite newlines and a fake record inside quotes");
	is_int(start, 34, "its offset");
	is_int(datadir_last_record(&lk, 5, &sb, &start, &d), -1, "a record over the limit is an error");
	datadir_head(&lk, 8, &sb, &d);
	is_str(sb.buf, "id,note\n", "head");
	datadir_unlock(&lk);
	strbuf_release(&sb);
}

static void test_torn(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;

	put("t.csv", "id,note\n1,ok\n2,\"torn\nhalf");
	datadir_lock(dd, "t.csv", 1, &lk, &d);
	is_int(lk.repaired, 12, "torn record without hint: repaired");
	is_int(lk.full_scan, 1, "by one full scan");
	datadir_append(&lk, "3,new\n", 6, &d);
	datadir_unlock(&lk);
	is_str(get("t.csv"), "id,note\n1,ok\n3,new\n", "torn bytes gone, new record after the last good one");
	is_str(get("t.csv.torn"), "2,\"torn\nhalf\n", "torn bytes kept in .torn");

	/* torn after a newline inside quotes: the file ends with LF but is torn */
	put("u.csv", "id,note\n1,ok\n");
	append(dd, "u.csv", "2,a\n");
	{
		FILE *f = fopen(path_of("u.csv"), "a");
		fputs("3,\"open\n", f);
		fclose(f);
	}
	datadir_lock(dd, "u.csv", 1, &lk, &d);
	is_int(lk.repaired, 8, "torn record ending in a quoted newline: repaired");
	is_int(lk.full_scan, 0, "with the hint, without a full scan");
	datadir_unlock(&lk);
	is_str(get("u.csv"), "id,note\n1,ok\n2,a\n", "only complete records remain");

	/* the hint no longer matches (file replaced): full scan, nothing lost */
	put("u.csv", "id,note\n9,replaced by hand\n");
	datadir_lock(dd, "u.csv", 1, &lk, &d);
	is_int(lk.repaired, 0, "a replaced file is not cut");
	is_int(lk.full_scan, 1, "it is scanned once instead");
	datadir_unlock(&lk);
}

/* Announce an append of n bytes in the lock file (as datadir_append does), then
 * write only the given bytes: a writer that died before the append was done. */
static void die_appending(const char *name, size_t n, const char *written)
{
	char lock[64], hint[200], *nl;
	FILE *f;

	snprintf(lock, sizeof lock, "%s.lock", name);
	snprintf(hint, sizeof hint, "%s", get(lock));
	nl = strstr(hint, " pending=");  /* left by an earlier one */
	if (!nl)
		nl = strchr(hint, '\n');
	if (!nl)
		printf("# no hint in %s\n", lock);
	else
		snprintf(nl, sizeof hint - (size_t)(nl - hint), " pending=%zu\n", n);
	put(lock, hint);
	f = fopen(path_of(name), "a");
	fputs(written, f);
	fclose(f);
}

static void test_unfinished_append(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;

	append(dd, "b.csv", "id,note\n");
	append(dd, "b.csv", "1,a\n");
	ok(strstr(get("b.csv.lock"), " pending=") == NULL, "a finished append leaves no announcement");
	/* two whole records of a batch of three: the batch goes, all of it */
	die_appending("b.csv", 12, "2,b\n3,c\n");
	datadir_lock(dd, "b.csv", 1, &lk, &d);
	is_int(lk.repaired, 8, "an unfinished batch is cut whole, its complete records too");
	is_int(lk.full_scan, 0, "by the hint, without a full scan");
	datadir_unlock(&lk);
	is_str(get("b.csv"), "id,note\n1,a\n", "the file as before the batch");
	is_str(get("b.csv.torn"), "2,b\n3,c\n\n", "the cut records kept in .torn");
	/* written whole, but the writer died before it said so: not acknowledged */
	die_appending("b.csv", 4, "2,b\n");
	datadir_lock(dd, "b.csv", 1, &lk, &d);
	is_int(lk.repaired, 4, "an append not marked finished is cut");
	datadir_append(&lk, "4,d\n", 4, &d);
	datadir_unlock(&lk);
	is_str(get("b.csv"), "id,note\n1,a\n4,d\n", "and the next record follows the last finished one");
	/* more bytes than announced: not that append; only a torn tail goes */
	die_appending("b.csv", 4, "5,e\n6,f\n7,\"g");
	datadir_lock(dd, "b.csv", 1, &lk, &d);
	is_int(lk.repaired, 4, "a file longer than the announced append: the torn tail only");
	datadir_unlock(&lk);
	is_str(get("b.csv"), "id,note\n1,a\n4,d\n5,e\n6,f\n", "complete records kept");
}

/*
 * The holder keeps the lock until told to let go (a pipe, not a sleep), so
 * nothing here depends on how busy the machine is.  Only a lower bound on
 * the wait is checked: a busy machine can only make it longer.
 */
static void test_timeout(struct datadir *dd)
{
	struct datadir_lock lk, lk2;
	struct diag d = DIAG_INIT;
	int held[2], release[2], status;
	pid_t pid;
	char c;
	struct timespec t0, t1;

	if (pipe(held) < 0 || pipe(release) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		datadir_lock(dd, "w.csv", 60, &lk, &d);
		if (write(held[1], "x", 1) != 1 || read(release[0], &c, 1) != 1)
			_exit(1);
		datadir_unlock(&lk);
		_exit(0);
	}
	if (read(held[0], &c, 1) != 1)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	is_int(datadir_lock(dd, "w.csv", 0.3, &lk2, &d), -1, "lock held elsewhere: timeout");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	is_int(d.status, DIAG_SYSTEM, "timeout is a system error (exit 4)");
	ok(strstr(d.msg, "timed out after 0.3 s waiting for the lock") != NULL, "timeout message: %s", d.msg);
	ok((t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9 >= 0.29,
	   "it waited the timeout before giving up");
	if (write(release[1], "x", 1) != 1)
		printf("# cannot tell the holder to let go\n");
	/* 60 s: only a guard against a hang; the holder lets go at once */
	is_int(datadir_lock(dd, "w.csv", 60, &lk2, &d), 0, "waits for the lock to be released");
	datadir_unlock(&lk2);
	waitpid(pid, &status, 0);
	close(held[0]);
	close(held[1]);
	close(release[0]);
	close(release[1]);
}

static void test_rewrite(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	int fd;

	put("r.csv", "id\n1\n2\n");
	put(".r.csv.tmp.99999", "left by a crashed rewrite");
	datadir_lock(dd, "r.csv", 1, &lk, &d);
	datadir_rewrite_begin(&lk, &fd, &d);
	ok(access(path_of(".r.csv.tmp.99999"), F_OK) < 0, "a crashed rewrite's temporary file is removed");
	datadir_write_all(fd, "id\n2\n", 5, "tmp", &d);
	is_int(datadir_rewrite_commit(&lk, &d), 0, "rewrite committed");
	is_int(lk.size, 5, "size follows the new file");
	datadir_append(&lk, "3\n", 2, &d);
	datadir_unlock(&lk);
	is_str(get("r.csv"), "id\n2\n3\n", "new content, appendable");

	datadir_lock(dd, "r.csv", 1, &lk, &d);
	datadir_rewrite_begin(&lk, &fd, &d);
	datadir_write_all(fd, "garbage", 7, "tmp", &d);
	datadir_rewrite_abort(&lk);
	datadir_unlock(&lk);
	is_str(get("r.csv"), "id\n2\n3\n", "aborted rewrite changes nothing");
	{
		char cmd[128];
		snprintf(cmd, sizeof cmd, "ls -a %s | grep -q tmp", dir);
		ok(system(cmd) != 0, "no temporary file left");
	}
}

/* A document (a meeting's YAML) is replaced whole: never cut as a torn record. */
static void test_document(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	int fd;

	put("m.yaml", "title: \"odd quote\nnote: it's \" here");
	is_int(datadir_lock_document(dd, "m.yaml", 1, &lk, &d), 0, "document locked");
	is_int(lk.repaired, 0, "nothing cut from a document");
	is_int(lk.size, 35, "its size");
	ok(access(path_of("m.yaml.torn"), F_OK) < 0, "no .torn file for a document");
	datadir_rewrite_begin(&lk, &fd, &d);
	datadir_write_all(fd, "title: new\n", 11, "tmp", &d);
	is_int(datadir_rewrite_commit(&lk, &d), 0, "document replaced");
	datadir_unlock(&lk);
	is_str(get("m.yaml"), "title: new\n", "the new document");
}

static void test_write_error(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	char want[160];
	put("f.csv", "id\n1\n");
	datadir_lock(dd, "f.csv", 1, &lk, &d);
	close(lk.datafd);
	lk.datafd = open("/dev/full", O_WRONLY);
	is_int(datadir_append(&lk, "2\n", 2, &d), -1, "write error reported");
	snprintf(want, sizeof want, "cannot write '%s/f.csv': No space left on device", dir);
	is_str(d.msg, want, "write error message");
	is_int(d.status, DIAG_SYSTEM, "write error is a system error");
	datadir_unlock(&lk);
}

int main(void)
{
	struct datadir dd;
	struct diag d = DIAG_INIT;
	char cmd[96];

	snprintf(dir, sizeof dir, "/tmp/okienko-datadir-test." TAP_TEMPLATE_TAIL);
	if (!mkdtemp(dir))
		return 1;
	is_int(datadir_open(&dd, "/nonexistent/dir", &d), -1, "missing directory");
	is_str(d.msg, "data directory '/nonexistent/dir' does not exist", "its message");
	is_int(d.status, DIAG_USAGE, "a usage error");
	datadir_open(&dd, dir, &d);
	test_append_and_last(&dd);
	test_torn(&dd);
	test_unfinished_append(&dd);
	test_timeout(&dd);
	test_rewrite(&dd);
	test_document(&dd);
	test_write_error(&dd);
	datadir_release(&dd);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? tap_done() : 1;
}
