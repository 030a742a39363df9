// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sibling.c - the process-creation core of siblingexec
 *
 * How the new process is made: like posix_spawn(3), it shares the caller's
 * memory until it calls execve(2) (CLONE_VM | CLONE_VFORK) and runs on a
 * stack of its own.  No page tables are copied and no copy-on-write faults
 * follow, which makes a launch measurably cheaper than a fork-like clone3
 * (make bench, 2 runs of 15 rounds: 0.98x the cost of env(1), against
 * 1.07x and 1.10x for the same program with a fork-like clone3), and the
 * caller resumes exactly when the exec has happened or failed.
 *
 * clone3(2) is tried first; where it answers ENOSYS (kernels before 5.3,
 * container seccomp profiles, valgrind, headers without SYS_clone3) the
 * legacy clone(2) is used with the same flags.  Any other clone3 error is
 * a real answer and is returned as it is.  clone3 with a stack of its own
 * needs a few lines of assembly (x86_64, aarch64); elsewhere it is used
 * fork-like, which costs a copy of the page tables but behaves the same:
 * same flags, same errors, same fallback.  On aarch64 the assembly earns
 * its place: under qemu-system-aarch64 (bench/bench, 9 rounds of 20) a
 * launch cost 0.73x env(1) sharing memory, 0.88x fork-like.
 */
#include "config.h"

#include <errno.h>
#include <linux/sched.h>	/* struct clone_args, CLONE_PIDFD */
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sibling.h"

#ifndef CLONE_PIDFD
# define CLONE_PIDFD 0x00001000
#endif
#ifndef CLONE_INTO_CGROUP
# define CLONE_INTO_CGROUP 0x200000000ULL	/* Linux 5.7 */
#endif

/*
 * The new process's stack follows RLIMIT_STACK up to this size, the
 * default limit: it needs far less, and a larger limit (unlimited, or
 * finite but near 2^64, which rounding up to a page would wrap to 0) is
 * no reason to reserve more address space.
 */
#define MAX_STACK_SIZE		(8UL * 1024 * 1024)
/* Below this a shell script's PATH search could already overflow. */
#define MIN_STACK_SIZE		(64UL * 1024)

struct stack {
	void *base;		/* lowest address: the guard page */
	size_t size;		/* whole mapping, guard page included */
	size_t guard;
};

static int stack_alloc(struct stack *st)
{
	struct rlimit rl;
	long page = sysconf(_SC_PAGESIZE);
	size_t size = MAX_STACK_SIZE;

	if (page <= 0)
		page = 4096;
	if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur < MAX_STACK_SIZE)
		size = (size_t)rl.rlim_cur;
	if (size < MIN_STACK_SIZE)
		size = MIN_STACK_SIZE;
	size = (size + page - 1) & ~((size_t)page - 1);

	/* Reserved, not committed: only the pages the child touches count. */
	st->base = mmap(NULL, size, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (st->base == MAP_FAILED && errno == ENOMEM && size > MIN_STACK_SIZE) {
		/* A tight RLIMIT_AS: the child needs far less than that. */
		size = MIN_STACK_SIZE;
		st->base = mmap(NULL, size, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	}
	if (st->base == MAP_FAILED)
		return -1;
	st->size = size;
	st->guard = (size_t)page;
	if (mprotect(st->base, st->guard, PROT_NONE) < 0) {
		int saved = errno;

		munmap(st->base, st->size);
		errno = saved;
		return -1;
	}
	return 0;
}

static void stack_free(struct stack *st)
{
	int saved = errno;

	munmap(st->base, st->size);
	errno = saved;
}

/*
 * clone3 cannot be called through syscall(2) when the child gets a stack of
 * its own: the child would return into syscall()'s frame on an empty stack.
 * So where memory is shared, a few lines of assembly make the call: the
 * child calls fn(arg) on its new stack and passes the result to exit(2)
 * without ever returning.  Each returns what the kernel returned: the
 * child's pid, or a negative errno.
 */
#if !defined(SYS_clone3)
/* Headers older than Linux 5.3: as if the kernel were. */
static long clone3_call(struct clone_args *ca, sibling_fn fn, void *arg)
{
	(void)ca;
	(void)fn;
	(void)arg;
	return -ENOSYS;
}
#elif SIBLING_CLONE3_SHARES_MEMORY && defined(__x86_64__)
static long clone3_call(struct clone_args *ca, sibling_fn fn, void *arg)
{
	long ret;
	register sibling_fn r8 __asm__("r8") = fn;
	register void *r9 __asm__("r9") = arg;

	__asm__ volatile(
		"syscall\n\t"
		"testq %%rax, %%rax\n\t"
		"jnz 1f\n\t"
		"xorl %%ebp, %%ebp\n\t"
		"movq %%r9, %%rdi\n\t"
		"callq *%%r8\n\t"
		"movl %%eax, %%edi\n\t"
		"movl %[nr_exit], %%eax\n\t"
		"syscall\n\t"
		"ud2\n"
		"1:"
		: "=a" (ret)
		: "0" ((long)SYS_clone3), "D" (ca), "S" (sizeof(*ca)),
		  "r" (r8), "r" (r9), [nr_exit] "i" (SYS_exit)
		: "rcx", "r11", "memory", "cc");
	return ret;
}
#elif SIBLING_CLONE3_SHARES_MEMORY && defined(__aarch64__)
static long clone3_call(struct clone_args *ca, sibling_fn fn, void *arg)
{
	register long x0 __asm__("x0") = (long)ca;
	register long x1 __asm__("x1") = (long)sizeof(*ca);
	register long x8 __asm__("x8") = SYS_clone3;
	register sibling_fn x9 __asm__("x9") = fn;
	register void *x10 __asm__("x10") = arg;

	__asm__ volatile(
		"svc #0\n\t"
		"cbnz x0, 1f\n\t"
		"mov x29, xzr\n\t"
		"mov x30, xzr\n\t"
		"mov x0, x10\n\t"
		"blr x9\n\t"
		"mov x8, %[nr_exit]\n\t"
		"svc #0\n\t"
		"brk #0\n"
		"1:"
		: "+r" (x0)
		: "r" (x1), "r" (x8), "r" (x9), "r" (x10),
		  [nr_exit] "i" (SYS_exit)
		: "memory", "cc");
	return x0;
}
#else
/*
 * Elsewhere clone3 is used fork-like (no CLONE_VM, no new stack), which
 * is portable C: the child returns 0 here like fork(2) does.  syscall(3)
 * follows the libc convention, -1 and errno: turn that into the kernel's.
 */
static long clone3_call(struct clone_args *ca, sibling_fn fn, void *arg)
{
	long ret = syscall(SYS_clone3, ca, sizeof(*ca));

	if (ret == 0)
		_exit(fn(arg));
	return ret < 0 ? -errno : ret;
}
#endif

static pid_t try_clone3(enum sibling_kind kind, sibling_fn fn, void *arg,
			struct stack *st, int *pidfd, int cgroup_fd)
{
	struct clone_args ca;
	long ret;

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_VFORK;
	if (SIBLING_CLONE3_SHARES_MEMORY) {
		ca.flags |= CLONE_VM;
		ca.stack = (uint64_t)(uintptr_t)((char *)st->base + st->guard);
		ca.stack_size = st->size - st->guard;
	}
	if (kind == SIBLING_SIBLING)
		ca.flags |= CLONE_PARENT;	/* exit_signal must stay 0 */
	else if (kind == SIBLING_CHILD)
		ca.exit_signal = SIGCHLD;
	if (pidfd) {
		ca.flags |= CLONE_PIDFD;
		ca.pidfd = (uint64_t)(uintptr_t)pidfd;
	}
	if (cgroup_fd >= 0) {
		ca.flags |= CLONE_INTO_CGROUP;
		ca.cgroup = (uint64_t)cgroup_fd;
	}

	ret = clone3_call(&ca, fn, arg);
	if (ret < 0) {
		errno = (int)-ret;
		return -1;
	}
	return (pid_t)ret;
}

static pid_t try_clone(enum sibling_kind kind, sibling_fn fn, void *arg,
		       struct stack *st, int *pidfd)
{
	int flags = CLONE_VM | CLONE_VFORK;

	/* A sibling inherits our own exit signal whatever we pass. */
	if (kind == SIBLING_SIBLING)
		flags |= CLONE_PARENT;
	else if (kind == SIBLING_CHILD)
		flags |= SIGCHLD;
	if (pidfd)
		flags |= CLONE_PIDFD;	/* returned through parent_tid */

	return clone(fn, (char *)st->base + st->size, flags, arg, pidfd,
		     NULL, NULL);
}

int sibling_start(enum sibling_kind kind, sibling_fn fn, void *arg,
		  int want_pidfd, struct sibling *sib)
{
	return sibling_start_in_cgroup(kind, fn, arg, want_pidfd, -1, sib);
}

int sibling_start_in_cgroup(enum sibling_kind kind, sibling_fn fn, void *arg,
			    int want_pidfd, int cgroup_fd, struct sibling *sib)
{
	struct stack st;
	int pidfd = -1;
	pid_t pid;

	if (stack_alloc(&st) < 0)
		return -1;

	sib->clone3_errno = 0;
	sib->path = SIBLING_PATH_CLONE3;
	pid = try_clone3(kind, fn, arg, &st, want_pidfd ? &pidfd : NULL,
			 cgroup_fd);
	if (pid < 0 && errno == ENOSYS) {
		sib->clone3_errno = ENOSYS;
		sib->path = SIBLING_PATH_CLONE;
		pid = try_clone(kind, fn, arg, &st, want_pidfd ? &pidfd : NULL);
	}
	/* CLONE_VFORK: the child has exec'd or ended, its stack is free. */
	stack_free(&st);
	if (pid < 0)
		return -1;

	sib->pid = pid;
	sib->pidfd = pidfd;
	return 0;
}
