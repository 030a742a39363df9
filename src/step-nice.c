// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * step-nice.c - the nice step: --nice=N, an adjustment as nice(1) makes
 *
 * The target value is computed in the launcher, clamped to -20..19 as
 * nice(1) does, and set before the credentials step drops privileges:
 * a negative adjustment needs CAP_SYS_NICE (or RLIMIT_NICE).  Unlike
 * nice(1), a refusal is not a warning: PROGRAM does not run.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "messages.h"
#include "show.h"
#include "steps.h"

#define NICE_MIN	(-20)
#define NICE_MAX	19

static struct {
	const char *given;
	int asked;
	int value;			/* the nice value PROGRAM gets */
	int before;			/* the one it would inherit */
} plan_nice;

enum { STEP_SET = 1, STEP_CHECK };

enum { KEY_NICE };

static const struct step_option options[] = {
	{ "nice", required_argument, 0, KEY_NICE, 0,
	  N_("     --nice=N             add N to the nice value, as nice(1) "
	     "does\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static void take_option(int key, const char *arg)
{
	(void)key;
	plan_nice.given = arg;
	plan_nice.asked = 1;
}

static void plan(const struct plan *launch_plan)
{
	char *end;
	long n;
	int now;

	(void)launch_plan;
	if (!plan_nice.asked)
		return;
	errno = 0;
	n = strtol(plan_nice.given, &end, 10);
	if (errno || end == plan_nice.given || *end)
		die(EXIT_CANCELED, 0, _("--nice: invalid adjustment '%s'"),
		    plan_nice.given);
	errno = 0;
	now = getpriority(PRIO_PROCESS, 0);
	if (now == -1 && errno)
		die(EXIT_CANCELED, errno, _("cannot read the nice value"));
	/* Clamped before the sum can overflow, as nice(1) does. */
	if (n < 2 * NICE_MIN)
		n = 2 * NICE_MIN;
	if (n > 2 * NICE_MAX + 1)
		n = 2 * NICE_MAX + 1;
	n += now;
	plan_nice.before = now;
	plan_nice.value = n < NICE_MIN ? NICE_MIN :
			  n > NICE_MAX ? NICE_MAX : (int)n;
}

static int apply(struct exec_report *rep)
{
	if (!plan_nice.asked)
		return 0;
	if (setpriority(PRIO_PROCESS, 0, plan_nice.value) < 0) {
		rep->code = STEP_SET;
		rep->err = errno;
		return -1;
	}
	return 0;
}

static int verify(struct exec_report *rep)
{
	int now;

	if (!plan_nice.asked)
		return 0;
	rep->code = STEP_CHECK;
	errno = 0;
	now = getpriority(PRIO_PROCESS, 0);
	rep->err = now == -1 ? errno : 0;
	return rep->err || now != plan_nice.value ? -1 : 0;
}

static const char *const show_labels[] = { N_("nice value:"), NULL };

static void describe(void)
{
	if (!plan_nice.asked)		/* only what is asked is shown */
		return;
	show_label(show_labels[0]);
	printf("%d\n", plan_nice.value);
}

static int explain(const struct plan *launch_plan,
		   const struct exec_report *rep)
{
	if (rep->code == STEP_SET && plan_nice.value < plan_nice.before &&
	    (rep->err == EACCES || rep->err == EPERM))
		warn_msg(rep->err, _("cannot set the nice value to %d "
			 "(lowering it needs CAP_SYS_NICE)"), plan_nice.value);
	else if (rep->code == STEP_SET)
		warn_msg(rep->err, _("cannot set the nice value to %d"),
			 plan_nice.value);
	else if (rep->err)
		warn_msg(rep->err, _("refusing to run '%s': cannot read back "
			 "its nice value"), launch_plan->argv[0]);
	else
		warn_msg(0, _("refusing to run '%s': the check of its nice "
			 "value failed"), launch_plan->argv[0]);
	return 0;
}

static void reset(void)
{
	memset(&plan_nice, 0, sizeof(plan_nice));
}

const struct step step_nice = {
	.name = "nice",
	.plan = plan,
	STEP_MODULE_VERBS
};
