#include "intake.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isocodes.h"
#include "banned.h"

const char *const intake_columns[INTAKE_NCOLS + 1] = {
	"id", "ts", "desk", "client", "sex", "age_group", "nationality",
	"language", "household", "needs", "referred_to", "consent", "advisor",
	"status", "note", NULL
};

/* The intake-add option that sets each column. */
static const char *const option_names[INTAKE_NCOLS] = {
	"--id", "--ts", "--desk", "--client", "--sex", "--age-group",
	"--nationality", "--language", "--household", "--needs", "--refer",
	"--consent", "--advisor", "--status", "--note",
};

/* A code's length limit: desk, client and advisor references. */
enum { REF_MAX = 40 };

int intake_column_index(const char *name)
{
	int i;
	for (i = 0; i < INTAKE_NCOLS; i++)
		if (strcmp(name, intake_columns[i]) == 0)
			return i;
	return -1;
}

int intake_is_list(enum intake_column c)
{
	return c == INTAKE_LANGUAGE || c == INTAKE_NEEDS || c == INTAKE_REFERRED_TO;
}

int intake_check_header(char **fields, size_t n, const char *file, const long *col,
			struct diag *d)
{
	size_t i;
	for (i = 0; i < INTAKE_NCOLS; i++) {
		if (i >= n)
			return diag_set(d, DIAG_DATA, file, 1, 0,
					"header lacks column '%s'", intake_columns[i]);
		if (strcmp(fields[i], intake_columns[i]) != 0) {
			diag_set(d, DIAG_DATA, file, 1, col[i],
				 "header has '%s' where '%s' belongs", fields[i],
				 intake_columns[i]);
			diag_hint(d, "the header must be: id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note");
			return -1;
		}
	}
	if (n > INTAKE_NCOLS)
		return diag_set(d, DIAG_DATA, file, 1, col[INTAKE_NCOLS],
				"header has an extra column '%s'", fields[INTAKE_NCOLS]);
	return 0;
}

void intake_record_init(struct intake_record *r)
{
	int i;
	for (i = 0; i < INTAKE_NCOLS; i++)
		strbuf_init(&r->f[i], 0);
}

void intake_record_release(struct intake_record *r)
{
	int i;
	for (i = 0; i < INTAKE_NCOLS; i++)
		strbuf_release(&r->f[i]);
}

void intake_record_set(struct intake_record *r, enum intake_column c, const char *value)
{
	strbuf_reset(&r->f[c]);
	strbuf_addstr(&r->f[c], value);
}

__attribute__((format(printf, 4, 5)))
static int field_error(struct diag *d, const struct intake_origin *o, enum intake_column c,
		       const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (o && o->file)
		return diag_set(d, DIAG_DATA, o->file, o->line[c], o->col[c], "%s", msg);
	return diag_set(d, DIAG_DATA, NULL, 0, 0, "%s: %s", option_names[c], msg);
}

static int required_error(struct diag *d, const struct intake_origin *o, enum intake_column c)
{
	if (o && o->file)
		return field_error(d, o, c, "column '%s' is required", intake_columns[c]);
	return field_error(d, o, c, "is required");
}

static void trim(struct strbuf *sb)
{
	size_t start = 0, end = sb->len;
	while (start < end && (sb->buf[start] == ' ' || sb->buf[start] == '\t'))
		start++;
	while (end > start && (sb->buf[end - 1] == ' ' || sb->buf[end - 1] == '\t'))
		end--;
	memmove(sb->buf, sb->buf + start, end - start);
	strbuf_setlen(sb, end - start);
}

static void fold(struct strbuf *sb, int upper)
{
	size_t i;
	for (i = 0; i < sb->len; i++) {
		unsigned char c = (unsigned char)sb->buf[i];
		if (c < 0x80)
			sb->buf[i] = (char)(upper ? toupper(c) : tolower(c));
	}
}

/* Letters, digits, '.', '_', '-': a code or a pseudonymous reference. */
static int is_reference(const char *s, size_t max)
{
	size_t n = strlen(s), i;
	if (n == 0 || n > max || !isalnum((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

static int one_of(const char *s, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (strcmp(s, *allowed) == 0)
			return 1;
	return 0;
}

static int check_ts(struct intake_record *r, const struct intake_context *ctx,
		    const struct intake_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[INTAKE_TS];
	char buf[CIVTIME_TS_MAX];
	int64_t utc;
	int offset; /* as written; the stored one is the zone's */

	if (sb->len == 0) {
		civtime_format_ts(buf, ctx->now, civtz_offset_at(ctx->tz, ctx->now));
	} else if (civtime_parse_ts(sb->buf, ctx->tz, &utc, &offset) < 0) {
		field_error(d, o, INTAKE_TS, "invalid time '%s'", sb->buf);
		diag_hint(d, "write it as 2026-11-23T14:05 or 2026-11-23T14:05:00+01:00");
		return -1;
	} else if (utc > ctx->now + 24 * 3600) {
		return field_error(d, o, INTAKE_TS, "time '%s' is in the future", sb->buf);
	} else {
		/* stored in the directory's zone, so its date is the desk's local date */
		civtime_format_ts(buf, utc, civtz_offset_at(ctx->tz, utc));
	}
	intake_record_set(r, INTAKE_TS, buf);
	return 0;
}

typedef int (*item_check)(const char *item, const struct intake_context *ctx,
			  const char **hint);

static int check_language(const char *item, const struct intake_context *ctx,
			  const char **hint)
{
	(void)ctx;
	*hint = isocodes_suggest_language(item);
	return isocodes_language(item);
}

static int check_need(const char *item, const struct intake_context *ctx, const char **hint)
{
	*hint = taxonomy_suggest(ctx->taxonomy, item);
	return taxonomy_find(ctx->taxonomy, item) != NULL;
}

static int check_service(const char *item, const struct intake_context *ctx,
			 const char **hint)
{
	*hint = ctx->services ? services_suggest(ctx->services, item) : NULL;
	return ctx->services && services_find(ctx->services, item) != NULL;
}

static int list_has(const struct strbuf *list, const struct strbuf *item)
{
	size_t i = 0;
	while (i < list->len) {
		const char *semi = memchr(list->buf + i, ';', list->len - i);
		size_t len = (semi ? (size_t)(semi - list->buf) : list->len) - i;
		if (len == item->len && memcmp(list->buf + i, item->buf, len) == 0)
			return 1;
		i += len + 1;
	}
	return 0;
}

/* Split a ;-list, trim and fold its items, drop repeats, check each. */
static int check_list(struct intake_record *r, enum intake_column c, item_check check,
		      const char *what, const struct intake_context *ctx,
		      const struct intake_origin *o, struct diag *d)
{
	struct strbuf out = STRBUF_INIT, item = STRBUF_INIT;
	const char *p = r->f[c].buf, *end = p + r->f[c].len;
	int rc = 0;

	while (p <= end && rc == 0) {
		const char *stop = p;
		/* ';' separates; ',' too, as people type it on the command line */
		while (stop < end && *stop != ';' && *stop != ',')
			stop++;
		const char *hint = NULL;

		strbuf_reset(&item);
		strbuf_add(&item, p, (size_t)(stop - p));
		trim(&item);
		fold(&item, 0);
		p = stop + 1;
		if (!item.len)
			continue;
		if (!check(item.buf, ctx, &hint)) {
			rc = field_error(d, o, c, "unknown %s '%s'", what, item.buf);
			if (hint)
				diag_hint(d, "did you mean '%s'?", hint);
			else if (c == INTAKE_REFERRED_TO && !ctx->services)
				diag_hint(d, "the data directory has no services.yaml");
			break;
		}
		if (!list_has(&out, &item)) {
			if (out.len)
				strbuf_addch(&out, ';');
			strbuf_add(&out, item.buf, item.len);
		}
	}
	if (rc == 0)
		intake_record_set(r, c, out.buf);
	strbuf_release(&out);
	strbuf_release(&item);
	return rc;
}

static int check_reference(struct intake_record *r, enum intake_column c, int required,
			   const struct intake_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[c];
	trim(sb);
	if (!sb->len && !required)
		return 0;
	if (!sb->len)
		return required_error(d, o, c);
	if (!is_reference(sb->buf, REF_MAX)) {
		field_error(d, o, c, "'%s' is not a code (letters, digits, '.', '_', '-'; at most %d)",
			    sb->buf, REF_MAX);
		if (c == INTAKE_CLIENT)
			diag_hint(d, "client is a pseudonymous reference such as C3f9a01, never a name");
		return -1;
	}
	return 0;
}

static int check_choice(struct intake_record *r, enum intake_column c,
			const char *const *allowed, const char *list,
			const struct intake_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[c];
	trim(sb);
	fold(sb, 0);
	if (one_of(sb->buf, allowed))
		return 0;
	field_error(d, o, c, "'%s' is not one of %s", sb->buf, list);
	return -1;
}

static int check_household(struct intake_record *r, const struct intake_origin *o,
			   struct diag *d)
{
	struct strbuf *sb = &r->f[INTAKE_HOUSEHOLD];
	char *end;
	long v;

	trim(sb);
	if (!sb->len) {
		intake_record_set(r, INTAKE_HOUSEHOLD, "1");
		return 0;
	}
	errno = 0;
	v = strtol(sb->buf, &end, 10);
	if (*end || errno || v < 1 || v > 30 || !isdigit((unsigned char)sb->buf[0]))
		return field_error(d, o, INTAKE_HOUSEHOLD,
				   "household '%s' is not a whole number from 1 to 30", sb->buf);
	{
		char buf[8];
		snprintf(buf, sizeof buf, "%ld", v);
		intake_record_set(r, INTAKE_HOUSEHOLD, buf);
	}
	return 0;
}

static int check_nationality(struct intake_record *r, const struct intake_origin *o,
			     struct diag *d)
{
	struct strbuf *sb = &r->f[INTAKE_NATIONALITY];
	const char *hint;
	trim(sb);
	if (!sb->len) {
		required_error(d, o, INTAKE_NATIONALITY);
		diag_hint(d, "use XX when stateless or unknown");
		return -1;
	}
	hint = isocodes_suggest_country(sb->buf);
	fold(sb, 1);
	if (isocodes_country(sb->buf))
		return 0;
	field_error(d, o, INTAKE_NATIONALITY, "unknown country code '%s'", sb->buf);
	if (hint)
		diag_hint(d, "did you mean '%s'?", hint);
	else
		diag_hint(d, "use an ISO 3166-1 alpha-2 code such as UA, or XX when unknown");
	return -1;
}

/* A note a spreadsheet would run as a formula is stored with a leading apostrophe. */
static int check_note(struct intake_record *r, const struct intake_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[INTAKE_NOTE];
	if (sb->len > INTAKE_NOTE_MAX)
		return field_error(d, o, INTAKE_NOTE, "note is longer than %d bytes",
				   INTAKE_NOTE_MAX);
	if (sb->len && strchr("=+-@\t\r", sb->buf[0])) {
		struct strbuf safe = STRBUF_INIT;
		strbuf_addch(&safe, '\'');
		strbuf_add(&safe, sb->buf, sb->len);
		strbuf_release(sb);
		*sb = safe;
	}
	return 0;
}

static int check_status_consent(struct intake_record *r, const struct intake_origin *o,
				struct diag *d)
{
	static const char *const consents[] = { "yes", "no", NULL };
	static const char *const statuses[] = { "open", "referred", "closed", NULL };
	int referred = r->f[INTAKE_REFERRED_TO].len > 0;

	trim(&r->f[INTAKE_CONSENT]);
	if (!r->f[INTAKE_CONSENT].len)
		intake_record_set(r, INTAKE_CONSENT, "no");
	if (check_choice(r, INTAKE_CONSENT, consents, "yes, no", o, d) < 0)
		return -1;
	trim(&r->f[INTAKE_STATUS]);
	if (!r->f[INTAKE_STATUS].len)
		intake_record_set(r, INTAKE_STATUS, referred ? "referred" : "open");
	if (check_choice(r, INTAKE_STATUS, statuses, "open, referred, closed", o, d) < 0)
		return -1;
	if (referred && strcmp(r->f[INTAKE_CONSENT].buf, "yes") != 0) {
		field_error(d, o, INTAKE_CONSENT,
			    "a referral needs the client's consent: consent must be 'yes' when referred_to is set");
		diag_hint(d, "ask the client; without consent record the contact without --refer");
		return -1;
	}
	if (!referred && strcmp(r->f[INTAKE_STATUS].buf, "referred") == 0)
		return field_error(d, o, INTAKE_STATUS,
				   "status 'referred' needs at least one service in referred_to");
	return 0;
}

int intake_validate(struct intake_record *r, const struct intake_context *ctx,
		    const struct intake_origin *o, struct diag *d)
{
	static const char *const sexes[] = { "", "f", "m", "x", NULL };
	static const char *const ages[] = { "", "0-17", "18-59", "60+", NULL };

	if (check_ts(r, ctx, o, d) < 0 ||
	    check_reference(r, INTAKE_DESK, 1, o, d) < 0 ||
	    check_reference(r, INTAKE_CLIENT, 1, o, d) < 0 ||
	    check_choice(r, INTAKE_SEX, sexes, "f, m, x or empty", o, d) < 0 ||
	    check_choice(r, INTAKE_AGE_GROUP, ages, "0-17, 18-59, 60+ or empty", o, d) < 0 ||
	    check_nationality(r, o, d) < 0 ||
	    check_list(r, INTAKE_LANGUAGE, check_language, "language code", ctx, o, d) < 0 ||
	    check_household(r, o, d) < 0 ||
	    check_list(r, INTAKE_NEEDS, check_need, "need", ctx, o, d) < 0 ||
	    check_list(r, INTAKE_REFERRED_TO, check_service, "service", ctx, o, d) < 0 ||
	    check_reference(r, INTAKE_ADVISOR, 0, o, d) < 0 ||
	    check_status_consent(r, o, d) < 0 ||
	    check_note(r, o, d) < 0)
		return -1;
	if (!r->f[INTAKE_NEEDS].len) {
		field_error(d, o, INTAKE_NEEDS, "at least one need is required");
		diag_hint(d, "codes such as registration, housing, legal-aid (see okienko-files(5))");
		return -1;
	}
	return 0;
}

int intake_id_parse(const char *id, int *year, long *seq)
{
	char *end;
	long y, n;
	size_t i;

	for (i = 0; i < 4; i++)
		if (!isdigit((unsigned char)id[i]))
			return -1;
	if (id[4] != '-' || !isdigit((unsigned char)id[5]))
		return -1;
	y = strtol(id, &end, 10);
	errno = 0;
	n = strtol(id + 5, &end, 10);
	if (*end || errno || strlen(id + 5) < 6 || n < 1)
		return -1;
	*year = (int)y;
	*seq = n;
	return 0;
}

void intake_id_format(char *buf, size_t len, int year, long seq)
{
	snprintf(buf, len, "%04d-%06ld", year, seq);
}

void intake_id_next(const char *last, int year, char *buf, size_t len)
{
	int y;
	long seq;
	if (last && intake_id_parse(last, &y, &seq) == 0 && y >= year)
		intake_id_format(buf, len, y, seq + 1); /* a clock behind the file: keep order */
	else
		intake_id_format(buf, len, year, 1);
}
