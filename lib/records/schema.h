/*
 * schema: the columns of each data file, described once.  A file's module
 * (intake.h, capacity.h, referral.h, appointments.h) lists its columns in
 * one X-macro table, a row per column:
 *
 *	C(ENUM, "name", TYPE, flags, values, table, pattern, min, max,
 *	  max_length, option, arg, help, description)
 *
 *   TYPE        STRING, INTEGER, DATE or DATETIME (with its format)
 *   flags       SCHEMA_REQUIRED, SCHEMA_LIST (';'-separated), SCHEMA_RANGE
 *   values      where the allowed values come from (enum schema_values),
 *               with table (a NULL-terminated list) or pattern
 *   min, max    the range of an integer (SCHEMA_RANGE)
 *   max_length  in bytes, 0 for none
 *   option      the writer's option that sets it ("referred-to"), NULL for
 *               none; arg and help (N_()) its --help words
 *   description what data-check --describe says of it
 *
 * From the table follow: the column enum and the names of the header
 * (SCHEMA_ENUM, SCHEMA_NAMES), the writers' field options and their --help
 * (writer.h), data-check --describe (describe.h), and the column and
 * option lists the manual pages are checked against (cmd/man_test.sh).
 * Adding a column is adding a row.
 *
 * Ownership: everything here is static, read-only data.
 */
#ifndef OKIENKO_SCHEMA_H
#define OKIENKO_SCHEMA_H

#include <stddef.h>

#include "i18n.h"

enum schema_type { SCHEMA_STRING, SCHEMA_INTEGER, SCHEMA_DATE, SCHEMA_DATETIME };

enum { SCHEMA_REQUIRED = 1, SCHEMA_LIST = 2, SCHEMA_RANGE = 4 };

/* Where a column's allowed values come from. */
enum schema_values {
	SCHEMA_ANY,
	SCHEMA_TABLE,     /* the row's NULL-terminated table */
	SCHEMA_PATTERN,   /* the row's pattern */
	SCHEMA_REFERENCE, /* a desk, client or advisor reference */
	SCHEMA_ID,        /* an organization or service id of services.yaml */
	SCHEMA_COUNTRIES,
	SCHEMA_LANGUAGES,
	SCHEMA_NEEDS,
	SCHEMA_SERVICES,      /* the service ids of services.yaml */
	SCHEMA_SERVICE_OR_ORG /* ... and the organization ids */
};

struct schema_column {
	const char *name;
	enum schema_type type;
	const char *format; /* Table Schema format; NULL: the type's default */
	unsigned flags;
	enum schema_values values;
	const char *const *table;
	const char *pattern;
	long min, max;
	long max_length;
	const char *option, *arg, *help;
	const char *description;
};

struct schema {
	const char *file; /* "intake.csv" */
	const struct schema_column *columns;
	const char *const *names; /* the header, NULL-terminated */
	size_t ncols;
};

#define SCHEMA_STR_(x) #x
#define SCHEMA_XSTR(x) SCHEMA_STR_(x)
/* The description of a note column of at most max bytes. */
#define SCHEMA_NOTE_DESCRIPTION(max) \
	"free text, at most " SCHEMA_XSTR(max) " bytes (a leading apostrophe guards a formula)"

/* The column of a name, or -1. */
int schema_column_index(const struct schema *s, const char *name);

/* The types of the rows: a Table Schema type and its format. */
#define SCHEMA_T_STRING SCHEMA_STRING, NULL
#define SCHEMA_T_INTEGER SCHEMA_INTEGER, NULL
#define SCHEMA_T_DATE SCHEMA_DATE, NULL
#define SCHEMA_T_DATETIME SCHEMA_DATETIME, "%Y-%m-%dT%H:%M:%S%z"
#define SCHEMA_T_LOCALTIME SCHEMA_DATETIME, "any"

/* X-macro helpers: PREFIX_ENUM, "name", then the row as schema_column has it. */
#define SCHEMA_ENUM(prefix, e, ...) prefix##_##e,
#define SCHEMA_NAME(prefix, e, name, ...) name,
#define SCHEMA_ROW(prefix, e, name, type, flags, values, table, pattern, min, max, maxlen, option, \
		   arg, help, description)                                                         \
	{ name, SCHEMA_T_##type, flags,  values, table, pattern,    min,                           \
	  max,  maxlen,          option, arg,    help,  description },

#endif
