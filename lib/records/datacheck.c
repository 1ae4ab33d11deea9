#include "datacheck.h"

#include <string.h>

#include "banned.h"

void datacheck_positions(const struct csvread_row *row, size_t n, long *line, long *col)
{
	size_t c;
	for (c = 0; c < n; c++) {
		line[c] = row->line[c];
		col[c] = row->col[c] + (row->quoted[c] ? 1 : 0);
	}
}

int datacheck_first_unlike(const struct csvread_row *row, const struct strbuf *f, size_t n)
{
	size_t c;
	for (c = 0; c < n; c++)
		if (f[c].len != row->len[c] || memcmp(f[c].buf, row->field[c], f[c].len) != 0)
			return (int)c;
	return -1;
}

int datacheck_normal_form(const char *file, const struct csvread_row *row, const struct strbuf *f,
			  const char *const *names, size_t n, const long *line, const long *col,
			  struct diag *d)
{
	int c = datacheck_first_unlike(row, f, n);
	if (c < 0)
		return 0;
	/* TRANSLATORS: the first %s is a column name, such as nationality */
	diag_set(d, DIAG_DATA, file, line[c], col[c],
		 "%s '%.60s' is not in normal form (would be stored as '%.60s')", names[c],
		 row->field[c], f[c].buf);
	return 1;
}

int datacheck_torn(const char *file, long line, const char *name, struct diag *d)
{
	if (!line)
		return 0;
	diag_set(d, DIAG_DATA, file, line, 1,
		 "incomplete last record (a crash during a write, or a write in progress)");
	diag_hint(d, "data-check --repair removes it and keeps a copy in %s.torn", name);
	return 1;
}
