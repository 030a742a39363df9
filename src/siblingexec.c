// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * siblingexec - run a program as a sibling: a child of our own caller
 *
 * The command line: the only module that parses options, prints,
 * translates and picks exit statuses.  The process is made by sibling.c,
 * the exec is reported by exec-report.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "exec-report.h"
#include "nls.h"
#include "sibling.h"

/*
 * PIDFD_GET_INFO with PIDFD_INFO_EXIT (Linux 6.15) reads the exit status
 * of a process we did not create, once its parent has reaped it.  Older
 * kernel headers do not have it; the layout is the kernel's ABI.
 */
#ifndef PIDFD_INFO_EXIT
# define PIDFD_INFO_EXIT	(1ULL << 3)
#endif
struct pidfd_exit_info {
	uint64_t mask;
	uint64_t cgroupid;
	uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid;
	uint32_t fsuid, fsgid;
	int32_t exit_code;
};
#define PIDFD_GET_EXIT_INFO	_IOWR(0xFF, 11, struct pidfd_exit_info)

/* How long --wait gives the caller to reap PROGRAM before giving up. */
#define REAP_GRACE_MS		2000

/* The steps of the new process, as named in the exec report. */
enum step {
	STEP_EXEC = 1,
};

struct plan {
	char **argv;			/* PROGRAM and its arguments */
	const char *pid_file;
	int wait;
	int verbose;
};

struct launch {
	const struct plan *plan;
	int report_fd;			/* writing end of the exec report */
};

static const char *program_name = PACKAGE;

static void nls_init(void)
{
	static int done;

	/*
	 * Loading the locale costs more than the rest of a launch that
	 * prints nothing, so it happens on the first message instead.
	 */
	if (done)
		return;
	done = 1;
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
}

static void vwarn_msg(int errnum, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", program_name);
	vfprintf(stderr, fmt, ap);
	if (errnum)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

/* Print "siblingexec: MESSAGE[: strerror]" on stderr. */
static void warn_msg_(int errnum, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void warn_msg_(int errnum, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_msg(errnum, fmt, ap);
	va_end(ap);
}

/* The same, then exit with status. */
static void die_(int status, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));
static void die_(int status, int errnum, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_msg(errnum, fmt, ap);
	va_end(ap);
	exit(status);
}

/* The locale is set up before the message's arguments are evaluated. */
#define warn_msg(...)	(nls_init(), warn_msg_(__VA_ARGS__))
#define die(...)	(nls_init(), die_(__VA_ARGS__))

static void __attribute__((noreturn)) usage_error(const char *fmt, ...)
{
	va_list ap;

	nls_init();
	if (fmt) {
		va_start(ap, fmt);
		vwarn_msg(0, fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, _("Try '%s --help' for more information.\n"),
		program_name);
	exit(EXIT_CANCELED);
}

/* Flush stdout and report a write error (a full disk, a closed pipe). */
static int close_stdout(void)
{
	int pending = __fpending(stdout) != 0;
	int failed = ferror(stdout);

	if (fclose(stdout) != 0 && (pending || errno != EBADF))
		failed = 1;
	if (failed) {
		warn_msg(errno, _("write error"));
		return EXIT_CANCELED;
	}
	return EXIT_SUCCESS;
}

static void __attribute__((noreturn)) usage(void)
{
	FILE *out = stdout;

	nls_init();
	fputs(_("Usage:\n"), out);
	fprintf(out, _(" %s [options] [--] PROGRAM [ARGUMENT...]\n"),
		program_name);
	fputs("\n", out);
	fputs(_("Run PROGRAM as a sibling: a child of the process that runs "
		"siblingexec.\n"), out);

	fputs(_("\nOptions:\n"), out);
	fputs(_(" -w, --wait             wait for PROGRAM to end and exit "
		"with its status\n"), out);
	fputs(_(" -p, --pid-file=FILE    write PROGRAM's pid to FILE\n"), out);
	fputs(_(" -v, --verbose          say how PROGRAM was started\n"), out);
	fputs(_(" -h, --help             display this help and exit\n"), out);
	fputs(_(" -V, --version          output version information and "
		"exit\n"), out);

	fputs(_("\nExit status:\n"), out);
	fputs(_("  0    PROGRAM was started (without --wait)\n"), out);
	fputs(_("  125  siblingexec itself failed\n"), out);
	fputs(_("  126  PROGRAM was found but could not be run\n"), out);
	fputs(_("  127  PROGRAM was not found\n"), out);
	fputs(_("  N    with --wait: PROGRAM's exit status, or 128+S when "
		"it was killed by signal S\n"), out);

	fprintf(out, _("\nFor more details see %s(1).\n"), PACKAGE);
	exit(close_stdout());
}

static void __attribute__((noreturn)) print_version(void)
{
	nls_init();
	printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	fputs(_("License GPL-2.0-or-later "
		"<https://gnu.org/licenses/gpl.html>.\n"
		"This is free software: you are free to change and "
		"redistribute it.\n"
		"There is NO WARRANTY, to the extent permitted by law.\n"),
	      stdout);
	exit(close_stdout());
}

static void parse_args(int argc, char **argv, struct plan *plan)
{
	static const struct option longopts[] = {
		{ "wait",	no_argument,		NULL, 'w' },
		{ "pid-file",	required_argument,	NULL, 'p' },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	opterr = 0;	/* our own messages, translated, exit status 125 */
	while ((c = getopt_long(argc, argv, "+:wp:vhV", longopts, NULL))
	       != -1) {
		switch (c) {
		case 'w':
			plan->wait = 1;
			break;
		case 'p':
			if (!*optarg)
				usage_error(_("the pid file name is empty"));
			plan->pid_file = optarg;
			break;
		case 'v':
			plan->verbose = 1;
			break;
		case 'h':
			usage();
		case 'V':
			print_version();
		case ':':
			usage_error(_("option '%s' requires an argument"),
				    argv[optind - 1]);
		default:
			if (optopt)
				usage_error(_("invalid option -- '%c'"),
					    optopt);
			usage_error(_("unrecognized option '%s'"),
				    argv[optind - 1]);
		}
	}
	if (optind >= argc)
		usage_error(_("no program given"));
	plan->argv = argv + optind;
}

/*
 * The pid file is created under a temporary name before anything starts,
 * so that an unwritable place is an error with nothing started, and is
 * renamed into place once PROGRAM runs, so that readers never see it
 * half-written.
 */
struct pid_file {
	char *tmp_path;
	int fd;
};

static void pid_file_prepare(const char *path, struct pid_file *pf)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	mode_t mask;

	if (asprintf(&pf->tmp_path, "%.*s.%s.XXXXXX", (int)dirlen, path,
		     slash ? slash + 1 : path) < 0)
		die(EXIT_CANCELED, errno, _("cannot prepare pid file '%s'"),
		    path);
	pf->fd = mkostemp(pf->tmp_path, O_CLOEXEC);
	if (pf->fd < 0)
		die(EXIT_CANCELED, errno, _("cannot write pid file '%s'"),
		    path);
	pf->fd = fd_move_above_stdio(pf->fd);
	mask = umask(0);
	umask(mask);
	if (pf->fd < 0 || fchmod(pf->fd, 0666 & ~mask) < 0) {
		int saved = errno;

		unlink(pf->tmp_path);
		die(EXIT_CANCELED, saved, _("cannot write pid file '%s'"),
		    path);
	}
}

static int pid_file_commit(const char *path, struct pid_file *pf, pid_t pid)
{
	if (dprintf(pf->fd, "%ld\n", (long)pid) < 0 || close(pf->fd) < 0 ||
	    rename(pf->tmp_path, path) < 0) {
		int saved = errno;

		unlink(pf->tmp_path);
		errno = saved;
		return -1;
	}
	return 0;
}

static void pid_file_abandon(struct pid_file *pf)
{
	close(pf->fd);
	unlink(pf->tmp_path);
}

/* The new process: from here on, only async-signal-safe work. */
static int child_main(void *arg)
{
	const struct launch *l = arg;
	int err;

	execvp(l->plan->argv[0], l->plan->argv);
	err = errno;
	exec_report_send(l->report_fd, STEP_EXEC, err);
	return err == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;
}

static void __attribute__((noreturn)) clone_failed(int err)
{
	nls_init();
	switch (err) {
	case EINVAL:
		if (getpid() == 1)
			die(EXIT_CANCELED, 0, _("cannot run as an init process: "
			    "PID 1 has no parent to share with PROGRAM, so the "
			    "kernel refuses to create a sibling"));
		break;
	case EPERM:
		die(EXIT_CANCELED, err, _("cannot create a process (a seccomp "
		    "filter or a security module forbids it)"));
	case EAGAIN:
		die(EXIT_CANCELED, err, _("cannot create a process (the limit "
		    "on processes is reached: see ulimit -u and the pids "
		    "cgroup)"));
	case ENOMEM:
		die(EXIT_CANCELED, err, _("cannot create a process (not "
		    "enough memory, or RLIMIT_AS is too small for the new "
		    "process's stack)"));
	}
	die(EXIT_CANCELED, err, _("cannot create a process"));
}

static int exit_status_of(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return EXIT_CANCELED;
}

/* Sleep ms milliseconds or until the pidfd says something new. */
static void nap(int pidfd, short events, int ms)
{
	struct pollfd p = { .fd = pidfd, .events = events };

	poll(&p, 1, ms);
}

/*
 * Wait for PROGRAM to end and return its exit status (128+S for signal
 * S).  The kernel gives it to us only after the caller has reaped PROGRAM;
 * we give the caller REAP_GRACE_MS for that.  -1 and errno (ENOTTY: the
 * kernel is too old; ETIMEDOUT: nobody reaped PROGRAM).
 */
static int wait_for_program(int pidfd)
{
	struct pidfd_exit_info info;
	int waited = 0, step = 1;

	while (1) {
		struct pollfd p = { .fd = pidfd, .events = POLLIN };

		if (poll(&p, 1, -1) == 1)
			break;
		if (errno != EINTR && errno != EAGAIN)
			return -1;
	}
	while (1) {
		memset(&info, 0, sizeof(info));
		info.mask = PIDFD_INFO_EXIT;
		if (ioctl(pidfd, PIDFD_GET_EXIT_INFO, &info) == 0) {
			if (info.mask & PIDFD_INFO_EXIT)
				return exit_status_of(info.exit_code);
		} else if (errno == ENOTTY || errno == EINVAL ||
			   errno == EOPNOTSUPP) {
			errno = ENOTTY;
			return -1;
		}
		if (waited >= REAP_GRACE_MS) {
			errno = ETIMEDOUT;
			return -1;
		}
		/* Reaping does not always wake a poller: back off instead. */
		nap(pidfd, POLLHUP, step);
		waited += step;
		if (step < 64)
			step *= 2;
	}
}

static int report_exec(const struct plan *plan, const struct exec_report *rep)
{
	int status = rep->err == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;

	warn_msg(rep->err, _("cannot run '%s'"), plan->argv[0]);
	return status;
}

static int launch(const struct plan *plan)
{
	struct pid_file pf = { NULL, -1 };
	struct exec_report rep;
	struct launch l = { .plan = plan };
	struct sibling sib;
	int fds[2], rc, status = EXIT_SUCCESS;

	if (plan->pid_file)
		pid_file_prepare(plan->pid_file, &pf);
	if (exec_report_open(fds) < 0) {
		if (plan->pid_file)
			pid_file_abandon(&pf);
		die(EXIT_CANCELED, errno, _("cannot create a pipe"));
	}
	l.report_fd = fds[1];

	rc = sibling_start(SIBLING_SIBLING, child_main, &l, 1, &sib);
	close(fds[1]);
	if (rc < 0) {
		int saved = errno;

		if (plan->pid_file)
			pid_file_abandon(&pf);
		clone_failed(saved);
	}
	sib.pidfd = fd_move_above_stdio(sib.pidfd);

	if (plan->verbose) {
		if (sib.path == SIBLING_PATH_CLONE3)
			warn_msg(0, _("created process %ld with clone3"),
				 (long)sib.pid);
		else
			warn_msg(0, _("created process %ld with clone, as "
				 "clone3 failed: %s"), (long)sib.pid,
				 strerror(sib.clone3_errno));
	}

	rc = exec_report_read(fds[0], &rep);
	close(fds[0]);
	if (rc != 0) {
		if (plan->pid_file)
			pid_file_abandon(&pf);
		if (rc < 0)
			die(EXIT_CANCELED, errno,
			    _("cannot read the exec report"));
		return report_exec(plan, &rep);
	}

	if (plan->pid_file &&
	    pid_file_commit(plan->pid_file, &pf, sib.pid) < 0) {
		int saved = errno;

		/* The caller asked for a pid file; PROGRAM without one is
		 * a process nobody can find: stop it rather than leave it. */
		if (sib.pidfd >= 0)
			syscall(SYS_pidfd_send_signal, sib.pidfd, SIGKILL,
				NULL, 0);
		die(EXIT_CANCELED, saved, _("cannot write pid file '%s' "
		    "(PROGRAM was killed)"), plan->pid_file);
	}

	if (plan->wait) {
		status = wait_for_program(sib.pidfd);
		if (status < 0 && errno == ENOTTY)
			die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, "
			    "but this kernel cannot tell its exit status to "
			    "anyone but its parent (Linux 6.15 or later is "
			    "needed)"), (long)sib.pid);
		if (status < 0 && errno == ETIMEDOUT)
			die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, "
			    "but its exit status is unknown: the caller did "
			    "not reap it within %d ms"), (long)sib.pid,
			    REAP_GRACE_MS);
		if (status < 0)
			die(EXIT_CANCELED, errno, _("cannot wait for PROGRAM "
			    "(pid %ld)"), (long)sib.pid);
	}
	close(sib.pidfd);
	return status;
}

int main(int argc, char **argv)
{
	struct plan plan;

	memset(&plan, 0, sizeof(plan));
	parse_args(argc, argv, &plan);
	return launch(&plan);
}
