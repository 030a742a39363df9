// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * credentials.c - the credentials step: capabilities, user, groups,
 * no_new_privs and the parent-death signal
 *
 * One step, because its parts must interleave in an order the kernel's
 * rules fix (privs.c): the bounding set shrinks before the ids change,
 * the capability sets are set after.  privs.c does the work; this module
 * is its face to the command line: options, planning, messages.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "caplist.h"
#include "credentials.h"
#include "ids.h"
#include "messages.h"
#include "privs.h"
#include "securebits.h"
#include "steps.h"

/* The plan, shared with credentials-show.c. */
struct privs creds_plan;

/* The options as given, resolved in plan(). */
static struct {
	const char *drop, *keep, *ambient, *pdeathsig, *securebits;
	struct id_request ids;
} given;

enum {
	KEY_DROP_CAPS, KEY_KEEP_CAPS, KEY_AMBIENT_CAPS, KEY_USER, KEY_GROUP,
	KEY_GROUPS, KEY_CLEAR_GROUPS, KEY_NO_NEW_PRIVS, KEY_PDEATHSIG,
	KEY_SECUREBITS,
};

/* Options that share a conflict number exclude each other. */
enum { ONE_CAPS_FILTER = 1, ONE_GROUPS_LIST };

static const struct step_option options[] = {
	{ "drop-caps", required_argument, 0, KEY_DROP_CAPS, ONE_CAPS_FILTER,
	  N_("     --drop-caps=LIST     drop these capabilities from every "
	     "set\n") },
	{ "keep-caps", required_argument, 0, KEY_KEEP_CAPS, ONE_CAPS_FILTER,
	  N_("     --keep-caps=LIST     keep only these capabilities\n") },
	{ "ambient-caps", required_argument, 0, KEY_AMBIENT_CAPS, 0,
	  N_("     --ambient-caps=LIST  raise these into the inheritable "
	     "and ambient sets\n") },
	{ "user", required_argument, 'u', KEY_USER, 0,
	  N_(" -u, --user=USER          run as USER, with USER's groups\n") },
	{ "group", required_argument, 'g', KEY_GROUP, 0,
	  N_(" -g, --group=GROUP        run with GROUP as the group\n") },
	{ "groups", required_argument, 'G', KEY_GROUPS, ONE_GROUPS_LIST,
	  N_(" -G, --groups=LIST        set the supplementary groups\n") },
	{ "clear-groups", no_argument, 0, KEY_CLEAR_GROUPS, ONE_GROUPS_LIST,
	  N_("     --clear-groups       no supplementary groups\n") },
	{ "no-new-privs", no_argument, 0, KEY_NO_NEW_PRIVS, 0,
	  N_("     --no-new-privs       set no_new_privs\n") },
	{ "pdeathsig", required_argument, 0, KEY_PDEATHSIG, 0,
	  N_("     --pdeathsig=SIGNAL   PROGRAM gets SIGNAL when the caller "
	     "dies\n") },
	{ "securebits", required_argument, 0, KEY_SECUREBITS, 0,
	  N_("     --securebits=LIST    set exactly these securebits\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static void take_option(int key, const char *arg)
{
	switch (key) {
	case KEY_DROP_CAPS:
		given.drop = arg;
		break;
	case KEY_KEEP_CAPS:
		given.keep = arg;
		break;
	case KEY_AMBIENT_CAPS:
		given.ambient = arg;
		break;
	case KEY_USER:
		given.ids.user = arg;
		break;
	case KEY_GROUP:
		given.ids.group = arg;
		break;
	case KEY_GROUPS:
		given.ids.groups = arg;
		break;
	case KEY_CLEAR_GROUPS:
		given.ids.clear_groups = 1;
		break;
	case KEY_NO_NEW_PRIVS:
		creds_plan.asked |= PRIVS_NO_NEW_PRIVS;
		break;
	case KEY_PDEATHSIG:
		given.pdeathsig = arg;
		break;
	case KEY_SECUREBITS:
		given.securebits = arg;
		break;
	}
}

static capmask_t parse_caps(const char *option, const char *list,
			    int last_cap, int allow_all)
{
	struct caplist_error err;
	capmask_t mask;

	if (caplist_parse(list, last_cap, allow_all, &mask, &err) == 0)
		return mask;
	switch (err.status) {
	case CAPLIST_EMPTY_LIST:
		die(EXIT_CANCELED, 0, _("%s: the list is empty"), option);
	case CAPLIST_EMPTY_NAME:
		die(EXIT_CANCELED, 0, _("%s: empty capability name in '%s'"),
		    option, list);
	case CAPLIST_NOT_IN_KERNEL:
		die(EXIT_CANCELED, 0, _("%s: capability '%s' is not known to "
		    "this kernel (the last one is %d)"), option, err.word,
		    last_cap);
	case CAPLIST_ALL_MIXED:
		die(EXIT_CANCELED, 0, _("%s: 'all' cannot be combined with "
		    "other capabilities"), option);
	case CAPLIST_ALL_REFUSED:
		die(EXIT_CANCELED, 0, _("%s: 'all' is not accepted here"),
		    option);
	default:
		die(EXIT_CANCELED, 0, _("%s: unknown capability '%s'"),
		    option, err.word);
	}
}

static int parse_signal(const char *name)
{
	const char *s = name;
	long long n;
	int sig;

	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	n = parse_id(s);
	if (n > 0 && n <= SIGRTMAX)
		return (int)n;
	for (sig = 1; sig < SIGRTMIN; sig++) {
		const char *abbrev = sigabbrev_np(sig);

		if (abbrev && strcasecmp(abbrev, s) == 0)
			return sig;
	}
	die(EXIT_CANCELED, 0, _("unknown signal '%s'"), name);
}

static void parse_securebits(struct privs *p)
{
	const char *bad;
	int len;

	if (!*given.securebits)
		die(EXIT_CANCELED, 0, _("%s: the list is empty"),
		    "--securebits");
	if (securebits_parse(given.securebits, &p->securebits, &bad, &len)) {
		if (!len)
			die(EXIT_CANCELED, 0, _("--securebits: empty securebit "
			    "name in '%s'"), given.securebits);
		die(EXIT_CANCELED, 0, _("--securebits: unknown securebit "
		    "'%.*s'"), len, bad);
	}
	p->asked |= PRIVS_SECUREBITS;
}

/* Each list in the order of the options, as the user reads them. */
static void parse_given(struct privs *p)
{
	if (given.drop || given.keep || given.ambient)
		p->last_cap = cap_last();
	if (given.drop) {
		p->drop = parse_caps("--drop-caps", given.drop, p->last_cap, 1);
		p->asked |= PRIVS_DROP;
	}
	if (given.keep) {
		p->keep = parse_caps("--keep-caps", given.keep, p->last_cap, 1);
		p->asked |= PRIVS_KEEP;
	}
	if (given.ambient) {
		p->ambient = parse_caps("--ambient-caps", given.ambient,
					p->last_cap, 0);
		p->asked |= PRIVS_AMBIENT;
	}
	if (given.pdeathsig) {
		p->pdeathsig = parse_signal(given.pdeathsig);
		p->asked |= PRIVS_PDEATHSIG;
	}
	if (given.securebits)
		parse_securebits(p);
}

static void plan(const struct plan *launch_plan)
{
	struct privs *p = &creds_plan;
	char name[32];
	int arg = 0;

	parse_given(p);
	ids_resolve(&given.ids, p);
	if (!p->asked && !launch_plan->show)
		return;
	if (!p->last_cap)
		p->last_cap = cap_last();
	p->parent = getppid();
	switch (privs_plan(p, &arg)) {
	case PRIVS_ERR_NONE:
		return;
	case PRIVS_ERR_AMBIENT_NOT_PERMITTED:
		die(EXIT_CANCELED, 0, _("cannot raise %s into the ambient set: "
		    "it is not in the permitted set"),
		    cap_name(arg, name, sizeof(name)));
	case PRIVS_ERR_AMBIENT_DROPPED:
		die(EXIT_CANCELED, 0, _("cannot raise %s into the ambient set: "
		    "it is dropped by --drop-caps or --keep-caps"),
		    cap_name(arg, name, sizeof(name)));
	case PRIVS_ERR_AMBIENT_LOCKED:
		die(EXIT_CANCELED, 0, _("--ambient-caps cannot be combined "
		    "with the securebit no_cap_ambient_raise"));
	case PRIVS_ERR_KEEPCAPS_LOCKED:
		die(EXIT_CANCELED, 0, _("--securebits: keep_caps_locked "
		    "without keep_caps forbids keeping capabilities across "
		    "the change of user"));
	default:
		die(EXIT_CANCELED, errno, _("cannot read the credentials"));
	}
}

static int apply(struct exec_report *rep)
{
	if (!creds_plan.asked)
		return 0;
	if (privs_apply(&creds_plan, &rep->code, &rep->arg) < 0) {
		rep->err = errno;
		return -1;
	}
	return 0;
}

static int verify(struct exec_report *rep)
{
	if (!creds_plan.asked)
		return 0;
	rep->arg = 0;
	if (privs_verify(&creds_plan, &rep->arg) < 0) {
		rep->code = STEP_VERIFY;
		rep->err = errno;
		return -1;
	}
	return 0;
}

static void reset(void)
{
	privs_free(&creds_plan);
	memset(&creds_plan, 0, sizeof(creds_plan));
	memset(&given, 0, sizeof(given));
}

const struct step step_credentials = {
	.name		= "credentials",
	.heading	= N_("\nPrivileges of PROGRAM:\n"),
	.options	= options,
	.help_note	= N_("\nA LIST is comma-separated.  Capabilities are "
			     "named with or without \"cap_\",\nin any case, or "
			     "numbered; \"all\" drops or keeps them all.\n"),
	.take_option	= take_option,
	.plan		= plan,
	.apply		= apply,
	.verify		= verify,
	.show_labels	= creds_show_labels,
	.describe	= creds_describe,
	.explain	= creds_explain,
	.reset		= reset,
};
