#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "strbuf.h"
#include "tap.h"
#include "banned.h"

static char errpath[] = "/tmp/diag_test." TAP_TEMPLATE_TAIL;
static int errfd = -1, saved_stderr = -1;

/* Send stderr to a fresh temporary file until capture_end. */
static void capture_begin(void)
{
	fflush(stderr);
	if (ftruncate(errfd, 0) < 0 || lseek(errfd, 0, SEEK_SET) < 0)
		printf("# cannot rewind the capture file\n");
	saved_stderr = dup(STDERR_FILENO);
	dup2(errfd, STDERR_FILENO);
}

static const char *capture_end(void)
{
	static char buf[4096];
	ssize_t n;

	fflush(stderr);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	n = pread(errfd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

static int vset_helper(struct diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int vset_helper(struct diag *d, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = diag_vset(d, DIAG_USAGE, "opts", 0, 0, fmt, ap);
	va_end(ap);
	return rc;
}

static void test_init(void)
{
	struct diag d = DIAG_INIT;
	ok(d.status == DIAG_OK && !d.file[0] && d.line == 0 && d.col == 0 && !d.msg[0] &&
		   !d.hint[0],
	   "DIAG_INIT is empty");
	is_int(DIAG_OK, 0, "DIAG_OK 0");
	is_int(DIAG_NO, 1, "DIAG_NO 1");
	is_int(DIAG_USAGE, 2, "DIAG_USAGE 2");
	is_int(DIAG_DATA, 3, "DIAG_DATA 3");
	is_int(DIAG_SYSTEM, 4, "DIAG_SYSTEM 4");
}

static void test_set(void)
{
	struct diag d = DIAG_INIT;
	char longname[400], longmsg[700];

	diag_hint(&d, "stale hint");
	is_int(diag_set(&d, DIAG_DATA, "intake.csv", 3, 18, "unknown need '%s'", "hosuing"), -1,
	       "diag_set returns -1");
	is_int(d.status, DIAG_DATA, "status");
	is_str(d.file, "intake.csv", "file");
	is_int(d.line, 3, "line");
	is_int(d.col, 18, "col");
	is_str(d.msg, "unknown need 'hosuing'", "message formatted");
	is_str(d.hint, "", "diag_set clears an earlier hint");
	diag_hint(&d, "did you mean '%s'?", "housing");
	is_str(d.hint, "did you mean 'housing'?", "diag_hint formats");
	is_str(d.msg, "unknown need 'hosuing'", "diag_hint leaves the message");

	diag_set(&d, DIAG_USAGE, NULL, 0, 0, "%s", "no file");
	is_str(d.file, "", "a NULL file is \"\"");
	ok(d.line == 0 && d.col == 0 && d.status == DIAG_USAGE, "position 0:0, status usage");

	memset(longname, 'f', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	memset(longmsg, 'm', sizeof longmsg - 1);
	longmsg[sizeof longmsg - 1] = '\0';
	diag_set(&d, DIAG_DATA, longname, 1, 1, "%s", longmsg);
	is_int(strlen(d.file), sizeof d.file - 1, "a long file name is cut to the buffer");
	is_int(strlen(d.msg), sizeof d.msg - 1, "a long message is cut to the buffer");
	diag_hint(&d, "%s", longmsg);
	is_int(strlen(d.hint), sizeof d.hint - 1, "a long hint is cut to the buffer");
	ok(d.msg[0] == 'm' && d.file[0] == 'f' && d.hint[0] == 'm', "cut, not lost");

	is_int(vset_helper(&d, "option '%s' needs %d values", "--x", 2), -1,
	       "diag_vset returns -1");
	is_str(d.msg, "option '--x' needs 2 values", "diag_vset formats from a va_list");
	is_str(d.file, "opts", "diag_vset sets the file");
	is_int(d.status, DIAG_USAGE, "diag_vset sets the status");
	is_str(d.hint, "", "diag_vset clears the hint");

	diag_hint(&d, "h");
	diag_clear(&d);
	ok(d.status == DIAG_OK && !d.file[0] && d.line == 0 && d.col == 0 && !d.msg[0] &&
		   !d.hint[0],
	   "diag_clear empties everything");
}

static void test_errno(void)
{
	struct diag d = DIAG_INIT;
	struct strbuf want = STRBUF_INIT;

	diag_set(&d, DIAG_DATA, "old", 4, 5, "old");
	diag_hint(&d, "old hint");
	is_int(diag_errno(&d, ENOENT, "open", "dir/intake.csv"), -1, "diag_errno returns -1");
	is_int(d.status, DIAG_SYSTEM, "diag_errno is a system error");
	strbuf_addf(&want, "cannot open 'dir/intake.csv': %s", strerror(ENOENT));
	is_str(d.msg, want.buf, "cannot VERB 'FILE': strerror");
	ok(!d.file[0] && d.line == 0 && d.col == 0, "no position: the file is in the message");
	is_str(d.hint, "", "no hint");
	strbuf_reset(&want);
	diag_errno(&d, EACCES, "set mode of", "a b");
	strbuf_addf(&want, "cannot set mode of 'a b': %s", strerror(EACCES));
	is_str(d.msg, want.buf, "a verb of several words");
	strbuf_release(&want);
}

static void test_prog(void)
{
	is_str(diag_prog(), "okienko", "the default program name");
	diag_setprog("/usr/local/bin/intake-add");
	is_str(diag_prog(), "intake-add", "setprog drops the directories");
	diag_setprog(NULL);
	is_str(diag_prog(), "intake-add", "setprog(NULL) keeps the name");
	diag_setprog("");
	is_str(diag_prog(), "intake-add", "setprog(\"\") keeps the name");
	diag_setprog("intake-query");
	is_str(diag_prog(), "intake-query", "a name without a slash");
	diag_setprog("./t");
	is_str(diag_prog(), "t", "a relative path");
}

static void test_print(void)
{
	struct diag d = DIAG_INIT;

	diag_setprog("build/bin/intake-add");
	diag_set(&d, DIAG_DATA, "intake.csv", 3, 18, "unknown need 'hosuing'");
	diag_hint(&d, "did you mean '%s'?", "housing");
	capture_begin();
	diag_print(&d);
	is_str(capture_end(),
	       "intake-add: intake.csv:3:18: unknown need 'hosuing'\n"
	       "intake-add: hint: did you mean 'housing'?\n",
	       "print: file, line, column, message, hint");

	diag_set(&d, DIAG_DATA, "x.yaml", 7, 0, "line only");
	capture_begin();
	diag_print(&d);
	is_str(capture_end(), "intake-add: x.yaml:7: line only\n", "print: no column");

	diag_set(&d, DIAG_DATA, "x.yaml", 0, 0, "file only");
	capture_begin();
	diag_print(&d);
	is_str(capture_end(), "intake-add: x.yaml: file only\n", "print: no line");

	diag_set(&d, DIAG_DATA, "x.yaml", 0, 4, "column without line");
	capture_begin();
	diag_print(&d);
	is_str(capture_end(), "intake-add: x.yaml: column without line\n",
	       "print: a column without a line is not shown");

	diag_set(&d, DIAG_USAGE, NULL, 5, 6,
		 "--household: household '0' is not a whole number from 1 to 30");
	capture_begin();
	diag_print(&d);
	is_str(capture_end(),
	       "intake-add: --household: household '0' is not a whole number from 1 to 30\n",
	       "print: no file, no position");

	diag_clear(&d);
	capture_begin();
	diag_print(&d);
	is_str(capture_end(), "intake-add: unknown error\n", "print: an empty message");

	diag_set(&d, DIAG_DATA, "-", 2, 1, "100%% sure: %s", "%d");
	capture_begin();
	diag_print(&d);
	is_str(capture_end(), "intake-add: -:2:1: 100% sure: %d\n",
	       "print: '%%' in the message is printed, not interpreted");
}

static void test_warn(void)
{
	diag_setprog("intake-add");
	capture_begin();
	diag_warn("services.yaml", 12, 9, "service '%s' is full", "brana-night");
	is_str(capture_end(),
	       "intake-add: warning: services.yaml:12:9: service 'brana-night' is full\n",
	       "warn with a position");
	capture_begin();
	diag_warn("dir/intake.csv", 0, 0, "removed a torn last record (%lld bytes)", 12LL);
	is_str(capture_end(),
	       "intake-add: warning: dir/intake.csv: removed a torn last record (12 bytes)\n",
	       "warn with a file only");
	capture_begin();
	diag_warn("intake.csv", 9, 0, "skipped");
	is_str(capture_end(), "intake-add: warning: intake.csv:9: skipped\n", "warn with a line");
	capture_begin();
	diag_warn(NULL, 3, 4, "no file");
	is_str(capture_end(), "intake-add: warning: no file\n", "warn without a file");
	capture_begin();
	diag_warn("", 3, 4, "empty file");
	is_str(capture_end(), "intake-add: warning: empty file\n", "warn with file \"\"");
}

/* Nothing from a file or an option may reach the terminal as a control. */
static void test_escape(void)
{
	struct diag d = DIAG_INIT;

	diag_setprog("referral-add");
	diag_set(&d, DIAG_USAGE, NULL, 0, 0, "unknown reason '%s'", "\033]0;owned\a\033[2J");
	diag_hint(&d, "not '%s'", "a\tb\nc\rd");
	capture_begin();
	diag_print(&d);
	is_str(capture_end(),
	       "referral-add: unknown reason '\\x1b]0;owned\\x07\\x1b[2J'\n"
	       "referral-add: hint: not 'a\\tb\\nc\\rd'\n",
	       "print: ESC, BEL, TAB, LF and CR escaped in message and hint");
	diag_set(&d, DIAG_DATA, "a\033[2J.csv", 2, 3, "x");
	capture_begin();
	diag_print(&d);
	is_str(capture_end(), "referral-add: a\\x1b[2J.csv:2:3: x\n",
	       "print: the file name escaped");
	diag_set(&d, DIAG_DATA, NULL, 0, 0, "C1 '%s', DEL '%s', bad '%s', NUL-free '%s'",
		 "\xC2\x9B"
		 "2J",
		 "\x7F", "\xFF\xC3", "\x01");
	capture_begin();
	diag_print(&d);
	is_str(capture_end(),
	       "referral-add: C1 '\\u009b2J', DEL '\\x7f', bad '\\xff\\xc3', NUL-free '\\x01'\n",
	       "print: C1 control, DEL, invalid bytes, other C0");
	diag_set(&d, DIAG_DATA, NULL, 0, 0, "text '%s'", "Třešeň — Łódź «Київ» 日本 \\x1b");
	capture_begin();
	diag_print(&d);
	is_str(capture_end(), "referral-add: text 'Třešeň — Łódź «Київ» 日本 \\x1b'\n",
	       "print: valid UTF-8 text and a backslash as they are");
	capture_begin();
	diag_warn("w\033.csv", 1, 0, "'%s'", "\033c");
	is_str(capture_end(), "referral-add: warning: w\\x1b.csv:1: '\\x1bc'\n", "warn escapes");
	capture_begin();
	diag_message("'%s'", "\033c");
	is_str(capture_end(), "referral-add: '\\x1bc'\n", "diag_message escapes");
	capture_begin();
	diag_printf("%s: '%s'\n", "x", "\033c\n");
	is_str(capture_end(), "x: '\\x1bc\\n'\n", "diag_printf escapes all but the final newline");
}

static void die_usage(void)
{
	diag_die(DIAG_USAGE, "unknown option '%s'", "--nope");
}

static void test_die(void)
{
	int status = -1;
	pid_t pid;

	diag_setprog("capacity-report");
	fflush(stdout);
	capture_begin();
	pid = fork();
	if (pid == 0)
		die_usage();
	waitpid(pid, &status, 0);
	is_str(capture_end(), "capacity-report: unknown option '--nope'\n",
	       "diag_die prints PROG: message");
	ok(WIFEXITED(status) && WEXITSTATUS(status) == DIAG_USAGE,
	   "diag_die exits with the status");
}

int main(void)
{
	errfd = mkstemp(errpath);
	if (errfd < 0) {
		printf("Bail out! cannot create a temporary file\n");
		return 1;
	}
	unlink(errpath);
	test_init();
	test_set();
	test_errno();
	test_prog();
	test_print();
	test_warn();
	test_escape();
	test_die();
	close(errfd);
	return tap_done();
}
