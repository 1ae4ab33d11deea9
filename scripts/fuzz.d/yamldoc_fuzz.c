/*
 * yamldoc_fuzz: libFuzzer target for the YAML loader (yamldoc.h).
 *
 * The input is loaded as a document.  A loaded tree is walked: every node
 * has a position inside the input, nesting stays within
 * YAMLDOC_MAX_DEPTH, scalars are NUL-terminated at their length, mapping
 * keys are scalars, unique, and found again by yamldoc_get; the key check
 * of services.yaml's top level is run on the root.  A failed load leaves
 * an empty document and a data error with a position.  Any violation
 * aborts.  Built by scripts/fuzz (make fuzz) and replayed over
 * testdata/fuzz/yamldoc by scripts/test.d/fuzz-replay.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yamldoc.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, long line, long col)
{
	fprintf(stderr, "yamldoc_fuzz: %s (at %ld:%ld)\n", what, line, col);
	abort();
}

static void walk(const struct yamldoc_node *n, int depth, long lines)
{
	size_t i, j;

	if (n->line < 1 || n->line > lines || n->col < 1)
		fail("node position", n->line, n->col);
	switch (n->kind) {
	case YAMLDOC_SCALAR:
		if (!n->str || n->str[n->len] != '\0' || n->n)
			fail("scalar", n->line, n->col);
		if (n->plain && n->style)
			fail("plain scalar with a style", n->line, n->col);
		(void)yamldoc_is_null(n);
		return;
	case YAMLDOC_SEQ:
		if (depth >= YAMLDOC_MAX_DEPTH)
			fail("nesting", n->line, n->col);
		if (n->n && !n->items)
			fail("sequence items", n->line, n->col);
		for (i = 0; i < n->n; i++)
			walk(n->items[i], depth + 1, lines);
		return;
	case YAMLDOC_MAP:
		if (depth >= YAMLDOC_MAX_DEPTH)
			fail("nesting", n->line, n->col);
		if (n->n && (!n->keys || !n->values))
			fail("mapping pairs", n->line, n->col);
		for (i = 0; i < n->n; i++) {
			const struct yamldoc_node *k = n->keys[i];
			if (k->kind != YAMLDOC_SCALAR)
				fail("key not a scalar", k->line, k->col);
			walk(k, depth + 1, lines);
			walk(n->values[i], depth + 1, lines);
			for (j = 0; j < i && n->n <= 256; j++)
				if (n->keys[j]->len == k->len &&
				    memcmp(n->keys[j]->str, k->str, k->len) == 0)
					fail("duplicate key", k->line, k->col);
			if (strlen(k->str) == k->len && yamldoc_get(n, k->str) != n->values[i])
				fail("yamldoc_get", k->line, k->col);
		}
		return;
	default:
		fail("node kind", n->line, n->col);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const allowed[] = { "version", "country", "timezone", "organizations",
					       NULL };
	struct yamldoc doc;
	struct diag d = DIAG_INIT;
	long lines = 1;
	size_t i;

	if (size > 1024 * 1024)
		return 0;
	/* an upper bound: libyaml also breaks lines at NEL, LS and PS */
	for (i = 0; i < size; i++)
		if (data[i] == '\n' || data[i] == '\r' || data[i] == 0x85 || data[i] == 0xA8 ||
		    data[i] == 0xA9)
			lines++;
	if (yamldoc_load_buffer(&doc, "fuzz.yaml", (const char *)data, size, &d) < 0) {
		if (doc.root || doc.name)
			fail("failed load left a document", d.line, d.col);
		if (d.status != DIAG_DATA || strcmp(d.file, "fuzz.yaml") != 0 || !d.msg[0])
			fail("error diagnostic", d.line, d.col);
		if (d.line < 1 || d.line > lines || d.col < 1)
			fail("error position", d.line, d.col);
		yamldoc_release(&doc);
		return 0;
	}
	if (doc.root) {
		walk(doc.root, 0, lines);
		if (doc.root->kind == YAMLDOC_MAP) {
			struct diag kd = DIAG_INIT;
			if (yamldoc_check_keys(&doc, doc.root, allowed, &kd) == 0) {
				for (i = 0; i < doc.root->n; i++)
					if (yamldoc_get(doc.root, doc.root->keys[i]->str) !=
					    doc.root->values[i])
						fail("a key passed the check but is not found",
						     doc.root->keys[i]->line,
						     doc.root->keys[i]->col);
			} else if (kd.status != DIAG_DATA || kd.line < 1 || !kd.msg[0]) {
				fail("key check diagnostic", kd.line, kd.col);
			}
		}
	}
	yamldoc_release(&doc);
	yamldoc_release(&doc);
	return 0;
}
