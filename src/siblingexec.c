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
#include <grp.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <pwd.h>
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
#include <wchar.h>

#include "caplist.h"
#include "exec-report.h"
#include "nls.h"
#include "privs.h"
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
	int show;			/* --show: print the credentials, exit */
	struct privs privs;
	/* As given on the command line, resolved once all are read. */
	const char *user, *group, *groups;
	int clear_groups;
};

struct launch {
	const struct plan *plan;
	int report_fd;			/* writing end of the exec report */
};

static const char *program_name = PACKAGE;

static void nls_init(void)
{
	static int done;
	int saved = errno;	/* the message may be about to print it */

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
	errno = saved;
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

static void __attribute__((noreturn)) usage_error_(const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vwarn_msg(0, fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, _("Try '%s --help' for more information.\n"),
		program_name);
	exit(EXIT_CANCELED);
}

#define usage_error(...)	(nls_init(), usage_error_(__VA_ARGS__))

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
	fputs(_(" -w, --wait               wait for PROGRAM to end and exit "
		"with its status\n"), out);
	fputs(_(" -p, --pid-file=FILE      write PROGRAM's pid to FILE\n"),
	      out);
	fputs(_(" -v, --verbose            say how PROGRAM was started\n"),
	      out);

	fputs(_("\nPrivileges of PROGRAM:\n"), out);
	fputs(_("     --drop-caps=LIST     drop these capabilities from every "
		"set\n"), out);
	fputs(_("     --keep-caps=LIST     keep only these capabilities\n"),
	      out);
	fputs(_("     --ambient-caps=LIST  raise these into the inheritable "
		"and ambient sets\n"), out);
	fputs(_(" -u, --user=USER          run as USER, with USER's groups\n"),
	      out);
	fputs(_(" -g, --group=GROUP        run with GROUP as the group\n"),
	      out);
	fputs(_(" -G, --groups=LIST        set the supplementary groups\n"),
	      out);
	fputs(_("     --clear-groups       no supplementary groups\n"), out);
	fputs(_("     --no-new-privs       set no_new_privs\n"), out);
	fputs(_("     --pdeathsig=SIGNAL   PROGRAM gets SIGNAL when the caller "
		"dies\n"), out);
	fputs(_("     --show               print the credentials PROGRAM "
		"would get, and exit\n"), out);
	fputs(_("     --list-caps          list the capabilities the kernel "
		"knows, and exit\n"), out);

	fputs("\n", out);
	fputs(_(" -h, --help               display this help and exit\n"),
	      out);
	fputs(_(" -V, --version            output version information and "
		"exit\n"), out);

	fputs(_("\nA LIST is comma-separated.  Capabilities are named with or "
		"without \"cap_\",\nin any case, or numbered; \"all\" drops or "
		"keeps them all.\n"), out);

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

static void __attribute__((noreturn)) list_caps(void)
{
	int cap, last = cap_last();
	char buf[32];

	for (cap = 0; cap <= last; cap++)
		printf("%s\n", cap_name(cap, buf, sizeof(buf)));
	exit(close_stdout());
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

/*
 * The largest id: (uid_t)-1 and (gid_t)-1 tell setresuid and setresgid to
 * leave an id unchanged, so they name nobody.
 */
#define ID_MAX			((long long)UINT32_MAX - 1)
#define ID_NOT_A_NUMBER		(-1)
#define ID_OUT_OF_RANGE		(-2)

/* A whole decimal number from 0 to ID_MAX, or one of the two errors. */
static long long parse_id(const char *s)
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
		die(EXIT_CANCELED, errno, _("cannot allocate memory"));
	for (s = list; i < n; i++) {
		size_t len = strcspn(s, ",");
		char *word;

		if (!len)
			die(EXIT_CANCELED, 0, _("--groups: empty group name in "
			    "'%s'"), list);
		word = strndup(s, len);
		if (!word)
			die(EXIT_CANCELED, errno, _("cannot allocate memory"));
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
			die(EXIT_CANCELED, errno, _("cannot allocate memory"));
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

static void resolve_ids(struct plan *plan)
{
	struct privs *p = &plan->privs;
	struct passwd *pw = NULL;

	if (plan->group) {
		p->gid = resolve_group(plan->group);
		p->asked |= PRIVS_GROUP;
	}
	if (plan->user) {
		long long id = ID_NOT_A_NUMBER;

		pw = getpwnam(plan->user);
		if (!pw && (id = parse_id(plan->user)) >= 0) {
			pw = getpwuid((uid_t)id);
			p->uid = (uid_t)id;
		} else if (!pw && id == ID_OUT_OF_RANGE) {
			die(EXIT_CANCELED, 0, _("user id '%s' is out of range "
			    "(0 to %lld)"), plan->user, ID_MAX);
		} else if (!pw) {
			die(EXIT_CANCELED, 0, _("unknown user '%s'"),
			    plan->user);
		}
		if (pw)
			p->uid = pw->pw_uid;
		p->asked |= PRIVS_USER;
		if (!plan->group) {
			/* Fail closed: never leave root's group behind. */
			if (!pw)
				die(EXIT_CANCELED, 0, _("user %s has no entry "
				    "in the user database: give --group"),
				    plan->user);
			p->gid = pw->pw_gid;
		}
	}
	/* A database entry can hold the id that means "no change" too. */
	if ((p->asked & PRIVS_USER) && p->uid == (uid_t)-1)
		die(EXIT_CANCELED, 0, _("user '%s' has the id %lu, which means "
		    "\"no change\" to the kernel"), plan->user,
		    (unsigned long)p->uid);
	if ((p->asked & (PRIVS_USER | PRIVS_GROUP)) && p->gid == (gid_t)-1)
		die(EXIT_CANCELED, 0, _("the group id would be %lu, which "
		    "means \"no change\" to the kernel"),
		    (unsigned long)p->gid);
	if (plan->groups) {
		resolve_groups_list(plan->groups, p);
		p->asked |= PRIVS_GROUPS;
	} else if (plan->clear_groups) {
		p->ngroups = 0;
		p->asked |= PRIVS_GROUPS;
	} else if (plan->user) {
		if (!pw)
			die(EXIT_CANCELED, 0, _("user %s has no entry in the "
			    "user database: give --groups or --clear-groups"),
			    plan->user);
		resolve_user_groups(pw, p);
		p->asked |= PRIVS_INITGROUPS;
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

/*
 * Mutually exclusive options, as util-linux declares them: each row lists
 * options of which one at most may be given.
 */
enum {
	OPT_DROP_CAPS = CHAR_MAX + 1,
	OPT_KEEP_CAPS,
	OPT_AMBIENT_CAPS,
	OPT_CLEAR_GROUPS,
	OPT_NO_NEW_PRIVS,
	OPT_PDEATHSIG,
	OPT_SHOW,
	OPT_LIST_CAPS,
};

static const int exclusive[][3] = {
	{ OPT_DROP_CAPS, OPT_KEEP_CAPS, 0 },
	{ 'G', OPT_CLEAR_GROUPS, 0 },
};

static const struct option longopts[] = {
	{ "wait",		no_argument,		NULL, 'w' },
	{ "pid-file",		required_argument,	NULL, 'p' },
	{ "verbose",		no_argument,		NULL, 'v' },
	{ "drop-caps",		required_argument,	NULL, OPT_DROP_CAPS },
	{ "keep-caps",		required_argument,	NULL, OPT_KEEP_CAPS },
	{ "ambient-caps",	required_argument,	NULL, OPT_AMBIENT_CAPS },
	{ "user",		required_argument,	NULL, 'u' },
	{ "group",		required_argument,	NULL, 'g' },
	{ "groups",		required_argument,	NULL, 'G' },
	{ "clear-groups",	no_argument,		NULL, OPT_CLEAR_GROUPS },
	{ "no-new-privs",	no_argument,		NULL, OPT_NO_NEW_PRIVS },
	{ "pdeathsig",		required_argument,	NULL, OPT_PDEATHSIG },
	{ "show",		no_argument,		NULL, OPT_SHOW },
	{ "list-caps",		no_argument,		NULL, OPT_LIST_CAPS },
	{ "help",		no_argument,		NULL, 'h' },
	{ "version",		no_argument,		NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static const char *option_name(int c)
{
	const struct option *o;

	for (o = longopts; o->name; o++)
		if (o->val == c)
			return o->name;
	return "?";
}

#define N_EXCLUSIVE (sizeof(exclusive) / sizeof(exclusive[0]))

static void check_exclusive(int c, int seen[N_EXCLUSIVE])
{
	size_t row, i;

	for (row = 0; row < N_EXCLUSIVE; row++) {
		for (i = 0; exclusive[row][i]; i++) {
			if (exclusive[row][i] != c)
				continue;
			if (seen[row] && seen[row] != c)
				usage_error(_("--%s and --%s cannot be given "
					      "together"),
					    option_name(seen[row]),
					    option_name(c));
			seen[row] = c;
		}
	}
}

static void parse_args(int argc, char **argv, struct plan *plan)
{
	int seen[N_EXCLUSIVE];
	const char *drop = NULL, *keep = NULL, *ambient = NULL;
	const char *pdeathsig = NULL;
	struct privs *p = &plan->privs;
	int c;

	memset(seen, 0, sizeof(seen));
	opterr = 0;	/* our own messages, translated, exit status 125 */
	while ((c = getopt_long(argc, argv, "+:wp:vu:g:G:hV", longopts, NULL))
	       != -1) {
		check_exclusive(c, seen);
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
		case OPT_DROP_CAPS:
			drop = optarg;
			break;
		case OPT_KEEP_CAPS:
			keep = optarg;
			break;
		case OPT_AMBIENT_CAPS:
			ambient = optarg;
			break;
		case 'u':
			plan->user = optarg;
			break;
		case 'g':
			plan->group = optarg;
			break;
		case 'G':
			plan->groups = optarg;
			break;
		case OPT_CLEAR_GROUPS:
			plan->clear_groups = 1;
			break;
		case OPT_NO_NEW_PRIVS:
			p->asked |= PRIVS_NO_NEW_PRIVS;
			break;
		case OPT_PDEATHSIG:
			pdeathsig = optarg;
			break;
		case OPT_SHOW:
			plan->show = 1;
			break;
		case OPT_LIST_CAPS:
			list_caps();
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
	if (optind >= argc && !plan->show)
		usage_error(_("no program given"));
	plan->argv = argv + optind;

	/* Everything is resolved before any process exists. */
	if (drop || keep || ambient)
		p->last_cap = cap_last();
	if (drop) {
		p->drop = parse_caps("--drop-caps", drop, p->last_cap, 1);
		p->asked |= PRIVS_DROP;
	}
	if (keep) {
		p->keep = parse_caps("--keep-caps", keep, p->last_cap, 1);
		p->asked |= PRIVS_KEEP;
	}
	if (ambient) {
		p->ambient = parse_caps("--ambient-caps", ambient,
					p->last_cap, 0);
		p->asked |= PRIVS_AMBIENT;
	}
	if (pdeathsig) {
		p->pdeathsig = parse_signal(pdeathsig);
		p->asked |= PRIVS_PDEATHSIG;
	}
	resolve_ids(plan);
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
	int rc = 0;

	if (!pf->tmp_path)		/* no pid file was asked for */
		return 0;
	if (dprintf(pf->fd, "%ld\n", (long)pid) < 0 || close(pf->fd) < 0 ||
	    rename(pf->tmp_path, path) < 0) {
		int saved = errno;

		unlink(pf->tmp_path);
		errno = saved;
		rc = -1;
	}
	free(pf->tmp_path);
	return rc;
}

static void pid_file_abandon(struct pid_file *pf)
{
	if (!pf->tmp_path)
		return;
	close(pf->fd);
	unlink(pf->tmp_path);
	free(pf->tmp_path);
}

/* The new process: from here on, only async-signal-safe work. */
static int child_main(void *arg)
{
	const struct launch *l = arg;
	int err, step, detail;

	if (l->plan->privs.asked &&
	    privs_apply(&l->plan->privs, &step, &detail) < 0) {
		exec_report_send(l->report_fd, step, errno, detail);
		return EXIT_CANCELED;
	}
	execvp(l->plan->argv[0], l->plan->argv);
	err = errno;
	exec_report_send(l->report_fd, STEP_EXEC, err, 0);
	return err == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;
}

static void __attribute__((noreturn)) clone_failed(int err)
{
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
	case EMFILE:
		die(EXIT_CANCELED, err, _("cannot create a process (the limit "
		    "on open files is reached: see ulimit -n)"));
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
};

/* Which step of the new process failed, and why; PROGRAM did not run. */
static int report_failure(const struct plan *plan,
			  const struct exec_report *rep)
{
	const struct privs *p = &plan->privs;
	char name[32];

	switch (rep->step) {
	case STEP_EXEC:
		warn_msg(rep->err, _("cannot run '%s'"), plan->argv[0]);
		return rep->err == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;
	case STEP_BOUNDING:
		if (rep->err == EPERM)
			warn_msg(rep->err, _("cannot shrink the bounding set "
				 "(that needs CAP_SETPCAP)"));
		else
			warn_msg(rep->err, _("cannot shrink the bounding "
				 "set"));
		break;
	case STEP_GROUPS:
		warn_msg(rep->err, _("cannot set the supplementary groups"));
		break;
	case STEP_GID:
		warn_msg(rep->err, _("cannot set the group id to %lu"),
			 (unsigned long)p->gid);
		break;
	case STEP_KEEPCAPS:
		warn_msg(rep->err, _("cannot keep capabilities across the "
			 "change of user"));
		break;
	case STEP_UID:
		warn_msg(rep->err, _("cannot set the user id to %lu"),
			 (unsigned long)p->uid);
		break;
	case STEP_CAPS:
		warn_msg(rep->err, _("cannot set the capabilities"));
		break;
	case STEP_AMBIENT_CLEAR:
		warn_msg(rep->err, _("cannot clear the ambient capabilities"));
		break;
	case STEP_AMBIENT_RAISE:
		warn_msg(rep->err, _("cannot raise %s into the ambient set"),
			 cap_name(rep->arg, name, sizeof(name)));
		break;
	case STEP_NO_NEW_PRIVS:
		warn_msg(rep->err, _("cannot set no_new_privs"));
		break;
	case STEP_PDEATHSIG:
		warn_msg(rep->err, _("cannot set the parent-death signal"));
		break;
	case STEP_PARENT_GONE:
		warn_msg(0, _("the caller ended before PROGRAM started"));
		break;
	case STEP_VERIFY:
		if (rep->arg > 0 && rep->arg <= MISMATCH_PDEATHSIG)
			warn_msg(0, _("refusing to run '%s': the check of "
				 "its %s failed"), plan->argv[0],
				 _(mismatch_names[rep->arg]));
		else
			warn_msg(rep->err, _("refusing to run '%s': cannot "
				 "read back its credentials"), plan->argv[0]);
		break;
	default:
		warn_msg(rep->err, _("cannot prepare '%s'"), plan->argv[0]);
		break;
	}
	return EXIT_CANCELED;
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
		pid_file_abandon(&pf);
		die(EXIT_CANCELED, errno, _("cannot create a pipe"));
	}
	l.report_fd = fds[1];

	rc = sibling_start(SIBLING_SIBLING, child_main, &l, 1, &sib);
	close(fds[1]);
	if (rc < 0) {
		int saved = errno;

		pid_file_abandon(&pf);
		clone_failed(saved);
	}
	sib.pidfd = fd_move_above_stdio(sib.pidfd);
	/*
	 * PROGRAM has its own signal dispositions by now (and has executed):
	 * a message to a stderr nobody reads must not kill us with SIGPIPE
	 * before we report and exit.
	 */
	signal(SIGPIPE, SIG_IGN);

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
		pid_file_abandon(&pf);
		if (rc < 0)
			die(EXIT_CANCELED, errno,
			    _("cannot read the exec report"));
		return report_failure(plan, &rep);
	}

	if (pid_file_commit(plan->pid_file, &pf, sib.pid) < 0) {
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

/*
 * A --show label, padded to one column by its width on the screen, which
 * for a translation is not its length in bytes.
 */
static void print_label(const char *label)
{
	wchar_t wide[64];
	size_t n = mbstowcs(wide, label, sizeof(wide) / sizeof(wide[0]));
	int width = 0;
	size_t i;

	if (n == (size_t)-1 || n >= 64) {
		width = (int)strlen(label);
	} else {
		for (i = 0; i < n; i++) {
			int w = wcwidth(wide[i]);

			/* C.UTF-8 knows no widths: wide scripts take two. */
			if (w < 0)
				w = wide[i] >= 0x1100 ? 2 : 1;
			width += w;
		}
	}
	fputs(label, stdout);
	do
		putchar(' ');
	while (++width < 26);
}

/* "none", "all", "all except a, b" or "a, b, c" */
static void print_capset(const char *label, capmask_t set, int last_cap)
{
	capmask_t all = cap_all(last_cap), list = set;
	const char *sep = "";
	char name[32];
	int cap;

	print_label(label);
	if (set == 0) {
		puts(_("none"));
		return;
	}
	if (set == all) {
		puts(_("all"));
		return;
	}
	if (__builtin_popcountll(set) > (last_cap + 1) / 2) {
		/* TRANSLATORS: followed by a list of capabilities */
		fputs(_("all except "), stdout);
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
	print_label(label);
	if (name)
		printf("%s (%s %lu)", name, kind, id[0]);
	else
		printf("%s %lu", kind, id[0]);
	if (id[1] != id[0] || id[2] != id[0])
		printf(_(" (effective %lu, saved %lu)"), id[1], id[2]);
	putchar('\n');
}

/* --show: the credentials PROGRAM would get, set by set, in words. */
static void __attribute__((noreturn)) show(const struct plan *plan)
{
	const struct privs *p = &plan->privs;
	const struct creds *w = &p->want;
	const struct passwd *pw = getpwuid(w->uid[0]);
	const struct group *gr = getgrgid(w->gid[0]);
	unsigned long uid[3] = { w->uid[0], w->uid[1], w->uid[2] };
	unsigned long gid[3] = { w->gid[0], w->gid[1], w->gid[2] };
	int i;

	nls_init();
	print_id(_("user:"), pw ? pw->pw_name : NULL, "uid", uid);
	print_id(_("group:"), gr ? gr->gr_name : NULL, "gid", gid);
	print_label(_("supplementary groups:"));
	if (w->ngroups == 0)
		fputs(_("none"), stdout);
	for (i = 0; i < w->ngroups; i++) {
		gr = getgrgid(w->groups[i]);
		if (gr)
			printf("%s%s", i ? ", " : "", gr->gr_name);
		else
			printf("%s%lu", i ? ", " : "",
			       (unsigned long)w->groups[i]);
	}
	putchar('\n');
	print_capset(_("effective capabilities:"), w->caps.eff, p->last_cap);
	print_capset(_("permitted capabilities:"), w->caps.prm, p->last_cap);
	print_capset(_("inheritable capabilities:"), w->caps.inh,
		     p->last_cap);
	print_capset(_("ambient capabilities:"), w->caps.amb, p->last_cap);
	print_capset(_("bounding set:"), w->caps.bnd, p->last_cap);
	print_label(_("no_new_privs:"));
	puts(w->no_new_privs ? _("yes") : _("no"));
	print_label(_("parent-death signal:"));
	if (w->pdeathsig)
		printf("SIG%s\n", sigabbrev_np(w->pdeathsig) ?
		       sigabbrev_np(w->pdeathsig) : "?");
	else
		puts(_("none"));
	exit(close_stdout());
}

static void plan_privileges(struct plan *plan)
{
	struct privs *p = &plan->privs;
	char name[32];
	int arg = 0;

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
	default:
		die(EXIT_CANCELED, errno, _("cannot read the credentials"));
	}
}

int main(int argc, char **argv)
{
	struct plan plan;
	int status;

	memset(&plan, 0, sizeof(plan));
	parse_args(argc, argv, &plan);
	if (plan.privs.asked || plan.show)
		plan_privileges(&plan);
	if (plan.show)
		show(&plan);
	status = launch(&plan);
	privs_free(&plan.privs);
	return status;
}

#ifdef SIBLINGEXEC_FUZZ
/*
 * Built only for tests/fuzz/fuzz-options.c: parse and plan a command
 * line, never start anything.  The fuzzer turns exit() into a longjmp.
 */
int siblingexec_parse_only(int argc, char **argv);
int siblingexec_parse_only(int argc, char **argv)
{
	struct plan plan;

	memset(&plan, 0, sizeof(plan));
	optind = 0;		/* glibc: start getopt afresh */
	parse_args(argc, argv, &plan);
	if (plan.privs.asked || plan.show)
		plan_privileges(&plan);
	if (plan.show)
		show(&plan);
	privs_free(&plan.privs);
	return 0;
}
#endif
