#include <string.h>

#include "fields.h"
#include "tap.h"
#include "banned.h"

static const char *const cols[] = { "id", "date", "note" };

static int error_of(struct diag *d, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int error_of(struct diag *d, const char *file, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = fields_error(d, file, 4, 7, "--note", fmt, ap);
	va_end(ap);
	return rc;
}

int main(void)
{
	struct diag d = DIAG_INIT;
	char id[] = "id", date[] = "date", note[] = "note", day[] = "day", x[] = "x";
	char *good[] = { id, date, note }, *bad[] = { id, day, note },
	     *extra[] = { id, date, note, x };
	long col[] = { 1, 4, 9, 14 };
	struct strbuf f[3], sb = STRBUF_INIT;

	is_int(fields_check_header(cols, 3, good, 3, "f.csv", col, &d), 0, "good header");
	is_int(fields_check_header(cols, 3, bad, 3, "f.csv", col, &d), -1, "wrong column");
	is_str(d.msg, "header has 'day' where 'date' belongs", "its message");
	is_str(d.hint, "the header must be: id,date,note", "its hint lists the header");
	is_int(d.col, 4, "its column");
	fields_check_header(cols, 3, good, 2, "f.csv", col, &d);
	is_str(d.msg, "header lacks column 'note'", "short header");
	fields_check_header(cols, 3, extra, 4, "f.csv", col, &d);
	is_str(d.msg, "header has an extra column 'x'", "long header");
	is_int(d.col, 14, "at the extra column");

	error_of(&d, "f.csv", "bad '%s'", "x");
	ok(!strcmp(d.file, "f.csv") && d.line == 4 && d.col == 7 && !strcmp(d.msg, "bad 'x'"),
	   "error in a file has its position");
	is_int(d.status, DIAG_DATA, "a data error");
	error_of(&d, NULL, "bad '%s'", "y");
	ok(!d.file[0] && !strcmp(d.msg, "--note: bad 'y'"), "error from an option names it");

	fields_init(f, 3);
	fields_set(&f[1], "  Ab Ř\t");
	fields_trim(&f[1]);
	is_str(f[1].buf, "Ab Ř", "trim blanks and tabs");
	fields_fold(&f[1], 0);
	is_str(f[1].buf, "ab Ř", "fold ASCII only");
	fields_fold(&f[1], 1);
	is_str(f[1].buf, "AB Ř", "fold to upper");
	fields_release(f, 3);

	strbuf_addstr(&sb, "=1+1");
	is_int(fields_note(&sb, 100), 0, "note accepted");
	is_str(sb.buf, "'=1+1", "formula neutralised");
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "a=1");
	fields_note(&sb, 100);
	is_str(sb.buf, "a=1", "not at the start: kept");
	is_int(fields_note(&sb, 2), -1, "too long");
	strbuf_release(&sb);
	return tap_done();
}
