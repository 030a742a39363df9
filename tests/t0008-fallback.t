#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='with clone3 answering ENOSYS, the clone(2) fallback'
. "$TESTS_SRCDIR/lib.sh"


test_expect_success 'the fallback creates a sibling the caller reaps' '
	"$HELPERS/caller" -v -o report "$HELPERS/fail-syscall" clone3=ENOSYS -- \
		"$SIBLINGEXEC" -- sh -c "echo \$PPID; exit 3" >out &&
	sed -n "s/^caller pid=//p" report >expect &&
	test_cmp expect out &&
	grep "^direct exit 0 pid=" report &&
	grep "^adopted exit 3 pid=" report
'

test_expect_success 'not found is still 127 with the fallback' '
	run_caller "$HELPERS/fail-syscall" clone3=ENOSYS -- \
		"$SIBLINGEXEC" -- no-such-program 2>err &&
	printf "%s\n" "direct exit 127" "adopted exit 127" >expect &&
	test_cmp expect report
'

test_expect_success 'descriptors are the same with the fallback' '
	run_caller "$HELPERS/fail-syscall" clone3=ENOSYS -- \
		"$SIBLINGEXEC" -- ls /proc/self/fd >actual &&
	run_caller "$HELPERS/fail-syscall" clone3=ENOSYS -- \
		env -- ls /proc/self/fd >expect &&
	test_cmp expect actual
'

test_expect_success 'RLIMIT_STACK unlimited: the fallback still works' '
	run_caller sh -c "ulimit -s unlimited && exec \"\$0\" clone3=ENOSYS -- \"\$1\" -- sh -c \"exit 6\"" \
		"$HELPERS/fail-syscall" "$SIBLINGEXEC" &&
	printf "%s\n" "direct exit 0" "adopted exit 6" >expect &&
	test_cmp expect report
'

test_expect_success 'RLIMIT_STACK unlimited with clone3 too' '
	run_caller sh -c "ulimit -s unlimited && exec \"\$0\" -- sh -c \"exit 6\"" \
		"$SIBLINGEXEC" &&
	printf "%s\n" "direct exit 0" "adopted exit 6" >expect &&
	test_cmp expect report
'

# Rounded up to a page, a limit this close to 2^64 once wrapped to 0.
test_expect_success 'RLIMIT_STACK finite but huge: PROGRAM runs, both ways' '
	big=18014398509481983 &&
	run_caller sh -c "ulimit -s $big && exec \"\$0\" -- sh -c \"exit 6\"" \
		"$SIBLINGEXEC" &&
	printf "%s\n" "direct exit 0" "adopted exit 6" >expect &&
	test_cmp expect report &&
	run_caller sh -c "ulimit -s $big && exec \"\$0\" clone3=ENOSYS -- \"\$1\" -- sh -c \"exit 6\"" \
		"$HELPERS/fail-syscall" "$SIBLINGEXEC" &&
	test_cmp expect report
'

test_expect_success WAIT_EXACT '--wait works with the fallback' '
	run_caller "$HELPERS/fail-syscall" clone3=ENOSYS -- \
		"$SIBLINGEXEC" --wait -- sh -c "exit 8" &&
	printf "%s\n" "direct exit 8" "adopted exit 8" >expect &&
	test_cmp expect report
'

test_done
