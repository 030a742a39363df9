// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * launch.c - the story of a launch
 *
 * Open the status channel and the notification socket; prepare the pid
 * file and the exec report; create the sibling, which applies every step,
 * verifies every step and executes PROGRAM; read the report; await
 * readiness; commit the pid file; with --wait, wait.  Every failure ends
 * with its message and exit status: here, or for --status-fd and --notify
 * in their own modules (status.c, notify.c).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "environment.h"
#include "exec-report.h"
#include "launch.h"
#include "messages.h"
#include "notify.h"
#include "pid-file.h"
#include "sibling.h"
#include "status.h"
#include "steps.h"
#include "wait.h"

struct launch {
	const struct plan *plan;
	char *const *envp;		/* PROGRAM's environment */
	int report_fd;			/* writing end of the exec report */
};

/* Run one verb of every step; on failure, report which step it was. */
static int run_steps(int verify, struct exec_report *rep)
{
	int i;

	for (i = 0; steps[i]; i++) {
		int (*verb)(struct exec_report *) =
			verify ? steps[i]->verify : steps[i]->apply;

		rep->step = step_id(i);
		if (verb && verb(rep) < 0)
			return -1;
	}
	return 0;
}

/*
 * The new process.  Until execve() it may run in our memory (CLONE_VM |
 * CLONE_VFORK: clone3 on x86_64, the clone(2) fallback everywhere) and with
 * our thread's TLS (errno, libcap-ng's state), while our one thread waits
 * in clone.  Its work is not async-signal-safe: libcap-ng 0.8.3 reads
 * /proc/PID/status with fopen() when it changes the bounding set, so
 * malloc() and stdio run here, in the launcher's heap.  That is safe only
 * because siblingexec has no other thread and no signal handler: nothing
 * else can be inside malloc() or hold a stdio lock while we are here, and
 * every fopen() is closed again.  So: no threads in the launcher, no
 * exit() here (the launcher's atexit handlers and buffers), no output
 * through stdio.  After the clone the launcher may use libcap-ng's table
 * of names, but not its per-thread state, which the child has changed.
 */
static int child_main(void *arg)
{
	const struct launch *l = arg;
	struct exec_report rep;

	memset(&rep, 0, sizeof(rep));
	/* Verify after all have applied: a step may undo what one before
	 * it did (a change of user clears capabilities). */
	if (run_steps(0, &rep) < 0 || run_steps(1, &rep) < 0) {
		exec_report_send(l->report_fd, &rep);
		return EXIT_CANCELED;
	}
	/* Unheard, the launcher could not tell an exec from a death. */
	if (exec_report_reaching_exec(l->report_fd) < 0)
		return EXIT_CANCELED;
	/* PROGRAM is searched for in its own PATH, as env(1) does; the
	 * launcher puts its environ back once we are gone. */
	environ = (char **)l->envp;
	execvp(l->plan->argv[0], l->plan->argv);
	rep.step = STEP_ID_EXEC;
	rep.err = errno;
	exec_report_send(l->report_fd, &rep);
	return rep.err == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;
}

/* Why the kernel would not create a process, in words. */
static const struct {
	int err;
	const char *msgid;
} clone_failures[] = {
	/* xgettext:c-format */
	{ EPERM, N_("cannot create a process (a seccomp filter or a "
		    "security module forbids it)") },
	/* xgettext:c-format */
	{ EAGAIN, N_("cannot create a process (the limit on processes is "
		     "reached: see ulimit -u and the pids cgroup)") },
	/* xgettext:c-format */
	{ EMFILE, N_("cannot create a process (the limit on open files is "
		     "reached: see ulimit -n)") },
	/* xgettext:c-format */
	{ ENOMEM, N_("cannot create a process (not enough memory, or "
		     "RLIMIT_AS is too small for the new process's stack)") },
};

static void __attribute__((noreturn)) clone_failed(int err)
{
	size_t i;

	if (cgroup_explain_join(err) == 0) {
		status_failed(NULL, err, EXIT_CANCELED);
		exit(EXIT_CANCELED);
	}
	if (err == EINVAL && getpid() == 1)
		die(EXIT_CANCELED, 0, _("cannot run as an init process: PID 1 "
		    "has no parent to share with PROGRAM, so the kernel "
		    "refuses to create a sibling"));
	for (i = 0; i < sizeof(clone_failures) / sizeof(clone_failures[0]);
	     i++)
		if (clone_failures[i].err == err)
			die(EXIT_CANCELED, err, "%s",
			    _(clone_failures[i].msgid));
	die(EXIT_CANCELED, err, _("cannot create a process"));
}

static int exit_status_of(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return EXIT_CANCELED;
}

/* TRANSLATORS: where --wait found PROGRAM's exit status, in "PROGRAM
   (pid %ld) ended; its exit status came from %s". */
static const char *const exit_source_names[] = {
	[EXIT_FROM_PIDFD]	= N_("its pidfd"),
	[EXIT_FROM_CONNECTOR]	= N_("the process-events connector"),
	[EXIT_FROM_ZOMBIE]	= N_("/proc, before PROGRAM was reaped"),
};

static void __attribute__((noreturn)) wait_failed(pid_t pid, int err)
{
	long p = (long)pid;

	switch (err) {
	case ENOTTY:
		die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, but its "
		    "exit status is lost: its parent reaped PROGRAM first, "
		    "and before Linux 6.13 only the process-events connector "
		    "tells the status to others (run siblingexec as root, or "
		    "use Linux 6.15 or later)"), p);
	case ENOPROTOOPT:
		die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, but its "
		    "exit status is lost: its parent reaped PROGRAM first, and "
		    "on Linux 6.13 and 6.14 a pidfd keeps no exit status (run "
		    "siblingexec as root, or use Linux 6.15 or later)"), p);
	case ESRCH:
		die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, but its "
		    "exit status is lost: its parent reaped PROGRAM first"),
		    p);
	case EACCES:
		die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, but "
		    "/proc does not show its exit status to siblingexec "
		    "(PROGRAM runs with other credentials, or /proc is not "
		    "mounted)"), p);
	case ETIMEDOUT:
		die(EXIT_CANCELED, 0, _("PROGRAM (pid %ld) has ended, but its "
		    "exit status is unknown: /proc does not show the status "
		    "to siblingexec, and PROGRAM was not reaped within %d "
		    "ms"), p, EXIT_WATCH_REAP_MS);
	}
	die(EXIT_CANCELED, err, _("cannot wait for PROGRAM (pid %ld)"), p);
}

/* --wait: PROGRAM's exit status, or 128+S for signal S. */
static int wait_for_program(struct exit_watch *w, const struct sibling *sib,
			    int verbose)
{
	int wstatus, rc, err;

	rc = exit_watch_wait(w, sib->pid, sib->pidfd, &wstatus);
	err = errno;
	exit_watch_close(w);
	/* If it was let go and nobody reads it now, the message is lost. */
	(void)exit_watch_reclaim_stderr(w);
	if (rc < 0)
		wait_failed(sib->pid, err);
	status_ended(sib->pid, wstatus);
	if (verbose)
		warn_msg(0, _("PROGRAM (pid %ld) ended; its exit status came "
			 "from %s"), (long)sib->pid,
			 _(exit_source_names[w->source]));
	return exit_status_of(wstatus);
}

/* Which step of the new process failed, and why; PROGRAM did not run. */
static int report_failure(const struct plan *plan,
			  const struct exec_report *rep)
{
	const struct step *step = step_by_id(rep->step);
	int status = rep->err == ENOENT ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;

	if (rep->step == STEP_ID_EXEC) {
		warn_msg(rep->err, _("cannot run '%s'"), plan->argv[0]);
		status_failed("exec", rep->err, status);
		return status;
	}
	if (!step || !step->explain || step->explain(plan, rep) < 0)
		warn_msg(rep->err, _("cannot prepare '%s'"), plan->argv[0]);
	status_failed(step ? step->name : NULL, rep->err, EXIT_CANCELED);
	return EXIT_CANCELED;
}

/*
 * The wait(2) status of the new process, which has ended or is ending.
 * With --wait, every way the watch knows, as for PROGRAM; without, it is
 * too late for process events, but the pidfd and /proc may still tell.
 */
static int status_of_ended(const struct sibling *sib, struct exit_watch *w,
			   int *wstatus)
{
	struct exit_watch late;
	int rc;

	if (sib->pidfd < 0)
		return -1;
	if (!w) {
		w = &late;
		exit_watch_open(w);
		exit_watch_close(w);
	}
	rc = exit_watch_wait(w, sib->pid, sib->pidfd, wstatus);
	exit_watch_close(w);
	(void)exit_watch_reclaim_stderr(w);
	return rc;
}

/*
 * The new process ended before it executed PROGRAM, without a word: a
 * seccomp filter or a signal killed it.  Say what did, where we can learn
 * it.  No --wait event: PROGRAM never ran.
 */
static int not_reached(const struct sibling *sib, struct exit_watch *w)
{
	int wstatus;

	if (status_of_ended(sib, w, &wstatus) < 0)
		warn_msg(0, _("the new process ended before it executed "
			 "PROGRAM; what ended it is unknown"));
	else if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGSYS)
		warn_msg(0, _("the new process was killed by SIGSYS before it "
			 "executed PROGRAM (a seccomp filter forbids a system "
			 "call that siblingexec makes before the exec: see "
			 "--seccomp-filter in siblingexec(1))"));
	else if (WIFSIGNALED(wstatus))
		warn_msg(0, _("the new process was killed by signal SIG%s "
			 "before it executed PROGRAM"),
			 sigabbrev_np(WTERMSIG(wstatus)) ?
			 sigabbrev_np(WTERMSIG(wstatus)) : "?");
	else	/* its only way to say that it could not say so */
		warn_msg(0, _("the new process could not tell siblingexec "
			 "that it was about to execute PROGRAM, so it did not "
			 "execute it (does a seccomp filter deny write(2)? see "
			 "--seccomp-filter in siblingexec(1))"));
	status_failed("exec", 0, EXIT_CANCELED);
	if (sib->pidfd >= 0)
		close(sib->pidfd);
	return EXIT_CANCELED;
}

static void prepare_pid_file(const char *path, struct pid_file *pf)
{
	if (pid_file_prepare(path, pf) == 0)
		return;
	if (!pf->tmp_path)
		die(EXIT_CANCELED, errno, _("cannot prepare pid file '%s'"),
		    path);
	die(EXIT_CANCELED, errno, _("cannot write pid file '%s'"), path);
}

/* --notify: exits unless PROGRAM said READY=1; it is left running. */
static void await_readiness(const struct plan *plan, const struct sibling *sib,
			    struct pid_file *pf)
{
	status_stage("notify");
	if (notify_await(sib->pid, sib->pidfd, plan->notify_timeout_ms,
			 plan->verbose) == 0)
		return;
	pid_file_abandon(pf);
	notify_failed(sib->pid);
}

/* --status-fd and --notify: before anything starts. */
static void open_channels(const struct plan *plan)
{
	if (plan->use_status_fd)
		status_open(plan->status_fd);
	status_stage("notify");
	if (plan->notify)
		notify_open();
}

/* --verbose */
static void say_how_created(const struct sibling *sib)
{
	if (sib->path == SIBLING_PATH_CLONE3)
		warn_msg(0, _("created process %ld with clone3"),
			 (long)sib->pid);
	else
		warn_msg(0, _("created process %ld with clone, as clone3 "
			 "failed: %s"), (long)sib->pid,
			 strerror(sib->clone3_errno));
}

/*
 * Stop PROGRAM for good.  Through its pidfd where the kernel (or valgrind)
 * knows pidfd_send_signal(2); otherwise by pid, which is safe here: PROGRAM
 * has only just executed and stays the caller's unreaped child, so its pid
 * cannot have been reused.  A PROGRAM that became set-user-ID may refuse.
 */
static int kill_program(const struct sibling *sib)
{
	if (sib->pidfd >= 0 &&
	    syscall(SYS_pidfd_send_signal, sib->pidfd, SIGKILL, NULL, 0) == 0)
		return 0;
	if (sib->pidfd >= 0 && errno != ENOSYS)
		return -1;
	return kill(sib->pid, SIGKILL);
}

int launch(const struct plan *plan)
{
	struct pid_file pf = PID_FILE_NONE;
	struct exec_report rep;
	struct launch l = { .plan = plan };
	char **our_environ = environ;
	struct sibling sib;
	struct exit_watch watch;
	int fds[2], rc, status = EXIT_SUCCESS;

	open_channels(plan);
	l.envp = environment_envp();	/* after NOTIFY_SOCKET is forced */
	status_stage("pid-file");
	if (plan->pid_file)
		prepare_pid_file(plan->pid_file, &pf);
	if (exec_report_open(fds) < 0) {
		pid_file_abandon(&pf);
		die(EXIT_CANCELED, errno, _("cannot create a pipe"));
	}
	l.report_fd = fds[1];
	status_stage("clone");

	if (plan->wait)		/* PROGRAM's exit is not to be missed */
		exit_watch_open(&watch);
	rc = sibling_start_in_cgroup(SIBLING_SIBLING, child_main, &l, 1,
				     cgroup_dir_fd(), &sib);
	environ = our_environ;	/* the child may have shared our memory */
	close(fds[1]);
	if (rc < 0) {
		int saved = errno;

		if (plan->wait)
			exit_watch_close(&watch);
		pid_file_abandon(&pf);
		clone_failed(saved);
	}
	sib.pidfd = fd_move_above_stdio(sib.pidfd);
	/*
	 * PROGRAM has its own signal dispositions by now (and has executed):
	 * a message to a stderr nobody reads must not kill us with SIGPIPE
	 * before we report and exit.
	 */
	signal(SIGPIPE, SIG_IGN);

	if (plan->verbose)
		say_how_created(&sib);

	rc = exec_report_read(fds[0], &rep);
	close(fds[0]);
	if (rc != EXEC_EXECUTED)
		pid_file_abandon(&pf);
	if (rc == EXEC_NOT_REACHED)
		return not_reached(&sib, plan->wait ? &watch : NULL);
	if (rc != EXEC_EXECUTED && plan->wait)
		exit_watch_close(&watch);
	if (rc < 0)
		die(EXIT_CANCELED, errno, _("cannot read the exec report"));
	if (rc == EXEC_FAILED)
		return report_failure(plan, &rep);

	status_started(&sib);
	if (plan->notify)
		await_readiness(plan, &sib, &pf);
	status_stage("pid-file");
	if (pid_file_commit(plan->pid_file, &pf, sib.pid) < 0) {
		int saved = errno;

		/* The caller asked for a pid file; PROGRAM without one is
		 * a process nobody can find: stop it rather than leave it. */
		if (plan->wait)
			exit_watch_close(&watch);
		if (kill_program(&sib) < 0)
			die(EXIT_CANCELED, saved, _("cannot write pid file "
			    "'%s' (and PROGRAM, pid %ld, could not be "
			    "stopped)"), plan->pid_file, (long)sib.pid);
		die(EXIT_CANCELED, saved, _("cannot write pid file '%s' "
		    "(PROGRAM was killed)"), plan->pid_file);
	}

	status_stage("wait");
	if (plan->notify)	/* after the pid file: it is there to read */
		status_ready(sib.pid);
	if (plan->wait)
		status = wait_for_program(&watch, &sib, plan->verbose);
	close(sib.pidfd);
	return status;
}
