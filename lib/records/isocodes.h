/*
 * isocodes: country and language codes, and hints for the usual mistakes.
 *
 * Countries are ISO 3166-1 alpha-2 in upper case: every officially
 * assigned code (249, as in iso-codes 4.15), plus XK for Kosovo
 * (user-assigned, not official, but what every register uses) and XX for
 * stateless or unknown nationality.  Languages are ISO 639-1 in lower
 * case: the 184 codes iso-codes 4.15 lists (bh included), plus sh
 * (Serbo-Croatian: withdrawn from 639-1 in 2000, yet still in ISO 639-3
 * and in people's answers).  The case is part of the code: "ua" is not a
 * country, "UK" is not a language.
 *
 * The suggest functions return the code probably meant, or NULL when the
 * code is valid or nothing fits.  Edit distance is useless between
 * two-letter codes, so they use, in order: the same code in the other case
 * ("ua" -> "UA"); a short table of known confusions (country "UK" -> "GB",
 * "EL" -> "GR"; language "ua" -> "uk", "cz" -> "cs", "gr" -> "el",
 * "jp" -> "ja" and other country codes written for languages, plus retired
 * language codes such as "iw" -> "he"); and three-letter codes
 * ("UKR" -> "UA", "ukr"/"UKR" -> "uk", "cze" -> "cs").
 *
 * All results are static strings; nothing is allocated.
 */
#ifndef OKIENKO_ISOCODES_H
#define OKIENKO_ISOCODES_H

#include <stddef.h>

/* 1 when code is a known country (language) code, else 0 (also for NULL). */
int isocodes_country(const char *code);
int isocodes_language(const char *code);

/* Every known code, sorted (strcmp); *n is set to their number. */
const char *const *isocodes_countries(size_t *n);
const char *const *isocodes_languages(size_t *n);

const char *isocodes_suggest_country(const char *code);
const char *isocodes_suggest_language(const char *code);

#endif
