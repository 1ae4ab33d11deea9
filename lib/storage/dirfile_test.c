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
#include "banned.h"

static char dir[64];
static int dirfd_;

static char *path_of(const char *name)
{
	static char buf[2][128];
	static int i;
	i = !i;
	snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
	return buf[i];
}

static void put(const char *name, const char *content)
{
	FILE *f = fopen(path_of(name), "w");
	fputs(content, f);
	fclose(f);
}

static char *get(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	size_t n = 0;
	if (f) {
		n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

static mode_t mode_of(const char *name)
{
	struct stat st;
	return lstat(path_of(name), &st) == 0 ? st.st_mode & 07777 : 0;
}

/* dirfile_open's result, its message in msg. */
static int try_open(const char *name, int flags, char *msg, size_t len)
{
	struct diag d = DIAG_INIT;
	int fd = -1, rc = dirfile_open(dirfd_, name, path_of(name), flags, &fd, NULL, &d);
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

	put("secret", "the secret's first line\n");
	if (symlink(outside, path_of("link.csv")) < 0 || symlink("/nonexistent/x", path_of("dangling.csv")) < 0)
		printf("# symlink: %s\n", strerror(errno));
	for (i = 0; i < 3; i++) {
		is_int(try_open("link.csv", flags[i], msg, sizeof msg), -DIAG_DATA,
		       "a link is refused (flags %d)", flags[i]);
		is_str(get(outside), "outside\n", "and what it points to is unchanged");
		is_int(try_open("dangling.csv", flags[i], msg, sizeof msg), -DIAG_DATA,
		       "a dangling link is refused (flags %d)", flags[i]);
	}
	snprintf(want, sizeof want,
		 "'%s' is a symbolic link; okienko opens no link inside the data directory",
		 path_of("link.csv"));
	try_open("link.csv", O_RDONLY, msg, sizeof msg);
	is_str(msg, want, "the message names the link, not what it holds");

	if (mkfifo(path_of("fifo.csv"), 0660) < 0)
		printf("# mkfifo: %s\n", strerror(errno));
	alarm(10); /* a FIFO that blocked the open would hang here */
	is_int(try_open("fifo.csv", O_RDONLY, msg, sizeof msg), -DIAG_DATA, "a FIFO is refused for reading, without waiting");
	snprintf(want, sizeof want, "'%s' is not a regular file", path_of("fifo.csv"));
	is_str(msg, want, "its message");
	is_int(try_open("fifo.csv", O_RDWR | O_APPEND | O_CREAT, msg, sizeof msg), -DIAG_DATA,
	       "a FIFO is refused for writing");
	alarm(0);

	if (mkdir(path_of("adir"), 0770) < 0)
		printf("# mkdir: %s\n", strerror(errno));
	is_int(try_open("adir", O_RDONLY, msg, sizeof msg), -DIAG_DATA, "a directory is refused for reading");
	is_int(try_open("adir", O_RDWR | O_CREAT, msg, sizeof msg), -DIAG_DATA, "and for writing");

	put("one.csv", "x\n");
	if (link(path_of("one.csv"), path_of("two.csv")) < 0)
		printf("# link: %s\n", strerror(errno));
	is_int(try_open("two.csv", O_RDONLY, msg, sizeof msg), -DIAG_DATA, "a file with a second name is refused");
	snprintf(want, sizeof want,
		 "'%s' has another name (a hard link); okienko opens no such file in the data directory",
		 path_of("two.csv"));
	is_str(msg, want, "its message");
	is_int(try_open("absent.csv", O_RDONLY, msg, sizeof msg), 0, "a missing file without O_CREAT: 0");
}

static void test_create(void)
{
	struct diag d = DIAG_INIT;
	mode_t old = umask(077);
	int fd, created = -1;

	is_int(dirfile_open(dirfd_, "new.csv", path_of("new.csv"), O_RDWR | O_APPEND | O_CREAT, &fd,
			    &created, &d), 1, "a new file");
	is_int(created, 1, "said to be created");
	is_int(mode_of("new.csv"), 0660, "mode 0660 under umask 077");
	close(fd);
	is_int(dirfile_open(dirfd_, "new.csv", path_of("new.csv"), O_RDWR | O_CREAT, &fd, &created, &d), 1,
	       "opened again");
	is_int(created, 0, "not created this time");
	ok(fcntl(fd, F_GETFL) >= 0 && !(fcntl(fd, F_GETFL) & O_NONBLOCK), "blocking, as a regular open");
	ok(fcntl(fd, F_GETFD) & FD_CLOEXEC, "close-on-exec");
	close(fd);
	umask(old);
}

static void test_dirs(void)
{
	struct diag d = DIAG_INIT;
	mode_t old = umask(077);
	int fd = -1, sub = -1;

	is_int(dirfile_open_dir(dirfd_, "meetings", path_of("meetings"), 0, &fd, &d), 0,
	       "a missing subdirectory, not created: 0");
	is_int(dirfile_open_dir(dirfd_, "meetings", path_of("meetings"), 1, &fd, &d), 1,
	       "created when asked");
	is_int(mode_of("meetings"), 0770, "mode 0770 under umask 077");
	close(fd);
	if (chmod(path_of("meetings"), 0750) < 0)
		printf("# chmod: %s\n", strerror(errno));
	is_int(dirfile_open_dir(dirfd_, "meetings", path_of("meetings"), 1, &fd, &d), 1, "an existing one");
	is_int(mode_of("meetings"), 0750, "is left as it is");
	close(fd);

	/* the recommended layout: a setgid directory; the bit goes to new subdirectories */
	if (mkdir(path_of("shared"), 0770) < 0 || chmod(path_of("shared"), 02770) < 0)
		printf("# shared: %s\n", strerror(errno));
	sub = open(path_of("shared"), O_RDONLY | O_DIRECTORY);
	is_int(dirfile_open_dir(sub, "meetings", path_of("shared/meetings"), 1, &fd, &d), 1,
	       "a subdirectory of a setgid directory");
	is_int(mode_of("shared/meetings"), 02770, "keeps the setgid bit it inherits (umask 077)");
	close(fd);
	close(sub);

	if (symlink(dir, path_of("linkdir")) < 0)
		printf("# symlink: %s\n", strerror(errno));
	is_int(dirfile_open_dir(dirfd_, "linkdir", path_of("linkdir"), 1, &fd, &d), -1, "a linked subdirectory is refused");
	is_int(d.status, DIAG_DATA, "as invalid data");
	ok(strstr(d.msg, "is a symbolic link") != NULL, "saying it is a link: %s", d.msg);
	put("plain", "");
	is_int(dirfile_open_dir(dirfd_, "plain", path_of("plain"), 1, &fd, &d), -1, "a file is refused");
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

	is_int(dirfile_temp(dirfd_, ".x.tmp.", dir, &n1, &p1, &f1, &d), 0, "a temporary file");
	is_int(dirfile_temp(dirfd_, ".x.tmp.", dir, &n2, &p2, &f2, &d), 0, "another");
	ok(strlen(n1) == 7 + 16 && strncmp(n1, ".x.tmp.", 7) == 0, "prefix and 16 digits: %s", n1);
	for (i = 7; n1[i] && strchr("0123456789abcdef", n1[i]); i++)
		;
	is_int(i, 23, "hex digits");
	ok(strcmp(n1, n2) != 0, "names differ");
	is_int(mode_of(n1), 0600, "mode 0600 while it is written");

	is_int(dirfile_inherit(f1, -1, p1, &d), 0, "a new document");
	is_int(mode_of(n1), 0660, "gets 0660");
	put("orig", "x\n");
	if (chmod(path_of("orig"), 0640) < 0)
		printf("# chmod: %s\n", strerror(errno));
	if (geteuid() == 0 && chown(path_of("orig"), 4242, 4343) < 0)
		printf("# chown: %s\n", strerror(errno));
	from = open(path_of("orig"), O_RDONLY);
	is_int(dirfile_inherit(f2, from, path_of("orig"), &d), 0, "a replacement");
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

	snprintf(sub, sizeof sub, "%s/audit", dir);
	if (mkdir(sub, 0770) < 0)
		printf("# mkdir: %s\n", strerror(errno));
	fd = open(sub, O_RDONLY | O_DIRECTORY);
	put("audit/ok.csv", "");
	put("audit/open.csv", "");
	put("audit/one", "");
	if (chmod(path_of("audit/open.csv"), 0666) < 0 || symlink("/etc/passwd", path_of("audit/a-link")) < 0 ||
	    mkfifo(path_of("audit/fifo"), 0660) < 0 || link(path_of("audit/one"), path_of("audit/two")) < 0 ||
	    mkdir(path_of("audit/sub"), 0777) < 0 || chmod(path_of("audit/sub"), 0777) < 0)
		printf("# setting up: %s\n", strerror(errno));
	seen[0] = '\0';
	is_int(dirfile_audit(fd, sub, found, NULL, &d), 0, "audit");
	is_str(seen, "a-link:1:777 fifo:2:640 one:4:644 open.csv:3:666 sub:3:777 two:4:644 ",
	       "links, FIFOs, hard links, world-writable files and directories, by name");
	if (chmod(sub, 0777) < 0)
		printf("# chmod: %s\n", strerror(errno));
	seen[0] = '\0';
	dirfile_audit(fd, sub, found, NULL, &d);
	ok(strncmp(seen, ".:3:777 ", 8) == 0, "the directory itself when anyone may write it: %s", seen);
	close(fd);
}

int main(void)
{
	char cmd[96], outside[96];

	umask(022);
	snprintf(dir, sizeof dir, "/tmp/okienko-dirfile-test." TAP_TEMPLATE_TAIL);
	if (!mkdtemp(dir))
		return 1;
	snprintf(outside, sizeof outside, "%s-outside", dir);
	{
		FILE *f = fopen(outside, "w");
		fputs("outside\n", f);
		fclose(f);
	}
	dirfd_ = open(dir, O_RDONLY | O_DIRECTORY);
	test_refusals(outside);
	test_create();
	test_dirs();
	test_temp_and_inherit();
	test_audit();
	close(dirfd_);
	unlink(outside);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? tap_done() : 1;
}
