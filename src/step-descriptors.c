// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * step-descriptors.c - the descriptors step: --close-fds, --keep-fd
 *
 * Every descriptor above 2 that --keep-fd does not name is marked
 * close-on-exec rather than closed: the exec report's pipe must stay open
 * until the exec, which then closes them all at once.  close_range(2)
 * with CLOSE_RANGE_CLOEXEC does it in one call per gap between kept
 * descriptors (Linux 5.11); before that, the descriptors listed in
 * /proc/self/fd are marked one by one, read with getdents64 into a buffer
 * on the stack (nothing here may allocate).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "messages.h"
#include "show.h"
#include "steps.h"

#ifndef CLOSE_RANGE_CLOEXEC
# define CLOSE_RANGE_CLOEXEC	(1U << 2)
#endif

#define MAX_KEPT	64

static struct {
	int close_fds;
	int kept[MAX_KEPT];		/* sorted, each once */
	int n_kept;
	int by_proc;			/* the fallback was used */
} fds;

enum { KEY_CLOSE_FDS, KEY_KEEP_FD };
enum { PART_APPLY, PART_VERIFY };

static const struct step_option options[] = {
	{ "close-fds", no_argument, 0, KEY_CLOSE_FDS, 0,
	  N_("     --close-fds          close every descriptor above 2\n") },
	{ "keep-fd", required_argument, 0, KEY_KEEP_FD, 0,
	  N_("     --keep-fd=N          with --close-fds, keep descriptor N "
	     "(above 2) open\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static void keep(int fd)
{
	int i, j;

	for (i = 0; i < fds.n_kept && fds.kept[i] < fd; i++)
		;
	if (i < fds.n_kept && fds.kept[i] == fd)
		return;
	if (fds.n_kept == MAX_KEPT)
		die(EXIT_CANCELED, 0, _("--keep-fd: at most %d descriptors"),
		    MAX_KEPT);
	for (j = fds.n_kept++; j > i; j--)
		fds.kept[j] = fds.kept[j - 1];
	fds.kept[i] = fd;
}

static void take_option(int key, const char *arg)
{
	char *end;
	long n;

	if (key == KEY_CLOSE_FDS) {
		fds.close_fds = 1;
		return;
	}
	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno || end == arg || *end || n < 0 || n > INT_MAX ||
	    *arg == '+' || *arg == '-' || *arg == ' ')
		die(EXIT_CANCELED, 0, _("--keep-fd: '%s' is not a descriptor "
		    "number"), arg);
	/* --close-fds never touches them: naming one would promise more. */
	if (n <= STDERR_FILENO)
		die(EXIT_CANCELED, 0, _("--keep-fd: descriptor %ld is always "
		    "kept: --close-fds closes only those above 2"), n);
	if (fcntl((int)n, F_GETFD) < 0)
		die(EXIT_CANCELED, errno, _("--keep-fd: descriptor %ld is not "
		    "open"), n);
	keep((int)n);
}

static void plan(const struct plan *launch_plan)
{
	(void)launch_plan;
	if (fds.n_kept && !fds.close_fds)
		die(EXIT_CANCELED, 0, _("--keep-fd needs --close-fds"));
}

static int is_kept(int fd)
{
	int i;

	for (i = 0; i < fds.n_kept; i++)
		if (fds.kept[i] == fd)
			return 1;
	return 0;
}

/*
 * Call fn for every open descriptor above 2 but the directory's own.
 * 0, or -1 and errno (from fn or from reading the directory).
 */
static int each_open_fd(int (*fn)(int fd))
{
	char buf[4096] __attribute__((aligned(8)));
	int dir = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	long n;

	if (dir < 0)
		return -1;
	while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0) {
		long off = 0;

		while (off < n) {
			/* Aligned: the kernel pads each record to 8 bytes. */
			struct dirent64 *d = (void *)(buf + off);
			int fd = atoi(d->d_name);

			off += d->d_reclen;
			if (fd > 2 && fd != dir && fn(fd) < 0) {
				n = -1;
				break;
			}
		}
		if (n < 0)
			break;
	}
	if (n < 0) {
		int saved = errno;

		close(dir);
		errno = saved;
		return -1;
	}
	close(dir);
	return 0;
}

static int mark_cloexec(int fd)
{
	if (is_kept(fd))
		return 0;
	return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* Every gap between kept descriptors, in one call each. */
static int close_ranges(void)
{
	unsigned int from = 3;
	int i;

	for (i = 0; i <= fds.n_kept; i++) {
		/* up to the next kept one, or to the end */
		unsigned int last = i < fds.n_kept ?
			(unsigned)fds.kept[i] - 1 : ~0U;

		if (last >= from && (i == fds.n_kept ||
				     (unsigned)fds.kept[i] > from) &&
		    syscall(SYS_close_range, from, last,
			    CLOSE_RANGE_CLOEXEC) < 0)
			return -1;
		if (i < fds.n_kept && (unsigned)fds.kept[i] + 1 > from)
			from = (unsigned)fds.kept[i] + 1;
	}
	return 0;
}

static int apply(struct exec_report *rep)
{
	if (!fds.close_fds)
		return 0;
	if (close_ranges() == 0)
		return 0;
	/* ENOSYS before 5.9, EINVAL for the flag before 5.11. */
	if (errno == ENOSYS || errno == EINVAL) {
		fds.by_proc = 1;
		if (each_open_fd(mark_cloexec) == 0)
			return 0;
	}
	rep->code = PART_APPLY;
	rep->err = errno;
	return -1;
}

/* A descriptor that exec will keep must be one --keep-fd named. */
static int check_fd(int fd)
{
	int flags = fcntl(fd, F_GETFD);

	if (flags < 0)
		return -1;
	if (!(flags & FD_CLOEXEC) && !is_kept(fd)) {
		errno = 0;
		return -1;
	}
	return 0;
}

static int verify(struct exec_report *rep)
{
	int i;

	if (!fds.close_fds)
		return 0;
	for (i = 0; i < fds.n_kept; i++)
		if (fcntl(fds.kept[i], F_GETFD) < 0)
			goto fail;
	if (each_open_fd(check_fd) == 0)
		return 0;
fail:
	rep->code = PART_VERIFY;
	rep->err = errno;
	return -1;
}

static const char *const labels[] = { N_("descriptors above 2:"), NULL };

static void describe(void)
{
	const char *sep = " ";
	int i;

	if (!fds.close_fds)
		return;
	show_label(labels[0]);
	/* TRANSLATORS: followed by the numbers of the kept descriptors */
	fputs(fds.n_kept ? _("closed, except") : _("closed"), stdout);
	for (i = 0; i < fds.n_kept; i++, sep = ", ")
		printf("%s%d", sep, fds.kept[i]);
	putchar('\n');
}

static int explain(const struct plan *plan, const struct exec_report *rep)
{
	(void)plan;
	if (rep->code == PART_APPLY)
		warn_msg(rep->err, _("cannot close the descriptors"));
	else
		warn_msg(rep->err, _("a descriptor that --close-fds should "
			 "close is still open"));
	return 0;
}

static void reset(void)
{
	memset(&fds, 0, sizeof(fds));
}

const struct step step_descriptors = {
	.name		= "descriptors",
	.options	= options,
	.take_option	= take_option,
	.plan		= plan,
	.apply		= apply,
	.verify		= verify,
	.show_labels	= labels,
	.describe	= describe,
	.explain	= explain,
	.reset		= reset,
};
