/*
 * intake-update: change fields or the status of stored intake records,
 * from options (one or more ids) or from CSV/YAML on standard input (all
 * or nothing), keeping every change in intake-changes.csv with who, when
 * and why; print the records as they are afterwards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changes.h"
#include "csvpar.h"
#include "dirctx.h"
#include "i18n.h"
#include "lifecycle.h"
#include "opts.h"
#include "writer.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: intake-update [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout S]\n"
	"                     --desk DESK [--advisor REF] --reason TEXT [--if-version N]\n"
	"                     [--status STATUS] [--ts TIME] [--client REF] [--sex f|m|x]\n"
	"                     [--age-group GROUP] [--nationality CC] [--language LIST]\n"
	"                     [--household N] [--needs LIST] [--referred-to LIST]\n"
	"                     [--consent yes|no] [--note TEXT] ID...\n"
	"       intake-update [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout S]\n"
	"                     --desk DESK [--advisor REF] --reason TEXT\n"
	"                     --batch [--from csv|yaml]";

enum { OPT_DESK = WRITER_OPT_FIELD + WRITER_MAX_COLS, OPT_ADVISOR, OPT_REASON, OPT_IF_VERSION };

/* Who, why and the version; the record's own desk and advisor are not changed. */
static const struct opts_option own_options[] = {
	{ "desk", OPT_DESK, "DESK", N_("who makes the change: the desk (required)"), NULL, 0 },
	{ "advisor", OPT_ADVISOR, "REF", N_("and the advisor"), NULL, 0 },
	{ "reason", OPT_REASON, "TEXT", N_("why (required; kept with the change)"), NULL, 0 },
	{ "if-version", OPT_IF_VERSION, "N", N_("only if the record is still at version N"), NULL,
	  0 },
	OPTS_END
};

static const struct opts_option aliases[] = {
	{ "refer", WRITER_OPT_FIELD + INTAKE_REFERRED_TO, "LIST", NULL, NULL, OPTS_ALIAS }, OPTS_END
};

static struct opts_option options[OPTS_MAX + 1];
static const struct opts_command command = {
	usage,
	N_("Change fields or the status of stored intake records, keep each change\n"
	   "with who, when and why in DIR/intake-changes.csv, and print the records\n"
	   "as they are afterwards, with their version.\n"
	   "\n"
	   "  ID...             the records (2026-000123; 2026-123 for short)\n"),
	options, N_("See intake-update(1) and okienko-files(5).\n")
};

/*
 * The table: who and why, --status, then the other fields intake-update
 * changes (intake-add's options, from the schema) listed together, the one
 * with an older name last so that its alias follows it, then the writer's
 * and the common options.
 */
static void build_options(void)
{
	struct opts_option all[OPTS_MAX + 1];
	size_t i, n = 0, last = 0;
	int pass;

	writer_options(&intake_schema, aliases, all);
	for (i = 0; own_options[i].name; i++)
		options[n++] = own_options[i];
	for (i = 0; all[i].name; i++)
		if (all[i].key == WRITER_OPT_FIELD + INTAKE_STATUS) {
			options[n] = all[i];
			options[n++].help =
				N_("open, referred or closed; closed -> referred needs\n"
				   "a reopening first");
		}
	for (pass = 0; pass < 2; pass++)
		for (i = 0; all[i].name; i++) {
			int c = all[i].key - WRITER_OPT_FIELD;
			int aliased = all[i + 1].name && (all[i + 1].flags & OPTS_ALIAS);

			if (c < 0 || c >= INTAKE_NCOLS || c == INTAKE_STATUS ||
			    !changes_field_ok(c) || (all[i].flags & OPTS_ALIAS) || aliased != pass)
				continue;
			last = n;
			options[n] = all[i];
			options[n++].help = NULL;
			for (; all[i + 1].name && (all[i + 1].flags & OPTS_ALIAS); i++)
				options[n++] = all[i + 1];
		}
	options[last].help = N_("set these fields, as intake-add checks them");
	for (i = 0; all[i].name; i++) {
		if (all[i].key >= WRITER_OPT_FIELD &&
		    all[i].key < WRITER_OPT_FIELD + WRITER_MAX_COLS)
			continue;
		options[n] = all[i];
		if (all[i].key == WRITER_OPT_BATCH)
			options[n].help =
				N_("read the changes from standard input: an id column,\n"
				   "the columns to change, optional version and reason");
		n++;
	}
	options[n] = all[i];
}

/* The columns of a batch: the id, the fields intake-update changes, version and reason. */
static const char *const batch_columns[] = { "id",       "version",   "reason",    "ts",
					     "client",   "sex",       "age_group", "nationality",
					     "language", "household", "needs",     "referred_to",
					     "consent",  "status",    "note",      NULL };
enum { B_ID, B_VERSION, B_REASON, B_FIELDS, B_NCOLS = 15 };

struct job {
	struct lifecycle_update u;
	const char *desk, *advisor, *reason;
	struct writer_args args;
	struct intake_record single;
	long if_version;
	char (*ids)[INTAKEID_MAX]; /* of the command line */
	size_t nids;
};

/* One record of a batch into a request; a bad id or version is its problem. */
static void batch_request(struct lifecycle_request *r, const struct batch_record *br)
{
	int year, c;
	long seq;
	size_t k;

	r->origin.file = "-";
	for (c = 0; c < INTAKE_NCOLS; c++) {
		r->origin.line[c] = br->lineno;
		r->origin.col[c] = 1;
	}
	for (k = B_FIELDS; k < B_NCOLS; k++) {
		c = schema_column_index(&intake_schema, batch_columns[k]);
		if (br->line[k]) {
			r->origin.line[c] = br->line[k];
			r->origin.col[c] = br->col[k];
		}
		/* an empty value leaves the field as it is */
		if (br->value[k] && br->value[k][0]) {
			intake_record_set(&r->set, (enum intake_column)c, br->value[k]);
			r->given[c] = 1;
		}
	}
	r->id_line = br->line[B_ID] ? br->line[B_ID] : br->lineno;
	r->id_col = br->line[B_ID] ? br->col[B_ID] : 1;
	r->version_line = br->line[B_VERSION] ? br->line[B_VERSION] : r->id_line;
	r->version_col = br->line[B_VERSION] ? br->col[B_VERSION] : r->id_col;
	r->reason_line = br->line[B_REASON];
	r->reason_col = br->col[B_REASON];
	if (br->value[B_REASON] && br->value[B_REASON][0])
		r->reason = br->value[B_REASON];
	if (!br->value[B_ID] || !br->value[B_ID][0])
		diag_set(&r->problem, DIAG_DATA, "-", r->id_line, r->id_col,
			 "column 'id' is required");
	else if (intakeid_parse(br->value[B_ID], INTAKEID_SHORT, &year, &seq) < 0)
		diag_set(&r->problem, DIAG_DATA, "-", r->id_line, r->id_col,
			 "id '%s' is not YYYY-NNNNNN", br->value[B_ID]);
	else
		intakeid_format(r->id, sizeof r->id, year, seq);
	if (br->value[B_VERSION] && br->value[B_VERSION][0]) {
		char *end;
		r->if_version = strtol(br->value[B_VERSION], &end, 10);
		if (*end || r->if_version < 0 || br->value[B_VERSION][0] == '-' ||
		    br->value[B_VERSION][0] == '+')
			diag_set(&r->problem, DIAG_DATA, "-", r->version_line, r->version_col,
				 "version '%s' is not a whole number from 0", br->value[B_VERSION]);
	}
}

/*
 * A batch from standard input, record by record into the update (which
 * keeps it in a spool and finds a repeated id by sorting): memory does
 * not grow with the batch.
 */
static int read_batch(struct job *job, struct diag *d)
{
	struct batch_reader *br = batch_open(STDIN_FILENO, "-", job->args.from, batch_columns, d);
	const struct batch_record *rec;
	struct lifecycle_request r;
	int rc = -1;

	if (!br)
		return -1;
	lifecycle_request_init(&r);
	while ((rc = batch_next(br, &rec, d)) == 1) {
		lifecycle_request_release(&r);
		lifecycle_request_init(&r);
		batch_request(&r, rec);
		if (lifecycle_add(&job->u, &r, d) < 0) {
			rc = -1;
			break;
		}
	}
	lifecycle_request_release(&r);
	batch_close(br);
	return rc < 0 ? -1 : 0;
}

/* The ids of the command line, checked before anything is read. */
static void option_ids(struct job *job, const struct opts *o, int argc, char **argv)
{
	int i, year;
	size_t k;
	long seq;

	job->ids = xcalloc((size_t)(argc - optind), sizeof *job->ids);
	for (i = optind; i < argc; i++) {
		char *id = job->ids[job->nids];
		if (intakeid_parse(argv[i], INTAKEID_SHORT, &year, &seq) < 0)
			opts_usage_error(o, "'%s' is not an intake id (2026-000123)", argv[i]);
		intakeid_format(id, INTAKEID_MAX, year, seq);
		for (k = 0; k < job->nids; k++)
			if (strcmp(job->ids[k], id) == 0)
				opts_usage_error(o, "id '%s' is given twice", id);
		job->nids++;
	}
}

/* Each id of the command line, a request for the fields given. */
static int option_requests(struct job *job, struct diag *d)
{
	struct lifecycle_request r;
	size_t k;
	int c, rc = 0;

	for (k = 0; rc == 0 && k < job->nids; k++) {
		lifecycle_request_init(&r);
		snprintf(r.id, sizeof r.id, "%s", job->ids[k]);
		r.if_version = job->if_version;
		for (c = 0; c < INTAKE_NCOLS; c++) {
			r.given[c] = job->args.given[c];
			intake_record_set(&r.set, (enum intake_column)c, job->single.f[c].buf);
		}
		rc = lifecycle_add(&job->u, &r, d);
		lifecycle_request_release(&r);
	}
	return rc;
}

static void option(struct job *job, struct opts *o, int c, const char *arg)
{
	if (c == OPT_DESK)
		job->desk = arg;
	else if (c == OPT_ADVISOR)
		job->advisor = arg;
	else if (c == OPT_REASON)
		job->reason = arg;
	else if (c == OPT_IF_VERSION)
		job->if_version = opts_long(o, "--if-version", arg, 0, 999999999L);
	else
		writer_option(&job->args, o, c, arg, job->single.f, INTAKE_NCOLS);
}

/* The problems in input order, at most LIFECYCLE_SHOWN of them. */
static void report(const struct job *job)
{
	size_t i;
	for (i = 0; i < job->u.nproblems; i++)
		diag_print(&job->u.problem[i]);
	if (job->u.bad > job->u.nproblems)
		diag_printf("%s: %zu more records with errors\n", diag_prog(),
			    job->u.bad - job->u.nproblems);
}

static void warn_of(const struct lifecycle_request *r)
{
	size_t k;
	if (!r->changed)
		diag_warn(NULL, 0, 0, "%s: nothing to change", r->id);
	for (k = 0; k < r->nover; k++)
		/* TRANSLATORS: record id, field, desk, time, change number */
		diag_warn(NULL, 0, 0, "%s: '%s' overwrites what desk %s set at %s (change %ld)",
			  r->id, intake_columns[r->over[k].col], r->over[k].desk, r->over[k].ts,
			  r->over[k].change);
}

/* The warnings, then the records as they are afterwards (from the update's spool). */
static int print(struct job *job, const struct dirctx *dc, enum output_format f, struct diag *d)
{
	const char *names[INTAKE_NCOLS + 1], *fields[INTAKE_NCOLS + 1];
	char version[32];
	struct lifecycle_request r;
	struct output *out;
	int c, rc;

	if (job->u.repaired) {
		char *path = datadir_file(&dc->dir, CHANGES_FILE);
		diag_warn(path, 0, 0, "removed a torn last record (%lld bytes, saved in %s.torn)",
			  (long long)job->u.repaired, CHANGES_FILE);
		free(path);
	}
	lifecycle_request_init(&r);
	if ((rc = lifecycle_rewind(&job->u, d)) == 0)
		while ((rc = lifecycle_result(&job->u, &r, d)) == 1)
			warn_of(&r);
	for (c = 0; c < INTAKE_NCOLS; c++)
		names[c] = intake_columns[c];
	names[INTAKE_NCOLS] = "version";
	out = output_new(stdout, f, names, INTAKE_NCOLS + 1);
	output_set_numeric(out, INTAKE_HOUSEHOLD);
	output_set_numeric(out, INTAKE_NCOLS);
	if (rc == 0 && (rc = lifecycle_rewind(&job->u, d)) == 0)
		while ((rc = lifecycle_result(&job->u, &r, d)) == 1) {
			for (c = 0; c < INTAKE_NCOLS; c++)
				fields[c] = r.now.f[c].buf;
			snprintf(version, sizeof version, "%lu", r.version);
			fields[INTAKE_NCOLS] = version;
			output_row(out, fields);
		}
	if (rc == 0)
		rc = output_finish(out, d);
	output_free(out);
	lifecycle_request_release(&r);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct job job;
	struct dirctx dc;
	struct fields_context ctx;
	struct diag d = DIAG_INIT;
	int c, have_update = 0;

	memset(&job, 0, sizeof job);
	job.if_version = -1;
	build_options();
	opts_start(&o, argv, &command);
	intake_record_init(&job.single);
	while ((c = opts_next(&o, argc, argv)) != -1)
		option(&job, &o, c, optarg);
	if (!job.desk)
		opts_usage_error(&o, "--desk is required: who makes the change");
	if (!job.reason)
		opts_usage_error(&o, "--reason is required: why the change is made");
	if (job.args.batch && (job.args.any_field || job.if_version >= 0))
		opts_usage_error(
			&o,
			"--batch takes the changes and their versions from standard input, not from options");
	if (job.args.batch && optind < argc)
		opts_usage_error(&o, "--batch takes the ids from standard input, not '%s'",
				 argv[optind]);
	if (!job.args.batch && optind == argc)
		opts_usage_error(&o, "give the ids of the records to change, or --batch");
	if (!job.args.batch)
		option_ids(&job, &o, argc, argv);

	if ((c = dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d)) < 0) {
		diag_print(&d);
		goto out;
	}
	ctx.taxonomy = &dc.taxonomy;
	ctx.services = dc.have_services ? &dc.services : NULL;
	ctx.tz = dc.tz;
	ctx.now = dc.now;
	lifecycle_init(&job.u, &dc.dir);
	have_update = 1;
	job.u.desk = job.desk;
	job.u.advisor = job.advisor;
	job.u.reason = job.reason;
	job.u.ctx = &ctx;
	job.u.dry_run = job.args.dry_run;
	job.u.timeout = o.lock_timeout;
	job.u.jobs = csvpar_default_jobs();
	c = job.args.batch ? read_batch(&job, &d) : option_requests(&job, &d);
	if (c == 0 && (c = lifecycle_run(&job.u, &d)) < 0 && job.u.n > 1 && d.status == DIAG_DATA)
		report(&job);
	if (c == 0)
		c = print(&job, &dc, o.format, &d);
	if (c < 0)
		diag_print(&d);
	if (have_update)
		lifecycle_release(&job.u);
	dirctx_release(&dc);
out:
	free(job.ids);
	intake_record_release(&job.single);
	return opts_finish(c < 0 ? (int)d.status : DIAG_OK);
}
