#include "optlist.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

char **optlist_split(const char *arg)
{
	size_t n = 1, i = 0;
	const char *p;
	char **v;

	for (p = arg; *p; p++)
		n += *p == ',';
	v = xcalloc(n + 1, sizeof *v);
	for (p = arg;; p++) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		while (len && *p == ' ')
			p++, len--;
		while (len && p[len - 1] == ' ')
			len--;
		if (len)
			v[i++] = xstrndup(p, len);
		if (!comma)
			break;
		p = comma;
	}
	return v;
}

void optlist_free(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}
