#include "csvends.h"

#include <string.h>

#include "csvread.h"
#include "banned.h"

int csvends_check_header(struct datadir_lock *lk, csvends_header check, const void *arg,
			 struct diag *d)
{
	struct strbuf head = STRBUF_INIT;
	struct csvread *r;
	struct csvread_row *row;
	int rc = datadir_head(lk, 4096, &head, d);

	if (rc == 0) {
		r = csvread_open_buffer(head.buf, head.len, lk->path, 0);
		rc = csvread_next(r, &row, d) == 1
			     ? check(arg, row->field, row->n, lk->path, row->col, d)
			     : -1;
		csvread_free(r);
	}
	strbuf_release(&head);
	return rc;
}

static int blank(const struct strbuf *rec)
{
	return !strcmp(rec->buf, "\n") || !strcmp(rec->buf, "\r\n");
}

int csvends_last_record(struct datadir_lock *lk, struct strbuf *rec, struct diag *d)
{
	off_t end = lk->size, start;

	strbuf_reset(rec);
	while (end > 0) {
		if (datadir_record_before(lk, end, CSVENDS_RECORD_MAX, rec, &start, d) < 0)
			return -1;
		if (start == 0)
			break; /* the header: no record */
		if (!blank(rec) || lk->size - start > CSVENDS_RECORD_MAX)
			return 0;
		end = start;
	}
	strbuf_reset(rec);
	return 0;
}
