#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "tap.h"
#include "banned.h"

enum { DESK, CLIENT, NEEDS, LANGUAGE, NOTE };
static const char *const cols[] = { "desk", "client", "needs", "language", "note", NULL };

static char dir[] = "/tmp/batch_test." TAP_TEMPLATE_TAIL;
static char path[64];

/* Read text as a batch through a file descriptor, as the commands read stdin. */
static int load(struct batch *b, enum batch_format f, const char *text, const char *const *columns,
		struct diag *d)
{
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600), rc;
	size_t len = strlen(text);

	if (fd < 0 || write(fd, text, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) != 0) {
		printf("# cannot write %s\n", path);
		return -2;
	}
	diag_clear(d);
	rc = batch_read(b, fd, "-", f, columns, d);
	close(fd);
	return rc;
}

static int released(const struct batch *b)
{
	return b->records == NULL && b->n == 0 && b->alloc == 0 && b->arena.head == NULL &&
	       b->name == NULL;
}

/* "LINE:COL: message" and "hint: ..." of a failure, for exact comparison. */
static const char *error_of(const struct diag *d)
{
	static char buf[1200];
	snprintf(buf, sizeof buf, "%s:%ld:%ld: %s%s%s", d->file, d->line, d->col, d->msg,
		 d->hint[0] ? " / hint: " : "", d->hint);
	return buf;
}

static int at(const struct batch_record *r, int c, long line, long col)
{
	return r->line[c] == line && r->col[c] == col;
}

static void test_format_parse(void)
{
	enum batch_format f = BATCH_YAML;

	is_int(batch_format_parse("csv", &f), 0, "csv is a format");
	is_int(f, BATCH_CSV, "csv -> BATCH_CSV");
	is_int(batch_format_parse("yaml", &f), 0, "yaml is a format");
	is_int(f, BATCH_YAML, "yaml -> BATCH_YAML");
	is_int(batch_format_parse("CSV", &f), -1, "CSV (upper case) is not");
	is_int(batch_format_parse("yml", &f), -1, "yml is not");
	is_int(batch_format_parse("", &f), -1, "\"\" is not");
	is_int(f, BATCH_YAML, "a failed parse leaves the format");
}

static void test_csv(void)
{
	struct batch b;
	struct diag d = DIAG_INIT;
	const struct batch_record *r;

	is_int(load(&b, BATCH_CSV,
		    "note,desk,needs\n"
		    "\"multi\nline\",lbc-1,housing\n"
		    ",lbc-2,\"legal-aid;housing\"\n",
		    cols, &d),
	       0, "csv: header in another order");
	is_str(b.name, "-", "csv: the batch keeps its name");
	is_int(b.ncolumns, 5, "csv: five columns");
	is_int(b.n, 2, "csv: two records");
	r = &b.records[0];
	is_int(r->lineno, 2, "csv: record 1 starts on line 2");
	is_str(r->value[NOTE], "multi\nline", "csv: quoted note with a newline");
	is_str(r->value[DESK], "lbc-1", "csv: desk");
	is_str(r->value[NEEDS], "housing", "csv: needs");
	ok(r->value[CLIENT] == NULL && r->value[LANGUAGE] == NULL,
	   "csv: columns not in the header are NULL");
	ok(at(r, NOTE, 2, 1) && at(r, DESK, 3, 7) && at(r, NEEDS, 3, 13),
	   "csv: positions of record 1 (after a newline inside quotes)");
	ok(at(r, CLIENT, 0, 0) && at(r, LANGUAGE, 0, 0), "csv: absent columns at 0:0");
	r = &b.records[1];
	is_int(r->lineno, 4, "csv: record 2 starts on line 4");
	is_str(r->value[NOTE], "", "csv: an empty field is \"\", not NULL");
	is_str(r->value[NEEDS], "legal-aid;housing", "csv: quoted list kept as written");
	ok(at(r, NOTE, 4, 1) && at(r, DESK, 4, 2) && at(r, NEEDS, 4, 8),
	   "csv: positions of record 2");
	batch_release(&b);
	ok(released(&b), "batch_release empties the batch");

	is_int(load(&b, BATCH_CSV,
		    "\xef\xbb\xbf"
		    "desk,note\r\nd1,n\xc3\xa1\r\nd2,\"x\"\r\n",
		    cols, &d),
	       0, "csv: BOM and CRLF");
	ok(b.n == 2 && !strcmp(b.records[0].value[DESK], "d1") &&
		   !strcmp(b.records[0].value[NOTE], "n\xc3\xa1") &&
		   !strcmp(b.records[1].value[NOTE], "x"),
	   "csv: BOM and CRLF are not part of the values");
	ok(at(&b.records[0], DESK, 2, 1) && at(&b.records[0], NOTE, 2, 4),
	   "csv: BOM not counted in columns");
	batch_release(&b);

	is_int(load(&b, BATCH_CSV, "", cols, &d), 0, "csv: empty input");
	is_int(b.n, 0, "csv: empty input has no records");
	batch_release(&b);
	is_int(load(&b, BATCH_CSV, "desk,needs\n", cols, &d), 0, "csv: header only");
	is_int(b.n, 0, "csv: header only has no records");
	batch_release(&b);
	is_int(load(&b, BATCH_CSV, "desk\nlast-without-newline", cols, &d), 0,
	       "csv: a last record without a line end is a record");
	ok(b.n == 1 && !strcmp(b.records[0].value[DESK], "last-without-newline"),
	   "csv: and is read whole");
	batch_release(&b);
}

static void test_csv_errors(void)
{
	static const char *const czech[] = { "pozn\xc3\xa1mka", "desk", NULL };
	struct batch b;
	struct diag d = DIAG_INIT;

	is_int(load(&b, BATCH_CSV, "desk,nedes\nx,y\n", cols, &d), -1, "csv: unknown column fails");
	is_int(d.status, DIAG_DATA, "csv: unknown column is a data error");
	is_str(error_of(&d), "-:1:6: unknown column 'nedes' / hint: did you mean 'needs'?",
	       "csv: unknown column, position and hint");
	ok(released(&b), "csv: a failed read leaves the batch released");

	load(&b, BATCH_CSV, "desk,zzzzzzzz\n", cols, &d);
	is_str(error_of(&d), "-:1:6: unknown column 'zzzzzzzz'",
	       "csv: unknown column, nothing close: no hint");

	load(&b, BATCH_CSV, "pozn\xc3\xa1mka,dsek\n", czech, &d);
	is_str(error_of(&d), "-:1:10: unknown column 'dsek' / hint: did you mean 'desk'?",
	       "csv: the column is counted in characters");

	load(&b, BATCH_CSV, "desk,\"nedes\"\n", cols, &d);
	is_str(error_of(&d), "-:1:6: unknown column 'nedes' / hint: did you mean 'needs'?",
	       "csv: a quoted unknown column");

	is_int(load(&b, BATCH_CSV, "desk,note,desk\nd,n,d\n", cols, &d), -1,
	       "csv: repeated column fails");
	is_str(error_of(&d), "-:1:11: column 'desk' appears twice", "csv: repeated column, where");
	ok(released(&b), "csv: released after a repeated column");

	is_int(load(&b, BATCH_CSV, "desk,note\nd1,n1\nd2\nd3,n3\n", cols, &d), -1,
	       "csv: too few fields fail");
	is_str(error_of(&d), "-:3:1: record has 1 fields but the header has 2",
	       "csv: too few fields, where");
	ok(released(&b), "csv: released after a field-count mismatch (a record was already read)");
	load(&b, BATCH_CSV, "desk,note\n\"d\n1\",n1\nd2,n2,x\n", cols, &d);
	is_str(error_of(&d), "-:4:1: record has 3 fields but the header has 2",
	       "csv: too many fields, line after a quoted newline");
	ok(released(&b), "csv: released");

	is_int(load(&b, BATCH_CSV, "desk,note\nd1,\"open\n", cols, &d), -1,
	       "csv: unterminated quote fails");
	ok(d.status == DIAG_DATA && !strcmp(d.file, "-"),
	   "csv: a syntax error is a data error in the input");
	ok(released(&b), "csv: released after a syntax error");
	is_int(load(&b, BATCH_CSV, "desk,note\nd1,n\xff\n", cols, &d), -1,
	       "csv: invalid UTF-8 fails");
	ok(d.status == DIAG_DATA && d.line == 2, "csv: invalid UTF-8 on line 2");
	ok(released(&b), "csv: released after invalid UTF-8");
}

static void test_yaml(void)
{
	struct batch b;
	struct diag d = DIAG_INIT;
	const struct batch_record *r;

	is_int(load(&b, BATCH_YAML,
		    "- desk: lbc-1\n"
		    "  needs: [housing, legal-aid]\n"
		    "  note: \"a, b\"\n"
		    "- client: C2\n"
		    "  language:\n"
		    "    - uk\n"
		    "    - ru\n"
		    "  needs: housing\n",
		    cols, &d),
	       0, "yaml: two records");
	is_int(b.n, 2, "yaml: n 2");
	r = &b.records[0];
	is_int(r->lineno, 1, "yaml: record 1 on line 1");
	is_str(r->value[DESK], "lbc-1", "yaml: scalar");
	is_str(r->value[NEEDS], "housing;legal-aid", "yaml: flow list joined with ';'");
	is_str(r->value[NOTE], "a, b", "yaml: quoted scalar");
	ok(r->value[CLIENT] == NULL && r->value[LANGUAGE] == NULL, "yaml: absent keys are NULL");
	ok(at(r, DESK, 1, 9) && at(r, NEEDS, 2, 10) && at(r, NOTE, 3, 9) && at(r, CLIENT, 0, 0),
	   "yaml: positions of record 1");
	r = &b.records[1];
	is_int(r->lineno, 4, "yaml: record 2 on line 4");
	is_str(r->value[LANGUAGE], "uk;ru", "yaml: block list joined with ';'");
	is_str(r->value[NEEDS], "housing", "yaml: a single value for a list column");
	ok(at(r, CLIENT, 4, 11) && at(r, LANGUAGE, 6, 5) && at(r, NEEDS, 8, 10),
	   "yaml: positions of record 2");
	batch_release(&b);

	is_int(load(&b, BATCH_YAML,
		    "- desk: ~\n"
		    "  client:\n"
		    "  note: null\n"
		    "  language: \"~\"\n"
		    "  needs: []\n"
		    "- desk: 007\n"
		    "  note: yes\n",
		    cols, &d),
	       0, "yaml: null values");
	r = &b.records[0];
	is_str(r->value[DESK], "", "yaml: ~ is \"\"");
	is_str(r->value[CLIENT], "", "yaml: an empty value is \"\"");
	is_str(r->value[NOTE], "", "yaml: null is \"\"");
	is_str(r->value[LANGUAGE], "~", "yaml: a quoted \"~\" is the string ~");
	is_str(r->value[NEEDS], "", "yaml: an empty list is \"\"");
	is_str(b.records[1].value[DESK], "007", "yaml: a number keeps its text");
	is_str(b.records[1].value[NOTE], "yes", "yaml: yes stays the string yes");
	batch_release(&b);

	is_int(load(&b, BATCH_YAML, "", cols, &d), 0, "yaml: empty input");
	is_int(b.n, 0, "yaml: empty input has no records");
	batch_release(&b);
	is_int(load(&b, BATCH_YAML, "# nothing yet\n", cols, &d), 0, "yaml: only a comment");
	is_int(b.n, 0, "yaml: only a comment has no records");
	batch_release(&b);
	is_int(load(&b, BATCH_YAML, "[]\n", cols, &d), 0, "yaml: an empty sequence");
	is_int(b.n, 0, "yaml: an empty sequence has no records");
	batch_release(&b);
	is_int(load(&b, BATCH_YAML, "- {}\n", cols, &d), 0, "yaml: an empty record");
	ok(b.n == 1 && b.records[0].value[DESK] == NULL,
	   "yaml: an empty record has every value NULL");
	batch_release(&b);
}

static void test_yaml_errors(void)
{
	struct batch b;
	struct diag d = DIAG_INIT;

	is_int(load(&b, BATCH_YAML, "- desk: a\n  nedes: [x]\n", cols, &d), -1,
	       "yaml: unknown key fails");
	is_int(d.status, DIAG_DATA, "yaml: unknown key is a data error");
	is_str(error_of(&d), "-:2:3: unknown key 'nedes' / hint: did you mean 'needs'?",
	       "yaml: unknown key, position and hint");
	ok(released(&b), "yaml: released after an unknown key");
	load(&b, BATCH_YAML, "- zzzzzz: 1\n", cols, &d);
	is_str(error_of(&d),
	       "-:1:3: unknown key 'zzzzzz' / hint: expected one of: desk, client, needs, language, note",
	       "yaml: unknown key, nothing close: the list");

	is_int(load(&b, BATCH_YAML, "- desk: a\n- desk: b\n  note: {a: b}\n", cols, &d), -1,
	       "yaml: a mapping value fails");
	is_str(error_of(&d), "-:3:9: a value must be a string or a list of strings",
	       "yaml: a mapping value, where");
	ok(released(&b), "yaml: released after an error in the second record");
	load(&b, BATCH_YAML, "- needs: [housing, [x]]\n", cols, &d);
	is_str(error_of(&d), "-:1:20: a list item must be a string", "yaml: a nested list, where");
	ok(released(&b), "yaml: released after a nested list");
	load(&b, BATCH_YAML, "- needs:\n    - housing\n    - {a: b}\n", cols, &d);
	is_str(error_of(&d), "-:3:7: a list item must be a string",
	       "yaml: a mapping in a list, where");

	load(&b, BATCH_YAML, "desk: a\n", cols, &d);
	is_str(error_of(&d), "-:1:1: the batch must be a sequence", "yaml: a mapping at the top");
	ok(released(&b), "yaml: released after a bad top level");
	load(&b, BATCH_YAML, "just text\n", cols, &d);
	is_str(error_of(&d), "-:1:1: the batch must be a sequence", "yaml: a scalar at the top");
	load(&b, BATCH_YAML, "- desk: a\n- b\n", cols, &d);
	is_str(error_of(&d), "-:2:3: each record must be a mapping", "yaml: a scalar record");
	ok(released(&b), "yaml: released after a scalar record");

	is_int(load(&b, BATCH_YAML, "- desk: [a\n", cols, &d), -1, "yaml: a syntax error fails");
	ok(d.status == DIAG_DATA && !strcmp(d.file, "-") && d.line >= 1,
	   "yaml: a syntax error has a position");
	ok(released(&b), "yaml: released after a syntax error");
	is_int(load(&b, BATCH_YAML, "- desk: a\n  desk: b\n", cols, &d), -1,
	       "yaml: a repeated key fails");
	ok(d.status == DIAG_DATA && d.line == 2, "yaml: a repeated key on line 2");
	ok(released(&b), "yaml: released after a repeated key");
}

int main(void)
{
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp\n");
		return 1;
	}
	snprintf(path, sizeof path, "%s/in", dir);
	test_format_parse();
	test_csv();
	test_csv_errors();
	test_yaml();
	test_yaml_errors();
	unlink(path);
	rmdir(dir);
	return tap_done();
}
