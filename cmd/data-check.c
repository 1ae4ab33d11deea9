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
#include "csvread.h"
#include "describe.h"
#include "dirctx.h"
#include "dirfile.h"
#include "i18n.h"
#include "intake.h"
#include "intakeid.h"
#include "opts.h"
#include "referral.h"
#include "schedule.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: data-check [-d DIR] [-f FORMAT] [--repair] [--lock-timeout SECONDS]\n"
	"       data-check [-d DIR] --describe";

static const char help[] = N_(
	"Check every file of the data directory; report each problem as\n"
	"FILE:LINE:COL: message (with -f: records file,line,col,problem).\n"
	"Exit 0 when there is none, 1 when there are problems.\n"
	"\n"
	"  --repair          first remove a torn last record (a crash during a\n"
	"                    write) from intake.csv, capacity.csv and referrals.csv,\n"
	"                    saving it in FILE.torn\n"
	"  -d DIR            data directory (default $OKIENKO_DIR, else .)\n"
	"  -f FORMAT         csv, tsv, json, yaml, table, md: problems as records\n"
	"  --lock-timeout S  with --repair: wait at most S seconds (default 30)\n"
	"  --describe        print the files' schemas as a Frictionless Data Package\n"
	"                    (datapackage.json) instead of checking\n"
	"  -h, --help        this help; --version  the version\n"
	"\nSee data-check(1) and okienko-files(5).\n");

enum { OPT_REPAIR = OPTS_FIRST_PRIVATE, OPT_DESCRIBE };

static const struct option longopts[] = {
	{ "repair", no_argument, NULL, OPT_REPAIR },
	{ "describe", no_argument, NULL, OPT_DESCRIBE },
	OPTS_WRITER_LONG,
	OPTS_COMMON_LONG
};

static const char *const appendonly[] = { INTAKE_FILE, CAPACITY_FILE, REFERRAL_FILE };

/* Files that hold personal data (or may quote it), with their crash leftovers. */
static const char *const private_files[] = {
	INTAKE_FILE, CAPACITY_FILE, REFERRAL_FILE, APPOINTMENTS_FILE,
	INTAKE_FILE ".torn", CAPACITY_FILE ".torn", REFERRAL_FILE ".torn"
};

static const char *const finding_columns[] = { "file", "line", "col", "problem" };

struct check {
	struct dirctx dc;
	struct output *out;       /* NULL: findings go to stderr */
	unsigned long findings;
	int incomplete;           /* something could not be read at all */
	int silent;               /* count nothing, print nothing (a first pass) */
	int first_year;           /* intake.csv's first id: references below it */
	long first_seq;           /* name purged intakes (0: no id read) */
	struct diag sys;          /* the system error that stopped the check */
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

/* Where each field's text starts: a quoted field's one column later. */
static void positions(const struct csvread_row *row, size_t n, long *line, long *col)
{
	size_t c;
	for (c = 0; c < n; c++) {
		line[c] = row->line[c];
		col[c] = row->col[c] + (row->quoted[c] ? 1 : 0);
	}
}

/* Report the first field that validation normalised: the stored text differs. */
static void normal_form(struct check *ck, const char *file, const struct csvread_row *row,
			const struct strbuf *f, const char *const *names, size_t n,
			const long *line, const long *col)
{
	struct diag d = DIAG_INIT;
	size_t c;
	for (c = 0; c < n; c++) {
		if (f[c].len == row->len[c] && memcmp(f[c].buf, row->field[c], f[c].len) == 0)
			continue;
		/* TRANSLATORS: the first %s is a column name, such as nationality */
		diag_set(&d, DIAG_DATA, file, line[c], col[c],
			 "%s '%.60s' is not in normal form (would be stored as '%.60s')",
			 names[c], row->field[c], f[c].buf);
		finding(ck, &d);
		return;
	}
}

typedef int (*header_check)(char **fields, size_t n, const char *file, const long *col,
			    struct diag *d);
/* Check one record of n fields (its count already checked); 0 or -1 on a system error. */
typedef int (*row_check)(struct check *ck, const char *file, const struct csvread_row *row,
			 void *state);

/*
 * Stream one CSV file of the directory through check_row.  A syntax error
 * ends the file (the reader cannot resynchronise); a bad header too.
 */
static int check_csv(struct check *ck, const char *name, header_check header, size_t ncols,
		     row_check check_row, void *state)
{
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
			if (header(row->field, row->n, file, row->col, &d) < 0) {
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
	if (rc == 0 && csvread_torn(r)) {
		diag_set(&d, DIAG_DATA, file, csvread_torn(r), 1,
			 "incomplete last record (a crash during a write, or a write in progress)");
		diag_hint(&d, "data-check --repair removes it and keeps a copy in %s.torn", name);
		finding(ck, &d);
	}
	csvread_free(r);
	close(fd);
	free(file);
	return rc;
}

struct intake_state {
	struct intake_context ctx;
	struct intake_record rec;
	char last_id[32];
	long last_line;
	int last_year;
	long last_seq;
};

static void check_intake_id(struct check *ck, const char *file, const struct csvread_row *row,
			    struct intake_state *st)
{
	struct diag d = DIAG_INIT;
	const char *id = row->field[INTAKE_ID];
	int year;
	long seq;

	if (intakeid_parse(id, 0, &year, &seq) < 0) {
		diag_set(&d, DIAG_DATA, file, row->line[INTAKE_ID], row->col[INTAKE_ID],
			 "id '%.40s' is not YYYY-NNNNNN", id);
		finding(ck, &d);
		return;
	}
	if (st->last_line && intakeid_cmp(year, seq, st->last_year, st->last_seq) <= 0) {
		if (strcmp(id, st->last_id) == 0)
			diag_set(&d, DIAG_DATA, file, row->line[INTAKE_ID], row->col[INTAKE_ID],
				 "id '%s' repeats the previous id '%s' (line %ld)", id,
				 st->last_id, st->last_line);
		else
			diag_set(&d, DIAG_DATA, file, row->line[INTAKE_ID], row->col[INTAKE_ID],
				 "id '%s' is not greater than the previous id '%s' (line %ld)", id,
				 st->last_id, st->last_line);
		diag_hint(&d, "ids are unique and increase in file order");
		finding(ck, &d);
	}
	if (!st->last_line) {
		ck->first_year = year;
		ck->first_seq = seq;
	}
	snprintf(st->last_id, sizeof st->last_id, "%s", id);
	st->last_line = row->lineno;
	st->last_year = year;
	st->last_seq = seq;
}

static int check_intake_row(struct check *ck, const char *file, const struct csvread_row *row,
			    void *state)
{
	struct intake_state *st = state;
	struct intake_origin o;
	struct diag d = DIAG_INIT;
	int c;

	check_intake_id(ck, file, row, st);
	o.file = file;
	positions(row, INTAKE_NCOLS, o.line, o.col);
	for (c = 0; c < INTAKE_NCOLS; c++)
		intake_record_set(&st->rec, (enum intake_column)c, row->field[c]);
	if (intake_validate(&st->rec, &st->ctx, &o, &d) < 0)
		return problem(ck, &d);
	normal_form(ck, file, row, st->rec.f, intake_columns, INTAKE_NCOLS, o.line, o.col);
	return 0;
}

struct capacity_state {
	struct capacity_context ctx;
	struct capacity_record rec;
};

static int check_capacity_row(struct check *ck, const char *file, const struct csvread_row *row,
			      void *state)
{
	struct capacity_state *st = state;
	struct capacity_origin o;
	struct diag d = DIAG_INIT;
	int c;

	o.file = file;
	positions(row, CAPACITY_NCOLS, o.line, o.col);
	for (c = 0; c < CAPACITY_NCOLS; c++)
		capacity_record_set(&st->rec, (enum capacity_column)c, row->field[c]);
	if (capacity_validate(&st->rec, &st->ctx, &o, &d) < 0)
		return problem(ck, &d);
	normal_form(ck, file, row, st->rec.f, capacity_columns, CAPACITY_NCOLS, o.line, o.col);
	return 0;
}

struct referral_state_ck {
	struct referral_context ctx;
	struct referral_record rec;
	struct referral_lookup lookup;
	int collect;              /* first pass: only collect the intake ids */
	int lookup_ok;
};

/* An intake missing because intake-purge removed it: older than the first one kept. */
static int purged(const struct check *ck, const struct referral_lookup *l, const char *id)
{
	const struct referral_intake *e = referral_lookup_get(l, id);
	int year;
	long seq;

	if ((e && e->found) || !ck->first_year || intakeid_parse(id, 0, &year, &seq) < 0)
		return 0;
	return intakeid_cmp(year, seq, ck->first_year, ck->first_seq) < 0;
}

static int check_referral_row(struct check *ck, const char *file, const struct csvread_row *row,
			      void *state)
{
	struct referral_state_ck *st = state;
	struct referral_origin o;
	struct diag d = DIAG_INIT;
	int c;

	o.file = file;
	positions(row, REFERRAL_NCOLS, o.line, o.col);
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
	if (st->lookup_ok && !purged(ck, &st->lookup, st->rec.f[REFERRAL_INTAKE_ID].buf) &&
	    referral_check_intake(&st->rec, &st->lookup, &o, &d) < 0)
		return problem(ck, &d);
	return 0;
}

/* Two passes over referrals.csv around one pass over intake.csv. */
static int check_referrals(struct check *ck)
{
	struct referral_state_ck st;
	struct diag d = DIAG_INIT;
	int rc;

	memset(&st, 0, sizeof st);
	st.ctx.services = ck->dc.have_services ? &ck->dc.services : NULL;
	st.ctx.tz = ck->dc.tz;
	st.ctx.now = ck->dc.now;
	referral_record_init(&st.rec);
	referral_lookup_init(&st.lookup);
	st.collect = 1;
	ck->silent = 1; /* the first pass's findings are the second's */
	rc = check_csv(ck, REFERRAL_FILE, referral_check_header, REFERRAL_NCOLS,
		       check_referral_row, &st);
	ck->silent = 0;
	if (rc == 0) {
		st.lookup_ok = referral_lookup_run(&st.lookup, &ck->dc.dir, &d) == 0;
		if (!st.lookup_ok && d.status == DIAG_SYSTEM)
			rc = problem(ck, &d);
		else if (!st.lookup_ok) {
			char *file = datadir_file(&ck->dc.dir, REFERRAL_FILE);
			diag_set(&d, DIAG_DATA, file, 0, 0,
				 "intake ids not checked: intake.csv cannot be read to its end");
			free(file);
			finding(ck, &d);
		}
	}
	if (rc == 0) {
		st.collect = 0;
		rc = check_csv(ck, REFERRAL_FILE, referral_check_header, REFERRAL_NCOLS,
			       check_referral_row, &st);
	}
	referral_record_release(&st.rec);
	referral_lookup_release(&st.lookup);
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
	const char *dir;          /* the directory audited, for the file names */
	int sub;                  /* a subdirectory: its own mode was reported as an entry */
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
	switch (p) {
	case DIRFILE_LINK:
		diag_set(&d, DIAG_DATA, file, 0, 0,
			 "a symbolic link: okienko opens no link inside the data directory");
		diag_hint(&d, "replace the link by the file itself");
		break;
	case DIRFILE_NOT_REGULAR:
		diag_set(&d, DIAG_DATA, file, 0, 0,
			 "not a regular file: okienko opens no FIFO, socket or device");
		diag_hint(&d, "move it out of the data directory");
		break;
	case DIRFILE_WORLD_WRITABLE:
		diag_set(&d, DIAG_DATA, file, 0, 0, "mode %04o: anyone may write it",
			 (unsigned)(mode & 07777));
		diag_hint(&d, "chmod o-w %s", file);
		break;
	case DIRFILE_HARD_LINK:
		diag_set(&d, DIAG_DATA, file, 0, 0,
			 "another name of a file (a hard link): okienko opens no such file");
		diag_hint(&d, "make it a copy of its own: cp, not ln");
		break;
	case DIRFILE_HIDDEN:
		diag_set(&d, DIAG_DATA, file, 0, 0,
			 "mode %04o: the group of the directory may not read it; okienko opens no such file",
			 (unsigned)(mode & 07777));
		diag_hint(&d, "give it the directory's group and mode 0660, or move it out");
		break;
	}
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
	const char *zone;

	memset(&ck->dc, 0, sizeof ck->dc);
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
	zone = ck->dc.have_services ? ck->dc.services.timezone : getenv("TZ");
	if (!zone || !*zone || (!ck->dc.have_services && civtz_load(zone, &ck->dc.tz, &e) < 0))
		zone = "UTC";
	return ck->dc.tz ? 0 : civtz_load(zone, &ck->dc.tz, d);
fail:
	*d = e;
	return -1;
}

static int check_all(struct check *ck)
{
	struct intake_state is;
	struct capacity_state cs;
	int rc;

	check_hours(ck);
	if (ck->incomplete) {
		struct diag d = DIAG_INIT;
		diag_set(&d, DIAG_DATA, NULL, 0, 0,
			 "the data files were not checked: services.yaml or taxonomy.yaml does not load");
		diag_print(&d);
		return check_modes(ck) < 0 ? -1 : check_files(ck);
	}
	memset(&is, 0, sizeof is);
	is.ctx.taxonomy = &ck->dc.taxonomy;
	is.ctx.services = ck->dc.have_services ? &ck->dc.services : NULL;
	is.ctx.tz = ck->dc.tz;
	is.ctx.now = ck->dc.now;
	intake_record_init(&is.rec);
	rc = check_csv(ck, INTAKE_FILE, intake_check_header, INTAKE_NCOLS, check_intake_row, &is);
	intake_record_release(&is.rec);
	if (rc < 0)
		return -1;

	memset(&cs, 0, sizeof cs);
	cs.ctx.services = is.ctx.services;
	cs.ctx.tz = ck->dc.tz;
	cs.ctx.now = ck->dc.now;
	capacity_record_init(&cs.rec);
	rc = check_csv(ck, CAPACITY_FILE, capacity_check_header, CAPACITY_NCOLS,
		       check_capacity_row, &cs);
	capacity_record_release(&cs.rec);
	if (rc < 0 || check_referrals(ck) < 0 || check_appointments(ck) < 0 || check_modes(ck) < 0)
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
				diag_hint(&d, "look at the end of the file and cut it by hand, keeping a copy");
			if (problem(ck, &d) < 0)
				return -1;
			continue; /* a tail too long to be one record: reported, left alone */
		}
		if (lk.repaired)
			fprintf(stderr, _("%s: %s: removed a torn last record (%lld bytes, saved in %s.torn)\n"),
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
	int c, do_repair = 0, do_describe = 0, records = 0, timeout = 0, rc = -1, status;

	opts_init(&o, argv, usage, help);
	memset(&ck, 0, sizeof ck);
	while ((c = getopt_long(argc, argv, OPTS_COMMON_SHORT, longopts, NULL)) != -1) {
		if (c == OPT_REPAIR)
			do_repair = 1;
		else if (c == OPT_DESCRIBE)
			do_describe = 1;
		else {
			records |= c == 'f';
			timeout |= c == OPTS_LOCK_TIMEOUT;
			opts_common(&o, c, optarg);
		}
	}
	if (optind < argc)
		opts_usage_error(&o, "unexpected operand '%s'", argv[optind]);
	if (do_describe && (do_repair || records || timeout))
		opts_usage_error(&o, "--describe goes with -d only");

	if (load(&ck, o.dir, &d) < 0)
		goto out;
	if (do_describe) {
		/* a services.yaml or taxonomy.yaml that does not load was reported: exit 3 */
		if (!ck.incomplete)
			describe(&ck);
		rc = 0;
		goto out;
	}
	if (records) {
		ck.out = output_new(stdout, o.format, finding_columns, 4);
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
	if (rc < 0)
		status = d.status;
	else if (ck.incomplete)
		status = DIAG_DATA;
	else
		status = ck.findings ? DIAG_NO : DIAG_OK;
	return opts_finish(status);
}
