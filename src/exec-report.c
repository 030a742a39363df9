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

/* No step has this id: the record that says the exec is next. */
#define REACHING_EXEC	(-1)

static ssize_t send_record(int fd, const struct exec_report *rep)
{
	ssize_t n;

	/* A pipe write this small is atomic; only a signal can cut it. */
	do {
		n = write(fd, rep, sizeof(*rep));
	} while (n < 0 && errno == EINTR);
	return n;
}

void exec_report_send(int fd, const struct exec_report *rep)
{
	(void)send_record(fd, rep);
}

int exec_report_reaching_exec(int fd)
{
	static const struct exec_report reaching = { .step = REACHING_EXEC };

	return send_record(fd, &reaching) < 0 ? -1 : 0;
}

/* One record: 1, 0 at end-of-file, -1 and errno. */
static int read_record(int fd, struct exec_report *rep)
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

int exec_report_read(int fd, struct exec_report *rep)
{
	int rc = read_record(fd, rep);

	if (rc <= 0)
		return rc < 0 ? -1 : EXEC_NOT_REACHED;
	if (rep->step != REACHING_EXEC)
		return EXEC_FAILED;
	/* After it, only a failed exec has more to say. */
	rc = read_record(fd, rep);
	if (rc < 0)
		return -1;
	return rc ? EXEC_FAILED : EXEC_EXECUTED;
}
