#include "referral.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvread.h"
#include "intake.h"
#include "intakeid.h"
#include "intakefile.h"
#include "suggest.h"
#include "xalloc.h"
#include "fields.h"
#include "i18n.h"
#include "banned.h"

const char *const referral_outcomes[REFERRAL_NOUTCOMES + 1] = { "accepted", "rejected",  "done",
								"no-show",  "withdrawn", NULL };

const char *const referral_reasons[REFERRAL_NREASONS + 1] = {
	"lack-of-capacity", "not-eligible", "unable-to-contact", "client-declined", "other", NULL
};

/* clang-format off */
const char *const referral_columns[REFERRAL_NCOLS + 1] = { REFERRAL_SCHEMA(SCHEMA_NAME, REFERRAL) NULL };
static const struct schema_column referral_schema_columns[REFERRAL_NCOLS] = {
	REFERRAL_SCHEMA(SCHEMA_ROW, REFERRAL)
};
/* clang-format on */
const struct schema referral_schema = { REFERRAL_FILE, referral_schema_columns, referral_columns,
					REFERRAL_NCOLS };

static int index_of(const char *s, const char *const *names)
{
	int i;
	for (i = 0; names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int referral_outcome_parse(const char *s)
{
	return index_of(s, referral_outcomes);
}

int referral_reason_parse(const char *s)
{
	return index_of(s, referral_reasons);
}

int referral_needs_reason(enum referral_outcome o)
{
	return o == REFERRAL_REJECTED || o == REFERRAL_WITHDRAWN;
}

void referral_record_init(struct referral_record *r)
{
	fields_init(r->f, REFERRAL_NCOLS);
}

void referral_record_release(struct referral_record *r)
{
	fields_release(r->f, REFERRAL_NCOLS);
}

void referral_record_set(struct referral_record *r, enum referral_column c, const char *value)
{
	fields_set(&r->f[c], value);
}

/* A problem of column c, where it came from (fields.h). */
#define field_error(d, o, c, ...) fields_error(d, &referral_schema, o, c, __VA_ARGS__)

/* Trim blanks; fold ASCII to lower case when asked. */
static void tidy(struct strbuf *sb, int lower)
{
	fields_trim(sb);
	if (lower)
		fields_fold(sb, 0);
}

static long today(const struct fields_context *ctx)
{
	return civtime_local_day(ctx->tz, ctx->now);
}

static int check_date(struct referral_record *r, const struct fields_context *ctx,
		      const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[REFERRAL_DATE];
	char buf[16];
	long days;
	int rc;

	tidy(sb, 0);
	if (!sb->len) {
		civtime_format_date(buf, today(ctx));
		referral_record_set(r, REFERRAL_DATE, buf);
		return 0;
	}
	if ((rc = civtime_parse_date(sb->buf, &days)) < 0) {
		field_error(d, o, REFERRAL_DATE, "invalid date '%s'", sb->buf);
		civtime_hint(d, rc, "write it as 2026-11-23");
		return -1;
	}
	if (days > today(ctx))
		return field_error(d, o, REFERRAL_DATE, "date '%s' is in the future", sb->buf);
	return 0;
}

static int check_intake_id(struct referral_record *r, const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[REFERRAL_INTAKE_ID];
	char buf[REFERRAL_ID_MAX];
	int year;
	long seq;

	tidy(sb, 0);
	if (!sb->len)
		return fields_required(d, &referral_schema, o, REFERRAL_INTAKE_ID);
	if (intakeid_parse(sb->buf, INTAKEID_SHORT, &year, &seq) < 0) {
		field_error(d, o, REFERRAL_INTAKE_ID, "'%s' is not an intake id", sb->buf);
		diag_hint(d, "an intake id is the year and a number, such as 2026-000123");
		return -1;
	}
	intakeid_format(buf, sizeof buf, year, seq);
	referral_record_set(r, REFERRAL_INTAKE_ID, buf);
	return 0;
}

static int check_service(struct referral_record *r, const struct fields_context *ctx,
			 const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[REFERRAL_SERVICE];
	struct suggestion near;

	tidy(sb, 1);
	if (!sb->len)
		return fields_required(d, &referral_schema, o, REFERRAL_SERVICE);
	if (ctx->services && services_find(ctx->services, sb->buf))
		return 0;
	field_error(d, o, REFERRAL_SERVICE, "unknown service '%s'", sb->buf);
	if (ctx->services && services_suggest(ctx->services, sb->buf, &near))
		suggest_hint(d, &near);
	else if (!ctx->services)
		diag_hint(d, "the data directory has no services.yaml");
	return -1;
}

/* A value of a closed list: required or not, with a hint at the near one. */
static int check_choice(struct referral_record *r, enum referral_column c, const char *const *names,
			size_t n, const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[c];
	const char *hint;
	int i;

	tidy(sb, 1);
	i = index_of(sb->buf, names);
	if (i >= 0)
		return i;
	hint = suggest_closest(sb->buf, names, n);
	if (!sb->len)
		fields_required(d, &referral_schema, o, c);
	else if (c == REFERRAL_OUTCOME)
		field_error(d, o, c, "unknown outcome '%s'", sb->buf);
	else
		field_error(d, o, c, "unknown reason '%s'", sb->buf);
	if (hint)
		diag_hint(d, "did you mean '%s'?", hint);
	else if (c == REFERRAL_OUTCOME)
		diag_hint(d, "an outcome is one of accepted, rejected, done, no-show, withdrawn");
	else
		diag_hint(d,
			  "a reason is one of lack-of-capacity, not-eligible, unable-to-contact, client-declined, other");
	return -1;
}

static int check_outcome_reason(struct referral_record *r, const struct fields_origin *o,
				struct diag *d)
{
	int outcome =
		check_choice(r, REFERRAL_OUTCOME, referral_outcomes, REFERRAL_NOUTCOMES, o, d);
	if (outcome < 0)
		return -1;
	tidy(&r->f[REFERRAL_REASON], 1);
	if (!referral_needs_reason((enum referral_outcome)outcome)) {
		if (!r->f[REFERRAL_REASON].len)
			return 0;
		field_error(d, o, REFERRAL_REASON,
			    "a reason is recorded for rejected and withdrawn only, not for '%s'",
			    referral_outcomes[outcome]);
		diag_hint(d, "leave the reason empty; the note may explain");
		return -1;
	}
	if (!r->f[REFERRAL_REASON].len) {
		field_error(d, o, REFERRAL_REASON, "outcome '%s' needs a reason",
			    referral_outcomes[outcome]);
		diag_hint(d,
			  "one of lack-of-capacity, not-eligible, unable-to-contact, client-declined, other");
		return -1;
	}
	return check_choice(r, REFERRAL_REASON, referral_reasons, REFERRAL_NREASONS, o, d) < 0 ? -1
											       : 0;
}

/* A note a spreadsheet would run as a formula is stored with a leading apostrophe. */
static int check_note(struct referral_record *r, const struct fields_origin *o, struct diag *d)
{
	if (fields_note(&r->f[REFERRAL_NOTE], REFERRAL_NOTE_MAX) < 0)
		return field_error(d, o, REFERRAL_NOTE, "note is longer than %d bytes",
				   REFERRAL_NOTE_MAX);
	return 0;
}

int referral_validate(struct referral_record *r, const struct fields_context *ctx,
		      const struct fields_origin *o, struct diag *d)
{
	if (check_date(r, ctx, o, d) < 0 || check_intake_id(r, o, d) < 0 ||
	    check_service(r, ctx, o, d) < 0 || check_outcome_reason(r, o, d) < 0 ||
	    check_note(r, o, d) < 0)
		return -1;
	return 0;
}

void referral_lookup_init(struct referral_lookup *l)
{
	memset(l, 0, sizeof *l);
}

static int cmp_intake(const void *a, const void *b)
{
	const struct referral_intake *x = a, *y = b;
	return intakeid_cmp(x->year, x->seq, y->year, y->seq);
}

void referral_lookup_want(struct referral_lookup *l, const char *id)
{
	struct referral_intake *e;
	int year;
	long seq;

	if (intakeid_parse(id, INTAKEID_SHORT, &year, &seq) < 0)
		return;
	XALLOC_GROW(l->v, l->n + 1, l->alloc);
	e = &l->v[l->n++];
	memset(e, 0, sizeof *e);
	intakeid_format(e->id, sizeof e->id, year, seq);
	e->year = year;
	e->seq = seq;
}

/* Sort the wanted ids and keep each once. */
static void sort_unique(struct referral_lookup *l)
{
	size_t i, k = 0;
	if (l->n)
		qsort(l->v, l->n, sizeof *l->v, cmp_intake);
	for (i = 0; i < l->n; i++)
		if (!k || cmp_intake(&l->v[k - 1], &l->v[i]) != 0)
			l->v[k++] = l->v[i];
	l->n = k;
}

static struct referral_intake *find_wanted(const struct referral_lookup *l, int year, long seq)
{
	struct referral_intake key;
	key.year = year;
	key.seq = seq;
	return l->n ? bsearch(&key, l->v, l->n, sizeof *l->v, cmp_intake) : NULL;
}

void referral_lookup_prepare(struct referral_lookup *l)
{
	sort_unique(l);
}

/* Is entry e before the id (year, seq)? (intakeid_cmp, inline: asked of every record) */
static int before(const struct referral_intake *e, int year, long seq)
{
	return e->year < year || (e->year == year && e->seq < seq);
}

struct referral_intake *referral_lookup_wanted(const struct referral_lookup *l, size_t *at,
					       int year, long seq)
{
	size_t i = *at, lo = 0, hi = l->n;
	/* *at is the first entry not before the last id asked: still this id's? */
	if (i > l->n || (i < l->n && before(&l->v[i], year, seq)) ||
	    (i > 0 && !before(&l->v[i - 1], year, seq))) {
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (before(&l->v[mid], year, seq))
				lo = mid + 1;
			else
				hi = mid;
		}
		*at = i = lo;
	}
	return i < l->n && l->v[i].year == year && l->v[i].seq == seq ? &l->v[i] : NULL;
}

void referral_lookup_found(struct referral_intake *e, const char *ts, const char *referred_to)
{
	if (e->found)
		return; /* a repeated id: the first record counts */
	e->found = 1;
	snprintf(e->date, sizeof e->date, "%.10s", ts);
	e->referred_to = xstrdup(referred_to);
}

void referral_lookup_finish(struct referral_lookup *l, const char *last_id)
{
	size_t i;
	snprintf(l->last_id, sizeof l->last_id, "%s", last_id);
	for (i = 0; i < l->n; i++)
		if (!l->v[i].found)
			l->read_to_end = 1;
}

int referral_lookup_run(struct referral_lookup *l, const struct datadir *dd, struct diag *d)
{
	struct intakefile *f;
	struct csvread_row *row;
	size_t missing;
	int rc = 0, year;
	long seq;

	if (!l->n)
		return 0;
	referral_lookup_prepare(l);
	missing = l->n;
	f = intakefile_open(dd, NULL, d);
	if (!f)
		return -1;
	/* ids increase: stop after the largest one wanted */
	while (missing && (rc = intakefile_next(f, &row, d)) == 1) {
		struct referral_intake *e;
		if (intakeid_parse(row->field[INTAKE_ID], INTAKEID_SHORT, &year, &seq) < 0)
			continue;
		if (intakeid_cmp(year, seq, l->v[l->n - 1].year, l->v[l->n - 1].seq) > 0)
			break;
		snprintf(l->last_id, sizeof l->last_id, "%s", row->field[INTAKE_ID]);
		e = find_wanted(l, year, seq);
		if (!e || e->found)
			continue;
		referral_lookup_found(e, row->field[INTAKE_TS], row->field[INTAKE_REFERRED_TO]);
		missing--;
	}
	if (missing && rc == 0)
		l->read_to_end = 1;
	intakefile_close(f);
	return missing && rc < 0 ? -1 : 0;
}

const struct referral_intake *referral_lookup_get(const struct referral_lookup *l, const char *id)
{
	int year;
	long seq;
	if (intakeid_parse(id, INTAKEID_SHORT, &year, &seq) < 0)
		return NULL;
	return find_wanted(l, year, seq);
}

void referral_lookup_release(struct referral_lookup *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->v[i].referred_to);
	free(l->v);
	referral_lookup_init(l);
}

static int list_has(const char *list, const char *item)
{
	size_t n = strlen(item);
	while (*list) {
		const char *semi = strchr(list, ';');
		size_t len = semi ? (size_t)(semi - list) : strlen(list);
		if (len == n && memcmp(list, item, n) == 0)
			return 1;
		list += len + (semi != NULL);
	}
	return 0;
}

static void hint_referred(struct diag *d, const char *list)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	if (!*list) {
		diag_hint(d, "it was referred to no service");
		return;
	}
	strbuf_addch(&sb, '\'');
	for (p = list; *p; p++)
		if (*p == ';')
			strbuf_addstr(&sb, "', '");
		else
			strbuf_addch(&sb, *p);
	strbuf_addch(&sb, '\'');
	if (strchr(list, ';'))
		diag_hint(d, "it was referred to %s", sb.buf);
	else
		diag_hint(d, "it was referred to %s only", sb.buf);
	strbuf_release(&sb);
}

int referral_check_intake(const struct referral_record *r, const struct referral_lookup *l,
			  const struct fields_origin *o, struct diag *d)
{
	const char *id = r->f[REFERRAL_INTAKE_ID].buf, *service = r->f[REFERRAL_SERVICE].buf;
	const struct referral_intake *e = referral_lookup_get(l, id);

	if (!e || !e->found) {
		field_error(d, o, REFERRAL_INTAKE_ID, "no intake '%s' in %s", id, INTAKE_FILE);
		if (l->read_to_end && !l->last_id[0])
			diag_hint(d, "%s has no records", INTAKE_FILE);
		else if (l->read_to_end)
			diag_hint(d, "the last intake is '%s'", l->last_id);
		return -1;
	}
	if (!list_has(e->referred_to, service)) {
		field_error(d, o, REFERRAL_SERVICE, "intake '%s' was not referred to '%s'", id,
			    service);
		hint_referred(d, e->referred_to);
		return -1;
	}
	if (strcmp(r->f[REFERRAL_DATE].buf, e->date) < 0)
		return field_error(d, o, REFERRAL_DATE,
				   "date '%s' is before the intake's date '%s'",
				   r->f[REFERRAL_DATE].buf, e->date);
	return 0;
}

/* One row of referrals.csv, while loading. */
struct loaded {
	const char *intake_id, *service;
	long date;
	size_t order;
	signed char outcome, reason;
};

static int cmp_loaded(const void *a, const void *b)
{
	const struct loaded *x = a, *y = b;
	int c = strcmp(x->intake_id, y->intake_id);
	if (!c)
		c = strcmp(x->service, y->service);
	if (!c)
		c = x->order < y->order ? -1 : x->order > y->order;
	return c;
}

static int load_row(struct referral_table *t, const struct csvread_row *row, long as_of,
		    struct loaded *out, struct diag *d)
{
	char id[REFERRAL_ID_MAX];
	int year, outcome, reason = -1, rc;
	long seq;

	if (row->n != REFERRAL_NCOLS)
		return diag_set(d, DIAG_DATA, t->name, row->lineno, 1,
				"record has %zu fields instead of %d", row->n, REFERRAL_NCOLS);
	if ((rc = civtime_parse_date(row->field[REFERRAL_DATE], &out->date)) < 0) {
		diag_set(d, DIAG_DATA, t->name, row->line[REFERRAL_DATE], row->col[REFERRAL_DATE],
			 "invalid date '%s'", row->field[REFERRAL_DATE]);
		civtime_hint(d, rc, NULL);
		return -1;
	}
	if (intakeid_parse(row->field[REFERRAL_INTAKE_ID], INTAKEID_SHORT, &year, &seq) < 0)
		return diag_set(d, DIAG_DATA, t->name, row->line[REFERRAL_INTAKE_ID],
				row->col[REFERRAL_INTAKE_ID], "'%s' is not an intake id",
				row->field[REFERRAL_INTAKE_ID]);
	outcome = referral_outcome_parse(row->field[REFERRAL_OUTCOME]);
	if (outcome < 0)
		return diag_set(d, DIAG_DATA, t->name, row->line[REFERRAL_OUTCOME],
				row->col[REFERRAL_OUTCOME], "unknown outcome '%s'",
				row->field[REFERRAL_OUTCOME]);
	if (row->len[REFERRAL_REASON] &&
	    (reason = referral_reason_parse(row->field[REFERRAL_REASON])) < 0)
		return diag_set(d, DIAG_DATA, t->name, row->line[REFERRAL_REASON],
				row->col[REFERRAL_REASON], "unknown reason '%s'",
				row->field[REFERRAL_REASON]);
	if (out->date > as_of)
		return 0;
	intakeid_format(id, sizeof id, year, seq);
	out->intake_id = arena_strdup(&t->arena, id);
	out->service = arena_strdup(&t->arena, row->field[REFERRAL_SERVICE]);
	out->outcome = (signed char)outcome;
	out->reason = (signed char)reason;
	return 1;
}

static int read_rows(struct referral_table *t, struct csvread *r, long as_of, struct loaded **rows,
		     size_t *n, struct diag *d)
{
	struct csvread_row *row;
	size_t alloc = 0;
	int rc, header = 1;

	while ((rc = csvread_next(r, &row, d)) == 1) {
		struct loaded one;
		if (header) {
			header = 0;
			if (fields_check_header(&referral_schema, row->field, row->n, t->name,
						row->col, d) < 0)
				return -1;
			continue;
		}
		rc = load_row(t, row, as_of, &one, d);
		if (rc < 0)
			return -1;
		if (!rc)
			continue;
		one.order = *n;
		XALLOC_GROW(*rows, *n + 1, alloc);
		(*rows)[(*n)++] = one;
	}
	t->torn = csvread_torn(r);
	return rc;
}

/* One state per pair: the last row's outcome, the earliest row's date. */
static void fold_rows(struct referral_table *t, const struct loaded *rows, size_t n, long since,
		      long until)
{
	size_t i = 0, j;
	t->v = n ? arena_alloc(&t->arena, n * sizeof *t->v) : NULL;
	while (i < n) {
		struct referral_state *s = &t->v[t->n++];
		s->intake_id = rows[i].intake_id;
		s->service = rows[i].service;
		s->first = rows[i].date;
		for (j = i; j < n && !strcmp(rows[j].intake_id, s->intake_id) &&
			    !strcmp(rows[j].service, s->service);
		     j++) {
			s->outcome = (enum referral_outcome)rows[j].outcome;
			s->reason = rows[j].reason;
			if (rows[j].date < s->first)
				s->first = rows[j].date;
			if (rows[j].outcome == REFERRAL_REJECTED &&
			    rows[j].reason == REFERRAL_LACK_OF_CAPACITY && rows[j].date >= since &&
			    rows[j].date <= until)
				s->turned_away++;
		}
		i = j;
	}
}

int referral_table_load(struct referral_table *t, const struct datadir *dd, long since, long until,
			long as_of, struct diag *d)
{
	struct loaded *rows = NULL;
	struct csvread *r;
	size_t n = 0;
	int fd, rc;

	memset(t, 0, sizeof *t);
	t->name = datadir_file(dd, REFERRAL_FILE);
	rc = datadir_open_read(dd, REFERRAL_FILE, &fd, d);
	if (rc < 0)
		referral_table_release(t);
	if (rc <= 0)
		return rc;
	r = csvread_open(fd, t->name, CSVREAD_SKIP_TORN_END);
	rc = read_rows(t, r, as_of, &rows, &n, d);
	csvread_free(r);
	close(fd);
	if (rc == 0) {
		if (n)
			qsort(rows, n, sizeof *rows, cmp_loaded);
		fold_rows(t, rows, n, since, until);
	}
	free(rows);
	if (rc < 0) {
		referral_table_release(t);
		return -1;
	}
	return 0;
}

const struct referral_state *referral_table_find(const struct referral_table *t,
						 const char *intake_id, const char *service,
						 size_t service_len)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct referral_state *s = &t->v[mid];
		int c = strcmp(s->intake_id, intake_id);
		if (!c) {
			c = strncmp(s->service, service, service_len);
			if (!c && s->service[service_len])
				c = 1;
		}
		if (!c)
			return s;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void referral_table_release(struct referral_table *t)
{
	arena_release(&t->arena);
	free(t->name);
	memset(t, 0, sizeof *t);
}

int referral_each_turned_away(int fd, const char *name,
			      void (*fn)(void *ctx, long date, const struct csvread_row *row),
			      void *ctx, long *torn, struct diag *d)
{
	struct csvread *cr = csvread_open(fd, name, CSVREAD_SKIP_TORN_END);
	struct csvread_row *row;
	int rc, header = 1;

	while ((rc = csvread_next(cr, &row, d)) == 1) {
		long date;
		if (header) {
			header = 0;
			if ((rc = fields_check_header(&referral_schema, row->field, row->n, name,
						      row->col, d)) < 0)
				break;
			continue;
		}
		if (row->n != REFERRAL_NCOLS) {
			rc = diag_set(d, DIAG_DATA, name, row->lineno, 1,
				      "record has %zu fields instead of %d", row->n,
				      REFERRAL_NCOLS);
			break;
		}
		if ((rc = civtime_parse_date(row->field[REFERRAL_DATE], &date)) < 0) {
			diag_set(d, DIAG_DATA, name, row->line[REFERRAL_DATE],
				 row->col[REFERRAL_DATE], "invalid date '%s'",
				 row->field[REFERRAL_DATE]);
			civtime_hint(d, rc, NULL);
			rc = -1;
			break;
		}
		if (referral_outcome_parse(row->field[REFERRAL_OUTCOME]) == REFERRAL_REJECTED &&
		    referral_reason_parse(row->field[REFERRAL_REASON]) == REFERRAL_LACK_OF_CAPACITY)
			fn(ctx, date, row);
	}
	if (torn)
		*torn = csvread_torn(cr);
	csvread_free(cr);
	return rc < 0 ? -1 : 0;
}
