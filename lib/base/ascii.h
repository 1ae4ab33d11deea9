/*
 * ascii: character classes and case of ASCII letters, whatever the locale.
 *
 * Codes (nationality "UA", need "housing", service ids, format names) are
 * ASCII and compared without regard to case.  The C library's toupper,
 * tolower, strcasecmp and isalnum follow LC_CTYPE: under tr_TR.UTF-8,
 * toupper('i') is 'i' (its capital is the two-byte 'İ') and tolower('I') is
 * 'I', and in a single-byte locale isalnum(0xE9) may be true.  These
 * functions look at ASCII only and leave every other byte as it is, so a
 * UTF-8 sequence is never changed or split.  banned.h keeps the locale's
 * versions out of the code.  Nothing here keeps state or allocates.
 */
#ifndef OKIENKO_ASCII_H
#define OKIENKO_ASCII_H

#include <stddef.h>

/* 'A'..'Z' -> 'a'..'z'; any other value is returned unchanged. */
int ascii_tolower(int c);
/* 'a'..'z' -> 'A'..'Z'; any other value is returned unchanged. */
int ascii_toupper(int c);
int ascii_isalpha(int c); /* A-Z, a-z */
int ascii_isdigit(int c); /* 0-9 */
int ascii_isalnum(int c); /* A-Z, a-z, 0-9 */

/* Fold the ASCII letters of s[0..len) in place to upper (upper != 0) or lower case. */
void ascii_fold(char *s, size_t len, int upper);
/* strcmp of the two strings with ASCII letters folded to lower case. */
int ascii_strcasecmp(const char *a, const char *b);

#endif
