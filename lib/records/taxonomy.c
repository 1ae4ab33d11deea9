#include "taxonomy.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"
#include "suggest.h"
#include "textfold.h"
#include "xalloc.h"
#include "yamldoc.h"
#include "banned.h"

/* Sorted by code.  Labels: en, cs, pl, uk. */
static const struct taxonomy_entry builtin[] = {
	{ "bank-account",
	  { "bank account", "bankovní účet", "konto bankowe", "банківський рахунок" },
	  NULL },
	{ "business",
	  { "self-employment", "podnikání", "działalność gospodarcza", "підприємництво" },
	  NULL },
	{ "childcare",
	  { "childcare", "péče o děti", "opieka nad dziećmi", "догляд за дітьми" },
	  NULL },
	{ "citizenship",
	  { "citizenship", "státní občanství", "obywatelstwo", "громадянство" },
	  NULL },
	{ "debt-advice",
	  { "debt advice", "dluhové poradenství", "doradztwo w sprawie długów",
	    "допомога з боргами" },
	  NULL },
	{ "disability",
	  { "disability", "zdravotní postižení", "niepełnosprawność", "інвалідність" },
	  NULL },
	{ "domestic-violence",
	  { "domestic violence", "domácí násilí", "przemoc domowa", "домашнє насильство" },
	  NULL },
	{ "driving-licence",
	  { "driving licence", "řidičský průkaz", "prawo jazdy", "посвідчення водія" },
	  NULL },
	{ "education",
	  { "adult education", "vzdělávání dospělých", "kształcenie dorosłych", "освіта дорослих" },
	  NULL },
	{ "employment", { "employment", "zaměstnání", "zatrudnienie", "працевлаштування" }, NULL },
	{ "family-reunification",
	  { "family reunification", "sloučení rodiny", "łączenie rodzin", "возз’єднання сім’ї" },
	  NULL },
	{ "food-aid",
	  { "food aid", "potravinová pomoc", "pomoc żywnościowa", "продуктова допомога" },
	  NULL },
	{ "health-care",
	  { "health care", "zdravotní péče", "opieka zdrowotna", "медична допомога" },
	  NULL },
	{ "health-insurance",
	  { "health insurance", "zdravotní pojištění", "ubezpieczenie zdrowotne",
	    "медичне страхування" },
	  NULL },
	{ "housing", { "housing", "ubytování", "mieszkanie", "житло" }, NULL },
	{ "humanitarian-aid",
	  { "humanitarian aid", "humanitární pomoc", "pomoc humanitarna", "гуманітарна допомога" },
	  NULL },
	{ "id-number",
	  { "personal number", "rodné číslo", "numer PESEL", "ідентифікаційний номер" },
	  NULL },
	{ "information",
	  { "general information", "obecné informace", "informacja ogólna", "загальна інформація" },
	  NULL },
	{ "interpreting",
	  { "interpreting", "tlumočení", "tłumaczenie ustne", "усний переклад" },
	  NULL },
	{ "language-course",
	  { "language course", "jazykový kurz", "kurs językowy", "мовні курси" },
	  NULL },
	{ "legal-aid", { "legal aid", "právní pomoc", "pomoc prawna", "правова допомога" }, NULL },
	{ "psych-support",
	  { "psychological support", "psychologická podpora", "wsparcie psychologiczne",
	    "психологічна підтримка" },
	  NULL },
	{ "qualifications",
	  { "recognition of qualifications", "uznání kvalifikace", "uznawanie kwalifikacji",
	    "визнання кваліфікації" },
	  NULL },
	{ "registration", { "registration", "registrace", "rejestracja", "реєстрація" }, NULL },
	{ "residence",
	  { "residence permit", "povolení k pobytu", "zezwolenie na pobyt",
	    "дозвіл на проживання" },
	  NULL },
	{ "school", { "school", "škola", "szkoła", "школа" }, NULL },
	{ "shelter", { "emergency shelter", "nouzové ubytování", "schronisko", "притулок" }, NULL },
	{ "social-benefits",
	  { "social benefits", "sociální dávky", "świadczenia socjalne", "соціальні виплати" },
	  NULL },
	{ "tax-insurance",
	  { "tax and social insurance", "daně a sociální pojištění",
	    "podatki i ubezpieczenia społeczne", "податки та соціальне страхування" },
	  NULL },
	{ "temporary-protection",
	  { "temporary protection", "dočasná ochrana", "ochrona czasowa", "тимчасовий захист" },
	  NULL },
	{ "translation",
	  { "translation", "překlad", "tłumaczenie pisemne", "письмовий переклад" },
	  NULL },
	{ "transport", { "transport", "doprava", "dojazd", "транспорт" }, NULL },
	{ "work-permit",
	  { "work permit", "pracovní povolení", "zezwolenie na pracę", "дозвіл на роботу" },
	  NULL },
};

#define NBUILTIN (sizeof builtin / sizeof *builtin)

/*
 * Everyday words for the built-in needs, which the labels do not cover
 * (a taxonomy.yaml adds its own): what a desk or a coordinator types.
 */
static const char *const housing_words[] = { "bydlení",        "byt",   "podnájem", "mieszkanie",
					     "zakwaterowanie", "житло", "квартира", "accommodation",
					     "flat",           NULL };
static const char *const shelter_words[] = { "noclehárna",  "azylový dům", "noclegownia",
					     "schronienie", "нічліг",      "hostel",
					     NULL };
static const char *const food_words[] = { "jídlo", "potraviny", "żywność", "jedzenie",
					  "їжа",   "продукти",  "food",    NULL };
static const char *const legal_words[] = { "právník", "prawnik", "porada prawna",
					   "юрист",   "lawyer",  NULL };
static const char *const employment_words[] = { "práce",  "zaměstnání", "praca", "zatrudnienie",
						"робота", "job",        "work",  NULL };
static const char *const psych_words[] = { "psycholog", "psychologist", "психолог", NULL };
static const char *const health_words[] = { "lékař", "doktor", "lekarz", "лікар", "doctor", NULL };
static const char *const language_words[] = { "čeština",        "kurz češtiny", "język polski",
					      "kurs polskiego", "курси мови",   NULL };

static const struct {
	const char *code;
	const char *const *words;
} builtin_synonyms[] = {
	{ "employment", employment_words },    { "food-aid", food_words },
	{ "health-care", health_words },       { "housing", housing_words },
	{ "language-course", language_words }, { "legal-aid", legal_words },
	{ "psych-support", psych_words },      { "shelter", shelter_words },
};

static const char *const lang_names[TAXONOMY_NLANG] = { "en", "cs", "pl", "uk" };

static const char *const top_keys[] = { "version", "needs", NULL };
static const char *const need_keys[] = { "code", "labels", "synonyms", NULL };

const char *taxonomy_lang_name(enum taxonomy_lang lang)
{
	return (unsigned)lang < TAXONOMY_NLANG ? lang_names[lang] : NULL;
}

int taxonomy_lang_parse(const char *s, enum taxonomy_lang *lang)
{
	int i;

	for (i = 0; s && i < TAXONOMY_NLANG; i++)
		if (!strcmp(s, lang_names[i])) {
			*lang = (enum taxonomy_lang)i;
			return 0;
		}
	return -1;
}

int taxonomy_valid_code(const char *code)
{
	size_t i;

	if (!code || !(code[0] >= 'a' && code[0] <= 'z'))
		return 0;
	for (i = 1; code[i]; i++)
		if (!((code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') ||
		      code[i] == '-'))
			return 0;
	return i <= TAXONOMY_CODE_MAX;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct taxonomy_entry *)a)->code,
		      ((const struct taxonomy_entry *)b)->code);
}

static int cmp_key(const void *key, const void *elem)
{
	return strcmp(key, ((const struct taxonomy_entry *)elem)->code);
}

const struct taxonomy_entry *taxonomy_find(const struct taxonomy *t, const char *code)
{
	if (!code || !t->n)
		return NULL;
	return bsearch(code, t->entries, t->n, sizeof *t->entries, cmp_key);
}

static int ascii_caseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

const struct taxonomy_entry *taxonomy_find_label(const struct taxonomy *t, const char *label)
{
	size_t i;
	int l;

	for (i = 0; label && i < t->n; i++)
		for (l = 0; l < TAXONOMY_NLANG; l++)
			if (ascii_caseeq(t->entries[i].label[l], label))
				return &t->entries[i];
	return NULL;
}

/* s folded for matching: lower case, no diacritics, blanks trimmed. */
static void fold(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s);
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	strbuf_reset(sb);
	textfold_append(sb, s, n, TEXTFOLD_BASE);
}

static int same_word(struct strbuf *tmp, const char *folded, const char *candidate)
{
	fold(tmp, candidate);
	return strcmp(tmp->buf, folded) == 0;
}

const struct taxonomy_entry *taxonomy_resolve(const struct taxonomy *t, const char *word)
{
	const struct taxonomy_entry *hit = NULL;
	struct strbuf want = STRBUF_INIT, tmp = STRBUF_INIT;
	size_t i, k;
	int l;

	if (!word)
		return NULL;
	fold(&want, word);
	if ((hit = taxonomy_find(t, want.buf)) != NULL)
		goto out;
	for (i = 0; i < t->n && !hit; i++) {
		const struct taxonomy_entry *e = &t->entries[i];
		for (l = 0; l < TAXONOMY_NLANG && !hit; l++)
			if (same_word(&tmp, want.buf, e->label[l]))
				hit = e;
		for (k = 0; e->synonyms && e->synonyms[k] && !hit; k++)
			if (same_word(&tmp, want.buf, e->synonyms[k]))
				hit = e;
	}
out:
	strbuf_release(&want);
	strbuf_release(&tmp);
	return hit;
}

/* Codes alone first, so that a prefix of a code is not lost among labels. */
size_t taxonomy_suggest(const struct taxonomy *t, const char *code, struct suggestion *out)
{
	const size_t nlabels = t->n * TAXONOMY_NLANG;
	const char **cand, **target;
	size_t i;
	int l;

	if (!t->n)
		return suggest_one(out, NULL);
	cand = xreallocarray(NULL, t->n + nlabels, sizeof *cand);
	target = xreallocarray(NULL, nlabels, sizeof *target);
	for (i = 0; i < t->n; i++) {
		cand[i] = t->entries[i].code;
		for (l = 0; l < TAXONOMY_NLANG; l++) {
			cand[t->n + i * TAXONOMY_NLANG + (size_t)l] = t->entries[i].label[l];
			target[i * TAXONOMY_NLANG + (size_t)l] = t->entries[i].code;
		}
	}
	if (!suggest_words(out, code, cand, t->n) && suggest_words(out, code, cand + t->n, nlabels))
		suggest_map(out, cand + t->n, target, nlabels);
	free(cand);
	free(target);
	return out->n;
}

/* Loading taxonomy.yaml. */

struct loader {
	struct taxonomy *t;
	const struct yamldoc *doc;
	struct diag *d;
	size_t nbuiltin;
	const struct yamldoc_node **codes; /* code nodes seen in the file */
	size_t ncodes;
};

static int check_version(const struct loader *ld, const struct yamldoc_node *map)
{
	const struct yamldoc_node *v = yamldoc_get(map, "version");

	if (!v)
		return yamldoc_error(ld->doc, map, ld->d, "missing key 'version'");
	if (v->kind != YAMLDOC_SCALAR)
		return yamldoc_error(ld->doc, v, ld->d, "'version' must be 1");
	if (strcmp(v->str, "1")) {
		yamldoc_error(ld->doc, v, ld->d, "unsupported version '%s'", v->str);
		diag_hint(ld->d, "the only version is 1");
		return -1;
	}
	return 0;
}

static int check_code(struct loader *ld, const struct yamldoc_node *item,
		      const struct yamldoc_node **out)
{
	const struct yamldoc_node *c = yamldoc_get(item, "code");
	size_t i;

	if (!c)
		return yamldoc_error(ld->doc, item, ld->d, "missing key 'code'");
	if (c->kind != YAMLDOC_SCALAR || !taxonomy_valid_code(c->str) || strlen(c->str) != c->len) {
		yamldoc_error(ld->doc, c, ld->d, "invalid code '%s'",
			      c->kind == YAMLDOC_SCALAR ? c->str : "");
		diag_hint(ld->d,
			  "a code is lower-case letters, digits and '-', "
			  "starting with a letter, at most %d characters",
			  TAXONOMY_CODE_MAX);
		return -1;
	}
	for (i = 0; i < ld->ncodes; i++)
		if (!strcmp(ld->codes[i]->str, c->str)) {
			yamldoc_error(ld->doc, c, ld->d, "duplicate code '%s'", c->str);
			diag_hint(ld->d, "first listed at line %ld, column %ld", ld->codes[i]->line,
				  ld->codes[i]->col);
			return -1;
		}
	ld->codes[ld->ncodes++] = c;
	*out = c;
	return 0;
}

static int bad_language(struct loader *ld, const struct yamldoc_node *key)
{
	const char *near = suggest_closest(key->str, lang_names, TAXONOMY_NLANG);

	yamldoc_error(ld->doc, key, ld->d, "unknown label language '%s'", key->str);
	if (near)
		diag_hint(ld->d, "did you mean '%s'?", near);
	else
		diag_hint(ld->d, "expected one of: en, cs, pl, uk");
	return -1;
}

/* Parse labels into label[]: copies in the arena, NULL where not given. */
static int read_labels(struct loader *ld, const struct yamldoc_node *labels,
		       const char *label[TAXONOMY_NLANG])
{
	size_t i;
	enum taxonomy_lang l;

	if (yamldoc_is_null(labels))
		return 0;
	if (yamldoc_expect(ld->doc, labels, YAMLDOC_MAP, "'labels'", ld->d))
		return -1;
	for (i = 0; i < labels->n; i++) {
		const struct yamldoc_node *k = labels->keys[i], *v = labels->values[i];

		if (taxonomy_lang_parse(k->str, &l))
			return bad_language(ld, k);
		if (v->kind != YAMLDOC_SCALAR)
			return yamldoc_error(ld->doc, v, ld->d, "label '%s' must be a string",
					     k->str);
		if (yamldoc_is_null(v) || !v->len)
			return yamldoc_error(ld->doc, v, ld->d, "empty label '%s'", k->str);
		label[l] = arena_strdup(&ld->t->arena, v->str);
	}
	return 0;
}

static void fill_labels(const char *code, const char *label[TAXONOMY_NLANG])
{
	const char *fallback = label[TAXONOMY_EN];
	int l;

	for (l = 0; !fallback && l < TAXONOMY_NLANG; l++)
		fallback = label[l];
	for (l = 0; l < TAXONOMY_NLANG; l++)
		if (!label[l])
			label[l] = fallback ? fallback : code;
}

/*
 * The synonyms of a need: those it had (a built-in's), then the list given,
 * as one NULL-terminated array in the arena.
 */
static int read_synonyms(struct loader *ld, const struct yamldoc_node *list,
			 const char *const **synonyms)
{
	size_t had = 0, i;
	const char **all;

	if (!list || yamldoc_is_null(list))
		return 0;
	if (yamldoc_expect(ld->doc, list, YAMLDOC_SEQ, "'synonyms'", ld->d))
		return -1;
	while (*synonyms && (*synonyms)[had])
		had++;
	all = arena_alloc(&ld->t->arena, (had + list->n + 1) * sizeof *all);
	for (i = 0; i < had; i++)
		all[i] = (*synonyms)[i];
	for (i = 0; i < list->n; i++) {
		const struct yamldoc_node *v = list->items[i];
		if (v->kind != YAMLDOC_SCALAR || yamldoc_is_null(v) || !v->len)
			return yamldoc_error(ld->doc, v, ld->d, "a synonym must be a word");
		all[had + i] = arena_strdup(&ld->t->arena, v->str);
	}
	all[had + list->n] = NULL;
	*synonyms = all;
	return 0;
}

static int add_need(struct loader *ld, const struct yamldoc_node *item)
{
	const struct yamldoc_node *code = NULL;
	const char *label[TAXONOMY_NLANG] = { NULL };
	struct taxonomy_entry *e;
	int l;

	if (yamldoc_expect(ld->doc, item, YAMLDOC_MAP, "a need", ld->d) ||
	    yamldoc_check_keys(ld->doc, item, need_keys, ld->d) || check_code(ld, item, &code) ||
	    read_labels(ld, yamldoc_get(item, "labels"), label))
		return -1;
	e = bsearch(code->str, ld->t->entries, ld->nbuiltin, sizeof *e, cmp_key);
	if (e) {
		for (l = 0; l < TAXONOMY_NLANG; l++)
			if (label[l])
				e->label[l] = label[l];
		return read_synonyms(ld, yamldoc_get(item, "synonyms"), &e->synonyms);
	}
	e = &ld->t->entries[ld->t->n++];
	e->code = arena_strdup(&ld->t->arena, code->str);
	fill_labels(e->code, label);
	memcpy(e->label, label, sizeof label);
	e->synonyms = NULL;
	return read_synonyms(ld, yamldoc_get(item, "synonyms"), &e->synonyms);
}

static int load_file(struct taxonomy *t, const struct yamldoc *doc, struct diag *d)
{
	struct loader ld = { 0 };
	const struct yamldoc_node *root = doc->root, *needs;
	struct taxonomy_entry *all;
	size_t i, nneeds;
	int ret = 0;

	ld.t = t;
	ld.doc = doc;
	ld.d = d;
	ld.nbuiltin = t->n;
	if (yamldoc_expect(doc, root, YAMLDOC_MAP, "the top level", d) ||
	    yamldoc_check_keys(doc, root, top_keys, d) || check_version(&ld, root))
		return -1;
	needs = yamldoc_get(root, "needs");
	if (yamldoc_is_null(needs))
		return 0;
	if (yamldoc_expect(doc, needs, YAMLDOC_SEQ, "'needs'", d))
		return -1;
	nneeds = needs->n;
	all = arena_alloc(&t->arena, (t->n + nneeds) * sizeof *all);
	memcpy(all, t->entries, t->n * sizeof *all);
	t->entries = all;
	ld.codes = xreallocarray(NULL, nneeds, sizeof *ld.codes);
	for (i = 0; !ret && i < nneeds; i++)
		ret = add_need(&ld, needs->items[i]);
	free(ld.codes);
	return ret;
}

int taxonomy_load_fd(struct taxonomy *t, const char *name, int fd, struct diag *d)
{
	struct yamldoc doc;
	size_t i;
	int ret = 0;

	t->arena = (struct arena)ARENA_INIT;
	t->entries = arena_alloc(&t->arena, sizeof builtin);
	memcpy(t->entries, builtin, sizeof builtin);
	t->n = NBUILTIN;
	for (i = 0; i < sizeof builtin_synonyms / sizeof *builtin_synonyms; i++) {
		struct taxonomy_entry *e =
			bsearch(builtin_synonyms[i].code, t->entries, t->n, sizeof *e, cmp_key);
		if (e)
			e->synonyms = builtin_synonyms[i].words;
	}
	if (fd >= 0) {
		ret = yamldoc_load_fd(&doc, name, fd, d);
		if (!ret)
			ret = load_file(t, &doc, d);
		yamldoc_release(&doc);
	}
	if (ret) {
		taxonomy_release(t);
		return -1;
	}
	qsort(t->entries, t->n, sizeof *t->entries, cmp_entry);
	return 0;
}

int taxonomy_load(struct taxonomy *t, const char *path, struct diag *d)
{
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1, ret;

	if (path && fd < 0 && errno != ENOENT) {
		int e = errno;
		taxonomy_load_fd(t, NULL, -1, d);
		taxonomy_release(t);
		return diag_errno(d, e, "open", path);
	}
	ret = taxonomy_load_fd(t, path, fd, d);
	if (fd >= 0)
		close(fd);
	return ret;
}

void taxonomy_release(struct taxonomy *t)
{
	arena_release(&t->arena);
	t->entries = NULL;
	t->n = 0;
}
