#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='fail closed, status 125: the cases the other tests do not reach'
. "$TESTS_SRCDIR/lib.sh"

# prctl options, from <linux/prctl.h>
PR_SET_KEEPCAPS=8

# keepcaps ARG: with prctl(PR_SET_KEEPCAPS, ARG) refused, --user=nobody
# --ambient-caps must exit 125 naming that step, and PROGRAM not run.
keepcaps() {
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" "prctl/$PR_SET_KEEPCAPS/$1=EPERM" -- \
		"$SIBLINGEXEC" --user=nobody --ambient-caps=net_bind_service \
		-- touch marker 2>err &&
	echo "siblingexec: cannot keep capabilities across the change of user: Operation not permitted" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

# PR_SET_KEEPCAPS is set (1) before the uid change and reset (0) after it;
# t0014 refuses both at once, so it cannot tell whether each failure is
# noticed.  The kernel would reset the flag at exec anyway, but a step
# that fails is not skipped: PROGRAM does not run.
test_expect_success ROOT 'PR_SET_KEEPCAPS refused before the uid change: 125' '
	keepcaps 1
'

test_expect_success ROOT 'the reset of PR_SET_KEEPCAPS refused: 125, PROGRAM not run' '
	keepcaps 0
'

# clone3 refused with an errno that has no advice of its own (EACCES is
# not ENOSYS, so there is no fallback either): the plain message, 125.
# NATIVE: valgrind answers clone3 with ENOSYS itself, and falls back.
test_expect_success NATIVE 'no process can be created: 125, nothing started' '
	run_caller "$HELPERS/fail-syscall" clone3=EACCES -- \
		"$SIBLINGEXEC" -- touch marker 2>err &&
	echo "siblingexec: cannot create a process: Permission denied" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

# Linux 6.15 tells the status only after the reap; with /proc silent (no
# CAP_SYS_PTRACE over another user's process) and the connector closed,
# a caller that reaps nothing until siblingexec ends (caller -s) leaves
# the status unknown once the grace period is over.
test_expect_success ROOT,PIDFD_INFO_EXIT,NATIVE '--wait, PROGRAM not reaped in time: 125, said plainly' '
	wait_status_unseen &&
	printf "%s\n" "direct exit 125" "adopted exit 6" >expect &&
	test_cmp expect report &&
	echo "siblingexec: PROGRAM (pid N) has ended, but its exit status is unknown: /proc does not show the status to siblingexec, and PROGRAM was not reaped within 2000 ms" >expect &&
	test_cmp expect actual
'

test_done
