#include "minutes_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"
#include "yamldoc.h"
#include "banned.h"

/* clang-format off */
static const char *const month_tags[] = {
	"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", NULL
};
static const char *const number_tags[] = {
	"used", "total", "waiting", "free", "used-total", "free-total", "all", NULL
};
static const char *const state_tags[] = { "full", "near-full", "ok", NULL };
static const char *const numword_tags[] = {
	"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15",
	"16", "17", "18", "19", "20", NULL
};
static const char *const column_tags[] = {
	"name", "organization", "role", "total", "used", "free", "waiting", "task", "responsible",
	"deadline", NULL
};

static const struct rules_kind minutes_rules_kinds[MINUTES_RULES_NKINDS] = {
	[MINUTES_RULES_DETECT] = { "detect", 0, NULL,
		"typical of the language: the language whose rules match most often is chosen" },
	[MINUTES_RULES_MONTH] = { "month", RULES_WORDS | RULES_TAGGED, month_tags,
		"month names as written in dates, any case, diacritics optional" },
	[MINUTES_RULES_ABBREV] = { "abbrev", RULES_WORDS, NULL,
		"abbreviations whose dot ends neither a sentence nor a name (Mgr., tzv.)" },
	[MINUTES_RULES_NUMWORD] = { "numword", RULES_WORDS | RULES_TAGGED, numword_tags,
		"numbers in words, tagged with their value (pět, dwa)" },
	[MINUTES_RULES_APPROX] = { "approx", RULES_WORDS, NULL,
		"words before a number that make it approximate (asi, zhruba, około)" },
	[MINUTES_RULES_TITLE] = { "title", 0, NULL,
		"a title that marks minutes (Zápis, Protokół, Notatka ze spotkania)" },
	[MINUTES_RULES_GROUP] = { "group", 0, NULL,
		"the title naming the group, before the meeting date (group: its part)" },
	[MINUTES_RULES_PAGE] = { "page", 0, NULL,
		"a line of page furniture, dropped before anything is read (Strana 2 z 3, - 2 -)" },
	[MINUTES_RULES_FURNITURE] = { "furniture", 0, NULL,
		"a paragraph of a web page or a form around the minutes, skipped (Vytvořeno:, Autor:)" },
	[MINUTES_RULES_PLACE] = { "place", 0, NULL,
		"a label before the place of the meeting (place: the place)" },
	[MINUTES_RULES_PLACE_TEXT] = { "place_text", 0, NULL,
		"the place of the meeting in a sentence (place: the place, to the sentence's end)" },
	[MINUTES_RULES_TIME] = { "time", 0, NULL,
		"times in words, besides 13:30 and 13.30 (h: hour, m: minutes)" },
	[MINUTES_RULES_TIME_LABEL] = { "time_label", 0, NULL,
		"a label before the time the meeting began (Začátek:, Początek posiedzenia -)" },
	[MINUTES_RULES_THIS_YEAR] = { "this_year", 0, NULL,
		"words after a date that put it in the year of the minutes (letos, br.)" },
	[MINUTES_RULES_FILLER] = { "filler", 0, NULL,
		"words around the date and time of a meeting that are not its place" },
	[MINUTES_RULES_NOISE] = { "noise", 0, NULL,
		"text dropped from the start of a paragraph (Ad 1.)" },
	[MINUTES_RULES_SIGNOFF] = { "signoff", 0, NULL,
		"a sign-off that is neither an update nor the author (Ověřil:, Zatwierdziła:)" },
	[MINUTES_RULES_ATTENDEES] = { "attendees", 0, NULL,
		"the heading of the list of those present; the names follow" },
	[MINUTES_RULES_ATTENDEES_TEXT] = { "attendees_text", 0, NULL,
		"words in a sentence after which people present are named (list: them, else to the sentence's end)" },
	[MINUTES_RULES_ATTENDEES_GROUP] = { "attendees_group", 0, NULL,
		"an organisation heading people in a list of those present (org: it)" },
	[MINUTES_RULES_ABSENT] = { "absent", 0, NULL,
		"the heading of a list of names that are not attendees (excused)" },
	[MINUTES_RULES_PERSON_TITLE] = { "person_title", RULES_WORDS, NULL,
		"academic and clerical titles, kept in a name (Mgr., DiS., dr, ks.)" },
	[MINUTES_RULES_HONORIFIC] = { "honorific", RULES_WORDS, NULL,
		"honorifics, dropped from a name (p., pan, paní)" },
	[MINUTES_RULES_ORG_PREP] = { "org_prep", RULES_WORDS, NULL,
		"the word between a name and its organisation (Name z Organizace)" },
	[MINUTES_RULES_NUM_SIGN] = { "num_sign", RULES_WORDS, NULL,
		"the sign before the number that ends a name (nr, č.: Szkoła Podstawowa nr 1)" },
	[MINUTES_RULES_ROLE] = { "role", 0, NULL,
		"a role or function beside a name (koordinátorka, dyrektor)" },
	[MINUTES_RULES_ORG_WORD] = { "org_word", 0, NULL,
		"words of an organisation's name, never of a person's (Centrum, Fundacja)" },
	[MINUTES_RULES_COLUMN] = { "column", RULES_TAGGED, column_tags,
		"a table's column heading, tagged with what the column holds" },
	[MINUTES_RULES_CONJ] = { "conj", 0, NULL,
		"the word joining the last two names of a list" },
	[MINUTES_RULES_TOPICS] = { "topics", 0, NULL,
		"the heading of the list of topics" },
	[MINUTES_RULES_TOPICS_TEXT] = { "topics_text", 0, NULL,
		"the end of a sentence after which the topics are listed (...przyjęła porządek obrad:)" },
	[MINUTES_RULES_ACTIONS] = { "actions", 0, NULL,
		"the heading of a list of action points" },
	[MINUTES_RULES_ACTION] = { "action", 0, NULL,
		"an action point in the text (text: the action)" },
	[MINUTES_RULES_NEXT] = { "next", 0, NULL,
		"words announcing the next meetings; their dates follow" },
	[MINUTES_RULES_AUTHOR] = { "author", 0, NULL,
		"the heading before the author's name" },
	[MINUTES_RULES_UPDATE] = { "update", 0, NULL,
		"an organisation's update in other forms than 'Name. text' (org: the name, text: the update)" },
	[MINUTES_RULES_HEAD_SEP] = { "head_sep", 0, NULL,
		"what ends an organisation's name at the start of its update ('Name. text', 'Name: text')" },
	[MINUTES_RULES_NOT_ORG] = { "not_org", 0, NULL,
		"words that show that the start of a sentence is not an organisation's name" },
	[MINUTES_RULES_ORG_SUFFIX] = { "org_suffix", 0, NULL,
		"legal forms that may end an organisation's name, after a comma" },
	[MINUTES_RULES_UNIT] = { "unit", RULES_TAGGED, NULL,
		"words of a unit of capacity, tagged with the unit written to capacity.csv" },
	[MINUTES_RULES_UNIT_HINT] = { "unit_hint", RULES_TAGGED, NULL,
		"words implying a unit when a capacity statement names none" },
	[MINUTES_RULES_DEFAULT_UNIT] = { "default_unit", RULES_WORDS, NULL,
		"the unit when nothing names one" },
	[MINUTES_RULES_NUMBER] = { "number", RULES_TAGGED, number_tags,
		"a number of a capacity statement ({N}, {N2}: the numbers, {unit}: its unit)" },
	[MINUTES_RULES_NOT_NUMBER] = { "not_number", 0, NULL,
		"numbers that are no capacity: documents, phones, amounts, years" },
	[MINUTES_RULES_STATE] = { "state", RULES_TAGGED, state_tags,
		"a capacity state in words; the first rule that matches a sentence wins" },
	[MINUTES_RULES_IGNORE] = { "ignore", 0, NULL,
		"sentences about capacity that state none (increased capacity, more staff)" },
};
/* clang-format on */

/* The words of a kind as alternatives of a pattern, escaped: "a|b\\.", and how many. */
static int word_alternatives(const struct rules *r, enum minutes_rules_kind kind, struct strbuf *sb)
{
	const char *w;
	size_t i;
	int words = 0;

	for (i = 0; i < r->n; i++) {
		if (r->v[i].kind != kind)
			continue;
		if (words++)
			strbuf_addch(sb, '|');
		for (w = r->v[i].text; *w; w++) {
			if ((unsigned char)*w < 0x80 &&
			    !((*w >= 'a' && *w <= 'z') || (*w >= 'A' && *w <= 'Z') ||
			      (*w >= '0' && *w <= '9')))
				strbuf_addch(sb, '\\');
			strbuf_addch(sb, *w);
		}
	}
	return words;
}

/*
 * {N} and {N2}: a number in digits, or one of the 'numword' words ("pět"),
 * after one of the 'approx' words if any ("asi 30", "około 6").
 */
static void number_macro(const struct rules *r, const char *group, struct strbuf *sb)
{
	size_t mark;

	strbuf_addstr(sb, "(?:(?<!\\p{L})(?:");
	mark = sb->len;
	if (word_alternatives(r, MINUTES_RULES_APPROX, sb))
		strbuf_addstr(sb, ")(?!\\p{L})\\s*)?");
	else
		strbuf_setlen(sb, mark - strlen("(?:(?<!\\p{L})(?:"));
	strbuf_addf(sb, "(?<%s>\\d{1,5}|(?:", group);
	mark = sb->len;
	if (word_alternatives(r, MINUTES_RULES_NUMWORD, sb))
		strbuf_addstr(sb, ")(?!\\p{L}))");
	else
		strbuf_setlen(sb, mark - strlen("|(?:")), strbuf_addch(sb, ')');
}

/* Rules of every language. */
/* clang-format off */
static const struct rules_src common[] = {
	{ "head_sep", NULL, "\\.\\s+(?=[\\p{Lu}\\d\"„“])" },
	{ "head_sep", NULL, "\\s*:\\s+" },
	{ "head_sep", NULL, "\\s+[–—-]+\\s+" },
	{ "default_unit", NULL, "places" },
	{ "page", NULL, "^[-–—(]?\\s*\\d{1,4}\\s*[-–—)]?$" },
	{ "furniture", NULL, "^\\p{L}[\\p{L} ]{0,40}(?:>|»)\\s*\\p{L}" },
	{ "furniture", NULL, "^(?:©|\\(c\\)\\s|copyright\\b)" },
	{ NULL, NULL, NULL }
};

/* Verbs that follow the name in "Za Name se ...", "Ze strony Name poinformowano". */
/* Verbs that follow the name in "Name informovala o ...". */
/* What a name at the start of an update holds: no punctuation, but the dot of an abbreviation ("Sv. Anny"). */
#define ORGCHARS "(?:[^,.:;]|(?<=\\b\\p{L})\\.|(?<=\\b\\p{L}\\p{L})\\.|(?<=\\b\\p{L}\\p{L}\\p{L})\\.)"

#define CS_REPORTS "(?:informoval\\w*|informuj\\w*|uvedl\\w*|sdělil\\w*|referoval\\w*|" \
	"zmínil\\w*|hlásí|hlásil\\w*|nabízí|nabízejí|zvýšil\\w*|navýšil\\w*|posílil\\w*|" \
	"otevřel\\w*|otevírá|otevírají|rozšířil\\w*|přestal\\w*|ukončil\\w*|zahájil\\w*|" \
	"oznámil\\w*|upozornil\\w*|doplnil\\w*|představil\\w*|navrhl\\w*|navrhuj\\w*|" \
	"připomněl\\w*|potvrdil\\w*|zdůraznil\\w*|popsal\\w*|vysvětlil\\w*)"

#define CS_VERBS "(?:se|si|bylo|byl[aoiy]?|bude|budou|je|jsou|má|mají|nemá|nemají|" \
	"informoval\\w*|informuj\\w*|uvedl\\w*|sdělil\\w*|pracuj\\w*|zazněl\\w*|" \
	"hovořil\\w*|referoval\\w*|zmínil\\w*|prezentoval\\w*|představil\\w*|" \
	"zúčastnil\\w*|přednesl\\w*|doplnil\\w*|upozornil\\w*|nabízí|nabízejí|" \
	"poskytuj\\w*|stále|aktuálně|nyní|zatím)"

static const struct rules_src cs[] = {
	{ "detect", NULL, "[ěřůĚŘŮ]" },
	{ "detect", NULL, "\\b(?:se|je|jsou|pro|nebo|také|jednání|setkání|že)\\b" },

	{ "abbrev", NULL, "Mgr" }, { "abbrev", NULL, "Bc" }, { "abbrev", NULL, "Ing" },
	{ "abbrev", NULL, "MUDr" }, { "abbrev", NULL, "JUDr" }, { "abbrev", NULL, "PhDr" },
	{ "abbrev", NULL, "RNDr" }, { "abbrev", NULL, "PaedDr" }, { "abbrev", NULL, "MVDr" },
	{ "abbrev", NULL, "ThDr" }, { "abbrev", NULL, "ThLic" }, { "abbrev", NULL, "Dr" },
	{ "abbrev", NULL, "doc" }, { "abbrev", NULL, "prof" }, { "abbrev", NULL, "DiS" },
	{ "abbrev", NULL, "PhD" }, { "abbrev", NULL, "CSc" }, { "abbrev", NULL, "tzv" },
	{ "abbrev", NULL, "např" }, { "abbrev", NULL, "atd" }, { "abbrev", NULL, "resp" },
	{ "abbrev", NULL, "apod" }, { "abbrev", NULL, "cca" }, { "abbrev", NULL, "čp" },
	{ "abbrev", NULL, "ul" }, { "abbrev", NULL, "nám" }, { "abbrev", NULL, "tř" },
	{ "abbrev", NULL, "str" }, { "abbrev", NULL, "odd" }, { "abbrev", NULL, "odb" },
	{ "abbrev", NULL, "sv" }, { "abbrev", NULL, "pí" }, { "abbrev", NULL, "spol" },
	{ "abbrev", NULL, "mj" }, { "abbrev", NULL, "tj" }, { "abbrev", NULL, "aj" },
	{ "abbrev", NULL, "popř" }, { "abbrev", NULL, "příp" }, { "abbrev", NULL, "vč" },
	{ "abbrev", NULL, "zejm" }, { "abbrev", NULL, "max" }, { "abbrev", NULL, "min" },
	{ "abbrev", NULL, "hod" }, { "abbrev", NULL, "tel" }, { "abbrev", NULL, "mob" },

	{ "numword", "1", "jeden" }, { "numword", "1", "jedna" }, { "numword", "1", "jedno" },
	{ "numword", "1", "jednu" }, { "numword", "1", "jednoho" }, { "numword", "2", "dva" },
	{ "numword", "2", "dvě" }, { "numword", "3", "tři" }, { "numword", "4", "čtyři" },
	{ "numword", "5", "pět" }, { "numword", "6", "šest" }, { "numword", "7", "sedm" },
	{ "numword", "8", "osm" }, { "numword", "9", "devět" }, { "numword", "10", "deset" },
	{ "approx", NULL, "asi" }, { "approx", NULL, "zhruba" }, { "approx", NULL, "přibližně" },
	{ "approx", NULL, "cca" }, { "approx", NULL, "cca." }, { "approx", NULL, "kolem" },
	{ "approx", NULL, "okolo" }, { "approx", NULL, "téměř" }, { "approx", NULL, "přes" },

	{ "person_title", NULL, "Mgr" }, { "person_title", NULL, "Bc" }, { "person_title", NULL, "Ing" },
	{ "person_title", NULL, "MUDr" }, { "person_title", NULL, "JUDr" }, { "person_title", NULL, "PhDr" },
	{ "person_title", NULL, "RNDr" }, { "person_title", NULL, "PaedDr" }, { "person_title", NULL, "MVDr" },
	{ "person_title", NULL, "ThDr" }, { "person_title", NULL, "ThLic" }, { "person_title", NULL, "Dr" },
	{ "person_title", NULL, "doc" }, { "person_title", NULL, "prof" }, { "person_title", NULL, "DiS" },
	{ "person_title", NULL, "PhD" }, { "person_title", NULL, "CSc" }, { "person_title", NULL, "MBA" },
	{ "person_title", NULL, "MgA" }, { "person_title", NULL, "BcA" }, { "person_title", NULL, "arch" },
	{ "person_title", NULL, "npor" }, { "person_title", NULL, "kpt" }, { "person_title", NULL, "mjr" },
	{ "person_title", NULL, "pprap" }, { "person_title", NULL, "prap" }, { "person_title", NULL, "nprap" },
	{ "person_title", NULL, "pplk" }, { "person_title", NULL, "plk" },
	{ "honorific", NULL, "p" }, { "honorific", NULL, "pan" }, { "honorific", NULL, "paní" },
	{ "honorific", NULL, "pí" }, { "honorific", NULL, "pán" }, { "honorific", NULL, "slečna" },
	{ "org_prep", NULL, "z" }, { "org_prep", NULL, "ze" },
	{ "num_sign", NULL, "č." }, { "num_sign", NULL, "čís." }, { "num_sign", NULL, "číslo" },
	{ "num_sign", NULL, "no." },

	{ "title", NULL, "^(?:zápis|protokol|záznam)\\b" },
	{ "title", NULL, "\\b(?:zápis\\w*|protokol\\w*|záznam\\w*)\\s+(?:č\\.\\s*\\S+\\s+)?(?:z|ze)\\s+(?:\\S+\\s+){0,3}?(?:jednání|setkání|zasedání|schůz\\w*|porady|platformy|fóra|komise)" },
	{ "group", NULL, "^(?:název|skupina|pracovní\\s+skupina)(?:\\s+skupiny)?\\s*:\\s*(?<group>.+)" },
	{ "group", NULL, "^(?:předmět|věc)\\s*:\\s*(?<group>.+)" },
	{ "group", NULL, "^(?:zápis|protokol|pracovní\\s+(?:setkání|skupina|jednání)|setkání|jednání|schůzka)\\b" },
	{ "group", NULL, "\\bpracovní\\w*\\s+skupin\\w*" },
	{ "group", NULL, "\\bskupin\\w*\\s+pro\\b" },
	{ "place", NULL, "^m[íi]sto(?:\\s+(?:konání|setkání|jednání))?\\s*:\\s*(?<place>.+)" },
	{ "page", NULL, "(?:^|\\s)(?:strana|str\\.)\\s*\\d{1,4}(?:\\s*(?:z|ze|/)\\s*\\d{1,4})?\\s*$" },
	{ "furniture", NULL, "^(?:od|komu|kopie|odesláno|datum\\s+odeslání)\\s*:" },
	{ "furniture", NULL, "^(?:typ|vytvořeno|poslední\\s+(?:aktualizace|změna)|aktualizováno|publikováno|autor|sdílet|tisknout|vytisknout|zpět|domů|počet\\s+zobrazení|soubory\\s+ke\\s+stažení)\\s*(?:[:>|»]|$)" },
	{ "place_text", NULL, "\\b(?:v|ve)\\s+(?<place>(?:zasedací|místnost\\w*|sál\\w*|sále|budově|kanceláři|klubovně|centru|úřadě|sídle|prostorách)\\b[^.;]{0,80}?)\\s+(?:se\\s+)?(?:konal\\w*|proběhl\\w*|uskutečnil\\w*|sešl\\w*)" },
	{ "place_text", NULL, "\\b(?:konal\\w*\\s+se|se\\s+konal\\w*|proběhl\\w*|uskutečnil\\w*\\s+se|se\\s+uskutečnil\\w*|sešl\\w*\\s+se|se\\s+sešl\\w*)\\s+(?:[\\p{L}\\d.:]+\\s+){0,8}?(?:v|ve)\\s+(?!(?:pondělí|úterý|středu|čtvrtek|pátek|sobotu|neděli|\\d)\\b)(?<place>\\p{L}.*)" },
	{ "time_label", NULL, "^(?:začátek(?:\\s+jednání)?|zahájení|čas(?:\\s+zahájení)?)\\s*[:–-]\\s*" },
	{ "time_label", NULL, "(?<=[.;!?]\\s)(?:začátek|zahájení)(?:\\s+(?:jednání|setkání|schůzky))?\\s+(?:v|ve|od)\\s+(?=\\d)" },
	{ "this_year", NULL, "^\\s*(?:letos|letošního\\s+roku|tohoto\\s+roku|t\\.\\s?r\\.|b\\.\\s?r\\.|br\\.|běžného\\s+roku)(?!\\p{L})" },
	{ "time", NULL, "(?<![\\d:.])\\b(?<h>[01]?\\d|2[0-3])\\s*(?:hod(?:in[ay]?)?|h)\\b\\.?" },
	{ "filler", NULL, "\\b(?:(?:od|v|ve)\\s+(?=\\d))?(?:hod(?:in[ay]?)?|h)\\b\\.?" },
	{ "filler", NULL, "\\b(?:ze\\s+dne|v\\s+den|dne|začátek|zahájení)\\b" },
	{ "filler", NULL, "\\b(?:datum|čas|termín)(?:\\s+(?:a\\s+)?(?:konání|místo|čas))*\\s*:" },
	{ "filler", NULL, "\\((?:po|út|st|čt|pá|so|ne|pondělí|úterý|středa|čtvrtek|pátek|sobota|neděle)\\)" },
	{ "noise", NULL, "^(?:ad|k\\s+bodu)\\s*\\d+\\s*[.:)]?\\s*" },
	{ "signoff", NULL, "^(?:ověřil\\w*|ověřovatel\\w*|schválil\\w*|za\\s+správnost|podpis\\w*|kontroloval\\w*|přílohy?)(?:\\s*[:–-]|\\s+\\p{Lu}|\\s*$)" },

	{ "attendees", NULL, "^(?:p[řr][íi]tomn[íiy]|p[řr][íi]tomen|p[řr][íi]tomna|účastn[íi]c[ie]|účast|prezence|prezenční\\s+listina|hosté|host|(?:sešli\\s+jsme\\s+se\\s+)?ve\\s+složení)(?:\\s+(?!dle\\b)\\p{L}+){0,3}?(?:\\s*\\([^)]*\\))?\\s*[:–-]\\s*" },
	{ "attendees_text", NULL, "\\b(?:jednání|setkání|zasedání|schůzk\\w*|porad(?:a|u|y))\\s+(?:\\p{L}+\\s+)?(?:řídil\\w*|vedl\\w*|moderoval\\w*|zahájil\\w*|otevřel\\w*)(?:\\s+a\\s+(?:řídil\\w*|vedl\\w*))?\\s+" },
	{ "attendees_text", NULL, "\\b(?:(?:se\\s+)?(?:dále\\s+|také\\s+|též\\s+)?zúčastnil\\w*|zúčastnil\\w*\\s+se)(?:\\s+(?:též|také|i))?\\s*:?\\s*" },
	{ "attendees_text", NULL, "^(?<list>[^.;:]{3,120}?)\\s+(?:zahájil\\w*|otevřel\\w*|řídil\\w*)\\s+(?:jednání|setkání|zasedání|schůzk\\w*)" },
	{ "attendees_group", NULL, "^(?:za|ze\\s+strony)\\s+(?<org>[^:]{2,60}?)\\s*:\\s*" },
	{ "absent", NULL, "^(?:omluven[íiy]|omluvena|omluven|nep[řr][íi]tomn[íiy]|chyběl[iy]?)\\s*[:–-]\\s*" },
	{ "role", NULL, "(?:(?:krajsk|městsk|obecn|hlavn|vrchn|odborn|sociáln|terénn|metodick)\\p{L}{1,2}\\s+)?(?:vedoucí|ředitel\\w*|náměst\\w*|předsed\\w*|místopředsed\\w*|koordinátor\\w*|tajemn\\w*|starost\\w*|místostarost\\w*|primátor\\w*|radní|zastupitel\\w*|referent\\w*|zástupc\\w*|zástupkyně|člen\\w*|host|hosté|garant\\w*|manažer\\w*|terapeut\\w*|psycholog\\w*|lektor\\w*|tlumočn\\w*|metodi\\w*|asistent\\w*|pracovni\\w*|pracovník\\w*|sociální\\s+pracovn\\w*|terénní\\s+pracovn\\w*|kurátor\\w*|právni\\w*|advokát\\w*|zapisovatel\\w*|mluvčí|přednost\\w*|kaplan\\w*|farář\\w*|dobrovoln\\w*|poradkyně|poradce|konzultant\\w*|specialist\\w*|odborn\\w*)(?!\\p{L})(?:\\s+(?:obce|města|městyse|kraje|komise|rady|skupiny|fóra|platformy|odboru(?:\\s+\\p{Ll}+){0,3}))?" },
	{ "org_word", NULL, "(?:centr\\w*|charit\\w*|diakoni\\w*|spolek|spolku|společnost\\w*|sdružení|nadac\\w*|nadační|fond\\w*|úřad\\w*|odbor\\w*|oddělení|magistrát\\w*|radnic\\w*|kancelář\\w*|poradn\\w*|azylov\\w*|noclehárn\\w*|dům|domu|domov\\w*|klub\\w*|komunit\\w*|bank\\w*|škol\\w*|policie|policejní|ospod|krajsk\\w*|kraj|kraje|měst\\w*|obec|obce|obecní|organizace|institut\\w*|univerzit\\w*|nemocnic\\w*|svaz\\w*|asociace|unie|ministerstv\\w*|komor\\w*|inspektorát\\w*|služb\\w*|platform\\w*|komise|fórum|fóra)(?!\\p{L})" },
	{ "column", "name", "^(?:jméno(?:\\s+a\\s+příjmení)?|příjmení(?:\\s+a\\s+jméno)?|účastník|osoba)$" },
	{ "column", "organization", "^(?:organizace|instituce|zařízení|služba|subjekt)$" },
	{ "column", "role", "^(?:funkce|pozice|role)$" },
	{ "column", "total", "^(?:kapacita|počet\\s+míst|míst\\s+celkem|celkem)$" },
	{ "column", "used", "^(?:obsazeno|obsazenost|obsazená\\s+místa|využito)$" },
	{ "column", "free", "^(?:volno|volná\\s+místa|volných|volné)$" },
	{ "column", "waiting", "^(?:čekatelé|čekající|pořadník|čekací\\s+listina|zájemci)$" },
	{ "column", "task", "^(?:úkol|úkoly|opatření)$" },
	{ "column", "responsible", "^(?:odpovědn[ýá]|odpovídá|zodpovídá|kdo)$" },
	{ "column", "deadline", "^(?:termín|do\\s+kdy|splnit\\s+do)$" },
	{ "conj", NULL, "\\s+(?:a|i|nebo)\\s+" },
	{ "topics", NULL, "^(?:témata|téma|program|body|obsah|pořad)(?:\\s+(?:setkání|jednání|schůzky))?(?:\\s*:\\s*|\\s*$)" },
	{ "topics", NULL, "^(?:body|témata)\\s+(?:jednání|setkání|zasedání)\\s*:\\s*" },
	{ "topics_text", NULL, "\\b(?:program|pořad)\\s+(?:jednání|setkání|zasedání|schůze)?\\s*(?:byl\\s+)?(?:schválen|přijat)\\w*(?:\\s+v\\s+tomto\\s+znění)?\\s*:\\s*$" },
	{ "topics_text", NULL, "\\bnásledující\\s+program\\w*\\s*:\\s*$" },
	{ "actions", NULL, "^(?:úkoly|akční\\s+body|zadané\\s+úkoly|usnesení|závěry(?:\\s+a\\s+úkoly)?)(?:\\s*:\\s*|\\s*$)" },
	{ "action", NULL, "^úkol(?:\\s*(?:č\\.\\s*)?\\d+)?\\s*[:–-]\\s*(?<text>.+)" },
	{ "next", NULL, "\\b(?:další|příští|následující)(?:ho|ch)?\\s+(?:termín\\w*|jednání|setkání|zasedání|schůz\\w*|porad[ayu])(?:\\s+(?:jednání|setkání|pracovní\\s+skupiny|skupiny))?" },
	{ "next", NULL, "\\btermín\\w*\\s+(?:dalšího|příštího|následujícího|dalších|příštích)\\s+(?:jednání|setkání|schůz\\w*)" },
	{ "author", NULL, "^(?:zpracoval[a]?|zapsal[a]?|sepsal[a]?|zapsal\\(a\\)|zapisovatel(?:ka)?|(?:zápis|protokol)\\s+(?:zpracoval[a]?|provedl[a]?|pořídil[a]?|vyhotovil[a]?|sepsal[a]?)|zapsáno|vyhotovil[a]?)(?:\\s*[:–-]\\s*|\\s+(?=\\p{Lu}))" },
	{ "author", NULL, "^(?:s\\s+pozdravem|s\\s+přátelským\\s+pozdravem|se\\s+srdečným\\s+pozdravem)\\s*,?\\s*" },

	{ "update", NULL, "^za\\s+(?<org>\\p{Lu}" ORGCHARS "{0,60}?)\\s*,?\\s+(?=" CS_VERBS "\\b)" },
	{ "update", NULL, "^(?:zástupc\\w+|pracovni\\w+|kolega|kolegyně)\\s+(?<org>\\p{Lu}" ORGCHARS "{0,60}?)\\s+(?=" CS_VERBS "\\b)" },
	{ "update", NULL, "^(?:ředitel\\w*|vedoucí|předsed\\w*|zástupc\\w*|zástupkyně)\\s+(?<org>\\p{Lu}" ORGCHARS "{0,60}?)\\s+(?:(?:p|pan|paní|pí)\\.?\\s+)?\\p{Lu}\\p{L}+(?:\\s+\\p{Lu}\\p{L}+)?\\s+(?=" CS_REPORTS "\\b)" },
	{ "update", NULL, "^(?:(?:p|pan|paní|pí)\\.?\\s+)?(?:(?:Mgr|Bc|Ing|PhDr|JUDr|MUDr)\\.\\s+)*\\p{Lu}\\p{L}+(?:\\s+\\p{Lu}\\p{L}+){0,2}\\s+(?:z|ze)\\s+(?<org>\\p{Lu}" ORGCHARS "{0,60}?)\\s+(?=" CS_REPORTS "\\b)" },
	{ "update", NULL, "^(?<org>\\p{Lu}" ORGCHARS "{0,60}?)\\s+(?=" CS_REPORTS "\\b)" },
	{ "not_org", NULL, "\\b(?:se|si|je|jsou|byl[aoiy]?|bylo|bude|budou|má|mají|nemá|nemají|jsme|jsem|není|nejsou|lze|jedná|týká|týkal[aoiy]?|proběhl[aoiy]?|který|která|které|kteří|jejich|jeho|její|tento|tato|toto|tyto|také|stále|ještě|zatím|již|už|pak|dále|velmi|další|dalších|nové|nic|novinky|informace|diskuse|diskuze|poznámka|poznámky|úkol|úkoly|termín|termíny|čas|datum|místo|název|zapisovatel\\w*|usnesení|závěr|závěry|různé|téma|témata|program|bod|body|ad|zpracoval[a]?|zapsal[a]?|přítomni|omluveni|hosté|něco|jako|jsme|když|protože|aby|kde|kdy)\\b" },
	{ "not_org", NULL, "\\b\\p{L}{3,}(?:ili|ily|ali|aly|eli|ěli|ely|uli)\\b" },
	{ "not_org", NULL, "\\b\\p{L}{4,}(?:ala|ila|ela|ěla|alo|ilo|elo)\\b" },
	{ "not_org", NULL, "\\b(?:pan|paní|kolega|kolegyně|zástupc\\w+|zástupkyně|ředitel\\w*|vedoucí|koordinátor\\w*|pracovnice|pracovník\\w*|sociální\\s+pracovni\\w+)\\b" },
	{ "not_org", NULL, "\\b\\p{L}{2,}(?:ují|ají|ejí|ějí)\\b" },
	{ "not_org", NULL, "\\b\\p{Ll}\\p{L}{2,}uje\\b" },
	{ "not_org", NULL, "\\b(?:jednání|setkání|zasedání|schůzk\\w*|porad(?:a|u|y|ě|ou)|předsed\\w*|místopředsed\\w*|starost\\w*|primátor\\w*|komise|fórum|skupina|platforma|členové|účastníci|přítomní|začátek|konec|ukončení|zahájení|ověřil\\w*|schválil\\w*|sepsal\\w*|město|obec|kraj|školy|úřady|organizace|rodiny|klienti|lidé|cizinci|průběh\\w*|zprávy|aktuality|shrnutí|hlasování|hlasoval\\w*|výsledek|výsledky|návrh|návrhy|připomínk\\w*|dotaz\\w*|prezenční|příloh\\w*)\\b" },
	{ "org_suffix", NULL, ",?\\s*(?:o\\.\\s?p\\.\\s?s|z\\.\\s?s|z\\.\\s?ú|s\\.\\s?r\\.\\s?o|spol\\.\\s+s\\s+r\\.\\s?o|a\\.\\s?s|o\\.\\s?s)\\." },

	{ "unit", "families", "rodin\\w*" },
	{ "unit", "families", "domácnost\\w*" },
	{ "unit", "clients", "klient\\w*" },
	{ "unit", "clients", "uživatel\\w*" },
	{ "unit", "beds", "lůž(?:ek|ka|ko|kům|kách|ky)" },
	{ "unit", "beds", "postel\\w*" },
	{ "unit", "places", "míst(?:a|o)?" },
	{ "unit", "persons", "osob\\w*" },
	{ "unit", "persons", "lid[ií]" },
	{ "unit", "children", "dět(?:í|i|em|mi)" },
	{ "unit", "flats", "byt(?:y|ů|ech|u|ech)?" },
	{ "unit", "rooms", "pokoj\\w*" },
	{ "unit", "children", "žák\\w*|žáci" },
	{ "unit_hint", "beds", "nocleh\\w*" },
	{ "unit_hint", "beds", "azylov\\w*" },
	{ "unit_hint", "beds", "ubytovn\\w*" },
	{ "unit_hint", "beds", "lůžk\\w*" },

	{ "number", "free-total", "\\bvoln\\w+\\s+(?:je\\s+|jsou\\s+)?(?:ještě\\s+|už\\s+jen\\s+|jen\\s+|pouze\\s+)?{N}\\s+{unit}\\s+(?:z|ze)\\s+{N2}\\b" },
	{ "number", "all", "\\bvšech(?:na|ny|no)?\\s+{N}\\s+{unit}\\s+(?:\\p{L}+\\s+){0,3}?(?:je|jsou)\\s+(?:plně\\s+)?obsazen\\w*" },
	{ "number", "all", "\\b{N}\\s+{unit}(?:\\s+\\p{L}+){0,2}?,?\\s+(?:všechn[aoy]|všech)\\s+(?:jsou\\s+)?(?:obsazen\\w*|plné|využit\\w*)" },
	{ "number", "used-total", "\\b{N}\\s*(?:z|ze)\\s*{N2}\\s*(?:{unit}\\b)?" },
	{ "number", "used-total", "\\b{N}\\s*/\\s*{N2}\\s*{unit}\\b" },
	{ "number", "used-total", "\\b{N}\\s+{unit}\\s+(?:z|ze)\\s+(?:celkových\\s+)?{N2}\\b" },
	{ "number", "total", "\\(\\s*{N}\\s+{unit}\\s*\\)" },
	{ "number", "waiting", "\\b{N}\\s+(?:zájemc\\w*|žadatel\\w*|náhradník\\w*|čekatel\\w*)" },
	{ "number", "waiting", "\\b(?:v\\s+pořadníku|na\\s+čekací\\s+listině|pořadník\\w*|čekací\\w*\\s+listin\\w*)(?:\\s+\\p{L}+){0,3}?\\s+(?:je|jsou|čeká|čekají|má|čítá|eviduj\\w*)\\s+(?:\\p{L}+\\s+)?{N}" },
	{ "number", "waiting", "\\bdalších\\s+{N}\\s+(?:\\p{L}+\\s+)?čeká" },
	{ "number", "free-total", "\\b(?:z|ze)\\s+{N2}\\s+{unit},?\\s+(?:kter\\w+|jež)\\b[^.;]{0,60}?,\\s*(?:(?:je|jsou|zůstává|zůstávají)\\s+)?(?:ještě\\s+|už\\s+jen\\s+|jen\\s+|pouze\\s+)?voln\\w+\\s+(?:(?:je|jsou|zůstává|zůstávají)\\s+)?(?:ještě\\s+|už\\s+jen\\s+|jen\\s+|pouze\\s+)?{N}" },
	{ "number", "free-total", "\\b{N2}\\s+{unit},?\\s+(?:z\\s+toho|z\\s+nichž|z\\s+kterých)\\s+(?:je\\s+|jsou\\s+)?(?:ještě\\s+)?voln\\w+\\s+(?:je\\s+|jsou\\s+)?{N}" },
	{ "number", "free", "\\bvoln\\w+\\s+kapacit\\w*\\s+(?:je\\s+|mají\\s+|má\\s+)?(?:ještě\\s+)?(?:na|pro)\\s+{N}(?:\\s+(?:další\\w*\\s+)?{unit})?" },
	{ "number", "free", "\\b(?:přijm\\w*|vezm\\w*)\\s+(?:ještě|už\\s+jen|jen)\\s+(?:další(?:ch)?\\s+)?{N}(?:\\s+{unit})?" },
	{ "number", "free", "\\bkapacit\\w*\\s+(?:mají\\s+|má\\s+)?ještě\\s+(?:na|pro)\\s+{N}(?:\\s+{unit})?" },
	{ "number", "waiting", "\\b{N}\\s+{unit},?\\s+(?:kteří|které|co)\\s+(?:\\p{L}+\\s+){0,2}?(?:čeká|čekají)" },
	{ "number", "waiting", "\\b{N}\\s+{unit}\\s+(?:čeká|čekají|na\\s+čekací\\s+listině|v\\s+pořadníku)" },
	{ "number", "waiting", "\\b(?:čeká|čekají|čekajících|na\\s+čekací\\s+listině|v\\s+pořadníku|pořadník\\w*|čekací\\w*\\s+listin\\w*)\\s+(?:\\p{L}+\\s+){0,3}?{N}\\s+{unit}" },
	{ "number", "free", "\\b{N}\\s+voln\\w+\\s+{unit}" },
	{ "number", "free", "\\bvoln\\w+\\s+kapacit\\w*\\s+(?:je\\s+|jsou\\s+|činí\\s+)?(?:ještě\\s+)?{N}\\s+{unit}" },
	{ "number", "free", "\\bvoln\\w+\\s+(?:je\\s+|jsou\\s+|zůstává\\s+|zůstávají\\s+|mají\\s+|máme\\s+)?(?:ještě\\s+|už\\s+jen\\s+|jen\\s+|pouze\\s+)?{N}\\s+{unit}" },
	{ "number", "free", "\\b{N}\\s+{unit}\\s+(?:je\\s+|jsou\\s+|zůstává\\s+|zůstávají\\s+)?(?:stále\\s+|ještě\\s+)?voln\\w+" },
	{ "number", "free", "\\bvoln\\w+\\s+(?:je|jsou)\\s+(?:ještě\\s+|už\\s+jen\\s+|jen\\s+)?{N}(?=\\s*[.,;]|\\s*$)" },
	{ "number", "total", "\\bkapacit\\w*\\s+(?:\\p{L}+\\s+){0,3}?(?:je\\s+|činí\\s+|má\\s+|mají\\s+)?{N}\\s+{unit}" },
	{ "number", "total", "\\b(?:má|mají|disponuj\\w*|nabízí|nabízejí)\\s+(?:celkem\\s+)?{N}\\s+{unit}" },
	{ "number", "total", "\\bcelkem\\s+{N}\\s+{unit}" },
	{ "number", "used", "\\bpracuj\\w*\\s+(?:\\p{L}+\\s+)?(?:s|se)\\s+(?:\\p{L}+\\s+){0,2}?{N}\\s+{unit}" },
	{ "number", "used", "\\b(?:obsazen\\w*|využív\\w*|ubytovan\\w*|ubytováv\\w*|v\\s+péči|doprovází\\w*|podpoř\\w*|podporuj\\w*|eviduj\\w*|aktuálně|momentálně|v\\s+současnosti|nyní|bydlí|žije|žijí|přihlášen\\w*|zapsán\\w*|zapsan\\w*|navštěvuj\\w*|dochází|docházejí|chodí)\\s+(?:je\\s+|jsou\\s+|má\\s+|mají\\s+)?(?:[\\p{L}.]+\\s+){0,2}?{N}\\s+{unit}" },
	{ "number", "used", "\\bobsazen[oa]\\s+(?:je\\s+|jsou\\s+)?{N}(?=\\s*[.,;]|\\s*$)" },
	{ "number", "used", "\\b{N}\\s+{unit}\\s+(?:je\\s+|jsou\\s+)?(?:obsazen\\w*|ubytovan\\w*|v\\s+péči)" },
	{ "number", "used", "(?:^|(?<=[.,;:!?–—-]\\s)|(?<=[,;:]))\\s*{N}\\s+{unit}(?=\\s*(?:[,;.]|$))" },

	{ "state", "near-full", "\\b(?:téměř|skoro|takřka|prakticky|bezmála|poměrně|docela|relativně|víceméně)\\s+(?:\\p{L}+\\s+)?(?:pln\\w*|naplněn\\w*|obsazen\\w*|vytížen\\w*|zaplněn\\w*)" },
	{ "state", "near-full", "\\b(?:docházej\\w*|dochází)\\s+(?:\\p{L}+\\s+)?(?:kapacit\\w*|míst\\w*|lůž\\w*)" },
	{ "state", "near-full", "\\b(?:zbýv\\w*|zůstáv\\w*)\\s+(?:už\\s+)?(?:jen|pouze)\\s+(?:pár|několik|málo)\\b" },
	{ "state", "ok", "\\bnemaj\\w*\\s+(?:plnou|naplněnou)\\s+kapacit\\w*" },
	{ "state", "full", "\\bvoln\\w+\\s+(?:kapacit\\w*|míst\\w*|lůž\\w*)\\s+(?:\\p{L}+\\s+){0,2}?(?:nemaj\\w*|nemá|není|nejsou)" },
	{ "state", "full", "\\bkapacit\\w*\\s+(?:\\p{L}+\\s+){0,2}?(?:už\\s+|již\\s+)?nemaj\\w*" },
	{ "state", "full", "\\bvšechn[aoy]\\s+(?:jsou\\s+)?(?:obsazen\\w*|plné)" },
	{ "state", "full", "\\b(?:nemaj\\w*|nemá|nejsou|není|bez)\\s+(?:\\p{L}+\\s+){0,2}?voln\\w+\\s+(?:kapacit\\w*|míst\\w*|lůž\\w*)" },
	{ "state", "full", "\\bžádn\\w+\\s+voln\\w+\\s+(?:míst\\w*|lůž\\w*|kapacit\\w*)" },
	{ "state", "full", "\\b(?:pln\\w+|maximáln\\w+|vyčerpan\\w+)\\s+kapacit\\w*" },
	{ "state", "full", "\\bkapacit\\w*\\s+(?:\\p{L}+\\s+){0,2}?(?:je\\s+|jsou\\s+|byla\\s+)?(?:(?:zcela|úplně|plně)\\s+)?(?:naplněn\\w*|vyčerpán\\w*|obsazen\\w*|plná|plné|zaplněn\\w*)" },
	{ "state", "full", "\\b(?:plně|zcela|úplně)\\s+(?:obsazen\\w*|naplněn\\w*|vytížen\\w*|zaplněn\\w*)" },
	{ "state", "full", "\\b(?:je|jsou|mají|máme|má)\\s+(?:\\p{L}+\\s+)?(?:plno|obsazeno|naplněno)\\b(?!\\s+(?:\\p{L}+\\s+){0,2}\\d)" },
	{ "state", "full", "\\b(?:je|jsou)\\s+(?:\\p{L}+\\s+){0,3}?(?:plně\\s+|zcela\\s+|úplně\\s+)?(?:obsazen[éáýa]|plné|plná|plný|naplněn[éáýa])\\b" },
	{ "state", "ok", "(?<!na )\\b(?:voln\\w+|další\\w*)\\s+(?:kapacit\\w*|míst\\w*|lůž\\w*)" },
	{ "state", "ok", "\\b(?:kapacit\\w*|míst\\w*|lůž\\w*)\\s+(?:\\p{L}+\\s+){0,2}?(?:je|jsou|mají|má|máme)\\s+(?:stále\\s+|ještě\\s+|dost\\s+)*(?:voln\\w+|k\\s+dispozici|dostatek)" },
	{ "state", "ok", "\\b(?:mají|má|máme)\\s+(?:stále\\s+|ještě\\s+)*(?:voln\\w+|dostatek|dost)\\s+(?:kapacit\\w*|míst\\w*)" },
	{ "state", "ok", "\\bpřijím\\w*\\s+(?:nové|další)\\s+(?:klient\\w*|rodin\\w*|zájemce)" },
	{ "ignore", NULL, "\\b(?:zvýš\\w*|navýš\\w*|rozšíř\\w*|posíl\\w*|vyšší|větší|zvětš\\w*)\\s+(?:\\p{L}+\\s+)?(?:kapacit\\w*|tým\\w*|počet\\s+pracovník\\w*|úvaz\\w*)" },
	{ "ignore", NULL, "\\b(?:připravuj\\w*|chystá|chystají|otevřou|vzniknou|plánuj\\w*)\\s+(?:\\p{L}+\\s+){0,2}?\\d+\\s+" },
	{ "not_number", NULL, "\\b(?:tel\\.?|telefon\\w*|mob\\.?|č\\.\\s*j\\.|čj\\.|č\\.|usnesení\\s+č\\.?|byt\\s+č\\.?)\\s*:?\\s*[\\w/.-]*\\d[\\d /.-]*" },
	{ "not_number", NULL, "\\d[\\d .,]*\\s*(?:Kč|korun\\w*|tis\\.|mil\\.|milion\\w*|tun\\w*|%|procent\\w*|eur|€)" },
	{ "not_number", NULL, "\\b(?:v\\s+roce|roku|rok|od\\s+roku|do\\s+roku)\\s+(?:19|20)\\d\\d\\b" },
	{ "not_number", NULL, "\\bodmít\\w*\\s+[^.;,]{0,40}?(?:zájemc\\w*|lid\\w*|osob\\w*|klient\\w*|rodin\\w*|žen\\w*)" },
	{ NULL, NULL, NULL }
};

#define PL_REPORTS "(?:poinformował\\w*|przekazał\\w*|zgłosił\\w*|zwiększył\\w*|zaproponował\\w*|" \
	"zmniejszył\\w*|otworzył\\w*|uruchomił\\w*|zakończył\\w*|oferuje|oferują|" \
	"prowadzi|prowadzą|informuje|informują|przedstawił\\w*|przypomniał\\w*|" \
	"podkreślił\\w*|zwrócił\\w*|opisał\\w*|wyjaśnił\\w*|potwierdził\\w*|zaznaczył\\w*|" \
	"dodał\\w*)"

#define PL_VERBS "(?:poinformował\\w*|poinformowano|przekazał\\w*|przekazano|zgłosił\\w*|" \
	"zgłoszono|przedstawił\\w*|przedstawiono|omówił\\w*|omówiono|powiedział\\w*|" \
	"dodał\\w*|zwrócił\\w*|wskazał\\w*|wskazano|jest|są|ma|mają|prowadzi|prowadzą|" \
	"pracuje|pracują|odnotowano|nadal|obecnie)"

static const struct rules_src pl[] = {
	{ "detect", NULL, "[łąęśźżńŁĄĘŚŹŻŃ]" },
	{ "detect", NULL, "\\b(?:się|jest|są|dla|oraz|spotkani[ae]|że|nie)\\b" },

	{ "abbrev", NULL, "mgr" }, { "abbrev", NULL, "dr" }, { "abbrev", NULL, "inż" },
	{ "abbrev", NULL, "prof" }, { "abbrev", NULL, "hab" }, { "abbrev", NULL, "lek" },
	{ "abbrev", NULL, "ul" }, { "abbrev", NULL, "al" }, { "abbrev", NULL, "pl" },
	{ "abbrev", NULL, "os" }, { "abbrev", NULL, "ok" }, { "abbrev", NULL, "np" },
	{ "abbrev", NULL, "tj" }, { "abbrev", NULL, "tzw" }, { "abbrev", NULL, "in" },
	{ "abbrev", NULL, "ds" }, { "abbrev", NULL, "godz" }, { "abbrev", NULL, "nr" },
	{ "abbrev", NULL, "tel" }, { "abbrev", NULL, "im" }, { "abbrev", NULL, "św" },
	{ "abbrev", NULL, "sp" }, { "abbrev", NULL, "ww" }, { "abbrev", NULL, "jw" },
	{ "abbrev", NULL, "wg" }, { "abbrev", NULL, "zob" }, { "abbrev", NULL, "itd" },
	{ "abbrev", NULL, "itp" }, { "abbrev", NULL, "m.in" }, { "abbrev", NULL, "r" },
	{ "abbrev", NULL, "woj" }, { "abbrev", NULL, "pow" }, { "abbrev", NULL, "gm" },
	{ "abbrev", NULL, "ks" }, { "abbrev", NULL, "pok" }, { "abbrev", NULL, "ok" },

	{ "numword", "1", "jeden" }, { "numword", "1", "jedna" }, { "numword", "1", "jedno" },
	{ "numword", "1", "jedną" }, { "numword", "1", "jednego" }, { "numword", "2", "dwa" },
	{ "numword", "2", "dwie" }, { "numword", "3", "trzy" }, { "numword", "4", "cztery" },
	{ "numword", "5", "pięć" }, { "numword", "6", "sześć" }, { "numword", "7", "siedem" },
	{ "numword", "8", "osiem" }, { "numword", "9", "dziewięć" }, { "numword", "10", "dziesięć" },
	{ "approx", NULL, "około" }, { "approx", NULL, "ok." }, { "approx", NULL, "mniej więcej" },
	{ "approx", NULL, "blisko" }, { "approx", NULL, "prawie" }, { "approx", NULL, "niemal" },
	{ "approx", NULL, "ponad" }, { "approx", NULL, "przeszło" },

	{ "person_title", NULL, "mgr" }, { "person_title", NULL, "dr" }, { "person_title", NULL, "inż" },
	{ "person_title", NULL, "prof" }, { "person_title", NULL, "hab" }, { "person_title", NULL, "lek" },
	{ "person_title", NULL, "med" }, { "person_title", NULL, "ks" }, { "person_title", NULL, "o" },
	{ "person_title", NULL, "s" }, { "person_title", NULL, "bp" }, { "person_title", NULL, "abp" },
	{ "person_title", NULL, "st" }, { "person_title", NULL, "mł" }, { "person_title", NULL, "asp" },
	{ "person_title", NULL, "sierż" }, { "person_title", NULL, "post" }, { "person_title", NULL, "kom" },
	{ "person_title", NULL, "podkom" }, { "person_title", NULL, "nadkom" }, { "person_title", NULL, "insp" },
	{ "person_title", NULL, "kpt" }, { "person_title", NULL, "mjr" }, { "person_title", NULL, "płk" },
	{ "honorific", NULL, "p" }, { "honorific", NULL, "pan" }, { "honorific", NULL, "pani" },
	{ "honorific", NULL, "państwo" },
	{ "org_prep", NULL, "z" }, { "org_prep", NULL, "ze" },
	{ "num_sign", NULL, "nr" }, { "num_sign", NULL, "numer" }, { "num_sign", NULL, "no." },

	{ "title", NULL, "^(?:protokół|notatka|sprawozdanie|notatka\\s+służbowa)\\b" },
	{ "title", NULL, "\\b(?:protokół\\w*|protokoł\\w*|notatk\\w*|sprawozdani\\w*)\\s+(?:nr\\s*\\S+\\s+)?(?:z|ze)\\s+(?:\\S+\\s+){0,3}?(?:spotkania|posiedzenia|narady|obrad|zebrania)" },
	{ "group", NULL, "^(?:nazwa|zespół|grupa)(?:\\s+robocza)?\\s*:\\s*(?<group>.+)" },
	{ "group", NULL, "^(?:temat|dotyczy)\\s*:\\s*(?<group>.+)" },
	{ "group", NULL, "^(?:protokół|notatka|spotkanie|posiedzenie|sprawozdanie)\\b" },
	{ "group", NULL, "\\bzesp(?:ół|oł\\w*)\\b" },
	{ "group", NULL, "\\bgrup\\w*\\s+robocz\\w*" },
	{ "place", NULL, "^miejsce(?:\\s+(?:spotkania|posiedzenia))?\\s*:\\s*(?<place>.+)" },
	{ "page", NULL, "(?:^|\\s)(?:strona|str\\.)\\s*\\d{1,4}(?:\\s*(?:z|/)\\s*\\d{1,4})?\\s*$" },
	{ "furniture", NULL, "^(?:od|do|dw|wysłano|data\\s+wysłania)\\s*:" },
	{ "furniture", NULL, "^(?:opublikowano|aktualizacja|autor|udostępnij|drukuj|wróć|strona\\s+główna|przeczytaj\\s+również|tagi|kategoria|wyświetle\\w*)\\s*(?:[:>|»]|$)" },
	{ "place_text", NULL, "\\b(?:w|we)\\s+(?<place>(?:sal[iy]|siedzib\\w+|budynk\\w+|pokoju|świetlic\\w+|urzędzie|ośrodku|biurze|lokalu|centrum|domu)\\b[^.;]{0,80}?)\\s+(?:odbył\\w*|odbyło|miało|miał\\w*)\\s+(?:się|miejsce)" },
	{ "place_text", NULL, "\\b(?:odbył\\w*\\s+się|się\\s+odbył\\w*)\\s+(?:[\\p{L}\\d.:]+\\s+){0,8}?(?:w|we)\\s+(?!(?:dniu|poniedziałek|wtorek|środę|czwartek|piątek|sobotę|niedzielę|godz\\w*|\\d)\\b)(?<place>\\p{L}.*)" },
	{ "time_label", NULL, "^(?:początek(?:\\s+(?:posiedzenia|spotkania|obrad))?|godzina(?:\\s+rozpoczęcia)?|godz\\.|rozpoczęcie)\\s*[:–-]\\s*" },
	{ "time_label", NULL, "(?<=[.;!?]\\s)(?:początek|rozpoczęcie)(?:\\s+(?:posiedzenia|spotkania|obrad))?\\s+o\\s+godz(?:\\.|inie)?\\s*(?=\\d)" },
	{ "this_year", NULL, "^\\s*(?:br\\.|b\\.\\s?r\\.|bieżącego\\s+roku|tego\\s+roku)" },
	{ "time", NULL, "\\bgodz(?:ina|iny|inie)?\\.?\\s*(?<h>[01]?\\d|2[0-3])(?!\\d)(?![:.]\\d)(?:\\s+(?<m>[0-5]\\d)\\b)?" },
	{ "filler", NULL, "\\b(?:w\\s+godz(?:inach)?\\b\\.?|(?:godz(?:ina|iny|inie)?|r|roku|rok)\\b\\.?)" },
	{ "filler", NULL, "\\b(?:z\\s+dnia|w\\s+dniu|dnia|dn)\\b\\.?" },
	{ "filler", NULL, "\\b(?:data|termin|czas)(?:\\s+(?:i\\s+)?(?:miejsce|spotkania|godzina))*\\s*:" },
	{ "noise", NULL, "^(?:ad|do\\s+punktu)\\s*\\d+\\s*[.:)]?\\s*" },
	{ "signoff", NULL, "^(?:zatwierdził\\w*|sprawdził\\w*|podpis\\w*|akceptował\\w*|weryfikował\\w*|załącznik\\w*)(?:\\s*[:–-]|\\s+\\p{Lu}|\\s*$)" },

	{ "attendees", NULL, "^(?:obecni|obecne|obecna|obecny|uczestnicy(?:\\s+(?:spotkania|posiedzenia|narady))?|uczestniczyli|uczestniczyły|lista\\s+obecności|goście|gość|w\\s+(?:spotkaniu|posiedzeniu|naradzie)\\s+(?:udział\\s+)?(?:wzięli|wzięły|uczestniczyli|uczestniczyły)(?:\\s+udział)?)\\s*[:–-]?\\s*" },
	{ "attendees_text", NULL, "\\b(?:przewodniczył\\w*|przewodniczyła)\\s+(?:obradom|spotkaniu|posiedzeniu|naradzie)\\s*:?\\s*" },
	{ "attendees_text", NULL, "\\b(?:obradom|spotkaniu|posiedzeniu|naradzie)\\s+przewodniczył\\w*\\s+" },
	{ "attendees_text", NULL, "\\b(?:spotkanie|posiedzenie|obrady|naradę)\\s+(?:otworzył\\w*|prowadził\\w*)(?:\\s+i\\s+prowadził\\w*)?\\s+" },
	{ "attendees_text", NULL, "\\b(?:uczestniczyli|uczestniczyły|udział\\s+wzięli|udział\\s+wzięły)(?:\\s+(?:także|również|ponadto))?\\s*:?\\s*" },
	{ "attendees_text", NULL, "\\bzaproszeni\\s+goście\\s*:?\\s*" },
	{ "attendees_text", NULL, "^(?<list>[^.;:]{3,120}?)\\s+(?:otworzył\\w*|przywitał\\w*|powitał\\w*)\\s+" },
	{ "attendees_group", NULL, "^(?:ze\\s+strony|w\\s+imieniu|z\\s+ramienia)\\s+(?<org>[^:]{2,60}?)\\s*:\\s*" },
	{ "absent", NULL, "^(?:nieobecni|nieobecne|usprawiedliwieni|usprawiedliwione)\\s*[:–-]\\s*" },
	{ "role", NULL, "(?:(?:wojewódzk|powiatow|gminn|miejsk|główn|starsz|społeczn)\\p{L}{1,2}\\s+)?(?:dyrektor\\w*|prezes\\w*|wiceprezes\\w*|kierownik\\w*|przewodnicząc\\w*|wiceprzewodnicząc\\w*|członek|członkini|członkowie|sekretarz\\w*|skarbnik\\w*|koordynator\\w*|pracownik\\w*|pracownica|pedagog\\w*|psycholog\\w*|dzielnicow\\w*|proboszcz\\w*|wikary\\w*|przedstawiciel\\w*|radn\\w*|burmistrz\\w*|wójt\\w*|starost(?:a|y|ę|ą|owie)|prezydent\\w*|zastępc\\w*|specjalist\\w*|inspektor\\w*|doradc\\w*|doradczyni|wolontariusz\\w*|gość|goście|asystent\\w*|opiekun\\w*|referent\\w*|kurator\\w*|prawni\\w*|adwokat\\w*|tłumacz\\w*|główn\\w*\\s+specjalist\\w*|protokolant\\w*)(?!\\p{L})(?:\\s+(?:gminy|miasta|dzielnicy|powiatu|województwa|komisji|rady|zespołu|parafii))?" },
	{ "org_word", NULL, "(?:centrum|centra|fundacj\\w*|stowarzyszeni\\w*|caritas|ośrod\\w*|urz[ąę]d\\w*|szkoł\\w*|szkol\\w*|przedszkol\\w*|komisariat\\w*|policj\\w*|straż\\w*|mops|gops|pcpr|pup|pck|bank\\w*|schronisk\\w*|dom|domu|hostel\\w*|świetlic\\w*|punkt\\w*|parafi\\w*|starostw\\w*|gmin\\w*|powiat\\w*|miast\\w*|miejsk\\w*|uniwersytet\\w*|instytut\\w*|zespół|zespołu|czerwon\\w*|krzyż\\w*|spółk\\w*|klub\\w*|biur\\w*|wydział\\w*|komisj\\w*|społeczność\\w*|organizacj\\w*|związ\\w*)(?!\\p{L})" },
	{ "column", "name", "^(?:imię\\s+i\\s+nazwisko|nazwisko\\s+i\\s+imię|imię|nazwisko|uczestnik|osoba)$" },
	{ "column", "organization", "^(?:organizacja|instytucja|placówka|podmiot|jednostka)$" },
	{ "column", "role", "^(?:funkcja|stanowisko)$" },
	{ "column", "total", "^(?:liczba\\s+miejsc|miejsca\\s+ogółem|miejsc\\s+ogółem|pojemność|ilość\\s+miejsc|ogółem)$" },
	{ "column", "used", "^(?:zajęte|zajętych|obłożenie|wykorzystane)$" },
	{ "column", "free", "^(?:wolne|wolnych|wolne\\s+miejsca)$" },
	{ "column", "waiting", "^(?:lista\\s+oczekujących|oczekujący|oczekujących|kolejka|lista\\s+rezerwowa)$" },
	{ "column", "task", "^(?:zadanie|zadania|działanie)$" },
	{ "column", "responsible", "^(?:odpowiedzialn[ya]|osoba\\s+odpowiedzialna|kto)$" },
	{ "column", "deadline", "^(?:termin(?:\\s+realizacji)?|do\\s+kiedy)$" },
	{ "conj", NULL, "\\s+(?:i|oraz|a)\\s+" },
	{ "topics", NULL, "^(?:porządek\\s+(?:obrad|spotkania|dnia|posiedzenia)|program(?:\\s+spotkania)?|tematy(?:\\s+spotkania)?|agenda)(?:\\s*:\\s*|\\s*$)" },
	{ "topics_text", NULL, "\\b(?:porządek|program)\\s+(?:obrad|spotkania|posiedzenia|dnia|narady)\\s*:\\s*$" },
	{ "topics_text", NULL, "\\bnastępując\\w*\\s+porząd\\w*(?:\\s+\\p{L}+)?\\s*:\\s*$" },
	{ "actions", NULL, "^(?:ustalenia|zadania|wnioski|do\\s+realizacji|postanowienia)(?:\\s*:\\s*|\\s*$)" },
	{ "action", NULL, "^zadanie(?:\\s*(?:nr\\s*)?\\d+)?\\s*[:–-]\\s*(?<text>.+)" },
	{ "next", NULL, "\\b(?:kolejne|następne|najbliższe)\\s+(?:spotkani[ae]|posiedzeni[ae])" },
	{ "next", NULL, "\\b(?:kolejn\\w+|następn\\w+|najbliższ\\w+)\\s+(?:narad\\w*|zebrani\\w*)" },
	{ "next", NULL, "\\bspotkać\\s+się\\s+ponownie\\b" },
	{ "next", NULL, "\\btermin(?:y)?\\s+(?:kolejnego|następnego|kolejnych|następnych|najbliższego)\\s+(?:spotkania|spotkań|posiedzenia|posiedzeń)" },
	{ "author", NULL, "^(?:protokołował[a]?|protokołował\\(a\\)|protokolant(?:ka)?|sporządził[a]?|sporządził\\(a\\)|notował[a]?|(?:protokół|notatkę|sprawozdanie)\\s+sporządził[a]?|zapisał[a]?)(?:\\s*[:–-]\\s*|\\s+(?=\\p{Lu}))" },
	{ "author", NULL, "^(?:pozdrawiam(?:\\s+serdecznie)?|z\\s+poważaniem|z\\s+wyrazami\\s+szacunku|łączę\\s+pozdrowienia)\\s*,?\\s*" },

	{ "update", NULL, "^(?:ze\\s+strony|w\\s+imieniu|przedstawiciel(?:ka|e)?)\\s+(?<org>\\p{Lu}" ORGCHARS "{0,60}?)\\s*(?:,\\s*|\\s+(?=" PL_VERBS "\\b))" },
	{ "update", NULL, "^(?:dyrektor\\w*|prezes\\w*|kierownik\\w*|przedstawiciel\\w*)\\s+(?<org>\\p{Lu}" ORGCHARS "{0,60}?)\\s+(?:(?:p|pan|pani)\\.?\\s+)?\\p{Lu}\\p{L}+(?:[\\s-]+\\p{Lu}\\p{L}+)?\\s+(?=" PL_VERBS "\\b)" },
	{ "update", NULL, "^(?:(?:p|pan|pani)\\.?\\s+)?(?:(?:mgr|dr|inż|ks)\\.?\\s+)*\\p{Lu}\\p{L}+(?:[\\s-]+\\p{Lu}\\p{L}+){0,2}\\s+(?:z|ze)\\s+(?<org>\\p{Lu}" ORGCHARS "{0,60}?)\\s+(?=" PL_REPORTS "\\b)" },
	{ "update", NULL, "^(?<org>\\p{Lu}" ORGCHARS "{0,60}?)\\s+(?=" PL_REPORTS "\\b)" },
	{ "not_org", NULL, "\\b(?:się|jest|są|był[aoy]?|byli|będzie|będą|ma|mają|nie|został[aoy]?|zostali|który|która|które|którzy|ich|jego|jej|ten|ta|to|te|także|również|nadal|jeszcze|już|potem|dalej|bardzo|kolejne|informacje|informacja|dyskusja|uwagi|zadanie|zadania|termin|terminy|czas|data|miejsce|nazwa|wnioski|ustalenia|sprawy|różne|temat|tematy|program|punkt(?=\\s*\\d)|ad|protokołował[a]?|obecni|nieobecni|goście|coś|jak|gdy|ponieważ|aby|gdzie|kiedy)\\b" },
	{ "not_org", NULL, "\\b\\p{L}{3,}(?:ali|eli|ili|yli|ały|iły|ują|ają|eją)\\b" },
	{ "not_org", NULL, "\\b\\p{Ll}\\p{L}{2,}(?:ał|ił|ył|ął|eł|ała|iła|yła|ęła|ało|iło)\\b" },
	{ "not_org", NULL, "\\b(?:pan|pani|kolega|koleżanka|przedstawiciel\\w*|dyrektor\\w*|kierownik\\w*|koordynator\\w*|pracownik\\w*|pracownica)\\b" },
	{ "not_org", NULL, "\\b(?:spotkanie|posiedzenie|obrady|narada|przewodnicząc\\w*|wiceprzewodnicząc\\w*|komisja|komisji|zespół|burmistrz\\w*|wójt\\w*|starost\\w*|prezydent\\w*|początek|zakończenie|godzina|rozpoczęcie|postanowiono|ustalono|zebrani|członkowie|uczestnicy|zatwierdził\\w*|sporządził\\w*|miasto|gmina|szkoły|urzędy|organizacje|rodziny|klienci|ludzie|cudzoziemcy|przebieg\\w*|spotkani\\w*|posiedzeni\\w*|obrad\\w*|podsumowanie|głosowani\\w*|uchwał\\w*|wynik\\w*|wniosek|propozycj\\w*|pytani\\w*|lista\\s+obecności|załącznik\\w*)\\b" },
	{ "org_suffix", NULL, ",?\\s*(?:sp\\.\\s*z\\s*o\\.\\s?o|s\\.\\s?a|sp\\.\\s?j|sp\\.\\s?k)\\." },

	{ "unit", "families", "rodzin\\w*" },
	{ "unit", "clients", "klient\\w*" },
	{ "unit", "clients", "beneficjent\\w*" },
	{ "unit", "clients", "podopieczn\\w*" },
	{ "unit", "beds", "łóż\\w*" },
	{ "unit", "places", "miejsc\\w*" },
	{ "unit", "persons", "os(?:ób|oby|obom|obami)" },
	{ "unit", "persons", "ludzi" },
	{ "unit", "children", "dzieci\\w*" },
	{ "unit", "flats", "mieszka(?:ń|nia|nie|niach)" },
	{ "unit", "rooms", "pok(?:oi|oje|ój|ojach)" },
	{ "unit", "flats", "lokal\\w*" },
	{ "unit", "children", "uczni\\w*|uczniów" },
	{ "unit_hint", "beds", "noclegow\\w*" },
	{ "unit_hint", "beds", "schronisk\\w*" },
	{ "unit_hint", "beds", "hostel\\w*" },
	{ "unit_hint", "beds", "łóż\\w*" },

	{ "number", "free-total", "\\bwoln\\w+\\s+(?:jest|są)\\s+(?:jeszcze\\s+|tylko\\s+|obecnie\\s+)?{N}\\s+{unit}\\s+z\\s+{N2}\\b" },
	{ "number", "all", "\\bwszystki\\w*\\s+{N}\\s+{unit}\\s+(?:jest|są)\\s+(?:zajęt\\w*|pełn\\w*)" },
	{ "number", "all", "\\b{N}\\s+{unit}(?:\\s+\\p{L}+){0,2}?,?\\s+wszystkie\\s+(?:są\\s+)?(?:zajęte|pełne)" },
	{ "number", "all", "\\bdla\\s+{N}\\s+{unit}\\s+(?:jest|są)\\s+(?:zajęt\\w*|pełn\\w*)" },
	{ "number", "used-total", "\\b{N}\\s*(?:z|na)\\s*{N2}\\s*(?:{unit}\\b)?" },
	{ "number", "used-total", "\\b{N}\\s*/\\s*{N2}\\s*{unit}\\b" },
	{ "number", "used-total", "\\b{N}\\s+{unit}\\s+(?:z|na)\\s+{N2}\\b" },
	{ "number", "total", "\\(\\s*{N}\\s+{unit}\\s*\\)" },
	{ "number", "waiting", "\\b(?:lista\\s+(?:oczekujących|rezerwowa)|kolejka\\s+oczekujących)\\s+(?:liczy|ma|obejmuje|wynosi|to)?\\s*[–-]?\\s*{N}" },
	{ "number", "waiting", "\\bkolejk\\w+(?:\\s+\\p{L}+){0,3}?\\s+(?:liczy|obejmuje|wynosi)\\s+{N}" },
	{ "number", "waiting", "\\b{N}\\s+{unit}\\s+na\\s+liście\\s+(?:rezerwowej|oczekujących)" },
	{ "number", "waiting", "\\b{N}\\s+(?:chętn\\w*|kandydat\\w*|oczekując\\w*)" },
	{ "number", "free", "\\bz\\s+których\\s+(?:\\p{L}+\\s+){0,2}?woln\\w+\\s+(?:jest|są)\\s+(?:\\p{L}+\\s+)?{N}" },
	{ "number", "free", "\\bprzyjm\\w*\\s+(?:jeszcze|już\\s+tylko|tylko)\\s+{N}(?:\\s+{unit})?" },
	{ "number", "free", "\\bwoln\\w+\\s+(?:jest|są)\\s+(?:jeszcze\\s+|tylko\\s+)?{N}(?=\\s*[.,;]|\\s*$)" },
	{ "number", "waiting", "\\b{N}\\s+{unit},?\\s+(?:które|którzy|co)\\s+(?:\\p{L}+\\s+){0,2}?(?:czeka|czekają|oczekuj\\w*)" },
	{ "number", "waiting", "\\b{N}\\s+{unit}\\s+(?:czeka|czekają|oczekuje|oczekują|w\\s+kolejce)" },
	{ "number", "waiting", "\\b(?:czeka|czekają|oczekuje|oczekują|w\\s+kolejce|na\\s+liście\\s+(?:rezerwowej|oczekujących))\\s+(?:\\p{L}+\\s+){0,3}?{N}\\s+{unit}" },
	{ "number", "free", "\\b{N}\\s+woln\\w+\\s+{unit}" },
	{ "number", "free", "\\bwoln\\w+\\s+(?:jest\\s+|są\\s+|pozostaje\\s+|pozostają\\s+|zostało\\s+|zostały\\s+)?(?:jeszcze\\s+|tylko\\s+|już\\s+tylko\\s+)?{N}\\s+{unit}" },
	{ "number", "total", "\\b(?:ma|mają|dysponuje|dysponują|posiada|posiadają|oferuje|oferują)\\s+(?:łącznie\\s+)?{N}\\s+{unit}" },
	{ "number", "total", "\\b(?:jest|są)\\s+{N}\\s+(?<unit>miejsc\\w*|łóż\\w*)" },
	{ "number", "total", "\\bpojemnoś\\w*\\s+(?:\\p{L}+\\s+){0,2}?{N}\\s+{unit}" },
	{ "number", "used", "\\bpracuj\\w*\\s+(?:\\p{L}+\\s+)?(?:z|ze)\\s+(?:\\p{L}+\\s+){0,2}?{N}\\s+{unit}" },
	{ "number", "used", "\\b(?:obecnie|aktualnie|zajęt\\w*|przebywa|przebywają|mieszka|mieszkają|opiekuj\\w*|wspiera\\w*|zapisano|zapisanych|zapisan\\w*|korzyst\\w*|przychodzi\\w*|uczęszcza\\w*)\\s+(?:[\\p{L}.]+\\s+){0,2}?{N}\\s+{unit}" },
	{ "number", "used", "\\bzajęt\\w*\\s+(?:jest\\s+|są\\s+)?{N}(?=\\s*[.,;]|\\s*$)" },
	{ "number", "used", "\\b{N}\\s+{unit}\\s+(?:jest\\s+|są\\s+)?(?:zajęt\\w*|objęt\\w*)" },
	{ "number", "used", "(?:^|(?<=[.,;:!?–—-]\\s)|(?<=[,;:]))\\s*{N}\\s+{unit}(?=\\s*(?:[,;.]|$))" },

	{ "state", "near-full", "\\b(?:prawie|niemal(?:\\s+że)?|praktycznie|dość|dosyć)\\s+(?:\\p{L}+\\s+)?(?:pełn\\w*|zapełnion\\w*|zajęt\\w*|komplet\\w*|wypełnion\\w*)" },
	{ "state", "near-full", "\\bkończą\\s+się\\s+(?:wolne\\s+)?miejsca" },
	{ "state", "near-full", "\\b(?:zostało|zostały|pozostało|pozostały)\\s+(?:już\\s+)?(?:tylko|jedynie)\\s+(?:kilka|parę)\\b" },
	{ "state", "full", "\\bbrak\\s+(?:\\p{L}+\\s+)?woln\\w+\\s+(?:miejsc\\w*|łóż\\w*)" },
	{ "state", "full", "\\bnie\\s+(?:ma|mają|posiada\\w*)\\s+(?:\\p{L}+\\s+){0,2}?woln\\w+\\s+(?:miejsc\\w*|łóż\\w*)" },
	{ "state", "full", "\\bpełn\\w+\\s+(?:obłożeni\\w*|obsad\\w*)" },
	{ "state", "full", "\\bwszystkie\\s+(?:\\p{L}+\\s+){0,2}?(?:są\\s+)?(?:zajęte|zapełnione)" },
	{ "state", "full", "\\b(?:jest|są)\\s+(?:całkowicie\\s+|w\\s+pełni\\s+)?(?:pełn[yae]|zapełnion\\w*)" },
	{ "state", "full", "\\b(?:w\\s+pełni|całkowicie)\\s+(?:zajęt\\w*|obłożon\\w*|wykorzystan\\w*)" },
	{ "state", "full", "\\bkomplet\\b" },
	{ "state", "full", "\\bpełn[yae]\\b(?!\\s+\\p{L})" },
	{ "state", "full", "\\b(?:jest|są)\\s+zajęt[ey]\\b" },
	{ "state", "full", "\\b(?:zajęt\\w*\\s+w\\s+całości|w\\s+całości\\s+zajęt\\w*)" },
	{ "state", "ok", "(?<!na )\\bwoln\\w+\\s+(?:miejsc\\w*|łóż\\w*)" },
	{ "state", "ok", "\\bprzyjmuj\\w*\\s+(?:nowych|kolejnych)\\s+\\p{L}+" },
	{ "ignore", NULL, "\\b(?:zwiększ\\w*|poszerz\\w*|rozszerz\\w*|wzmocni\\w*|większ\\w*)\\s+(?:\\p{L}+\\s+)?(?:liczb\\w*\\s+)?(?:miejsc\\w*|pojemnoś\\w*|zesp\\w*|kadr\\w*|etat\\w*)" },
	{ "ignore", NULL, "\\b(?:dodatkow\\w+|nowych|nowe)\\s+(?:\\d+\\s+)?(?:miejsc\\w*|łóż\\w*)" },
	{ "not_number", NULL, "\\b(?:tel\\.?|telefon\\w*|nr|uchwał\\w*\\s+nr|zarządzeni\\w*\\s+nr|sygn\\.)\\s*:?\\s*[\\w/.-]*\\d[\\d /.-]*" },
	{ "not_number", NULL, "\\d[\\d .,]*\\s*(?:zł|złotych|tys\\.|mln|ton\\w*|%|procent\\w*|eur|€)" },
	{ "not_number", NULL, "\\b(?:w\\s+roku|roku|w)\\s+(?:19|20)\\d\\d\\b" },
	{ "not_number", NULL, "\\bodm(?:aw|ów)\\w*\\s+[^.;,]{0,40}?(?:osób|osoby|osobom|chętn\\w*|klient\\w*|rodzin\\w*|kobiet\\w*)" },
	{ NULL, NULL, NULL }
};
/* clang-format on */

static const char *const languages[] = { "cs", "pl", NULL };
static const struct rules_src *const tables[] = { cs, pl };

static int lang_index(const char *lang)
{
	int i;

	for (i = 0; languages[i]; i++)
		if (!strcmp(languages[i], lang))
			return i;
	return -1;
}

static void init(struct minutes_rules *mr)
{
	memset(mr, 0, sizeof *mr);
	rules_init(&mr->rules, minutes_rules_kinds, MINUTES_RULES_NKINDS);
}

static int add_language(struct minutes_rules *mr, const char *lang, struct diag *d)
{
	const struct textdate_months *m;
	const char *word;
	char tag[4];
	int i = lang_index(lang), month;
	size_t k;

	if (i < 0) {
		diag_set(d, DIAG_USAGE, NULL, 0, 0, "unknown language '%s' (built in: cs, pl)",
			 lang);
		if ((word = suggest_closest(lang, languages, 2)))
			diag_hint(d, "did you mean '%s'?", word);
		return -1;
	}
	snprintf(mr->lang, sizeof mr->lang, "%s", lang);
	m = textdate_months_builtin(lang);
	for (k = 0; (word = textdate_months_word(m, k, &month)); k++) {
		snprintf(tag, sizeof tag, "%d", month);
		if (rules_add(&mr->rules, "month", tag, word, d) < 0)
			return -1;
	}
	if (rules_add_table(&mr->rules, common, d) < 0 ||
	    rules_add_table(&mr->rules, tables[i], d) < 0)
		return -1;
	return 0;
}

static int tag_month(const char *tag)
{
	long m = strtol(tag, NULL, 10);
	return m >= 1 && m <= 12 ? (int)m : 0;
}

/* Compile the patterns and build the month table. */
static int finish(struct minutes_rules *mr, struct diag *d)
{
	struct strbuf n = STRBUF_INIT, n2 = STRBUF_INIT;
	struct rules_macro macros[3] = { { "N", NULL }, { "N2", NULL }, { NULL, NULL } };
	size_t i;
	int rc;

	number_macro(&mr->rules, "n", &n);
	number_macro(&mr->rules, "n2", &n2);
	macros[0].text = n.buf;
	macros[1].text = n2.buf;
	rc = rules_compile(&mr->rules, macros, d);
	strbuf_release(&n);
	strbuf_release(&n2);
	if (rc < 0)
		return -1;
	mr->months = textdate_months_new();
	for (i = 0; i < mr->rules.n; i++)
		if (mr->rules.v[i].kind == MINUTES_RULES_MONTH)
			textdate_months_add(mr->months, tag_month(mr->rules.v[i].tag),
					    mr->rules.v[i].text);
	return 0;
}

int minutes_rules_builtin(struct minutes_rules *mr, const char *lang, struct diag *d)
{
	init(mr);
	if (add_language(mr, lang, d) < 0 || finish(mr, d) < 0) {
		minutes_rules_release(mr);
		return -1;
	}
	return 0;
}

static const char *const file_keys[] = { "version", "base", NULL };

static int load_file(struct minutes_rules *mr, struct yamldoc *doc, const char *lang,
		     struct diag *d)
{
	const struct yamldoc_node *root = doc->root, *v, *base;

	if (!root)
		return diag_set(d, DIAG_DATA, doc->name, 1, 1, "empty rules file");
	if (yamldoc_expect(doc, root, YAMLDOC_MAP, "a rules file", d) < 0)
		return -1;
	v = yamldoc_get(root, "version");
	if (!v)
		return yamldoc_error(doc, root, d, "missing 'version: 1'");
	if (v->kind != YAMLDOC_SCALAR || strcmp(v->str, "1"))
		return yamldoc_error(doc, v, d, "unsupported version (only 1 is known)");
	base = yamldoc_get(root, "base");
	if (base && (base->kind != YAMLDOC_SCALAR ||
		     (lang_index(base->str) < 0 && strcmp(base->str, "none"))))
		return yamldoc_error(doc, base, d, "'base' must be a built-in language, or none");
	if (base)
		lang = strcmp(base->str, "none") ? base->str : NULL;
	if (lang && add_language(mr, lang, d) < 0)
		return -1;
	return rules_load_yaml(&mr->rules, doc, root, file_keys, d);
}

int minutes_rules_file(struct minutes_rules *mr, const char *path, const char *lang, struct diag *d)
{
	struct yamldoc doc;
	int rc;

	init(mr);
	if (yamldoc_load_file(&doc, path, d) < 0) {
		minutes_rules_release(mr);
		return -1;
	}
	rc = load_file(mr, &doc, lang, d);
	if (rc == 0)
		rc = finish(mr, d);
	yamldoc_release(&doc);
	if (rc < 0)
		minutes_rules_release(mr);
	return rc;
}

const char *minutes_rules_detect(const char *text, size_t len)
{
	struct diag d = DIAG_INIT;
	const struct rules_src *r;
	struct rules_rx *rx;
	long best = -1, count;
	int i, choice = 0, rc;
	uint32_t cp;
	size_t from, start, end;

	if (utf8_validate(text, len, NULL) < 0)
		return languages[0]; /* minutes_parse reports where */
	for (i = 0; languages[i]; i++) {
		count = 0;
		for (r = tables[i]; r->kind; r++) {
			if (strcmp(r->kind, "detect") ||
			    !(rx = rules_rx_new(r->text, "detect", &d)))
				continue;
			for (from = 0;
			     from < len && (rc = rules_rx_exec(rx, text, len, from, 0, &d)) == 1;
			     from = end > start ? end
						: end + utf8_decode(text + end, len - end, &cp)) {
				rules_rx_span(rx, &start, &end);
				count++;
			}
			rules_rx_free(rx);
		}
		if (count > best) {
			best = count;
			choice = i;
		}
	}
	return languages[choice];
}

void minutes_rules_dump(const struct minutes_rules *mr, struct strbuf *sb)
{
	strbuf_addstr(sb, "# minutes-parse rules");
	if (mr->lang[0])
		strbuf_addf(sb, " (built-in '%s')", mr->lang);
	strbuf_addstr(sb,
		      ": a complete rules file for --rules.\n"
		      "# Patterns are PCRE2, caseless, with Unicode properties.\n"
		      "version: 1\n");
	rules_dump(&mr->rules, sb);
}

void minutes_rules_release(struct minutes_rules *mr)
{
	rules_release(&mr->rules);
	textdate_months_free(mr->months);
	mr->months = NULL;
}
