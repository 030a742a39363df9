/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * notify.h - --notify: wait until PROGRAM says it is ready (sd_notify)
 *
 * A datagram socket in the abstract namespace under a random name, given
 * to PROGRAM as NOTIFY_SOCKET.  Only datagrams whose sender (checked with
 * SO_PASSCRED) is PROGRAM, or a process whose chain of parents leads to
 * PROGRAM when the datagram is read, count.  The launch's hooks: it opens
 * the socket before anything starts and awaits readiness once PROGRAM
 * runs; this module says what went wrong, and what PROGRAM says in
 * STATUS= with --verbose.
 */
#ifndef SIBLINGEXEC_NOTIFY_H
#define SIBLINGEXEC_NOTIFY_H

#include <sys/types.h>

#define NOTIFY_DEFAULT_TIMEOUT_MS	90000
#define NOTIFY_INFINITY			(-1)

/*
 * TIMEOUT of --notify=TIMEOUT in ms, rounded up (NOTIFY_INFINITY also for
 * more than fits in a long long): 0, or -1.
 */
int notify_parse_timeout(const char *arg, long long *ms);

/*
 * Create and bind the socket (close-on-exec) and force NOTIFY_SOCKET into
 * PROGRAM's environment.  Exits with a message when it cannot.
 */
void notify_open(void);

/*
 * Wait for READY=1 from PROGRAM (pid, pidfd; pidfd may be -1) for
 * timeout_ms (NOTIFY_INFINITY: forever; EXTEND_TIMEOUT_USEC= moves the
 * end later); with verbose, say each STATUS=.  SIGHUP, SIGINT and SIGTERM
 * end the wait instead of the launcher.  The socket is closed either way.
 * 0 when ready, the signal mask as it was; else -1, the stop signals still
 * blocked: abandon the pid file, then notify_failed() says why.
 */
int notify_await(pid_t pid, int pidfd, long long timeout_ms, int verbose);

/*
 * Why PROGRAM (pid) is not ready, then exit 125, or end by the stop
 * signal that came; PROGRAM is left running.
 */
void notify_failed(pid_t pid) __attribute__((noreturn));

#endif /* SIBLINGEXEC_NOTIFY_H */
