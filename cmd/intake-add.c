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
#include "intakeid.h"
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
	"                  [--household N] [--referred-to LIST] [--consent yes|no]\n"
	"                  [--advisor REF] [--status STATUS] [--note TEXT]\n"
	"       intake-add [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout SECONDS]\n"
	"                  --batch [--from csv|yaml]";

/* Older names of field options, kept working. */
static const struct opts_option aliases[] = {
	{ "refer", WRITER_OPT_FIELD + INTAKE_REFERRED_TO, "LIST", NULL, NULL, OPTS_ALIAS }, OPTS_END
};

static struct opts_option options[OPTS_MAX + 1];
static const struct opts_command command = {
	usage, N_("Record a client contact in DIR/intake.csv and print it as stored.\n"), options,
	N_("See intake-add(1) and okienko-files(5).\n")
};

WRITER_RECORD(struct intake_record, INTAKE_NCOLS);
static const size_t household = INTAKE_HOUSEHOLD; /* printed as a number */

/* What the warnings and the numbering need. */
struct job {
	const struct dirctx *dc;
	struct capacity_history h; /* warn_full: as of day loaded */
	long loaded;
	int no_capacity;          /* capacity.csv could not be read: warned once */
	struct schedule_hours sh; /* warn_closed */
	int year;                 /* the ids: year and number of the first */
	long seq;
};

/* One record of a batch: its id is ours to give, the rest as intake-add checks it. */
static int check_batch_record(struct strbuf *row, const struct fields_origin *o, void *arg,
			      struct diag *d)
{
	if (row[INTAKE_ID].len)
		return diag_set(d, DIAG_DATA, "-", o->line[INTAKE_ID], o->col[INTAKE_ID],
				"id is assigned by intake-add; leave it empty");
	return intake_validate((struct intake_record *)row, arg, o, d);
}

/* Under the lock: the ids, after the file's last one (intakeid.h). */
static int number_records(struct datadir_lock *lk, size_t n, void *arg, struct diag *d)
{
	struct job *job = arg;
	int y, m, dd;

	civtime_civil_from_days(civtime_local_day(job->dc->tz, job->dc->now), &y, &m, &dd);
	return intakeid_first(lk, y, n, &job->year, &job->seq, d);
}

/* Record i gets the i-th id from the first (they are consecutive). */
static void set_id(struct strbuf *row, size_t i, void *arg)
{
	const struct job *job = arg;
	char id[INTAKEID_MAX];

	intakeid_format(id, sizeof id, job->year, job->seq + (long)i);
	fields_set(&row[INTAKE_ID], id);
}

/*
 * Warn (the record is still stored) when a referral goes to a service whose
 * latest capacity observation as of the contact's day says it is full.  A
 * capacity.csv that cannot be read is warned about once: it must not stop
 * the desk from recording a contact.
 */
static int warn_full(struct strbuf *row, const struct fields_origin *o, void *arg, struct diag *d)
{
	struct job *job = arg;
	const struct dirctx *dc = job->dc;
	const struct strbuf *refs = &row[INTAKE_REFERRED_TO];
	const char *p = refs->buf, *end = p + refs->len;
	int64_t utc;
	int offset;
	long day;

	(void)o;
	(void)d;
	if (job->no_capacity || !refs->len ||
	    civtime_parse_ts(row[INTAKE_TS].buf, dc->tz, &utc, &offset) < 0)
		return 0;
	day = civtime_day_of(utc + offset);
	if (day != job->loaded) {
		struct diag e = DIAG_INIT;
		capacity_history_release(&job->h);
		if (capacity_history_load(&job->h, &dc->dir, day, &e) < 0) {
			diag_warn(e.file[0] ? e.file : NULL, e.line, e.col,
				  "%s; referrals not checked against capacity", e.msg);
			job->no_capacity = 1;
			return 0;
		}
		job->loaded = day;
	}
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const struct service *s;
		const struct capacity_entry *c;
		const struct capacity_obs *ob;
		struct capacity_fill f;
		char id[128], date[16], numbers[120] = "";

		snprintf(id, sizeof id, "%.*s", (int)((semi ? semi : end) - p), p);
		p = semi ? semi + 1 : end;
		c = capacity_history_find(&job->h, id);
		if (!c || !c->now.have_latest)
			continue;
		ob = &c->now.latest;
		s = dc->have_services ? services_find(&dc->services, id) : NULL;
		capacity_fill_of(ob, s ? s->capacity_total : -1, &f);
		if (!f.full)
			continue;
		civtime_format_date(date, ob->date);
		/* TRANSLATORS: " (29 of 30 beds)": used, total, a space and
		   the unit (a code such as beds), or nothing twice */
		if (f.used >= 0 && f.total >= 0)
			snprintf(numbers, sizeof numbers, _(" (%ld of %ld%s%s)"), f.used, f.total,
				 ob->unit[0] ? " " : "", ob->unit);
		/* TRANSLATORS: a service id, a date, then " (29 of 30 beds)" or nothing */
		diag_warn(NULL, 0, 0, "'%s' was full on %s%s", id, date, numbers);
	}
	return 0;
}

/* Warn (the record is still stored) when a referral goes to a closed service. */
static int warn_closed(struct strbuf *row, const struct fields_origin *o, void *arg, struct diag *d)
{
	struct job *job = arg;
	const struct dirctx *dc = job->dc;
	const struct strbuf *refs = &row[INTAKE_REFERRED_TO];
	const char *p = refs->buf, *end = p + refs->len;
	int64_t utc, local;
	int offset;

	(void)o;
	(void)d;
	if (!refs->len || civtime_parse_ts(row[INTAKE_TS].buf, dc->tz, &utc, &offset) < 0)
		return 0;
	local = utc + offset;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		char id[128];
		const struct service *s;
		const struct ohours *oh;
		struct diag e = DIAG_INIT;
		struct ohours_answer ans;
		int64_t next;

		snprintf(id, sizeof id, "%.*s", (int)((semi ? semi : end) - p), p);
		p = semi ? semi + 1 : end;
		s = services_find(&dc->services, id);
		if (!s || schedule_hours_get(&job->sh, s, &oh, &e) < 0 || !oh)
			continue;
		next = ohours_eval_next_tz(oh, schedule_country(s), dc->tz, local, &ans);
		/* no answer (no sunset there that day): no warning either */
		if (ans.open || ans.failed)
			continue;
		{
			char at[CIVTIME_TS_MAX], opens[CIVTIME_TS_MAX];
			civtime_format_local(at, local);
			if (next != OHOURS_NONE) {
				civtime_format_local(opens, next);
				diag_warn(NULL, 0, 0, "'%s' is closed at %s (opens %s)", id, at,
					  opens);
			} else {
				diag_warn(NULL, 0, 0, "'%s' is closed at %s", id, at);
			}
		}
	}
	return 0;
}

/* The warnings about every record: all those about full services first. */
static int warn_all(struct writer_batch *wb, struct job *job, struct diag *d)
{
	int rc;

	job->loaded = -1;
	rc = writer_batch_each(wb, warn_full, job, d);
	capacity_history_release(&job->h);
	if (rc < 0 || !job->dc->have_services)
		return rc;
	schedule_hours_init(&job->sh, job->dc->services.path, job->dc->tz);
	rc = writer_batch_each(wb, warn_closed, job, d);
	schedule_hours_release(&job->sh);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct writer_args args;
	struct writer_batch wb;
	struct job job;
	struct intake_record single;
	int c;
	struct dirctx dc;
	struct fields_context ctx;
	struct diag d = DIAG_INIT;

	memset(&args, 0, sizeof args);
	memset(&job, 0, sizeof job);
	writer_options(&intake_schema, aliases, options);
	opts_start(&o, argv, &command);
	intake_record_init(&single);
	while ((c = opts_next(&o, argc, argv)) != -1)
		writer_option(&args, &o, c, optarg, single.f, INTAKE_NCOLS);
	writer_check_args(&args, &o, argc, argv);
	writer_require(&args, &o, &intake_schema, INTAKE_DESK);
	writer_require(&args, &o, &intake_schema, INTAKE_CLIENT);
	writer_require(&args, &o, &intake_schema, INTAKE_NATIONALITY);
	writer_require(&args, &o, &intake_schema, INTAKE_NEEDS);

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) < 0) {
		diag_print(&d);
		intake_record_release(&single);
		return d.status;
	}
	job.dc = &dc;
	ctx.taxonomy = &dc.taxonomy;
	ctx.services = dc.have_services ? &dc.services : NULL;
	ctx.tz = dc.tz;
	ctx.now = dc.now;
	writer_batch_init(&wb, &intake_schema, &dc.dir);
	if (args.batch)
		c = writer_batch_read(&wb, args.from, check_batch_record, &ctx, &d);
	else if ((c = intake_validate(&single, &ctx, NULL, &d)) == 0)
		c = writer_batch_keep(&wb, single.f, NULL, &d);
	if (c == 0)
		c = writer_batch_checked(&wb, &d);
	if (c == 0)
		c = warn_all(&wb, &job, &d);
	if (c == 0 && !args.dry_run)
		c = writer_batch_store(&wb, o.lock_timeout, number_records, set_id, &job, &d);
	if (c == 0)
		c = writer_batch_print(&wb, stdout, o.format, &household, 1,
				       args.dry_run ? NULL : set_id, &job, &d);
	if (c < 0)
		diag_print(&d);
	writer_batch_release(&wb);
	intake_record_release(&single);
	dirctx_release(&dc);
	return opts_finish(c < 0 ? (int)d.status : DIAG_OK);
}
