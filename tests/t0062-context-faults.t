#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='each context step refused, or ignored, by the kernel: 125, PROGRAM never runs'
. "$TESTS_SRCDIR/lib.sh"

# refused RULE MESSAGE OPTION...: with RULE in force, siblingexec OPTION...
# must exit 125 saying MESSAGE, and PROGRAM must not run.  CALLER_OPTS:
# the caller's own options, one word each.
# shellcheck disable=SC2086
refused() {
	rule=$1 message=$2
	shift 2
	rm -f marker &&
	run_caller $CALLER_OPTS "$HELPERS/fail-syscall" "$rule" -- \
		"$SIBLINGEXEC" "$@" -- touch marker 2>err 7</dev/null &&
	echo "siblingexec: $message" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

test_expect_success 'setsid refused' '
	refused setsid=EPERM \
		"cannot start a new session: Operation not permitted" --setsid
'

test_expect_success 'setsid ignored: the check sees it' '
	refused setsid=SUCCESS "the new session did not take effect" --setsid
'

test_expect_success 'chdir refused' '
	refused chdir=EACCES \
		"cannot change to directory '\''/tmp'\'': Permission denied" \
		--chdir=/tmp
'

test_expect_success 'chdir ignored: the check sees it' '
	refused chdir=SUCCESS \
		"the working directory is not '\''/'\'' after the change" \
		--chdir=/
'

test_expect_success 'close_range refused' '
	refused close_range=EPERM \
		"cannot close the descriptors: Operation not permitted" \
		--close-fds
'

test_expect_success 'close_range ignored: the check sees descriptor 7' '
	refused close_range=SUCCESS \
		"a descriptor that --close-fds should close is still open" \
		--close-fds
'

# valgrind and AddressSanitizer install signal handlers of their own, and
# stop when the kernel refuses them.
test "$VALGRIND_WRAPPED" != yes && test "$SANITIZERS" != yes &&
	test_set_prereq OWN_SIGNALS

test_expect_success OWN_SIGNALS 'sigaction refused' '
	refused rt_sigaction=EINVAL \
		"cannot reset the action of signal 1: Invalid argument" \
		--reset-signals
'

test_expect_success OWN_SIGNALS 'sigaction ignored: the check sees SigIgn' '
	CALLER_OPTS="-I 2" &&
	test_when_finished "CALLER_OPTS=" &&
	refused rt_sigaction=SUCCESS \
		"the signals are not reset after the change" --reset-signals
'

test_done
