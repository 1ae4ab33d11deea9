#include "tap.h"
#include "i18n.h"

#include <stdlib.h>

#include "diag.h"
#include "banned.h"

static void test_lang_of(void)
{
	is_str(i18n_lang_of(NULL, NULL, NULL), "en", "nothing set: en");
	is_str(i18n_lang_of(NULL, NULL, "cs_CZ.UTF-8"), "cs", "LANG cs_CZ.UTF-8");
	is_str(i18n_lang_of(NULL, NULL, "pl_PL.UTF-8"), "pl", "LANG pl_PL.UTF-8");
	is_str(i18n_lang_of(NULL, NULL, "uk_UA.UTF-8"), "uk", "LANG uk_UA.UTF-8");
	is_str(i18n_lang_of(NULL, NULL, "uk"), "uk", "a bare language");
	is_str(i18n_lang_of(NULL, NULL, "cs_CZ@euro"), "cs", "a modifier");
	is_str(i18n_lang_of(NULL, NULL, "pl.UTF-8"), "pl", "language and codeset");
	is_str(i18n_lang_of(NULL, NULL, "C.UTF-8"), "en", "C.UTF-8: en");
	is_str(i18n_lang_of(NULL, NULL, "POSIX"), "en", "POSIX: en");
	is_str(i18n_lang_of(NULL, NULL, "de_DE.UTF-8"), "en", "another language: en");
	is_str(i18n_lang_of(NULL, NULL, "csb_PL.UTF-8"), "en", "Kashubian is not Czech");
	is_str(i18n_lang_of(NULL, NULL, ""), "en", "empty LANG: en");
	is_str(i18n_lang_of(NULL, "pl_PL.UTF-8", "cs_CZ.UTF-8"), "pl", "LC_MESSAGES beats LANG");
	is_str(i18n_lang_of("uk_UA.UTF-8", "pl_PL.UTF-8", "cs_CZ.UTF-8"), "uk",
	       "LC_ALL beats LC_MESSAGES");
	is_str(i18n_lang_of("C.UTF-8", NULL, "cs_CZ.UTF-8"), "en", "LC_ALL=C.UTF-8 beats LANG");
	is_str(i18n_lang_of("", "", "cs_CZ.UTF-8"), "cs", "empty variables are not set");
}

static void test_lang_env(void)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "pl_PL.UTF-8", 1);
	is_str(i18n_lang(), "pl", "i18n_lang reads LANG");
	setenv("LC_ALL", "uk_UA.UTF-8", 1);
	is_str(i18n_lang(), "uk", "i18n_lang reads LC_ALL");
	unsetenv("LC_ALL");
	unsetenv("LANG");
	is_str(i18n_lang(), "en", "i18n_lang with nothing set");
}

/* Without a catalog the English text comes through unchanged. */
static void test_untranslated(void)
{
	struct diag d = DIAG_INIT;
	setenv("OKIENKO_LOCALEDIR", "/nonexistent", 1);
	setenv("LANG", "C.UTF-8", 1);
	i18n_init();
	diag_set(&d, DIAG_DATA, "f.csv", 2, 3, "unknown need '%s'", "x");
	diag_hint(&d, "did you mean '%s'?", "housing");
	is_str(d.msg, "unknown need 'x'", "message unchanged without a catalog");
	is_str(d.hint, "did you mean 'housing'?", "hint unchanged without a catalog");
	is_str(_("open"), "open", "_() unchanged without a catalog");
	is_str(N_("open"), "open", "N_() is the literal");
}

/*
 * i18n_set_messages: every message in the language asked for, whatever the
 * locale (C here); the catalogs are the build tree's (build/locale, found
 * beside the test program).
 */
static void test_set_messages(void)
{
	struct diag d = DIAG_INIT;
	i18n_set_messages("cs");
	diag_set(&d, DIAG_DATA, "intake.csv", 5, 61, "unknown country code '%s'", "UK");
	is_str(d.msg, "neznámý kód země 'UK'", "diag_set in Czech under the C locale");
	is_str(_("unknown country code '%s'"), "neznámý kód země '%s'", "_() in Czech");
	i18n_set_messages("uk");
	is_str(_("unknown country code '%s'"), "невідомий код країни '%s'", "then in Ukrainian");
	i18n_set_messages("en");
	is_str(_("unknown country code '%s'"), "unknown country code '%s'", "en: the msgid");
	i18n_set_messages(NULL);
	is_str(_("unknown country code '%s'"), "unknown country code '%s'",
	       "NULL: the locale's again (C: the msgid)");
}

int main(void)
{
	test_lang_of();
	test_lang_env();
	test_untranslated();
	test_set_messages();
	return tap_done();
}
