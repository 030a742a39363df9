// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-environment.c - TAP tests for PROGRAM's planned environment: the
 * API other steps use (environment_force), with and without the options
 * of the environment step, and a change after the plan was built
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "credentials.h"
#include "environment.h"
#include "show.h"
#include "steps.h"

/* What environment.c needs of the other modules. */
struct privs creds_plan;
void show_label(const char *msgid) { fputs(msgid, stdout); }

static int test_count, failures;

static void ok(int cond, const char *name)
{
	test_count++;
	if (!cond)
		failures++;
	printf("%sok %d - %s\n", cond ? "" : "not ", test_count, name);
}

/* How many entries of envp are exactly ENTRY. */
static int count(char *const *envp, const char *entry)
{
	int n = 0;

	for (; *envp; envp++)
		n += strcmp(*envp, entry) == 0;
	return n;
}

static int has_name(char *const *envp, const char *name)
{
	size_t len = strlen(name);

	for (; *envp; envp++)
		if (strncmp(*envp, name, len) == 0 && (*envp)[len] == '=')
			return 1;
	return 0;
}

static void option(const char *name, const char *arg)
{
	const struct step_option *o;

	for (o = step_environment.options; o->name; o++)
		if (strcmp(o->name, name) == 0)
			step_environment.take_option(o->key, arg);
}

int main(void)
{
	static const struct plan plan;
	char *const *envp;

	setenv("SE_KEPT", "1", 1);
	setenv("SE_REPLACED", "old", 1);
	envp = environment_envp();
	ok(envp == (char *const *)environ, "no change: our own environ");

	environment_force("NOTIFY_SOCKET", "/run/a");
	envp = environment_envp();
	ok(count(envp, "NOTIFY_SOCKET=/run/a") == 1, "forced: set once");
	ok(count(envp, "SE_KEPT=1") == 1, "forced: the rest inherited");

	step_environment.reset();
	option("setenv", "NOTIFY_SOCKET=/user");
	option("unsetenv", "SE_KEPT");
	option("setenv", "SE_REPLACED=new");
	step_environment.plan(&plan);
	environment_force("NOTIFY_SOCKET", "/run/b");	/* after the plan */
	envp = environment_envp();
	ok(count(envp, "NOTIFY_SOCKET=/run/b") == 1 &&
	   count(envp, "NOTIFY_SOCKET=/user") == 0,
	   "forced after --setenv and after the plan: the forced value wins");
	ok(!has_name(envp, "SE_KEPT"), "--unsetenv removes");
	ok(count(envp, "SE_REPLACED=new") == 1 &&
	   count(envp, "SE_REPLACED=old") == 0, "--setenv replaces");

	step_environment.reset();
	option("reset-env", NULL);
	environment_force("NOTIFY_SOCKET", "/run/c");
	envp = environment_envp();
	ok(!has_name(envp, "SE_KEPT") && has_name(envp, "PATH") &&
	   count(envp, "NOTIFY_SOCKET=/run/c") == 1,
	   "forced after --reset-env");

	printf("1..%d\n", test_count);
	return failures ? 1 : 0;
}
