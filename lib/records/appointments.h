/*
 * appointments: appointments.csv, the specialists' bookings (written by
 * people or other tools), read whole and checked with positions.
 *
 * Columns: id,start,end,service,specialist,client,language,interpreter,status
 * start/end are local times YYYY-MM-DDTHH:MM in the directory's zone, end
 * after start; service must be in services.yaml; language one ISO 639-1
 * code or empty; interpreter empty or who interprets; status booked or
 * cancelled.  Ids are unique.
 *
 * Ownership: struct appointments owns every string (arena) and the array;
 * appointments_release.
 */
#ifndef OKIENKO_APPOINTMENTS_H
#define OKIENKO_APPOINTMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "schema.h"
#include "services.h"

#define APPOINTMENTS_FILE "appointments.csv"

/* The values of status, NULL-terminated: booked, cancelled. */
extern const char *const appointments_statuses[];

#define APPT_LOCAL_TIME_DESCRIPTION \
	"local time of the directory's time zone without offset: YYYY-MM-DDTHH:MM, seconds may follow"

/* The columns of appointments.csv, in file order (schema.h says what each part is);
 * other tools write it: no command sets them by option. */
/* clang-format off */
#define APPT_SCHEMA(C, p)                                                                     \
	C(p, ID, "id", STRING, SCHEMA_REQUIRED, SCHEMA_ANY, NULL, NULL, 0, 0, 0,               \
	  NULL, NULL, NULL, NULL)                                                             \
	C(p, START, "start", LOCALTIME, SCHEMA_REQUIRED, SCHEMA_ANY, NULL, NULL, 0, 0, 0,       \
	  NULL, NULL, NULL, APPT_LOCAL_TIME_DESCRIPTION)                                      \
	C(p, END, "end", LOCALTIME, SCHEMA_REQUIRED, SCHEMA_ANY, NULL, NULL, 0, 0, 0,           \
	  NULL, NULL, NULL, APPT_LOCAL_TIME_DESCRIPTION)                                      \
	C(p, SERVICE, "service", STRING, SCHEMA_REQUIRED, SCHEMA_SERVICES, NULL, NULL, 0, 0, 0, \
	  NULL, NULL, NULL, NULL)                                                             \
	C(p, SPECIALIST, "specialist", STRING, 0, SCHEMA_ANY, NULL, NULL, 0, 0, 0,              \
	  NULL, NULL, NULL, NULL)                                                             \
	C(p, CLIENT, "client", STRING, 0, SCHEMA_ANY, NULL, NULL, 0, 0, 0,                      \
	  NULL, NULL, NULL, "a pseudonymous reference, never a name")                         \
	C(p, LANGUAGE, "language", STRING, 0, SCHEMA_LANGUAGES, NULL, NULL, 0, 0, 0,            \
	  NULL, NULL, NULL, NULL)                                                             \
	C(p, INTERPRETER, "interpreter", STRING, 0, SCHEMA_ANY, NULL, NULL, 0, 0, 0,            \
	  NULL, NULL, NULL, NULL)                                                             \
	C(p, STATUS, "status", STRING, SCHEMA_REQUIRED, SCHEMA_TABLE, appointments_statuses,   \
	  NULL, 0, 0, 0, NULL, NULL, NULL, NULL)
/* clang-format on */

enum appointments_column { APPT_SCHEMA(SCHEMA_ENUM, APPT) APPT_NCOLS };

/* The schema; its names are the header, NULL-terminated. */
extern const struct schema appointments_schema;
extern const char *const appointments_columns[APPT_NCOLS + 1];

struct appointment {
	const char *field[APPT_NCOLS];
	int64_t start, end; /* local seconds (civtime_parse_local) */
	const struct service *service;
	int booked; /* status booked, not cancelled */
	long line;  /* where the record starts */
};

struct appointments {
	struct arena arena;
	const char *name;
	struct appointment *items; /* in file order */
	size_t n, alloc;
};

/* Read and check the file (fd, named name for messages); -1 with d at the first problem. */
int appointments_read(struct appointments *a, int fd, const char *name, const struct services *svc,
		      struct diag *d);
void appointments_release(struct appointments *a);

#endif
