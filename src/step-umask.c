// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * step-umask.c - the umask step: --umask=MODE, in octal
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "messages.h"
#include "show.h"
#include "steps.h"

static struct {
	int asked;
	mode_t mode;
} plan_umask;

enum { STEP_SET = 1, STEP_CHECK };

enum { KEY_UMASK };

static const struct step_option options[] = {
	{ "umask", required_argument, 0, KEY_UMASK, 0,
	  N_("     --umask=MODE         set the file mode creation mask "
	     "(octal)\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static void take_option(int key, const char *arg)
{
	unsigned long mode;
	char *end;

	(void)key;
	errno = 0;
	mode = strtoul(arg, &end, 8);
	if (errno || end == arg || *end || arg[0] < '0' || arg[0] > '7' ||
	    mode > 0777)
		die(EXIT_CANCELED, 0, _("--umask: invalid mode '%s' (an octal "
		    "number from 0 to 0777 is expected)"), arg);
	plan_umask.asked = 1;
	plan_umask.mode = (mode_t)mode;
}

/*
 * umask(2) cannot fail, and glibc sets no errno for it: a filter that
 * makes it fail shows as an old mask of -errno.
 */
static int apply(struct exec_report *rep)
{
	mode_t old;

	if (!plan_umask.asked)
		return 0;
	old = umask(plan_umask.mode);
	if (old <= 0777)
		return 0;
	rep->code = STEP_SET;
	rep->err = -(int)old > 0 && -(int)old < 4096 ? -(int)old : EINVAL;
	return -1;
}

static int verify(struct exec_report *rep)
{
	mode_t now;

	if (!plan_umask.asked)
		return 0;
	/* The one way to read it without /proc: set it and set it back. */
	now = umask(plan_umask.mode);
	rep->code = STEP_CHECK;
	rep->err = 0;
	return now == plan_umask.mode ? 0 : -1;
}

static const char *const show_labels[] = { N_("umask:"), NULL };

static void describe(void)
{
	if (!plan_umask.asked)		/* only what is asked is shown */
		return;
	show_label(show_labels[0]);
	printf("%04o\n", (unsigned int)plan_umask.mode);
}

static int explain(const struct plan *launch_plan,
		   const struct exec_report *rep)
{
	if (rep->code == STEP_SET)
		warn_msg(rep->err, _("cannot set the umask to %04o"),
			 (unsigned int)plan_umask.mode);
	else
		warn_msg(0, _("refusing to run '%s': the check of its umask "
			 "failed"), launch_plan->argv[0]);
	return 0;
}

static void reset(void)
{
	memset(&plan_umask, 0, sizeof(plan_umask));
}

const struct step step_umask = {
	.name = "umask",
	STEP_MODULE_VERBS
};
