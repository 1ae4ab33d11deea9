#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "datadir.h"
#include "tap.h"
#include "testfile.h"
#include "banned.h"

static void append(struct datadir *dd, const char *name, const char *rec)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	if (datadir_lock(dd, name, 1, &lk, &d) < 0 || datadir_append(&lk, rec, strlen(rec), &d) < 0)
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
	ok(stat(testfile_path("a.csv"), &st) == 0 && (st.st_mode & 0777) == 0660,
	   "created 0660 even with umask 0");
	ok(stat(testfile_path("a.csv.lock"), &st) == 0 && (st.st_mode & 0777) == 0660,
	   "lock file beside it, 0660");
	append(dd, "a.csv", "1,\"two\nlines, \"\"quoted\"\"\"\n");
	append(dd, "a.csv", "2,\"x\n\"\"\n3,fake\"\n");
	is_str(testfile_get("a.csv"),
	       "id,note\n1,\"two\nlines, \"\"quoted\"\"\"\n2,\"x\n\"\"\n3,fake\"\n",
	       "records appended in order");
	datadir_lock(dd, "a.csv", 1, &lk, &d);
	is_int(lk.full_scan, 0, "the hint spares a full scan");
	is_int(datadir_last_record(&lk, 1000, &sb, &start, &d), 0, "last record found");
	is_str(sb.buf, "2,\"x\n\"\"\n3,fake\"\n",
	       "last record despite newlines and a fake record inside quotes");
	is_int(start, 34, "its offset");
	is_int(datadir_last_record(&lk, 5, &sb, &start, &d), -1,
	       "a record over the limit is an error");
	datadir_head(&lk, 8, &sb, &d);
	is_str(sb.buf, "id,note\n", "head");
	datadir_unlock(&lk);
	strbuf_release(&sb);
}

static void test_torn(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;

	testfile_put("t.csv", "id,note\n1,ok\n2,\"torn\nhalf");
	datadir_lock(dd, "t.csv", 1, &lk, &d);
	is_int(lk.repaired, 12, "torn record without hint: repaired");
	is_int(lk.full_scan, 1, "by one full scan");
	datadir_append(&lk, "3,new\n", 6, &d);
	datadir_unlock(&lk);
	is_str(testfile_get("t.csv"), "id,note\n1,ok\n3,new\n",
	       "torn bytes gone, new record after the last good one");
	is_str(testfile_get("t.csv.torn"), "2,\"torn\nhalf\n", "torn bytes kept in .torn");

	/* torn after a newline inside quotes: the file ends with LF but is torn */
	testfile_put("u.csv", "id,note\n1,ok\n");
	append(dd, "u.csv", "2,a\n");
	{
		FILE *f = fopen(testfile_path("u.csv"), "a");
		fputs("3,\"open\n", f);
		fclose(f);
	}
	datadir_lock(dd, "u.csv", 1, &lk, &d);
	is_int(lk.repaired, 8, "torn record ending in a quoted newline: repaired");
	is_int(lk.full_scan, 0, "with the hint, without a full scan");
	datadir_unlock(&lk);
	is_str(testfile_get("u.csv"), "id,note\n1,ok\n2,a\n", "only complete records remain");

	/* the hint no longer matches (file replaced): full scan, nothing lost */
	testfile_put("u.csv", "id,note\n9,replaced by hand\n");
	datadir_lock(dd, "u.csv", 1, &lk, &d);
	is_int(lk.repaired, 0, "a replaced file is not cut");
	is_int(lk.full_scan, 1, "it is scanned once instead");
	datadir_unlock(&lk);

	/* edited by hand: a quote without its pair, complete records after it */
	testfile_put("q.csv", "id,note\n1,ok\n2,say \"hi\n3,ok\n4,ok\n");
	unlink(testfile_path("q.csv.lock"));
	is_int(datadir_lock(dd, "q.csv", 1, &lk, &d), -1, "a stray quote: the writer is refused");
	is_int(d.status, DIAG_DATA, "as invalid data");
	is_str(d.hint, "check the file with data-check", "pointing to data-check");
	is_str(testfile_get("q.csv"), "id,note\n1,ok\n2,say \"hi\n3,ok\n4,ok\n",
	       "no complete record after the quote is cut");
	ok(access(testfile_path("q.csv.torn"), F_OK) < 0, "nothing moved to .torn");
	diag_clear(&d);
}

/* Announce an append of n bytes in the lock file (as datadir_append does), then
 * write only the given bytes: a writer that died before the append was done. */
static void die_appending(const char *name, size_t n, const char *written)
{
	char lock[64], hint[200], *nl;
	FILE *f;

	snprintf(lock, sizeof lock, "%s.lock", name);
	snprintf(hint, sizeof hint, "%s", testfile_get(lock));
	nl = strstr(hint, " pending="); /* left by an earlier one */
	if (!nl)
		nl = strchr(hint, '\n');
	if (!nl)
		printf("# no hint in %s\n", lock);
	else
		snprintf(nl, sizeof hint - (size_t)(nl - hint), " pending=%zu\n", n);
	testfile_put(lock, hint);
	f = fopen(testfile_path(name), "a");
	fputs(written, f);
	fclose(f);
}

static void test_unfinished_append(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;

	append(dd, "b.csv", "id,note\n");
	append(dd, "b.csv", "1,a\n");
	ok(strstr(testfile_get("b.csv.lock"), " pending=") == NULL,
	   "a finished append leaves no announcement");
	/* two whole records of a batch of three: the batch goes, all of it */
	die_appending("b.csv", 12, "2,b\n3,c\n");
	datadir_lock(dd, "b.csv", 1, &lk, &d);
	is_int(lk.repaired, 8, "an unfinished batch is cut whole, its complete records too");
	is_int(lk.full_scan, 0, "by the hint, without a full scan");
	datadir_unlock(&lk);
	is_str(testfile_get("b.csv"), "id,note\n1,a\n", "the file as before the batch");
	is_str(testfile_get("b.csv.torn"), "2,b\n3,c\n\n", "the cut records kept in .torn");
	/* written whole, but the writer died before it said so: not acknowledged */
	die_appending("b.csv", 4, "2,b\n");
	datadir_lock(dd, "b.csv", 1, &lk, &d);
	is_int(lk.repaired, 4, "an append not marked finished is cut");
	datadir_append(&lk, "4,d\n", 4, &d);
	datadir_unlock(&lk);
	is_str(testfile_get("b.csv"), "id,note\n1,a\n4,d\n",
	       "and the next record follows the last finished one");
	/* more bytes than announced: not that append; only a torn tail goes */
	die_appending("b.csv", 4, "5,e\n6,f\n7,\"g");
	datadir_lock(dd, "b.csv", 1, &lk, &d);
	is_int(lk.repaired, 4, "a file longer than the announced append: the torn tail only");
	datadir_unlock(&lk);
	is_str(testfile_get("b.csv"), "id,note\n1,a\n4,d\n5,e\n6,f\n", "complete records kept");
}

/* An append in parts (a large batch): all of it, or none if it is not ended. */
static void test_append_in_parts(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;

	append(dd, "p.csv", "id,note\n1,a\n");
	datadir_lock(dd, "p.csv", 1, &lk, &d);
	ok(datadir_append_begin(&lk, 8, &d) == 0 && datadir_append_more(&lk, "2,b\n", 4, &d) == 0 &&
		   datadir_append_more(&lk, "3,c\n", 4, &d) == 0 &&
		   datadir_append_end(&lk, &d) == 0,
	   "an append in two parts");
	datadir_unlock(&lk);
	is_str(testfile_get("p.csv"), "id,note\n1,a\n2,b\n3,c\n", "both parts stored");
	ok(strstr(testfile_get("p.csv.lock"), " pending=") == NULL, "and committed");
	/* the announcement may be larger than the append: a writer that dies
	   after its first part leaves a file within it, cut whole */
	datadir_lock(dd, "p.csv", 1, &lk, &d);
	datadir_append_begin(&lk, 1000, &d);
	datadir_append_more(&lk, "4,d\n5,e\n", 8, &d);
	datadir_unlock(&lk);
	ok(strstr(testfile_get("p.csv.lock"), " pending=1000") != NULL,
	   "a part written, not ended");
	datadir_lock(dd, "p.csv", 1, &lk, &d);
	is_int(lk.repaired, 8, "the next writer cuts the unended append whole");
	/* abandoned on purpose: cut at once */
	datadir_append_begin(&lk, 4, &d);
	datadir_append_more(&lk, "6,f\n", 4, &d);
	datadir_append_abort(&lk);
	datadir_unlock(&lk);
	is_str(testfile_get("p.csv"), "id,note\n1,a\n2,b\n3,c\n", "an aborted append is cut back");
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
	ok(strstr(d.msg, "timed out after 0.3 s waiting for the lock") != NULL,
	   "timeout message: %s", d.msg);
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

	testfile_put("r.csv", "id\n1\n2\n");
	testfile_put(".r.csv.tmp.99999", "left by a crashed rewrite");
	datadir_lock(dd, "r.csv", 1, &lk, &d);
	datadir_rewrite_begin(&lk, &fd, &d);
	ok(access(testfile_path(".r.csv.tmp.99999"), F_OK) < 0,
	   "a crashed rewrite's temporary file is removed");
	datadir_write_all(fd, "id\n2\n", 5, "tmp", &d);
	is_int(datadir_rewrite_commit(&lk, &d), 0, "rewrite committed");
	is_int(lk.size, 5, "size follows the new file");
	datadir_append(&lk, "3\n", 2, &d);
	datadir_unlock(&lk);
	is_str(testfile_get("r.csv"), "id\n2\n3\n", "new content, appendable");

	datadir_lock(dd, "r.csv", 1, &lk, &d);
	datadir_rewrite_begin(&lk, &fd, &d);
	datadir_write_all(fd, "garbage", 7, "tmp", &d);
	datadir_rewrite_abort(&lk);
	datadir_unlock(&lk);
	is_str(testfile_get("r.csv"), "id\n2\n3\n", "aborted rewrite changes nothing");
	{
		char cmd[128];
		snprintf(cmd, sizeof cmd, "ls -a %s | grep -q tmp", testfile_dir);
		ok(system(cmd) != 0, "no temporary file left");
	}
}

/* A document (a meeting's YAML) is replaced whole: never cut as a torn record. */
static void test_document(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	int fd;

	testfile_put("m.yaml", "title: \"odd quote\nnote: it's \" here");
	is_int(datadir_lock_document(dd, "m.yaml", 1, &lk, &d), 0, "document locked");
	is_int(lk.repaired, 0, "nothing cut from a document");
	is_int(lk.size, 35, "its size");
	ok(access(testfile_path("m.yaml.torn"), F_OK) < 0, "no .torn file for a document");
	datadir_rewrite_begin(&lk, &fd, &d);
	datadir_write_all(fd, "title: new\n", 11, "tmp", &d);
	is_int(datadir_rewrite_commit(&lk, &d), 0, "document replaced");
	datadir_unlock(&lk);
	is_str(testfile_get("m.yaml"), "title: new\n", "the new document");
}

/*
 * The wait for a lock has no race with a signal: a timeout shorter than
 * anything (the timer of old fired before F_SETLKW began and the writer
 * waited for ever) and a SIGALRM blocked or ignored by the parent (the
 * mask is inherited across exec; the timeout never came) still time out.
 * The holder lets go when told, or after 60 s (a guard: the old code got
 * the lock then, and these tests failed).
 */
static void test_timeout_races(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	int ready[2], release[2], status, i, timeouts = 0;
	sigset_t block, old;
	pid_t pid;
	char c;

	if (pipe(ready) < 0 || pipe(release) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		alarm(60);
		datadir_lock(dd, "s.csv", 1, &lk, &d);
		if (write(ready[1], "x", 1) != 1 || read(release[0], &c, 1) != 1)
			_exit(1);
		datadir_unlock(&lk);
		_exit(0);
	}
	if (read(ready[0], &c, 1) != 1)
		return;
	for (i = 0; i < 20; i++) {
		int rc = datadir_lock(dd, "s.csv", 0.000001, &lk, &d);
		if (rc == 0)
			datadir_unlock(&lk);
		timeouts += rc < 0 && strstr(d.msg, "timed out after 1e-06 s") != NULL;
	}
	is_int(timeouts, 20, "--lock-timeout 0.000001 times out, 20 times of 20");
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);
	is_int(datadir_lock(dd, "s.csv", 0.2, &lk, &d), -1, "SIGALRM blocked: still a timeout");
	ok(strstr(d.msg, "timed out after 0.2 s") != NULL, "its message: %s", d.msg);
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGALRM, SIG_IGN);
	is_int(datadir_lock(dd, "s.csv", 0.2, &lk, &d), -1, "SIGALRM ignored: still a timeout");
	signal(SIGALRM, SIG_DFL);
	if (write(release[1], "x", 1) != 1)
		return;
	is_int(datadir_lock(dd, "s.csv", 30, &lk, &d), 0, "the lock once it is released");
	datadir_unlock(&lk);
	waitpid(pid, &status, 0);
	close(ready[0]);
	close(ready[1]);
	close(release[0]);
	close(release[1]);
}

/*
 * A member of the group plants links where okienko opens files (the lock,
 * the torn file, the data file, temporary files): each is refused and the
 * file it points to stays as it was.
 */
static void test_links(struct datadir *dd, const char *outside)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	char want[256];
	int fd;

	if (symlink(outside, testfile_path("lv.csv.lock")) < 0 ||
	    symlink(outside, testfile_path("lw.csv")) < 0 ||
	    symlink(outside, testfile_path("lx.csv.torn")) < 0)
		printf("# symlink: %s\n", strerror(errno));
	is_int(datadir_lock(dd, "lv.csv", 1, &lk, &d), -1, "a linked lock file is refused");
	is_int(d.status, DIAG_DATA, "as invalid data (exit 3)");
	snprintf(want, sizeof want,
		 "'%s/lv.csv.lock' is a symbolic link; okienko opens no link inside the data directory",
		 testfile_dir);
	is_str(d.msg, want, "saying so");
	ok(access(testfile_path("lv.csv"), F_OK) < 0, "and nothing is created");
	is_int(datadir_lock(dd, "lw.csv", 1, &lk, &d), -1, "a linked data file is refused");
	testfile_put("lx.csv", "id\n1\n2,\"torn");
	is_int(datadir_lock(dd, "lx.csv", 1, &lk, &d), -1,
	       "a torn tail with a linked .torn file: refused");
	is_str(testfile_get("lx.csv"), "id\n1\n2,\"torn", "the data file as it was");
	is_str(testfile_read(outside), "outside\n", "the linked file as it was");

	testfile_put("ly.csv", "id\n1\n");
	if (symlink(outside, testfile_path(".ly.csv.tmp.0123456789abcdef")) < 0)
		printf("# symlink: %s\n", strerror(errno));
	datadir_lock(dd, "ly.csv", 1, &lk, &d);
	is_int(datadir_rewrite_begin(&lk, &fd, &d), 0, "a rewrite");
	ok(access(testfile_path(".ly.csv.tmp.0123456789abcdef"), F_OK) < 0 && errno == ENOENT,
	   "removes a link planted under a temporary name");
	ok(strncmp(lk.tmpname, ".ly.csv.tmp.", 12) == 0 && strlen(lk.tmpname) == 28,
	   "writes to a new name with 16 random digits: %s", lk.tmpname);
	datadir_write_all(fd, "id\n", 3, "tmp", &d);
	is_int(datadir_rewrite_commit(&lk, &d), 0, "committed");
	datadir_unlock(&lk);
	is_str(testfile_get("ly.csv"), "id\n", "the new content");
	is_str(testfile_read(outside), "outside\n", "the linked file untouched");
}

/* A rewrite keeps the mode, group (and, by root, owner) of the file it replaces. */
static void test_rewrite_keeps_mode(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	struct stat st;
	int fd;

	testfile_put("k.csv", "id\n1\n");
	chmod(testfile_path("k.csv"), 0640);
	if (geteuid() == 0 && chown(testfile_path("k.csv"), 4242, 4343) < 0)
		printf("# chown: %s\n", strerror(errno));
	datadir_lock(dd, "k.csv", 1, &lk, &d);
	datadir_rewrite_begin(&lk, &fd, &d);
	datadir_write_all(fd, "id\n", 3, "tmp", &d);
	is_int(datadir_rewrite_commit(&lk, &d), 0, "rewritten");
	datadir_unlock(&lk);
	ok(stat(testfile_path("k.csv"), &st) == 0 && (st.st_mode & 07777) == 0640,
	   "still mode 0640, not 0660 (%o)", (unsigned)(st.st_mode & 07777));
	if (geteuid() == 0) {
		is_int(st.st_gid, 4343, "its group kept, run by root");
		is_int(st.st_uid, 4242, "its owner kept, run by root");
	} else {
		ok(1, "# skip skipped: needs root (group)");
		ok(1, "# skip skipped: needs root (owner)");
	}
}

/* A document does not exist until a complete one is renamed into place. */
static void test_document_appears_whole(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	int fd;

	is_int(datadir_lock_document(dd, "n.yaml", 1, &lk, &d), 0, "a new document locked");
	ok(access(testfile_path("n.yaml"), F_OK) < 0, "not created by the lock");
	datadir_rewrite_begin(&lk, &fd, &d);
	datadir_write_all(fd, "half", 4, "tmp", &d);
	ok(access(testfile_path("n.yaml"), F_OK) < 0, "nor while it is written");
	datadir_rewrite_abort(&lk);
	datadir_unlock(&lk);
	ok(access(testfile_path("n.yaml"), F_OK) < 0, "a failed write leaves no document");
	datadir_lock_document(dd, "n.yaml", 1, &lk, &d);
	datadir_rewrite_begin(&lk, &fd, &d);
	datadir_write_all(fd, "whole\n", 6, "tmp", &d);
	is_int(datadir_rewrite_commit(&lk, &d), 0, "committed");
	datadir_unlock(&lk);
	is_str(testfile_get("n.yaml"), "whole\n", "the whole document");
}

static void test_write_error(struct datadir *dd)
{
	struct datadir_lock lk;
	struct diag d = DIAG_INIT;
	char want[160];
	testfile_put("f.csv", "id\n1\n");
	datadir_lock(dd, "f.csv", 1, &lk, &d);
	close(lk.datafd);
	lk.datafd = open("/dev/full", O_RDWR);
	is_int(datadir_append(&lk, "2\n", 2, &d), -1, "write error reported");
	snprintf(want, sizeof want, "cannot write '%s/f.csv': No space left on device",
		 testfile_dir);
	is_str(d.msg, want, "write error message");
	is_int(d.status, DIAG_SYSTEM, "write error is a system error");
	datadir_unlock(&lk);
}

int main(void)
{
	struct datadir dd;
	struct diag d = DIAG_INIT;
	char cmd[256], outside[96];
	FILE *f;

	if (testfile_mkdtemp("datadir") < 0)
		return 1;
	snprintf(outside, sizeof outside, "%s-outside", testfile_dir);
	f = fopen(outside, "w");
	fputs("outside\n", f);
	fclose(f);
	is_int(datadir_open(&dd, "/nonexistent/dir", &d), -1, "missing directory");
	is_str(d.msg, "data directory '/nonexistent/dir' does not exist", "its message");
	is_int(d.status, DIAG_USAGE, "a usage error");
	datadir_open(&dd, testfile_dir, &d);
	test_append_and_last(&dd);
	test_torn(&dd);
	test_unfinished_append(&dd);
	test_append_in_parts(&dd);
	test_timeout(&dd);
	test_rewrite(&dd);
	test_document(&dd);
	test_write_error(&dd);
	test_timeout_races(&dd);
	test_links(&dd, outside);
	test_rewrite_keeps_mode(&dd);
	test_document_appears_whole(&dd);
	datadir_release(&dd);
	snprintf(cmd, sizeof cmd, "rm -rf %s %s", testfile_dir, outside);
	return system(cmd) == 0 ? tap_done() : 1;
}
