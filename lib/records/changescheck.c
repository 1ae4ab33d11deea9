#include "changescheck.h"

#include <string.h>

#include "banned.h"

int changescheck_stored(const struct changes_record *cr, const struct csvread_row *row,
			const char *name, struct diag *d)
{
	const struct changes_field *f;
	for (f = cr->fields; f; f = f->next) {
		if (strlen(f->first_old) == row->len[f->col] &&
		    memcmp(f->first_old, row->field[f->col], row->len[f->col]) == 0)
			continue;
		diag_set(d, DIAG_DATA, name, f->first_line, f->first_col,
			 "old value '%.60s' of '%s' is not what intake.csv holds: '%.60s'",
			 f->first_old, intake_columns[f->col], row->field[f->col]);
		diag_hint(d, "old of a field's first change is its value in intake.csv");
		return -1;
	}
	return 0;
}

int changescheck_current(const struct changes_record *cr, const struct csvread_row *row,
			 const char *name, const struct fields_context *ctx,
			 struct intake_record *scratch, struct diag *d)
{
	struct fields_origin o;
	const struct changes_field *f;
	int c;

	o.file = name;
	for (c = 0; c < INTAKE_NCOLS; c++) {
		o.line[c] = cr->line;
		o.col[c] = 1;
		intake_record_set(scratch, (enum intake_column)c, row->field[c]);
	}
	for (f = cr->fields; f; f = f->next) {
		o.line[f->col] = f->line;
		o.col[f->col] = f->col_new;
		intake_record_set(scratch, (enum intake_column)f->col, f->value);
	}
	return intake_validate(scratch, ctx, &o, d);
}

void changescheck_orphan(const struct changes_record *cr, const char *name, struct diag *d)
{
	diag_set(d, DIAG_DATA, name, cr->line, 1,
		 "changes of intake '%s', which is not in intake.csv (change %ld is its last)",
		 cr->id, cr->change);
	diag_hint(d, "intake-purge removes the rows of intakes that are gone");
}

void changescheck_orphans(const struct changes *c, changes_problem report, void *ctx)
{
	const struct changes_record *cr;
	size_t i;
	for (i = 0; (cr = changes_record_at(c, i)) != NULL; i++) {
		struct diag d = DIAG_INIT;
		if (cr->found)
			continue;
		changescheck_orphan(cr, c->name, &d);
		if (report(ctx, &d) < 0)
			return;
	}
}
