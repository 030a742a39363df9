// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bench.c - the launch cost of siblingexec, side by side with its peers
 *
 * Usage: bench [--csv] [--rounds N] [--launches N] SIBLINGEXEC
 *
 * One launch: spawn the command, which runs /bin/true, and reap every
 * process we end up with.  We are a child subreaper, so what setsid -f
 * leaves behind is ours to reap too, as siblingexec's program is.
 *
 * The rows run in rounds, A B C ... A B C ..., and each comparison is the
 * median of its per-round ratios: this machine's speed drifts, and a
 * ratio taken within one round cancels most of the drift.  Absolute times
 * are printed for reference only.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_ARGS 16
#define MAX_ROUNDS 101

struct row {
	const char *name;
	const char *argv[MAX_ARGS];
	int needs_root;
	int enabled;
	double per_launch[MAX_ROUNDS];	/* microseconds, per round */
	const char *left_out;		/* why not enabled, for the ratios */
};

struct comparison {
	const char *what;
	int a, b;			/* row indexes: a / b */
	double target;
};

enum { FLOOR, ENV, SIBLINGEXEC, SETSID, SIBLINGEXEC_PRIVS, SETPRIV,
       SIBLINGEXEC_CGROUP, SH_CGROUP, SIBLINGEXEC_RLIMIT, PRLIMIT,
       SIBLINGEXEC_DAEMON, DAEMON_CHAIN, SIBLINGEXEC_LANDLOCK,
       SETPRIV_LANDLOCK, N_ROWS };

/* The cgroup v2 directory of the cgroup rows, made and removed here. */
#define BENCH_CGROUP "siblingexec-bench"
static char cgroup_dir[4200], cgroup_procs[4300];

static struct row rows[N_ROWS] = {
	[FLOOR] = { "floor: /bin/true", { "/bin/true" }, 0, 1, { 0 } },
	[ENV] = { "env /bin/true", { "env", "/bin/true" }, 0, 1, { 0 } },
	[SIBLINGEXEC] = { "siblingexec -- /bin/true",
		{ "SIBLINGEXEC", "--", "/bin/true" }, 0, 1, { 0 } },
	[SETSID] = { "setsid -f /bin/true",
		{ "setsid", "-f", "/bin/true" }, 0, 1, { 0 } },
	[SIBLINGEXEC_PRIVS] = { "siblingexec, privileges",
		{ "SIBLINGEXEC", "--drop-caps=all", "--no-new-privs", "--",
		  "/bin/true" }, 1, 1, { 0 } },
	[SETPRIV] = { "setpriv, same drop",
		{ "setpriv", "--inh-caps=-all", "--bounding-set=-all",
		  "--no-new-privs", "/bin/true" }, 1, 1, { 0 } },
	[SIBLINGEXEC_CGROUP] = { "siblingexec --cgroup",
		{ "SIBLINGEXEC", "--cgroup=" BENCH_CGROUP, "--", "/bin/true" },
		1, 1, { 0 } },
	[SH_CGROUP] = { "sh: cgroup.procs, then exec",
		{ "sh", "-c", "echo 0 >\"$0\" && exec /bin/true",
		  "CGROUP_PROCS" },
		1, 1, { 0 } },
	[SIBLINGEXEC_RLIMIT] = { "siblingexec --rlimit=nofile=512",
		{ "SIBLINGEXEC", "--rlimit=nofile=512", "--", "/bin/true" },
		0, 1, { 0 } },
	[PRLIMIT] = { "prlimit --nofile=512",
		{ "prlimit", "--nofile=512", "/bin/true" }, 0, 1, { 0 } },
	/* A daemon start: a user, a limit, a clean environment, a
	 * directory, a session, default signals; the chain needs a tool
	 * for each, and has none that closes descriptors. */
	[SIBLINGEXEC_DAEMON] = { "siblingexec, daemon start",
		{ "SIBLINGEXEC", "--user=nobody", "--rlimit=nofile=512",
		  "--setsid", "--chdir=/", "--reset-env", "--close-fds",
		  "--reset-signals", "--", "/bin/true" }, 1, 1, { 0 } },
	[DAEMON_CHAIN] = { "setsid prlimit setpriv env, same",
		{ "setsid", "-f", "prlimit", "--nofile=512", "setpriv",
		  "--reuid=nobody",
		  "--regid=nogroup", "--init-groups", "--reset-env", "env",
		  "--chdir=/", "--default-signal", "/bin/true" }, 1, 1,
		{ 0 } },
	/* setpriv sets no_new_privs itself before it restricts, so
	 * siblingexec is asked to: both programs start in the same state,
	 * and the rows need no root.  Both deny every filesystem right they
	 * know of; setpriv 2.41 does not know ioctl on devices (ABI 5),
	 * which siblingexec also denies where the kernel has it. */
	[SIBLINGEXEC_LANDLOCK] = { "siblingexec, Landlock on /usr",
		{ "SIBLINGEXEC", "--no-new-privs", "--allow-read=/usr",
		  "--allow-exec=/usr", "--", "/bin/true" }, 0, 1,
		{ 0 } },
	[SETPRIV_LANDLOCK] = { "setpriv, same Landlock",
		{ "setpriv", "--landlock-access", "fs", "--landlock-rule",
		  "path-beneath:read-file,read-dir,execute:/usr",
		  "/bin/true" }, 0, 1, { 0 } },
};

static const struct comparison comparisons[] = {
	{ "siblingexec / env", SIBLINGEXEC, ENV, 1.10 },
	{ "siblingexec / setsid -f", SIBLINGEXEC, SETSID, 0.85 },
	{ "siblingexec privileges / setpriv", SIBLINGEXEC_PRIVS, SETPRIV,
	  1.00 },
	{ "siblingexec --cgroup / sh", SIBLINGEXEC_CGROUP, SH_CGROUP, 1.00 },
	{ "siblingexec --rlimit / prlimit", SIBLINGEXEC_RLIMIT, PRLIMIT,
	  1.00 },
	{ "siblingexec daemon start / chain", SIBLINGEXEC_DAEMON,
	  DAEMON_CHAIN, 1.00 },
	{ "siblingexec Landlock / siblingexec", SIBLINGEXEC_LANDLOCK,
	  SIBLINGEXEC, 1.10 },
	{ "siblingexec Landlock / setpriv", SIBLINGEXEC_LANDLOCK,
	  SETPRIV_LANDLOCK, 1.00 },
};

/* Make the cgroup of the cgroup rows in the unified hierarchy, if any. */
static void make_bench_cgroup(void)
{
	char line[4096], point[4096], type[64];
	FILE *f = fopen("/proc/self/mountinfo", "re");
	const char *sep;

	while (f && fgets(line, sizeof(line), f)) {
		sep = strstr(line, " - ");
		if (!sep || sscanf(sep, " - %63s", type) != 1 ||
		    strcmp(type, "cgroup2") != 0 ||
		    sscanf(line, "%*s %*s %*s %*s %4095s", point) != 1)
			continue;
		snprintf(cgroup_dir, sizeof(cgroup_dir), "%s/%s", point,
			 BENCH_CGROUP);
		snprintf(cgroup_procs, sizeof(cgroup_procs),
			 "%s/cgroup.procs", cgroup_dir);
		if (mkdir(cgroup_dir, 0755) < 0 && errno != EEXIST)
			cgroup_dir[0] = '\0';
		break;
	}
	if (f)
		fclose(f);
}

/*
 * setpriv has Landlock since util-linux 2.40; an older one would only
 * fail on the trial launch, for a reason nobody would read.
 */
static int setpriv_has_landlock(void)
{
	posix_spawn_file_actions_t fa;
	const char *argv[] = { "setpriv", "--help", NULL };
	char help[16384];
	size_t len = 0;
	ssize_t n;
	pid_t pid;
	int p[2], status, spawned;

	if (pipe2(p, O_CLOEXEC) < 0)
		return 0;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], STDOUT_FILENO);
	spawned = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv,
			       environ) == 0;
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	while (spawned && len < sizeof(help) - 1 &&
	       (n = read(p[0], help + len, sizeof(help) - 1 - len)) > 0)
		len += (size_t)n;
	close(p[0]);
	if (spawned)
		waitpid(pid, &status, 0);
	help[len] = '\0';
	return strstr(help, "--landlock-access") != NULL;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Spawn argv and reap everything; the direct child's rusage in *ru. */
static int launch(const char *const argv[], struct rusage *ru)
{
	pid_t pid, got;
	int status, direct_status = -1;
	struct rusage r;

	if (posix_spawnp(&pid, argv[0], NULL, NULL, (char *const *)argv,
			 environ) != 0)
		return -1;
	while ((got = wait4(-1, &status, 0, &r)) > 0) {
		if (got == pid) {
			direct_status = status;
			if (ru)
				*ru = r;
		}
	}
	return WIFEXITED(direct_status) && WEXITSTATUS(direct_status) == 0 ?
	       0 : -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	double tmp[MAX_ROUNDS];

	memcpy(tmp, v, (size_t)n * sizeof(double));
	qsort(tmp, (size_t)n, sizeof(double), cmp_double);
	return n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
}

static long peak_rss_kib(const char *const argv[])
{
	struct rusage ru;

	if (launch(argv, &ru) < 0)
		return -1;
	return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
	int csv = 0, rounds = 15, launches = 100, r, i, k;
	const char *se = NULL;
	struct rusage ru;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--csv") == 0)
			csv = 1;
		else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (strcmp(argv[i], "--launches") == 0 && i + 1 < argc)
			launches = atoi(argv[++i]);
		else
			se = argv[i];
	}
	if (!se || rounds < 1 || rounds > MAX_ROUNDS || launches < 1) {
		fprintf(stderr, "usage: bench [--csv] [--rounds N<=%d] "
			"[--launches N] SIBLINGEXEC\n", MAX_ROUNDS);
		return 2;
	}
	if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0) {
		perror("bench: PR_SET_CHILD_SUBREAPER");
		return 1;
	}
	make_bench_cgroup();
	if (!setpriv_has_landlock()) {
		rows[SETPRIV_LANDLOCK].enabled = 0;
		rows[SETPRIV_LANDLOCK].left_out = "needs a setpriv with "
			"--landlock-access (util-linux 2.40 or later)";
	}
	for (i = 0; i < N_ROWS; i++) {
		for (k = 0; rows[i].argv[k]; k++) {
			if (strcmp(rows[i].argv[k], "SIBLINGEXEC") == 0)
				rows[i].argv[k] = se;
			if (strcmp(rows[i].argv[k], "CGROUP_PROCS") == 0)
				rows[i].argv[k] = cgroup_procs;
		}
		if (rows[i].needs_root && geteuid() != 0) {
			rows[i].enabled = 0;
			rows[i].left_out = "needs root";
		}
		/* One launch each first: a row that cannot run is left out. */
		if (rows[i].enabled && launch(rows[i].argv, NULL) < 0) {
			fprintf(stderr, "bench: '%s' failed; left out\n",
				rows[i].name);
			rows[i].enabled = 0;
			rows[i].left_out = "failed on its first launch";
		}
	}

	for (r = 0; r < rounds; r++) {
		for (i = 0; i < N_ROWS; i++) {
			double t0;

			if (!rows[i].enabled)
				continue;
			t0 = now_us();
			for (k = 0; k < launches; k++)
				if (launch(rows[i].argv, NULL) < 0) {
					fprintf(stderr, "bench: '%s' failed\n",
						rows[i].name);
					return 1;
				}
			rows[i].per_launch[r] = (now_us() - t0) / launches;
		}
	}

	if (csv)
		printf("row,us_per_launch,launches_per_s\n");
	else
		printf("%-34s %12s %12s\n", "command (median of rounds)",
		       "us/launch", "launches/s");
	for (i = 0; i < N_ROWS; i++) {
		double us;

		if (!rows[i].enabled)
			continue;
		us = median(rows[i].per_launch, rounds);
		if (csv)
			printf("\"%s\",%.1f,%.0f\n", rows[i].name, us,
			       1e6 / us);
		else
			printf("%-34s %12.1f %12.0f\n", rows[i].name, us,
			       1e6 / us);
	}

	if (csv)
		printf("\ncomparison,median_ratio,target,met\n");
	else
		printf("\n%-34s %12s %12s\n", "comparison (median of per-round "
		       "ratios)", "", "target");
	for (i = 0; i < (int)(sizeof(comparisons) / sizeof(comparisons[0]));
	     i++) {
		const struct comparison *c = &comparisons[i];
		double ratio[MAX_ROUNDS], m;
		const struct row *off = !rows[c->a].enabled ? &rows[c->a] :
					!rows[c->b].enabled ? &rows[c->b] : NULL;

		/* A ratio that cannot be taken is said so, never dropped. */
		if (off && csv) {
			printf("\"%s\",,%.2f,skipped\n", c->what, c->target);
			continue;
		}
		if (off) {
			printf("%-34s skipped, '%s' %s\n", c->what,
			       off->name, off->left_out);
			continue;
		}
		for (r = 0; r < rounds; r++)
			ratio[r] = rows[c->a].per_launch[r] /
				   rows[c->b].per_launch[r];
		m = median(ratio, rounds);
		if (csv)
			printf("\"%s\",%.3f,%.2f,%s\n", c->what, m, c->target,
			       m <= c->target ? "yes" : "no");
		else
			printf("%-34s %11.3fx %11s%.2fx %s\n", c->what, m,
			       "<= ", c->target,
			       m <= c->target ? "met" : "NOT met");
	}

	/* Memory and the CPU that waiting costs. */
	{
		const char *plain[] = { se, "--", "/bin/true", NULL };
		const char *waiting[] = { se, "--wait", "--", "/bin/true",
					  NULL };
		const char *setpriv[] = { "setpriv", "--no-new-privs",
					  "/bin/true", NULL };
		const char *sleeper[] = { se, "--wait", "--", "sleep", "1",
					  NULL };
		long rss_plain = peak_rss_kib(plain);
		long rss_wait = peak_rss_kib(waiting);
		long rss_setpriv = peak_rss_kib(setpriv);
		double cpu_ms = -1;

		if (launch(sleeper, &ru) == 0)
			cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
				 1e3 + (ru.ru_utime.tv_usec +
					ru.ru_stime.tv_usec) / 1e3;
		if (csv) {
			printf("\nmeasure,value,unit\n");
			printf("\"peak RSS siblingexec\",%ld,KiB\n", rss_plain);
			printf("\"peak RSS siblingexec --wait\",%ld,KiB\n",
			       rss_wait);
			printf("\"peak RSS setpriv\",%ld,KiB\n", rss_setpriv);
			printf("\"CPU of --wait -- sleep 1\",%.2f,ms\n",
			       cpu_ms);
		} else {
			printf("\npeak RSS: siblingexec %ld KiB, with --wait "
			       "%ld KiB, setpriv %ld KiB\n", rss_plain,
			       rss_wait, rss_setpriv);
			printf("CPU time of siblingexec --wait -- sleep 1: "
			       "%.2f ms (target < 20 ms)\n", cpu_ms);
		}
	}
	if (cgroup_dir[0])
		rmdir(cgroup_dir);
	return 0;
}
