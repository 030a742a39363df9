/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * exec-report.h - did the new process reach execve(2)?
 *
 * A close-on-exec pipe from the new process to the launcher.  A successful
 * exec closes the writing end: the launcher reads end-of-file.  Any failure
 * before or in the exec sends one record naming the step and the errno.
 */
#ifndef SIBLINGEXEC_EXEC_REPORT_H
#define SIBLINGEXEC_EXEC_REPORT_H

struct exec_report {
	int step;		/* caller-defined: which step failed */
	int code;		/* the step's own: which part of it */
	int err;		/* the errno of that step */
	int arg;		/* the step's own detail (a capability) */
};

/*
 * Open the pipe: fds[0] for reading, fds[1] for writing, both close-on-exec
 * and never 0, 1 or 2 (those belong to the program).  0 or -1 and errno.
 */
int exec_report_open(int fds[2]);

/* In the new process: send the record.  Async-signal-safe. */
void exec_report_send(int fd, const struct exec_report *rep);

/*
 * In the launcher, once the writing end is closed: 1 and *rep filled when
 * a record came, 0 at end-of-file (the exec happened), -1 and errno.
 */
int exec_report_read(int fd, struct exec_report *rep);

/* Give a descriptor a number above 2, close-on-exec.  -1 and errno. */
int fd_move_above_stdio(int fd);

#endif /* SIBLINGEXEC_EXEC_REPORT_H */
