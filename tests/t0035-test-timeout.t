#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='the time limit of a test file (tests/timeout.sh) ends it and all it started'
. "$TESTS_SRCDIR/lib.sh"

# The files below write their stderr to a file: should the wrapper fail
# to kill what they start, it would not hold this file's output open.
# Their sleeps outlast the limit (2 s) and the wait in gone (5 s).

# gone PID: the process has ended (a zombie nobody reaped yet counts).
gone() {
	for i in $(seq 1 50); do
		state=$(cut -d " " -f 3 "/proc/$1/stat" 2>/dev/null)
		if test -z "$state" || test "$state" = Z; then
			return 0
		fi
		sleep 0.1
	done
	return 1
}

test_expect_success 'a file that hangs: killed with its sibling, reported' '
	cat >hang.t <<-\EOF &&
	siblingexec -p sleeper.pid -- sleep 20 &&
	echo ok 1 - started &&
	sleep 20
	EOF
	{
		TEST_TIMEOUT=2 sh "$TESTS_SRCDIR/timeout.sh" sh hang.t >out 2>err
		echo $? >status
	} &&
	echo 124 >expect &&
	test_cmp expect status &&
	printf "%s\n" "ok 1 - started" \
		"Bail out! hang.t did not end within 2 s (TEST_TIMEOUT): killed with everything it started" >expect &&
	test_cmp expect out &&
	gone "$(cat sleeper.pid)"
'

test_expect_success 'a file that ends in time keeps its status and output' '
	printf "%s\n" "echo ok 1 - fine" "exit 3" >quick.t &&
	{
		TEST_TIMEOUT=20 sh "$TESTS_SRCDIR/timeout.sh" sh quick.t >out
		echo $? >status
	} &&
	echo 3 >expect &&
	test_cmp expect status &&
	echo "ok 1 - fine" >expect &&
	test_cmp expect out
'

test_expect_success 'a process left running after the file ends is killed and named' '
	printf "%s\n" "siblingexec -p stray.pid -- sleep 20" >stray.t &&
	TEST_TIMEOUT=20 sh "$TESTS_SRCDIR/timeout.sh" sh stray.t >out 2>err &&
	echo "# killed, left behind: $(cat stray.pid) sleep 20" >expect &&
	test_cmp expect out &&
	gone "$(cat stray.pid)"
'

test_done
