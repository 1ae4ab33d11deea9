#include <string.h>

#include "fields.h"
#include "tap.h"
#include "banned.h"

static const char *const cols[] = { "id", "date", "note", NULL };
static const struct schema_column columns[] = {
	{ "id", SCHEMA_T_STRING, 0, SCHEMA_ANY, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, NULL },
	{ "date", SCHEMA_T_DATE, 0, SCHEMA_ANY, NULL, NULL, 0, 0, 0, "date", "DATE", NULL, NULL },
	{ "note", SCHEMA_T_STRING, 0, SCHEMA_ANY, NULL, NULL, 0, 0, 0, "note", "TEXT", NULL, NULL },
};
static const struct schema schema = { "f.csv", columns, cols, 3 };

int main(void)
{
	struct diag d = DIAG_INIT;
	char id[] = "id", date[] = "date", note[] = "note", day[] = "day", x[] = "x";
	char *good[] = { id, date, note }, *bad[] = { id, day, note },
	     *extra[] = { id, date, note, x };
	long col[] = { 1, 4, 9, 14 };
	struct strbuf f[3], sb = STRBUF_INIT;

	is_int(fields_check_header(&schema, good, 3, "f.csv", col, &d), 0, "good header");
	is_int(fields_check_header(&schema, bad, 3, "f.csv", col, &d), -1, "wrong column");
	is_str(d.msg, "header has 'day' where 'date' belongs", "its message");
	is_str(d.hint, "the header must be: id,date,note", "its hint lists the header");
	is_int(d.col, 4, "its column");
	fields_check_header(&schema, good, 2, "f.csv", col, &d);
	is_str(d.msg, "header lacks column 'note'", "short header");
	fields_check_header(&schema, extra, 4, "f.csv", col, &d);
	is_str(d.msg, "header has an extra column 'x'", "long header");
	is_int(d.col, 14, "at the extra column");

	{
		struct fields_origin o;
		memset(&o, 0, sizeof o);
		o.file = "f.csv";
		o.line[2] = 4;
		o.col[2] = 7;
		fields_error(&d, &schema, &o, 2, "bad '%s'", "x");
	}
	ok(!strcmp(d.file, "f.csv") && d.line == 4 && d.col == 7 && !strcmp(d.msg, "bad 'x'"),
	   "error in a file has its position");
	is_int(d.status, DIAG_DATA, "a data error");
	fields_error(&d, &schema, NULL, 2, "bad '%s'", "y");
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
