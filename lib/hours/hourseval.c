/*
 * hourseval: the hours-eval filter on worker threads (hourseval.h).
 *
 * A ring of blocks, two a worker and two more, goes round: the reader
 * fills a free block with up to BLOCK_ROWS records (their CSV text to write
 * again, and the three fields to evaluate), a worker evaluates a filled one
 * into its output, and the reader writes the done blocks in order and frees
 * them.  One mutex and one condition variable guard the states; everything
 * else of a block belongs to whoever holds it in its current state.
 *
 * Each worker answers through its own hourscache (hourscache.h): most of a
 * row's search for the next change is then a look-up in stretches that
 * earlier rows' searches went through.  The expressions it knows stay
 * parsed (schedule_exprs) until the worker ends.
 */
#include "hourseval.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "csvread.h"
#include "csvwrite.h"
#include "diag.h"
#include "hourscache.h"
#include "ohours.h"
#include "schedule.h"
#include "strbuf.h"
#include "xalloc.h"

#include "banned.h"

#define NBLOCKS (2 * HOURSEVAL_MAX_JOBS + 2)
#define BLOCK_ROWS 2048

enum block_state { B_FREE, B_FILLED, B_BUSY, B_DONE };

/* A record: offsets into the block's text, and where its fields stand. */
struct brow {
	size_t prefix, plen;  /* the record again, as CSV, with a ',' after it */
	size_t hours, at, cc; /* NUL-terminated fields; cc (size_t)-1: none */
	long lineno, hline, hcol, aline, acol, cline, ccol;
	int short_fields; /* fewer fields than the header needs */
	size_t nfields;
};

struct block {
	enum block_state state;
	struct strbuf text;
	struct brow *rows;
	size_t n, alloc;
	struct strbuf out; /* the rows evaluated, up to a failure */
	int failed;
	struct diag d;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct block blocks[NBLOCKS];
	long nblocks; /* of them in the ring */
	int quit;
	const char *name;
	enum holidays_country dflt;
	const struct civtz *tz;
	const struct services_location *loc;
};

static size_t add_text(struct strbuf *sb, const char *s, size_t len)
{
	size_t off = sb->len;
	strbuf_add(sb, s, len);
	strbuf_addch(sb, '\0');
	return off;
}

/* "a,b,c," in buf (cut short if it does not fit), its length returned. */
static int put_columns(char *buf, size_t size, const char *a, const char *b, const char *c)
{
	size_t n = 0;
	const char *part[3];
	int i;

	part[0] = a;
	part[1] = b;
	part[2] = c;
	for (i = 0; i < 3; i++) {
		size_t len = strlen(part[i]);
		if (n + len + 2 > size)
			break;
		memcpy(buf + n, part[i], len);
		n += len;
		buf[n++] = ',';
	}
	buf[n] = '\0';
	return (int)n;
}

/* Evaluate one record into b->out; -1 with b->d at the fault. */
static int eval_row(struct pool *pl, struct schedule_exprs *ex, struct hourscache *hc,
		    struct block *b, const struct brow *r)
{
	const char *text = b->text.buf;
	const char *hours = text + r->hours, *at_s = text + r->at;
	enum holidays_country c = pl->dflt;
	const struct ohours *oh;
	struct ohours_answer ans;
	struct diag *d = &b->d;
	char buf[CIVTIME_TS_MAX] = "";
	char tail[CIVTIME_TS_MAX + 32];
	int64_t at, next;
	int prc;

	if (r->short_fields)
		return diag_set(d, DIAG_DATA, pl->name, r->lineno, 1,
				"record has %zu fields, fewer than the header", r->nfields);
	if ((prc = civtime_parse_local(at_s, &at)) < 0) {
		diag_set(d, DIAG_DATA, pl->name, r->aline, r->acol, "invalid time '%s'", at_s);
		civtime_hint(d, prc, "write it as 2026-11-24T09:00");
		return -1;
	}
	if (r->cc != (size_t)-1 && text[r->cc] && holidays_country_parse(text + r->cc, &c) < 0)
		return diag_set(d, DIAG_DATA, pl->name, r->cline, r->ccol,
				"country '%s' is not CZ or PL", text + r->cc);
	if (schedule_exprs_get(ex, hours, &oh, d) < 0 || ohours_check_context(oh, c, d) < 0) {
		d->col = r->hcol + (d->col > 0 ? d->col - 1 : 0);
		d->line = r->hline;
		snprintf(d->file, sizeof d->file, "%s", pl->name);
		return -1;
	}
	if (ohours_check_time(oh, at, d) < 0) {
		snprintf(d->file, sizeof d->file, "%s", pl->name);
		d->line = r->aline;
		d->col = r->acol;
		return -1;
	}
	next = hourscache_eval_next(hc, oh, c, pl->tz, at, &ans);
	if (ohours_answer_check(oh, c, &ans, d) < 0) {
		snprintf(d->file, sizeof d->file, "%s", pl->name);
		d->line = r->aline;
		d->col = r->acol;
		return -1;
	}
	if (next != OHOURS_NONE)
		civtime_format_local(buf, next);
	strbuf_add(&b->out, text + r->prefix, r->plen);
	/* the three columns in one piece (strbuf calls cost per row) */
	prc = put_columns(tail, sizeof tail, ans.open ? "true" : "false", buf,
			  schedule_state_names[ohours_state_of(&ans)]);
	strbuf_add(&b->out, tail, (size_t)prc);
	if (ans.comment)
		csvwrite_cell(&b->out, ans.comment, strlen(ans.comment));
	strbuf_addch(&b->out, '\n');
	return 0;
}

static void *worker(void *arg)
{
	struct pool *pl = arg;
	struct schedule_exprs ex;
	struct hourscache *hc = hourscache_new(0);
	size_t i;

	schedule_exprs_init(&ex);
	ex.loc = pl->loc;
	ex.tz = pl->tz;
	pthread_mutex_lock(&pl->mu);
	for (;;) {
		struct block *b = NULL;
		for (i = 0; i < (size_t)pl->nblocks && !b; i++)
			if (pl->blocks[i].state == B_FILLED)
				b = &pl->blocks[i];
		if (!b) {
			if (pl->quit)
				break;
			pthread_cond_wait(&pl->cv, &pl->mu);
			continue;
		}
		b->state = B_BUSY;
		pthread_mutex_unlock(&pl->mu);
		strbuf_reset(&b->out);
		b->failed = 0;
		for (i = 0; i < b->n; i++)
			if (eval_row(pl, &ex, hc, b, &b->rows[i]) < 0) {
				b->failed = 1;
				break;
			}
		pthread_mutex_lock(&pl->mu);
		b->state = B_DONE;
		pthread_cond_broadcast(&pl->cv);
	}
	pthread_mutex_unlock(&pl->mu);
	hourscache_free(hc);
	schedule_exprs_release(&ex);
	return NULL;
}

/* Column index of name in a header row, or -1. */
static long header_column(const struct csvread_row *row, const char *name)
{
	size_t i;
	for (i = 0; i < row->n; i++)
		if (strcmp(row->field[i], name) == 0)
			return (long)i;
	return -1;
}

struct columns {
	long h, a, c;
};

static void add_row(struct block *b, const struct csvread_row *row, const struct columns *col)
{
	struct brow *r;
	size_t i, start;

	XALLOC_GROW(b->rows, b->n + 1, b->alloc);
	r = &b->rows[b->n++];
	memset(r, 0, sizeof *r);
	start = b->text.len;
	for (i = 0; i < row->n; i++) {
		csvwrite_cell(&b->text, row->field[i], row->len[i]);
		strbuf_addch(&b->text, ',');
	}
	r->prefix = start;
	r->plen = b->text.len - start;
	r->lineno = row->lineno;
	r->nfields = row->n;
	r->cc = (size_t)-1;
	if (row->n <= (size_t)(col->h > col->a ? col->h : col->a) ||
	    (col->c >= 0 && row->n <= (size_t)col->c)) {
		r->short_fields = 1;
		r->hours = r->at = add_text(&b->text, "", 0);
		return;
	}
	r->hours = add_text(&b->text, row->field[col->h], row->len[col->h]);
	r->hline = row->line[col->h];
	r->hcol = row->col[col->h] + row->quoted[col->h];
	r->at = add_text(&b->text, row->field[col->a], row->len[col->a]);
	r->aline = row->line[col->a];
	r->acol = row->col[col->a];
	if (col->c >= 0) {
		r->cc = add_text(&b->text, row->field[col->c], row->len[col->c]);
		r->cline = row->line[col->c];
		r->ccol = row->col[col->c];
	}
}

/*
 * Write the done blocks from *next_write on, in order, as long as they
 * are done (all of them: wait when all).  Returns -1 with d when a block
 * failed (its rows before the fault are written).  Called with the mutex.
 */
static int write_done(struct pool *pl, long *next_write, long next_fill, int all, FILE *out,
		      struct diag *d)
{
	while (*next_write < next_fill) {
		struct block *b = &pl->blocks[*next_write % pl->nblocks];
		if (b->state != B_DONE) {
			if (!all)
				return 0;
			pthread_cond_wait(&pl->cv, &pl->mu);
			continue;
		}
		fwrite(b->out.buf, 1, b->out.len, out);
		if (b->failed) {
			*d = b->d;
			return -1;
		}
		b->state = B_FREE;
		b->n = 0;
		strbuf_reset(&b->text);
		(*next_write)++;
		pthread_cond_broadcast(&pl->cv);
	}
	return 0;
}

int hourseval_run(int fd, const char *name, enum holidays_country dflt, const struct civtz *tz,
		  int jobs, FILE *out, struct diag *d)
{
	return hourseval_run_at(fd, name, dflt, tz, NULL, jobs, out, d);
}

int hourseval_run_at(int fd, const char *name, enum holidays_country dflt, const struct civtz *tz,
		     const struct services_location *loc, int jobs, FILE *out, struct diag *d)
{
	struct pool pl;
	pthread_t th[HOURSEVAL_MAX_JOBS];
	struct csvread *r;
	struct csvread_row *row;
	struct strbuf head = STRBUF_INIT;
	struct columns col = { -1, -1, -1 };
	struct diag rd = DIAG_INIT;
	long next_fill = 0, next_write = 0;
	int i, started = 0, rc = 0, readrc;
	size_t k;

	if (jobs < 1)
		jobs = 1;
	if (jobs > HOURSEVAL_MAX_JOBS)
		jobs = HOURSEVAL_MAX_JOBS;
	memset(&pl, 0, sizeof pl);
	pl.name = name;
	pl.dflt = dflt;
	pl.tz = tz;
	pl.nblocks = 2 * jobs + 2;
	pl.loc = loc;
	for (i = 0; i < NBLOCKS; i++) {
		strbuf_init(&pl.blocks[i].text, 0);
		strbuf_init(&pl.blocks[i].out, 0);
	}
	pthread_mutex_init(&pl.mu, NULL);
	pthread_cond_init(&pl.cv, NULL);
	r = csvread_open(fd, name, 0);

	readrc = csvread_next(r, &row, &rd);
	if (readrc == 1) {
		col.h = header_column(row, "hours");
		col.a = header_column(row, "at");
		col.c = header_column(row, "country");
		for (k = 0; k < row->n; k++) {
			csvwrite_cell(&head, row->field[k], row->len[k]);
			strbuf_addch(&head, ',');
		}
		if (col.h < 0 || col.a < 0) {
			rc = diag_set(d, DIAG_DATA, name, 1, 1,
				      "the header needs the columns 'hours' and 'at'");
			goto out;
		}
		strbuf_addstr(&head, "open,next_change,state,comment\n");
		fwrite(head.buf, 1, head.len, out);
	} else if (readrc < 0) {
		*d = rd;
		rc = -1;
		goto out;
	}
	for (i = 0; i < jobs; i++) {
		if (pthread_create(&th[i], NULL, worker, &pl) != 0) {
			rc = diag_errno(d, errno ? errno : EAGAIN, "start a thread for", name);
			break;
		}
		started++;
	}
	while (rc == 0 && readrc == 1 && started) {
		struct block *b = &pl.blocks[next_fill % pl.nblocks];

		pthread_mutex_lock(&pl.mu);
		while (b->state != B_FREE && rc == 0)
			if ((rc = write_done(&pl, &next_write, next_fill, 0, out, d)) == 0 &&
			    b->state != B_FREE)
				pthread_cond_wait(&pl.cv, &pl.mu);
		pthread_mutex_unlock(&pl.mu);
		if (rc < 0)
			break;
		while (b->n < BLOCK_ROWS && (readrc = csvread_next(r, &row, &rd)) == 1)
			add_row(b, row, &col);
		pthread_mutex_lock(&pl.mu);
		if (b->n) {
			b->state = B_FILLED;
			next_fill++;
			pthread_cond_broadcast(&pl.cv);
		}
		rc = write_done(&pl, &next_write, next_fill, 0, out, d);
		pthread_mutex_unlock(&pl.mu);
	}
	pthread_mutex_lock(&pl.mu);
	if (rc == 0)
		rc = write_done(&pl, &next_write, next_fill, 1, out, d);
	pl.quit = 1;
	pthread_cond_broadcast(&pl.cv);
	pthread_mutex_unlock(&pl.mu);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	if (rc == 0 && readrc < 0) {
		*d = rd;
		rc = -1;
	}
out:
	csvread_free(r);
	for (i = 0; i < NBLOCKS; i++) {
		strbuf_release(&pl.blocks[i].text);
		strbuf_release(&pl.blocks[i].out);
		free(pl.blocks[i].rows);
	}
	pthread_mutex_destroy(&pl.mu);
	pthread_cond_destroy(&pl.cv);
	strbuf_release(&head);
	return rc < 0 ? -1 : 0;
}
