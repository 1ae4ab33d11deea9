#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dirfile.h"
#include "tap.h"
#include "testfile.h"
#include "banned.h"

static int dirfd_;

static mode_t mode_of(const char *name)
{
	struct stat st;
	return lstat(testfile_path(name), &st) == 0 ? st.st_mode & 07777 : 0;
}

/* dirfile_open's result, its message in msg. */
static int try_open(const char *name, int flags, char *msg, size_t len)
{
	struct diag d = DIAG_INIT;
	int fd = -1, rc = dirfile_open(dirfd_, name, testfile_path(name), flags, &fd, NULL, &d);
	snprintf(msg, len, "%s", d.msg);
	if (rc > 0)
		close(fd);
	return rc < 0 ? -(int)d.status : rc;
}

static void test_refusals(const char *outside)
{
	char msg[512], want[512];
	static const int flags[] = { O_RDONLY, O_RDWR | O_APPEND | O_CREAT, O_WRONLY | O_CREAT };
	size_t i;

	testfile_put("secret", "the secret's first line\n");
	if (symlink(outside, testfile_path("link.csv")) < 0 ||
	    symlink("/nonexistent/x", testfile_path("dangling.csv")) < 0)
		printf("# symlink: %s\n", strerror(errno));
	for (i = 0; i < 3; i++) {
		is_int(try_open("link.csv", flags[i], msg, sizeof msg), -DIAG_DATA,
		       "a link is refused (flags %d)", flags[i]);
		is_str(testfile_read(outside), "outside\n", "and what it points to is unchanged");
		is_int(try_open("dangling.csv", flags[i], msg, sizeof msg), -DIAG_DATA,
		       "a dangling link is refused (flags %d)", flags[i]);
	}
	snprintf(want, sizeof want,
		 "'%s' is a symbolic link; okienko opens no link inside the data directory",
		 testfile_path("link.csv"));
	try_open("link.csv", O_RDONLY, msg, sizeof msg);
	is_str(msg, want, "the message names the link, not what it holds");

	if (mkfifo(testfile_path("fifo.csv"), 0660) < 0)
		printf("# mkfifo: %s\n", strerror(errno));
	alarm(10); /* a FIFO that blocked the open would hang here */
	is_int(try_open("fifo.csv", O_RDONLY, msg, sizeof msg), -DIAG_DATA,
	       "a FIFO is refused for reading, without waiting");
	snprintf(want, sizeof want, "'%s' is not a regular file", testfile_path("fifo.csv"));
	is_str(msg, want, "its message");
	is_int(try_open("fifo.csv", O_RDWR | O_APPEND | O_CREAT, msg, sizeof msg), -DIAG_DATA,
	       "a FIFO is refused for writing");
	alarm(0);

	if (mkdir(testfile_path("adir"), 0770) < 0)
		printf("# mkdir: %s\n", strerror(errno));
	is_int(try_open("adir", O_RDONLY, msg, sizeof msg), -DIAG_DATA,
	       "a directory is refused for reading");
	is_int(try_open("adir", O_RDWR | O_CREAT, msg, sizeof msg), -DIAG_DATA, "and for writing");

	testfile_put("one.csv", "x\n");
	if (link(testfile_path("one.csv"), testfile_path("two.csv")) < 0)
		printf("# link: %s\n", strerror(errno));
	is_int(try_open("two.csv", O_RDONLY, msg, sizeof msg), -DIAG_DATA,
	       "a file with a second name is refused");
	snprintf(want, sizeof want,
		 "'%s' has another name (a hard link); okienko opens no such file in the data directory",
		 testfile_path("two.csv"));
	is_str(msg, want, "its message");
	is_int(try_open("absent.csv", O_RDONLY, msg, sizeof msg), 0,
	       "a missing file without O_CREAT: 0");
}

/* In a directory its group may write to, only files that group may read. */
static void test_hidden(void)
{
	struct diag d = DIAG_INIT;
	char msg[512], want[512];
	int fd, sub, saved = dirfd_;

	if (mkdir(testfile_path("group"), 0770) < 0 || chmod(testfile_path("group"), 02770) < 0)
		printf("# group: %s\n", strerror(errno));
	sub = open(testfile_path("group"), O_RDONLY | O_DIRECTORY);
	dirfd_ = sub;
	testfile_put("group/secret", "root:the first line of a secret\n");
	testfile_put("group/ok.csv", "x\n");
	testfile_put("group/everyone.csv", "x\n");
	chmod(testfile_path("group/secret"), 0600);
	chmod(testfile_path("group/ok.csv"), 0640);
	chmod(testfile_path("group/everyone.csv"), 0604);
	is_int(dirfile_open(sub, "secret", "group/secret", O_RDONLY, &fd, NULL, &d), -1,
	       "a file the directory's group may not read is refused");
	is_int(d.status, DIAG_DATA, "as invalid data");
	snprintf(want, sizeof want,
		 "'%s' may not be read by the group of the directory; okienko opens no such file there",
		 "group/secret");
	is_str(d.msg, want, "its message");
	is_int(try_open("ok.csv", O_RDONLY, msg, sizeof msg), 1,
	       "a file the group may read is opened");
	is_int(try_open("everyone.csv", O_RDONLY, msg, sizeof msg), 1,
	       "so is one everyone may read");
	is_int(try_open("new.csv", O_RDWR | O_CREAT, msg, sizeof msg), 1,
	       "a file created here is opened");
	dirfd_ = saved;
	close(sub);
}

static void test_create(void)
{
	struct diag d = DIAG_INIT;
	mode_t old = umask(077);
	int fd, created = -1;

	is_int(dirfile_open(dirfd_, "new.csv", testfile_path("new.csv"),
			    O_RDWR | O_APPEND | O_CREAT, &fd, &created, &d),
	       1, "a new file");
	is_int(created, 1, "said to be created");
	is_int(mode_of("new.csv"), 0660, "mode 0660 under umask 077");
	close(fd);
	is_int(dirfile_open(dirfd_, "new.csv", testfile_path("new.csv"), O_RDWR | O_CREAT, &fd,
			    &created, &d),
	       1, "opened again");
	is_int(created, 0, "not created this time");
	ok(fcntl(fd, F_GETFL) >= 0 && !(fcntl(fd, F_GETFL) & O_NONBLOCK),
	   "blocking, as a regular open");
	ok(fcntl(fd, F_GETFD) & FD_CLOEXEC, "close-on-exec");
	close(fd);
	umask(old);
}

static void test_dirs(void)
{
	struct diag d = DIAG_INIT;
	mode_t old = umask(077);
	int fd = -1, sub = -1;

	is_int(dirfile_open_dir(dirfd_, "meetings", testfile_path("meetings"), 0, &fd, &d), 0,
	       "a missing subdirectory, not created: 0");
	is_int(dirfile_open_dir(dirfd_, "meetings", testfile_path("meetings"), 1, &fd, &d), 1,
	       "created when asked");
	is_int(mode_of("meetings"), 0770, "mode 0770 under umask 077");
	close(fd);
	if (chmod(testfile_path("meetings"), 0750) < 0)
		printf("# chmod: %s\n", strerror(errno));
	is_int(dirfile_open_dir(dirfd_, "meetings", testfile_path("meetings"), 1, &fd, &d), 1,
	       "an existing one");
	is_int(mode_of("meetings"), 0750, "is left as it is");
	close(fd);

	/* the recommended layout: a setgid directory; the bit goes to new subdirectories */
	if (mkdir(testfile_path("shared"), 0770) < 0 || chmod(testfile_path("shared"), 02770) < 0)
		printf("# shared: %s\n", strerror(errno));
	sub = open(testfile_path("shared"), O_RDONLY | O_DIRECTORY);
	is_int(dirfile_open_dir(sub, "meetings", testfile_path("shared/meetings"), 1, &fd, &d), 1,
	       "a subdirectory of a setgid directory");
	is_int(mode_of("shared/meetings"), 02770, "keeps the setgid bit it inherits (umask 077)");
	close(fd);
	close(sub);

	if (symlink(testfile_dir, testfile_path("linkdir")) < 0)
		printf("# symlink: %s\n", strerror(errno));
	is_int(dirfile_open_dir(dirfd_, "linkdir", testfile_path("linkdir"), 1, &fd, &d), -1,
	       "a linked subdirectory is refused");
	is_int(d.status, DIAG_DATA, "as invalid data");
	ok(strstr(d.msg, "is a symbolic link") != NULL, "saying it is a link: %s", d.msg);
	testfile_put("plain", "");
	is_int(dirfile_open_dir(dirfd_, "plain", testfile_path("plain"), 1, &fd, &d), -1,
	       "a file is refused");
	ok(strstr(d.msg, "is not a directory") != NULL, "saying so: %s", d.msg);
	umask(old);
}

static void test_temp_and_inherit(void)
{
	struct diag d = DIAG_INIT;
	char *n1, *p1, *n2, *p2;
	int f1, f2, from;
	struct stat st;
	size_t i;

	is_int(dirfile_temp(dirfd_, ".x.tmp.", testfile_dir, &n1, &p1, &f1, &d), 0,
	       "a temporary file");
	is_int(dirfile_temp(dirfd_, ".x.tmp.", testfile_dir, &n2, &p2, &f2, &d), 0, "another");
	ok(strlen(n1) == 7 + 16 && strncmp(n1, ".x.tmp.", 7) == 0, "prefix and 16 digits: %s", n1);
	for (i = 7; n1[i] && strchr("0123456789abcdef", n1[i]); i++)
		;
	is_int(i, 23, "hex digits");
	ok(strcmp(n1, n2) != 0, "names differ");
	is_int(mode_of(n1), 0600, "mode 0600 while it is written");

	is_int(dirfile_inherit(f1, -1, p1, &d), 0, "a new document");
	is_int(mode_of(n1), 0660, "gets 0660");
	testfile_put("orig", "x\n");
	if (chmod(testfile_path("orig"), 0640) < 0)
		printf("# chmod: %s\n", strerror(errno));
	if (geteuid() == 0 && chown(testfile_path("orig"), 4242, 4343) < 0)
		printf("# chown: %s\n", strerror(errno));
	from = open(testfile_path("orig"), O_RDONLY);
	is_int(dirfile_inherit(f2, from, testfile_path("orig"), &d), 0, "a replacement");
	is_int(mode_of(n2), 0640, "gets the mode of the file it replaces (0640, not 0660)");
	if (geteuid() == 0) {
		ok(stat(p2, &st) == 0 && st.st_gid == 4343, "and its group, run by root");
		ok(st.st_uid == 4242, "and its owner, run by root");
	} else {
		ok(1, "# skip skipped: needs root (group and owner)");
		ok(1, "# skip skipped: needs root (group and owner)");
	}
	close(from);
	close(f1);
	close(f2);
	unlink(p1);
	unlink(p2);
	free(n1);
	free(p1);
	free(n2);
	free(p2);
}

static char seen[1024];

static void found(void *arg, const char *name, enum dirfile_problem p, mode_t mode)
{
	size_t n = strlen(seen);
	(void)arg;
	snprintf(seen + n, sizeof seen - n, "%s:%d:%o ", name, (int)p, (unsigned)(mode & 07777));
}

static void test_audit(void)
{
	struct diag d = DIAG_INIT;
	char sub[96];
	int fd;

	snprintf(sub, sizeof sub, "%s/audit", testfile_dir);
	if (mkdir(sub, 0770) < 0)
		printf("# mkdir: %s\n", strerror(errno));
	fd = open(sub, O_RDONLY | O_DIRECTORY);
	testfile_put("audit/ok.csv", "");
	testfile_put("audit/open.csv", "");
	testfile_put("audit/one", "");
	if (chmod(testfile_path("audit/open.csv"), 0666) < 0 ||
	    symlink("/etc/passwd", testfile_path("audit/a-link")) < 0 ||
	    mkfifo(testfile_path("audit/fifo"), 0660) < 0 ||
	    link(testfile_path("audit/one"), testfile_path("audit/two")) < 0 ||
	    mkdir(testfile_path("audit/sub"), 0777) < 0 ||
	    chmod(testfile_path("audit/sub"), 0777) < 0)
		printf("# setting up: %s\n", strerror(errno));
	seen[0] = '\0';
	is_int(dirfile_audit(fd, sub, found, NULL, &d), 0, "audit");
	is_str(seen, "a-link:1:777 fifo:2:640 one:4:644 open.csv:3:666 sub:3:777 two:4:644 ",
	       "links, FIFOs, hard links, world-writable files and directories, by name");
	if (chmod(sub, 0777) < 0)
		printf("# chmod: %s\n", strerror(errno));
	seen[0] = '\0';
	dirfile_audit(fd, sub, found, NULL, &d);
	ok(strncmp(seen, ".:3:777 ", 8) == 0, "the directory itself when anyone may write it: %s",
	   seen);
	close(fd);
}

int main(void)
{
	char cmd[96], outside[96];

	umask(022);
	if (testfile_mkdtemp("dirfile") < 0)
		return 1;
	snprintf(outside, sizeof outside, "%s-outside", testfile_dir);
	{
		FILE *f = fopen(outside, "w");
		fputs("outside\n", f);
		fclose(f);
	}
	dirfd_ = open(testfile_dir, O_RDONLY | O_DIRECTORY);
	test_refusals(outside);
	test_hidden();
	test_create();
	test_dirs();
	test_temp_and_inherit();
	test_audit();
	close(dirfd_);
	unlink(outside);
	snprintf(cmd, sizeof cmd, "rm -rf %s", testfile_dir);
	return system(cmd) == 0 ? tap_done() : 1;
}
