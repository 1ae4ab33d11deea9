/*
 * minutes_fuzz: libFuzzer target for meeting minutes (minutes.h with the
 * built-in rules of minutes_rules.h).
 *
 * The input is one document of minutes.  It is parsed as minutes-parse(1)
 * does: the language detected from the text, the organisations matched to
 * a small services.yaml, a meeting date given for minutes that name none,
 * and read as minutes however little they look like them (--force).
 * A parse error is a data error with a line inside the text.  Parsed
 * minutes must be consistent (capacity statements point at updates, known
 * statuses, numbers -1 or more) and their YAML document must load again
 * with yamldoc and give back every string byte for byte.  Any violation
 * aborts.  Built by scripts/fuzz (make fuzz) and replayed over
 * testdata/fuzz/minutes by scripts/test.d/fuzz-replay.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civtime.h"
#include "minutes.h"
#include "minutes_rules.h"
#include "services.h"
#include "strbuf.h"
#include "yamldoc.h"
#include "banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_TEXT = 64 * 1024 };

/* Fictional organisations, as in testdata/fixtures/minutes. */
static const char services_yaml[] =
	"version: 1\n"
	"country: CZ\n"
	"organizations:\n"
	"  - id: pristav\n"
	"    name: Přístav Jizerov, z.ú.\n"
	"    aliases: [Přístav, Noclehárna Přístav]\n"
	"    services:\n"
	"      - id: pristav-night\n"
	"        name: Noclehárna Přístav\n"
	"        capacity: {unit: beds, total: 26}\n"
	"  - id: domov-lipa\n"
	"    name: Domov Lípa z.s.\n"
	"    aliases: [Lípa, Domov Lípa]\n"
	"    services:\n"
	"      - id: domov-lipa-family\n"
	"        name: Azylový dům pro rodiny s dětmi\n"
	"        capacity: {unit: families, total: 18}\n"
	"      - id: domov-lipa-beds\n"
	"        name: Nouzová lůžka\n"
	"        capacity: {unit: beds, total: 6}\n"
	"  - id: cic-modrzewo\n"
	"    name: Centrum Integracji Cudzoziemców w Modrzewie\n"
	"    aliases: [CIC Modrzewo, CIC]\n"
	"    country: PL\n"
	"    services:\n"
	"      - id: cic-modrzewo-info\n"
	"        name: Punkt informacyjny\n"
	"        capacity: {unit: clients, total: 50}\n";

static void fail(const char *what, long n)
{
	fprintf(stderr, "minutes_fuzz: %s (%ld)\n", what, n);
	abort();
}

/* services.yaml above, loaded once through a temporary file. */
static const struct services *services(void)
{
	static struct services svc;
	static int loaded;
	const char *tmpdir = getenv("TMPDIR");
	char path[4096];
	struct diag d = DIAG_INIT;
	int fd;

	if (loaded)
		return &svc;
	snprintf(path, sizeof path,
		 "%s/minutes_fuzz-"
		 "XX"
		 "XX"
		 "XX",
		 tmpdir && *tmpdir ? tmpdir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, services_yaml, sizeof services_yaml - 1) !=
			      (ssize_t)(sizeof services_yaml - 1)) {
		perror("minutes_fuzz: temporary services.yaml");
		abort();
	}
	close(fd);
	if (services_load(&svc, path, NULL, &d) != 0) {
		fprintf(stderr, "minutes_fuzz: services.yaml: %s\n", d.msg);
		abort();
	}
	unlink(path);
	loaded = 1;
	return &svc;
}

static const struct minutes_rules *rules(const char *lang)
{
	static struct minutes_rules cs, pl;
	static int loaded;
	struct diag d = DIAG_INIT;

	if (!loaded) {
		if (minutes_rules_builtin(&cs, "cs", &d) != 0 ||
		    minutes_rules_builtin(&pl, "pl", &d) != 0) {
			fprintf(stderr, "minutes_fuzz: built-in rules: %s\n", d.msg);
			abort();
		}
		loaded = 1;
	}
	return lang && strcmp(lang, "pl") == 0 ? &pl : &cs;
}

/* The string node n holds s again (NULL: a null). */
static void same_string(const struct yamldoc_node *n, const char *s, const char *what)
{
	if (!s) {
		if (!yamldoc_is_null(n))
			fail(what, 0);
		return;
	}
	if (!n || n->kind != YAMLDOC_SCALAR || n->len != strlen(s) ||
	    memcmp(n->str, s, n->len) != 0) {
		fprintf(stderr, "minutes_fuzz: %s: wrote '%s', read '%s'\n", what, s,
			n && n->kind == YAMLDOC_SCALAR ? n->str : "?");
		fail(what, 0);
	}
}

static void same_list(const struct yamldoc_node *root, const char *key, const char **v, size_t n)
{
	const struct yamldoc_node *seq = yamldoc_get(root, key);
	size_t i;

	if (!seq || seq->kind != YAMLDOC_SEQ || seq->n != n)
		fail(key, (long)n);
	for (i = 0; i < n; i++)
		same_string(seq->items[i], v[i], key);
}

static void check(const struct minutes *m)
{
	static const char *const statuses[] = { "full", "near-full", "ok", "unknown" };
	const struct yamldoc_node *root, *ups, *meeting;
	struct strbuf sb = STRBUF_INIT;
	struct yamldoc doc;
	struct diag d = DIAG_INIT;
	size_t i, k;

	for (i = 0; i < m->ncapacity; i++) {
		const struct minutes_capacity *c = &m->capacity[i];
		if (c->update >= m->nupdates)
			fail("capacity statement without its update", (long)i);
		if (c->used < -1 || c->total < -1 || c->free < -1 || c->waiting < -1 || !c->unit ||
		    !c->quote)
			fail("capacity statement", (long)i);
		for (k = 0; k < 4 && strcmp(c->status, statuses[k]) != 0; k++)
			;
		if (k == 4)
			fail("capacity status", (long)i);
	}
	for (i = 0; i < m->nupdates; i++)
		if (!m->updates[i].organization || !m->updates[i].org_id || !m->updates[i].text)
			fail("update", (long)i);
	minutes_yaml(m, &sb);
	if (yamldoc_load_buffer(&doc, "out.yaml", sb.buf, sb.len, &d) != 0) {
		fprintf(stderr, "minutes_fuzz: the YAML output does not load: %ld:%ld: %s\n%s",
			d.line, d.col, d.msg, sb.buf);
		fail("YAML output", d.line);
	}
	root = doc.root;
	meeting = yamldoc_get(root, "meeting");
	same_string(yamldoc_get(meeting, "group"), m->group, "group");
	same_string(yamldoc_get(meeting, "place"), m->place, "place");
	same_string(yamldoc_get(root, "author"), m->author, "author");
	same_list(root, "topics", m->topics, m->ntopics);
	ups = yamldoc_get(root, "attendees");
	if (!ups || ups->kind != YAMLDOC_SEQ || ups->n != m->nattendees)
		fail("attendees", (long)m->nattendees);
	for (i = 0; i < m->nattendees; i++) {
		if (!m->attendees[i].name ||
		    (m->attendees[i].org_id && !m->attendees[i].organization))
			fail("attendee", (long)i);
		same_string(yamldoc_get(ups->items[i], "name"), m->attendees[i].name, "name");
		same_string(yamldoc_get(ups->items[i], "organization"),
			    m->attendees[i].organization, "attendee's organization");
		same_string(yamldoc_get(ups->items[i], "role"), m->attendees[i].role, "role");
	}
	same_list(root, "actions", m->actions, m->nactions);
	ups = yamldoc_get(root, "updates");
	if (!ups || ups->kind != YAMLDOC_SEQ || ups->n != m->nupdates)
		fail("updates", (long)m->nupdates);
	for (i = 0; i < m->nupdates; i++) {
		same_string(yamldoc_get(ups->items[i], "organization"), m->updates[i].organization,
			    "organization");
		same_string(yamldoc_get(ups->items[i], "text"), m->updates[i].text, "update text");
	}
	yamldoc_release(&doc);
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct minutes_params p;
	struct minutes m;
	struct diag d = DIAG_INIT;
	long lines = 1;
	size_t i;

	if (size > MAX_TEXT)
		return 0;
	for (i = 0; i < size; i++) /* LF, CRLF and CR end a line, as for the parser */
		lines += data[i] == '\n' ||
			 (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	p.rules = rules(minutes_rules_detect(text, size));
	p.services = services();
	p.date = civtime_days_from_civil(2026, 11, 19);
	p.today = civtime_days_from_civil(2026, 11, 20);
	p.force = 1; /* read everything as minutes: the refusal is a golden case's */
	if (minutes_parse(&m, &p, "fuzz.txt", text, size, &d) != 0) {
		if (d.status != DIAG_DATA || d.line < 1 || d.line > lines || !d.msg[0])
			fail("error diagnostic", d.line);
		return 0;
	}
	check(&m);
	for (i = 0; i < m.nwarnings && i < MINUTES_WARNINGS_MAX; i++)
		if (m.warnings[i].line < 1 || m.warnings[i].line > lines || !m.warnings[i].msg[0])
			fail("warning", m.warnings[i].line);
	minutes_release(&m);
	return 0;
}
