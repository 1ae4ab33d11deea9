/*
 * intakememo against intake_validate: records drawn at random from values
 * that pass, values that are normalised (spaces, case, ',' lists, repeats,
 * "01", an empty consent or status) and values that fail, each record
 * asked of a memo that has seen many before.  The memo may say "not
 * shown" for a record that passes unchanged (a ',' list, a value longer
 * than it keeps); it must never say "valid as stored" for one that does
 * not, and for every other record it must give intake_validate's answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intakememo.h"
#include "tap.h"
#include "banned.h"

static struct taxonomy tax;
static struct services svc;
static struct civtz *prague;
static struct fields_context ctx;
static struct diag d;

static const char *const *choices[INTAKE_NCOLS];

static const char *const ids[] = { "2026-000001", NULL };
static const char *const tss[] = { "2026-11-20T10:00:00+01:00",
				   "2026-07-01T09:30:15+02:00",
				   "2026-07-01T09:30:15+01:00",
				   "2026-11-20T10:00+01:00",
				   "2026-11-20T10:00:00",
				   " 2026-11-20T10:00:00+01:00",
				   "2027-01-01T10:00:00+01:00",
				   "2026-03-29T02:30:00+01:00",
				   "",
				   "yesterday",
				   NULL };
static const char *const desks[] = {
	"jzv-kac", "mdz-cic", "lbc.1", " jzv-kac", "jzv kac", "", NULL
};
static const char *const clients[] = { "C3f9a01", "Cbfe841", "Jan Novak", "", "C3f9a01 ", NULL };
static const char *const sexes[] = { "f", "m", "x", "", "F", " m", "q", NULL };
static const char *const ages[] = { "18-59", "0-17", "60+", "", "18-60", NULL };
static const char *const nats[] = { "UA", "BY", "XX", "ua", "Ukraine", "", "ZZ", NULL };
static const char *const langs[] = { "uk", "uk;ru",  "ru;uk",  "",   "uk,ru", "uk;uk",
				     "UK", "uk; ru", "uk;;ru", "xx", NULL };
static const char *const households[] = { "1", "2", "30", "", "01", "31", "0", "2 ", "x", NULL };
static const char *const needs[] = { "housing",
				     "registration;housing",
				     "legal-aid;employment;school",
				     "",
				     "Housing",
				     "housing;housing",
				     "housing,legal-aid",
				     "flying",
				     "housing;",
				     NULL };
static const char *const services[] = { "",
					"most-brehy-legal",
					"krokus-counselling;most-brehy-legal",
					"nowhere",
					"most-brehy-legal;most-brehy-legal",
					"MOST-BREHY-LEGAL",
					NULL };
static const char *const consents[] = { "yes", "no", "", "Yes", "maybe", NULL };
static const char *const advisors[] = { "", "a01", "a 01", "a12", NULL };
static const char *const statuses[] = { "open", "referred", "closed", "", "Open", "gone", NULL };
static const char *const notes[] = { "",      "prodloužení dočasné ochrany", "=1+1",
				     "'=1+1", "kontakt, \"quoted\"",         NULL };

static const char *top(void)
{
	const char *t = getenv("OKIENKO_TOP");
	return t && *t ? t : ".";
}

static size_t count(const char *const *v)
{
	size_t n = 0;
	while (v[n])
		n++;
	return n;
}

/* intake_validate's answer: valid and stored as it is. */
static int reference(char *const *field, const size_t *len)
{
	struct intake_record r;
	struct diag e = DIAG_INIT;
	int c, same;

	intake_record_init(&r);
	for (c = 0; c < INTAKE_NCOLS; c++)
		intake_record_set(&r, (enum intake_column)c, field[c]);
	same = intake_validate(&r, &ctx, NULL, &e) == 0;
	for (c = 1; same && c < INTAKE_NCOLS; c++)
		same = r.f[c].len == len[c] && memcmp(r.f[c].buf, field[c], len[c]) == 0;
	intake_record_release(&r);
	return same;
}

static void test_differential(void)
{
	struct intake_memo *m = intake_memo_new(&ctx);
	unsigned long x = 2463534242u;
	size_t i, wrong = 0, unsound = 0, valid = 0, shown = 0, commas = 0;

	for (i = 0; i < 60000; i++) {
		char *field[INTAKE_NCOLS];
		size_t len[INTAKE_NCOLS];
		int c, memo, ref, comma = 0;
		for (c = 0; c < INTAKE_NCOLS; c++) {
			const char *const *v = choices[c];
			size_t n = count(v);
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			x &= 0xffffffffu;
			/* mostly the first two (valid) values, so that whole records pass */
			field[c] = (char *)
				v[(x >> 8) % 8 ? (x >> 12) % (n < 2 ? n : 2) : (x >> 12) % n];
			len[c] = strlen(field[c]);
			comma |= intake_is_list((enum intake_column)c) && strchr(field[c], ',');
		}
		memo = intake_memo_canonical(m, field, len);
		ref = reference(field, len);
		valid += ref;
		shown += memo;
		commas += comma;
		if (memo && !ref)
			unsound++;
		if (memo != ref && !comma) {
			if (wrong++ < 3) {
				printf("# memo %d, intake_validate %d:", memo, ref);
				for (c = 0; c < INTAKE_NCOLS; c++)
					printf(" [%s]", field[c]);
				printf("\n");
			}
		}
	}
	ok(unsound == 0, "never 'valid as stored' for a record intake_validate changes or refuses");
	ok(wrong == 0, "intake_validate's answer for every record without a ',' list (%zu wrong)",
	   wrong);
	ok(valid > 3000 && shown > 3000 && commas > 1000,
	   "the draw has records of both kinds (%zu valid, %zu shown, %zu with ',')", valid, shown,
	   commas);
	intake_memo_free(m);
}

/* A value longer than the memo keeps is checked every time, with the same answer. */
static void test_long_values(void)
{
	struct intake_memo *m = intake_memo_new(&ctx);
	char *field[INTAKE_NCOLS];
	size_t len[INTAKE_NCOLS];
	char lst[200];
	int c, i;

	for (c = 0; c < INTAKE_NCOLS; c++) {
		field[c] = (char *)choices[c][0];
		len[c] = strlen(field[c]);
	}
	snprintf(lst, sizeof lst, "%s", "registration;housing;legal-aid;employment;school");
	field[INTAKE_NEEDS] = lst;
	len[INTAKE_NEEDS] = strlen(lst);
	for (i = 0; i < 2; i++)
		is_int(intake_memo_canonical(m, field, len), 1, "a long list of needs, time %d",
		       i + 1);
	snprintf(lst + len[INTAKE_NEEDS], sizeof lst - len[INTAKE_NEEDS], "%s", ";housing");
	len[INTAKE_NEEDS] = strlen(lst);
	is_int(intake_memo_canonical(m, field, len), 0, "and with a need repeated");
	is_int(reference(field, len), 0, "which intake_validate changes");
	intake_memo_free(m);
}

int main(void)
{
	char path[4096];

	unsetenv("TZDIR");
	diag_clear(&d);
	snprintf(path, sizeof path, "%s/testdata/demo/services.yaml", top());
	if (taxonomy_load(&tax, NULL, &d) < 0 || services_load(&svc, path, &tax, &d) < 0 ||
	    civtz_load("Europe/Prague", &prague, &d) < 0 ||
	    civtime_parse_ts("2026-11-23T14:05:00+01:00", NULL, &ctx.now, &(int){ 0 }) < 0) {
		printf("Bail out! %s: %s\n", d.file, d.msg);
		return 1;
	}
	ctx.taxonomy = &tax;
	ctx.services = &svc;
	ctx.tz = prague;
	choices[INTAKE_ID] = ids;
	choices[INTAKE_TS] = tss;
	choices[INTAKE_DESK] = desks;
	choices[INTAKE_CLIENT] = clients;
	choices[INTAKE_SEX] = sexes;
	choices[INTAKE_AGE_GROUP] = ages;
	choices[INTAKE_NATIONALITY] = nats;
	choices[INTAKE_LANGUAGE] = langs;
	choices[INTAKE_HOUSEHOLD] = households;
	choices[INTAKE_NEEDS] = needs;
	choices[INTAKE_REFERRED_TO] = services;
	choices[INTAKE_CONSENT] = consents;
	choices[INTAKE_ADVISOR] = advisors;
	choices[INTAKE_STATUS] = statuses;
	choices[INTAKE_NOTE] = notes;
	test_differential();
	test_long_values();
	services_release(&svc);
	taxonomy_release(&tax);
	civtz_free(prague);
	return tap_done();
}
