#include "purge.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "appointments.h"
#include "changes.h"
#include "csvpar.h"
#include "csvrewrite.h"
#include "erasures.h"
#include "fields.h"
#include "intake.h"
#include "intakeid.h"
#include "referral.h"
#include "strindex.h"
#include "xalloc.h"
#include "banned.h"

/* The files, in the order of their locks and of their renames. */
enum { F_INTAKE, F_CHANGES, F_REFERRALS, F_APPOINTMENTS, F_N };
static const char *const file_names[F_N] = { INTAKE_FILE, CHANGES_FILE, REFERRAL_FILE,
					     APPOINTMENTS_FILE };
static const struct schema *const schemas[F_N] = { &intake_schema, &changes_schema,
						   &referral_schema, &appointments_schema };

/* A set of strings, each with a flag. */
struct flags {
	struct strindex index;
	char *set;
	size_t alloc;
};

static void flags_add(struct flags *f, const char *s, size_t len)
{
	size_t i = strindex_add(&f->index, s, len);
	if (i >= f->alloc) {
		size_t was = f->alloc;
		XALLOC_GROW(f->set, i + 1, f->alloc);
		memset(f->set + was, 0, f->alloc - was);
	}
}

static void flags_mark(struct flags *f, const char *s, size_t len)
{
	long i = f->index.n ? strindex_find(&f->index, s, len) : -1;
	if (i >= 0)
		f->set[i] = 1;
}

static int flags_marked(const struct flags *f, const char *s, size_t len)
{
	long i = f->index.n ? strindex_find(&f->index, s, len) : -1;
	return i >= 0 && f->set[i];
}

struct intake_worker;

struct state {
	struct purge *p;
	int file;               /* the file being read */
	const char *name;       /* its path, for messages */
	struct changes changes; /* the overlay: ts and client as they are now */
	struct flags ids;       /* intake ids named by the changes and referrals: */
	struct flags clients;   /* still held?  clients of appointments: an intake left? */
	struct changes_row cur;
	char kept_id[INTAKEID_MAX]; /* the last intake kept */
	char last_client[INTAKE_REF_MAX + 1];
	int last_gone;                   /* the last record read was removed */
	struct datadir_lock lk[F_N + 1]; /* and the erasure log's */
	int locked[F_N + 1];
	struct csvrewrite_par par; /* intake.csv on the fast path */
	struct intake_worker *workers;
	int intake_exists;
};

static int header(void *ctx, const struct csvread_row *row, struct diag *d)
{
	struct state *st = ctx;
	return fields_check_header(schemas[st->file], row->field, row->n, st->name, row->col, d);
}

static int width(const struct state *st, const struct csvread_row *row, struct diag *d)
{
	if (row->n == schemas[st->file]->ncols)
		return 0;
	diag_set(d, DIAG_DATA, st->name, row->lineno, 1, "record has %zu fields instead of %zu",
		 row->n, schemas[st->file]->ncols);
	diag_hint(d, "run data-check; nothing was removed");
	return -1;
}

/* s[0..len) into dst, cut to its size. */
static void set_str(char *dst, size_t size, const char *s, size_t len)
{
	if (len >= size)
		len = size - 1;
	memcpy(dst, s, len);
	dst[len] = '\0';
}

/*
 * Does an intake record (of the right width) stay: 1, 0, or -1 for a
 * contact time that is not one (with d on the careful path; the fast path
 * has no position, and hands the record to csvread).  *row becomes the
 * record as it is now (its changes applied into cur).
 */
static int intake_stays(const struct state *st, const struct csvread_row **row,
			struct changes_row *cur, struct diag *d)
{
	const struct purge *p = st->p;
	const struct changes_record *cr;
	const struct csvread_row *r = *row;
	char date[11];
	long days;

	cr = changes_find(&st->changes, r->field[INTAKE_ID], r->len[INTAKE_ID]);
	if (cr)
		*row = r = changes_apply_row(cr, r, cur);
	if (p->client)
		return strcmp(r->field[INTAKE_CLIENT], p->client) != 0;
	if (r->len[INTAKE_TS] >= 10) {
		memcpy(date, r->field[INTAKE_TS], 10); /* the contact date */
		date[10] = '\0';
	}
	if (r->len[INTAKE_TS] < 10 || civtime_parse_date(date, &days) < 0) {
		if (!r->line)
			return -1;
		diag_set(d, DIAG_DATA, st->name, r->line[INTAKE_TS], r->col[INTAKE_TS],
			 "invalid time '%.40s'", r->field[INTAKE_TS]);
		diag_hint(d, "run data-check; nothing was removed");
		return -1;
	}
	return days >= p->cutoff;
}

/* An intake record goes when it is dated before the cut-off, or is the client's. */
static int keep_intake(void *ctx, const struct csvread_row *row, struct diag *d)
{
	struct state *st = ctx;
	struct purge *p = st->p;
	const char *client;
	int keep;

	if (width(st, row, d) < 0 || (keep = intake_stays(st, &row, &st->cur, d)) < 0)
		return -1;
	client = row->field[INTAKE_CLIENT];
	set_str(p->last_id, sizeof p->last_id, row->field[INTAKE_ID], row->len[INTAKE_ID]);
	set_str(st->last_client, sizeof st->last_client, client, row->len[INTAKE_CLIENT]);
	st->last_gone = !keep;
	if (keep) {
		set_str(st->kept_id, sizeof st->kept_id, row->field[INTAKE_ID],
			row->len[INTAKE_ID]);
		flags_mark(&st->ids, row->field[INTAKE_ID], row->len[INTAKE_ID]);
		flags_mark(&st->clients, client, row->len[INTAKE_CLIENT]);
	}
	return keep;
}

/*
 * The fast path (csvrewrite.h) for intake.csv: a block's records decided
 * on a worker thread, what keep_intake would have left in the state kept
 * with the block and set when it is merged, in file order.
 */
struct intake_worker {
	const struct state *st;
	struct changes_row cur;
};

struct intake_acc {
	char last_id[sizeof((struct purge *)0)->last_id];
	char last_client[INTAKE_REF_MAX + 1];
	char kept_id[INTAKEID_MAX];
	int any, any_kept, last_gone;
	long *ids, *clients; /* flags to set: the index of each */
	size_t nids, nclients, ids_alloc, clients_alloc;
};

static void mark_later(const struct flags *f, const char *s, size_t len, long **v, size_t *n,
		       size_t *alloc)
{
	long i = f->index.n ? strindex_find(&f->index, s, len) : -1;
	if (i < 0)
		return;
	XALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = i;
}

static int fast_keep_intake(void *worker, void *accp, const struct csvread_row *row)
{
	struct intake_worker *w = worker;
	struct intake_acc *a = accp;
	const struct state *st = w->st;
	int keep;

	if (row->n != schemas[F_INTAKE]->ncols ||
	    (keep = intake_stays(st, &row, &w->cur, NULL)) < 0)
		return -1; /* csvread reports it, with its position */
	set_str(a->last_id, sizeof a->last_id, row->field[INTAKE_ID], row->len[INTAKE_ID]);
	set_str(a->last_client, sizeof a->last_client, row->field[INTAKE_CLIENT],
		row->len[INTAKE_CLIENT]);
	a->any = 1;
	a->last_gone = !keep;
	if (keep) {
		set_str(a->kept_id, sizeof a->kept_id, row->field[INTAKE_ID], row->len[INTAKE_ID]);
		a->any_kept = 1;
		mark_later(&st->ids, row->field[INTAKE_ID], row->len[INTAKE_ID], &a->ids, &a->nids,
			   &a->ids_alloc);
		mark_later(&st->clients, row->field[INTAKE_CLIENT], row->len[INTAKE_CLIENT],
			   &a->clients, &a->nclients, &a->clients_alloc);
	}
	return keep;
}

static void *intake_acc_new(void *ctx)
{
	(void)ctx;
	return xcalloc(1, sizeof(struct intake_acc));
}

static void intake_acc_reset(void *accp)
{
	struct intake_acc *a = accp;
	a->any = a->any_kept = a->last_gone = 0;
	a->nids = a->nclients = 0;
}

static void intake_acc_free(void *accp)
{
	struct intake_acc *a = accp;
	free(a->ids);
	free(a->clients);
	free(a);
}

static int intake_merge(void *ctx, void *accp, struct diag *d)
{
	struct state *st = ctx;
	const struct intake_acc *a = accp;
	size_t i;

	(void)d;
	if (a->any) {
		memcpy(st->p->last_id, a->last_id, sizeof a->last_id);
		memcpy(st->last_client, a->last_client, sizeof a->last_client);
		st->last_gone = a->last_gone;
	}
	if (a->any_kept)
		memcpy(st->kept_id, a->kept_id, sizeof a->kept_id);
	for (i = 0; i < a->nids; i++)
		st->ids.set[a->ids[i]] = 1;
	for (i = 0; i < a->nclients; i++)
		st->clients.set[a->clients[i]] = 1;
	return 0;
}

/*
 * Retention: would intake-add, with the records after the last kept one
 * gone, give the last record's id (or one before it) again?  Then it
 * stays, and what belongs to it.
 */
static int keep_last(void *ctx)
{
	struct state *st = ctx;
	struct purge *p = st->p;
	char next[INTAKEID_MAX];
	int y1, y2;
	long s1, s2;

	if (intakeid_parse(p->last_id, 0, &y2, &s2) < 0)
		return 0;
	if (intakeid_next(st->kept_id, p->this_year, next, sizeof next) == 0 &&
	    intakeid_parse(next, 0, &y1, &s1) == 0 && intakeid_cmp(y1, s1, y2, s2) > 0)
		return 0;
	p->kept_last = 1;
	flags_mark(&st->ids, p->last_id, strlen(p->last_id));
	flags_mark(&st->clients, st->last_client, strlen(st->last_client));
	return 1;
}

/* A row of intake-changes.csv or referrals.csv stays while its intake does. */
static int keep_dependent(void *ctx, const struct csvread_row *row, struct diag *d)
{
	struct state *st = ctx;
	int c = st->file == F_CHANGES ? CHANGES_ID : REFERRAL_INTAKE_ID;
	if (width(st, row, d) < 0)
		return -1;
	return !st->intake_exists || flags_marked(&st->ids, row->field[c], row->len[c]);
}

/* An appointment of the client goes; retention: one that ended before the
 * cut-off, of a client without an intake left. */
static int keep_appointment(void *ctx, const struct csvread_row *row, struct diag *d)
{
	struct state *st = ctx;
	const char *client = row->field[APPT_CLIENT];
	char date[11];
	long days;

	if (width(st, row, d) < 0)
		return -1;
	if (st->p->client)
		return strcmp(client, st->p->client) != 0;
	if (!*client || flags_marked(&st->clients, client, row->len[APPT_CLIENT]))
		return 1;
	snprintf(date, sizeof date, "%.10s", row->field[APPT_END]);
	/* a date that does not parse is data-check's to report, never a reason to remove */
	return civtime_parse_date(date, &days) < 0 || days >= st->p->cutoff;
}

/* The ids the changes and referrals name, the clients the appointments name. */
static int collect(struct state *st, int fd, struct diag *d)
{
	static const int column[F_N] = { -1, CHANGES_ID, REFERRAL_INTAKE_ID, APPT_CLIENT };
	struct csvread *r = csvread_open(fd, st->name, st->p->dry_run ? CSVREAD_SKIP_TORN_END : 0);
	struct csvread_row *row;
	struct flags *f = st->file == F_APPOINTMENTS ? &st->clients : &st->ids;
	int rc, first = 1, c = column[st->file];

	while ((rc = csvread_next(r, &row, d)) == 1) {
		if (first) {
			first = 0;
			if ((rc = header(st, row, d)) < 0)
				break;
		} else if ((rc = width(st, row, d)) < 0) {
			break;
		} else if (row->len[c]) {
			flags_add(f, row->field[c], row->len[c]);
		}
	}
	csvread_free(r);
	return rc;
}

static const struct csvrewrite_ops ops_of[F_N] = {
	{ header, keep_intake, NULL, NULL, NULL },
	{ header, keep_dependent, NULL, NULL, NULL },
	{ header, keep_dependent, NULL, NULL, NULL },
	{ header, keep_appointment, NULL, NULL, NULL },
};

static void ops_for(struct state *st, int file, struct csvrewrite_ops *ops)
{
	*ops = ops_of[file];
	ops->ctx = st;
	if (file == F_INTAKE && !st->p->client)
		ops->keep_last = keep_last;
	if (file == F_INTAKE)
		ops->par = &st->par;
}

static unsigned long *count_of(struct purge *p, int file)
{
	return file == F_CHANGES     ? &p->changes
	       : file == F_REFERRALS ? &p->referrals
				     : &p->appointments;
}

/* Before the intake pass: the changes (overlay), and what the other files name. */
static int prepare(struct state *st, int file, int fd, struct diag *d)
{
	int rc, dup_fd;

	if (file == F_INTAKE)
		return 0;
	if ((dup_fd = dup(fd)) < 0 || lseek(dup_fd, 0, SEEK_SET) < 0) {
		rc = diag_errno(d, errno, "read", st->name);
		if (dup_fd >= 0)
			close(dup_fd);
		return rc;
	}
	if (file == F_CHANGES) {
		rc = changes_read(&st->changes, dup_fd, st->name, NULL, NULL, NULL, NULL, d);
		if (rc == 0 && lseek(dup_fd, 0, SEEK_SET) < 0)
			rc = diag_errno(d, errno, "read", st->name);
		if (rc == 0)
			rc = collect(st, dup_fd, d);
	} else {
		rc = collect(st, dup_fd, d);
	}
	close(dup_fd);
	return rc;
}

static void state_init(struct state *st, struct purge *p)
{
	unsigned jobs = csvpar_default_jobs(), i;
	int f;
	memset(st, 0, sizeof *st);
	st->p = p;
	st->workers = xcalloc(jobs, sizeof *st->workers);
	st->par.worker = xcalloc(jobs, sizeof *st->par.worker);
	for (i = 0; i < jobs; i++) {
		st->workers[i].st = st;
		st->par.worker[i] = &st->workers[i];
	}
	st->par.jobs = jobs;
	st->par.keep = fast_keep_intake;
	st->par.acc_new = intake_acc_new;
	st->par.acc_reset = intake_acc_reset;
	st->par.merge = intake_merge;
	st->par.acc_free = intake_acc_free;
	changes_init(&st->changes);
	strindex_init(&st->ids.index);
	strindex_init(&st->clients.index);
	for (f = 0; f <= F_N; f++)
		st->lk[f].datafd = -1;
}

static void state_release(struct state *st)
{
	int f;
	for (f = F_N; f >= 0; f--)
		if (st->locked[f])
			datadir_unlock(&st->lk[f]);
	changes_release(&st->changes);
	strindex_release(&st->ids.index);
	strindex_release(&st->clients.index);
	free(st->ids.set);
	free(st->clients.set);
	free(st->workers);
	free(st->par.worker);
}

static void counted(struct purge *p, int file, unsigned long removed, unsigned long kept)
{
	if (file == F_INTAKE) {
		p->removed = removed;
		p->kept = kept;
	} else {
		*count_of(p, file) = removed;
	}
}

/* Without locks: count what would go. */
static int dry_run(struct state *st, const struct datadir *dd, struct diag *d)
{
	int fd[F_N], f, rc = 0;
	char *names[F_N];

	for (f = 0; f < F_N; f++) {
		names[f] = datadir_file(dd, file_names[f]);
		fd[f] = -1;
		if (rc == 0 && datadir_open_read(dd, file_names[f], &fd[f], d) < 0)
			rc = -1;
	}
	st->intake_exists = fd[F_INTAKE] >= 0;
	for (f = F_CHANGES; rc == 0 && f < F_N; f++) {
		st->file = f;
		st->name = names[f];
		if (fd[f] >= 0)
			rc = prepare(st, f, fd[f], d);
	}
	for (f = 0; rc == 0 && f < F_N; f++) {
		struct csvrewrite_ops ops;
		unsigned long removed, kept;
		if (fd[f] < 0)
			continue;
		st->file = f;
		st->name = names[f];
		ops_for(st, f, &ops);
		if (lseek(fd[f], 0, SEEK_SET) < 0)
			rc = diag_errno(d, errno, "read", names[f]);
		else if ((rc = csvrewrite_count(fd[f], names[f], &ops, &removed, &kept, d)) == 0)
			counted(st->p, f, removed, kept);
	}
	for (f = 0; f < F_N; f++) {
		if (fd[f] >= 0)
			close(fd[f]);
		free(names[f]);
	}
	return rc;
}

static int lock_all(struct state *st, const struct datadir *dd, struct diag *d)
{
	struct purge *p = st->p;
	int f;

	for (f = 0; f < F_N; f++) {
		if (!datadir_exists(dd, file_names[f]))
			continue;
		if ((f == F_APPOINTMENTS
			     ? datadir_lock_document(dd, file_names[f], p->timeout, &st->lk[f], d)
			     : datadir_lock(dd, file_names[f], p->timeout, &st->lk[f], d)) < 0)
			return -1;
		st->locked[f] = 1;
		if (f < F_APPOINTMENTS)
			p->repaired[f] = (long)st->lk[f].repaired;
	}
	st->intake_exists = st->locked[F_INTAKE];
	return 0;
}

static void unlogged(const struct purge *p, struct diag *d)
{
	if (p->client)
		diag_hint(d,
			  "the records were removed, the erasure log has no row for it: "
			  "run the erasure again to log it");
	else
		diag_hint(d, "the records were removed, the erasure log has no row for it");
}

/* Every file read into its new content, then the renames in order, then the log. */
static int locked_run(struct state *st, const struct datadir *dd, struct diag *d)
{
	struct purge *p = st->p;
	struct csvrewrite rw[F_N];
	struct csvrewrite_ops ops[F_N];
	struct erasures_entry e;
	char before[16];
	int f, rc = lock_all(st, dd, d), logged;

	for (f = 0; f < F_N; f++)
		csvrewrite_init(&rw[f], &st->lk[f], &ops[f]);
	for (f = F_CHANGES; rc == 0 && f < F_N; f++) {
		st->file = f;
		st->name = st->lk[f].path;
		if (st->locked[f])
			rc = prepare(st, f, st->lk[f].datafd, d);
	}
	for (f = 0; rc == 0 && f < F_N; f++) {
		if (!st->locked[f])
			continue;
		st->file = f;
		st->name = st->lk[f].path;
		ops_for(st, f, &ops[f]);
		if ((rc = csvrewrite_scan(&rw[f], d)) == 0)
			counted(p, f, rw[f].removed, rw[f].kept);
	}
	p->last_removed = p->client && st->last_gone;
	logged = p->client || p->removed || p->changes || p->referrals || p->appointments;
	if (rc == 0 && logged)
		rc = erasures_check_file(dd,
					 d); /* a log with another header: before anything changes */
	/* intake.csv first: a crash after it leaves orphans, never a record without its changes */
	for (f = 0; rc == 0 && f < F_N; f++)
		if ((rc = csvrewrite_commit(&rw[f], d)) < 0 && f > F_INTAKE && p->removed)
			diag_hint(d,
				  "intake.csv was replaced; the other files keep rows of the removed "
				  "records (orphans): run the purge again");
	for (f = 0; f < F_N; f++)
		csvrewrite_abort(&rw[f]);
	if (rc < 0 || !logged)
		return rc;
	/*
	 * The log says what was done, so its row follows the renames: a
	 * failure (or a crash) now leaves the records removed and no row,
	 * which the same command, run again, adds.
	 */
	if (erasures_lock(dd, p->timeout, &st->lk[F_N], d) < 0) {
		unlogged(p, d);
		return -1;
	}
	st->locked[F_N] = 1;
	memset(&e, 0, sizeof e);
	e.ts = p->ts;
	e.desk = p->desk;
	e.reason = p->client ? p->reason : ERASURES_RETENTION;
	civtime_format_date(before, p->cutoff);
	e.before = p->client ? NULL : before;
	e.count[0] = p->removed;
	e.count[1] = p->changes;
	e.count[2] = p->referrals;
	e.count[3] = p->appointments;
	rc = erasures_append(&st->lk[F_N], &e, d);
	if (rc < 0)
		unlogged(p, d);
	p->logged = rc == 0;
	return rc;
}

/* Is c a character of a reference (intake_reference_ok)? */
static int ref_char(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '.' || c == '_' || c == '-';
}

/* Does buf[0..have) hold ref as a whole word (prev: the byte before buf)?  A
 * match at the end counts only at the end of the file. */
static int find_word(const char *buf, size_t have, int prev, const char *ref, int eof)
{
	size_t n = strlen(ref), i;
	for (i = 0; i + n <= have; i++)
		if ((i + n < have || eof) && !memcmp(buf + i, ref, n) &&
		    !ref_char(i ? buf[i - 1] : prev) && (i + n == have || !ref_char(buf[i + n])))
			return 1;
	return 0;
}

/*
 * Does DIR/name hold ref as a whole word?  A torn tail is not a record
 * that can be removed: the caller says which files hold the reference.
 */
static int holds(const struct datadir *dd, const char *name, const char *ref)
{
	struct diag ignored = DIAG_INIT;
	size_t n = strlen(ref), have = 0;
	char *buf;
	int fd, found = 0, prev = 0;
	ssize_t r = 1;

	if (datadir_open_read(dd, name, &fd, &ignored) <= 0)
		return 0;
	buf = xmalloc(65536 + n + 1);
	while (!found && r > 0) {
		r = read(fd, buf + have, 65536);
		if (r > 0)
			have += (size_t)r;
		found = find_word(buf, have, prev, ref, r <= 0);
		/* a match may straddle two reads: keep the last n bytes */
		if (have > n) {
			prev = (unsigned char)buf[have - n - 1];
			memmove(buf, buf + have - n, n);
			have = n;
		}
	}
	close(fd);
	free(buf);
	return found;
}

static void torn_tails(struct purge *p, const struct datadir *dd)
{
	static const char *const torn[3] = { INTAKE_FILE ".torn", CHANGES_FILE ".torn",
					     REFERRAL_FILE ".torn" };
	int i;
	for (i = 0; i < 3; i++)
		if (holds(dd, torn[i], p->client))
			p->torn_holds |= 1u << i;
}

int purge_run(struct purge *p, const struct datadir *dd, struct diag *d)
{
	struct state st;
	int rc;

	p->removed = p->kept = p->changes = p->referrals = p->appointments = 0;
	p->kept_last = p->last_removed = p->logged = 0;
	p->last_id[0] = '\0';
	state_init(&st, p);
	rc = p->dry_run ? dry_run(&st, dd, d) : locked_run(&st, dd, d);
	state_release(&st);
	p->torn_holds = 0;
	if (rc == 0 && p->client)
		torn_tails(p, dd);
	return rc;
}
