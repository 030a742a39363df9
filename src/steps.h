/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * steps.h - what is done to the new process before exec, step by step
 *
 * A launch is a list of steps, in the order of the table in steps.c.  Each
 * step is one module with four verbs:
 *
 *   plan      in the launcher, after the command line is read: parse and
 *             resolve what its options said, so that bad input never
 *             creates a process (prints and exits on error);
 *   apply     in the new process, before exec: change the process, fail
 *             closed (no printing, no exit, no allocation: see launch.c);
 *   verify    in the new process, after every step has applied: read the
 *             state back and refuse to exec on any difference;
 *   describe  the step's rows of --show, and explain: the message for a
 *             failure that apply or verify reported.
 *
 * A step owns its options and their --help lines, and keeps its state in
 * its own module.  Adding a step means: its module, its row in steps.c,
 * its tests and its documentation.
 */
#ifndef SIBLINGEXEC_STEPS_H
#define SIBLINGEXEC_STEPS_H

#include "exec-report.h"

/* What the command line decided that is not any step's business. */
struct plan {
	char **argv;			/* PROGRAM and its arguments */
	const char *pid_file;
	int wait;
	int verbose;
	int use_status_fd;		/* --status-fd=N: N in status_fd */
	int status_fd;
	int notify;			/* --notify[=TIMEOUT] */
	long long notify_timeout_ms;
	int show;			/* --show: describe, do not launch */
};

struct step_option {
	const char *name;		/* the long option */
	int has_arg;			/* as in struct option */
	int letter;			/* its short option, or 0 */
	int key;			/* handed back to take_option() */
	int conflict;			/* options of one step that share a
					   non-zero number exclude each
					   other */
	const char *help;		/* its --help line, N_() */
};

struct step {
	const char *name;
	const char *heading;		/* --help heading, N_(); NULL: the
					   one before goes on */
	const struct step_option *options;	/* ends with a NULL name */
	const char *help_note;		/* after the options in --help, N_() */
	void (*take_option)(int key, const char *arg);
	void (*plan)(const struct plan *plan);
	/* 0, or -1 with rep->code, rep->err and rep->arg filled. */
	int (*apply)(struct exec_report *rep);
	int (*verify)(struct exec_report *rep);
	const char *const *show_labels;		/* N_(), NULL-terminated */
	void (*describe)(void);
	/* Print why the step failed; -1 for a record it does not know. */
	int (*explain)(const struct plan *plan, const struct exec_report *rep);
	void (*reset)(void);		/* free and forget the plan */
};

/*
 * The fields of a step row that a module fills from its own static
 * definitions of the same names; the rest (name, heading, plan...) it
 * gives itself.
 */
#define STEP_MODULE_VERBS \
	.options = options, .take_option = take_option, .apply = apply, \
	.verify = verify, .show_labels = show_labels, \
	.describe = describe, .explain = explain, .reset = reset

/* In the order they apply; NULL-terminated. */
extern const struct step *const steps[];

/* The steps, each defined in its own module. */
extern const struct step step_cgroup;		/* step-cgroup.c */
extern const struct step step_rlimits;		/* step-rlimit.c */
extern const struct step step_nice;		/* step-nice.c */
extern const struct step step_umask;		/* step-umask.c */
extern const struct step step_session;		/* step-context.c */
extern const struct step step_credentials;	/* credentials.c */
extern const struct step step_directory;	/* step-context.c */
extern const struct step step_environment;	/* environment.c */
extern const struct step step_descriptors;	/* step-descriptors.c */
extern const struct step step_signals;		/* step-context.c */
extern const struct step step_landlock;		/* step-landlock.c */
extern const struct step step_seccomp;		/* step-seccomp.c, last */

/* The cgroup step's hooks in the launch: the directory clone3 creates
 * PROGRAM in (-1: none), and why the kernel refused it (0: said). */
int cgroup_dir_fd(void);
int cgroup_explain_join(int err);

/* The exec report names the failed step by its place in the table. */
#define STEP_ID_EXEC	0		/* the exec itself */
#define step_id(i)	((i) + 1)
const struct step *step_by_id(int id);

/* In the launcher: every step plans, in order; or forgets its plan. */
void steps_plan(const struct plan *plan);
void steps_reset(void);

#endif /* SIBLINGEXEC_STEPS_H */
