// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * die-at-pdeathsig.c - a caller that dies just as its child's child asks
 * for a parent-death signal
 *
 * Usage: die-at-pdeathsig COMMAND [ARG...]
 *
 * Runs COMMAND as a child.  The first time a process below us calls
 * prctl(PR_SET_PDEATHSIG), that call is held (seccomp user notification)
 * while we are killed with SIGKILL; once our children have been given to
 * another parent, the call goes on.  So the window between setting the
 * signal and checking the parent, which a real caller hits only by bad
 * luck, is hit every time: nobody will ever send that signal.
 *
 * Run it under a subreaper (caller -r) to reap what it leaves behind.
 * Without the prctl call, it waits for COMMAND and exits with its status.
 */
#include "config.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "native-arch.h"

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "die-at-pdeathsig: %s: %s\n", what, strerror(errno));
	exit(125);
}

/* A filter that hands prctl(PR_SET_PDEATHSIG, ...) to a listener. */
static int install_filter(void)
{
	struct sock_filter prog[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 0, 5),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_prctl, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_SET_PDEATHSIG, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog fprog = {
		.len = sizeof(prog) / sizeof(prog[0]), .filter = prog,
	};
	int fd;

	fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			  SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog);
	if (fd < 0 && errno == EACCES) {
		/* Without CAP_SYS_ADMIN, a filter needs no_new_privs. */
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			die("no_new_privs");
		fd = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
				  SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog);
	}
	if (fd < 0)
		die("seccomp");
	return fd;
}

/* In the watcher: kill the caller at the first call, then let it go on. */
static void __attribute__((noreturn)) watch(int listener, pid_t caller)
{
	struct timespec ms = { 0, 1000000 };
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	int i;

	memset(&req, 0, sizeof(req));
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0)
		die("receive a notification");
	kill(caller, SIGKILL);
	/* Our own new parent says that the caller's children moved. */
	for (i = 0; i < 10000 && getppid() == caller; i++)
		nanosleep(&ms, NULL);
	memset(&resp, 0, sizeof(resp));
	resp.id = req.id;
	resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0)
		die("let the call go on");
	_exit(0);
}

int main(int argc, char **argv)
{
	pid_t caller = getpid(), watcher, child;
	int listener, status;

	if (argc < 2) {
		fputs("usage: die-at-pdeathsig COMMAND [ARG...]\n", stderr);
		return 2;
	}
	listener = install_filter();
	watcher = fork();
	if (watcher < 0)
		die("fork");
	if (watcher == 0)
		watch(listener, caller);
	close(listener);

	child = fork();
	if (child < 0)
		die("fork");
	if (child == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "die-at-pdeathsig: cannot run '%s': %s\n",
			argv[1], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid");
	kill(watcher, SIGKILL);
	waitpid(watcher, NULL, 0);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
