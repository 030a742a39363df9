// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * caller.c - play the program that calls siblingexec, and reap everything
 *
 * Usage: caller [-vsrP] [-t SECONDS] [-o FILE] [-B SIG] [-I SIG] -- COMMAND...
 *
 * Starts COMMAND as a child, then reaps every child it ends up with: the
 * one it started ("direct") and the ones it never started but adopted
 * (siblingexec's siblings).  Prints one line each, direct first:
 *
 *   direct exit N | direct signal N
 *   adopted exit N | adopted signal N
 *
 * -v  add " pid=PID" to every line and print "caller pid=PID" first
 * -s  behave like a supervisor that waits only for its own child: reap
 *     nothing else until COMMAND has ended
 * -t  after SECONDS (default 30), kill every child left and say "timeout"
 * -o  write the lines to FILE instead of stdout (COMMAND keeps our stdout)
 * -r  be a child subreaper: orphans below us are ours to reap too
 * -P  give COMMAND a stdout and stderr that are a pipe nobody reads
 * -B  block signal N in COMMAND (repeatable)
 * -I  ignore signal N in COMMAND (repeatable)
 *
 * Exits 0 when it reaped at least one child, 1 on a timeout, 2 on misuse.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ADOPTED 1024

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
}

/* Kill whatever children are left; /proc lists them even if unknown. */
static void kill_children(void)
{
	char path[64];
	FILE *f;
	long pid;

	snprintf(path, sizeof(path), "/proc/self/task/%ld/children",
		 (long)getpid());
	f = fopen(path, "r");
	if (!f)
		return;
	while (fscanf(f, "%ld", &pid) == 1)
		kill((pid_t)pid, SIGKILL);
	fclose(f);
}

static void describe(FILE *out, const char *who, pid_t pid, int status,
		     int verbose)
{
	if (WIFEXITED(status))
		fprintf(out, "%s exit %d", who, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		fprintf(out, "%s signal %d", who, WTERMSIG(status));
	else
		fprintf(out, "%s status %d", who, status);
	if (verbose)
		fprintf(out, " pid=%ld", (long)pid);
	fputc('\n', out);
}

int main(int argc, char **argv)
{
	int verbose = 0, supervisor = 0, seconds = 30, opt, status;
	int subreaper = 0, broken_pipe = 0, pipefd[2];
	int direct_status = 0, have_direct = 0, n_adopted = 0, i;
	pid_t direct, pid, adopted_pid[MAX_ADOPTED];
	int adopted_status[MAX_ADOPTED];
	struct sigaction sa;
	sigset_t block;
	int ignore[64], n_ignore = 0;
	FILE *out = stdout;

	sigemptyset(&block);

	while ((opt = getopt(argc, argv, "+vst:o:B:I:rP")) != -1) {
		switch (opt) {
		case 'v':
			verbose = 1;
			break;
		case 's':
			supervisor = 1;
			break;
		case 't':
			seconds = atoi(optarg);
			break;
		case 'o':
			out = fopen(optarg, "we");
			if (!out) {
				perror("caller: -o");
				return 2;
			}
			break;
		case 'r':
			subreaper = 1;
			break;
		case 'P':
			broken_pipe = 1;
			break;
		case 'B':
			sigaddset(&block, atoi(optarg));
			break;
		case 'I':
			if (n_ignore < 64)
				ignore[n_ignore++] = atoi(optarg);
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "usage: caller [-vsrP] [-t SECONDS] [-o FILE] "
			"[-B SIG] [-I SIG] -- COMMAND [ARG...]\n");
		return 2;
	}

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: wait() returns */

	if (subreaper && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0) {
		perror("caller: PR_SET_CHILD_SUBREAPER");
		return 2;
	}
	if (broken_pipe) {
		if (pipe(pipefd) < 0) {
			perror("caller: pipe");
			return 2;
		}
		close(pipefd[0]);
	}
	if (verbose)
		fprintf(out, "caller pid=%ld\n", (long)getpid());
	fflush(out);
	direct = fork();
	if (direct < 0) {
		perror("caller: fork");
		return 2;
	}
	if (direct == 0) {
		signal(SIGALRM, SIG_DFL);
		for (i = 0; i < n_ignore; i++)
			signal(ignore[i], SIG_IGN);
		sigprocmask(SIG_BLOCK, &block, NULL);
		if (broken_pipe) {
			dup2(pipefd[1], STDOUT_FILENO);
			dup2(pipefd[1], STDERR_FILENO);
			close(pipefd[1]);
		}
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "caller: cannot run %s: %s\n", argv[optind],
			strerror(errno));
		_exit(127);
	}
	if (broken_pipe)
		close(pipefd[1]);
	alarm((unsigned)seconds);

	if (supervisor) {
		while (waitpid(direct, &direct_status, 0) < 0) {
			if (errno != EINTR || timed_out)
				break;
		}
		have_direct = !timed_out;
	}
	while (!timed_out) {
		pid = wait(&status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;		/* ECHILD: nobody left */
		}
		if (pid == direct) {
			direct_status = status;
			have_direct = 1;
		} else if (n_adopted < MAX_ADOPTED) {
			adopted_pid[n_adopted] = pid;
			adopted_status[n_adopted++] = status;
		}
	}
	if (timed_out) {
		kill_children();
		while (wait(&status) > 0)
			;
		fprintf(out, "timeout\n");
	}

	if (have_direct)
		describe(out, "direct", direct, direct_status, verbose);
	for (i = 0; i < n_adopted; i++)
		describe(out, "adopted", adopted_pid[i], adopted_status[i],
			 verbose);
	fclose(out);
	return timed_out ? 1 : 0;
}
