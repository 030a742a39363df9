/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmdline.h - the command line, read into the plan and the steps
 */
#ifndef SIBLINGEXEC_CMDLINE_H
#define SIBLINGEXEC_CMDLINE_H

#include "steps.h"

/*
 * Read the options: the launcher's into *plan, each step's to its step.
 * Exits with status 125 and a message on bad usage; --help, --version and
 * --list-caps print and exit.
 */
void parse_args(int argc, char **argv, struct plan *plan);

#endif /* SIBLINGEXEC_CMDLINE_H */
