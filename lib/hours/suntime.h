/*
 * suntime: sunrise, sunset, dawn and dusk as the reference implementation
 * of opening_hours finds them: the npm package suncalc 2.0.2 (its getTimes,
 * pinned with the reference in scripts/ref/package.json) and the
 * reference's choice of the event that falls on a local day.  Ported
 * operation for operation in double precision, so that the minute agrees.
 *
 * Sunrise and sunset are the sun's upper edge at the horizon (-0.833
 * degrees, refraction included), dawn and dusk civil twilight (-6
 * degrees), for an observer at sea level.  Where the sun stays above (or
 * below) that altitude all day, the event does not occur on that day: the
 * reference then fails, and so do these functions.
 *
 * Nothing is allocated: the caller owns its struct suntime_cache, and each
 * thread has its own table of the days it computed (suntime.c); thread-safe
 * with one cache per thread.
 */
#ifndef OKIENKO_SUNTIME_H
#define OKIENKO_SUNTIME_H

#include <stdint.h>

struct civtz;

enum suntime_event { SUNTIME_SUNRISE, SUNTIME_SUNSET, SUNTIME_DAWN, SUNTIME_DUSK, SUNTIME_EVENTS };

/* Where: degrees north and east; tz the zone of the local times. */
struct suntime_place {
	double lat, lon;
	const struct civtz *tz; /* NULL: UTC */
};

/* The names in opening_hours expressions: "sunrise", "sunset", "dawn", "dusk". */
extern const char *const suntime_names[SUNTIME_EVENTS];
/* The reference's stand-ins without coordinates, minutes after midnight. */
extern const short suntime_default_minutes[SUNTIME_EVENTS];

/*
 * suncalc's getTimes(date, lat, lon)[event] for the instant ms
 * (milliseconds since the epoch): the event of the solar day nearest to it,
 * in whole milliseconds; -1 when it does not occur that day.
 */
int suntime_event_ms(double ms, double lat, double lon, enum suntime_event e, int64_t *out);

/* Results of suntime_event_ms by solar day, so that a walk computes each once. */
#define SUNTIME_CACHE 8
struct suntime_cache {
	long day[SUNTIME_CACHE];                   /* the solar day (suncalc's), LONG_MIN empty */
	int64_t ms[SUNTIME_CACHE][SUNTIME_EVENTS]; /* INT64_MIN: does not occur */
};
void suntime_cache_init(struct suntime_cache *c);

/*
 * The reference's getVariableTimeMinutes without the offset: minutes after
 * the local midnight of wall (local wall clock seconds since the epoch, the
 * time being evaluated) at which event e happens on that local day, looked
 * for among the solar days of wall, of a day earlier and of a day later (in
 * that order, the first that falls on the day).  Returns -1 when none does
 * (the sun does not rise, set, or reach -6 degrees that day).
 */
int suntime_minutes(const struct suntime_place *pl, struct suntime_cache *c, int64_t wall,
		    enum suntime_event e, int *minutes);

#endif
