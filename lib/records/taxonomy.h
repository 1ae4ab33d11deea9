/*
 * taxonomy: the needs a client can come with, as codes with labels.
 *
 * A code is [a-z][a-z0-9-]*, at most TAXONOMY_CODE_MAX characters; it is
 * what the files store (intake.csv "needs", services.yaml "needs").
 * Labels are short phrases in English, Czech, Polish and Ukrainian, for
 * people.  The built-in taxonomy has the codes listed in DESIGN.md and a
 * few more (childcare, education, tax-insurance, business, debt-advice,
 * disability, interpreting, information).
 *
 * A data directory may extend or override it with taxonomy.yaml:
 *
 *     version: 1
 *     needs:
 *       - code: winter-clothes
 *         labels: {en: winter clothes, cs: zimní oblečení,
 *                  pl: odzież zimowa, uk: зимовий одяг}
 *       - code: housing           # an existing code: the labels given
 *         labels: {cs: bydlení}   # here replace those, the others stay
 *         synonyms: [podnájem]    # and synonyms are added
 *
 * version must be 1; a need has the keys code (required), labels
 * (optional; languages en, cs, pl, uk) and synonyms (optional: other
 * words people use for it, in any language).  A new code's missing labels fall
 * back to its English label, else to the first label given, else to the
 * code itself, so every entry has a label in every language.  Unknown
 * keys, bad codes, a code listed twice and unknown languages are errors,
 * reported with the position of the offending node.
 *
 * Ownership: a loaded taxonomy owns its entries and strings (arena, or
 * static for the built-ins) until taxonomy_release.  A failed load leaves
 * it empty.
 */
#ifndef OKIENKO_TAXONOMY_H
#define OKIENKO_TAXONOMY_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

#define TAXONOMY_CODE_MAX 40

enum taxonomy_lang { TAXONOMY_EN, TAXONOMY_CS, TAXONOMY_PL, TAXONOMY_UK, TAXONOMY_NLANG };

struct taxonomy_entry {
	const char *code;
	const char *label[TAXONOMY_NLANG]; /* never NULL */
	const char *const *synonyms;       /* NULL-terminated, or NULL */
};

struct taxonomy {
	struct arena arena;
	struct taxonomy_entry *entries; /* sorted by code (strcmp) */
	size_t n;
};

/*
 * The built-ins, then path (taxonomy.yaml) when path is not NULL and the
 * file exists: a missing file is not an error.
 */
int taxonomy_load(struct taxonomy *t, const char *path, struct diag *d);
/* The same from an open file named name; fd -1: the built-in taxonomy only. */
int taxonomy_load_fd(struct taxonomy *t, const char *name, int fd, struct diag *d);
void taxonomy_release(struct taxonomy *t);

const struct taxonomy_entry *taxonomy_find(const struct taxonomy *t, const char *code);
/* By label in any language: ASCII letters case-insensitive, the rest exact. */
const struct taxonomy_entry *taxonomy_find_label(const struct taxonomy *t, const char *label);
/*
 * The need a word names, the one rule for every option and field that
 * takes needs: its code (in any case), a label in any language or a
 * synonym, compared without case and diacritics ("Bydleni" is bydlení);
 * NULL when it names none.
 */
const struct taxonomy_entry *taxonomy_resolve(const struct taxonomy *t, const char *word);
struct suggestion;
/*
 * The codes meant by a mistyped code or label (see suggest.h): among the
 * codes, else the codes of the labels in any language.  Returns how many.
 */
size_t taxonomy_suggest(const struct taxonomy *t, const char *code, struct suggestion *out);

/* 1 when code has the syntax of a code. */
int taxonomy_valid_code(const char *code);
/* "en", "cs", "pl", "uk" -> *lang and 0; anything else -1. */
int taxonomy_lang_parse(const char *s, enum taxonomy_lang *lang);
const char *taxonomy_lang_name(enum taxonomy_lang lang);

#endif
