/*
 * services: the service directory, services.yaml.
 *
 *     version: 1
 *     country: CZ                 # CZ or PL: whose public holidays apply
 *     timezone: Europe/Prague     # optional; default by country
 *     organizations:
 *       - id: shelter-north
 *         name: Noclehárna Sever
 *         aliases: [Sever, Noclehárna]
 *         country: PL             # optional, overrides the file's
 *         services:
 *           - id: shelter-north-night
 *             name: Noclehárna
 *             needs: [housing]            # taxonomy codes
 *             target_groups: [homeless]
 *             languages: [cs, en]         # ISO 639-1
 *             hours: "Mo-Su 18:00-08:00"  # opening_hours, kept as text
 *             capacity: {unit: beds, total: 40}
 *             address: "..."
 *             phone: "+420 ..."
 *
 * Rules: version is 1; country is CZ or PL, at the top and optionally per
 * organization (one directory may serve a Czech and a Polish region);
 * timezone looks like an IANA name, checked for syntax only (tzdata is not
 * consulted here): "UTC" or Area/Location with a tzdata area (Europe,
 * America, Asia, ..., Etc) and locations of letters, digits, '_', '-' and
 * '+'; it defaults to Europe/Prague for CZ, Europe/Warsaw for PL; ids are [a-z0-9][a-z0-9-]*,
 * at most SERVICES_ID_MAX characters, unique across organizations and
 * services together; organizations and services need a name; needs are
 * taxonomy codes; languages are ISO 639-1; capacity has a unit (one word:
 * letters, digits, '-' or '_') and optionally a total (0..100000); hours,
 * address and phone are strings; aliases and target_groups lists of
 * strings.  An organization may have no services.  Unknown keys are
 * errors.  Every error carries the position of the offending node and,
 * where one helps, a hint ("did you mean 'housing'?").
 *
 * Ownership: struct services owns everything reachable from it (its arena)
 * until services_release; the taxonomy is only consulted while loading.
 * A failed load leaves it empty.
 */
#ifndef OKIENKO_SERVICES_H
#define OKIENKO_SERVICES_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "taxonomy.h"

#define SERVICES_ID_MAX 64
#define SERVICES_CAPACITY_MAX 100000

struct organization;

/* Coordinates (WGS 84 degrees) for sunrise and sunset in opening hours. */
struct services_location {
	int set;
	double lat, lon; /* -90..90, -180..180 */
};

/*
 * Degrees written as a plain decimal number ("50.08", "-3.7") of len
 * bytes at s: 0 and *out, -1 when it is not such a number, -2 when it is
 * outside -max..max.
 */
int services_parse_degrees(const char *s, size_t len, double max, double *out);

struct service {
	const char *id, *name;
	const struct organization *org;
	const char **needs;
	size_t nneeds;
	const char **target_groups;
	size_t ntarget_groups;
	const char **languages;
	size_t nlanguages;
	/*
	 * opening_hours text or NULL; the position of its first character
	 * (past the opening quote of a quoted scalar) for error messages.
	 */
	const char *hours;
	long hours_line, hours_col;
	const char *capacity_unit;         /* NULL when no capacity */
	long capacity_total;               /* -1 when not given */
	const char *address, *phone;       /* NULL when absent */
	struct services_location location; /* its own "location:" */
	long line, col;
};

struct organization {
	const char *id, *name;
	const char **aliases;
	size_t naliases;
	const char *country;               /* its own "country:", else the file's */
	struct services_location location; /* "location:", for its services without one */
	struct service **services;
	size_t nservices;
	long line, col;
};

struct services_slot;

struct services {
	struct arena arena;
	const char *path;
	int version;
	const char *country, *timezone;
	struct organization *orgs;
	size_t norgs;
	struct service **all; /* every service, in file order */
	size_t nall;
	struct services_slot *index; /* ids of orgs and services, hashed */
	size_t index_mask;
};

/* tax may be NULL: needs are then only checked for the code syntax. */
int services_load(struct services *s, const char *path, const struct taxonomy *tax, struct diag *d);
/* The same from an open file; path names it in messages. */
int services_load_fd(struct services *s, const char *path, int fd, const struct taxonomy *tax,
		     struct diag *d);
void services_release(struct services *s);

const struct service *services_find(const struct services *s, const char *id);
const struct organization *services_find_org(const struct services *s, const char *id);
struct suggestion;
/* The service ids meant by a mistyped one (see suggest.h): how many. */
size_t services_suggest(const struct services *s, const char *id, struct suggestion *out);

/* 1 when id has the syntax of an organization or service id. */
int services_valid_id(const char *id);

#endif
