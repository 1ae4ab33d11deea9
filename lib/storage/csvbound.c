#include "csvbound.h"

#include <string.h>

#include "banned.h"

int csvbound_parity(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *q;
	int odd = 0;

	while ((q = memchr(p, '"', (size_t)(end - p))) != NULL) {
		odd = !odd;
		p = q + 1;
	}
	return odd;
}

/*
 * The parity at the end first (memchr is fast), then back from the end to
 * the last line feed at even parity: only the last record is walked byte
 * by byte.
 */
size_t csvbound_last(const char *buf, size_t len, int *odd)
{
	int at = *odd ^ csvbound_parity(buf, len);
	size_t i;

	*odd = at;
	for (i = len; i > 0; i--) {
		char c = buf[i - 1];
		if (c == '\n' && !at)
			return i;
		if (c == '"')
			at = !at;
	}
	return 0;
}
