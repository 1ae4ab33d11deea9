#include "civtime.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "xalloc.h"

#include "banned.h"

/*
 * The time zone half of civtime.h: TZif files, POSIX TZ strings, and the
 * conversions between UTC and local time.  Dates and ISO 8601 are in
 * civtime.c.
 */

#define DAY 86400
/* Offsets allowed by RFC 8536 (-25:59:59 .. +25:59:59). */
#define OFF_MIN (-89999)
#define OFF_MAX 93599
/* 400 Gregorian years are exactly 20871 weeks: rules repeat with this period. */
#define CYCLE_SECS ((int64_t)146097 * DAY)
#define TZIF_MAX_SIZE (1024 * 1024)
#define TZ_NAME_MAX 255
#define FOOTER_MAX 255

static int scan_char(const char **p, char c)
{
	if (**p != c)
		return -1;
	(*p)++;
	return 0;
}

enum rule_kind { RULE_JULIAN1, RULE_JULIAN0, RULE_MONTH };

struct tzrule {
	enum rule_kind kind;
	int day, week, month; /* Jn / n: day; Mm.w.d: month, week, day */
	int32_t time;         /* local seconds after midnight, may be <0 or >24h */
};

struct tzfooter {
	int present;
	int32_t std_off, dst_off; /* seconds east of UTC */
	int has_dst;
	struct tzrule start, end;
};

struct civtz {
	char *name;
	size_t ntrans;
	int64_t *trans;     /* strictly ascending */
	unsigned char *idx; /* type of each transition, < ntypes */
	size_t ntypes;      /* >= 1 */
	int32_t *type_off;
	struct tzfooter footer;
};

/* POSIX TZ string parsing (the TZif footer). */

static int posix_name(const char **p)
{
	const char *s = *p;
	size_t n = 0;
	if (*s == '<') {
		s++;
		while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		       (*s >= '0' && *s <= '9') || *s == '+' || *s == '-')
			s++, n++;
		if (*s != '>')
			return -1;
		s++;
	} else {
		while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			s++, n++;
	}
	if (n < 3)
		return -1;
	*p = s;
	return 0;
}

static int posix_number(const char **p, int maxdigits, int *out)
{
	int v = 0, n = 0;
	while (**p >= '0' && **p <= '9' && n < maxdigits)
		v = v * 10 + (*(*p)++ - '0'), n++;
	if (!n || (**p >= '0' && **p <= '9'))
		return -1;
	*out = v;
	return 0;
}

/* [+-]hh[:mm[:ss]] with hours up to maxh; returns seconds. */
static int posix_hms(const char **p, int maxh, int32_t *out)
{
	int sign = 1, h, m = 0, s = 0;
	if (**p == '+' || **p == '-')
		sign = *(*p)++ == '-' ? -1 : 1;
	if (posix_number(p, 3, &h) || h > maxh)
		return -1;
	if (**p == ':') {
		(*p)++;
		if (posix_number(p, 2, &m) || m > 59)
			return -1;
		if (**p == ':') {
			(*p)++;
			if (posix_number(p, 2, &s) || s > 59)
				return -1;
		}
	}
	*out = sign * (h * 3600 + m * 60 + s);
	return 0;
}

static int posix_rule(const char **p, struct tzrule *r)
{
	r->time = 2 * 3600;
	if (**p == 'M') {
		(*p)++;
		r->kind = RULE_MONTH;
		if (posix_number(p, 2, &r->month) || r->month < 1 || r->month > 12 ||
		    scan_char(p, '.') || posix_number(p, 1, &r->week) || r->week < 1 ||
		    r->week > 5 || scan_char(p, '.') || posix_number(p, 1, &r->day) || r->day > 6)
			return -1;
	} else if (**p == 'J') {
		(*p)++;
		r->kind = RULE_JULIAN1;
		if (posix_number(p, 3, &r->day) || r->day < 1 || r->day > 365)
			return -1;
	} else {
		r->kind = RULE_JULIAN0;
		if (posix_number(p, 3, &r->day) || r->day > 365)
			return -1;
	}
	if (**p == '/') {
		(*p)++;
		if (posix_hms(p, 167, &r->time))
			return -1;
	}
	return 0;
}

/* US rules, as tzcode assumes when a DST name comes without rules. */
static void default_rules(struct tzfooter *f)
{
	f->start = (struct tzrule){ RULE_MONTH, 0, 2, 3, 2 * 3600 };
	f->end = (struct tzrule){ RULE_MONTH, 0, 1, 11, 2 * 3600 };
}

static int parse_footer(const char *s, struct tzfooter *f)
{
	int32_t off;
	memset(f, 0, sizeof *f);
	if (posix_name(&s) || posix_hms(&s, 24, &off))
		return -1;
	f->std_off = -off;
	f->dst_off = f->std_off;
	f->present = 1;
	if (!*s)
		return 0;
	if (posix_name(&s))
		return -1;
	f->has_dst = 1;
	f->dst_off = f->std_off + 3600;
	if (*s && *s != ',') {
		if (posix_hms(&s, 24, &off))
			return -1;
		f->dst_off = -off;
	}
	if (!*s) {
		default_rules(f);
		return 0;
	}
	if (scan_char(&s, ',') || posix_rule(&s, &f->start) || scan_char(&s, ',') ||
	    posix_rule(&s, &f->end) || *s)
		return -1;
	return 0;
}

static long rule_day(const struct tzrule *r, int y)
{
	long first, day;
	int wd;
	switch (r->kind) {
	case RULE_JULIAN1:
		return civtime_days_from_civil(y, 1, 1) + r->day - 1 +
		       (civtime_is_leap(y) && r->day >= 60);
	case RULE_JULIAN0:
		return civtime_days_from_civil(y, 1, 1) + r->day;
	case RULE_MONTH:
		break;
	}
	first = civtime_days_from_civil(y, r->month, 1);
	wd = civtime_weekday(first) % 7; /* 0 = Sunday as in POSIX */
	day = first + (r->day - wd + 7) % 7 + 7L * (r->week - 1);
	while (day >= first + civtime_days_in_month(y, r->month))
		day -= 7;
	return day;
}

struct ftrans {
	int64_t at;
	int32_t off; /* offset from then on */
};

/* Footer transitions of years y0..y0+n/2-1, sorted by time. */
static size_t footer_trans(const struct tzfooter *f, int y0, struct ftrans *out, size_t n)
{
	size_t k = 0, i, j;
	int y;
	for (y = y0; k + 2 <= n; y++) {
		out[k].at = (int64_t)rule_day(&f->start, y) * DAY + f->start.time - f->std_off;
		out[k++].off = f->dst_off;
		out[k].at = (int64_t)rule_day(&f->end, y) * DAY + f->end.time - f->dst_off;
		out[k++].off = f->std_off;
	}
	for (i = 1; i < k; i++) {
		struct ftrans t = out[i];
		for (j = i; j > 0 && out[j - 1].at > t.at; j--)
			out[j] = out[j - 1];
		out[j] = t;
	}
	return k;
}

/*
 * Far instants are moved by whole 400-year cycles into a range where the
 * year fits an int; the rules repeat with that period.
 */
static int64_t cycle_shift(int64_t t)
{
	const int64_t limit = (int64_t)1 << 40;
	if (t > -limit && t < limit)
		return 0;
	return t - civtime_floor_mod(t, CYCLE_SECS);
}

static int year_of(int64_t t)
{
	int y, m, d;
	civtime_civil_from_days((long)civtime_floor_div(t, DAY), &y, &m, &d);
	return y;
}

#define FTRANS_N 8

static int footer_offset(const struct tzfooter *f, int64_t t)
{
	struct ftrans tr[FTRANS_N];
	int32_t off = f->std_off;
	size_t i, n;
	if (!f->has_dst)
		return f->std_off;
	t -= cycle_shift(t);
	n = footer_trans(f, year_of(t) - 2, tr, FTRANS_N);
	for (i = 0; i < n && tr[i].at <= t; i++)
		off = tr[i].off;
	return off;
}

/* First footer transition after t, or 0 when none. */
static int footer_next(const struct tzfooter *f, int64_t t, int64_t *next)
{
	struct ftrans tr[FTRANS_N];
	int64_t shift;
	size_t i, n;
	if (!f->has_dst)
		return 0;
	shift = cycle_shift(t);
	t -= shift;
	n = footer_trans(f, year_of(t) - 1, tr, FTRANS_N);
	for (i = 0; i < n; i++) {
		if (tr[i].at > t) {
			if (shift > 0 && tr[i].at > INT64_MAX - shift)
				return 0;
			*next = tr[i].at + shift;
			return 1;
		}
	}
	return 0;
}

/* Number of transitions at or before t. */
static size_t trans_upto(const struct civtz *tz, int64_t t)
{
	size_t lo = 0, hi = tz->ntrans;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (tz->trans[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int uses_footer(const struct civtz *tz, int64_t t)
{
	return tz->footer.present && (!tz->ntrans || t >= tz->trans[tz->ntrans - 1]);
}

int civtz_offset_at(const struct civtz *tz, int64_t utc)
{
	size_t n;
	if (uses_footer(tz, utc))
		return footer_offset(&tz->footer, utc);
	n = trans_upto(tz, utc);
	return tz->type_off[n ? tz->idx[n - 1] : 0];
}

int civtz_offset_span(const struct civtz *tz, int64_t utc, int64_t *from, int64_t *until)
{
	size_t n;
	int64_t next;
	if (uses_footer(tz, utc)) {
		*from = utc; /* the footer's change before utc is not looked for */
		*until = footer_next(&tz->footer, utc, &next) ? next : INT64_MAX;
		return footer_offset(&tz->footer, utc);
	}
	n = trans_upto(tz, utc);
	*from = n ? tz->trans[n - 1] : INT64_MIN;
	*until = n < tz->ntrans ? tz->trans[n] : INT64_MAX;
	return tz->type_off[n ? tz->idx[n - 1] : 0];
}

static int next_transition(const struct civtz *tz, int64_t t, int64_t *next)
{
	size_t n;
	if (uses_footer(tz, t))
		return footer_next(&tz->footer, t, next);
	n = trans_upto(tz, t);
	if (n < tz->ntrans) {
		*next = tz->trans[n];
		return 1;
	}
	return 0;
}

/*
 * Walk the pieces of constant offset whose instants could show local time
 * local, in time order: the first piece that holds it gives the earliest
 * instant; a jump past it is a gap, read with the offset before the jump.
 */
int64_t civtz_local_to_utc(const struct civtz *tz, int64_t local)
{
	const int64_t bound = (int64_t)1 << 62;
	int64_t s, e, hi, u;
	int off;
	if (local > bound)
		local = bound;
	if (local < -bound)
		local = -bound;
	s = local - OFF_MAX - 1;
	hi = local - OFF_MIN + 1;
	off = civtz_offset_at(tz, s);
	while (s <= hi) {
		u = local - off;
		if (!next_transition(tz, s, &e) || e > hi)
			e = hi + 1;
		if (u >= s && u < e)
			return u;
		if (u < s)
			break;
		off = civtz_offset_at(tz, e);
		if (local - off < e)
			return u;
		s = e;
	}
	return local - civtz_offset_at(tz, local);
}

const char *civtz_name(const struct civtz *tz)
{
	return tz->name;
}

void civtz_free(struct civtz *tz)
{
	if (!tz)
		return;
	free(tz->name);
	free(tz->trans);
	free(tz->idx);
	free(tz->type_off);
	free(tz);
}

static struct civtz *new_utc(const char *name)
{
	struct civtz *tz = xcalloc(1, sizeof *tz);
	tz->name = xstrdup(name);
	tz->ntypes = 1;
	tz->type_off = xcalloc(1, sizeof *tz->type_off);
	return tz;
}

static int valid_name(const char *name)
{
	const char *p = name, *comp = name;
	if (!*name || strlen(name) > TZ_NAME_MAX)
		return 0;
	for (;; p++) {
		if (*p == '/' || !*p) {
			size_t n = (size_t)(p - comp);
			if (!n || (n == 1 && comp[0] == '.') ||
			    (n == 2 && comp[0] == '.' && comp[1] == '.'))
				return 0;
			if (!*p)
				return 1;
			comp = p + 1;
		} else if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			     (*p >= '0' && *p <= '9') || *p == '_' || *p == '+' || *p == '-')) {
			return 0;
		}
	}
}

/* TZif parsing: a cursor over the file's bytes that never reads past end. */
struct tzif {
	const unsigned char *p, *end;
};

static int tzif_take(struct tzif *f, size_t n, const unsigned char **out)
{
	if ((size_t)(f->end - f->p) < n)
		return -1;
	*out = f->p;
	f->p += n;
	return 0;
}

static uint32_t get_be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static int64_t get_be64(const unsigned char *b)
{
	uint64_t v = (uint64_t)get_be32(b) << 32 | get_be32(b + 4);
	return v <= INT64_MAX ? (int64_t)v : -(int64_t)(~v) - 1;
}

static int32_t to_int32(uint32_t v)
{
	return v <= INT32_MAX ? (int32_t)v : -(int32_t)(~v) - 1;
}

struct tzif_header {
	int version; /* 1, 2, 3, ... */
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static int tzif_header(struct tzif *f, struct tzif_header *h)
{
	const unsigned char *b;
	if (tzif_take(f, 44, &b) || memcmp(b, "TZif", 4))
		return -1;
	if (b[4] == 0)
		h->version = 1;
	else if (b[4] >= '2' && b[4] <= '9')
		h->version = b[4] - '0';
	else
		return -1;
	h->isutcnt = get_be32(b + 20);
	h->isstdcnt = get_be32(b + 24);
	h->leapcnt = get_be32(b + 28);
	h->timecnt = get_be32(b + 32);
	h->typecnt = get_be32(b + 36);
	h->charcnt = get_be32(b + 40);
	/* Bounding every count by the file size keeps the sums below exact. */
	if (h->isutcnt > TZIF_MAX_SIZE || h->isstdcnt > TZIF_MAX_SIZE ||
	    h->leapcnt > TZIF_MAX_SIZE || h->timecnt > TZIF_MAX_SIZE ||
	    h->typecnt > TZIF_MAX_SIZE || h->charcnt > TZIF_MAX_SIZE)
		return -1;
	return 0;
}

/* The counts of the data block that is used (RFC 8536 section 3.1). */
static int tzif_counts_valid(const struct tzif_header *h)
{
	return h->typecnt && h->typecnt <= 256 && h->charcnt &&
	       (!h->isutcnt || h->isutcnt == h->typecnt) &&
	       (!h->isstdcnt || h->isstdcnt == h->typecnt);
}

/* Size of the data block after header h, with times of tsize bytes. */
static size_t tzif_block_size(const struct tzif_header *h, size_t tsize)
{
	return (size_t)h->timecnt * (tsize + 1) + (size_t)h->typecnt * 6 + h->charcnt +
	       (size_t)h->leapcnt * (tsize + 4) + h->isstdcnt + h->isutcnt;
}

static int tzif_data(struct tzif *f, const struct tzif_header *h, size_t tsize, struct civtz *tz)
{
	const unsigned char *times, *idx, *types, *rest;
	size_t i;
	if (!tzif_counts_valid(h) || tzif_take(f, (size_t)h->timecnt * tsize, &times) ||
	    tzif_take(f, h->timecnt, &idx) || tzif_take(f, (size_t)h->typecnt * 6, &types) ||
	    tzif_take(f,
		      (size_t)h->charcnt + (size_t)h->leapcnt * (tsize + 4) + h->isstdcnt +
			      h->isutcnt,
		      &rest))
		return -1;
	tz->ntrans = h->timecnt;
	tz->ntypes = h->typecnt;
	tz->trans = xreallocarray(NULL, tz->ntrans ? tz->ntrans : 1, sizeof *tz->trans);
	tz->idx = xmalloc(tz->ntrans ? tz->ntrans : 1);
	tz->type_off = xreallocarray(NULL, tz->ntypes, sizeof *tz->type_off);
	for (i = 0; i < tz->ntypes; i++) {
		const unsigned char *t = types + 6 * i;
		int32_t off = to_int32(get_be32(t));
		if (off < OFF_MIN || off > OFF_MAX || t[4] > 1 || t[5] >= h->charcnt)
			return -1;
		tz->type_off[i] = off;
	}
	for (i = 0; i < tz->ntrans; i++) {
		tz->trans[i] =
			tsize == 8 ? get_be64(times + 8 * i) : to_int32(get_be32(times + 4 * i));
		tz->idx[i] = idx[i];
		if (idx[i] >= tz->ntypes || (i && tz->trans[i] <= tz->trans[i - 1]))
			return -1;
	}
	return 0;
}

static int tzif_footer(struct tzif *f, struct civtz *tz)
{
	const unsigned char *nl;
	char buf[FOOTER_MAX + 1];
	size_t n;
	if (f->p == f->end || *f->p != '\n')
		return -1;
	f->p++;
	nl = memchr(f->p, '\n', (size_t)(f->end - f->p));
	if (!nl)
		return -1;
	n = (size_t)(nl - f->p);
	if (n > FOOTER_MAX || memchr(f->p, '\0', n))
		return -1;
	if (!n)
		return 0;
	memcpy(buf, f->p, n);
	buf[n] = '\0';
	return parse_footer(buf, &tz->footer);
}

enum tzif_result { TZIF_OK, TZIF_INVALID, TZIF_LEAP };

static enum tzif_result tzif_parse(const unsigned char *data, size_t len, struct civtz *tz)
{
	struct tzif f = { data, data + len };
	struct tzif_header h;
	const unsigned char *skip;
	if (tzif_header(&f, &h))
		return TZIF_INVALID;
	if (h.version >= 2) {
		if (tzif_take(&f, tzif_block_size(&h, 4), &skip) || tzif_header(&f, &h))
			return TZIF_INVALID;
	}
	if (h.leapcnt)
		return TZIF_LEAP;
	if (tzif_data(&f, &h, h.version >= 2 ? 8 : 4, tz))
		return TZIF_INVALID;
	if (h.version >= 2 && tzif_footer(&f, tz))
		return TZIF_INVALID;
	return TZIF_OK;
}

/*
 * Read a regular file of at most max bytes; a longer one gives max + 1
 * bytes.  -1 with errno set on failure (ENOENT when not a regular file).
 */
static int read_small_file(const char *path, unsigned char **out, size_t *len, size_t max)
{
	unsigned char *buf;
	size_t n = 0, cap;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* a FIFO must not block */
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = ENOENT;
		return -1;
	}
	cap = st.st_size >= 0 && (uintmax_t)st.st_size < max ? (size_t)st.st_size + 1 : max + 1;
	buf = xmalloc(cap);
	while (n < cap) {
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			close(fd);
			free(buf);
			errno = e;
			return -1;
		}
		if (!r)
			break;
		n += (size_t)r;
	}
	close(fd);
	*out = buf;
	*len = n;
	return 0;
}

/* Why a zone was not loaded, for civtz_load_env. */
enum load_fail { LOAD_MISSING = 1, LOAD_LEAP, LOAD_BAD };

/* *fail (when not NULL) says why on failure. */
static int load_file(const char *name, const char *path, struct civtz **out, struct diag *d,
		     enum load_fail *fail)
{
	unsigned char *data;
	size_t len;
	struct civtz *tz;
	enum tzif_result r;
	if (read_small_file(path, &data, &len, TZIF_MAX_SIZE)) {
		if (errno == ENOENT || errno == ENOTDIR || errno == EISDIR || errno == ELOOP) {
			if (fail)
				*fail = LOAD_MISSING;
			return diag_set(d, DIAG_DATA, NULL, 0, 0, "unknown time zone '%s'", name);
		}
		if (fail)
			*fail = LOAD_BAD;
		return diag_errno(d, errno, "read", path);
	}
	tz = xcalloc(1, sizeof *tz);
	tz->name = xstrdup(name);
	r = len > TZIF_MAX_SIZE ? TZIF_INVALID : tzif_parse(data, len, tz);
	free(data);
	if (r != TZIF_OK) {
		civtz_free(tz);
		if (fail)
			*fail = r == TZIF_LEAP ? LOAD_LEAP : LOAD_BAD;
		if (r == TZIF_LEAP)
			return diag_set(d, DIAG_DATA, NULL, 0, 0, "unsupported time zone file '%s'",
					path);
		return diag_set(d, DIAG_DATA, NULL, 0, 0, "invalid time zone file '%s'", path);
	}
	*out = tz;
	return 0;
}

static const char *zone_dir(void)
{
	const char *dir = getenv("TZDIR");
	return dir && *dir ? dir : "/usr/share/zoneinfo";
}

static int load_named(const char *name, struct civtz **out, struct diag *d, enum load_fail *fail)
{
	char path[4096];
	if (fail)
		*fail = LOAD_MISSING;
	if (!valid_name(name))
		return diag_set(d, DIAG_DATA, NULL, 0, 0, "invalid time zone name '%s'", name);
	if (!strcmp(name, "UTC") || !strcmp(name, "Etc/UTC")) {
		*out = new_utc(name);
		return 0;
	}
	if ((size_t)snprintf(path, sizeof path, "%s/%s", zone_dir(), name) >= sizeof path)
		return diag_set(d, DIAG_DATA, NULL, 0, 0, "unknown time zone '%s'", name);
	return load_file(name, path, out, d, fail);
}

int civtz_load(const char *name, struct civtz **out, struct diag *d)
{
	return load_named(name, out, d, NULL);
}

/* A zone of a POSIX TZ string alone: no transitions, the footer's rules. */
static int load_posix(const char *s, struct civtz **out)
{
	struct tzfooter f;
	struct civtz *tz;
	if (strlen(s) > FOOTER_MAX || parse_footer(s, &f))
		return -1;
	tz = new_utc(s);
	tz->type_off[0] = f.std_off;
	tz->footer = f;
	*out = tz;
	return 0;
}

/* The part of path after the database's directory, when it is a zone's name there. */
static const char *name_in_db(const char *path)
{
	const char *dir = zone_dir(), *z;
	size_t n = strlen(dir);
	if (path[0] == '/' && !strncmp(path, dir, n) && path[n] == '/' && valid_name(path + n + 1))
		return path + n + 1;
	/* a relative link such as ../usr/share/zoneinfo/Europe/Prague */
	z = path[0] != '/' ? strstr(path, "zoneinfo/") : NULL;
	return z && valid_name(z + 9) ? z + 9 : NULL;
}

/*
 * A TZif file named by its path.  It is called by its name in the
 * database when it is one of its files, or a link to one (as
 * /etc/localtime usually is), else by its path.
 */
static int load_path(const char *path, struct civtz **out, struct diag *d, enum load_fail *fail)
{
	char link[4096];
	const char *name = name_in_db(path);
	ssize_t n;
	if (!name && (n = readlink(path, link, sizeof link - 1)) > 0) {
		link[n] = '\0';
		name = name_in_db(link);
	}
	return load_file(name ? name : path, path, out, d, fail);
}

static int env_error(struct diag *d, const char *tz, const struct diag *why, enum load_fail fail)
{
	if (why && why->status == DIAG_SYSTEM) {
		*d = *why;
		return -1;
	}
	if (fail == LOAD_LEAP) {
		diag_set(d, DIAG_USAGE, NULL, 0, 0,
			 "TZ: the clock of the time zone '%s' counts leap seconds", tz);
		diag_hint(d, "use the zone without 'right/', such as Europe/Prague");
		return -1;
	}
	diag_set(d, DIAG_USAGE, NULL, 0, 0, "TZ: unknown time zone '%s'", tz);
	diag_hint(d,
		  "name a zone of the time zone database, such as Europe/Prague, or give a "
		  "POSIX TZ string, such as CET-1CEST,M3.5.0,M10.5.0/3");
	return -1;
}

int civtz_load_env(const char *tz, struct civtz **out, struct diag *d)
{
	struct diag why = DIAG_INIT;
	const char *name = tz;
	enum load_fail fail = LOAD_MISSING;

	if (!tz || !*tz) {
		*out = new_utc("UTC");
		return 0;
	}
	if (*name == ':')
		name++;
	if (*name == '/') {
		if (load_path(name, out, &why, &fail) == 0)
			return 0;
		return env_error(d, tz, &why, fail);
	}
	/* as the C library does: a file of that name first, else the rules */
	if (valid_name(name)) {
		if (load_named(name, out, &why, &fail) == 0)
			return 0;
		if (fail != LOAD_MISSING)
			return env_error(d, tz, &why, fail);
	}
	if (name == tz && load_posix(name, out) == 0)
		return 0;
	return env_error(d, tz, NULL, LOAD_MISSING);
}
