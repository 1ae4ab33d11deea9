/*
 * intake-add: record client contacts in intake.csv, one from options or
 * many from CSV/YAML on standard input (all or nothing), and print them as
 * stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capacity.h"
#include "csvread.h"
#include "dirctx.h"
#include "intake.h"
#include "fields.h"
#include "i18n.h"
#include "opts.h"
#include "writer.h"
#include "schedule.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: intake-add [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout SECONDS]\n"
	"                  --desk DESK --client REF --nationality CC --needs LIST\n"
	"                  [--ts TIME] [--sex f|m|x] [--age-group GROUP] [--language LIST]\n"
	"                  [--household N] [--refer LIST] [--consent yes|no]\n"
	"                  [--advisor REF] [--status STATUS] [--note TEXT]\n"
	"       intake-add [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout SECONDS]\n"
	"                  --batch [--from csv|yaml]";

static const char help[] = N_(
	"Record a client contact in DIR/intake.csv and print it as stored.\n"
	"\n"
	"  --desk, --client, --nationality, --needs    required fields\n"
	"  --ts TIME         ISO 8601; default now; without offset: local time\n"
	"  --refer LIST      service ids (;-separated); needs --consent yes\n"
	"  --batch           read records from standard input (all or nothing)\n"
	"  --from FORMAT     batch input format: csv (default) or yaml\n"
	"  --dry-run         validate and print, write nothing\n"
	"  -d DIR            data directory (default $OKIENKO_DIR, else .)\n"
	"  -f FORMAT         csv, tsv, json, yaml, table, md (default csv)\n"
	"  --lock-timeout S  wait at most S seconds for other writers (default 30)\n"
	"  -h, --help        this help; --version  the version\n"
	"\nSee intake-add(1) and okienko-files(5).\n");

static const struct option longopts[] = {
	WRITER_LONG,
	{ "ts", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_TS },
	{ "desk", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_DESK },
	{ "client", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_CLIENT },
	{ "sex", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_SEX },
	{ "age-group", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_AGE_GROUP },
	{ "nationality", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_NATIONALITY },
	{ "language", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_LANGUAGE },
	{ "household", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_HOUSEHOLD },
	{ "needs", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_NEEDS },
	{ "refer", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_REFERRED_TO },
	{ "consent", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_CONSENT },
	{ "advisor", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_ADVISOR },
	{ "status", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_STATUS },
	{ "note", required_argument, NULL, WRITER_OPT_FIELD + INTAKE_NOTE },
	OPTS_WRITER_LONG,
	OPTS_COMMON_LONG
};

WRITER_RECORD(struct intake_record, INTAKE_NCOLS);
static const struct writer_file intake_file = {
	INTAKE_FILE, intake_columns, INTAKE_NCOLS, intake_check_header
};
static const size_t household = INTAKE_HOUSEHOLD; /* printed as a number */

struct job {
	struct intake_record *recs;
	size_t n;
	struct writer_args args;
};

/* One record of a batch: its id is ours to give, the rest as intake-add checks it. */
static int check_batch_record(struct strbuf *row, const long *line, const long *col, void *arg,
			      struct diag *d)
{
	struct intake_origin o;
	o.file = "-";
	memcpy(o.line, line, sizeof o.line);
	memcpy(o.col, col, sizeof o.col);
	if (row[INTAKE_ID].len)
		return diag_set(d, DIAG_DATA, "-", o.line[INTAKE_ID], o.col[INTAKE_ID],
				"id is assigned by intake-add; leave it empty");
	return intake_validate((struct intake_record *)row, arg, &o, d);
}

/*
 * Under the lock: number the records after the file's last id, read from
 * the end of the file (its cost does not depend on the file's size).
 */
static int number_records(struct datadir_lock *lk, struct strbuf *rows, size_t n, void *arg,
			  struct diag *d)
{
	const struct dirctx *dc = arg;
	struct strbuf last = STRBUF_INIT;
	char id[32] = "";
	int y, m, dd, rc = 0;
	size_t i;
	off_t start;

	civtime_civil_from_days((long)((dc->now + civtz_offset_at(dc->tz, dc->now)) / 86400), &y, &m, &dd);
	if (datadir_last_record(lk, 1 << 20, &last, &start, d) < 0) {
		strbuf_release(&last);
		return -1;
	}
	if (start > 0) {
		struct csvread *r = csvread_open_buffer(last.buf, last.len, lk->path, 0);
		struct csvread_row *row;
		int year;
		long seq;
		if (csvread_next(r, &row, d) == 1) {
			snprintf(id, sizeof id, "%s", row->field[0]);
			if (intake_id_parse(id, &year, &seq) < 0) {
				/* numbering afresh could repeat an id already in the file */
				rc = diag_set(d, DIAG_DATA, lk->path, 0, 0,
					      "the last record's id '%s' is not YYYY-NNNNNN; cannot number new records",
					      row->field[0]);
				diag_hint(d, "correct the last record of the file by hand");
			}
		}
		csvread_free(r);
	}
	for (i = 0; rc == 0 && i < n; i++) {
		intake_id_next(id[0] ? id : NULL, y, id, sizeof id);
		fields_set(&rows[i * INTAKE_NCOLS + INTAKE_ID], id);
	}
	strbuf_release(&last);
	return rc;
}

/*
 * Warn (the record is still stored) when a referral goes to a service whose
 * latest capacity observation as of the contact's day says it is full.  A
 * capacity.csv that cannot be read is warned about once: it must not stop
 * the desk from recording a contact.
 */
static void warn_full(const struct job *job, const struct dirctx *dc)
{
	struct capacity_history h;
	long loaded = -1;
	size_t i;

	memset(&h, 0, sizeof h);
	for (i = 0; i < job->n; i++) {
		const struct strbuf *refs = &job->recs[i].f[INTAKE_REFERRED_TO];
		const char *p = refs->buf, *end = p + refs->len;
		int64_t utc;
		int offset;
		long day;

		if (!refs->len || civtime_parse_ts(job->recs[i].f[INTAKE_TS].buf, dc->tz, &utc, &offset) < 0)
			continue;
		day = (long)((utc + offset - (((utc + offset) % 86400) + 86400) % 86400) / 86400);
		if (day != loaded) {
			struct diag e = DIAG_INIT;
			capacity_history_release(&h);
			if (capacity_history_load(&h, &dc->dir, day, &e) < 0) {
				diag_warn(e.file[0] ? e.file : NULL, e.line, e.col,
					  "%s; referrals not checked against capacity", e.msg);
				break;
			}
			loaded = day;
		}
		while (p < end) {
			const char *semi = memchr(p, ';', (size_t)(end - p));
			const struct service *s;
			const struct capacity_entry *c;
			char id[128], date[16], numbers[120] = "";
			long total;

			snprintf(id, sizeof id, "%.*s", (int)((semi ? semi : end) - p), p);
			p = semi ? semi + 1 : end;
			c = capacity_history_find(&h, id);
			if (!c || !c->have_latest)
				continue;
			s = dc->have_services ? services_find(&dc->services, id) : NULL;
			total = c->latest.total >= 0 ? c->latest.total : s ? s->capacity_total : -1;
			if (c->latest.status != CAPACITY_FULL &&
			    (c->latest.used < 0 || total < 0 || c->latest.used < total))
				continue;
			civtime_format_date(date, c->latest.date);
			/* TRANSLATORS: " (29 of 30 beds)": used, total, a space and
			   the unit (a code such as beds), or nothing twice */
			if (c->latest.used >= 0 && total >= 0)
				snprintf(numbers, sizeof numbers, _(" (%ld of %ld%s%s)"), c->latest.used, total,
					 c->latest.unit[0] ? " " : "", c->latest.unit);
			/* TRANSLATORS: a service id, a date, then " (29 of 30 beds)" or nothing */
			diag_warn(NULL, 0, 0, "'%s' was full on %s%s", id, date, numbers);
		}
	}
	capacity_history_release(&h);
}

/* Warn (the record is still stored) when a referral goes to a closed service. */
static void warn_closed(const struct job *job, const struct dirctx *dc)
{
	struct schedule_hours sh;
	size_t i;

	warn_full(job, dc);
	if (!dc->have_services)
		return;
	schedule_hours_init(&sh, dc->services.path, dc->tz);
	for (i = 0; i < job->n; i++) {
		const struct strbuf *refs = &job->recs[i].f[INTAKE_REFERRED_TO];
		const char *p = refs->buf, *end = p + refs->len;
		int64_t utc, local;
		int offset;

		if (!refs->len || civtime_parse_ts(job->recs[i].f[INTAKE_TS].buf, dc->tz, &utc, &offset) < 0)
			continue;
		local = utc + offset;
		while (p < end) {
			const char *semi = memchr(p, ';', (size_t)(end - p));
			char id[128];
			const struct service *s;
			const struct ohours *oh;
			struct diag e = DIAG_INIT;

			snprintf(id, sizeof id, "%.*s", (int)((semi ? semi : end) - p), p);
			p = semi ? semi + 1 : end;
			s = services_find(&dc->services, id);
			if (!s || schedule_hours_get(&sh, s, &oh, &e) < 0 || !oh ||
			    ohours_is_open_tz(oh, schedule_country(s), dc->tz, local))
				continue;
			{
				char at[CIVTIME_TS_MAX], opens[CIVTIME_TS_MAX];
				int64_t next = ohours_next_change_tz(oh, schedule_country(s), dc->tz, local);
				civtime_format_local(at, local);
				if (next != OHOURS_NONE) {
					civtime_format_local(opens, next);
					diag_warn(NULL, 0, 0, "'%s' is closed at %s (opens %s)", id, at, opens);
				} else {
					diag_warn(NULL, 0, 0, "'%s' is closed at %s", id, at);
				}
			}
		}
	}
	schedule_hours_release(&sh);
}


int main(int argc, char **argv)
{
	struct opts o;
	struct job job;
	struct intake_record single;
	int c;
	struct dirctx dc;
	struct intake_context ctx;
	struct diag d = DIAG_INIT;
	size_t i;

	memset(&job, 0, sizeof job);
	opts_init(&o, argv, usage, help);
	intake_record_init(&single);
	while ((c = getopt_long(argc, argv, OPTS_COMMON_SHORT, longopts, NULL)) != -1)
		writer_option(&job.args, &o, c, optarg, single.f, INTAKE_NCOLS);
	writer_check_args(&job.args, &o, argc, argv);
	writer_require(&job.args, &o, INTAKE_DESK, "--desk");
	writer_require(&job.args, &o, INTAKE_CLIENT, "--client");
	writer_require(&job.args, &o, INTAKE_NATIONALITY, "--nationality");
	writer_require(&job.args, &o, INTAKE_NEEDS, "--needs");

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) < 0) {
		diag_print(&d);
		intake_record_release(&single);
		return d.status;
	}
	ctx.taxonomy = &dc.taxonomy;
	ctx.services = dc.have_services ? &dc.services : NULL;
	ctx.tz = dc.tz;
	ctx.now = dc.now;
	if (job.args.batch) {
		void *recs;
		c = writer_read_batch(&intake_file, job.args.from, sizeof *job.recs, &recs, &job.n,
				      check_batch_record, &ctx, &d);
		job.recs = recs;
	} else {
		job.recs = &single;
		job.n = 1;
		c = intake_validate(&single, &ctx, NULL, &d);
	}
	if (c == 0)
		warn_closed(&job, &dc);
	if (c == 0 && !job.args.dry_run)
		c = writer_store(&dc.dir, &intake_file, WRITER_ROWS(job.recs, job.n), job.n,
				 o.lock_timeout, number_records, &dc, &d);
	if (c == 0)
		c = writer_print(stdout, o.format, &intake_file, &household, 1,
				 WRITER_ROWS(job.recs, job.n), job.n, &d);
	if (c < 0)
		diag_print(&d);
	if (job.args.batch) {
		for (i = 0; i < job.n; i++)
			intake_record_release(&job.recs[i]);
		free(job.recs);
	}
	intake_record_release(&single);
	dirctx_release(&dc);
	return opts_finish(c < 0 ? (int)d.status : DIAG_OK);
}
