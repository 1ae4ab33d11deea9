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

static const struct opts_option options[] = {
	{ "format", 'f', "FORMAT",
	  N_("json (default), yaml, md or html: records for a program\n"
	     "(json, yaml), or a page for the client to read (md, html)"),
	  "-f FORMAT", OPTS_OWN },
	OPTS_LANG,
	OPTS_DIR,
	OPTS_HELP,
	OPTS_END
};

static const struct opts_command command = {
	usage,
	N_("Print everything the data directory holds about one client: the intake\n"
	   "records as they are now, their changes, the outcomes of their referrals\n"
	   "and the client's appointments.  Exit 1 when it holds nothing.\n"
	   "\n"
	   "  REF               the client's pseudonymous reference\n"),
	options, N_("See client-export(1), okienko-files(5) and okienko(7).\n")
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
	opts_usage_error(o,
			 "-f: '%s' cannot hold the records of four files; choose json, yaml, md or html",
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

	opts_start(&o, argv, &command);
	while ((c = opts_next(&o, argc, argv)) != -1)
		if (c == 'f')
			format(&o, optarg, &f);
	/* opts checked it: one of the languages of the taxonomy's labels */
	if (taxonomy_lang_parse(o.lang, &lang) < 0)
		lang = TAXONOMY_EN;
	if (optind == argc)
		opts_usage_error(&o, "give the client's reference");
	if (argc - optind > 1)
		opts_usage_error(&o, "unexpected operand '%s'", argv[optind + 1]);
	/* what was typed may be a name: never repeat it */
	if (!intake_reference_ok(argv[optind]))
		opts_usage_error(&o,
				 "not a pseudonymous reference (letters, digits, '.', '_', '-')");

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
