/*
 * suntime: suncalc 2.0.2's getTimes, ported expression for expression
 * (the same order of operations in double precision: no rearranging, no
 * fused multiply-add), and the reference's search for the event of a
 * local day.
 */
#include "suntime.h"

#include <limits.h>
#include <math.h>

#include "civtime.h"

#include "banned.h"

const char *const suntime_names[SUNTIME_EVENTS] = { "sunrise", "sunset", "dawn", "dusk" };
/* opening_hours.js VARIABLE_TIME_DEFAULTS */
const short suntime_default_minutes[SUNTIME_EVENTS] = { 6 * 60, 18 * 60, 5 * 60 + 30,
							18 * 60 + 30 };

#define PI 3.141592653589793
#define RAD (PI / 180)
#define DAY_MS 864e5
#define J1970 2440588
#define J2000 2451545
#define J0 9e-4

/* JavaScript's Math.round: halves go up. */
static double js_round(double x)
{
	double r = floor(x);
	return x - r >= 0.5 ? r + 1 : r;
}

static double to_days(double ms)
{
	return ms / DAY_MS - .5 + J1970 - J2000;
}

/* TT - UT in seconds (suncalc's polynomial fit). */
static double delta_t(double d)
{
	double y = 2e3 + d / 365.2425, t;

	if (y < 1920) {
		t = y - 1900;
		return -2.79 + t * (1.494119 + t * (-.0598939 + t * (.0061966 - t * 197e-6)));
	}
	if (y < 1941) {
		t = y - 1920;
		return 21.2 + t * (.84493 + t * (-.0761 + t * .0020936));
	}
	if (y < 1961) {
		t = y - 1950;
		return 29.07 + t * (.407 + t * (-1 / 233.0 + t / 2547));
	}
	if (y < 1986) {
		t = y - 1975;
		return 45.45 + t * (1.067 + t * (-1 / 260.0 - t / 718));
	}
	if (y < 2005) {
		t = y - 2e3;
		return 63.86 +
		       t * (.3345 +
			    t * (-.060374 + t * (.0017275 + t * (651814e-9 + t * 2373599e-11))));
	}
	if (y < 2050) {
		t = y - 2e3;
		return 62.92 + t * (.32217 + t * .005589);
	}
	t = (y - 1820) / 100;
	return -20 + 32 * t * t - .5628 * (2150 - y);
}

static double to_days_tt(double d)
{
	return d + delta_t(d) / 86400;
}

static double altitude(double h, double phi, double dec)
{
	return asin(sin(phi) * sin(dec) + cos(phi) * cos(dec) * cos(h));
}

static double sidereal_time(double d, double lw)
{
	return RAD * (280.46061837 + 360.98564736629 * d) - lw;
}

struct coords {
	double ra, dec;
};

static struct coords sun_coords(double d)
{
	double t = d / 36525;
	double l0 = RAD * (280.46646 + t * (36000.76983 + t * 3032e-7));
	double m = RAD * (357.52911 + t * (35999.05029 - t * 1537e-7));
	double sin_m = sin(m), cos_m = cos(m);
	double c = RAD * ((1.914602 - t * (.004817 + t * 14e-6)) * sin_m +
			  (.019993 - 101e-6 * t) * 2 * sin_m * cos_m +
			  289e-6 * sin_m * (3 - 4 * sin_m * sin_m));
	double om = RAD * (125.04 - 1934.136 * t);
	double l = l0 + c - RAD * (.00569 + .00478 * sin(om));
	double e = RAD * (23.439291 - t * (.0130042 + t * (16e-8 - t * 504e-9))) +
		   RAD * .00256 * cos(om);
	struct coords r;

	r.ra = atan2(cos(e) * sin(l), cos(l));
	r.dec = asin(sin(e) * sin(l));
	return r;
}

static double wrap_pi(double a)
{
	return a - 2 * PI * js_round(a / (2 * PI));
}

static double solar_transit(double dt, double lw)
{
	int i;

	for (i = 0; i < 3; i++) {
		double h = wrap_pi(sidereal_time(dt, lw) - sun_coords(to_days_tt(dt)).ra);
		dt -= h / (2 * PI);
	}
	return dt;
}

/* The day (J2000) of altitude h0 before (sign -1) or after (1) transit dt; NaN for none. */
static double get_set_j(double h0, double dt, double sign, double lw, double phi, double dec_t)
{
	double cos_h0 = (sin(h0) - sin(phi) * sin(dec_t)) / (cos(phi) * cos(dec_t));
	double d;
	int i;

	if (cos_h0 < -1 || cos_h0 > 1)
		return NAN;
	d = dt + sign * acos(cos_h0) / (2 * PI);
	for (i = 0; i < 2; i++) {
		struct coords c = sun_coords(to_days_tt(d));
		double h = wrap_pi(sidereal_time(d, lw) - c.ra);
		double alt = altitude(h, phi, c.dec);
		double sin_h = cos(phi) * cos(c.dec) * sin(h);
		if (fabs(sin_h) < 1e-6)
			break;
		d += (alt - h0) / (2 * PI * sin_h);
	}
	return d;
}

static const double angles[SUNTIME_EVENTS] = { -.833, -.833, -6, -6 };
static const double signs[SUNTIME_EVENTS] = { -1, 1, -1, 1 };

/* suncalc's solar day of the instant ms (the round() in getTimes). */
static double solar_day(double ms, double lw)
{
	return js_round(to_days(ms) - J0 - lw / (2 * PI));
}

/* getTimes for solar day n: all four events (INT64_MIN for none). */
static void events_of_day(double n, double lat, double lon, int64_t out[SUNTIME_EVENTS])
{
	double lw = RAD * -lon, phi = RAD * lat;
	/* observerAngle(0) is -0: adding it changes nothing */
	double dt = solar_transit(n + J0 + lw / (2 * PI), lw);
	double dec = sun_coords(to_days_tt(dt)).dec;
	int e;

	for (e = 0; e < SUNTIME_EVENTS; e++) {
		double j = get_set_j(angles[e] * RAD, dt, signs[e], lw, phi, dec);
		double ms;
		if (isnan(j)) {
			out[e] = INT64_MIN;
			continue;
		}
		/* fromJulian; new Date() truncates the time value to whole ms */
		ms = (j + J2000 + .5 - J1970) * DAY_MS;
		out[e] = (int64_t)ms;
	}
}

int suntime_event_ms(double ms, double lat, double lon, enum suntime_event e, int64_t *out)
{
	int64_t all[SUNTIME_EVENTS];

	events_of_day(solar_day(ms, RAD * -lon), lat, lon, all);
	*out = all[e];
	return all[e] == INT64_MIN ? -1 : 0;
}

void suntime_cache_init(struct suntime_cache *c)
{
	int i;

	for (i = 0; i < SUNTIME_CACHE; i++)
		c->day[i] = LONG_MIN;
}

/*
 * The events of a day at a place, remembered per thread for 4,096 days:
 * the rows of hours-eval ask many expressions about one place on days
 * spread over years, where an expression's own cache (8 days) misses and
 * suncalc's trigonometry was most of the time.  A pure function of the
 * key, so a hit is the same answer.
 */
enum { DAY_TABLE = 4096 };
struct day_entry {
	int used;
	long day;
	double lat, lon;
	int64_t ms[SUNTIME_EVENTS];
};
static _Thread_local struct day_entry day_table[DAY_TABLE];

static void events_at(double n, double lat, double lon, int64_t out[SUNTIME_EVENTS])
{
	long day = (long)n;
	struct day_entry *t = &day_table[(unsigned long)day % DAY_TABLE];
	int e;

	if (!t->used || t->day != day || t->lat != lat || t->lon != lon) {
		events_of_day(n, lat, lon, t->ms);
		t->used = 1;
		t->day = day;
		t->lat = lat;
		t->lon = lon;
	}
	for (e = 0; e < SUNTIME_EVENTS; e++)
		out[e] = t->ms[e];
}

static int64_t cached_event(const struct suntime_place *pl, struct suntime_cache *c, double ms,
			    enum suntime_event e)
{
	double n = solar_day(ms, RAD * -pl->lon);
	long key = (long)n;
	unsigned slot = (unsigned)((unsigned long)key % SUNTIME_CACHE);

	if (!c) {
		int64_t all[SUNTIME_EVENTS];
		events_at(n, pl->lat, pl->lon, all);
		return all[e];
	}
	if (c->day[slot] != key) {
		events_at(n, pl->lat, pl->lon, c->ms[slot]);
		c->day[slot] = key;
	}
	return c->ms[slot][e];
}

static int64_t wall_of_ms(const struct suntime_place *pl, int64_t ms)
{
	int64_t s = civtime_floor_div(ms, 1000);
	return pl->tz ? ms + (int64_t)civtz_offset_at(pl->tz, s) * 1000 : ms;
}

int suntime_minutes(const struct suntime_place *pl, struct suntime_cache *c, int64_t wall,
		    enum suntime_event e, int *minutes)
{
	static const int offs[3] = { 0, -1, 1 };
	int64_t target = civtime_floor_div(wall, 86400);
	int i;

	for (i = 0; i < 3; i++) {
		/* Date.setDate: the same wall time that many days on, as an instant */
		int64_t pw = wall + (int64_t)offs[i] * 86400;
		int64_t probe = pl->tz ? civtz_local_to_utc(pl->tz, pw) : pw;
		int64_t ev = cached_event(pl, c, (double)probe * 1000, e), w;

		if (ev == INT64_MIN)
			continue;
		w = wall_of_ms(pl, ev);
		if (civtime_floor_div(w, 86400000) == target) {
			*minutes = (int)(civtime_floor_mod(w, 86400000) / 60000);
			return 0;
		}
	}
	return -1;
}
