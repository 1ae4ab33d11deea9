/*
 * intake-query: filter intake.csv as a stream and print the matching
 * records, or count them by groups of columns.  Memory does not grow with
 * the file: only the groups of --count-by are kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "changes.h"
#include "civtime.h"
#include "counter.h"
#include "csvpar.h"
#include "dirctx.h"
#include "i18n.h"
#include "intake.h"
#include "intakefile.h"
#include "intakeid.h"
#include "isocodes.h"
#include "opts.h"
#include "optlist.h"
#include "xalloc.h"
#include "rx.h"
#include "services.h"
#include "suggest.h"
#include "strbuf.h"
#include "banned.h"

static const char usage[] =
	"usage: intake-query [-d DIR] [-f FORMAT] [--since DATE] [--until DATE]\n"
	"                    [--week YYYY-Www] [--month YYYY-MM] [--nationality LIST]\n"
	"                    [--needs LIST] [--referred-to LIST] [--status LIST]\n"
	"                    [--desk LIST] [--id LIST] [--client LIST] [--advisor LIST]\n"
	"                    [--language LIST] [--sex LIST] [--age-group LIST]\n"
	"                    [--match REGEX]\n"
	"                    [--columns LIST | --count-by LIST [--min-count K]]\n"
	"                    [--jobs N] [FILE]";

enum {
	OPT_SINCE = OPTS_FIRST_PRIVATE,
	OPT_UNTIL,
	OPT_WEEK,
	OPT_MONTH,
	OPT_MATCH,
	OPT_COLUMNS,
	OPT_COUNT_BY,
	OPT_MIN_COUNT,
	OPT_JOBS,
	OPT_SET
};

/* A filter named after its column (--needs for needs, --age-group for age_group). */
/* clang-format off */
#define FILTER(name, column) { name, OPT_SET + INTAKE_##column, "LIST", NULL, NULL, 0 }
/* clang-format on */

static const struct opts_option options[] = {
	{ "since", OPT_SINCE, "DATE", NULL, NULL, 0 },
	{ "until", OPT_UNTIL, "DATE", N_("the contact's local date, both inclusive"), NULL, 0 },
	{ "week", OPT_WEEK, "YYYY-Www", N_("the contact's ISO week (2026-W47)"), NULL, 0 },
	{ "month", OPT_MONTH, "YYYY-MM", N_("the contact's month (2026-11)"), NULL, 0 },
	FILTER("nationality", NATIONALITY),
	FILTER("status", STATUS),
	FILTER("desk", DESK),
	FILTER("id", ID),
	FILTER("client", CLIENT),
	FILTER("advisor", ADVISOR),
	FILTER("language", LANGUAGE),
	FILTER("sex", SEX),
	FILTER("age-group", AGE_GROUP),
	FILTER("referred-to", REFERRED_TO),
	{ "needs", OPT_SET + INTAKE_NEEDS, "LIST",
	  N_("comma-separated values; a record passes if it has\n"
	     "any; needs as codes, labels or synonyms, an\n"
	     "organization in --referred-to as its services"),
	  NULL, 0 },
	{ "need", OPT_SET + INTAKE_NEEDS, "LIST", NULL, NULL, OPTS_ALIAS },
	{ "match", OPT_MATCH, "REGEX", N_("PCRE2 pattern searched in the note"), NULL, 0 },
	{ "columns", OPT_COLUMNS, "LIST",
	  N_("print only these columns, in this order; besides the\n"
	     "file's columns: date, week (2026-W47), month (2026-11),\n"
	     "version (the updates the record has had)"),
	  NULL, 0 },
	{ "count-by", OPT_COUNT_BY, "LIST",
	  N_("count records per group of these columns; a ;-list\n"
	     "column (language, needs, referred_to) counts each code"),
	  NULL, 0 },
	{ "min-count", OPT_MIN_COUNT, "K", N_("with --count-by: counts below K print as <K"), NULL,
	  0 },
	{ "jobs", OPT_JOBS, "N", N_("threads reading a big file (default: the processors)"), NULL,
	  0 },
	OPTS_DIR,
	OPTS_FORMAT,
	OPTS_HELP,
	OPTS_END
};

static const struct opts_command command = {
	usage,
	N_("Print the intake records that pass every filter, or count them.\n"
	   "\n"
	   "  FILE              read FILE instead of DIR/intake.csv; - for standard input\n"
	   "                    (a copy, read as it is: intake-update's changes are\n"
	   "                    applied to DIR/intake.csv only)\n"),
	options, N_("See intake-query(1) and okienko-files(5).\n")
};

/* Columns computed from ts (its local date), and the record's version
 * (changes.h), for --columns and --count-by. */
enum { COL_DATE = INTAKE_NCOLS, COL_WEEK, COL_MONTH, COL_VERSION, NCOLS_ALL };
static const char *const derived_names[] = { "date", "week", "month", "version" };

struct query {
	char since[16], before[16]; /* local dates: since <= d < before */
	char **set[INTAKE_NCOLS];   /* allowed values per column, NULL-terminated */
	const char *pattern;        /* of match, compiled once per thread */
	struct rx *match;
	int columns[NCOLS_ALL], ncolumns;
	int count_by;
	unsigned long min_count; /* counts below it print as "<K"; 0: off */
	unsigned jobs;
	int copy;                      /* a FILE, read as it is: no version */
	const struct changes *changes; /* applied by the reader; for version */
};

/* Narrow [since, before) to [from, to). */
static void narrow(struct query *q, long from, long to)
{
	char a[16], b[16];
	civtime_format_date(a, from);
	civtime_format_date(b, to);
	if (!q->since[0] || strcmp(a, q->since) > 0)
		memcpy(q->since, a, sizeof a);
	if (!q->before[0] || strcmp(b, q->before) < 0)
		memcpy(q->before, b, sizeof b);
}

static void date_option(struct query *q, const struct opts *o, int c, const char *arg)
{
	static const char *const names[] = { "--since", "--until", "--week", "--month" };
	static const char *const forms[] = { "2026-11-23", "2026-11-23", "2026-W47", "2026-11" };
	long from, to;
	int rc, ok;
	switch (c) {
	case OPT_SINCE:
		rc = civtime_parse_date(arg, &from);
		to = 9999999;
		break;
	case OPT_UNTIL:
		rc = civtime_parse_date(arg, &to);
		from = -9999999;
		to++;
		break;
	case OPT_WEEK:
		rc = civtime_parse_week(arg, &from);
		to = from + 7;
		break;
	default:
		rc = civtime_parse_month(arg, &from, &to);
		break;
	}
	opts_date_range(o, rc, names[c - OPT_SINCE], arg);
	ok = rc == 0;
	if (!ok && c == OPT_WEEK)
		opts_usage_error(o, "%s: invalid week '%s' (use %s)", names[c - OPT_SINCE], arg,
				 forms[c - OPT_SINCE]);
	if (!ok && c == OPT_MONTH)
		opts_usage_error(o, "%s: invalid month '%s' (use %s)", names[c - OPT_SINCE], arg,
				 forms[c - OPT_SINCE]);
	if (!ok)
		opts_usage_error(o, "%s: invalid date '%s' (use %s)", names[c - OPT_SINCE], arg,
				 forms[c - OPT_SINCE]);
	narrow(q, from, to);
}

static int column_list(const struct opts *o, const char *opt, const char *arg, int *out)
{
	char **names = optlist_split(arg);
	int n = 0, i, k;
	for (i = 0; names[i]; i++) {
		int c = schema_column_index(&intake_schema, names[i]);
		for (k = 0; c < 0 && k < NCOLS_ALL - INTAKE_NCOLS; k++)
			if (strcmp(names[i], derived_names[k]) == 0)
				c = INTAKE_NCOLS + k;
		if (c < 0)
			opts_usage_error(
				o,
				"%s: unknown column '%s' (columns: id, ts, desk, client, sex, age_group, nationality, language, household, needs, referred_to, consent, advisor, status, note; from ts: date, week, month; and version)",
				opt, names[i]);
		for (k = 0; k < n; k++)
			if (out[k] == c)
				opts_usage_error(o, "%s: column '%s' given twice", opt, names[i]);
		out[n++] = c;
	}
	optlist_free(names);
	if (!n)
		opts_usage_error(o, "%s: no columns given", opt);
	return n;
}

/*
 * Codes that intake-add checks are checked here too, so a typo does not
 * silently match nothing; desks and services are not (old records may
 * name ones that are gone).  Ids are written as intake-add writes them
 * (2026-215 is 2026-000215); references keep their case.
 */
static int known_value(int c, char **v, const struct taxonomy *tax, struct suggestion *hint)
{
	static const char *const statuses[] = { "open", "referred", "closed", NULL };
	char id[INTAKEID_MAX];
	const char *const *allowed = NULL;
	int year;
	long seq;

	suggest_one(hint, NULL);
	if (c == INTAKE_ID) {
		if (intakeid_parse(*v, INTAKEID_SHORT, &year, &seq) < 0)
			return 0;
		intakeid_format(id, sizeof id, year, seq);
		free(*v);
		*v = xstrdup(id);
		return 1;
	}
	if (c == INTAKE_CLIENT || c == INTAKE_ADVISOR)
		return intake_reference_ok(*v);
	if (c != INTAKE_DESK && c != INTAKE_NEEDS && c != INTAKE_REFERRED_TO)
		ascii_fold(*v, strlen(*v), c == INTAKE_NATIONALITY);
	if (c == INTAKE_NATIONALITY) {
		suggest_one(hint, isocodes_suggest_country(*v));
		return isocodes_country(*v);
	}
	if (c == INTAKE_LANGUAGE) {
		suggest_one(hint, isocodes_suggest_language(*v));
		return isocodes_language(*v);
	}
	if (c == INTAKE_NEEDS) {
		const struct taxonomy_entry *e = taxonomy_resolve(tax, *v);
		if (!e) {
			taxonomy_suggest(tax, *v, hint);
			return 0;
		}
		free(*v);
		*v = xstrdup(e->code);
		return 1;
	}
	allowed = c == INTAKE_STATUS      ? statuses
		  : c == INTAKE_SEX       ? intake_sexes
		  : c == INTAKE_AGE_GROUP ? intake_age_groups
					  : NULL;
	for (; allowed && *allowed; allowed++)
		if (!strcmp(*v, *allowed))
			return 1;
	return !allowed;
}

/*
 * --referred-to: an organization of services.yaml stands for its services
 * (records name services, never organizations); a value that is neither
 * may be a service since removed, which old records still name: it is
 * kept, with a warning, so that a typo does not pass unnoticed.
 */
static char **expand_services(const struct services *svc, char **v)
{
	char **out;
	size_t i, k, n = 0, alloc = 0;

	out = NULL;
	for (i = 0; v[i]; i++) {
		const struct organization *org = services_find_org(svc, v[i]);
		if (!services_find(svc, v[i]) && org) {
			for (k = 0; k < org->nservices; k++) {
				XALLOC_GROW(out, n + 2, alloc);
				out[n++] = xstrdup(org->services[k]->id);
			}
			continue;
		}
		if (!services_find(svc, v[i])) {
			diag_warn(NULL, 0, 0,
				  "--referred-to: '%s' is no service or organization of services.yaml: only records that name it match",
				  v[i]);
			struct suggestion near;
			services_suggest(svc, v[i], &near);
			suggest_print_hint(&near);
		}
		XALLOC_GROW(out, n + 2, alloc);
		out[n++] = xstrdup(v[i]);
	}
	XALLOC_GROW(out, n + 1, alloc);
	out[n] = NULL;
	return out;
}

static void check_set(const struct opts *o, const struct taxonomy *tax, int c, char **v)
{
	char option[32];
	struct suggestion hint;
	const char *p;
	size_t i, k;

	for (p = intake_columns[c], k = 0; *p && k < 30; p++)
		option[k++] = *p == '_' ? '-' : *p;
	option[k] = '\0';
	for (i = 0; v[i]; i++) {
		if (known_value(c, &v[i], tax, &hint))
			continue;
		if (c == INTAKE_CLIENT) /* what was typed may be a name: never repeat it */
			diag_printf("%s: --%s: not a pseudonymous reference (letters, digits, '.', '_', '-')\n",
				    diag_prog(), option);
		else
			diag_printf("%s: --%s: unknown value '%s'\n", diag_prog(), option, v[i]);
		suggest_print_hint(&hint);
		opts_usage_error(o, "no record can match");
	}
}

static int in_list(const char *value, size_t len, char **set)
{
	for (; *set; set++)
		if (strlen(*set) == len && memcmp(*set, value, len) == 0)
			return 1;
	return 0;
}

static int passes_set(const char *value, size_t len, char **set, int list)
{
	const char *end = value + len;
	if (!list)
		return in_list(value, len, set);
	while (value <= end) {
		const char *semi = memchr(value, ';', (size_t)(end - value));
		const char *stop = semi ? semi : end;
		if (in_list(value, (size_t)(stop - value), set))
			return 1;
		value = stop + 1;
	}
	return 0;
}

/* 1 when the record passes, 0 when not, -1 on a --match error. */
static int passes(const struct query *q, const struct csvread_row *row, struct diag *d)
{
	const char *ts = row->field[INTAKE_TS];
	int c;
	if (q->since[0] && (row->len[INTAKE_TS] < 10 || strncmp(ts, q->since, 10) < 0))
		return 0;
	if (q->before[0] && (row->len[INTAKE_TS] < 10 || strncmp(ts, q->before, 10) >= 0))
		return 0;
	for (c = 0; c < INTAKE_NCOLS; c++)
		if (q->set[c] && !passes_set(row->field[c], row->len[c], q->set[c],
					     intake_is_list((enum intake_column)c)))
			return 0;
	if (q->match)
		return rx_match(q->match, row->field[INTAKE_NOTE], row->len[INTAKE_NOTE], d);
	return 1;
}

/* A column's value; derived ones are written into buf. */
static const char *column_value(const struct query *q, const struct csvread_row *row, int c,
				char *buf, size_t *len)
{
	const struct changes_record *r;
	long days;
	int y, w;
	if (c < INTAKE_NCOLS) {
		*len = row->len[c];
		return row->field[c];
	}
	buf[0] = '\0';
	if (c == COL_VERSION && !q->copy) {
		r = q->changes
			    ? changes_find(q->changes, row->field[INTAKE_ID], row->len[INTAKE_ID])
			    : NULL;
		snprintf(buf, 16, "%lu", r ? r->version : 0);
	}
	if (c == COL_VERSION) {
		*len = strlen(buf);
		return buf;
	}
	if (row->len[INTAKE_TS] >= 10) {
		memcpy(buf, row->field[INTAKE_TS], 10);
		buf[10] = '\0';
		if (c == COL_MONTH)
			buf[7] = '\0';
		if (c == COL_WEEK) {
			if (civtime_parse_date(buf, &days) == 0) {
				civtime_iso_week(days, &y, &w);
				snprintf(buf, 16, "%04d-W%02d", y, w);
			} else {
				buf[0] = '\0';
			}
		}
	}
	*len = strlen(buf);
	return buf;
}

/* Count the record in every group it belongs to (list columns fan out). */
static void count_row(struct counter *cnt, const struct query *q, const struct csvread_row *row,
		      int k, const char **value, size_t *len, char (*buf)[16])
{
	int c = q->columns[k];
	const char *p, *end;

	if (k == q->ncolumns) {
		counter_add(cnt, value, len);
		return;
	}
	if (c >= INTAKE_NCOLS || !intake_is_list((enum intake_column)c) || !row->len[c]) {
		value[k] = column_value(q, row, c, buf[k], &len[k]);
		count_row(cnt, q, row, k + 1, value, len, buf);
		return;
	}
	p = row->field[c];
	end = p + row->len[c];
	while (p <= end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *stop = semi ? semi : end;
		value[k] = p;
		len[k] = (size_t)(stop - p);
		count_row(cnt, q, row, k + 1, value, len, buf);
		p = stop + 1;
	}
}

static void print_counts(const struct counter *cnt, const struct query *q, struct output *out)
{
	struct counter_group **groups = counter_sorted(cnt);
	const char *fields[NCOLS_ALL + 1];
	char num[32];
	size_t i;
	int k;
	for (i = 0; groups[i]; i++) {
		for (k = 0; k < q->ncolumns; k++)
			fields[k] = groups[i]->value[k];
		if (groups[i]->count < q->min_count)
			snprintf(num, sizeof num, "<%lu", q->min_count);
		else
			snprintf(num, sizeof num, "%lu", groups[i]->count);
		fields[k] = num;
		output_row(out, fields);
	}
	free(groups);
}

static struct output *open_output(const struct query *q, enum output_format f)
{
	const char *names[NCOLS_ALL + 1];
	struct output *out;
	int k;
	for (k = 0; k < q->ncolumns; k++)
		names[k] = q->columns[k] < INTAKE_NCOLS
				   ? intake_columns[q->columns[k]]
				   : derived_names[q->columns[k] - INTAKE_NCOLS];
	if (q->count_by)
		names[k++] = "count";
	out = output_new(stdout, f, names, (size_t)k);
	for (k = 0; k < q->ncolumns; k++)
		if (q->columns[k] == INTAKE_HOUSEHOLD || q->columns[k] == COL_VERSION)
			output_set_numeric(out, (size_t)k);
	if (q->count_by)
		output_set_numeric(out, (size_t)q->ncolumns);
	return out;
}

/*
 * The records, read by intakefile_each: each thread filters with its own
 * copy of the query (and of the compiled --match); each block counts into
 * its own counter or renders into its own text, merged here in file order.
 */
struct read_ctx {
	const struct query *q;
	struct output *out;
	struct counter *cnt;
	const char *name;
};

struct read_acc {
	struct counter cnt;
	struct strbuf text;
	size_t rows;
	const struct read_ctx *ctx;
};

struct read_worker {
	struct query q;
};

static int read_record(void *worker, void *accp, const struct csvread_row *row, struct diag *d)
{
	struct read_worker *w = worker;
	struct read_acc *a = accp;
	const char *value[NCOLS_ALL];
	size_t len[NCOLS_ALL];
	char buf[NCOLS_ALL][16];
	int pass = passes(&w->q, row, d), k;

	if (pass < 0 && row->line) {
		/* a --match error, at the note it was matching */
		snprintf(d->file, sizeof d->file, "%s", a->ctx->name);
		d->line = row->line[INTAKE_NOTE];
		d->col = row->col[INTAKE_NOTE];
	}
	if (pass <= 0)
		return pass;
	if (w->q.count_by) {
		count_row(&a->cnt, &w->q, row, 0, value, len, buf);
		return 0;
	}
	for (k = 0; k < w->q.ncolumns; k++)
		value[k] = column_value(&w->q, row, w->q.columns[k], buf[k], &len[k]);
	output_render_row(a->ctx->out, &a->text, value);
	a->rows++;
	return 0;
}

static void *acc_new(void *ctx)
{
	struct read_acc *a = xcalloc(1, sizeof *a);
	const struct read_ctx *c = ctx;
	a->ctx = c;
	strbuf_init(&a->text, 0);
	if (c->q->count_by)
		counter_init(&a->cnt, (size_t)c->q->ncolumns);
	return a;
}

static void acc_reset(void *accp)
{
	struct read_acc *a = accp;
	strbuf_reset(&a->text);
	a->rows = 0;
	if (a->ctx->q->count_by) {
		counter_release(&a->cnt);
		counter_init(&a->cnt, (size_t)a->ctx->q->ncolumns);
	}
}

static int acc_merge(void *ctx, void *accp, struct diag *d)
{
	const struct read_ctx *c = ctx;
	struct read_acc *a = accp;
	(void)d;
	if (c->q->count_by)
		counter_merge(c->cnt, &a->cnt);
	else
		output_rendered(c->out, a->text.buf, a->text.len, a->rows);
	return 0;
}

static void acc_free(void *accp)
{
	struct read_acc *a = accp;
	if (a->ctx->q->count_by)
		counter_release(&a->cnt);
	strbuf_release(&a->text);
	free(a);
}

static int read_records(const struct query *q, struct intakefile *in, struct output *out,
			struct counter *cnt, struct diag *d)
{
	struct read_ctx ctx = { q, out, cnt, intakefile_name(in) };
	struct read_worker *workers = xcalloc(q->jobs, sizeof *workers);
	void **states = xcalloc(q->jobs, sizeof *states);
	struct intakefile_ops ops = { .record = read_record,
				      .acc_new = acc_new,
				      .acc_reset = acc_reset,
				      .merge = acc_merge,
				      .acc_free = acc_free,
				      .ctx = &ctx,
				      .worker = states,
				      .jobs = q->jobs };
	unsigned i;
	int rc = 0;

	for (i = 0; i < q->jobs; i++) {
		workers[i].q = *q;
		if (q->pattern && !(workers[i].q.match = rx_compile(q->pattern, "--match", 0, d)))
			rc = -1;
		states[i] = &workers[i];
	}
	if (rc == 0)
		rc = intakefile_each(in, &ops, d);
	for (i = 0; i < q->jobs; i++)
		rx_free(workers[i].q.match);
	free(workers);
	free(states);
	return rc;
}

static int run(const struct query *q, struct intakefile *in, enum output_format f, struct diag *d)
{
	struct output *out = open_output(q, f);
	struct counter cnt;
	int rc;

	if (q->count_by)
		counter_init(&cnt, (size_t)q->ncolumns);
	rc = read_records(q, in, out, &cnt, d);
	if (rc == 0 && q->count_by)
		print_counts(&cnt, q, out);
	if (q->count_by)
		counter_release(&cnt);
	if (rc == 0 && intakefile_torn(in))
		diag_warn(intakefile_name(in), intakefile_torn(in), 0,
			  "skipped an incomplete last record (a write in progress, or a crash)");
	if (rc == 0)
		rc = output_finish(out, d);
	output_free(out);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct query q;
	struct dirctx dc;
	struct intakefile *in;
	struct diag d = DIAG_INIT;
	const char *match = NULL;
	int c, rc = -1;

	opts_start(&o, argv, &command);
	memset(&q, 0, sizeof q);
	while ((c = opts_next(&o, argc, argv)) != -1) {
		if (c >= OPT_SINCE && c <= OPT_MONTH)
			date_option(&q, &o, c, optarg);
		else if (c == OPT_MATCH)
			match = optarg;
		else if (c == OPT_JOBS)
			q.jobs = (unsigned)opts_long(&o, "--jobs", optarg, 1, 16);
		else if (c == OPT_MIN_COUNT)
			q.min_count =
				(unsigned long)opts_long(&o, "--min-count", optarg, 1, 1000000);
		else if (c == OPT_COLUMNS || c == OPT_COUNT_BY) {
			if (q.ncolumns)
				opts_usage_error(&o, "give one of --columns and --count-by, once");
			q.ncolumns = column_list(&o, c == OPT_COLUMNS ? "--columns" : "--count-by",
						 optarg, q.columns);
			q.count_by = c == OPT_COUNT_BY;
		} else if (c >= OPT_SET && c < OPT_SET + INTAKE_NCOLS) {
			optlist_free(q.set[c - OPT_SET]);
			q.set[c - OPT_SET] = optlist_split(optarg);
		}
	}
	if (argc - optind > 1)
		opts_usage_error(&o, "unexpected operand '%s'", argv[optind + 1]);
	if (q.min_count && !q.count_by)
		opts_usage_error(&o, "--min-count goes with --count-by");
	if (q.since[0] && q.before[0] && strcmp(q.since, q.before) >= 0)
		opts_usage_error(&o,
				 "no day is in all of --since, --until, --week and --month given");
	if (!q.ncolumns)
		for (; q.ncolumns < INTAKE_NCOLS; q.ncolumns++)
			q.columns[q.ncolumns] = q.ncolumns;

	if (dirctx_load(&dc, o.dir, q.set[INTAKE_REFERRED_TO] ? DIRCTX_SERVICES : 0, &d) < 0)
		goto out;
	for (c = 0; c < INTAKE_NCOLS; c++)
		if (q.set[c])
			check_set(&o, &dc.taxonomy, c, q.set[c]);
	if (q.set[INTAKE_REFERRED_TO] && dc.have_services) {
		char **services = expand_services(&dc.services, q.set[INTAKE_REFERRED_TO]);
		optlist_free(q.set[INTAKE_REFERRED_TO]);
		q.set[INTAKE_REFERRED_TO] = services;
	}
	if (!q.jobs)
		q.jobs = csvpar_default_jobs();
	q.pattern = match;
	if (match && !(q.match = rx_compile(match, "--match", 0, &d)))
		goto out_ctx;
	q.copy = optind < argc;
	in = intakefile_open(&dc.dir, optind < argc ? argv[optind] : NULL, &d);
	if (in) {
		q.changes = intakefile_changes(in);
		rc = run(&q, in, o.format, &d);
		intakefile_close(in);
	}
out_ctx:
	dirctx_release(&dc);
out:
	if (rc < 0)
		diag_print(&d);
	rx_free(q.match);
	for (c = 0; c < INTAKE_NCOLS; c++)
		optlist_free(q.set[c]);
	return opts_finish(rc < 0 ? (int)d.status : DIAG_OK);
}
