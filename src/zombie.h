/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zombie.h - the exit status of an unreaped process, from /proc
 *
 * Between its end and its reaping a process is a zombie, and field 52 of
 * /proc/PID/stat (exit_code, Linux 3.5) holds its wait(2) status, shown to
 * those who may ptrace-read it (to others as 0).  Prints nothing.
 */
#ifndef SIBLINGEXEC_ZOMBIE_H
#define SIBLINGEXEC_ZOMBIE_H

#include <sys/types.h>

/*
 * The status of the ended process pid, whose pidfd proves afterwards that
 * it was still unreaped when read.  0 and *wstatus, or -1 and errno:
 * ESRCH when it was reaped first, EACCES when /proc does not show its
 * status to us (another user's credentials, or no /proc), or the errno of
 * pidfd_send_signal(2) when that cannot tell.
 */
int zombie_exit_status(pid_t pid, int pidfd, int *wstatus);

#endif /* SIBLINGEXEC_ZOMBIE_H */
