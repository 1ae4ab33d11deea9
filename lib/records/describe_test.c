#include "describe.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "appointments.h"
#include "capacity.h"
#include "civtime.h"
#include "intake.h"
#include "referral.h"
#include "rx.h"
#include "tap.h"
#include "xalloc.h"
#include "banned.h"

/* A name with a quote and a backslash: the JSON must escape them. */
static const char services_yaml[] =
	"version: 1\n"
	"country: CZ\n"
	"timezone: Europe/Prague\n"
	"organizations:\n"
	"  - id: domov-brana\n"
	"    name: 'Domov \"Brána\" \\ z. s.'\n"
	"    services:\n"
	"      - id: brana-night\n"
	"        name: Noclehárna Brána\n"
	"        needs: [shelter]\n"
	"        capacity: {unit: beds, total: 30}\n"
	"  - id: poradna-svet\n"
	"    name: Poradna Svět\n"
	"    services:\n"
	"      - id: svet-legal\n"
	"        name: Právní poradna\n"
	"        needs: [legal-aid]\n";

/* A small JSON checker (RFC 8259): 1 when s is one valid JSON text. */
static const char *json_value(const char *s, int depth);

static const char *ws(const char *s)
{
	while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
		s++;
	return s;
}

static const char *json_string(const char *s)
{
	if (*s++ != '"')
		return NULL;
	for (; *s != '"'; s++) {
		if ((unsigned char)*s < 0x20)
			return NULL;
		if (*s == '\\') {
			s++;
			if (*s == 'u') {
				int i;
				for (i = 1; i <= 4; i++)
					if (!strchr("0123456789abcdefABCDEF", s[i]) || !s[i])
						return NULL;
				s += 4;
			} else if (!*s || !strchr("\"\\/bfnrt", *s)) {
				return NULL;
			}
		}
	}
	return s + 1;
}

static const char *json_number(const char *s)
{
	const char *start;
	if (*s == '-')
		s++;
	start = s;
	while (*s >= '0' && *s <= '9')
		s++;
	if (s == start || (*start == '0' && s - start > 1))
		return NULL;
	return s;
}

static const char *json_items(const char *s, char close, int object, int depth)
{
	s = ws(s + 1);
	if (*s == close)
		return s + 1;
	for (;;) {
		if (object) {
			if (!(s = json_string(ws(s))))
				return NULL;
			s = ws(s);
			if (*s++ != ':')
				return NULL;
		}
		if (!(s = json_value(s, depth + 1)))
			return NULL;
		s = ws(s);
		if (*s == close)
			return s + 1;
		if (*s++ != ',')
			return NULL;
	}
}

static const char *json_value(const char *s, int depth)
{
	s = ws(s);
	if (depth > 64)
		return NULL;
	if (*s == '{')
		return json_items(s, '}', 1, depth);
	if (*s == '[')
		return json_items(s, ']', 0, depth);
	if (*s == '"')
		return json_string(s);
	if (!strncmp(s, "true", 4) || !strncmp(s, "null", 4))
		return s + 4;
	if (!strncmp(s, "false", 5))
		return s + 5;
	return json_number(s);
}

static int json_valid(const char *s)
{
	s = json_value(s, 0);
	return s && *ws(s) == '\0';
}

/* The text of resource name's descriptor: from its "name" to the next resource's. */
static char *resource(const char *json, const char *name)
{
	char key[64];
	const char *start, *end;
	snprintf(key, sizeof key, "\n    {\n      \"name\": \"%s\",", name);
	start = strstr(json, key);
	if (!start)
		return NULL;
	end = strstr(start + 1, "\n    {\n      \"name\": ");
	return end ? xstrndup(start, (size_t)(end - start)) : xstrdup(start);
}

/* Are the fields of res exactly columns[0..n), in order? */
static int fields_are(const char *res, const char *const *columns, size_t n)
{
	const char *p = res ? strstr(res, "\"fields\": [") : NULL;
	char want[96];
	size_t i;
	if (!p)
		return 0;
	for (i = 0; i < n; i++) {
		const char *line = strstr(p, "\n          {\"name\": \"");
		snprintf(want, sizeof want,
			 "\n          {\"name\": \"%s\", \"type\": ", columns[i]);
		if (!line || strncmp(line, want, strlen(want)) != 0)
			return 0;
		p = line + 1;
	}
	return strncmp(strchr(p, '\n'), "\n        ],", 11) == 0;
}

/* The descriptor of field col in res, on its one line (malloc'd), or NULL. */
static char *field(const char *res, const char *col)
{
	char key[96];
	const char *p, *end;
	snprintf(key, sizeof key, "{\"name\": \"%s\", \"type\": ", col);
	p = res ? strstr(res, key) : NULL;
	if (!p)
		return NULL;
	end = strchr(p, '\n');
	return xstrndup(p, end ? (size_t)(end - p) : strlen(p));
}

/* A field's pattern, unescaped from JSON, anchored for PCRE2; malloc'd. */
static struct rx *pattern(const char *res, const char *col)
{
	char *f = field(res, col), *p = f ? strstr(f, "\"pattern\": \"") : NULL;
	struct strbuf sb = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	struct rx *rx;
	if (!p) {
		free(f);
		return NULL;
	}
	strbuf_addstr(&sb, "^(?:");
	for (p += 12; *p && *p != '"'; p++) {
		if (*p == '\\')
			p++;
		strbuf_addch(&sb, *p);
	}
	strbuf_addstr(&sb, ")$");
	rx = rx_compile(sb.buf, "pattern", 0, &d);
	strbuf_release(&sb);
	free(f);
	return rx;
}

static int matches(struct rx *rx, const char *s)
{
	struct diag d = DIAG_INIT;
	return rx && rx_match(rx, s, strlen(s), &d) == 1;
}

struct fixture {
	struct taxonomy tax;
	struct services services;
	struct civtz *tz;
	int64_t now;
};

/* Is value of column c stored as it is by intake-add (valid and unchanged)? */
static int intake_stored(const struct fixture *fx, int c, const char *value)
{
	static const char *const base[INTAKE_NCOLS] = { "2026-000001",
							"2026-11-20T10:00:00+01:00",
							"d1",
							"C1",
							"",
							"",
							"UA",
							"uk",
							"1",
							"housing",
							"",
							"no",
							"",
							"open",
							"" };
	struct fields_context ctx = { &fx->tax, &fx->services, fx->tz, fx->now };
	struct intake_record r;
	struct diag d = DIAG_INIT;
	int i, ok;
	intake_record_init(&r);
	for (i = 0; i < INTAKE_NCOLS; i++)
		intake_record_set(&r, (enum intake_column)i, i == c ? value : base[i]);
	ok = intake_validate(&r, &ctx, NULL, &d) == 0 && strcmp(r.f[c].buf, value) == 0;
	intake_record_release(&r);
	return ok;
}

static int capacity_stored(const struct fixture *fx, int c, const char *value)
{
	static const char *const base[CAPACITY_NCOLS] = {
		"2026-11-20", "brana-night", "beds", "3", "", "", "ok", "manual", ""
	};
	struct fields_context ctx = { NULL, &fx->services, fx->tz, fx->now };
	struct capacity_record r;
	struct diag d = DIAG_INIT;
	int i, ok;
	capacity_record_init(&r);
	for (i = 0; i < CAPACITY_NCOLS; i++)
		capacity_record_set(&r, (enum capacity_column)i, i == c ? value : base[i]);
	ok = capacity_validate(&r, &ctx, NULL, &d) == 0 && strcmp(r.f[c].buf, value) == 0;
	capacity_record_release(&r);
	return ok;
}

static int referral_stored(const struct fixture *fx, int c, const char *value)
{
	static const char *const base[REFERRAL_NCOLS] = { "2026-11-20", "2026-000001",
							  "svet-legal", "done",
							  "",           "" };
	struct fields_context ctx = { NULL, &fx->services, fx->tz, fx->now };
	struct referral_record r;
	struct diag d = DIAG_INIT;
	int i, ok;
	referral_record_init(&r);
	for (i = 0; i < REFERRAL_NCOLS; i++)
		referral_record_set(&r, (enum referral_column)i, i == c ? value : base[i]);
	ok = referral_validate(&r, &ctx, NULL, &d) == 0 && strcmp(r.f[c].buf, value) == 0;
	referral_record_release(&r);
	return ok;
}

/*
 * The pattern of a field against the validator, value by value: a value
 * the tools store must match (the description never refuses good data),
 * and the pattern must answer as expected (it catches what it should).
 */
struct probe {
	const char *value;
	int match;
};

static void probe(const struct fixture *fx, const char *res, const char *file, int c,
		  const char *col, int (*stored)(const struct fixture *, int, const char *),
		  const struct probe *p)
{
	struct rx *rx = pattern(res, col);
	ok(rx != NULL, "%s %s: has a pattern", file, col);
	for (; p->value; p++) {
		int m = matches(rx, p->value), s = stored(fx, c, p->value);
		ok(m == p->match && (!s || m), "%s %s '%s': pattern %s, stored %s", file, col,
		   p->value, m ? "matches" : "does not match", s ? "as is" : "not");
	}
	rx_free(rx);
}

static void test_drift(const struct fixture *fx, const char *json)
{
	static const struct probe refs[] = { { "d1", 1 },
					     { "A.b_c-9", 1 },
					     { "-x", 0 },
					     { ".a", 0 },
					     { "a b", 0 },
					     { "abcdefghijabcdefghijabcdefghijabcdefghij", 1 },
					     { "abcdefghijabcdefghijabcdefghijabcdefghijk", 0 },
					     { "\xc5\xbe", 0 },
					     { NULL, 0 } };
	static const struct probe needs[] = { { "housing", 1 },          { "housing;legal-aid", 1 },
					      { "housing;", 0 },         { "Housing", 0 },
					      { "hosuing", 0 },          { "housing,legal-aid", 0 },
					      { "housing;housingx", 0 }, { NULL, 0 } };
	static const struct probe languages[] = { { "uk", 1 }, { "uk;ru;sh", 1 }, { "UK", 0 },
						  { "xx", 0 }, { "uk ;ru", 0 },   { NULL, 0 } };
	static const struct probe sources[] = { { "manual", 1 },  { "minutes:2026-11-12", 1 },
						{ "Manual", 0 },  { "minutes:", 0 },
						{ "manualx", 0 }, { NULL, 0 } };
	static const struct probe intake_ids[] = { { "2026-000001", 1 }, { "2026-123456789", 1 },
						   { "2026-215", 0 },    { "2026-1234567890", 0 },
						   { "26-000001", 0 },   { NULL, 0 } };
	char *intake = resource(json, "intake"), *capacity = resource(json, "capacity");
	char *referrals = resource(json, "referrals"), *f;
	long lo, hi;

	probe(fx, intake, "intake", INTAKE_DESK, "desk", intake_stored, refs);
	probe(fx, intake, "intake", INTAKE_CLIENT, "client", intake_stored, refs);
	probe(fx, intake, "intake", INTAKE_NEEDS, "needs", intake_stored, needs);
	probe(fx, intake, "intake", INTAKE_LANGUAGE, "language", intake_stored, languages);
	probe(fx, capacity, "capacity", CAPACITY_SOURCE, "source", capacity_stored, sources);
	probe(fx, referrals, "referrals", REFERRAL_INTAKE_ID, "intake_id", referral_stored,
	      intake_ids);

	f = field(intake, "household");
	ok(f && sscanf(strstr(f, "\"minimum\""), "\"minimum\": %ld, \"maximum\": %ld", &lo, &hi) ==
			   2,
	   "intake household: minimum and maximum");
	if (f) {
		char v[4][24];
		snprintf(v[0], sizeof v[0], "%ld", lo);
		snprintf(v[1], sizeof v[1], "%ld", hi);
		snprintf(v[2], sizeof v[2], "%ld", lo - 1);
		snprintf(v[3], sizeof v[3], "%ld", hi + 1);
		ok(intake_stored(fx, INTAKE_HOUSEHOLD, v[0]) &&
			   intake_stored(fx, INTAKE_HOUSEHOLD, v[1]) &&
			   !intake_stored(fx, INTAKE_HOUSEHOLD, v[2]) &&
			   !intake_stored(fx, INTAKE_HOUSEHOLD, v[3]),
		   "intake household: the validator takes %ld..%ld and nothing outside", lo, hi);
	}
	free(f);
	f = field(intake, "sex");
	ok(f && strstr(f, "\"enum\": [\"f\", \"m\", \"x\"]") && !strstr(f, "required"),
	   "intake sex: the enum, not required");
	ok(intake_stored(fx, INTAKE_SEX, "") && intake_stored(fx, INTAKE_SEX, "x") &&
		   !intake_stored(fx, INTAKE_SEX, "y"),
	   "intake sex: the validator agrees");
	free(f);
	f = field(intake, "nationality");
	ok(f && strstr(f, "\"XK\", \"XX\"") && strstr(f, "\"UA\"") && !strstr(f, "\"UK\"") &&
		   strstr(f, "\"required\": true"),
	   "intake nationality: ISO codes with XK and XX, required");
	free(f);
	f = field(capacity, "status");
	ok(f && strstr(f, "[\"ok\", \"near-full\", \"full\", \"unknown\"]"),
	   "capacity status: the enum");
	free(f);
	f = field(capacity, "service");
	ok(f && strstr(f, "[\"brana-night\", \"svet-legal\", \"domov-brana\", \"poradna-svet\"]"),
	   "capacity service: services, then organizations");
	free(f);
	f = field(intake, "ts");
	ok(f && strstr(f, "\"type\": \"datetime\", \"format\": \"%Y-%m-%dT%H:%M:%S%z\""),
	   "intake ts: a datetime with its offset");
	free(f);
	free(intake);
	free(capacity);
	free(referrals);
}

int main(void)
{
	struct fixture fx;
	struct describe_input in;
	struct strbuf sb = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	char dir[64], path[96];
	char *res;
	int fd, rc;

	snprintf(dir, sizeof dir, "/tmp/describe_test." TAP_TEMPLATE_TAIL);
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/services.yaml", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 ||
	    write(fd, services_yaml, strlen(services_yaml)) != (ssize_t)strlen(services_yaml))
		return 1;
	close(fd);
	memset(&fx, 0, sizeof fx);
	rc = taxonomy_load(&fx.tax, NULL, &d) == 0 &&
	     services_load(&fx.services, path, &fx.tax, &d) == 0 &&
	     civtz_load("Europe/Prague", &fx.tz, &d) == 0 &&
	     civtime_parse_ts("2026-11-23T10:00:00+01:00", NULL, &fx.now, &(int){ 0 }) == 0;
	ok(rc, "fixture: %s", d.msg);
	unlink(path);
	rmdir(dir);
	if (!rc)
		return tap_done();

	memset(&in, 0, sizeof in);
	in.taxonomy = &fx.tax;
	in.services = &fx.services;
	in.present = (1u << DESCRIBE_NFILES) - 1;
	describe_json(&sb, &in);
	ok(json_valid(sb.buf), "every file: valid JSON");
	ok(sb.len && sb.buf[sb.len - 1] == '\n' && !strchr(sb.buf, '\t'),
	   "ends with a newline, no TAB");
	ok(strstr(sb.buf, "\"name\": \"Domov \\\"Brána\\\" \\\\ z. s.\"") != NULL,
	   "a quote and a backslash in a name are escaped");
	ok(strstr(sb.buf, "\"lineTerminator\": \"\\n\", \"quoteChar\": \"\\\"\"") != NULL,
	   "the dialect's LF and quote are escaped");

	res = resource(sb.buf, "intake");
	ok(fields_are(res, intake_columns, INTAKE_NCOLS), "intake: the fields are intake_columns");
	ok(res && strstr(res, "\"path\": \"intake.csv\"") &&
		   strstr(res, "\"primaryKey\": [\"id\"]"),
	   "intake: path and primary key");
	free(res);
	res = resource(sb.buf, "capacity");
	ok(fields_are(res, capacity_columns, CAPACITY_NCOLS),
	   "capacity: the fields are capacity_columns");
	free(res);
	res = resource(sb.buf, "referrals");
	ok(fields_are(res, referral_columns, REFERRAL_NCOLS),
	   "referrals: the fields are referral_columns");
	ok(res &&
		   strstr(res,
			  "{\"fields\": [\"intake_id\"], \"reference\": {\"resource\": \"intake\", \"fields\": [\"id\"]}}") &&
		   strstr(res,
			  "{\"fields\": [\"service\"], \"reference\": {\"resource\": \"services\", \"fields\": [\"id\"]}}"),
	   "referrals: foreign keys to intake and services");
	free(res);
	res = resource(sb.buf, "appointments");
	ok(fields_are(res, appointments_columns, APPT_NCOLS),
	   "appointments: the fields are appointments_columns");
	free(res);
	res = resource(sb.buf, "services");
	ok(res &&
		   strstr(res,
			  "{\"id\": \"brana-night\", \"organization\": \"domov-brana\", \"name\": \"Noclehárna Brána\", \"unit\": \"beds\", \"total\": 30}") &&
		   strstr(res, "\"unit\": null, \"total\": null}"),
	   "services: inline rows, null when absent");
	free(res);
	test_drift(&fx, sb.buf);

	/* only referrals.csv, without services.yaml */
	strbuf_reset(&sb);
	in.services = NULL;
	in.present = 1u << DESCRIBE_REFERRALS;
	describe_json(&sb, &in);
	ok(json_valid(sb.buf), "referrals alone: valid JSON");
	ok(!strstr(sb.buf, "\"organizations\"") && !strstr(sb.buf, "\"intake\"") &&
		   !strstr(sb.buf, "foreignKeys"),
	   "referrals alone: no other resource, no foreign key");
	res = resource(sb.buf, "referrals");
	ok(res && strstr(res,
			 "{\"name\": \"service\", \"type\": \"string\", \"constraints\": {\"required\": true, \"enum\": []}}"),
	   "referrals alone: no service is known");
	free(res);
	strbuf_reset(&sb);
	in.present = 1u << DESCRIBE_INTAKE;
	describe_json(&sb, &in);
	res = resource(sb.buf, "intake");
	ok(res && strstr(res, "\"name\": \"referred_to\"") &&
		   strstr(strstr(res, "\"name\": \"referred_to\""), "\"enum\": []}},\n"),
	   "intake without services.yaml: referred_to can only be empty");
	free(res);
	strbuf_reset(&sb);
	in.present = 0;
	describe_json(&sb, &in);
	ok(json_valid(sb.buf) && strstr(sb.buf, "\"resources\": []"),
	   "nothing present: no resources");

	strbuf_release(&sb);
	services_release(&fx.services);
	taxonomy_release(&fx.tax);
	civtz_free(fx.tz);
	return tap_done();
}
