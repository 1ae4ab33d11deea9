/*
 * optlist: an option's comma-separated list of values ("UA,PL",
 * "housing, shelter"), as every filter takes it: a NULL-terminated array
 * of the values, each trimmed of spaces, empty ones dropped.  The array
 * and its strings are allocated and owned by the caller: optlist_free
 * frees them.
 */
#ifndef OKIENKO_OPTLIST_H
#define OKIENKO_OPTLIST_H

char **optlist_split(const char *arg);
void optlist_free(char **v);

#endif
