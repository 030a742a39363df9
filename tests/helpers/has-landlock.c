// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * has-landlock.c - which Landlock ABI does this kernel offer?
 *
 * Asks the kernel directly (securityfs may not be mounted), so that a
 * broken Landlock step shows as a failure, not as a skipped test.  Prints
 * the ABI version and exits 0, or exits 1 when Landlock is not available.
 */
#include "config.h"

#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_landlock_create_ruleset
# define SYS_landlock_create_ruleset 444
#endif
#define LANDLOCK_CREATE_RULESET_VERSION 1U

int main(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			   LANDLOCK_CREATE_RULESET_VERSION);

	if (abi < 1)
		return 1;
	printf("%ld\n", abi);
	return 0;
}
