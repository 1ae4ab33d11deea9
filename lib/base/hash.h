/*
 * hash: the one string hash of the project, 64-bit FNV-1a, for the hash
 * tables (strindex, counter) and the lock file's checksum.  Not for
 * anything an attacker could exploit by collisions beyond slowing a table
 * down: every table is sized by the data it holds.
 */
#ifndef OKIENKO_HASH_H
#define OKIENKO_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_INIT UINT64_C(0xcbf29ce484222325)

/* h extended by n bytes of p: hash_add(HASH_INIT, p, n) hashes p. */
uint64_t hash_add(uint64_t h, const void *p, size_t n);
/* The hash of n bytes. */
uint64_t hash_bytes(const void *p, size_t n);

#endif
