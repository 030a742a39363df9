// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bind-port.c - bind a TCP port on 127.0.0.1, the way a server would
 *
 * Usage: bind-port PORT
 * Prints "bound PORT as uid UID" and exits 0, or says why not and exits 1.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in sin;
	int fd, one = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: bind-port PORT\n");
		return 2;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)atoi(argv[1]));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		printf("cannot bind %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	printf("bound %s as uid %ld\n", argv[1], (long)getuid());
	return 0;
}
