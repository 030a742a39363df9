// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * main-exits-first.c - a process whose main thread ends before the others
 *
 * Usage: main-exits-first exit N | exec COMMAND [ARG...]
 *
 * The main thread calls pthread_exit(3); 0.2 s later a second thread ends
 * the process with exit(N), or calls execve(2) and so becomes the main
 * thread, under the same pid, of COMMAND.  For --wait, which must report
 * the status of the process, not of its first thread to end.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **args;

static void *second_thread(void *unused)
{
	(void)unused;
	usleep(200000);
	if (strcmp(args[0], "exec") == 0)
		execvp(args[1], args + 1);
	exit(atoi(args[1]));
}

int main(int argc, char **argv)
{
	pthread_t thread;

	if (argc < 3)
		return 2;
	args = argv + 1;
	if (pthread_create(&thread, NULL, second_thread, NULL) != 0)
		return 2;
	pthread_exit(NULL);
}
