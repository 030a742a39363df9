// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ids.c - user and group names and numbers, resolved in the launcher
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "ids.h"
#include "messages.h"

/* A whole decimal number from 0 to ID_MAX, or one of the two errors. */
long long parse_id(const char *s)
{
	int negative = *s == '-';
	long long v = 0;

	s += negative;
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return ID_NOT_A_NUMBER;
	for (; *s && v <= ID_MAX; s++)
		v = v * 10 + (*s - '0');
	if (negative || v > ID_MAX)
		return ID_OUT_OF_RANGE;
	return v;
}

static gid_t resolve_group(const char *name)
{
	struct group *gr = getgrnam(name);
	long long id;

	if (gr)
		return gr->gr_gid;
	id = parse_id(name);
	if (id == ID_OUT_OF_RANGE)
		die(EXIT_CANCELED, 0, _("group id '%s' is out of range (0 to "
		    "%lld)"), name, ID_MAX);
	if (id < 0)
		die(EXIT_CANCELED, 0, _("unknown group '%s'"), name);
	return (gid_t)id;
}

static void resolve_groups_list(const char *list, struct privs *p)
{
	const char *s = list;
	size_t n = 1, i = 0;

	if (!*list)
		die(EXIT_CANCELED, 0, _("%s: the list is empty"), "--groups");
	for (; *s; s++)
		n += *s == ',';
	if (n > PRIVS_MAX_GROUPS)
		die(EXIT_CANCELED, 0, _("--groups: more than %d groups"),
		    PRIVS_MAX_GROUPS);
	p->groups = calloc(n, sizeof(gid_t));
	if (!p->groups)
		die(EXIT_CANCELED, errno, _("cannot store the supplementary "
		    "groups"));
	for (s = list; i < n; i++) {
		size_t len = strcspn(s, ",");
		char *word;

		if (!len)
			die(EXIT_CANCELED, 0, _("--groups: empty group name in "
			    "'%s'"), list);
		word = strndup(s, len);
		if (!word)
			die(EXIT_CANCELED, errno, _("cannot store the "
			    "supplementary groups"));
		p->groups[i] = resolve_group(word);
		free(word);
		s += len + 1;
	}
	p->ngroups = (int)n;
}

/* The user's supplementary groups, as initgroups(3) would set them. */
static void resolve_user_groups(const struct passwd *pw, struct privs *p)
{
	int n = 32;

	while (1) {
		int got = n;

		p->groups = realloc(p->groups, (size_t)n * sizeof(gid_t));
		if (!p->groups)
			die(EXIT_CANCELED, errno, _("cannot store the "
			    "supplementary groups"));
		if (getgrouplist(pw->pw_name, p->gid, p->groups, &got) >= 0) {
			p->ngroups = got;
			return;
		}
		if (n >= PRIVS_MAX_GROUPS)
			die(EXIT_CANCELED, 0, _("user '%s' is in more than %d "
			    "groups"), pw->pw_name, PRIVS_MAX_GROUPS);
		n = got > n ? got : n * 2;
	}
}

void ids_resolve(const struct id_request *req, struct privs *p)
{
	struct passwd *pw = NULL;

	if (req->group) {
		p->gid = resolve_group(req->group);
		p->asked |= PRIVS_GROUP;
	}
	if (req->user) {
		long long id = ID_NOT_A_NUMBER;

		pw = getpwnam(req->user);
		if (!pw && (id = parse_id(req->user)) >= 0) {
			pw = getpwuid((uid_t)id);
			p->uid = (uid_t)id;
		} else if (!pw && id == ID_OUT_OF_RANGE) {
			die(EXIT_CANCELED, 0, _("user id '%s' is out of range "
			    "(0 to %lld)"), req->user, ID_MAX);
		} else if (!pw) {
			die(EXIT_CANCELED, 0, _("unknown user '%s'"),
			    req->user);
		}
		if (pw)
			p->uid = pw->pw_uid;
		p->asked |= PRIVS_USER;
		if (!req->group) {
			/* Fail closed: never leave root's group behind. */
			if (!pw)
				die(EXIT_CANCELED, 0, _("user %s has no entry "
				    "in the user database: give --group"),
				    req->user);
			p->gid = pw->pw_gid;
		}
	}
	/* A database entry can hold the id that means "no change" too. */
	if ((p->asked & PRIVS_USER) && p->uid == (uid_t)-1)
		die(EXIT_CANCELED, 0, _("user '%s' has the id %lu, which means "
		    "\"no change\" to the kernel"), req->user,
		    (unsigned long)p->uid);
	if ((p->asked & (PRIVS_USER | PRIVS_GROUP)) && p->gid == (gid_t)-1)
		die(EXIT_CANCELED, 0, _("the group id would be %lu, which "
		    "means \"no change\" to the kernel"),
		    (unsigned long)p->gid);
	if (req->groups) {
		resolve_groups_list(req->groups, p);
		p->asked |= PRIVS_GROUPS;
	} else if (req->clear_groups) {
		p->ngroups = 0;
		p->asked |= PRIVS_GROUPS;
	} else if (req->user) {
		if (!pw)
			die(EXIT_CANCELED, 0, _("user %s has no entry in the "
			    "user database: give --groups or --clear-groups"),
			    req->user);
		resolve_user_groups(pw, p);
		p->asked |= PRIVS_INITGROUPS;
	}
}
