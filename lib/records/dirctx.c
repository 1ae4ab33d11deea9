#include "dirctx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"
#include "banned.h"

static int load_services(struct dirctx *c, struct diag *d)
{
	char *path = datadir_file(&c->dir, "services.yaml");
	int rc = 0;
	if (access(path, F_OK) == 0) {
		rc = services_load(&c->services, path, &c->taxonomy, d);
		c->have_services = rc == 0;
	} else if (errno != ENOENT) {
		rc = diag_errno(d, errno, "open", path);
	}
	free(path);
	return rc;
}

int dirctx_load_tz(struct dirctx *c, struct diag *d)
{
	if (!c->have_services)
		return civtz_load_env(getenv("TZ"), &c->tz, d);
	return civtz_load(c->services.timezone ? c->services.timezone : "UTC", &c->tz, d);
}

int dirctx_load(struct dirctx *c, const char *opt_dir, unsigned what, struct diag *d)
{
	char *path;
	int rc;

	memset(c, 0, sizeof *c);
	if (datadir_open(&c->dir, opt_dir, d) < 0)
		return -1;
	path = datadir_file(&c->dir, "taxonomy.yaml");
	rc = taxonomy_load(&c->taxonomy, path, d);
	free(path);
	if (rc < 0 || ((what & DIRCTX_SERVICES) && load_services(c, d) < 0) || dirctx_load_tz(c, d) < 0 ||
	    civtime_now_checked(&c->now, d) < 0) {
		dirctx_release(c);
		return -1;
	}
	return 0;
}

void dirctx_release(struct dirctx *c)
{
	if (c->have_services)
		services_release(&c->services);
	taxonomy_release(&c->taxonomy);
	civtz_free(c->tz);
	datadir_release(&c->dir);
	memset(c, 0, sizeof *c);
}
