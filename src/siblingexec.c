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
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

#include "caplist.h"
#include "exec-report.h"
#include "nls.h"
#include "privs.h"
#include "sibling.h"
#include "wait.h"

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

/* A whole decimal number that fits in an id; -1 otherwise. */
static long long parse_id(const char *s)
{
	long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v >= (long long)UINT32_MAX)	/* (uid_t)-1 means "none" */
			return -1;
	}
	return v;
}

static gid_t resolve_group(const char *name)
{
	struct group *gr = getgrnam(name);
	long long id;

	if (gr)
		return gr->gr_gid;
	id = parse_id(name);
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
		long long id;

		pw = getpwnam(plan->user);
		if (!pw && (id = parse_id(plan->user)) >= 0) {
			pw = getpwuid((uid_t)id);
			p->uid = (uid_t)id;
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

/*
 * The long option at argv[optind - 1] as the user typed it, without
 * "=VALUE" (getopt has stepped past it).  optopt would not do: for a long
 * option it is our own code number, nothing to show a user.
 */
static const char *typed_option(char **argv, char *buf, size_t size)
{
	const char *arg = argv[optind - 1];

	snprintf(buf, size, "%.*s", (int)strcspn(arg, "="), arg);
	return buf;
}

/* "--group, --groups": the long options an abbreviation could mean. */
static int candidates(const char *typed, char *buf, size_t size)
{
	const struct option *o;
	size_t len = strlen(typed + 2), used = 0;
	int n = 0;

	buf[0] = '\0';
	for (o = longopts; o->name && used < size; o++) {
		if (strncmp(o->name, typed + 2, len) != 0)
			continue;
		used += (size_t)snprintf(buf + used, size - used, "%s--%s",
					 n++ ? ", " : "", o->name);
	}
	return n;
}

/* getopt_long answered '?' or ':': name the option as typed, say why. */
static void __attribute__((noreturn)) bad_option(int c, char **argv)
{
	char typed[64], list[256];

	if (c == ':' && strncmp(argv[optind - 1], "--", 2) != 0)
		snprintf(typed, sizeof(typed), "-%c", optopt);
	else
		typed_option(argv, typed, sizeof(typed));
	if (c == ':')
		usage_error(_("option '%s' requires an argument"), typed);
	/* A letter no option has, long or short, is a short option. */
	if (optopt && strcmp(option_name(optopt), "?") == 0)
		usage_error(_("invalid option -- '%c'"), optopt);
	if (optopt)
		usage_error(_("option '%s' does not take an argument"), typed);
	if (strncmp(typed, "--", 2) == 0 && typed[2] &&
	    candidates(typed, list, sizeof(list)) > 1)
		usage_error(_("option '%s' is ambiguous; it could be %s"),
			    typed, list);
	usage_error(_("unrecognized option '%s'"), typed);
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
		default:
			bad_option(c, argv);
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

/*
 * The new process.  Until execve() it may run in our memory (CLONE_VM |
 * CLONE_VFORK: clone3 on x86_64, the clone(2) fallback everywhere) and with
 * our thread's TLS (errno, libcap-ng's state), while our one thread waits
 * in clone.  Its work is not async-signal-safe: libcap-ng 0.8.3 reads
 * /proc/PID/status with fopen() when it changes the bounding set, so
 * malloc() and stdio run here, in the launcher's heap.  That is safe only
 * because siblingexec has no other thread and no signal handler: nothing
 * else can be inside malloc() or hold a stdio lock while we are here, and
 * every fopen() is closed again.  So: no threads in the launcher, no
 * exit() here (the launcher's atexit handlers and buffers), no output
 * through stdio.  After the clone the launcher may use libcap-ng's table
 * of names, but not its per-thread state, which the child has changed.
 */
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

/* TRANSLATORS: where --wait found PROGRAM's exit status, in "PROGRAM
   (pid %ld) ended; its exit status came from %s". */
static const char *const exit_source_names[] = {
	[EXIT_FROM_PIDFD]	= N_("its pidfd"),
	[EXIT_FROM_CONNECTOR]	= N_("the process-events connector"),
	[EXIT_FROM_ZOMBIE]	= N_("/proc, before it was reaped"),
};

static void __attribute__((noreturn)) wait_failed(pid_t pid, int err)
{
	long p = (long)pid;

	switch (err) {
	case ENOTTY:
		die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, but its "
		    "exit status is lost: its parent reaped it first, and "
		    "before Linux 6.13 the kernel tells it to nobody else "
		    "(run siblingexec as root, or use Linux 6.15 or later)"),
		    p);
	case ENOPROTOOPT:
		die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, but its "
		    "exit status is lost: its parent reaped it first, and on "
		    "Linux 6.13 and 6.14 its pidfd keeps no exit status (run "
		    "siblingexec as root, or use Linux 6.15 or later)"), p);
	case ESRCH:
		die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, but its "
		    "exit status is lost: its parent reaped it first"), p);
	case EACCES:
		die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, but "
		    "/proc does not show its exit status to siblingexec (it "
		    "runs with other credentials, or /proc is not mounted)"),
		    p);
	case ETIMEDOUT:
		die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, but its "
		    "exit status is unknown: /proc does not show it to "
		    "siblingexec, and its parent did not reap it within %d "
		    "ms"), p, EXIT_WATCH_REAP_MS);
	}
	die(EXIT_CANCELED, err, _("cannot wait for PROGRAM (pid %ld)"), p);
}

/* --wait: PROGRAM's exit status, or 128+S for signal S. */
static int wait_for_program(struct exit_watch *w, const struct sibling *sib,
			    int verbose)
{
	int wstatus, rc, err;

	rc = exit_watch_wait(w, sib->pid, sib->pidfd, &wstatus);
	err = errno;
	exit_watch_close(w);
	/* If it was let go and nobody reads it now, the message is lost. */
	(void)exit_watch_reclaim_stderr(w);
	if (rc < 0)
		wait_failed(sib->pid, err);
	if (verbose)
		warn_msg(0, _("PROGRAM (pid %ld) ended; its exit status came "
			 "from %s"), (long)sib->pid,
			 _(exit_source_names[w->source]));
	return exit_status_of(wstatus);
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
	struct exit_watch watch;
	int fds[2], rc, status = EXIT_SUCCESS;

	if (plan->pid_file)
		pid_file_prepare(plan->pid_file, &pf);
	if (exec_report_open(fds) < 0) {
		pid_file_abandon(&pf);
		die(EXIT_CANCELED, errno, _("cannot create a pipe"));
	}
	l.report_fd = fds[1];

	if (plan->wait)		/* PROGRAM's exit is not to be missed */
		exit_watch_open(&watch);
	rc = sibling_start(SIBLING_SIBLING, child_main, &l, 1, &sib);
	close(fds[1]);
	if (rc < 0) {
		int saved = errno;

		if (plan->wait)
			exit_watch_close(&watch);
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
	if (rc != 0 && plan->wait)
		exit_watch_close(&watch);
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
		if (plan->wait)
			exit_watch_close(&watch);
		die(EXIT_CANCELED, saved, _("cannot write pid file '%s' "
		    "(PROGRAM was killed)"), plan->pid_file);
	}

	if (plan->wait)
		status = wait_for_program(&watch, &sib, plan->verbose);
	close(sib.pidfd);
	return status;
}

/* The rows of --show, in order. */
enum show_row {
	ROW_USER, ROW_GROUP, ROW_GROUPS, ROW_EFFECTIVE, ROW_PERMITTED,
	ROW_INHERITABLE, ROW_AMBIENT, ROW_BOUNDING, ROW_NO_NEW_PRIVS,
	ROW_PDEATHSIG, N_ROWS
};

static const char *const row_labels[N_ROWS] = {
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
};

/* The width of a label on the screen, which is not its length in bytes. */
static int label_width(const char *label)
{
	wchar_t wide[64];
	size_t n = mbstowcs(wide, label, sizeof(wide) / sizeof(wide[0]));
	int width = 0;
	size_t i;

	if (n == (size_t)-1 || n >= 64)
		return (int)strlen(label);
	for (i = 0; i < n; i++) {
		int w = wcwidth(wide[i]);

		/* A locale that knows no widths: wide scripts take two. */
		if (w < 0)
			w = wide[i] >= 0x1100 ? 2 : 1;
		width += w;
	}
	return width;
}

/* The values of --show start one column after the widest label. */
static int value_column(void)
{
	int row, width, column = 0;

	for (row = 0; row < N_ROWS; row++) {
		width = label_width(_(row_labels[row]));
		if (width > column)
			column = width;
	}
	return column + 1;
}

static void print_label(enum show_row row)
{
	static int column;
	const char *label = _(row_labels[row]);
	int width = label_width(label);

	if (!column)
		column = value_column();
	fputs(label, stdout);
	do
		putchar(' ');
	while (++width < column);
}

/*
 * "none", "all", "all except a, b" or "a, b, c".  The words have a
 * context: a language may need another form for capabilities than for
 * groups or a signal.
 */
static void print_capset(enum show_row row, capmask_t set, int last_cap)
{
	capmask_t all = cap_all(last_cap), list = set;
	const char *sep = "";
	char name[32];
	int cap;

	print_label(row);
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

static void print_id(enum show_row row, const char *name, const char *kind,
		     unsigned long id[3])
{
	print_label(row);
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
	print_id(ROW_USER, pw ? pw->pw_name : NULL, "uid", uid);
	print_id(ROW_GROUP, gr ? gr->gr_name : NULL, "gid", gid);
	print_label(ROW_GROUPS);
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
	print_capset(ROW_EFFECTIVE, w->caps.eff, p->last_cap);
	print_capset(ROW_PERMITTED, w->caps.prm, p->last_cap);
	print_capset(ROW_INHERITABLE, w->caps.inh, p->last_cap);
	print_capset(ROW_AMBIENT, w->caps.amb, p->last_cap);
	print_capset(ROW_BOUNDING, w->caps.bnd, p->last_cap);
	print_label(ROW_NO_NEW_PRIVS);
	puts(w->no_new_privs ? _("yes") : _("no"));
	print_label(ROW_PDEATHSIG);
	if (w->pdeathsig)
		printf("SIG%s\n", sigabbrev_np(w->pdeathsig) ?
		       sigabbrev_np(w->pdeathsig) : "?");
	else
		/* TRANSLATORS: no parent-death signal */
		puts(C_("signal", "none"));
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
