/*
 * banned: functions we never call.  Include last in every .c file.
 * Unbounded copies, non-reentrant time and token functions, atoi-style
 * parsing without error detection, and the case and letter functions of
 * the locale (under tr_TR.UTF-8 toupper('i') is 'i'): use ascii.h.
 */
#ifndef OKIENKO_BANNED_H
#define OKIENKO_BANNED_H

#define BANNED(func) sorry_##func##_is_banned

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef gets
#define gets(x) BANNED(gets)
#undef toupper
#define toupper(c) BANNED(toupper)
#undef tolower
#define tolower(c) BANNED(tolower)
#undef strcasecmp
#define strcasecmp(x, y) BANNED(strcasecmp)
#undef strncasecmp
#define strncasecmp(x, y, n) BANNED(strncasecmp)
#undef isalpha
#define isalpha(c) BANNED(isalpha)
#undef isalnum
#define isalnum(c) BANNED(isalnum)
#undef isupper
#define isupper(c) BANNED(isupper)
#undef islower
#define islower(c) BANNED(islower)

#endif
