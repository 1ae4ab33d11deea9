#include "intake.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "isocodes.h"
#include "fields.h"
#include "i18n.h"
#include "suggest.h"
#include "banned.h"

const char *const intake_sexes[] = { "f", "m", "x", NULL };
const char *const intake_age_groups[] = { "0-17", "18-59", "60+", NULL };
const char *const intake_consents[] = { "yes", "no", NULL };
const char *const intake_statuses[] = { "open", "referred", "closed", NULL };

/* clang-format off */
const char *const intake_columns[INTAKE_NCOLS + 1] = { INTAKE_SCHEMA(SCHEMA_NAME, INTAKE) NULL };
static const struct schema_column intake_schema_columns[INTAKE_NCOLS] = {
	INTAKE_SCHEMA(SCHEMA_ROW, INTAKE)
};
/* clang-format on */
const struct schema intake_schema = { INTAKE_FILE, intake_schema_columns, intake_columns,
				      INTAKE_NCOLS };

/* A code's length limit: desk, client and advisor references. */
enum { REF_MAX = INTAKE_REF_MAX };

int intake_is_list(enum intake_column c)
{
	return (intake_schema.columns[c].flags & SCHEMA_LIST) != 0;
}

void intake_record_init(struct intake_record *r)
{
	fields_init(r->f, INTAKE_NCOLS);
}

void intake_record_release(struct intake_record *r)
{
	fields_release(r->f, INTAKE_NCOLS);
}

void intake_record_set(struct intake_record *r, enum intake_column c, const char *value)
{
	fields_set(&r->f[c], value);
}

/* A problem of column c, where it came from (fields.h). */
#define field_error(d, o, c, ...) fields_error(d, &intake_schema, o, c, __VA_ARGS__)

static int required_error(struct diag *d, const struct fields_origin *o, enum intake_column c)
{
	return fields_required(d, &intake_schema, o, c);
}

/* ASCII letters and digits (ascii_isalnum, inline: data-check asks it of every client). */
static int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Letters, digits, '.', '_', '-': a code or a pseudonymous reference. */
static int is_reference(const char *s, size_t max)
{
	size_t n = strlen(s), i;
	if (n == 0 || n > max || !is_alnum((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!is_alnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '_' && s[i] != '-')
			return 0;
	return 1;
}

int intake_reference_ok(const char *s)
{
	return is_reference(s, REF_MAX);
}

static int one_of(const char *s, const char *const *allowed)
{
	for (; *allowed; allowed++)
		if (strcmp(s, *allowed) == 0)
			return 1;
	return 0;
}

static int check_ts(struct intake_record *r, const struct fields_context *ctx,
		    const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[INTAKE_TS];
	char buf[CIVTIME_TS_MAX];
	int64_t utc = ctx->now;
	int offset, rc; /* as written; the stored one is the zone's */

	if (sb->len && (rc = civtime_parse_ts(sb->buf, ctx->tz, &utc, &offset)) < 0) {
		if (rc == CIVTIME_GAP)
			field_error(d, o, INTAKE_TS, "time '%s' does not exist in %s", sb->buf,
				    civtz_name(ctx->tz));
		else
			field_error(d, o, INTAKE_TS, "invalid time '%s'", sb->buf);
		civtime_hint(d, rc, "write it as 2026-11-23T14:05 or 2026-11-23T14:05:00+01:00");
		return -1;
	}
	if (sb->len && utc > ctx->now + 24 * 3600)
		return field_error(d, o, INTAKE_TS, "time '%s' is in the future", sb->buf);
	/* stored in the directory's zone, so its date is the desk's local date */
	offset = civtz_offset_at(ctx->tz, utc);
	if (offset % 60) {
		/* local mean time of old zone data: the format holds whole minutes */
		int a = offset < 0 ? -offset : offset;
		return field_error(d, o, INTAKE_TS,
				   "the time zone '%s' was %c%02d:%02d:%02d from UTC "
				   "at '%s': a record holds offsets in whole minutes",
				   civtz_name(ctx->tz), offset < 0 ? '-' : '+', a / 3600,
				   a / 60 % 60, a % 60, sb->len ? sb->buf : "now");
	}
	civtime_format_ts(buf, utc, offset);
	intake_record_set(r, INTAKE_TS, buf);
	return 0;
}

/*
 * A list item's check, and its "did you mean" for the failure path only:
 * a suggestion compares the value with every code and label, far more
 * work than the look-up itself.
 */
struct item_check {
	/* the value to store for item (a code), or NULL when it is not valid */
	const char *(*valid)(const char *item, const struct fields_context *ctx);
	size_t (*suggest)(const char *item, const struct fields_context *ctx, struct suggestion *s);
};

static const char *valid_language(const char *item, const struct fields_context *ctx)
{
	(void)ctx;
	return isocodes_language(item) ? item : NULL;
}

static size_t suggest_language(const char *item, const struct fields_context *ctx,
			       struct suggestion *s)
{
	(void)ctx;
	return suggest_one(s, isocodes_suggest_language(item));
}

/* A need is stored as its code, given as a code, a label or a synonym. */
static const char *valid_need(const char *item, const struct fields_context *ctx)
{
	const struct taxonomy_entry *e = taxonomy_resolve(ctx->taxonomy, item);
	return e ? e->code : NULL;
}

static size_t suggest_need(const char *item, const struct fields_context *ctx, struct suggestion *s)
{
	return taxonomy_suggest(ctx->taxonomy, item, s);
}

static const char *valid_service(const char *item, const struct fields_context *ctx)
{
	return ctx->services && services_find(ctx->services, item) ? item : NULL;
}

static size_t suggest_service(const char *item, const struct fields_context *ctx,
			      struct suggestion *s)
{
	return ctx->services ? services_suggest(ctx->services, item, s) : suggest_one(s, NULL);
}

static const struct item_check language_check = { valid_language, suggest_language };
static const struct item_check need_check = { valid_need, suggest_need };
static const struct item_check service_check = { valid_service, suggest_service };

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
static int check_list(struct intake_record *r, enum intake_column c, const struct item_check *check,
		      const struct fields_context *ctx, const struct fields_origin *o,
		      struct diag *d)
{
	struct strbuf out = STRBUF_INIT, item = STRBUF_INIT;
	const char *p = r->f[c].buf, *end = p + r->f[c].len;
	int rc = 0;

	while (p <= end && rc == 0) {
		const char *stop = p;
		/* ';' separates; ',' too, as people type it on the command line */
		while (stop < end && *stop != ';' && *stop != ',')
			stop++;
		struct suggestion near;
		const char *stored;

		strbuf_reset(&item);
		strbuf_add(&item, p, (size_t)(stop - p));
		fields_trim(&item);
		fields_fold(&item, 0);
		p = stop + 1;
		if (!item.len)
			continue;
		if (!(stored = check->valid(item.buf, ctx))) {
			check->suggest(item.buf, ctx, &near);
			if (c == INTAKE_NEEDS)
				rc = field_error(d, o, c, "unknown need '%s'", item.buf);
			else if (c == INTAKE_REFERRED_TO)
				rc = field_error(d, o, c, "unknown service '%s'", item.buf);
			else
				rc = field_error(d, o, c, "unknown language code '%s'", item.buf);
			if (!suggest_hint(d, &near) && c == INTAKE_REFERRED_TO && !ctx->services)
				diag_hint(d, "the data directory has no services.yaml");
			break;
		}
		if (stored != item.buf) {
			strbuf_reset(&item);
			strbuf_addstr(&item, stored);
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
			   const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[c];
	fields_trim(sb);
	if (!sb->len && !required)
		return 0;
	if (!sb->len)
		return required_error(d, o, c);
	if (!is_reference(sb->buf, REF_MAX) && c == INTAKE_CLIENT) {
		/* what was typed may be a name: never repeat it */
		field_error(d, o, c,
			    "the value given is not a pseudonymous reference (letters, digits, '.', '_', '-'; at most %d)",
			    REF_MAX);
		diag_hint(d, "client is a pseudonymous reference such as C3f9a01, never a name");
		return -1;
	}
	if (!is_reference(sb->buf, REF_MAX))
		return field_error(d, o, c,
				   "'%s' is not a code (letters, digits, '.', '_', '-'; at most %d)",
				   sb->buf, REF_MAX);
	return 0;
}

static int check_choice(struct intake_record *r, enum intake_column c, const char *const *allowed,
			int empty_ok, const char *list, const struct fields_origin *o,
			struct diag *d)
{
	struct strbuf *sb = &r->f[c];
	fields_trim(sb);
	fields_fold(sb, 0);
	if ((empty_ok && !sb->len) || one_of(sb->buf, allowed))
		return 0;
	field_error(d, o, c, "'%s' is not one of %s", sb->buf, _(list));
	return -1;
}

static int check_household(struct intake_record *r, const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[INTAKE_HOUSEHOLD];
	char *end;
	long v;

	fields_trim(sb);
	if (!sb->len) {
		intake_record_set(r, INTAKE_HOUSEHOLD, "1");
		return 0;
	}
	errno = 0;
	v = strtol(sb->buf, &end, 10);
	if (*end || errno || v < 1 || v > INTAKE_HOUSEHOLD_MAX ||
	    !ascii_isdigit((unsigned char)sb->buf[0]))
		return o && o->file
			       ? field_error(d, o, INTAKE_HOUSEHOLD,
					     "household '%s' is not a whole number from 1 to 30",
					     sb->buf)
			       : field_error(d, o, INTAKE_HOUSEHOLD,
					     "'%s' is not a whole number from 1 to 30", sb->buf);
	{
		char buf[8];
		snprintf(buf, sizeof buf, "%ld", v);
		intake_record_set(r, INTAKE_HOUSEHOLD, buf);
	}
	return 0;
}

static int check_nationality(struct intake_record *r, const struct fields_origin *o, struct diag *d)
{
	struct strbuf *sb = &r->f[INTAKE_NATIONALITY];
	const char *hint;
	char typed[128];
	fields_trim(sb);
	if (!sb->len) {
		required_error(d, o, INTAKE_NATIONALITY);
		diag_hint(d, "use XX when stateless or unknown");
		return -1;
	}
	/* the suggestion reads the value as typed ("Ukraine"), before folding */
	snprintf(typed, sizeof typed, "%s", sb->buf);
	fields_fold(sb, 1);
	if (isocodes_country(sb->buf))
		return 0;
	hint = isocodes_suggest_country(typed);
	field_error(d, o, INTAKE_NATIONALITY, "unknown country code '%s'", sb->buf);
	if (hint)
		diag_hint(d, "did you mean '%s'?", hint);
	else
		diag_hint(d, "use an ISO 3166-1 alpha-2 code such as UA, or XX when unknown");
	return -1;
}

/* A note a spreadsheet would run as a formula is stored with a leading apostrophe. */
static int check_note(struct intake_record *r, const struct fields_origin *o, struct diag *d)
{
	if (fields_note(&r->f[INTAKE_NOTE], INTAKE_NOTE_MAX) < 0)
		return field_error(d, o, INTAKE_NOTE, "note is longer than %d bytes",
				   INTAKE_NOTE_MAX);
	return 0;
}

static int check_consent(struct intake_record *r, const struct fields_origin *o, struct diag *d)
{
	fields_trim(&r->f[INTAKE_CONSENT]);
	if (!r->f[INTAKE_CONSENT].len)
		intake_record_set(r, INTAKE_CONSENT, "no");
	return check_choice(r, INTAKE_CONSENT, intake_consents, 0, "yes, no", o, d);
}

/* After referred_to: an empty status is referred or open by it. */
static int check_status(struct intake_record *r, const struct fields_origin *o, struct diag *d)
{
	int referred = r->f[INTAKE_REFERRED_TO].len > 0;

	fields_trim(&r->f[INTAKE_STATUS]);
	if (!r->f[INTAKE_STATUS].len)
		intake_record_set(r, INTAKE_STATUS, referred ? "referred" : "open");
	return check_choice(r, INTAKE_STATUS, intake_statuses, 0, "open, referred, closed", o, d);
}

static int is(const char *s, size_t len, const char *word)
{
	return len == strlen(word) && memcmp(s, word, len) == 0;
}

/* The rule of consent and status against referred_to: the column that breaks it, or -1. */
static int referral_fault(size_t referred_len, const char *consent, size_t consent_len,
			  const char *status, size_t status_len)
{
	if (referred_len && !is(consent, consent_len, "yes"))
		return INTAKE_CONSENT;
	if (!referred_len && is(status, status_len, "referred"))
		return INTAKE_STATUS;
	return -1;
}

/* Consent and status against referred_to. */
static int check_referral(struct intake_record *r, const struct fields_origin *o, struct diag *d)
{
	int fault = referral_fault(r->f[INTAKE_REFERRED_TO].len, r->f[INTAKE_CONSENT].buf,
				   r->f[INTAKE_CONSENT].len, r->f[INTAKE_STATUS].buf,
				   r->f[INTAKE_STATUS].len);

	if (fault == INTAKE_CONSENT) {
		field_error(
			d, o, INTAKE_CONSENT,
			"a referral needs the client's consent: consent must be 'yes' when referred_to is set");
		diag_hint(d,
			  "ask the client; without consent record the contact without --referred-to");
		return -1;
	}
	if (fault == INTAKE_STATUS)
		return field_error(d, o, INTAKE_STATUS,
				   "status 'referred' needs at least one service in referred_to");
	return 0;
}

static int check_needs_given(struct intake_record *r, const struct fields_origin *o, struct diag *d)
{
	if (r->f[INTAKE_NEEDS].len)
		return 0;
	field_error(d, o, INTAKE_NEEDS, "at least one need is required");
	diag_hint(d, "codes such as registration, housing, legal-aid (see okienko-files(5))");
	return -1;
}

int intake_check_column(struct intake_record *r, enum intake_column c,
			const struct fields_context *ctx, const struct fields_origin *o,
			struct diag *d)
{
	switch (c) {
	case INTAKE_TS:
		return check_ts(r, ctx, o, d);
	case INTAKE_DESK:
	case INTAKE_CLIENT:
		return check_reference(r, c, 1, o, d);
	case INTAKE_SEX:
		return check_choice(r, c, intake_sexes, 1, N_("f, m, x or empty"), o, d);
	case INTAKE_AGE_GROUP:
		return check_choice(r, c, intake_age_groups, 1, N_("0-17, 18-59, 60+ or empty"), o,
				    d);
	case INTAKE_NATIONALITY:
		return check_nationality(r, o, d);
	case INTAKE_LANGUAGE:
		return check_list(r, c, &language_check, ctx, o, d);
	case INTAKE_HOUSEHOLD:
		return check_household(r, o, d);
	case INTAKE_NEEDS:
		return check_list(r, c, &need_check, ctx, o, d);
	case INTAKE_REFERRED_TO:
		return check_list(r, c, &service_check, ctx, o, d);
	case INTAKE_ADVISOR:
		return check_reference(r, c, 0, o, d);
	case INTAKE_CONSENT:
		return check_consent(r, o, d);
	case INTAKE_STATUS:
		return check_status(r, o, d);
	case INTAKE_NOTE:
		return check_note(r, o, d);
	default:
		return 0; /* the id is the writer's */
	}
}

int intake_across_ok(char *const *field, const size_t *len)
{
	return referral_fault(len[INTAKE_REFERRED_TO], field[INTAKE_CONSENT], len[INTAKE_CONSENT],
			      field[INTAKE_STATUS], len[INTAKE_STATUS]) < 0 &&
	       len[INTAKE_NEEDS] > 0;
}

/* The order of the checks: the first problem of a record is the one reported. */
static const enum intake_column check_order[] = {
	INTAKE_TS,          INTAKE_DESK,     INTAKE_CLIENT,    INTAKE_SEX,   INTAKE_AGE_GROUP,
	INTAKE_NATIONALITY, INTAKE_LANGUAGE, INTAKE_HOUSEHOLD, INTAKE_NEEDS, INTAKE_REFERRED_TO,
	INTAKE_ADVISOR,     INTAKE_CONSENT,  INTAKE_STATUS
};

int intake_validate(struct intake_record *r, const struct fields_context *ctx,
		    const struct fields_origin *o, struct diag *d)
{
	size_t i;
	for (i = 0; i < sizeof check_order / sizeof *check_order; i++)
		if (intake_check_column(r, check_order[i], ctx, o, d) < 0)
			return -1;
	if (check_referral(r, o, d) < 0 || check_note(r, o, d) < 0 ||
	    check_needs_given(r, o, d) < 0)
		return -1;
	return 0;
}
