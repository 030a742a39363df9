// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * step-landlock.c - the Landlock step: which trees PROGRAM may read, write and
 * execute
 *
 * The launcher does all the work that can fail on bad input: it opens
 * each path (O_PATH), builds the ruleset and keeps its descriptor.  The
 * new process only calls landlock_restrict_self(), after the credentials
 * step (so after no_new_privs), and then checks on itself that the
 * restriction is in force.  Once any --allow-* is given, every filesystem
 * access this kernel's Landlock can restrict and no rule allows is denied.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/landlock.h>

#include "landlock.h"
#include "messages.h"
#include "show.h"
#include "steps.h"

#ifndef SYS_landlock_create_ruleset
# define SYS_landlock_create_ruleset	444
# define SYS_landlock_add_rule		445
# define SYS_landlock_restrict_self	446
#endif
/* Debian 12's <linux/landlock.h> knows ABI 1 and 2. */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
# define LANDLOCK_ACCESS_FS_TRUNCATE	(1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
# define LANDLOCK_ACCESS_FS_IOCTL_DEV	(1ULL << 15)
#endif

#define FS_READ		(LANDLOCK_ACCESS_FS_READ_FILE | \
			 LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_EXEC		LANDLOCK_ACCESS_FS_EXECUTE
#define FS_WRITE_V1	(LANDLOCK_ACCESS_FS_WRITE_FILE | \
			 LANDLOCK_ACCESS_FS_REMOVE_DIR | \
			 LANDLOCK_ACCESS_FS_REMOVE_FILE | \
			 LANDLOCK_ACCESS_FS_MAKE_CHAR | \
			 LANDLOCK_ACCESS_FS_MAKE_DIR | \
			 LANDLOCK_ACCESS_FS_MAKE_REG | \
			 LANDLOCK_ACCESS_FS_MAKE_SOCK | \
			 LANDLOCK_ACCESS_FS_MAKE_FIFO | \
			 LANDLOCK_ACCESS_FS_MAKE_BLOCK | \
			 LANDLOCK_ACCESS_FS_MAKE_SYM)
#define FS_WRITE	(FS_WRITE_V1 | LANDLOCK_ACCESS_FS_REFER | \
			 LANDLOCK_ACCESS_FS_TRUNCATE | \
			 LANDLOCK_ACCESS_FS_IOCTL_DEV)
/* The rights a rule on a file (not a directory) may carry. */
#define FS_FILE		(LANDLOCK_ACCESS_FS_EXECUTE | \
			 LANDLOCK_ACCESS_FS_WRITE_FILE | \
			 LANDLOCK_ACCESS_FS_READ_FILE | \
			 LANDLOCK_ACCESS_FS_TRUNCATE | \
			 LANDLOCK_ACCESS_FS_IOCTL_DEV)

enum { KIND_READ, KIND_WRITE, KIND_EXEC, NKINDS };
enum { KEY_READ = KIND_READ, KEY_WRITE = KIND_WRITE, KEY_EXEC = KIND_EXEC,
       KEY_MODE };
enum { LL_RESTRICT = 1, LL_VERIFY, LL_PROBE };

static const __u64 kind_rights[NKINDS] = { FS_READ, FS_WRITE, FS_EXEC };
static const char *const kind_option[NKINDS] = {
	"--allow-read", "--allow-write", "--allow-exec",
};

/* What a kernel with an older ABI cannot restrict, and which ABI can. */
static const struct {
	__u64 right;
	int abi;
	const char *what;
} late_rights[] = {
	{ LANDLOCK_ACCESS_FS_TRUNCATE, 3, N_("truncating files") },
	{ LANDLOCK_ACCESS_FS_IOCTL_DEV, 5, N_("ioctl on devices") },
};

static struct {
	const char **paths[NKINDS];
	int npaths[NKINDS];
	int strict;
	int abi;		/* 0: Landlock is not available */
	int ruleset_fd;		/* -1: nothing to restrict */
	int probe_root;		/* "/" must not be readable once restricted */
	int probe_null;		/* else "/dev/null" must not be writable */
} ll = { .ruleset_fd = -1 };

/*
 * The files the probes use, and each directory above them: a rule on any
 * of them (same inode: Landlock ties rules to inodes, and checks every
 * directory up to the root, across mounts) grants what the probe tries.
 */
static struct stat root_st, dev_st, null_st;

static const struct step_option options[] = {
	{ "allow-read", required_argument, 0, KEY_READ, 0,
	  N_("     --allow-read=PATH    PROGRAM may read the tree under PATH\n") },
	{ "allow-write", required_argument, 0, KEY_WRITE, 0,
	  N_("     --allow-write=PATH   PROGRAM may write the tree under "
	     "PATH\n") },
	{ "allow-exec", required_argument, 0, KEY_EXEC, 0,
	  N_("     --allow-exec=PATH    PROGRAM may execute files under "
	     "PATH\n") },
	{ "allow-bind", required_argument, 0, LL_KEY_BIND, 0,
	  N_("     --allow-bind=PORT    PROGRAM may bind this TCP port\n") },
	{ "allow-connect", required_argument, 0, LL_KEY_CONNECT, 0,
	  N_("     --allow-connect=PORT PROGRAM may connect to this TCP "
	     "port\n") },
	{ "scope", required_argument, 0, LL_KEY_SCOPE, 0,
	  N_("     --scope=LIST         keep LIST (signals, abstract-unix) "
	     "within PROGRAM\n") },
	{ "landlock", required_argument, 0, KEY_MODE, 0,
	  N_("     --landlock=MODE      best-effort (the default) or "
	     "strict\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static void add_path(int kind, const char *path)
{
	const char **grown;

	grown = realloc(ll.paths[kind],
			(ll.npaths[kind] + 1) * sizeof(*ll.paths[kind]));
	if (!grown)
		die(EXIT_CANCELED, errno, _("cannot store the Landlock paths"));
	grown[ll.npaths[kind]++] = path;
	ll.paths[kind] = grown;
}

static void take_option(int key, const char *arg)
{
	switch (key) {
	case KEY_READ:
	case KEY_WRITE:
	case KEY_EXEC:
		add_path(key, arg);
		return;
	case KEY_MODE:
		if (strcmp(arg, "strict") == 0)
			ll.strict = 1;
		else if (strcmp(arg, "best-effort") == 0)
			ll.strict = 0;
		else
			usage_error(_("--landlock: unknown mode '%s' (use "
				      "best-effort or strict)"), arg);
		return;
	default:
		ll_net_take_option(key, arg);
	}
}

static int fs_asked(void)
{
	return ll.npaths[KIND_READ] || ll.npaths[KIND_WRITE] ||
	       ll.npaths[KIND_EXEC];
}

static int any_rule(void)
{
	return fs_asked() || ll_net_asked();
}

static __u64 handled_rights(int abi)
{
	__u64 handled = FS_READ | FS_EXEC | FS_WRITE_V1;

	if (abi >= 2)
		handled |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		handled |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		handled |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	return handled;
}

/* Never silently less than asked: say what is not enforced, or refuse. */
void ll_not_enforced(const char *what, int abi)
{
	if (ll.strict)
		die(EXIT_CANCELED, 0, _("--landlock=strict: %s cannot be "
		    "restricted (Landlock ABI %d is needed, this kernel has "
		    "%d)"), what, abi, ll.abi);
	warn_msg(0, _("warning: %s is not restricted (Landlock ABI %d is "
		 "needed, this kernel has %d)"), what, abi, ll.abi);
}

static int probe_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			   LANDLOCK_CREATE_RULESET_VERSION);

	if (abi > 0)
		return (int)abi;
	if (ll.strict)
		die(EXIT_CANCELED, errno, _("--landlock=strict: Landlock is "
		    "not available"));
	warn_msg(errno, _("warning: Landlock is not available: filesystem "
		 "access is not restricted"));
	return 0;
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static void add_rule(int kind, const char *path, __u64 handled)
{
	struct landlock_path_beneath_attr rule = { 0 };
	struct stat st;
	int fd = open(path, O_PATH | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0)
		die(EXIT_CANCELED, errno, _("%s: cannot open '%s'"),
		    kind_option[kind], path);
	rule.parent_fd = fd;
	rule.allowed_access = kind_rights[kind] & handled;
	if (!S_ISDIR(st.st_mode))
		rule.allowed_access &= FS_FILE;
	if (kind == KIND_READ && same_file(&st, &root_st))
		ll.probe_root = 0;
	if (kind == KIND_WRITE && (same_file(&st, &root_st) ||
				   same_file(&st, &dev_st) ||
				   same_file(&st, &null_st)))
		ll.probe_null = 0;
	if (rule.allowed_access &&
	    syscall(SYS_landlock_add_rule, ll.ruleset_fd,
		    LANDLOCK_RULE_PATH_BENEATH, &rule, 0) < 0)
		die(EXIT_CANCELED, errno, _("%s: cannot add a Landlock rule "
		    "for '%s'"), kind_option[kind], path);
	close(fd);
}

static void build_ruleset(void)
{
	struct ll_ruleset_attr attr = { 0 };
	int kind, i;

	if (fs_asked())
		attr.handled_access_fs = handled_rights(ll.abi);
	ll_net_handle(&attr, ll.abi);
	if (!attr.handled_access_fs && !attr.handled_access_net &&
	    !attr.scoped)
		return;		/* best effort: all of it was warned about */
	ll.ruleset_fd = (int)syscall(SYS_landlock_create_ruleset, &attr,
				     sizeof(attr), 0);
	if (ll.ruleset_fd >= 0)
		ll.ruleset_fd = fd_move_above_stdio(ll.ruleset_fd);
	if (ll.ruleset_fd < 0)
		die(EXIT_CANCELED, errno, _("cannot create a Landlock "
		    "ruleset"));
	if (stat("/", &root_st) < 0)
		die(EXIT_CANCELED, errno, _("cannot open '%s'"), "/");
	ll.probe_root = fs_asked();
	/* A chroot may have no /dev/null: then only "/" is probed. */
	ll.probe_null = fs_asked() && stat("/dev", &dev_st) == 0 &&
			stat("/dev/null", &null_st) == 0 &&
			S_ISCHR(null_st.st_mode);
	ll_net_add_rules(ll.ruleset_fd, &attr);
	for (kind = 0; kind < NKINDS; kind++)
		for (i = 0; i < ll.npaths[kind]; i++)
			add_rule(kind, ll.paths[kind][i],
				 attr.handled_access_fs);
}

/* A path that is not there is bad input, whatever the kernel offers. */
static void check_paths(void)
{
	int kind, i, fd;

	for (kind = 0; kind < NKINDS; kind++)
		for (i = 0; i < ll.npaths[kind]; i++) {
			fd = open(ll.paths[kind][i], O_PATH | O_CLOEXEC);
			if (fd < 0)
				die(EXIT_CANCELED, errno,
				    _("%s: cannot open '%s'"),
				    kind_option[kind], ll.paths[kind][i]);
			close(fd);
		}
}

static void plan(const struct plan *launch_plan)
{
	size_t i;

	(void)launch_plan;
	if (!any_rule())
		return;
	check_paths();
	ll.abi = probe_abi();
	if (!ll.abi)
		return;
	for (i = 0; i < sizeof(late_rights) / sizeof(late_rights[0]); i++)
		if (fs_asked() && ll.abi < late_rights[i].abi)
			ll_not_enforced(_(late_rights[i].what),
					late_rights[i].abi);
	build_ruleset();
}

static int apply(struct exec_report *rep)
{
	long rc;

	if (ll.ruleset_fd < 0)
		return 0;
	if (ll_net_probe_prepare() < 0) {
		rep->code = LL_PROBE;
		rep->err = errno;
		return -1;
	}
	rc = syscall(SYS_landlock_restrict_self, ll.ruleset_fd, 0);
	/* At once, so that a probe process is reaped on every path. */
	ll_net_probe_signals();
	if (rc < 0) {
		rep->code = LL_RESTRICT;
		rep->err = errno;
		return -1;
	}
	return 0;
}

/* Opening PATH with FLAGS must now be refused with EACCES. */
static int refused(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return errno == EACCES;
}

/*
 * Probes without side effects: unless a rule lets PROGRAM read "/",
 * listing it must now be denied; if one does, unless one lets it write
 * /dev/null, opening that for writing (which writes nothing) must be;
 * then those of the ports and scopes.  Rules that allow both leave the
 * filesystem nothing a probe can show.
 */
static int verify(struct exec_report *rep)
{
	int fs_ok;

	if (ll.ruleset_fd < 0)
		return 0;
	if (ll.probe_root)
		fs_ok = refused("/", O_RDONLY | O_DIRECTORY);
	else if (ll.probe_null)
		fs_ok = refused("/dev/null", O_WRONLY);
	else
		fs_ok = 1;
	if (fs_ok && ll_net_probe() == 0)
		return 0;
	rep->code = LL_VERIFY;
	rep->err = 0;
	return -1;
}

static const char *const show_labels[] = {
	N_("Landlock:"), N_("allow read:"), N_("allow write:"),
	N_("allow exec:"), N_("allow bind:"), N_("allow connect:"),
	N_("scope:"), NULL
};

static void describe(void)
{
	int kind, i;

	if (!any_rule())
		return;
	show_label(show_labels[0]);
	if (!ll.abi)
		puts(_("not available: nothing is restricted"));
	else
		printf(ll.strict ? _("strict, ABI %d\n") :
		       _("best effort, ABI %d\n"), ll.abi);
	for (kind = 0; fs_asked() && kind < NKINDS; kind++) {
		show_label(show_labels[kind + 1]);
		if (!ll.npaths[kind])
			/* TRANSLATORS: no path is allowed */
			fputs(C_("paths", "nothing"), stdout);
		for (i = 0; i < ll.npaths[kind]; i++)
			printf("%s%s", i ? ", " : "", ll.paths[kind][i]);
		putchar('\n');
	}
	ll_net_describe(show_labels[4], show_labels[5], show_labels[6]);
}

static int explain(const struct plan *launch_plan,
		   const struct exec_report *rep)
{
	(void)launch_plan;
	if (rep->code == LL_VERIFY)
		warn_msg(0, _("the Landlock restriction is not in force"));
	else if (rep->code == LL_PROBE)
		warn_msg(rep->err, _("--scope: cannot create the process that "
			 "checks the scope of signals (needed because PROGRAM's "
			 "user is not allowed to signal siblingexec)"));
	else if (rep->code == LL_RESTRICT && rep->err == EPERM)
		warn_msg(rep->err, _("cannot restrict PROGRAM with Landlock "
			 "(that needs no_new_privs or CAP_SYS_ADMIN: add "
			 "--no-new-privs)"));
	else if (rep->code == LL_RESTRICT)
		warn_msg(rep->err, _("cannot restrict PROGRAM with "
			 "Landlock"));
	else
		return -1;
	return 0;
}

static void reset(void)
{
	int kind;

	if (ll.ruleset_fd >= 0)
		close(ll.ruleset_fd);
	for (kind = 0; kind < NKINDS; kind++)
		free(ll.paths[kind]);
	ll_net_reset();
	memset(&ll, 0, sizeof(ll));
	ll.ruleset_fd = -1;
}

const struct step step_landlock = {
	.name		= "landlock",
	.heading	= N_("\nConfinement of PROGRAM:\n"),
	.options	= options,
	.help_note	= N_("\nOnce any of --allow-read, --allow-write or "
			     "--allow-exec is given, any other\nfilesystem "
			     "access is denied; once --allow-bind or "
			     "--allow-connect is given,\nany other TCP port "
			     "is.  Each may be repeated; a PATH covers the "
			     "tree\nbeneath it.\n"),
	.take_option	= take_option,
	.plan		= plan,
	.apply		= apply,
	.verify		= verify,
	.show_labels	= show_labels,
	.describe	= describe,
	.explain	= explain,
	.reset		= reset,
};
