// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * environment.c - PROGRAM's environment: ours, with forced variables
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "environment.h"
#include "messages.h"

void environment_force(const char *name, const char *value)
{
	if (setenv(name, value, 1) < 0)
		die(EXIT_CANCELED, errno, _("cannot set %s in the environment"),
		    name);
}

char *const *environment_envp(void)
{
	return environ;
}
