#define PCRE2_CODE_UNIT_WIDTH 8
#include "rx.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

#include "xalloc.h"
#include "banned.h"

/* Enough for any sane pattern on a note; a runaway one stops in milliseconds. */
enum { MATCH_LIMIT = 1000000, DEPTH_LIMIT = 10000 };

struct rx {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	char *what;
};

static void describe_error(int rc, char *buf, size_t len)
{
	if (pcre2_get_error_message(rc, (PCRE2_UCHAR *)buf, len) < 0)
		snprintf(buf, len, "error %d", rc);
}

struct rx *rx_compile(const char *pattern, const char *what, struct diag *d)
{
	int rc;
	PCRE2_SIZE off;
	char msg[256];
	struct rx *rx;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
					 PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &rc, &off, NULL);
	if (!code) {
		describe_error(rc, msg, sizeof msg);
		diag_set(d, DIAG_USAGE, NULL, 0, 0, "%s: bad regular expression at column %lu: %s",
			 what, (unsigned long)off + 1, msg);
		return NULL;
	}
	rx = xcalloc(1, sizeof *rx);
	rx->code = code;
	rx->what = xstrdup(what);
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
	rx->md = pcre2_match_data_create_from_pattern(code, NULL);
	rx->mctx = pcre2_match_context_create(NULL);
	if (!rx->md || !rx->mctx)
		diag_die(DIAG_SYSTEM, "out of memory");
	pcre2_set_match_limit(rx->mctx, MATCH_LIMIT);
	pcre2_set_depth_limit(rx->mctx, DEPTH_LIMIT);
	return rx;
}

int rx_match(struct rx *rx, const char *subject, size_t len, struct diag *d)
{
	char msg[256];
	int rc = pcre2_match(rx->code, (PCRE2_SPTR)subject, len, 0, 0, rx->md, rx->mctx);
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
