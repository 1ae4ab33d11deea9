#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mocat.h"
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
	const char *v = lc_all && *lc_all             ? lc_all
			: lc_messages && *lc_messages ? lc_messages
						      : lang;
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

/* The catalogs of the report languages, loaded on first use. */
static const char *const catalog_langs[] = { "cs", "pl", "uk" };
enum { NCATALOGS = sizeof catalog_langs / sizeof *catalog_langs };
static struct mocat catalogs[NCATALOGS];
static int tried[NCATALOGS];

static int load_from(struct mocat *c, const char *dir, const char *lang)
{
	char path[PATH_MAX];
	if (!dir || !*dir)
		return -1;
	if (snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", dir, lang, I18N_DOMAIN) >=
	    (int)sizeof path)
		return -1;
	return mocat_load(c, path);
}

static void load_catalog(struct mocat *c, const char *lang)
{
	char exe[PATH_MAX], *slash;
	ssize_t n;

	if (load_from(c, getenv("OKIENKO_LOCALEDIR"), lang) == 0 ||
	    load_from(c, OKIENKO_LOCALEDIR, lang) == 0)
		return;
	/* a build tree: build/bin/PROG next to build/locale */
	n = readlink("/proc/self/exe", exe, sizeof exe - 16);
	if (n <= 0)
		return;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return;
	memcpy(slash, "/../locale", sizeof "/../locale");
	load_from(c, exe, lang);
}

const char *i18n_in(const char *lang, const char *context, const char *msgid)
{
	const char *t;
	int i;
	for (i = 0; i < NCATALOGS; i++)
		if (strcmp(lang, catalog_langs[i]) == 0)
			break;
	if (i == NCATALOGS)
		return msgid;
	if (!tried[i]) {
		tried[i] = 1;
		load_catalog(&catalogs[i], lang);
	}
	t = mocat_find(&catalogs[i], context, msgid);
	return t ? t : msgid;
}

/* The language of messages set by i18n_set_messages; NULL: gettext's. */
static const char *messages_lang;

void i18n_set_messages(const char *lang)
{
	messages_lang = lang;
	if (lang)
		i18n_in(lang, NULL, ""); /* loads its catalog now, not in a thread */
}

const char *i18n_gettext(const char *msgid)
{
	return messages_lang ? i18n_in(messages_lang, NULL, msgid) : gettext(msgid);
}
