// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * load.c - many launches from one caller, several at a time
 *
 * Usage: load TOTAL PARALLEL SIBLINGEXEC
 *
 * Keeps PARALLEL siblingexec processes running until TOTAL have run, each
 * starting "sh -c 'exit N'" with N = launch number % 200, and reaps
 * everything.  Prints one line and exits 0 when every siblingexec exited
 * 0, every PROGRAM was adopted by us with its own status, nothing is left
 * to reap, and our descriptors are the ones we started with.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define MAX_TOTAL 10000

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1;	/* the directory's own descriptor */
}

int main(int argc, char **argv)
{
	static pid_t launcher[MAX_TOTAL];
	static int want[200], got[200];
	int total, parallel, started = 0, running = 0, direct_ok = 0;
	int adopted = 0, fds_before, status, i, bad = 0;
	pid_t pid;

	if (argc != 4) {
		fprintf(stderr, "usage: load TOTAL PARALLEL SIBLINGEXEC\n");
		return 2;
	}
	total = atoi(argv[1]);
	parallel = atoi(argv[2]);
	if (total < 1 || total > MAX_TOTAL || parallel < 1)
		return 2;
	fds_before = count_fds();

	while (started < total || running > 0) {
		while (started < total && running < parallel) {
			char code[16], script[32], dashes[] = "--";
			char sh[] = "sh", dash_c[] = "-c";
			char *args[] = { argv[3], dashes, sh, dash_c, script,
					 NULL };

			snprintf(code, sizeof(code), "%d", started % 200);
			snprintf(script, sizeof(script), "exit %s", code);
			if (posix_spawn(&launcher[started], argv[3], NULL,
					NULL, args, environ) != 0) {
				perror("load: posix_spawn");
				return 1;
			}
			want[started % 200]++;
			started++;
			running++;
		}
		pid = wait(&status);
		if (pid < 0) {
			perror("load: wait");
			return 1;
		}
		for (i = 0; i < started; i++)
			if (launcher[i] == pid)
				break;
		if (i < started) {
			running--;
			launcher[i] = 0;
			direct_ok += WIFEXITED(status) &&
				     WEXITSTATUS(status) == 0;
		} else {
			adopted++;
			if (WIFEXITED(status))
				got[WEXITSTATUS(status) % 200]++;
		}
	}
	/* The last programs may still run. */
	while ((pid = wait(&status)) > 0) {
		adopted++;
		if (WIFEXITED(status))
			got[WEXITSTATUS(status) % 200]++;
	}
	for (i = 0; i < 200; i++)
		bad += want[i] != got[i];
	printf("launched %d, siblingexec ok %d, adopted %d, statuses %s, "
	       "left to reap %s, descriptors %s\n", total, direct_ok,
	       adopted, bad ? "WRONG" : "all", errno == ECHILD ? "none" :
	       "SOME", count_fds() == fds_before ? "unchanged" : "CHANGED");
	return direct_ok == total && adopted == total && !bad &&
	       count_fds() == fds_before ? 0 : 1;
}
