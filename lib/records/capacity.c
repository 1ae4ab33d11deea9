#include "capacity.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ascii.h"
#include "csvread.h"
#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"
#include "fields.h"
#include "i18n.h"
#include "banned.h"

const char *const capacity_statuses[] = { "ok", "near-full", "full", "unknown", NULL };

/* clang-format off */
const char *const capacity_columns[CAPACITY_NCOLS + 1] = { CAPACITY_SCHEMA(SCHEMA_NAME, CAPACITY) NULL };
static const struct schema_column capacity_schema_columns[CAPACITY_NCOLS] = {
	CAPACITY_SCHEMA(SCHEMA_ROW, CAPACITY)
};
/* clang-format on */
const struct schema capacity_schema = { CAPACITY_FILE, capacity_schema_columns, capacity_columns,
					CAPACITY_NCOLS };

int capacity_status_parse(const char *s, enum capacity_status *st)
{
	int i;
	for (i = 0; capacity_statuses[i]; i++)
		if (strcmp(s, capacity_statuses[i]) == 0) {
			*st = (enum capacity_status)i;
			return 0;
		}
	return -1;
}

void capacity_record_init(struct capacity_record *r)
{
	fields_init(r->f, CAPACITY_NCOLS);
}

void capacity_record_release(struct capacity_record *r)
{
	fields_release(r->f, CAPACITY_NCOLS);
}

void capacity_record_set(struct capacity_record *r, enum capacity_column c, const char *value)
{
	fields_set(&r->f[c], value);
}

/* A problem of column c, where it came from (fields.h). */
#define field_error(d, o, c, ...) fields_error(d, &capacity_schema, o, c, __VA_ARGS__)

static void trim_fold(struct capacity_record *r, enum capacity_column c)
{
	fields_trim(&r->f[c]);
	fields_fold(&r->f[c], 0);
}

/* Letters (any script), digits, '-', '_': the rule of services.yaml. */
static int is_unit(const char *u)
{
	size_t i;
	for (i = 0; u[i]; i++)
		if (!((unsigned char)u[i] >= 0x80 || ascii_isalnum((unsigned char)u[i]) ||
		      u[i] == '-' || u[i] == '_'))
			return 0;
	return i > 0 && i <= CAPACITY_UNIT_MAX;
}

/* A whole number 0..CAPACITY_MAX in plain digits; -1 otherwise. */
static long parse_count(const char *s)
{
	char *end;
	long v;
	if (!ascii_isdigit((unsigned char)s[0]) || strlen(s) > 9)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v > CAPACITY_MAX)
		return -1;
	return v;
}

static long today(const struct fields_context *ctx)
{
	return civtime_local_day(ctx->tz, ctx->now);
}

static int check_date(struct capacity_record *r, const struct fields_context *ctx,
		      const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[CAPACITY_DATE];
	char buf[16];
	long days;
	int rc;

	fields_trim(sb);
	if (!sb->len) {
		civtime_format_date(buf, today(ctx));
		capacity_record_set(r, CAPACITY_DATE, buf);
		return 0;
	}
	if ((rc = civtime_parse_date(sb->buf, &days)) < 0) {
		field_error(d, o, CAPACITY_DATE, "invalid date '%s'", sb->buf);
		civtime_hint(d, rc, "write it as 2026-11-23");
		return -1;
	}
	if (days > today(ctx))
		return field_error(d, o, CAPACITY_DATE, "date '%s' is in the future", sb->buf);
	return 0;
}

/* Latin letters with diacritics of the region's languages, to their base letter. */
static const struct {
	uint32_t cp;
	char ascii;
} translit[] = {
	{ 0xE1, 'a' },  { 0xE4, 'a' },  { 0x105, 'a' }, { 0x107, 'c' }, { 0x10D, 'c' },
	{ 0x10F, 'd' }, { 0xE9, 'e' },  { 0x11B, 'e' }, { 0x119, 'e' }, { 0xED, 'i' },
	{ 0x13A, 'l' }, { 0x13E, 'l' }, { 0x142, 'l' }, { 0x144, 'n' }, { 0x148, 'n' },
	{ 0xF3, 'o' },  { 0xF4, 'o' },  { 0xF6, 'o' },  { 0x155, 'r' }, { 0x159, 'r' },
	{ 0x15B, 's' }, { 0x161, 's' }, { 0x165, 't' }, { 0xFA, 'u' },  { 0x16F, 'u' },
	{ 0xFC, 'u' },  { 0xFD, 'y' },  { 0x17A, 'z' }, { 0x17C, 'z' }, { 0x17E, 'z' },
	{ 0xC1, 'a' },  { 0xC4, 'a' },  { 0x104, 'a' }, { 0x106, 'c' }, { 0x10C, 'c' },
	{ 0x10E, 'd' }, { 0xC9, 'e' },  { 0x11A, 'e' }, { 0x118, 'e' }, { 0xCD, 'i' },
	{ 0x141, 'l' }, { 0x143, 'n' }, { 0x147, 'n' }, { 0xD3, 'o' },  { 0xD6, 'o' },
	{ 0x158, 'r' }, { 0x15A, 's' }, { 0x160, 's' }, { 0x164, 't' }, { 0xDA, 'u' },
	{ 0x16E, 'u' }, { 0xDC, 'u' },  { 0xDD, 'y' },  { 0x179, 'z' }, { 0x17B, 'z' },
	{ 0x17D, 'z' },
};

/* "Noclehárna Přístav" -> "nocleharna-pristav": names compared with ids. */
static char *slug(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(name), i = 0, k;
	int dash = 0;

	while (i < len) {
		uint32_t cp;
		char c = 0;
		i += utf8_decode(name + i, len - i, &cp);
		if (ascii_isalnum((int)cp))
			c = (char)ascii_tolower((int)cp);
		for (k = 0; !c && k < sizeof translit / sizeof *translit; k++)
			if (translit[k].cp == cp)
				c = translit[k].ascii;
		if (!c) {
			dash = sb.len > 0;
			continue;
		}
		if (dash)
			strbuf_addch(&sb, '-');
		strbuf_addch(&sb, c);
		dash = 0;
	}
	return strbuf_detach(&sb, NULL);
}

/* The ids meant by an unknown one: near ids, or names or aliases of organizations. */
static size_t suggest_id(const struct services *s, const char *id, struct suggestion *out)
{
	const char **cand = NULL, **target = NULL;
	char **owned = NULL;
	size_t n = 0, alloc = 0, talloc = 0, nowned = 0, oalloc = 0, i, k;

	for (i = 0; i < s->nall; i++) {
		XALLOC_GROW(cand, n + 1, alloc);
		XALLOC_GROW(target, n + 1, talloc);
		cand[n] = target[n] = s->all[i]->id;
		n++;
	}
	for (i = 0; i < s->norgs; i++) {
		const struct organization *org = &s->orgs[i];
		for (k = 0; k <= org->naliases + 1; k++) {
			XALLOC_GROW(cand, n + 1, alloc);
			XALLOC_GROW(target, n + 1, talloc);
			target[n] = org->id;
			if (k == 0) {
				cand[n++] = org->id;
				continue;
			}
			XALLOC_GROW(owned, nowned + 1, oalloc);
			owned[nowned] = slug(k == 1 ? org->name : org->aliases[k - 2]);
			cand[n++] = owned[nowned++];
		}
	}
	if (suggest_words(out, id, cand, n))
		suggest_map(out, cand, target, n);
	for (i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	free(cand);
	free(target);
	return out->n;
}

/* The one service of org an observation in unit belongs to, or NULL. */
static const struct service *org_service(const struct organization *org, const char *unit)
{
	const struct service *found = NULL;
	size_t i;
	if (org->nservices == 1)
		return org->services[0];
	if (!*unit)
		return NULL;
	for (i = 0; i < org->nservices; i++) {
		const char *u = org->services[i]->capacity_unit;
		if (u && strcmp(u, unit) == 0) {
			if (found)
				return NULL;
			found = org->services[i];
		}
	}
	return found;
}

static int check_service(struct capacity_record *r, const struct fields_context *ctx,
			 const struct fields_origin *o, const struct service **svc, struct diag *d)
{
	struct strbuf *sb = &r->f[CAPACITY_SERVICE];
	const struct organization *org;
	struct suggestion near;

	*svc = NULL;
	trim_fold(r, CAPACITY_SERVICE);
	if (!sb->len) {
		field_error(d, o, CAPACITY_SERVICE, "a service or organization id is required");
		diag_hint(d, "ids are those of services.yaml, such as a service's 'id:'");
		return -1;
	}
	if (ctx->services && (*svc = services_find(ctx->services, sb->buf)))
		return 0;
	if (ctx->services && (org = services_find_org(ctx->services, sb->buf))) {
		if ((*svc = org_service(org, r->f[CAPACITY_UNIT].buf)))
			capacity_record_set(r, CAPACITY_SERVICE, (*svc)->id);
		return 0;
	}
	field_error(d, o, CAPACITY_SERVICE, "unknown service or organization '%s'", sb->buf);
	if (!ctx->services)
		diag_hint(d, "the data directory has no services.yaml");
	else if (suggest_id(ctx->services, sb->buf, &near))
		suggest_hint(d, &near);
	else
		diag_hint(d,
			  "if '%s' names an organization in the minutes, add that name to its aliases in services.yaml",
			  sb->buf);
	return -1;
}

/*
 * The unit counts used and total; a waiting list stated alone may be
 * counted in people ("5 people wait for a bed"), so only numbers of places
 * must be in the service's unit.
 */
static int check_unit(struct capacity_record *r, const struct fields_context *ctx,
		      const struct service *svc, int places, int numbers,
		      const struct fields_origin *o, struct diag *d)
{
	const struct organization *org =
		svc || !ctx->services
			? NULL
			: services_find_org(ctx->services, r->f[CAPACITY_SERVICE].buf);
	struct strbuf *sb = &r->f[CAPACITY_UNIT];
	const char *want = svc ? svc->capacity_unit : NULL;

	if (sb->len && !is_unit(sb->buf)) {
		field_error(d, o, CAPACITY_UNIT, "invalid unit '%s'", sb->buf);
		diag_hint(d, "a unit is one word, such as 'beds', 'families' or 'places'");
		return -1;
	}
	if (want && !sb->len)
		capacity_record_set(r, CAPACITY_UNIT, want);
	if (want && places && strcmp(sb->buf, want) != 0) {
		field_error(d, o, CAPACITY_UNIT, "unit '%s' is not the capacity unit of '%s'",
			    sb->buf, svc->id);
		/* TRANSLATORS: a service id, then a unit code such as beds */
		diag_hint(d, "services.yaml counts '%s' in %s", svc->id, want);
		return -1;
	}
	if (!sb->len && numbers) {
		field_error(d, o, CAPACITY_UNIT, "a unit is required with numbers");
		if (org)
			diag_hint(d,
				  "'%s' is an organization of several services: give the unit, or the id of one of them",
				  org->id);
		else
			diag_hint(d,
				  "'%s' has no capacity unit in services.yaml; say what is counted, such as beds",
				  r->f[CAPACITY_SERVICE].buf);
		return -1;
	}
	return 0;
}

static int check_count(struct capacity_record *r, enum capacity_column c, long *out,
		       const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[c];
	char buf[24];

	fields_trim(sb);
	*out = -1;
	if (!sb->len)
		return 0;
	if ((*out = parse_count(sb->buf)) < 0)
		/* TRANSLATORS: the first %s is a column name: used, total or waiting */
		return o && o->file
			       ? field_error(d, o, c, "%s '%s' is not a whole number from 0 to %d",
					     capacity_columns[c], sb->buf, CAPACITY_MAX)
			       : field_error(d, o, c, "'%s' is not a whole number from 0 to %d",
					     sb->buf, CAPACITY_MAX);
	snprintf(buf, sizeof buf, "%ld", *out);
	capacity_record_set(r, c, buf);
	return 0;
}

static int check_source(struct capacity_record *r, const struct fields_context *ctx,
			const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[CAPACITY_SOURCE];
	long days;
	int rc = CIVTIME_BAD;

	trim_fold(r, CAPACITY_SOURCE);
	if (!sb->len)
		capacity_record_set(r, CAPACITY_SOURCE, "manual");
	if (strcmp(sb->buf, "manual") == 0)
		return 0;
	if (strncmp(sb->buf, "minutes:", 8) != 0 ||
	    (rc = civtime_parse_date(sb->buf + 8, &days)) < 0) {
		field_error(d, o, CAPACITY_SOURCE,
			    "source '%s' is not 'manual' or 'minutes:YYYY-MM-DD'", sb->buf);
		civtime_hint(d, rc, "minutes:DATE names the meeting whose minutes stated it");
		return -1;
	}
	if (days > today(ctx))
		return field_error(d, o, CAPACITY_SOURCE, "the meeting of '%s' is in the future",
				   sb->buf);
	return 0;
}

/* A note a spreadsheet would run as a formula is stored with a leading apostrophe. */
static int check_note(struct capacity_record *r, const struct fields_origin *o, struct diag *d)
{
	if (fields_note(&r->f[CAPACITY_NOTE], CAPACITY_NOTE_MAX) < 0)
		return field_error(d, o, CAPACITY_NOTE, "note is longer than %d bytes",
				   CAPACITY_NOTE_MAX);
	return 0;
}

/* Status given or derived, and used within the total unless the service is stated full. */
static int check_status(struct capacity_record *r, const struct service *svc, const long *n,
			const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[CAPACITY_STATUS];
	long used = n[0], total = n[1] >= 0 ? n[1] : svc ? svc->capacity_total : -1;
	enum capacity_status st = CAPACITY_UNKNOWN;

	trim_fold(r, CAPACITY_STATUS);
	if (sb->len && capacity_status_parse(sb->buf, &st) < 0)
		return field_error(d, o, CAPACITY_STATUS,
				   "'%s' is not one of ok, near-full, full, unknown", sb->buf);
	if (used >= 0 && total >= 0 && used > total && st != CAPACITY_FULL) {
		if (n[1] >= 0)
			field_error(d, o, CAPACITY_USED, "used %ld is more than the total %ld",
				    used, total);
		else
			field_error(d, o, CAPACITY_USED,
				    "used %ld is more than the total %ld of services.yaml", used,
				    total);
		diag_hint(d, "a service over its capacity is full: say so with status full");
		return -1;
	}
	if (!sb->len) {
		struct capacity_fill f;
		capacity_fill(used, total, CAPACITY_UNKNOWN, &f);
		if (used >= 0 && total >= 0)
			st = f.full        ? CAPACITY_FULL
			     : f.near_full ? CAPACITY_NEAR_FULL
					   : CAPACITY_OK;
		capacity_record_set(r, CAPACITY_STATUS, capacity_statuses[st]);
	}
	if (used < 0 && n[1] < 0 && n[2] < 0 && st == CAPACITY_UNKNOWN)
		return field_error(d, o, CAPACITY_STATUS,
				   "nothing observed: give used, total, waiting or a status");
	return 0;
}

int capacity_validate(struct capacity_record *r, const struct fields_context *ctx,
		      const struct fields_origin *o, struct diag *d)
{
	const struct service *svc;
	long n[3];

	trim_fold(r, CAPACITY_UNIT);
	if (check_date(r, ctx, o, d) < 0 || check_service(r, ctx, o, &svc, d) < 0 ||
	    check_count(r, CAPACITY_USED, &n[0], o, d) < 0 ||
	    check_count(r, CAPACITY_TOTAL, &n[1], o, d) < 0 ||
	    check_count(r, CAPACITY_WAITING, &n[2], o, d) < 0 ||
	    check_unit(r, ctx, svc, n[0] >= 0 || n[1] >= 0, n[0] >= 0 || n[1] >= 0 || n[2] >= 0, o,
		       d) < 0 ||
	    check_status(r, svc, n, o, d) < 0 || check_source(r, ctx, o, d) < 0 ||
	    check_note(r, o, d) < 0)
		return -1;
	return 0;
}

/* Reading the file back. */

static struct capacity_entry *entry_for(struct capacity_history *h, const char *id, long line)
{
	size_t i = strindex_add(&h->ids, id, strlen(id));
	struct capacity_entry *e;

	if (i < h->n)
		return h->entries[i];
	e = arena_alloc(&h->arena, sizeof *e);
	if (h->nat)
		e->at = arena_alloc(&h->arena, h->nat * sizeof *e->at);
	e->id = strindex_key(&h->ids, i);
	e->first_line = line;
	XALLOC_GROW(h->entries, h->n + 1, h->alloc);
	h->entries[h->n++] = e;
	return e;
}

const struct capacity_entry *capacity_history_find(const struct capacity_history *h, const char *id)
{
	long i = strindex_find(&h->ids, id, strlen(id));
	return i < 0 ? NULL : h->entries[i];
}

void capacity_fill(long used, long total, enum capacity_status st, struct capacity_fill *f)
{
	int numbers = used >= 0 && total > 0;

	f->used = used;
	f->total = total;
	f->free = used >= 0 && total >= 0 ? (total > used ? total - used : 0) : -1;
	f->utilisation = numbers ? (2000 * used + total) / (2 * total) : -1;
	f->full = (used >= 0 && total >= 0 && used >= total) || st == CAPACITY_FULL;
	f->near_full = !f->full && (numbers ? used * 10 >= total * 9 : st == CAPACITY_NEAR_FULL);
	f->under_used = !f->full && !f->near_full && numbers && used * 100 < total * 65;
}

void capacity_fill_of(const struct capacity_obs *ob, long service_total, struct capacity_fill *f)
{
	capacity_fill(ob->used, ob->total >= 0 ? ob->total : service_total, ob->status, f);
}

static void keep(struct capacity_view *v, const struct capacity_obs *ob)
{
	if (!v->have_latest || ob->date >= v->latest.date) {
		if (v->have_latest && ob->date > v->latest.date) {
			v->previous = v->latest;
			v->have_previous = 1;
		}
		v->latest = *ob;
		v->have_latest = 1;
	} else if (!v->have_previous || ob->date >= v->previous.date) {
		v->previous = *ob;
		v->have_previous = 1;
	}
}

__attribute__((format(printf, 5, 6))) static int
row_error(struct diag *d, const struct capacity_history *h, const struct csvread_row *row,
	  enum capacity_column c, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	return diag_set(d, DIAG_DATA, h->name, row->line[c], row->col[c], "%s", msg);
}

static int read_obs(struct capacity_history *h, const struct csvread_row *row,
		    struct capacity_obs *ob, struct diag *d)
{
	static const enum capacity_column counts[] = { CAPACITY_USED, CAPACITY_TOTAL,
						       CAPACITY_WAITING };
	long *dst[] = { &ob->used, &ob->total, &ob->waiting };
	size_t i;
	int rc;

	if (row->n != CAPACITY_NCOLS)
		return diag_set(d, DIAG_DATA, h->name, row->lineno, 1,
				"record has %zu fields instead of %d", row->n, CAPACITY_NCOLS);
	if ((rc = civtime_parse_date(row->field[CAPACITY_DATE], &ob->date)) < 0) {
		row_error(d, h, row, CAPACITY_DATE, "invalid date '%s'", row->field[CAPACITY_DATE]);
		civtime_hint(d, rc, NULL);
		return -1;
	}
	if (!row->len[CAPACITY_SERVICE])
		return row_error(d, h, row, CAPACITY_SERVICE, "empty service");
	for (i = 0; i < 3; i++) {
		const char *s = row->field[counts[i]];
		*dst[i] = *s ? parse_count(s) : -1;
		if (*s && *dst[i] < 0)
			return row_error(d, h, row, counts[i],
					 "%s '%s' is not a whole number from 0 to %d",
					 capacity_columns[counts[i]], s, CAPACITY_MAX);
	}
	ob->status = CAPACITY_UNKNOWN;
	if (row->len[CAPACITY_STATUS] &&
	    capacity_status_parse(row->field[CAPACITY_STATUS], &ob->status) < 0)
		return row_error(d, h, row, CAPACITY_STATUS,
				 "'%s' is not one of ok, near-full, full, unknown",
				 row->field[CAPACITY_STATUS]);
	if (row->len[CAPACITY_UNIT] && !is_unit(row->field[CAPACITY_UNIT]))
		return row_error(d, h, row, CAPACITY_UNIT, "invalid unit '%s'",
				 row->field[CAPACITY_UNIT]);
	memcpy(ob->unit, row->field[CAPACITY_UNIT], row->len[CAPACITY_UNIT] + 1);
	ob->line = row->lineno;
	return 0;
}

static int read_history(struct capacity_history *h, int fd, struct diag *d)
{
	struct csvread *r = csvread_open(fd, h->name, CSVREAD_SKIP_TORN_END);
	struct csvread_row *row;
	int rc, header = 1;
	size_t k;

	while ((rc = csvread_next(r, &row, d)) == 1) {
		struct capacity_obs ob;
		struct capacity_entry *e;
		if (header) {
			header = 0;
			rc = fields_check_header(&capacity_schema, row->field, row->n, h->name,
						 row->col, d);
			if (rc < 0)
				break;
			continue;
		}
		if ((rc = read_obs(h, row, &ob, d)) < 0)
			break;
		e = entry_for(h, row->field[CAPACITY_SERVICE], row->lineno);
		if (ob.date <= h->as_of)
			keep(&e->now, &ob);
		for (k = 0; k < h->nat; k++)
			if (ob.date <= h->at[k])
				keep(&e->at[k], &ob);
	}
	h->torn = csvread_torn(r);
	csvread_free(r);
	return rc < 0 ? -1 : 0;
}

static void history_init(struct capacity_history *h, const char *name, long as_of, const long *at,
			 size_t nat)
{
	memset(h, 0, sizeof *h);
	strindex_init(&h->ids);
	h->name = xstrdup(name);
	h->as_of = as_of;
	if (nat) {
		h->at = xmalloc(nat * sizeof *h->at);
		memcpy(h->at, at, nat * sizeof *h->at);
		h->nat = nat;
	}
}

int capacity_history_read(struct capacity_history *h, int fd, const char *name, long as_of,
			  struct diag *d)
{
	history_init(h, name, as_of, NULL, 0);
	return read_history(h, fd, d);
}

int capacity_history_load_at(struct capacity_history *h, const struct datadir *dd, long as_of,
			     const long *at, size_t nat, struct diag *d)
{
	char *name = datadir_file(dd, CAPACITY_FILE);
	int fd, rc;

	history_init(h, name, as_of, at, nat);
	free(name);
	rc = datadir_open_read(dd, CAPACITY_FILE, &fd, d);
	if (rc == 1) {
		rc = read_history(h, fd, d);
		close(fd);
	}
	return rc;
}

int capacity_history_load(struct capacity_history *h, const struct datadir *dd, long as_of,
			  struct diag *d)
{
	return capacity_history_load_at(h, dd, as_of, NULL, 0, d);
}

void capacity_history_release(struct capacity_history *h)
{
	arena_release(&h->arena);
	strindex_release(&h->ids);
	free(h->entries);
	free(h->at);
	free(h->name);
	memset(h, 0, sizeof *h);
}
