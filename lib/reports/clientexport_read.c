/*
 * The passes of client-export over the files of the directory: intake.csv
 * through intakefile (streamed, current values), then each other file
 * once, keeping the client's rows.
 */
#include "clientexport.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "appointments.h"
#include "changes.h"
#include "fields.h"
#include "intake.h"
#include "intakefile.h"
#include "referral.h"
#include "xalloc.h"
#include "banned.h"

static const char *const file_names[CX_NFILES] = { INTAKE_FILE, CHANGES_FILE, REFERRAL_FILE,
						   APPOINTMENTS_FILE };

void clientexport_init(struct clientexport *x, const char *client)
{
	memset(x, 0, sizeof *x);
	x->client = client;
}

void clientexport_release(struct clientexport *x)
{
	int f;
	for (f = 0; f < CX_NFILES; f++) {
		free(x->rows[f].row);
		free(x->name[f]);
	}
	arena_release(&x->arena);
	memset(x, 0, sizeof *x);
}

size_t clientexport_total(const struct clientexport *x)
{
	size_t n = 0;
	int f;
	for (f = 0; f < CX_NFILES; f++)
		n += x->rows[f].n;
	return n;
}

static const char **add_row(struct clientexport *x, int f, size_t nfields)
{
	struct clientexport_rows *r = &x->rows[f];
	XALLOC_GROW(r->row, r->n + 1, r->alloc);
	return r->row[r->n++] = arena_alloc(&x->arena, nfields * sizeof(char *));
}

/* --- intake.csv: a block's records of the client, merged in file order. */

struct intake_ctx {
	struct clientexport *x;
	const struct changes *changes;
};

struct intake_acc {
	char **fields; /* INTAKE_NCOLS per record */
	size_t n, alloc;
};

static int is_client(const struct clientexport *x, const char *s, size_t len)
{
	return strlen(x->client) == len && memcmp(x->client, s, len) == 0;
}

static int intake_record(void *worker, void *accp, const struct csvread_row *row, struct diag *d)
{
	const struct clientexport *x = worker;
	struct intake_acc *a = accp;
	size_t c;

	(void)d;
	if (!is_client(x, row->field[INTAKE_CLIENT], row->len[INTAKE_CLIENT]))
		return 0;
	XALLOC_GROW(a->fields, (a->n + 1) * INTAKE_NCOLS, a->alloc);
	for (c = 0; c < INTAKE_NCOLS; c++)
		a->fields[a->n * INTAKE_NCOLS + c] = xstrndup(row->field[c], row->len[c]);
	a->n++;
	return 0;
}

static void *intake_acc_new(void *ctx)
{
	(void)ctx;
	return xcalloc(1, sizeof(struct intake_acc));
}

static void intake_acc_reset(void *accp)
{
	struct intake_acc *a = accp;
	size_t i;
	for (i = 0; i < a->n * INTAKE_NCOLS; i++)
		free(a->fields[i]);
	a->n = 0;
}

static void intake_acc_free(void *accp)
{
	struct intake_acc *a = accp;
	intake_acc_reset(a);
	free(a->fields);
	free(a);
}

/* The block's records with their version, after the ones before them. */
static int intake_merge(void *ctx, void *accp, struct diag *d)
{
	struct intake_ctx *ic = ctx;
	struct intake_acc *a = accp;
	size_t i, c;

	(void)d;
	for (i = 0; i < a->n; i++) {
		const char **row = add_row(ic->x, CX_INTAKE, INTAKE_NCOLS + 1);
		const char *id = a->fields[i * INTAKE_NCOLS + INTAKE_ID];
		const struct changes_record *cr =
			ic->changes ? changes_find(ic->changes, id, strlen(id)) : NULL;
		char version[24];
		for (c = 0; c < INTAKE_NCOLS; c++)
			row[c] = arena_strdup(&ic->x->arena, a->fields[i * INTAKE_NCOLS + c]);
		snprintf(version, sizeof version, "%lu", cr ? cr->version : 0);
		row[INTAKE_NCOLS] = arena_strdup(&ic->x->arena, version);
	}
	return 0;
}

static int read_intake(struct clientexport *x, const struct datadir *dd, unsigned jobs,
		       struct diag *d)
{
	struct intake_ctx ic;
	void **workers = xcalloc(jobs, sizeof *workers);
	struct intakefile_ops ops = { .record = intake_record,
				      .acc_new = intake_acc_new,
				      .acc_reset = intake_acc_reset,
				      .merge = intake_merge,
				      .acc_free = intake_acc_free,
				      .ctx = &ic,
				      .worker = workers,
				      .jobs = jobs };
	struct intakefile *in = intakefile_open(dd, NULL, d);
	unsigned i;
	int rc = -1;

	for (i = 0; i < jobs; i++)
		workers[i] = x;
	if (in) {
		ic.x = x;
		ic.changes = intakefile_changes(in);
		rc = intakefile_each(in, &ops, d);
		x->torn[CX_INTAKE] = intakefile_torn(in);
		intakefile_close(in);
	}
	free(workers);
	return rc;
}

/* --- the other files: the rows that name the client or its records. */

static int has_record(const struct clientexport *x, const char *id)
{
	size_t i;
	for (i = 0; i < x->rows[CX_INTAKE].n; i++)
		if (strcmp(x->rows[CX_INTAKE].row[i][INTAKE_ID], id) == 0)
			return 1;
	return 0;
}

static int keep_row(const struct clientexport *x, int f, const struct csvread_row *row)
{
	if (f == CX_CHANGES)
		return has_record(x, row->field[CHANGES_ID]);
	if (f == CX_REFERRALS)
		return has_record(x, row->field[REFERRAL_INTAKE_ID]);
	return is_client(x, row->field[APPT_CLIENT], row->len[APPT_CLIENT]);
}

static const char *value(struct clientexport *x, int f, const struct csvread_row *row, size_t c)
{
	/* a change of the client field names another client, but for this one */
	if (f == CX_CHANGES && (c == CHANGES_OLD || c == CHANGES_NEW) &&
	    strcmp(row->field[CHANGES_FIELD], "client") == 0 &&
	    !is_client(x, row->field[c], row->len[c]))
		return "";
	return arena_strndup(&x->arena, row->field[c], row->len[c]);
}

/* The header of the file, or the width of a record after it. */
static int check_row(int f, int header, const struct csvread_row *row, const char *name,
		     struct diag *d)
{
	static const struct schema *const schemas[CX_NFILES] = { &intake_schema, &changes_schema,
								 &referral_schema,
								 &appointments_schema };
	if (header)
		return fields_check_header(schemas[f], row->field, row->n, name, row->col, d);
	if (row->n == schemas[f]->ncols)
		return 0;
	diag_set(d, DIAG_DATA, name, row->lineno, 1, "record has %zu fields instead of %zu", row->n,
		 schemas[f]->ncols);
	diag_hint(d, "run data-check");
	return -1;
}

static int read_other(struct clientexport *x, const struct datadir *dd, int f, struct diag *d)
{
	struct csvread *r;
	struct csvread_row *row;
	int fd, rc, first = 1;
	size_t c;

	x->name[f] = datadir_file(dd, file_names[f]);
	if ((rc = datadir_open_read(dd, file_names[f], &fd, d)) <= 0)
		return rc;
	r = csvread_open(fd, x->name[f], CSVREAD_SKIP_TORN_END);
	while ((rc = csvread_next(r, &row, d)) == 1) {
		const char **out;
		if (check_row(f, first, row, x->name[f], d) < 0) {
			rc = -1;
			break;
		}
		if (first) {
			first = 0;
			continue;
		}
		if (!keep_row(x, f, row))
			continue;
		out = add_row(x, f, row->n);
		for (c = 0; c < row->n; c++)
			out[c] = value(x, f, row, c);
	}
	x->torn[f] = csvread_torn(r);
	csvread_free(r);
	close(fd);
	return rc;
}

int clientexport_read(struct clientexport *x, const struct datadir *dd, unsigned jobs,
		      struct diag *d)
{
	int f;
	x->name[CX_INTAKE] = datadir_file(dd, INTAKE_FILE);
	if (read_intake(x, dd, jobs ? jobs : 1, d) < 0)
		return -1;
	for (f = CX_CHANGES; f < CX_NFILES; f++)
		if (read_other(x, dd, f, d) < 0)
			return -1;
	return 0;
}
