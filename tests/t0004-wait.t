#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--wait: stay until PROGRAM ends, exit with its status'
. "$TESTS_SRCDIR/lib.sh"

# Force each way of learning the status on a kernel that has them all:
# PIDFD_GET_INFO answers "no such ioctl" (before Linux 6.13) or ESRCH
# (6.13 and 6.14 after the reap); the connector socket cannot be opened
# (NO_EVENTS, lib.sh).
GET_INFO=0xc040ff0b
NO_IOCTL="ioctl/*/$GET_INFO=25"
NO_EXIT_INFO="ioctl/*/$GET_INFO=3"
fail() {
	"$HELPERS/fail-syscall" "$@"
}

# Stop siblingexec until its caller has reaped PROGRAM, so that it finds
# PROGRAM reaped, whatever the scheduler does: run as "sh -c", with the
# siblingexec options in "$@"; siblingexec's status goes to se-status.
# (A shell with a SIGCHLD handler sees the open of the fifo interrupted
# when siblingexec stops: try again.)  A siblingexec that writes no pid
# file in 5 s fails the script, and leaves no se-status behind.
reaped_first='
	rm -f se.pid se-status
	"$SIBLINGEXEC" --pid-file=se.pid "$@" -- sh -c "read x <fifo; exit 4" 2>err &
	se=$!
	i=0
	until test -s se.pid; do
		if test $i -ge 500; then
			echo "no pid file from siblingexec in 5 s" >&2
			kill $se 2>/dev/null
			exit 1
		fi
		sleep 0.01
		i=$((i + 1))
	done
	kill -STOP $se
	until { echo go >fifo; } 2>/dev/null; do sleep 0.01; done
	while kill -0 $(cat se.pid) 2>/dev/null; do sleep 0.01; done
	kill -CONT $se
	wait $se
	echo $? >se-status
'
test_expect_success 'a fifo to release PROGRAM' '
	mkfifo fifo
'

test_expect_success WAIT_EXACT '--wait exits with PROGRAM status' '
	run_caller siblingexec --wait -- sh -c "exit 7" &&
	printf "%s\n" "direct exit 7" "adopted exit 7" >expect &&
	test_cmp expect report
'

test_expect_success WAIT_EXACT '-w stays until PROGRAM ends, then exits 0' '
	siblingexec -w -- sh -c "sleep 0.3; echo done >marker" &&
	echo done >expect &&
	test_cmp expect marker
'

test_expect_success WAIT_EXACT '--wait: killed by signal N gives 128+N' '
	run_caller siblingexec --wait -- sh -c "kill -KILL \$\$" &&
	printf "%s\n" "direct exit 137" "adopted signal 9" >expect &&
	test_cmp expect report
'

test_expect_success WAIT_EXACT '--wait: SIGTERM gives 143' '
	run_caller siblingexec --wait -- sh -c "kill -TERM \$\$" &&
	printf "%s\n" "direct exit 143" "adopted signal 15" >expect &&
	test_cmp expect report
'

test_expect_success WAIT_EXACT '--wait from a shell' '
	bash -c "siblingexec --wait -- sh -c \"sleep 0.2; exit 9\"; echo \$?" >out &&
	echo 9 >expect &&
	test_cmp expect out
'

# Without WAIT_EXACT the test shell, which reaps at once, may win the race
# for the status: then, and only then, 125 (siblingexec(1), NOTES).
test_expect_success '--wait returns only once PROGRAM has ended' '
	status_of siblingexec --wait -- sh -c "sleep 0.3; echo done >marker2" &&
	echo done >expect &&
	test_cmp expect marker2 &&
	read -r st <status &&
	if test_have_prereq WAIT_EXACT
	then
		test "$st" = 0
	else
		test "$st" = 0 || test "$st" = 125
	fi
'

test_expect_success NATIVE '--wait with a caller that reaps late: exact on every kernel' '
	"$HELPERS/caller" -s -o report siblingexec --wait -- sh -c "exit 3" &&
	printf "%s\n" "direct exit 3" "adopted exit 3" >expect &&
	test_cmp expect report
'

test_expect_success '--wait when PROGRAM is not found: 127, no waiting' '
	run_caller siblingexec --wait -- no-such-program 2>err &&
	printf "%s\n" "direct exit 127" "adopted exit 127" >expect &&
	test_cmp expect report
'

# Each way, forced.  valgrind 3.19 knows no pidfd_send_signal(2), which
# the /proc way needs, and speaks on stderr: those tests need NATIVE.
test_expect_success PIDFD_INFO_EXIT 'Linux 6.15: read from the pidfd after the reap' '
	fail "$NO_EVENTS" -- sh -c "$reaped_first" sh -v --wait &&
	echo 4 >expect &&
	test_cmp expect se-status &&
	sed -n "s/[0-9][0-9]*/N/g;2p" err >actual &&
	echo "siblingexec: PROGRAM (pid N) ended; its exit status came from its pidfd" >expect &&
	test_cmp expect actual
'

test_expect_success PROC_EVENTS 'no exit info: the connector, with a caller that reaps at once' '
	fail "$NO_IOCTL" -- "$HELPERS/caller" -o report siblingexec -v --wait -- sh -c "exit 7" 2>err &&
	printf "%s\n" "direct exit 7" "adopted exit 7" >expect &&
	test_cmp expect report &&
	sed -n "s/[0-9][0-9]*/N/g;2p" err >actual &&
	echo "siblingexec: PROGRAM (pid N) ended; its exit status came from the process-events connector" >expect &&
	test_cmp expect actual
'

test_expect_success PROC_EVENTS 'the connector: a signal, and a stop before the reap' '
	fail "$NO_IOCTL" -- "$HELPERS/caller" -o report siblingexec --wait -- sh -c "kill -TERM \$\$" &&
	printf "%s\n" "direct exit 143" "adopted signal 15" >expect &&
	test_cmp expect report &&
	fail "$NO_EXIT_INFO" -- sh -c "$reaped_first" sh --wait &&
	echo 4 >expect &&
	test_cmp expect se-status
'

test_expect_success PROC_EVENTS 'the connector: a main thread that ends first does not decide' '
	fail "$NO_IOCTL" -- "$HELPERS/caller" -o report siblingexec --wait -- \
		"$HELPERS/main-exits-first" exit 5 &&
	fail "$NO_IOCTL" -- "$HELPERS/caller" -o report2 siblingexec --wait -- \
		"$HELPERS/main-exits-first" exec sh -c "exit 9" &&
	printf "%s\n" "direct exit 5" "adopted exit 5" "direct exit 9" "adopted exit 9" >expect &&
	cat report report2 >actual &&
	test_cmp expect actual
'

test_expect_success NATIVE,SOCKET_SYSCALL 'no exit info, no connector: /proc, with a caller that reaps late' '
	fail "$NO_IOCTL" "$NO_EVENTS" -- "$HELPERS/caller" -s -o report \
		siblingexec -v --wait -- sh -c "exit 5" 2>err &&
	printf "%s\n" "direct exit 5" "adopted exit 5" >expect &&
	test_cmp expect report &&
	sed -n "s/[0-9][0-9]*/N/g;2p" err >actual &&
	echo "siblingexec: PROGRAM (pid N) ended; its exit status came from /proc, before PROGRAM was reaped" >expect &&
	test_cmp expect actual
'

test_expect_success NATIVE,SOCKET_SYSCALL 'before Linux 6.13, reaped first: 125 at once, said plainly' '
	fail "$NO_IOCTL" "$NO_EVENTS" -- sh -c "$reaped_first" sh --wait &&
	echo 125 >expect &&
	test_cmp expect se-status &&
	sed "s/pid [0-9]*/pid N/" err >actual &&
	echo "siblingexec: PROGRAM (pid N) has ended, but its exit status is lost: its parent reaped PROGRAM first, and before Linux 6.13 only the process-events connector tells the status to others (run siblingexec as root, or use Linux 6.15 or later)" >expect &&
	test_cmp expect actual
'

test_expect_success NATIVE,SOCKET_SYSCALL 'Linux 6.13 and 6.14, reaped first: named as such' '
	fail "$NO_EXIT_INFO" "$NO_EVENTS" -- sh -c "$reaped_first" sh --wait &&
	echo 125 >expect &&
	test_cmp expect se-status &&
	sed "s/pid [0-9]*/pid N/" err >actual &&
	echo "siblingexec: PROGRAM (pid N) has ended, but its exit status is lost: its parent reaped PROGRAM first, and on Linux 6.13 and 6.14 a pidfd keeps no exit status (run siblingexec as root, or use Linux 6.15 or later)" >expect &&
	test_cmp expect actual
'

# Root without CAP_SYS_PTRACE may not read the status of another user's
# zombie: the kernel would show 0.
test_expect_success ROOT,NATIVE,SOCKET_SYSCALL 'a zombie /proc does not show: 125, never a made-up 0' '
	wait_status_unseen "$NO_IOCTL" &&
	printf "%s\n" "direct exit 125" "adopted exit 6" >expect &&
	test_cmp expect report &&
	echo "siblingexec: PROGRAM (pid N) has ended, but /proc does not show its exit status to siblingexec (PROGRAM runs with other credentials, or /proc is not mounted)" >expect &&
	test_cmp expect actual
'

# dash and ash run the last command of $(...) in place of the subshell:
# PROGRAM is the main shell's child, reaped after end-of-file on the pipe.
busybox ash -c : 2>/dev/null && test_set_prereq BUSYBOX
substitution='x=$(siblingexec --wait -- sh -c "echo hi; exit 7"); echo $? $x'
substitution_2='x=$(siblingexec --wait -- sh -c "echo hi; exit 7" 2>&1); echo $? $x'
for shell in dash "busybox ash" bash
do
	prereq=WAIT_EXACT,NATIVE
	test "$shell" = dash && prereq=$prereq,DASH
	test "$shell" = "busybox ash" && prereq=$prereq,BUSYBOX
	test_expect_success $prereq "$shell: \$(siblingexec --wait ...) gives 7 at once" "
		$shell -c '$substitution' >out &&
		$shell -c '$substitution_2' >>out &&
		printf '%s\n' '7 hi' '7 hi' >expect &&
		test_cmp expect out
	"
done

test_expect_success DASH,BUSYBOX,NATIVE,SOCKET_SYSCALL 'dash and ash $(...), no exit info, no connector: /proc' '
	fail "$NO_IOCTL" "$NO_EVENTS" -- dash -c "$substitution_2" >out &&
	fail "$NO_IOCTL" "$NO_EVENTS" -- busybox ash -c "$substitution_2" >>out &&
	printf "%s\n" "7 hi" "7 hi" >expect &&
	test_cmp expect out
'

# Only when the status comes with the reap alone does siblingexec let go
# of its streams: then the shell sees end-of-file at once.
test_expect_success ROOT,PIDFD_INFO_EXIT,DASH,NATIVE 'Linux 6.15, /proc silent: the streams are let go' '
	dash -c "x=\$(setpriv --bounding-set=-sys_ptrace -- siblingexec --user=nobody --wait -- sh -c \"echo hi; exit 7\" 2>&1); echo \$? \$x" >out &&
	echo "7 hi" >expect &&
	test_cmp expect out
'

test_expect_success NATIVE '--wait: the last message reaches a file' '
	"$HELPERS/caller" -s -o report siblingexec -v --wait -- true 2>err &&
	sed -n "s/[0-9][0-9]*/N/g;2s/ from .*//p" err >actual &&
	echo "siblingexec: PROGRAM (pid N) ended; its exit status came" >expect &&
	test_cmp expect actual
'

test_done
