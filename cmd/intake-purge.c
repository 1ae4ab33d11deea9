/*
 * intake-purge: remove the intake records dated before a cut-off
 * (retention), or every record of one client (erasure, GDPR art. 17),
 * with their changes, referrals and appointments, each file rewritten
 * atomically under its lock; log the erasure without naming the client.
 * Kept records are copied byte for byte; memory does not grow with
 * intake.csv.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dirctx.h"
#include "erasures.h"
#include "i18n.h"
#include "intake.h"
#include "opts.h"
#include "purge.h"
#include "banned.h"

static const char usage[] =
	"usage: intake-purge [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout SECONDS]\n"
	"                    [--desk DESK] --older-than AGE | --before DATE\n"
	"       intake-purge [-d DIR] [-f FORMAT] [--dry-run] [--lock-timeout SECONDS]\n"
	"                    --client REF --desk DESK --reason REASON";

enum {
	OPT_OLDER_THAN = OPTS_FIRST_PRIVATE,
	OPT_BEFORE,
	OPT_DRY_RUN,
	OPT_CLIENT,
	OPT_DESK,
	OPT_REASON
};

static const struct opts_option options[] = {
	{ "older-than", OPT_OLDER_THAN, "AGE", N_("3y, 18m or 90d: the cut-off is today minus AGE"),
	  NULL, 0 },
	{ "before", OPT_BEFORE, "DATE", N_("the cut-off is DATE (YYYY-MM-DD)"), NULL, 0 },
	{ "client", OPT_CLIENT, "REF", N_("erase this client (GDPR art. 17)"), NULL, 0 },
	{ "desk", OPT_DESK, "DESK", N_("who erases (required with --client; logged)"), NULL, 0 },
	{ "reason", OPT_REASON, "REASON",
	  N_("why: no-longer-needed, consent-withdrawn, objection,\n"
	     "unlawful or legal-obligation (required with --client)"),
	  NULL, 0 },
	{ "dry-run", OPT_DRY_RUN, NULL, N_("count only, change nothing"), NULL, 0 },
	OPTS_DIR,
	OPTS_FORMAT,
	OPTS_LOCK,
	OPTS_HELP,
	OPTS_END
};

static const struct opts_command command = {
	usage,
	N_("Remove the intake records whose contact date is before the cut-off, or\n"
	   "every record of one client, with their changes, referrals and\n"
	   "appointments; print the cut-off and how many rows were removed from\n"
	   "each file.  Erasures, and purges that removed anything, are logged in\n"
	   "DIR/erasures.csv without naming the client.\n"),
	options, N_("See intake-purge(1), okienko-files(5) and okienko(7).\n")
};

static long days_in_month(int y, int m)
{
	return m == 12 ? 31
		       : civtime_days_from_civil(y, m + 1, 1) - civtime_days_from_civil(y, m, 1);
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

static int report(const struct purge *p, enum output_format f, struct diag *d)
{
	static const char *const columns[] = { "before",  "removed",   "kept",
					       "changes", "referrals", "appointments" };
	char before[16] = "", num[5][32];
	const char *fields[6];
	unsigned long n[5];
	struct output *out = output_new(stdout, f, columns, 6);
	int rc, i;

	if (!p->client)
		civtime_format_date(before, p->cutoff);
	fields[0] = before;
	n[0] = p->removed;
	n[1] = p->kept;
	n[2] = p->changes;
	n[3] = p->referrals;
	n[4] = p->appointments;
	for (i = 0; i < 5; i++) {
		snprintf(num[i], sizeof num[i], "%lu", n[i]);
		fields[i + 1] = num[i];
		output_set_numeric(out, (size_t)i + 1);
	}
	output_row(out, fields);
	rc = output_finish(out, d);
	output_free(out);
	return rc;
}

static void warnings(const struct purge *p, const struct datadir *dd)
{
	static const char *const names[3] = { INTAKE_FILE, "intake-changes.csv", "referrals.csv" };
	int i;
	for (i = 0; i < 3; i++)
		if (p->repaired[i]) {
			char *path = datadir_file(dd, names[i]);
			diag_warn(path, 0, 0,
				  "removed a torn last record (%lld bytes, saved in %s.torn)",
				  (long long)p->repaired[i], names[i]);
			free(path);
		}
	if (p->kept_last)
		diag_warn(NULL, 0, 0, "kept the last record '%s': new ids are numbered after it",
			  p->last_id);
	for (i = 0; i < 3; i++)
		if (p->torn_holds & (1u << i))
			diag_warn(NULL, 0, 0,
				  "%s.torn holds this client's reference (the torn tail of a "
				  "crashed write): review it and delete it",
				  names[i]);
	if (p->last_removed && !p->dry_run)
		diag_warn(NULL, 0, 0,
			  "removed the last record '%s': intake-add will give its id again",
			  p->last_id);
}

/* The options of an erasure; the usage errors never repeat a client reference. */
static void check_erasure(const struct opts *o, const struct purge *p, int cut_off)
{
	size_t i;
	if (cut_off)
		opts_usage_error(o,
				 "give --client, or a cut-off (--older-than or --before), not both");
	if (!intake_reference_ok(p->client))
		opts_usage_error(
			o,
			"--client: not a pseudonymous reference (letters, digits, '.', '_', '-')");
	if (!p->desk)
		opts_usage_error(o, "--desk is required with --client: who erases");
	if (!p->reason)
		opts_usage_error(
			o, "--reason is required with --client (%s)",
			"no-longer-needed, consent-withdrawn, objection, unlawful, legal-obligation");
	for (i = 0; erasures_reasons[i] && strcmp(erasures_reasons[i], p->reason); i++)
		;
	if (!erasures_reasons[i])
		opts_usage_error(
			o, "--reason: unknown reason '%s' (%s)", p->reason,
			"no-longer-needed, consent-withdrawn, objection, unlawful, legal-obligation");
}

int main(int argc, char **argv)
{
	struct opts o;
	struct purge p;
	struct dirctx dc;
	struct diag d = DIAG_INIT;
	const char *age = NULL, *before = NULL;
	char ts[CIVTIME_TS_MAX];
	long today;
	int c, rc, m, day;

	opts_start(&o, argv, &command);
	memset(&p, 0, sizeof p);
	while ((c = opts_next(&o, argc, argv)) != -1) {
		if (c == OPT_OLDER_THAN)
			age = optarg;
		else if (c == OPT_BEFORE)
			before = optarg;
		else if (c == OPT_DRY_RUN)
			p.dry_run = 1;
		else if (c == OPT_CLIENT)
			p.client = optarg;
		else if (c == OPT_DESK)
			p.desk = optarg;
		else if (c == OPT_REASON)
			p.reason = optarg;
	}
	if (optind < argc)
		opts_usage_error(&o, "unexpected operand '%s'", argv[optind]);
	if (p.client)
		check_erasure(&o, &p, age || before);
	else if (!age == !before)
		opts_usage_error(&o, "give one cut-off: --older-than AGE or --before DATE");
	else if (p.reason)
		opts_usage_error(&o,
				 "--reason goes with --client (a retention purge logs 'retention')");
	if (p.desk && !intake_reference_ok(p.desk))
		opts_usage_error(
			&o,
			"--desk: '%s' is not a code (letters, digits, '.', '_', '-'; at most %d)",
			p.desk, INTAKE_REF_MAX);
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
	if (!p.client && p.cutoff > today) {
		/* a typo (2062 for 2026) must not remove every record */
		char cut[16], now[16];
		civtime_format_date(cut, p.cutoff);
		civtime_format_date(now, today);
		dirctx_release(&dc);
		opts_usage_error(&o, "%s: the cut-off %s is after today (%s)",
				 before ? "--before" : "--older-than", cut, now);
	}
	civtime_format_ts(ts, dc.now, civtz_offset_at(dc.tz, dc.now));
	p.ts = ts;
	p.timeout = o.lock_timeout;
	rc = purge_run(&p, &dc.dir, &d);
	if (rc == 0) {
		warnings(&p, &dc.dir);
		rc = report(&p, o.format, &d);
	}
	if (rc < 0)
		diag_print(&d);
	dirctx_release(&dc);
	return opts_finish(rc < 0 ? (int)d.status : DIAG_OK);
}
