#include "smallcount.h"

#include <stdio.h>

#include "banned.h"

int smallcount_hides(unsigned long n, unsigned long k)
{
	return k && n < k;
}

const char *smallcount_cell(char *buf, unsigned long n, unsigned long k)
{
	if (smallcount_hides(n, k))
		snprintf(buf, SMALLCOUNT_BUF, "<%lu", k);
	else
		snprintf(buf, SMALLCOUNT_BUF, "%lu", n);
	return buf;
}

void smallcount_total_init(struct smallcount_total *t, unsigned long k)
{
	t->k = k;
	t->total = t->shown = 0;
	t->hidden = 0;
}

void smallcount_add(struct smallcount_total *t, unsigned long part)
{
	t->total += part;
	if (smallcount_hides(part, t->k))
		t->hidden = 1;
	else
		t->shown += part;
}

int smallcount_total_exact(const struct smallcount_total *t)
{
	return !t->hidden && !smallcount_hides(t->total, t->k);
}

void smallcount_add_total(struct smallcount_total *t, const struct smallcount_total *part)
{
	t->total += part->total;
	if (smallcount_total_exact(part))
		t->shown += part->total;
	else
		t->hidden = 1;
}

const char *smallcount_total_cell(char *buf, const struct smallcount_total *t)
{
	if (smallcount_hides(t->total, t->k) || !t->hidden)
		return smallcount_cell(buf, t->total, t->k);
	snprintf(buf, SMALLCOUNT_BUF, ">=%lu", t->shown > t->k ? t->shown : t->k);
	return buf;
}
