// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * steps.c - the steps of a launch, in the order they apply
 *
 * The order is a promise to users: a new step goes where its effect is
 * documented to happen.  The credentials step applies its own parts
 * in the order the kernel's rules allow (bounding set, groups, ids,
 * capabilities, ambient set, no_new_privs, parent-death signal): see
 * privs.c.
 */
#include "config.h"

#include <stddef.h>

#include "steps.h"

const struct step *const steps[] = {
	&step_cgroup,		/* at creation: before anything runs */
	&step_rlimits,
	&step_nice,
	&step_umask,
	&step_session,
	&step_credentials,
	&step_directory,
	&step_environment,
	&step_descriptors,
	&step_signals,
	&step_landlock,
	&step_seccomp,
	NULL
};

const struct step *step_by_id(int id)
{
	int i;

	for (i = 0; steps[i]; i++)
		if (step_id(i) == id)
			return steps[i];
	return NULL;
}

void steps_plan(const struct plan *plan)
{
	int i;

	for (i = 0; steps[i]; i++)
		if (steps[i]->plan)
			steps[i]->plan(plan);
}

void steps_reset(void)
{
	int i;

	for (i = 0; steps[i]; i++)
		if (steps[i]->reset)
			steps[i]->reset();
}
