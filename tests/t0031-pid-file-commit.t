#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--pid-file: replaced by a rename, and PROGRAM killed when that fails'
. "$TESTS_SRCDIR/lib.sh"

# A reader must see the old pid file or the new one, never an empty or
# half-written one: the new one is written under another name and renamed
# over the old.  A hard link to the old file shows which happened: a
# rename leaves the old inode and its content alone, writing in place
# changes both.
test_expect_success 'the old pid file is replaced, not written over' '
	echo 99999999 >app.pid &&
	ln app.pid old-inode &&
	"$HELPERS/caller" -v -o report siblingexec -p app.pid -- true &&
	echo 99999999 >expect &&
	test_cmp expect old-inode &&
	sed -n "s/^adopted exit 0 pid=//p" report >expect &&
	test_cmp expect app.pid &&
	test "$(stat -c %i app.pid)" != "$(stat -c %i old-inode)"
'

test_expect_success 'a symbolic link as pid file is replaced, not followed' '
	ln -s target link.pid &&
	run_caller siblingexec -p link.pid -- true &&
	! test -e target &&
	! test -h link.pid &&
	test -f link.pid
'

# FILE without the lines valgrind itself writes ("--PID-- ...": valgrind
# 3.19 warns on stderr that it does not know pidfd_send_signal, syscall
# 424, then answers ENOSYS).  Natively there are none: FILE as it is.
without_valgrind_notes() {
	sed "/^--[0-9][0-9]*-- /d" "$1"
}

# The rename fails when the name is a directory that is not empty; the
# temporary file, beside it, could be created.  By then PROGRAM runs.
test_expect_success 'the pid file cannot be committed: PROGRAM is killed, 125' '
	mkdir busy.pid &&
	: >busy.pid/keep &&
	"$HELPERS/caller" -t 5 -o report siblingexec -p busy.pid -- sleep 30 2>err &&
	echo "siblingexec: cannot write pid file '\''busy.pid'\'' (PROGRAM was killed): Is a directory" >expect &&
	without_valgrind_notes err >actual &&
	test_cmp expect actual &&
	printf "%s\n" "direct exit 125" "adopted signal 9" >expect &&
	test_cmp expect report
'

# Without pidfd_send_signal(2) (valgrind 3.19, Linux before 5.1) the pid
# does as well: PROGRAM is still the caller's unreaped child.
test_expect_success 'without pidfd_send_signal, PROGRAM is killed by pid' '
	"$HELPERS/caller" -t 5 -o report "$HELPERS/fail-syscall" \
		pidfd_send_signal=ENOSYS -- \
		siblingexec -p busy.pid -- sleep 30 2>err &&
	echo "siblingexec: cannot write pid file '\''busy.pid'\'' (PROGRAM was killed): Is a directory" >expect &&
	without_valgrind_notes err >actual &&
	test_cmp expect actual &&
	printf "%s\n" "direct exit 125" "adopted signal 9" >expect &&
	test_cmp expect report
'

# A refusal is reported as it is: the message must not claim a kill.
# NATIVE: valgrind answers pidfd_send_signal with ENOSYS itself, so the
# filter's EPERM is never seen; siblingexec then rightly falls back to
# kill(pid), which succeeds.
test_expect_success NATIVE 'a refused kill is said, not hidden' '
	"$HELPERS/caller" -t 5 -o report "$HELPERS/fail-syscall" \
		pidfd_send_signal=EPERM -- \
		siblingexec -p busy.pid -- sleep 1 2>err &&
	sed -n "s/(and PROGRAM, pid [0-9]*, could/(and PROGRAM, pid N, could/p" err >actual &&
	echo "siblingexec: cannot write pid file '\''busy.pid'\'' (and PROGRAM, pid N, could not be stopped): Is a directory" >expect &&
	test_cmp expect actual &&
	printf "%s\n" "direct exit 125" "adopted exit 0" >expect &&
	test_cmp expect report
'

test_expect_success 'and no temporary file is left behind' '
	ls -A >actual &&
	! grep "^\.busy\.pid\." actual
'

test_done
