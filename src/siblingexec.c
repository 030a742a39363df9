// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * siblingexec - run a program as a sibling: a child of our own caller
 *
 * A launch, in order: read the command line (cmdline.c); let every step
 * plan what it will do to the new process, so that bad input never
 * creates one (steps.c, one module a step); with --show describe the plan
 * (show.c); else launch (launch.c): create the sibling (sibling.c), which
 * applies and verifies every step and executes PROGRAM, and learn from
 * the exec report (exec-report.c) whether it ran.
 */
#include "config.h"

#include <getopt.h>
#include <string.h>

#include "cmdline.h"
#include "launch.h"
#include "show.h"
#include "steps.h"

int main(int argc, char **argv)
{
	struct plan plan;
	int status;

	memset(&plan, 0, sizeof(plan));
	parse_args(argc, argv, &plan);
	steps_plan(&plan);
	if (plan.show)
		show();
	status = launch(&plan);
	steps_reset();
	return status;
}

#ifdef SIBLINGEXEC_FUZZ
/*
 * Built only for tests/fuzz/fuzz-options.c: parse and plan a command
 * line, never start anything.  The fuzzer turns exit() into a longjmp,
 * which may leave the last run's plan behind: forget it first.
 */
int siblingexec_parse_only(int argc, char **argv);
int siblingexec_parse_only(int argc, char **argv)
{
	struct plan plan;

	steps_reset();
	memset(&plan, 0, sizeof(plan));
	optind = 0;		/* glibc: start getopt afresh */
	parse_args(argc, argv, &plan);
	steps_plan(&plan);
	if (plan.show)
		show();
	steps_reset();
	return 0;
}
#endif
