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
#include "services.h"

#define APPOINTMENTS_FILE "appointments.csv"

enum appointments_column {
	APPT_ID, APPT_START, APPT_END, APPT_SERVICE, APPT_SPECIALIST, APPT_CLIENT,
	APPT_LANGUAGE, APPT_INTERPRETER, APPT_STATUS, APPT_NCOLS
};

extern const char *const appointments_columns[APPT_NCOLS + 1];
/* The values of status, NULL-terminated: booked, cancelled. */
extern const char *const appointments_statuses[];

struct appointment {
	const char *field[APPT_NCOLS];
	int64_t start, end;               /* local seconds (civtime_parse_local) */
	const struct service *service;
	int booked;                       /* status booked, not cancelled */
	long line;                        /* where the record starts */
};

struct appointments {
	struct arena arena;
	const char *name;
	struct appointment *items;        /* in file order */
	size_t n, alloc;
};

/* Read and check the file (fd, named name for messages); -1 with d at the first problem. */
int appointments_read(struct appointments *a, int fd, const char *name,
		      const struct services *svc, struct diag *d);
void appointments_release(struct appointments *a);

#endif
