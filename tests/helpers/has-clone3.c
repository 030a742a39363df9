// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * has-clone3.c - does this environment let clone3 through?
 *
 * Kernels before 5.3 and the default seccomp profiles of container engines
 * answer ENOSYS, and siblingexec then rightly falls back to clone: a test
 * that expects clone3 must know which case it is in.  Asks the kernel
 * directly, so that a siblingexec that never uses clone3 fails that test
 * instead of skipping it.  A kernel with clone3 refuses an argument size
 * of 0 with EINVAL before it creates anything.
 * Exits 0 when clone3 is there, 1 when it is not.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_clone3
# define SYS_clone3 435
#endif

int main(void)
{
	long rc = syscall(SYS_clone3, NULL, (size_t)0);

	return rc < 0 && errno == EINVAL ? 0 : 1;
}
