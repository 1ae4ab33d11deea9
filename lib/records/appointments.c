#include "appointments.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "csvread.h"
#include "i18n.h"
#include "isocodes.h"
#include "suggest.h"
#include "xalloc.h"
#include "banned.h"

const char *const appointments_statuses[] = { "booked", "cancelled", NULL };

/* clang-format off */
const char *const appointments_columns[APPT_NCOLS + 1] = { APPT_SCHEMA(SCHEMA_NAME, APPT) NULL };
static const struct schema_column appointments_schema_columns[APPT_NCOLS] = {
	APPT_SCHEMA(SCHEMA_ROW, APPT)
};
/* clang-format on */
const struct schema appointments_schema = { APPOINTMENTS_FILE, appointments_schema_columns,
					    appointments_columns, APPT_NCOLS };

static int check_header(const struct csvread_row *row, const char *name, struct diag *d)
{
	size_t i;
	for (i = 0; i < APPT_NCOLS; i++)
		if (i >= row->n || strcmp(row->field[i], appointments_columns[i]) != 0) {
			diag_set(d, DIAG_DATA, name, 1, i < row->n ? row->col[i] : 0,
				 "header must be %s,%s,%s,%s,%s,%s,%s,%s,%s",
				 appointments_columns[0], appointments_columns[1],
				 appointments_columns[2], appointments_columns[3],
				 appointments_columns[4], appointments_columns[5],
				 appointments_columns[6], appointments_columns[7],
				 appointments_columns[8]);
			return -1;
		}
	if (row->n > APPT_NCOLS)
		return diag_set(d, DIAG_DATA, name, 1, row->col[APPT_NCOLS],
				"header has an extra column '%s'", row->field[APPT_NCOLS]);
	return 0;
}

__attribute__((format(printf, 5, 6))) static int field_error(struct diag *d, const char *name,
							     const struct csvread_row *row, int c,
							     const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	return diag_set(d, DIAG_DATA, name, row->line[c], row->col[c], "%s", msg);
}

static int by_id(const void *x, const void *y)
{
	const struct appointment *a = *(const struct appointment *const *)x;
	const struct appointment *b = *(const struct appointment *const *)y;
	int r = strcmp(a->field[APPT_ID], b->field[APPT_ID]);
	return r ? r : (a->line > b->line) - (a->line < b->line);
}

/* Ids must be unique: sort, then compare neighbours (the later line is reported). */
static int check_unique(const struct appointments *a, struct diag *d)
{
	const struct appointment **v = xcalloc(a->n + 1, sizeof *v);
	size_t i;
	int rc = 0;
	for (i = 0; i < a->n; i++)
		v[i] = &a->items[i];
	qsort(v, a->n, sizeof *v, by_id);
	for (i = 1; i < a->n && rc == 0; i++)
		if (strcmp(v[i]->field[APPT_ID], v[i - 1]->field[APPT_ID]) == 0)
			rc = diag_set(d, DIAG_DATA, a->name, v[i]->line, 1,
				      "id '%s' appears twice (also on line %ld)",
				      v[i]->field[APPT_ID], v[i - 1]->line);
	free(v);
	return rc;
}

static int check_row(const struct appointments *a, const struct csvread_row *row,
		     const struct services *svc, struct appointment *ap, struct diag *d)
{
	const char *name = a->name;
	struct suggestion near;
	int rc;

	if (row->n != APPT_NCOLS)
		return diag_set(d, DIAG_DATA, name, row->lineno, 1,
				"record has %zu fields instead of %d", row->n, APPT_NCOLS);
	if (!row->len[APPT_ID])
		return field_error(d, name, row, APPT_ID, "id is required");
	if ((rc = civtime_parse_local(row->field[APPT_START], &ap->start)) < 0) {
		field_error(d, name, row, APPT_START, "invalid start '%s' (use 2026-11-24T09:00)",
			    row->field[APPT_START]);
		civtime_hint(d, rc, NULL);
		return -1;
	}
	if ((rc = civtime_parse_local(row->field[APPT_END], &ap->end)) < 0) {
		field_error(d, name, row, APPT_END, "invalid end '%s' (use 2026-11-24T09:30)",
			    row->field[APPT_END]);
		civtime_hint(d, rc, NULL);
		return -1;
	}
	if (ap->end <= ap->start)
		return field_error(d, name, row, APPT_END, "end '%s' is not after start",
				   row->field[APPT_END]);
	ap->service = svc ? services_find(svc, row->field[APPT_SERVICE]) : NULL;
	if (!ap->service) {
		field_error(d, name, row, APPT_SERVICE, "unknown service '%s'",
			    row->field[APPT_SERVICE]);
		if (svc && services_suggest(svc, row->field[APPT_SERVICE], &near))
			suggest_hint(d, &near);
		else if (!svc)
			diag_hint(d, "the data directory has no services.yaml");
		return -1;
	}
	if (row->len[APPT_LANGUAGE] && !isocodes_language(row->field[APPT_LANGUAGE]))
		return field_error(d, name, row, APPT_LANGUAGE, "unknown language code '%s'",
				   row->field[APPT_LANGUAGE]);
	if (strcmp(row->field[APPT_STATUS], appointments_statuses[0]) != 0 &&
	    strcmp(row->field[APPT_STATUS], appointments_statuses[1]) != 0)
		return field_error(d, name, row, APPT_STATUS,
				   "status '%s' is not booked or cancelled",
				   row->field[APPT_STATUS]);
	ap->booked = strcmp(row->field[APPT_STATUS], appointments_statuses[0]) == 0;
	return 0;
}

int appointments_read(struct appointments *a, int fd, const char *name, const struct services *svc,
		      struct diag *d)
{
	struct csvread *r;
	struct csvread_row *row;
	int rc, header = 1;

	memset(a, 0, sizeof *a);
	a->name = arena_strdup(&a->arena, name);
	r = csvread_open(fd, name, 0);
	while ((rc = csvread_next(r, &row, d)) == 1) {
		struct appointment ap;
		size_t i;

		if (header) {
			header = 0;
			if ((rc = check_header(row, name, d)) < 0)
				break;
			continue;
		}
		memset(&ap, 0, sizeof ap);
		if ((rc = check_row(a, row, svc, &ap, d)) < 0)
			break;
		for (i = 0; i < APPT_NCOLS; i++)
			ap.field[i] = arena_strndup(&a->arena, row->field[i], row->len[i]);
		ap.line = row->lineno;
		XALLOC_GROW(a->items, a->n + 1, a->alloc);
		a->items[a->n++] = ap;
	}
	csvread_free(r);
	if (rc == 0)
		rc = check_unique(a, d);
	if (rc < 0) {
		appointments_release(a);
		return -1;
	}
	return 0;
}

void appointments_release(struct appointments *a)
{
	free(a->items);
	arena_release(&a->arena);
	memset(a, 0, sizeof *a);
}
