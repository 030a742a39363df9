/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * environment.h - PROGRAM's environment, planned in the launcher
 *
 * The environment step (--reset-env, --setenv, --unsetenv) and other
 * modules (environment_force) describe it; launch.c executes PROGRAM with
 * environment_envp().  PROGRAM is searched for in the PATH of that
 * environment, as env(1) does.
 */
#ifndef SIBLINGEXEC_ENVIRONMENT_H
#define SIBLINGEXEC_ENVIRONMENT_H

/*
 * Set NAME to VALUE in PROGRAM's environment, after --reset-env,
 * --unsetenv and --setenv.  In the launcher, before the launch starts.
 * Both strings must live until then.
 */
void environment_force(const char *name, const char *value);

/* PROGRAM's environment, built in the launcher; NULL-terminated. */
char *const *environment_envp(void);

#endif /* SIBLINGEXEC_ENVIRONMENT_H */
