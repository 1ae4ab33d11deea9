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

static int find_time(struct parser *ps, const char *t, size_t len, size_t from,
		     struct textdate_time *tm)
{
	const struct rules_entry *e;
	struct textdate_time word;
	size_t s0, e0, ha, hb, ma, mb;
	int have = textdate_find_time(t, len, from, ps->months, tm);

	if (minutes_match(ps, MINUTES_RULES_TIME, t, len, from, 0, &e) &&
	    rules_rx_group(e->rx, "h", &ha, &hb)) {
		rules_rx_span(e->rx, &s0, &e0);
		if (!have || s0 < tm->start) {
			word.hour = (int)minutes_number_at(t, ha, hb);
			word.minute = rules_rx_group(e->rx, "m", &ma, &mb) ?
				      (int)minutes_number_at(t, ma, mb) : 0;
			word.start = s0;
			word.end = e0;
			if (word.hour <= 23 && word.minute <= 59) {
				*tm = word;
				have = 1;
			}
		}
	}
	return have;
}

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
		for (from = *a;
		     from < *b && minutes_match(ps, MINUTES_RULES_FILLER, t, *b, from, 0, &e);) {
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

/* A place is a few words; a longer text after a date is something else. */
const char *minutes_place_text(struct parser *ps, const char *t, size_t a, size_t b)
{
	struct span label;

	minutes_strip_fillers(ps, t, &a, &b);
	if (a < b && minutes_place_label(ps, t, b, a, &label)) {
		a = label.a;
		b = label.b;
		minutes_strip_fillers(ps, t, &a, &b);
	}
	if (a >= b || count_words(t, a, b) > 12)
		return NULL;
	return minutes_keep(ps, t, a, b);
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

int minutes_meeting_date(struct parser *ps, long i, size_t from)
{
	const struct minutes_block *bl = &ps->b->v[i];
	const struct minutes_params *p = ps->p;
	struct textdate dt;
	struct textdate_time tm;
	size_t after, a, b;
	int y;

	if (!textdate_find(bl->text, bl->len, from, ps->months, &dt))
		return 0;
	y = dt.year ? dt.year
		    : textdate_infer_year(p->date != MINUTES_NO_DATE ? p->date : p->today,
					  dt.month, dt.day, 0);
	ps->m->when.day = p->date != MINUTES_NO_DATE ? p->date
						     : civtime_days_from_civil(y, dt.month, dt.day);
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
	if (!ps->m->place)
		ps->m->place = minutes_place_text(ps, bl->text, after, bl->len);
	a = from;
	b = dt.start;
	minutes_strip_fillers(ps, bl->text, &a, &b);
	if (!ps->m->place && a < b && count_words(bl->text, a, b) <= 5 &&
	    !minutes_match(ps, MINUTES_RULES_GROUP, bl->text, b, a, 0, NULL) &&
	    textfold_is_upper(cp_at(bl->text, b, a, &after)))
		ps->m->place = minutes_keep(ps, bl->text, a, b);
	ps->have_date = 1;
	ps->date_block = i;
	return 1;
}

/* The last year written on its own ("v roce 2023") in t[from..upto). */
static int year_before(const char *t, size_t from, size_t upto)
{
	size_t i, k;
	int year = 0;

	for (i = from; i + 4 <= upto; i++) {
		if (!is_digit(t[i]) || (i > 0 && (is_digit(t[i - 1]) || t[i - 1] == '.')))
			continue;
		for (k = i; k < upto && is_digit(t[k]); k++)
			;
		if (k - i == 4 && (k == upto || t[k] != '.' || k + 1 == upto || t[k + 1] == ' ') &&
		    minutes_number_at(t, i, k) >= 1900 && minutes_number_at(t, i, k) <= 2099)
			year = (int)minutes_number_at(t, i, k);
		i = k;
	}
	return year;
}

static void add_next(struct parser *ps, long day, int hour, int minute)
{
	struct minutes *m = ps->m;
	size_t i;

	for (i = 0; i < m->nnext; i++)
		if (m->next[i].day == day && m->next[i].hour == hour && m->next[i].minute == minute)
			return;
	XALLOC_GROW(m->next, m->nnext + 1, m->next_alloc);
	m->next[m->nnext].day = day;
	m->next[m->nnext].hour = hour;
	m->next[m->nnext++].minute = minute;
}

size_t minutes_count_dates(struct parser *ps, const char *t, size_t len, size_t from)
{
	struct textdate dt;
	size_t n = 0;

	while (textdate_find(t, len, from, ps->months, &dt)) {
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

/*
 * The dates of the next meetings in bl->text[from..): a date's time is the
 * one after it and before the next date, or one that follows the list it
 * is in ("11. 9.; 13. 11. vždy ve 13:30"), or one before all dates.
 */
void minutes_next_meetings(struct parser *ps, const struct minutes_block *bl, size_t from)
{
	struct textdate *dates = NULL;
	struct textdate_time *times = NULL;
	size_t nd = 0, nt = 0, ad = 0, at = 0, i, j, k, end = from;
	const char *t = bl->text;
	long ref = ps->m->when.day;

	struct textdate dt;
	struct textdate_time tt;

	for (i = from; textdate_find(t, bl->len, i, ps->months, &dt); i = dt.end) {
		XALLOC_GROW(dates, nd + 1, ad);
		dates[nd++] = dt;
	}
	for (i = from; find_time(ps, t, bl->len, i, &tt); i = tt.end) {
		XALLOC_GROW(times, nt + 1, at);
		times[nt++] = tt;
	}
	for (k = 0; k < nd; k++) {
		const struct textdate_time *tm = NULL;
		int y = dates[k].year ? dates[k].year : year_before(t, from, dates[k].start);
		if (!y)
			y = textdate_infer_year(ref, dates[k].month, dates[k].day, 1);
		for (i = 0; i < nt && !tm; i++)
			if (times[i].start >= dates[k].end &&
			    (k + 1 == nd || times[i].start < dates[k + 1].start))
				tm = &times[i];
		for (j = k + 1; j < nd && !tm && list_gap(ps, t, dates[j - 1].end, dates[j].start); j++)
			for (i = 0; i < nt && !tm; i++)
				if (times[i].start >= dates[j].end &&
				    (j + 1 == nd || times[i].start < dates[j + 1].start))
					tm = &times[i];
		if (!tm && nt && times[0].start < dates[0].start)
			tm = &times[0];
		add_next(ps, civtime_days_from_civil(y, dates[k].month, dates[k].day),
			 tm ? tm->hour : -1, tm ? tm->minute : 0);
		if (dates[k].end > end)
			end = dates[k].end;
	}
	for (i = 0; i < nt; i++)
		if (times[i].end > end)
			end = times[i].end;
	if (nd && !ps->m->next_place)
		ps->m->next_place = minutes_place_text(ps, t, end, bl->len);
	free(dates);
	free(times);
}
