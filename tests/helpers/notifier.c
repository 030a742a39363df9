// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * notifier - a daemon that speaks sd_notify, for the --notify tests
 *
 * Usage: notifier ACTION...   done in order:
 *   sleep:MS        wait MS milliseconds
 *   send:TEXT       send TEXT (\n for newlines) as one datagram to
 *                   $NOTIFY_SOCKET, from this process
 *   child-send:TEXT the same from a child, which we reap
 *   exit:N          exit with status N
 *   usr1-exits:N    from now on SIGUSR1 makes us exit with status N
 *   pause           wait for signals, forever
 * Written for the suite, independent of libsystemd.
 */
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

static void send_text(char *text)
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
	if (fd < 0 || sendto(fd, text, strlen(text), 0, (struct sockaddr *)&sa,
			     (socklen_t)(sizeof(sa.sun_family) + len)) < 0) {
		perror("notifier: send");
		exit(2);
	}
	close(fd);
}

static void child_send(char *text)
{
	pid_t pid = fork();

	if (pid == 0) {
		send_text(text);
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
