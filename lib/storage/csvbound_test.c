#include <stdlib.h>
#include <string.h>

#include "csvbound.h"
#include "tap.h"
#include "banned.h"

/* The rule as written: scan forward, remember the last LF outside quotes. */
static size_t naive_last(const char *buf, size_t len, int start_odd)
{
	size_t i, last = 0;
	int odd = start_odd;
	for (i = 0; i < len; i++) {
		if (buf[i] == '"')
			odd = !odd;
		else if (buf[i] == '\n' && !odd)
			last = i + 1;
	}
	return last;
}

static size_t last(const char *s, int odd)
{
	return csvbound_last(s, strlen(s), &odd);
}

/* Random bytes from a CSV-like alphabet, cut into random blocks. */
static int blocks_agree(unsigned seed)
{
	static const char alphabet[] = "a,\"\n\r\"\n";
	char buf[300];
	size_t len, at = 0, end = 0, whole;
	int odd = 0, i;

	srand(seed);
	len = (size_t)(rand() % (int)sizeof buf);
	for (i = 0; i < (int)len; i++)
		buf[i] = alphabet[rand() % (int)(sizeof alphabet - 1)];
	whole = naive_last(buf, len, 0);
	while (at < len) {
		size_t n = 1 + (size_t)(rand() % 40), cut;
		if (n > len - at)
			n = len - at;
		cut = csvbound_last(buf + at, n, &odd);
		if (cut)
			end = at + cut;
		at += n;
	}
	return end == whole && odd == csvbound_parity(buf, len);
}

/* Back from a record end, block by block, as datadir finds the last record. */
static size_t backward(const char *buf, size_t end, size_t block)
{
	size_t at = end - 1; /* the record's own line feed is not its start */
	int after = 0;       /* parity of the quotes from at to end */
	while (at > 0) {
		size_t n = at < block ? at : block, from = at - n, cut;
		int p = csvbound_parity(buf + from, n), odd = p ^ after;
		cut = csvbound_last(buf + from, n, &odd);
		if (cut)
			return from + cut;
		after ^= p;
		at = from;
	}
	return 0;
}

int main(void)
{
	static const char file[] =
		"id,note\n1,\"two\nlines, \"\"quoted\"\"\"\n2,\"x\n\"\"\n3,fake\"\n";
	unsigned seed;
	int odd, bad = 0;

	is_int(last("", 0), 0, "empty: no record end");
	is_int(last("a,b", 0), 0, "no line feed: no record end");
	is_int(last("a,b\n", 0), 4, "one record");
	is_int(last("a\nb\nc", 0), 4, "the last line feed that ends a record");
	is_int(last("1,\"x\ny\"\n", 0), 8, "a line feed inside quotes does not end a record");
	is_int(last("1,\"x\ny\n", 0), 0, "an open quote: no record end after it");
	is_int(last("2,\"\"\"\"\n3,\"\n", 0), 7, "doubled quotes count twice");
	is_int(last("x\"\n3,y\n", 1), 7, "starting inside quotes");
	is_int(last("\r\n", 0), 2, "CRLF: the LF ends the record");
	odd = 0;
	is_int(csvbound_last("a,\"b\nc", 6, &odd), 0, "an open quote at the end");
	is_int(odd, 1, "leaves the parity odd");
	is_int(csvbound_last("\"\nd\n", 4, &odd), 4, "and the next block closes it");
	is_int(odd, 0, "parity even again");
	is_int(csvbound_parity("\"\"\"", 3), 1, "parity of three quotes");
	is_int(csvbound_parity("abc", 3), 0, "parity of none");

	for (seed = 1; seed <= 2000; seed++)
		if (!blocks_agree(seed) && bad++ < 5)
			printf("# seed %u\n", seed);
	ok(!bad, "block by block, as the naive rule on the whole (2000 random inputs)");

	is_int(backward(file, sizeof file - 1, 4096), 34,
	       "back from the end: the last record's start");
	is_int(backward(file, sizeof file - 1, 3), 34, "the same in blocks of three bytes");
	is_int(backward(file, 34, 5), 8, "the record before it");
	is_int(backward(file, 8, 2), 0, "the header starts the file");
	return tap_done();
}
