#include "tap.h"
#include "isocodes.h"

#include "banned.h"

/* The expected tables, written out independently of isocodes.c. */
static const char expected_countries[] =
	"AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI "
	"BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN "
	"CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK "
	"FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM "
	"HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN "
	"KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK "
	"ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP "
	"NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
	"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF "
	"TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI "
	"VN VU WF WS XK XX YE YT ZA ZM ZW ";

static const char expected_languages[] =
	"aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce "
	"ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr "
	"fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is "
	"it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln "
	"lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv "
	"ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si "
	"sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt "
	"tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu ";

static int listed(const char *list, const char *code)
{
	const char *p;

	for (p = list; *p; p += 3)
		if (p[0] == code[0] && p[1] == code[1])
			return 1;
	return 0;
}

/* Every two-letter combination in both cases: accepted iff listed. */
static void sweep(int (*accepts)(const char *), const char *list, const char *what, int want)
{
	char code[3] = "";
	int a, b, up, n = 0, wrong = 0;

	for (up = 0; up < 2; up++)
		for (a = 0; a < 26; a++)
			for (b = 0; b < 26; b++) {
				code[0] = (char)((up ? 'A' : 'a') + a);
				code[1] = (char)((up ? 'A' : 'a') + b);
				if (accepts(code)) {
					n++;
					if (!listed(list, code)) {
						wrong++;
						printf("# unexpected %s %s\n", what, code);
					}
				} else if (listed(list, code)) {
					wrong++;
					printf("# rejected %s %s\n", what, code);
				}
			}
	is_int(n, want, "%s: number of accepted codes", what);
	is_int(wrong, 0, "%s: every listed code accepted, no other", what);
}

static void test_tables(void)
{
	is_int(sizeof expected_countries / 3, 251, "251 countries listed");
	is_int(sizeof expected_languages / 3, 185, "185 languages listed");
	sweep(isocodes_country, expected_countries, "country", 251);
	sweep(isocodes_language, expected_languages, "language", 185);
}

static void test_samples(void)
{
	ok(isocodes_country("CZ") && isocodes_country("PL") && isocodes_country("UA"),
	   "CZ, PL, UA");
	ok(isocodes_country("XK"), "XK (Kosovo, user-assigned) accepted");
	ok(isocodes_country("XX"), "XX (stateless/unknown) accepted");
	ok(!isocodes_country("ua"), "lower case country rejected");
	ok(!isocodes_country("UK"), "UK rejected");
	ok(!isocodes_country("EU"), "EU (exceptionally reserved) rejected");
	ok(!isocodes_country("XY"), "other user-assigned rejected");
	ok(!isocodes_country("UKR") && !isocodes_country("U") && !isocodes_country(""),
	   "wrong lengths rejected");
	ok(!isocodes_country(NULL) && !isocodes_language(NULL), "NULL rejected");
	ok(isocodes_language("uk") && isocodes_language("cs") && isocodes_language("ru"),
	   "uk, cs, ru");
	ok(isocodes_language("sh"), "sh accepted");
	ok(!isocodes_language("UK"), "upper case language rejected");
	ok(!isocodes_language("ua") && !isocodes_language("cz"), "ua, cz rejected");
	ok(!isocodes_language("ukr"), "three letters rejected");
	ok(!isocodes_language("u\xc5"), "bytes rejected");
}

static void test_suggest(void)
{
	static const char *const lang[][2] = {
		{ "ua", "uk" },  { "UA", "uk" },  { "cz", "cs" },  { "gr", "el" },  { "jp", "ja" },
		{ "EN", "en" },  { "Ru", "ru" },  { "ukr", "uk" }, { "UKR", "uk" }, { "cze", "cs" },
		{ "ces", "cs" }, { "ger", "de" }, { "rus", "ru" }, { "iw", "he" },  { "by", "be" },
		{ "kz", "kk" },  { "vn", "vi" },  { "cn", "zh" },  { "hbs", "sh" }, { "sp", "es" },
	};
	static const char *const country[][2] = {
		{ "ua", "UA" },  { "pl", "PL" },  { "Cz", "CZ" },  { "UK", "GB" },
		{ "uk", "GB" },  { "EL", "GR" },  { "CS", "CZ" },  { "UKR", "UA" },
		{ "cze", "CZ" }, { "POL", "PL" }, { "XKX", "XK" }, { "xx", "XX" },
	};
	static const char *const none[] = { "zz", "q", "", "ukra", "u1", "e\xc3" };
	size_t i;

	for (i = 0; i < sizeof lang / sizeof *lang; i++)
		is_str(isocodes_suggest_language(lang[i][0]), lang[i][1], "language '%s' -> '%s'",
		       lang[i][0], lang[i][1]);
	for (i = 0; i < sizeof country / sizeof *country; i++)
		is_str(isocodes_suggest_country(country[i][0]), country[i][1],
		       "country '%s' -> '%s'", country[i][0], country[i][1]);
	for (i = 0; i < sizeof none / sizeof *none; i++)
		ok(!isocodes_suggest_language(none[i]) && !isocodes_suggest_country(none[i]),
		   "no suggestion for '%s'", none[i]);
	ok(!isocodes_suggest_language("uk") && !isocodes_suggest_country("UA"),
	   "no suggestion for valid codes");
	ok(!isocodes_suggest_country(NULL) && !isocodes_suggest_language(NULL),
	   "no suggestion for NULL");
	ok(!isocodes_country("SV") || strcmp(isocodes_suggest_country("sv"), "SV") == 0,
	   "sv is El Salvador, not a confusion");
}

int main(void)
{
	test_tables();
	test_samples();
	test_suggest();
	return tap_done();
}
