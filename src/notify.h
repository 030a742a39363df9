/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * notify.h - --notify: wait until PROGRAM says it is ready (sd_notify)
 *
 * A datagram socket in the abstract namespace under a random name, given
 * to PROGRAM as NOTIFY_SOCKET.  Only datagrams whose sender (checked with
 * SO_PASSCRED) is PROGRAM, or a process whose chain of parents leads to
 * PROGRAM when the datagram is read, count.  Prints nothing but what
 * PROGRAM says in STATUS= (through a callback); -1 and errno.
 */
#ifndef SIBLINGEXEC_NOTIFY_H
#define SIBLINGEXEC_NOTIFY_H

#include <sys/types.h>

#define NOTIFY_DEFAULT_TIMEOUT_MS	90000
#define NOTIFY_INFINITY			(-1)

/* TIMEOUT of --notify=TIMEOUT in ms (NOTIFY_INFINITY): 0, or -1. */
int notify_parse_timeout(const char *arg, long long *ms);

struct notify {
	int fd;
	char name[64];		/* NOTIFY_SOCKET's value: "@..." */
};

/* Create and bind the socket (close-on-exec).  0 or -1 and errno. */
int notify_open(struct notify *n);

/*
 * Wait for READY=1 from PROGRAM (pid, pidfd; pidfd may be -1) for
 * timeout_ms (NOTIFY_INFINITY: forever; EXTEND_TIMEOUT_USEC= moves the
 * end).  Each STATUS= goes to said(), if not NULL.  0 when ready, else
 * -1 and errno: ETIMEDOUT (no readiness in time), ESRCH (PROGRAM ended
 * first), *reported set and errno the value of ERRNO=, or the error of
 * poll or recvmsg.
 */
int notify_await(struct notify *n, pid_t pid, int pidfd,
		 long long timeout_ms, void (*said)(pid_t, const char *),
		 int *reported);

void notify_close(struct notify *n);

#endif /* SIBLINGEXEC_NOTIFY_H */
