#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='PROGRAM gets what siblingexec got, and nothing of its own'
. "$TESTS_SRCDIR/lib.sh"

# env(1) passes everything through unchanged: it is the reference.
compare_with_env() {
	run_caller siblingexec -- "$@" >actual &&
	run_caller env -- "$@" >expect &&
	test_cmp expect actual
}

test_expect_success 'the same descriptors as env gives' '
	compare_with_env ls /proc/self/fd
'

test_expect_success 'extra descriptors are passed, nothing is added' '
	exec 7>seven 8<seven &&
	compare_with_env ls /proc/self/fd &&
	grep -x 7 actual && grep -x 8 actual
'

test_expect_success 'stdin closed on entry stays closed; no pipe lands on 0' '
	compare_with_env ls /proc/self/fd <&- &&
	run_caller siblingexec -- sh -c "readlink /proc/self/fd/0 || echo closed" \
		<&- >out 2>/dev/null &&
	echo closed >expect &&
	test_cmp expect out
'

# The shell looks at its own fd 1 before any redirection: a redirection,
# even on a later command, may leave a descriptor on 1 (dash saves one).
# "1" is the status of a failed test: nothing is open there.
test_expect_success 'stdout closed on entry: PROGRAM sees it closed' '
	run_caller siblingexec -- sh -c "test -e /proc/\$\$/fd/1; echo \$? >&2" \
		>&- 2>fd1 &&
	run_caller env -- sh -c "test -e /proc/\$\$/fd/1; echo \$? >&2" \
		>&- 2>fd1-env &&
	echo 1 >expect &&
	test_cmp expect fd1-env &&
	test_cmp expect fd1
'

# The same for 0, 1 and 2: each is tested before the one redirection.
test_expect_success 'all of 0, 1 and 2 closed: PROGRAM runs, sees them closed' '
	run_caller siblingexec -- sh -c "test -e /proc/\$\$/fd/0; a=\$?;
		test -e /proc/\$\$/fd/1; b=\$?; test -e /proc/\$\$/fd/2; c=\$?;
		echo \$a\$b\$c >fds-all" <&- >&- 2>&- &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report &&
	echo 111 >expect &&
	test_cmp expect fds-all
'

test_expect_success NATIVE 'errors with stderr closed do not crash, status stays 127' '
	run_caller siblingexec -- no-such-program 2>&- &&
	printf "%s\n" "direct exit 127" "adopted exit 127" >expect &&
	test_cmp expect report
'

test_expect_success 'blocked signals arrive blocked' '
	"$HELPERS/caller" -o report -B 10 -B 12 siblingexec -- \
		grep -E "^Sig(Blk|Ign)" /proc/self/status >actual &&
	"$HELPERS/caller" -o report -B 10 -B 12 env -- \
		grep -E "^Sig(Blk|Ign)" /proc/self/status >expect &&
	test_cmp expect actual &&
	grep "^SigBlk:	0000000000000a00$" actual
'

test_expect_success 'ignored signals arrive ignored' '
	"$HELPERS/caller" -o report -I 1 -I 13 siblingexec -- \
		grep -E "^Sig(Blk|Ign)" /proc/self/status >actual &&
	"$HELPERS/caller" -o report -I 1 -I 13 env -- \
		grep -E "^Sig(Blk|Ign)" /proc/self/status >expect &&
	test_cmp expect actual &&
	sighup=1 sigpipe=4096 &&
	ign=$(sed -n "s/^SigIgn:	//p" actual) &&
	test $((0x$ign & (sighup | sigpipe))) -eq $((sighup | sigpipe))
'

test_expect_success NATIVE 'the environment is passed unchanged' '
	FOO="bar baz" compare_with_env env
'

test_expect_success 'the working directory is passed unchanged' '
	mkdir -p sub &&
	(cd sub && compare_with_env pwd)
'

test_expect_success 'the umask is passed unchanged' '
	(umask 027 && compare_with_env sh -c umask)
'

test_expect_success 'resource limits are passed unchanged' '
	compare_with_env cat /proc/self/limits
'

test_expect_success 'capabilities, ids and no_new_privs are untouched' '
	compare_with_env grep -E "^(Uid|Gid|Groups|Cap...|NoNewPrivs|Seccomp):" /proc/self/status
'

test_done
