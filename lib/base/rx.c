#define PCRE2_CODE_UNIT_WIDTH 8
#include "rx.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

/* Enough for any sane pattern on a note or a line of minutes; a runaway
   one stops in milliseconds. */
enum { MATCH_LIMIT = 1000000, DEPTH_LIMIT = 10000 };

struct rx {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	char *what;
	unsigned flags;
	int matched;
	size_t base; /* an anchored match ran on the subject from here */
};

static void describe_error(int rc, char *buf, size_t len)
{
	if (pcre2_get_error_message(rc, (PCRE2_UCHAR *)buf, len) < 0)
		snprintf(buf, len, "error %d", rc);
}

struct rx *rx_compile(const char *pattern, const char *what, unsigned flags, struct diag *d)
{
	uint32_t opts = flags & RX_RULES ? PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_DUPNAMES
					 : PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
	PCRE2_SIZE off;
	char msg[256];
	struct rx *rx;
	int rc;
	pcre2_code *code =
		pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts, &rc, &off, NULL);

	if (!code) {
		describe_error(rc, msg, sizeof msg);
		if (off > strlen(pattern))
			off = strlen(pattern);
		/* TRANSLATORS: keep "%s: " first (the option or place of the pattern) */
		diag_set(d, flags & RX_RULES ? DIAG_DATA : DIAG_USAGE, NULL, 0, 0,
			 "%s: bad pattern at column %zu: %s", what, utf8_chars(pattern, off) + 1,
			 msg);
		return NULL;
	}
	rx = xcalloc(1, sizeof *rx);
	rx->code = code;
	rx->what = xstrdup(what);
	rx->flags = flags;
	if (!(flags & RX_RULES))
		rx_jit(rx);
	rx->md = pcre2_match_data_create_from_pattern(code, NULL);
	rx->mctx = pcre2_match_context_create(NULL);
	if (!rx->md || !rx->mctx)
		diag_die(DIAG_SYSTEM, "out of memory");
	pcre2_set_match_limit(rx->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(rx->mctx, DEPTH_LIMIT);
	return rx;
}

void rx_jit(struct rx *rx)
{
	(void)pcre2_jit_compile(rx->code, PCRE2_JIT_COMPLETE); /* else the interpreter */
}

int rx_exec(struct rx *rx, const char *s, size_t len, size_t from, int anchored, struct diag *d)
{
	uint32_t opts =
		(rx->flags & RX_RULES ? PCRE2_NO_UTF_CHECK : 0) | (anchored ? PCRE2_ANCHORED : 0);
	char msg[256];
	int rc;

	rx->base = anchored ? from : 0;
	rc = pcre2_match(rx->code, (PCRE2_SPTR)s + rx->base, len - rx->base, from - rx->base, opts,
			 rx->md, rx->mctx);
	rx->matched = rc >= 0;
	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	describe_error(rc, msg, sizeof msg);
	diag_set(d, DIAG_DATA, NULL, 0, 0, "%s: %s", rx->what, msg);
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT)
		diag_hint(d, "the pattern backtracks too much; make it more specific");
	return -1;
}

int rx_match(struct rx *rx, const char *subject, size_t len, struct diag *d)
{
	return rx_exec(rx, subject, len, 0, 0, d);
}

void rx_span(const struct rx *rx, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov;

	*start = *end = 0;
	if (!rx->matched)
		return;
	ov = pcre2_get_ovector_pointer(rx->md);
	*start = rx->base + ov[0];
	*end = rx->base + ov[1];
}

int rx_group(const struct rx *rx, const char *name, size_t *start, size_t *end)
{
	PCRE2_SPTR first, last, e;
	PCRE2_SIZE *ov;
	uint32_t count;
	int size;

	if (!rx->matched)
		return 0;
	ov = pcre2_get_ovector_pointer(rx->md);
	count = pcre2_get_ovector_count(rx->md);
	size = pcre2_substring_nametable_scan(rx->code, (PCRE2_SPTR)name, &first, &last);
	if (size < 0)
		return 0;
	for (e = first; e <= last; e += size) {
		uint32_t n = (uint32_t)e[0] << 8 | e[1];
		if (n < count && ov[2 * n] != PCRE2_UNSET) {
			*start = rx->base + ov[2 * n];
			*end = rx->base + ov[2 * n + 1];
			return 1;
		}
	}
	return 0;
}

void rx_free(struct rx *rx)
{
	if (!rx)
		return;
	pcre2_match_data_free(rx->md);
	pcre2_match_context_free(rx->mctx);
	pcre2_code_free(rx->code);
	free(rx->what);
	free(rx);
}
