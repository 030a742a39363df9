#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='what the manual page says of callers that do not reap'
. "$TESTS_SRCDIR/lib.sh"

# WAIT_EXACT (lib.sh): --wait knows the status even when the caller reaps
# PROGRAM at once.  A caller that reaps late leaves PROGRAM a zombie whose
# status /proc shows on every kernel (NATIVE: valgrind 3.19 cannot confirm
# it with pidfd_send_signal).  TIMEOUT, DASH, BASH, SETSID: lib.sh.

test_expect_success NATIVE,TIMEOUT 'under timeout(1), --wait reads the zombie: 3' '
	test_expect_code 3 timeout 20 siblingexec --wait -- sh -c "exit 3" \
		2>err &&
	test_must_be_empty err
'

test_expect_success WAIT_EXACT,TIMEOUT 'a shell between them reaps it, the status is the same' '
	test_expect_code 3 timeout 20 \
		sh -c "siblingexec --wait -- sh -c \"exit 3\"; exit \$?" 2>err &&
	test_must_be_empty err
'

test_expect_success NATIVE,DASH 'in $(...) under dash, the main shell is the parent and --wait answers 3' '
	dash -c "out=\$(siblingexec --wait -- sh -c \"echo \\\$PPID; exit 3\");
		echo \$? \$out \$\$" >out 2>err &&
	read -r status parent main <out &&
	test "$status" = 3 &&
	test "$parent" = "$main" &&
	test_must_be_empty err
'

test_expect_success WAIT_EXACT,BASH 'in $(...) under bash, the main shell is the parent and reaps' '
	bash -c "out=\$(siblingexec --wait -- sh -c \"echo \\\$PPID; exit 3\");
		echo \$? \$out \$\$" >out 2>err &&
	read -r status parent main <out &&
	test "$status" = 3 &&
	test "$parent" = "$main" &&
	test_must_be_empty err
'

# setsid -w forks when it leads a process group already: the outer setsid
# makes the inner one a session (and group) leader.  It takes the first
# child to end: PROGRAM, and fails, unless siblingexec, which reads the
# zombie's status at once, ends before setsid looks.  Either, never more.
test_expect_success WAIT_EXACT,SETSID 'setsid -w that forks may collect PROGRAM, not siblingexec' '
	status_of setsid setsid -w siblingexec --wait -- \
		sh -c "sleep 0.3; exit 3" 2>err &&
	case $(cat status) in
	1) grep "^setsid: wait" err ;;
	3) test_must_be_empty err ;;
	*) false ;;
	esac
'

test_expect_success WAIT_EXACT,SETSID 'with a shell between them, setsid -w gets the status' '
	test_expect_code 3 setsid setsid -w \
		sh -c "siblingexec --wait -- sh -c \"exit 3\"; exit \$?"
'

test_done
