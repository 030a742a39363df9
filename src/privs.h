/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * privs.h - the privileges PROGRAM gets: planned in the launcher, applied
 * and verified in the new process
 *
 * The plan is complete before any process exists: every name is resolved
 * and the exact credentials PROGRAM must end up with are computed from
 * the launcher's own (which the new process shares at creation).  The new
 * process applies them in an order the kernel allows, reads them back and
 * refuses to exec on any difference.  Nothing here prints or exits.
 */
#ifndef SIBLINGEXEC_PRIVS_H
#define SIBLINGEXEC_PRIVS_H

#include <sys/types.h>

#include "caplist.h"

#define PRIVS_MAX_GROUPS 65536

/* What was asked for. */
enum {
	PRIVS_DROP		= 1 << 0,
	PRIVS_KEEP		= 1 << 1,
	PRIVS_AMBIENT		= 1 << 2,
	PRIVS_USER		= 1 << 3,
	PRIVS_GROUP		= 1 << 4,
	PRIVS_GROUPS		= 1 << 5,	/* --groups or --clear-groups */
	PRIVS_NO_NEW_PRIVS	= 1 << 6,
	PRIVS_PDEATHSIG		= 1 << 7,
	PRIVS_INITGROUPS	= 1 << 8,	/* the user's own groups */
	PRIVS_SECUREBITS	= 1 << 9,
};

struct capsets {
	capmask_t eff, prm, inh, bnd, amb;
};

struct creds {
	struct capsets caps;
	uid_t uid[3];			/* real, effective, saved */
	gid_t gid[3];
	gid_t *groups;			/* sorted */
	int ngroups;
	int no_new_privs;
	int pdeathsig;
	int securebits;
};

struct privs {
	unsigned asked;			/* PRIVS_* */
	int last_cap;

	/* What the command line said, resolved. */
	capmask_t drop, keep, ambient;
	uid_t uid;
	gid_t gid;
	gid_t *groups;
	int ngroups;
	int pdeathsig;
	unsigned securebits;		/* exactly these, --securebits */
	pid_t parent;			/* PROGRAM's parent: our caller */

	/* The launcher's credentials, and the ones PROGRAM must get. */
	struct creds have;
	struct creds want;
	int keep_caps_over_setuid;	/* PR_SET_KEEPCAPS around setresuid */
	int set_caps;			/* capset needed */
	int set_bounds;			/* bounding set shrinks */
	int set_ambient;
	gid_t *check_groups;		/* room for the check, in the child */
};

enum privs_error {
	PRIVS_ERR_NONE = 0,
	PRIVS_ERR_READ_CREDS,		/* errno */
	PRIVS_ERR_AMBIENT_NOT_PERMITTED, /* cap */
	PRIVS_ERR_AMBIENT_DROPPED,	/* cap */
	PRIVS_ERR_AMBIENT_LOCKED,	/* no_cap_ambient_raise */
	PRIVS_ERR_KEEPCAPS_LOCKED,	/* keep_caps_locked alone */
};

/* The steps of the new process, reported through the exec report. */
enum privs_step {
	STEP_CAPNG_INIT = 100,
	STEP_BOUNDING,
	STEP_GROUPS,
	STEP_GID,
	STEP_KEEPCAPS,
	STEP_UID,
	STEP_CAPS,
	STEP_AMBIENT_CLEAR,
	STEP_AMBIENT_RAISE,		/* arg: the capability */
	STEP_NO_NEW_PRIVS,
	STEP_PDEATHSIG,
	STEP_PARENT_GONE,
	STEP_VERIFY,			/* privs_verify(); arg: enum
					   privs_mismatch */
	STEP_SECUREBITS,		/* arg: a bit the kernel may lack,
					   or -1 */
};

enum privs_mismatch {
	MISMATCH_EFFECTIVE = 1,
	MISMATCH_PERMITTED,
	MISMATCH_INHERITABLE,
	MISMATCH_BOUNDING,
	MISMATCH_AMBIENT,
	MISMATCH_UID,
	MISMATCH_GID,
	MISMATCH_GROUPS,
	MISMATCH_NO_NEW_PRIVS,
	MISMATCH_PDEATHSIG,
	MISMATCH_SECUREBITS,
};

/* Read the calling thread's credentials.  0, or -1 and errno. */
int creds_read(struct creds *c, int last_cap);

/*
 * Compute p->want from p->have and what was asked.  0, or the error with
 * *arg set to the capability concerned.
 */
enum privs_error privs_plan(struct privs *p, int *arg);

/* Free what planning allocated. */
void privs_free(struct privs *p);

/*
 * In the new process: apply the plan.  0, or -1 with *step, *arg and
 * errno saying what failed.  Allocates nothing itself; libcap-ng reads
 * /proc/PID/status while shrinking the bounding set.
 */
int privs_apply(const struct privs *p, int *step, int *arg);

/*
 * In the new process, after privs_apply() and before exec: read the
 * credentials back and compare them with the plan.  0, or -1 with errno
 * and *arg (enum privs_mismatch; 0 when they could not be read).
 */
int privs_verify(const struct privs *p, int *arg);

#endif /* SIBLINGEXEC_PRIVS_H */
