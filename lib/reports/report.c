#include "report.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civtime.h"
#include "csvread.h"
#include "i18n.h"
#include "intake.h"
#include "referral.h"
#include "smallcount.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Every word the report shows people, in one place: English, Czech,
 * Polish, Ukrainian (the order of enum taxonomy_lang).  The English
 * column headers and flag names are the csv ones, so a table reads like
 * the csv.
 */
enum label {
	L_SERVICE, L_ORGANIZATION, L_UNIT, L_USED, L_TOTAL, L_UTILISATION, L_FREE,
	L_WAITING, L_CHANGE, L_REFERRALS, L_TURNED_AWAY, L_OBSERVED, L_FLAGS,
	L_FULL, L_NEAR_FULL, L_UNDER_USED, L_STALE, L_NO_DATA,
	L_GROUP, L_TITLE, L_SERVICES, L_WITH_DATA, L_FREE_PLACES, L_WAITING_LIST,
	L_ALL_REFERRALS, L_TURNED_AWAY_LONG, L_FLAGS_TITLE, L_TABLE_TITLE,
	L_NONE, L_NLABELS
};

static const char *const labels[L_NLABELS][TAXONOMY_NLANG] = {
	[L_SERVICE] = { "service", "služba", "usługa", "послуга" },
	[L_ORGANIZATION] = { "organization", "organizace", "organizacja", "організація" },
	[L_UNIT] = { "unit", "jednotka", "jednostka", "одиниця" },
	[L_USED] = { "used", "obsazeno", "zajęte", "зайнято" },
	[L_TOTAL] = { "total", "kapacita", "pojemność", "місткість" },
	[L_UTILISATION] = { "utilisation", "využití", "wykorzystanie", "завантаженість" },
	[L_FREE] = { "free", "volno", "wolne", "вільно" },
	[L_WAITING] = { "waiting", "čeká", "oczekuje", "у черзі" },
	[L_CHANGE] = { "change", "změna", "zmiana", "зміна" },
	[L_REFERRALS] = { "referrals", "doporučení", "skierowania", "направлення" },
	[L_TURNED_AWAY] = { "turned_away", "odmítnuto", "odmowy", "відмови" },
	[L_OBSERVED] = { "observed", "zjištěno", "stan z dnia", "дата даних" },
	[L_FLAGS] = { "flags", "upozornění", "uwagi", "позначки" },
	[L_FULL] = { "full", "plno", "brak miejsc", "немає місць" },
	[L_NEAR_FULL] = { "near-full", "téměř plno", "prawie pełne", "майже заповнено" },
	[L_UNDER_USED] = { "under-used", "málo využito", "słabo wykorzystane", "недовикористано" },
	[L_STALE] = { "stale", "zastaralé údaje", "nieaktualne dane", "застарілі дані" },
	[L_NO_DATA] = { "no-data", "bez údajů", "brak danych", "немає даних" },
	[L_GROUP] = { "group", "skupina", "grupa", "група" },
	[L_TITLE] = { "Capacity report", "Přehled kapacit", "Raport o miejscach", "Звіт про місця" },
	[L_SERVICES] = { "services", "služby", "usługi", "послуги" },
	[L_WITH_DATA] = { "with data", "s údaji", "z danymi", "з даними" },
	[L_FREE_PLACES] = { "free", "volná místa", "wolne miejsca", "вільні місця" },
	[L_WAITING_LIST] = { "waiting", "čekající", "oczekujący", "у черзі" },
	[L_ALL_REFERRALS] = { "referrals", "doporučení", "skierowania", "направлення" },
	[L_TURNED_AWAY_LONG] = { "turned away for lack of capacity",
				 "odmítnuto pro nedostatek kapacity",
				 "odmowy z powodu braku miejsc",
				 "відмови через брак місць" },
	[L_FLAGS_TITLE] = { "Flags", "Upozornění", "Uwagi", "Позначки" },
	[L_TABLE_TITLE] = { "Services", "Služby", "Usługi", "Послуги" },
	[L_NONE] = { "none", "žádné", "brak", "немає" },
};

static const char *const flag_codes[REPORT_NFLAGS] = {
	"full", "near-full", "under-used", "stale", "no-data"
};

static const char *label(enum label l, enum taxonomy_lang lang)
{
	return labels[l][lang];
}

const char *report_flag_name(enum report_flag f, enum taxonomy_lang lang)
{
	int i;
	for (i = 0; i < REPORT_NFLAGS; i++)
		if (f == 1u << i)
			return lang == TAXONOMY_EN ? flag_codes[i] : label((enum label)(L_FULL + i), lang);
	return "";
}

/* Index of rows by id: open addressing, FNV-1a, at most half full. */

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;
	size_t i;
	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3u;
	return h;
}

static struct report_row *lookup(const struct report *r, const char *id, size_t len)
{
	size_t i;
	if (!r->nindex)
		return NULL;
	for (i = (size_t)hash_bytes(id, len) & (r->nindex - 1);; i = (i + 1) & (r->nindex - 1)) {
		struct report_row *row;
		if (!r->index[i])
			return NULL;
		row = &r->rows[r->index[i] - 1];
		if (strlen(row->id) == len && memcmp(row->id, id, len) == 0)
			return row;
	}
}

static void index_rows(struct report *r)
{
	size_t i, k;
	r->nindex = 16;
	while (r->nindex < 2 * r->n)
		r->nindex *= 2;
	r->index = xcalloc(r->nindex, sizeof *r->index);
	for (i = 0; i < r->n; i++) {
		k = (size_t)hash_bytes(r->rows[i].id, strlen(r->rows[i].id)) & (r->nindex - 1);
		while (r->index[k])
			k = (k + 1) & (r->nindex - 1);
		r->index[k] = i + 1;
	}
}

/* Building the rows. */

static void compute(struct report_row *row, const struct capacity_view *v, long as_of,
		    long stale_days)
{
	const struct service *svc = row->service;
	const struct capacity_obs *ob = v && v->have_latest ? &v->latest : NULL;
	struct capacity_fill f;

	row->flags = 0;
	row->unit = ob && ob->unit[0] ? ob->unit : svc && svc->capacity_unit ? svc->capacity_unit : "";
	row->waiting = ob ? ob->waiting : -1;
	row->observed = ob ? ob->date : -1;
	if (!ob) {
		capacity_fill(-1, svc ? svc->capacity_total : -1, CAPACITY_UNKNOWN, &f);
		row->flags = REPORT_NO_DATA;
	} else {
		capacity_fill_of(ob, svc ? svc->capacity_total : -1, &f);
	}
	row->used = f.used;
	row->total = f.total;
	row->free = f.free;
	row->utilisation = f.utilisation;
	row->have_change = ob && row->used >= 0 && v->have_previous && v->previous.used >= 0;
	row->change = row->have_change ? row->used - v->previous.used : 0;
	if (!ob)
		return;
	if (f.full)
		row->flags |= REPORT_FULL;
	else if (f.near_full)
		row->flags |= REPORT_NEAR_FULL;
	else if (f.under_used)
		row->flags |= REPORT_UNDER_USED;
	if (as_of - ob->date > stale_days)
		row->flags |= REPORT_STALE;
}

static struct report_row *add_row(struct report *r, size_t *alloc, const char *id,
				  const struct service *svc, const struct organization *org)
{
	struct report_row *row;
	XALLOC_GROW(r->rows, r->n + 1, *alloc);
	row = &r->rows[r->n++];
	memset(row, 0, sizeof *row);
	row->id = id;
	row->service = svc;
	row->org = org;
	return row;
}

void report_build(struct report *r, const struct services *s, const struct capacity_history *h,
		  long as_of, long stale_days, long since, long until)
{
	size_t alloc = 0, ualloc = 0, i, k;

	memset(r, 0, sizeof *r);
	r->as_of = as_of;
	r->since = since;
	r->until = until;
	for (i = 0; i < s->norgs; i++) {
		const struct organization *org = &s->orgs[i];
		const struct capacity_entry *e;
		for (k = 0; k < org->nservices; k++) {
			const struct service *svc = org->services[k];
			e = capacity_history_find(h, svc->id);
			if (svc->capacity_unit || (e && e->now.have_latest))
				compute(add_row(r, &alloc, svc->id, svc, org), e ? &e->now : NULL, as_of,
					stale_days);
		}
		e = capacity_history_find(h, org->id);
		if (e && e->now.have_latest)
			compute(add_row(r, &alloc, org->id, NULL, org), &e->now, as_of, stale_days);
	}
	for (i = 0; i < h->n; i++) {
		if (services_find(s, h->entries[i]->id) || services_find_org(s, h->entries[i]->id))
			continue;
		XALLOC_GROW(r->unknown, r->nunknown + 1, ualloc);
		r->unknown[r->nunknown++] = h->entries[i];
	}
	index_rows(r);
}

int report_alert(const struct report *r)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		if (r->rows[i].flags & (REPORT_FULL | REPORT_STALE))
			return 1;
	return 0;
}

void report_release(struct report *r)
{
	free(r->rows);
	free(r->unknown);
	free(r->index);
	memset(r, 0, sizeof *r);
}

/*
 * The intake.csv scanner.  A record is cut into fields with memchr where
 * the line holds no quote or CR before the field (the usual case); a
 * quoted field is skipped from quote to quote.  The rules are those of
 * csvread with CSVREAD_SKIP_TORN_END: RFC 4180, LF or CRLF (or a lone CR)
 * ends a record outside quotes, blank lines are skipped, a quote may only
 * open a field, be doubled inside it, and close it before a comma or a
 * line end.
 */

enum {
	SCAN_CHUNK = 1 << 20,
	SCAN_MAX_FIELD = 1024 * 1024,
	SCAN_MAX_RECORD = 16 * 1024 * 1024
};

struct scan {
	struct report *r;
	int fd;
	const char *name;
	char *buf;
	size_t cap, start, len;        /* bytes buf[start..len) are not yet consumed */
	int eof, header_done, bom_done;
	long line;                     /* line of buf[start] */
	char since[16], until[16];
	struct strbuf ts, ref;         /* the two fields, when quoted */
	struct diag *d;
};

/* Line and column (in characters) of byte at in the record starting at p. */
static void position(const struct scan *s, const char *p, const char *at, long *line, long *col)
{
	const char *q;
	*line = s->line;
	*col = 1;
	for (q = p; q < at; q++) {
		if (*q == '\n') {
			++*line;
			*col = 1;
		} else if ((*q & 0xC0) != 0x80) {
			++*col;
		}
	}
}

__attribute__((format(printf, 4, 5)))
static int scan_error(struct scan *s, const char *p, const char *at, const char *fmt, ...)
{
	char msg[400];
	long line, col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	position(s, p, at, &line, &col);
	return diag_set(s->d, DIAG_DATA, s->name, line, col, "%s", msg);
}

static int malformed(struct scan *s, const char *p, const char *at)
{
	return scan_error(s, p, at, "malformed quoted field (a quote must open a field, be doubled inside it, and close it before a comma or line end)");
}

/* NUL bytes and invalid UTF-8 in the record p[0..n); ASCII is skipped a word at a time. */
static int check_bytes(struct scan *s, const char *p, size_t n)
{
	const char *nul = memchr(p, '\0', n);
	size_t i = 0, lim = nul ? (size_t)(nul - p) : n;
	uint64_t w;
	uint32_t cp;

	while (i < lim) {
		if (i + 8 <= lim) {
			memcpy(&w, p + i, 8);
			if (!(w & UINT64_C(0x8080808080808080))) {
				i += 8;
				continue;
			}
		}
		if ((unsigned char)p[i] < 0x80) {
			i++;
			continue;
		}
		i += utf8_decode(p + i, lim - i, &cp);
		if (cp == UTF8_INVALID)
			return scan_error(s, p, p + i - 1, "invalid UTF-8 sequence starting with byte 0x%02X",
					  (unsigned char)p[i - 1]);
	}
	if (nul)
		return scan_error(s, p, nul, "NUL byte");
	return 0;
}

static void unquote(struct strbuf *sb, const char *v, size_t len)
{
	size_t i;
	strbuf_reset(sb);
	for (i = 0; i < len; i++) {
		strbuf_addch(sb, v[i]);
		if (v[i] == '"')
			i++;
	}
}

static void count_referrals(struct scan *s, const char *ts, size_t tslen,
			    const char *ref, size_t reflen)
{
	const char *end = ref + reflen;
	if (tslen < 10 || memcmp(ts, s->since, 10) < 0 || memcmp(ts, s->until, 10) > 0)
		return;
	while (ref < end) {
		const char *semi = memchr(ref, ';', (size_t)(end - ref));
		const char *stop = semi ? semi : end;
		struct report_row *row = lookup(s->r, ref, (size_t)(stop - ref));
		if (row)
			row->referrals++;
		ref = stop + 1;
	}
}

static int check_header(struct scan *s, const char *p, size_t n)
{
	struct csvread *cr = csvread_open_buffer(p, n, s->name, 0);
	struct csvread_row *row;
	int rc = csvread_next(cr, &row, s->d);
	if (rc == 1)
		rc = intake_check_header(row->field, row->n, s->name, row->col, s->d);
	csvread_free(cr);
	s->header_done = 1;
	return rc < 0 ? -1 : 0;
}

struct cursor {
	const char *nl, *quote, *cr;   /* next LF, quote, CR at or after q (or end) */
};

static const char *find(const char *from, const char *end, char c)
{
	const char *hit = memchr(from, c, (size_t)(end - from));
	return hit ? hit : end;
}

/*
 * One record at buf[start]: 1 when consumed (counted, or a blank line),
 * 0 when the buffer ends before the record does, -1 on an error.
 */
static int scan_record(struct scan *s)
{
	const char *p = s->buf + s->start, *end = s->buf + s->len, *q = p;
	const char *val[INTAKE_NCOLS] = { 0 };
	size_t vlen[INTAKE_NCOLS] = { 0 }, nf = 0;
	int quoted[INTAKE_NCOLS] = { 0 }, multiline = 0;
	struct cursor c;

	if (*p == '\n' || *p == '\r') {
		s->line += *p == '\n';
		s->start++;
		return 1;
	}
	c.nl = find(p, end, '\n');
	if (c.nl == end && !s->eof)
		return 0;
	c.quote = find(p, c.nl, '"');
	c.cr = find(p, c.nl, '\r');
	for (;;) {
		const char *f = q, *stop;
		size_t k = nf < INTAKE_NCOLS ? nf : INTAKE_NCOLS - 1;
		if (q < end && *q == '"') {
			const char *r = q + 1;
			for (;;) {
				r = memchr(r, '"', (size_t)(end - r));
				if (!r || r + 1 >= end)
					return 0;
				if (r[1] != '"')
					break;
				r += 2;
			}
			if (nf < INTAKE_NCOLS) {
				val[k] = q + 1;
				vlen[k] = (size_t)(r - q - 1);
				quoted[k] = 1;
			}
			stop = r + 1;
			if (*stop != ',' && *stop != '\n' && *stop != '\r')
				return malformed(s, p, stop);
			if (stop > c.nl) {
				multiline = 1;
				c.nl = find(stop, end, '\n');
				if (c.nl == end && !s->eof)
					return 0;
			}
			c.quote = find(stop, c.nl, '"');
			c.cr = find(stop, c.nl, '\r');
		} else {
			const char *hazard = c.quote < c.cr ? c.quote : c.cr;
			stop = memchr(q, ',', (size_t)(hazard - q));
			if (!stop)
				stop = hazard;
			if (stop == end)
				return 0;
			if (*stop == '"')
				return malformed(s, p, stop);
			if (nf < INTAKE_NCOLS) {
				val[k] = q;
				vlen[k] = (size_t)(stop - q);
			}
		}
		if (stop - f > SCAN_MAX_FIELD)
			return scan_error(s, p, f, "field longer than %d bytes", SCAN_MAX_FIELD);
		nf++;
		if (*stop != ',') {
			q = stop;
			break;
		}
		q = stop + 1;
	}
	/* q is at the record's LF or CR */
	if (check_bytes(s, p, (size_t)(q - p)) < 0)
		return -1;
	if (!s->header_done) {
		if (check_header(s, p, (size_t)(q - p)) < 0)
			return -1;
	} else if (nf != INTAKE_NCOLS) {
		return diag_set(s->d, DIAG_DATA, s->name, s->line, 1,
				"record has %zu fields instead of %d", nf, INTAKE_NCOLS);
	} else {
		const char *ts = val[INTAKE_TS], *ref = val[INTAKE_REFERRED_TO];
		size_t tslen = vlen[INTAKE_TS], reflen = vlen[INTAKE_REFERRED_TO];
		if (quoted[INTAKE_TS]) {
			unquote(&s->ts, ts, tslen);
			ts = s->ts.buf;
			tslen = s->ts.len;
		}
		if (quoted[INTAKE_REFERRED_TO]) {
			unquote(&s->ref, ref, reflen);
			ref = s->ref.buf;
			reflen = s->ref.len;
		}
		count_referrals(s, ts, tslen, ref, reflen);
	}
	if (multiline) {
		const char *r;
		for (r = p; (r = memchr(r, '\n', (size_t)(q - r))); r++)
			s->line++;
	}
	s->line += *q == '\n';
	s->start = (size_t)(q + 1 - s->buf);
	return 1;
}

static int fill(struct scan *s)
{
	ssize_t n;
	if (s->start) {
		memmove(s->buf, s->buf + s->start, s->len - s->start);
		s->len -= s->start;
		s->start = 0;
	}
	if (s->len > SCAN_MAX_RECORD)
		return diag_set(s->d, DIAG_DATA, s->name, s->line, 1,
				"record longer than %d bytes", SCAN_MAX_RECORD);
	if (s->cap - s->len < SCAN_CHUNK / 2) {
		s->cap *= 2;
		s->buf = xrealloc(s->buf, s->cap + 1);
	}
	do
		n = read(s->fd, s->buf + s->len, s->cap - s->len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return diag_errno(s->d, errno, "read", s->name);
	s->eof = n == 0;
	s->len += (size_t)n;
	if (!s->bom_done && (s->len >= 3 || s->eof)) {
		s->bom_done = 1;
		if (s->len >= 3 && !memcmp(s->buf, "\xEF\xBB\xBF", 3))
			s->start = 3;
	}
	return 0;
}

int report_count_referrals(struct report *r, int fd, const char *name, struct diag *d)
{
	struct scan s;
	int rc = 0;

	memset(&s, 0, sizeof s);
	s.r = r;
	s.fd = fd;
	s.name = name;
	s.d = d;
	s.line = 1;
	s.cap = SCAN_CHUNK;
	s.buf = xmalloc(s.cap + 1);
	strbuf_init(&s.ts, 0);
	strbuf_init(&s.ref, 0);
	civtime_format_date(s.since, r->since);
	civtime_format_date(s.until, r->until);
	while (rc >= 0) {
		rc = s.start < s.len && s.bom_done ? scan_record(&s) : 0;
		if (rc == 0 && s.eof)
			break;
		if (rc == 0)
			rc = fill(&s);
	}
	if (rc == 0 && s.start < s.len)
		r->intake_torn = s.line;
	free(s.buf);
	strbuf_release(&s.ts);
	strbuf_release(&s.ref);
	return rc < 0 ? -1 : 0;
}

static void count_turned_away(void *ctx, long date, const struct csvread_row *row)
{
	struct report *r = ctx;
	struct report_row *hit;
	if (date < r->since || date > r->until)
		return;
	hit = lookup(r, row->field[REFERRAL_SERVICE], row->len[REFERRAL_SERVICE]);
	if (hit)
		hit->turned_away++;
}

int report_count_turned_away(struct report *r, int fd, const char *name, struct diag *d)
{
	return referral_each_turned_away(fd, name, count_turned_away, r, &r->referrals_torn, d);
}

/* Writing. */

enum { NCOLS = REPORT_NCOLS };

static const enum label column_labels[NCOLS] = {
	L_SERVICE, L_ORGANIZATION, L_UNIT, L_USED, L_TOTAL, L_UTILISATION, L_FREE,
	L_WAITING, L_CHANGE, L_REFERRALS, L_TURNED_AWAY, L_OBSERVED, L_FLAGS
};
static const int numeric[NCOLS] = { 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 };

static const char *number(char *buf, long v)
{
	if (v < 0)
		return "";
	snprintf(buf, 32, "%ld", v);
	return buf;
}

static int human(const struct report_view *v)
{
	return v->format == OUTPUT_TABLE || v->format == OUTPUT_MD;
}

static void flags_text(struct strbuf *sb, unsigned flags, const struct report_view *v)
{
	int i;
	strbuf_reset(sb);
	for (i = 0; i < REPORT_NFLAGS; i++) {
		if (!(flags & (1u << i)))
			continue;
		if (sb->len)
			strbuf_addstr(sb, human(v) ? ", " : ";");
		strbuf_addstr(sb, human(v) ? report_flag_name((enum report_flag)(1u << i), v->lang)
					   : flag_codes[i]);
	}
}

static void fill_cells(struct report_cells *c, const struct report_row *row,
		       const struct report_view *v)
{
	const char **f = c->f;
	f[0] = row->id;
	f[1] = row->org->id;
	f[2] = row->unit;
	f[3] = number(c->num[3], row->used);
	f[4] = number(c->num[4], row->total);
	f[5] = "";
	if (row->utilisation >= 0) {
		snprintf(c->num[5], 32, "%ld.%ld", row->utilisation / 10, row->utilisation % 10);
		f[5] = c->num[5];
	}
	f[6] = number(c->num[6], row->free);
	f[7] = number(c->num[7], row->waiting);
	f[8] = "";
	if (row->have_change) {
		snprintf(c->num[8], 32, "%ld", row->change);
		f[8] = c->num[8];
	}
	f[9] = smallcount_cell(c->num[9], row->referrals, v->min_count);
	f[10] = smallcount_cell(c->num[10], row->turned_away, v->min_count);
	f[11] = "";
	if (row->observed >= 0) {
		civtime_format_date(c->num[11], row->observed);
		f[11] = c->num[11];
	}
	flags_text(&c->flags, row->flags, v);
	f[12] = c->flags.buf;
}

const char *report_text(enum report_text t, enum taxonomy_lang lang)
{
	static const enum label texts[] = {
		[REPORT_TEXT_TITLE] = L_TITLE, [REPORT_TEXT_FLAGS] = L_FLAGS_TITLE,
		[REPORT_TEXT_SERVICES] = L_TABLE_TITLE,
	};
	return label(texts[t], lang);
}

const char *report_column(size_t k, enum taxonomy_lang lang)
{
	return label(column_labels[k], lang);
}

int report_column_numeric(size_t k)
{
	return numeric[k];
}

void report_cells_init(struct report_cells *c)
{
	memset(c, 0, sizeof *c);
	strbuf_init(&c->flags, 0);
}

void report_cells_release(struct report_cells *c)
{
	strbuf_release(&c->flags);
}

void report_cells_fill(struct report_cells *c, const struct report_row *row,
		       const struct report_view *v)
{
	struct report_view people = *v;
	people.format = OUTPUT_TABLE;
	fill_cells(c, row, &people);
}

/* Does the row belong to need (or, with need NULL, have no need at all)? */
static int has_need(const struct report_row *row, const char *need)
{
	const struct organization *org = row->org;
	size_t i, k, n = 0;
	for (i = 0; i < org->nservices; i++) {
		const struct service *svc = org->services[i];
		if (row->service && svc != row->service)
			continue;
		for (k = 0; k < svc->nneeds; k++, n++)
			if (need && strcmp(svc->needs[k], need) == 0)
				return 1;
	}
	return !need && n == 0;
}

/* The groups in order: their codes (for programs) and labels (for people). */
size_t report_sections(const struct report *r, const struct report_view *v,
		       struct report_section **out)
{
	struct report_section *g = NULL;
	size_t n = 0, alloc = 0, i, k;
	const char *last = NULL;

	if (v->group == REPORT_GROUP_ORGANIZATION) {
		for (i = 0; i < r->n; i++) {
			if (last == r->rows[i].org->id)
				continue;
			last = r->rows[i].org->id;
			XALLOC_GROW(g, n + 1, alloc);
			g[n].code = last;
			g[n++].label = r->rows[i].org->name;
		}
	} else {
		for (i = 0; i <= v->taxonomy->n; i++) {
			const struct taxonomy_entry *e = i < v->taxonomy->n ? &v->taxonomy->entries[i] : NULL;
			for (k = 0; k < r->n && !has_need(&r->rows[k], e ? e->code : NULL); k++)
				;
			if (k == r->n)
				continue;
			XALLOC_GROW(g, n + 1, alloc);
			g[n].code = e ? e->code : "";
			g[n++].label = e ? e->label[v->lang] : label(L_NONE, v->lang);
		}
	}
	*out = g;
	return n;
}

int report_in_section(const struct report_row *row, const struct report_view *v,
		      const struct report_section *g)
{
	if (v->group == REPORT_GROUP_ORGANIZATION)
		return row->org->id == g->code;
	return has_need(row, *g->code ? g->code : NULL);
}

static struct output *open_table(FILE *fp, const struct report_view *v, enum output_format f,
				 int with_group)
{
	const char *names[NCOLS + 1];
	struct output *out;
	size_t k, off = with_group ? 1 : 0;

	if (with_group)
		names[0] = human(v) ? label(L_GROUP, v->lang) : "group";
	for (k = 0; k < NCOLS; k++)
		names[k + off] = label(column_labels[k], human(v) ? v->lang : TAXONOMY_EN);
	out = output_new(fp, f, names, NCOLS + off);
	for (k = 0; k < NCOLS; k++)
		if (numeric[k])
			output_set_numeric(out, k + off);
	return out;
}

static void put_row(struct output *out, struct report_cells *c, const struct report_row *row,
		    const struct report_view *v, const char *group)
{
	const char *f[NCOLS + 1];
	fill_cells(c, row, v);
	if (!group) {
		output_row(out, c->f);
		return;
	}
	f[0] = group;
	memcpy(f + 1, c->f, NCOLS * sizeof *f);
	output_row(out, f);
}

/* Every format but md: one table, with a group column when grouping. */
static int write_rows(const struct report *r, const struct report_view *v, FILE *fp,
		      struct diag *d)
{
	struct output *out = open_table(fp, v, v->format, v->group != REPORT_GROUP_NONE);
	struct report_cells c;
	struct report_section *g = NULL;
	size_t ng = 0, i, k;
	int rc;

	strbuf_init(&c.flags, 0);
	if (v->group == REPORT_GROUP_NONE) {
		for (i = 0; i < r->n; i++)
			put_row(out, &c, &r->rows[i], v, NULL);
	} else {
		ng = report_sections(r, v, &g);
		for (k = 0; k < ng; k++)
			for (i = 0; i < r->n; i++)
				if (report_in_section(&r->rows[i], v, &g[k]))
					put_row(out, &c, &r->rows[i], v, human(v) ? g[k].label : g[k].code);
	}
	rc = output_finish(out, d);
	output_free(out);
	free(g);
	strbuf_release(&c.flags);
	return rc;
}

/* Text for Markdown outside tables: ASCII punctuation escaped, controls as spaces. */
static void md_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			putc(' ', fp);
		else if (strchr("\\`*_[]<>#|~", *s))
			fprintf(fp, "\\%c", *s);
		else
			putc(*s, fp);
	}
}

/* "5 beds, 3 families": sums per unit, in order of first appearance. */
static void sums_by_unit(struct strbuf *sb, const struct report *r, int waiting)
{
	size_t i, k;
	strbuf_reset(sb);
	for (i = 0; i < r->n; i++) {
		const struct report_row *row = &r->rows[i];
		long sum = 0;
		int seen = 0;
		if ((waiting ? row->waiting : row->free) < 0 || !*row->unit)
			continue;
		for (k = 0; k < i && !seen; k++)
			seen = (waiting ? r->rows[k].waiting : r->rows[k].free) >= 0 &&
			       strcmp(r->rows[k].unit, row->unit) == 0;
		if (seen)
			continue;
		for (k = i; k < r->n; k++)
			if ((waiting ? r->rows[k].waiting : r->rows[k].free) >= 0 &&
			    strcmp(r->rows[k].unit, row->unit) == 0)
				sum += waiting ? r->rows[k].waiting : r->rows[k].free;
		strbuf_addf(sb, "%s%ld %s", sb->len ? ", " : "", sum, row->unit);
	}
}

void report_headline(const struct report *r, const struct report_view *v, struct strbuf *sb)
{
	enum taxonomy_lang lang = v->lang;
	unsigned long nflag[REPORT_NFLAGS] = { 0 }, with_data = 0;
	struct smallcount_total refs, away;
	char date[16], until[16], buf[SMALLCOUNT_BUF];
	struct strbuf sums = STRBUF_INIT;
	size_t i;
	int k;

	/* the totals add up cells of the table: hidden cells make them bounds */
	smallcount_total_init(&refs, v->min_count);
	smallcount_total_init(&away, v->min_count);
	for (i = 0; i < r->n; i++) {
		for (k = 0; k < REPORT_NFLAGS; k++)
			nflag[k] += (r->rows[i].flags >> k) & 1;
		with_data += r->rows[i].observed >= 0;
		smallcount_add(&refs, r->rows[i].referrals);
		smallcount_add(&away, r->rows[i].turned_away);
	}
	strbuf_addf(sb, "%s: %zu, %s: %lu\n", label(L_SERVICES, lang), r->n,
		    label(L_WITH_DATA, lang), with_data);
	for (k = 0; k < REPORT_NFLAGS; k++)
		strbuf_addf(sb, "%s%s: %lu", k ? ", " : "",
			    report_flag_name((enum report_flag)(1u << k), lang), nflag[k]);
	strbuf_addch(sb, '\n');
	sums_by_unit(&sums, r, 0);
	if (sums.len)
		strbuf_addf(sb, "%s: %s\n", label(L_FREE_PLACES, lang), sums.buf);
	sums_by_unit(&sums, r, 1);
	if (sums.len)
		strbuf_addf(sb, "%s: %s\n", label(L_WAITING_LIST, lang), sums.buf);
	civtime_format_date(date, r->since);
	civtime_format_date(until, r->until);
	strbuf_addf(sb, "%s %s – %s: %s", label(L_ALL_REFERRALS, lang), date, until,
		    smallcount_total_cell(buf, &refs));
	strbuf_addf(sb, ", %s: %s\n", label(L_TURNED_AWAY_LONG, lang),
		    smallcount_total_cell(buf, &away));
	strbuf_release(&sums);
}

void report_flag_summary(const struct report *r, const struct report_view *v, struct strbuf *sb)
{
	size_t i, start = sb->len;
	int k;

	for (k = 0; k < REPORT_NFLAGS; k++) {
		int first = 1;
		for (i = 0; i < r->n; i++) {
			if (!(r->rows[i].flags & (1u << k)))
				continue;
			if (first)
				strbuf_addf(sb, "%s: ", report_flag_name((enum report_flag)(1u << k), v->lang));
			strbuf_addf(sb, "%s%s", first ? "" : ", ", r->rows[i].id);
			first = 0;
		}
		if (!first)
			strbuf_addch(sb, '\n');
	}
	if (sb->len == start)
		strbuf_addf(sb, "%s\n", label(L_NONE, v->lang));
}

/* Lines of text as a Markdown list. */
static void md_list(FILE *fp, const char *lines)
{
	const char *nl;
	for (; (nl = strchr(lines, '\n')); lines = nl + 1)
		fprintf(fp, "- %.*s\n", (int)(nl - lines), lines);
}

static void md_headline(const struct report *r, const struct report_view *v, FILE *fp)
{
	struct strbuf sb = STRBUF_INIT;
	char date[16];

	civtime_format_date(date, r->as_of);
	fprintf(fp, "# %s: %s\n\n", label(L_TITLE, v->lang), date);
	report_headline(r, v, &sb);
	md_list(fp, sb.buf);
	fprintf(fp, "\n## %s\n\n", label(L_FLAGS_TITLE, v->lang));
	strbuf_reset(&sb);
	report_flag_summary(r, v, &sb);
	md_list(fp, sb.buf);
	strbuf_release(&sb);
}

static int write_md(const struct report *r, const struct report_view *v, FILE *fp,
		    struct diag *d)
{
	struct report_section *g = NULL;
	struct report_cells c;
	size_t ng = 1, i, k;
	int rc = 0;

	md_headline(r, v, fp);
	fprintf(fp, "\n## %s\n", label(L_TABLE_TITLE, v->lang));
	if (v->group != REPORT_GROUP_NONE)
		ng = report_sections(r, v, &g);
	strbuf_init(&c.flags, 0);
	for (k = 0; k < ng && rc == 0; k++) {
		struct output *out;
		if (g) {
			fputs("\n### ", fp);
			md_text(fp, g[k].label);
			fputs("\n", fp);
		}
		fputs("\n", fp);
		out = open_table(fp, v, OUTPUT_MD, 0);
		for (i = 0; i < r->n; i++)
			if (!g || report_in_section(&r->rows[i], v, &g[k]))
				put_row(out, &c, &r->rows[i], v, NULL);
		rc = output_finish(out, d);
		output_free(out);
	}
	free(g);
	strbuf_release(&c.flags);
	return rc;
}

int report_write(const struct report *r, const struct report_view *v, FILE *fp, struct diag *d)
{
	if (v->format == OUTPUT_MD)
		return write_md(r, v, fp, d);
	return write_rows(r, v, fp, d);
}
