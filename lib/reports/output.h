/*
 * output: records written in the format chosen with -f/--format.
 *
 * Calling sequence: output_new with the column names, output_set_numeric
 * for the numeric columns, output_row per record, output_finish (which
 * writes what is buffered and reports write errors), output_free.
 * Nothing reaches fp before the first output_row or output_finish, so a
 * command that fails before its first record prints nothing on stdout.
 * The struct output owns a copy of the column names and everything it
 * buffers; it never owns or closes fp.  Fields are UTF-8 text.
 *
 * The formats (the text below is that of the manual pages):
 *
 * csv   The default.  A header row, then one RFC 4180 record per row: a field
 *       is double-quoted when it holds a comma, a double quote, CR or LF, or
 *       starts or ends with a space; quotes inside are doubled.  Lines end
 *       with LF.  An empty result is the header alone.
 *
 * tsv   A header line, then one line per row, fields separated by TAB.
 *       Inside a value a backslash is written \\, a TAB \t, a LF \n and a
 *       CR \r (the "linear TSV" convention of eBay tsv-utils), so every
 *       record is one line.  An empty result is the header alone.
 *
 * json  One JSON object per line (JSON Lines), keys in column order, no
 *       spaces: {"id":"2026-000123","household":3}.  Strings are escaped as
 *       RFC 8259 asks: \" \\ \n \r \t, any other control character as
 *       \u00XX (lower-case hex); other characters are written as UTF-8.
 *       Numeric columns are bare numbers when the value is an integer or a
 *       decimal fraction in JSON syntax (-12, 0, 87.5), null when empty,
 *       and a string otherwise.  No header; an empty result prints nothing.
 *
 * yaml  One YAML document: a block sequence with a mapping per row,
 *       "- id: ...\n  ts: ...".  Every string value is double-quoted, with
 *       the escapes \" \\ \n \r \t, \xXX for other control characters
 *       (U+0000..U+001F, U+007F..U+009F) and \u escapes (4 hex digits) for U+2028, U+2029,
 *       U+FEFF, U+FFFE and U+FFFF, so that no value is read back as a
 *       number, a boolean or null ("no" stays the string "no").  Numeric
 *       columns are plain numbers (same rule as json), null when empty.
 *       A column name is a plain key when it is a letter or '_' followed
 *       by letters, digits, '_' or '-' and is not one of y, n, yes, no,
 *       true, false, on, off, null (any case); otherwise it is quoted.
 *       An empty result prints "[]".
 *
 * table Aligned columns for a terminal: the header, a line of '-' as wide
 *       as each column, then the rows.  Columns are separated by two spaces
 *       and padded to the display width of their widest cell (East Asian
 *       wide and fullwidth characters count 2 columns, combining marks and
 *       zero-width characters 0); numeric columns, header included, are
 *       right-aligned.  Inside a cell a newline is shown as \n, a TAB as
 *       \t and any other control character (CR and ESC included) or
 *       invalid byte as '?', so that each row stays on one line and no
 *       data can drive the terminal.  Lines carry no trailing spaces.  An
 *       empty result prints the header and the line of '-'.  All rows are
 *       read before the first is printed.
 *
 * md    A GitHub-flavoured Markdown table: "| a | b |", then the delimiter
 *       row "| --- | ---: |" (numeric columns right-aligned with ---:), one
 *       line per row.  Inside a cell '|' is written \| and a backslash \\
 *       (so a backslash before a '|' cannot unescape it), a line break
 *       (LF, CRLF or CR) <br>, a TAB a space, any other control character
 *       or invalid byte '?'; other Markdown syntax is left as it is.  Cells
 *       are padded to the display width of the widest cell of their column
 *       (at least 3) so the source reads as a table too.  An empty result
 *       prints the header and delimiter rows.  All rows are read before the
 *       first is printed.
 *
 * In csv and tsv a cell that a spreadsheet would run as a formula (one
 * beginning with '=', '+', '-', '@', TAB or CR that is not a plain number
 * such as -5 or -0.5) is printed with a leading apostrophe, the rule the
 * writers store free text by (csvwrite.h); the header too.
 *
 * In json and yaml, bytes that are not valid UTF-8 are replaced with
 * U+FFFD so the output always parses; csv and tsv copy values unchanged
 * otherwise.
 */
#ifndef OKIENKO_OUTPUT_H
#define OKIENKO_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "strbuf.h"

enum output_format { OUTPUT_CSV, OUTPUT_TSV, OUTPUT_JSON, OUTPUT_YAML, OUTPUT_TABLE, OUTPUT_MD };

/* Set *f from a format name as given to -f ("csv", "md"...); -1 if unknown. */
int output_format_parse(const char *name, enum output_format *f);
/* "csv, tsv, json, yaml, table, md": for usage text and hints. */
const char *output_format_names(void);

struct output;

/* columns[0..ncolumns) are copied.  fp is not owned. */
struct output *output_new(FILE *fp, enum output_format f, const char *const *columns,
			  size_t ncolumns);
/*
 * Mark a column (index < ncolumns) numeric: json and yaml print it
 * unquoted when the value is a valid integer or decimal, null when empty;
 * table and md right-align it.  Call before the first output_row.
 */
void output_set_numeric(struct output *o, size_t column);
/* One record: ncolumns NUL-terminated UTF-8 strings. */
void output_row(struct output *o, const char *const *fields);
/*
 * For rows rendered on other threads (csvpar): output_render_row appends
 * one record to sb without touching o (safe from several threads at once):
 * its text for the formats that print row by row (csv, tsv, json, yaml),
 * its fields NUL-terminated for table and md, which align the whole table
 * at the end; output_rendered takes nrows such records, rendered in order,
 * as output_row would have.
 */
void output_render_row(const struct output *o, struct strbuf *sb, const char *const *fields);
void output_rendered(struct output *o, const char *buf, size_t len, size_t nrows);
/*
 * Write what is buffered, the csv/tsv header of an empty result or the
 * yaml "[]", and flush fp.  Returns 0, or -1 with d set (DIAG_SYSTEM,
 * "cannot write output: REASON") if any write to fp failed.  Calling it
 * again only re-checks fp.
 */
int output_finish(struct output *o, struct diag *d);
void output_free(struct output *o);

#endif
