/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * launch.h - the story of a launch, from the plan to PROGRAM running
 */
#ifndef SIBLINGEXEC_LAUNCH_H
#define SIBLINGEXEC_LAUNCH_H

#include "steps.h"

/*
 * Start PROGRAM as our sibling with every step applied.  Returns the exit
 * status for siblingexec (PROGRAM's own with --wait); exits with a message
 * where the launch cannot go on.
 */
int launch(const struct plan *plan);

#endif /* SIBLINGEXEC_LAUNCH_H */
