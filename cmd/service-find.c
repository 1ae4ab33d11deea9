/*
 * service-find: the referral desk's question "where can this client go?":
 * the services of services.yaml that help with a need, speak a language,
 * are open at a time and have free places, best first, with contact,
 * the day's hours, the next opening and the free places.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "capacity.h"
#include "civtime.h"
#include "dirctx.h"
#include "i18n.h"
#include "isocodes.h"
#include "ohours.h"
#include "opts.h"
#include "optlist.h"
#include "schedule.h"
#include "strbuf.h"
#include "suggest.h"
#include "xalloc.h"
#include "banned.h"

static const char usage[] =
	"usage: service-find [-d DIR] [-f FORMAT] [--needs LIST] [--language LIST]\n"
	"                    [--open-at TIME | --open-now] [--available]\n"
	"                    [--lang cs|pl|uk|en]";

enum { OPT_NEED = OPTS_FIRST_PRIVATE, OPT_LANGUAGE, OPT_OPEN_AT, OPT_OPEN_NOW, OPT_AVAILABLE };

static const struct opts_option options[] = {
	{ "needs", OPT_NEED, "LIST", N_("taxonomy codes or labels (en, cs, pl, uk); any of them"),
	  NULL, 0 },
	{ "need", OPT_NEED, "LIST", NULL, NULL, OPTS_ALIAS },
	{ "language", OPT_LANGUAGE, "LIST", N_("ISO 639-1 codes; a service speaking any of them"),
	  NULL, 0 },
	{ "open-at", OPT_OPEN_AT, "TIME", N_("open at TIME (local, 2026-11-24T09:00)"), NULL, 0 },
	{ "open-now", OPT_OPEN_NOW, NULL, N_("open now"), NULL, 0 },
	{ "available", OPT_AVAILABLE, NULL,
	  N_("with free places by the latest capacity observation"), NULL, 0 },
	OPTS_LANG,
	OPTS_DIR,
	OPTS_FORMAT,
	OPTS_HELP,
	OPTS_END
};

static const struct opts_command command = {
	usage, N_("Print the services that help with a need, best first.\n"), options,
	N_("Exit 0 when a service is found, 1 when none.  See service-find(1).\n")
};

enum {
	COL_ID,
	COL_NAME,
	COL_ORG,
	COL_ADDRESS,
	COL_PHONE,
	COL_TODAY,
	COL_STATE,
	COL_NEXT,
	COL_FREE,
	NCOLS
};
/* The column names; table and md show them in --lang. */
static const struct word {
	const char *context, *msgid;
} columns[NCOLS] = {
	NC_("report column", "id"),           NC_("report column", "name"),
	NC_("report column", "organization"), NC_("report column", "address"),
	NC_("report column", "phone"),        NC_("report column", "today"),
	NC_("report column", "state"),        NC_("report column", "next"),
	NC_("report column", "free"),
};
/* For people: the words of state (as enum ohours_state, the first also
   today's "closed") and the word before next's time. */
static const struct word state_words[] = {
	NC_("opening hours", "closed"),
	NC_("opening hours", "open"),
	NC_("opening hours", "unknown"),
};
static const struct word until_word = NC_("opening hours", "until");

/* How the cells are written: for people (table, md) in a language, else
   as the column names and values of schedule-check. */
struct style {
	int people;
	const char *lang;
};

static const char *word(const struct style *st, const struct word *w)
{
	return st->people ? i18n_in(st->lang, w->context, w->msgid) : w->msgid;
}

struct query {
	char **needs, **languages; /* NULL-terminated; NULL: any */
	const char *open_at;
	int open_now, available;
	int64_t at; /* local time asked about (now without an option) */
};

/* free: places, or -1 unknown; avail: 2 free, 1 unknown, 0 full. */
struct hit {
	const struct service *s;
	int needs, open, avail, languages;
	int unknown;             /* hours say unknown: ranked between open and closed */
	enum ohours_state state; /* at the time asked about; closed without hours */
	long free;
	const struct ohours *oh;
};

static void lower(char *s)
{
	ascii_fold(s, strlen(s), 0);
}

/* Replace each need given as a code or a label by its code. */
static void check_needs(const struct opts *o, const struct taxonomy *tax, char **v)
{
	size_t i;
	if (!v[0])
		opts_usage_error(o, "--needs: no need given");
	for (i = 0; v[i]; i++) {
		const struct taxonomy_entry *e = taxonomy_resolve(tax, v[i]);
		if (!e) {
			struct suggestion near;
			taxonomy_suggest(tax, v[i], &near);
			diag_printf("%s: --needs: unknown need '%s'\n", diag_prog(), v[i]);
			suggest_print_hint(&near);
			opts_usage_error(o, "no service can match");
		}
		free(v[i]);
		v[i] = xstrdup(e->code);
	}
}

static void check_languages(const struct opts *o, char **v)
{
	size_t i;
	if (!v[0])
		opts_usage_error(o, "--language: no language given");
	for (i = 0; v[i]; i++) {
		lower(v[i]);
		if (!isocodes_language(v[i])) {
			struct suggestion near;
			suggest_one(&near, isocodes_suggest_language(v[i]));
			diag_printf("%s: --language: unknown language '%s'\n", diag_prog(), v[i]);
			suggest_print_hint(&near);
			opts_usage_error(o, "use an ISO 639-1 code such as 'uk'");
		}
	}
}

/* How many of the wanted values the list has. */
static int matches(char **want, const char *const *have, size_t nhave)
{
	size_t i, k;
	int n = 0;
	for (i = 0; want && want[i]; i++)
		for (k = 0; k < nhave; k++)
			if (strcmp(want[i], have[k]) == 0) {
				n++;
				break;
			}
	return n;
}

/* Free places by the latest observation as of the day asked about. */
static void capacity_of(struct hit *h, const struct capacity_history *hist)
{
	const struct capacity_entry *e = capacity_history_find(hist, h->s->id);
	struct capacity_fill f;
	h->free = -1;
	h->avail = 1;
	if (!e || !e->now.have_latest)
		return;
	capacity_fill_of(&e->now.latest, h->s->capacity_total, &f);
	if (f.full) {
		h->free = 0;
		h->avail = 0;
	} else if (f.free >= 0) {
		h->free = f.free;
		h->avail = 2;
	}
}

static int rank(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->needs != y->needs)
		return y->needs - x->needs;
	if (x->open != y->open)
		return y->open - x->open;
	if (x->unknown != y->unknown)
		return y->unknown - x->unknown;
	if (x->avail != y->avail)
		return y->avail - x->avail;
	if (x->languages != y->languages)
		return y->languages - x->languages;
	return strcmp(x->s->id, y->s->id);
}

static void hhmm(struct strbuf *sb, int64_t local, int64_t day)
{
	long min = (long)((local - day) / 60);
	strbuf_addf(sb, "%02ld:%02ld", min / 60, min % 60);
}

struct day_hours {
	struct strbuf *sb;
	int64_t day;
};

static void add_interval(int64_t start, int64_t end, void *arg)
{
	struct day_hours *dh = arg;
	if (dh->sb->len)
		strbuf_addch(dh->sb, ',');
	hhmm(dh->sb, start, dh->day);
	strbuf_addch(dh->sb, '-');
	hhmm(dh->sb, end, dh->day);
}

/* "08:00-12:00,13:00-16:00" or "closed" on the day of q->at; "" without hours. */
static void today(struct strbuf *sb, const struct hit *h, const struct query *q,
		  const struct style *st)
{
	struct day_hours dh;
	dh.sb = sb;
	dh.day = (int64_t)civtime_day_of(q->at) * 86400;
	strbuf_reset(sb);
	if (!h->oh)
		return;
	/* a day without the hours' sunrise or sunset: the state says why */
	if (ohours_intervals(h->oh, schedule_country(h->s), dh.day, dh.day + 86400, 0, add_interval,
			     &dh) < 0)
		strbuf_reset(sb);
	else if (!sb->len)
		strbuf_addstr(sb, word(st, &state_words[OHOURS_CLOSED]));
}

/*
 * When the state at q->at ends: the next change within 366 days, as
 * 2026-12-07T16:00, or for people "until 16:00" (the date too when it is
 * on a later day); "" without hours or without a change.
 */
static void next(struct strbuf *sb, const struct hit *h, const struct query *q,
		 const struct civtz *tz, const struct style *st)
{
	char buf[CIVTIME_TS_MAX], at[CIVTIME_TS_MAX];
	int64_t change;

	strbuf_reset(sb);
	if (!h->oh)
		return;
	change = ohours_next_change_tz(h->oh, schedule_country(h->s), tz, q->at);
	if (change == OHOURS_NONE)
		return;
	civtime_format_local(buf, change);
	if (!st->people) {
		strbuf_addstr(sb, buf);
		return;
	}
	civtime_format_local(at, q->at);
	buf[10] = ' ';
	strbuf_addf(sb, "%s %s", word(st, &until_word), strncmp(buf, at, 10) == 0 ? buf + 11 : buf);
}

static int print(struct hit *hits, size_t n, const struct query *q, const struct dirctx *dc,
		 enum output_format f, const char *lang, struct diag *d)
{
	struct style st = { f == OUTPUT_TABLE || f == OUTPUT_MD, lang };
	const char *fields[NCOLS], *names[NCOLS];
	struct strbuf hours = STRBUF_INIT, nxt = STRBUF_INIT;
	struct output *out;
	char free_buf[32];
	size_t i;
	int rc;

	for (i = 0; i < NCOLS; i++)
		names[i] = word(&st, &columns[i]);
	out = output_new(stdout, f, names, NCOLS);
	output_set_numeric(out, COL_FREE);
	for (i = 0; i < n; i++) {
		const struct service *s = hits[i].s;
		today(&hours, &hits[i], q, &st);
		next(&nxt, &hits[i], q, dc->tz, &st);
		free_buf[0] = '\0';
		if (hits[i].free >= 0)
			snprintf(free_buf, sizeof free_buf, "%ld", hits[i].free);
		fields[COL_ID] = s->id;
		fields[COL_NAME] = s->name;
		fields[COL_ORG] = s->org->name;
		fields[COL_ADDRESS] = s->address ? s->address : "";
		fields[COL_PHONE] = s->phone ? s->phone : "";
		fields[COL_TODAY] = hours.buf;
		fields[COL_STATE] = hits[i].oh ? word(&st, &state_words[hits[i].state]) : "";
		fields[COL_NEXT] = nxt.buf;
		fields[COL_FREE] = free_buf;
		output_row(out, fields);
	}
	rc = output_finish(out, d);
	output_free(out);
	strbuf_release(&hours);
	strbuf_release(&nxt);
	return rc;
}

/* Every service that passes the filters, ranked; 0 found, 1 none, -1 error. */
static int run(const struct query *q, struct dirctx *dc, enum output_format f, const char *lang,
	       struct diag *d)
{
	struct capacity_history hist;
	struct schedule_hours sh;
	struct hit *hits;
	size_t i, n = 0;
	long as_of = civtime_day_of(q->at);
	int rc = -1;

	if (!dc->have_services) {
		diag_set(d, DIAG_DATA, NULL, 0, 0, "no services.yaml in the data directory '%s'",
			 dc->dir.path);
		diag_hint(d,
			  "service-find searches the services of services.yaml; see okienko-files(5)");
		return -1;
	}
	hits = xcalloc(dc->services.nall + 1, sizeof *hits);
	schedule_hours_init(&sh, dc->services.path, dc->tz);
	if (capacity_history_load(&hist, &dc->dir, as_of, d) < 0)
		goto out;
	if (hist.torn)
		diag_warn(hist.name, hist.torn, 0,
			  "skipped an incomplete last record (a write in progress, or a crash)");
	for (i = 0; i < dc->services.nall; i++) {
		struct hit *h = &hits[n];
		h->s = dc->services.all[i];
		h->needs = matches(q->needs, h->s->needs, h->s->nneeds);
		h->languages = matches(q->languages, h->s->languages, h->s->nlanguages);
		if ((q->needs && !h->needs) || (q->languages && !h->languages))
			continue;
		if (schedule_hours_get(&sh, h->s, &h->oh, d) < 0)
			goto out;
		h->state = OHOURS_CLOSED;
		if (h->oh) {
			struct ohours_answer ans;
			ohours_eval_tz(h->oh, schedule_country(h->s), dc->tz, q->at, &ans);
			if (ohours_answer_check(h->oh, schedule_country(h->s), &ans, d) < 0) {
				schedule_hours_error(&sh, h->s, d);
				goto out;
			}
			h->state = ohours_state_of(&ans);
		}
		h->open = h->state == OHOURS_OPEN;
		h->unknown = h->state == OHOURS_UNKNOWN;
		if ((q->open_at || q->open_now) && !h->open)
			continue;
		capacity_of(h, &hist);
		if (q->available && h->avail != 2)
			continue;
		n++;
	}
	qsort(hits, n, sizeof *hits, rank);
	rc = print(hits, n, q, dc, f, lang, d);
	if (rc == 0 && !n)
		rc = DIAG_NO;
out:
	capacity_history_release(&hist);
	schedule_hours_release(&sh);
	free(hits);
	return rc;
}

int main(int argc, char **argv)
{
	struct opts o;
	struct query q;
	struct dirctx dc;
	struct diag d = DIAG_INIT;
	int c, rc = -1, prc;

	opts_start(&o, argv, &command);
	memset(&q, 0, sizeof q);
	while ((c = opts_next(&o, argc, argv)) != -1) {
		if (c == OPT_NEED) {
			optlist_free(q.needs);
			q.needs = optlist_split(optarg);
		} else if (c == OPT_LANGUAGE) {
			optlist_free(q.languages);
			q.languages = optlist_split(optarg);
		} else if (c == OPT_OPEN_AT) {
			q.open_at = optarg;
		} else if (c == OPT_OPEN_NOW) {
			q.open_now = 1;
		} else if (c == OPT_AVAILABLE) {
			q.available = 1;
		}
	}
	if (optind < argc)
		opts_usage_error(&o, "unexpected operand '%s'", argv[optind]);
	if (q.open_at && q.open_now)
		opts_usage_error(&o, "give one of --open-at and --open-now");
	if (q.open_at && (prc = civtime_parse_local(q.open_at, &q.at)) < 0) {
		opts_date_range(&o, prc, "--open-at", q.open_at);
		opts_usage_error(&o, "--open-at: invalid time '%s' (use 2026-11-24T09:00)",
				 q.open_at);
	}
	if (q.languages)
		check_languages(&o, q.languages);

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) < 0)
		goto out;
	if (q.needs)
		check_needs(&o, &dc.taxonomy, q.needs);
	if (!q.open_at)
		q.at = dc.now + civtz_offset_at(dc.tz, dc.now);
	rc = run(&q, &dc, o.format, o.lang, &d);
	dirctx_release(&dc);
out:
	if (rc < 0)
		diag_print(&d);
	optlist_free(q.needs);
	optlist_free(q.languages);
	return opts_finish(rc < 0 ? (int)d.status : rc);
}
