#include "changes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvends.h"
#include "fields.h"
#include "intakeid.h"
#include "xalloc.h"
#include "banned.h"

const char *const changes_fields[] = { "ts",          "client",   "sex",       "age_group",
				       "nationality", "language", "household", "needs",
				       "referred_to", "consent",  "status",    "note",
				       NULL };

/* clang-format off */
const char *const changes_columns[CHANGES_NCOLS + 1] = { CHANGES_SCHEMA(SCHEMA_NAME, CHANGES) NULL };
static const struct schema_column changes_schema_columns[CHANGES_NCOLS] = {
	CHANGES_SCHEMA(SCHEMA_ROW, CHANGES)
};
/* clang-format on */
const struct schema changes_schema = { CHANGES_FILE, changes_schema_columns, changes_columns,
				       CHANGES_NCOLS };

int changes_field_index(const char *name)
{
	size_t i;
	for (i = 0; changes_fields[i]; i++)
		if (strcmp(name, changes_fields[i]) == 0)
			return schema_column_index(&intake_schema, name);
	return -1;
}

int changes_field_ok(int c)
{
	return c >= 0 && c < INTAKE_NCOLS && changes_field_index(intake_columns[c]) == c;
}

void changes_init(struct changes *c)
{
	memset(c, 0, sizeof *c);
	strindex_init(&c->ids);
}

void changes_release(struct changes *c)
{
	free(c->v);
	strindex_release(&c->ids);
	arena_release(&c->arena);
	changes_init(c);
}

const struct changes_record *changes_find(const struct changes *c, const char *id, size_t len)
{
	long i;
	if (!c->ids.n || (i = strindex_find(&c->ids, id, len)) < 0)
		return NULL;
	return c->v[i];
}

long changes_index(const struct changes *c, const char *id, size_t len)
{
	return c->ids.n ? strindex_find(&c->ids, id, len) : -1;
}

struct changes_record *changes_record_at(const struct changes *c, size_t i)
{
	return i < c->ids.n ? c->v[i] : NULL;
}

const struct changes_field *changes_field_of(const struct changes_record *r, int col)
{
	const struct changes_field *f;
	for (f = r->fields; f; f = f->next)
		if (f->col == col)
			return f;
	return NULL;
}

const struct csvread_row *changes_apply_row(const struct changes_record *r,
					    const struct csvread_row *in, struct changes_row *out)
{
	const struct changes_field *f;
	size_t c;

	out->row = *in;
	out->row.field = out->field;
	out->row.len = out->len;
	for (c = 0; c < INTAKE_NCOLS; c++) {
		out->field[c] = in->field[c];
		out->len[c] = in->len[c];
	}
	if (in->line) {
		memcpy(out->line, in->line, sizeof out->line);
		memcpy(out->col, in->col, sizeof out->col);
		memcpy(out->quoted, in->quoted, sizeof out->quoted);
		out->row.line = out->line;
		out->row.col = out->col;
		out->row.quoted = out->quoted;
	}
	for (f = r->fields; f; f = f->next) {
		out->field[f->col] = (char *)f->value; /* read only, as every row handed out */
		out->len[f->col] = f->len;
	}
	return &out->row;
}

/* Reading: the state of the rows read so far. */
struct reader {
	struct changes *c;
	const char *name;
	changes_want want;
	void *wctx;
	changes_problem problem;
	void *pctx;
	long prev; /* the previous row's change number */
	long prev_line;
};

static int parse_number(const char *s, long *v)
{
	long n = 0;
	if (!*s || *s == '0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > CHANGES_NUMBER_MAX / 10)
			return -1;
		n = n * 10 + (*s - '0');
	}
	if (n > CHANGES_NUMBER_MAX)
		return -1;
	*v = n;
	return 0;
}

static void hint_fields(struct diag *d)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	for (i = 0; changes_fields[i]; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", changes_fields[i]);
	diag_hint(d, "the fields intake-update changes: %s", sb.buf);
	strbuf_release(&sb);
}

/* The checks of one row on its own; 0, or -1 with d. */
static int check_row(struct reader *rd, const struct csvread_row *row, long *number, struct diag *d)
{
	const char *name = rd->name;
	int year, offset;
	long seq;
	int64_t utc;

	if (row->n != CHANGES_NCOLS)
		return diag_set(d, DIAG_DATA, name, row->lineno, 1,
				"record has %zu fields instead of %d", row->n, CHANGES_NCOLS);
	if (parse_number(row->field[CHANGES_CHANGE], number) < 0)
		return fields_row_error(d, name, row, CHANGES_CHANGE,
					"change '%.40s' is not a whole number from 1",
					row->field[CHANGES_CHANGE]);
	if (*number < rd->prev) {
		fields_row_error(d, name, row, CHANGES_CHANGE,
				 "change %ld comes after change %ld (line %ld)", *number, rd->prev,
				 rd->prev_line);
		diag_hint(d, "change numbers increase in file order");
		return -1;
	}
	if (civtime_parse_ts(row->field[CHANGES_TS], NULL, &utc, &offset) < 0)
		return fields_row_error(d, name, row, CHANGES_TS, "invalid time '%.40s'",
					row->field[CHANGES_TS]);
	if (intakeid_parse(row->field[CHANGES_ID], 0, &year, &seq) < 0)
		return fields_row_error(d, name, row, CHANGES_ID, "id '%.40s' is not YYYY-NNNNNN",
					row->field[CHANGES_ID]);
	if (changes_field_index(row->field[CHANGES_FIELD]) < 0) {
		fields_row_error(d, name, row, CHANGES_FIELD,
				 "'%.40s' is not a field intake-update changes",
				 row->field[CHANGES_FIELD]);
		hint_fields(d);
		return -1;
	}
	if (!intake_reference_ok(row->field[CHANGES_DESK]))
		return fields_row_error(d, name, row, CHANGES_DESK,
					"desk '%.40s' is not a code (letters, digits, '.', '_', '-')",
					row->field[CHANGES_DESK]);
	if (row->len[CHANGES_ADVISOR] && !intake_reference_ok(row->field[CHANGES_ADVISOR]))
		return fields_row_error(d, name, row, CHANGES_ADVISOR,
					"advisor '%.40s' is not a code (letters, digits, '.', '_', '-')",
					row->field[CHANGES_ADVISOR]);
	if (!row->len[CHANGES_REASON])
		return fields_row_error(d, name, row, CHANGES_REASON, "a change needs a reason");
	if (row->len[CHANGES_REASON] > CHANGES_REASON_MAX)
		return fields_row_error(d, name, row, CHANGES_REASON,
					"reason is longer than %d bytes", CHANGES_REASON_MAX);
	return 0;
}

static struct changes_record *record_of(struct changes *c, const char *id, size_t len)
{
	size_t i = strindex_add(&c->ids, id, len);
	if (i >= c->alloc) {
		size_t was = c->alloc;
		XALLOC_GROW(c->v, i + 1, c->alloc);
		memset(c->v + was, 0, (c->alloc - was) * sizeof *c->v);
	}
	if (!c->v[i]) {
		c->v[i] = arena_alloc(&c->arena, sizeof *c->v[i]);
		c->v[i]->id = strindex_key(&c->ids, i);
	}
	return c->v[i];
}

/* Apply a checked row to its record: the checks across rows first. */
static int apply(struct reader *rd, const struct csvread_row *row, long number, struct diag *d)
{
	struct changes *c = rd->c;
	struct changes_record *r;
	struct changes_field *f;
	int col = changes_field_index(row->field[CHANGES_FIELD]);
	const struct changes_record *seen =
		changes_find(c, row->field[CHANGES_ID], row->len[CHANGES_ID]);
	const struct changes_field *was = seen ? changes_field_of(seen, col) : NULL;

	if (was && was->change == number)
		return fields_row_error(d, rd->name, row, CHANGES_FIELD,
					"change %ld changes '%s' of '%s' twice (line %ld)", number,
					row->field[CHANGES_FIELD], row->field[CHANGES_ID],
					was->line);
	if (was && (was->len != row->len[CHANGES_OLD] ||
		    memcmp(was->value, row->field[CHANGES_OLD], was->len) != 0)) {
		fields_row_error(d, rd->name, row, CHANGES_OLD,
				 "old value '%.60s' is not what change %ld set (line %ld): '%.60s'",
				 row->field[CHANGES_OLD], was->change, was->line, was->value);
		diag_hint(d, "old of a change is new of the change before it");
		return -1;
	}
	r = record_of(c, row->field[CHANGES_ID], row->len[CHANGES_ID]);
	f = (struct changes_field *)changes_field_of(r, col);
	if (!f) {
		f = arena_alloc(&c->arena, sizeof *f);
		f->col = col;
		f->first_old =
			arena_strndup(&c->arena, row->field[CHANGES_OLD], row->len[CHANGES_OLD]);
		f->first_line = row->line[CHANGES_OLD];
		f->first_col = row->col[CHANGES_OLD] + (row->quoted[CHANGES_OLD] ? 1 : 0);
		f->next = r->fields;
		r->fields = f;
	}
	if (r->change != number) {
		r->version++;
		r->change = number;
		r->ts = arena_strdup(&c->arena, row->field[CHANGES_TS]);
		r->desk = arena_strdup(&c->arena, row->field[CHANGES_DESK]);
		r->advisor = arena_strdup(&c->arena, row->field[CHANGES_ADVISOR]);
	}
	f->value = arena_strndup(&c->arena, row->field[CHANGES_NEW], row->len[CHANGES_NEW]);
	f->len = row->len[CHANGES_NEW];
	f->change = number;
	f->ts = r->ts;
	f->desk = r->desk;
	f->line = row->line[CHANGES_NEW];
	f->col_new = row->col[CHANGES_NEW] + (row->quoted[CHANGES_NEW] ? 1 : 0);
	r->line = row->lineno;
	c->rows++;
	return 0;
}

/* A problem of a row: the caller's to hear, or the error. */
static int problem(struct reader *rd, struct diag *d)
{
	if (!rd->problem && d->status == DIAG_DATA && !d->hint[0])
		diag_hint(d,
			  "intake-update writes this file; data-check lists every problem in it");
	if (!rd->problem || d->status == DIAG_SYSTEM)
		return -1;
	return rd->problem(rd->pctx, d);
}

static int read_rows(struct reader *rd, struct csvread *r, struct diag *d)
{
	struct csvread_row *row;
	int rc, header = 1;
	long number;

	while ((rc = csvread_next(r, &row, d)) == 1) {
		if (header) {
			header = 0;
			if (fields_check_header(&changes_schema, row->field, row->n, rd->name,
						row->col, d) < 0)
				return problem(rd, d) < 0
					       ? -1
					       : 0; /* nothing after a bad header is read */
			continue;
		}
		if (check_row(rd, row, &number, d) < 0) {
			if (problem(rd, d) < 0)
				return -1;
			continue;
		}
		rd->prev = number;
		rd->prev_line = row->lineno;
		if (number > rd->c->last)
			rd->c->last = number;
		if (rd->want && !rd->want(rd->wctx, row->field[CHANGES_ID]))
			continue;
		if (apply(rd, row, number, d) < 0 && problem(rd, d) < 0)
			return -1;
	}
	if (rc < 0 && problem(rd, d) == 0)
		rc = 0; /* a syntax error ends the file: reported, nothing after it read */
	return rc;
}

int changes_read(struct changes *c, int fd, const char *name, changes_want want, void *wctx,
		 changes_problem prob, void *pctx, struct diag *d)
{
	struct reader rd;
	struct csvread *r = csvread_open(fd, name, CSVREAD_SKIP_TORN_END);
	int rc;

	memset(&rd, 0, sizeof rd);
	rd.c = c;
	rd.name = c->name = arena_strdup(&c->arena, name);
	rd.want = want;
	rd.wctx = wctx;
	rd.problem = prob;
	rd.pctx = pctx;
	rc = read_rows(&rd, r, d);
	c->torn = csvread_torn(r);
	csvread_free(r);
	return rc;
}

int changes_load(struct changes *c, const struct datadir *dd, changes_problem prob, void *pctx,
		 struct diag *d)
{
	char *name = datadir_file(dd, CHANGES_FILE);
	int fd, rc = datadir_open_read(dd, CHANGES_FILE, &fd, d);

	if (rc > 0) {
		rc = changes_read(c, fd, name, NULL, NULL, prob, pctx, d);
		close(fd);
	} else if (rc == 0) {
		c->name = arena_strdup(&c->arena, name);
	}
	free(name);
	return rc < 0 ? -1 : 0;
}

int changes_number(struct datadir_lock *lk, long *next, struct diag *d)
{
	struct strbuf rec = STRBUF_INIT;
	struct csvread *r;
	struct csvread_row *row;
	struct diag e = DIAG_INIT;
	long last = 0;
	int rc = csvends_last_record(lk, &rec, d);

	if (rc == 0 && rec.len) {
		r = csvread_open_buffer(rec.buf, rec.len, lk->path, 0);
		if (csvread_next(r, &row, &e) != 1 || parse_number(row->field[0], &last) < 0 ||
		    last >= CHANGES_NUMBER_MAX) {
			rc = diag_set(d, DIAG_DATA, lk->path, 0, 0,
				      "the last row has no change number; cannot number the update");
			diag_hint(d, "run data-check, which shows where; correct that row by hand");
		}
		csvread_free(r);
	}
	strbuf_release(&rec);
	*next = last + 1;
	return rc;
}
