#include "services.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "isocodes.h"
#include "suggest.h"
#include "hash.h"
#include "xalloc.h"
#include "yamldoc.h"
#include "banned.h"

struct services_slot {
	const char *id;
	const struct organization *org; /* exactly one of org, svc is set */
	const struct service *svc;
	long line, col; /* of the id, for "first defined" */
};

struct loader {
	struct services *s;
	const struct yamldoc *doc;
	const struct taxonomy *tax;
	struct diag *d;
};

static const char *const top_keys[] = { "version", "country", "timezone", "organizations", NULL };
static const char *const org_keys[] = { "id",       "name",     "aliases", "country",
					"location", "services", NULL };
static const char *const service_keys[] = { "id",        "name",     "needs",    "target_groups",
					    "languages", "hours",    "capacity", "address",
					    "phone",     "location", NULL };
static const char *const capacity_keys[] = { "unit", "total", NULL };
static const char *const location_keys[] = { "lat", "lon", NULL };

static const struct {
	const char *country, *timezone;
} supported[] = {
	{ "CZ", "Europe/Prague" },
	{ "PL", "Europe/Warsaw" },
};

static int is_lower_digit(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int services_valid_id(const char *id)
{
	size_t i;

	if (!id || !is_lower_digit(id[0]))
		return 0;
	for (i = 1; id[i]; i++)
		if (!is_lower_digit(id[i]) && id[i] != '-')
			return 0;
	return i <= SERVICES_ID_MAX;
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static const char *const tz_areas[] = {
	"Africa",    "America", "Antarctica", "Arctic", "Asia",    "Atlantic",
	"Australia", "Etc",     "Europe",     "Indian", "Pacific",
};

/* "UTC" or Area/Location[/More], as tzdata names zones; not a lookup. */
static int valid_timezone(const char *tz)
{
	const char *slash = strchr(tz, '/'), *p;
	size_t i, len = strlen(tz);
	int start = 1;

	if (!strcmp(tz, "UTC"))
		return 1;
	if (!slash || len > 64)
		return 0;
	for (i = 0; i < sizeof tz_areas / sizeof *tz_areas; i++)
		if (strlen(tz_areas[i]) == (size_t)(slash - tz) &&
		    !memcmp(tz, tz_areas[i], (size_t)(slash - tz)))
			break;
	if (i == sizeof tz_areas / sizeof *tz_areas)
		return 0;
	for (p = slash + 1; *p; p++) {
		if (start && !is_alpha(*p))
			return 0;
		start = *p == '/';
		if (!start && !is_alpha(*p) && !(*p >= '0' && *p <= '9') && *p != '_' &&
		    *p != '-' && *p != '+')
			return 0;
	}
	return !start;
}

static int valid_unit(const char *u)
{
	size_t i;

	for (i = 0; u[i]; i++)
		if (!((unsigned char)u[i] >= 0x80 || is_alpha(u[i]) ||
		      (u[i] >= '0' && u[i] <= '9') || u[i] == '-' || u[i] == '_'))
			return 0;
	return i > 0;
}

/* Index of ids: open addressing, at most half full. */

static struct services_slot *slot_for(const struct services *s, const char *id)
{
	size_t i;

	if (!s->index)
		return NULL;
	for (i = (size_t)hash_bytes(id, strlen(id)) & s->index_mask;; i = (i + 1) & s->index_mask)
		if (!s->index[i].id || !strcmp(s->index[i].id, id))
			return &s->index[i];
}

static void index_init(struct services *s, size_t nids)
{
	size_t cap = 16;

	while (cap < 2 * nids)
		cap *= 2;
	s->index = arena_alloc(&s->arena, cap * sizeof *s->index);
	s->index_mask = cap - 1;
}

const struct service *services_find(const struct services *s, const char *id)
{
	const struct services_slot *slot = id ? slot_for(s, id) : NULL;
	return slot && slot->id ? slot->svc : NULL;
}

const struct organization *services_find_org(const struct services *s, const char *id)
{
	const struct services_slot *slot = id ? slot_for(s, id) : NULL;
	return slot && slot->id ? slot->org : NULL;
}

size_t services_suggest(const struct services *s, const char *id, struct suggestion *out)
{
	const char **ids;
	size_t i;

	if (!s->nall)
		return suggest_one(out, NULL);
	ids = xreallocarray(NULL, s->nall, sizeof *ids);
	for (i = 0; i < s->nall; i++)
		ids[i] = s->all[i]->id;
	suggest_words(out, id, ids, s->nall);
	free(ids);
	return out->n;
}

/* Validation helpers: each returns 0, or -1 with ld->d filled. */

__attribute__((format(printf, 2, 3))) static int hint(struct loader *ld, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ld->d->hint, sizeof ld->d->hint, _(fmt), ap);
	va_end(ap);
	return -1;
}

static int missing(struct loader *ld, const struct yamldoc_node *map, const char *key)
{
	return yamldoc_error(ld->doc, map, ld->d, "missing key '%s'", key);
}

/* A string value: *out is an arena copy, or NULL for null / "". */
static int get_string(struct loader *ld, const char *key, const struct yamldoc_node *v,
		      const char **out)
{
	*out = NULL;
	if (v->kind != YAMLDOC_SCALAR)
		return yamldoc_error(ld->doc, v, ld->d, "'%s' must be a string", key);
	if (yamldoc_is_null(v) || !v->len)
		return 0;
	if (strlen(v->str) != v->len)
		return yamldoc_error(ld->doc, v, ld->d, "'%s' must not contain a NUL character",
				     key);
	*out = arena_strndup(&ld->s->arena, v->str, v->len);
	return 0;
}

static int get_required(struct loader *ld, const char *key, const struct yamldoc_node *v,
			const char **out)
{
	if (get_string(ld, key, v, out))
		return -1;
	if (!*out)
		return yamldoc_error(ld->doc, v, ld->d, "empty '%s'", key);
	return 0;
}

typedef int (*item_check)(struct loader *ld, const struct yamldoc_node *item);

/* A list of non-empty strings, each passed to check (if any). */
static int get_list(struct loader *ld, const char *key, const struct yamldoc_node *v,
		    item_check check, const char ***out, size_t *n)
{
	size_t i;
	const char **list;

	*out = NULL;
	*n = 0;
	if (yamldoc_is_null(v))
		return 0;
	if (v->kind != YAMLDOC_SEQ) {
		yamldoc_error(ld->doc, v, ld->d, "'%s' must be a sequence", key);
		if (v->kind == YAMLDOC_SCALAR)
			diag_hint(ld->d, "write '%s: [%s]'", key, v->str);
		return -1;
	}
	list = arena_alloc(&ld->s->arena, v->n * sizeof *list);
	for (i = 0; i < v->n; i++) {
		const struct yamldoc_node *it = v->items[i];

		if (it->kind != YAMLDOC_SCALAR)
			return yamldoc_error(ld->doc, it, ld->d, "an item of '%s' must be a string",
					     key);
		if (get_string(ld, key, it, &list[i]))
			return -1;
		if (!list[i])
			return yamldoc_error(ld->doc, it, ld->d, "empty item in '%s'", key);
		if (check && check(ld, it))
			return -1;
	}
	*out = list;
	*n = v->n;
	return 0;
}

static int check_need(struct loader *ld, const struct yamldoc_node *it)
{
	struct suggestion near = { { NULL }, 0, 0 };

	if (ld->tax ? taxonomy_find(ld->tax, it->str) != NULL : taxonomy_valid_code(it->str))
		return 0;
	yamldoc_error(ld->doc, it, ld->d, "unknown need '%s'", it->str);
	if (ld->tax && taxonomy_suggest(ld->tax, it->str, &near))
		return suggest_hint(ld->d, &near), -1;
	return hint(ld, "needs are taxonomy codes; taxonomy.yaml can add one");
}

static int check_language(struct loader *ld, const struct yamldoc_node *it)
{
	const char *near;

	if (isocodes_language(it->str))
		return 0;
	yamldoc_error(ld->doc, it, ld->d, "unknown language '%s'", it->str);
	near = isocodes_suggest_language(it->str);
	return near ? hint(ld, "did you mean '%s'?", near)
		    : hint(ld, "expected an ISO 639-1 code such as 'uk' or 'cs'");
}

static int get_country(struct loader *ld, const struct yamldoc_node *v, const char **out)
{
	const char *c, *near;
	size_t i;

	if (get_required(ld, "country", v, &c))
		return -1;
	if (!isocodes_country(c)) {
		yamldoc_error(ld->doc, v, ld->d, "unknown country '%s'", c);
		near = isocodes_suggest_country(c);
		return near ? hint(ld, "did you mean '%s'?", near) : hint(ld, "expected CZ or PL");
	}
	for (i = 0; i < sizeof supported / sizeof *supported; i++)
		if (!strcmp(c, supported[i].country)) {
			*out = supported[i].country;
			return 0;
		}
	yamldoc_error(ld->doc, v, ld->d, "no public holidays for country '%s'", c);
	return hint(ld, "supported countries: CZ, PL");
}

static int get_id(struct loader *ld, const struct yamldoc_node *v, const char **out)
{
	struct services_slot *slot;

	if (get_required(ld, "id", v, out))
		return -1;
	if (!services_valid_id(*out)) {
		yamldoc_error(ld->doc, v, ld->d, "invalid id '%s'", *out);
		diag_hint(ld->d,
			  "an id is lower-case letters, digits and '-', "
			  "starting with a letter or digit, at most %d characters",
			  SERVICES_ID_MAX);
		return -1;
	}
	slot = slot_for(ld->s, *out);
	if (slot->id) {
		yamldoc_error(ld->doc, v, ld->d, "duplicate id '%s'", *out);
		diag_hint(ld->d, "first defined at line %ld, column %ld", slot->line, slot->col);
		return -1;
	}
	slot->id = *out;
	slot->line = v->line;
	slot->col = v->col;
	return 0;
}

static int get_total(struct loader *ld, const struct yamldoc_node *v, long *out)
{
	const char *p;
	char *end;
	long n;

	if (v->kind != YAMLDOC_SCALAR || yamldoc_is_null(v))
		return yamldoc_error(ld->doc, v, ld->d, "capacity total must be a whole number");
	for (p = v->str; *p >= '0' && *p <= '9'; p++)
		;
	if (p == v->str || *p || (size_t)(p - v->str) != v->len) {
		yamldoc_error(ld->doc, v, ld->d, "invalid capacity total '%s'", v->str);
		return hint(ld, "expected a whole number from 0 to 100000");
	}
	errno = 0;
	n = strtol(v->str, &end, 10);
	if (errno || n > SERVICES_CAPACITY_MAX) {
		yamldoc_error(ld->doc, v, ld->d, "capacity total '%s' out of range", v->str);
		return hint(ld, "expected a whole number from 0 to 100000");
	}
	*out = n;
	return 0;
}

static int get_capacity(struct loader *ld, struct service *svc, const struct yamldoc_node *v)
{
	const struct yamldoc_node *unit, *total;

	if (yamldoc_is_null(v))
		return 0;
	if (yamldoc_expect(ld->doc, v, YAMLDOC_MAP, "'capacity'", ld->d) ||
	    yamldoc_check_keys(ld->doc, v, capacity_keys, ld->d))
		return -1;
	unit = yamldoc_get(v, "unit");
	total = yamldoc_get(v, "total");
	if (!unit)
		return missing(ld, v, "unit");
	if (get_required(ld, "unit", unit, &svc->capacity_unit))
		return -1;
	if (!valid_unit(svc->capacity_unit)) {
		yamldoc_error(ld->doc, unit, ld->d, "invalid capacity unit '%s'",
			      svc->capacity_unit);
		return hint(ld,
			    "a unit is one word, such as 'beds', "
			    "'families' or 'places'");
	}
	return total ? get_total(ld, total, &svc->capacity_total) : 0;
}

int services_parse_degrees(const char *s, size_t len, double max, double *out)
{
	const char *p = s;
	char buf[32];
	int digits = 0;

	if (*p == '-')
		p++;
	for (; (size_t)(p - s) < len && *p >= '0' && *p <= '9'; p++)
		digits++;
	if ((size_t)(p - s) < len && *p == '.')
		for (p++; (size_t)(p - s) < len && *p >= '0' && *p <= '9'; p++)
			digits++;
	if (!digits || (size_t)(p - s) != len || len >= sizeof buf)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*out = strtod(buf, NULL);
	return *out < -max || *out > max ? -2 : 0;
}

/* A coordinate: a plain decimal number ("50.08", "-3.7") within max. */
static int get_degrees(struct loader *ld, const struct yamldoc_node *v, const char *key, double max,
		       double *out)
{
	int rc;

	if (v->kind != YAMLDOC_SCALAR || yamldoc_is_null(v)) {
		yamldoc_error(ld->doc, v, ld->d, "location %s must be a number", key);
		return hint(ld,
			    "write degrees as a decimal number: 'location: {lat: 50.08, lon: 14.42}'");
	}
	rc = services_parse_degrees(v->str, v->len, max, out);
	if (rc == -1) {
		yamldoc_error(ld->doc, v, ld->d, "invalid location %s '%s'", key, v->str);
		return hint(ld,
			    "write degrees as a decimal number: 'location: {lat: 50.08, lon: 14.42}'");
	}
	if (rc == -2) {
		yamldoc_error(ld->doc, v, ld->d, "location %s '%s' out of range", key, v->str);
		return hint(ld, "%s is from %g to %g degrees", key, -max, max);
	}
	return 0;
}

/* "location: {lat: 50.08, lon: 14.42}" (null: none). */
static int get_location(struct loader *ld, const struct yamldoc_node *v,
			struct services_location *out)
{
	const struct yamldoc_node *lat, *lon;

	if (yamldoc_is_null(v))
		return 0;
	if (yamldoc_expect(ld->doc, v, YAMLDOC_MAP, "'location'", ld->d) ||
	    yamldoc_check_keys(ld->doc, v, location_keys, ld->d))
		return -1;
	lat = yamldoc_get(v, "lat");
	lon = yamldoc_get(v, "lon");
	if (!lat)
		return missing(ld, v, "lat");
	if (!lon)
		return missing(ld, v, "lon");
	if (get_degrees(ld, lat, "lat", 90, &out->lat) ||
	    get_degrees(ld, lon, "lon", 180, &out->lon))
		return -1;
	out->set = 1;
	return 0;
}

static int get_hours(struct loader *ld, struct service *svc, const struct yamldoc_node *v)
{
	if (get_string(ld, "hours", v, &svc->hours))
		return -1;
	/* hours: "" is an expression, an empty one (lint and is-open say so);
	 * only a missing or null value means no hours */
	if (!svc->hours && !yamldoc_is_null(v))
		svc->hours = "";
	svc->hours_line = v->line;
	svc->hours_col = v->col + (v->style == '"' || v->style == '\'');
	return 0;
}

static int service_field(struct loader *ld, struct service *svc, const char *k,
			 const struct yamldoc_node *v)
{
	if (!strcmp(k, "id"))
		return get_id(ld, v, &svc->id);
	if (!strcmp(k, "name"))
		return get_required(ld, k, v, &svc->name);
	if (!strcmp(k, "needs"))
		return get_list(ld, k, v, check_need, &svc->needs, &svc->nneeds);
	if (!strcmp(k, "target_groups"))
		return get_list(ld, k, v, NULL, &svc->target_groups, &svc->ntarget_groups);
	if (!strcmp(k, "languages"))
		return get_list(ld, k, v, check_language, &svc->languages, &svc->nlanguages);
	if (!strcmp(k, "hours"))
		return get_hours(ld, svc, v);
	if (!strcmp(k, "capacity"))
		return get_capacity(ld, svc, v);
	if (!strcmp(k, "address"))
		return get_string(ld, k, v, &svc->address);
	if (!strcmp(k, "location"))
		return get_location(ld, v, &svc->location);
	return get_string(ld, k, v, &svc->phone);
}

static int load_service(struct loader *ld, struct organization *org, const struct yamldoc_node *map)
{
	struct service *svc = arena_alloc(&ld->s->arena, sizeof *svc);
	size_t i;

	if (yamldoc_expect(ld->doc, map, YAMLDOC_MAP, "a service", ld->d) ||
	    yamldoc_check_keys(ld->doc, map, service_keys, ld->d))
		return -1;
	svc->org = org;
	svc->capacity_total = -1;
	svc->line = map->line;
	svc->col = map->col;
	for (i = 0; i < map->n; i++)
		if (service_field(ld, svc, map->keys[i]->str, map->values[i]))
			return -1;
	if (!svc->id)
		return missing(ld, map, "id");
	if (!svc->name)
		return missing(ld, map, "name");
	slot_for(ld->s, svc->id)->svc = svc;
	org->services[org->nservices++] = svc;
	ld->s->all[ld->s->nall++] = svc;
	return 0;
}

static int load_services(struct loader *ld, struct organization *org, const struct yamldoc_node *v)
{
	size_t i;

	if (yamldoc_is_null(v))
		return 0;
	if (yamldoc_expect(ld->doc, v, YAMLDOC_SEQ, "'services'", ld->d))
		return -1;
	org->services = arena_alloc(&ld->s->arena, v->n * sizeof *org->services);
	for (i = 0; i < v->n; i++)
		if (load_service(ld, org, v->items[i]))
			return -1;
	return 0;
}

static int org_field(struct loader *ld, struct organization *org, const char *k,
		     const struct yamldoc_node *v)
{
	if (!strcmp(k, "id"))
		return get_id(ld, v, &org->id);
	if (!strcmp(k, "name"))
		return get_required(ld, k, v, &org->name);
	if (!strcmp(k, "aliases"))
		return get_list(ld, k, v, NULL, &org->aliases, &org->naliases);
	if (!strcmp(k, "country"))
		return get_country(ld, v, &org->country);
	if (!strcmp(k, "location"))
		return get_location(ld, v, &org->location);
	return load_services(ld, org, v);
}

static int load_org(struct loader *ld, struct organization *org, const struct yamldoc_node *map)
{
	size_t i;

	if (yamldoc_expect(ld->doc, map, YAMLDOC_MAP, "an organization", ld->d) ||
	    yamldoc_check_keys(ld->doc, map, org_keys, ld->d))
		return -1;
	org->line = map->line;
	org->col = map->col;
	org->country = ld->s->country;
	for (i = 0; i < map->n; i++)
		if (org_field(ld, org, map->keys[i]->str, map->values[i]))
			return -1;
	if (!org->id)
		return missing(ld, map, "id");
	if (!org->name)
		return missing(ld, map, "name");
	slot_for(ld->s, org->id)->org = org;
	return 0;
}

static int load_header(struct loader *ld, const struct yamldoc_node *root)
{
	const struct yamldoc_node *v;
	size_t i;

	if (yamldoc_expect(ld->doc, root, YAMLDOC_MAP, "the top level", ld->d) ||
	    yamldoc_check_keys(ld->doc, root, top_keys, ld->d))
		return -1;
	v = yamldoc_get(root, "version");
	if (!v)
		return missing(ld, root, "version");
	if (v->kind != YAMLDOC_SCALAR)
		return yamldoc_error(ld->doc, v, ld->d, "'version' must be 1");
	if (strcmp(v->str, "1")) {
		yamldoc_error(ld->doc, v, ld->d, "unsupported version '%s'", v->str);
		return hint(ld, "the only version is 1");
	}
	ld->s->version = 1;
	v = yamldoc_get(root, "country");
	if (!v)
		return missing(ld, root, "country");
	if (get_country(ld, v, &ld->s->country))
		return -1;
	v = yamldoc_get(root, "timezone");
	if (v && !yamldoc_is_null(v)) {
		if (get_string(ld, "timezone", v, &ld->s->timezone))
			return -1;
		if (!valid_timezone(ld->s->timezone)) {
			yamldoc_error(ld->doc, v, ld->d, "invalid time zone '%s'", ld->s->timezone);
			return hint(ld,
				    "expected an IANA name such as "
				    "'Europe/Prague'");
		}
		return 0;
	}
	for (i = 0; i < sizeof supported / sizeof *supported; i++)
		if (!strcmp(ld->s->country, supported[i].country))
			ld->s->timezone = supported[i].timezone;
	return 0;
}

/* Sizes everything from the tree, so the arrays and the index never grow. */
static size_t count_ids(const struct yamldoc_node *orgs, size_t *nservices)
{
	size_t i;

	*nservices = 0;
	for (i = 0; i < orgs->n; i++) {
		const struct yamldoc_node *sv = yamldoc_get(orgs->items[i], "services");
		if (sv && sv->kind == YAMLDOC_SEQ)
			*nservices += sv->n;
	}
	return orgs->n + *nservices;
}

static int load_tree(struct loader *ld, const struct yamldoc_node *root)
{
	const struct yamldoc_node *orgs;
	size_t i, nservices, nids;

	if (load_header(ld, root))
		return -1;
	orgs = yamldoc_get(root, "organizations");
	if (yamldoc_is_null(orgs)) {
		index_init(ld->s, 0);
		return 0;
	}
	if (yamldoc_expect(ld->doc, orgs, YAMLDOC_SEQ, "'organizations'", ld->d))
		return -1;
	nids = count_ids(orgs, &nservices);
	index_init(ld->s, nids);
	ld->s->all = arena_alloc(&ld->s->arena, nservices * sizeof *ld->s->all);
	ld->s->orgs = arena_alloc(&ld->s->arena, orgs->n * sizeof *ld->s->orgs);
	for (i = 0; i < orgs->n; i++) {
		if (load_org(ld, &ld->s->orgs[i], orgs->items[i]))
			return -1;
		ld->s->norgs++;
	}
	return 0;
}

int services_load_fd(struct services *s, const char *path, int fd, const struct taxonomy *tax,
		     struct diag *d)
{
	struct yamldoc doc;
	struct loader ld;
	int ret;

	memset(s, 0, sizeof *s);
	s->arena = (struct arena)ARENA_INIT;
	ret = yamldoc_load_fd(&doc, path, fd, d);
	if (!ret) {
		s->path = arena_strdup(&s->arena, path);
		ld.s = s;
		ld.doc = &doc;
		ld.tax = tax;
		ld.d = d;
		ret = load_tree(&ld, doc.root);
	}
	yamldoc_release(&doc);
	if (ret)
		services_release(s);
	return ret;
}

int services_load(struct services *s, const char *path, const struct taxonomy *tax, struct diag *d)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0) {
		int e = errno;
		memset(s, 0, sizeof *s);
		s->arena = (struct arena)ARENA_INIT;
		return diag_errno(d, e, "open", path);
	}
	ret = services_load_fd(s, path, fd, tax, d);
	close(fd);
	return ret;
}

void services_release(struct services *s)
{
	arena_release(&s->arena);
	memset(s, 0, sizeof *s);
	s->arena = (struct arena)ARENA_INIT;
}
