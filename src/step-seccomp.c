// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * step-seccomp.c - the seccomp step: load a classic-BPF filter, last
 *
 * The launcher reads and checks the file (a raw array of struct
 * sock_filter, as enosys --dump, libseccomp's seccomp_export_bpf() or
 * setpriv's --seccomp-filter take), so that a malformed one is a 125
 * before anything starts.  The new process loads it after every other
 * step has applied and been verified: the filter may forbid the calls the
 * other checks make.  So the load happens in this step's verify, the last
 * one, and its own check needs no more than one pread() of a file opened
 * before: /proc/self/status must show one filter more, in filter mode.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "messages.h"
#include "show.h"
#include "steps.h"

#define MAX_INSNS	4096		/* BPF_MAXINSNS */

enum { KEY_FILTER };
enum { SC_OPEN_STATUS = 1, SC_LOAD, SC_VERIFY };

static struct {
	const char *path;
	struct sock_filter *insns;
	unsigned short len;
	unsigned long hash;
	int status_fd;			/* /proc/self/status, in the child */
	int filters_before;
} sc = { .status_fd = -1 };

static const struct step_option options[] = {
	{ "seccomp-filter", required_argument, 0, KEY_FILTER, 0,
	  N_("     --seccomp-filter=FILE\n"
	     "                          load the classic-BPF seccomp filter "
	     "in FILE, last\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static void take_option(int key, const char *arg)
{
	(void)key;
	sc.path = arg;
}

/* FNV-1a, to tell two filters apart in --show; not a security check. */
static unsigned long fnv1a(const unsigned char *p, size_t n)
{
	unsigned long long h = 0xcbf29ce484222325ULL;

	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return (unsigned long)(h ^ (h >> 32));
}

static void read_filter(int fd, off_t size)
{
	size_t got = 0;

	sc.insns = malloc((size_t)size);
	if (!sc.insns)
		die(EXIT_CANCELED, errno, _("--seccomp-filter: cannot read "
		    "'%s'"), sc.path);
	while (got < (size_t)size) {
		ssize_t n = read(fd, (char *)sc.insns + got, size - got);

		if (n <= 0)
			die(EXIT_CANCELED, n < 0 ? errno : 0, _("--seccomp-"
			    "filter: cannot read '%s'"), sc.path);
		got += (size_t)n;
	}
	sc.len = (unsigned short)(size / sizeof(struct sock_filter));
	sc.hash = fnv1a((const unsigned char *)sc.insns, got);
}

static void plan(const struct plan *launch_plan)
{
	struct stat st;
	int fd;

	(void)launch_plan;
	if (!sc.path)
		return;
	fd = open(sc.path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0)
		die(EXIT_CANCELED, errno, _("--seccomp-filter: cannot open "
		    "'%s'"), sc.path);
	if (!S_ISREG(st.st_mode) || st.st_size == 0)
		die(EXIT_CANCELED, 0, _("--seccomp-filter: '%s' is empty or "
		    "not a regular file"), sc.path);
	if (st.st_size % sizeof(struct sock_filter))
		die(EXIT_CANCELED, 0, _("--seccomp-filter: the size of '%s' "
		    "is not a multiple of %zu: not a classic-BPF program"),
		    sc.path, sizeof(struct sock_filter));
	if (st.st_size / sizeof(struct sock_filter) > MAX_INSNS)
		die(EXIT_CANCELED, 0, ngettext("--seccomp-filter: '%s' has "
		    "more than %d instruction", "--seccomp-filter: '%s' has "
		    "more than %d instructions", MAX_INSNS), sc.path,
		    MAX_INSNS);
	read_filter(fd, st.st_size);
	close(fd);
}

/* "Seccomp_filters:\tN" of /proc/self/status, without stdio. */
static int count_filters(int fd, int *mode)
{
	static const char key[] = "\nSeccomp_filters:";
	static const char mode_key[] = "\nSeccomp:";
	char buf[4096], *p;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, mode_key);
	*mode = p ? atoi(p + sizeof(mode_key) - 1) : -1;
	p = strstr(buf, key);
	return p ? atoi(p + sizeof(key) - 1) : -1;
}

/* Before the load: where the count starts. */
static int apply(struct exec_report *rep)
{
	int mode;

	if (!sc.path)
		return 0;
	sc.status_fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	if (sc.status_fd >= 0)
		sc.filters_before = count_filters(sc.status_fd, &mode);
	if (sc.status_fd < 0 || sc.filters_before < 0) {
		rep->code = SC_OPEN_STATUS;
		rep->err = errno;
		return -1;
	}
	return 0;
}

/* The load, last of all, and the kernel's own count read back. */
static int load(struct exec_report *rep)
{
	struct sock_fprog prog = { .len = sc.len, .filter = sc.insns };
	int mode;

	if (!sc.path)
		return 0;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		rep->code = SC_LOAD;
		rep->err = errno;
		return -1;
	}
	/* One filter more can only mean filter mode. */
	if (count_filters(sc.status_fd, &mode) != sc.filters_before + 1) {
		rep->code = SC_VERIFY;
		rep->err = 0;
		return -1;
	}
	return 0;
}

static const char *const show_labels[] = { N_("seccomp filter:"), NULL };

static void describe(void)
{
	if (!sc.path)
		return;
	show_label(show_labels[0]);
	printf(ngettext("%s, %u instruction, FNV-1a %08lx\n",
			"%s, %u instructions, FNV-1a %08lx\n", sc.len), sc.path,
	       (unsigned)sc.len, sc.hash & 0xffffffffUL);
}

static int explain(const struct plan *launch_plan,
		   const struct exec_report *rep)
{
	(void)launch_plan;
	switch (rep->code) {
	case SC_OPEN_STATUS:
		warn_msg(rep->err, _("cannot read %s"), "/proc/self/status");
		return 0;
	case SC_LOAD:
		if (rep->err == EACCES)
			warn_msg(rep->err, _("cannot load the seccomp filter "
				 "(that needs no_new_privs or CAP_SYS_ADMIN: "
				 "add --no-new-privs)"));
		else
			warn_msg(rep->err, _("cannot load the seccomp filter "
				 "'%s'"), sc.path);
		return 0;
	case SC_VERIFY:
		warn_msg(0, _("the seccomp filter is not in force"));
		return 0;
	}
	return -1;
}

static void reset(void)
{
	free(sc.insns);
	memset(&sc, 0, sizeof(sc));
	sc.status_fd = -1;
}

const struct step step_seccomp = {
	.name		= "seccomp",
	.heading	= NULL,
	.options	= options,
	.take_option	= take_option,
	.plan		= plan,
	.apply		= apply,
	.verify		= load,
	.show_labels	= show_labels,
	.describe	= describe,
	.explain	= explain,
	.reset		= reset,
};
