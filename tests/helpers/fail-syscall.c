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
 *   request would.
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
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
# define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
# define NATIVE_ARCH AUDIT_ARCH_AARCH64
#elif defined(__i386__)
# define NATIVE_ARCH AUDIT_ARCH_I386
#else
# error "fail-syscall: add this architecture's AUDIT_ARCH"
#endif

#ifndef SYS_clone3
# define SYS_clone3 435
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
	{ "setresuid",	SYS_setresuid },
	{ "setresgid",	SYS_setresgid },
	{ "setgroups",	SYS_setgroups },
	{ "execve",	SYS_execve },
	{ "pipe2",	SYS_pipe2 },
	{ "mmap",	SYS_mmap },
	{ "ioctl",	SYS_ioctl },
	{ "socket",	SYS_socket },
	{ "landlock_create_ruleset",	SYS_landlock_create_ruleset },
	{ "landlock_add_rule",		SYS_landlock_add_rule },
	{ "landlock_restrict_self",	SYS_landlock_restrict_self },
	{ "seccomp",	SYS_seccomp },
};

static const struct { const char *name; int value; } errnos[] = {
	{ "ENOSYS", ENOSYS }, { "EPERM", EPERM }, { "EAGAIN", EAGAIN },
	{ "ENOMEM", ENOMEM }, { "EINVAL", EINVAL }, { "EACCES", EACCES },
	{ "EMFILE", EMFILE }, { "EOPNOTSUPP", EOPNOTSUPP },
	{ "SUCCESS", 0 },
};

#define MAX_RULES 16

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

int main(int argc, char **argv)
{
	struct sock_filter prog[8 + 8 * MAX_RULES];
	struct sock_fprog fprog;
	unsigned n = 0;
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
		long nr;

		if (!rule || n + 8 > sizeof(prog) / sizeof(prog[0]))
			die("too many rules");
		eq = strchr(rule, '=');
		if (!eq)
			die("a rule is NAME[/ARG0[/ARG1]]=ERRNO");
		*eq = '\0';
		err = errno_value(eq + 1);
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
					offsetof(struct seccomp_data, args[a]));
			prog[n++] = (struct sock_filter)BPF_JUMP(
					BPF_JMP | BPF_JEQ | BPF_K, args[a], 0,
					(unsigned char)(1 + 2 * ncmp));
		}
		prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
				SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA));
		free(rule);
	}
	if (dump) {
		prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
				SECCOMP_RET_ALLOW);
		return fwrite(prog, sizeof(prog[0]), n, stdout) == n &&
		       fflush(stdout) == 0 ? 0 : 1;
	}
	if (i >= argc - 1)
		die("usage: fail-syscall NAME[/ARG0[/ARG1]]=ERRNO... -- COMMAND [ARG...]");
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
			SECCOMP_RET_ALLOW);

	fprog.len = (unsigned short)n;
	fprog.filter = prog;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) < 0) {
		if (errno != EACCES)
			die("seccomp failed");
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) < 0)
			die("seccomp failed");
	}
	execvp(argv[i + 1], argv + i + 1);
	fprintf(stderr, "fail-syscall: cannot run '%s': %s\n", argv[i + 1],
		strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
