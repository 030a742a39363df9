// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * notify.c - --notify: wait until PROGRAM says it is ready (sd_notify)
 *
 * The protocol of sd_notify(3): newline-separated VAR=VALUE assignments in
 * datagrams.  We act on READY=1, STATUS=, ERRNO= and EXTEND_TIMEOUT_USEC=;
 * a descriptor that comes along (systemd-notify's BARRIER=1 sends one and
 * waits until the receiver closes it) is closed at once, which also keeps
 * such a sender alive until we have checked who it is.
 *
 * The wait may last forever, and the temporary pid file must not outlive
 * it: SIGHUP, SIGINT and SIGTERM are read from a signalfd meanwhile, so
 * that they end the wait instead of the launcher.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "environment.h"
#include "messages.h"
#include "notify.h"
#include "status.h"

/* How deep a chain of parents may be between PROGRAM and a sender. */
#define MAX_GENERATIONS	64
#define MAX_FDS		16
/* A deadline never reached: no timeout, or one too far to count. */
#define NEVER		LLONG_MAX

struct notify {
	int fd;
	char name[64];		/* NOTIFY_SOCKET's value: "@..." */
	int sigfd;		/* the stop signals, while we wait; or -1 */
	sigset_t mask;		/* the signal mask to restore after the wait */
};

int notify_parse_timeout(const char *arg, long long *ms)
{
	char *end;
	double s;

	if (!arg) {
		*ms = NOTIFY_DEFAULT_TIMEOUT_MS;
		return 0;
	}
	if (strcmp(arg, "infinity") == 0) {
		*ms = NOTIFY_INFINITY;
		return 0;
	}
	if (*arg < '0' || *arg > '9')
		return -1;
	/* Too many seconds to count in ms (HUGE_VAL, ERANGE, included) is
	 * as good as infinity: systemd saturates its time spans too. */
	s = strtod(arg, &end) * 1000 + 0.999;
	if (*end)
		return -1;
	*ms = s < (double)LLONG_MAX ? (long long)s : NOTIFY_INFINITY;
	return 0;
}

static void close_socket(struct notify *n)
{
	if (n->fd >= 0)
		close(n->fd);
	n->fd = -1;
}

/* Create and bind the socket (close-on-exec).  0 or -1 and errno. */
static int open_socket(struct notify *n)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	unsigned long long nonce;
	int one = 1;
	size_t len;

	if (getrandom(&nonce, sizeof(nonce), 0) != sizeof(nonce))
		return -1;
	snprintf(n->name, sizeof(n->name), "@siblingexec/%ld/%016llx",
		 (long)getpid(), nonce);
	len = strlen(n->name);
	memcpy(sa.sun_path, n->name, len);
	sa.sun_path[0] = '\0';		/* abstract: no file to clean up */
	n->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (n->fd < 0)
		return -1;
	if (setsockopt(n->fd, SOL_SOCKET, SO_PASSCRED, &one,
		       sizeof(one)) < 0 ||
	    bind(n->fd, (struct sockaddr *)&sa,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len)) < 0) {
		int saved = errno;

		close_socket(n);
		errno = saved;
		return -1;
	}
	return 0;
}

/* The parent of pid, from /proc/PID/stat; -1 when it is gone. */
static pid_t parent_of(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t len;
	FILE *f;
	long ppid;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	len = (ssize_t)fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[len > 0 ? len : 0] = '\0';
	p = strrchr(buf, ')');		/* the name may hold anything */
	if (!p || sscanf(p, ") %*c %ld", &ppid) != 1)
		return -1;
	return (pid_t)ppid;
}

static int from_program(pid_t sender, pid_t program)
{
	int i;

	for (i = 0; i < MAX_GENERATIONS && sender > 1; i++) {
		if (sender == program)
			return 1;
		sender = parent_of(sender);
	}
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ms milliseconds (>= 0) from now, or NEVER if that cannot be counted. */
static long long deadline_in(unsigned long long ms)
{
	long long now = now_ms();

	if (ms >= (unsigned long long)(NEVER - now))
		return NEVER;
	return now + (long long)ms;
}

/*
 * The value of EXTEND_TIMEOUT_USEC=, in ms rounded up: 0, or -1 when it is
 * not a decimal number of microseconds that fits in 64 bits.  systemd
 * ignores such a message; so do we.
 */
static int parse_extension(const char *arg, unsigned long long *ms)
{
	unsigned long long usec;
	char *end;

	if (*arg < '0' || *arg > '9')	/* strtoull takes "-1", " 1" */
		return -1;
	errno = 0;
	usec = strtoull(arg, &end, 10);
	if (errno || *end)
		return -1;
	*ms = usec / 1000 + (usec % 1000 != 0);
	return 0;
}

struct progress {
	int ready;
	pid_t ready_sender;	/* who said READY=1 */
	int barrier;		/* it sent a descriptor since */
	int err;		/* ERRNO=, 0 for none */
	long long deadline;	/* ms of CLOCK_MONOTONIC, or NEVER */
	pid_t pid;
	void (*said)(pid_t, const char *);
};

static void take_assignment(struct progress *pr, const char *line)
{
	unsigned long long ms;

	if (strcmp(line, "READY=1") == 0)
		pr->ready = 1;
	else if (strncmp(line, "STATUS=", 7) == 0 && pr->said)
		pr->said(pr->pid, line + 7);
	else if (strncmp(line, "ERRNO=", 6) == 0)
		pr->err = atoi(line + 6) > 0 ? atoi(line + 6) : 0;
	else if (strncmp(line, "EXTEND_TIMEOUT_USEC=", 20) == 0 &&
		 parse_extension(line + 20, &ms) == 0 &&
		 deadline_in(ms) > pr->deadline)
		/* As systemd: it lengthens the wait, never shortens it. */
		pr->deadline = deadline_in(ms);
}

static void take_datagram(struct progress *pr, char *buf)
{
	char *line, *save = NULL;

	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		take_assignment(pr, line);
}

/*
 * Close what came along (*fds: how many); 1 with the sender's pid, 0
 * without credentials.
 */
static int sender_of(struct msghdr *mh, pid_t *pid, int *fds_seen)
{
	struct cmsghdr *c;
	int found = 0;

	*fds_seen = 0;
	for (c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SCM_RIGHTS) {
			size_t i, nfds = (c->cmsg_len - CMSG_LEN(0)) /
					 sizeof(int);

			for (i = 0; i < nfds; i++) {
				int fd;

				memcpy(&fd, CMSG_DATA(c) + i * sizeof(fd),
				       sizeof(fd));
				close(fd);
			}
			*fds_seen += (int)nfds;
		} else if (c->cmsg_type == SCM_CREDENTIALS) {
			struct ucred uc;

			memcpy(&uc, CMSG_DATA(c), sizeof(uc));
			*pid = uc.pid;
			found = 1;
		}
	}
	return found;
}

/* Read every queued datagram.  0, or -1 and errno. */
static int drain(int fd, struct progress *pr)
{
	for (;;) {
		char buf[4097];
		union {
			struct cmsghdr align;
			char space[CMSG_SPACE(sizeof(struct ucred)) +
				   CMSG_SPACE(MAX_FDS * sizeof(int))];
		} ctl;
		struct iovec iov = { buf, sizeof(buf) - 1 };
		struct msghdr mh = {
			.msg_iov = &iov, .msg_iovlen = 1,
			.msg_control = &ctl, .msg_controllen = sizeof(ctl),
		};
		ssize_t len = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC | MSG_TRUNC);
		pid_t sender;
		int fds;

		if (len < 0)
			return errno == EAGAIN ? 0 : -1;
		if (!sender_of(&mh, &sender, &fds))
			continue;
		if (pr->ready && sender == pr->ready_sender && fds)
			pr->barrier = 1;
		if (!from_program(sender, pr->pid))
			continue;	/* not PROGRAM's: ignored */
		if ((size_t)len >= sizeof(buf))
			continue;	/* truncated: not an sd_notify one */
		buf[len] = '\0';
		take_datagram(pr, buf);
		if (pr->ready && !pr->ready_sender)
			pr->ready_sender = sender;
		if (pr->err)
			return 0;
	}
}

static int poll_timeout(const struct progress *pr, int pidfd)
{
	long long left = pr->deadline - now_ms();

	if (pidfd < 0 && left > 100)
		left = 100;	/* no pidfd: look at PROGRAM now and then */
	else if (pr->deadline == NEVER)
		return -1;
	if (left < 0)
		left = 0;
	return left > INT_MAX ? INT_MAX : (int)left;
}

/* Without a pidfd: ended is gone or a zombie. */
static int program_ended(pid_t pid, int pidfd, short revents)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t len;

	if (pidfd >= 0)
		return (revents & POLLIN) != 0;
	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)pid);
	f = fopen(path, "re");
	if (!f)
		return 1;
	len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[len] = '\0';
	p = strrchr(buf, ')');
	return !p || p[1] == '\0' || p[2] == 'Z' || p[2] == 'X';
}

/*
 * While we wait, the signals that would end the launcher (SIGHUP, SIGINT
 * and SIGTERM, unless the caller has them ignored or blocked) are blocked
 * and read from n->sigfd instead.  PROGRAM has executed by now: the mask
 * is the launcher's alone.  Without a signalfd we wait as before, rather
 * than fail a launch whose PROGRAM runs.
 */
static const int stop_signals[] = { SIGHUP, SIGINT, SIGTERM };

static void hold_stop_signals(struct notify *n)
{
	sigset_t set;
	size_t i;

	n->sigfd = -1;
	if (sigprocmask(SIG_BLOCK, NULL, &n->mask) < 0)
		return;
	sigemptyset(&set);
	for (i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++) {
		struct sigaction sa;

		if (sigaction(stop_signals[i], NULL, &sa) == 0 &&
		    sa.sa_handler == SIG_DFL &&
		    !sigismember(&n->mask, stop_signals[i]))
			sigaddset(&set, stop_signals[i]);
	}
	if (sigisemptyset(&set) || sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return;
	n->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (n->sigfd < 0)
		sigprocmask(SIG_SETMASK, &n->mask, NULL);
}

/* A stop signal that comes after this ends the launcher, as it did. */
static void release_stop_signals(struct notify *n)
{
	if (n->sigfd < 0)
		return;
	close(n->sigfd);
	n->sigfd = -1;
	sigprocmask(SIG_SETMASK, &n->mask, NULL);
}

/* The stop signal that came, or 0. */
static int stop_signal(const struct notify *n)
{
	struct signalfd_siginfo si;

	if (n->sigfd < 0 || read(n->sigfd, &si, sizeof(si)) != sizeof(si))
		return 0;
	return (int)si.ssi_signo;
}

/*
 * READY=1 came from a helper of PROGRAM's (systemd-notify, a child of a
 * script): such a helper may follow it with BARRIER=1 and a descriptor,
 * and wait until we close it; gone, we would make it fail.  So stay a
 * moment for that, until the helper ends, a stop signal comes, or
 * NOTIFY_LINGER_MS.
 */
#define NOTIFY_LINGER_MS	1000
static void linger(struct notify *n, struct progress *pr)
{
	long long end = now_ms() + NOTIFY_LINGER_MS;
	int helper = (int)syscall(SYS_pidfd_open, pr->ready_sender, 0);
	struct pollfd pfd[3] = {
		{ .fd = n->fd, .events = POLLIN },
		{ .fd = helper, .events = POLLIN },
		{ .fd = n->sigfd, .events = POLLIN },
	};

	while (!pr->barrier && helper >= 0 && now_ms() < end) {
		if (poll(pfd, 3, (int)(end - now_ms())) < 0 && errno != EINTR)
			break;
		if (drain(n->fd, pr) < 0 || pfd[1].revents || pfd[2].revents)
			break;
	}
	if (helper >= 0)
		close(helper);
}

/* Why PROGRAM did not become ready. */
struct failure {
	int err;
	int reported;		/* err is PROGRAM's own ERRNO= */
	int signo;		/* a stop signal ended the wait */
};

/*
 * READY=1 from PROGRAM in time: 0, else -1 and errno: ETIMEDOUT (no
 * readiness in time), ESRCH (PROGRAM ended first), EINTR (the stop signal
 * f->signo came), f->reported set and errno the value of ERRNO=, or the
 * error of poll or recvmsg.  Each STATUS= goes to said(), if not NULL.
 */
static int await_ready(struct notify *n, pid_t pid, int pidfd,
		       long long timeout_ms, void (*said)(pid_t, const char *),
		       struct failure *f)
{
	struct progress pr = {
		.deadline = NEVER, .pid = pid, .said = said,
	};
	struct pollfd pfd[3] = {
		{ .fd = n->fd, .events = POLLIN },
		{ .fd = pidfd, .events = POLLIN },	/* poll skips -1 */
		{ .fd = n->sigfd, .events = POLLIN },
	};

	if (timeout_ms != NOTIFY_INFINITY)
		pr.deadline = deadline_in((unsigned long long)timeout_ms);
	for (;;) {
		int rc = poll(pfd, 3, poll_timeout(&pr, pidfd));

		if (rc < 0 && errno != EINTR)
			return -1;
		/* What PROGRAM said before it ended counts: read it first. */
		if (drain(n->fd, &pr) < 0)
			return -1;
		if (pr.ready && pr.ready_sender != pid)
			linger(n, &pr);
		/* Before READY=1 counts: the caller gave up on the launch. */
		f->signo = stop_signal(n);
		if (f->signo) {
			errno = EINTR;
			return -1;
		}
		if (pr.ready)
			return 0;
		if (pr.err) {
			f->reported = 1;
			errno = pr.err;
			return -1;
		}
		if (program_ended(pid, pidfd, rc > 0 ? pfd[1].revents : 0)) {
			errno = ESRCH;
			return -1;
		}
		if (now_ms() >= pr.deadline) {
			errno = ETIMEDOUT;
			return -1;
		}
	}
}

/* The launcher's socket, and why PROGRAM did not become ready. */
static struct notify sock = { .fd = -1, .sigfd = -1 };
static struct failure failure;

void notify_open(void)
{
	if (open_socket(&sock) < 0)
		die(EXIT_CANCELED, errno, _("cannot create the notification "
		    "socket"));
	environment_force("NOTIFY_SOCKET", sock.name);
}

/* --verbose: what PROGRAM says in STATUS= while we wait for it. */
static void say_status(pid_t pid, const char *text)
{
	warn_msg(0, _("PROGRAM (pid %ld) says: %s"), (long)pid, text);
}

int notify_await(pid_t pid, int pidfd, long long timeout_ms, int verbose)
{
	int rc;

	hold_stop_signals(&sock);
	rc = await_ready(&sock, pid, pidfd, timeout_ms,
			 verbose ? say_status : NULL, &failure);
	failure.err = errno;
	close_socket(&sock);
	/* Failed, they stay held until the pid file is gone. */
	if (rc == 0)
		release_stop_signals(&sock);
	return rc;
}

/*
 * The caller sent a stop signal: end by it, as it asked, once the pid file
 * is gone.  Its shell then sees 128 + signal, and a script interrupted
 * with SIGINT stops too, as it would if the launcher had no pid file.
 */
static void __attribute__((noreturn)) stopped(long pid, int sig)
{
	/* TRANSLATORS: SIG%s is a signal's name: SIGHUP, SIGINT, SIGTERM */
	warn_msg(0, _("received SIG%s before PROGRAM (pid %ld) was ready; "
		 "PROGRAM is left running"), sigabbrev_np(sig), pid);
	status_failed(NULL, 0, 128 + sig);
	release_stop_signals(&sock);	/* the signal itself was read */
	raise(sig);
	exit(128 + sig);		/* not reached: sig is not ignored */
}

void notify_failed(pid_t pid)
{
	long p = (long)pid;
	int err = failure.err;

	if (failure.signo)
		stopped(p, failure.signo);
	if (failure.reported)
		die(EXIT_CANCELED, err, _("PROGRAM (pid %ld) failed before it "
		    "was ready"), p);
	/* The message says it all; the status channel names the errno. */
	if (err == ESRCH)
		warn_msg(0, _("PROGRAM (pid %ld) ended before it was "
			 "ready"), p);
	else if (err == ETIMEDOUT)
		warn_msg(0, _("PROGRAM (pid %ld) was not ready in time; it is "
			 "left running"), p);
	else
		die(EXIT_CANCELED, err, _("cannot wait for PROGRAM (pid %ld) "
		    "to be ready"), p);
	status_failed(NULL, err, EXIT_CANCELED);
	exit(EXIT_CANCELED);
}
