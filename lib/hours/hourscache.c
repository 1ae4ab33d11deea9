/*
 * hourscache: remembered stretches of the reference's search (hourscache.h).
 *
 * An instant of a walk is remembered when it is the first the walk looks
 * at in a new UTC day (or where it jumped to): walks that have met since
 * pass the same instants from then on, so they meet at the same
 * remembered ones, about one a day, whatever the expression.  Only
 * stretches that spare a later walk some work are written: a walk that
 * finds its change a few instants on costs less than the write.
 *
 * An entry is two words.  The key packs a number for the expression and
 * country (a context, numbered by a small table of its own) with the
 * instant; the value packs the end of the stretch, how it ends and the
 * state along it.  Instants are kept only within +-2^41 s (70,000 years
 * either side of 1970): the search never leaves them.
 */
#include "hourscache.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#include "banned.h"

/* How a remembered stretch ends. */
enum stretch_end {
	END_CHANGE, /* at end, the first instant whose state differs */
	END_NONE,   /* the search ends (no instant after), no change on the way */
	END_LIMIT   /* not known past end, an instant not yet looked at */
};

#define AT_BITS 42
#define AT_BIAS ((int64_t)1 << (AT_BITS - 1))
#define AT_MASK (((uint64_t)1 << AT_BITS) - 1)
/* A context number fits the bits the instant leaves in the key. */
#define CTX_MAX ((1u << (64 - AT_BITS)) - 1)
/* An end past the range (the search's "no instant"): as far as can be. */
#define END_FAR AT_MASK

struct entry {
	uint64_t key; /* ctx << AT_BITS | biased instant; 0: a free slot */
	uint64_t val; /* biased end << 4 | kind << 2 | state */
};

struct ctx {
	const struct ohours *oh; /* NULL: a free slot */
	int country;
	unsigned id;
};

/* Contexts in the table of contexts (open addressing, half full at most):
 * when more are asked for, the cache starts again. */
#define CTX_SLOTS 8192u

struct hourscache {
	struct entry *slot;
	unsigned mask;
	int have_tz;
	const struct civtz *tz;
	struct ohours_walk *walk;
	struct ctx *ctx;
	unsigned nctx;
};

/* Instants remembered by one walk (about one a day of the 366). */
#define SEEN_MAX 400
/*
 * A stretch is written when it spares at least this many looks (a jump
 * over a remembered stretch counts as that many).
 */
#define WORTH 8

struct hourscache *hourscache_new(unsigned slots)
{
	struct hourscache *hc = xcalloc(1, sizeof *hc);

	if (!slots || (slots & (slots - 1)))
		slots = HOURSCACHE_SLOTS;
	hc->slot = xcalloc(slots, sizeof *hc->slot);
	hc->mask = slots - 1;
	hc->walk = ohours_walk_new();
	hc->ctx = xcalloc(CTX_SLOTS, sizeof *hc->ctx);
	return hc;
}

static void forget(struct hourscache *hc)
{
	memset(hc->slot, 0, ((size_t)hc->mask + 1) * sizeof *hc->slot);
	memset(hc->ctx, 0, CTX_SLOTS * sizeof *hc->ctx);
	hc->nctx = 0;
}

void hourscache_clear(struct hourscache *hc)
{
	forget(hc);
	hc->have_tz = 0;
	ohours_walk_reset(hc->walk);
}

void hourscache_free(struct hourscache *hc)
{
	if (!hc)
		return;
	free(hc->slot);
	free(hc->ctx);
	ohours_walk_free(hc->walk);
	free(hc);
}

static uint64_t mix(uint64_t h)
{
	h ^= h >> 31;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	h ^= h >> 29;
	return h;
}

/* The number of (oh, c), numbering it when new; 0 when the table is full. */
static unsigned ctx_id(struct hourscache *hc, const struct ohours *oh, enum holidays_country c)
{
	unsigned i = (unsigned)mix((uint64_t)(uintptr_t)oh ^ (uint64_t)c) & (CTX_SLOTS - 1);

	for (; hc->ctx[i].oh; i = (i + 1) & (CTX_SLOTS - 1))
		if (hc->ctx[i].oh == oh && hc->ctx[i].country == (int)c)
			return hc->ctx[i].id;
	if (hc->nctx >= CTX_SLOTS / 2 || hc->nctx >= CTX_MAX)
		return 0;
	hc->ctx[i].oh = oh;
	hc->ctx[i].country = (int)c;
	hc->ctx[i].id = ++hc->nctx;
	return hc->ctx[i].id;
}

static int in_range(int64_t t)
{
	return t > -AT_BIAS && t < AT_BIAS;
}

static uint64_t key_of(unsigned ctx, int64_t at)
{
	return (uint64_t)ctx << AT_BITS | ((uint64_t)(at + AT_BIAS) & AT_MASK);
}

static struct entry *slot_of(const struct hourscache *hc, uint64_t key)
{
	return &hc->slot[mix(key * UINT64_C(0x9e3779b97f4a7c15)) & hc->mask];
}

static unsigned state_of(const struct ohours_answer *a)
{
	return (a->open ? 1u : 0u) | (a->unknown ? 2u : 0u);
}

static int64_t utc_day(int64_t t)
{
	return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

/*
 * The end of the search, the instant of a wall time, is converted only
 * when an instant comes within two days of it (offsets are under 27 h).
 */
struct limit {
	int64_t wall, at;
	int known;
};

static int past_limit(struct hourscache *hc, struct limit *l, int64_t t)
{
	const int64_t margin = 2 * 86400;

	if (t <= l->wall - margin)
		return 0;
	if (t >= l->wall + margin)
		return 1;
	if (!l->known) {
		l->at = ohours_walk_instant(hc->walk, l->wall);
		l->known = 1;
	}
	return t >= l->at;
}

struct seen {
	int64_t at;
	long work; /* the walk's work when it got there */
};

/* A walk's end: what every remembered instant on its way learns. */
struct walk_end {
	enum stretch_end kind;
	int64_t end;
};

static void write_back(struct hourscache *hc, unsigned ctx, const struct seen *seen, size_t n,
		       long work, unsigned state, const struct walk_end *we)
{
	uint64_t end = !in_range(we->end) ? END_FAR : (uint64_t)(we->end + AT_BIAS) & AT_MASK;
	uint64_t val = end << 4 | (uint64_t)we->kind << 2 | state;
	size_t i;

	for (i = 0; i < n; i++) {
		struct entry *e;
		if (work - seen[i].work < WORTH)
			break; /* and so are all after it */
		e = slot_of(hc, key_of(ctx, seen[i].at));
		e->key = key_of(ctx, seen[i].at);
		e->val = val;
	}
}

int64_t hourscache_eval_next(struct hourscache *hc, const struct ohours *oh,
			     enum holidays_country c, const struct civtz *tz, int64_t local,
			     struct ohours_answer *a)
{
	struct seen seen[SEEN_MAX];
	struct walk_end we = { END_NONE, 0 };
	struct limit lim;
	size_t nseen = 0;
	int64_t prev, p;
	unsigned s0, ctx = 0;
	long work = 0;
	int jumped = 0;

	/* the search over variable times and school holidays may fail where
	 * the reference throws, and the sun's times differ from day to day:
	 * those expressions are not cached */
	if (ohours_suntimes_col(oh) || ohours_sh_col(oh))
		return ohours_eval_next_tz(oh, c, tz, local, a);
	if (!hc->have_tz || hc->tz != tz) {
		hourscache_clear(hc);
		hc->have_tz = 1;
		hc->tz = tz;
	}
	p = ohours_walk_begin(hc->walk, oh, c, tz, local, a, &prev);
	lim.wall = local + (int64_t)366 * 86400;
	lim.known = 0;
	s0 = state_of(a);
	for (;;) {
		struct ohours_answer at;
		int64_t hint;
		int remember = (jumped || utc_day(p) != utc_day(prev)) && in_range(p);

		if (p <= prev) {
			we.kind = END_NONE;
			break;
		}
		if (past_limit(hc, &lim, p)) {
			we.kind = END_LIMIT;
			we.end = p;
			break;
		}
		jumped = 0;
		if (remember && !ctx && !(ctx = ctx_id(hc, oh, c))) {
			forget(hc);
			ctx = ctx_id(hc, oh, c);
		}
		if (remember) {
			const struct entry *e = slot_of(hc, key_of(ctx, p));
			if (e->key == key_of(ctx, p)) {
				unsigned state = (unsigned)(e->val & 3);
				enum stretch_end kind = (enum stretch_end)(e->val >> 2 & 3);
				uint64_t end = e->val >> 4;

				if (state != s0) {
					we.kind = END_CHANGE;
					we.end = p;
					break;
				}
				if (nseen < SEEN_MAX)
					seen[nseen++] = (struct seen){ p, work };
				work += WORTH;
				we.kind = kind;
				we.end = end == END_FAR ? INT64_MAX : (int64_t)end - AT_BIAS;
				if (kind != END_LIMIT)
					break;
				/* on from the instant that walk did not look at */
				prev = p;
				p = we.end;
				jumped = 1;
				continue;
			}
		}
		hint = ohours_walk_step(hc->walk, p, &at);
		work++;
		if (state_of(&at) != s0) {
			we.kind = END_CHANGE;
			we.end = p;
			break;
		}
		if (remember && nseen < SEEN_MAX)
			seen[nseen++] = (struct seen){ p, work - 1 };
		prev = p;
		p = hint;
	}
	if (nseen)
		write_back(hc, ctx, seen, nseen, work, s0, &we);
	if (we.kind != END_CHANGE || past_limit(hc, &lim, we.end))
		return OHOURS_NONE;
	return ohours_walk_wall(hc->walk, we.end);
}
