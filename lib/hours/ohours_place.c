/*
 * ohours_place: what an opening-hours expression needs besides itself:
 * the coordinates of its variable times and the country's school
 * holidays, and the messages where they are missing or where the
 * reference's evaluation fails.
 */
#include <stdio.h>

#include "civtime.h"
#include "diag.h"
#include "ohours.h"
#include "ohours_rules.h"
#include "schoolhol.h"
#include "suntime.h"

#include "banned.h"

void ohours_set_place(struct ohours *oh, double lat, double lon, const struct civtz *tz)
{
	if (oh->sun &&
	    (!oh->has_place || oh->place.lat != lat || oh->place.lon != lon || oh->place.tz != tz))
		suntime_cache_init(oh->sun);
	oh->place.lat = lat;
	oh->place.lon = lon;
	oh->place.tz = tz;
	oh->has_place = 1;
}

int ohours_place_valid(double lat, double lon)
{
	return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

long ohours_suntimes_col(const struct ohours *oh)
{
	return oh->var_col;
}

long ohours_sh_col(const struct ohours *oh)
{
	return oh->sh_col;
}

static const char *country_code(enum holidays_country c)
{
	return c == HOLIDAYS_CZ ? "CZ" : "PL";
}

int ohours_check_context(const struct ohours *oh, enum holidays_country c, struct diag *d)
{
	if (oh->sh_col && !schoolhol_has_data(c)) {
		diag_set(d, DIAG_DATA, NULL, 0, oh->sh_col, "no school-holiday data for %s ('SH')",
			 country_code(c));
		diag_hint(d, "list the school holidays as dates, e.g. 'Jun 27-Aug 31 off'");
		return -1;
	}
	if (oh->var_col && !oh->has_place) {
		diag_set(d, DIAG_DATA, NULL, 0, oh->var_col,
			 "a variable time (sunrise, sunset, dawn, dusk) needs coordinates");
		diag_hint(d,
			  "give the place: 'location: {lat: 50.08, lon: 14.42}' in services.yaml, or --location 50.08,14.42");
		return -1;
	}
	return 0;
}

int ohours_answer_check(const struct ohours *oh, enum holidays_country c,
			const struct ohours_answer *a, struct diag *d)
{
	char day[16];
	int first, last;

	if (!a->failed)
		return 0;
	civtime_format_date(day, a->fail_day);
	if (a->fail_what == OHFAIL_SH) {
		schoolhol_years(c, &first, &last);
		diag_set(d, DIAG_DATA, NULL, 0, oh->sh_col,
			 "school holidays 'SH' for %s are known from %d to %d only, not on %s",
			 country_code(c), first, last, day);
		diag_hint(d, "the next change is looked for up to 366 days ahead");
		return -1;
	}
	if (a->fail_what == OHFAIL_LOOP) {
		diag_set(d, DIAG_DATA, NULL, 0, oh->var_col,
			 "the next change cannot be found on %s: an offset moves a variable time of the next day before the time",
			 day);
		diag_hint(d, "the reference implementation fails here too: use a smaller offset");
		return -1;
	}
	diag_set(d, DIAG_DATA, NULL, 0, oh->var_col, "there is no %s on %s at %g, %g",
		 suntime_names[a->fail_what], day, oh->place.lat, oh->place.lon);
	diag_hint(d,
		  "the sun does not cross that altitude there on that day (polar day or night): write a fixed time for those months");
	return -1;
}
