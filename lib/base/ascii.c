#include "ascii.h"

#include "banned.h"

int ascii_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int ascii_toupper(int c)
{
	return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c;
}

int ascii_isalpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

int ascii_isdigit(int c)
{
	return c >= '0' && c <= '9';
}

int ascii_isalnum(int c)
{
	return ascii_isalpha(c) || ascii_isdigit(c);
}

void ascii_fold(char *s, size_t len, int upper)
{
	size_t i;
	for (i = 0; i < len; i++)
		s[i] = (char)(upper ? ascii_toupper((unsigned char)s[i])
				    : ascii_tolower((unsigned char)s[i]));
}

int ascii_strcasecmp(const char *a, const char *b)
{
	int ca, cb;
	do {
		ca = ascii_tolower((unsigned char)*a++);
		cb = ascii_tolower((unsigned char)*b++);
	} while (ca && ca == cb);
	return ca - cb;
}
