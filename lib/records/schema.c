#include "schema.h"

#include <string.h>

#include "banned.h"

int schema_column_index(const struct schema *s, const char *name)
{
	size_t i;
	for (i = 0; i < s->ncols; i++)
		if (strcmp(name, s->columns[i].name) == 0)
			return (int)i;
	return -1;
}
