#include <string.h>

#include "strbuf.h"
#include "tap.h"
#include "textfold.h"
#include "banned.h"

static void check(const char *s, enum textfold_mode mode, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	textfold_append(&sb, s, strlen(s), mode);
	is_str(sb.buf, want, "fold '%s' (%s)", s, mode == TEXTFOLD_BASE ? "base" : "lower");
	strbuf_release(&sb);
}

int main(void)
{
	check("Třešeň", TEXTFOLD_BASE, "tresen");
	check("TŘEŠEŇ", TEXTFOLD_BASE, "tresen");
	check("Třešeň", TEXTFOLD_LOWER, "třešeň");
	check("ŘEPOVÁ Šimon Ůžeň Ďábel", TEXTFOLD_BASE, "repova simon uzen dabel");
	check("ŁÓDŹ Żółć Ąę Śń", TEXTFOLD_BASE, "lodz zolc ae sn");
	check("ŁÓDŹ", TEXTFOLD_LOWER, "łódź");
	check("Straße Æon Œuvre", TEXTFOLD_BASE, "strasse aeon ouvre");
	check("Lipe\xCC\x8C"
	      "na",
	      TEXTFOLD_BASE, "lipena");
	check("ЖИТЛО Їжак", TEXTFOLD_BASE, "житло їжак");
	check("ΑΘΗΝΑ", TEXTFOLD_LOWER, "αθηνα");
	check("a\xFF"
	      "b",
	      TEXTFOLD_BASE,
	      "a\xFF"
	      "b");
	check("× ÷ 1-2", TEXTFOLD_BASE, "× ÷ 1-2");
	ok(textfold_is_upper(0x158) && !textfold_is_upper(0x159) && textfold_is_lower(0x159),
	   "Ř is upper, ř lower");
	ok(textfold_is_upper(0x416) && textfold_is_lower(0x436), "Ж upper, ж lower");
	ok(!textfold_is_letter('1') && !textfold_is_letter(0xD7) && textfold_is_letter(0x142),
	   "letters");
	ok(textfold_lower(0x178) == 0xFF && textfold_lower(0x130) == 0x131, "odd pairs");
	return tap_done();
}
