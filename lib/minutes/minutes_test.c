#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "civtime.h"
#include "minutes.h"
#include "minutes_rules.h"
#include "services.h"
#include "strbuf.h"
#include "tap.h"
#include "testgolden.h"
#include "banned.h"

static struct minutes_rules cs, pl;
static struct services svc;

/* The blocks of text, one per line: "P0 text", "I1 text" (kind, level). */
static void blocks(struct strbuf *sb, const char *text, size_t len)
{
	static const char kinds[] = "PINHR";
	struct minutes_blocks b;
	struct diag d = DIAG_INIT;
	size_t i;

	strbuf_reset(sb);
	if (minutes_blocks(&b, "t", text, len, &cs, &d) < 0) {
		strbuf_addf(sb, "error %ld:%ld: %s", d.line, d.col, d.msg);
		return;
	}
	for (i = 0; i < b.n; i++)
		strbuf_addf(sb, "%s%c%d %s", i ? "\n" : "", kinds[b.v[i].kind], b.v[i].level,
			    b.v[i].text);
	minutes_blocks_release(&b);
}

static void is_blocks(const char *text, const char *want, const char *what)
{
	struct strbuf sb = STRBUF_INIT;
	blocks(&sb, text, strlen(text));
	is_str(sb.buf, want, "blocks: %s", what);
	strbuf_release(&sb);
}

static void test_blocks(void)
{
	struct minutes_blocks b;
	struct diag d = DIAG_INIT;
	struct strbuf sb = STRBUF_INIT;

	is_blocks(
		"Aktuality:\n\xEF\x82\xB7 Sova\no Pracují s 5 rodinami.\no Volná místa mají.\n"
		"\xEF\x82\xB7 Brána. Beze změn.\n",
		"P0 Aktuality:\nI0 Sova\nI1 Pracují s 5 rodinami.\nI1 Volná místa mají.\n"
		"I0 Brána. Beze změn.",
		"private-use bullets and o sub-bullets");
	is_blocks("Pozvali kolegy\no Přístavu a jeho noclehárně.\n",
		  "P0 Pozvali kolegy o Přístavu a jeho noclehárně.", "o after a wrap is a word");
	is_blocks(
		"Zprávy organizací:\n Sova. Letos přijali další rodiny, starají se o 14\n"
		"z nich.\n Brána. Beze změn.\n Lípa. Dům je plný.\n",
		"P0 Zprávy organizací:\nI0 Sova. Letos přijali další rodiny, starají se o 14 "
		"z nich.\nI0 Brána. Beze změn.\nI0 Lípa. Dům je plný.",
		"lost bullets");
	is_blocks("- Sova. Letos přijali další rodiny.\n  Starají se o 14 z nich.\n",
		  "I0 Sova. Letos přijali další rodiny. Starají se o 14 z nich.",
		  "a hanging indent is no lost bullet");
	is_blocks("Přítomni: Jan Novák, Petra Malá, Kateryna\nBondarenková, Petr Malý, Eva Tichá\n",
		  "P0 Přítomni: Jan Novák, Petra Malá, Kateryna Bondarenková, Petr Malý, Eva Tichá",
		  "a wrap inside a name");
	is_blocks("Přítomni: Jan Novák, Petra Malá,\n\nEva Tichá\n",
		  "P0 Přítomni: Jan Novák, Petra Malá, Eva Tichá",
		  "a list goes on over a blank line");
	is_blocks("Polévku rozdávají jen ve středu a v\n\npátek, jinak je kuchyně zavřená.\n",
		  "P0 Polévku rozdávají jen ve středu a v pátek, jinak je kuchyně zavřená.",
		  "a sentence goes on over a blank line");
	is_blocks("konec stránky a\fdalší stránka.\n", "P0 konec stránky a další stránka.",
		  "a page break inside a sentence");
	is_blocks("rozpis je na našich\ns t r á n k á c h nebo v přízemí\n",
		  "P0 rozpis je na našich stránkách nebo v přízemí", "letter-spaced word");
	is_blocks("Z Á P I S  Z E  S E T K Á N Í\n\nText.\n", "H0 ZÁPIS ZE SETKÁNÍ\nP0 Text.",
		  "letter-spaced heading");
	is_blocks("a v tom i s nimi u nás\n", "P0 a v tom i s nimi u nás",
		  "single-letter words stay apart");
	is_blocks("SÍŤ\nSOCIÁLNÍCH\nSLUŽEB\n\nSchůzka skupiny.\n",
		  "H0 SÍŤ SOCIÁLNÍCH SLUŽEB\nP0 Schůzka skupiny.",
		  "a heading in capitals over lines");
	is_blocks("PROTOKÓŁ\nze spotkania zespołu\n", "P0 PROTOKÓŁ ze spotkania zespołu",
		  "a capital word that the next line goes on from");
	is_blocks(
		"  Od  prvního\xC2\xA0"
		"dne\xE2\x80\x83 fungují   \n",
		"P0 Od prvního dne fungují", "spaces of every kind");
	is_blocks("Jméno\t\tOrganizace \t funkce\n\tDatum:\t1. 2. 2026\n",
		  "R0 Jméno\tOrganizace\tfunkce\nR0 Datum:\t1. 2. 2026",
		  "tabs between words part cells: one tab, kept; before a line they indent");
	is_blocks("zpracová-\nvání žádostí a česko-\nSlovenská hranice\n",
		  "P0 zpracovávání žádostí a česko- Slovenská hranice", "hyphenated wraps");
	is_blocks("o\xEF\xAC\x83\x63\x65\xC2\xAD, zero\xE2\x80\x8Bwidth\n", "P0 office, zerowidth",
		  "ligature, soft hyphen, zero width space");
	is_blocks("15. května 2023, 13:30 hod\n\n1. Zprávy z organizací\n2) Různé\na) podbod\n",
		  "P0 15. května 2023, 13:30 hod\nN0 Zprávy z organizací\nN0 Různé\nN1 podbod",
		  "a date is not a numbered item");
	is_blocks("-5 stupňů venku\n", "P0 -5 stupňů venku", "a minus is no bullet");
	is_blocks("•\nText pod odrážkou\n", "I0 Text pod odrážkou", "a bullet alone on its line");
	is_blocks("První část \xEF\x82\xB7 druhá část\n", "P0 První část\nI0 druhá část",
		  "a private-use bullet inside a line");
	is_blocks("\xEF\xBB\xBFjedna\r\ndva\rtři\n", "P0 jedna dva tři", "BOM, CRLF, CR");
	is_blocks(
		"Zápis ze setkání skupiny Cizinci\n14. 1. 2027 v 9:30 hod., zasedací místnost "
		"krajského úřadu v Jizerově\nPřítomni: Jan Novák\n",
		"P0 Zápis ze setkání skupiny Cizinci\nP0 14. 1. 2027 v 9:30 hod., zasedací "
		"místnost krajského úřadu v Jizerově\nP0 Přítomni: Jan Novák",
		"short lines end their paragraph");
	is_blocks(
		"Zápis z jednání pracovní skupiny Cizinci\nNázev: Skupina Cizinci\nDatum: 1. 2. 2027\n"
		"Místo konání: sál\n",
		"P0 Zápis z jednání pracovní skupiny Cizinci\nP0 Název: Skupina "
		"Cizinci\nP0 Datum: 1. 2. 2027\nP0 Místo konání: sál",
		"label lines");
	is_blocks("Přijde kolega, který řekne: Ano, ...\n",
		  "P0 Přijde kolega, který řekne: Ano, ...", "a colon in a sentence is no label");
	is_blocks("ok\nab\xFF", "error 2:3: invalid UTF-8 sequence starting with byte 0xFF",
		  "invalid UTF-8");
	blocks(&sb, "a\nb\0c", 5);
	is_str(sb.buf, "error 2:2: NUL byte in the text (is it a text file?)", "blocks: NUL byte");

	ok(minutes_blocks(&b, "t", "A\n\nB, c\nd.\n\nE", 13, &cs, &d) == 0 && b.n == 3 &&
		   b.v[0].line == 1 && b.v[1].line == 3 && b.v[2].line == 6 &&
		   b.v[1].nstarts == 1 && minutes_line_start(&b.v[1], 0) == 5 &&
		   !minutes_line_stop(&b.v[1], 0),
	   "blocks know their lines");
	minutes_blocks_release(&b);
	strbuf_release(&sb);
}

static long day(const char *iso)
{
	long days = MINUTES_NO_DATE;
	civtime_parse_date(iso, &days);
	return days;
}

static int parse(struct minutes *m, const struct minutes_rules *r, const char *text, struct diag *d)
{
	struct minutes_params p = { r, &svc, MINUTES_NO_DATE, 0, 1 };
	p.today = day("2026-11-23");
	return minutes_parse(m, &p, "t.txt", text, strlen(text), d);
}

static void join(struct strbuf *sb, const char *const *v, size_t n)
{
	size_t i;

	strbuf_reset(sb);
	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? "|" : "", v[i]);
}

/* The attendees as "name[/organization[/role]]|...". */
static void attendees_text(struct strbuf *sb, const struct minutes *m)
{
	size_t i;

	strbuf_reset(sb);
	for (i = 0; i < m->nattendees; i++) {
		const struct minutes_attendee *a = &m->attendees[i];
		strbuf_addf(sb, "%s%s", i ? "|" : "", a->name);
		if (a->organization || a->role)
			strbuf_addf(sb, "/%s", a->organization ? a->organization : "");
		if (a->role)
			strbuf_addf(sb, "/%s", a->role);
	}
}

static void capacity_text(struct strbuf *sb, const struct minutes *m)
{
	size_t i;

	strbuf_reset(sb);
	for (i = 0; i < m->ncapacity; i++) {
		const struct minutes_capacity *c = &m->capacity[i];
		strbuf_addf(sb, "%s%s %s %ld %ld %ld %s", i ? "|" : "", c->service, c->unit,
			    c->used, c->total, c->waiting, c->status);
	}
}

static void next_text(struct strbuf *sb, const struct minutes *m)
{
	char buf[CIVTIME_TS_MAX];
	size_t i;

	strbuf_reset(sb);
	for (i = 0; i < m->nnext; i++) {
		minutes_format_when(buf, &m->next[i]);
		strbuf_addf(sb, "%s%s", i ? "|" : "", buf);
	}
}

static const char minutes_cs[] =
	"SÍŤ\nSLUŽEB\nJIZEROVSKA\n\n"
	"Pracovní setkání skupiny pro migranty.\n\n"
	"15. května 2023, 13:30 hod, – Komunitní centrum Jizerov\n\n"
	"Témata jednání:\n\n1. Zprávy z organizací\n\n"
	"Přítomni: Jan Novák, Hrubá Marie, Oksana Melnyk a Radim Kolář, Mgr. Eva Tichá, DiS.\n\n"
	"- Koordinátorka shrnula přípravu akčního plánu.\n"
	"- Přístav. Noclehárna je zcela plná.\n"
	"- Sdružení Květina. Momentálně pracují s 17 rodinami. Volnou kapacitu ještě mají.\n"
	"- Za Potravinovou banku se omluvili.\n"
	"- Centrum pro bydlení. Navýšili kapacitu poradny. Na byt teď čeká 120 klientů.\n\n"
	"Úkol: koordinátorka rozešle kontakty.\n\n"
	"Příští jednání v roce 2023: 11. 9.; 13. 11. vždy ve 13:30 v budově centra.\n\n"
	"Zpracoval: Jan Novák\n";

static void test_parse(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	struct minutes m;

	if (!ok(parse(&m, &cs, minutes_cs, &d) == 0, "parses the minutes"))
		printf("# %s\n", d.msg);
	is_str(m.group, "Pracovní setkání skupiny pro migranty", "group");
	strbuf_reset(&sb);
	strbuf_grow(&sb, 32);
	minutes_format_when(sb.buf, &m.when);
	is_str(sb.buf, "2023-05-15T13:30", "date and time");
	is_str(m.place, "Komunitní centrum Jizerov", "place");
	join(&sb, m.topics, m.ntopics);
	is_str(sb.buf, "Zprávy z organizací", "topics");
	attendees_text(&sb, &m);
	is_str(sb.buf, "Jan Novák|Hrubá Marie|Oksana Melnyk|Radim Kolář|Mgr. Eva Tichá, DiS.",
	       "attendees");
	is_int(m.nupdates, 4, "updates");
	if (m.nupdates == 4) {
		is_str(m.updates[0].org_id, "pristav", "update 1 matched in services.yaml");
		is_str(m.updates[0].organization, "Přístav Jizerov, z.ú.", "its name there");
		is_str(m.updates[1].org_id, "sdruzeni-kvetina", "update 2 gets a slug");
		is_str(m.updates[1].text,
		       "Momentálně pracují s 17 rodinami. Volnou kapacitu ještě mají.", "its text");
		is_str(m.updates[2].org_id, "banka-jizerov", "'Za Potravinovou banku' matched");
		is_str(m.updates[3].org_id, "bydleni-jizerov", "update 4");
	}
	capacity_text(&sb, &m);
	is_str(sb.buf,
	       "pristav-night beds -1 -1 -1 full|sdruzeni-kvetina families 17 -1 -1 ok|"
	       "bydleni-jizerov-desk clients -1 -1 120 unknown",
	       "capacity statements");
	if (m.ncapacity == 3)
		is_str(m.capacity[1].quote,
		       "Momentálně pracují s 17 rodinami. Volnou kapacitu ještě mají.", "quote");
	join(&sb, m.actions, m.nactions);
	is_str(sb.buf, "koordinátorka rozešle kontakty.", "actions");
	next_text(&sb, &m);
	is_str(sb.buf, "2023-09-11T13:30|2023-11-13T13:30", "next meetings");
	is_str(m.next_place, "v budově centra", "next place");
	is_str(m.author, "Jan Novák", "author");
	minutes_release(&m);
	strbuf_release(&sb);
}

/* One update's capacity statements: "unit used total waiting status|...". */
static void check_capacity(const struct minutes_rules *r, const char *update, const char *want)
{
	struct strbuf text = STRBUF_INIT, got = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	struct minutes m;
	size_t i;

	strbuf_addf(&text, "Zápis\n\n1. 2. 2026\n\nSdružení Květina. %s\n", update);
	if (parse(&m, r, text.buf, &d) < 0) {
		ok(0, "capacity: '%s': %s", update, d.msg);
		return;
	}
	for (i = 0; i < m.ncapacity; i++) {
		const struct minutes_capacity *c = &m.capacity[i];
		strbuf_addf(&got, "%s%s %ld %ld %ld %s", i ? "|" : "", c->unit, c->used, c->total,
			    c->waiting, c->status);
	}
	is_str(got.buf, want, "capacity: '%s'", update);
	minutes_release(&m);
	strbuf_release(&text);
	strbuf_release(&got);
}

static void test_capacity(void)
{
	check_capacity(&cs, "Pracují s 17 rodinami. Volnou kapacitu ještě mají.",
		       "families 17 -1 -1 ok");
	check_capacity(&cs, "Noclehárna má už měsíc plnou kapacitu.", "beds -1 -1 -1 full");
	check_capacity(&cs, "Oba domy jsou plně obsazené.", "places -1 -1 -1 full");
	check_capacity(&cs, "Mají 120 klientů, kteří čekají na byt.", "clients -1 -1 120 unknown");
	check_capacity(&cs, "Obsazeno je 24 z 26 lůžek.", "beds 24 26 -1 near-full");
	check_capacity(&cs, "Ubytováno je 16 rodin z 18, na čekací listině je dalších 5 rodin.",
		       "families 16 18 5 ok");
	check_capacity(&cs, "Azylový dům je téměř plný.", "beds -1 -1 -1 near-full");
	check_capacity(&cs, "Mají poměrně plno.", "places -1 -1 -1 near-full");
	check_capacity(&cs, "Kapacita je 40 lůžek, volných je 5 lůžek.", "beds 35 40 -1 ok");
	check_capacity(&cs, "Noclehárna má kapacitu 26 lůžek a je plně obsazena.",
		       "beds 26 26 -1 full");
	check_capacity(&cs, "Nemají volná místa.", "places -1 -1 -1 full");
	check_capacity(&cs, "Nemají volnou kapacitu, nové klienty berou až v lednu.",
		       "clients -1 -1 -1 full");
	check_capacity(&cs, "Na čekací listině je 12 rodin.", "families -1 -1 12 unknown");
	check_capacity(&cs, "Má aktuálně obsazeno 12 míst ze 14.", "places 12 14 -1 ok");
	check_capacity(&cs, "Volná místa v kurzu ještě jsou.", "places -1 -1 -1 ok");
	check_capacity(&cs, "40 rodin, téměř plno.", "families 40 -1 -1 near-full");
	check_capacity(&cs, "Od 1. 5. mají 3 nové pokoje pro rodiny.", "");
	check_capacity(&cs, "Navýšili kapacitu v Jizerově.", "");
	check_capacity(&cs, "Mají větší kapacitu poradny pro nové klienty.", "");
	check_capacity(&cs, "Rozšířili tým o dva pracovníky.", "");
	check_capacity(&cs, "Pracují s lidmi, kteří si hledají bydlení.", "");
	check_capacity(&pl, "Hostel ma 30 miejsc, wszystkie są zajęte.", "places 30 30 -1 full");
	check_capacity(&pl, "Brak wolnych miejsc w noclegowni.", "places -1 -1 -1 full");
	check_capacity(&pl, "Pracują obecnie z 22 rodzinami, są jeszcze wolne miejsca.",
		       "families 22 -1 -1 ok");
	check_capacity(&pl, "Na liście oczekujących są 4 rodziny.", "families -1 -1 4 unknown");
	check_capacity(&pl, "Noclegownia jest prawie pełna.", "beds -1 -1 -1 near-full");
	check_capacity(&pl, "Zwiększyli liczbę miejsc w hostelu.", "");
}

/* A statement's quote is its sentences, but at most 500 bytes of them. */
static void test_quote_cap(void)
{
	struct strbuf text = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	struct minutes m;
	size_t i, len;

	strbuf_addstr(&text, "Zápis\n\n1. 2. 2026\n\nSdružení Květina. Pracují s 17 rodinami");
	for (i = 0; i < 60; i++)
		strbuf_addstr(&text, ", žádné čekání");
	strbuf_addstr(&text, ".\n");
	if (!ok(parse(&m, &cs, text.buf, &d) == 0 && m.ncapacity == 1, "a long capacity sentence"))
		return;
	len = strlen(m.capacity[0].quote);
	ok(len <= 503 && !strcmp(m.capacity[0].quote + len - 3, "\xE2\x80\xA6") &&
		   !strncmp(m.capacity[0].quote, "Pracují s 17 rodinami, žádné", 29),
	   "its quote: the first 500 bytes, cut at a character, and an ellipsis");
	minutes_release(&m);
	strbuf_release(&text);
}

static void check_next(const struct minutes_rules *r, const char *date, const char *line,
		       const char *want)
{
	struct strbuf text = STRBUF_INIT, got = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	struct minutes m;

	strbuf_addf(&text, "Zápis\n\n%s\n\n%s\n", date, line);
	if (parse(&m, r, text.buf, &d) < 0) {
		ok(0, "next: '%s': %s", line, d.msg);
		return;
	}
	next_text(&got, &m);
	is_str(got.buf, want, "next: '%s' after '%s'", line, date);
	minutes_release(&m);
	strbuf_release(&text);
	strbuf_release(&got);
}

static void test_next(void)
{
	check_next(&cs, "15. 5. 2023", "Termíny příštích jednání: 11. 9.; 13. 11. vždy ve 13:30",
		   "2023-09-11T13:30|2023-11-13T13:30");
	check_next(&cs, "15. 5. 2023", "Další termín jednání 13. 11. vždy ve 13:30",
		   "2023-11-13T13:30");
	check_next(&cs, "4. 12. 2023", "Příští setkání: 15. 1. ve 14:00", "2024-01-15T14:00");
	check_next(&cs, "4. 12. 2023", "Příští setkání 5. 2.", "2024-02-05");
	check_next(&cs, "4. 12. 2023", "Termín dalšího jednání:", "");
	check_next(&cs, "1. 3. 2024", "Další jednání 2. 4. v 9:00 a 7. 5. ve 13:00",
		   "2024-04-02T09:00|2024-05-07T13:00");
	check_next(&cs, "1. 3. 2024",
		   "Na závěr byl dohodnut termín dalšího setkání 20. 3. 2024 "
		   "v 10:00.",
		   "2024-03-20T10:00");
	check_next(&pl, "25 listopada 2021 r., godz. 10:00",
		   "Kolejne spotkanie: 27 stycznia 2022 r., godz. 10:00", "2022-01-27T10:00");
	check_next(&pl, "25 listopada 2021 r.",
		   "Następne spotkanie odbędzie się 9 grudnia o godz. 12", "2021-12-09T12:00");
}

/* Next meetings with impossible years are left out, with a warning each (issue 13). */
static void test_impossible_years(void)
{
	struct strbuf text = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	struct minutes m;
	int i;

	strbuf_addstr(&text, "Zápis\n\n12. listopadu 2026\n\nPříští jednání:");
	for (i = 0; i < 25; i++)
		strbuf_addf(&text, " %d. 12. 20026,", i + 1);
	strbuf_addstr(&text, " 3. 1. 2027.\n");
	ok(parse(&m, &cs, text.buf, &d) == 0 && m.nnext == 1 && m.nwarnings == 25 && m.warnings &&
		   m.warnings[19].line == 5,
	   "impossible years: the next meeting left out, 25 warnings, 20 kept");
	if (m.warnings)
		is_str(m.warnings[0].msg,
		       "impossible year in the date '1. 12. 20026': not a next meeting",
		       "its message");
	minutes_release(&m);
	ok(parse(&m, &cs, "Zápis\n\nDatum: 3. 4. 0000\n", &d) == -1 && d.status == DIAG_DATA &&
		   d.line == 3 &&
		   !strcmp(d.msg, "impossible year in the meeting's date '3. 4. 0000'"),
	   "an impossible year in the meeting's date is an error");
	strbuf_release(&text);
}

static void test_dates(void)
{
	struct minutes_params p = { &cs, &svc, MINUTES_NO_DATE, 0, 1 };
	struct diag d = DIAG_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct minutes m;
	const char *t = "Zápis ze setkání dne 15. května\n\nPřítomni: Jan Novák\n";

	p.today = day("2026-11-23");
	ok(minutes_parse(&m, &p, "t", t, strlen(t), &d) == 0 && m.when.day == day("2026-05-15") &&
		   m.when.hour == -1,
	   "a date without a year: the last before today");
	is_str(m.group, "Zápis ze setkání", "the group before the date, without 'dne'");
	minutes_release(&m);

	t = "Přítomni: Jan Novák\n\nSova. Beze změn.\n";
	ok(minutes_parse(&m, &p, "t.txt", t, strlen(t), &d) == -1 && d.status == DIAG_DATA,
	   "no date: an error");
	is_str(d.msg, "no meeting date found in the minutes", "its message");
	is_str(d.hint, "give it with --date YYYY-MM-DD", "its hint");
	p.date = day("2026-01-05");
	ok(minutes_parse(&m, &p, "t", t, strlen(t), &d) == 0 && m.when.day == p.date &&
		   m.nupdates == 1 && !m.updates[0].org,
	   "the caller's date");
	minutes_release(&m);

	t = "Zápis\nNázev: Skupina Cizinci\nDatum: 1. 2. 2027\nČas: 9:00 – 11:00\n\n"
	    "Přístav\nNoclehárna je plná.\n\nLípa\n\nPracují s 9 rodinami.\n";
	ok(minutes_parse(&m, &p, "t", t, strlen(t), &d) == 0 && m.when.hour == 9 && m.nupdates == 2,
	   "labels; names alone over their paragraphs");
	is_str(m.group, "Skupina Cizinci", "the group label wins");
	if (m.nupdates == 2)
		is_str(m.updates[1].text, "Pracují s 9 rodinami.", "the paragraph after a name");
	minutes_release(&m);

	t = "Zápis\n\nV Jizerově dne 3. 4. 2026\n\nPlace: x\n";
	p.date = MINUTES_NO_DATE;
	ok(minutes_parse(&m, &p, "t", t, strlen(t), &d) == 0, "a place before the date");
	is_str(m.place, "V Jizerově", "its text");
	minutes_release(&m);
	t = "Zápis\n\n3. 4. 2026\nMísto: sál radnice\n";
	ok(minutes_parse(&m, &p, "t", t, strlen(t), &d) == 0, "a place label");
	is_str(m.place, "sál radnice", "its value");
	minutes_release(&m);
	strbuf_release(&sb);
}

static int spew(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int rc = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
	if (fd >= 0)
		close(fd);
	return rc;
}

static void check_rules_error(const char *yaml, const char *want)
{
	char path[] = "/tmp/minutes_test_rules_" TAP_TEMPLATE_TAIL;
	struct minutes_rules r;
	struct diag d = DIAG_INIT;
	struct strbuf got = STRBUF_INIT;
	int fd = mkstemp(path);

	if (fd >= 0)
		close(fd);
	spew(path, yaml);
	ok(minutes_rules_file(&r, path, "cs", &d) == -1 && d.status == DIAG_DATA &&
		   !strcmp(d.file, path),
	   "rules error: %s", want);
	testgolden_format_diag(&got, &d);
	is_str(got.buf, want, "its message");
	unlink(path);
	strbuf_release(&got);
}

static void test_rules(void)
{
	char path[] = "/tmp/minutes_test_rules_" TAP_TEMPLATE_TAIL;
	struct minutes_rules r, back;
	struct minutes_params p = { &r, NULL, MINUTES_NO_DATE, 0, 0 };
	struct strbuf dump = STRBUF_INIT, dump2 = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	struct minutes m;
	const char *t =
		"Zápis\n\n2. 3. 2026\n\nÚčast: Jan Novák, Eva Malá\n\n"
		"Přítomni: Petr Nikdo\n";
	int fd = mkstemp(path);

	if (fd >= 0)
		close(fd);
	spew(path, "version: 1\nbase: cs\nattendees: ['^účast\\s*:\\s*']\n");
	ok(minutes_rules_file(&r, path, NULL, &d) == 0, "a rules file over cs");
	ok(minutes_parse(&m, &p, "t", t, strlen(t), &d) == 0 && m.nattendees == 2 &&
		   !strcmp(m.attendees[1].name, "Eva Malá"),
	   "its attendees rule replaces the built-in ones");
	minutes_release(&m);
	minutes_rules_release(&r);

	ok(minutes_rules_builtin(&r, "pl", &d) == 0, "built-in pl");
	minutes_rules_dump(&r, &dump);
	spew(path, dump.buf);
	ok(minutes_rules_file(&back, path, "cs", &d) == 0, "its dump loads back");
	minutes_rules_dump(&back, &dump2);
	ok(strstr(dump2.buf, "łóż") && r.rules.n == back.rules.n, "to the same rules");
	minutes_rules_release(&r);
	minutes_rules_release(&back);
	unlink(path);

	ok(minutes_rules_builtin(&r, "de", &d) == -1 && d.status == DIAG_USAGE &&
		   !strcmp(d.msg, "unknown language 'de' (built in: cs, pl)"),
	   "an unknown language");
	check_rules_error("version: 1\nattendes: ['x']\n",
			  "2:1: unknown key 'attendes'\nhint: did you mean 'attendees'?\n");
	check_rules_error("version: 1\nbase: cs\nnext: ['(dalš']\n",
			  "3:8: 'next': bad pattern at column 6: missing closing parenthesis\n");
	check_rules_error("version: 2\n", "1:10: unsupported version (only 1 is known)\n");
	check_rules_error("base: cs\n", "1:1: missing 'version: 1'\n");
	check_rules_error("version: 1\nbase: xx\n",
			  "2:7: 'base' must be a built-in language, or none\n");
	check_rules_error("version: 1\nstate:\n  - fulll: 'x'\n",
			  "3:5: 'state': unknown tag 'fulll'\nhint: did you mean 'full'?\n");
	check_rules_error("version: 1\nunit: 'x'\n",
			  "2:7: 'unit' must be a sequence of '- TAG: RULE' pairs\n");
	check_rules_error("version: 1\ntopics: [{a: b}]\n",
			  "2:10: 'topics': each rule must be a string, not a mapping\n");
	check_rules_error("version: 1\ntopics: ['']\n", "2:10: 'topics': empty rule\n");
	strbuf_release(&dump);
	strbuf_release(&dump2);
}

/* The built-in patterns are compiled at their first use: each of them compiles. */
static void test_builtin_patterns(const struct minutes_rules *mr, const char *lang)
{
	struct diag d = DIAG_INIT;
	size_t i, bad = 0, n = 0;

	for (i = 0; i < mr->rules.n; i++) {
		if (!mr->rules.v[i].rx)
			continue;
		n++;
		if (rules_rx_exec(mr->rules.v[i].rx, "x", 1, 0, 0, &d) < 0) {
			printf("# %s\n", d.msg);
			bad++;
		}
	}
	ok(n > 100 && !bad, "the %zu built-in patterns of %s compile", n, lang);
}

static void test_detect(void)
{
	const char *pl_text =
		"Obecni: Anna Kowalczyk. Kolejne spotkanie odbędzie się w grudniu, "
		"miejsca są zajęte.";
	is_str(minutes_rules_detect(minutes_cs, strlen(minutes_cs)), "cs", "detects Czech");
	is_str(minutes_rules_detect(pl_text, strlen(pl_text)), "pl", "detects Polish");
	is_str(minutes_rules_detect("", 0), "cs", "Czech by default");
}

static void test_yaml(void)
{
	struct minutes_params p = { &cs, NULL, MINUTES_NO_DATE, 0, 1 };
	struct strbuf sb = STRBUF_INIT;
	struct diag d = DIAG_INIT;
	struct minutes m;
	const char *t = "3. 4. 2026\n\nSova. Říkají \"ne\" a\ttab\\.\n";

	ok(minutes_parse(&m, &p, "t", t, strlen(t), &d) == 0, "parses for yaml");
	minutes_yaml(&m, &sb);
	is_str(sb.buf,
	       "meeting:\n  group: null\n  date: \"2026-04-03\"\n  time: null\n  place: null\n"
	       "topics: []\nattendees: []\nupdates:\n  - organization: \"Sova\"\n"
	       "    org_id: \"sova\"\n    text: \"Říkají \\\"ne\\\" a\\ttab\\\\.\"\n"
	       "actions: []\ncapacity: []\nnext_meetings: []\nauthor: null\n",
	       "yaml document");
	minutes_release(&m);
	strbuf_release(&sb);
}

int main(void)
{
	struct diag d = DIAG_INIT;
	struct strbuf path = STRBUF_INIT;

	if (minutes_rules_builtin(&cs, "cs", &d) < 0 || minutes_rules_builtin(&pl, "pl", &d) < 0) {
		printf("Bail out! built-in rules: %s\n", d.msg);
		return 1;
	}
	strbuf_addf(&path, "%s/testdata/fixtures/minutes/services.yaml", testgolden_top());
	if (services_load(&svc, path.buf, NULL, &d) < 0) {
		printf("Bail out! %s: %s\n", path.buf, d.msg);
		return 1;
	}
	test_blocks();
	test_parse();
	test_capacity();
	test_quote_cap();
	test_next();
	test_dates();
	test_impossible_years();
	test_rules();
	test_builtin_patterns(&cs, "cs");
	test_builtin_patterns(&pl, "pl");
	test_detect();
	test_yaml();
	services_release(&svc);
	minutes_rules_release(&cs);
	minutes_rules_release(&pl);
	strbuf_release(&path);
	return tap_done();
}
