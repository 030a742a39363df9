// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * wait.c - learn the exit status of a process we did not create
 *
 * Which way works depends on the kernel, on our privileges and on when the
 * caller reaps PROGRAM; wait.h lists them.  Each answer is exact or not
 * given: a status read from /proc is only believed when the pidfd shows
 * afterwards that PROGRAM was still unreaped, so its pid was not reused.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "exec-report.h"
#include "proc-events.h"
#include "sibling.h"
#include "wait.h"
#include "zombie.h"

/*
 * PIDFD_GET_INFO (Linux 6.13) and its PIDFD_INFO_EXIT (6.15) are missing
 * from older kernel headers; the layout is the kernel's ABI.
 */
#define INFO_EXIT	(1ULL << 3)
struct pidfd_exit_info {
	uint64_t mask;
	uint64_t cgroupid;
	uint32_t pid, tgid, ppid, ruid, rgid, euid, egid, suid, sgid;
	uint32_t fsuid, fsgid;
	int32_t exit_code;
};
#define PIDFD_GET_EXIT_INFO	_IOWR(0xFF, 11, struct pidfd_exit_info)

/* How long the exit event may trail the pidfd's news of the exit. */
#define EVENT_LAG_MS		1000

/* 1 and *wstatus: reaped, status known; 0: not reaped yet; -1 and errno. */
static int pidfd_exit_status(int pidfd, int *wstatus)
{
	struct pidfd_exit_info info;

	memset(&info, 0, sizeof(info));
	info.mask = INFO_EXIT;
	if (ioctl(pidfd, PIDFD_GET_EXIT_INFO, &info) < 0)
		return -1;
	if (!(info.mask & INFO_EXIT))
		return 0;
	*wstatus = info.exit_code;
	return 1;
}

static int probe_child(void *arg)
{
	(void)arg;
	return 0;
}

/*
 * Ask the kernel rather than trust its version number: start a child that
 * exits at once, reap it, and see what its pidfd still tells.
 */
static enum pidfd_exit_support probe_kernel(void)
{
	struct sibling child;
	int wstatus, rc;

	if (sibling_start(SIBLING_CHILD, probe_child, NULL, 1, &child) < 0)
		return PIDFD_EXIT_UNKNOWN;
	while (waitpid(child.pid, &wstatus, __WALL) < 0 && errno == EINTR)
		;
	rc = child.pidfd < 0 ? -1 : pidfd_exit_status(child.pidfd, &wstatus);
	if (child.pidfd >= 0)
		close(child.pidfd);
	if (rc == 1)
		return PIDFD_EXIT_YES;
	if (rc == 0 || errno == ESRCH)
		return PIDFD_EXIT_NO_EXIT;
	if (errno == ENOTTY || errno == EINVAL || errno == EOPNOTSUPP)
		return PIDFD_EXIT_NO_IOCTL;
	return PIDFD_EXIT_UNKNOWN;
}

void exit_watch_open(struct exit_watch *w)
{
	struct timespec now;

	w->events_fd = -1;
	w->stderr_path = -1;
	w->kernel = probe_kernel();
	if (w->kernel == PIDFD_EXIT_YES)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	w->since_ns = (uint64_t)now.tv_sec * 1000000000u +
		      (uint64_t)now.tv_nsec;
	w->events_fd = proc_events_open();
}

void exit_watch_close(struct exit_watch *w)
{
	proc_events_close(w->events_fd);
	w->events_fd = -1;
}

/* poll(2) that sleeps through signals; 1 when fd is readable. */
static int wait_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int rc;

	while ((rc = poll(&p, 1, ms)) < 0 && errno == EINTR)
		;
	return rc;
}

/* Has every thread of PROGRAM ended?  Without blocking. */
static int has_ended(int pidfd)
{
	return wait_readable(pidfd, 0) > 0;
}

/*
 * Each thread's exit event is queued as it exits, however soon PROGRAM is
 * reaped, but a moment after the pidfd reports the end: wait for both.
 * The status is that of the thread that exited last, normally the main
 * thread; when the main thread ended before the others, wait for the
 * exit of a later one.  1: status known; 0: events lost or late, try
 * another way; -1 and errno.
 */
static int wait_for_event(struct exit_watch *w, int *wstatus)
{
	struct pollfd p[2] = {
		{ .fd = w->events_fd, .events = POLLIN },
		{ .fd = w->pidfd, .events = POLLIN },
	};
	struct proc_exit ex = { 0, 0, 0 };
	int rc, ended = 0, main_first = 0;

	if (proc_events_focus(w->events_fd, w->pid) < 0)
		return 0;
	while (1) {
		if (proc_events_read(w->events_fd, w->pid, w->since_ns,
				     &ex) < 0)
			return errno == ENOBUFS ? 0 : -1;
		if (ex.main_ns && !ended && !main_first)
			main_first = !has_ended(w->pidfd);
		if (ended && ex.main_ns &&
		    (!main_first || ex.last_ns > ex.main_ns)) {
			*wstatus = ex.wstatus;
			return 1;
		}
		rc = poll(p, ended ? 1 : 2, ended ? EVENT_LAG_MS : -1);
		if (rc < 0 && errno != EINTR)
			return -1;
		if (rc == 0)
			return 0;	/* the event never came */
		if (rc > 0 && (p[1].revents & POLLIN))
			ended = 1;
	}
}

/* Sleep without polling a descriptor that stays readable. */
static void nap_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static int release_stdio(struct exit_watch *w);

/*
 * Linux 6.15, PROGRAM unreaped and /proc silent: its status comes once its
 * parent reaps it.  A shell that reads our output to the end (dash and ash
 * in $(...)) reaps only after that, so let go of our standard streams
 * first.  The kernel wakes no poller at the reap: look again now and then.
 */
static int wait_for_reap(struct exit_watch *w, int *wstatus)
{
	int waited = 0, step = 1, rc;

	/* Without /dev/null we wait all the same, holding the streams. */
	(void)release_stdio(w);

	while ((rc = pidfd_exit_status(w->pidfd, wstatus)) == 0) {
		if (waited >= EXIT_WATCH_REAP_MS) {
			errno = ETIMEDOUT;
			return -1;
		}
		nap_ms(step);
		waited += step;
		if (step < 64)
			step *= 2;
	}
	return rc < 0 ? -1 : 0;
}

/* The pidfd and /proc, once the pidfd says PROGRAM has ended. */
static int read_after_exit(struct exit_watch *w, int *wstatus)
{
	int rc;

	if (w->kernel == PIDFD_EXIT_YES) {
		w->source = EXIT_FROM_PIDFD;
		if (pidfd_exit_status(w->pidfd, wstatus) == 1)
			return 0;
	}
	rc = zombie_exit_status(w->pid, w->pidfd, wstatus);
	if (rc == 0) {
		w->source = EXIT_FROM_ZOMBIE;
		return 0;
	}
	if (w->kernel == PIDFD_EXIT_YES) {
		w->source = EXIT_FROM_PIDFD;
		return wait_for_reap(w, wstatus);
	}
	if (errno == ESRCH && w->kernel == PIDFD_EXIT_NO_EXIT)
		errno = ENOPROTOOPT;	/* its parent reaped it first */
	else if (errno == ESRCH && w->kernel == PIDFD_EXIT_NO_IOCTL)
		errno = ENOTTY;
	return -1;
}

int exit_watch_wait(struct exit_watch *w, pid_t pid, int pidfd,
		    int *wstatus)
{
	w->pid = pid;
	w->pidfd = pidfd;
	if (w->events_fd >= 0) {
		int rc = wait_for_event(w, wstatus);

		exit_watch_close(w);
		w->source = EXIT_FROM_CONNECTOR;
		if (rc != 0)
			return rc > 0 ? 0 : -1;
	}
	if (wait_readable(pidfd, -1) < 0)
		return -1;
	return read_after_exit(w, wstatus);
}

static int is_quiet_sink(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return 1;	/* closed: nothing to hold */
	return S_ISREG(st.st_mode) || S_ISCHR(st.st_mode) ||
	       S_ISBLK(st.st_mode);
}

static int release_stdio(struct exit_watch *w)
{
	int keep_stderr = is_quiet_sink(STDERR_FILENO);
	int null_fd, fd, last, saved;

	if (!keep_stderr) {
		w->stderr_path = open("/proc/self/fd/2", O_PATH | O_CLOEXEC);
		if (w->stderr_path >= 0)
			w->stderr_path = fd_move_above_stdio(w->stderr_path);
		/* Without /proc it could not be reopened: keep it. */
		keep_stderr = w->stderr_path < 0;
	}
	null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null_fd < 0)
		return -1;
	last = keep_stderr ? STDOUT_FILENO : STDERR_FILENO;
	for (fd = STDIN_FILENO; fd <= last; fd++)
		if (fd != null_fd && dup2(null_fd, fd) < 0)
			break;
	saved = errno;
	if (null_fd > STDERR_FILENO)
		close(null_fd);
	errno = saved;
	return fd <= last ? -1 : 0;
}

int exit_watch_reclaim_stderr(struct exit_watch *w)
{
	char path[32];
	int fd, rc = 0;

	if (w->stderr_path < 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", w->stderr_path);
	fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || dup2(fd, STDERR_FILENO) < 0)
		rc = -1;
	if (fd > STDERR_FILENO)
		close(fd);
	close(w->stderr_path);
	w->stderr_path = -1;
	return rc;
}
