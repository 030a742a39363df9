// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * step-cgroup.c - the cgroup step: --cgroup=PATH, a cgroup v2 directory
 *
 * The launcher opens the directory and the core hands it to clone3
 * (CLONE_INTO_CGROUP), so PROGRAM never runs one instruction outside it.
 * Where clone3 is missing, the new process writes itself into the
 * cgroup's cgroup.procs before any other step.  Either way it reads
 * /proc/self/cgroup back before exec.  Only the unified (v2) hierarchy
 * is used: on hybrid machines it is the one mounted as "cgroup2".
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "exec-report.h"
#include "messages.h"
#include "show.h"
#include "steps.h"

#ifndef CGROUP2_SUPER_MAGIC
# define CGROUP2_SUPER_MAGIC 0x63677270
#endif

static struct {
	const char *given;
	char dir[PATH_MAX];		/* the cgroup's directory */
	size_t below_mount;		/* start of the path below the mount */
	char line[PATH_MAX + 8];	/* its line in /proc/self/cgroup */
	size_t line_len;
	int fd;				/* the directory, close-on-exec */
} plan_cgroup = { .fd = -1 };

enum { STEP_JOIN = 1, STEP_READ, STEP_CHECK };

enum { KEY_CGROUP };

static const struct step_option options[] = {
	{ "cgroup", required_argument, 0, KEY_CGROUP, 0,
	  N_("     --cgroup=PATH        create PROGRAM in this cgroup v2 "
	     "directory\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static void take_option(int key, const char *arg)
{
	(void)key;
	if (!*arg)
		die(EXIT_CANCELED, 0, _("--cgroup: the path is empty"));
	plan_cgroup.given = arg;
}

static int is_octal(char c)
{
	return c >= '0' && c <= '7';
}

/*
 * Field n (from 1) of a mountinfo line, into out, with the kernel's octal
 * escapes (\040 for a space, \134 for a backslash...) decoded; -1 when
 * the line is shorter or the field does not fit.
 */
static int mountinfo_field(const char *line, int n, char *out, size_t size)
{
	size_t len = 0;

	while (--n > 0) {
		line = strchr(line, ' ');
		if (!line)
			return -1;
		line++;
	}
	while (*line && *line != ' ' && *line != '\n') {
		char c = *line++;

		if (c == '\\' && is_octal(line[0]) && is_octal(line[1]) &&
		    is_octal(line[2])) {
			c = (char)((line[0] - '0') << 6 | (line[1] - '0') << 3 |
				   (line[2] - '0'));
			line += 3;
		}
		if (len + 1 >= size)
			return -1;
		out[len++] = c;
	}
	out[len] = '\0';
	return len ? 0 : -1;
}

/*
 * Where the unified hierarchy is mounted (field 5 of /proc/self/mountinfo)
 * and which of its cgroups is the root of that mount (field 4): "/" unless
 * a subtree was mounted, as in a container without a cgroup namespace.
 */
static int find_cgroup2_mount(char *mnt, char *root, size_t size)
{
	char *line = NULL, type[64];
	size_t cap = 0;
	FILE *f = fopen("/proc/self/mountinfo", "re");
	int found = 0;

	if (!f)
		return -1;
	while (!found && getline(&line, &cap, f) > 0) {
		const char *sep = strstr(line, " - ");

		if (!sep || sscanf(sep, " - %63s", type) != 1 ||
		    strcmp(type, "cgroup2") != 0)
			continue;
		found = mountinfo_field(line, 4, root, size) == 0 &&
			mountinfo_field(line, 5, mnt, size) == 0;
	}
	free(line);
	fclose(f);
	return found ? 0 : -1;
}

/*
 * The line /proc/self/cgroup will show once PROGRAM is inside: the
 * mount's root, then the directory's path below the mount point.
 */
static void expect_line(const char *root)
{
	const char *rel = plan_cgroup.dir + plan_cgroup.below_mount;
	size_t size = sizeof(plan_cgroup.line);
	int n;

	if (strcmp(root, "/") == 0)
		root = "";
	n = snprintf(plan_cgroup.line, size, "0::%s%s\n", root,
		     *root || *rel ? rel : "/");
	if (n < 0 || (size_t)n >= size)
		die(EXIT_CANCELED, ENAMETOOLONG, "--cgroup");
	plan_cgroup.line_len = (size_t)n;
}

static void resolve(const char *mnt)
{
	char joined[PATH_MAX];
	const char *path = plan_cgroup.given;
	size_t len = strlen(mnt);

	if (path[0] != '/') {
		if ((size_t)snprintf(joined, sizeof(joined), "%s/%s", mnt,
				     path) >= sizeof(joined))
			die(EXIT_CANCELED, ENAMETOOLONG, "--cgroup");
		path = joined;
	}
	if (!realpath(path, plan_cgroup.dir)) {
		if (errno == ENOENT || errno == ENOTDIR)
			die(EXIT_CANCELED, 0, _("--cgroup: no such cgroup: "
			    "'%s'"), plan_cgroup.given);
		die(EXIT_CANCELED, errno, _("--cgroup: cannot resolve '%s'"),
		    plan_cgroup.given);
	}
	if (strcmp(mnt, "/") == 0)
		return;
	if (strncmp(plan_cgroup.dir, mnt, len) != 0 ||
	    (plan_cgroup.dir[len] != '/' && plan_cgroup.dir[len] != '\0'))
		die(EXIT_CANCELED, 0, _("--cgroup: '%s' is not in the cgroup "
		    "v2 hierarchy (mounted on %s)"), plan_cgroup.given, mnt);
	plan_cgroup.below_mount = len;
}

static void plan(const struct plan *launch_plan)
{
	char mnt[PATH_MAX], root[PATH_MAX];
	struct statfs fs;
	int fd;

	(void)launch_plan;
	if (!plan_cgroup.given)
		return;
	if (find_cgroup2_mount(mnt, root, sizeof(mnt)) < 0)
		die(EXIT_CANCELED, 0, _("--cgroup: no cgroup v2 hierarchy is "
		    "mounted"));
	resolve(mnt);
	fd = open(plan_cgroup.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		die(EXIT_CANCELED, errno, _("--cgroup: cannot open '%s'"),
		    plan_cgroup.dir);
	if (fstatfs(fd, &fs) < 0 || fs.f_type != CGROUP2_SUPER_MAGIC)
		die(EXIT_CANCELED, 0, _("--cgroup: '%s' is not a cgroup v2 "
		    "directory"), plan_cgroup.dir);
	plan_cgroup.fd = fd_move_above_stdio(fd);
	if (plan_cgroup.fd < 0)
		die(EXIT_CANCELED, errno, _("--cgroup: cannot open '%s'"),
		    plan_cgroup.dir);
	expect_line(root);
}

int cgroup_dir_fd(void)
{
	return plan_cgroup.fd;
}

/* /proc/self/cgroup into buf, up to size bytes: its length, or -1. */
static ssize_t read_own_cgroups(char *buf, size_t size)
{
	ssize_t n = 0, got;
	int fd = open("/proc/self/cgroup", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	do {
		got = read(fd, buf + n, size - (size_t)n);
		if (got > 0)
			n += got;
	} while (got > 0 && (size_t)n < size);
	close(fd);
	return got < 0 ? -1 : n;
}

/* 1 when /proc/self/cgroup says we are in the planned cgroup; -1, errno. */
static int inside(void)
{
	char buf[16384];
	ssize_t n = read_own_cgroups(buf, sizeof(buf));

	if (n < 0)
		return -1;
	/* The v2 line comes last, after any v1 hierarchy's. */
	if ((size_t)n >= plan_cgroup.line_len &&
	    memcmp(buf + n - plan_cgroup.line_len, plan_cgroup.line,
		   plan_cgroup.line_len) == 0 &&
	    (n == (ssize_t)plan_cgroup.line_len ||
	     buf[n - plan_cgroup.line_len - 1] == '\n'))
		return 1;
	return 0;
}

/* The clone(2) fallback: "0" moves the writer itself. */
static int join(void)
{
	int fd = openat(plan_cgroup.fd, "cgroup.procs", O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int saved;

	if (fd < 0)
		return -1;
	n = write(fd, "0", 1);
	saved = errno;
	close(fd);
	errno = saved;
	return n == 1 ? 0 : -1;
}

/* 0 when inside; or -1, rep filled: outside (with code) or unreadable. */
static int check_inside(struct exec_report *rep, int code)
{
	int rc;

	if (plan_cgroup.fd < 0)
		return 0;
	rc = inside();
	if (rc == 1)
		return 0;
	rep->code = rc < 0 ? STEP_READ : code;
	rep->err = rc < 0 ? errno : 0;
	return -1;
}

/* Already inside when clone3 put it there. */
static int apply(struct exec_report *rep)
{
	if (check_inside(rep, STEP_JOIN) == 0)
		return 0;
	if (rep->code == STEP_READ)
		return -1;
	if (join() == 0)
		return 0;
	rep->err = errno;
	return -1;
}

static int verify(struct exec_report *rep)
{
	return check_inside(rep, STEP_CHECK);
}

static const char *const show_labels[] = { N_("cgroup:"), NULL };

static void describe(void)
{
	if (plan_cgroup.fd < 0)		/* only what is asked is shown */
		return;
	show_label(show_labels[0]);
	printf("%.*s\n", (int)plan_cgroup.line_len - 4, plan_cgroup.line + 3);
}

/* Why the kernel would not put PROGRAM into a cgroup. */
static const struct {
	int err;
	const char *msgid;
} join_failures[] = {
	{ EACCES, N_("that needs write access to the cgroup's "
		     "cgroup.procs and to that of the common ancestor") },
	{ EPERM, N_("that needs write access to the cgroup's "
		    "cgroup.procs and to that of the common ancestor") },
	{ EBUSY, N_("the cgroup cannot take processes while controllers "
		    "are enabled in its cgroup.subtree_control") },
	{ EOPNOTSUPP, N_("the cgroup's type (cgroup.type) does not take "
			 "processes") },
	{ ENOENT, N_("the cgroup is gone") },
	{ ENODEV, N_("the cgroup is gone") },
};

/* The path of our own cgroup, as in the 0:: line; NULL if unknown. */
static const char *own_cgroup(char *buf, size_t size)
{
	ssize_t n = read_own_cgroups(buf, size - 1);
	char *line;

	if (n < 0)
		return NULL;
	buf[n] = '\0';
	line = strncmp(buf, "0::", 3) == 0 ? buf : strstr(buf, "\n0::");
	if (!line)
		return NULL;
	return line + (*line == '\n') + 3;
}

/* How many components at the end of path a are not shared with path b. */
static size_t components_not_shared(const char *a, const char *b)
{
	size_t n, left = 0;

	for (;;) {
		a += strspn(a, "/");
		b += strspn(b, "/");
		n = strcspn(a, "/\n");
		if (!n || n != strcspn(b, "/\n") || strncmp(a, b, n) != 0)
			break;
		a += n;
		b += n;
	}
	while ((n = strcspn(a, "/\n")) > 0) {
		left++;
		a += n;
		a += strspn(a, "/");
	}
	return left;
}

/* 1 when we may not write this cgroup.procs, 0 when we may, -1 unknown. */
static int procs_denied(int dirfd, const char *path)
{
	if (faccessat(dirfd, path, W_OK, AT_EACCESS) == 0)
		return 0;
	return errno == EACCES || errno == EPERM ? 1 : -1;
}

/*
 * Whether the kernel's rule for moving a process refuses us: it wants
 * write access to the cgroup.procs of the cgroup and of the common
 * ancestor of it and ours.  1 refused; 0 allowed, so a refusal came from
 * elsewhere (a seccomp filter, a security module); -1 when it cannot be
 * told (the ancestor is above the mount, /proc is unreadable).
 */
static int join_denied(void)
{
	char buf[16384], procs[PATH_MAX + 16];
	const char *own;
	size_t up, len = strlen(plan_cgroup.dir);
	int rc = procs_denied(plan_cgroup.fd, "cgroup.procs");

	if (rc != 0)
		return rc;
	own = own_cgroup(buf, sizeof(buf));
	if (!own)
		return -1;
	/* The ancestor, so many levels up from the cgroup's directory. */
	up = components_not_shared(plan_cgroup.line + 3, own);
	while (up-- > 0) {
		while (len > plan_cgroup.below_mount &&
		       plan_cgroup.dir[len - 1] != '/')
			len--;
		if (len <= plan_cgroup.below_mount)
			return -1;
		len--;
	}
	if ((size_t)snprintf(procs, sizeof(procs), "%.*s/cgroup.procs",
			     (int)len, plan_cgroup.dir) >= sizeof(procs))
		return -1;
	return procs_denied(AT_FDCWD, procs);
}

/* Why the kernel would not put PROGRAM into the cgroup; 0 if said. */
int cgroup_explain_join(int err)
{
	size_t i;

	if (plan_cgroup.fd < 0)
		return -1;
	/* Seccomp filters and security modules answer these too. */
	if ((err == EACCES || err == EPERM) && join_denied() == 0)
		return -1;
	for (i = 0; i < sizeof(join_failures) / sizeof(join_failures[0]); i++)
		if (join_failures[i].err == err) {
			/* TRANSLATORS: the second %s is the reason, one of
			   the sentences above */
			warn_msg(err, _("cannot put PROGRAM into cgroup '%s': "
				 "%s"), plan_cgroup.dir,
				 _(join_failures[i].msgid));
			return 0;
		}
	return -1;
}

static int explain(const struct plan *launch_plan,
		   const struct exec_report *rep)
{
	if (rep->code == STEP_JOIN) {
		if (cgroup_explain_join(rep->err) < 0)
			warn_msg(rep->err, _("cannot put PROGRAM into cgroup "
				 "'%s'"), plan_cgroup.dir);
	} else if (rep->code == STEP_READ) {
		warn_msg(rep->err, _("refusing to run '%s': cannot read "
			 "/proc/self/cgroup"), launch_plan->argv[0]);
	} else {
		warn_msg(0, _("refusing to run '%s': the new process is not "
			 "in cgroup '%s'"),
			 launch_plan->argv[0], plan_cgroup.dir);
	}
	return 0;
}

static void reset(void)
{
	if (plan_cgroup.fd >= 0)
		close(plan_cgroup.fd);
	memset(&plan_cgroup, 0, sizeof(plan_cgroup));
	plan_cgroup.fd = -1;
}

const struct step step_cgroup = {
	.name = "cgroup",
	.heading = N_("\nLaunch context of PROGRAM:\n"),
	.plan = plan,
	STEP_MODULE_VERBS
};
