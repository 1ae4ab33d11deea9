#include "tap.h"
#include "strbuf.h"
#include "csvwrite.h"
int main(void){ struct strbuf sb = STRBUF_INIT; const char *f[]={"a","b,c","d\"e",""," x"}; csvwrite_record(&sb,f,5); is_str(sb.buf,"a,\"b,c\",\"d\"\"e\",,\" x\"\n","rec"); strbuf_release(&sb); return tap_done(); }
