#include "erasures.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "civtime.h"
#include "csvends.h"
#include "csvwrite.h"
#include "fields.h"
#include "intake.h"
#include "banned.h"

#define REQUEST_REASONS \
	"no-longer-needed", "consent-withdrawn", "objection", "unlawful", "legal-obligation"
const char *const erasures_reasons[] = { REQUEST_REASONS, NULL };
const char *const erasures_logged[] = { REQUEST_REASONS, ERASURES_RETENTION, NULL };

/* clang-format off */
const char *const erasures_columns[ERASURES_NCOLS + 1] = {
	ERASURES_SCHEMA(SCHEMA_NAME, ERASURES) NULL
};
static const struct schema_column erasures_schema_columns[ERASURES_NCOLS] = {
	ERASURES_SCHEMA(SCHEMA_ROW, ERASURES)
};
/* clang-format on */
const struct schema erasures_schema = { ERASURES_FILE, erasures_schema_columns, erasures_columns,
					ERASURES_NCOLS };

int erasures_reason_ok(const char *s)
{
	size_t i;
	for (i = 0; erasures_reasons[i]; i++)
		if (strcmp(s, erasures_reasons[i]) == 0)
			return 1;
	return 0;
}

int erasures_check_file(const struct datadir *dd, struct diag *d)
{
	struct csvread *r;
	struct csvread_row *row;
	char *name;
	int fd, rc = datadir_open_read(dd, ERASURES_FILE, &fd, d);

	if (rc <= 0)
		return rc;
	name = datadir_file(dd, ERASURES_FILE);
	r = csvread_open(fd, name, 0);
	rc = csvread_next(r, &row, d);
	if (rc == 1)
		rc = fields_check_header(&erasures_schema, row->field, row->n, name, row->col, d);
	csvread_free(r);
	close(fd);
	free(name);
	return rc < 0 ? -1 : 0;
}

int erasures_lock(const struct datadir *dd, double timeout, struct datadir_lock *lk, struct diag *d)
{
	if (datadir_lock(dd, ERASURES_FILE, timeout, lk, d) < 0)
		return -1;
	if (lk->size && csvends_check_header(lk, fields_check_header_of, &erasures_schema, d) < 0) {
		datadir_unlock(lk);
		return -1;
	}
	return 0;
}

int erasures_append(struct datadir_lock *lk, const struct erasures_entry *e, struct diag *d)
{
	struct strbuf buf = STRBUF_INIT;
	char num[4][24];
	const char *row[ERASURES_NCOLS];
	int rc = 0, i;

	if (lk->size == 0)
		csvwrite_record(&buf, erasures_columns, ERASURES_NCOLS);
	row[ERASURES_TS] = e->ts;
	row[ERASURES_DESK] = e->desk ? e->desk : "";
	row[ERASURES_REASON] = e->reason;
	row[ERASURES_BEFORE] = e->before ? e->before : "";
	for (i = 0; i < 4; i++) {
		snprintf(num[i], sizeof num[i], "%lu", e->count[i]);
		row[ERASURES_REMOVED + i] = num[i];
	}
	csvwrite_record(&buf, row, ERASURES_NCOLS);
	if (rc == 0)
		rc = datadir_append(lk, buf.buf, buf.len, d);
	strbuf_release(&buf);
	return rc;
}

static int count_ok(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 15 || (s[0] == '0' && n > 1))
		return 0;
	return strspn(s, "0123456789") == n;
}

int erasures_check_row(const struct csvread_row *row, const char *name, struct diag *d)
{
	int64_t utc;
	int offset, c;
	long day;

	if (civtime_parse_ts(row->field[ERASURES_TS], NULL, &utc, &offset) < 0)
		return fields_row_error(d, name, row, ERASURES_TS, "invalid time '%.40s'",
					row->field[ERASURES_TS]);
	if (row->len[ERASURES_DESK] && !intake_reference_ok(row->field[ERASURES_DESK]))
		return fields_row_error(d, name, row, ERASURES_DESK,
					"desk '%.40s' is not a code (letters, digits, '.', '_', '-')",
					row->field[ERASURES_DESK]);
	if (strcmp(row->field[ERASURES_REASON], ERASURES_RETENTION) != 0 &&
	    !erasures_reason_ok(row->field[ERASURES_REASON]))
		return fields_row_error(d, name, row, ERASURES_REASON, "unknown reason '%.40s'",
					row->field[ERASURES_REASON]);
	if (row->len[ERASURES_BEFORE] && civtime_parse_date(row->field[ERASURES_BEFORE], &day) < 0)
		return fields_row_error(d, name, row, ERASURES_BEFORE, "invalid date '%.40s'",
					row->field[ERASURES_BEFORE]);
	for (c = ERASURES_REMOVED; c < ERASURES_NCOLS; c++)
		if (!count_ok(row->field[c]))
			return fields_row_error(d, name, row, c, "'%.40s' is not a count",
						row->field[c]);
	return 0;
}
