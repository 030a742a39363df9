#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--verbose: how PROGRAM was started; clone errors'
. "$TESTS_SRCDIR/lib.sh"

probe_prereqs CLONE3

test_expect_success NATIVE,CLONE3 '--verbose names the pid and clone3' '
	"$HELPERS/caller" -v -o report siblingexec --verbose -- true 2>err &&
	pid=$(sed -n "s/^adopted exit 0 pid=//p" report) &&
	echo "siblingexec: created process $pid with clone3" >expect &&
	test_cmp expect err
'

test_expect_success '-v names the clone fallback and why' '
	"$HELPERS/caller" -v -o report "$HELPERS/fail-syscall" clone3=ENOSYS -- \
		"$SIBLINGEXEC" -v -- true 2>err &&
	pid=$(sed -n "s/^adopted exit 0 pid=//p" report) &&
	echo "siblingexec: created process $pid with clone, as clone3 failed: Function not implemented" >expect &&
	test_cmp expect err
'

test_expect_success 'without --verbose nothing is printed' '
	run_caller siblingexec -- true >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success NATIVE 'clone3 refused with EPERM: 125, not retried with clone' '
	run_caller "$HELPERS/fail-syscall" clone3=EPERM -- \
		"$SIBLINGEXEC" -- touch marker 2>err &&
	echo "siblingexec: cannot create a process (a seccomp filter or a security module forbids it): Operation not permitted" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_expect_success NATIVE 'clone refused with EAGAIN: the process limit is named' '
	run_caller "$HELPERS/fail-syscall" clone3=EAGAIN -- \
		"$SIBLINGEXEC" -- touch marker 2>err &&
	echo "siblingexec: cannot create a process (the limit on processes is reached: see ulimit -u and the pids cgroup): Resource temporarily unavailable" >expect &&
	test_cmp expect err &&
	! test -e marker
'

test_expect_success NATIVE 'clone refused with ENOMEM: memory is named' '
	run_caller "$HELPERS/fail-syscall" clone3=ENOMEM -- \
		"$SIBLINGEXEC" -- touch marker 2>err &&
	echo "siblingexec: cannot create a process (not enough memory, or RLIMIT_AS is too small for the new process'\''s stack): Cannot allocate memory" >expect &&
	test_cmp expect err &&
	! test -e marker
'

# LeakSanitizer stops the world with clone(2): let it be with clone refused.
test_expect_success NATIVE 'the fallback clone refused too: its error is reported' '
	ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" &&
	export ASAN_OPTIONS &&
	run_caller "$HELPERS/fail-syscall" clone3=ENOSYS clone=EAGAIN -- \
		"$SIBLINGEXEC" -- touch marker 2>err &&
	grep "^siblingexec: cannot create a process (the limit on processes" err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_done
