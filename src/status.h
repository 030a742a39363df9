/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * status.h - --status-fd: what happened, as JSON lines on a descriptor
 *
 * One JSON object per event, each written whole by one write(2), so that
 * a reader never sees half a line nor a line mixed with a message.  The
 * schema is the man page's JSON STATUS section: keep the two together.
 * Prints nothing but why the channel cannot be taken, before the launch
 * begins; a channel that stops taking lines after that is not a reason
 * to fail the launch.
 */
#ifndef SIBLINGEXEC_STATUS_H
#define SIBLINGEXEC_STATUS_H

#include <sys/types.h>

/* "N" of --status-fd=N: 0, or -1 for anything but a descriptor number. */
int status_parse_fd(const char *arg, int *fd);

/*
 * Take the caller's descriptor fd as the channel: it must be open for
 * writing.  Our copy is close-on-exec and above 2; a descriptor above 2
 * is then closed, so PROGRAM does not inherit it.  Exits with a message
 * when fd is closed or not writable.
 */
void status_open(int fd);

/* What the launcher is doing, named in a "failed" event if it dies. */
void status_stage(const char *stage);

struct sibling;
/* PROGRAM runs: its pid, its pidfd's inode, and how it was created. */
void status_started(const struct sibling *sib);
void status_ready(pid_t pid);
/* PROGRAM's wait(2) status: an "exited" or a "killed" event. */
void status_ended(pid_t pid, int wstatus);
/* The launch failed in stage (NULL: the current one) with err (0: none). */
void status_failed(const char *stage, int err, int status);

/* The "step" and "errno" values of a line, JSON-escaped: for the tests. */
size_t status_json_string(char *buf, size_t size, const char *s);

#endif /* SIBLINGEXEC_STATUS_H */
