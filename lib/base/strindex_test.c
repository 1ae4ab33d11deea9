#include "strindex.h"

#include <stdio.h>
#include <string.h>

#include "hash.h"
#include "tap.h"
#include "banned.h"

int main(void)
{
	struct strindex x;
	char key[32];
	size_t i;
	int all = 1;

	is_int((long long)hash_bytes("", 0), (long long)HASH_INIT,
	       "the hash of nothing is the basis");
	ok(hash_bytes("a", 1) == UINT64_C(0xaf63dc4c8601ec8c),
	   "FNV-1a of 'a' is the published value");
	ok(hash_add(hash_bytes("ab", 2), "c", 1) == hash_bytes("abc", 3),
	   "hash_add continues a hash");

	strindex_init(&x);
	is_int(strindex_find(&x, "a", 1), -1, "an empty index finds nothing");
	is_int((long)strindex_add(&x, "night", 5), 0, "the first string is 0");
	is_int((long)strindex_add(&x, "day", 3), 1, "the second is 1");
	is_int((long)strindex_add(&x, "night", 5), 0, "adding it again gives its number");
	is_int(strindex_find(&x, "nightshift", 5), 0, "found by its bytes, not a C string");
	is_int(strindex_find(&x, "nigh", 4), -1, "a prefix is another string");
	is_str(strindex_key(&x, 1), "day", "the key of a number");
	for (i = 0; i < 10000; i++) {
		snprintf(key, sizeof key, "svc-%zu", i);
		if (strindex_add(&x, key, strlen(key)) != i + 2)
			all = 0;
	}
	ok(all, "10,000 more keep their numbers while the table grows");
	for (i = 0; i < 10000 && all; i++) {
		snprintf(key, sizeof key, "svc-%zu", i);
		all = strindex_find(&x, key, strlen(key)) == (long)(i + 2) &&
		      strcmp(strindex_key(&x, i + 2), key) == 0;
	}
	ok(all, "and all of them are found again");
	is_int((long)x.n, 10002, "every string once");
	strindex_release(&x);
	return tap_done();
}
