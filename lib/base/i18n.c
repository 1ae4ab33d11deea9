#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

#ifndef OKIENKO_LOCALEDIR
#define OKIENKO_LOCALEDIR "/usr/local/share/locale"
#endif

void i18n_init(void)
{
	const char *dir = getenv("OKIENKO_LOCALEDIR");

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	bindtextdomain(I18N_DOMAIN, dir && *dir ? dir : OKIENKO_LOCALEDIR);
	textdomain(I18N_DOMAIN);
}

const char *i18n_lang_of(const char *lc_all, const char *lc_messages, const char *lang)
{
	static const char *const known[] = { "cs", "pl", "uk" };
	const char *v = lc_all && *lc_all ? lc_all
		: lc_messages && *lc_messages ? lc_messages : lang;
	size_t n, i;

	if (!v)
		return "en";
	n = strcspn(v, "_.@");
	for (i = 0; i < sizeof known / sizeof *known; i++)
		if (n == 2 && !memcmp(v, known[i], 2))
			return known[i];
	return "en";
}

const char *i18n_lang(void)
{
	return i18n_lang_of(getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG"));
}
