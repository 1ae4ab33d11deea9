/*
 * data-check: validate every file of the data directory and report each
 * problem with its position; with --repair first cut a torn last record
 * off each append-only file (saved beside it as FILE.torn).  Reading is
 * streaming: memory does not grow with intake.csv.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "appointments.h"
#include "capacity.h"
#include "changes.h"
#include "csvread.h"
#include "datacheck.h"
#include "describe.h"
#include "dirctx.h"
#include "dirfile.h"
#include "erasures.h"
#include "i18n.h"
#include "intake.h"
#include "intakecheck.h"
#include "intakeid.h"
#include "opts.h"
#include "referral.h"
#include "schedule.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: data-check [-d DIR] [-f FORMAT] [--lang cs|pl|uk|en] [--repair]\n"
	"                  [--lock-timeout SECONDS]\n"
	"       data-check [-d DIR] --describe";

enum { OPT_REPAIR = OPTS_FIRST_PRIVATE, OPT_DESCRIBE };

/* clang-format off */
static const struct opts_option options[] = {
	OPTS_DIR,
	{ "format", 'f', "FORMAT", N_("csv, tsv, json, yaml, table, md: problems as records"), "-f FORMAT", 0 },
	OPTS_LANG,
	{ "repair", OPT_REPAIR, NULL,
	  N_("first remove a torn last record (a crash during a\n"
	     "write) from intake.csv, intake-changes.csv, capacity.csv,\n"
	     "referrals.csv and erasures.csv, saving it in FILE.torn"), NULL, 0 },
	{ "lock-timeout", OPTS_LOCK_TIMEOUT, "S", N_("with --repair: wait at most S seconds (default 30)"), NULL, 0 },
	{ "describe", OPT_DESCRIBE, NULL,
	  N_("print the files' schemas as a Frictionless Data Package\n"
	     "(datapackage.json) instead of checking"), NULL, 0 },
	OPTS_HELP, OPTS_END
};

static const struct opts_command command = {
	usage,
	N_("Check every file of the data directory; report each problem as\n"
	   "FILE:LINE:COL: message (with -f: records file,line,col,problem; in\n"
	   "table and md, the problems and the column names in --lang).\n"
	   "Exit 0 when there is none, 1 when there are problems.\n"),
	options,
	N_("See data-check(1) and okienko-files(5).\n")
};

static const char *const appendonly[] = {
	INTAKE_FILE, CHANGES_FILE, CAPACITY_FILE, REFERRAL_FILE, ERASURES_FILE
};

/* Files that hold personal data (or may quote it), with their crash leftovers. */
static const char *const private_files[] = {
	INTAKE_FILE, CHANGES_FILE, CAPACITY_FILE, REFERRAL_FILE, APPOINTMENTS_FILE, ERASURES_FILE,
	INTAKE_FILE ".torn", CHANGES_FILE ".torn", CAPACITY_FILE ".torn", REFERRAL_FILE ".torn",
	ERASURES_FILE ".torn"
};

/* The columns of -f; table and md name them in --lang. */
static const struct { const char *context, *name; } finding_columns[] = {
	NC_("report column", "file"), NC_("report column", "line"),
	NC_("report column", "col"), NC_("report column", "problem"),
};
/* clang-format on */

struct check {
	struct dirctx dc;
	struct output *out; /* NULL: findings go to stderr */
	unsigned long findings;
	int incomplete;         /* something could not be read at all */
	int silent;             /* count nothing, print nothing (a first pass) */
	struct changes changes; /* intake-changes.csv, checked as it was read */
	struct diag sys;        /* the system error that stopped the check */
};

static void finding(struct check *ck, const struct diag *d)
{
	char line[32], col[32];
	const char *fields[4];

	if (ck->silent)
		return;
	ck->findings++;
	if (!ck->out) {
		diag_print(d);
		return;
	}
	snprintf(line, sizeof line, "%ld", d->line);
	snprintf(col, sizeof col, "%ld", d->col);
	fields[0] = d->file;
	fields[1] = d->line ? line : "";
	fields[2] = d->col ? col : "";
	fields[3] = d->msg;
	output_row(ck->out, fields);
}

/* A system error stops the check; a data error is one more finding. */
static int problem(struct check *ck, const struct diag *d)
{
	if (d->status == DIAG_SYSTEM) {
		ck->sys = *d;
		return -1;
	}
	finding(ck, d);
	return 0;
}

/* An incomplete last record of an append-only file, on line (0: none). */
static void torn_finding(struct check *ck, const char *file, long line, const char *name)
{
	struct diag d = DIAG_INIT;
	if (datacheck_torn(file, line, name, &d))
		finding(ck, &d);
}

/* Report the first field that validation normalised. */
static void normal_form(struct check *ck, const char *file, const struct csvread_row *row,
			const struct strbuf *f, const char *const *names, size_t n,
			const long *line, const long *col)
{
	struct diag d = DIAG_INIT;
	if (datacheck_normal_form(file, row, f, names, n, line, col, &d))
		finding(ck, &d);
}

/* Check one record of n fields (its count already checked); 0 or -1 on a system error. */
typedef int (*row_check)(struct check *ck, const char *file, const struct csvread_row *row,
			 void *state);

/*
 * Stream one CSV file of the directory through check_row.  A syntax error
 * ends the file (the reader cannot resynchronise); a bad header too.
 */
static int check_csv(struct check *ck, const struct schema *schema, row_check check_row,
		     void *state)
{
	const char *name = schema->file;
	size_t ncols = schema->ncols;
	struct diag d = DIAG_INIT;
	struct csvread *r;
	struct csvread_row *row;
	char *file = datadir_file(&ck->dc.dir, name);
	int fd, rc, header_done = 0;

	rc = datadir_open_read(&ck->dc.dir, name, &fd, &d);
	if (rc <= 0) {
		free(file);
		return rc < 0 ? problem(ck, &d) : 0;
	}
	r = csvread_open(fd, file, CSVREAD_SKIP_TORN_END);
	while ((rc = csvread_next(r, &row, &d)) == 1) {
		if (!header_done) {
			header_done = 1;
			if (fields_check_header(schema, row->field, row->n, file, row->col, &d) <
			    0) {
				finding(ck, &d);
				break;
			}
			continue;
		}
		if (row->n != ncols) {
			diag_set(&d, DIAG_DATA, file, row->lineno, 1,
				 "record has %zu fields instead of %zu", row->n, ncols);
			finding(ck, &d);
			continue;
		}
		if ((rc = check_row(ck, file, row, state)) < 0)
			break;
	}
	if (rc < 0 && d.status != DIAG_OK)
		rc = problem(ck, &d);
	if (rc > 0)
		rc = 0;
	if (rc == 0)
		torn_finding(ck, file, csvread_torn(r), name);
	csvread_free(r);
	close(fd);
	free(file);
	return rc;
}

/* A finding of intake.csv or intake-changes.csv (the same as any other). */
static int changes_finding(void *ctx, const struct diag *d)
{
	return problem(ctx, d);
}

struct capacity_state {
	struct fields_context ctx;
	struct capacity_record rec;
};

static int check_capacity_row(struct check *ck, const char *file, const struct csvread_row *row,
			      void *state)
{
	struct capacity_state *st = state;
	struct fields_origin o;
	struct diag d = DIAG_INIT;
	int c;

	o.file = file;
	datacheck_positions(row, CAPACITY_NCOLS, o.line, o.col);
	for (c = 0; c < CAPACITY_NCOLS; c++)
		capacity_record_set(&st->rec, (enum capacity_column)c, row->field[c]);
	if (capacity_validate(&st->rec, &st->ctx, &o, &d) < 0)
		return problem(ck, &d);
	normal_form(ck, file, row, st->rec.f, capacity_columns, CAPACITY_NCOLS, o.line, o.col);
	return 0;
}

struct referral_state_ck {
	struct fields_context ctx;
	struct referral_record rec;
	struct referral_lookup lookup;
	int collect; /* first pass: only collect the intake ids */
	int lookup_ok;
};

/*
 * An intake intake.csv no longer holds: missing, and not after its last
 * record (an id after it was never given: referral_check_intake says so).
 */
static int gone(const struct referral_lookup *l, const char *id)
{
	const struct referral_intake *e = referral_lookup_get(l, id);
	int year;
	long seq;
	return e && !e->found && intakeid_parse(l->last_id, 0, &year, &seq) == 0 &&
	       intakeid_cmp(e->year, e->seq, year, seq) < 0;
}

static int check_referral_row(struct check *ck, const char *file, const struct csvread_row *row,
			      void *state)
{
	struct referral_state_ck *st = state;
	struct fields_origin o;
	struct diag d = DIAG_INIT;
	int c;

	o.file = file;
	datacheck_positions(row, REFERRAL_NCOLS, o.line, o.col);
	for (c = 0; c < REFERRAL_NCOLS; c++)
		referral_record_set(&st->rec, (enum referral_column)c, row->field[c]);
	if (referral_validate(&st->rec, &st->ctx, &o, &d) < 0) {
		return problem(ck, &d);
	}
	if (st->collect) {
		referral_lookup_want(&st->lookup, st->rec.f[REFERRAL_INTAKE_ID].buf);
		return 0;
	}
	normal_form(ck, file, row, st->rec.f, referral_columns, REFERRAL_NCOLS, o.line, o.col);
	if (st->lookup_ok && gone(&st->lookup, st->rec.f[REFERRAL_INTAKE_ID].buf)) {
		diag_set(&d, DIAG_DATA, file, o.line[REFERRAL_INTAKE_ID], o.col[REFERRAL_INTAKE_ID],
			 "referral of intake '%s', which is not in intake.csv",
			 st->rec.f[REFERRAL_INTAKE_ID].buf);
		diag_hint(&d, "intake-purge removes the rows of intakes that are gone");
		return problem(ck, &d);
	}
	if (st->lookup_ok && referral_check_intake(&st->rec, &st->lookup, &o, &d) < 0)
		return problem(ck, &d);
	return 0;
}

static int check_erasure_row(struct check *ck, const char *file, const struct csvread_row *row,
			     void *state)
{
	struct diag d = DIAG_INIT;
	(void)state;
	return erasures_check_row(row, file, &d) < 0 ? problem(ck, &d) : 0;
}

/*
 * intake.csv, then capacity.csv, then referrals.csv: the intake ids that
 * referrals.csv names are collected first (a silent pass: its findings
 * are the last pass's) and looked up in the pass over intake.csv.
 */
static int check_records(struct check *ck)
{
	struct referral_state_ck st;
	struct capacity_state cs;
	struct diag d = DIAG_INIT;
	int rc, complete;

	memset(&st, 0, sizeof st);
	st.ctx.services = ck->dc.have_services ? &ck->dc.services : NULL;
	st.ctx.tz = ck->dc.tz;
	st.ctx.now = ck->dc.now;
	referral_record_init(&st.rec);
	referral_lookup_init(&st.lookup);
	st.collect = 1;
	ck->silent = 1;
	rc = check_csv(ck, &referral_schema, check_referral_row, &st);
	ck->silent = 0;
	referral_lookup_prepare(&st.lookup);
	if (rc == 0 && (rc = changes_load(&ck->changes, &ck->dc.dir, changes_finding, ck, &d)) < 0)
		rc = problem(ck, &d);
	if (rc == 0)
		torn_finding(ck, ck->changes.name, ck->changes.torn, CHANGES_FILE);
	if (rc == 0)
		rc = intakecheck_run(&ck->dc, &ck->changes, &st.lookup, changes_finding, ck,
				     &complete);
	if (rc == 0) {
		memset(&cs, 0, sizeof cs);
		cs.ctx.services = st.ctx.services;
		cs.ctx.tz = ck->dc.tz;
		cs.ctx.now = ck->dc.now;
		capacity_record_init(&cs.rec);
		rc = check_csv(ck, &capacity_schema, check_capacity_row, &cs);
		capacity_record_release(&cs.rec);
	}
	if (rc == 0 && st.lookup.n) {
		size_t i, found = 0;
		for (i = 0; i < st.lookup.n; i++)
			found += st.lookup.v[i].found;
		/* read to its end, or far enough: every id was found before it stopped */
		st.lookup_ok = complete || found == st.lookup.n;
		if (!st.lookup_ok) {
			char *file = datadir_file(&ck->dc.dir, REFERRAL_FILE);
			diag_set(&d, DIAG_DATA, file, 0, 0,
				 "intake ids not checked: intake.csv cannot be read to its end");
			free(file);
			finding(ck, &d);
		}
	}
	if (rc == 0) {
		st.collect = 0;
		rc = check_csv(ck, &referral_schema, check_referral_row, &st);
	}
	referral_record_release(&st.rec);
	referral_lookup_release(&st.lookup);
	if (rc == 0)
		rc = check_csv(ck, &erasures_schema, check_erasure_row, NULL);
	return rc;
}

static int check_appointments(struct check *ck)
{
	struct appointments a;
	struct diag d = DIAG_INIT;
	char *file;
	int fd, rc;

	rc = datadir_open_read(&ck->dc.dir, APPOINTMENTS_FILE, &fd, &d);
	if (rc <= 0)
		return rc;
	file = datadir_file(&ck->dc.dir, APPOINTMENTS_FILE);
	rc = appointments_read(&a, fd, file, ck->dc.have_services ? &ck->dc.services : NULL, &d);
	if (rc < 0)
		rc = problem(ck, &d);
	appointments_release(&a);
	close(fd);
	free(file);
	return rc;
}

static void check_hours(struct check *ck)
{
	struct schedule_hours sh;
	size_t i;

	if (!ck->dc.have_services)
		return;
	schedule_hours_init(&sh, ck->dc.services.path, ck->dc.tz);
	for (i = 0; i < ck->dc.services.nall; i++) {
		const struct ohours *oh;
		struct diag d = DIAG_INIT;
		if (schedule_hours_get(&sh, ck->dc.services.all[i], &oh, &d) < 0)
			finding(ck, &d);
	}
	schedule_hours_release(&sh);
}

static int check_modes(struct check *ck)
{
	struct diag d = DIAG_INIT;
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof private_files / sizeof *private_files; i++) {
		char *file = datadir_file(&ck->dc.dir, private_files[i]);
		/* a link is not followed: check_files reports it */
		if (fstatat(ck->dc.dir.fd, private_files[i], &st, AT_SYMLINK_NOFOLLOW) < 0) {
			int e = errno;
			if (e != ENOENT) {
				diag_errno(&d, e, "stat", file);
				free(file);
				return problem(ck, &d);
			}
		} else if (S_ISREG(st.st_mode) && (st.st_mode & (S_IROTH | S_IWOTH))) {
			diag_set(&d, DIAG_DATA, file, 0, 0,
				 "mode %04o: personal data must not be world-readable",
				 (unsigned)(st.st_mode & 07777));
			diag_hint(&d, "chmod o-rwx %s", file);
			finding(ck, &d);
		}
		free(file);
	}
	return 0;
}

struct audit {
	struct check *ck;
	const char *dir; /* the directory audited, for the file names */
	int sub;         /* a subdirectory: its own mode was reported as an entry */
};

/* One entry that okienko refuses to open, or that anyone may write. */
static void unsafe_entry(void *arg, const char *name, enum dirfile_problem p, mode_t mode)
{
	struct audit *a = arg;
	struct diag d = DIAG_INIT;
	size_t n = strlen(a->dir) + strlen(name) + 2;
	char *file;

	if (a->sub && !strcmp(name, "."))
		return;
	file = xmalloc(n);
	if (!strcmp(name, "."))
		snprintf(file, n, "%s", a->dir);
	else
		snprintf(file, n, "%s/%s", a->dir, name);
	dirfile_problem_diag(file, p, mode, &d);
	finding(a->ck, &d);
	free(file);
}

/*
 * Links, FIFOs and the like, hard links and world-writable entries in the
 * directory and in meetings/ (okienko(7), Security).
 */
static int check_files(struct check *ck)
{
	const struct datadir *dd = &ck->dc.dir;
	struct audit a;
	struct diag d = DIAG_INIT;
	char *sub = datadir_file(dd, "meetings");
	int fd = -1, rc;

	a.ck = ck;
	a.dir = dd->path;
	a.sub = 0;
	rc = dirfile_audit(dd->fd, dd->path, unsafe_entry, &a, &d);
	/* meetings/ when it is a directory; a link there was reported above */
	if (rc == 0 && dirfile_open_dir(dd->fd, "meetings", sub, 0, &fd, &d) > 0) {
		a.dir = sub;
		a.sub = 1;
		rc = dirfile_audit(fd, sub, unsafe_entry, &a, &d);
		close(fd);
	}
	free(sub);
	return rc < 0 && d.status == DIAG_SYSTEM ? problem(ck, &d) : 0;
}

/*
 * Load the taxonomy, services.yaml and the time zone.  A file that does
 * not load is a finding; the checks that need it cannot be done (exit 3).
 */
static int load(struct check *ck, const char *dir, struct diag *d)
{
	struct diag e = DIAG_INIT;

	memset(&ck->dc, 0, sizeof ck->dc);
	changes_init(&ck->changes);
	if (datadir_open(&ck->dc.dir, dir, d) < 0 || civtime_now_checked(&ck->dc.now, d) < 0)
		return -1;
	if (dirctx_load_taxonomy(&ck->dc.dir, &ck->dc.taxonomy, &e) < 0) {
		ck->incomplete = 1;
		taxonomy_load(&ck->dc.taxonomy, NULL, d);
		if (problem(ck, &e) < 0)
			goto fail;
	}
	if (dirctx_load_services(&ck->dc.dir, &ck->dc.taxonomy, &ck->dc.services,
				 &ck->dc.have_services, &e) < 0) {
		ck->incomplete = 1;
		if (problem(ck, &e) < 0)
			goto fail;
	}
	return dirctx_load_tz(&ck->dc, d);
fail:
	*d = e;
	return -1;
}

static int check_all(struct check *ck)
{
	check_hours(ck);
	if (ck->incomplete) {
		struct diag d = DIAG_INIT;
		diag_set(&d, DIAG_DATA, NULL, 0, 0,
			 "the data files were not checked: services.yaml or taxonomy.yaml does not load");
		diag_print(&d);
		return check_modes(ck) < 0 ? -1 : check_files(ck);
	}
	if (check_records(ck) < 0 || check_appointments(ck) < 0 || check_modes(ck) < 0)
		return -1;
	return check_files(ck);
}

/* Cut a torn last record off each append-only file that exists, under its lock. */
static int repair(struct check *ck, double timeout)
{
	const struct datadir *dd = &ck->dc.dir;
	struct diag d = DIAG_INIT;
	size_t i;
	for (i = 0; i < sizeof appendonly / sizeof *appendonly; i++) {
		struct datadir_lock lk;
		if (!datadir_exists(dd, appendonly[i]))
			continue;
		if (datadir_lock(dd, appendonly[i], timeout, &lk, &d) < 0) {
			/* a tail too long to be one record names its file; a refused
			   file (a link...) does not, and keeps its own hint */
			if (d.status == DIAG_DATA && d.file[0])
				diag_hint(&d,
					  "look at the end of the file and cut it by hand, keeping a copy");
			if (problem(ck, &d) < 0)
				return -1;
			continue; /* a tail too long to be one record: reported, left alone */
		}
		if (lk.repaired)
			diag_printf("%s: %s: removed a torn last record (%lld bytes, saved in %s.torn)\n",
				    diag_prog(), lk.path, (long long)lk.repaired, lk.path);
		datadir_unlock(&lk);
	}
	return 0;
}

/* --describe: the schemas of the files present, as datapackage.json. */
static void describe(struct check *ck)
{
	struct describe_input in;
	struct strbuf sb = STRBUF_INIT;
	int i;

	memset(&in, 0, sizeof in);
	in.taxonomy = &ck->dc.taxonomy;
	in.services = ck->dc.have_services ? &ck->dc.services : NULL;
	for (i = 0; i < DESCRIBE_NFILES; i++)
		if (datadir_exists(&ck->dc.dir, describe_files[i]))
			in.present |= 1u << i;
	describe_json(&sb, &in);
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_release(&sb);
}

int main(int argc, char **argv)
{
	struct opts o;
	struct check ck;
	struct diag d = DIAG_INIT;
	const char *names[4];
	int c, do_repair = 0, do_describe = 0, people, rc = -1, status;

	opts_start(&o, argv, &command);
	memset(&ck, 0, sizeof ck);
	while ((c = opts_next(&o, argc, argv)) != -1) {
		if (c == OPT_REPAIR)
			do_repair = 1;
		else if (c == OPT_DESCRIBE)
			do_describe = 1;
	}
	if (optind < argc)
		opts_usage_error(&o, "unexpected operand '%s'", argv[optind]);
	if (do_describe && (do_repair || o.format_given || o.lock_timeout_given || o.lang_given))
		opts_usage_error(&o, "--describe goes with -d only");
	/* a report for people is its problems: they are written in its language */
	people = o.format_given && (o.format == OUTPUT_TABLE || o.format == OUTPUT_MD);
	if (people)
		i18n_set_messages(o.lang);

	if (load(&ck, o.dir, &d) < 0)
		goto out;
	if (do_describe) {
		/* a services.yaml or taxonomy.yaml that does not load was reported: exit 3 */
		if (!ck.incomplete)
			describe(&ck);
		rc = 0;
		goto out;
	}
	if (o.format_given) {
		for (c = 0; c < 4; c++)
			names[c] = people ? i18n_in(o.lang, finding_columns[c].context,
						    finding_columns[c].name)
					  : finding_columns[c].name;
		ck.out = output_new(stdout, o.format, names, 4);
		output_set_numeric(ck.out, 1);
		output_set_numeric(ck.out, 2);
	}
	rc = do_repair ? repair(&ck, o.lock_timeout) : 0;
	if (rc == 0)
		rc = check_all(&ck);
	if (rc < 0)
		d = ck.sys;
	if (ck.out) {
		if (rc == 0)
			rc = output_finish(ck.out, &d);
		output_free(ck.out);
	}
out:
	if (rc < 0)
		diag_print(&d);
	dirctx_release(&ck.dc);
	changes_release(&ck.changes);
	if (rc < 0)
		status = d.status;
	else if (ck.incomplete)
		status = DIAG_DATA;
	else
		status = ck.findings ? DIAG_NO : DIAG_OK;
	return opts_finish(status);
}
