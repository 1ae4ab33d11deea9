/*
 * smallcount: counts of people as they may be published with
 * --min-count K (capacity-report, referral-report, intake-query).
 *
 * A count below K can point at a person, so it prints as "<K".  A total
 * must not give a hidden count back by subtraction, so a total is printed
 * exactly only when none of its parts is hidden; otherwise it prints as
 * the lower bound ">=B", B the larger of K and the sum of the parts that
 * are shown, which the reader could add up anyway.  A total below K
 * prints as "<K" like any count.  With K = 0 every count is exact.
 *
 * Usage: smallcount_cell for a count that is no total; for a total,
 * smallcount_total_init, smallcount_add for each part (another total
 * with smallcount_add_total), then smallcount_total_cell.
 */
#ifndef OKIENKO_SMALLCOUNT_H
#define OKIENKO_SMALLCOUNT_H

/* Room for "<K", ">=N" or a count. */
#define SMALLCOUNT_BUF 32

struct smallcount_total {
	unsigned long k;
	unsigned long total, shown; /* shown: the sum of the parts printed exactly */
	int hidden;                 /* a part is hidden or itself a bound */
};

/* n, or "<K" when n < k; buf has SMALLCOUNT_BUF bytes.  Returns buf. */
const char *smallcount_cell(char *buf, unsigned long n, unsigned long k);
/* 1 when smallcount_cell would hide n. */
int smallcount_hides(unsigned long n, unsigned long k);

void smallcount_total_init(struct smallcount_total *t, unsigned long k);
void smallcount_add(struct smallcount_total *t, unsigned long part);
/* A part that is a total of its own: hidden when it is not printed exactly. */
void smallcount_add_total(struct smallcount_total *t, const struct smallcount_total *part);
/* 1 when smallcount_total_cell prints t exactly. */
int smallcount_total_exact(const struct smallcount_total *t);
const char *smallcount_total_cell(char *buf, const struct smallcount_total *t);

#endif
