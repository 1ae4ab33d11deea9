#include "hash.h"

#include "banned.h"

uint64_t hash_add(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	while (n--)
		h = (h ^ *b++) * UINT64_C(0x100000001b3);
	return h;
}

uint64_t hash_bytes(const void *p, size_t n)
{
	return hash_add(HASH_INIT, p, n);
}
