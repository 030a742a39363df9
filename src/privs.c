// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * privs.c - the privileges PROGRAM gets: plan, apply, verify
 *
 * The order of the steps in the new process is the one the kernel's rules
 * allow:
 *
 *   1. bounding set and securebits, while CAP_SETPCAP is still
 *      effective (so before the ids change; keep_caps then does the work
 *      of PR_SET_KEEPCAPS, and no_setuid_fixup makes step 4 necessary);
 *   2. supplementary groups and gid, while CAP_SETGID is;
 *   3. uid, with PR_SET_KEEPCAPS only when PROGRAM must keep capabilities
 *      across a change from root (the kernel clears them otherwise);
 *   4. effective, permitted and inheritable sets (libcap-ng, capset);
 *   5. ambient set, which must come after the uid change (it clears it)
 *      and after the inheritable set (ambient is a subset of it);
 *   6. no_new_privs;
 *   7. parent-death signal, last, since a change of ids clears it; then a
 *      check that our parent is still the one we were given.
 *
 * Then privs_verify() reads every set, id and flag back with plain system
 * calls, independently of libcap-ng, and compares them with the plan.
 *
 * libcap-ng 0.8.3's capng_change_id() is not used: it always drops
 * CAP_SETPCAP and leaves PR_SET_KEEPCAPS set when it fails.
 */
#include "config.h"

#include <cap-ng.h>
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "privs.h"
#include "securebits.h"

static int read_capsets(struct capsets *cs, int last_cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0,
	};
	struct __user_cap_data_struct data[2];
	int cap, rc;

	/* valgrind 3.19 believes capget fills one struct, not two. */
	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data) < 0)
		return -1;
	cs->eff = data[0].effective | (capmask_t)data[1].effective << 32;
	cs->prm = data[0].permitted | (capmask_t)data[1].permitted << 32;
	cs->inh = data[0].inheritable | (capmask_t)data[1].inheritable << 32;
	cs->bnd = 0;
	cs->amb = 0;
	for (cap = 0; cap <= last_cap; cap++) {
		rc = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
		if (rc < 0)
			return -1;
		if (rc)
			cs->bnd |= CAP_BIT(cap);
		rc = prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0);
		if (rc < 0 && errno != EINVAL)	/* EINVAL: before Linux 4.3 */
			return -1;
		if (rc > 0)
			cs->amb |= CAP_BIT(cap);
	}
	return 0;
}

/* Into c->groups, which has room for max entries. */
static int read_ids(struct creds *c, int max)
{
	if (getresuid(&c->uid[0], &c->uid[1], &c->uid[2]) < 0 ||
	    getresgid(&c->gid[0], &c->gid[1], &c->gid[2]) < 0)
		return -1;
	c->ngroups = getgroups(max, c->groups);
	if (c->ngroups < 0)
		return -1;
	return 0;
}

static int read_flags(struct creds *c)
{
	c->no_new_privs = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	if (c->no_new_privs < 0)
		return -1;
	if (prctl(PR_GET_PDEATHSIG, &c->pdeathsig, 0, 0, 0) < 0)
		return -1;
	c->securebits = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
	if (c->securebits < 0)
		return -1;
	return 0;
}

int creds_read(struct creds *c, int last_cap)
{
	int n = getgroups(0, NULL);

	if (n < 0)
		return -1;
	c->groups = malloc(((size_t)n + 1) * sizeof(gid_t));
	if (!c->groups)
		return -1;
	if (read_capsets(&c->caps, last_cap) < 0 || read_ids(c, n + 1) < 0 ||
	    read_flags(c) < 0) {
		int saved = errno;

		free(c->groups);
		c->groups = NULL;
		errno = saved;
		return -1;
	}
	return 0;
}

static int gid_cmp(const void *a, const void *b)
{
	gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;

	return x < y ? -1 : x > y;
}

static int was_root(const struct creds *c)
{
	return c->uid[0] == 0 || c->uid[1] == 0 || c->uid[2] == 0;
}

static int cap_first(capmask_t m)
{
	return __builtin_ctzll(m);
}

enum privs_error privs_plan(struct privs *p, int *arg)
{
	const struct capsets *have = &p->have.caps;
	struct capsets *want = &p->want.caps;
	capmask_t allowed = cap_all(p->last_cap);
	int leaves_root;

	if (creds_read(&p->have, p->last_cap) < 0)
		return PRIVS_ERR_READ_CREDS;

	if (p->asked & PRIVS_DROP)
		allowed &= ~p->drop;
	if (p->asked & PRIVS_KEEP)
		allowed &= p->keep;
	if (p->ambient & ~allowed) {
		*arg = cap_first(p->ambient & ~allowed);
		return PRIVS_ERR_AMBIENT_DROPPED;
	}
	if (p->ambient && (p->asked & PRIVS_SECUREBITS) &&
	    (p->securebits & SECBIT_NO_CAP_AMBIENT_RAISE))
		return PRIVS_ERR_AMBIENT_LOCKED;
	if (p->ambient & ~have->prm) {
		*arg = cap_first(p->ambient & ~have->prm);
		return PRIVS_ERR_AMBIENT_NOT_PERMITTED;
	}

	/* Ids and flags. */
	memcpy(p->want.uid, p->have.uid, sizeof(p->want.uid));
	memcpy(p->want.gid, p->have.gid, sizeof(p->want.gid));
	if (p->asked & PRIVS_USER)
		p->want.uid[0] = p->want.uid[1] = p->want.uid[2] = p->uid;
	if (p->asked & (PRIVS_USER | PRIVS_GROUP))
		p->want.gid[0] = p->want.gid[1] = p->want.gid[2] = p->gid;
	if (p->asked & (PRIVS_GROUPS | PRIVS_INITGROUPS)) {
		if (p->ngroups > 0)
			qsort(p->groups, (size_t)p->ngroups, sizeof(gid_t),
			      gid_cmp);
		p->want.groups = p->groups;
		p->want.ngroups = p->ngroups;
	} else {
		p->want.groups = p->have.groups;
		p->want.ngroups = p->have.ngroups;
	}
	p->want.no_new_privs = p->have.no_new_privs ||
			       (p->asked & PRIVS_NO_NEW_PRIVS);
	p->want.pdeathsig = p->asked & PRIVS_PDEATHSIG ? p->pdeathsig : 0;
	p->want.securebits = p->asked & PRIVS_SECUREBITS ?
			     (int)p->securebits : p->have.securebits;
	/* One more than planned: getgroups then fails on any extra group. */
	p->check_groups = malloc(((size_t)p->want.ngroups + 1) * sizeof(gid_t));
	if (!p->check_groups)
		return PRIVS_ERR_READ_CREDS;

	/* Capabilities. */
	leaves_root = (p->asked & PRIVS_USER) && p->uid != 0 &&
		      was_root(&p->have);
	want->bnd = have->bnd;
	if (p->asked & (PRIVS_DROP | PRIVS_KEEP))
		want->bnd &= allowed;
	if (leaves_root) {
		/* Never more than asked, even for the instant before exec. */
		want->prm = p->ambient;
		if (p->asked & PRIVS_KEEP)
			want->prm |= have->prm & p->keep;
		want->eff = want->prm;
		want->amb = p->ambient;
	} else {
		want->prm = have->prm & allowed;
		want->eff = have->eff & allowed;
		want->amb = (have->amb & allowed) | p->ambient;
	}
	want->inh = (have->inh & allowed) | p->ambient;

	p->set_bounds = want->bnd != have->bnd;
	/* The keep_caps securebit, when asked, already keeps them. */
	p->keep_caps_over_setuid = leaves_root && want->prm != 0 &&
		!(p->want.securebits & SECBIT_KEEP_CAPS);
	if (p->keep_caps_over_setuid &&
	    (p->want.securebits & SECBIT_KEEP_CAPS_LOCKED))
		return PRIVS_ERR_KEEPCAPS_LOCKED;
	/* Securebits change what setresuid does to the sets: set them. */
	p->set_caps = (p->asked & (PRIVS_DROP | PRIVS_KEEP | PRIVS_AMBIENT |
				   PRIVS_SECUREBITS)) ||
		      p->keep_caps_over_setuid;
	p->set_ambient = p->set_caps && (want->amb || have->amb);
	return PRIVS_ERR_NONE;
}

void privs_free(struct privs *p)
{
	free(p->have.groups);
	free(p->groups);
	free(p->check_groups);
	p->have.groups = p->groups = p->check_groups = NULL;
}

/* libcap-ng gives no errno for some failures: do not report "Success". */
static int capng_failed(void)
{
	if (errno == 0)
		errno = EPERM;
	return -1;
}

static int apply_bounds(const struct privs *p)
{
	struct capsets now;
	int cap;

	/*
	 * libcap-ng 0.8.3 returns 0 from capng_apply(CAPNG_SELECT_BOUNDS)
	 * without CAP_SETPCAP and changes nothing: check before and after.
	 */
	if (!(p->have.caps.eff & CAP_BIT(CAP_SETPCAP))) {
		errno = EPERM;
		return -1;
	}
	capng_clear(CAPNG_SELECT_BOUNDS);
	for (cap = 0; cap <= p->last_cap; cap++)
		if ((p->want.caps.bnd & CAP_BIT(cap)) &&
		    capng_update(CAPNG_ADD, CAPNG_BOUNDING_SET, (unsigned)cap))
			return capng_failed();
	errno = 0;
	if (capng_apply(CAPNG_SELECT_BOUNDS) != 0)
		return capng_failed();
	if (read_capsets(&now, p->last_cap) < 0)
		return -1;
	if (now.bnd != p->want.caps.bnd) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

static int apply_caps(const struct privs *p)
{
	const struct capsets *w = &p->want.caps;
	int cap;

	capng_clear(CAPNG_SELECT_CAPS);
	for (cap = 0; cap <= p->last_cap; cap++) {
		capmask_t bit = CAP_BIT(cap);
		unsigned type = 0;

		if (w->eff & bit)
			type |= CAPNG_EFFECTIVE;
		if (w->prm & bit)
			type |= CAPNG_PERMITTED;
		if (w->inh & bit)
			type |= CAPNG_INHERITABLE;
		if (type && capng_update(CAPNG_ADD, (capng_type_t)type,
					 (unsigned)cap))
			return capng_failed();
	}
	errno = 0;
	if (capng_apply(CAPNG_SELECT_CAPS) != 0)
		return capng_failed();
	return 0;
}

static int apply_ambient(const struct privs *p, int *arg)
{
	int cap;

	*arg = -1;
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
		return -1;
	for (cap = 0; cap <= p->last_cap; cap++) {
		if (!(p->want.caps.amb & CAP_BIT(cap)))
			continue;
		*arg = cap;
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
			return -1;
	}
	return 0;
}

int privs_verify(const struct privs *p, int *arg)
{
	const struct creds *w = &p->want;
	struct creds now;

	now.groups = p->check_groups;
	if (read_ids(&now, w->ngroups + 1) < 0) {
		if (errno != EINVAL)
			return -1;
		now.ngroups = -1;	/* more groups than planned */
	}
	if (read_capsets(&now.caps, p->last_cap) < 0 || read_flags(&now) < 0)
		return -1;

	*arg = 0;
	if (now.caps.eff != w->caps.eff)
		*arg = MISMATCH_EFFECTIVE;
	else if (now.caps.prm != w->caps.prm)
		*arg = MISMATCH_PERMITTED;
	else if (now.caps.inh != w->caps.inh)
		*arg = MISMATCH_INHERITABLE;
	else if (now.caps.bnd != w->caps.bnd)
		*arg = MISMATCH_BOUNDING;
	else if (now.caps.amb != w->caps.amb)
		*arg = MISMATCH_AMBIENT;
	else if (memcmp(now.uid, w->uid, sizeof(now.uid)) != 0)
		*arg = MISMATCH_UID;
	else if (memcmp(now.gid, w->gid, sizeof(now.gid)) != 0)
		*arg = MISMATCH_GID;
	else if (now.ngroups != w->ngroups ||
		 (now.ngroups && memcmp(now.groups, w->groups,
			(size_t)now.ngroups * sizeof(gid_t)) != 0))
		*arg = MISMATCH_GROUPS;
	else if (now.no_new_privs != w->no_new_privs)
		*arg = MISMATCH_NO_NEW_PRIVS;
	else if (now.pdeathsig != w->pdeathsig)
		*arg = MISMATCH_PDEATHSIG;
	else if ((p->asked & PRIVS_SECUREBITS) &&
		 now.securebits != w->securebits)
		*arg = MISMATCH_SECUREBITS;
	if (*arg) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

/* setgroups(0, NULL) works, but glibc declares the list non-null. */
static const gid_t no_groups[1];

#define FAIL_AT(s)	do { *step = (s); return -1; } while (0)

/* EINVAL: the kernel lacks a bit; the only ones it may lack are new. */
static int apply_securebits(const struct privs *p, int *arg)
{
	unsigned newer = p->securebits & ~SECUREBITS_OLD;

	*arg = -1;
	if (prctl(PR_SET_SECUREBITS, p->securebits, 0, 0, 0) == 0)
		return 0;
	if (errno == EINVAL && newer)
		*arg = __builtin_ctz(newer);
	return -1;
}

int privs_apply(const struct privs *p, int *step, int *arg)
{
	*arg = 0;
	/*
	 * libcap-ng remembers the pid it was initialised in and resets it
	 * only in a pthread_atfork handler, which clone does not run.
	 */
	capng_clear(CAPNG_SELECT_BOTH);
	capng_setpid((int)getpid());

	if (p->set_bounds && apply_bounds(p) < 0)
		FAIL_AT(STEP_BOUNDING);
	if ((p->asked & PRIVS_SECUREBITS) && apply_securebits(p, arg) < 0)
		FAIL_AT(STEP_SECUREBITS);
	if ((p->asked & (PRIVS_GROUPS | PRIVS_INITGROUPS)) &&
	    setgroups((size_t)p->ngroups, p->ngroups ? p->groups : no_groups)
	    < 0)
		FAIL_AT(STEP_GROUPS);
	if ((p->asked & (PRIVS_USER | PRIVS_GROUP)) &&
	    setresgid(p->gid, p->gid, p->gid) < 0)
		FAIL_AT(STEP_GID);
	if (p->keep_caps_over_setuid &&
	    prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		FAIL_AT(STEP_KEEPCAPS);
	if ((p->asked & PRIVS_USER) && setresuid(p->uid, p->uid, p->uid) < 0)
		FAIL_AT(STEP_UID);
	if (p->keep_caps_over_setuid &&
	    prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
		FAIL_AT(STEP_KEEPCAPS);
	if (p->set_caps && apply_caps(p) < 0)
		FAIL_AT(STEP_CAPS);
	if (p->set_ambient && apply_ambient(p, arg) < 0)
		FAIL_AT(*arg < 0 ? STEP_AMBIENT_CLEAR : STEP_AMBIENT_RAISE);
	if ((p->asked & PRIVS_NO_NEW_PRIVS) &&
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		FAIL_AT(STEP_NO_NEW_PRIVS);
	if (p->asked & PRIVS_PDEATHSIG) {
		if (prctl(PR_SET_PDEATHSIG, p->pdeathsig, 0, 0, 0) < 0)
			FAIL_AT(STEP_PDEATHSIG);
		/* Had the caller died already, nobody would send it. */
		if (getppid() != p->parent) {
			errno = ESRCH;
			FAIL_AT(STEP_PARENT_GONE);
		}
	}
	return 0;
}
