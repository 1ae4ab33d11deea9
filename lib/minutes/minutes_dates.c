/*
 * minutes_dates: dates, times and places in minutes: the meeting's date,
 * time and place (in a line, after it, or as labels), and the dates of the
 * next meetings with their times, years and place.  The dates themselves
 * are textdate.h's; here is what a date means where it stands.
 *
 * Ownership: places kept go to the minutes' arena; the lists of dates and
 * times found are freed before a function returns.
 */
#include "minutes_int.h"

#include <stdlib.h>
#include <string.h>

#include "civtime.h"
#include "textfold.h"
#include "xalloc.h"
#include "banned.h"

/* Punctuation and dashes that separate a date, a time and a place. */
static int is_sep(uint32_t cp)
{
	return cp == ' ' || cp == ',' || cp == ';' || cp == ':' || cp == '-' || cp == '|' ||
	       cp == '/' || cp == 0x2013 || cp == 0x2014 || cp == '.';
}

/*
 * The memo answers a search of t[from..len) when it searched t[mm->from..len)
 * and found nothing, or found something at or after from: a match at a
 * place does not depend on where the search began.
 */
static int memo_answers(const struct time_memo *mm, const char *t, size_t len, size_t from)
{
	return mm->t == t && mm->len == len && from >= mm->from &&
	       (!mm->found || from <= mm->tm.start);
}

static void memo_numeric(struct parser *ps, const char *t, size_t len, size_t from)
{
	struct time_memo *mm = &ps->numeric;

	if (memo_answers(mm, t, len, from))
		return;
	mm->t = t;
	mm->len = len;
	mm->from = from;
	mm->found = minutes_find_numeric_time(ps, t, len, from, &mm->tm);
}

/* The first time in words (a 'time' rule), as the memo keeps it. */
static void memo_word(struct parser *ps, const char *t, size_t len, size_t from)
{
	struct time_memo *mm = &ps->word;
	const struct rules_entry *e;
	size_t ha, hb, ma, mb;

	if (memo_answers(mm, t, len, from))
		return;
	mm->t = t;
	mm->len = len;
	mm->from = from;
	mm->found = minutes_match(ps, MINUTES_RULES_TIME, t, len, from, 0, &e);
	mm->hour_named = mm->found && rules_rx_group(e->rx, "h", &ha, &hb);
	if (!mm->found)
		return;
	rules_rx_span(e->rx, &mm->tm.start, &mm->tm.end);
	if (!mm->hour_named)
		return;
	mm->tm.hour = (int)minutes_number_at(t, ha, hb);
	mm->tm.minute =
		rules_rx_group(e->rx, "m", &ma, &mb) ? (int)minutes_number_at(t, ma, mb) : 0;
}

static int find_time(struct parser *ps, const char *t, size_t len, size_t from,
		     struct textdate_time *tm)
{
	int have;

	memo_numeric(ps, t, len, from);
	memo_word(ps, t, len, from);
	if ((have = ps->numeric.found))
		*tm = ps->numeric.tm;
	if (ps->word.found && ps->word.hour_named && (!have || ps->word.tm.start < tm->start) &&
	    ps->word.tm.hour <= 23 && ps->word.tm.minute <= 59) {
		*tm = ps->word.tm;
		have = 1;
	}
	return have;
}

/*
 * A filler ends the text at t[b] when one is found in the last
 * FILLER_REACH bytes: fillers are a few words ("ze dne", "godz."), and
 * looking no further keeps a text of many of them linear.
 */
enum { FILLER_REACH = 128 };

/* Drop separators and filler words around t[*a..*b). */
void minutes_strip_fillers(struct parser *ps, const char *t, size_t *a, size_t *b)
{
	const struct rules_entry *e;
	size_t a0, b0, n, s0, e0, from;

	do {
		a0 = *a;
		b0 = *b;
		while (*a < *b && is_sep(cp_at(t, *b, *a, &n)))
			*a += n;
		while (*b > *a && is_sep(cp_before(t, *b)))
			*b = back_one(t, *b);
		if (*a < *b && minutes_match(ps, MINUTES_RULES_FILLER, t, *b, *a, 1, &e)) {
			rules_rx_span(e->rx, &s0, &e0);
			if (e0 > *a)
				*a = e0;
		}
		from = *b - *a > FILLER_REACH ? *b - FILLER_REACH : *a;
		while (from > *a && ((unsigned char)t[from] & 0xC0) == 0x80)
			from--;
		for (; from < *b && minutes_match(ps, MINUTES_RULES_FILLER, t, *b, from, 0, &e);) {
			rules_rx_span(e->rx, &s0, &e0);
			if (e0 == *b && s0 >= *a) {
				*b = s0;
				break;
			}
			if (e0 > from)
				from = e0;
			else
				cp_at(t, *b, from, &n), from += n;
		}
	} while (*a != a0 || *b != b0);
}

/* A place label ("Místo: ...") at t[a..b): its value's span. */
int minutes_place_label(struct parser *ps, const char *t, size_t b, size_t a, struct span *out)
{
	const struct rules_entry *e;

	if (!minutes_match(ps, MINUTES_RULES_PLACE, t, b, a, 1, &e))
		return 0;
	minutes_group_or_all(e, "place", &out->a, &out->b);
	return 1;
}

/* A place is a few words to the sentence's end; a longer text after a date is something else. */
const char *minutes_place_text(struct parser *ps, const char *t, size_t a, size_t b)
{
	struct textdate_time tm;
	struct span label;

	b = minutes_sentence_end(ps, t, a, b);
	if (find_time(ps, t, b, a, &tm) && tm.start > a)
		b = tm.start; /* "..., ul. Kwiatowa 9, w godz. 12:00–13:30": not the time */
	minutes_strip_fillers(ps, t, &a, &b);
	if (a < b && minutes_place_label(ps, t, b, a, &label)) {
		a = label.a;
		b = label.b;
		minutes_strip_fillers(ps, t, &a, &b);
	}
	if (a < b && t[b - 1] == ')' && !memchr(t + a, '(', b - a))
		b--; /* the end of a bracket the place stood in */
	if (a >= b || count_words(t, a, b) > 12)
		return NULL;
	return minutes_keep(ps, t, a, b);
}

/* "24 lutego br.", "15. 3. letos": a date without a year, in this year (the rules' 'this_year'). */
static size_t this_year(struct parser *ps, const char *t, size_t len, const struct textdate *dt)
{
	const struct rules_entry *e;
	size_t s0, e0;

	if (dt->year || dt->bad_year ||
	    !minutes_match(ps, MINUTES_RULES_THIS_YEAR, t, len, dt->end, 1, &e))
		return 0;
	rules_rx_span(e->rx, &s0, &e0);
	return e0;
}

/* The year of the first date of the document that has one (looked for once), else 0. */
static int document_year(struct parser *ps)
{
	struct textdate dt;
	size_t i, from;

	for (i = 0; ps->doc_year < 0 && i < ps->b->n; i++) {
		const struct minutes_block *bl = &ps->b->v[i];
		for (from = 0; minutes_find_date(ps, bl->text, bl->len, from, &dt); from = dt.end) {
			if (dt.year && !dt.bad_year) {
				ps->doc_year = dt.year;
				break;
			}
		}
	}
	if (ps->doc_year < 0)
		ps->doc_year = 0;
	return ps->doc_year;
}

/* The year of the meeting. */
static int meeting_year(struct parser *ps)
{
	int y, mo, d;

	civtime_civil_from_days(ps->m->when.day, &y, &mo, &d);
	return y;
}

/*
 * A block that names the meeting's day again ("przesyłam notatkę ze
 * spotkania (10 marca 2026 r., godz. 14:00, CIC Lipnica)" after a subject
 * with the date alone): the time and the place after it, where the date's
 * own block gave none.
 */
void minutes_date_again(struct parser *ps, const struct minutes_block *bl, size_t from)
{
	struct textdate dt;
	struct textdate_time tm;
	size_t after;
	int y;

	if (!minutes_find_date(ps, bl->text, bl->len, from, &dt) || dt.bad_year)
		return;
	y = dt.year ? dt.year
	    : this_year(ps, bl->text, bl->len, &dt)
		    ? meeting_year(ps)
		    : textdate_infer_year(ps->m->when.day, dt.month, dt.day, 0);
	if (civtime_days_from_civil(y, dt.month, dt.day) != ps->m->when.day)
		return;
	after = dt.end;
	if (ps->m->when.hour < 0 && find_time(ps, bl->text, bl->len, dt.end, &tm)) {
		ps->m->when.hour = tm.hour;
		ps->m->when.minute = tm.minute;
		after = tm.end;
	}
	if (!ps->m->place)
		ps->m->place = minutes_place_text(ps, bl->text, after, bl->len);
}

void minutes_time_in(struct parser *ps, const struct minutes_block *bl, size_t from)
{
	struct textdate_time tm;

	if (find_time(ps, bl->text, bl->len, from, &tm)) {
		ps->m->when.hour = tm.hour;
		ps->m->when.minute = tm.minute;
	}
}

/* The meeting's time on a short line after its date ("Čas: 13:00 – 15:00"). */
static void time_after(struct parser *ps, size_t i)
{
	const struct minutes_block *bl;
	struct textdate_time tm;
	size_t j, rest;

	for (j = i + 1; j < ps->b->n && j <= i + 3; j++) {
		bl = &ps->b->v[j];
		if (bl->len > 80 || minutes_classify(ps, bl, 0, &rest) != S_NONE)
			return;
		if (find_time(ps, bl->text, bl->len, 0, &tm)) {
			ps->m->when.hour = tm.hour;
			ps->m->when.minute = tm.minute;
			return;
		}
	}
}

/* A title after a label ("Předmět:", "Temat:"; the rules' 'group' with a group 'group'). */
static int labelled_title(struct parser *ps, const struct minutes_block *bl)
{
	const struct rules_entry *e;
	size_t a, b;

	return minutes_match(ps, MINUTES_RULES_GROUP, bl->text, bl->len, 0, 1, &e) &&
	       rules_rx_group(e->rx, "group", &a, &b);
}

int minutes_meeting_date(struct parser *ps, long i, size_t from)
{
	const struct minutes_block *bl = &ps->b->v[i];
	const struct minutes_params *p = ps->p;
	struct textdate dt;
	struct textdate_time tm;
	size_t after, a, b, k;
	int y;

	if (!minutes_find_date(ps, bl->text, bl->len, from, &dt))
		return 0;
	if (dt.bad_year && p->date == MINUTES_NO_DATE) {
		/* a guess would store the minutes as another day's meeting (-o) */
		diag_set(ps->d, DIAG_DATA, ps->name, minutes_line_at(bl, dt.start), 0,
			 "impossible year in the meeting's date '%.*s'", (int)(dt.end - dt.start),
			 bl->text + dt.start);
		diag_hint(ps->d, "a year is 1900 to 2099; or give the date with --date YYYY-MM-DD");
		ps->failed = 1;
		return 0;
	}
	if (dt.year)
		y = dt.year;
	else if (p->date == MINUTES_NO_DATE && this_year(ps, bl->text, bl->len, &dt))
		y = document_year(ps); /* "24 lutego br.": the year the document gives */
	else
		y = textdate_infer_year(p->date != MINUTES_NO_DATE ? p->date : p->today, dt.month,
					dt.day, 0);
	if (!y) {
		/* an error, once it is known whether these are minutes at all */
		ps->no_year = bl;
		ps->no_year_a = dt.start;
		ps->no_year_b = this_year(ps, bl->text, bl->len, &dt);
		y = 1970;
	}
	ps->m->when.day =
		p->date != MINUTES_NO_DATE ? p->date : civtime_days_from_civil(y, dt.month, dt.day);
	ps->m->when.hour = -1;
	after = dt.end;
	if (find_time(ps, bl->text, bl->len, dt.end, &tm) ||
	    find_time(ps, bl->text, dt.start, from, &tm)) {
		ps->m->when.hour = tm.hour;
		ps->m->when.minute = tm.minute;
		if (tm.end > after)
			after = tm.end;
	}
	if (ps->m->when.hour < 0)
		time_after(ps, (size_t)i);
	/* "Předmět: Zápis ze schůzky 17. 2. 2026 – síť pomoci": a title goes on, no place */
	if (!ps->m->place && !labelled_title(ps, bl))
		ps->m->place = minutes_place_text(ps, bl->text, after, bl->len);
	/* "Lipnica, 4 listopada 2025 r.": a place before the date, on its line */
	for (a = from, k = 0; k < bl->nstarts && minutes_line_start(bl, k) <= dt.start; k++)
		if (minutes_line_start(bl, k) > a)
			a = minutes_line_start(bl, k);
	b = dt.start;
	while (b > a && is_space(bl->text[b - 1]))
		b--;
	if (b > a && bl->text[b - 1] == ':')
		b = a; /* a label ("Datum:"), not a place */
	minutes_strip_fillers(ps, bl->text, &a, &b);
	if (!ps->m->place && a < b && count_words(bl->text, a, b) <= 5 &&
	    !minutes_match(ps, MINUTES_RULES_GROUP, bl->text, b, a, 0, NULL) &&
	    textfold_is_upper(cp_at(bl->text, b, a, &after)))
		ps->m->place = minutes_keep(ps, bl->text, a, b);
	ps->have_date = 1;
	ps->date_block = i;
	return 1;
}

/*
 * The last year written on its own ("v roce 2023") before each date of a
 * text, found in one scan: ys->at moves forward to the date asked about.
 * A run of digits never reaches a date's start (a date does not start
 * after a digit), so each run is read whole.
 */
struct year_scan {
	size_t at;
	int year;
};

static int year_before(struct parser *ps, struct year_scan *ys, const char *t, size_t upto)
{
	size_t i, k;

	if (ys->at < upto)
		ps->m->work += upto - ys->at;
	for (i = ys->at; i + 4 <= upto; i++) {
		if (!is_digit(t[i]) || (i > 0 && (is_digit(t[i - 1]) || t[i - 1] == '.')))
			continue;
		for (k = i; k < upto && is_digit(t[k]); k++)
			;
		if (k - i == 4 && (k == upto || t[k] != '.' || k + 1 == upto || t[k + 1] == ' ') &&
		    minutes_number_at(t, i, k) >= 1900 && minutes_number_at(t, i, k) <= 2099)
			ys->year = (int)minutes_number_at(t, i, k);
		i = k;
	}
	if (i > ys->at)
		ys->at = i;
	return ys->year;
}

static uint64_t when_hash(const struct parser *ps, size_t i)
{
	const struct minutes_when *w = &ps->m->next[i];
	uint64_t h = (uint64_t)w->day * 0x9E3779B97F4A7C15ULL ^ (uint64_t)(w->hour + 1) << 8 ^
		     (uint64_t)w->minute;

	return h ^ h >> 29;
}

static int same_when(const struct parser *ps, size_t i, size_t j)
{
	const struct minutes_when *a = &ps->m->next[i], *b = &ps->m->next[j];

	return a->day == b->day && a->hour == b->hour && a->minute == b->minute;
}

/* A next meeting, unless it is there already. */
static void add_next(struct parser *ps, long day, int hour, int minute)
{
	struct minutes *m = ps->m;

	XALLOC_GROW(m->next, m->nnext + 1, m->next_alloc);
	m->next[m->nnext].day = day;
	m->next[m->nnext].hour = hour;
	m->next[m->nnext++].minute = minute;
	if (!minutes_set_add(ps, &ps->seen_next, m->nnext - 1, when_hash, same_when))
		m->nnext--;
}

size_t minutes_count_dates(struct parser *ps, const char *t, size_t len, size_t from)
{
	struct textdate dt;
	size_t n = 0;

	while (minutes_find_date(ps, t, len, from, &dt)) {
		n++;
		from = dt.end;
	}
	return n;
}

/* Only separators and conjunctions between two dates: one list ("11. 9.; 13. 11."). */
static int list_gap(struct parser *ps, const char *t, size_t a, size_t b)
{
	const struct rules_entry *e;
	size_t s0, e0;

	while (a < b) {
		if (strchr(" ,;/&+-", t[a])) {
			a++;
		} else if (minutes_match(ps, MINUTES_RULES_CONJ, t, b,
					 a > 0 && t[a - 1] == ' ' ? a - 1 : a, 1, &e)) {
			rules_rx_span(e->rx, &s0, &e0);
			if (e0 <= a)
				return 0;
			a = e0;
		} else {
			return 0;
		}
	}
	return 1;
}

/* The dates waiting for their time: those of a list whose time comes after it. */
struct pending {
	long *day;
	size_t n, alloc;
};

static void resolve(struct parser *ps, struct pending *pd, const struct textdate_time *tm)
{
	size_t i;

	for (i = 0; i < pd->n; i++)
		add_next(ps, pd->day[i], tm ? tm->hour : -1, tm ? tm->minute : 0);
	pd->n = 0;
}

/*
 * The dates of the next meetings in bl->text[from..): a date's time is the
 * one after it and before the next date, or one that follows the list it
 * is in ("11. 9.; 13. 11. vždy ve 13:30"), or one before all dates.  One
 * pass: the dates and the times are found in order, and the dates of a
 * list wait for the time after the list.
 */
void minutes_next_meetings(struct parser *ps, const struct minutes_block *bl, size_t from)
{
	const char *t = bl->text;
	size_t len = bl->len, end = from;
	struct textdate dt, next;
	struct textdate_time tm, first;
	struct year_scan ys = { from, 0 };
	struct pending pd = { NULL, 0, 0 };
	long ref = ps->m->when.day;
	int have_dt, have_next, have_tm, early, dates = 0;

	have_tm = find_time(ps, t, len, from, &tm);
	first = tm;
	have_dt = minutes_find_date(ps, t, len, from, &dt);
	/* a time before all dates goes with those that have none of their own */
	early = have_tm && have_dt && tm.start < dt.start;
	while (have_dt && !ps->failed) {
		int y = dt.year                      ? dt.year
			: this_year(ps, t, len, &dt) ? meeting_year(ps)
						     : year_before(ps, &ys, t, dt.start);
		if (!y)
			y = textdate_infer_year(ref, dt.month, dt.day, 1);
		have_next = minutes_find_date(ps, t, len, dt.end, &next);
		while (have_tm && tm.start < dt.end) {
			if (tm.end > end)
				end = tm.end;
			have_tm = find_time(ps, t, len, tm.end, &tm);
		}
		dates++;
		if (dt.bad_year) {
			minutes_warn(ps, bl, dt.start,
				     "impossible year in the date '%.*s': not a next meeting",
				     (int)(dt.end - dt.start), t + dt.start);
		} else {
			XALLOC_GROW(pd.day, pd.n + 1, pd.alloc);
			pd.day[pd.n++] = civtime_days_from_civil(y, dt.month, dt.day);
		}
		if (have_tm && (!have_next || tm.start < next.start))
			resolve(ps, &pd, &tm);
		else if (!have_next || !list_gap(ps, t, dt.end, next.start))
			resolve(ps, &pd, early ? &first : NULL);
		if (dt.end > end)
			end = dt.end;
		dt = next;
		have_dt = have_next;
	}
	for (; have_tm && !ps->failed; have_tm = find_time(ps, t, len, tm.end, &tm))
		if (tm.end > end)
			end = tm.end;
	if (dates && !ps->m->next_place)
		ps->m->next_place = minutes_place_text(ps, t, end, bl->len);
	free(pd.day);
}
