#include "dirctx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"
#include "banned.h"

int dirctx_load_services(const struct datadir *dd, const struct taxonomy *tax, struct services *s,
			 int *have, struct diag *d)
{
	char *path = datadir_file(dd, "services.yaml");
	int fd, rc = datadir_open_read(dd, "services.yaml", &fd, d);

	*have = 0;
	if (rc > 0) {
		rc = services_load_fd(s, path, fd, tax, d);
		*have = rc == 0;
		close(fd);
	}
	free(path);
	return rc < 0 ? -1 : 0;
}

int dirctx_load_tz(struct dirctx *c, struct diag *d)
{
	if (!c->have_services)
		return civtz_load_env(getenv("TZ"), &c->tz, d);
	return civtz_load(c->services.timezone ? c->services.timezone : "UTC", &c->tz, d);
}

int dirctx_load_taxonomy(const struct datadir *dd, struct taxonomy *t, struct diag *d)
{
	char *path = datadir_file(dd, "taxonomy.yaml");
	int fd, rc = datadir_open_read(dd, "taxonomy.yaml", &fd, d);

	if (rc < 0) {
		free(path);
		return -1;
	}
	rc = taxonomy_load_fd(t, path, rc ? fd : -1, d);
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

int dirctx_load(struct dirctx *c, const char *opt_dir, unsigned what, struct diag *d)
{
	int rc;

	memset(c, 0, sizeof *c);
	if (datadir_open(&c->dir, opt_dir, d) < 0)
		return -1;
	rc = dirctx_load_taxonomy(&c->dir, &c->taxonomy, d);
	if (rc == 0 && (what & DIRCTX_SERVICES))
		rc = dirctx_load_services(&c->dir, &c->taxonomy, &c->services, &c->have_services,
					  d);
	if (rc < 0 || dirctx_load_tz(c, d) < 0 || civtime_now_checked(&c->now, d) < 0) {
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
