/*
 * client-export: everything the data directory holds about one
 * pseudonymous client (GDPR art. 15), as records for machines or as a
 * page for people; exit 1 when it holds nothing.
 */
#include <stdio.h>
#include <string.h>

#include "clientexport.h"
#include "csvpar.h"
#include "dirctx.h"
#include "i18n.h"
#include "intake.h"
#include "opts.h"
#include "banned.h"

static const char usage[] =
	"usage: client-export [-d DIR] [-f json|yaml|md|html] [--lang cs|pl|uk|en] REF";

static const char help[] = N_(
	"Print everything the data directory holds about one client: the intake\n"
	"records as they are now, their changes, the outcomes of their referrals\n"
	"and the client's appointments.  Exit 1 when it holds nothing.\n"
	"\n"
	"  REF               the client's pseudonymous reference\n"
	"  -f FORMAT         json (default), yaml, md or html: records for a program\n"
	"                    (json, yaml), or a page for the client to read (md, html)\n"
	"  --lang cs|pl|uk|en\n"
	"                    the page's language (default: the locale's language,\n"
	"                    LC_ALL/LC_MESSAGES/LANG)\n"
	"  -d DIR            data directory (default $OKIENKO_DIR, else .)\n"
	"  -h, --help        this help; --version  the version\n"
	"\nSee client-export(1), okienko-files(5) and okienko(7).\n");

enum { OPT_LANG = OPTS_FIRST_PRIVATE };

static const struct option longopts[] = {
	{ "lang", required_argument, NULL, OPT_LANG },
	OPTS_COMMON_LONG
};

static void format(const struct opts *o, const char *arg, enum clientexport_format *f)
{
	static const char *const names[] = { "json", "yaml", "md", "html" };
	int i;
	for (i = 0; i < 4; i++)
		if (strcmp(arg, names[i]) == 0) {
			*f = (enum clientexport_format)i;
			return;
		}
	opts_usage_error(o, "-f: '%s' cannot hold the records of four files; choose json, yaml, md or html",
			 arg);
}

int main(int argc, char **argv)
{
	struct opts o;
	struct dirctx dc;
	struct clientexport x;
	struct diag d = DIAG_INIT;
	enum clientexport_format f = CX_JSON;
	enum taxonomy_lang lang;
	char ts[CIVTIME_TS_MAX];
	int c, rc;

	opts_init(&o, argv, usage, help);
	if (taxonomy_lang_parse(i18n_lang(), &lang) < 0)
		lang = TAXONOMY_EN;
	while ((c = opts_getopt(&o, argc, argv, OPTS_COMMON_SHORT, longopts)) != -1) {
		if (c == 'f')
			format(&o, optarg, &f);
		else if (c == OPT_LANG && taxonomy_lang_parse(optarg, &lang) < 0)
			opts_usage_error(&o, "--lang: unknown language '%s' (cs, pl, uk or en)", optarg);
		else if (c != OPT_LANG)
			opts_common(&o, c, optarg);
	}
	if (optind == argc)
		opts_usage_error(&o, "give the client's reference");
	if (argc - optind > 1)
		opts_usage_error(&o, "unexpected operand '%s'", argv[optind + 1]);
	/* what was typed may be a name: never repeat it */
	if (!intake_reference_ok(argv[optind]))
		opts_usage_error(&o, "not a pseudonymous reference (letters, digits, '.', '_', '-')");

	if (dirctx_load(&dc, o.dir, DIRCTX_SERVICES, &d) < 0) {
		diag_print(&d);
		return d.status;
	}
	clientexport_init(&x, argv[optind]);
	rc = clientexport_read(&x, &dc.dir, csvpar_default_jobs(), &d);
	if (rc == 0) {
		civtime_format_ts(ts, dc.now, civtz_offset_at(dc.tz, dc.now));
		clientexport_write(&x, stdout, f, lang, &dc.taxonomy, ts);
		if (!clientexport_total(&x))
			rc = 1;
	}
	if (rc < 0)
		diag_print(&d);
	clientexport_release(&x);
	dirctx_release(&dc);
	return opts_finish(rc < 0 ? (int)d.status : rc ? DIAG_NO : DIAG_OK);
}
