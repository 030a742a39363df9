// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * step-context.c - small steps of PROGRAM's context: --setsid (before the
 * change of user), --chdir and --reset-signals (after it)
 *
 * Each applies one system call and reads its effect back.  --chdir comes
 * after the change of user on purpose: it proves that the target user can
 * enter DIR, as systemd's WorkingDirectory= does.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "messages.h"
#include "show.h"
#include "steps.h"

/* The part of a step that failed, in rep->code. */
enum { PART_APPLY, PART_VERIFY };

static struct {
	int setsid;
	const char *dir;
	struct stat dir_st;	/* DIR as the new process found it */
	int reset_signals;
} ctx;

enum { KEY_SETSID, KEY_CHDIR, KEY_RESET_SIGNALS };

static void take_option(int key, const char *arg)
{
	switch (key) {
	case KEY_SETSID:
		ctx.setsid = 1;
		break;
	case KEY_CHDIR:
		if (!*arg)
			die(EXIT_CANCELED, 0, _("--chdir: the directory name "
			    "is empty"));
		ctx.dir = arg;
		break;
	case KEY_RESET_SIGNALS:
		ctx.reset_signals = 1;
		break;
	}
}

static void reset(void)
{
	memset(&ctx, 0, sizeof(ctx));
}

static int failed(struct exec_report *rep, int part)
{
	rep->code = part;
	rep->err = errno;
	return -1;
}

/* --show has a row for an option only when it is given. */
static void show_yes(const char *label, int yes)
{
	if (!yes)
		return;
	show_label(label);
	puts(_("yes"));
}

/* --setsid */

static const struct step_option session_options[] = {
	{ "setsid", no_argument, 0, KEY_SETSID, 0,
	  N_("     --setsid             run PROGRAM in a new session, "
	     "without a terminal\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static int session_apply(struct exec_report *rep)
{
	if (ctx.setsid && setsid() < 0)
		return failed(rep, PART_APPLY);
	return 0;
}

static int session_verify(struct exec_report *rep)
{
	if (!ctx.setsid || getsid(0) == getpid())
		return 0;
	errno = 0;
	return failed(rep, PART_VERIFY);
}

static const char *const session_labels[] = { N_("new session:"), NULL };

static void session_describe(void)
{
	show_yes(session_labels[0], ctx.setsid);
}

static int session_explain(const struct plan *plan,
			   const struct exec_report *rep)
{
	(void)plan;
	if (rep->code == PART_APPLY)
		warn_msg(rep->err, _("cannot start a new session"));
	else
		warn_msg(0, _("the new session did not take effect"));
	return 0;
}

const struct step step_session = {
	.name		= "session",
	.options	= session_options,
	.take_option	= take_option,
	.apply		= session_apply,
	.verify		= session_verify,
	.show_labels	= session_labels,
	.describe	= session_describe,
	.explain	= session_explain,
	.reset		= reset,
};

/* --chdir */

static const struct step_option directory_options[] = {
	{ "chdir", required_argument, 0, KEY_CHDIR, 0,
	  N_("     --chdir=DIR          run PROGRAM in DIR, entered as the "
	     "target user\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static int directory_apply(struct exec_report *rep)
{
	if (!ctx.dir)
		return 0;
	if (stat(ctx.dir, &ctx.dir_st) < 0 || chdir(ctx.dir) < 0)
		return failed(rep, PART_APPLY);
	return 0;
}

/* The working directory is the one DIR named. */
static int directory_verify(struct exec_report *rep)
{
	struct stat cwd;

	if (!ctx.dir)
		return 0;
	if (stat(".", &cwd) < 0)
		return failed(rep, PART_VERIFY);
	if (cwd.st_dev == ctx.dir_st.st_dev && cwd.st_ino == ctx.dir_st.st_ino)
		return 0;
	errno = 0;
	return failed(rep, PART_VERIFY);
}

static const char *const directory_labels[] = { N_("directory:"), NULL };

static void directory_describe(void)
{
	if (!ctx.dir)
		return;
	show_label(directory_labels[0]);
	puts(ctx.dir);
}

static int directory_explain(const struct plan *plan,
			     const struct exec_report *rep)
{
	(void)plan;
	if (rep->code == PART_APPLY)
		warn_msg(rep->err, _("cannot change to directory '%s'"),
			 ctx.dir);
	else
		warn_msg(rep->err, _("the working directory is not '%s' "
			 "after the change"), ctx.dir);
	return 0;
}

const struct step step_directory = {
	.name		= "directory",
	.heading	= N_("\nLaunch context, set after the change of user:\n"),
	.options	= directory_options,
	.take_option	= take_option,
	.apply		= directory_apply,
	.verify		= directory_verify,
	.show_labels	= directory_labels,
	.describe	= directory_describe,
	.explain	= directory_explain,
	.reset		= reset,
};

/* --reset-signals */

static const struct step_option signals_options[] = {
	{ "reset-signals", no_argument, 0, KEY_RESET_SIGNALS, 0,
	  N_("     --reset-signals      every signal to its default action, "
	     "none blocked\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

/*
 * The kernel's struct for rt_sigaction(2) on x86_64, aarch64 and i386.
 * glibc's sigaction() refuses its own signals (32 and 33), but a process
 * can inherit them ignored (seen under make in a background job): the
 * system call resets them too.
 */
struct kernel_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

static int set_default(int sig)
{
	struct kernel_sigaction dfl = { .handler = SIG_DFL };

	return (int)syscall(SYS_rt_sigaction, sig, &dfl, NULL,
			    sizeof(dfl.mask));
}

static int signals_apply(struct exec_report *rep)
{
	uint64_t none = 0;
	int sig;

	if (!ctx.reset_signals)
		return 0;
	for (sig = 1; sig <= 64; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		rep->arg = sig;
		if (set_default(sig) < 0)
			return failed(rep, PART_APPLY);
	}
	rep->arg = 0;
	if (syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL,
		    sizeof(none)) < 0)
		return failed(rep, PART_APPLY);
	return 0;
}

/* Is the hex mask after "\nNAME:\t" in the status text all zeros? */
static int mask_is_empty(const char *status, const char *name)
{
	const char *p = strstr(status, name);

	if (!p)
		return 0;
	for (p += strlen(name); *p && *p != '\n'; p++)
		if (*p != '0')
			return 0;
	return 1;
}

/* The kernel's own view: SigIgn and SigBlk in /proc/self/status. */
static int signals_verify(struct exec_report *rep)
{
	char status[8192];
	ssize_t n = 0, got;
	int fd;

	if (!ctx.reset_signals)
		return 0;
	fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return failed(rep, PART_VERIFY);
	while (n < (ssize_t)sizeof(status) - 1 &&
	       (got = read(fd, status + n, sizeof(status) - 1 - n)) > 0)
		n += got;
	close(fd);
	status[n] = '\0';
	errno = 0;
	rep->arg = 0;
	if (!mask_is_empty(status, "\nSigIgn:\t") ||
	    !mask_is_empty(status, "\nSigBlk:\t"))
		return failed(rep, PART_VERIFY);
	return 0;
}

static const char *const signals_labels[] = { N_("signals reset:"), NULL };

static void signals_describe(void)
{
	show_yes(signals_labels[0], ctx.reset_signals);
}

static int signals_explain(const struct plan *plan,
			   const struct exec_report *rep)
{
	(void)plan;
	if (rep->code == PART_APPLY && rep->arg)
		warn_msg(rep->err, _("cannot reset the action of signal "
			 "%d"), rep->arg);
	else if (rep->code == PART_APPLY)
		warn_msg(rep->err, _("cannot unblock the signals"));
	else
		warn_msg(rep->err, _("the signals are not reset after the "
			 "change"));
	return 0;
}

const struct step step_signals = {
	.name		= "signals",
	.options	= signals_options,
	.take_option	= take_option,
	.apply		= signals_apply,
	.verify		= signals_verify,
	.show_labels	= signals_labels,
	.describe	= signals_describe,
	.explain	= signals_explain,
	.reset		= reset,
};
