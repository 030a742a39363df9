// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * with-env.c - run a command with entries added to its environment as
 * they are, duplicates included
 *
 * Usage: with-env NAME=VALUE... -- COMMAND [ARG...]
 * env(1) and the shell replace a variable given twice; execve(2) does
 * not care, and the dynamic loader and getenv(3) may each read a
 * different copy.  This passes the entries after ours, unchanged.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	char **envp;
	int sep, n = 0, i, j = 0;

	for (sep = 1; sep < argc && strcmp(argv[sep], "--") != 0; sep++)
		;
	if (sep + 1 >= argc) {
		fprintf(stderr, "usage: with-env NAME=VALUE... -- COMMAND...\n");
		return 2;
	}
	while (environ[n])
		n++;
	envp = calloc((size_t)(n + sep), sizeof(*envp));
	if (!envp) {
		perror("with-env");
		return 1;
	}
	for (i = 0; i < n; i++)
		envp[j++] = environ[i];
	for (i = 1; i < sep; i++)
		envp[j++] = argv[i];
	envp[j] = NULL;
	execve(argv[sep + 1], argv + sep + 1, envp);
	fprintf(stderr, "with-env: %s: %s\n", argv[sep + 1], strerror(errno));
	return 127;
}
