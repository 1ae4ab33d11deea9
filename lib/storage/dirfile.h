/*
 * dirfile: opening files inside a directory that other people can write
 * to (the data directory, shared by a group; see datadir.h and okienko(7),
 * Security).  Everything is opened relative to a directory descriptor,
 * by a name without '/':
 *   - never through a symbolic link (O_NOFOLLOW): a link is refused;
 *   - only a regular file (a FIFO is refused without being waited on) or,
 *     for dirfile_open_dir, a directory;
 *   - only a file with one name: a second name (a hard link) may be a file
 *     elsewhere, which a write would change and a read could show;
 *   - in a directory its group may write to, only a file that group may
 *     read (the directory's group, or everyone): another file was put
 *     there by someone else than okienko, perhaps for root to show it;
 *   - a file created here is mode 0660 whatever the umask;
 *   - temporary files are created with O_EXCL under a name nobody can
 *     guess, never opened when they exist.
 * A refusal is a DIAG_DATA error (exit 3) whose message names the file and
 * what it is, never what is in it.
 *
 * path arguments are the names for messages (DIR/name).
 *
 * Ownership: the descriptors returned belong to the caller, who closes
 * them; nothing else is allocated here.
 */
#ifndef OKIENKO_DIRFILE_H
#define OKIENKO_DIRFILE_H

#include <sys/types.h>

#include "diag.h"

/*
 * Open name in dirfd with flags (O_RDONLY, O_RDWR, O_WRONLY, O_APPEND,
 * O_CREAT).  1 and *fd (close-on-exec, blocking), *created set when
 * O_CREAT made it (may be NULL); 0 when it does not exist and O_CREAT was
 * not given; -1 with d.
 */
int dirfile_open(int dirfd, const char *name, const char *path, int flags, int *fd, int *created,
		 struct diag *d);

/*
 * Open the subdirectory name of dirfd, creating it mode 0770 when create
 * is set (a setgid bit it inherits from dirfd stays).  1 and *fd, 0 when
 * it does not exist and create is 0, -1 with d.
 */
int dirfile_open_dir(int dirfd, const char *name, const char *path, int create, int *fd,
		     struct diag *d);

/*
 * A new temporary file "PREFIX" + 16 random hex digits in dirfd, opened
 * O_RDWR, mode 0600 until dirfile_inherit; *name and *path malloc'd.
 */
int dirfile_temp(int dirfd, const char *prefix, const char *dirpath, char **name, char **path,
		 int *fd, struct diag *d);

/*
 * Give fd (a file that is to replace from, or a new file when from is -1)
 * the permission bits and group of from (and, run by root, its owner);
 * mode 0660 without from.  A group that cannot be kept is an error: the
 * file's readers would lose it.
 */
int dirfile_inherit(int fd, int from, const char *path, struct diag *d);

/* fsync the directory: names created, renamed or removed in it become durable. */
int dirfile_sync_dir(int dirfd, const char *path, struct diag *d);

/* The problem of one entry of a directory, for data-check. */
enum dirfile_problem {
	DIRFILE_LINK = 1,       /* a symbolic link */
	DIRFILE_NOT_REGULAR,    /* a FIFO, socket or device */
	DIRFILE_WORLD_WRITABLE, /* a file or directory anyone may write */
	DIRFILE_HARD_LINK,      /* a regular file with more than one name */
	DIRFILE_HIDDEN          /* a file the group that writes the directory may not read */
};

/*
 * Call found for every entry of dirfd (and for dirfd itself, with name
 * ".") that okienko would refuse or that anyone may write; subdirectories
 * are not entered.  0, or -1 with d when the directory cannot be read.
 */
int dirfile_audit(int dirfd, const char *path,
		  void (*found)(void *arg, const char *name, enum dirfile_problem p, mode_t mode),
		  void *arg, struct diag *d);

/* The finding about file that dirfile_audit reported: DIAG_DATA, with a hint. */
void dirfile_problem_diag(const char *file, enum dirfile_problem p, mode_t mode, struct diag *d);

#endif
