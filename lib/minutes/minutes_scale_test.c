/*
 * minutes_scale_test: minutes_parse takes time linear in the size of its
 * input, and memory a small multiple of it (issue 13).  No clock is read:
 * the parser counts its work (struct minutes, work: the characters its
 * searches went through and the steps of its own loops), and each kind of
 * input is parsed at n and 4n units, whose work must grow about four
 * times, not sixteen.  Memory is the growth of a child's peak resident
 * set between a smaller and a four times larger input, per byte of input
 * (at most 10, or 20 where every few bytes are records of output); it is
 * skipped under valgrind and the sanitizers, which keep their own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "civtime.h"
#include "minutes.h"
#include "minutes_rules.h"
#include "services.h"
#include "strbuf.h"
#include "tap.h"
#include "testgolden.h"
#include "banned.h"

static struct minutes_rules cs, pl;
static struct services svc; /* the organisations of testdata/fixtures/minutes */

/*
 * One kind of input: a head, then the unit n times, then a tail.  In the
 * unit, {X} stands for something of the unit's number i, so that units
 * differ: {L} letters for a name without digits ("Bcd"), {d} a day, {m} a
 * month, {h} an hour, {M} minutes, {y} a year, {c} a count, {u} a unit of
 * capacity, {w} a word.
 */
struct shape {
	const char *name, *head, *unit, *tail;
	int polish;
	int records; /* each unit of a few bytes is records of output: more memory a byte */
};

static const struct shape shapes[] = {
	{ "next meetings: one list of dates",
	  "Zápis\n\n1. 2. 2026\n\nPříští jednání: ", "{d}. {m}.; ", "\n", 0, 0 },
	{ "next meetings: dates with times",
	  "Zápis\n\n1. 2. 2026\n\nPříští jednání: ", "{d}. {m}. v {h}:30, ", "\n", 0, 0 },
	{ "next meetings: many times after a date", "Zápis\n\n1. 2. 2026\n\nPříští jednání 3. 4. ",
	  "{h}:{M} ", "\n", 0, 0 },
	{ "next meetings: a paragraph each", "Zápis\n\n1. 2. 2026\n\n",
	  "Příští jednání {d}. {m}. v 10:00.\n\n", "", 0, 0 },
	{ "next meetings: years before dates",
	  "Zápis\n\n1. 2. 2026\n\nPříští jednání: ", "v roce {y} {d}. {m}., ", "\n", 0, 0 },
	{ "capacity: sentences of one update", "Zápis\n\n1. 2. 2026\n\n- Sova. ",
	  "Obsazeno je {c} z 26 lůžek. ", "\n", 0, 0 },
	{ "capacity: lines of one update", "Zápis\n\n1. 2. 2026\n\n- Sova.\n",
	  "Obsazeno je {c} z 26 lůžek.\n", "", 0, 0 },
	{ "updates: a name of services.yaml on each line", "Zápis\n\n1. 2. 2026\n\n",
	  "Přístav Jizerov – noclehárna má {c} volných lůžek.\n", "", 0, 0 },
	{ "capacity: units in one sentence", "Zápis\n\n1. 2. 2026\n\n- Sova. ", "{c} z 30 {u}, ",
	  "\n", 0, 0 },
	{ "capacity: sub-items of one update", "Zápis\n\n1. 2. 2026\n\n- Sova\n",
	  "o Pracují s {c} rodinami.\n", "", 0, 0 },
	{ "updates: one an item", "Zápis\n\n1. 2. 2026\n\n", "- Sova {L}. Mají 5 volných lůžek.\n",
	  "", 0, 0 },
	{ "updates: Polish", "Protokół\n\n25 listopada 2026 r.\n\n",
	  "- Fundacja {L}. Brak wolnych miejsc, 12 osób czeka.\n", "", 1, 0 },
	{ "attendees: a list", "Zápis\n\n1. 2. 2026\n\nPřítomni: ", "Jan {L}, ", "Eva Malá\n", 0,
	  0 },
	{ "attendees: a line each", "Zápis\n\n1. 2. 2026\n\nPřítomni:\n", "Mgr. Jana {L} (Sova)\n",
	  "", 0, 0 },
	{ "topics: numbered items", "Zápis\n\n1. 2. 2026\n\n", "{d}. Zprávy {L}\n", "", 0, 0 },
	{ "topics: items after a heading", "Zápis\n\n1. 2. 2026\n\nProgram:\n", "- bod {L}\n", "",
	  0, 0 },
	{ "action points", "Zápis\n\n1. 2. 2026\n\n- Sova. ", "Úkol: rozeslat zápis {L}. ", "\n", 0,
	  0 },
	{ "short lines", "Zápis\n\n1. 2. 2026\n\n", "a\n", "", 0, 0 },
	{ "letter-spacing", "Zápis\n\n1. 2. 2026\n\n", "a b  ", "s t r á n k á c h\n", 0, 0 },
	{ "private-use bullets in a line", "Zápis\n\n1. 2. 2026\n\n",
	  "\xEF\x82\xB7 Sova {L}. Beze změn. ", "\n", 0, 0 },
	{ "one long line", "Zápis\n\n1. 2. 2026\n\n", "{w} ", "\n", 0, 0 },
	{ "hyphenated lines", "Zápis\n\n1. 2. 2026\n\n", "zpracová-\n", "konec\n", 0, 0 },
	{ "headings in capitals", "Zápis\n\n1. 2. 2026\n\n", "NADPIS\n", "", 0, 0 },
	{ "labels", "Zápis\n\n", "Datum: {d}. 2. 2026\n", "", 0, 0 },
	{ "attendees: a table", "Zápis\n\n1. 2. 2026\n\nJméno\tOrganizace\tFunkce\n",
	  "Jana {L}\tSova {L}\tředitelka\n", "", 0, 0 },
	{ "attendees: in sentences", "Zápis\n\n1. 2. 2026\n\n",
	  "Setkání řídil Ing. Jan {L} a zúčastnili se Eva {L}, Petr {L}. ", "\n", 0, 0 },
	{ "attendees: joined by conjunctions", "Zápis\n\n1. 2. 2026\n\nPřítomni: ", "Jan {L} a ",
	  "Eva Malá\n", 0, 0 },
	{ "a place full of fillers", "Zápis\n\n1. 2. 2026\n\nMísto: ", "dne h. ", "Sova\n", 0, 0 },
	{ "an author full of fillers", "Zápis\n\n1. 2. 2026\n\nZapsala: ", "dne {L} ", "\n", 0, 0 },
	{ "attendees: in a sentence of prepositions", "Zápis\n\n1. 2. 2026\n\nZúčastnili se ",
	  "z Sova{L} ", ".\n", 0, 0 },
	{ "attendees: under organisations", "Zápis\n\n1. 2. 2026\n\nPřítomni:\n",
	  "- Sova {L}\n  - Jana {L}\n  - Eva {L}\n", "", 0, 0 },
	/* a row of 17 bytes is an update (its text in the heading's words) and a statement */
	{ "capacity: a table", "Zápis\n\n1. 2. 2026\n\nSlužba\tKapacita\tObsazeno\tVolno\n",
	  "Sova {L}\t30\t{c}\t2\n", "", 0, 1 },
	{ "capacity: free places in words", "Zápis\n\n1. 2. 2026\n\n- Sova. ",
	  "Z {c} lůžek, která mají, jsou volná dvě. ", "\n", 0, 0 },
	{ "sections: Ad N.", "Protokół nr 5/2026\n\n25 listopada 2026 r.\n\n",
	  "Ad {d}. Sprawy {L}\nFundacja {L} ma 5 wolnych miejsc.\n", "", 1, 0 },
	{ "page furniture", "Zápis\n\n1. 2. 2026\n\n",
	  "Text {L} strany.\nStrana {d} z 90\nZápis z jednání pracovní skupiny\n", "", 0, 0 },
	{ "paragraphs before the date", "Zápis\n\n", "Text bez data a bez organizace\n\n",
	  "1. 2. 2026\n", 0, 0 },
};

/* Letters for a number, so that names differ without digits ("Bcd"). */
static void letters(struct strbuf *sb, size_t i)
{
	strbuf_addch(sb, 'A' + (char)(i % 26));
	do {
		strbuf_addch(sb, 'a' + (char)(i % 26));
		i /= 26;
	} while (i);
}

static void unit(struct strbuf *sb, const char *u, size_t i)
{
	static const char *const units[] = { "lůžek", "rodin", "klientů", "míst" };

	for (; *u; u++) {
		if (*u != '{' || !u[1] || u[2] != '}') {
			strbuf_addch(sb, *u);
			continue;
		}
		switch (*++u) {
		case 'L':
			letters(sb, i);
			break;
		case 'd':
			strbuf_addf(sb, "%zu", i % 28 + 1);
			break;
		case 'm':
			strbuf_addf(sb, "%zu", i % 12 + 1);
			break;
		case 'h':
			strbuf_addf(sb, "%zu", 8 + i % 10);
			break;
		case 'M':
			strbuf_addf(sb, "%02zu", i % 60);
			break;
		case 'y':
			strbuf_addf(sb, "%zu", 2027 + i % 50);
			break;
		case 'c':
			strbuf_addf(sb, "%zu", i % 26 + 1);
			break;
		case 'u':
			strbuf_addstr(sb, units[i % 4]);
			break;
		case 'w':
			strbuf_addstr(sb, i % 7 ? "slovo" : "Mgr.");
			break;
		}
		u++;
	}
}

static void make(struct strbuf *sb, const struct shape *s, size_t n)
{
	size_t i;

	strbuf_reset(sb);
	strbuf_addstr(sb, s->head);
	for (i = 0; i < n; i++)
		unit(sb, s->unit, i);
	strbuf_addstr(sb, s->tail);
}

static int parse(const struct shape *s, const struct strbuf *text, struct minutes *m,
		 struct diag *d)
{
	struct minutes_params p = { s->polish ? &pl : &cs, &svc, MINUTES_NO_DATE, 0, 1 };

	p.today = civtime_days_from_civil(2026, 11, 23);
	return minutes_parse(m, &p, "t.txt", text->buf, text->len, d);
}

static unsigned long long work(const struct shape *s, size_t n, size_t *len)
{
	struct strbuf text = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	struct minutes m;
	unsigned long long w = 0;

	make(&text, s, n);
	*len = text.len;
	if (parse(s, &text, &m, &d) == 0) {
		w = m.work;
		minutes_release(&m);
	} else {
		printf("# %s: %s\n", s->name, d.msg);
	}
	strbuf_release(&text);
	return w;
}

/*
 * The child (argv: --rss SHAPE N): how much its peak resident set grew,
 * in KiB, while it parsed N units of shape SHAPE and printed the document
 * to /dev/null.  A fresh process, so that no memory freed before is there
 * to be reused.
 */
static int rss_child(const char *shape, const char *units)
{
	struct strbuf text = STRBUF_INIT;
	const struct shape *s = &shapes[strtoul(shape, NULL, 10)];
	FILE *null = fopen("/dev/null", "w");
	struct rusage ru;
	struct minutes m;
	struct diag d = DIAG_INIT;
	long before;

	make(&text, s, strtoul(units, NULL, 10));
	getrusage(RUSAGE_SELF, &ru);
	before = ru.ru_maxrss;
	if (!null || parse(s, &text, &m, &d) < 0)
		return 1;
	minutes_yaml_print(&m, null);
	minutes_release(&m);
	getrusage(RUSAGE_SELF, &ru);
	printf("%ld\n", ru.ru_maxrss - before);
	fclose(null);
	strbuf_release(&text);
	return 0;
}

/* Run the child for shape i and n units; its answer, or -1. */
static long child_rss(const char *self, size_t i, size_t n)
{
	char shape[24], units[24], buf[64];
	int fds[2], status;
	ssize_t got;
	pid_t pid;

	snprintf(shape, sizeof shape, "%zu", i);
	snprintf(units, sizeof units, "%zu", n);
	if (pipe(fds) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execl(self, self, "--rss", shape, units, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	got = read(fds[0], buf, sizeof buf - 1);
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) || got <= 0)
		return -1;
	buf[got] = '\0';
	return strtol(buf, NULL, 10);
}

/* The size of the text of n units of shape s. */
static size_t text_size(const struct shape *s, size_t n)
{
	struct strbuf text = STRBUF_INIT;
	size_t len;

	make(&text, s, n);
	len = text.len;
	strbuf_release(&text);
	return len;
}

static void test_work(void)
{
	size_t i, len1, len4, n = 250;

	if (getenv("OKIENKO_VALGRIND")) { /* the count is the same; valgrind only slows it */
		ok(1, "# skip linear work: OKIENKO_VALGRIND");
		return;
	}

	for (i = 0; i < sizeof shapes / sizeof *shapes; i++) {
		const struct shape *s = &shapes[i];
		unsigned long long w1 = work(s, n, &len1), w4 = work(s, 4 * n, &len4);
		double ratio = w1 ? (double)w4 / (double)w1 : 0;
		if (!ok(w1 > 0 && ratio <= 4.6, "work grows linearly: %s (x%.2f)", s->name, ratio))
			printf("#   %zu bytes: work %llu; %zu bytes: work %llu (x%.1f)\n", len1, w1,
			       len4, w4, ratio);
	}
}

static void test_memory(const char *self)
{
	size_t i, len1, len4, n;
	const char *skip = getenv("OKIENKO_SANITIZED")  ? "OKIENKO_SANITIZED"
			   : getenv("OKIENKO_VALGRIND") ? "OKIENKO_VALGRIND"
							: NULL;

	for (i = 0; i < sizeof shapes / sizeof *shapes; i++) {
		const struct shape *s = &shapes[i];
		long r1, r4;
		double per_byte;
		if (skip) {
			ok(1, "# skip memory of %s: %s", s->name, skip);
			continue;
		}
		/* about 256 KiB and 1 MiB of text, enough for the resident set to tell */
		n = (size_t)256 * 1024 * 100 / (text_size(s, 100) - text_size(s, 0));
		r1 = child_rss(self, i, n);
		r4 = child_rss(self, i, 4 * n);
		len1 = text_size(s, n);
		len4 = text_size(s, 4 * n);
		per_byte = (double)(r4 - r1) * 1024 / (double)(len4 - len1);
		if (!ok(r1 >= 0 && r4 >= 0 && per_byte <= (s->records ? 20 : 10),
			"memory grows with the input: %s (%.1f bytes a byte)", s->name, per_byte))
			printf("#   %zu bytes: +%ld KiB; %zu bytes: +%ld KiB\n", len1, r1, len4,
			       r4);
	}
}

int main(int argc, char **argv)
{
	struct strbuf path = STRBUF_INIT;
	struct diag d = DIAG_INIT;

	if (minutes_rules_builtin(&cs, "cs", &d) < 0 || minutes_rules_builtin(&pl, "pl", &d) < 0) {
		printf("Bail out! built-in rules: %s\n", d.msg);
		return 1;
	}
	strbuf_addf(&path, "%s/testdata/fixtures/minutes/services.yaml", testgolden_top());
	if (services_load(&svc, path.buf, NULL, &d) < 0) {
		printf("Bail out! %s: %s\n", path.buf, d.msg);
		return 1;
	}
	strbuf_release(&path);
	if (argc == 4 && !strcmp(argv[1], "--rss"))
		return rss_child(argv[2], argv[3]);
	test_work();
	test_memory(argv[0]);
	minutes_rules_release(&cs);
	minutes_rules_release(&pl);
	services_release(&svc);
	return tap_done();
}
