/*
 * intakefast against the careful rules of intake.c: for every value of a
 * varied corpus (the changes of the clocks in Europe/Prague and
 * Europe/Warsaw and in zones west of UTC, with half-hour offsets and
 * half-hour changes; leap days; 24:00, :60, the ends of the range of
 * dates; offsets written every way; the bound of the future; every byte
 * of valid values changed), each recogniser must give the answer of
 * intake_check_column: 1 exactly for a value stored unchanged.  The time's
 * recogniser keeps state between values (the last date, a span of the
 * zone), so the corpus is asked in order, backwards and shuffled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "intake.h"
#include "intakefast.h"
#include "tap.h"
#include "banned.h"

static struct intake_record rec;

/* The careful answer: column c's rule keeps s[0..len) as it is. */
static int careful(const struct fields_context *ctx, enum intake_column c, const char *s,
		   size_t len)
{
	struct diag e = DIAG_INIT;
	if (memchr(s, '\0', len))
		return 0; /* a field with a NUL is never what a writer stores */
	intake_record_set(&rec, c, s);
	return intake_check_column(&rec, c, ctx, NULL, &e) == 0 && rec.f[c].len == len &&
	       memcmp(rec.f[c].buf, s, len) == 0;
}

struct corpus {
	char (*v)[32];
	size_t *len;
	size_t n, alloc;
};

static void add(struct corpus *k, const char *s, size_t len)
{
	if (k->n == k->alloc) {
		k->alloc = k->alloc ? 2 * k->alloc : 1024;
		k->v = realloc(k->v, k->alloc * sizeof *k->v);
		k->len = realloc(k->len, k->alloc * sizeof *k->len);
		if (!k->v || !k->len)
			abort();
	}
	memcpy(k->v[k->n], s, len);
	k->v[k->n][len] = '\0';
	k->len[k->n++] = len;
}

static void adds(struct corpus *k, const char *s)
{
	add(k, s, strlen(s));
}

static const char *const dates[] = {
	"2026-03-29", "2026-10-25", "2025-03-30", "2025-10-26", /* Prague, Warsaw */
	"1996-10-27", "1981-03-29", "1979-04-01", "1977-04-03", /* older European rules */
	"2026-03-08", "2026-11-01",                             /* New York */
	"2026-04-05", "2026-10-04",                             /* Lord Howe: half an hour */
	"2024-02-29", "2025-02-29", "2000-02-29", "2100-02-29", "2025-02-28", "2024-12-31",
	"2026-11-23", "2026-11-24", "2026-11-25", "2027-01-01", /* around now */
	"1970-01-01", "1969-12-31", "2199-12-31", "2200-01-01", "0000-01-01", "9999-12-31",
	"2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-12-32", "2026-1a-01",
};
static const char *const times[] = {
	"00:00:00", "00:30:00", "00:59:59", "01:00:00", "01:30:00", "01:59:59",
	"02:00:00", "02:00:01", "02:15:00", "02:30:00", "02:59:59", "03:00:00",
	"03:30:00", "12:00:00", "13:05:00", "14:05:00", "14:05:01", "15:05:00",
	"23:59:59", "24:00:00", "23:60:00", "23:59:60", "99:00:00",
};
static const char *const offsets[] = {
	"+01:00", "+02:00", "+00:00", "-00:00", "-04:00", "-05:00", "+05:30", "+10:30", "+11:00",
	"+01:30", "+23:59", "+24:00", "+01:60", "Z",      "+0100",  "+01",    "+1:00",  "+01:00:00",
};

/* Every date, time and offset; the same without seconds, with a space, in another shape. */
static void times_corpus(struct corpus *k)
{
	size_t i, j, l;
	char s[64];
	for (i = 0; i < sizeof dates / sizeof *dates; i++)
		for (j = 0; j < sizeof times / sizeof *times; j++) {
			for (l = 0; l < sizeof offsets / sizeof *offsets; l++) {
				snprintf(s, sizeof s, "%sT%s%s", dates[i], times[j], offsets[l]);
				adds(k, s);
			}
			snprintf(s, sizeof s, "%sT%.5s+01:00", dates[i], times[j]);
			adds(k, s);
			snprintf(s, sizeof s, "%s %s+01:00", dates[i], times[j]);
			adds(k, s);
			snprintf(s, sizeof s, "%sT%s", dates[i], times[j]);
			adds(k, s);
		}
}

/* Every byte of a valid value changed to each of a few, and cut short, and made longer. */
static void mutations(struct corpus *k, const char *valid)
{
	static const char to[] = {
		'0', '1', '2', '9', 'x', ' ', ':', '-', '+', 'T', 'Z', '\0', '/'
	};
	size_t n = strlen(valid), i, j;
	char s[32];
	for (i = 0; i < n; i++)
		for (j = 0; j < sizeof to; j++) {
			memcpy(s, valid, n);
			s[i] = to[j];
			add(k, s, n);
		}
	for (i = 0; i < n; i++)
		add(k, valid, i);
	memcpy(s, valid, n);
	s[n] = '0';
	add(k, s, n + 1);
}

/* Ask k in order: forward, backward, then shuffled (x a seed), with one state. */
static size_t disagreements(const struct fields_context *ctx, const struct corpus *k,
			    size_t *positives)
{
	struct intake_fast_ts t;
	size_t i, pass, wrong = 0, *order = malloc(k->n * sizeof *order);
	unsigned long x = 88172645u;

	if (!order)
		abort();
	for (i = 0; i < k->n; i++)
		order[i] = i;
	*positives = 0;
	intake_fast_ts_init(&t, ctx);
	for (pass = 0; pass < 3; pass++) {
		if (pass == 2)
			for (i = k->n; i > 1; i--) {
				size_t j, tmp;
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				j = (size_t)(x % i);
				tmp = order[i - 1];
				order[i - 1] = order[j];
				order[j] = tmp;
			}
		for (i = 0; i < k->n; i++) {
			size_t at = pass == 1 ? k->n - 1 - i : order[i];
			int want = careful(ctx, INTAKE_TS, k->v[at], k->len[at]);
			int got = intake_fast_ts(&t, k->v[at], k->len[at]);
			*positives += pass == 0 && want;
			if (got != want && wrong++ < 5)
				printf("# %s: time '%s': fast %d, careful %d\n",
				       civtz_name(ctx->tz), k->v[at], got, want);
		}
	}
	free(order);
	return wrong;
}

static void test_times(void)
{
	static const char *const zones[] = { "Europe/Prague",    "Europe/Warsaw",
					     "America/New_York", "Australia/Lord_Howe",
					     "Asia/Kolkata",     "UTC" };
	static const char *const valid[] = { "2026-11-23T14:05:00+01:00",
					     "2026-03-29T03:30:00+02:00",
					     "2024-02-29T23:59:59+01:00" };
	struct corpus k = { 0 };
	struct fields_context ctx = { 0 };
	struct diag d = DIAG_INIT;
	size_t z, i, positives;

	times_corpus(&k);
	for (i = 0; i < sizeof valid / sizeof *valid; i++)
		mutations(&k, valid[i]);
	if (civtime_parse_ts("2026-11-23T14:05:00+01:00", NULL, &ctx.now, &(int){ 0 }) < 0)
		abort();
	for (z = 0; z < sizeof zones / sizeof *zones; z++) {
		struct civtz *tz;
		if (civtz_load(zones[z], &tz, &d) < 0) {
			ok(0, "load %s: %s", zones[z], d.msg);
			continue;
		}
		ctx.tz = tz;
		is_int(disagreements(&ctx, &k, &positives), 0,
		       "%s: the careful answer for each of %zu times, three times over", zones[z],
		       k.n);
		ok(positives > 300, "%s: %zu of them stored unchanged", zones[z], positives);
		civtz_free(tz);
	}
	free(k.v);
	free(k.len);
}

static void test_references(void)
{
	static const char alphabet[] = "aZ09._-, \t;:/\xc3\xa9\x01";
	struct fields_context ctx = { 0 };
	struct corpus k = { 0 };
	unsigned long x = 2463534242u;
	size_t i, j, wrong = 0, positives = 0;
	char s[32];

	adds(&k, "C3f9a01");
	adds(&k, "");
	adds(&k, "a");
	adds(&k, ".a");
	adds(&k, "-a");
	adds(&k, "_a");
	adds(&k, "a.");
	adds(&k, " a");
	adds(&k, "a ");
	adds(&k, "Jan Novak");
	add(&k, "a\0b", 3);
	memset(s, 'a', 31);
	add(&k, s, 31);
	for (i = 0; i < 20000; i++) {
		size_t n;
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		x &= 0xffffffffu;
		n = x % 12;
		for (j = 0; j < n; j++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			x &= 0xffffffffu;
			/* mostly letters and digits, so that a good share passes */
			s[j] = alphabet[(x >> 4) % 4 ? (x >> 8) % 4
						     : (x >> 8) % (sizeof alphabet - 1)];
		}
		add(&k, s, n);
	}
	for (i = 0; i < k.n; i++) {
		int want = careful(&ctx, INTAKE_CLIENT, k.v[i], k.len[i]);
		int got = intake_fast_reference(k.v[i], k.len[i]);
		positives += want;
		if (got != want && wrong++ < 5)
			printf("# reference '%s': fast %d, careful %d\n", k.v[i], got, want);
	}
	is_int(wrong, 0, "a client reference: the careful answer for each of %zu", k.n);
	ok(positives > 1000 && positives < k.n - 1000, "%zu of them stored unchanged", positives);
	free(k.v);
	free(k.len);
}

/* References at and past the longest: the corpus above holds at most 31 bytes. */
static void test_reference_length(void)
{
	struct fields_context ctx = { 0 };
	char s[INTAKE_REF_MAX + 2];
	size_t n;
	for (n = INTAKE_REF_MAX - 1; n <= INTAKE_REF_MAX + 1; n++) {
		memset(s, 'b', n);
		s[n] = '\0';
		is_int(intake_fast_reference(s, n), careful(&ctx, INTAKE_CLIENT, s, n),
		       "a reference of %zu bytes", n);
	}
}

static void test_notes(void)
{
	static const char *const notes[] = {
		"",
		"x",
		"=1+1",
		"+1",
		"-1",
		"+420 123",
		"-",
		"+",
		"=",
		"@a",
		"\tx",
		"\rx",
		"'=1",
		" =1",
		"1e5",
		"-1.5",
		"-1,5",
		"kontakt, \"quoted\"",
		"prodloužení",
	};
	struct fields_context ctx = { 0 };
	static char big[INTAKE_NOTE_MAX + 2];
	size_t i;

	for (i = 0; i < sizeof notes / sizeof *notes; i++)
		is_int(intake_fast_note(notes[i], strlen(notes[i])),
		       careful(&ctx, INTAKE_NOTE, notes[i], strlen(notes[i])), "note '%s'",
		       notes[i]);
	is_int(intake_fast_note("a\0b", 3), 0, "a note with a NUL");
	for (i = INTAKE_NOTE_MAX; i <= INTAKE_NOTE_MAX + 1; i++) {
		memset(big, 'n', i);
		big[i] = '\0';
		is_int(intake_fast_note(big, i), careful(&ctx, INTAKE_NOTE, big, i),
		       "a note of %zu bytes", i);
	}
}

int main(void)
{
	unsetenv("TZDIR");
	intake_record_init(&rec);
	test_times();
	test_references();
	test_reference_length();
	test_notes();
	intake_record_release(&rec);
	return tap_done();
}
