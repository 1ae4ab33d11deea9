/*
 * minutes-score: precision and recall of minutes-parse(1) against the hand
 * written answer keys of testdata/minutes-corpus (see its README), field
 * by field.
 *
 *	minutes-score [--min PCT] OUTDIR KEY...
 *
 * For each KEY (DIR/NAME.key.yaml), OUTDIR/NAME.yaml is the document the
 * parser printed and OUTDIR/NAME.status its exit status
 * (scripts/minutes-score runs the parser).  Prints a table of true and
 * false positives, false negatives, precision and recall per field, then
 * one line per document and field that was not all right, and exits 1
 * when --min is given and a field is below it (in precision or recall).
 *
 * Text is compared folded (case and diacritics), without punctuation and
 * a leading preposition, and a word may differ in its ending (Czech and
 * Polish cases: "Gminnego" is "Gminny"); lists are matched item by item,
 * updates as a set of organisations, capacity statements by organisation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "textfold.h"
#include "yamldoc.h"
#include "banned.h"

enum field {
	F_REFUSED,
	F_DATE,
	F_TIME,
	F_PLACE,
	F_NAME,
	F_ORG,
	F_UPDATE,
	F_CAP_ORG,
	F_USED,
	F_TOTAL,
	F_FREE,
	F_WAITING,
	F_STATUS,
	F_NEXT,
	F_AUTHOR,
	F_TOPIC,
	F_NFIELDS
};

static const char *const field_names[F_NFIELDS] = {
	"not minutes (refused)",
	"meeting.date",
	"meeting.time",
	"meeting.place",
	"attendees.name",
	"attendees.organization",
	"updates.organization",
	"capacity.service",
	"capacity.used",
	"capacity.total",
	"capacity.free",
	"capacity.waiting",
	"capacity.status",
	"next_meetings",
	"author",
	"topics",
};

struct count {
	long tp, fp, fn;
};

static struct count total[F_NFIELDS];
static struct strbuf misses = STRBUF_INIT; /* documents and fields not all right */

/* ---- text ---- */

/* Folded words of s, separated by one space, without a leading preposition. */
static void norm(struct strbuf *out, const char *s)
{
	struct strbuf f = STRBUF_INIT;
	size_t i;

	strbuf_reset(out);
	if (!s)
		return;
	textfold_append(&f, s, strlen(s), TEXTFOLD_BASE);
	for (i = 0; i < f.len; i++) {
		unsigned char c = (unsigned char)f.buf[i];
		int word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
		if (word)
			strbuf_addch(out, (char)c);
		else if (out->len && out->buf[out->len - 1] != ' ')
			strbuf_addch(out, ' ');
	}
	while (out->len && out->buf[out->len - 1] == ' ')
		strbuf_setlen(out, out->len - 1);
	for (i = 0; i < 5; i++) {
		static const char *const prep[] = { "v ", "ve ", "w ", "we ", "na " };
		size_t n = strlen(prep[i]);
		if (out->len > n && !strncmp(out->buf, prep[i], n)) {
			memmove(out->buf, out->buf + n, out->len - n);
			strbuf_setlen(out, out->len - n);
			break;
		}
	}
	strbuf_release(&f);
}

/* Two words are the same, maybe in another grammatical case. */
static int same_word(const char *a, size_t na, const char *b, size_t nb)
{
	size_t p = 0, shorter = na < nb ? na : nb, need;

	if (na == nb && !memcmp(a, b, na))
		return 1;
	if (na < 4 || nb < 4)
		return 0;
	while (p < shorter && a[p] == b[p])
		p++;
	need = shorter > 5 ? shorter - 2 : 3;
	return p >= need;
}

static int same_text(const char *x, const char *y)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	size_t i = 0, j = 0, wi, wj;
	int same = 1;

	norm(&a, x);
	norm(&b, y);
	while (same && (i < a.len || j < b.len)) {
		for (wi = i; wi < a.len && a.buf[wi] != ' '; wi++)
			;
		for (wj = j; wj < b.len && b.buf[wj] != ' '; wj++)
			;
		same = wi > i && wj > j && same_word(a.buf + i, wi - i, b.buf + j, wj - j);
		i = wi + (wi < a.len);
		j = wj + (wj < b.len);
	}
	strbuf_release(&a);
	strbuf_release(&b);
	return same && (x != NULL) == (y != NULL);
}

/* ---- reading ---- */

static const char *str_of(const struct yamldoc_node *n)
{
	return n && n->kind == YAMLDOC_SCALAR && !yamldoc_is_null(n) ? n->str : NULL;
}

static long num_of(const struct yamldoc_node *n)
{
	const char *s = str_of(n);
	return s ? strtol(s, NULL, 10) : -1;
}

static const struct yamldoc_node *seq(const struct yamldoc_node *map, const char *key)
{
	const struct yamldoc_node *n = yamldoc_get(map, key);
	return n && n->kind == YAMLDOC_SEQ ? n : NULL;
}

static size_t len_of(const struct yamldoc_node *s)
{
	return s ? s->n : 0;
}

/* An item's text: a scalar, or the value of key of a mapping. */
static const char *item_text(const struct yamldoc_node *n, const char *key)
{
	return n && n->kind == YAMLDOC_MAP ? str_of(yamldoc_get(n, key)) : str_of(n);
}

/* An attendee's organisation: none for a name alone. */
static const char *org_of(const struct yamldoc_node *n)
{
	return n && n->kind == YAMLDOC_MAP ? str_of(yamldoc_get(n, "organization")) : NULL;
}

/* ---- counting ---- */

struct doc_count {
	struct count c[F_NFIELDS];
};

static void one(struct doc_count *dc, enum field f, const char *key, const char *out)
{
	if (key && out && same_text(key, out))
		dc->c[f].tp++;
	else {
		dc->c[f].fn += key != NULL;
		dc->c[f].fp += out != NULL;
	}
}

static void number(struct doc_count *dc, enum field f, long key, long out)
{
	if (key >= 0 && key == out)
		dc->c[f].tp++;
	else {
		dc->c[f].fn += key >= 0;
		dc->c[f].fp += out >= 0;
	}
}

/* Lists: each key item matched to the first unmatched output item like it. */
static void list(struct doc_count *dc, enum field f, const struct yamldoc_node *key,
		 const struct yamldoc_node *out, const char *field, int as_set)
{
	size_t i, j, nk = len_of(key), no = len_of(out);
	unsigned char *used = calloc(no + 1, 1), *dup = calloc(no + 1, 1);

	for (j = 0; as_set && j < no; j++) /* an organisation reported twice counts once */
		for (i = 0; i < j && !dup[j]; i++)
			dup[j] = same_text(item_text(out->items[i], field),
					   item_text(out->items[j], field));
	for (i = 0; i < nk; i++) {
		const char *k = item_text(key->items[i], field);
		for (j = 0; j < no; j++)
			if (!used[j] && !dup[j] && same_text(k, item_text(out->items[j], field)))
				break;
		if (j < no) {
			used[j] = 1;
			dc->c[f].tp++;
		} else {
			dc->c[f].fn++;
		}
	}
	for (j = 0; j < no; j++)
		dc->c[f].fp += !used[j] && !dup[j];
	free(used);
	free(dup);
}

/* Attendees by name; the organisation of each pair of the same name. */
static void attendees(struct doc_count *dc, const struct yamldoc_node *key,
		      const struct yamldoc_node *out)
{
	size_t i, j, nk = len_of(key), no = len_of(out);
	unsigned char *used = calloc(no + 1, 1);

	for (i = 0; i < nk; i++) {
		const char *k = item_text(key->items[i], "name");
		const char *korg = org_of(key->items[i]);
		for (j = 0; j < no; j++)
			if (!used[j] && same_text(k, item_text(out->items[j], "name")))
				break;
		if (j == no) {
			dc->c[F_NAME].fn++;
			dc->c[F_ORG].fn += korg != NULL;
			continue;
		}
		used[j] = 1;
		dc->c[F_NAME].tp++;
		one(dc, F_ORG, korg, org_of(out->items[j]));
	}
	for (j = 0; j < no; j++) {
		if (used[j])
			continue;
		dc->c[F_NAME].fp++;
		dc->c[F_ORG].fp += org_of(out->items[j]) != NULL;
	}
	free(used);
}

static const char *const cap_nums[] = { "used", "total", "free", "waiting" };

static int agree(const struct yamldoc_node *k, const struct yamldoc_node *o)
{
	int i, n = 0;

	for (i = 0; i < 4; i++)
		n += num_of(yamldoc_get(k, cap_nums[i])) == num_of(yamldoc_get(o, cap_nums[i]));
	return n + same_text(str_of(yamldoc_get(k, "status")), str_of(yamldoc_get(o, "status")));
}

static void cap_fields(struct doc_count *dc, const struct yamldoc_node *k,
		       const struct yamldoc_node *o)
{
	int i;

	for (i = 0; i < 4; i++)
		number(dc, (enum field)(F_USED + i), k ? num_of(yamldoc_get(k, cap_nums[i])) : -1,
		       o ? num_of(yamldoc_get(o, cap_nums[i])) : -1);
	one(dc, F_STATUS, k ? str_of(yamldoc_get(k, "status")) : NULL,
	    o ? str_of(yamldoc_get(o, "status")) : NULL);
}

/* Statements matched by organisation, the one agreeing most where there are several. */
static void capacity(struct doc_count *dc, const struct yamldoc_node *key,
		     const struct yamldoc_node *out)
{
	size_t i, j, best, nk = len_of(key), no = len_of(out);
	unsigned char *used = calloc(no + 1, 1);

	for (i = 0; i < nk; i++) {
		const struct yamldoc_node *k = key->items[i];
		int score = -1;
		best = no;
		for (j = 0; j < no; j++) {
			if (used[j] ||
			    !same_text(str_of(yamldoc_get(k, "organization")),
				       str_of(yamldoc_get(out->items[j], "organization"))))
				continue;
			if (agree(k, out->items[j]) > score) {
				score = agree(k, out->items[j]);
				best = j;
			}
		}
		if (best == no) {
			dc->c[F_CAP_ORG].fn++;
			cap_fields(dc, k, NULL);
			continue;
		}
		used[best] = 1;
		dc->c[F_CAP_ORG].tp++;
		cap_fields(dc, k, out->items[best]);
	}
	for (j = 0; j < no; j++) {
		if (used[j])
			continue;
		dc->c[F_CAP_ORG].fp++;
		cap_fields(dc, NULL, out->items[j]);
	}
	free(used);
}

/* Every field of a document against an empty one (key or output is NULL). */
static void fields(struct doc_count *dc, const struct yamldoc_node *key,
		   const struct yamldoc_node *out)
{
	const struct yamldoc_node *km = yamldoc_get(key, "meeting"),
				  *om = yamldoc_get(out, "meeting");

	one(dc, F_DATE, str_of(yamldoc_get(km, "date")), str_of(yamldoc_get(om, "date")));
	one(dc, F_TIME, str_of(yamldoc_get(km, "time")), str_of(yamldoc_get(om, "time")));
	one(dc, F_PLACE, str_of(yamldoc_get(km, "place")), str_of(yamldoc_get(om, "place")));
	attendees(dc, seq(key, "attendees"), seq(out, "attendees"));
	list(dc, F_UPDATE, seq(key, "updates"), seq(out, "updates"), "organization", 1);
	capacity(dc, seq(key, "capacity"), seq(out, "capacity"));
	list(dc, F_NEXT, seq(key, "next_meetings"), seq(out, "next_meetings"), NULL, 0);
	one(dc, F_AUTHOR, str_of(yamldoc_get(key, "author")), str_of(yamldoc_get(out, "author")));
	list(dc, F_TOPIC, seq(key, "topics"), seq(out, "topics"), NULL, 0);
}

static int score(const char *outdir, const char *keypath)
{
	struct yamldoc key, out;
	struct diag d = DIAG_INIT;
	struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
	struct doc_count dc;
	const char *base = strrchr(keypath, '/');
	int status = -1, f, is_minutes;
	FILE *fp;

	base = base ? base + 1 : keypath;
	strbuf_add(&name, base, strlen(base) - (strlen(base) > 9 ? 9 : 0)); /* ".key.yaml" */
	memset(&dc, 0, sizeof dc);
	if (yamldoc_load_file(&key, keypath, &d) < 0) {
		fprintf(stderr, "minutes-score: %s: %s\n", keypath, d.msg);
		return -1;
	}
	strbuf_addf(&path, "%s/%s.status", outdir, name.buf);
	if ((fp = fopen(path.buf, "r"))) {
		if (fscanf(fp, "%d", &status) != 1)
			status = -1;
		fclose(fp);
	}
	memset(&out, 0, sizeof out);
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/%s.yaml", outdir, name.buf);
	if (status == 0 && yamldoc_load_file(&out, path.buf, &d) < 0) {
		fprintf(stderr, "minutes-score: %s: %s\n", path.buf, d.msg);
		status = -1;
	}
	is_minutes = !yamldoc_is_null(yamldoc_get(key.root, "minutes")) &&
		     !strcmp(yamldoc_get(key.root, "minutes")->str, "true");
	if (status == 0)
		fields(&dc, is_minutes ? key.root : NULL, out.root);
	else if (is_minutes)
		fields(&dc, key.root, NULL);
	/* refusing what is not minutes is the positive */
	dc.c[F_REFUSED].tp = !is_minutes && status == 3;
	dc.c[F_REFUSED].fp = is_minutes && status != 0;
	dc.c[F_REFUSED].fn = !is_minutes && status != 3;
	for (f = 0; f < F_NFIELDS; f++) {
		total[f].tp += dc.c[f].tp;
		total[f].fp += dc.c[f].fp;
		total[f].fn += dc.c[f].fn;
		if (dc.c[f].fp || dc.c[f].fn)
			strbuf_addf(&misses, "  %-28s %-24s fp %ld fn %ld\n", name.buf,
				    field_names[f], dc.c[f].fp, dc.c[f].fn);
	}
	yamldoc_release(&key);
	yamldoc_release(&out);
	strbuf_release(&path);
	strbuf_release(&name);
	return 0;
}

static double pct(long a, long b)
{
	return b ? 100.0 * (double)a / (double)b : 100.0;
}

int main(int argc, char **argv)
{
	double min = -1;
	int i = 1, f, below = 0;

	if (argc > 2 && !strcmp(argv[1], "--min")) {
		min = strtod(argv[2], NULL);
		i = 3;
	}
	if (argc - i < 2) {
		fprintf(stderr, "usage: minutes-score [--min PCT] OUTDIR KEY...\n");
		return 2;
	}
	for (int k = i + 1; k < argc; k++)
		if (score(argv[i], argv[k]) < 0)
			return 2;
	printf("%-26s %5s %5s %5s %10s %8s\n", "field", "tp", "fp", "fn", "precision", "recall");
	for (f = 0; f < F_NFIELDS; f++) {
		double p = pct(total[f].tp, total[f].tp + total[f].fp);
		double r = pct(total[f].tp, total[f].tp + total[f].fn);
		printf("%-26s %5ld %5ld %5ld %9.1f%% %7.1f%%\n", field_names[f], total[f].tp,
		       total[f].fp, total[f].fn, p, r);
		below |= min >= 0 && (p < min || r < min);
	}
	if (misses.len)
		printf("not all right:\n%s", misses.buf);
	strbuf_release(&misses);
	return below;
}
