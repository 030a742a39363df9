// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * environment.c - the environment step: --reset-env, --setenv, --unsetenv
 *
 * The whole environment of PROGRAM is built here, in the launcher, where
 * we may allocate and fail with a message; the new process only points
 * environ at it before exec.  Order: the launcher's environment (or, with
 * --reset-env, the clean one setpriv(1) gives), then --unsetenv and
 * --setenv in the order given, then what other modules force.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "credentials.h"
#include "environment.h"
#include "messages.h"
#include "show.h"
#include "steps.h"

extern char **environ;

#define MAX_CHANGES	256

struct change {
	const char *name;
	const char *value;		/* NULL: unset */
};

static struct {
	int reset;
	struct change changes[MAX_CHANGES];
	int n_changes;
	struct change forced[MAX_CHANGES];
	int n_forced;
} given;

/* The planned environment; NULL until built, again after a change. */
static char **envp;
static size_t n_envp, room_envp;

/* What we allocated, to free in reset(): names of --setenv, entries. */
static char **owned;
static size_t n_owned;

static char *own(char *p)
{
	char **more;

	if (!p)
		die(EXIT_CANCELED, errno, _("cannot store the environment "
		    "of PROGRAM"));
	more = realloc(owned, (n_owned + 1) * sizeof(*owned));
	if (!more)
		die(EXIT_CANCELED, errno, _("cannot store the environment "
		    "of PROGRAM"));
	owned = more;
	owned[n_owned++] = p;
	return p;
}

enum { KEY_RESET_ENV, KEY_SETENV, KEY_UNSETENV };

static const struct step_option options[] = {
	{ "reset-env", no_argument, 0, KEY_RESET_ENV, 0,
	  N_("     --reset-env          a clean environment for the "
	     "target user\n") },
	{ "setenv", required_argument, 0, KEY_SETENV, 0,
	  N_("     --setenv=NAME=VALUE  set NAME in PROGRAM's environment\n") },
	{ "unsetenv", required_argument, 0, KEY_UNSETENV, 0,
	  N_("     --unsetenv=NAME      remove NAME from PROGRAM's "
	     "environment\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static void forget_envp(void)
{
	free(envp);
	envp = NULL;
	n_envp = room_envp = 0;
}

static void add_change(struct change *list, int *n, const char *name,
		       const char *value)
{
	if (*n == MAX_CHANGES)
		die(EXIT_CANCELED, 0, _("too many environment changes (at "
		    "most %d)"), MAX_CHANGES);
	list[*n].name = name;
	list[*n].value = value;
	(*n)++;
	forget_envp();		/* built again, with this change */
}

static void check_name(const char *option, const char *name, size_t len)
{
	if (len == 0 || memchr(name, '=', len))
		die(EXIT_CANCELED, 0, _("%s: invalid variable name '%.*s'"),
		    option, (int)len, name);
}

static void take_option(int key, const char *arg)
{
	const char *eq;
	char *name;

	switch (key) {
	case KEY_RESET_ENV:
		given.reset = 1;
		break;
	case KEY_SETENV:
		eq = strchr(arg, '=');
		if (!eq)
			die(EXIT_CANCELED, 0, _("--setenv: '%s' is not "
			    "NAME=VALUE"), arg);
		check_name("--setenv", arg, (size_t)(eq - arg));
		name = own(strndup(arg, (size_t)(eq - arg)));
		add_change(given.changes, &given.n_changes, name, eq + 1);
		break;
	case KEY_UNSETENV:
		check_name("--unsetenv", arg, strlen(arg));
		add_change(given.changes, &given.n_changes, arg, NULL);
		break;
	}
}

void environment_force(const char *name, const char *value)
{
	add_change(given.forced, &given.n_forced, name, value);
}

/*
 * Take every entry for NAME out of the list; return where the first one
 * was, or n_envp.  execve(2) allows a name twice, and the dynamic loader
 * and getenv(3) may each read a different copy: a duplicate left behind
 * would keep the value the user asked to change or remove.
 */
static size_t remove_all(const char *name)
{
	size_t i, kept = 0, first = (size_t)-1, len = strlen(name);

	for (i = 0; i < n_envp; i++) {
		if (strncmp(envp[i], name, len) == 0 && envp[i][len] == '=') {
			if (first == (size_t)-1)
				first = kept;
			continue;
		}
		envp[kept++] = envp[i];
	}
	n_envp = kept;
	envp[n_envp] = NULL;
	return first == (size_t)-1 ? n_envp : first;
}

static void put(char *entry)
{
	if (!envp || n_envp + 1 >= room_envp) {
		size_t room = room_envp ? 2 * room_envp : 64;
		char **grown = realloc(envp, room * sizeof(*envp));

		if (!grown)
			die(EXIT_CANCELED, errno, _("cannot store the "
			    "environment of PROGRAM"));
		envp = grown;
		room_envp = room;
	}
	envp[n_envp++] = entry;
	envp[n_envp] = NULL;
}

/* NAME set once, where it first was, or at the end; or removed. */
static void set_var(const char *name, const char *value)
{
	size_t i = remove_all(name);
	char *entry;

	if (!value)
		return;
	if (asprintf(&entry, "%s=%s", name, value) < 0)
		entry = NULL;
	own(entry);
	put(entry);		/* room for it, at the end... */
	memmove(&envp[i + 1], &envp[i], (n_envp - 1 - i) * sizeof(*envp));
	envp[i] = entry;	/* ...then in its place */
}

/* The user PROGRAM runs as: the one of --user, or ours. */
static uid_t target_uid(void)
{
	return (creds_plan.asked & PRIVS_USER) ? creds_plan.uid : getuid();
}

/*
 * PATH for a clean environment, as login(1) and setpriv(1) choose it:
 * ENV_SUPATH (root) or ENV_PATH from /etc/login.defs, with or without
 * "PATH=" in front; the usual default when login.defs says nothing.
 */
static char *login_path(uid_t uid)
{
	const char *key = uid == 0 ? "ENV_SUPATH" : "ENV_PATH";
	char line[1024], *found = NULL;
	FILE *f = fopen("/etc/login.defs", "re");

	while (f && !found && fgets(line, sizeof(line), f)) {
		char *word = strtok(line, " \t\n"), *value;

		if (!word || strcmp(word, key) != 0)
			continue;
		value = strtok(NULL, " \t\n");
		if (value && strncmp(value, "PATH=", 5) == 0)
			value += 5;
		if (value && *value)
			found = strdup(value);
	}
	if (f)
		fclose(f);
	if (found)
		return found;
	return strdup(uid == 0 ?
		      "/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:"
		      "/usr/bin" : "/usr/local/bin:/bin:/usr/bin");
}

static void clean_environment(void)
{
	const char *term = getenv("TERM");
	uid_t uid = target_uid();
	struct passwd *pw;
	char *path;

	errno = 0;
	pw = getpwuid(uid);
	if (!pw)
		die(EXIT_CANCELED, errno, _("--reset-env: user %ld has no "
		    "entry in the user database"), (long)uid);
	put(NULL);		/* an empty list, with room */
	n_envp = 0;
	if (term)
		set_var("TERM", term);
	set_var("HOME", pw->pw_dir);
	set_var("SHELL", pw->pw_shell && *pw->pw_shell ?
		pw->pw_shell : "/bin/sh");
	set_var("USER", pw->pw_name);
	set_var("LOGNAME", pw->pw_name);
	path = login_path(uid);
	if (!path)
		die(EXIT_CANCELED, errno, _("cannot store the environment "
		    "of PROGRAM"));
	set_var("PATH", path);
	free(path);
}

static void build(void)
{
	char **e;
	int i;

	if (given.reset) {
		clean_environment();
	} else {
		put(NULL);
		n_envp = 0;
		for (e = environ; *e; e++)
			put(*e);
	}
	for (i = 0; i < given.n_changes; i++)
		set_var(given.changes[i].name, given.changes[i].value);
	for (i = 0; i < given.n_forced; i++)
		set_var(given.forced[i].name, given.forced[i].value);
}

char *const *environment_envp(void)
{
	if (!given.reset && !given.n_changes && !given.n_forced)
		return environ;		/* a plain launch: nothing to do */
	if (!envp)
		build();
	return envp;
}

static void plan(const struct plan *launch_plan)
{
	(void)launch_plan;
	(void)environment_envp();	/* every error now, not later */
}

const char *const environment_show_labels[] = {
	N_("environment:"),
	NULL
};

static void describe(void)
{
	const char *sep = ", ";
	int i;

	if (!given.reset && !given.n_changes)
		return;		/* a row only when an option is given */
	show_label(environment_show_labels[0]);
	if (given.reset)
		fputs(_("clean, for the target user"), stdout);
	else
		fputs(_("inherited"), stdout);
	for (i = 0; i < given.n_changes; i++) {
		const struct change *c = &given.changes[i];

		fputs(sep, stdout);
		if (c->value)
			printf("%s=%s", c->name, c->value);
		else
			/* TRANSLATORS: NAME is removed from the environment */
			printf(_("without %s"), c->name);
	}
	putchar('\n');
}

static void reset(void)
{
	forget_envp();
	while (n_owned)
		free(owned[--n_owned]);
	free(owned);
	owned = NULL;
	memset(&given, 0, sizeof(given));
}

const struct step step_environment = {
	.name		= "environment",
	.options	= options,
	.take_option	= take_option,
	.plan		= plan,
	.show_labels	= environment_show_labels,
	.describe	= describe,
	.reset		= reset,
};
