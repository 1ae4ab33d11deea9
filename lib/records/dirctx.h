/*
 * dirctx: what a command needs to know about a data directory before it
 * reads or writes records: the directory itself, the needs taxonomy
 * (built-in plus taxonomy.yaml), the services (services.yaml, optional,
 * when asked for), and the time zone (services.yaml's timezone; without
 * services.yaml the zone of the TZ environment variable, UTC when it is
 * unset or empty, refused when it names no zone: civtz_load_env).
 *
 * Ownership: dirctx_release frees everything dirctx_load filled in.
 */
#ifndef OKIENKO_DIRCTX_H
#define OKIENKO_DIRCTX_H

#include "civtime.h"
#include "datadir.h"
#include "diag.h"
#include "services.h"
#include "taxonomy.h"

struct dirctx {
	struct datadir dir;
	struct taxonomy taxonomy;
	struct services services;
	int have_services; /* services.yaml exists and was loaded */
	struct civtz *tz;
	int64_t now; /* civtime_now(), read once */
};

enum dirctx_what {
	DIRCTX_SERVICES = 1 /* load services.yaml (readers of intake.csv do not need it) */
};

int dirctx_load(struct dirctx *c, const char *opt_dir, unsigned what, struct diag *d);
/* Set c->tz as dirctx_load does, from c->have_services and c->services. */
int dirctx_load_tz(struct dirctx *c, struct diag *d);
/*
 * The two steps on their own (data-check reports their errors as findings).
 * Both files are opened as data files are (datadir.h: never through a link).
 * A failed taxonomy leaves t released or untouched; a missing
 * services.yaml is not an error (*have 0).
 */
int dirctx_load_taxonomy(const struct datadir *dd, struct taxonomy *t, struct diag *d);
int dirctx_load_services(const struct datadir *dd, const struct taxonomy *tax, struct services *s,
			 int *have, struct diag *d);
void dirctx_release(struct dirctx *c);

#endif
