/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * exec-report.h - did the new process reach execve(2)?
 *
 * A close-on-exec pipe from the new process to the launcher.  Any failure
 * before or in the exec sends one record naming the step and the errno.
 * Right before execve() the new process says so with a record of its own:
 * end-of-file alone then means it ended without a word before it got
 * there (a seccomp filter killed it, or a signal), and end-of-file after
 * that record that the exec happened (or that the process died inside
 * execve() itself, which the pipe cannot tell from PROGRAM dying at once).
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
 * In the new process, right before execve(): "every step went well".
 * Async-signal-safe.  0, or -1 and errno when the record could not be
 * sent (a seccomp filter that denies write(2)): then do not exec, as the
 * launcher could not tell a launch from a death.
 */
int exec_report_reaching_exec(int fd);

/* What the launcher learns, once the writing end is closed. */
enum exec_outcome {
	EXEC_EXECUTED,		/* the exec happened */
	EXEC_FAILED,		/* a step or the exec failed: *rep says */
	EXEC_NOT_REACHED,	/* the process ended before, without a word */
};

/* One of enum exec_outcome, or -1 and errno. */
int exec_report_read(int fd, struct exec_report *rep);

/* Give a descriptor a number above 2, close-on-exec.  -1 and errno. */
int fd_move_above_stdio(int fd);

#endif /* SIBLINGEXEC_EXEC_REPORT_H */
