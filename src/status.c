// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * status.c - --status-fd: what happened, as JSON lines on a descriptor
 *
 * The events, in the order they can happen: "failed" (the launch stopped,
 * with siblingexec's exit status), "started" (PROGRAM runs), "ready" (it
 * said READY=1, with --notify), "exited" or "killed" (with --wait).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "messages.h"
#include "sibling.h"
#include "status.h"

#ifndef PIDFS_MAGIC
# define PIDFS_MAGIC	0x50494446	/* Linux 6.9: pidfds on pidfs */
#endif

static int channel = -1;
static const char *current_stage = "launch";

int status_parse_fd(const char *arg, int *fd)
{
	char *end;
	long n;

	if (*arg < '0' || *arg > '9')
		return -1;
	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno || *end || n > INT_MAX)
		return -1;
	*fd = (int)n;
	return 0;
}

/* 0 or -1 and errno (EBADF: closed, EACCES: not writable). */
static int take_channel(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags < 0)
		return -1;
	if ((flags & O_ACCMODE) == O_RDONLY) {
		errno = EACCES;
		return -1;
	}
	channel = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	if (channel < 0)
		return -1;
	if (fd > STDERR_FILENO)
		close(fd);
	return 0;
}

void status_open(int fd)
{
	if (take_channel(fd) < 0)
		die(EXIT_CANCELED, errno, _("cannot write status lines to "
		    "descriptor %d"), fd);
}

void status_stage(const char *stage)
{
	current_stage = stage;
}

/*
 * JSON string s, quotes included, into buf: '"', '\' and every control
 * character escaped.  Returns the length it needs; truncates to size.
 */
size_t status_json_string(char *buf, size_t size, const char *s)
{
	size_t n = 0;
	char esc[8];

#define PUT(c)	do { if (n + 1 < size) buf[n] = (c); n++; } while (0)
	PUT('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		const char *p;

		if (c == '"' || c == '\\')
			snprintf(esc, sizeof(esc), "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			snprintf(esc, sizeof(esc), "\\u%04x", c);
		else {
			PUT((char)c);
			continue;
		}
		for (p = esc; *p; p++)
			PUT(*p);
	}
	PUT('"');
#undef PUT
	if (size)
		buf[n < size ? n : size - 1] = '\0';
	return n;
}

/*
 * One line in one write.  SIGPIPE is held back, not ignored: an ignored
 * signal would stay ignored in PROGRAM, which inherits our dispositions.
 */
static void emit(const char *line, size_t len)
{
	sigset_t pipe_set, old;
	struct timespec now = { 0, 0 };
	ssize_t rc;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &pipe_set, &old);
	do
		rc = write(channel, line, len);
	while (rc < 0 && errno == EINTR);
	if (rc < 0 && errno == EPIPE)
		sigtimedwait(&pipe_set, NULL, &now);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void __attribute__((format(printf, 1, 2))) event(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int len;

	if (channel < 0)
		return;
	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line) - 2, fmt, ap);
	va_end(ap);
	if (len < 0 || (size_t)len >= sizeof(line) - 2)
		return;		/* our own fields never come near this */
	memcpy(line + len, "}\n", 3);
	emit(line, (size_t)len + 2);
}

/* The pidfd's inode on pidfs, unique for the boot; 0 elsewhere. */
static unsigned long long pidfd_inode(int pidfd)
{
	struct statfs sfs;
	struct stat st;

	if (pidfd < 0 || fstatfs(pidfd, &sfs) < 0 ||
	    sfs.f_type != PIDFS_MAGIC || fstat(pidfd, &st) < 0)
		return 0;
	return (unsigned long long)st.st_ino;
}

void status_started(const struct sibling *sib)
{
	unsigned long long ino = pidfd_inode(sib->pidfd);
	char inode[48] = "";

	if (ino)
		snprintf(inode, sizeof(inode), ",\"pidfd_inode\":%llu", ino);
	event("{\"event\":\"started\",\"pid\":%ld%s,\"clone\":\"%s\"",
	      (long)sib->pid, inode,
	      sib->path == SIBLING_PATH_CLONE3 ? "clone3" : "clone");
}

void status_ready(pid_t pid)
{
	event("{\"event\":\"ready\",\"pid\":%ld", (long)pid);
}

void status_ended(pid_t pid, int wstatus)
{
	if (WIFSIGNALED(wstatus))
		event("{\"event\":\"killed\",\"pid\":%ld,\"signal\":%d,"
		      "\"status\":%d", (long)pid, WTERMSIG(wstatus),
		      128 + WTERMSIG(wstatus));
	else
		event("{\"event\":\"exited\",\"pid\":%ld,\"status\":%d",
		      (long)pid, WEXITSTATUS(wstatus));
}

void status_failed(const char *stage, int err, int status)
{
	char step[128], name[64] = "";

	status_json_string(step, sizeof(step), stage ? stage : current_stage);
	if (err) {
		const char *e = strerrorname_np(err);
		char num[16];

		if (!e) {
			snprintf(num, sizeof(num), "E%d", err);
			e = num;
		}
		memcpy(name, ",\"errno\":", 9);
		status_json_string(name + 9, sizeof(name) - 9, e);
	}
	event("{\"event\":\"failed\",\"step\":%s%s,\"status\":%d", step, name,
	      status);
}
