// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pid-file.c - --pid-file: PROGRAM's pid, in a file that is never seen
 * half-written
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec-report.h"
#include "pid-file.h"

int pid_file_prepare(const char *path, struct pid_file *pf)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	mode_t mask;

	if (asprintf(&pf->tmp_path, "%.*s.%s.XXXXXX", (int)dirlen, path,
		     slash ? slash + 1 : path) < 0) {
		pf->tmp_path = NULL;
		return -1;
	}
	pf->fd = mkostemp(pf->tmp_path, O_CLOEXEC);
	if (pf->fd < 0)
		return -1;
	pf->fd = fd_move_above_stdio(pf->fd);
	mask = umask(0);
	umask(mask);
	if (pf->fd < 0 || fchmod(pf->fd, 0666 & ~mask) < 0) {
		int saved = errno;

		unlink(pf->tmp_path);
		errno = saved;
		return -1;
	}
	return 0;
}

int pid_file_commit(const char *path, struct pid_file *pf, pid_t pid)
{
	int rc = 0;

	if (!pf->tmp_path)		/* no pid file was asked for */
		return 0;
	if (dprintf(pf->fd, "%ld\n", (long)pid) < 0 || close(pf->fd) < 0 ||
	    rename(pf->tmp_path, path) < 0) {
		int saved = errno;

		unlink(pf->tmp_path);
		errno = saved;
		rc = -1;
	}
	free(pf->tmp_path);
	return rc;
}

void pid_file_abandon(struct pid_file *pf)
{
	if (!pf->tmp_path)
		return;
	close(pf->fd);
	unlink(pf->tmp_path);
	free(pf->tmp_path);
}
