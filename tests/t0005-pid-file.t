#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--pid-file: the pid of PROGRAM, written atomically'
. "$TESTS_SRCDIR/lib.sh"

probe_prereqs UNPRIV MOUNTNS RO_MOUNT

test_expect_success '--pid-file holds the pid of PROGRAM and a newline' '
	"$HELPERS/caller" -v -o report siblingexec --pid-file=app.pid -- true &&
	sed -n "s/^adopted exit 0 pid=//p" report >expect &&
	test_cmp expect app.pid
'

test_expect_success '-p works too, and replaces an old pid file' '
	echo 99999999 >old.pid &&
	"$HELPERS/caller" -v -o report siblingexec -p old.pid -- true &&
	sed -n "s/^adopted exit 0 pid=//p" report >expect &&
	test_cmp expect old.pid
'

test_expect_success 'the pid file gets the mode the umask allows' '
	(umask 027 && run_caller siblingexec -p mode.pid -- true) &&
	stat -c %a mode.pid >actual &&
	echo 640 >expect &&
	test_cmp expect actual
'

test_expect_success 'no temporary file is left behind' '
	ls -A >actual &&
	! grep "^\..*pid\." actual
'

test_expect_success 'a pid file in a missing directory: 125, nothing started' '
	run_caller siblingexec -p no/such/dir/app.pid -- touch marker 2>err &&
	echo "siblingexec: cannot write pid file '\''no/such/dir/app.pid'\'': No such file or directory" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_expect_success UNPRIV 'a pid file in a read-only directory: 125, nothing started' '
	mkdir "$UNPRIV_TMP/ro" && chmod 555 "$UNPRIV_TMP/ro" &&
	(cd "$UNPRIV_TMP" && test_expect_code 125 as_unprivileged \
		"$UNPRIV_BIN/siblingexec" -p ro/app.pid -- touch marker) 2>err &&
	echo "siblingexec: cannot write pid file '\''ro/app.pid'\'': Permission denied" >expect &&
	test_cmp expect err &&
	! test -e "$UNPRIV_TMP/marker"
'

test_expect_success MOUNTNS,RO_MOUNT 'a pid file on a read-only mount: 125, nothing started' '
	mkdir -p romnt &&
	if unshare --mount sh -c "mount -t tmpfs -o ro none romnt && \"\$SIBLINGEXEC\" -p romnt/app.pid -- touch marker" 2>err
	then
		false
	else
		test $? = 125
	fi &&
	echo "siblingexec: cannot write pid file '\''romnt/app.pid'\'': Read-only file system" >expect &&
	test_cmp expect err &&
	! test -e marker
'

test_expect_success 'an empty pid file name is a usage error' '
	test_expect_code 125 siblingexec --pid-file= -- true 2>err &&
	head -n 1 err >actual &&
	echo "siblingexec: the pid file name is empty" >expect &&
	test_cmp expect actual
'

test_expect_success 'no pid file when PROGRAM cannot be run' '
	test_expect_code 127 siblingexec -p fail.pid -- no-such-program 2>err &&
	! test -e fail.pid &&
	ls -A >actual &&
	! grep "^\.fail\.pid\." actual
'

test_expect_success 'the pid file descriptor does not reach PROGRAM' '
	run_caller siblingexec -p fd.pid -- ls /proc/self/fd >out &&
	run_caller env ls /proc/self/fd >expect &&
	test_cmp expect out
'

test_done
