// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * credentials-describe.c - the credentials step in words: its rows of
 * --show, and the message for each part of it that can fail
 */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "caplist.h"
#include "credentials.h"
#include "messages.h"
#include "privs.h"
#include "securebits.h"
#include "show.h"

/* The rows of --show, in order. */
enum show_row {
	ROW_USER, ROW_GROUP, ROW_GROUPS, ROW_EFFECTIVE, ROW_PERMITTED,
	ROW_INHERITABLE, ROW_AMBIENT, ROW_BOUNDING, ROW_NO_NEW_PRIVS,
	ROW_PDEATHSIG, ROW_SECUREBITS, N_ROWS
};

const char *const creds_show_labels[N_ROWS + 1] = {
	[ROW_USER]		= N_("user:"),
	[ROW_GROUP]		= N_("group:"),
	[ROW_GROUPS]		= N_("supplementary groups:"),
	[ROW_EFFECTIVE]		= N_("effective capabilities:"),
	[ROW_PERMITTED]		= N_("permitted capabilities:"),
	[ROW_INHERITABLE]	= N_("inheritable capabilities:"),
	[ROW_AMBIENT]		= N_("ambient capabilities:"),
	[ROW_BOUNDING]		= N_("bounding set:"),
	[ROW_NO_NEW_PRIVS]	= N_("no_new_privs:"),
	[ROW_PDEATHSIG]		= N_("parent-death signal:"),
	[ROW_SECUREBITS]	= N_("securebits:"),
};

/*
 * "none", "all", "all except a, b" or "a, b, c".  The words have a
 * context: a language may need another form for capabilities than for
 * groups or a signal.
 */
static void print_capset(const char *label, capmask_t set, int last_cap)
{
	capmask_t all = cap_all(last_cap), list = set;
	const char *sep = "";
	char name[32];
	int cap;

	show_label(label);
	if (set == 0) {
		/* TRANSLATORS: no capabilities at all */
		puts(C_("capabilities", "none"));
		return;
	}
	if (set == all) {
		/* TRANSLATORS: every capability */
		puts(C_("capabilities", "all"));
		return;
	}
	if (__builtin_popcountll(set) > (last_cap + 1) / 2) {
		/* TRANSLATORS: followed by a list of capabilities */
		fputs(C_("capabilities", "all except "), stdout);
		list = all & ~set;
	}
	for (cap = 0; cap <= last_cap; cap++) {
		if (!(list & CAP_BIT(cap)))
			continue;
		printf("%s%s", sep, cap_name(cap, name, sizeof(name)));
		sep = ", ";
	}
	putchar('\n');
}

static void print_id(const char *label, const char *name, const char *kind,
		     unsigned long id[3])
{
	show_label(label);
	if (name)
		printf("%s (%s %lu)", name, kind, id[0]);
	else
		printf("%s %lu", kind, id[0]);
	if (id[1] != id[0] || id[2] != id[0])
		printf(_(" (effective %lu, saved %lu)"), id[1], id[2]);
	putchar('\n');
}

static void print_securebits(const char *label, int bits)
{
	const char *sep = "";
	int n;

	show_label(label);
	if (bits == 0)
		/* TRANSLATORS: no securebits set */
		fputs(C_("securebits", "none"), stdout);
	for (n = 0; n < 32; n++) {
		if (!((unsigned)bits & (1u << n)))
			continue;
		if (securebit_name(n))
			printf("%s%s", sep, securebit_name(n));
		else
			printf("%s%d", sep, n);
		sep = ", ";
	}
	putchar('\n');
}

/* --show: the credentials PROGRAM would get, set by set, in words. */
void creds_describe(void)
{
	const char *const *row = creds_show_labels;
	const struct privs *p = &creds_plan;
	const struct creds *w = &p->want;
	const struct passwd *pw = getpwuid(w->uid[0]);
	const struct group *gr = getgrgid(w->gid[0]);
	unsigned long uid[3] = { w->uid[0], w->uid[1], w->uid[2] };
	unsigned long gid[3] = { w->gid[0], w->gid[1], w->gid[2] };
	int i;

	print_id(row[ROW_USER], pw ? pw->pw_name : NULL, "uid", uid);
	print_id(row[ROW_GROUP], gr ? gr->gr_name : NULL, "gid", gid);
	show_label(row[ROW_GROUPS]);
	if (w->ngroups == 0)
		/* TRANSLATORS: no supplementary groups */
		fputs(C_("groups", "none"), stdout);
	for (i = 0; i < w->ngroups; i++) {
		gr = getgrgid(w->groups[i]);
		if (gr)
			printf("%s%s", i ? ", " : "", gr->gr_name);
		else
			printf("%s%lu", i ? ", " : "",
			       (unsigned long)w->groups[i]);
	}
	putchar('\n');
	print_capset(row[ROW_EFFECTIVE], w->caps.eff, p->last_cap);
	print_capset(row[ROW_PERMITTED], w->caps.prm, p->last_cap);
	print_capset(row[ROW_INHERITABLE], w->caps.inh, p->last_cap);
	print_capset(row[ROW_AMBIENT], w->caps.amb, p->last_cap);
	print_capset(row[ROW_BOUNDING], w->caps.bnd, p->last_cap);
	show_label(row[ROW_NO_NEW_PRIVS]);
	puts(w->no_new_privs ? _("yes") : _("no"));
	show_label(row[ROW_PDEATHSIG]);
	if (w->pdeathsig)
		printf("SIG%s\n", sigabbrev_np(w->pdeathsig) ?
		       sigabbrev_np(w->pdeathsig) : "?");
	else
		/* TRANSLATORS: no parent-death signal */
		puts(C_("signal", "none"));
	/* A row for those who use them: the others' --show is unchanged. */
	if ((p->asked & PRIVS_SECUREBITS) || w->securebits)
		print_securebits(row[ROW_SECUREBITS], w->securebits);
}

/* TRANSLATORS: these name what the check before exec found wrong, in
   "refusing to run '%s': the check of its %s failed". */
static const char *const mismatch_names[] = {
	[MISMATCH_EFFECTIVE]	= N_("effective capabilities"),
	[MISMATCH_PERMITTED]	= N_("permitted capabilities"),
	[MISMATCH_INHERITABLE]	= N_("inheritable capabilities"),
	[MISMATCH_BOUNDING]	= N_("bounding set"),
	[MISMATCH_AMBIENT]	= N_("ambient capabilities"),
	[MISMATCH_UID]		= N_("user ids"),
	[MISMATCH_GID]		= N_("group ids"),
	[MISMATCH_GROUPS]	= N_("supplementary groups"),
	[MISMATCH_NO_NEW_PRIVS]	= N_("no_new_privs flag"),
	[MISMATCH_PDEATHSIG]	= N_("parent-death signal"),
	[MISMATCH_SECUREBITS]	= N_("securebits"),
};

/* The parts whose failure needs no detail but the errno. */
static const struct {
	int code;
	const char *msgid;
} plain_failures[] = {
	/* xgettext:c-format */
	{ STEP_GROUPS, N_("cannot set the supplementary groups") },
	/* xgettext:c-format */
	{ STEP_KEEPCAPS, N_("cannot keep capabilities across the change of "
			    "user") },
	/* xgettext:c-format */
	{ STEP_CAPS, N_("cannot set the capabilities") },
	/* xgettext:c-format */
	{ STEP_AMBIENT_CLEAR, N_("cannot clear the ambient capabilities") },
	/* xgettext:c-format */
	{ STEP_NO_NEW_PRIVS, N_("cannot set no_new_privs") },
	/* xgettext:c-format */
	{ STEP_PDEATHSIG, N_("cannot set the parent-death signal") },
};

static int explain_plain(const struct exec_report *rep)
{
	size_t i;

	for (i = 0; i < sizeof(plain_failures) / sizeof(plain_failures[0]);
	     i++) {
		if (plain_failures[i].code != rep->code)
			continue;
		warn_msg(rep->err, "%s", _(plain_failures[i].msgid));
		return 0;
	}
	return -1;
}

/* Which part of the step failed in the new process, and why. */
int creds_explain(const struct plan *plan, const struct exec_report *rep)
{
	const struct privs *p = &creds_plan;
	char name[32];

	if (explain_plain(rep) == 0)
		return 0;
	switch (rep->code) {
	case STEP_BOUNDING:
		if (rep->err == EPERM)
			warn_msg(rep->err, _("cannot shrink the bounding set "
				 "(that needs CAP_SETPCAP)"));
		else
			warn_msg(rep->err, _("cannot shrink the bounding "
				 "set"));
		break;
	case STEP_GID:
		warn_msg(rep->err, _("cannot set the group id to %lu"),
			 (unsigned long)p->gid);
		break;
	case STEP_UID:
		warn_msg(rep->err, _("cannot set the user id to %lu"),
			 (unsigned long)p->uid);
		break;
	case STEP_AMBIENT_RAISE:
		warn_msg(rep->err, _("cannot raise %s into the ambient set"),
			 cap_name(rep->arg, name, sizeof(name)));
		break;
	case STEP_SECUREBITS:
		if (rep->err == EINVAL && rep->arg >= 0)
			warn_msg(0, _("cannot set the securebit %s: this "
				 "kernel lacks it (Linux 6.14 has it)"),
				 securebit_name(rep->arg));
		else if (rep->err == EPERM)
			warn_msg(rep->err, _("cannot set the securebits (that "
				 "needs CAP_SETPCAP, and a locked bit "
				 "cannot change)"));
		else
			warn_msg(rep->err, _("cannot set the securebits"));
		break;
	case STEP_PARENT_GONE:
		warn_msg(0, _("the caller ended before PROGRAM started"));
		break;
	case STEP_VERIFY:
		if (rep->arg > 0 && rep->arg <= MISMATCH_SECUREBITS)
			warn_msg(0, _("refusing to run '%s': the check of "
				 "its %s failed"), plan->argv[0],
				 _(mismatch_names[rep->arg]));
		else
			warn_msg(rep->err, _("refusing to run '%s': cannot "
				 "read back its credentials"), plan->argv[0]);
		break;
	default:
		return -1;
	}
	return 0;
}
