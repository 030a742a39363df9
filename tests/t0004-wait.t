#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--wait: stay until PROGRAM ends, exit with its status'
. "$TESTS_SRCDIR/lib.sh"

test_expect_success PIDFD_INFO_EXIT '--wait exits with PROGRAM status' '
	run_caller siblingexec --wait -- sh -c "exit 7" &&
	printf "%s\n" "direct exit 7" "adopted exit 7" >expect &&
	test_cmp expect report
'

test_expect_success PIDFD_INFO_EXIT '-w exits 0 when PROGRAM exits 0' '
	run_caller siblingexec -w -- true &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report
'

test_expect_success PIDFD_INFO_EXIT '--wait: killed by signal N gives 128+N' '
	run_caller siblingexec --wait -- sh -c "kill -KILL \$\$" &&
	printf "%s\n" "direct exit 137" "adopted signal 9" >expect &&
	test_cmp expect report
'

test_expect_success PIDFD_INFO_EXIT '--wait: SIGTERM gives 143' '
	run_caller siblingexec --wait -- sh -c "kill -TERM \$\$" &&
	printf "%s\n" "direct exit 143" "adopted signal 15" >expect &&
	test_cmp expect report
'

test_expect_success PIDFD_INFO_EXIT '--wait from a shell' '
	bash -c "siblingexec --wait -- sh -c \"sleep 0.2; exit 9\"; echo \$?" >out &&
	echo 9 >expect &&
	test_cmp expect out
'

test_expect_success PIDFD_INFO_EXIT '--wait waits for PROGRAM to end' '
	run_caller siblingexec --wait -- sh -c "sleep 0.3; echo done >marker" &&
	test -f marker
'

test_expect_success '--wait with a caller that never reaps: 125, said plainly' '
	"$HELPERS/caller" -s -o report siblingexec --wait -- sh -c "exit 3" 2>err &&
	sed "s/pid [0-9]*/pid N/" err >actual &&
	if test_have_prereq PIDFD_INFO_EXIT
	then
		echo "siblingexec: PROGRAM (pid N) has ended, but its exit status is unknown: the caller did not reap it within 2000 ms" >expect
	else
		echo "siblingexec: PROGRAM (pid N) has ended, but this kernel cannot tell its exit status to anyone but its parent (Linux 6.15 or later is needed)" >expect
	fi &&
	test_cmp expect actual &&
	printf "%s\n" "direct exit 125" "adopted exit 3" >expect &&
	test_cmp expect report
'

test_expect_success '--wait when PROGRAM is not found: 127, no waiting' '
	run_caller siblingexec --wait -- no-such-program 2>err &&
	printf "%s\n" "direct exit 127" "adopted exit 127" >expect &&
	test_cmp expect report
'

test_done
