/*
 * gen-intake: write a fictional, seeded intake.csv to standard output for
 * demos, tests and benchmarks.  The same options and seed give the same
 * bytes on every machine: the generator has its own PRNG (splitmix64) and
 * its own civil-date arithmetic.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "csvwrite.h"
#include "diag.h"
#include "strbuf.h"
#include "xalloc.h"

#include "banned.h"

#define USAGE                                                       \
	"usage: gen-intake [-n ROWS] [-s SEED] [--end YYYY-MM-DD] " \
	"[--days N] [--services FILE] [--newline-rate PERMILLE] [--no-header]\n"

#define DAY_SECONDS (12 * 3600) /* rows fall in 07:00:00-18:59:59 */
#define POOL_SIZE 16384         /* earlier clients, for repeat visits */
#define FLUSH_AT 65536

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint32_t rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

static int rng_permille(struct rng *r, unsigned p)
{
	return rng_below(r, 1000) < p;
}

struct weighted {
	const char *s;
	unsigned w;
};

static size_t pick(struct rng *r, const struct weighted *t, size_t n)
{
	unsigned total = 0, x;
	size_t i;
	for (i = 0; i < n; i++)
		total += t[i].w;
	x = rng_below(r, total);
	for (i = 0; x >= t[i].w; i++)
		x -= t[i].w;
	return i;
}

#define PICK(r, t) pick((r), (t), sizeof(t) / sizeof((t)[0]))
#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

/* clang-format off */
/* In taxonomy order, so a row's needs come out in a stable order. */
static const struct weighted needs_tab[] = {
	{ "residence", 50 }, { "temporary-protection", 140 },
	{ "registration", 140 }, { "health-insurance", 100 },
	{ "work-permit", 80 }, { "employment", 90 }, { "housing", 100 },
	{ "shelter", 20 }, { "food-aid", 30 }, { "humanitarian-aid", 25 },
	{ "legal-aid", 70 }, { "psych-support", 20 },
	{ "language-course", 30 }, { "school", 30 }, { "qualifications", 10 },
	{ "social-benefits", 40 }, { "family-reunification", 10 },
	{ "domestic-violence", 8 }, { "id-number", 20 },
	{ "bank-account", 10 }, { "driving-licence", 8 },
	{ "translation", 20 }, { "transport", 8 }, { "health-care", 20 },
	{ "citizenship", 6 },
};
#define NEED_RESIDENCE 0
#define NEED_TEMP_PROTECTION 1

static const struct weighted sex_tab[] = {
	{ "f", 540 }, { "m", 440 }, { "x", 4 }, { "", 16 },
};

static const struct weighted age_tab[] = {
	{ "18-59", 740 }, { "0-17", 120 }, { "60+", 110 }, { "", 30 },
};

static const struct weighted household_tab[] = {
	{ "1", 38 }, { "2", 26 }, { "3", 19 }, { "4", 10 }, { "5", 5 },
	{ "6", 2 },
};

static const struct weighted nationality_tab[] = {
	{ "UA", 600 }, { "VN", 70 }, { "MD", 50 }, { "RU", 40 }, { "BY", 30 },
	{ "GE", 30 }, { "KZ", 20 }, { "SY", 20 }, { "AF", 20 }, { "SK", 30 },
	{ "PH", 30 }, { "IN", 30 }, { "XX", 30 },
};

/* Per nationality: the first language set with permille p, else the second. */
static const struct {
	const char *first, *second;
	unsigned p;
} language_tab[] = {
	{ "uk", "uk;ru", 600 }, { "vi", "vi", 1000 }, { "ro;ru", "ro", 850 },
	{ "ru", "ru", 1000 }, { "ru", "be;ru", 900 }, { "ka;ru", "ka", 800 },
	{ "ru", "kk;ru", 850 }, { "ar", "ar;en", 900 }, { "fa", "ps", 600 },
	{ "sk", "sk", 1000 }, { "tl;en", "en", 900 }, { "hi;en", "en", 800 },
	{ "ru", "ar", 700 },
};
/* clang-format on */

struct desk {
	const char *code;
	const char *country;
	int region;              /* index of the client pool */
	const char *own_service; /* never referred to from this desk */
	unsigned w;
	unsigned adv_lo, adv_hi;
	short open[7], close[7]; /* minutes of day, Monday first */
};

static const struct desk desks[] = {
	{ "jzv-kac",
	  "CZ",
	  0,
	  "kac-jizerov-desk",
	  50,
	  1,
	  12,
	  { 420, 420, 420, 420, 420, 420, 420 },
	  { 1140, 1140, 1140, 1140, 1140, 1140, 1140 } },
	{ "jzv-cic",
	  "CZ",
	  0,
	  "",
	  20,
	  13,
	  18,
	  { 480, 480, 480, 480, 480, 0, 0 },
	  { 1020, 1020, 1020, 1020, 840, 0, 0 } },
	{ "jzv-teren",
	  "CZ",
	  0,
	  "",
	  5,
	  19,
	  20,
	  { 540, 540, 540, 540, 540, 0, 0 },
	  { 900, 900, 900, 900, 900, 0, 0 } },
	{ "mdz-cic",
	  "PL",
	  1,
	  "cic-modrzewo-info",
	  25,
	  21,
	  26,
	  { 480, 480, 480, 480, 480, 600, 0 },
	  { 960, 960, 1080, 960, 960, 840, 0 } },
};

/* Kept in sync with testdata/demo/services.yaml. */
static const struct {
	const char *id, *country, *needs;
} builtin_services[] = {
	{ "kac-jizerov-desk", "CZ",
	  "registration, temporary-protection, "
	  "residence, health-insurance, work-permit, id-number, translation" },
	{ "kac-jizerov-beds", "CZ", "shelter, humanitarian-aid" },
	{ "pristav-night", "CZ", "shelter, food-aid" },
	{ "domov-lipa-family", "CZ", "shelter, housing, social-benefits, school" },
	{ "krokus-shelter", "CZ", "domestic-violence, shelter" },
	{ "krokus-counselling", "CZ", "domestic-violence, legal-aid, psych-support" },
	{ "banka-jizerov-pickup", "CZ", "food-aid, humanitarian-aid" },
	{ "most-brehy-legal", "CZ",
	  "legal-aid, residence, "
	  "temporary-protection, family-reunification, citizenship, "
	  "work-permit" },
	{ "most-brehy-social", "CZ",
	  "social-benefits, health-insurance, "
	  "school, bank-account, language-course, health-care" },
	{ "spojka-job", "CZ", "employment, qualifications, work-permit, driving-licence" },
	{ "bydleni-jizerov-desk", "CZ", "housing, social-benefits" },
	{ "vlnka-psych", "CZ", "psych-support, health-care" },
	{ "cic-modrzewo-info", "PL",
	  "residence, registration, id-number, "
	  "employment, housing, bank-account, health-insurance, health-care, "
	  "family-reunification, driving-licence, qualifications, school, "
	  "transport, translation, citizenship" },
	{ "cic-modrzewo-legal", "PL",
	  "legal-aid, residence, work-permit, "
	  "family-reunification, citizenship" },
	{ "cic-modrzewo-psych", "PL", "psych-support, domestic-violence" },
	{ "cic-modrzewo-lang", "PL", "language-course, school" },
};

static const char *const note_cs[] = {
	"přišla s dvěma dětmi",
	"potřebuje potvrzení o ubytování",
	"čeká na rozhodnutí o pobytu",
	"chybí pas, má jen rodný list dítěte",
	"hledá práci na směny",
	"tlumočení po telefonu",
	"přijde znovu v pondělí",
	"ubytovna končí na konci měsíce",
	"prodloužení dočasné ochrany",
	"žádá o humanitární dávku",
	"pojištění vyřízeno na místě",
	"nemá kde spát, noclehárna plná",
	"dítě potřebuje zápis do školy",
	"říká, že \"to už jednou vyřizoval\"",
	"formulář \"žádost o pobyt\" vyplněn",
	"zaměstnavatel slíbil \"smlouvu brzy\"",
	"kontakt předán sociální pracovnici",
	"doporučena psycholožka",
	"objednán na úterý na 10:00",
	"přijde s tlumočníkem",
};

static const char *const note_uk[] = {
	"потрібна допомога з житлом",
	"шукає роботу в місті",
	"прийде завтра з документами",
	"немає медичного страхування",
	"дитина потребує лікаря",
	"просить перекладача",
	"продовження тимчасового захисту",
	"каже, що \"дуже терміново\"",
	"родина з трьома дітьми",
	"живе у знайомих, тимчасово",
	"документи подано, чекає відповіді",
	"цікавиться курсами мови",
};

static const char *const note_pl[] = {
	"prosi o pomoc w znalezieniu mieszkania",
	"zapisany na kurs języka polskiego",
	"potrzebuje numeru PESEL",
	"umówiony do prawnika na wtorek",
	"pyta o konto w banku",
	"wniosek o kartę pobytu złożony",
	"mówi, że \"pracodawca nie płaci\"",
	"rodzina z trojgiem dzieci",
	"skierowana do psychologa",
	"pyta o uznanie dyplomu",
	"potrzebne tłumaczenie przysięgłe",
	"wróci w sobotę z mężem",
};

static const char *const note_sep[] = { ", ", ", ", ", ", "; ", ". " };

struct service {
	char *id;
	char country[3];
	uint32_t needs;
	int org;
};

struct services {
	struct service *v;
	size_t nr, alloc;
};

struct client {
	uint32_t id;
	unsigned char sex, age, nat, lang, household;
};

struct day {
	int y, m, d, wd; /* wd: 0 = Monday */
	const char *offset;
};

struct gen {
	struct rng rng;
	const struct services *svc;
	unsigned newline_rate;
	struct client *pool[2];
	size_t npool[2], pool_next[2];
	uint32_t next_client, ckey1, ckey2;
	int seq_year;
	unsigned long seq;
	unsigned *second_count;
	size_t *cand;
	struct strbuf out, note, needs, refs;
};

/* 0 Monday .. 6 Sunday. */
static int weekday(long z)
{
	return civtime_weekday(z) - 1;
}

static long last_sunday(int y, int m)
{
	long z = civtime_days_from_civil(y, m, civtime_days_in_month(y, m));
	return z - (weekday(z) + 1) % 7;
}

/* All rows fall after 07:00, past both switches (02:00 and 03:00). */
static const char *cet_offset(long z, int y)
{
	if (z >= last_sunday(y, 3) && z < last_sunday(y, 10))
		return "+02:00";
	return "+01:00";
}

static int parse_date(const char *s, long *z)
{
	int y, m, d, i;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return -1;
	if (s[10])
		return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0';
	m = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > civtime_days_in_month(y, m))
		return -1;
	*z = civtime_days_from_civil(y, m, d);
	return 0;
}

static int parse_uint(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long v;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

static int need_index(const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < COUNT(needs_tab); i++)
		if (strlen(needs_tab[i].s) == len && !memcmp(needs_tab[i].s, s, len))
			return (int)i;
	return -1;
}

/* Codes outside the built-in list are skipped: the taxonomy may grow. */
static uint32_t needs_mask(const char *s)
{
	uint32_t mask = 0;
	size_t len;
	int i;
	for (;;) {
		s += strspn(s, "[], \t\"'");
		len = strcspn(s, "[], \t\"'#");
		if (!len)
			return mask;
		i = need_index(s, len);
		if (i >= 0)
			mask |= (uint32_t)1 << i;
		s += len;
	}
}

static struct service *services_add(struct services *sv, const char *id, size_t len,
				    const char *country, int org)
{
	struct service *s;
	XALLOC_GROW(sv->v, sv->nr + 1, sv->alloc);
	s = &sv->v[sv->nr++];
	s->id = xstrndup(id, len);
	snprintf(s->country, sizeof s->country, "%s", country);
	s->needs = 0;
	s->org = org;
	return s;
}

static void services_builtin(struct services *sv)
{
	size_t i;
	for (i = 0; i < COUNT(builtin_services); i++) {
		const char *id = builtin_services[i].id;
		services_add(sv, id, strlen(id), builtin_services[i].country, -1)->needs =
			needs_mask(builtin_services[i].needs);
	}
}

static void services_release(struct services *sv)
{
	size_t i;
	for (i = 0; i < sv->nr; i++)
		free(sv->v[i].id);
	free(sv->v);
}

struct yline {
	int indent, item;
	const char *key, *val;
	size_t keylen, vallen;
};

/* Split one YAML line into indent, "- " marker, key and plain value. */
static void yline_split(char *line, struct yline *l)
{
	char *p = line, *q, *end;
	end = line + strlen(line);
	while (end > line &&
	       (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	while (*p == ' ')
		p++;
	l->indent = (int)(p - line);
	l->item = p[0] == '-' && (p[1] == ' ' || !p[1]);
	if (l->item)
		for (p++; *p == ' '; p++)
			;
	l->key = p;
	q = p + strcspn(p, ":");
	if (*q == ':' && (q[1] == ' ' || !q[1]) && *p != '"' && *p != '\'') {
		l->keylen = (size_t)(q - p);
		for (p = q + 1; *p == ' '; p++)
			;
	} else {
		l->keylen = 0;
	}
	l->val = p;
	if (*p == '"' || *p == '\'') {
		q = strchr(p + 1, *p);
		l->val = p + 1;
		l->vallen = q ? (size_t)(q - l->val) : strlen(l->val);
		return;
	}
	if ((q = strstr(p, " #")) != NULL)
		*q = '\0';
	l->vallen = strlen(p);
	while (l->vallen && p[l->vallen - 1] == ' ')
		l->vallen--;
}

static int ykey(const struct yline *l, const char *key)
{
	return l->keylen == strlen(key) && !memcmp(l->key, key, l->keylen);
}

struct yreader {
	char (*org_country)[3];
	size_t norg, org_alloc;
	char country[3];
	int svc_indent;   /* indent of "services:", -1 outside */
	int needs_indent; /* indent of a block "needs:", -1 outside */
	struct service *cur;
};

static void yreader_line(struct yreader *y, struct services *sv, char *line)
{
	struct yline l;
	int in_svc;
	yline_split(line, &l);
	if (!*l.key || *l.key == '#')
		return;
	if (y->needs_indent >= 0 && l.item && !l.keylen && l.indent >= y->needs_indent) {
		y->cur->needs |= needs_mask(l.val);
		return;
	}
	y->needs_indent = -1;
	in_svc = y->svc_indent >= 0 &&
		 (l.indent > y->svc_indent || (l.item && l.indent == y->svc_indent));
	if (ykey(&l, "services") && !l.item && y->norg) {
		y->svc_indent = l.indent;
	} else if (ykey(&l, "id") && l.item && in_svc && l.vallen) {
		y->cur = services_add(sv, l.val, l.vallen, "", (int)y->norg - 1);
	} else if (ykey(&l, "id") && l.item) {
		XALLOC_GROW(y->org_country, y->norg + 1, y->org_alloc);
		y->org_country[y->norg++][0] = '\0';
		y->svc_indent = -1;
		y->cur = NULL;
	} else if (ykey(&l, "country") && l.vallen == 2) {
		char *dst = !l.indent ? y->country : NULL;
		if (l.indent && y->norg && !in_svc)
			dst = y->org_country[y->norg - 1];
		if (dst)
			snprintf(dst, 3, "%.2s", l.val);
	} else if (ykey(&l, "needs") && in_svc && y->cur) {
		if (l.vallen)
			y->cur->needs |= needs_mask(l.val);
		else
			y->needs_indent = l.indent;
	}
}

/*
 * Not a YAML parser: enough of the layout services.yaml is written in
 * ("- id:" items under "services:", "needs: [..]" or a block list) to
 * pick referral targets, without depending on the real loader.
 */
static int services_load(struct services *sv, const char *path, struct diag *d)
{
	struct yreader y = { NULL, 0, 0, "CZ", -1, -1, NULL };
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, i;
	int err;
	if (!fp)
		return diag_errno(d, errno, "open", path);
	while (getline(&line, &cap, fp) != -1)
		yreader_line(&y, sv, line);
	err = ferror(fp) ? errno : 0;
	fclose(fp);
	free(line);
	for (i = 0; i < sv->nr; i++) {
		const char *c = sv->v[i].org >= 0 && y.org_country[sv->v[i].org][0]
					? y.org_country[sv->v[i].org]
					: y.country;
		memcpy(sv->v[i].country, c, 3);
	}
	free(y.org_country);
	if (err)
		return diag_errno(d, err, "read", path);
	if (!sv->nr)
		return diag_set(d, DIAG_DATA, path, 0, 0, "no services found");
	return 0;
}

static void put_digits(char *p, unsigned long v, int width)
{
	while (width-- > 0) {
		p[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

static void format_id(struct gen *g, int year, char *buf, size_t size)
{
	if (year != g->seq_year) {
		g->seq_year = year;
		g->seq = 0;
	}
	g->seq++;
	if (g->seq > 999999) {
		snprintf(buf, size, "%04d-%lu", year, g->seq);
		return;
	}
	put_digits(buf, (unsigned long)year, 4);
	buf[4] = '-';
	put_digits(buf + 5, g->seq, 6);
	buf[11] = '\0';
}

/* "YYYY-MM-DDTHH:MM:SS+01:00"; sec counts from 07:00:00. */
static void format_ts(const struct day *dy, unsigned sec, char *buf)
{
	unsigned t = 7 * 3600 + sec;
	put_digits(buf, (unsigned long)dy->y, 4);
	buf[4] = '-';
	put_digits(buf + 5, (unsigned long)dy->m, 2);
	buf[7] = '-';
	put_digits(buf + 8, (unsigned long)dy->d, 2);
	buf[10] = 'T';
	put_digits(buf + 11, t / 3600, 2);
	buf[13] = ':';
	put_digits(buf + 14, t / 60 % 60, 2);
	buf[16] = ':';
	put_digits(buf + 17, t % 60, 2);
	memcpy(buf + 19, dy->offset, 7);
}

/* A bijection on 24 bits, so new clients never collide before 2^24. */
static uint32_t client_ref(const struct gen *g, uint32_t n)
{
	uint32_t x = (n * 0x9e3779u + g->ckey1) & 0xffffffu;
	x ^= x >> 11;
	x = (x * 0x5a3c6bu) & 0xffffffu;
	x ^= x >> 13;
	return x ^ g->ckey2;
}

static struct client next_client(struct gen *g, int region)
{
	struct client c;
	struct client *pool = g->pool[region];
	size_t *npool = &g->npool[region], *next = &g->pool_next[region];
	if (*npool && rng_permille(&g->rng, 200))
		return pool[rng_below(&g->rng, (uint32_t)*npool)];
	c.id = client_ref(g, g->next_client++);
	c.sex = (unsigned char)PICK(&g->rng, sex_tab);
	c.age = (unsigned char)PICK(&g->rng, age_tab);
	c.nat = (unsigned char)PICK(&g->rng, nationality_tab);
	c.lang = (unsigned char)!rng_permille(&g->rng, language_tab[c.nat].p);
	c.household = (unsigned char)PICK(&g->rng, household_tab);
	pool[*next] = c;
	*next = (*next + 1) % POOL_SIZE;
	if (*npool < POOL_SIZE)
		(*npool)++;
	return c;
}

static uint32_t pick_needs(struct gen *g, int ukrainian)
{
	static const unsigned count_w[] = { 450, 320, 160, 70 };
	unsigned want = 1, x = rng_below(&g->rng, 1000), have = 0, tries;
	uint32_t mask = 0;
	size_t i;
	for (i = 0; x >= count_w[i]; i++, want++)
		x -= count_w[i];
	for (tries = 0; have < want && tries < 16; tries++) {
		i = PICK(&g->rng, needs_tab);
		if (i == NEED_TEMP_PROTECTION && !ukrainian)
			i = NEED_RESIDENCE;
		if (!(mask & (uint32_t)1 << i)) {
			mask |= (uint32_t)1 << i;
			have++;
		}
	}
	return mask;
}

static void format_needs(uint32_t mask, struct strbuf *sb)
{
	size_t i;
	strbuf_reset(sb);
	for (i = 0; i < COUNT(needs_tab); i++) {
		if (!(mask & (uint32_t)1 << i))
			continue;
		if (sb->len)
			strbuf_addch(sb, ';');
		strbuf_addstr(sb, needs_tab[i].s);
	}
}

static void format_referrals(struct gen *g, const struct desk *dk, uint32_t needs,
			     struct strbuf *sb)
{
	const struct services *sv = g->svc;
	size_t i, n = 0, a, b;
	strbuf_reset(sb);
	if (!rng_permille(&g->rng, 420))
		return;
	for (i = 0; i < sv->nr; i++)
		if ((sv->v[i].needs & needs) && !strcmp(sv->v[i].country, dk->country) &&
		    strcmp(sv->v[i].id, dk->own_service))
			g->cand[n++] = i;
	if (!n)
		return;
	a = g->cand[rng_below(&g->rng, (uint32_t)n)];
	strbuf_addstr(sb, sv->v[a].id);
	if (n < 2 || !rng_permille(&g->rng, 200))
		return;
	do
		b = g->cand[rng_below(&g->rng, (uint32_t)n)];
	while (b == a);
	strbuf_addch(sb, ';');
	strbuf_addstr(sb, sv->v[b].id);
}

static void make_note(struct gen *g, const struct desk *dk, int ukrainian)
{
	const char *const *tab;
	size_t n, i, frags, first, step, nl_at = 0;
	int newline = rng_permille(&g->rng, g->newline_rate);
	strbuf_reset(&g->note);
	if (!newline && rng_permille(&g->rng, 250))
		return;
	if (ukrainian && rng_permille(&g->rng, 400)) {
		tab = note_uk;
		n = COUNT(note_uk);
	} else if (!strcmp(dk->country, "PL")) {
		tab = note_pl;
		n = COUNT(note_pl);
	} else {
		tab = note_cs;
		n = COUNT(note_cs);
	}
	frags = 1 + (size_t)rng_permille(&g->rng, 500) + (size_t)rng_permille(&g->rng, 300);
	if (newline && frags < 2)
		frags = 2;
	if (newline)
		nl_at = 1 + rng_below(&g->rng, (uint32_t)(frags - 1));
	first = rng_below(&g->rng, (uint32_t)n);
	step = 1 + rng_below(&g->rng, (uint32_t)(n - 1) / 2);
	for (i = 0; i < frags; i++) {
		if (i == nl_at && newline)
			strbuf_addch(&g->note, '\n');
		else if (i)
			strbuf_addstr(&g->note,
				      note_sep[rng_below(&g->rng, (uint32_t)COUNT(note_sep))]);
		strbuf_addstr(&g->note, tab[(first + i * step) % n]);
	}
}

static const struct desk *pick_desk(struct gen *g, int wd, unsigned sec)
{
	int minute = 420 + (int)(sec / 60);
	unsigned total = 0, x;
	size_t i;
	for (i = 0; i < COUNT(desks); i++)
		if (minute >= desks[i].open[wd] && minute < desks[i].close[wd])
			total += desks[i].w;
	x = rng_below(&g->rng, total);
	for (i = 0;; i++) {
		if (minute < desks[i].open[wd] || minute >= desks[i].close[wd])
			continue;
		if (x < desks[i].w)
			return &desks[i];
		x -= desks[i].w;
	}
}

static void format_client(uint32_t id, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	int i;
	buf[0] = 'C';
	for (i = 6; i > 0; i--, id >>= 4)
		buf[i] = hex[id & 15];
	buf[7] = '\0';
}

static void format_advisor(struct gen *g, const struct desk *dk, char *buf)
{
	unsigned a;
	buf[0] = '\0';
	if (rng_permille(&g->rng, 200))
		return;
	a = dk->adv_lo + rng_below(&g->rng, dk->adv_hi - dk->adv_lo + 1);
	buf[0] = 'a';
	put_digits(buf + 1, a, 2);
	buf[3] = '\0';
}

static void flush_out(struct gen *g)
{
	if (fwrite(g->out.buf, 1, g->out.len, stdout) != g->out.len)
		diag_die(DIAG_SYSTEM, "cannot write standard output: %s", strerror(errno));
	strbuf_reset(&g->out);
}

static void emit_row(struct gen *g, const struct day *dy, unsigned sec)
{
	char id[32], ts[32], client[8], advisor[4];
	const char *f[15];
	const struct desk *dk = pick_desk(g, dy->wd, sec);
	struct client c = next_client(g, dk->region);
	int ua = c.nat == 0;
	uint32_t mask = pick_needs(g, ua);

	format_id(g, dy->y, id, sizeof id);
	format_ts(dy, sec, ts);
	format_client(c.id, client);
	format_needs(mask, &g->needs);
	format_referrals(g, dk, mask, &g->refs);
	format_advisor(g, dk, advisor);
	make_note(g, dk, ua);
	f[0] = id;
	f[1] = ts;
	f[2] = dk->code;
	f[3] = client;
	f[4] = sex_tab[c.sex].s;
	f[5] = age_tab[c.age].s;
	f[6] = nationality_tab[c.nat].s;
	f[7] = c.lang ? language_tab[c.nat].second : language_tab[c.nat].first;
	f[8] = household_tab[c.household].s;
	f[9] = g->needs.buf;
	f[10] = g->refs.buf;
	f[11] = g->refs.len || rng_permille(&g->rng, 800) ? "yes" : "no";
	f[12] = advisor;
	f[13] = g->refs.len ? "referred" : rng_permille(&g->rng, 350) ? "open" : "closed";
	f[14] = g->note.buf;
	csvwrite_record(&g->out, f, 15);
	if (g->out.len >= FLUSH_AT)
		flush_out(g);
}

/* Draw the day's seconds into buckets, then walk them: rows come sorted. */
static void emit_day(struct gen *g, const struct day *dy, unsigned long long n)
{
	unsigned long long k;
	unsigned s, j;
	memset(g->second_count, 0, DAY_SECONDS * sizeof *g->second_count);
	for (k = 0; k < n; k++) {
		s = rng_permille(&g->rng, 700) ? 3600 + rng_below(&g->rng, 8 * 3600)
					       : rng_below(&g->rng, DAY_SECONDS);
		g->second_count[s]++;
	}
	for (s = 0; s < DAY_SECONDS; s++)
		for (j = 0; j < g->second_count[s]; j++)
			emit_row(g, dy, s);
}

static void generate(struct gen *g, long last, unsigned long days, unsigned long long rows)
{
	unsigned long long *cum = xcalloc(days + 1, sizeof *cum);
	unsigned long i;
	struct day dy;
	long z;
	for (i = 0; i < days; i++) {
		int wd = weekday(last - (long)(days - 1 - i));
		unsigned w = wd < 5 ? 100 : wd == 5 ? 22 : 12;
		cum[i + 1] = cum[i] + w * (85 + rng_below(&g->rng, 30));
	}
	for (i = 0; i < days; i++) {
		z = last - (long)(days - 1 - i);
		civtime_civil_from_days(z, &dy.y, &dy.m, &dy.d);
		dy.wd = weekday(z);
		dy.offset = cet_offset(z, dy.y);
		emit_day(g, &dy, rows * cum[i + 1] / cum[days] - rows * cum[i] / cum[days]);
	}
	free(cum);
}

static void gen_init(struct gen *g, uint64_t seed, unsigned newline_rate, const struct services *sv)
{
	memset(g, 0, sizeof *g);
	g->rng.s = seed;
	g->svc = sv;
	g->newline_rate = newline_rate;
	g->pool[0] = xcalloc(POOL_SIZE, sizeof *g->pool[0]);
	g->pool[1] = xcalloc(POOL_SIZE, sizeof *g->pool[1]);
	g->ckey1 = (uint32_t)rng_next(&g->rng) & 0xffffffu;
	g->ckey2 = (uint32_t)rng_next(&g->rng) & 0xffffffu;
	g->second_count = xcalloc(DAY_SECONDS, sizeof *g->second_count);
	g->cand = xcalloc(sv->nr, sizeof *g->cand);
	strbuf_init(&g->out, FLUSH_AT + 4096);
	strbuf_init(&g->note, 256);
	strbuf_init(&g->needs, 128);
	strbuf_init(&g->refs, 128);
}

static void gen_release(struct gen *g)
{
	free(g->pool[0]);
	free(g->pool[1]);
	free(g->second_count);
	free(g->cand);
	strbuf_release(&g->out);
	strbuf_release(&g->note);
	strbuf_release(&g->needs);
	strbuf_release(&g->refs);
}

struct opts {
	unsigned long long rows, seed, days, newline_rate;
	long end;
	const char *services;
	int header;
};

static _Noreturn void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", diag_prog());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n" USAGE, stderr);
	exit(DIAG_USAGE);
}

static void print_help(void)
{
	fputs(USAGE
	      "Write a fictional, seeded intake.csv to standard output.\n"
	      "\n"
	      "  -n, --rows ROWS        rows to write (default 2000)\n"
	      "  -s, --seed SEED        seed of the generator (default 1)\n"
	      "      --end YYYY-MM-DD   last day (default 2026-11-22)\n"
	      "      --days N           days ending at --end (default 84)\n"
	      "      --services FILE    refer to the services of this "
	      "services.yaml\n"
	      "                         (default: testdata/demo's services)\n"
	      "      --newline-rate PERMILLE\n"
	      "                         notes holding a newline (default 10)\n"
	      "      --no-header        leave out the header row\n",
	      stdout);
}

static void parse_options(int argc, char **argv, struct opts *o)
{
	enum { OPT_DAYS = 256, OPT_END, OPT_NEWLINE, OPT_NO_HEADER, OPT_SERVICES, OPT_VERSION };
	static const struct option longopts[] = {
		{ "days", required_argument, NULL, OPT_DAYS },
		{ "end", required_argument, NULL, OPT_END },
		{ "help", no_argument, NULL, 'h' },
		{ "newline-rate", required_argument, NULL, OPT_NEWLINE },
		{ "no-header", no_argument, NULL, OPT_NO_HEADER },
		{ "rows", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "services", required_argument, NULL, OPT_SERVICES },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":hn:s:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			print_help();
			exit(fflush(stdout) ? DIAG_SYSTEM : DIAG_OK);
		case 'n':
			if (parse_uint(optarg, 1000000000ULL, &o->rows))
				usage_error("invalid row count '%s'", optarg);
			break;
		case 's':
			if (parse_uint(optarg, UINT64_MAX, &o->seed))
				usage_error("invalid seed '%s'", optarg);
			break;
		case OPT_DAYS:
			if (parse_uint(optarg, 36525, &o->days) || !o->days)
				usage_error("invalid day count '%s'", optarg);
			break;
		case OPT_END:
			if (parse_date(optarg, &o->end))
				usage_error("invalid date '%s'", optarg);
			break;
		case OPT_NEWLINE:
			if (parse_uint(optarg, 1000, &o->newline_rate))
				usage_error("invalid permille '%s'", optarg);
			break;
		case OPT_NO_HEADER:
			o->header = 0;
			break;
		case OPT_SERVICES:
			o->services = optarg;
			break;
		case OPT_VERSION:
			printf("gen-intake %s\n", OKIENKO_VERSION);
			exit(fflush(stdout) ? DIAG_SYSTEM : DIAG_OK);
		case ':':
			usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			if (optopt)
				usage_error("unknown option '-%c'", optopt);
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error("unexpected operand '%s'", argv[optind]);
}

int main(int argc, char **argv)
{
	static const char *const header[] = { "id",        "ts",        "desk",        "client",
					      "sex",       "age_group", "nationality", "language",
					      "household", "needs",     "referred_to", "consent",
					      "advisor",   "status",    "note" };
	struct opts o = { 2000, 1, 84, 10, 0, NULL, 1 };
	struct services sv = { NULL, 0, 0 };
	struct diag d = DIAG_INIT;
	struct gen g;

	diag_setprog(argv[0]);
	parse_date("2026-11-22", &o.end);
	parse_options(argc, argv, &o);
	if (!o.services)
		services_builtin(&sv);
	else if (services_load(&sv, o.services, &d)) {
		diag_print(&d);
		services_release(&sv);
		return d.status;
	}
	setvbuf(stdout, NULL, _IOFBF, 1 << 20);
	gen_init(&g, o.seed, (unsigned)o.newline_rate, &sv);
	if (o.header)
		csvwrite_record(&g.out, header, COUNT(header));
	generate(&g, o.end, (unsigned long)o.days, o.rows);
	flush_out(&g);
	gen_release(&g);
	services_release(&sv);
	if (fflush(stdout) || ferror(stdout))
		diag_die(DIAG_SYSTEM, "cannot write standard output: %s", strerror(errno));
	return DIAG_OK;
}
