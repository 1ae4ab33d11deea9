#include "intakefile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "intake.h"
#include "xalloc.h"
#include "banned.h"

struct intakefile {
	int fd, own_fd, header_done;
	char *name;
	struct csvread *reader;
};

struct intakefile *intakefile_open(const struct datadir *dd, const char *path, struct diag *d)
{
	struct intakefile *f = xcalloc(1, sizeof *f);
	int rc = 1;

	if (path && path[0] == '-' && !path[1]) {
		f->fd = STDIN_FILENO;
		f->name = xstrdup("-");
	} else if (path) {
		f->fd = open(path, O_RDONLY | O_CLOEXEC);
		f->name = xstrdup(path);
		f->own_fd = 1;
		if (f->fd < 0)
			rc = diag_errno(d, errno, "open", path);
	} else {
		f->name = datadir_file(dd, INTAKE_FILE);
		rc = datadir_open_read(dd, INTAKE_FILE, &f->fd, d);
		f->own_fd = rc == 1;
	}
	if (rc < 0) {
		free(f->name);
		free(f);
		return NULL;
	}
	if (rc == 0)
		f->header_done = 1; /* no file yet: no records */
	else
		f->reader = csvread_open(f->fd, f->name, CSVREAD_SKIP_TORN_END);
	return f;
}

int intakefile_next(struct intakefile *f, struct csvread_row **row, struct diag *d)
{
	int rc;
	if (!f->reader)
		return 0;
	while ((rc = csvread_next(f->reader, row, d)) == 1) {
		if (!f->header_done) {
			f->header_done = 1;
			if (intake_check_header((*row)->field, (*row)->n, f->name, (*row)->col, d) < 0)
				return -1;
			continue;
		}
		if ((*row)->n != INTAKE_NCOLS)
			return diag_set(d, DIAG_DATA, f->name, (*row)->lineno, 1,
					"record has %zu fields instead of %d", (*row)->n,
					INTAKE_NCOLS);
		return 1;
	}
	return rc; /* an empty file has no records, like a missing one */
}

int intakefile_regular_fd(const struct intakefile *f)
{
	struct stat st;
	if (!f->reader || fstat(f->fd, &st) < 0 || !S_ISREG(st.st_mode))
		return -1;
	return f->fd;
}

int intakefile_resume(struct intakefile *f, off_t offset, long line, struct diag *d)
{
	if (lseek(f->fd, offset, SEEK_SET) < 0)
		return diag_errno(d, errno, "seek in", f->name);
	csvread_free(f->reader);
	f->reader = csvread_open(f->fd, f->name, CSVREAD_SKIP_TORN_END);
	csvread_set_origin(f->reader, offset, line);
	f->header_done = 1;
	return 0;
}

long intakefile_torn(const struct intakefile *f)
{
	return f->reader ? csvread_torn(f->reader) : 0;
}

const char *intakefile_name(const struct intakefile *f)
{
	return f->name;
}

void intakefile_close(struct intakefile *f)
{
	if (!f)
		return;
	csvread_free(f->reader);
	if (f->own_fd)
		close(f->fd);
	free(f->name);
	free(f);
}
