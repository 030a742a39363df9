/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ids.h - user and group names and numbers, resolved in the launcher
 *
 * Part of the credentials step's plan: every name is looked up before any
 * process exists.  Prints and exits (status 125) on bad input.
 */
#ifndef SIBLINGEXEC_IDS_H
#define SIBLINGEXEC_IDS_H

#include <stdint.h>

#include "privs.h"

/*
 * The largest id: (uid_t)-1 and (gid_t)-1 tell setresuid and setresgid to
 * leave an id unchanged, so they name nobody.
 */
#define ID_MAX			((long long)UINT32_MAX - 1)
#define ID_NOT_A_NUMBER		(-1)
#define ID_OUT_OF_RANGE		(-2)

/* A whole decimal number from 0 to ID_MAX, or one of the two errors. */
long long parse_id(const char *s);

/* --user, --group, --groups and --clear-groups, as given. */
struct id_request {
	const char *user, *group, *groups;
	int clear_groups;
};

/* Resolve them into p->uid, p->gid and p->groups, and mark p->asked. */
void ids_resolve(const struct id_request *req, struct privs *p);

#endif /* SIBLINGEXEC_IDS_H */
