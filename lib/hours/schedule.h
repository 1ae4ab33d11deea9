/*
 * schedule: what opening hours mean for the desk's bookings: conflicts in
 * appointments.csv and free slots of a service on a day.  Times are local
 * wall-clock seconds (civtime_parse_local) in the directory's zone.
 *
 * The hours of a service are parsed once, on first use, and kept in a
 * struct schedule_hours (which owns them: schedule_hours_release), with
 * the service's location (its own, else its organisation's) for variable
 * times and checked against its country's school holidays.
 */
#ifndef OKIENKO_SCHEDULE_H
#define OKIENKO_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#include "appointments.h"
#include "diag.h"
#include "holidays.h"
#include "ohours.h"
#include "services.h"

/* The words of enum ohours_state: "closed", "open", "unknown". */
extern const char *const schedule_state_names[];

struct schedule_hours {
	const struct service **service; /* a table of alloc slots, NULL when free */
	struct ohours **hours;          /* NULL for a service without hours */
	size_t n, alloc;
	const char *file;       /* services.yaml, for error positions */
	const struct civtz *tz; /* the directory's zone (DST days), or NULL */
	int unknown_open;       /* unknown hours can be booked */
};

void schedule_hours_init(struct schedule_hours *h, const char *services_file,
			 const struct civtz *tz);
/* The parsed hours of s (*oh NULL when it has none); -1 with d pointing
 * into services.yaml when its expression is bad. */
int schedule_hours_get(struct schedule_hours *h, const struct service *s, const struct ohours **oh,
		       struct diag *d);
void schedule_hours_release(struct schedule_hours *h);
/*
 * d (about s's hours, its column in the expression) moved to where the
 * expression stands in services.yaml, "hours of 'ID': ..."; returns -1.
 */
int schedule_hours_error(const struct schedule_hours *h, const struct service *s, struct diag *d);
/* Where s's variable times are computed: its own location, else its
 * organisation's, else NULL. */
const struct services_location *schedule_location(const struct service *s);
/* The holiday calendar of a service's organisation (CZ when unknown). */
enum holidays_country schedule_country(const struct service *s);

/*
 * Parsed expressions by their text, for evaluating many rows with few
 * distinct expressions (hours-eval).  A bad expression is an error each
 * time it is asked for.
 */
struct schedule_exprs {
	char **text;
	struct ohours **hours;
	size_t nslots, n;
	/* where variable times are computed (NULL: nowhere), set after init */
	const struct services_location *loc;
	const struct civtz *tz;
};

void schedule_exprs_init(struct schedule_exprs *x);
int schedule_exprs_get(struct schedule_exprs *x, const char *expr, const struct ohours **oh,
		       struct diag *d);
void schedule_exprs_release(struct schedule_exprs *x);

enum schedule_kind {
	SCHEDULE_OUTSIDE_HOURS,
	SCHEDULE_HOLIDAY,
	SCHEDULE_OVERLAP_SPECIALIST,
	SCHEDULE_OVERLAP_CLIENT,
	SCHEDULE_NO_INTERPRETER,
	SCHEDULE_UNKNOWN_HOURS /* the hours say "unknown" (by appointment, ...) */
};
extern const char *const schedule_kind_names[];

/*
 * Overlaps of one person are reported per pair, under the appointment that
 * starts first (the earlier in the file when both start together), at
 * most this many per appointment and kind: a row with more > 0 then
 * counts the rest, so that n identical bookings give O(n) rows, not n^2/2.
 */
#define SCHEDULE_OVERLAPS_SHOWN 10

struct schedule_conflict {
	size_t a, b; /* appointment indexes; b == a when alone */
	enum schedule_kind kind;
	int64_t when;        /* outside hours: closed at; overlap: the later start */
	const char *holiday; /* SCHEDULE_HOLIDAY: its name (static) */
	const char *comment; /* SCHEDULE_UNKNOWN_HOURS: the hours' comment, or NULL */
	size_t more;         /* > 0: a row counting overlaps not shown */
};

/*
 * Every conflict among the booked appointments, ordered by the first
 * appointment's place in the file, then kind, then the other's place
 * (a row counting the rest last).  *out is malloc'd (caller frees);
 * returns the count, or -1 with d.  Time O(n log n) plus the rows.
 */
long schedule_conflicts(const struct appointments *a, struct schedule_hours *h,
			struct schedule_conflict **out, struct diag *d);
/* The detail column of conflict c, in buf of size n. */
void schedule_conflict_detail(const struct appointments *a, const struct schedule_conflict *c,
			      char *buf, size_t n);

struct schedule_busy {
	int64_t start, end;
};

/*
 * Free slots of length duration on the day starting at local midnight
 * `day`: slots starting every `step` seconds from the start of each
 * opening interval, inside it, none overlapping a busy interval (slots may
 * overlap each other when step < duration).  cb gets each [start, end).
 * Returns -1 (no slots) where a variable time of the hours does not occur
 * that day (ohours_intervals), else 0.
 */
int schedule_slots(const struct ohours *oh, enum holidays_country c, int64_t day, int64_t duration,
		   int64_t step, int unknown_open, const struct schedule_busy *busy, size_t nbusy,
		   void (*cb)(int64_t start, int64_t end, void *arg), void *arg);

#endif
