/*
 * describe: the data directory described as a Frictionless Data Package
 * (v1, profile tabular-data-package), the datapackage.json that
 * `data-check --describe` prints, for tools other than ours (a database,
 * frictionless validate, a spreadsheet import).
 *
 * One tabular data resource per CSV data file present (intake.csv,
 * capacity.csv, referrals.csv, appointments.csv), each with its CSV
 * dialect (RFC 4180 as the writers write it: ',', '"' doubled, LF, a
 * header row; utf-8) and its Table Schema: the fields in header order,
 * types (string, integer, date, datetime), formats, and constraints
 * (required, enum, pattern, minimum/maximum, maxLength), the primary key
 * and the foreign keys.  With services.yaml, two inline resources,
 * "organizations" and "services", hold its ids so that the foreign keys
 * have something to reference, and the service ids of the constraints
 * are those of the file.
 *
 * The constraints come from the tables the validators use: the column
 * names, the closed value lists (intake_sexes, capacity_statuses,
 * referral_outcomes...), the limits (INTAKE_REF_MAX, CAPACITY_MAX...),
 * the taxonomy's codes, the ISO code lists and the service ids; a field
 * describes the form the tools store.  Table Schema has no list type for
 * CSV, so a ';'-list (language, needs, referred_to) is a string with a
 * pattern: one known code, then any number of ';' and a known code.  A
 * pattern is an XML Schema regular expression (implicitly anchored) that
 * uses only the syntax common to XML Schema, PCRE and POSIX EREs: literal
 * codes, '|', '()', '[]' classes, '{m,n}', '*'.  Rules across fields
 * (consent yes when referred_to is set; a reason only for rejected and
 * withdrawn) are not expressible and left to data-check.
 *
 * Output: pretty-printed JSON in UTF-8, two spaces per level, each field
 * descriptor and inline data row on one line; deterministic.
 *
 * Ownership: describe_json appends to the caller's strbuf and keeps
 * nothing; the taxonomy and services are only read.
 */
#ifndef OKIENKO_DESCRIBE_H
#define OKIENKO_DESCRIBE_H

#include "services.h"
#include "strbuf.h"
#include "taxonomy.h"

enum describe_file {
	DESCRIBE_INTAKE,
	DESCRIBE_CAPACITY,
	DESCRIBE_REFERRALS,
	DESCRIBE_APPOINTMENTS,
	DESCRIBE_CHANGES,
	DESCRIBE_ERASURES,
	DESCRIBE_NFILES
};

/* The data files, in enum order: "intake.csv"... */
extern const char *const describe_files[DESCRIBE_NFILES];

struct describe_input {
	const struct taxonomy *taxonomy;
	const struct services *services; /* NULL: no services.yaml */
	unsigned present;                /* bit 1 << enum describe_file per file present */
};

/* Append the datapackage.json text (ending with a newline) to sb. */
void describe_json(struct strbuf *sb, const struct describe_input *in);

#endif
