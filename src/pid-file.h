/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pid-file.h - --pid-file: PROGRAM's pid, in a file that is never seen
 * half-written
 *
 * The file is created under a temporary name before anything starts, so
 * that an unwritable place is an error with nothing started, and renamed
 * into place once PROGRAM runs.  Prints nothing: -1 and errno.
 */
#ifndef SIBLINGEXEC_PID_FILE_H
#define SIBLINGEXEC_PID_FILE_H

#include <sys/types.h>

struct pid_file {
	char *tmp_path;		/* NULL: no pid file, or no name for it */
	int fd;
};

#define PID_FILE_NONE	{ NULL, -1 }

/* Create the temporary file next to path.  0, or -1 and errno. */
int pid_file_prepare(const char *path, struct pid_file *pf);

/* Write pid and rename the file to path; 0 without a pid file. */
int pid_file_commit(const char *path, struct pid_file *pf, pid_t pid);

/* Remove the temporary file, if any. */
void pid_file_abandon(struct pid_file *pf);

#endif /* SIBLINGEXEC_PID_FILE_H */
