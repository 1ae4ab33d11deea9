#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counter.h"
#include "strbuf.h"
#include "tap.h"
#include "banned.h"

static void add1(struct counter *c, const char *a)
{
	size_t len = strlen(a);
	counter_add(c, &a, &len);
}

static void add2(struct counter *c, const char *a, const char *b)
{
	const char *v[2] = { a, b };
	size_t len[2] = { strlen(a), strlen(b) };
	counter_add(c, v, len);
}

static struct strbuf sb = STRBUF_INIT;

/* The sorted groups as "a|b=count;" for exact comparison. */
static const char *dump(const struct counter *c)
{
	struct counter_group **g = counter_sorted(c);
	size_t i, k;

	strbuf_reset(&sb);
	for (i = 0; i < c->n; i++) {
		for (k = 0; k < c->width; k++)
			strbuf_addf(&sb, "%s%s", k ? "|" : "", g[i]->value[k]);
		strbuf_addf(&sb, "=%lu;", g[i]->count);
	}
	free(g);
	return sb.buf;
}

static void test_one_column(void)
{
	struct counter c;

	counter_init(&c, 1);
	is_str(dump(&c), "", "an empty counter has no groups");
	is_int(c.n, 0, "n 0");
	add1(&c, "UA");
	add1(&c, "SY");
	add1(&c, "UA");
	add1(&c, "");
	add1(&c, "UA");
	is_int(c.n, 3, "three distinct groups");
	is_str(dump(&c), "=1;SY=1;UA=3;", "counted and sorted, the empty value first");
	counter_release(&c);
	ok(c.slots == NULL && c.n == 0 && c.arena.head == NULL, "release clears the counter");
}

static void test_columns(void)
{
	struct counter c;

	counter_init(&c, 2);
	add2(&c, "ab", "c");
	add2(&c, "a", "bc");
	add2(&c, "abc", "");
	add2(&c, "", "abc");
	add2(&c, "a", "bc");
	is_int(c.n, 4, "(ab,c), (a,bc), (abc,), (,abc) are four groups");
	is_str(dump(&c), "|abc=1;a|bc=2;ab|c=1;abc|=1;",
	       "sorted column by column, not by the joined string");
	counter_release(&c);

	counter_init(&c, 3);
	{
		const char *v[3] = { "2026-11", "UA", "housing" };
		size_t len[3] = { 7, 2, 7 };
		counter_add(&c, v, len);
		counter_add(&c, v, len);
		v[2] = "legal-aid";
		len[2] = 9;
		counter_add(&c, v, len);
		v[0] = "2026-10";
		counter_add(&c, v, len);
	}
	is_str(dump(&c), "2026-10|UA|legal-aid=1;2026-11|UA|housing=2;2026-11|UA|legal-aid=1;",
	       "three columns");
	counter_release(&c);
}

static void test_lengths(void)
{
	struct counter c;
	char buf[] = "housing;legal-aid;housing";
	const char *v;
	size_t len;

	counter_init(&c, 1);
	v = buf;
	len = 7;
	counter_add(&c, &v, &len);
	v = buf + 8;
	len = 9;
	counter_add(&c, &v, &len);
	v = buf + 18;
	len = 7;
	counter_add(&c, &v, &len);
	memset(buf, 'X', sizeof buf - 1);
	is_str(dump(&c), "housing=2;legal-aid=1;",
	       "values are taken by length, copied, independent of the input buffer");
	counter_release(&c);
}

static void test_bytewise(void)
{
	struct counter c;

	counter_init(&c, 1);
	add1(&c, "\xc3\xa4"); /* U+00E4 */
	add1(&c, "b");
	add1(&c, "ab");
	add1(&c, "B");
	add1(&c, "a");
	add1(&c, "\xd0\x90"); /* U+0410 */
	add1(&c, "Z");
	add1(&c, "10");
	add1(&c, "9");
	is_str(dump(&c), "10=1;9=1;B=1;Z=1;a=1;ab=1;b=1;\xc3\xa4=1;\xd0\x90=1;",
	       "bytewise order: digits as text, upper case first, non-ASCII last");
	counter_release(&c);
}

/* 10,000 distinct groups, group i counted i % 7 + 1 times, added in a scattered order. */
static void test_growth(void)
{
	enum { N = 10000 };
	struct counter c;
	struct counter_group **g;
	char a[32], b[32];
	size_t i, r, bad_order = 0, bad_count = 0;
	unsigned long total = 0, want_total = 0;

	counter_init(&c, 2);
	for (r = 0; r < 7; r++)
		for (i = 0; i < N; i++) {
			size_t k = (i * 7919) % N;
			if (r > k % 7)
				continue;
			snprintf(a, sizeof a, "g%05zu", k);
			snprintf(b, sizeof b, "%zu", k % 3);
			add2(&c, a, b);
		}
	is_int(c.n, N, "10000 distinct groups");
	ok(c.nslots >= 2 * c.n && (c.nslots & (c.nslots - 1)) == 0,
	   "the table grew, a power of two at most half full");
	g = counter_sorted(&c);
	for (i = 0; i < c.n; i++) {
		snprintf(a, sizeof a, "g%05zu", i);
		snprintf(b, sizeof b, "%zu", i % 3);
		if (strcmp(g[i]->value[0], a) || strcmp(g[i]->value[1], b))
			bad_order++;
		if (g[i]->count != i % 7 + 1)
			bad_count++;
		total += g[i]->count;
		want_total += i % 7 + 1;
	}
	is_int(bad_order, 0, "every group in sorted order with its values");
	is_int(bad_count, 0, "every group with its count");
	is_int(total, want_total, "no occurrence lost");
	free(g);
	counter_release(&c);
}

static void test_wide(void)
{
	struct counter c;
	const char *v[COUNTER_MAX_WIDTH];
	size_t len[COUNTER_MAX_WIDTH], i;
	struct counter_group **g;

	counter_init(&c, COUNTER_MAX_WIDTH);
	for (i = 0; i < COUNTER_MAX_WIDTH; i++) {
		v[i] = "x";
		len[i] = 1;
	}
	counter_add(&c, v, len);
	v[COUNTER_MAX_WIDTH - 1] = "y";
	counter_add(&c, v, len);
	counter_add(&c, v, len);
	for (i = 0; i < 100; i++) {
		char s[8];
		snprintf(s, sizeof s, "%zu", i);
		v[0] = s;
		len[0] = strlen(s);
		counter_add(&c, v, len);
	}
	is_int(c.n, 102, "COUNTER_MAX_WIDTH columns: groups differing in the last column");
	g = counter_sorted(&c);
	ok(!strcmp(g[100]->value[0], "x") && !strcmp(g[100]->value[COUNTER_MAX_WIDTH - 1], "x") &&
		   g[100]->count == 1,
	   "x...x counted once");
	ok(!strcmp(g[101]->value[COUNTER_MAX_WIDTH - 1], "y") && g[101]->count == 2,
	   "x...y counted twice, after x...x");
	free(g);
	counter_release(&c);
}

int main(void)
{
	test_one_column();
	test_columns();
	test_lengths();
	test_bytewise();
	test_growth();
	test_wide();
	strbuf_release(&sb);
	return tap_done();
}
