#include <stdio.h>
#include <string.h>

#include "lifecycle.h"
#include "tap.h"
#include "banned.h"

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

int main(void)
{
	test_moves();
	return tap_done();
}
