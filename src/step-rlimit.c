// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * step-rlimit.c - the rlimits step: --rlimit=NAME=SOFT[:HARD]
 *
 * The limits are set before the credentials step drops privileges: only
 * then may a hard limit be raised (CAP_SYS_RESOURCE).  The names are
 * prlimit(1)'s.  A limit given once with one value sets both halves, as
 * prlimit does; an empty half ("SOFT:" or ":HARD") keeps the one PROGRAM
 * would inherit, read here in the launcher.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "messages.h"
#include "show.h"
#include "steps.h"

static const struct {
	const char *name;
	int resource;
} limit_names[] = {
	{ "as",		RLIMIT_AS },
	{ "core",	RLIMIT_CORE },
	{ "cpu",	RLIMIT_CPU },
	{ "data",	RLIMIT_DATA },
	{ "fsize",	RLIMIT_FSIZE },
	{ "locks",	RLIMIT_LOCKS },
	{ "memlock",	RLIMIT_MEMLOCK },
	{ "msgqueue",	RLIMIT_MSGQUEUE },
	{ "nice",	RLIMIT_NICE },
	{ "nofile",	RLIMIT_NOFILE },
	{ "nproc",	RLIMIT_NPROC },
	{ "rss",	RLIMIT_RSS },
	{ "rtprio",	RLIMIT_RTPRIO },
	{ "rttime",	RLIMIT_RTTIME },
	{ "sigpending",	RLIMIT_SIGPENDING },
	{ "stack",	RLIMIT_STACK },
};
#define N_LIMITS (sizeof(limit_names) / sizeof(limit_names[0]))

/* The plan: which limits, in the order of limit_names. */
static struct {
	int asked[N_LIMITS];
	struct rlimit value[N_LIMITS];
	const char *given[N_LIMITS];	/* the option's text, for messages */
} plan_limits;

enum { STEP_SET = 1, STEP_CHECK };

enum { KEY_RLIMIT };

static const struct step_option options[] = {
	{ "rlimit", required_argument, 0, KEY_RLIMIT, 0,
	  N_("     --rlimit=NAME=SOFT[:HARD]\n"
	     "                          set a resource limit (NAME as in "
	     "prlimit(1))\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static size_t limit_index(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < N_LIMITS; i++)
		if (strlen(limit_names[i].name) == len &&
		    strncasecmp(limit_names[i].name, name, len) == 0)
			return i;
	return N_LIMITS;
}

/* "unlimited" or a number; the text is [s, s + len).  0 or -1. */
static int parse_value(const char *s, size_t len, rlim_t *out)
{
	char buf[32], *end;
	unsigned long long n;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (strcmp(buf, "unlimited") == 0 || strcmp(buf, "infinity") == 0) {
		*out = RLIM_INFINITY;
		return 0;
	}
	if (buf[0] < '0' || buf[0] > '9')
		return -1;
	errno = 0;
	n = strtoull(buf, &end, 10);
	if (errno || *end || n >= (unsigned long long)RLIM_INFINITY)
		return -1;
	*out = (rlim_t)n;
	return 0;
}

static void __attribute__((noreturn)) bad_value(const char *arg)
{
	die(EXIT_CANCELED, 0, _("--rlimit: invalid limit in '%s' (a number "
	    "or \"unlimited\" is expected)"), arg);
}

/* SOFT, SOFT:HARD, SOFT: or :HARD, against what PROGRAM would inherit. */
static void parse_pair(const char *arg, const char *v, struct rlimit *rl)
{
	const char *colon = strchr(v, ':');

	if (!colon) {
		if (parse_value(v, strlen(v), &rl->rlim_cur) < 0)
			bad_value(arg);
		rl->rlim_max = rl->rlim_cur;
		return;
	}
	if (colon == v && !colon[1])
		bad_value(arg);
	if (colon > v && parse_value(v, (size_t)(colon - v), &rl->rlim_cur) < 0)
		bad_value(arg);
	if (colon[1] && parse_value(colon + 1, strlen(colon + 1),
				    &rl->rlim_max) < 0)
		bad_value(arg);
}

static void take_option(int key, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct rlimit rl = { 0, 0 };	/* both halves are always set below */
	size_t i;

	(void)key;
	if (!eq)
		die(EXIT_CANCELED, 0,
		    _("--rlimit: '%s' is not NAME=SOFT[:HARD]"), arg);
	i = limit_index(arg, (size_t)(eq - arg));
	if (i == N_LIMITS)
		die(EXIT_CANCELED, 0, _("--rlimit: unknown resource '%.*s'"),
		    (int)(eq - arg), arg);
	/* Only a half left empty needs the inherited one. */
	if (strchr(eq + 1, ':') && (eq[1] == ':' || !strchr(eq, ':')[1]) &&
	    getrlimit(limit_names[i].resource, &rl) < 0)
		die(EXIT_CANCELED, errno, _("cannot read the %s limit"),
		    limit_names[i].name);
	parse_pair(arg, eq + 1, &rl);
	if (rl.rlim_cur > rl.rlim_max)
		die(EXIT_CANCELED, 0, _("--rlimit: the soft limit is above the "
		    "hard limit in '%s'"), arg);
	plan_limits.asked[i] = 1;
	plan_limits.value[i] = rl;
	plan_limits.given[i] = arg;
}

static int apply(struct exec_report *rep)
{
	size_t i;

	for (i = 0; i < N_LIMITS; i++) {
		if (!plan_limits.asked[i])
			continue;
		if (setrlimit(limit_names[i].resource,
			      &plan_limits.value[i]) < 0) {
			rep->code = STEP_SET;
			rep->err = errno;
			rep->arg = (int)i;
			return -1;
		}
	}
	return 0;
}

static int verify(struct exec_report *rep)
{
	struct rlimit rl;
	size_t i;

	for (i = 0; i < N_LIMITS; i++) {
		if (!plan_limits.asked[i])
			continue;
		rep->code = STEP_CHECK;
		rep->arg = (int)i;
		rep->err = 0;
		if (getrlimit(limit_names[i].resource, &rl) < 0) {
			rep->err = errno;
			return -1;
		}
		if (rl.rlim_cur != plan_limits.value[i].rlim_cur ||
		    rl.rlim_max != plan_limits.value[i].rlim_max)
			return -1;
	}
	return 0;
}

static const char *const show_labels[] = { N_("resource limits:"), NULL };

static void print_value(rlim_t v)
{
	if (v == RLIM_INFINITY)
		fputs("unlimited", stdout);
	else
		printf("%llu", (unsigned long long)v);
}

static void describe(void)
{
	const char *sep = "";
	size_t i;

	for (i = 0; i < N_LIMITS && !plan_limits.asked[i]; i++)
		;
	if (i == N_LIMITS)		/* only what is asked is shown */
		return;
	show_label(show_labels[0]);
	for (i = 0; i < N_LIMITS; i++) {
		if (!plan_limits.asked[i])
			continue;
		printf("%s%s=", sep, limit_names[i].name);
		print_value(plan_limits.value[i].rlim_cur);
		putchar(':');
		print_value(plan_limits.value[i].rlim_max);
		sep = ", ";
	}
	putchar('\n');
}

/* The launcher has the limits the new process had before the step. */
static int raises_hard_limit(int i)
{
	struct rlimit now;

	return getrlimit(limit_names[i].resource, &now) == 0 &&
	       plan_limits.value[i].rlim_max > now.rlim_max;
}

static int explain(const struct plan *launch_plan,
		   const struct exec_report *rep)
{
	const char *name;

	if (rep->arg < 0 || (size_t)rep->arg >= N_LIMITS)
		return -1;
	name = limit_names[rep->arg].name;
	if (rep->code == STEP_SET && rep->err == EPERM &&
	    raises_hard_limit(rep->arg))
		warn_msg(rep->err, _("cannot set the %s limit (--rlimit=%s; "
			 "raising a hard limit needs CAP_SYS_RESOURCE)"), name,
			 plan_limits.given[rep->arg]);
	else if (rep->code == STEP_SET)
		warn_msg(rep->err, _("cannot set the %s limit (--rlimit=%s)"),
			 name, plan_limits.given[rep->arg]);
	else if (rep->err)
		warn_msg(rep->err, _("refusing to run '%s': cannot read back "
			 "its %s limit"), launch_plan->argv[0], name);
	else
		warn_msg(0, _("refusing to run '%s': the check of its %s limit "
			 "failed"), launch_plan->argv[0], name);
	return 0;
}

static void reset(void)
{
	memset(&plan_limits, 0, sizeof(plan_limits));
}

const struct step step_rlimits = {
	.name = "rlimits",
	STEP_MODULE_VERBS
};
