/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * proc-events.h - the kernel's process-events connector, for exits only
 *
 * A NETLINK_CONNECTOR socket subscribed to CN_IDX_PROC receives an event
 * for every task that exits, with its wait(2) status, at the moment it
 * exits: whoever reaps the process later cannot take the status away.
 * Subscribing needs CAP_NET_ADMIN in the initial namespaces (newer kernels
 * also let other users subscribe).  Prints nothing; -1 and errno.
 */
#ifndef SIBLINGEXEC_PROC_EVENTS_H
#define SIBLINGEXEC_PROC_EVENTS_H

#include <stdint.h>
#include <sys/types.h>

/* Subscribe to exit events.  A close-on-exec descriptor, or -1. */
int proc_events_open(void);

/* From now on let only the exits of process pid through.  0 or -1. */
int proc_events_focus(int fd, pid_t pid);

/* What the events told of the exits of one process's threads. */
struct proc_exit {
	int wstatus;		/* of the thread that exited last */
	uint64_t last_ns;	/* when; 0 when no thread has exited */
	uint64_t main_ns;	/* when the main thread first exited (a
				   thread that calls execve(2) becomes the
				   main thread); 0: not yet */
};

/*
 * Read what is queued, without blocking, and note in *ex the exits of the
 * threads of process pid after since_ns (CLOCK_MONOTONIC).  0, or -1 and
 * errno (ENOBUFS: events were lost).
 */
int proc_events_read(int fd, pid_t pid, uint64_t since_ns,
		     struct proc_exit *ex);

/* Unsubscribe and close. */
void proc_events_close(int fd);

#endif /* SIBLINGEXEC_PROC_EVENTS_H */
