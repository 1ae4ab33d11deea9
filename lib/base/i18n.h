/*
 * i18n: messages in the user's language (gettext, text domain "okienko"),
 * report labels in a language chosen by an option, and the language of
 * report labels taken from the locale.
 *
 * English is the source language: a message is written in English in the
 * code, wrapped in _() where it is printed or N_() where it is only stored
 * (help texts), and looked up in LOCALEDIR/LL/LC_MESSAGES/okienko.mo.  The
 * diag and opts functions translate their format themselves, so their
 * callers pass plain English literals (see the pot target of the Makefile
 * for the functions whose arguments are extracted).
 *
 * Only messages follow the locale: after i18n_init every category but
 * LC_NUMERIC is the user's, and LC_NUMERIC stays "C", so numbers, CSV and
 * every other output are the same in every locale.  The code compares and
 * sorts with strcmp/memcmp and classifies only ASCII bytes, so LC_COLLATE
 * and LC_CTYPE change nothing either (in a UTF-8 locale, glibc's ctype
 * functions are false for every byte above 127, as in "C").
 *
 * Report words in a language given by --lang: i18n_in, below.  Ownership:
 * the catalogs it loads are owned here and kept until the program ends.
 */
#ifndef OKIENKO_I18N_H
#define OKIENKO_I18N_H

#include <libintl.h>

#define I18N_DOMAIN "okienko"

#define _(s) i18n_gettext(s)
#define N_(s) s

/* gettext(msgid), or its translation in the language of i18n_set_messages. */
const char *i18n_gettext(const char *msgid) __attribute__((format_arg(1)));
/*
 * Every message from now on (_() and the diag and opts functions) in lang
 * ("cs", "pl", "uk" or "en") instead of the locale's language: for a report
 * for people that is made of messages (data-check -f md --lang), whose
 * words must be in the language asked for.  NULL: the locale's again.
 * The catalog is loaded here: call it before starting threads.
 */
void i18n_set_messages(const char *lang);

/*
 * Once, from opts_start: setlocale(LC_ALL, ""), LC_NUMERIC back to "C",
 * and the text domain bound to $OKIENKO_LOCALEDIR when it is set (tests,
 * a build tree), else to the compiled-in OKIENKO_LOCALEDIR.
 */
void i18n_init(void);

/*
 * The language of report labels when --lang is not given: the language
 * part (before '_', '.' or '@') of the first of LC_ALL, LC_MESSAGES and
 * LANG that is set and not empty, when it is "cs", "pl" or "uk"; else
 * "en" (also for C, C.UTF-8 and POSIX).
 */
const char *i18n_lang(void);
/* The same from the three values given (each may be NULL). */
const char *i18n_lang_of(const char *lc_all, const char *lc_messages, const char *lang);

/*
 * Words of a report in a language chosen by --lang, from the same catalogs
 * as the messages: the translation of msgid (in context, which may be
 * NULL) in the catalog of lang ("cs", "pl", "uk"), or msgid itself for
 * "en", a word without translation or a catalog that cannot be read.  The
 * catalog is looked for in $OKIENKO_LOCALEDIR, the compiled-in locale
 * directory and, for a build tree, ../locale beside the program.  Wrap
 * the literals in NC_(context, msgid) so that make pot extracts them.
 * Not for threads: the first use of a language loads its catalog, which
 * stays in memory (owned here) until the program ends; the strings
 * returned point into it or are msgid itself.
 */
const char *i18n_in(const char *lang, const char *context, const char *msgid);
/* clang-format off */
#define NC_(c, s) { c, s }
/* clang-format on */

#endif
