#include "isocodes.h"

#include <stdlib.h>
#include <string.h>

#include "banned.h"

struct isocodes_map {
	const char *from, *to;
};

/* ISO 3166-1 alpha-2 (iso-codes 4.15), plus XK (Kosovo) and XX. */
static const char *const countries[] = {
	"AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX",
	"AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ",
	"BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK",
	"CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM",
	"DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR",
	"GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS",
	"GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN",
	"IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN",
	"KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV",
	"LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ",
	"MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI",
	"NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM",
	"PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC",
	"SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV",
	"SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR",
	"TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
	"VN", "VU", "WF", "WS", "XK", "XX", "YE", "YT", "ZA", "ZM", "ZW",
};

/* ISO 639-1 (iso-codes 4.15, which still lists bh), plus sh. */
static const char *const languages[] = {
	"aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg",
	"bh", "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv",
	"cy", "da", "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi",
	"fj", "fo", "fr", "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr",
	"ht", "hu", "hy", "hz", "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja",
	"jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw",
	"ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml",
	"mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv",
	"ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro",
	"ru", "rw", "sa", "sc", "sd", "se", "sg", "sh", "si", "sk", "sl", "sm", "sn", "so", "sq",
	"sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to",
	"tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh",
	"yi", "yo", "za", "zh", "zu",
};

/* Country codes people write that are not ISO 3166-1 (or not this one). */
static const struct isocodes_map country_confusions[] = {
	{ "CS", "CZ" }, { "DA", "DK" }, { "EL", "GR" }, { "JA", "JP" }, { "UK", "GB" },
};

/* Country codes written where a language code belongs, and retired codes. */
static const struct isocodes_map language_confusions[] = {
	{ "al", "sq" }, { "by", "be" }, { "cn", "zh" }, { "cz", "cs" }, { "dk", "da" },
	{ "gb", "en" }, { "ge", "ka" }, { "gr", "el" }, { "il", "he" }, { "in", "id" },
	{ "ir", "fa" }, { "iw", "he" }, { "ji", "yi" }, { "jp", "ja" }, { "jw", "jv" },
	{ "kz", "kk" }, { "md", "ro" }, { "mo", "ro" }, { "rs", "sr" }, { "sp", "es" },
	{ "tj", "tg" }, { "tm", "tk" }, { "ua", "uk" }, { "us", "en" }, { "vn", "vi" },
};

/* ISO 3166-1 alpha-3 to alpha-2 (and XKX, the usual stand-in for Kosovo). */
static const struct isocodes_map country_alpha3[] = {
	{ "ABW", "AW" }, { "AFG", "AF" }, { "AGO", "AO" }, { "AIA", "AI" }, { "ALA", "AX" },
	{ "ALB", "AL" }, { "AND", "AD" }, { "ARE", "AE" }, { "ARG", "AR" }, { "ARM", "AM" },
	{ "ASM", "AS" }, { "ATA", "AQ" }, { "ATF", "TF" }, { "ATG", "AG" }, { "AUS", "AU" },
	{ "AUT", "AT" }, { "AZE", "AZ" }, { "BDI", "BI" }, { "BEL", "BE" }, { "BEN", "BJ" },
	{ "BES", "BQ" }, { "BFA", "BF" }, { "BGD", "BD" }, { "BGR", "BG" }, { "BHR", "BH" },
	{ "BHS", "BS" }, { "BIH", "BA" }, { "BLM", "BL" }, { "BLR", "BY" }, { "BLZ", "BZ" },
	{ "BMU", "BM" }, { "BOL", "BO" }, { "BRA", "BR" }, { "BRB", "BB" }, { "BRN", "BN" },
	{ "BTN", "BT" }, { "BVT", "BV" }, { "BWA", "BW" }, { "CAF", "CF" }, { "CAN", "CA" },
	{ "CCK", "CC" }, { "CHE", "CH" }, { "CHL", "CL" }, { "CHN", "CN" }, { "CIV", "CI" },
	{ "CMR", "CM" }, { "COD", "CD" }, { "COG", "CG" }, { "COK", "CK" }, { "COL", "CO" },
	{ "COM", "KM" }, { "CPV", "CV" }, { "CRI", "CR" }, { "CUB", "CU" }, { "CUW", "CW" },
	{ "CXR", "CX" }, { "CYM", "KY" }, { "CYP", "CY" }, { "CZE", "CZ" }, { "DEU", "DE" },
	{ "DJI", "DJ" }, { "DMA", "DM" }, { "DNK", "DK" }, { "DOM", "DO" }, { "DZA", "DZ" },
	{ "ECU", "EC" }, { "EGY", "EG" }, { "ERI", "ER" }, { "ESH", "EH" }, { "ESP", "ES" },
	{ "EST", "EE" }, { "ETH", "ET" }, { "FIN", "FI" }, { "FJI", "FJ" }, { "FLK", "FK" },
	{ "FRA", "FR" }, { "FRO", "FO" }, { "FSM", "FM" }, { "GAB", "GA" }, { "GBR", "GB" },
	{ "GEO", "GE" }, { "GGY", "GG" }, { "GHA", "GH" }, { "GIB", "GI" }, { "GIN", "GN" },
	{ "GLP", "GP" }, { "GMB", "GM" }, { "GNB", "GW" }, { "GNQ", "GQ" }, { "GRC", "GR" },
	{ "GRD", "GD" }, { "GRL", "GL" }, { "GTM", "GT" }, { "GUF", "GF" }, { "GUM", "GU" },
	{ "GUY", "GY" }, { "HKG", "HK" }, { "HMD", "HM" }, { "HND", "HN" }, { "HRV", "HR" },
	{ "HTI", "HT" }, { "HUN", "HU" }, { "IDN", "ID" }, { "IMN", "IM" }, { "IND", "IN" },
	{ "IOT", "IO" }, { "IRL", "IE" }, { "IRN", "IR" }, { "IRQ", "IQ" }, { "ISL", "IS" },
	{ "ISR", "IL" }, { "ITA", "IT" }, { "JAM", "JM" }, { "JEY", "JE" }, { "JOR", "JO" },
	{ "JPN", "JP" }, { "KAZ", "KZ" }, { "KEN", "KE" }, { "KGZ", "KG" }, { "KHM", "KH" },
	{ "KIR", "KI" }, { "KNA", "KN" }, { "KOR", "KR" }, { "KWT", "KW" }, { "LAO", "LA" },
	{ "LBN", "LB" }, { "LBR", "LR" }, { "LBY", "LY" }, { "LCA", "LC" }, { "LIE", "LI" },
	{ "LKA", "LK" }, { "LSO", "LS" }, { "LTU", "LT" }, { "LUX", "LU" }, { "LVA", "LV" },
	{ "MAC", "MO" }, { "MAF", "MF" }, { "MAR", "MA" }, { "MCO", "MC" }, { "MDA", "MD" },
	{ "MDG", "MG" }, { "MDV", "MV" }, { "MEX", "MX" }, { "MHL", "MH" }, { "MKD", "MK" },
	{ "MLI", "ML" }, { "MLT", "MT" }, { "MMR", "MM" }, { "MNE", "ME" }, { "MNG", "MN" },
	{ "MNP", "MP" }, { "MOZ", "MZ" }, { "MRT", "MR" }, { "MSR", "MS" }, { "MTQ", "MQ" },
	{ "MUS", "MU" }, { "MWI", "MW" }, { "MYS", "MY" }, { "MYT", "YT" }, { "NAM", "NA" },
	{ "NCL", "NC" }, { "NER", "NE" }, { "NFK", "NF" }, { "NGA", "NG" }, { "NIC", "NI" },
	{ "NIU", "NU" }, { "NLD", "NL" }, { "NOR", "NO" }, { "NPL", "NP" }, { "NRU", "NR" },
	{ "NZL", "NZ" }, { "OMN", "OM" }, { "PAK", "PK" }, { "PAN", "PA" }, { "PCN", "PN" },
	{ "PER", "PE" }, { "PHL", "PH" }, { "PLW", "PW" }, { "PNG", "PG" }, { "POL", "PL" },
	{ "PRI", "PR" }, { "PRK", "KP" }, { "PRT", "PT" }, { "PRY", "PY" }, { "PSE", "PS" },
	{ "PYF", "PF" }, { "QAT", "QA" }, { "REU", "RE" }, { "ROU", "RO" }, { "RUS", "RU" },
	{ "RWA", "RW" }, { "SAU", "SA" }, { "SDN", "SD" }, { "SEN", "SN" }, { "SGP", "SG" },
	{ "SGS", "GS" }, { "SHN", "SH" }, { "SJM", "SJ" }, { "SLB", "SB" }, { "SLE", "SL" },
	{ "SLV", "SV" }, { "SMR", "SM" }, { "SOM", "SO" }, { "SPM", "PM" }, { "SRB", "RS" },
	{ "SSD", "SS" }, { "STP", "ST" }, { "SUR", "SR" }, { "SVK", "SK" }, { "SVN", "SI" },
	{ "SWE", "SE" }, { "SWZ", "SZ" }, { "SXM", "SX" }, { "SYC", "SC" }, { "SYR", "SY" },
	{ "TCA", "TC" }, { "TCD", "TD" }, { "TGO", "TG" }, { "THA", "TH" }, { "TJK", "TJ" },
	{ "TKL", "TK" }, { "TKM", "TM" }, { "TLS", "TL" }, { "TON", "TO" }, { "TTO", "TT" },
	{ "TUN", "TN" }, { "TUR", "TR" }, { "TUV", "TV" }, { "TWN", "TW" }, { "TZA", "TZ" },
	{ "UGA", "UG" }, { "UKR", "UA" }, { "UMI", "UM" }, { "URY", "UY" }, { "USA", "US" },
	{ "UZB", "UZ" }, { "VAT", "VA" }, { "VCT", "VC" }, { "VEN", "VE" }, { "VGB", "VG" },
	{ "VIR", "VI" }, { "VNM", "VN" }, { "VUT", "VU" }, { "WLF", "WF" }, { "WSM", "WS" },
	{ "XKX", "XK" }, { "YEM", "YE" }, { "ZAF", "ZA" }, { "ZMB", "ZM" }, { "ZWE", "ZW" },
};

/* ISO 639-2 (terminology and bibliographic) to ISO 639-1. */
static const struct isocodes_map language_alpha3[] = {
	{ "aar", "aa" }, { "abk", "ab" }, { "afr", "af" }, { "aka", "ak" }, { "alb", "sq" },
	{ "amh", "am" }, { "ara", "ar" }, { "arg", "an" }, { "arm", "hy" }, { "asm", "as" },
	{ "ava", "av" }, { "ave", "ae" }, { "aym", "ay" }, { "aze", "az" }, { "bak", "ba" },
	{ "bam", "bm" }, { "baq", "eu" }, { "bel", "be" }, { "ben", "bn" }, { "bih", "bh" },
	{ "bis", "bi" }, { "bod", "bo" }, { "bos", "bs" }, { "bre", "br" }, { "bul", "bg" },
	{ "bur", "my" }, { "cat", "ca" }, { "ces", "cs" }, { "cha", "ch" }, { "che", "ce" },
	{ "chi", "zh" }, { "chu", "cu" }, { "chv", "cv" }, { "cor", "kw" }, { "cos", "co" },
	{ "cre", "cr" }, { "cym", "cy" }, { "cze", "cs" }, { "dan", "da" }, { "deu", "de" },
	{ "div", "dv" }, { "dut", "nl" }, { "dzo", "dz" }, { "ell", "el" }, { "eng", "en" },
	{ "epo", "eo" }, { "est", "et" }, { "eus", "eu" }, { "ewe", "ee" }, { "fao", "fo" },
	{ "fas", "fa" }, { "fij", "fj" }, { "fin", "fi" }, { "fra", "fr" }, { "fre", "fr" },
	{ "fry", "fy" }, { "ful", "ff" }, { "geo", "ka" }, { "ger", "de" }, { "gla", "gd" },
	{ "gle", "ga" }, { "glg", "gl" }, { "glv", "gv" }, { "gre", "el" }, { "grn", "gn" },
	{ "guj", "gu" }, { "hat", "ht" }, { "hau", "ha" }, { "hbs", "sh" }, { "heb", "he" },
	{ "her", "hz" }, { "hin", "hi" }, { "hmo", "ho" }, { "hrv", "hr" }, { "hun", "hu" },
	{ "hye", "hy" }, { "ibo", "ig" }, { "ice", "is" }, { "ido", "io" }, { "iii", "ii" },
	{ "iku", "iu" }, { "ile", "ie" }, { "ina", "ia" }, { "ind", "id" }, { "ipk", "ik" },
	{ "isl", "is" }, { "ita", "it" }, { "jav", "jv" }, { "jpn", "ja" }, { "kal", "kl" },
	{ "kan", "kn" }, { "kas", "ks" }, { "kat", "ka" }, { "kau", "kr" }, { "kaz", "kk" },
	{ "khm", "km" }, { "kik", "ki" }, { "kin", "rw" }, { "kir", "ky" }, { "kom", "kv" },
	{ "kon", "kg" }, { "kor", "ko" }, { "kua", "kj" }, { "kur", "ku" }, { "lao", "lo" },
	{ "lat", "la" }, { "lav", "lv" }, { "lim", "li" }, { "lin", "ln" }, { "lit", "lt" },
	{ "ltz", "lb" }, { "lub", "lu" }, { "lug", "lg" }, { "mac", "mk" }, { "mah", "mh" },
	{ "mal", "ml" }, { "mao", "mi" }, { "mar", "mr" }, { "may", "ms" }, { "mkd", "mk" },
	{ "mlg", "mg" }, { "mlt", "mt" }, { "mon", "mn" }, { "mri", "mi" }, { "msa", "ms" },
	{ "mya", "my" }, { "nau", "na" }, { "nav", "nv" }, { "nbl", "nr" }, { "nde", "nd" },
	{ "ndo", "ng" }, { "nep", "ne" }, { "nld", "nl" }, { "nno", "nn" }, { "nob", "nb" },
	{ "nor", "no" }, { "nya", "ny" }, { "oci", "oc" }, { "oji", "oj" }, { "ori", "or" },
	{ "orm", "om" }, { "oss", "os" }, { "pan", "pa" }, { "per", "fa" }, { "pli", "pi" },
	{ "pol", "pl" }, { "por", "pt" }, { "pus", "ps" }, { "que", "qu" }, { "roh", "rm" },
	{ "ron", "ro" }, { "rum", "ro" }, { "run", "rn" }, { "rus", "ru" }, { "sag", "sg" },
	{ "san", "sa" }, { "sin", "si" }, { "slk", "sk" }, { "slo", "sk" }, { "slv", "sl" },
	{ "sme", "se" }, { "smo", "sm" }, { "sna", "sn" }, { "snd", "sd" }, { "som", "so" },
	{ "sot", "st" }, { "spa", "es" }, { "sqi", "sq" }, { "srd", "sc" }, { "srp", "sr" },
	{ "ssw", "ss" }, { "sun", "su" }, { "swa", "sw" }, { "swe", "sv" }, { "tah", "ty" },
	{ "tam", "ta" }, { "tat", "tt" }, { "tel", "te" }, { "tgk", "tg" }, { "tgl", "tl" },
	{ "tha", "th" }, { "tib", "bo" }, { "tir", "ti" }, { "ton", "to" }, { "tsn", "tn" },
	{ "tso", "ts" }, { "tuk", "tk" }, { "tur", "tr" }, { "twi", "tw" }, { "uig", "ug" },
	{ "ukr", "uk" }, { "urd", "ur" }, { "uzb", "uz" }, { "ven", "ve" }, { "vie", "vi" },
	{ "vol", "vo" }, { "wel", "cy" }, { "wln", "wa" }, { "wol", "wo" }, { "xho", "xh" },
	{ "yid", "yi" }, { "yor", "yo" }, { "zha", "za" }, { "zho", "zh" }, { "zul", "zu" },
};

#define NELEM(a) (sizeof(a) / sizeof(*(a)))

static int cmp_code(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int cmp_map(const void *key, const void *elem)
{
	return strcmp(key, ((const struct isocodes_map *)elem)->from);
}

static const char *find_code(const char *const *table, size_t n, const char *code)
{
	const char *const *p;

	if (!code || strlen(code) != 2)
		return NULL;
	p = bsearch(code, table, n, sizeof *table, cmp_code);
	return p ? *p : NULL;
}

static const char *find_map(const struct isocodes_map *map, size_t n, const char *code)
{
	const struct isocodes_map *p = bsearch(code, map, n, sizeof *map, cmp_map);
	return p ? p->to : NULL;
}

int isocodes_country(const char *code)
{
	return find_code(countries, NELEM(countries), code) != NULL;
}

int isocodes_language(const char *code)
{
	return find_code(languages, NELEM(languages), code) != NULL;
}

const char *const *isocodes_countries(size_t *n)
{
	*n = NELEM(countries);
	return countries;
}

const char *const *isocodes_languages(size_t *n)
{
	*n = NELEM(languages);
	return languages;
}

/* code in one ASCII case into buf, or 0 if it is no 2- or 3-letter word. */
static int fold(const char *code, char *buf, int upper)
{
	size_t n = code ? strlen(code) : 0, i;

	if (n < 2 || n > 3)
		return 0;
	for (i = 0; i < n; i++) {
		char c = code[i];
		if (c >= 'a' && c <= 'z')
			c = upper ? (char)(c - 'a' + 'A') : c;
		else if (c >= 'A' && c <= 'Z')
			c = upper ? c : (char)(c - 'A' + 'a');
		else
			return 0;
		buf[i] = c;
	}
	buf[n] = '\0';
	return 1;
}

const char *isocodes_suggest_country(const char *code)
{
	char buf[4];
	const char *hit;

	if (isocodes_country(code) || !fold(code, buf, 1))
		return NULL;
	hit = find_code(countries, NELEM(countries), buf);
	if (!hit)
		hit = find_map(country_confusions, NELEM(country_confusions), buf);
	if (!hit)
		hit = find_map(country_alpha3, NELEM(country_alpha3), buf);
	return hit;
}

const char *isocodes_suggest_language(const char *code)
{
	char buf[4];
	const char *hit;

	if (isocodes_language(code) || !fold(code, buf, 0))
		return NULL;
	hit = find_code(languages, NELEM(languages), buf);
	if (!hit)
		hit = find_map(language_confusions, NELEM(language_confusions), buf);
	if (!hit)
		hit = find_map(language_alpha3, NELEM(language_alpha3), buf);
	return hit;
}
