#include "smallcount.h"

#include "tap.h"
#include "banned.h"

static const char *total_of(char *buf, unsigned long k, const unsigned long *parts, int n)
{
	struct smallcount_total t;
	int i;
	smallcount_total_init(&t, k);
	for (i = 0; i < n; i++)
		smallcount_add(&t, parts[i]);
	return smallcount_total_cell(buf, &t);
}

int main(void)
{
	char buf[SMALLCOUNT_BUF];
	static const unsigned long big[] = { 5, 7, 9 }, one_small[] = { 5, 1, 9 },
				   all_small[] = { 1, 2, 0 }, small_sum[] = { 1, 1 };
	struct smallcount_total inner, outer;

	is_str(smallcount_cell(buf, 4, 5), "<5", "a count below K is hidden");
	is_str(smallcount_cell(buf, 5, 5), "5", "a count of K is shown");
	is_str(smallcount_cell(buf, 0, 5), "<5", "0 is hidden like any small count");
	is_str(smallcount_cell(buf, 0, 0), "0", "K = 0: nothing is hidden");
	is_str(total_of(buf, 5, big, 3), "21", "a total of shown parts is exact");
	is_str(total_of(buf, 5, one_small, 3), ">=14",
	       "one hidden part: the total is a bound, so total - shown does not give it back");
	is_str(total_of(buf, 5, all_small, 3), "<5", "a total below K is hidden");
	is_str(total_of(buf, 2, small_sum, 2), ">=2",
	       "hidden parts above K together: the bound is K");
	is_str(total_of(buf, 0, one_small, 3), "15", "K = 0: the total is exact");

	smallcount_total_init(&inner, 3);
	smallcount_add(&inner, 4);
	smallcount_add(&inner, 1);
	smallcount_total_init(&outer, 3);
	smallcount_add(&outer, 10);
	smallcount_add_total(&outer, &inner);
	is_str(smallcount_total_cell(buf, &inner), ">=4", "inner total with a hidden part");
	is_str(smallcount_total_cell(buf, &outer), ">=10",
	       "a total whose part is a bound is a bound too");
	ok(!smallcount_total_exact(&outer), "and is not exact");
	return tap_done();
}
