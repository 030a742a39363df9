// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * abstract-unix.c - an abstract unix socket, outside or inside a sandbox
 *
 * Usage: abstract-unix bind NAME -- COMMAND [ARG...]
 *        abstract-unix connect NAME
 * bind: binds a datagram socket to the abstract address "@NAME" and runs
 * COMMAND with it open, so the address exists exactly as long as COMMAND
 * runs.  connect: connects a datagram socket to "@NAME" (which sends
 * nothing); prints "connected to @NAME" and exits 0, or says why not and
 * exits 1.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static socklen_t abstract_address(struct sockaddr_un *sun, const char *name)
{
	size_t len = strlen(name);

	if (len + 1 > sizeof(sun->sun_path)) {
		fprintf(stderr, "abstract-unix: name too long\n");
		exit(2);
	}
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path + 1, name, len);	/* sun_path[0] stays 0 */
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
}

int main(int argc, char **argv)
{
	struct sockaddr_un sun;
	socklen_t len;
	int fd;

	if (argc < 3 || (strcmp(argv[1], "connect") == 0 && argc != 3) ||
	    (strcmp(argv[1], "bind") == 0 &&
	     (argc < 5 || strcmp(argv[3], "--") != 0))) {
		fprintf(stderr, "usage: abstract-unix bind NAME -- COMMAND..."
			"\n       abstract-unix connect NAME\n");
		return 2;
	}
	len = abstract_address(&sun, argv[2]);
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("abstract-unix: socket");
		return 1;
	}
	if (strcmp(argv[1], "bind") == 0) {
		if (bind(fd, (struct sockaddr *)&sun, len) < 0) {
			fprintf(stderr, "abstract-unix: bind @%s: %s\n",
				argv[2], strerror(errno));
			return 1;
		}
		execvp(argv[4], argv + 4);
		fprintf(stderr, "abstract-unix: %s: %s\n", argv[4],
			strerror(errno));
		return 127;
	}
	if (connect(fd, (struct sockaddr *)&sun, len) < 0) {
		printf("cannot connect to @%s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	printf("connected to @%s\n", argv[2]);
	return 0;
}
