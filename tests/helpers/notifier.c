// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * notifier - a daemon that speaks sd_notify, for the --notify tests
 *
 * Usage: notifier ACTION...   done in order:
 *   sleep:MS        wait MS milliseconds
 *   send:TEXT       send TEXT (\n for newlines) as one datagram to
 *                   $NOTIFY_SOCKET, from this process
 *   child-send:TEXT the same from a child, which we reap; the child then
 *                   waits, as sd_notify_barrier(3) does, until the receiver
 *                   has closed the descriptor it sends with BARRIER=1, so
 *                   that it still exists when its message is read
 *   exit:N          exit with status N
 *   usr1-exits:N    from now on SIGUSR1 makes us exit with status N
 *   pause           wait for signals, forever
 * Written for the suite, independent of libsystemd.
 */
#include "config.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int usr1_status;

static ssize_t send_to(int fd, const char *text, struct sockaddr_un *sa,
		       socklen_t salen, int fd_to_pass)
{
	union {
		struct cmsghdr align;
		char space[CMSG_SPACE(sizeof(int))];
	} ctl;
	struct iovec iov = { (void *)text, strlen(text) };
	struct msghdr mh = {
		.msg_name = sa, .msg_namelen = salen,
		.msg_iov = &iov, .msg_iovlen = 1,
	};

	if (fd_to_pass >= 0) {
		struct cmsghdr *c;

		mh.msg_control = &ctl;
		mh.msg_controllen = sizeof(ctl);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd_to_pass, sizeof(int));
	}
	return sendmsg(fd, &mh, 0);
}

static void on_usr1(int sig)
{
	(void)sig;
	_exit(usr1_status);
}

static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*out++ = '\n';
			s++;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/* Send text, with descriptor fd when fd >= 0. */
static void send_msg(char *text, int fd_to_pass)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len;
	int fd;

	if (!path || strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "notifier: no usable NOTIFY_SOCKET\n");
		exit(2);
	}
	len = strlen(path);
	memcpy(sa.sun_path, path, len);
	if (sa.sun_path[0] == '@')
		sa.sun_path[0] = '\0';
	unescape(text);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || send_to(fd, text, &sa,
			      (socklen_t)(sizeof(sa.sun_family) + len),
			      fd_to_pass) < 0) {
		perror("notifier: send");
		exit(2);
	}
	close(fd);
}

static void send_text(char *text)
{
	send_msg(text, -1);
}

static void barrier(void)
{
	char text[] = "BARRIER=1";
	struct pollfd pfd;
	int p[2];

	if (pipe2(p, O_CLOEXEC) < 0)
		exit(2);
	send_msg(text, p[1]);
	close(p[1]);
	pfd.fd = p[0];
	pfd.events = 0;
	if (poll(&pfd, 1, 5000) != 1)	/* POLLHUP once it is closed */
		exit(3);
}

static void child_send(char *text)
{
	pid_t pid = fork();

	if (pid == 0) {
		send_text(text);
		barrier();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, NULL, 0) != pid)
		exit(2);
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		char *a = argv[i];

		if (strncmp(a, "sleep:", 6) == 0) {
			long ms = atol(a + 6);
			struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

			nanosleep(&ts, NULL);
		} else if (strncmp(a, "send:", 5) == 0) {
			send_text(a + 5);
		} else if (strncmp(a, "child-send:", 11) == 0) {
			child_send(a + 11);
		} else if (strncmp(a, "exit:", 5) == 0) {
			return atoi(a + 5);
		} else if (strncmp(a, "usr1-exits:", 11) == 0) {
			usr1_status = atoi(a + 11);
			signal(SIGUSR1, on_usr1);
		} else if (strcmp(a, "pause") == 0) {
			for (;;)
				pause();
		} else {
			fprintf(stderr, "notifier: unknown action '%s'\n", a);
			return 2;
		}
	}
	return 0;
}
