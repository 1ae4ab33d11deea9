#include "tap.h"
#include "testgolden.h"
#include "services.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"
#include "suggest.h"
#include "banned.h"

/*
 * CPU time of this process, printed as a figure for make bench: never
 * compared with a bound (make check must pass on a busy machine).
 */

/* The hint's phrase for word, or NULL when nothing is near. */
static const char *svc_hint(const struct services *x, const char *word)
{
	static char buf[SUGGEST_PHRASE_MAX];
	struct suggestion near;

	if (!services_suggest(x, word, &near))
		return NULL;
	return suggest_phrase(&near, buf, sizeof buf);
}

static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int spew(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int ret = fd >= 0 && write(fd, text, len) == (ssize_t)len ? 0 : -1;

	if (fd >= 0)
		close(fd);
	return ret;
}

static int load_services(const char *path, void *arg, struct diag *d)
{
	struct services s;
	int failed = services_load(&s, path, arg, d) == -1 && s.nall == 0 && s.norgs == 0;
	services_release(&s);
	return failed;
}

static void is_list(const char **list, size_t n, const char *want, const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? ";" : "", list[i]);
	is_str(sb.buf, want, "%s", what);
	strbuf_release(&sb);
}

static void test_good(const struct taxonomy *tax)
{
	struct strbuf path = STRBUF_INIT;
	struct services s;
	struct diag d = DIAG_INIT;
	const struct service *sv;
	const struct organization *org;

	strbuf_addf(&path, "%s/testdata/services/good.yaml", testgolden_top());
	if (!ok(!services_load(&s, path.buf, tax, &d), "good.yaml loads: %s", d.msg))
		return;
	is_str(s.path, path.buf, "path kept");
	is_int(s.version, 1, "version");
	is_str(s.country, "CZ", "country");
	is_str(s.timezone, "Europe/Prague", "timezone");
	is_int(s.norgs, 4, "organizations");
	is_int(s.nall, 6, "services");
	is_str(s.all[0]->id, "kacpu-lipany-registration", "file order (first)");
	is_str(s.all[5]->id, "cic-zalesie-psych", "file order (last)");

	org = services_find_org(&s, "kacpu-lipany");
	ok(org == &s.orgs[0], "find organization");
	is_str(org->name, "Krajské asistenční centrum pomoci Ukrajině Lipany", "org name");
	is_list(org->aliases, org->naliases, "KACPU;KACPU Lipany;asistenční centrum", "aliases");
	is_str(org->country, "CZ", "org country from the file");
	ok(org->line == 8 && org->col == 5, "org position 8:5");
	is_int(org->nservices, 2, "org services");

	sv = services_find(&s, "kacpu-lipany-registration");
	ok(sv && sv->org == org && org->services[0] == sv, "service and its org");
	is_str(sv->name, "Registrace a dočasná ochrana", "service name");
	is_list(sv->needs, sv->nneeds, "registration;temporary-protection;residence", "needs");
	is_list(sv->languages, sv->nlanguages, "cs;uk;ru", "languages");
	is_int(sv->ntarget_groups, 0, "no target groups");
	is_str(sv->hours, "Mo-Su,PH 07:00-19:00", "hours text");
	ok(sv->hours_line == 16 && sv->hours_col == 17,
	   "double-quoted hours start past the quote (16:17)");
	is_str(sv->address, "Nádražní 12, Lipany", "address");
	is_str(sv->phone, "+420 555 010 200", "phone");
	ok(sv->capacity_unit == NULL && sv->capacity_total == -1, "no capacity");
	ok(sv->line == 12 && sv->col == 9, "service position 12:9");

	sv = services_find(&s, "kacpu-lipany-insurance");
	is_str(sv->hours, "Mo-Fr 08:00-16:00", "plain hours");
	ok(sv->hours_line == 23 && sv->hours_col == 16, "plain hours at 23:16");
	ok(sv->address == NULL && sv->phone == NULL, "absent strings are NULL");

	sv = services_find(&s, "shelter-north-night");
	is_str(sv->capacity_unit, "beds", "capacity unit");
	is_int(sv->capacity_total, 40, "capacity total");
	is_list(sv->target_groups, sv->ntarget_groups, "homeless;families", "target groups");
	ok(sv->hours_line == 33 && sv->hours_col == 17,
	   "single-quoted hours start past the quote (33:17)");
	sv = services_find(&s, "shelter-north-families");
	ok(!strcmp(sv->capacity_unit, "families") && sv->capacity_total == -1,
	   "capacity without total");
	ok(sv->hours == NULL, "no hours");
	sv = services_find(&s, "cic-zalesie-psych");
	ok(sv->capacity_total == 0, "capacity total 0");

	org = services_find_org(&s, "cic-zalesie");
	is_str(org->country, "PL", "organization overrides the country");
	is_str(services_find(&s, "cic-zalesie-info")->org->country, "PL", "its services are in PL");
	org = services_find_org(&s, "red-cross-lipany");
	ok(org && org->nservices == 0 && org->naliases == 0, "organization without services");

	ok(services_find(&s, "shelter-north") == NULL, "an org id is no service");
	ok(services_find_org(&s, "shelter-north-night") == NULL, "a service id is no org");
	ok(services_find(&s, "nope") == NULL && services_find(&s, NULL) == NULL, "unknown id");
	is_str(svc_hint(&s, "shelter-nort-night"), "'shelter-north-night'", "suggest a service id");
	is_str(svc_hint(&s, "cic-zalesie-psycho"), "'cic-zalesie-psych'", "suggest (2)");
	ok(svc_hint(&s, "food-bank") == NULL, "nothing to suggest");
	is_str(svc_hint(&s, "cic-zalesie"), "'cic-zalesie-info' or 'cic-zalesie-psych'",
	       "an organization's id: its services, which begin with it");
	services_release(&s);
	ok(s.nall == 0 && services_find(&s, "cic-zalesie-info") == NULL, "released");
	services_release(&s);
	strbuf_release(&path);
}

static char tmpdir[64];

static void make_tmpdir(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/services_test." TAP_TEMPLATE_TAIL);
	if (!mkdtemp(tmpdir))
		tmpdir[0] = '\0';
}

static const char *tmpfile_path(struct strbuf *sb, const char *name)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", tmpdir, name);
	return sb->buf;
}

static void test_variants(const struct taxonomy *tax)
{
	static const char pl[] = "version: 1\ncountry: PL\n";
	static const char utc[] =
		"version: 1\ncountry: CZ\ntimezone: UTC\n"
		"organizations:\n";
	static const char need[] =
		"version: 1\ncountry: CZ\norganizations:\n"
		"  - id: 1st-aid\n    name: First\n    services:\n"
		"      - {id: 1st-aid-coats, name: Coats, needs: [winter-clothes]}\n";
	struct strbuf path = STRBUF_INIT, tpath = STRBUF_INIT;
	struct services s;
	struct taxonomy more;
	struct diag d = DIAG_INIT;

	spew(tmpfile_path(&path, "pl.yaml"), pl, sizeof pl - 1);
	ok(!services_load(&s, path.buf, tax, &d) && !strcmp(s.timezone, "Europe/Warsaw") &&
		   s.norgs == 0 && s.nall == 0,
	   "PL: default time zone, no organizations");
	services_release(&s);
	spew(path.buf, utc, sizeof utc - 1);
	ok(!services_load(&s, path.buf, tax, &d) && !strcmp(s.timezone, "UTC"),
	   "UTC and an empty organizations key");
	services_release(&s);

	spew(path.buf, need, sizeof need - 1);
	ok(services_load(&s, path.buf, tax, &d) == -1 &&
		   !strcmp(d.msg, "unknown need 'winter-clothes'"),
	   "need unknown to the built-in taxonomy");
	ok(!services_load(&s, path.buf, NULL, &d) && s.nall == 1,
	   "without a taxonomy only the code syntax counts");
	is_str(services_find(&s, "1st-aid-coats")->needs[0], "winter-clothes", "the need is kept");
	services_release(&s);
	strbuf_addf(&tpath, "%s/testdata/taxonomy/good.yaml", testgolden_top());
	if (ok(!taxonomy_load(&more, tpath.buf, &d), "extended taxonomy")) {
		ok(!services_load(&s, path.buf, &more, &d), "need from taxonomy.yaml accepted");
		services_release(&s);
		taxonomy_release(&more);
	}
	unlink(path.buf);

	ok(services_load(&s, tmpfile_path(&path, "missing.yaml"), tax, &d) == -1 &&
		   d.status == DIAG_SYSTEM,
	   "missing services.yaml: system error");
	ok(services_valid_id("a") && services_valid_id("1st") &&
		   services_valid_id("shelter-north-2"),
	   "valid ids");
	ok(!services_valid_id("") && !services_valid_id("-a") && !services_valid_id("A") &&
		   !services_valid_id("a_b") && !services_valid_id("a.b") &&
		   !services_valid_id(NULL),
	   "invalid ids");
	strbuf_release(&path);
	strbuf_release(&tpath);
}

enum { BIG_PER_ORG = 100 };
/* 1,000 organizations of 100 services; under valgrind, which checks the
   memory and not the speed, 20 (the figures are for make bench). */
static int big_orgs;

static void write_big(struct strbuf *sb)
{
	static const char *const needs[] = {
		"housing",    "shelter",         "legal-aid",   "psych-support",
		"employment", "language-course", "health-care", "food-aid",
	};
	int o, i;

	strbuf_addstr(sb,
		      "version: 1\ncountry: CZ\ntimezone: Europe/Prague\n"
		      "organizations:\n");
	for (o = 0; o < big_orgs; o++) {
		strbuf_addf(sb,
			    "  - id: org-%d\n    name: Organizace %d\n"
			    "    aliases: [O%d]\n    services:\n",
			    o, o, o);
		for (i = 0; i < BIG_PER_ORG; i++)
			strbuf_addf(sb,
				    "      - id: org-%d-svc-%d\n"
				    "        name: Služba %d\n"
				    "        needs: [%s, %s]\n"
				    "        languages: [cs, uk]\n"
				    "        hours: \"Mo-Fr 08:00-16:00\"\n"
				    "        capacity: {unit: places, total: %d}\n",
				    o, i, i, needs[i % 8], needs[(i + 3) % 8], i);
	}
}

static void test_big(const struct taxonomy *tax)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct services s;
	struct diag d = DIAG_INIT;
	const struct service *sv;
	double t0, ms;
	int i, found = 0;
	char id[64];

	big_orgs = getenv("OKIENKO_VALGRIND") ? 20 : 1000;
	write_big(&text);
	if (!ok(!spew(tmpfile_path(&path, "big.yaml"), text.buf, text.len),
		"write %zu bytes of services.yaml", text.len))
		return;
	strbuf_release(&text);
	t0 = cpu_ms();
	ok(!services_load(&s, path.buf, tax, &d), "%d services load: %s", big_orgs * BIG_PER_ORG,
	   d.msg);
	ms = cpu_ms() - t0;
	is_int(s.nall, big_orgs * BIG_PER_ORG, "all services");
	is_int(s.norgs, big_orgs, "all organizations");
	printf("# figure: %d services loaded in %.0f ms of CPU time\n", big_orgs * BIG_PER_ORG, ms);
	t0 = cpu_ms();
	for (i = 0; i < big_orgs * BIG_PER_ORG; i++) {
		snprintf(id, sizeof id, "org-%d-svc-%d", i / BIG_PER_ORG, i % BIG_PER_ORG);
		sv = services_find(&s, id);
		found += sv && !strcmp(sv->id, id) && sv->capacity_total == i % BIG_PER_ORG;
	}
	ms = cpu_ms() - t0;
	is_int(found, big_orgs * BIG_PER_ORG, "every service found by id");
	printf("# figure: %d look-ups by id in %.0f ms of CPU time\n", big_orgs * BIG_PER_ORG, ms);
	snprintf(id, sizeof id, "org-%d-svc-%d", big_orgs - 1, BIG_PER_ORG - 1);
	sv = services_find(&s, id);
	snprintf(id, sizeof id, "org-%d", big_orgs - 1);
	ok(sv && !strcmp(sv->org->id, id), "last service's organization");
	services_release(&s);
	unlink(path.buf);
	strbuf_release(&path);
}

int main(void)
{
	struct taxonomy tax;
	struct diag d = DIAG_INIT;

	make_tmpdir();
	if (!ok(tmpdir[0] && !taxonomy_load(&tax, NULL, &d), "set up"))
		return tap_done();
	testgolden_errors("services", 48, load_services, &tax);
	test_good(&tax);
	test_variants(&tax);
	test_big(&tax);
	taxonomy_release(&tax);
	rmdir(tmpdir);
	return tap_done();
}
