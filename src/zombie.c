// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * zombie.c - the exit status of an unreaped process, from /proc
 *
 * The kernel prints 0 instead of the status to whoever may not
 * ptrace-read the process, so we check first that we may, as the kernel
 * would for a process without memory: the same user and group ids and
 * no capability we lack in our effective set, or CAP_SYS_PTRACE.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "zombie.h"

#define STAT_EXIT_CODE_FIELD	52
#define CAP_SYS_PTRACE_BIT	19

struct proc_creds {
	unsigned long uid[4], gid[4];	/* real, effective, saved, fs */
	unsigned long long cap_prm, cap_eff;
};

/* Read a small /proc file whole; its length, or -1 and errno. */
static ssize_t read_proc(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static int read_creds(const char *path, struct proc_creds *c)
{
	char buf[4096];
	const char *line = buf, *end;
	int found = 0;

	if (read_proc(path, buf, sizeof(buf)) < 0)
		return -1;
	for (; line; line = end ? end + 1 : NULL) {
		end = strchr(line, '\n');
		found += sscanf(line, "Uid: %lu %lu %lu %lu", &c->uid[0],
				&c->uid[1], &c->uid[2], &c->uid[3]) == 4;
		found += sscanf(line, "Gid: %lu %lu %lu %lu", &c->gid[0],
				&c->gid[1], &c->gid[2], &c->gid[3]) == 4;
		found += sscanf(line, "CapPrm: %llx", &c->cap_prm) == 1;
		found += sscanf(line, "CapEff: %llx", &c->cap_eff) == 1;
	}
	if (found != 4) {
		errno = EACCES;
		return -1;
	}
	return 0;
}

/* Would the kernel show us the exit code of pid (ptrace read access)? */
static int may_read_exit_code(const char *status_path)
{
	struct proc_creds self, them;
	int i;

	if (read_creds("/proc/self/status", &self) < 0 ||
	    read_creds(status_path, &them) < 0)
		return 0;
	if (self.cap_eff & (1ULL << CAP_SYS_PTRACE_BIT))
		return 1;
	for (i = 0; i < 3; i++)
		if (them.uid[i] != self.uid[3] || them.gid[i] != self.gid[3])
			return 0;
	return (them.cap_prm & ~self.cap_eff) == 0;
}

/* State (field 3) and exit_code (field 52) of /proc/PID/stat. */
static int parse_stat(const char *buf, char *state, int *exit_code)
{
	const char *p = strrchr(buf, ')');
	int field;

	if (!p || sscanf(p + 1, " %c", state) != 1)
		return -1;
	for (field = 2; p && field < STAT_EXIT_CODE_FIELD; field++)
		p = strchr(p + 1, ' ');
	if (!p || sscanf(p, " %d", exit_code) != 1)
		return -1;
	return 0;
}

int zombie_exit_status(pid_t pid, int pidfd, int *wstatus)
{
	char path[64], buf[1024], state;
	int code, readable;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	readable = read_proc(path, buf, sizeof(buf)) >= 0 &&
		   parse_stat(buf, &state, &code) == 0 && state == 'Z';
	snprintf(path, sizeof(path), "/proc/%ld/status", (long)pid);
	readable = readable && may_read_exit_code(path);
	/*
	 * Still unreaped now means unreaped when read: the pid was not
	 * reused, what we read was PROGRAM's.  EPERM says it exists too;
	 * anything else (ENOSYS under valgrind 3.19) proves nothing.
	 */
	if (syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0) < 0 &&
	    errno != EPERM)
		return -1;
	if (!readable) {
		errno = EACCES;
		return -1;
	}
	*wstatus = code;
	return 0;
}
