/*
 * capacity: the schema of capacity.csv (observations of how full a service
 * is), the validation and normalisation of an observation before it is
 * stored, and reading the file back as the latest and previous observation
 * of each service as of a date.
 *
 *     date,service,unit,used,total,waiting,status,source,note
 *
 * Normalisation and rules (documented in capacity-add(1)):
 * - date: YYYY-MM-DD, not after today in the directory's time zone; empty
 *   is today.
 * - service: a service id of services.yaml, or an organization id.  An
 *   organization id is stored as the id of one of its services when that
 *   choice is certain: the organization has one service, or exactly one
 *   whose capacity unit is the observation's unit.  Anything else is an
 *   error with a "did you mean" hint over the ids and the organizations'
 *   names and aliases.
 * - unit: one word (letters, digits, '-', '_'; ASCII folded to lower
 *   case), at most CAPACITY_UNIT_MAX bytes.  A service with a capacity
 *   unit in services.yaml fixes it: empty is filled in, another is an
 *   error when used or total is given (a waiting list alone may count
 *   people).  Without one, a unit is required when a number is given.
 * - used, total, waiting: whole numbers 0..CAPACITY_MAX or empty, written
 *   without leading zeros.  used may exceed the total (the row's, else the
 *   service's) only with status full: an over-full shelter is stated so.
 * - status: ok, near-full, full or unknown; empty is derived from used and
 *   that total (full at >= 100 %, near-full at >= 90 %, else ok), unknown
 *   when they are not known.
 * - source: manual (the default) or minutes:YYYY-MM-DD, not in the future.
 * - note: at most CAPACITY_NOTE_MAX bytes; one a spreadsheet would run as a
 *   formula (the rule of csvwrite.h) gets a leading apostrophe.
 * - at least one of used, total, waiting or a status other than unknown.
 *
 * Ownership: struct capacity_record owns its strbufs
 * (capacity_record_release); struct capacity_history owns its entries and
 * their strings (capacity_history_release).
 */
#ifndef OKIENKO_CAPACITY_H
#define OKIENKO_CAPACITY_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "strindex.h"
#include "civtime.h"
#include "datadir.h"
#include "diag.h"
#include "fields.h"
#include "schema.h"
#include "services.h"
#include "strbuf.h"

#define CAPACITY_FILE "capacity.csv"
#define CAPACITY_MAX 100000
#define CAPACITY_UNIT_MAX 40    /* bytes */
#define CAPACITY_NOTE_MAX 10000 /* bytes */

/* The status names in enum capacity_status order, NULL-terminated. */
extern const char *const capacity_statuses[];

/* The columns of capacity.csv, in file order (schema.h says what each part is). */
/* clang-format off */
#define CAPACITY_SCHEMA(C, p)                                                                 \
	C(p, DATE, "date", DATE, SCHEMA_REQUIRED, SCHEMA_ANY, NULL, NULL, 0, 0, 0,             \
	  "date", "DATE", N_("the day observed, YYYY-MM-DD; default today"), NULL)            \
	C(p, SERVICE, "service", STRING, SCHEMA_REQUIRED, SCHEMA_SERVICE_OR_ORG, NULL, NULL,   \
	  0, 0, 0, "service", "ID", N_("a service id of services.yaml, or an organization id"), \
	  "a service id of services.yaml, or an organization id")                             \
	C(p, UNIT, "unit", STRING, 0, SCHEMA_ANY, NULL, NULL, 0, 0, CAPACITY_UNIT_MAX,          \
	  "unit", "UNIT", N_("beds, families, clients, places...; default the service's"),    \
	  "what used and total count: one word of letters, digits, '-' and '_'")              \
	C(p, USED, "used", INTEGER, SCHEMA_RANGE, SCHEMA_ANY, NULL, NULL, 0, CAPACITY_MAX, 0,  \
	  "used", "N", NULL, NULL)                                                            \
	C(p, TOTAL, "total", INTEGER, SCHEMA_RANGE, SCHEMA_ANY, NULL, NULL, 0, CAPACITY_MAX, 0, \
	  "total", "N", NULL, NULL)                                                           \
	C(p, WAITING, "waiting", INTEGER, SCHEMA_RANGE, SCHEMA_ANY, NULL, NULL, 0,             \
	  CAPACITY_MAX, 0, "waiting", "N", N_("whole numbers from 0 to 100000"), NULL)        \
	C(p, STATUS, "status", STRING, SCHEMA_REQUIRED, SCHEMA_TABLE, capacity_statuses, NULL, \
	  0, 0, 0, "status", "STATUS",                                                       \
	  N_("ok, near-full, full or unknown; default from the numbers"), NULL)               \
	C(p, SOURCE, "source", STRING, SCHEMA_REQUIRED, SCHEMA_PATTERN, NULL,                  \
	  "manual|minutes:[0-9]{4}-[0-9]{2}-[0-9]{2}", 0, 0, 0, "source", "SOURCE",           \
	  N_("manual (default) or minutes:YYYY-MM-DD"), NULL)                                 \
	C(p, NOTE, "note", STRING, 0, SCHEMA_ANY, NULL, NULL, 0, 0, CAPACITY_NOTE_MAX,          \
	  "note", "TEXT", N_("the statement as said or written"),                             \
	  SCHEMA_NOTE_DESCRIPTION(CAPACITY_NOTE_MAX))
/* clang-format on */

enum capacity_column { CAPACITY_SCHEMA(SCHEMA_ENUM, CAPACITY) CAPACITY_NCOLS };

/* The schema; its names are the header, NULL-terminated. */
extern const struct schema capacity_schema;
extern const char *const capacity_columns[CAPACITY_NCOLS + 1];

enum capacity_status { CAPACITY_OK, CAPACITY_NEAR_FULL, CAPACITY_FULL, CAPACITY_UNKNOWN };

/* "ok", "near-full", "full", "unknown" -> 0 and *st; anything else -1. */
int capacity_status_parse(const char *s, enum capacity_status *st);

struct capacity_record {
	struct strbuf f[CAPACITY_NCOLS];
};

void capacity_record_init(struct capacity_record *r);
void capacity_record_release(struct capacity_record *r);
void capacity_record_set(struct capacity_record *r, enum capacity_column c, const char *value);
/* Normalise and validate every field; -1 with d at the first problem. */
int capacity_validate(struct capacity_record *r, const struct fields_context *ctx,
		      const struct fields_origin *origin, struct diag *d);

/* One observation as read back; numbers are -1 when empty. */
struct capacity_obs {
	long date; /* days since 1970-01-01 */
	long used, total, waiting;
	enum capacity_status status;
	char unit[CAPACITY_UNIT_MAX + 1]; /* "" when empty */
	long line;                        /* of its record in the file */
};

/*
 * How full a service is: the one rule every command applies (capacity-add
 * deriving a status, capacity-report's flags, service-find's free places,
 * intake-add's warning).  The total is the observation's, else the
 * service's capacity total; free = total - used, never below 0;
 * utilisation = used / total in tenths of a percent, rounded half up;
 * full when used >= total or the status says full; near-full when not
 * full and used >= 90 % of the total or, without both numbers, when the
 * status says near-full; under-used when neither and used < 65 % of the
 * total.
 */
struct capacity_fill {
	long used, total, free; /* -1 when unknown */
	long utilisation;       /* tenths of a percent; -1 when unknown */
	int full, near_full, under_used;
};
/* From the numbers (-1: unknown) and the stated status. */
void capacity_fill(long used, long total, enum capacity_status st, struct capacity_fill *f);
/* From an observation and its service's capacity total (-1: none). */
void capacity_fill_of(const struct capacity_obs *ob, long service_total, struct capacity_fill *f);

/*
 * What capacity.csv says of a service as of a day: its latest observation
 * on or before that day and the latest one of an earlier day.  Of several
 * records of one day the last in the file counts (a correction).
 */
struct capacity_view {
	int have_latest, have_previous;
	struct capacity_obs latest, previous;
};

/*
 * A service (or organization) id of the file: its view as of the history's
 * date and, when it was read with more dates, as of each of those.
 */
struct capacity_entry {
	const char *id;
	long first_line;          /* where the id first appears */
	struct capacity_view now; /* as of capacity_history.as_of */
	struct capacity_view *at; /* [k] as of capacity_history.at[k]; NULL without */
};

struct capacity_history {
	struct arena arena;
	struct capacity_entry **entries; /* in order of first appearance */
	size_t n, alloc;
	struct strindex ids; /* entries[i] has id number i */
	long as_of;
	long *at; /* the more dates, nat of them */
	size_t nat;
	char *name; /* the file, for messages */
	long torn;  /* line of a skipped incomplete last record, or 0 */
};

/*
 * Read DIR/capacity.csv as of day as_of (a missing file reads as empty).
 * Each record is checked: the header, 9 fields, date, numbers, status and
 * unit syntax; the first bad one is an error with its position.  Memory
 * grows with the number of distinct ids, not of records.
 */
int capacity_history_load(struct capacity_history *h, const struct datadir *dd, long as_of,
			  struct diag *d);
/* The same from an open descriptor (not closed); name is for messages.
 * Both fill h from scratch; release it afterwards, also after an error. */
int capacity_history_read(struct capacity_history *h, int fd, const char *name, long as_of,
			  struct diag *d);
/* capacity_history_load, with each entry's view as of the nat days of at
 * too (entry->at), in the same single pass over the file. */
int capacity_history_load_at(struct capacity_history *h, const struct datadir *dd, long as_of,
			     const long *at, size_t nat, struct diag *d);
const struct capacity_entry *capacity_history_find(const struct capacity_history *h,
						   const char *id);
void capacity_history_release(struct capacity_history *h);

#endif
