#include "intakeid.h"

#include <stdio.h>
#include <string.h>

#include "csvends.h"
#include "csvread.h"
#include "strbuf.h"
#include "banned.h"

int intakeid_parse(const char *id, unsigned flags, int *year, long *seq)
{
	size_t i, digits;
	long y = 0, n = 0;

	for (i = 0; i < 4; i++) {
		if (id[i] < '0' || id[i] > '9')
			return -1;
		y = y * 10 + (id[i] - '0');
	}
	if (id[4] != '-')
		return -1;
	digits = strlen(id + 5);
	if (digits < ((flags & INTAKEID_SHORT) ? 1u : 6u) || digits > 9)
		return -1;
	for (i = 5; id[i]; i++) {
		if (id[i] < '0' || id[i] > '9')
			return -1;
		n = n * 10 + (id[i] - '0'); /* nine digits at most: no overflow */
	}
	if (n < 1)
		return -1;
	*year = (int)y;
	*seq = n;
	return 0;
}

void intakeid_format(char *buf, size_t len, int year, long seq)
{
	snprintf(buf, len, "%04d-%06ld", year, seq);
}

int intakeid_cmp(int y1, long s1, int y2, long s2)
{
	if (y1 != y2)
		return y1 < y2 ? -1 : 1;
	return s1 < s2 ? -1 : s1 > s2;
}

int intakeid_next(const char *last, int year, char *buf, size_t len)
{
	int y;
	long seq;

	if (!last || !*last) {
		intakeid_format(buf, len, year, 1);
		return 0;
	}
	if (intakeid_parse(last, 0, &y, &seq) < 0)
		return -1;
	if (y < year) {
		intakeid_format(buf, len, year, 1);
		return 0;
	}
	if (seq >= INTAKEID_SEQ_MAX)
		return -1;
	intakeid_format(buf, len, y, seq + 1); /* a clock behind the file: keep the order */
	return 0;
}

/* The id of the record rec into last, or an error: it is not readable or has none. */
static int id_of(struct datadir_lock *lk, const struct strbuf *rec, char *last, size_t len,
		 struct diag *d)
{
	struct csvread *r = csvread_open_buffer(rec->buf, rec->len, lk->path, 0);
	struct csvread_row *row;
	struct diag e = DIAG_INIT;
	int year, rc = 0;
	long seq;

	if (csvread_next(r, &row, &e) != 1) {
		rc = diag_set(d, DIAG_DATA, lk->path, 0, 0,
			      "the last record cannot be read; cannot number new records");
	} else if (intakeid_parse(row->field[0], 0, &year, &seq) < 0) {
		rc = diag_set(d, DIAG_DATA, lk->path, 0, 0,
			      "the last record's id '%s' is not YYYY-NNNNNN; cannot number new records",
			      row->field[0]);
	} else {
		intakeid_format(last, len, year, seq);
	}
	if (rc < 0)
		diag_hint(d, "run data-check, which shows where; correct that record by hand");
	csvread_free(r);
	return rc;
}

/* The last id of the file into last ("" when it has no record yet). */
static int last_id(struct datadir_lock *lk, char *last, size_t len, struct diag *d)
{
	struct strbuf rec = STRBUF_INIT;
	int rc = csvends_last_record(lk, &rec, d);

	last[0] = '\0';
	if (rc == 0 && rec.len)
		rc = id_of(lk, &rec, last, len, d);
	strbuf_release(&rec);
	return rc;
}

static int used_up(struct datadir_lock *lk, const char *after, struct diag *d)
{
	diag_set(d, DIAG_DATA, lk->path, 0, 0,
		 "cannot number new records: the ids after '%s' are used up", after);
	diag_hint(d, "an id's number has at most nine digits; the next year starts again at 1");
	return -1;
}

int intakeid_first(struct datadir_lock *lk, int year, size_t n, int *first_year, long *first_seq,
		   struct diag *d)
{
	char last[INTAKEID_MAX], first[INTAKEID_MAX];

	if (last_id(lk, last, sizeof last, d) < 0)
		return -1;
	if (!n)
		return 0;
	if (intakeid_next(last, year, first, sizeof first) < 0)
		return used_up(lk, last, d);
	intakeid_parse(first, 0, first_year, first_seq);
	if ((unsigned long)(INTAKEID_SEQ_MAX - *first_seq) < n - 1) {
		intakeid_format(last, sizeof last, *first_year, INTAKEID_SEQ_MAX);
		return used_up(lk, last, d);
	}
	return 0;
}

int intakeid_number(struct datadir_lock *lk, int year, size_t n, char (*ids)[INTAKEID_MAX],
		    struct diag *d)
{
	int y;
	long seq;
	size_t i;

	if (intakeid_first(lk, year, n, &y, &seq, d) < 0)
		return -1;
	for (i = 0; i < n; i++)
		intakeid_format(ids[i], sizeof ids[i], y, seq + (long)i);
	return 0;
}
