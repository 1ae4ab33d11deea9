#include "mocat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"
#include "tap.h"
#include "banned.h"

static char dir[64];

static void put32(struct strbuf *sb, uint32_t v, int big)
{
	unsigned char b[4];
	int i;
	for (i = 0; i < 4; i++)
		b[big ? 3 - i : i] = (unsigned char)(v >> (8 * i));
	strbuf_add(sb, (const char *)b, 4);
}

/* A catalog of n sorted pairs, in little or big endian. */
static void make_mo(struct strbuf *sb, const char *const (*pairs)[2], uint32_t n, int big)
{
	struct strbuf strings = STRBUF_INIT;
	uint32_t i, k, base = 28 + 16 * n;
	uint32_t *at = malloc(2 * n * sizeof *at);

	for (k = 0; k < 2; k++)
		for (i = 0; i < n; i++) {
			at[k * n + i] = base + (uint32_t)strings.len;
			strbuf_add(&strings, pairs[i][k], strlen(pairs[i][k]) + 1);
		}
	strbuf_reset(sb);
	put32(sb, 0x950412de, big);
	put32(sb, 0, big);
	put32(sb, n, big);
	put32(sb, 28, big);
	put32(sb, 28 + 8 * n, big);
	put32(sb, 0, big);
	put32(sb, 0, big);
	for (k = 0; k < 2; k++)
		for (i = 0; i < n; i++) {
			put32(sb, (uint32_t)strlen(pairs[i][k]), big);
			put32(sb, at[k * n + i], big);
		}
	strbuf_add(sb, strings.buf, strings.len);
	strbuf_release(&strings);
	free(at);
}

static const char *write_mo(const struct strbuf *sb)
{
	static char path[128];
	FILE *f;
	snprintf(path, sizeof path, "%s/x.mo", dir);
	f = fopen(path, "w");
	fwrite(sb->buf, 1, sb->len, f);
	fclose(f);
	return path;
}

int main(void)
{
	static const char *const pairs[][2] = {
		{ "capacity report\004free", "volná místa" },
		{ "free", "zdarma" },
		{ "report column\004free", "volno" },
		{ "service", "" },
	};
	struct strbuf sb = STRBUF_INIT;
	struct mocat c;
	int big;

	snprintf(dir, sizeof dir, "/tmp/mocat_test." TAP_TEMPLATE_TAIL);
	if (!mkdtemp(dir)) {
		printf("Bail out! cannot create %s\n", dir);
		return 1;
	}
	for (big = 0; big < 2; big++) {
		make_mo(&sb, pairs, 4, big);
		ok(mocat_load(&c, write_mo(&sb)) == 0, "%s catalog loads",
		   big ? "big-endian" : "little-endian");
		is_str(mocat_find(&c, "report column", "free"), "volno", "a word in its context");
		is_str(mocat_find(&c, "capacity report", "free"), "volná místa",
		       "the same word in another");
		is_str(mocat_find(&c, NULL, "free"), "zdarma", "and without a context");
		ok(!mocat_find(&c, "report", "free"),
		   "a context that is only a prefix finds nothing");
		ok(!mocat_find(&c, NULL, "service"), "an empty translation is none");
		ok(!mocat_find(&c, NULL, "unit"), "a word not there");
		mocat_release(&c);
	}
	make_mo(&sb, pairs, 4, 0);
	sb.buf[0] ^= 1;
	ok(mocat_load(&c, write_mo(&sb)) < 0 && !mocat_find(&c, NULL, "free"),
	   "a wrong magic number");
	make_mo(&sb, pairs, 4, 0);
	strbuf_setlen(&sb, sb.len - 12);
	ok(mocat_load(&c, write_mo(&sb)) == 0 && !mocat_find(&c, NULL, "free") &&
		   !mocat_find(&c, "report column", "free"),
	   "strings cut off at the end are not read past it");
	mocat_release(&c);
	make_mo(&sb, pairs, 4, 0);
	sb.buf[8] = (char)0xff;
	ok(mocat_load(&c, write_mo(&sb)) < 0, "a count larger than the file");
	ok(mocat_load(&c, "/nonexistent/x.mo") < 0, "a missing file");
	unlink(write_mo(&sb));
	rmdir(dir);
	strbuf_release(&sb);
	return tap_done();
}
