#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dirctx.h"
#include "strbuf.h"
#include "tap.h"
#include "banned.h"

#define NOW "2026-11-23T14:05:00+01:00"

static char dir[] = "/tmp/dirctx_test." TAP_TEMPLATE_TAIL;
static struct strbuf services_yaml = STRBUF_INIT;
static int64_t fixed_now;

static const char *path_of(const char *name)
{
	static char buf[4][128];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
	return buf[i];
}

static void put(const char *name, const char *content)
{
	FILE *f = fopen(path_of(name), "w");
	if (!f) {
		printf("# cannot write %s\n", path_of(name));
		return;
	}
	fputs(content, f);
	fclose(f);
}

static void slurp(struct strbuf *sb, const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	size_t n;

	if (!f)
		return;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(sb, buf, n);
	fclose(f);
}

static int zeroed(const struct dirctx *c)
{
	return c->dir.path == NULL && c->tz == NULL && c->taxonomy.n == 0 &&
	       c->taxonomy.entries == NULL && !c->have_services && c->now == 0;
}

static void test_plain(void)
{
	struct dirctx c;
	struct diag d = DIAG_INIT;

	is_int(dirctx_load(&c, dir, 0, &d), 0, "an empty directory loads");
	is_str(c.dir.path, dir, "-d names the directory");
	ok(c.taxonomy.n >= 25 && taxonomy_find(&c.taxonomy, "housing") != NULL &&
		   taxonomy_find(&c.taxonomy, "citizenship") != NULL,
	   "the built-in taxonomy");
	ok(taxonomy_find(&c.taxonomy, "winter-clothes") == NULL, "and nothing else");
	is_int(c.have_services, 0, "no services without DIRCTX_SERVICES");
	is_str(civtz_name(c.tz), "UTC", "without services.yaml and TZ: UTC");
	is_int(c.now, fixed_now, "now from OKIENKO_NOW");
	dirctx_release(&c);
	ok(zeroed(&c), "dirctx_release clears everything");

	is_int(dirctx_load(&c, dir, DIRCTX_SERVICES, &d), 0, "services.yaml is optional");
	is_int(c.have_services, 0, "and is not loaded when absent");
	dirctx_release(&c);
}

static void test_tz(void)
{
	static const char *const valid[][2] = { { ":Europe/Warsaw", "Europe/Warsaw" },
						{ "CET-1CEST,M3.5.0,M10.5.0/3",
						  "CET-1CEST,M3.5.0,M10.5.0/3" } };
	static const char *const invalid[] = { "Mars/Olympus", "../zoneinfo/Europe/Prague", ":" };
	struct dirctx c;
	struct diag d = DIAG_INIT;
	size_t i;

	setenv("TZ", "Europe/Warsaw", 1);
	dirctx_load(&c, dir, DIRCTX_SERVICES, &d);
	is_str(civtz_name(c.tz), "Europe/Warsaw", "without services.yaml: the zone TZ names");
	dirctx_release(&c);
	setenv("TZ", "", 1);
	dirctx_load(&c, dir, DIRCTX_SERVICES, &d);
	is_str(civtz_name(c.tz), "UTC", "an empty TZ: UTC");
	dirctx_release(&c);
	for (i = 0; i < sizeof valid / sizeof *valid; i++) {
		setenv("TZ", valid[i][0], 1);
		is_int(dirctx_load(&c, dir, 0, &d), 0, "TZ='%s' is a zone", valid[i][0]);
		is_str(c.tz ? civtz_name(c.tz) : "(none)", valid[i][1], "TZ='%s' is '%s'",
		       valid[i][0], valid[i][1]);
		dirctx_release(&c);
	}
	/* never read as UTC: a writer would store wrong times */
	for (i = 0; i < sizeof invalid / sizeof *invalid; i++) {
		setenv("TZ", invalid[i], 1);
		is_int(dirctx_load(&c, dir, 0, &d), -1, "TZ='%s' is refused", invalid[i]);
		is_int(d.status, DIAG_USAGE, "TZ='%s' is a usage error (exit 2)", invalid[i]);
	}
	unsetenv("TZ");
}

static void test_dir_choice(void)
{
	struct dirctx c;
	struct diag d = DIAG_INIT;
	char cwd[4096], want[128];

	mkdir(path_of("sub"), 0700);
	setenv("OKIENKO_DIR", path_of("sub"), 1);
	is_int(dirctx_load(&c, NULL, 0, &d), 0, "OKIENKO_DIR without -d");
	is_str(c.dir.path, path_of("sub"), "OKIENKO_DIR names the directory");
	dirctx_release(&c);
	dirctx_load(&c, "", 0, &d);
	is_str(c.dir.path, path_of("sub"), "an empty -d is no -d");
	dirctx_release(&c);
	dirctx_load(&c, dir, 0, &d);
	is_str(c.dir.path, dir, "-d wins over OKIENKO_DIR");
	dirctx_release(&c);

	setenv("OKIENKO_DIR", path_of("gone"), 1);
	is_int(dirctx_load(&c, NULL, 0, &d), -1, "a missing OKIENKO_DIR fails");
	snprintf(want, sizeof want, "data directory '%s' does not exist", path_of("gone"));
	is_str(d.msg, want, "a missing OKIENKO_DIR: message");
	ok(zeroed(&c), "a failed load leaves nothing to free");

	setenv("OKIENKO_DIR", "", 1);
	if (!getcwd(cwd, sizeof cwd) || chdir(path_of("sub")) < 0) {
		ok(0, "chdir to the test directory");
		return;
	}
	put("sub/services.yaml", services_yaml.buf);
	is_int(dirctx_load(&c, NULL, DIRCTX_SERVICES, &d), 0,
	       "neither -d nor OKIENKO_DIR: the working directory");
	is_str(c.dir.path, ".", "its path is .");
	is_str(c.services.path, "services.yaml", "files in it are named without ./");
	dirctx_release(&c);
	unsetenv("OKIENKO_DIR");
	is_int(dirctx_load(&c, NULL, DIRCTX_SERVICES, &d), 0,
	       "OKIENKO_DIR unset: the working directory");
	is_str(c.dir.path, ".", "its path is . too");
	dirctx_release(&c);
	if (chdir(cwd) < 0)
		printf("# cannot go back to %s\n", cwd);
	unlink(path_of("sub/services.yaml"));
	rmdir(path_of("sub"));
}

static void test_missing_dir(void)
{
	struct dirctx c;
	struct diag d = DIAG_INIT;
	char want[160];

	is_int(dirctx_load(&c, path_of("missing"), 0, &d), -1, "a missing -d fails");
	is_int(d.status, DIAG_USAGE, "as a usage error");
	snprintf(want, sizeof want, "data directory '%s' does not exist", path_of("missing"));
	is_str(d.msg, want, "a missing -d: message");
	ok(!d.file[0] && d.line == 0, "without a position");
	ok(zeroed(&c), "nothing to free");

	put("plain", "x\n");
	is_int(dirctx_load(&c, path_of("plain"), 0, &d), -1, "a file as -d fails");
	snprintf(want, sizeof want, "'%s' is not a directory", path_of("plain"));
	is_str(d.msg, want, "a file as -d: message");
	is_int(d.status, DIAG_USAGE, "a file as -d: usage error");
	unlink(path_of("plain"));
}

static void test_taxonomy(void)
{
	struct dirctx c;
	struct diag d = DIAG_INIT;

	put("taxonomy.yaml",
	    "version: 1\nneeds:\n  - code: winter-clothes\n    labels: {en: winter clothes}\n");
	is_int(dirctx_load(&c, dir, 0, &d), 0, "taxonomy.yaml loads");
	ok(taxonomy_find(&c.taxonomy, "winter-clothes") != NULL, "its codes are added");
	ok(taxonomy_find(&c.taxonomy, "housing") != NULL, "to the built-ins");
	dirctx_release(&c);

	put("taxonomy.yaml", "version: 1\nneed:\n  - code: housing\n");
	is_int(dirctx_load(&c, dir, DIRCTX_SERVICES, &d), -1, "a bad taxonomy.yaml fails");
	ok(d.status == DIAG_DATA && !strcmp(d.file, path_of("taxonomy.yaml")) && d.line == 2 &&
		   d.col == 1,
	   "a data error in DIR/taxonomy.yaml at 2:1");
	is_str(d.msg, "unknown key 'need'", "with its message");
	is_str(d.hint, "did you mean 'needs'?", "and hint");
	ok(zeroed(&c), "a failed load releases what it loaded");
	unlink(path_of("taxonomy.yaml"));
}

static void test_services(void)
{
	struct dirctx c;
	struct diag d = DIAG_INIT;

	setenv("TZ", "Europe/Warsaw", 1);
	put("services.yaml", services_yaml.buf);
	is_int(dirctx_load(&c, dir, DIRCTX_SERVICES, &d), 0, "services.yaml loads");
	is_int(c.have_services, 1, "have_services");
	ok(services_find(&c.services, "brana-night") != NULL, "its services");
	is_str(c.services.path, path_of("services.yaml"), "from DIR/services.yaml");
	is_str(civtz_name(c.tz), "Europe/Prague", "the zone of services.yaml wins over TZ");
	dirctx_release(&c);

	is_int(dirctx_load(&c, dir, 0, &d), 0, "without DIRCTX_SERVICES");
	is_int(c.have_services, 0, "services.yaml is not loaded");
	is_str(civtz_name(c.tz), "Europe/Warsaw",
	       "and the zone is TZ's (as for a directory without it)");
	dirctx_release(&c);

	put("services.yaml", "version: 1\ncountry: PL\norganizations: []\n");
	unsetenv("TZ");
	dirctx_load(&c, dir, DIRCTX_SERVICES, &d);
	is_str(civtz_name(c.tz), "Europe/Warsaw", "country PL without timezone: Europe/Warsaw");
	dirctx_release(&c);

	put("services.yaml", "version: 2\ncountry: CZ\n");
	is_int(dirctx_load(&c, dir, 0, &d), 0,
	       "a bad services.yaml does not matter without DIRCTX_SERVICES");
	dirctx_release(&c);
	is_int(dirctx_load(&c, dir, DIRCTX_SERVICES, &d), -1,
	       "a bad services.yaml fails with DIRCTX_SERVICES");
	ok(d.status == DIAG_DATA && !strcmp(d.file, path_of("services.yaml")) && d.line == 1 &&
		   d.col == 10,
	   "a data error in DIR/services.yaml at 1:10");
	is_str(d.msg, "unsupported version '2'", "with its message");
	ok(zeroed(&c), "a failed load releases what it loaded");

	put("services.yaml",
	    "version: 1\ncountry: CZ\ntimezone: Europe/Atlantis\norganizations: []\n");
	is_int(dirctx_load(&c, dir, DIRCTX_SERVICES, &d), -1, "a zone tzdata does not know fails");
	is_int(d.status, DIAG_DATA, "as a data error");
	is_str(d.msg, "unknown time zone 'Europe/Atlantis'", "unknown zone: message");
	ok(zeroed(&c), "a failed load releases the services");
	unlink(path_of("services.yaml"));
}

static void test_now(void)
{
	struct dirctx c;
	struct diag d = DIAG_INIT;
	time_t t;

	setenv("OKIENKO_NOW", "yesterday", 1);
	is_int(dirctx_load(&c, dir, 0, &d), -1, "an invalid OKIENKO_NOW fails");
	is_int(d.status, DIAG_USAGE, "as a usage error");
	is_str(d.msg, "invalid OKIENKO_NOW 'yesterday'", "invalid OKIENKO_NOW: message");
	ok(zeroed(&c), "and releases what it loaded");
	setenv("OKIENKO_NOW", "2026-11-23T14:05", 1);
	is_int(dirctx_load(&c, dir, 0, &d), -1, "OKIENKO_NOW without a zone fails");
	is_str(d.msg, "invalid OKIENKO_NOW '2026-11-23T14:05'", "without a zone: message");

	unsetenv("OKIENKO_NOW");
	t = time(NULL);
	is_int(dirctx_load(&c, dir, 0, &d), 0, "without OKIENKO_NOW");
	ok(c.now >= t && c.now <= t + 5, "now is the clock's");
	dirctx_release(&c);
	setenv("OKIENKO_NOW", NOW, 1);
}

int main(void)
{
	const char *top = getenv("OKIENKO_TOP");
	struct strbuf path = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	int offset;

	strbuf_addf(&path, "%s/testdata/fixtures/small/services.yaml", top && *top ? top : ".");
	slurp(&services_yaml, path.buf);
	strbuf_release(&path);
	if (!services_yaml.len || !mkdtemp(dir) ||
	    civtime_parse_ts(NOW, NULL, &fixed_now, &offset) < 0) {
		printf("Bail out! cannot set up (services fixture, temporary directory)\n");
		return 1;
	}
	unsetenv("TZ");
	unsetenv("TZDIR");
	unsetenv("OKIENKO_DIR");
	setenv("OKIENKO_NOW", NOW, 1);
	diag_clear(&d);
	test_plain();
	test_tz();
	test_dir_choice();
	test_missing_dir();
	test_taxonomy();
	test_services();
	test_now();
	rmdir(dir);
	strbuf_release(&services_yaml);
	return tap_done();
}
