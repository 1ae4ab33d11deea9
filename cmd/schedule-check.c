/*
 * schedule-check: opening hours, public holidays and appointments.  One
 * subcommand per question: is a service open, evaluate hours over a CSV,
 * list holidays, find conflicts among appointments, find free slots, and
 * check every hours expression of services.yaml.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "appointments.h"
#include "civtime.h"
#include "csvread.h"
#include "csvwrite.h"
#include "dirctx.h"
#include "holidays.h"
#include "hourseval.h"
#include "i18n.h"
#include "ohours.h"
#include "ohours_lenient.h"
#include "opts.h"
#include "schedule.h"
#include "strbuf.h"
#include "suggest.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: schedule-check is-open [-d DIR] (--service ID | --hours EXPR)\n"
	"                      [--at TIME] [--country CZ|PL] [--location LAT,LON]\n"
	"       schedule-check hours-eval [-d DIR] [--country CZ|PL] [--location LAT,LON]\n"
	"                      [FILE]\n"
	"       schedule-check holidays [-f FORMAT] --country CZ|PL --year YYYY\n"
	"       schedule-check appointments [-d DIR] [-f FORMAT] [--unknown-open] [FILE]\n"
	"       schedule-check slots [-d DIR] [-f FORMAT] --service ID --date DATE\n"
	"                      --duration DURATION [--step DURATION] [--specialist REF]\n"
	"                      [--unknown-open]\n"
	"       schedule-check lint [-d DIR]";

enum {
	OPT_SERVICE = OPTS_FIRST_PRIVATE,
	OPT_HOURS,
	OPT_AT,
	OPT_COUNTRY,
	OPT_YEAR,
	OPT_DATE,
	OPT_DURATION,
	OPT_SPECIALIST,
	OPT_UNKNOWN_OPEN,
	OPT_STEP,
	OPT_LOCATION
};

static const struct opts_option options[] = {
	{ "service", OPT_SERVICE, "ID",
	  N_("is-open, slots: the service, by its id in services.yaml"), NULL, 0 },
	{ "hours", OPT_HOURS, "EXPR", N_("is-open: an opening_hours expression instead"), NULL, 0 },
	{ "at", OPT_AT, "TIME", N_("is-open: the local time asked about (default now)"), NULL, 0 },
	{ "country", OPT_COUNTRY, "CZ|PL",
	  N_("whose public holidays PH means (is-open, hours-eval),\n"
	     "or are listed (holidays)"),
	  NULL, 0 },
	{ "location", OPT_LOCATION, "LAT,LON",
	  N_("is-open --hours, hours-eval: where sunrise, sunset, dawn\n"
	     "and dusk are (degrees north, east: 50.08,14.42)"),
	  NULL, 0 },
	{ "year", OPT_YEAR, "YYYY", N_("holidays: the year, 1990 to 2100"), NULL, 0 },
	{ "date", OPT_DATE, "DATE", N_("slots: the day"), NULL, 0 },
	{ "duration", OPT_DURATION, "DURATION",
	  N_("slots: how long a slot is (90, 30m, 1h, 1h30m)"), NULL, 0 },
	{ "step", OPT_STEP, "DURATION", N_("slots: a slot may start every DURATION (default 15m)"),
	  NULL, 0 },
	{ "specialist", OPT_SPECIALIST, "REF",
	  N_("slots: free of this specialist's appointments instead\n"
	     "of the service's"),
	  NULL, 0 },
	{ "unknown-open", OPT_UNKNOWN_OPEN, NULL,
	  N_("appointments, slots: hours in the state unknown can be\n"
	     "booked"),
	  NULL, 0 },
	OPTS_DIR,
	{ "format", 'f', "FORMAT",
	  N_("csv, tsv, json, yaml, table, md (default csv): the\n"
	     "output of holidays, appointments and slots"),
	  "-f FORMAT", 0 },
	OPTS_HELP,
	OPTS_END
};

static const struct opts_command command = {
	usage,
	N_("Opening hours (OpenStreetMap opening_hours syntax), public holidays and\n"
	   "appointments.  Times are local times of the directory's time zone.\n"
	   "\n"
	   "  is-open           open, closed or unknown at --at, until when, and the\n"
	   "                    comment; exit 0 open, 1 closed or unknown\n"
	   "  hours-eval        CSV filter: columns hours, at (YYYY-MM-DDTHH:MM) and an\n"
	   "                    optional country; adds open, next_change, state, comment\n"
	   "  holidays          the public holidays of a year: date,name\n"
	   "  appointments      conflicts in appointments.csv (or FILE): id,other_id,\n"
	   "                    kind,detail; exit 1 when there are any\n"
	   "  slots             free slots of a service on a date: start,end\n"
	   "  lint              check every hours expression in services.yaml; exit 1\n"
	   "                    when any is bad\n"),
	options, N_("See schedule-check(1).\n")
};

/* Which options were given, to refuse those a subcommand does not take. */
enum {
	SEEN_DIR = 1 << 0,
	SEEN_FORMAT = 1 << 1,
	SEEN_SERVICE = 1 << 2,
	SEEN_HOURS = 1 << 3,
	SEEN_AT = 1 << 4,
	SEEN_COUNTRY = 1 << 5,
	SEEN_YEAR = 1 << 6,
	SEEN_DATE = 1 << 7,
	SEEN_DURATION = 1 << 8,
	SEEN_SPECIALIST = 1 << 9,
	SEEN_UNKNOWN_OPEN = 1 << 10,
	SEEN_STEP = 1 << 11,
	SEEN_LOCATION = 1 << 12
};
static const char *const seen_names[] = { "-d",         "-f",           "--service",      "--hours",
					  "--at",       "--country",    "--year",         "--date",
					  "--duration", "--specialist", "--unknown-open", "--step",
					  "--location" };

struct args {
	struct opts o;
	const char *service, *hours, *at, *country, *date, *duration, *specialist, *step;
	const char *location;
	struct services_location loc; /* from --location */
	unsigned seen;                /* SEEN_* */
	long year;
	int unknown_open;
	const char *operand; /* FILE of hours-eval and appointments */
};

static int country_arg(const struct args *a, enum holidays_country *c)
{
	if (holidays_country_parse(a->country, c) < 0)
		opts_usage_error(&a->o, "--country: '%s' is not CZ or PL", a->country);
	return 0;
}

/* --location LAT,LON into a->loc. */
static void location_arg(struct args *a)
{
	const char *comma = strchr(a->location, ',');
	const char *lon = comma ? comma + 1 : "";
	int rc = comma ? services_parse_degrees(a->location, (size_t)(comma - a->location), 90,
						&a->loc.lat)
		       : -1;

	if (rc == 0)
		rc = services_parse_degrees(lon, strlen(lon), 180, &a->loc.lon);
	if (rc == -2)
		opts_usage_error(
			&a->o,
			"--location: '%s' is out of range (latitude -90 to 90, longitude -180 to 180)",
			a->location);
	if (rc < 0)
		opts_usage_error(&a->o,
				 "--location: invalid '%s' (write degrees north and east: 50.08,14.42)",
				 a->location);
	a->loc.set = 1;
}

/* An expression given as an option: say which and where in it. */
static void option_expr_error(struct diag *d, const char *option)
{
	char msg[sizeof d->msg], hint[sizeof d->hint];
	snprintf(msg, sizeof msg, "%s", d->msg);
	snprintf(hint, sizeof hint, "%s", d->hint);
	diag_set(d, DIAG_USAGE, NULL, 0, 0, "%s: column %ld: %s", option, d->col, msg);
	snprintf(d->hint, sizeof d->hint, "%s", hint); /* diag_set cleared it */
}

static int open_file(const char *path, struct diag *d)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return diag_errno(d, errno, "open", path);
	return fd;
}

static void print_local(FILE *fp, int64_t local)
{
	char buf[CIVTIME_TS_MAX];
	civtime_format_local(buf, local);
	fputs(buf, fp);
}

static int is_open(struct args *a, struct dirctx *dc, struct diag *d)
{
	struct schedule_hours sh;
	const struct ohours *oh = NULL;
	struct ohours *own = NULL;
	enum holidays_country c = HOLIDAYS_CZ;
	struct ohours_answer ans;
	int64_t at, next;
	int rc = -1, prc;

	if (!a->service == !a->hours)
		opts_usage_error(&a->o, "is-open needs --service ID or --hours EXPR");
	if (a->service && a->location)
		opts_usage_error(
			&a->o,
			"--location goes with --hours: a service's location is in services.yaml");
	if (a->at && (prc = civtime_parse_local(a->at, &at)) < 0) {
		opts_date_range(&a->o, prc, "--at", a->at);
		opts_usage_error(&a->o, "--at: invalid time '%s' (use 2026-11-24T09:00)", a->at);
	}
	if (!a->at)
		at = dc->now + civtz_offset_at(dc->tz, dc->now);
	schedule_hours_init(&sh, "services.yaml", dc->tz);
	if (a->service) {
		const struct service *s =
			dc->have_services ? services_find(&dc->services, a->service) : NULL;
		if (!s) {
			diag_set(d, DIAG_USAGE, NULL, 0, 0, "--service: unknown service '%s'",
				 a->service);
			struct suggestion near;
			if (dc->have_services && services_suggest(&dc->services, a->service, &near))
				suggest_hint(d, &near);
			goto out;
		}
		sh.file = dc->services.path;
		if (schedule_hours_get(&sh, s, &oh, d) < 0)
			goto out;
		if (!oh) {
			diag_set(d, DIAG_DATA, dc->services.path, s->line, s->col,
				 "service '%s' has no hours", s->id);
			goto out;
		}
		c = schedule_country(s);
	} else {
		if (ohours_parse_lenient(a->hours, &own, NULL, d) < 0) {
			option_expr_error(d, "--hours");
			goto out;
		}
		oh = own;
		if (a->location)
			ohours_set_place(own, a->loc.lat, a->loc.lon, dc->tz);
		if (dc->have_services)
			holidays_country_parse(dc->services.country, &c);
	}
	if (a->country)
		country_arg(a, &c);
	/* the country may differ from the service's (--country) */
	if (ohours_check_context(oh, c, d) < 0) {
		if (own)
			option_expr_error(d, "--hours");
		else
			schedule_hours_error(&sh, services_find(&dc->services, a->service), d);
		goto out;
	}
	if (ohours_check_time(oh, at, d) < 0) {
		d->status = a->at ? DIAG_USAGE : DIAG_DATA;
		goto out;
	}
	next = ohours_eval_next_tz(oh, c, dc->tz, at, &ans);
	if (ohours_answer_check(oh, c, &ans, d) < 0) {
		d->col = 0; /* the time's fault, not the expression's */
		goto out;
	}
	fputs(schedule_state_names[ohours_state_of(&ans)], stdout);
	if (next != OHOURS_NONE) {
		fputs(" until ", stdout);
		print_local(stdout, next);
	} else {
		fputs(" (no change within 366 days)", stdout);
	}
	if (ans.comment) {
		fputs(": ", stdout);
		fputs(ans.comment, stdout);
	}
	fputc('\n', stdout);
	rc = ans.open ? DIAG_OK : DIAG_NO;
out:
	ohours_free(own);
	schedule_hours_release(&sh);
	return rc;
}

static int hours_eval(struct args *a, struct dirctx *dc, struct diag *d)
{
	enum holidays_country dflt = HOLIDAYS_CZ;
	int fd = STDIN_FILENO, rc;
	const char *name = "-";
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	if (a->country)
		country_arg(a, &dflt);
	else if (dc->have_services)
		holidays_country_parse(dc->services.country, &dflt);
	if (a->operand && strcmp(a->operand, "-") != 0) {
		name = a->operand;
		if ((fd = open_file(name, d)) < 0)
			return -1;
	}
	rc = hourseval_run_at(fd, name, dflt, dc->tz, a->location ? &a->loc : NULL,
			      cpus > 0 ? (int)cpus : 1, stdout, d);
	if (fd != STDIN_FILENO)
		close(fd);
	return rc < 0 ? -1 : DIAG_OK;
}

static int holidays_list(struct args *a, struct dirctx *dc, struct diag *d)
{
	static const char *const columns[] = { "date", "name" };
	struct holidays_day days[HOLIDAYS_MAX];
	enum holidays_country c;
	struct output *out;
	char date[16];
	int n, i, rc;

	(void)dc;
	if (!a->country || !a->year)
		opts_usage_error(&a->o, "holidays needs --country CZ|PL and --year YYYY");
	country_arg(a, &c);
	n = holidays_year(c, (int)a->year, days, HOLIDAYS_MAX);
	out = output_new(stdout, a->o.format, columns, 2);
	for (i = 0; i < n; i++) {
		const char *row[2];
		civtime_format_date(date, days[i].days);
		row[0] = date;
		row[1] = days[i].name;
		output_row(out, row);
	}
	rc = output_finish(out, d);
	output_free(out);
	return rc < 0 ? -1 : DIAG_OK;
}

static int need_services(const struct dirctx *dc, struct diag *d)
{
	if (dc->have_services)
		return 0;
	diag_set(d, DIAG_DATA, NULL, 0, 0, "the data directory has no services.yaml");
	return -1;
}

static int read_appointments(struct args *a, struct dirctx *dc, struct appointments *ap,
			     int required, struct diag *d)
{
	int from_stdin = a->operand && strcmp(a->operand, "-") == 0;
	char *path = a->operand ? xstrdup(a->operand) : datadir_file(&dc->dir, APPOINTMENTS_FILE);
	int fd = -1, rc;

	if (from_stdin)
		fd = STDIN_FILENO;
	else if (a->operand)
		fd = open_file(path, d);
	else if ((rc = datadir_open_read(&dc->dir, APPOINTMENTS_FILE, &fd, d)) == 0 && !required) {
		memset(ap, 0, sizeof *ap); /* no appointments yet */
		free(path);
		return 0;
	} else if (rc == 0) {
		diag_errno(d, ENOENT, "open", path);
	}
	if (fd < 0 && required && !a->operand && access(path, F_OK) < 0 && errno == ENOENT) {
		diag_set(d, DIAG_DATA, NULL, 0, 0, "the data directory has no %s",
			 APPOINTMENTS_FILE);
		diag_hint(d,
			  "the desk's bookings go there; 'schedule-check appointments FILE' checks another file");
	}
	rc = fd < 0 ? -1 : appointments_read(ap, fd, path, &dc->services, d);
	if (fd >= 0 && !from_stdin)
		close(fd);
	free(path);
	return rc;
}

static int appointments_check(struct args *a, struct dirctx *dc, struct diag *d)
{
	static const char *const columns[] = { "id", "other_id", "kind", "detail" };
	struct appointments ap;
	struct schedule_hours sh;
	struct schedule_conflict *cs = NULL;
	struct output *out;
	long n, i;
	int rc;

	if (need_services(dc, d) < 0 || read_appointments(a, dc, &ap, 1, d) < 0)
		return -1;
	schedule_hours_init(&sh, dc->services.path, dc->tz);
	sh.unknown_open = a->unknown_open;
	n = schedule_conflicts(&ap, &sh, &cs, d);
	if (n < 0) {
		rc = -1;
	} else {
		out = output_new(stdout, a->o.format, columns, 4);
		for (i = 0; i < n; i++) {
			const char *row[4];
			char detail[400];
			schedule_conflict_detail(&ap, &cs[i], detail, sizeof detail);
			row[0] = ap.items[cs[i].a].field[APPT_ID];
			row[1] = cs[i].b != cs[i].a ? ap.items[cs[i].b].field[APPT_ID] : "";
			row[2] = schedule_kind_names[cs[i].kind];
			row[3] = detail;
			output_row(out, row);
		}
		rc = output_finish(out, d) < 0 ? -1 : n ? DIAG_NO : DIAG_OK;
		output_free(out);
	}
	free(cs);
	schedule_hours_release(&sh);
	appointments_release(&ap);
	return rc;
}

/* "30m", "1h", "1h30m", "90" (minutes) -> seconds, or -1. */
static int64_t parse_duration(const char *s)
{
	int64_t total = 0;
	while (*s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v <= 0 || v > 24 * 60)
			return -1;
		if (*end == 'h')
			total += (int64_t)v * 3600, end++;
		else if (*end == 'm' || !*end)
			total += (int64_t)v * 60, end += *end == 'm';
		else
			return -1;
		s = end;
	}
	return total > 0 && total <= 24 * 3600 ? total : -1;
}

struct slot_out {
	struct output *out;
};

static void print_slot(int64_t start, int64_t end, void *arg)
{
	struct slot_out *so = arg;
	char s[CIVTIME_TS_MAX], e[CIVTIME_TS_MAX];
	const char *row[2];
	civtime_format_local(s, start);
	civtime_format_local(e, end);
	row[0] = s;
	row[1] = e;
	output_row(so->out, row);
}

static int slots(struct args *a, struct dirctx *dc, struct diag *d)
{
	static const char *const columns[] = { "start", "end" };
	const struct service *s;
	const struct ohours *oh;
	struct schedule_hours sh;
	struct appointments ap;
	struct schedule_busy *busy;
	struct slot_out so;
	size_t i, nbusy = 0;
	long day;
	int64_t duration, step = 15 * 60;
	int rc = -1, prc;

	if (!a->service || !a->date || !a->duration)
		opts_usage_error(&a->o, "slots needs --service ID, --date DATE and --duration");
	if ((prc = civtime_parse_date(a->date, &day)) < 0) {
		opts_date_range(&a->o, prc, "--date", a->date);
		opts_usage_error(&a->o, "--date: invalid date '%s' (use 2026-11-24)", a->date);
	}
	if ((duration = parse_duration(a->duration)) < 0)
		opts_usage_error(&a->o, "--duration: '%s' is not a duration such as 30m or 1h",
				 a->duration);
	if (a->step && (step = parse_duration(a->step)) < 0)
		opts_usage_error(&a->o, "--step: '%s' is not a duration such as 15m or 1h",
				 a->step);
	if (need_services(dc, d) < 0)
		return -1;
	if (!(s = services_find(&dc->services, a->service))) {
		diag_set(d, DIAG_USAGE, NULL, 0, 0, "--service: unknown service '%s'", a->service);
		struct suggestion near;
		if (services_suggest(&dc->services, a->service, &near))
			suggest_hint(d, &near);
		return -1;
	}
	if (read_appointments(a, dc, &ap, 0, d) < 0)
		return -1;
	schedule_hours_init(&sh, dc->services.path, dc->tz);
	if (schedule_hours_get(&sh, s, &oh, d) < 0)
		goto out;
	if (!oh) {
		diag_set(d, DIAG_DATA, dc->services.path, s->line, s->col,
			 "service '%s' has no hours", s->id);
		goto out;
	}
	busy = xcalloc(ap.n + 1, sizeof *busy);
	for (i = 0; i < ap.n; i++) {
		const struct appointment *x = &ap.items[i];
		int mine = a->specialist ? strcmp(x->field[APPT_SPECIALIST], a->specialist) == 0
					 : x->service == s;
		if (x->booked && mine) {
			busy[nbusy].start = x->start;
			busy[nbusy++].end = x->end;
		}
	}
	so.out = output_new(stdout, a->o.format, columns, 2);
	if (schedule_slots(oh, schedule_country(s), (int64_t)day * 86400, duration, step,
			   a->unknown_open, busy, nbusy, print_slot, &so) < 0) {
		diag_set(d, DIAG_DATA, dc->services.path, s->hours_line, s->hours_col,
			 "hours of '%s': a variable time (sunrise, sunset, dawn or dusk) does not occur on %s at its location",
			 s->id, a->date);
		rc = -1;
	} else {
		rc = output_finish(so.out, d) < 0 ? -1 : DIAG_OK;
	}
	output_free(so.out);
	free(busy);
out:
	schedule_hours_release(&sh);
	appointments_release(&ap);
	return rc;
}

/* The forms accepted with a warning, and how the reference writes them
   (of hours schedule_hours_get has accepted: not parsed again). */
static void lint_warnings(const char *file, const struct service *s)
{
	struct ohours_lenient lw;
	size_t k;

	ohours_lenient_warnings(s->hours, &lw);
	for (k = 0; k < lw.nw; k++)
		diag_warn(file, s->hours_line, s->hours_col + lw.w[k].col - 1, "hours of '%s': %s",
			  s->id, lw.w[k].msg);
	if (lw.more)
		diag_warn(file, s->hours_line, s->hours_col,
			  "hours of '%s': further warnings left out (%zu)", s->id, lw.more);
	if (lw.pretty)
		diag_message("hint: write it as '%s'", lw.pretty);
	ohours_lenient_release(&lw);
}

static int lint(struct args *a, struct dirctx *dc, struct diag *d)
{
	struct schedule_hours sh;
	size_t i;
	int bad = 0;

	(void)a;
	if (need_services(dc, d) < 0)
		return -1;
	schedule_hours_init(&sh, dc->services.path, dc->tz);
	for (i = 0; i < dc->services.nall; i++) {
		const struct ohours *oh;
		struct diag e = DIAG_INIT;
		if (schedule_hours_get(&sh, dc->services.all[i], &oh, &e) < 0) {
			diag_print(&e);
			bad++;
		} else if (oh) {
			lint_warnings(dc->services.path, dc->services.all[i]);
		}
	}
	schedule_hours_release(&sh);
	return bad ? DIAG_NO : DIAG_OK;
}

static const struct subcommand {
	const char *name;
	int (*run)(struct args *a, struct dirctx *dc, struct diag *d);
	int operand;      /* takes an optional FILE */
	unsigned options; /* SEEN_* it takes, as its SYNOPSIS */
	int dir;          /* reads the data directory */
} subcommands[] = {
	{ "appointments", appointments_check, 1, SEEN_DIR | SEEN_FORMAT | SEEN_UNKNOWN_OPEN, 1 },
	{ "holidays", holidays_list, 0, SEEN_FORMAT | SEEN_COUNTRY | SEEN_YEAR, 0 },
	{ "hours-eval", hours_eval, 1, SEEN_DIR | SEEN_COUNTRY | SEEN_LOCATION, 1 },
	{ "is-open", is_open, 0,
	  SEEN_DIR | SEEN_SERVICE | SEEN_HOURS | SEEN_AT | SEEN_COUNTRY | SEEN_LOCATION, 1 },
	{ "lint", lint, 0, SEEN_DIR, 1 },
	{ "slots", slots, 0,
	  SEEN_DIR | SEEN_FORMAT | SEEN_SERVICE | SEEN_DATE | SEEN_DURATION | SEEN_STEP |
		  SEEN_SPECIALIST | SEEN_UNKNOWN_OPEN,
	  1 },
};

static const struct subcommand *find_subcommand(const char *name)
{
	size_t i;
	for (i = 0; i < sizeof subcommands / sizeof *subcommands; i++)
		if (strcmp(name, subcommands[i].name) == 0)
			return &subcommands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	struct args a;
	const struct subcommand *sub;
	struct dirctx dc;
	struct diag d = DIAG_INIT;
	int c, rc;

	memset(&a, 0, sizeof a);
	opts_start(&a.o, argv, &command);
	sub = argc > 1 ? find_subcommand(argv[1]) : NULL;
	if (sub) {
		argv[1] = argv[0]; /* getopt starts after the subcommand */
		argv++;
		argc--;
	}
	while ((c = opts_next(&a.o, argc, argv)) != -1) {
		switch (c) {
		case OPT_SERVICE:
			a.service = optarg;
			a.seen |= SEEN_SERVICE;
			break;
		case OPT_HOURS:
			a.hours = optarg;
			a.seen |= SEEN_HOURS;
			break;
		case OPT_AT:
			a.at = optarg;
			a.seen |= SEEN_AT;
			break;
		case OPT_COUNTRY:
			a.country = optarg;
			a.seen |= SEEN_COUNTRY;
			break;
		case OPT_YEAR:
			a.year = opts_long(&a.o, "--year", optarg, 1990, 2100);
			a.seen |= SEEN_YEAR;
			break;
		case OPT_DATE:
			a.date = optarg;
			a.seen |= SEEN_DATE;
			break;
		case OPT_DURATION:
			a.duration = optarg;
			a.seen |= SEEN_DURATION;
			break;
		case OPT_SPECIALIST:
			a.specialist = optarg;
			a.seen |= SEEN_SPECIALIST;
			break;
		case OPT_UNKNOWN_OPEN:
			a.unknown_open = 1;
			a.seen |= SEEN_UNKNOWN_OPEN;
			break;
		case OPT_STEP:
			a.step = optarg;
			a.seen |= SEEN_STEP;
			break;
		case OPT_LOCATION:
			a.location = optarg;
			a.seen |= SEEN_LOCATION;
			location_arg(&a);
			break;
		}
	}
	a.seen |= (a.o.dir ? SEEN_DIR : 0) | (a.o.format_given ? SEEN_FORMAT : 0);
	/* options may also come first: schedule-check -d DIR lint */
	if (!sub && optind < argc && (sub = find_subcommand(argv[optind])) != NULL)
		optind++;
	if (!sub && optind < argc)
		opts_usage_error(&a.o, "unknown subcommand '%s'", argv[optind]);
	if (!sub)
		opts_usage_error(&a.o, "a subcommand is needed");
	if (optind < argc && sub->operand)
		a.operand = argv[optind++];
	if (optind < argc)
		opts_usage_error(&a.o, "unexpected operand '%s'", argv[optind]);
	for (c = 0; c < (int)(sizeof seen_names / sizeof *seen_names); c++)
		if (a.seen & ~sub->options & (1u << c))
			opts_usage_error(&a.o, "%s does not apply to '%s'", seen_names[c],
					 sub->name);
	if (!sub->dir)
		memset(&dc, 0, sizeof dc);
	else if (dirctx_load(&dc, a.o.dir, DIRCTX_SERVICES, &d) < 0) {
		diag_print(&d);
		return d.status;
	}
	rc = sub->run(&a, &dc, &d);
	if (rc < 0)
		diag_print(&d);
	if (sub->dir)
		dirctx_release(&dc);
	return opts_finish(rc < 0 ? (int)d.status : rc);
}
