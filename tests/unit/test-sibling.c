// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-sibling.c - TAP tests for the process core (src/sibling.c)
 *
 * Usage: test-sibling [clone3|clone|refused ERRNO]
 * The argument says which path the core is expected to take: run it under
 * tests/helpers/fail-syscall to make clone3 answer ENOSYS, or ERRNO (a name
 * below), which must come back unchanged.  test-sibling-portable is the
 * same test of the core's portable clone3 (fork-like, in C), built on
 * architectures that have a memory-sharing one too.  Where the kernel has
 * no clone3 the clone3 mode skips.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sibling.h"

static int test_count;
static int failures;

static void ok(int cond, const char *name)
{
	test_count++;
	if (!cond)
		failures++;
	printf("%sok %d - %s\n", cond ? "" : "not ", test_count, name);
}

static int return_zero(void *arg)
{
	(void)arg;
	return 0;
}

static int return_minus_one(void *arg)
{
	(void)arg;
	return -1;
}

static int return_seven(void *arg)
{
	(void)arg;
	return 7;
}

static int write_marker(void *arg)
{
	*(int *)arg = 42;
	return 0;
}

static int child_status(enum sibling_path want, sibling_fn fn, int *status)
{
	struct sibling sib;

	if (sibling_start(SIBLING_CHILD, fn, NULL, 0, &sib) < 0)
		return -1;
	if (sib.path != want)
		return -1;
	if (waitpid(sib.pid, status, 0) != sib.pid)
		return -1;
	return 0;
}

/*
 * A middle process makes a sibling and must not be able to wait for it;
 * we, the grandparent, reap both.  Returns 0 when everything was as it
 * should be.
 */
static int sibling_goes_to_grandparent(enum sibling_path want)
{
	int fds[2], status, got_middle = 0, got_sibling = 0;
	pid_t middle, pid, sibling_pid = -1;

	if (pipe(fds) < 0)
		return -1;
	middle = fork();
	if (middle < 0)
		return -1;
	if (middle == 0) {
		struct sibling sib;
		int rc;

		close(fds[0]);
		rc = sibling_start(SIBLING_SIBLING, return_seven, NULL, 1, &sib);
		if (rc < 0 || sib.path != want)
			_exit(1);
		if (write(fds[1], &sib.pid, sizeof(sib.pid)) != sizeof(sib.pid))
			_exit(2);
		/* It is not our child: waitpid must say so. */
		if (waitpid(sib.pid, &status, WNOHANG) != -1 || errno != ECHILD)
			_exit(3);
		/* But the pidfd tells us when it has ended. */
		{
			struct pollfd p = { .fd = sib.pidfd, .events = POLLIN };

			if (poll(&p, 1, 10000) != 1 || !(p.revents & POLLIN))
				_exit(4);
		}
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &sibling_pid, sizeof(sibling_pid)) !=
	    sizeof(sibling_pid))
		sibling_pid = -1;
	close(fds[0]);

	while ((pid = wait(&status)) > 0) {
		if (pid == middle)
			got_middle = WIFEXITED(status) &&
				     WEXITSTATUS(status) == 0;
		else if (pid == sibling_pid)
			got_sibling = WIFEXITED(status) &&
				      WEXITSTATUS(status) == 7;
	}
	return got_middle && got_sibling ? 0 : -1;
}

/* The errors the core must pass on as they are, without a fallback. */
static const struct { const char *name; int value; } refusals[] = {
	{ "EPERM", EPERM }, { "EAGAIN", EAGAIN }, { "ENOMEM", ENOMEM },
	{ "EINVAL", EINVAL },
};

static int refused(const char *name)
{
	struct sibling sib;
	int want = 0, rc;
	size_t i;

	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
		if (strcmp(refusals[i].name, name) == 0)
			want = refusals[i].value;
	printf("1..2\n");
	errno = 0;
	rc = sibling_start(SIBLING_CHILD, return_zero, NULL, 0, &sib);
	printf("# child: %d, %s\n", rc, strerror(errno));
	ok(want && rc == -1 && errno == want,
	   "the error of clone3 is returned as it is, not retried with clone");
	errno = 0;
	rc = sibling_start(SIBLING_SIBLING, return_zero, NULL, 1, &sib);
	printf("# sibling: %d, %s\n", rc, strerror(errno));
	ok(want && rc == -1 && errno == want,
	   "the same for a sibling with a pidfd");
	return failures ? 1 : 0;
}

/* Too small a size is EINVAL where clone3 exists, ENOSYS where not. */
static int kernel_has_clone3(void)
{
#ifdef SYS_clone3
	return syscall(SYS_clone3, NULL, 0) < 0 && errno != ENOSYS;
#else
	return 0;
#endif
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "clone3";
	enum sibling_path want = SIBLING_PATH_CLONE3;
	struct sibling sib;
	int status = 0, marker = 0, rc;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (strcmp(mode, "refused") == 0 && argc > 2)
		return refused(argv[2]);
	if (strcmp(mode, "clone3") == 0 && !kernel_has_clone3()) {
		printf("1..0 # SKIP the kernel has no clone3 (before 5.3)\n");
		return 0;
	}
	if (strcmp(mode, "clone") == 0)
		want = SIBLING_PATH_CLONE;

	printf("1..8\n");
	ok(child_status(want, return_zero, &status) == 0 &&
	   WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "a child returning 0 exits 0");
	ok(child_status(want, return_minus_one, &status) == 0 &&
	   WIFEXITED(status) && WEXITSTATUS(status) == 255,
	   "a child returning -1 exits 255");
	ok(sibling_goes_to_grandparent(want) == 0,
	   "a sibling is reaped by the grandparent, not by its creator");

	/* Ignoring SIGCHLD reaps children at once, but not a quiet one. */
	signal(SIGCHLD, SIG_IGN);
	rc = sibling_start(SIBLING_QUIET_CHILD, return_seven, NULL, 0, &sib);
	ok(rc == 0 && sib.path == want &&
	   waitpid(sib.pid, &status, __WALL) == sib.pid &&
	   WIFEXITED(status) && WEXITSTATUS(status) == 7,
	   "a quiet child stays a zombie until waited for, SIGCHLD ignored");
	signal(SIGCHLD, SIG_DFL);

	rc = sibling_start(SIBLING_CHILD, return_zero, NULL, 1, &sib);
	ok(rc == 0 && sib.pidfd > 2 && waitpid(sib.pid, &status, 0) == sib.pid,
	   "a child comes with a pidfd when asked");
	if (rc == 0)
		close(sib.pidfd);

	rc = sibling_start(SIBLING_CHILD, return_zero, NULL, 0, &sib);
	ok(rc == 0 && sib.pidfd == -1 && waitpid(sib.pid, &status, 0) > 0,
	   "no pidfd unless asked");

	rc = sibling_start(SIBLING_CHILD, return_zero, NULL, 0, &sib);
	ok(rc == 0 && sib.path == want &&
	   sib.clone3_errno == (want == SIBLING_PATH_CLONE ? ENOSYS : 0),
	   want == SIBLING_PATH_CLONE ?
	   "the clone fallback is used, and says clone3 answered ENOSYS" :
	   "clone3 is used and no fallback is reported");
	if (rc == 0)
		waitpid(sib.pid, &status, 0);

	/*
	 * Not a promise of the interface, a check of the design: where memory
	 * is shared until exec the caller sees the child's write.  Valgrind
	 * turns vfork into fork, so there the write stays in the child.
	 */
	rc = sibling_start(SIBLING_CHILD, write_marker, &marker, 0, &sib);
	if (rc == 0)
		waitpid(sib.pid, &status, 0);
	if (getenv("SIBLINGEXEC_UNDER_VALGRIND"))
		printf("ok %d - the child shares memory # SKIP valgrind\n",
		       ++test_count);
#if !SIBLING_CLONE3_SHARES_MEMORY
	else if (want == SIBLING_PATH_CLONE3)
		printf("ok %d - the child shares memory # SKIP fork-like clone3 here\n",
		       ++test_count);
#endif
	else
		ok(rc == 0 && marker == 42,
		   "the child shares the caller's memory until exec");
	return failures ? 1 : 0;
}
