#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--user, --group, --groups, --clear-groups, --no-new-privs, --pdeathsig'
. "$TESTS_SRCDIR/lib.sh"


test_expect_success ROOT '--user=nobody: all uids, its group and groups' '
	creds_of --user=nobody &&
	test "$(field Uid)" = "65534	65534	65534	65534" &&
	test "$(field Gid)" = "$(id -g nobody)	$(id -g nobody)	$(id -g nobody)	$(id -g nobody)" &&
	test "$(field Groups)" = "$(id -G nobody | tr " " "\n" | sort -n | tr "\n" " ")"
'

test_expect_success ROOT '-u takes a number' '
	creds_of -u 65534 &&
	test "$(field Uid)" = "65534	65534	65534	65534"
'

test_expect_success ROOT '--group overrides the primary group' '
	creds_of --user=nobody --group=daemon &&
	gid=$(getent group daemon | cut -d: -f3) &&
	test "$(field Gid)" = "$gid	$gid	$gid	$gid"
'

test_expect_success ROOT '--group alone changes only the group' '
	creds_of -g 4242 &&
	test "$(field Gid)" = "4242	4242	4242	4242" &&
	test "$(field Uid)" = "0	0	0	0"
'

test_expect_success ROOT '--groups sets exactly those groups' '
	creds_of --user=nobody --groups=daemon,4243,4242 &&
	gid=$(getent group daemon | cut -d: -f3) &&
	test "$(field Groups)" = "$gid 4242 4243 "
'

test_expect_success ROOT '--clear-groups leaves none' '
	creds_of --user=nobody --clear-groups &&
	test "$(field Groups)" = " "
'

test_expect_success ROOT 'a uid without a user database entry needs --group' '
	run_caller siblingexec --user=54321 -- touch marker 2>err &&
	echo "siblingexec: user 54321 has no entry in the user database: give --group" >expect &&
	test_cmp expect err &&
	! test -e marker
'

test_expect_success ROOT '... and --groups or --clear-groups' '
	test_expect_code 125 siblingexec --user=54321 --group=54321 -- true 2>err &&
	echo "siblingexec: user 54321 has no entry in the user database: give --groups or --clear-groups" >expect &&
	test_cmp expect err &&
	creds_of --user=54321 --group=54321 --clear-groups &&
	test "$(field Uid)" = "54321	54321	54321	54321"
'

test_expect_success '--no-new-privs sets NoNewPrivs' '
	creds_of --no-new-privs &&
	test "$(field NoNewPrivs)" = 1
'

test_expect_success 'without --no-new-privs it stays 0' '
	creds_of &&
	test "$(field NoNewPrivs)" = 0
'

# Wait up to 5 s for a process to be gone (or a zombie).
gone() {
	i=0
	while test $i -lt 50
	do
		state=$(sed -n "s/^State:	\(.\).*/\1/p" "/proc/$1/status" 2>/dev/null)
		case "$state" in ""|Z) return 0 ;; esac
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# kill_at_end PID: the sleep PID is killed when the test ends: it must not
# outlive a --pdeathsig that failed to kill it, whatever it ignores.
kill_at_end() {
	test_when_finished "kill -KILL $1 2>/dev/null || :"
}

# "sh -c" is the caller that dies.  A shell may exec a lone command in
# its own place (bash, busybox): then the caller would be the test shell,
# which lives on.  "; exit $?" makes every shell fork.
test_expect_success '--pdeathsig: PROGRAM gets the signal when the caller dies' '
	sh -c "\"\$SIBLINGEXEC\" --pdeathsig=TERM --pid-file=pd.pid -- sleep 30; exit \$?" &&
	pid=$(cat pd.pid) &&
	kill_at_end "$pid" &&
	gone $pid
'

test_expect_success 'without --pdeathsig, PROGRAM outlives the caller' '
	sh -c "\"\$SIBLINGEXEC\" --pid-file=nopd.pid -- sleep 30; exit \$?" &&
	pid=$(cat nopd.pid) &&
	test_when_finished "kill $pid" &&
	! gone $pid
'

test_expect_success ROOT '--pdeathsig survives the change of user' '
	sh -c "\"\$SIBLINGEXEC\" --user=nobody --pdeathsig=SIGKILL --pid-file=pdu.pid -- sleep 30; exit \$?" &&
	pid=$(cat pdu.pid) &&
	kill_at_end "$pid" &&
	gone $pid
'

test_expect_success '--pdeathsig takes a number' '
	sh -c "\"\$SIBLINGEXEC\" --pdeathsig=15 --pid-file=pdn.pid -- sleep 30; exit \$?" &&
	pid=$(cat pdn.pid) &&
	kill_at_end "$pid" &&
	gone $pid
'

test_done
