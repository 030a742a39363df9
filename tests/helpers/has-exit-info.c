// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * has-exit-info.c - does this kernel give a reaped process's exit status
 * through its pidfd (PIDFD_GET_INFO with PIDFD_INFO_EXIT, Linux 6.15)?
 *
 * Asks the kernel directly, so that a broken --wait shows as a failure,
 * not as a skipped test.  Exits 0 when it does, 1 when it does not.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

struct pidfd_exit_info {
	uint64_t mask;
	uint64_t cgroupid;
	uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid;
	uint32_t fsuid, fsgid;
	int32_t exit_code;
};

int main(void)
{
	struct pidfd_exit_info info;
	int pidfd, status;
	pid_t pid = fork();

	if (pid < 0)
		return 2;
	if (pid == 0)
		_exit(42);
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	waitpid(pid, &status, 0);
	if (pidfd < 0)
		return 1;
	memset(&info, 0, sizeof(info));
	info.mask = 1ULL << 3;		/* PIDFD_INFO_EXIT */
	if (ioctl(pidfd, _IOWR(0xFF, 11, struct pidfd_exit_info), &info) < 0)
		return 1;
	return (info.mask & (1ULL << 3)) && WIFEXITED(info.exit_code) &&
	       WEXITSTATUS(info.exit_code) == 42 ? 0 : 1;
}
