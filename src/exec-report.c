// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * exec-report.c - did the new process reach execve(2)?
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "exec-report.h"

int fd_move_above_stdio(int fd)
{
	int moved;

	if (fd > STDERR_FILENO)
		return fd;
	moved = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	if (moved < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	close(fd);
	return moved;
}

int exec_report_open(int fds[2])
{
	int i;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	/*
	 * With 0, 1 or 2 closed on entry the pipe would take its place; the
	 * launcher's messages would then go into the pipe.
	 */
	for (i = 0; i < 2; i++) {
		fds[i] = fd_move_above_stdio(fds[i]);
		if (fds[i] < 0) {
			int saved = errno;

			close(fds[!i]);	/* the other end, moved or not */
			errno = saved;
			return -1;
		}
	}
	return 0;
}

void exec_report_send(int fd, const struct exec_report *rep)
{
	ssize_t n;

	/* A pipe write this small is atomic; only a signal can cut it. */
	do {
		n = write(fd, rep, sizeof(*rep));
	} while (n < 0 && errno == EINTR);
}

int exec_report_read(int fd, struct exec_report *rep)
{
	ssize_t n;

	do {
		n = read(fd, rep, sizeof(*rep));
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	if (n == 0)
		return 0;
	if ((size_t)n != sizeof(*rep)) {
		errno = EPROTO;
		return -1;
	}
	return 1;
}
