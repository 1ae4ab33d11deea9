#include "describe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appointments.h"
#include "capacity.h"
#include "changes.h"
#include "erasures.h"
#include "intake.h"
#include "isocodes.h"
#include "referral.h"
#include "xalloc.h"
#include "banned.h"

const char *const describe_files[DESCRIBE_NFILES] = { INTAKE_FILE,   CAPACITY_FILE,
						      REFERRAL_FILE, APPOINTMENTS_FILE,
						      CHANGES_FILE,  ERASURES_FILE };

/* A JSON writer: pretty-printed, or on one line inside an "inline" container. */
struct jw {
	struct strbuf *sb;
	int depth;
	int inl;   /* depth of the outermost inline container, 0 when none */
	int first; /* the next value is the first of its container */
};

static void json_string(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, c);
		} else if (c == '\n') {
			strbuf_addstr(sb, "\\n");
		} else if (c == '\r') {
			strbuf_addstr(sb, "\\r");
		} else if (c == '\t') {
			strbuf_addstr(sb, "\\t");
		} else if (c < 0x20) {
			strbuf_addf(sb, "\\u%04x", c);
		} else {
			strbuf_addch(sb, c);
		}
	}
	strbuf_addch(sb, '"');
}

static void jw_newline(struct jw *w)
{
	int i;
	strbuf_addch(w->sb, '\n');
	for (i = 0; i < w->depth; i++)
		strbuf_addstr(w->sb, "  ");
}

/* The separator before a value, then its key when it is an object member. */
static void jw_key(struct jw *w, const char *key)
{
	if (w->depth > 0) {
		if (!w->first)
			strbuf_addch(w->sb, ',');
		if (!w->inl)
			jw_newline(w);
		else if (!w->first)
			strbuf_addch(w->sb, ' ');
	}
	w->first = 0;
	if (key) {
		json_string(w->sb, key);
		strbuf_addstr(w->sb, ": ");
	}
}

static void jw_open(struct jw *w, const char *key, char bracket, int inl)
{
	jw_key(w, key);
	strbuf_addch(w->sb, bracket);
	w->depth++;
	if (inl && !w->inl)
		w->inl = w->depth;
	w->first = 1;
}

static void jw_close(struct jw *w, char bracket)
{
	int empty = w->first;
	w->depth--;
	if (!w->inl && !empty)
		jw_newline(w);
	strbuf_addch(w->sb, bracket);
	if (w->inl > w->depth)
		w->inl = 0;
	w->first = 0;
}

static void jw_str(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	json_string(w->sb, s);
}

static void jw_long(struct jw *w, const char *key, long v)
{
	jw_key(w, key);
	strbuf_addf(w->sb, "%ld", v);
}

static void jw_literal(struct jw *w, const char *key, const char *text)
{
	jw_key(w, key);
	strbuf_addstr(w->sb, text);
}

/* The schemas. */

/* services.yaml as two tables: its ids, for the foreign keys. */
enum { ORG_ID, ORG_NAME, ORG_NCOLS };
enum { SVC_ID, SVC_ORGANIZATION, SVC_NAME, SVC_UNIT, SVC_TOTAL, SVC_NCOLS };

#define YAML_COLUMN(name, type, flags, values, max, description)                               \
	{                                                                                      \
		name, SCHEMA_T_##type, flags, values, NULL, NULL, 0, max, 0, NULL, NULL, NULL, \
			description                                                            \
	}

static const struct schema_column org_columns[ORG_NCOLS] = {
	[ORG_ID] = YAML_COLUMN("id", STRING, SCHEMA_REQUIRED, SCHEMA_ID, 0, NULL),
	[ORG_NAME] = YAML_COLUMN("name", STRING, SCHEMA_REQUIRED, SCHEMA_ANY, 0, NULL),
};
static const char *const org_names[ORG_NCOLS + 1] = { "id", "name", NULL };

static const struct schema_column svc_columns[SVC_NCOLS] = {
	[SVC_ID] = YAML_COLUMN("id", STRING, SCHEMA_REQUIRED, SCHEMA_ID, 0, NULL),
	[SVC_ORGANIZATION] =
		YAML_COLUMN("organization", STRING, SCHEMA_REQUIRED, SCHEMA_ID, 0, NULL),
	[SVC_NAME] = YAML_COLUMN("name", STRING, SCHEMA_REQUIRED, SCHEMA_ANY, 0, NULL),
	[SVC_UNIT] = YAML_COLUMN("unit", STRING, 0, SCHEMA_ANY, 0, "the capacity unit"),
	[SVC_TOTAL] = YAML_COLUMN("total", INTEGER, SCHEMA_RANGE, SCHEMA_ANY, SERVICES_CAPACITY_MAX,
				  "the capacity total"),
};
static const char *const svc_names[SVC_NCOLS + 1] = { "id",   "organization", "name",
						      "unit", "total",        NULL };

static const struct schema org_schema = { NULL, org_columns, org_names, ORG_NCOLS };
static const struct schema svc_schema = { NULL, svc_columns, svc_names, SVC_NCOLS };

/* The resources, in an order where each one's references come before it. */
enum res {
	RES_ORGS,
	RES_SERVICES,
	RES_INTAKE,
	RES_CAPACITY,
	RES_REFERRALS,
	RES_APPOINTMENTS,
	RES_CHANGES,
	RES_ERASURES,
	NRES
};

struct foreign_key {
	const char *field;
	enum res target;
	const char *target_field;
};

struct resource {
	const char *name, *title;
	int file; /* enum describe_file, or -1: inline */
	const struct schema *schema;
	const char *primary_key;  /* NULL: none */
	struct foreign_key fk[2]; /* field NULL: unused */
};

static const struct resource resources[NRES] = {
	[RES_ORGS] = { "organizations",
		       "the organizations of services.yaml",
		       -1,
		       &org_schema,
		       "id",
		       { { NULL, 0, NULL } } },
	[RES_SERVICES] = { "services",
			   "the services of services.yaml",
			   -1,
			   &svc_schema,
			   "id",
			   { { "organization", RES_ORGS, "id" } } },
	[RES_INTAKE] = { "intake",
			 "client contacts",
			 DESCRIBE_INTAKE,
			 &intake_schema,
			 "id",
			 { { NULL, 0, NULL } } },
	[RES_CAPACITY] = { "capacity",
			   "capacity observations",
			   DESCRIBE_CAPACITY,
			   &capacity_schema,
			   NULL,
			   { { NULL, 0, NULL } } },
	[RES_REFERRALS] = { "referrals",
			    "outcomes of referrals",
			    DESCRIBE_REFERRALS,
			    &referral_schema,
			    NULL,
			    { { "intake_id", RES_INTAKE, "id" },
			      { "service", RES_SERVICES, "id" } } },
	[RES_APPOINTMENTS] = { "appointments",
			       "specialist appointments",
			       DESCRIBE_APPOINTMENTS,
			       &appointments_schema,
			       "id",
			       { { "service", RES_SERVICES, "id" } } },
	[RES_CHANGES] = { "intake_changes",
			  "intake-update's audit trail: one row per changed field",
			  DESCRIBE_CHANGES,
			  &changes_schema,
			  NULL,
			  { { "id", RES_INTAKE, "id" } } },
	[RES_ERASURES] = { "erasures",
			   "the erasure log: what intake-purge removed, never whose",
			   DESCRIBE_ERASURES,
			   &erasures_schema,
			   NULL,
			   { { NULL, 0, NULL } } },
};

static const char *const type_names[] = { [SCHEMA_STRING] = "string",
					  [SCHEMA_INTEGER] = "integer",
					  [SCHEMA_DATE] = "date",
					  [SCHEMA_DATETIME] = "datetime" };

static int included(const struct resource *r, const struct describe_input *in)
{
	return r->file < 0 ? in->services != NULL : (in->present >> r->file) & 1;
}

/* The values a field may take, or with SCHEMA_LIST its items; malloc'd array. */
static size_t field_values(const struct schema_column *f, const struct describe_input *in,
			   const char ***out)
{
	const struct services *s = in->services;
	const char *const *table = NULL;
	const char **v;
	size_t n = 0, i, k = 0;

	switch (f->values) {
	case SCHEMA_TABLE:
		table = f->table;
		while (table[n])
			n++;
		break;
	case SCHEMA_COUNTRIES:
		table = isocodes_countries(&n);
		break;
	case SCHEMA_LANGUAGES:
		table = isocodes_languages(&n);
		break;
	case SCHEMA_NEEDS:
		n = in->taxonomy->n;
		break;
	case SCHEMA_SERVICES:
		n = s ? s->nall : 0;
		break;
	case SCHEMA_SERVICE_OR_ORG:
		n = s ? s->nall + s->norgs : 0;
		break;
	default:
		*out = NULL;
		return 0;
	}
	v = xcalloc(n + 1, sizeof *v);
	if (table) {
		for (i = 0; i < n; i++)
			v[i] = table[i];
	} else if (f->values == SCHEMA_NEEDS) {
		for (i = 0; i < n; i++)
			v[i] = in->taxonomy->entries[i].code;
	} else if (s) {
		for (i = 0; i < s->nall; i++)
			v[k++] = s->all[i]->id;
		for (i = 0; k < n; i++)
			v[k++] = s->orgs[i].id;
	}
	*out = v;
	return n;
}

/* A value as a literal in a pattern. */
static void pattern_literal(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (strchr(".\\?*+{}()[]|^$", *s))
			strbuf_addch(sb, '\\');
		strbuf_addch(sb, *s);
	}
}

/* (a|b|c)(;(a|b|c))*: one value, then any number of ';' and a value. */
static void list_pattern(struct strbuf *sb, const char *const *v, size_t n)
{
	struct strbuf alt = STRBUF_INIT;
	size_t i;
	strbuf_addch(&alt, '(');
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&alt, '|');
		pattern_literal(&alt, v[i]);
	}
	strbuf_addch(&alt, ')');
	strbuf_addf(sb, "%s(;%s)*", alt.buf, alt.buf);
	strbuf_release(&alt);
}

static void write_constraints(struct jw *w, const struct schema_column *f,
			      const struct describe_input *in)
{
	struct strbuf pat = STRBUF_INIT;
	const char **v;
	size_t n = field_values(f, in, &v), i;

	if (f->values == SCHEMA_REFERENCE)
		strbuf_addf(&pat, "[A-Za-z0-9][A-Za-z0-9._-]{0,%d}", INTAKE_REF_MAX - 1);
	else if (f->values == SCHEMA_ID)
		strbuf_addf(&pat, "[a-z0-9][a-z0-9-]{0,%d}", SERVICES_ID_MAX - 1);
	else if (f->values == SCHEMA_PATTERN)
		strbuf_addstr(&pat, f->pattern);
	else if (v && n && (f->flags & SCHEMA_LIST))
		list_pattern(&pat, v, n);

	if (!(f->flags & (SCHEMA_REQUIRED | SCHEMA_RANGE)) && !v && !pat.len && !f->max_length)
		goto out;
	jw_open(w, "constraints", '{', 1);
	if (f->flags & SCHEMA_REQUIRED)
		jw_literal(w, "required", "true");
	if (v && (!(f->flags & SCHEMA_LIST) || n == 0)) {
		/* no values at all: nothing but empty is valid */
		jw_open(w, "enum", '[', 1);
		for (i = 0; i < n; i++)
			jw_str(w, NULL, v[i]);
		jw_close(w, ']');
	}
	if (pat.len)
		jw_str(w, "pattern", pat.buf);
	if (f->flags & SCHEMA_RANGE) {
		jw_long(w, "minimum", f->min);
		jw_long(w, "maximum", f->max);
	}
	if (f->max_length)
		jw_long(w, "maxLength", f->max_length);
	jw_close(w, '}');
out:
	free(v);
	strbuf_release(&pat);
}

static void write_schema(struct jw *w, const struct resource *r, const struct describe_input *in)
{
	size_t c, k;

	jw_open(w, "schema", '{', 0);
	jw_open(w, "fields", '[', 0);
	for (c = 0; c < r->schema->ncols; c++) {
		const struct schema_column *f = &r->schema->columns[c];
		jw_open(w, NULL, '{', 1);
		jw_str(w, "name", f->name);
		jw_str(w, "type", type_names[f->type]);
		if (f->format)
			jw_str(w, "format", f->format);
		if (f->description)
			jw_str(w, "description", f->description);
		write_constraints(w, f, in);
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_open(w, "missingValues", '[', 1);
	jw_str(w, NULL, "");
	jw_close(w, ']');
	if (r->primary_key) {
		jw_open(w, "primaryKey", '[', 1);
		jw_str(w, NULL, r->primary_key);
		jw_close(w, ']');
	}
	for (k = 0; k < 2 && r->fk[k].field && !included(&resources[r->fk[k].target], in); k++)
		;
	if (k < 2 && r->fk[k].field) {
		jw_open(w, "foreignKeys", '[', 0);
		for (k = 0; k < 2 && r->fk[k].field; k++) {
			if (!included(&resources[r->fk[k].target], in))
				continue;
			jw_open(w, NULL, '{', 1);
			jw_open(w, "fields", '[', 1);
			jw_str(w, NULL, r->fk[k].field);
			jw_close(w, ']');
			jw_open(w, "reference", '{', 1);
			jw_str(w, "resource", resources[r->fk[k].target].name);
			jw_open(w, "fields", '[', 1);
			jw_str(w, NULL, r->fk[k].target_field);
			jw_close(w, ']');
			jw_close(w, '}');
			jw_close(w, '}');
		}
		jw_close(w, ']');
	}
	jw_close(w, '}');
}

static void write_dialect(struct jw *w)
{
	jw_open(w, "dialect", '{', 1);
	jw_str(w, "delimiter", ",");
	jw_literal(w, "doubleQuote", "true");
	jw_literal(w, "header", "true");
	jw_str(w, "lineTerminator", "\n");
	jw_str(w, "quoteChar", "\"");
	jw_literal(w, "skipInitialSpace", "false");
	jw_close(w, '}');
}

static void opt_str(struct jw *w, const char *key, const char *s)
{
	if (s)
		jw_str(w, key, s);
	else
		jw_literal(w, key, "null");
}

/* The rows of an inline resource: organizations or services, in file order. */
static void write_data(struct jw *w, enum res which, const struct services *s)
{
	size_t i;
	jw_open(w, "data", '[', 0);
	for (i = 0; i < (which == RES_ORGS ? s->norgs : s->nall); i++) {
		jw_open(w, NULL, '{', 1);
		if (which == RES_ORGS) {
			jw_str(w, org_names[ORG_ID], s->orgs[i].id);
			jw_str(w, org_names[ORG_NAME], s->orgs[i].name);
		} else {
			const struct service *svc = s->all[i];
			jw_str(w, svc_names[SVC_ID], svc->id);
			jw_str(w, svc_names[SVC_ORGANIZATION], svc->org->id);
			jw_str(w, svc_names[SVC_NAME], svc->name);
			opt_str(w, svc_names[SVC_UNIT], svc->capacity_unit);
			if (svc->capacity_unit && svc->capacity_total >= 0)
				jw_long(w, svc_names[SVC_TOTAL], svc->capacity_total);
			else
				jw_literal(w, svc_names[SVC_TOTAL], "null");
		}
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

void describe_json(struct strbuf *sb, const struct describe_input *in)
{
	struct jw w = { sb, 0, 0, 1 };
	int i;

	jw_open(&w, NULL, '{', 0);
	jw_str(&w, "profile", "tabular-data-package");
	jw_str(&w, "name", "okienko");
	jw_str(&w, "title", "okienko data directory");
	jw_open(&w, "resources", '[', 0);
	for (i = 0; i < NRES; i++) {
		const struct resource *r = &resources[i];
		if (!included(r, in))
			continue;
		jw_open(&w, NULL, '{', 0);
		jw_str(&w, "name", r->name);
		if (r->file >= 0)
			jw_str(&w, "path", describe_files[r->file]);
		jw_str(&w, "profile", "tabular-data-resource");
		jw_str(&w, "title", r->title);
		if (r->file >= 0) {
			jw_str(&w, "format", "csv");
			jw_str(&w, "mediatype", "text/csv");
			jw_str(&w, "encoding", "utf-8");
			write_dialect(&w);
		}
		write_schema(&w, r, in);
		if (r->file < 0)
			write_data(&w, (enum res)i, in->services);
		jw_close(&w, '}');
	}
	jw_close(&w, ']');
	jw_close(&w, '}');
	strbuf_addch(sb, '\n');
}
