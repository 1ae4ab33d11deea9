/*
 * intake-purge: remove the intake records whose contact date is before a
 * cut-off (retention), rewriting intake.csv atomically under its lock.
 * The kept records are copied byte for byte; memory does not grow with
 * the file.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvread.h"
#include "dirctx.h"
#include "i18n.h"
#include "intake.h"
#include "intakeid.h"
#include "opts.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: intake-purge [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout SECONDS]\n"
	"                    --older-than AGE | --before DATE";

static const char help[] = N_(
	"Remove the intake records whose contact date is before the cut-off and\n"
	"print the cut-off and how many records were removed and kept.\n"
	"\n"
	"  --older-than AGE  3y, 18m or 90d: the cut-off is today minus AGE\n"
	"  --before DATE     the cut-off is DATE (YYYY-MM-DD)\n"
	"  --dry-run         count only, change nothing\n"
	"  -d DIR            data directory (default $OKIENKO_DIR, else .)\n"
	"  -f FORMAT         csv, tsv, json, yaml, table, md (default csv)\n"
	"  --lock-timeout S  wait at most S seconds for other writers (default 30)\n"
	"  -h, --help        this help; --version  the version\n"
	"\nSee intake-purge(1) and okienko-files(5).\n");

enum { OPT_OLDER_THAN = OPTS_FIRST_PRIVATE, OPT_BEFORE, OPT_DRY_RUN };

static const struct option longopts[] = {
	{ "older-than", required_argument, NULL, OPT_OLDER_THAN },
	{ "before", required_argument, NULL, OPT_BEFORE },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	OPTS_WRITER_LONG,
	OPTS_COMMON_LONG
};

enum { BLOCK = 64 * 1024 };

struct purge {
	long cutoff;              /* days: records dated before it go */
	int this_year;            /* the local year today */
	int dry_run;
	unsigned long removed, kept;
	int kept_last;            /* the last record was kept to continue the ids */
	char last_id[32];         /* of the last record */
	char kept_id[32];         /* of the last record kept ("": none) */
};

static long days_in_month(int y, int m)
{
	return m == 12 ? 31 : civtime_days_from_civil(y, m + 1, 1) - civtime_days_from_civil(y, m, 1);
}

/* today minus "3y", "18m" or "90d"; the day of month is clamped (Feb 29 -> 28). */
static void older_than(const struct opts *o, const char *arg, long today, long *cutoff)
{
	char *end;
	long n, max;
	int y, m, d;

	errno = 0;
	n = isdigit((unsigned char)arg[0]) ? strtol(arg, &end, 10) : -1;
	if (n < 1 || errno || !end[0] || end[1] || !strchr("ymd", end[0]))
		opts_usage_error(o, "--older-than: '%s' is not an age such as 3y, 18m or 90d", arg);
	max = end[0] == 'y' ? 100 : end[0] == 'm' ? 1200 : 36500;
	if (n > max)
		opts_usage_error(o, "--older-than: '%s' is more than 100 years", arg);
	if (end[0] == 'd') {
		*cutoff = today - n;
		return;
	}
	civtime_civil_from_days(today, &y, &m, &d);
	if (end[0] == 'y')
		n *= 12;
	n = y * 12L + (m - 1) - n;
	y = (int)(n / 12);
	m = (int)(n % 12) + 1;
	if (d > days_in_month(y, m))
		d = (int)days_in_month(y, m);
	*cutoff = civtime_days_from_civil(y, m, d);
}

/* Copy bytes [from, to) of the source to the temporary file. */
static int copy_range(int src, int dst, off_t from, off_t to, char *buf, const char *name,
		      const char *tmpname, struct diag *d)
{
	while (from < to) {
		size_t want = to - from < BLOCK ? (size_t)(to - from) : BLOCK;
		ssize_t n = pread(src, buf, want, from);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? diag_errno(d, errno, "read", name)
				     : diag_set(d, DIAG_SYSTEM, NULL, 0, 0, "'%s' changed while it was read", name);
		if (datadir_write_all(dst, buf, (size_t)n, tmpname, d) < 0)
			return -1;
		from += n;
	}
	return 0;
}

static int record_date(const struct csvread_row *row, const char *name, long *days,
		       struct diag *d)
{
	char date[11];
	if (row->n != INTAKE_NCOLS)
		return diag_set(d, DIAG_DATA, name, row->lineno, 1,
				"record has %zu fields instead of %d", row->n, INTAKE_NCOLS);
	snprintf(date, sizeof date, "%.10s", row->field[INTAKE_TS]);
	if (row->len[INTAKE_TS] < 10 || civtime_parse_date(date, days) < 0) {
		diag_set(d, DIAG_DATA, name, row->line[INTAKE_TS], row->col[INTAKE_TS],
			 "invalid time '%.40s'", row->field[INTAKE_TS]);
		diag_hint(d, "run data-check; nothing was removed");
		return -1;
	}
	return 0;
}

/*
 * Would intake-add, with the records after the last kept one gone, give
 * the id removed_id (or one before it) again?  The next id is what
 * intakeid_next gives after the last kept record.
 */
static int numbers_again(const struct purge *p, const char *removed_id)
{
	char next[INTAKEID_MAX];
	int y1, y2;
	long s1, s2;

	if (intakeid_parse(removed_id, 0, &y2, &s2) < 0)
		return 0;
	if (intakeid_next(p->kept_id, p->this_year, next, sizeof next) < 0 ||
	    intakeid_parse(next, 0, &y1, &s1) < 0)
		return 1;
	return intakeid_cmp(y1, s1, y2, s2) <= 0;
}

/*
 * Stream fd; when out >= 0 copy the header and every kept record to it.
 * A record's bytes run from its start to the next one's (or to size), so
 * line ends and blank lines go with the record before them.  The last
 * record is kept when intake-add would otherwise number a new record
 * with its id.
 */
static int scan(struct purge *p, int fd, int out, off_t size, const char *name,
		const char *tmpname, unsigned flags, struct diag *d)
{
	struct csvread *r = csvread_open(fd, name, flags);
	struct csvread_row *row;
	char *buf = out >= 0 ? xmalloc(BLOCK) : NULL;
	off_t keep_from = 0, last_from = 0;
	int rc, header = 1, removing = 0;
	long days;

	while ((rc = csvread_next(r, &row, d)) == 1) {
		if (header) {
			header = 0;
			if (fields_check_header(&intake_schema, row->field, row->n, name, row->col, d) < 0) {
				rc = -1;
				break;
			}
			continue;
		}
		if (record_date(row, name, &days, d) < 0) {
			rc = -1;
			break;
		}
		snprintf(p->last_id, sizeof p->last_id, "%s", row->field[INTAKE_ID]);
		last_from = row->offset;
		if (days >= p->cutoff) {
			p->kept++;
			snprintf(p->kept_id, sizeof p->kept_id, "%s", row->field[INTAKE_ID]);
			if (removing)
				keep_from = row->offset;
			removing = 0;
			continue;
		}
		p->removed++;
		if (!removing && out >= 0 &&
		    copy_range(fd, out, keep_from, row->offset, buf, name, tmpname, d) < 0) {
			rc = -1;
			break;
		}
		removing = 1;
	}
	if (rc == 0 && removing && numbers_again(p, p->last_id)) {
		p->removed--;
		p->kept++;
		p->kept_last = 1;
		keep_from = last_from;
		removing = 0;
	}
	if (rc == 0 && !removing && out >= 0)
		rc = copy_range(fd, out, keep_from, size, buf, name, tmpname, d);
	free(buf);
	csvread_free(r);
	return rc;
}

static int dry_run(struct purge *p, const struct datadir *dd, struct diag *d)
{
	char *name;
	int fd, rc = datadir_open_read(dd, INTAKE_FILE, &fd, d);
	if (rc <= 0)
		return rc;
	name = datadir_file(dd, INTAKE_FILE);
	rc = scan(p, fd, -1, 0, name, NULL, CSVREAD_SKIP_TORN_END, d);
	close(fd);
	free(name);
	return rc;
}

static int purge(struct purge *p, const struct datadir *dd, double timeout, struct diag *d)
{
	struct datadir_lock lk;
	int fd, out, rc = -1;

	if (!datadir_exists(dd, INTAKE_FILE))
		return 0;
	if (datadir_lock(dd, INTAKE_FILE, timeout, &lk, d) < 0)
		return -1;
	if (lk.repaired)
		diag_warn(lk.path, 0, 0, "removed a torn last record (%lld bytes, saved in %s.torn)",
			  (long long)lk.repaired, INTAKE_FILE);
	/* the file that is locked, not whatever has its name by now */
	fd = dup(lk.datafd);
	if (fd < 0 || lseek(fd, 0, SEEK_SET) < 0) {
		diag_errno(d, errno, "open", lk.path);
		if (fd >= 0)
			close(fd);
		goto out;
	}
	if (datadir_rewrite_begin(&lk, &out, d) == 0) {
		rc = scan(p, fd, out, lk.size, lk.path, lk.tmppath, 0, d);
		if (rc == 0 && p->removed)
			rc = datadir_rewrite_commit(&lk, d);
		else
			datadir_rewrite_abort(&lk);
	}
	close(fd);
out:
	datadir_unlock(&lk);
	return rc;
}

static int report(const struct purge *p, enum output_format f, struct diag *d)
{
	static const char *const columns[] = { "before", "removed", "kept" };
	char before[16], removed[32], kept[32];
	const char *fields[3] = { before, removed, kept };
	struct output *out = output_new(stdout, f, columns, 3);
	int rc;

	civtime_format_date(before, p->cutoff);
	snprintf(removed, sizeof removed, "%lu", p->removed);
	snprintf(kept, sizeof kept, "%lu", p->kept);
	output_set_numeric(out, 1);
	output_set_numeric(out, 2);
	output_row(out, fields);
	rc = output_finish(out, d);
	output_free(out);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct purge p;
	struct dirctx dc;
	struct diag d = DIAG_INIT;
	const char *age = NULL, *before = NULL;
	long today;
	int c, rc, m, day;

	opts_init(&o, argv, usage, help);
	memset(&p, 0, sizeof p);
	while ((c = opts_getopt(&o, argc, argv, OPTS_COMMON_SHORT, longopts)) != -1) {
		if (c == OPT_OLDER_THAN)
			age = optarg;
		else if (c == OPT_BEFORE)
			before = optarg;
		else if (c == OPT_DRY_RUN)
			p.dry_run = 1;
		else
			opts_common(&o, c, optarg);
	}
	if (optind < argc)
		opts_usage_error(&o, "unexpected operand '%s'", argv[optind]);
	if (!age == !before)
		opts_usage_error(&o, "give one cut-off: --older-than AGE or --before DATE");
	if (before && civtime_parse_date(before, &p.cutoff) < 0)
		opts_usage_error(&o, "--before: invalid date '%s' (use 2023-11-23)", before);

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) < 0) {
		diag_print(&d);
		return d.status;
	}
	today = (long)((dc.now + civtz_offset_at(dc.tz, dc.now)) / 86400);
	civtime_civil_from_days(today, &p.this_year, &m, &day);
	if (age)
		older_than(&o, age, today, &p.cutoff);
	if (p.cutoff > today) {
		/* a typo (2062 for 2026) must not remove every record */
		char cut[16], now[16];
		civtime_format_date(cut, p.cutoff);
		civtime_format_date(now, today);
		dirctx_release(&dc);
		opts_usage_error(&o, "%s: the cut-off %s is after today (%s)",
				 before ? "--before" : "--older-than", cut, now);
	}
	rc = p.dry_run ? dry_run(&p, &dc.dir, &d) : purge(&p, &dc.dir, o.lock_timeout, &d);
	if (rc == 0 && p.kept_last)
		diag_warn(NULL, 0, 0, "kept the last record '%s': new ids are numbered after it",
			  p.last_id);
	if (rc == 0)
		rc = report(&p, o.format, &d);
	if (rc < 0)
		diag_print(&d);
	dirctx_release(&dc);
	return opts_finish(rc < 0 ? (int)d.status : DIAG_OK);
}
