#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='what the manual page says of callers that do not reap'
. "$TESTS_SRCDIR/lib.sh"

# PIDFD_INFO_EXIT (lib.sh): the kernel tells --wait the status at all.
command -v timeout >/dev/null && test_set_prereq TIMEOUT
command -v dash >/dev/null && test_set_prereq DASH
command -v bash >/dev/null && test_set_prereq BASH
command -v setsid >/dev/null && test_set_prereq SETSID

unreaped="siblingexec: PROGRAM (pid [0-9]*) has ended, but its exit status is unknown: the caller did not reap it within 2000 ms"

test_expect_success PIDFD_INFO_EXIT,TIMEOUT 'under timeout(1), --wait answers 125' '
	test_expect_code 125 timeout 20 siblingexec --wait -- sh -c "exit 3" \
		2>err &&
	grep -x "$unreaped" err
'

test_expect_success PIDFD_INFO_EXIT,TIMEOUT 'a shell between them, as the page says, reaps it' '
	test_expect_code 3 timeout 20 \
		sh -c "siblingexec --wait -- sh -c \"exit 3\"; exit \$?" 2>err &&
	test_must_be_empty err
'

test_expect_success PIDFD_INFO_EXIT,DASH 'in $(...) under dash, --wait answers 125' '
	dash -c "out=\$(siblingexec --wait -- sh -c \"echo \\\$PPID; exit 3\");
		echo \$? \$out \$\$" >out 2>err &&
	read -r status parent main <out &&
	test "$status" = 125 &&
	test "$parent" = "$main" &&
	grep -x "$unreaped" err
'

test_expect_success PIDFD_INFO_EXIT,BASH 'in $(...) under bash, the main shell is the parent and reaps' '
	bash -c "out=\$(siblingexec --wait -- sh -c \"echo \\\$PPID; exit 3\");
		echo \$? \$out \$\$" >out 2>err &&
	read -r status parent main <out &&
	test "$status" = 3 &&
	test "$parent" = "$main" &&
	test_must_be_empty err
'

# setsid -w forks when it leads a process group already: the outer setsid
# makes the inner one a session (and group) leader.
test_expect_success PIDFD_INFO_EXIT,SETSID 'setsid -w that forks collects PROGRAM, not siblingexec' '
	test_expect_code 1 setsid setsid -w siblingexec --wait -- \
		sh -c "sleep 0.3; exit 3" 2>err &&
	grep "^setsid: wait" err
'

test_expect_success PIDFD_INFO_EXIT,SETSID 'with a shell between them, setsid -w gets the status' '
	test_expect_code 3 setsid setsid -w \
		sh -c "siblingexec --wait -- sh -c \"exit 3\"; exit \$?"
'

test_done
