#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rx.h"
#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

/*
 * A pattern is compiled to machine code after this many matches: the
 * compiling costs more than the interpreter on the few lines of most
 * minutes, and pays on long ones.
 */
enum { JIT_AFTER = 64 };

/* A rule's pattern (base/rx, its rules dialect), compiled when first used. */
struct rules_rx {
	struct rx *rx;
	char *what;
	char *pattern;           /* a built-in rule's, till it is compiled (rules_rx_lazy) */
	unsigned long long work; /* see rules_rx_work */
	unsigned uses;
	int jit;     /* compiled to machine code (after JIT_AFTER matches) */
	int matched; /* the last rules_rx_exec matched */
};

struct rules_rx *rules_rx_new(const char *pattern, const char *what, struct diag *d)
{
	struct rules_rx *rx = xcalloc(1, sizeof *rx);

	rx->what = xstrdup(what);
	if (!(rx->rx = rx_compile(pattern, what, RX_RULES, d))) {
		rules_rx_free(rx);
		return NULL;
	}
	return rx;
}

struct rules_rx *rules_rx_lazy(const char *pattern, const char *what)
{
	struct rules_rx *rx = xcalloc(1, sizeof *rx);

	rx->what = xstrdup(what);
	rx->pattern = xstrdup(pattern);
	return rx;
}

int rules_rx_exec(struct rules_rx *rx, const char *s, size_t len, size_t from, int anchored,
		  struct diag *d)
{
	size_t start, end;
	int rc;

	rx->matched = 0;
	if (from < len && ((unsigned char)s[from] & 0xC0) == 0x80) {
		return diag_set(d, DIAG_DATA, NULL, 0, 0,
				"%s: a match may not start inside a character", rx->what);
	}
	/*
	 * Compiled only when used, and to machine code only when used often
	 * (the interpreter where the JIT is not available).
	 */
	if (!rx->rx) {
		if (!(rx->rx = rx_compile(rx->pattern, rx->what, RX_RULES, d)))
			return -1;
		free(rx->pattern);
		rx->pattern = NULL;
	}
	if (!rx->jit && ++rx->uses > JIT_AFTER) {
		rx_jit(rx->rx);
		rx->jit = 1;
	}
	rc = rx_exec(rx->rx, s, len, from, anchored, d);
	rx->matched = rc == 1;
	if (rc == 1) {
		rx_span(rx->rx, &start, &end);
		rx->work += 1 + end - from;
	} else {
		rx->work += anchored ? 1 : 1 + len - from;
	}
	return rc;
}

void rules_rx_span(const struct rules_rx *rx, size_t *start, size_t *end)
{
	if (!rx->matched) {
		*start = *end = 0;
		return;
	}
	rx_span(rx->rx, start, end);
}

int rules_rx_group(const struct rules_rx *rx, const char *name, size_t *start, size_t *end)
{
	return rx->matched && rx_group(rx->rx, name, start, end);
}

unsigned long long rules_rx_work(const struct rules_rx *rx)
{
	return rx->work;
}

void rules_rx_free(struct rules_rx *rx)
{
	if (!rx)
		return;
	rx_free(rx->rx);
	free(rx->what);
	free(rx->pattern);
	free(rx);
}

void rules_init(struct rules *r, const struct rules_kind *kinds, size_t nkinds)
{
	memset(r, 0, sizeof *r);
	r->kinds = kinds;
	r->nkinds = nkinds;
}

int rules_kind(const struct rules *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nkinds; i++)
		if (!strcmp(r->kinds[i].name, name))
			return (int)i;
	return -1;
}

static size_t count_tags(const char *const *tags)
{
	size_t n = 0;

	while (tags[n])
		n++;
	return n;
}

static int known_tag(const struct rules_kind *k, const char *tag)
{
	size_t i;

	if (!k->tags)
		return 1;
	for (i = 0; k->tags[i]; i++)
		if (!strcmp(k->tags[i], tag))
			return 1;
	return 0;
}

/* The entries change: the index by kind waits for rules_compile. */
static void unindex(struct rules *r)
{
	free(r->by_kind);
	free(r->kind_first);
	r->by_kind = NULL;
	r->kind_first = NULL;
}

static void append(struct rules *r, size_t kind, const char *tag, const char *text, long line,
		   long col)
{
	struct rules_entry *e;

	unindex(r);
	XALLOC_GROW(r->v, r->n + 1, r->alloc);
	e = &r->v[r->n++];
	e->kind = kind;
	e->tag = tag ? arena_strdup(&r->arena, tag) : NULL;
	e->text = arena_strdup(&r->arena, text);
	e->rx = NULL;
	e->line = line;
	e->col = col;
}

int rules_add(struct rules *r, const char *kind, const char *tag, const char *text, struct diag *d)
{
	int k = rules_kind(r, kind);

	if (k < 0)
		return diag_set(d, DIAG_DATA, NULL, 0, 0, "unknown kind of rule '%s'", kind);
	if (!(r->kinds[k].flags & RULES_TAGGED) != !tag || (tag && !known_tag(&r->kinds[k], tag)))
		return diag_set(d, DIAG_DATA, NULL, 0, 0, "rule '%s': bad tag '%s'", kind,
				tag ? tag : _("(none)"));
	append(r, (size_t)k, tag, text, 0, 0);
	return 0;
}

int rules_add_table(struct rules *r, const struct rules_src *src, struct diag *d)
{
	for (; src->kind; src++)
		if (rules_add(r, src->kind, src->tag, src->text, d) < 0)
			return -1;
	return 0;
}

static void drop_kind(struct rules *r, size_t kind)
{
	size_t i, k = 0;

	unindex(r);
	for (i = 0; i < r->n; i++) {
		if (r->v[i].kind == kind)
			rules_rx_free(r->v[i].rx);
		else
			r->v[k++] = r->v[i];
	}
	r->n = k;
}

static int is_other(const char *key, const char *const *other_keys)
{
	for (; other_keys && *other_keys; other_keys++)
		if (!strcmp(key, *other_keys))
			return 1;
	return 0;
}

static int scalar_text(const struct yamldoc *doc, const struct yamldoc_node *n, const char *kind,
		       struct diag *d)
{
	if (n->kind != YAMLDOC_SCALAR)
		return yamldoc_error(doc, n, d, "'%s': each rule must be a string, not %s", kind,
				     _(yamldoc_kind_name(n->kind)));
	if (yamldoc_is_null(n) || !n->len)
		return yamldoc_error(doc, n, d, "'%s': empty rule", kind);
	if (strlen(n->str) != n->len)
		return yamldoc_error(doc, n, d, "'%s': a rule must not hold a NUL", kind);
	return 0;
}

/* A string or a sequence of strings, appended as entries of kind. */
static int load_strings(struct rules *r, const struct yamldoc *doc, const struct yamldoc_node *n,
			size_t kind, const char *tag, struct diag *d)
{
	const char *name = r->kinds[kind].name;
	size_t i;

	if (n->kind == YAMLDOC_MAP)
		return yamldoc_error(doc, n, d, "'%s' must be a string or a sequence of strings",
				     name);
	if (n->kind == YAMLDOC_SCALAR) {
		if (scalar_text(doc, n, name, d) < 0)
			return -1;
		append(r, kind, tag, n->str, n->line, n->col);
		return 0;
	}
	for (i = 0; i < n->n; i++) {
		if (scalar_text(doc, n->items[i], name, d) < 0)
			return -1;
		append(r, kind, tag, n->items[i]->str, n->items[i]->line, n->items[i]->col);
	}
	return 0;
}

static int load_tagged(struct rules *r, const struct yamldoc *doc, const struct yamldoc_node *n,
		       size_t kind, struct diag *d)
{
	const struct rules_kind *k = &r->kinds[kind];
	const struct yamldoc_node *item, *tag;
	size_t i;

	if (n->kind != YAMLDOC_SEQ)
		return yamldoc_error(doc, n, d, "'%s' must be a sequence of '- TAG: RULE' pairs",
				     k->name);
	for (i = 0; i < n->n; i++) {
		item = n->items[i];
		if (item->kind != YAMLDOC_MAP || item->n != 1)
			return yamldoc_error(doc, item, d,
					     "'%s': each item must be one pair '- TAG: RULE'",
					     k->name);
		tag = item->keys[0];
		if (!known_tag(k, tag->str)) {
			const char *hint = suggest_closest(tag->str, k->tags, count_tags(k->tags));
			yamldoc_error(doc, tag, d, "'%s': unknown tag '%s'", k->name, tag->str);
			if (hint)
				diag_hint(d, "did you mean '%s'?", hint);
			return -1;
		}
		if (load_strings(r, doc, item->values[0], kind, tag->str, d) < 0)
			return -1;
	}
	return 0;
}

int rules_load_yaml(struct rules *r, const struct yamldoc *doc, const struct yamldoc_node *map,
		    const char *const *other_keys, struct diag *d)
{
	const char **allowed = xcalloc(r->nkinds + 16, sizeof *allowed);
	size_t i, n = 0;
	int rc, k;

	for (i = 0; i < r->nkinds; i++)
		allowed[n++] = r->kinds[i].name;
	for (i = 0; other_keys && other_keys[i] && n < r->nkinds + 15; i++)
		allowed[n++] = other_keys[i];
	rc = yamldoc_check_keys(doc, map, allowed, d);
	free(allowed);
	if (rc < 0)
		return -1;
	r->file = doc->name;
	for (i = 0; i < r->n; i++) {
		rules_rx_free(r->v[i].rx); /* a {kind} in them may change */
		r->v[i].rx = NULL;
	}
	for (i = 0; i < map->n; i++) {
		if (is_other(map->keys[i]->str, other_keys))
			continue;
		k = rules_kind(r, map->keys[i]->str);
		drop_kind(r, (size_t)k);
		if (r->kinds[k].flags & RULES_TAGGED)
			rc = load_tagged(r, doc, map->values[i], (size_t)k, d);
		else
			rc = load_strings(r, doc, map->values[i], (size_t)k, NULL, d);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* The expansion of {name}, appended to sb; 0 when name is nothing of ours. */
static int expand_name(const struct rules *r, const struct rules_macro *macros, const char *name,
		       size_t len, struct strbuf *sb)
{
	size_t i;
	int k, first = 1;

	for (; macros && macros->name; macros++) {
		if (strlen(macros->name) == len && !memcmp(macros->name, name, len)) {
			strbuf_addstr(sb, macros->text);
			return 1;
		}
	}
	for (k = 0; k < (int)r->nkinds; k++)
		if (strlen(r->kinds[k].name) == len && !memcmp(r->kinds[k].name, name, len))
			break;
	if (k == (int)r->nkinds || (r->kinds[k].flags & RULES_WORDS))
		return 0;
	strbuf_addf(sb, "(?<%.*s>", (int)len, name);
	for (i = 0; i < r->n; i++) {
		if (r->v[i].kind != (size_t)k)
			continue;
		strbuf_addf(sb, "%s(?:%s)", first ? "" : "|", r->v[i].text);
		first = 0;
	}
	if (first)
		strbuf_addstr(sb, "(*FAIL)");
	strbuf_addch(sb, ')');
	return 1;
}

static void expand(const struct rules *r, const struct rules_macro *macros, const char *p,
		   struct strbuf *sb)
{
	size_t n;

	while (*p) {
		if (*p == '\\' && p[1]) {
			strbuf_add(sb, p, 2);
			p += 2;
			continue;
		}
		if (*p == '{') {
			for (n = 1; name_char(p[n]); n++)
				;
			if (n > 1 && p[n] == '}' && expand_name(r, macros, p + 1, n - 1, sb)) {
				p += n + 1;
				continue;
			}
		}
		strbuf_addch(sb, *p++);
	}
}

/* A pattern's error, moved to where the rules file defines it: without its
   "WHAT: " prefix (the message may be translated: no word of it is sought). */
static void relocate(struct diag *d, const char *file, long line, long col, const char *kind,
		     const char *what)
{
	char msg[sizeof d->msg];
	size_t n = strlen(what);
	const char *m = d->msg;

	if (!strncmp(m, what, n) && !strncmp(m + n, ": ", 2))
		m += n + 2;
	snprintf(msg, sizeof msg, "%s", m);
	diag_set(d, DIAG_DATA, file, line, col, "'%s': %s", kind, msg);
}

/* The entries by kind, in their order within each: a search reads only its kind's. */
static void index_kinds(struct rules *r)
{
	size_t i, k, *at;

	unindex(r);
	r->by_kind = xcalloc(r->n + 1, sizeof *r->by_kind);
	r->kind_first = xcalloc(r->nkinds + 1, sizeof *r->kind_first);
	at = xcalloc(r->nkinds + 1, sizeof *at);
	for (i = 0; i < r->n; i++)
		r->kind_first[r->v[i].kind + 1]++;
	for (k = 0; k < r->nkinds; k++)
		r->kind_first[k + 1] += r->kind_first[k];
	for (i = 0; i < r->n; i++) {
		k = r->v[i].kind;
		r->by_kind[r->kind_first[k] + at[k]++] = &r->v[i];
	}
	free(at);
}

int rules_compile(struct rules *r, const struct rules_macro *macros, struct diag *d)
{
	struct strbuf pat = STRBUF_INIT, what = STRBUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < r->n && rc == 0; i++) {
		struct rules_entry *e = &r->v[i];
		const struct rules_kind *k = &r->kinds[e->kind];
		if ((k->flags & RULES_WORDS) || e->rx)
			continue;
		strbuf_reset(&pat);
		strbuf_reset(&what);
		expand(r, macros, e->text, &pat);
		if (e->line)
			strbuf_addf(&what, "%s:%ld:%ld", r->file, e->line, e->col);
		else
			strbuf_addf(&what, "built-in rule '%s'", k->name);
		/* a rules file's patterns are checked now, the built-in ones when used */
		e->rx = e->line ? rules_rx_new(pat.buf, what.buf, d)
				: rules_rx_lazy(pat.buf, what.buf);
		if (!e->rx) {
			rc = -1;
			if (e->line)
				relocate(d, r->file, e->line, e->col, k->name, what.buf);
		}
	}
	strbuf_release(&pat);
	strbuf_release(&what);
	if (rc == 0)
		index_kinds(r);
	return rc;
}

const struct rules_entry *const *rules_entries(const struct rules *r, size_t kind, size_t *n)
{
	*n = r->kind_first ? r->kind_first[kind + 1] - r->kind_first[kind] : 0;
	if (!*n)
		return NULL;
	return r->by_kind + r->kind_first[kind];
}

int rules_match(const struct rules *r, size_t kind, const char *s, size_t len, size_t from,
		int anchored, const struct rules_entry **entry, struct diag *d)
{
	size_t i, n, best = (size_t)-1, start, end;
	const struct rules_entry *const *v = rules_entries(r, kind, &n);
	int rc;

	*entry = NULL;
	for (i = 0; i < n; i++) {
		if (!v[i]->rx)
			continue;
		rc = rules_rx_exec(v[i]->rx, s, len, from, anchored, d);
		if (rc < 0)
			return -1;
		if (!rc)
			continue;
		rules_rx_span(v[i]->rx, &start, &end);
		if (start < best) {
			best = start;
			*entry = v[i];
		}
		if (anchored || start == from)
			break;
	}
	return *entry != NULL;
}

static void quoted(struct strbuf *sb, const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			break;
	if (!*p) {
		strbuf_addch(sb, '\'');
		for (p = s; *p; p++) {
			if (*p == '\'')
				strbuf_addch(sb, '\'');
			strbuf_addch(sb, *p);
		}
		strbuf_addch(sb, '\'');
		return;
	}
	strbuf_addch(sb, '"');
	for (p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_addf(sb, "\\%c", *p);
		else if ((unsigned char)*p < 0x20 || *p == 0x7F)
			strbuf_addf(sb, "\\x%02x", (unsigned char)*p);
		else
			strbuf_addch(sb, *p);
	}
	strbuf_addch(sb, '"');
}

/* Plain words as a flow sequence, wrapped: " [Mgr, Bc, ...]". */
static void dump_words(const struct rules *r, size_t k, struct strbuf *sb)
{
	size_t i, line = sb->len, first = 1;

	strbuf_addstr(sb, " [");
	for (i = 0; i < r->n; i++) {
		if (r->v[i].kind != k)
			continue;
		if (!first)
			strbuf_addch(sb, ',');
		if (!first && sb->len - line + strlen(r->v[i].text) > 72) {
			strbuf_addstr(sb, "\n   ");
			line = sb->len - 4;
		}
		strbuf_addch(sb, ' ');
		if (first)
			strbuf_setlen(sb, sb->len - 1);
		first = 0;
		quoted(sb, r->v[i].text);
	}
	strbuf_addstr(sb, "]\n");
}

static void dump_kind(const struct rules *r, size_t k, struct strbuf *sb)
{
	const struct rules_kind *kind = &r->kinds[k];
	size_t i, j, count = 0;

	if (kind->help)
		strbuf_addf(sb, "# %s\n", kind->help);
	strbuf_addf(sb, "%s:", kind->name);
	for (i = 0; i < r->n; i++)
		count += r->v[i].kind == k;
	if (!count) {
		strbuf_addstr(sb, " []\n");
		return;
	}
	if ((kind->flags & RULES_WORDS) && !(kind->flags & RULES_TAGGED)) {
		dump_words(r, k, sb);
		return;
	}
	strbuf_addch(sb, '\n');
	for (i = 0; i < r->n; i = j) {
		size_t same = 0;
		if (r->v[i].kind != k) {
			j = i + 1;
			continue;
		}
		strbuf_addstr(sb, "  - ");
		if (!r->v[i].tag) {
			quoted(sb, r->v[i].text);
			strbuf_addch(sb, '\n');
			j = i + 1;
			continue;
		}
		for (j = i; j < r->n && r->v[j].kind == k && !strcmp(r->v[j].tag, r->v[i].tag); j++)
			same++;
		strbuf_addf(sb, "%s: ", r->v[i].tag);
		if (same > 1)
			strbuf_addch(sb, '[');
		for (j = i; j < i + same; j++) {
			if (j > i)
				strbuf_addstr(sb, ", ");
			quoted(sb, r->v[j].text);
		}
		strbuf_addstr(sb, same > 1 ? "]\n" : "\n");
	}
}

unsigned long long rules_work(const struct rules *r)
{
	unsigned long long w = 0;
	size_t i;

	for (i = 0; i < r->n; i++)
		if (r->v[i].rx)
			w += rules_rx_work(r->v[i].rx);
	return w;
}

void rules_dump(const struct rules *r, struct strbuf *sb)
{
	size_t k;

	for (k = 0; k < r->nkinds; k++) {
		strbuf_addch(sb, '\n');
		dump_kind(r, k, sb);
	}
}

void rules_release(struct rules *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		rules_rx_free(r->v[i].rx);
	free(r->v);
	unindex(r);
	arena_release(&r->arena);
	r->v = NULL;
	r->n = r->alloc = 0;
}
