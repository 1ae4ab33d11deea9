/*
 * clientexport: everything the data directory holds about one
 * pseudonymous client (client-export, GDPR art. 15 and 20):
 *   - the intake records whose client is the reference, as they are now
 *     (intake.csv with intake-update's changes), with their version;
 *   - the changes of those records (intake-changes.csv), their whole
 *     history: the original values are the old of each field's first change;
 *   - the outcomes of their referrals (referrals.csv);
 *   - the client's appointments (appointments.csv).
 * A record belongs to the client its client field names now: a record
 * corrected to another reference is that client's, and where a change of
 * the client field shows another reference, it is left out (written
 * empty), so that the export holds nothing of another client.
 *
 * intake.csv is streamed (memory grows with the client's records only);
 * the other files are read once each, keeping the client's rows.
 *
 * Formats: json (JSON Lines, a "file" key first on every record) and yaml
 * (one sequence of such mappings) for machines; md and html for people,
 * a page per client with every label in cs, pl, uk or en.
 *
 * Ownership: struct clientexport owns every string it read (its arena);
 * clientexport_release.
 */
#ifndef OKIENKO_CLIENTEXPORT_H
#define OKIENKO_CLIENTEXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "datadir.h"
#include "diag.h"
#include "taxonomy.h"

enum clientexport_file { CX_INTAKE, CX_CHANGES, CX_REFERRALS, CX_APPOINTMENTS, CX_NFILES };

enum clientexport_format { CX_JSON, CX_YAML, CX_MD, CX_HTML };

struct clientexport_rows {
	const char ***row; /* each a field array */
	size_t n, alloc;
};

struct clientexport {
	const char *client;
	struct arena arena;
	struct clientexport_rows rows[CX_NFILES];
	long torn[CX_NFILES];  /* an incomplete last record skipped (its line) */
	char *name[CX_NFILES]; /* the files' paths, for messages */
};

void clientexport_init(struct clientexport *x, const char *client);
/* Read the files of dd; jobs threads read intake.csv.  0, or -1 with d. */
int clientexport_read(struct clientexport *x, const struct datadir *dd, unsigned jobs,
		      struct diag *d);
/* Rows found in all files. */
size_t clientexport_total(const struct clientexport *x);
/*
 * Write the export to fp; ts says when (printed on the pages), tax gives
 * the needs' labels in lang.  A write error stays in fp for the caller
 * (opts_finish reports it).
 */
void clientexport_write(const struct clientexport *x, FILE *fp, enum clientexport_format f,
			enum taxonomy_lang lang, const struct taxonomy *tax, const char *ts);
void clientexport_release(struct clientexport *x);

#endif
