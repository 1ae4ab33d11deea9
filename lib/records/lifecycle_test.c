#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dirctx.h"
#include "lifecycle_int.h"
#include "tap.h"
#include "banned.h"

#define HEADER \
	"id,ts,desk,client,sex,age_group,nationality,language,household,needs,referred_to,consent,advisor,status,note\n"
#define REC(n)                                                  \
	"2026-00000" #n ",2026-11-23T09:00:00+01:00,lbc-1,C" #n \
	",f,18-59,UA,uk,1,housing,,no,,open,\n"

static char dir[] = "/tmp/lifecycle_test." TAP_TEMPLATE_TAIL;

/* The status moves, every pair: the table of intake-update(1). */
static void test_moves(void)
{
	static const struct {
		const char *from, *to;
		int allowed;
	} moves[] = {
		{ "open", "open", 1 },         { "open", "referred", 1 },
		{ "open", "closed", 1 },       { "referred", "open", 1 },
		{ "referred", "referred", 1 }, { "referred", "closed", 1 },
		{ "closed", "open", 1 },       { "closed", "referred", 0 },
		{ "closed", "closed", 1 },
	};
	size_t i;
	for (i = 0; i < sizeof moves / sizeof *moves; i++)
		is_int(lifecycle_status_move(moves[i].from, moves[i].to), moves[i].allowed ? 0 : -1,
		       "%s -> %s %s", moves[i].from, moves[i].to,
		       moves[i].allowed ? "allowed" : "refused");
	is_int(lifecycle_status_move("closed", "done"), 0,
	       "a status that is not one is left to intake_validate");
}

static void put(const char *name, const char *content)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "w")))
		return;
	fputs(content, f);
	fclose(f);
}

/* A request of a batch: a note for id at line. */
static int add(struct lifecycle_update *u, const char *id, long line, const char *note,
	       struct diag *d)
{
	struct lifecycle_request r;
	int c, rc;

	lifecycle_request_init(&r);
	snprintf(r.id, sizeof r.id, "%s", id);
	r.origin.file = "-";
	for (c = 0; c < INTAKE_NCOLS; c++) {
		r.origin.line[c] = line;
		r.origin.col[c] = 1;
	}
	r.id_line = r.version_line = line;
	r.id_col = r.version_col = 1;
	intake_record_set(&r.set, INTAKE_NOTE, note);
	r.given[INTAKE_NOTE] = 1;
	rc = lifecycle_add(u, &r, d);
	lifecycle_request_release(&r);
	return rc;
}

/*
 * A batch is not held in memory: the requests go to a spool (a file past
 * 1 MiB) and what stays per request is a compact entry; the problems kept
 * are the first LIFECYCLE_SHOWN, and the rest are counted.
 */
static void test_batch_in_spool(const struct dirctx *dc, const struct fields_context *ctx)
{
	struct lifecycle_update u;
	struct diag d = DIAG_INIT;
	char id[INTAKEID_MAX], note[64];
	long i, n = 30000;
	int rc = 0;

	ok(sizeof(struct lifecycle_item) + sizeof(struct lifecycle_wanted) <= 64,
	   "at most 64 bytes stay in memory per request (%zu)",
	   sizeof(struct lifecycle_item) + sizeof(struct lifecycle_wanted));
	lifecycle_init(&u, &dc->dir);
	u.ctx = ctx;
	u.desk = "lbc-1";
	u.reason = "test";
	u.dry_run = 1;
	rc |= add(&u, "2026-000002", 2, "first", &d);
	for (i = 0; i < n; i++) {
		intakeid_format(id, sizeof id, 2026, 100000 + i);
		snprintf(note, sizeof note, "a note long enough to fill the spool, %ld", i);
		rc |= add(&u, id, 3 + i, note, &d);
	}
	rc |= add(&u, "2026-000002", n + 3, "again", &d);
	is_int(rc, 0, "%ld requests kept", n + 2);
	ok(u.req.fd >= 0, "the requests went to a file of the directory, not to memory");
	is_int(lifecycle_run(&u, &d), -1, "refused: ids that are not there");
	is_int((long)u.bad, n + 1, "every bad request is counted");
	is_int((long)u.nproblems, LIFECYCLE_SHOWN, "the first %d are kept", LIFECYCLE_SHOWN);
	is_str(u.problem[0].msg, "no intake '2026-100000' in intake.csv", "in input order");
	is_str(u.problem[0].hint, "the last id is '2026-000003' (ids run from '2026-000001')",
	       "with the nearest id there is");
	is_str(d.msg, "30001 of 30002 records cannot be updated; nothing was written", "summed up");
	lifecycle_release(&u);
}

/* The records afterwards, in input order; a repeated id refused where it is. */
static void test_results(const struct dirctx *dc, const struct fields_context *ctx)
{
	struct lifecycle_update u;
	struct lifecycle_request r;
	struct diag d = DIAG_INIT;
	struct strbuf got = STRBUF_INIT;

	lifecycle_init(&u, &dc->dir);
	u.ctx = ctx;
	u.desk = "lbc-1";
	u.reason = "test";
	u.dry_run = 1;
	add(&u, "2026-000003", 2, "three", &d);
	add(&u, "2026-000001", 3, "one", &d);
	is_int(lifecycle_run(&u, &d), 0, "two records updated (dry run)");
	lifecycle_request_init(&r);
	lifecycle_rewind(&u, &d);
	while (lifecycle_result(&u, &r, &d) == 1)
		strbuf_addf(&got, "%s %s %lu %zu;", r.id, r.now.f[INTAKE_NOTE].buf, r.version,
			    r.changed);
	is_str(got.buf, "2026-000003 three 1 1;2026-000001 one 1 1;", "in input order");
	lifecycle_release(&u);

	lifecycle_init(&u, &dc->dir);
	u.ctx = ctx;
	u.desk = "lbc-1";
	u.reason = "test";
	add(&u, "2026-000003", 2, "three", &d);
	add(&u, "2026-000001", 3, "one", &d);
	add(&u, "2026-000003", 4, "again", &d);
	is_int(lifecycle_run(&u, &d), -1, "a repeated id refuses the batch");
	is_int((long)u.nproblems, 1, "one problem");
	is_str(u.problem[0].msg, "id '2026-000003' is given twice (line 2)", "where it was first");
	is_int(u.problem[0].line, 4, "at the repeated one");
	lifecycle_release(&u);
	lifecycle_request_release(&r);
	strbuf_release(&got);
}

int main(void)
{
	struct dirctx dc;
	struct fields_context ctx;
	struct diag d = DIAG_INIT;
	char cmd[160];

	test_moves();
	if (!mkdtemp(dir)) {
		printf("Bail out! cannot create %s\n", dir);
		return 1;
	}
	put("intake.csv", HEADER REC(1) REC(2) REC(3));
	if (dirctx_load(&dc, dir, DIRCTX_SERVICES, &d) < 0) {
		printf("Bail out! %s\n", d.msg);
		return 1;
	}
	ctx.taxonomy = &dc.taxonomy;
	ctx.services = dc.have_services ? &dc.services : NULL;
	ctx.tz = dc.tz;
	ctx.now = dc.now;
	test_batch_in_spool(&dc, &ctx);
	test_results(&dc, &ctx);
	dirctx_release(&dc);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# cannot remove %s\n", dir);
	return tap_done();
}
