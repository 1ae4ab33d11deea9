#include "intakememo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

/*
 * Values remembered per column: 256 slots, 4096 for a list (thousands of
 * combinations of needs), a value longer than KEY_MAX is checked every
 * time.  A slot taken by another value of the same hash is overwritten.
 * Lists are remembered whole, and item by item for a list not seen yet.
 */
enum { SLOTS = 256, LIST_SLOTS = 4096, KEY_MAX = 46, LIST_MAX = 16 };

struct slot {
	unsigned char used, len;
	char key[KEY_MAX];
};

struct intake_memo {
	struct fields_context ctx;
	struct fields_origin origin; /* none: the messages of a failure are not used */
	struct intake_record scratch;
	struct diag d;
	enum { SKIP, EVERY_TIME, VALUE, LIST } kind[INTAKE_NCOLS];
	struct slot *table[INTAKE_NCOLS];
	uint32_t mask[INTAKE_NCOLS]; /* slots - 1 */
};

struct intake_memo *intake_memo_new(const struct fields_context *ctx)
{
	struct intake_memo *m = xcalloc(1, sizeof *m);
	int c;
	for (c = 0; c < INTAKE_NCOLS; c++) {
		size_t n = intake_is_list((enum intake_column)c) ? LIST_SLOTS : SLOTS;
		m->table[c] = xcalloc(n, sizeof *m->table[c]);
		m->mask[c] = (uint32_t)n - 1;
		/* the time and the client differ in nearly every record */
		m->kind[c] = c == INTAKE_ID                                             ? SKIP
			     : c == INTAKE_TS || c == INTAKE_CLIENT || c == INTAKE_NOTE ? EVERY_TIME
			     : n == LIST_SLOTS                                          ? LIST
											: VALUE;
	}
	m->ctx = *ctx;
	intake_record_init(&m->scratch);
	return m;
}

void intake_memo_free(struct intake_memo *m)
{
	int c;
	if (!m)
		return;
	for (c = 0; c < INTAKE_NCOLS; c++)
		free(m->table[c]);
	intake_record_release(&m->scratch);
	free(m);
}

static void set(struct intake_memo *m, enum intake_column c, const char *s, size_t len)
{
	struct strbuf *sb = &m->scratch.f[c];
	if (sb->alloc > len) { /* the usual case, without a call: seven a record */
		memcpy(sb->buf, s, len);
		sb->buf[len] = '\0';
		sb->len = len;
		return;
	}
	strbuf_reset(sb);
	strbuf_add(sb, s, len);
}

/* a[0..len) == b[0..len), for the short values of a table (memcmp is a call) */
static int same_bytes(const char *a, const char *b, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/*
 * The slot of a value: its length and four of its bytes, mixed (codes and
 * lists of codes differ there; hash.h's hash reads every byte, slower).
 */
static size_t slot_of(const struct intake_memo *m, enum intake_column c, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t h = 0;
	if (len)
		h = (uint32_t)u[0] | (uint32_t)u[len - 1] << 8 | (uint32_t)u[len >> 1] << 16 |
		    (uint32_t)u[len - 1 - (len >> 2)] << 24;
	h = (h ^ ((uint32_t)len * 0x85ebca6bu)) * 0x9e3779b1u;
	return (h ^ (h >> 15)) & m->mask[c];
}

/* Does value s[0..len) pass column c's rule unchanged? */
static int unchanged(struct intake_memo *m, enum intake_column c, const char *s, size_t len)
{
	const struct strbuf *out = &m->scratch.f[c];
	if (memchr(s, '\0', len))
		return 0; /* intake_validate would read it cut short */
	set(m, c, s, len);
	if (intake_check_column(&m->scratch, c, &m->ctx, &m->origin, &m->d) < 0)
		return 0;
	return out->len == len && memcmp(out->buf, s, len) == 0;
}

static int remembered(struct intake_memo *m, enum intake_column c, const char *s, size_t len)
{
	const struct slot *sl = &m->table[c][slot_of(m, c, s, len)];
	return len <= KEY_MAX && sl->used && sl->len == len && same_bytes(sl->key, s, len);
}

static void remember(struct intake_memo *m, enum intake_column c, const char *s, size_t len)
{
	struct slot *sl = &m->table[c][slot_of(m, c, s, len)];
	if (len > KEY_MAX)
		return;
	sl->used = 1;
	sl->len = (unsigned char)len;
	memcpy(sl->key, s, len);
}

/* unchanged(), remembered when it holds. */
static int known(struct intake_memo *m, enum intake_column c, const char *s, size_t len)
{
	if (remembered(m, c, s, len))
		return 1;
	if (!unchanged(m, c, s, len))
		return 0;
	remember(m, c, s, len);
	return 1;
}

/*
 * A ;-list passes unchanged when each item does on its own (as a list of
 * one) and no item is empty or repeated: the list rule normalises items one
 * by one, drops empty and repeated ones and joins the rest with ';'.  A
 * ',' (which the rule turns into ';') is left to intake_validate.
 */
static int known_list(struct intake_memo *m, enum intake_column c, const char *s, size_t len)
{
	const char *item[LIST_MAX];
	size_t ilen[LIST_MAX], n = 0, j;
	const char *p = s, *end = s + len;

	if (remembered(m, c, s, len))
		return 1;
	if (!len || memchr(s, ',', len))
		return len ? 0 : known(m, c, s, len);
	while (p <= end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		size_t l = (size_t)((semi ? semi : end) - p);
		if (!l || l > KEY_MAX || n == LIST_MAX)
			return 0;
		for (j = 0; j < n; j++)
			if (ilen[j] == l && memcmp(item[j], p, l) == 0)
				return 0;
		if (!known(m, c, p, l))
			return 0;
		item[n] = p;
		ilen[n++] = l;
		p += l + 1;
	}
	remember(m, c, s, len);
	return 1;
}

int intake_memo_canonical(struct intake_memo *m, char *const *field, const size_t *len)
{
	static const enum intake_column across[] = { INTAKE_NEEDS, INTAKE_REFERRED_TO,
						     INTAKE_CONSENT, INTAKE_STATUS };
	size_t i;
	int c;

	for (c = 0; c < INTAKE_NCOLS; c++) {
		enum intake_column col = (enum intake_column)c;
		int ok = m->kind[c] == SKIP         ? 1
			 : m->kind[c] == EVERY_TIME ? unchanged(m, col, field[c], len[c])
			 : m->kind[c] == LIST       ? known_list(m, col, field[c], len[c])
						    : known(m, col, field[c], len[c]);
		if (!ok)
			return 0;
	}
	for (i = 0; i < sizeof across / sizeof *across; i++)
		set(m, across[i], field[across[i]], len[across[i]]);
	return intake_check_across(&m->scratch, &m->origin, &m->d) == 0;
}
