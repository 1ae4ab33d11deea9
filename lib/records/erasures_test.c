#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "erasures.h"
#include "tap.h"
#include "testfile.h"
#include "banned.h"

static struct datadir dd;

/* The problem of one row of the log, or "ok". */
static const char *check(const char *line)
{
	static char got[600];
	struct csvread *r = csvread_open_buffer(line, strlen(line), "erasures.csv", 0);
	struct csvread_row *row;
	struct diag d = DIAG_INIT;

	if (csvread_next(r, &row, &d) != 1)
		snprintf(got, sizeof got, "unreadable");
	else if (erasures_check_row(row, "erasures.csv", &d) < 0)
		snprintf(got, sizeof got, "%ld: %s", d.col, d.msg);
	else
		snprintf(got, sizeof got, "ok");
	csvread_free(r);
	return got;
}

static void test_rows(void)
{
	is_str(check("2026-11-23T10:00:00+01:00,lbc-1,objection,,1,0,2,0\n"), "ok", "an erasure");
	is_str(check("2026-11-23T10:00:00+01:00,,retention,2023-11-23,12,3,4,1\n"), "ok",
	       "a retention purge from cron: no desk");
	is_str(check("2026-11-23T10:00:00+01:00,lbc-1,she asked,,1,0,0,0\n"),
	       "33: unknown reason 'she asked'", "free text is no reason");
	is_str(check("yesterday,lbc-1,objection,,1,0,0,0\n"), "1: invalid time 'yesterday'",
	       "a bad time");
	is_str(check("2026-11-23T10:00:00+01:00,lbc-1,objection,,1,0,01,0\n"),
	       "48: '01' is not a count", "a count with a leading zero");
	ok(erasures_reason_ok("consent-withdrawn") && !erasures_reason_ok("retention"),
	   "retention is logged by the purge itself, never given");
}

static void test_append(void)
{
	struct datadir_lock lk;
	struct erasures_entry e;
	struct diag d = DIAG_INIT;
	char *got;

	memset(&e, 0, sizeof e);
	e.ts = "2026-11-23T10:00:00+01:00";
	e.desk = "lbc-1";
	e.reason = "objection";
	e.count[0] = 2;
	e.count[2] = 1;
	ok(erasures_lock(&dd, 5, &lk, &d) == 0 && erasures_append(&lk, &e, &d) == 0,
	   "the first row of a new log");
	datadir_unlock(&lk);
	e.reason = ERASURES_RETENTION;
	e.desk = NULL;
	e.before = "2023-11-23";
	ok(erasures_lock(&dd, 5, &lk, &d) == 0 && erasures_append(&lk, &e, &d) == 0,
	   "a second row");
	datadir_unlock(&lk);
	got = testfile_get(ERASURES_FILE);
	is_str(got,
	       "ts,desk,reason,before,removed,changes,referrals,appointments\n"
	       "2026-11-23T10:00:00+01:00,lbc-1,objection,,2,0,1,0\n"
	       "2026-11-23T10:00:00+01:00,,retention,2023-11-23,2,0,1,0\n",
	       "the header once, then the rows");
	testfile_put(ERASURES_FILE, "when,desk\n");
	ok(erasures_lock(&dd, 5, &lk, &d) < 0 &&
		   !strcmp(d.msg, "header has 'when' where 'ts' belongs"),
	   "a file with another header is refused before anything is written");
}

int main(void)
{
	struct diag d = DIAG_INIT;
	char cmd[96];

	if (testfile_mkdtemp("erasures") < 0 || datadir_open(&dd, testfile_dir, &d) < 0)
		return 1;
	test_rows();
	test_append();
	datadir_release(&dd);
	snprintf(cmd, sizeof cmd, "rm -rf %s", testfile_dir);
	return system(cmd) == 0 ? tap_done() : 1;
}
