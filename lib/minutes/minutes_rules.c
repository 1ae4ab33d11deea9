#include "minutes_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "utf8.h"
#include "xalloc.h"
#include "yamldoc.h"
#include "banned.h"

static const char *const month_tags[] = {
	"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", NULL
};
static const char *const number_tags[] = {
	"used", "total", "waiting", "free", "used-total", NULL
};
static const char *const state_tags[] = { "full", "near-full", "ok", NULL };

static const struct rules_kind minutes_rules_kinds[MINUTES_RULES_NKINDS] = {
	[MINUTES_RULES_DETECT] = { "detect", 0, NULL,
		"typical of the language: the language whose rules match most often is chosen" },
	[MINUTES_RULES_MONTH] = { "month", RULES_WORDS | RULES_TAGGED, month_tags,
		"month names as written in dates, any case, diacritics optional" },
	[MINUTES_RULES_ABBREV] = { "abbrev", RULES_WORDS, NULL,
		"abbreviations whose dot ends neither a sentence nor a name (Mgr., tzv.)" },
	[MINUTES_RULES_GROUP] = { "group", 0, NULL,
		"the title naming the group, before the meeting date (group: its part)" },
	[MINUTES_RULES_PLACE] = { "place", 0, NULL,
		"a label before the place of the meeting (place: the place)" },
	[MINUTES_RULES_TIME] = { "time", 0, NULL,
		"times in words, besides 13:30 and 13.30 (h: hour, m: minutes)" },
	[MINUTES_RULES_FILLER] = { "filler", 0, NULL,
		"words around the date and time of a meeting that are not its place" },
	[MINUTES_RULES_NOISE] = { "noise", 0, NULL,
		"text dropped from the start of a paragraph (Ad 1.)" },
	[MINUTES_RULES_ATTENDEES] = { "attendees", 0, NULL,
		"the heading of the list of those present; the names follow" },
	[MINUTES_RULES_ABSENT] = { "absent", 0, NULL,
		"the heading of a list of names that are not attendees (excused)" },
	[MINUTES_RULES_CONJ] = { "conj", 0, NULL,
		"the word joining the last two names of a list" },
	[MINUTES_RULES_TOPICS] = { "topics", 0, NULL,
		"the heading of the list of topics" },
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
	[MINUTES_RULES_STATE] = { "state", RULES_TAGGED, state_tags,
		"a capacity state in words; the first rule that matches a sentence wins" },
	[MINUTES_RULES_IGNORE] = { "ignore", 0, NULL,
		"sentences about capacity that state none (increased capacity, more staff)" },
};

static const struct rules_macro macros[] = {
	{ "N", "(?<n>\\d{1,5})" },
	{ "N2", "(?<n2>\\d{1,5})" },
	{ NULL, NULL }
};

/* Rules of every language. */
static const struct rules_src common[] = {
	{ "head_sep", NULL, "\\.\\s+(?=[\\p{Lu}\\d\"„“])" },
	{ "head_sep", NULL, "\\s*:\\s+" },
	{ "head_sep", NULL, "\\s+[–—-]+\\s+" },
	{ "default_unit", NULL, "places" },
	{ NULL, NULL, NULL }
};

/* Verbs that follow the name in "Za Name se ...", "Ze strony Name poinformowano". */
/* Verbs that follow the name in "Name informovala o ...". */
#define CS_REPORTS "(?:informoval\\w*|informuj\\w*|uvedl\\w*|sdělil\\w*|referoval\\w*|" \
	"zmínil\\w*|hlásí|hlásil\\w*|nabízí|nabízejí|zvýšil\\w*|navýšil\\w*|posílil\\w*|" \
	"otevřel\\w*|otevírá|otevírají|rozšířil\\w*|přestal\\w*|ukončil\\w*|zahájil\\w*)"

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

	{ "group", NULL, "^(?:název|skupina|pracovní\\s+skupina)(?:\\s+skupiny)?\\s*:\\s*(?<group>.+)" },
	{ "group", NULL, "^(?:zápis|protokol|pracovní\\s+(?:setkání|skupina|jednání)|setkání|jednání|schůzka)\\b" },
	{ "group", NULL, "\\bpracovní\\w*\\s+skupin\\w*" },
	{ "group", NULL, "\\bskupin\\w*\\s+pro\\b" },
	{ "place", NULL, "^m[íi]sto(?:\\s+(?:konání|setkání|jednání))?\\s*:\\s*(?<place>.+)" },
	{ "time", NULL, "(?<![\\d:.])\\b(?<h>[01]?\\d|2[0-3])\\s*(?:hod(?:in[ay]?)?|h)\\b\\.?" },
	{ "filler", NULL, "\\b(?:hod(?:in[ay]?)?|h)\\b\\.?" },
	{ "filler", NULL, "\\b(?:ze\\s+dne|dne|začátek|zahájení)\\b" },
	{ "filler", NULL, "\\b(?:datum|čas|termín)(?:\\s+(?:a\\s+)?(?:konání|místo|čas))*\\s*:" },
	{ "filler", NULL, "\\((?:po|út|st|čt|pá|so|ne|pondělí|úterý|středa|čtvrtek|pátek|sobota|neděle)\\)" },
	{ "noise", NULL, "^(?:ad|k\\s+bodu)\\s*\\d+\\s*[.:)]?\\s*" },

	{ "attendees", NULL, "^(?:p[řr][íi]tomn[íiy]|p[řr][íi]tomen|p[řr][íi]tomna|účastn[íi]c[ie]|účast|prezence|prezenční\\s+listina|hosté|host)(?:\\s+(?:na\\s+)?(?:jednání|setkání))?\\s*[:–-]\\s*" },
	{ "absent", NULL, "^(?:omluven[íiy]|omluvena|omluven|nep[řr][íi]tomn[íiy]|chyběl[iy]?)\\s*[:–-]\\s*" },
	{ "conj", NULL, "\\s+(?:a|i|nebo)\\s+" },
	{ "topics", NULL, "^(?:témata|téma|program|body|obsah|pořad)(?:\\s+(?:setkání|jednání|schůzky))?(?:\\s*:\\s*|\\s*$)" },
	{ "actions", NULL, "^(?:úkoly|akční\\s+body|zadané\\s+úkoly|usnesení|závěry(?:\\s+a\\s+úkoly)?)(?:\\s*:\\s*|\\s*$)" },
	{ "action", NULL, "^úkol(?:\\s*(?:č\\.\\s*)?\\d+)?\\s*[:–-]\\s*(?<text>.+)" },
	{ "next", NULL, "\\b(?:další|příští|následující)(?:ho|ch)?\\s+(?:termín\\w*|jednání|setkání|schůz\\w*)(?:\\s+(?:jednání|setkání|pracovní\\s+skupiny|skupiny))?" },
	{ "next", NULL, "\\btermín\\w*\\s+(?:dalšího|příštího|následujícího|dalších|příštích)\\s+(?:jednání|setkání|schůz\\w*)" },
	{ "author", NULL, "^(?:zpracoval[a]?|zapsal[a]?|zapisovatel(?:ka)?|zápis\\s+(?:zpracoval[a]?|provedl[a]?|pořídil[a]?|vyhotovil[a]?)|zapsáno|vyhotovil[a]?)(?:\\s*[:–-]\\s*|\\s+(?=\\p{Lu}))" },

	{ "update", NULL, "^za\\s+(?<org>\\p{Lu}[^,.:;]{0,60}?)\\s*,?\\s+(?=" CS_VERBS "\\b)" },
	{ "update", NULL, "^(?:zástupc\\w+|pracovni\\w+|kolega|kolegyně)\\s+(?<org>\\p{Lu}[^,.:;]{0,60}?)\\s+(?=" CS_VERBS "\\b)" },
	{ "update", NULL, "^(?<org>\\p{Lu}[^,.:;]{0,60}?)\\s+(?=" CS_REPORTS "\\b)" },
	{ "not_org", NULL, "\\b(?:se|si|je|jsou|byl[aoiy]?|bylo|bude|budou|má|mají|nemá|nemají|jsme|jsem|není|nejsou|lze|jedná|týká|týkal[aoiy]?|proběhl[aoiy]?|který|která|které|kteří|jejich|jeho|její|tento|tato|toto|tyto|také|stále|ještě|zatím|již|už|pak|dále|velmi|další|dalších|nové|nic|novinky|informace|diskuse|diskuze|poznámka|poznámky|úkol|úkoly|termín|termíny|čas|datum|místo|název|zapisovatel\\w*|usnesení|závěr|závěry|různé|téma|témata|program|bod|body|ad|zpracoval[a]?|zapsal[a]?|přítomni|omluveni|hosté|něco|jako|jsme|když|protože|aby|kde|kdy)\\b" },
	{ "not_org", NULL, "\\b\\p{L}{3,}(?:ili|ily|ali|aly|eli|ěli|ely|uli)\\b" },
	{ "not_org", NULL, "\\b\\p{L}{4,}(?:ala|ila|ela|ěla|alo|ilo|elo)\\b" },
	{ "not_org", NULL, "\\b(?:pan|paní|kolega|kolegyně|zástupc\\w+|zástupkyně|ředitel\\w*|vedoucí|koordinátor\\w*|pracovnice|pracovník\\w*|sociální\\s+pracovni\\w+)\\b" },
	{ "not_org", NULL, "\\b\\p{L}{2,}(?:ují|ají|ejí|ějí)\\b" },
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
	{ "unit_hint", "beds", "nocleh\\w*" },
	{ "unit_hint", "beds", "azylov\\w*" },
	{ "unit_hint", "beds", "ubytovn\\w*" },
	{ "unit_hint", "beds", "lůžk\\w*" },

	{ "number", "used-total", "\\b{N}\\s*(?:z|ze|/)\\s*{N2}\\s*(?:{unit}\\b)?" },
	{ "number", "used-total", "\\b{N}\\s+{unit}\\s+(?:z|ze)\\s+(?:celkových\\s+)?{N2}\\b" },
	{ "number", "waiting", "\\b{N}\\s+{unit},?\\s+(?:kteří|které|co)\\s+(?:\\p{L}+\\s+){0,2}?(?:čeká|čekají)" },
	{ "number", "waiting", "\\b{N}\\s+{unit}\\s+(?:čeká|čekají|na\\s+čekací\\s+listině|v\\s+pořadníku)" },
	{ "number", "waiting", "\\b(?:čeká|čekají|čekajících|na\\s+čekací\\s+listině|v\\s+pořadníku|pořadník\\w*|čekací\\w*\\s+listin\\w*)\\s+(?:\\p{L}+\\s+){0,3}?{N}\\s+{unit}" },
	{ "number", "free", "\\b{N}\\s+voln\\w+\\s+{unit}" },
	{ "number", "free", "\\bvoln\\w+\\s+kapacit\\w*\\s+(?:je\\s+|jsou\\s+|činí\\s+)?(?:ještě\\s+)?{N}\\s+{unit}" },
	{ "number", "free", "\\bvoln\\w+\\s+(?:je\\s+|jsou\\s+|zůstává\\s+|zůstávají\\s+|mají\\s+|máme\\s+)?(?:ještě\\s+|už\\s+jen\\s+|jen\\s+|pouze\\s+)?{N}\\s+{unit}" },
	{ "number", "free", "\\b{N}\\s+{unit}\\s+(?:je\\s+|jsou\\s+|zůstává\\s+|zůstávají\\s+)?(?:stále\\s+|ještě\\s+)?voln\\w+" },
	{ "number", "total", "\\bkapacit\\w*\\s+(?:\\p{L}+\\s+){0,3}?(?:je\\s+|činí\\s+|má\\s+|mají\\s+)?{N}\\s+{unit}" },
	{ "number", "total", "\\b(?:má|mají|disponuj\\w*|nabízí|nabízejí)\\s+(?:celkem\\s+)?{N}\\s+(?<unit>lůž\\w*|míst\\w*)" },
	{ "number", "total", "\\bcelkem\\s+{N}\\s+{unit}" },
	{ "number", "used", "\\bpracuj\\w*\\s+(?:\\p{L}+\\s+)?(?:s|se)\\s+(?:\\p{L}+\\s+){0,2}?{N}\\s+{unit}" },
	{ "number", "used", "\\b(?:obsazen\\w*|využív\\w*|ubytovan\\w*|ubytováv\\w*|v\\s+péči|doprovází\\w*|podpoř\\w*|podporuj\\w*|eviduj\\w*|aktuálně|momentálně|v\\s+současnosti|nyní|bydlí|žije|žijí)\\s+(?:je\\s+|jsou\\s+|má\\s+|mají\\s+)?(?:\\p{L}+\\s+){0,2}?{N}\\s+{unit}" },
	{ "number", "used", "\\b{N}\\s+{unit}\\s+(?:je\\s+|jsou\\s+)?(?:obsazen\\w*|ubytovan\\w*|v\\s+péči)" },
	{ "number", "used", "(?:^|(?<=[.,;:!?–—-]\\s)|(?<=[,;:]))\\s*{N}\\s+{unit}(?=\\s*(?:[,;.]|$))" },

	{ "state", "near-full", "\\b(?:téměř|skoro|takřka|prakticky|bezmála|poměrně|docela|relativně|víceméně)\\s+(?:\\p{L}+\\s+)?(?:pln\\w*|naplněn\\w*|obsazen\\w*|vytížen\\w*|zaplněn\\w*)" },
	{ "state", "near-full", "\\b(?:docházej\\w*|dochází)\\s+(?:\\p{L}+\\s+)?(?:kapacit\\w*|míst\\w*|lůž\\w*)" },
	{ "state", "near-full", "\\b(?:zbýv\\w*|zůstáv\\w*)\\s+(?:už\\s+)?(?:jen|pouze)\\s+(?:pár|několik|málo)\\b" },
	{ "state", "ok", "\\bnemaj\\w*\\s+(?:plnou|naplněnou)\\s+kapacit\\w*" },
	{ "state", "full", "\\b(?:nemaj\\w*|nemá|nejsou|není|bez)\\s+(?:\\p{L}+\\s+){0,2}?voln\\w+\\s+(?:kapacit\\w*|míst\\w*|lůž\\w*)" },
	{ "state", "full", "\\bžádn\\w+\\s+voln\\w+\\s+(?:míst\\w*|lůž\\w*|kapacit\\w*)" },
	{ "state", "full", "\\b(?:pln\\w+|maximáln\\w+|vyčerpan\\w+)\\s+kapacit\\w*" },
	{ "state", "full", "\\bkapacit\\w*\\s+(?:\\p{L}+\\s+){0,2}?(?:je\\s+|jsou\\s+|byla\\s+)?(?:(?:zcela|úplně|plně)\\s+)?(?:naplněn\\w*|vyčerpán\\w*|obsazen\\w*|plná|plné|zaplněn\\w*)" },
	{ "state", "full", "\\b(?:plně|zcela|úplně)\\s+(?:obsazen\\w*|naplněn\\w*|vytížen\\w*|zaplněn\\w*)" },
	{ "state", "full", "\\b(?:je|jsou|mají|máme|má)\\s+(?:\\p{L}+\\s+)?(?:plno|obsazeno|naplněno)\\b(?!\\s+\\d)" },
	{ "state", "full", "\\b(?:je|jsou)\\s+(?:\\p{L}+\\s+)?(?:plně\\s+|zcela\\s+|úplně\\s+)?(?:obsazen[éáýa]|plné|plná|plný|naplněn[éáýa])\\b" },
	{ "state", "ok", "\\b(?:voln\\w+|další\\w*)\\s+(?:kapacit\\w*|míst\\w*|lůž\\w*)" },
	{ "state", "ok", "\\b(?:kapacit\\w*|míst\\w*|lůž\\w*)\\s+(?:\\p{L}+\\s+){0,2}?(?:je|jsou|mají|má|máme)\\s+(?:stále\\s+|ještě\\s+|dost\\s+)*(?:voln\\w+|k\\s+dispozici|dostatek)" },
	{ "state", "ok", "\\b(?:mají|má|máme)\\s+(?:stále\\s+|ještě\\s+)*(?:voln\\w+|dostatek|dost)\\s+(?:kapacit\\w*|míst\\w*)" },
	{ "state", "ok", "\\bpřijím\\w*\\s+(?:nové|další)\\s+(?:klient\\w*|rodin\\w*|zájemce)" },
	{ "ignore", NULL, "\\b(?:zvýš\\w*|navýš\\w*|rozšíř\\w*|posíl\\w*|vyšší|větší|zvětš\\w*)\\s+(?:\\p{L}+\\s+)?(?:kapacit\\w*|tým\\w*|počet\\s+pracovník\\w*|úvaz\\w*)" },
	{ NULL, NULL, NULL }
};

#define PL_REPORTS "(?:poinformował\\w*|przekazał\\w*|zgłosił\\w*|zwiększył\\w*|" \
	"zmniejszył\\w*|otworzył\\w*|uruchomił\\w*|zakończył\\w*|oferuje|oferują|" \
	"prowadzi|prowadzą|informuje|informują)"

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

	{ "group", NULL, "^(?:nazwa|zespół|grupa)(?:\\s+robocza)?\\s*:\\s*(?<group>.+)" },
	{ "group", NULL, "^(?:protokół|notatka|spotkanie|posiedzenie|sprawozdanie)\\b" },
	{ "group", NULL, "\\bzesp(?:ół|oł\\w*)\\b" },
	{ "group", NULL, "\\bgrup\\w*\\s+robocz\\w*" },
	{ "place", NULL, "^miejsce(?:\\s+(?:spotkania|posiedzenia))?\\s*:\\s*(?<place>.+)" },
	{ "time", NULL, "\\bgodz(?:ina|iny|inie)?\\.?\\s*(?<h>[01]?\\d|2[0-3])(?!\\d)(?![:.]\\d)(?:\\s+(?<m>[0-5]\\d)\\b)?" },
	{ "filler", NULL, "\\b(?:godz(?:ina|iny|inie)?|r|roku|rok)\\b\\.?" },
	{ "filler", NULL, "\\b(?:z\\s+dnia|dnia|dn)\\b\\.?" },
	{ "filler", NULL, "\\b(?:data|termin|czas)(?:\\s+(?:i\\s+)?(?:miejsce|spotkania|godzina))*\\s*:" },
	{ "noise", NULL, "^(?:ad|do\\s+punktu)\\s*\\d+\\s*[.:)]?\\s*" },

	{ "attendees", NULL, "^(?:obecni|obecne|obecna|obecny|uczestnicy(?:\\s+spotkania)?|lista\\s+obecności|goście|w\\s+spotkaniu\\s+(?:udział\\s+)?(?:wzięli|wzięły|uczestniczyli|uczestniczyły)(?:\\s+udział)?)\\s*[:–-]?\\s*" },
	{ "absent", NULL, "^(?:nieobecni|nieobecne|usprawiedliwieni|usprawiedliwione)\\s*[:–-]\\s*" },
	{ "conj", NULL, "\\s+(?:i|oraz|a)\\s+" },
	{ "topics", NULL, "^(?:porządek\\s+(?:obrad|spotkania|dnia|posiedzenia)|program(?:\\s+spotkania)?|tematy(?:\\s+spotkania)?|agenda)(?:\\s*:\\s*|\\s*$)" },
	{ "actions", NULL, "^(?:ustalenia|zadania|wnioski|do\\s+realizacji|postanowienia)(?:\\s*:\\s*|\\s*$)" },
	{ "action", NULL, "^zadanie(?:\\s*(?:nr\\s*)?\\d+)?\\s*[:–-]\\s*(?<text>.+)" },
	{ "next", NULL, "\\b(?:kolejne|następne|najbliższe)\\s+(?:spotkani[ae]|posiedzeni[ae])" },
	{ "next", NULL, "\\btermin(?:y)?\\s+(?:kolejnego|następnego|kolejnych|następnych|najbliższego)\\s+(?:spotkania|spotkań|posiedzenia|posiedzeń)" },
	{ "author", NULL, "^(?:protokołował[a]?|protokolant(?:ka)?|sporządził[a]?|notował[a]?|protokół\\s+sporządził[a]?|zapisał[a]?)(?:\\s*[:–-]\\s*|\\s+(?=\\p{Lu}))" },

	{ "update", NULL, "^(?:ze\\s+strony|w\\s+imieniu|przedstawiciel(?:ka|e)?)\\s+(?<org>\\p{Lu}[^,.:;]{0,60}?)\\s*(?:,\\s*|\\s+(?=" PL_VERBS "\\b))" },
	{ "update", NULL, "^(?<org>\\p{Lu}[^,.:;]{0,60}?)\\s+(?=" PL_REPORTS "\\b)" },
	{ "not_org", NULL, "\\b(?:się|jest|są|był[aoy]?|byli|będzie|będą|ma|mają|nie|został[aoy]?|zostali|który|która|które|którzy|ich|jego|jej|ten|ta|to|te|także|również|nadal|jeszcze|już|potem|dalej|bardzo|kolejne|informacje|informacja|dyskusja|uwagi|zadanie|zadania|termin|terminy|czas|data|miejsce|nazwa|wnioski|ustalenia|sprawy|różne|temat|tematy|program|punkt|ad|protokołował[a]?|obecni|nieobecni|goście|coś|jak|gdy|ponieważ|aby|gdzie|kiedy)\\b" },
	{ "not_org", NULL, "\\b\\p{L}{3,}(?:ali|eli|ili|yli|ały|iły|ują|ają|eją)\\b" },
	{ "not_org", NULL, "\\b(?:pan|pani|kolega|koleżanka|przedstawiciel\\w*|dyrektor\\w*|kierownik\\w*|koordynator\\w*|pracownik\\w*|pracownica)\\b" },
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
	{ "unit_hint", "beds", "noclegow\\w*" },
	{ "unit_hint", "beds", "schronisk\\w*" },
	{ "unit_hint", "beds", "hostel\\w*" },
	{ "unit_hint", "beds", "łóż\\w*" },

	{ "number", "used-total", "\\b{N}\\s*(?:z|na|/)\\s*{N2}\\s*(?:{unit}\\b)?" },
	{ "number", "used-total", "\\b{N}\\s+{unit}\\s+(?:z|na)\\s+{N2}\\b" },
	{ "number", "waiting", "\\b{N}\\s+{unit},?\\s+(?:które|którzy|co)\\s+(?:\\p{L}+\\s+){0,2}?(?:czeka|czekają|oczekuj\\w*)" },
	{ "number", "waiting", "\\b{N}\\s+{unit}\\s+(?:czeka|czekają|oczekuje|oczekują|w\\s+kolejce)" },
	{ "number", "waiting", "\\b(?:czeka|czekają|oczekuje|oczekują|w\\s+kolejce|na\\s+liście\\s+(?:rezerwowej|oczekujących))\\s+(?:\\p{L}+\\s+){0,3}?{N}\\s+{unit}" },
	{ "number", "free", "\\b{N}\\s+woln\\w+\\s+{unit}" },
	{ "number", "free", "\\bwoln\\w+\\s+(?:jest\\s+|są\\s+|pozostaje\\s+|pozostają\\s+|zostało\\s+|zostały\\s+)?(?:jeszcze\\s+|tylko\\s+|już\\s+tylko\\s+)?{N}\\s+{unit}" },
	{ "number", "total", "\\b(?:ma|mają|dysponuje|dysponują|posiada|posiadają|oferuje|oferują)\\s+(?:łącznie\\s+)?{N}\\s+(?<unit>miejsc\\w*|łóż\\w*)" },
	{ "number", "total", "\\bpojemnoś\\w*\\s+(?:\\p{L}+\\s+){0,2}?{N}\\s+{unit}" },
	{ "number", "used", "\\bpracuj\\w*\\s+(?:\\p{L}+\\s+)?(?:z|ze)\\s+(?:\\p{L}+\\s+){0,2}?{N}\\s+{unit}" },
	{ "number", "used", "\\b(?:obecnie|aktualnie|zajęt\\w*|przebywa|przebywają|mieszka|mieszkają|opiekuj\\w*|wspiera\\w*)\\s+(?:\\p{L}+\\s+){0,2}?{N}\\s+{unit}" },
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
	{ "state", "ok", "\\bwoln\\w+\\s+(?:miejsc\\w*|łóż\\w*)" },
	{ "state", "ok", "\\bprzyjmuj\\w*\\s+(?:nowych|kolejnych)\\s+\\p{L}+" },
	{ "ignore", NULL, "\\b(?:zwiększ\\w*|poszerz\\w*|rozszerz\\w*|wzmocni\\w*|większ\\w*)\\s+(?:\\p{L}+\\s+)?(?:liczb\\w*\\s+)?(?:miejsc\\w*|pojemnoś\\w*|zesp\\w*|kadr\\w*|etat\\w*)" },
	{ NULL, NULL, NULL }
};

static const char *const languages[] = { "cs", "pl", NULL };
static const struct rules_src *const tables[] = { cs, pl };

const char *const *minutes_rules_languages(void)
{
	return languages;
}

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
	size_t i;

	if (rules_compile(&mr->rules, macros, d) < 0)
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

int minutes_rules_file(struct minutes_rules *mr, const char *path, const char *lang,
		       struct diag *d)
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
		return languages[0];   /* minutes_parse reports where */
	for (i = 0; languages[i]; i++) {
		count = 0;
		for (r = tables[i]; r->kind; r++) {
			if (strcmp(r->kind, "detect") || !(rx = rules_rx_new(r->text, "detect", &d)))
				continue;
			for (from = 0; from < len && (rc = rules_rx_exec(rx, text, len, from, 0, &d)) == 1;
			     from = end > start ? end : end + utf8_decode(text + end, len - end, &cp)) {
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
	strbuf_addstr(sb, ": a complete rules file for --rules.\n"
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
