/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sibling.h - the process-creation core of siblingexec
 *
 * Creates a new process that runs a callback, either as our own child or
 * as our sibling (a child of our parent).  The core prints nothing, exits
 * nothing and knows nothing of privileges: it fails like a system call,
 * with -1 and errno.
 */
#ifndef SIBLINGEXEC_SIBLING_H
#define SIBLINGEXEC_SIBLING_H

#include <sys/types.h>

enum sibling_kind {
	SIBLING_CHILD,		/* our child, exit signal SIGCHLD */
	SIBLING_SIBLING,	/* our parent's child (CLONE_PARENT) */
	SIBLING_QUIET_CHILD,	/* our child with no exit signal: it stays a
				   zombie, whatever SIGCHLD's disposition,
				   until waited for with __WALL */
};

/*
 * Whether clone3 shares the caller's memory until exec (CLONE_VM, a stack
 * of its own: a few lines of assembly per architecture) or is used
 * fork-like, in portable C.  The legacy clone(2) always shares it.
 * Define SIBLING_PORTABLE_CLONE3 to build the portable way anywhere: the
 * unit tests do, so that it is tested on every architecture.
 */
#if (defined(__x86_64__) || defined(__aarch64__)) && \
	!defined(SIBLING_PORTABLE_CLONE3)
# define SIBLING_CLONE3_SHARES_MEMORY 1
#else
# define SIBLING_CLONE3_SHARES_MEMORY 0
#endif

enum sibling_path {
	SIBLING_PATH_CLONE3,	/* created with clone3(2) */
	SIBLING_PATH_CLONE,	/* created with the legacy clone(2) */
};

struct sibling {
	pid_t pid;
	int pidfd;		/* -1 unless asked for with want_pidfd */
	enum sibling_path path;
	int clone3_errno;	/* why clone3 was passed over; 0 if it was used */
};

/*
 * The callback's return value becomes the new process's exit status.
 *
 * The callback runs in memory shared with the caller, as in vfork(2): the
 * caller is suspended until the new process calls execve(2) or ends.  So
 * the callback must not return through the caller's stack frames (it does
 * not: it has a stack of its own), must not call exit(3) (return instead),
 * and should confine itself to async-signal-safe work.  What it writes to
 * memory may or may not be seen by the caller afterwards (it is where
 * memory is shared, not where clone3 is used fork-like, nor under
 * valgrind).  Callers that install signal handlers must block signals
 * around sibling_start().
 */
typedef int (*sibling_fn)(void *arg);

/*
 * Start a new process of the given kind running fn(arg).  On success fill
 * *sib and return 0; on failure return -1 with errno set (EINVAL for a
 * sibling of an init process, EAGAIN at the process limit, ENOMEM, EPERM).
 */
int sibling_start(enum sibling_kind kind, sibling_fn fn, void *arg,
		  int want_pidfd, struct sibling *sib);

/*
 * The same, created inside the cgroup v2 directory open as cgroup_fd
 * (-1: our own) when clone3 is used (CLONE_INTO_CGROUP, Linux 5.7).  The
 * clone(2) fallback cannot: there fn must move the process itself.
 */
int sibling_start_in_cgroup(enum sibling_kind kind, sibling_fn fn, void *arg,
			    int want_pidfd, int cgroup_fd, struct sibling *sib);

#endif /* SIBLINGEXEC_SIBLING_H */
