// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fail-syscall.c - run a command with some system calls made to fail
 *
 * Usage: fail-syscall RULE... -- COMMAND [ARG...]
 *   RULE is NAME[/ARG0[/ARG1]]=ERRNO: every call of NAME (whose first and
 *   second arguments equal ARG0 and ARG1, when given; "*" matches any)
 *   fails with ERRNO (a number or one of the names below) in COMMAND and
 *   everything it starts.  ERRNO 0 (or SUCCESS) fakes a success: the call
 *   returns 0 and does nothing, as a kernel or a sandbox that ignores a
 *   request would.  ERRNO "ret:N" makes the call return N instead (one N
 *   for all such rules), as a kernel with another answer would: this
 *   helper stays the command's parent and answers through a seccomp
 *   user notification, and exits as the command does.  ERRNO "KILL"
 *   kills the whole process at the call instead, of SIGSYS (what a
 *   filter's SECCOMP_RET_KILL_PROCESS does).
 *
 * Usage: fail-syscall --dump RULE...
 *   writes the filter to stdout instead, as a raw array of struct
 *   sock_filter (what siblingexec --seccomp-filter reads).
 *
 * A seccomp filter, installed without no_new_privs where we may (so that
 * the command's NoNewPrivs stays what the test sets), with it otherwise.
 */
#include "config.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* The filter lets every other ABI's calls (x32, compat) through. */
#include "native-arch.h"

/*
 * seccomp_data.args are 64 bits wide and BPF loads 32: the low half is
 * first on little-endian machines, second on big-endian ones (s390x).
 */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
# define ARG_LOW_HALF(a) (offsetof(struct seccomp_data, args[a]) + 4)
#else
# define ARG_LOW_HALF(a) offsetof(struct seccomp_data, args[a])
#endif

#ifndef SYS_clone3
# define SYS_clone3 435		/* headers before 5.3; not mips, not alpha */
#endif

/*
 * The calls libc really makes: where 32-bit ids came late (i386, arm),
 * glibc uses the *32 calls, and where mmap takes a page offset, mmap2.
 */
#ifdef SYS_setresuid32
# define SYS_SETRESUID SYS_setresuid32
# define SYS_SETRESGID SYS_setresgid32
# define SYS_SETGROUPS SYS_setgroups32
#else
# define SYS_SETRESUID SYS_setresuid
# define SYS_SETRESGID SYS_setresgid
# define SYS_SETGROUPS SYS_setgroups
#endif
#ifdef SYS_mmap2
# define SYS_MMAP SYS_mmap2
#else
# define SYS_MMAP SYS_mmap
#endif
#ifndef SYS_landlock_create_ruleset
# define SYS_landlock_create_ruleset 444
# define SYS_landlock_add_rule 445
# define SYS_landlock_restrict_self 446
#endif

static const struct { const char *name; long nr; } syscalls[] = {
	{ "clone3",	SYS_clone3 },
	{ "clone",	SYS_clone },
	{ "capset",	SYS_capset },
	{ "prctl",	SYS_prctl },
	{ "setresuid",	SYS_SETRESUID },
	{ "setresgid",	SYS_SETRESGID },
	{ "setgroups",	SYS_SETGROUPS },
	{ "execve",	SYS_execve },
	{ "pipe2",	SYS_pipe2 },
	{ "mmap",	SYS_MMAP },
	{ "ioctl",	SYS_ioctl },
	{ "socket",	SYS_socket },
	{ "prlimit64",	SYS_prlimit64 },
	{ "setpriority", SYS_setpriority },
	{ "umask",	SYS_umask },
	{ "setsid",	SYS_setsid },
	{ "chdir",	SYS_chdir },
	{ "close_range", SYS_close_range },
	{ "rt_sigaction", SYS_rt_sigaction },
	{ "rt_sigprocmask", SYS_rt_sigprocmask },
	{ "pidfd_send_signal", SYS_pidfd_send_signal },
	{ "unshare",	SYS_unshare },
	{ "mount",	SYS_mount },
	{ "umount2",	SYS_umount2 },
	{ "setns",	SYS_setns },
	{ "landlock_create_ruleset",	SYS_landlock_create_ruleset },
	{ "landlock_add_rule",		SYS_landlock_add_rule },
	{ "landlock_restrict_self",	SYS_landlock_restrict_self },
	{ "seccomp",	SYS_seccomp },
	{ "pread64",	SYS_pread64 },
	{ "write",	SYS_write },
};

static const struct { const char *name; int value; } errnos[] = {
	{ "ENOSYS", ENOSYS }, { "EPERM", EPERM }, { "EAGAIN", EAGAIN },
	{ "ENOMEM", ENOMEM }, { "EINVAL", EINVAL }, { "EACCES", EACCES },
	{ "EMFILE", EMFILE }, { "SUCCESS", 0 },
	{ "EBUSY", EBUSY }, { "EOPNOTSUPP", EOPNOTSUPP },
};

#define MAX_RULES 16

/* The value "ret:N" rules answer with; -1: no such rule. */
static long fake_return = -1;

static void die(const char *msg)
{
	fprintf(stderr, "fail-syscall: %s\n", msg);
	exit(125);
}

static long syscall_number(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(syscalls) / sizeof(syscalls[0]); i++)
		if (strcmp(syscalls[i].name, name) == 0)
			return syscalls[i].nr;
	die("unknown system call name");
	return -1;
}

static int errno_value(const char *name)
{
	size_t i;
	char *end;
	long v;

	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (strcmp(errnos[i].name, name) == 0)
			return errnos[i].value;
	errno = 0;
	v = strtol(name, &end, 10);
	if (errno || *end || end == name || v < 0 || v > 4095)
		die("bad errno");
	return (int)v;
}

/*
 * Answer every notification with fake_return until the command ends:
 * what it starts as a sibling is our child too, but we do not wait for
 * it (nor reap it, so that the caller above us sees it as before).
 */
static int answer(int listener, pid_t pid)
{
	struct pollfd pfd = { .fd = listener, .events = POLLIN };
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	int status;

	for (;;) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return status;
		if (poll(&pfd, 1, 20) <= 0 || !(pfd.revents & POLLIN))
			continue;
		memset(&req, 0, sizeof(req));
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
			continue;	/* the caller died meanwhile */
		memset(&resp, 0, sizeof(resp));
		resp.id = req.id;
		resp.val = fake_return;
		ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
	}
}

static int run_answering(int listener, char **cmd)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork failed");
	if (pid == 0) {
		close(listener);
		execvp(cmd[0], cmd);
		fprintf(stderr, "fail-syscall: cannot run '%s': %s\n", cmd[0],
			strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	status = answer(listener, pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) :
	       128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	struct sock_filter prog[8 + 8 * MAX_RULES];
	struct sock_fprog fprog;
	unsigned n = 0, flags;
	int listener;
	int i, dump = argc > 1 && strcmp(argv[1], "--dump") == 0;

	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			offsetof(struct seccomp_data, arch));
	prog[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
			NATIVE_ARCH, 1, 0);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ALLOW);

	for (i = 1 + dump; i < argc && strcmp(argv[i], "--") != 0; i++) {
		char *rule = strdup(argv[i]), *eq, *slash;
		unsigned long args[2];
		int any[2] = { 0, 0 };
		int err, nargs, ncmp, a;
		unsigned action;
		long nr;

		if (!rule || n + 8 > sizeof(prog) / sizeof(prog[0]))
			die("too many rules");
		eq = strchr(rule, '=');
		if (!eq)
			die("a rule is NAME[/ARG0[/ARG1]]=ERRNO");
		*eq = '\0';
		if (strcmp(eq + 1, "KILL") == 0) {
			action = SECCOMP_RET_KILL_PROCESS;
		} else if (strncmp(eq + 1, "ret:", 4) == 0) {
			fake_return = strtol(eq + 5, NULL, 10);
			action = SECCOMP_RET_USER_NOTIF;
		} else {
			err = errno_value(eq + 1);
			action = SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA);
		}
		nargs = 0;
		for (slash = strchr(rule, '/'); slash && nargs < 2;
		     slash = strchr(slash + 1, '/')) {
			*slash = '\0';
			any[nargs] = slash[1] == '*';
			args[nargs++] = strtoul(slash + 1, NULL, 0);
		}
		nr = syscall_number(rule);
		ncmp = nargs - any[0] - any[1];

		/* Each test jumps past the RET below when it does not match. */
		prog[n++] = (struct sock_filter)BPF_STMT(
				BPF_LD | BPF_W | BPF_ABS,
				offsetof(struct seccomp_data, nr));
		prog[n++] = (struct sock_filter)BPF_JUMP(
				BPF_JMP | BPF_JEQ | BPF_K, nr, 0,
				(unsigned char)(1 + 2 * ncmp));
		for (a = 0; a < nargs; a++) {
			if (any[a])
				continue;
			ncmp--;
			prog[n++] = (struct sock_filter)BPF_STMT(
					BPF_LD | BPF_W | BPF_ABS,
					ARG_LOW_HALF(a));
			prog[n++] = (struct sock_filter)BPF_JUMP(
					BPF_JMP | BPF_JEQ | BPF_K, args[a], 0,
					(unsigned char)(1 + 2 * ncmp));
		}
		prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
				action);
		free(rule);
	}
	if (dump) {
		prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
				SECCOMP_RET_ALLOW);
		return fwrite(prog, sizeof(prog[0]), n, stdout) == n &&
		       fflush(stdout) == 0 ? 0 : 1;
	}
	flags = fake_return >= 0 ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0;
	if (i >= argc - 1)
		die("usage: fail-syscall NAME[/ARG0[/ARG1]]=ERRNO... -- COMMAND [ARG...]");
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ALLOW);

	fprog.len = (unsigned short)n;
	fprog.filter = prog;
	listener = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags,
				&fprog);
	if (listener < 0) {
		if (errno != EACCES)
			die("seccomp failed");
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			die("seccomp failed");
		listener = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
					flags, &fprog);
		if (listener < 0)
			die("seccomp failed");
	}
	if (fake_return >= 0)
		return run_answering(listener, argv + i + 1);
	execvp(argv[i + 1], argv + i + 1);
	fprintf(stderr, "fail-syscall: cannot run '%s': %s\n", argv[i + 1],
		strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
