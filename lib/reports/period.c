#include "period.h"

#include <string.h>

#include "civtime.h"
#include "banned.h"

static const char *const names[] = { "week", "month", "quarter", "year" };

int period_parse(const char *s, enum period *p)
{
	int i;
	for (i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*p = (enum period)(PERIOD_WEEK + i);
			return 0;
		}
	return -1;
}

const char *period_names(void)
{
	return "week, month, quarter or year";
}

long period_start(enum period p, long day)
{
	int y, m, d;
	civtime_civil_from_days(day, &y, &m, &d);
	switch (p) {
	case PERIOD_WEEK:
		return day - (civtime_weekday(day) - 1);
	case PERIOD_MONTH:
		return civtime_days_from_civil(y, m, 1);
	case PERIOD_QUARTER:
		return civtime_days_from_civil(y, (m - 1) / 3 * 3 + 1, 1);
	case PERIOD_YEAR:
		return civtime_days_from_civil(y, 1, 1);
	default:
		return day;
	}
}
