/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * environment.h - PROGRAM's environment, planned by the launcher
 *
 * Minimal form of the interface agreed for the second wave (the full
 * module, with --reset-env and --setenv, replaces this one at the merge).
 */
#ifndef SIBLINGEXEC_ENVIRONMENT_H
#define SIBLINGEXEC_ENVIRONMENT_H

/* Set name=value in PROGRAM's environment, whatever else changes it. */
void environment_force(const char *name, const char *value);

/* The environment PROGRAM is executed with. */
char *const *environment_envp(void);

#endif /* SIBLINGEXEC_ENVIRONMENT_H */
