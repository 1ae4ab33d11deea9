#include "intakememo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "intakefast.h"
#include "xalloc.h"
#include "banned.h"

/*
 * Values remembered per column: 1024 slots, 4096 for a list (thousands of
 * combinations of needs), a value longer than KEY_MAX is checked every
 * time.  A value goes in one of PROBES slots from its hash on; when all
 * are taken, it overwrites the first (a table of one slot per hash let
 * two of the three statuses push each other out on every record).  Lists
 * are remembered whole, and item by item for a list not seen yet.
 */
enum { SLOTS = 1024, LIST_SLOTS = 4096, PROBES = 4, KEY_MAX = 46, LIST_MAX = 16 };

struct slot {
	unsigned char used, len;
	char key[KEY_MAX];
};

struct intake_memo {
	struct fields_context ctx;
	struct fields_origin origin; /* none: the messages of a failure are not used */
	struct intake_record scratch;
	struct diag d;
	struct intake_fast_ts ts;
	struct slot *table[INTAKE_NCOLS];
	uint32_t mask[INTAKE_NCOLS]; /* slots - 1 */
};

struct intake_memo *intake_memo_new(const struct fields_context *ctx)
{
	struct intake_memo *m = xcalloc(1, sizeof *m);
	int c;
	for (c = 0; c < INTAKE_NCOLS; c++) {
		size_t n = intake_is_list((enum intake_column)c) ? LIST_SLOTS : SLOTS;
		m->table[c] = xcalloc(n + PROBES - 1, sizeof *m->table[c]);
		m->mask[c] = (uint32_t)n - 1;
	}
	m->ctx = *ctx;
	intake_fast_ts_init(&m->ts, ctx);
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

static uint64_t load8(const char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

static uint32_t load4(const char *p)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
	return v;
}

/*
 * The slot of a value: every byte of it hashed, read as words (the first
 * and last eight or four bytes, overlapping, cover a value of up to 16;
 * a longer one is read eight at a time).  Codes share prefixes and
 * suffixes ("jzv-kac", "jzv-lib"), so a hash of a few bytes leaves most of
 * a table empty and evicts what it holds.
 */
static inline size_t slot_of(const struct intake_memo *m, enum intake_column c, const char *s,
			     size_t len)
{
	uint64_t a, b, h;
	size_t i;
	if (len >= 8) {
		a = load8(s);
		b = load8(s + len - 8);
		for (i = 8; i + 8 < len; i += 8)
			a = (a ^ load8(s + i)) * 0x9e3779b97f4a7c15u;
	} else if (len >= 4) {
		a = load4(s);
		b = load4(s + len - 4);
	} else {
		const unsigned char *u = (const unsigned char *)s;
		a = len ? (uint64_t)u[0] | (uint64_t)u[len >> 1] << 8 | (uint64_t)u[len - 1] << 16
			: 0;
		b = 0;
	}
	h = (a ^ (b * 0xc2b2ae3d27d4eb4fu) ^ len) * 0x9e3779b97f4a7c15u;
	return (size_t)(h >> 40) & m->mask[c];
}

/* a[0..len) == b[0..len), by the same words (memcmp is a call, for values of a few bytes) */
static inline int same_bytes(const char *a, const char *b, size_t len)
{
	if (len >= 8 && len <= 16)
		return load8(a) == load8(b) && load8(a + len - 8) == load8(b + len - 8);
	if (len >= 4 && len < 8)
		return load4(a) == load4(b) && load4(a + len - 4) == load4(b + len - 4);
	if (len > 16)
		return memcmp(a, b, len) == 0;
	/* 0 to 3 bytes: the first, middle and last are all of them */
	return !len || (a[0] == b[0] && a[len >> 1] == b[len >> 1] && a[len - 1] == b[len - 1]);
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

/* The slot of s in column c's table: a value is in one of PROBES from its hash on. */
static inline struct slot *find(struct intake_memo *m, enum intake_column c, const char *s,
				size_t len)
{
	struct slot *sl = &m->table[c][slot_of(m, c, s, len)];
	int k;
	for (k = 0; k < PROBES && sl[k].used; k++)
		if (sl[k].len == len && same_bytes(sl[k].key, s, len))
			return &sl[k];
	return NULL;
}

static int remembered(struct intake_memo *m, enum intake_column c, const char *s, size_t len)
{
	return len <= KEY_MAX && find(m, c, s, len) != NULL;
}

/* In the first free one of its slots; when all are taken, in place of the first. */
static void remember(struct intake_memo *m, enum intake_column c, const char *s, size_t len)
{
	struct slot *sl = &m->table[c][slot_of(m, c, s, len)];
	int k;
	if (len > KEY_MAX)
		return;
	for (k = 0; k < PROBES - 1 && sl->used; k++)
		sl++;
	if (sl->used)
		sl -= PROBES - 1;
	sl->used = 1;
	sl->len = (unsigned char)len;
	memcpy(sl->key, s, len);
}

/* unchanged(), remembered when it holds (known's slow path, out of line). */
static int learn(struct intake_memo *m, enum intake_column c, const char *s, size_t len)
{
	if (!unchanged(m, c, s, len))
		return 0;
	remember(m, c, s, len);
	return 1;
}

static inline int known(struct intake_memo *m, enum intake_column c, const char *s, size_t len)
{
	return remembered(m, c, s, len) || learn(m, c, s, len);
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
	static const enum intake_column values[] = { INTAKE_DESK,      INTAKE_SEX,
						     INTAKE_AGE_GROUP, INTAKE_NATIONALITY,
						     INTAKE_HOUSEHOLD, INTAKE_CONSENT,
						     INTAKE_ADVISOR,   INTAKE_STATUS };
	static const enum intake_column lists[] = { INTAKE_LANGUAGE, INTAKE_NEEDS,
						    INTAKE_REFERRED_TO };
	size_t i;

	/* different in nearly every record: their usual stored forms read directly */
	if (!intake_fast_ts(&m->ts, field[INTAKE_TS], len[INTAKE_TS]) &&
	    !unchanged(m, INTAKE_TS, field[INTAKE_TS], len[INTAKE_TS]))
		return 0;
	if (!intake_fast_reference(field[INTAKE_CLIENT], len[INTAKE_CLIENT]) &&
	    !unchanged(m, INTAKE_CLIENT, field[INTAKE_CLIENT], len[INTAKE_CLIENT]))
		return 0;
	if (!intake_fast_note(field[INTAKE_NOTE], len[INTAKE_NOTE]) &&
	    !unchanged(m, INTAKE_NOTE, field[INTAKE_NOTE], len[INTAKE_NOTE]))
		return 0;
	for (i = 0; i < sizeof values / sizeof *values; i++)
		if (!known(m, values[i], field[values[i]], len[values[i]]))
			return 0;
	for (i = 0; i < sizeof lists / sizeof *lists; i++)
		if (!known_list(m, lists[i], field[lists[i]], len[lists[i]]))
			return 0;
	return intake_across_ok(field, len);
}
