#include "tap.h"
#include "testgolden.h"
#include "yamldoc.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"
#include "banned.h"

static void fixture(struct strbuf *sb, const char *name)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/testdata/yamldoc/%s", testgolden_top(), name);
}

/* CPU time, printed as a figure for make bench, never compared with a bound. */
static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int load_yamldoc(const char *path, void *arg, struct diag *d)
{
	struct yamldoc doc;
	int failed = yamldoc_load_file(&doc, path, d) == -1 && doc.root == NULL;
	(void)arg;
	yamldoc_release(&doc);
	return failed;
}

static void is_pos(const struct yamldoc_node *n, long line, long col, const char *what)
{
	ok(n && n->line == line && n->col == col, "%s at %ld:%ld (got %ld:%ld)", what, line, col,
	   n ? n->line : 0, n ? n->col : 0);
}

static void test_tree(void)
{
	struct strbuf path = STRBUF_INIT;
	struct yamldoc doc;
	struct diag d = DIAG_INIT;
	const struct yamldoc_node *r, *n, *m;

	fixture(&path, "tree.yaml");
	if (!ok(!yamldoc_load_file(&doc, path.buf, &d), "tree.yaml loads: %s", d.msg))
		return;
	r = doc.root;
	is_str(doc.name, path.buf, "document name");
	ok(r && r->kind == YAMLDOC_MAP && r->n == 9, "root is a map of 9 pairs");
	is_pos(r, 2, 1, "root");
	is_pos(r->keys[0], 2, 1, "first key");
	n = yamldoc_get(r, "id");
	is_str(n->str, "shelter-north", "plain scalar");
	ok(n->plain && n->style == 0, "plain style");
	is_pos(n, 2, 5, "id value");
	n = yamldoc_get(r, "name");
	is_str(n->str, "Noclehárna Sever", "double-quoted scalar");
	ok(!n->plain && n->style == '"', "double-quoted style");
	is_int(n->len, strlen("Noclehárna Sever"), "length in bytes");
	n = yamldoc_get(r, "aliases");
	ok(n->kind == YAMLDOC_SEQ && n->n == 2, "flow sequence of 2");
	is_pos(n, 4, 10, "flow sequence");
	is_str(n->items[1]->str, "Sever 2", "single-quoted item");
	ok(n->items[1]->style == '\'', "single-quoted style");
	is_pos(n->items[1], 4, 18, "single-quoted item");
	n = yamldoc_get(r, "note");
	is_str(n->str, "two lines\nof text\n", "literal block");
	ok(n->style == '|' && !n->plain, "literal style");
	ok(yamldoc_is_null(yamldoc_get(r, "empty")), "empty value is null");
	ok(yamldoc_is_null(yamldoc_get(r, "tilde")), "~ is null");
	ok(!yamldoc_is_null(yamldoc_get(r, "quoted_null")), "\"null\" is a string");
	n = yamldoc_get(r, "tagged");
	ok(!yamldoc_is_null(n) && !strcmp(n->str, "~"), "!!str ~ is the string ~");
	ok(yamldoc_is_null(yamldoc_get(r, "absent")), "absent key is null");
	ok(yamldoc_get(r, "absent") == NULL, "absent key gives NULL");
	ok(yamldoc_get(NULL, "id") == NULL, "get on NULL");
	ok(yamldoc_get(yamldoc_get(r, "id"), "id") == NULL, "get on a scalar");
	n = yamldoc_get(r, "nested");
	is_pos(n, 13, 3, "block sequence");
	m = n->items[0];
	ok(m->kind == YAMLDOC_MAP && m->n == 2, "flow map in sequence");
	is_pos(m, 13, 5, "flow map");
	is_str(yamldoc_get(m, "total")->str, "40", "flow map value");
	is_pos(yamldoc_get(m, "total"), 13, 25, "flow map value");
	m = n->items[1];
	ok(m->kind == YAMLDOC_SEQ && m->n == 2 && m->items[1]->kind == YAMLDOC_SEQ,
	   "nested flow sequences");
	is_pos(m->items[1], 14, 9, "inner sequence");
	is_str(m->items[1]->items[1]->str, "c", "inner item");
	yamldoc_release(&doc);
	ok(doc.root == NULL && doc.name == NULL, "release empties the document");
	yamldoc_release(&doc);
	strbuf_release(&path);
}

static void test_bom_crlf(void)
{
	struct strbuf path = STRBUF_INIT;
	struct yamldoc doc;
	struct diag d = DIAG_INIT;
	const struct yamldoc_node *n;

	fixture(&path, "bom-crlf.yaml");
	if (!ok(!yamldoc_load_file(&doc, path.buf, &d), "BOM and CRLF: %s", d.msg))
		return;
	is_pos(doc.root->keys[0], 1, 1, "key after BOM");
	n = yamldoc_get(doc.root, "name");
	is_str(n->str, "žluťoučký kůň", "UTF-8 value");
	is_pos(yamldoc_get(doc.root, "next"), 2, 7, "CRLF line");
	n = yamldoc_get(doc.root, "pair");
	is_pos(n->keys[1], 3, 14, "column in characters after a multibyte one");
	yamldoc_release(&doc);
	strbuf_release(&path);
}

static int load_str(struct yamldoc *doc, const char *s, struct diag *d)
{
	diag_clear(d);
	return yamldoc_load_buffer(doc, "t.yaml", s, strlen(s), d);
}

static void test_small(void)
{
	struct yamldoc doc;
	struct diag d = DIAG_INIT;

	ok(!load_str(&doc, "", &d) && doc.root == NULL, "empty stream: no root");
	yamldoc_release(&doc);
	ok(!load_str(&doc, "# only a comment\n", &d) && doc.root == NULL, "comments only: no root");
	yamldoc_release(&doc);
	ok(!load_str(&doc, "---\n", &d) && yamldoc_is_null(doc.root) && doc.root != NULL,
	   "empty document: a null scalar");
	yamldoc_release(&doc);
	ok(!load_str(&doc, "---\na: 1\n...\n", &d) && doc.root->n == 1,
	   "explicit document markers");
	yamldoc_release(&doc);
	ok(!load_str(&doc, "\xef\xbb\xbf[]", &d) && doc.root->kind == YAMLDOC_SEQ &&
		   doc.root->n == 0 && doc.root->col == 1,
	   "BOM then empty flow sequence");
	yamldoc_release(&doc);
	ok(!load_str(&doc, "a: !custom x\nb: !!int 3\n", &d) && yamldoc_get(doc.root, "a")->plain &&
		   !strcmp(yamldoc_get(doc.root, "a")->str, "x"),
	   "other tags ignored");
	yamldoc_release(&doc);
	ok(!load_str(&doc, "a: \"x\\0y\"\n", &d) && yamldoc_get(doc.root, "a")->len == 3,
	   "scalar with a NUL inside keeps its length");
	yamldoc_release(&doc);

	ok(load_str(&doc, "a: 1\nb: [*x]\n", &d) == -1, "alias without anchor");
	is_str(d.msg, "aliases are not supported", "alias message");
	ok(d.line == 2 && d.col == 5, "alias position 2:5");
	ok(load_str(&doc, "? {a: 1}\n: x\n", &d) == -1, "explicit complex key");
	is_str(d.msg, "a mapping key must be a scalar", "complex key message");
	ok(d.line == 1 && d.col == 3, "complex key position");
	ok(load_str(&doc, "a: 1\n---\n", &d) == -1, "second empty document");
	is_str(d.msg, "more than one document", "second document message");
	ok(load_str(&doc, "- &x a\n", &d) == -1 && d.col == 3, "anchor on a scalar at 1:3");
	ok(load_str(&doc, "{a: 1, b: 2, a: 3}", &d) == -1 && !strcmp(d.msg, "duplicate key 'a'") &&
		   d.line == 1 && d.col == 14,
	   "duplicate key in a flow map at 1:14");
	ok(load_str(&doc, "\"a\": 1\na: 2\n", &d) == -1 && d.line == 2,
	   "quoted and plain keys are the same key");
	ok(load_str(&doc, "a: b: c\n", &d) == -1 &&
		   !strcmp(d.msg, "mapping values are not allowed in this context") &&
		   d.line == 1 && d.col == 5,
	   "libyaml scanner error with position");
	ok(d.status == DIAG_DATA && !strcmp(d.file, "t.yaml"), "status and file");
	ok(load_str(&doc, "a: \"open\n", &d) == -1 &&
		   !strcmp(d.msg, "found unexpected end of stream") && d.line == 2 && d.col == 1,
	   "unterminated quote");
	ok(load_str(&doc, "ab\x01", &d) == -1 &&
		   !strcmp(d.msg, "control characters are not allowed") && d.line == 1 &&
		   d.col == 3,
	   "control character: reader error position");
}

static void test_big_map(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct yamldoc doc;
	struct diag d = DIAG_INIT;
	int i;

	for (i = 0; i < 40; i++)
		strbuf_addf(&sb, "k%d: %d\n", i, i);
	ok(!yamldoc_load_buffer(&doc, "big", sb.buf, sb.len, &d) && doc.root->n == 40,
	   "40 distinct keys");
	is_str(yamldoc_get(doc.root, "k39")->str, "39", "last key found");
	yamldoc_release(&doc);
	strbuf_addstr(&sb, "k30: again\nk7: again\n");
	ok(yamldoc_load_buffer(&doc, "big", sb.buf, sb.len, &d) == -1, "duplicates in a big map");
	is_str(d.msg, "duplicate key 'k30'", "first repeated key reported");
	is_int(d.line, 41, "at its second occurrence");
	strbuf_release(&sb);
}

static void nested(struct strbuf *sb, int depth, const char *open, const char *close)
{
	int i;

	strbuf_reset(sb);
	for (i = 0; i < depth; i++)
		strbuf_addstr(sb, open);
	for (i = 0; close && i < depth; i++)
		strbuf_addstr(sb, close);
}

static void test_depth(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct yamldoc doc;
	struct diag d = DIAG_INIT;
	const struct yamldoc_node *n;
	double t0, ms;
	int i;

	nested(&sb, 64, "[", "]");
	ok(!yamldoc_load_buffer(&doc, "deep", sb.buf, sb.len, &d), "64 levels load");
	for (n = doc.root, i = 1; n->n; n = n->items[0])
		i++;
	is_int(i, 64, "64 levels built");
	yamldoc_release(&doc);

	nested(&sb, 65, "[", "]");
	ok(yamldoc_load_buffer(&doc, "deep", sb.buf, sb.len, &d) == -1, "65 fail");
	is_str(d.msg, "nesting deeper than 64 levels", "depth message");
	ok(d.line == 1 && d.col == 65, "at the 65th bracket");

	strbuf_reset(&sb);
	for (i = 0; i < 65; i++)
		strbuf_addf(&sb, "%*sk%d:\n", i, "", i);
	ok(yamldoc_load_buffer(&doc, "deep", sb.buf, sb.len, &d) == -1 && d.line == 65 &&
		   d.col == 65,
	   "65 nested block maps fail at 65:65");

	/* the position is where reading stopped: at the 65th level, not the end */
	nested(&sb, 50000, "[", NULL);
	t0 = now_ms();
	ok(yamldoc_load_buffer(&doc, "deep", sb.buf, sb.len, &d) == -1 &&
		   !strcmp(d.msg, "nesting deeper than 64 levels"),
	   "50,000 unclosed brackets fail on depth");
	ms = now_ms() - t0;
	ok(d.line == 1 && d.col == 65,
	   "at the 65th bracket, not after reading the 50,000 (%ld:%ld)", d.line, d.col);
	printf("# figure: 50,000 unclosed brackets refused in %.2f ms of CPU time\n", ms);

	nested(&sb, 50000, "- ", NULL);
	strbuf_addstr(&sb, "x\n");
	t0 = now_ms();
	ok(yamldoc_load_buffer(&doc, "deep", sb.buf, sb.len, &d) == -1 && d.col == 129,
	   "50,000 nested block sequences fail at 1:129, the 65th level");
	ms = now_ms() - t0;
	printf("# figure: 50,000 nested block sequences refused in %.2f ms of CPU time\n", ms);
	strbuf_release(&sb);
}

static void test_fd(void)
{
	struct yamldoc doc;
	struct diag d = DIAG_INIT;
	char tmpl[] = "/tmp/yamldoc_test." TAP_TEMPLATE_TAIL;
	int p[2], fd;
	static const char text[] = "a: [1, 2]\n";

	if (!ok(pipe(p) == 0, "pipe"))
		return;
	ok(write(p[1], text, sizeof text - 1) == (ssize_t)(sizeof text - 1), "write");
	close(p[1]);
	ok(!yamldoc_load_fd(&doc, "-", p[0], &d) && yamldoc_get(doc.root, "a")->n == 2,
	   "load from a pipe");
	is_str(doc.name, "-", "name of fd document");
	close(p[0]);
	yamldoc_release(&doc);

	ok(yamldoc_load_file(&doc, "/nonexistent/x.yaml", &d) == -1 && d.status == DIAG_SYSTEM,
	   "missing file is a system error");
	is_str(d.msg, "cannot open '/nonexistent/x.yaml': No such file or directory",
	       "missing file message");
	ok(doc.root == NULL && doc.name == NULL, "failed load leaves it empty");

	fd = mkstemp(tmpl);
	if (!ok(fd >= 0, "temporary file"))
		return;
	ok(ftruncate(fd, (off_t)YAMLDOC_MAX_BYTES + 1) == 0, "sparse 64 MiB + 1");
	ok(yamldoc_load_file(&doc, tmpl, &d) == -1 && d.status == DIAG_DATA, "over the size cap");
	is_str(d.msg, "input larger than 64 MiB", "size cap message");
	close(fd);
	unlink(tmpl);
}

static void test_helpers(void)
{
	static const char *const keys[] = { "id", "name", "services", NULL };
	struct yamldoc doc;
	struct diag d = DIAG_INIT;

	load_str(&doc, "id: a\nnmae: b\n", &d);
	ok(yamldoc_check_keys(&doc, doc.root, keys, &d) == -1, "unknown key");
	is_str(d.msg, "unknown key 'nmae'", "unknown key message");
	is_str(d.hint, "did you mean 'name'?", "did-you-mean hint");
	ok(d.line == 2 && d.col == 1, "unknown key position");
	yamldoc_release(&doc);
	/* found by fuzzing: a key with a NUL passed as the key before it */
	ok(!load_str(&doc, "\"name\\0x\": b\n", &d) &&
		   yamldoc_check_keys(&doc, doc.root, keys, &d) == -1,
	   "a key holding a NUL is unknown");
	is_str(d.msg, "'name' must not contain a NUL character", "NUL key message");
	yamldoc_release(&doc);
	load_str(&doc, "id: a\ncolour: b\n", &d);
	ok(yamldoc_check_keys(&doc, doc.root, keys, &d) == -1, "far key");
	is_str(d.hint, "expected one of: id, name, services", "list of keys hint");
	yamldoc_release(&doc);
	load_str(&doc, "id: a\nservices: x\n", &d);
	ok(!yamldoc_check_keys(&doc, doc.root, keys, &d), "known keys pass");
	ok(yamldoc_expect(&doc, yamldoc_get(doc.root, "services"), YAMLDOC_SEQ, "'services'", &d) ==
		   -1,
	   "expect a sequence");
	is_str(d.msg, "'services' must be a sequence", "expect message");
	ok(d.line == 2 && d.col == 11, "expect position");
	ok(!yamldoc_expect(&doc, doc.root, YAMLDOC_MAP, "the document", &d), "expect passes");
	ok(yamldoc_error(&doc, doc.root, &d, "bad %s", "thing") == -1 &&
		   !strcmp(d.msg, "bad thing") && d.line == 1 && !strcmp(d.file, "t.yaml"),
	   "yamldoc_error");
	yamldoc_release(&doc);
}

/*
 * Found by fuzzing: without a final line break, libyaml may put a node
 * (here the empty value of "? key") on a line after the last; it is at
 * the end of input.
 */
static void test_end_position(void)
{
	struct yamldoc doc;
	struct diag d = DIAG_INIT;
	const struct yamldoc_node *v;

	ok(!load_str(&doc, "version: 1\norganizations:", &d), "empty last value loads");
	v = yamldoc_get(doc.root, "organizations");
	ok(v && yamldoc_is_null(v) && v->line == 2 && v->col == 15,
	   "empty last value is at the end of input: %ld:%ld", v ? v->line : 0, v ? v->col : 0);
	yamldoc_release(&doc);
	ok(!load_str(&doc, "? key", &d) && doc.root && doc.root->n == 1, "complex key loads");
	v = doc.root ? doc.root->values[0] : NULL;
	ok(v && v->line == 1 && v->col == 6, "its empty value is at the end of input: %ld:%ld",
	   v ? v->line : 0, v ? v->col : 0);
	yamldoc_release(&doc);
}

/* The items of buf read by a stream from a file: how many, or -1 with d. */
static long stream_items(const char *buf, size_t len, struct diag *d)
{
	char tmpl[] = "/tmp/yamldoc_test." TAP_TEMPLATE_TAIL;
	int fd = mkstemp(tmpl);
	struct yamldoc_stream *s;
	const struct yamldoc_node *item;
	long n = 0;
	int rc;

	if (fd < 0 || write(fd, buf, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) < 0) {
		diag_set(d, DIAG_SYSTEM, tmpl, 0, 0, "cannot write");
		return -2;
	}
	unlink(tmpl);
	s = yamldoc_stream_open("t.yaml", fd, "the batch", d);
	while ((rc = yamldoc_stream_next(s, &item, d)) == 1)
		n++;
	yamldoc_stream_close(s);
	close(fd);
	return rc < 0 ? -1 : n;
}

/*
 * A stream gives what a whole load gives: the same items, and for input
 * with one error the same message at the same place, also for a reader
 * error past the bytes a stream keeps (it counts them out as it goes).
 */
static void same_as_load(const char *what, const char *buf, size_t len)
{
	struct yamldoc doc;
	struct diag d1 = DIAG_INIT, d2 = DIAG_INIT;
	long want = yamldoc_load_buffer(&doc, "t.yaml", buf, len, &d1) < 0 ? -1
		    : doc.root                                             ? (long)doc.root->n
									   : 0;
	long got = stream_items(buf, len, &d2);

	yamldoc_release(&doc);
	is_int(got, want, "stream, %s: items", what);
	if (want < 0)
		ok(!strcmp(d1.msg, d2.msg) && !strcmp(d1.hint, d2.hint) && d1.line == d2.line &&
			   d1.col == d2.col && d1.status == d2.status,
		   "stream, %s: %ld:%ld: %s (a load: %ld:%ld: %s)", what, d2.line, d2.col, d2.msg,
		   d1.line, d1.col, d1.msg);
}

static void test_stream(void)
{
	static const struct {
		const char *what, *text;
	} cases[] = {
		{ "records", "- a: 1\n  b: [x, y]\n- c: ~\n- plain\n" },
		{ "empty", "" },
		{ "comment only", "# nothing\n" },
		{ "unclosed", "- a: 1\n- b: [1, 2\n" },
		{ "anchor", "- a: 1\n- &x b: 2\n" },
		{ "alias", "- a: 1\n- *x\n" },
		{ "duplicate key", "- a: 1\n  a: 2\n" },
		{ "two documents", "- a: 1\n---\n- b\n" },
		{ "bad UTF-8", "- a: 1\n- b: \xff\n" },
		{ "tab", "- a: 1\n\t- b\n" },
		{ "error at the end", "- a: [1" },
		{ "BOM and CRLF", "\xef\xbb\xbf- a: 1\r\n- b: [2\r\n" },
	};
	struct strbuf sb = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++)
		same_as_load(cases[i].what, cases[i].text, strlen(cases[i].text));
	/* 600 KB of records, then an error: past the bytes a stream keeps */
	for (i = 0; i < 30000; i++)
		strbuf_addf(&sb,
			    "- {id: %zu, note: \"\xc5\xbe\xc3\xa1\xc4\x8f\xc3\xa1 \xe2\x80\xa8\"}\r\n",
			    i);
	strbuf_addstr(&sb, "- b: \xc3\x28\n");
	same_as_load("a reader error after 600 KB", sb.buf, sb.len);
	strbuf_setlen(&sb, sb.len - 8);
	strbuf_addstr(&sb, "- b: [1\n");
	same_as_load("a syntax error after 600 KB", sb.buf, sb.len);
	strbuf_release(&sb);
	is_int(stream_items("a: 1\n", 5, &d), -1, "stream: a mapping is no sequence");
	is_str(d.msg, "the batch must be a sequence", "stream: its message");
	is_int(d.line * 100 + d.col, 101, "stream: at the root");
}

/* An item is handed out as soon as it ends, before the input does. */
static void test_stream_pipe(void)
{
	struct yamldoc_stream *s;
	const struct yamldoc_node *item;
	struct diag d = DIAG_INIT;
	static const char first[] = "- a: 1\n- b: 2\n", rest[] = "- c: 3\n";
	int p[2];

	if (!ok(pipe(p) == 0, "pipe"))
		return;
	alarm(60); /* a stream that waits for the end of input would hang here */
	ok(write(p[1], first, sizeof first - 1) == (ssize_t)(sizeof first - 1), "write two items");
	s = yamldoc_stream_open("-", p[0], "the batch", &d);
	ok(yamldoc_stream_next(s, &item, &d) == 1 && yamldoc_get(item, "a"),
	   "the first item before the input ends");
	ok(write(p[1], rest, sizeof rest - 1) == (ssize_t)(sizeof rest - 1), "write the third");
	close(p[1]);
	ok(yamldoc_stream_next(s, &item, &d) == 1 && yamldoc_get(item, "b"), "the second");
	ok(yamldoc_stream_next(s, &item, &d) == 1 && yamldoc_get(item, "c"), "the third");
	is_int(yamldoc_stream_next(s, &item, &d), 0, "then the end");
	alarm(0);
	yamldoc_stream_close(s);
	close(p[0]);
}

int main(void)
{
	testgolden_errors("yamldoc", 11, load_yamldoc, NULL);
	test_stream();
	test_stream_pipe();
	test_end_position();
	test_tree();
	test_bom_crlf();
	test_small();
	test_big_map();
	test_depth();
	test_fd();
	test_helpers();
	return tap_done();
}
