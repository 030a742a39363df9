/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * wait.h - learn the exit status of a process we did not create
 *
 * PROGRAM is our sibling: only its parent (our caller) can wait(2) for it.
 * The kernel tells anyone else its status in one of three ways, tried in
 * this order:
 *
 *  - its pidfd, once the parent has reaped it (PIDFD_GET_INFO with
 *    PIDFD_INFO_EXIT, Linux 6.15);
 *  - the process-events connector, which reports every exit as it happens
 *    (needs CAP_NET_ADMIN in the initial namespaces on older kernels);
 *  - /proc/PID/stat, which shows the status while PROGRAM is a zombie that
 *    its parent has not reaped yet.
 *
 * Prints nothing; every function fails like a system call.
 */
#ifndef SIBLINGEXEC_WAIT_H
#define SIBLINGEXEC_WAIT_H

#include <stdint.h>
#include <sys/types.h>

/* What this kernel's pidfds can tell, found by asking it. */
enum pidfd_exit_support {
	PIDFD_EXIT_UNKNOWN,	/* the probe itself failed */
	PIDFD_EXIT_NO_IOCTL,	/* no PIDFD_GET_INFO: before Linux 6.13 */
	PIDFD_EXIT_NO_EXIT,	/* PIDFD_GET_INFO without PIDFD_INFO_EXIT */
	PIDFD_EXIT_YES,		/* PIDFD_INFO_EXIT: Linux 6.15 on */
};

/* Where the status came from. */
enum exit_source {
	EXIT_FROM_PIDFD,
	EXIT_FROM_CONNECTOR,
	EXIT_FROM_ZOMBIE,
};

struct exit_watch {
	enum pidfd_exit_support kernel;
	int events_fd;		/* process-events connector, or -1 */
	uint64_t since_ns;	/* CLOCK_MONOTONIC before PROGRAM existed */
	pid_t pid;
	int pidfd;
	enum exit_source source;
	int stderr_path;	/* O_PATH handle of a released stderr, or -1 */
};

/*
 * Before PROGRAM is created: find what the kernel offers and, where the
 * pidfd will not tell, subscribe to process events, so that PROGRAM's
 * exit cannot be missed.  Never fails: what is missing shows at the end.
 */
void exit_watch_open(struct exit_watch *w);

/*
 * Wait for the end of PROGRAM (pid, pidfd) and store its wait(2) status
 * in *wstatus.  Returns 0, or -1 with errno:
 *   ENOTTY       its parent reaped it first and the kernel has no
 *                PIDFD_GET_INFO (before Linux 6.13);
 *   ENOPROTOOPT  its parent reaped it first and PIDFD_GET_INFO has no
 *                PIDFD_INFO_EXIT (Linux 6.13 and 6.14);
 *   EACCES       unreaped, but /proc does not show us its status;
 *   ETIMEDOUT    the same on Linux 6.15, and its parent did not reap it
 *                within EXIT_WATCH_REAP_MS either.
 */
#define EXIT_WATCH_REAP_MS	2000
int exit_watch_wait(struct exit_watch *w, pid_t pid, int pidfd,
		    int *wstatus);

/* Unsubscribe and close.  Safe to call twice. */
void exit_watch_close(struct exit_watch *w);

/*
 * exit_watch_wait() lets go of the caller's standard streams when it must
 * wait for the caller to reap PROGRAM: a shell that reads our output until
 * end-of-file reaps only after that.  Standard input and output become
 * /dev/null; standard error stays when it can hold nobody's end-of-file (a
 * terminal, a file), else it is remembered by an O_PATH handle.  This
 * gives it back for a last message, without blocking: when nobody reads
 * it any more the message is lost.  0 or -1 and errno.
 */
int exit_watch_reclaim_stderr(struct exit_watch *w);

#endif /* SIBLINGEXEC_WAIT_H */
