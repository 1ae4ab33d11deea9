#include <stdio.h>
#include <string.h>

#include "civtime.h"
#include "strbuf.h"
#include "tap.h"
#include "textdate.h"
#include "banned.h"

/* Every date found in s, as "YYYY-MM-DD[its text]" (year 0000 when not written, xxxx impossible). */
static void dates(struct strbuf *sb, const char *s, const char *lang)
{
	const struct textdate_months *m = textdate_months_builtin(lang);
	struct textdate d;
	size_t from = 0, len = strlen(s);

	strbuf_reset(sb);
	while (textdate_find(s, len, from, m, &d)) {
		if (d.bad_year)
			strbuf_addf(sb, "%sxxxx-%02d-%02d[%.*s]", sb->len ? " " : "", d.month,
				    d.day, (int)(d.end - d.start), s + d.start);
		else
			strbuf_addf(sb, "%s%04d-%02d-%02d[%.*s]", sb->len ? " " : "", d.year,
				    d.month, d.day, (int)(d.end - d.start), s + d.start);
		from = d.end;
	}
}

static void times(struct strbuf *sb, const char *s)
{
	const struct textdate_months *m = textdate_months_builtin("cs");
	struct textdate_time t;
	size_t from = 0, len = strlen(s);

	strbuf_reset(sb);
	while (textdate_find_time(s, len, from, m, &t)) {
		strbuf_addf(sb, "%s%02d:%02d[%.*s]", sb->len ? " " : "", t.hour, t.minute,
			    (int)(t.end - t.start), s + t.start);
		from = t.end;
	}
}

static void check_dates(const char *s, const char *lang, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	dates(&sb, s, lang);
	is_str(sb.buf, want, "%s: dates in '%s'", lang, s);
	strbuf_release(&sb);
}

static void check_times(const char *s, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	times(&sb, s);
	is_str(sb.buf, want, "times in '%s'", s);
	strbuf_release(&sb);
}

/* Every word of a built-in table names its month in a date. */
static void every_word(const char *lang, size_t min)
{
	const struct textdate_months *m = textdate_months_builtin(lang);
	struct strbuf s = STRBUF_INIT;
	struct textdate d;
	const char *w;
	size_t i, bad = 0;
	int month;

	for (i = 0; (w = textdate_months_word(m, i, &month)); i++) {
		strbuf_reset(&s);
		strbuf_addf(&s, "dne 3. %s 2024", w);
		if (!textdate_find(s.buf, s.len, 0, m, &d) || d.month != month || d.day != 3 ||
		    d.year != 2024 || d.end != s.len) {
			printf("# %s: '%s'\n", lang, s.buf);
			bad++;
		}
	}
	ok(i >= min && !bad, "%s: all %zu month words read (%zu bad)", lang, i, bad);
	strbuf_release(&s);
}

static long day(const char *iso)
{
	long days = 0;
	civtime_parse_date(iso, &days);
	return days;
}

int main(void)
{
	struct textdate_months *own;
	struct textdate d;
	int month;

	check_dates("15. května 2023, 13:30 hod, – Sál Radnice", "cs",
		    "2023-05-15[15. května 2023]");
	check_dates("Schůzky v roce 2023: 11. 9.; 13. 11. vždy ve 13:30", "cs",
		    "0000-09-11[11. 9.] 0000-11-13[13. 11.]");
	check_dates("Další termín jednání 13. 11. vždy ve 13:30", "cs", "0000-11-13[13. 11.]");
	check_dates("25 listopada 2021 r., godz. 10:00", "pl", "2021-11-25[25 listopada 2021]");
	check_dates("dnia 3 marca 2022 r.", "pl", "2022-03-03[3 marca 2022]");
	check_dates("15. května 2023", "pl", "");
	check_dates("25 listopada", "cs", "");
	check_dates("KVĚTNA: 1. KVĚTNA 2024", "cs", "2024-05-01[1. KVĚTNA 2024]");
	check_dates("bez diakritiky 2. kvetna, 4. rijna", "cs",
		    "0000-05-02[2. kvetna] 0000-10-04[4. rijna]");
	check_dates("15.5.2023 a 15. 05. 2023 a 1.12.", "cs",
		    "2023-05-15[15.5.2023] 2023-05-15[15. 05. 2023] 0000-12-01[1.12.]");
	check_dates("v pondělí 11. IX. a 15. V. 2023", "cs",
		    "0000-09-11[11. IX.] 2023-05-15[15. V. 2023]");
	check_dates("zápis 2023-05-15, kopie 2023-13-01", "cs", "2023-05-15[2023-05-15]");
	check_dates("od 7.00 do 19.00 hodin, 1.5 litru", "cs", "");
	check_dates("Husova 512. V Jizerově; 1. Zprávy z organizací", "cs", "");
	check_dates("31. 4. není, 30. 4. je", "cs", "0000-04-30[30. 4.]");
	check_dates("29. 2. bez roku, 29. 2. 2023 ne, 29. 2. 2024 ano", "cs",
		    "0000-02-29[29. 2.] 2024-02-29[29. 2. 2024]");
	check_dates("pracují s 17 rodinami, 25listopada, a11. 9., 2.15. 5.", "cs", "");
	check_dates("11. 9.5 ne", "cs", "");
	/* a year out of range, or five digits, is an impossible year, not no year (issue 13) */
	check_dates("1.1.1899, 1.1.2100, 1. 1. 1899", "cs",
		    "xxxx-01-01[1.1.1899] xxxx-01-01[1.1.2100] xxxx-01-01[1. 1. 1899]");
	check_dates("25 listopada20234, 25 listopada2023", "pl",
		    "xxxx-11-25[25 listopada20234] 2023-11-25[25 listopada2023]");
	check_dates("15. V.5 a 15. V.20231", "cs", "xxxx-05-15[15. V.20231]");
	check_dates("12. listopadu 3000, 12. listopadu 20026, 12. 11. 0000, 12. 11. 2O26", "cs",
		    "xxxx-11-12[12. listopadu 3000] xxxx-11-12[12. listopadu 20026] "
		    "xxxx-11-12[12. 11. 0000] xxxx-11-12[12. 11. 2O26]");
	check_dates("3000-11-12 a 0000-01-01, ne 3000-13-01", "cs",
		    "xxxx-11-12[3000-11-12] xxxx-01-01[0000-01-01]");
	check_dates("12. 11. 150 klientů, 12. 11. 2026ti, 12. 11. 2o26.", "cs",
		    "0000-11-12[12. 11.] 0000-11-12[12. 11.] xxxx-11-12[12. 11. 2o26]");

	check_times("15. května 2023, 13:30 hod", "13:30[13:30]");
	check_times("13. 11. vždy ve 13:30", "13:30[13:30]");
	check_times("25 listopada 2021 r., godz. 10:00", "10:00[10:00]");
	check_times("od 7.00 do 19.00 hodin", "07:00[7.00] 19:00[19.00]");
	check_times("ve 13.30. Konec", "13:30[13.30]");
	check_times("13.11. je datum, 24:00 není, 9:61 není, 12:30:15 ano", "12:30[12:30:15]");
	check_times("1.5 litru, 2023-05-15", "");

	every_word("cs", 40);
	every_word("pl", 40);
	ok(textdate_months_builtin("de") == NULL, "no German table");
	is_int(textdate_month(textdate_months_builtin("pl"), "PAŹDZIERNIKA", 13), 10,
	       "Polish upper case");
	is_int(textdate_month(textdate_months_builtin("cs"), "září", 7), 9, "září");
	is_int(textdate_month(textdate_months_builtin("cs"), "zářijový", 10), 0,
	       "whole words only");

	own = textdate_months_new();
	textdate_months_add(own, 5, "Mai");
	textdate_months_add(own, 10, "Oktober");
	ok(textdate_find("am 3. Oktober 2024", 18, 0, own, &d) && d.month == 10 && d.year == 2024 &&
		   d.start == 3,
	   "a table of the caller's");
	ok(textdate_months_word(own, 1, &month) && month == 10 &&
		   !textdate_months_word(own, 2, &month),
	   "its words");
	textdate_months_free(own);

	is_int(textdate_infer_year(day("2023-05-15"), 9, 11, 1), 2023, "next: later that year");
	is_int(textdate_infer_year(day("2023-11-20"), 1, 15, 1), 2024, "next: the year after");
	is_int(textdate_infer_year(day("2023-05-15"), 5, 15, 1), 2023, "next: the same day");
	is_int(textdate_infer_year(day("2023-05-15"), 2, 29, 1), 2024, "next: 29. 2.");
	is_int(textdate_infer_year(day("2026-11-23"), 12, 1, 0), 2025, "held: the year before");
	is_int(textdate_infer_year(day("2026-11-23"), 11, 2, 0), 2026, "held: this year");
	return tap_done();
}
