#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--status-fd: what happened, as JSON lines, read by jq'
. "$TESTS_SRCDIR/lib.sh"

# The pid the caller adopted, from its report (caller -v).
adopted_pid() {
	sed -n "s/^adopted .* pid=//p" report
}

# Every line of FILE through jq, keys sorted: a line that is not JSON fails.
normalized() {
	jq -cS . "$1"
}

# valgrind answers clone3 with ENOSYS itself, whatever the kernel has:
# under it siblingexec takes, and rightly reports, the clone(2) path.
test_expect_success JQ 'started, then exited with --wait: the pid is the one the caller reaped' '
	"$HELPERS/caller" -v -o report siblingexec --status-fd=3 --wait \
		-- sh -c "exit 7" 3>status.json &&
	pid=$(adopted_pid) &&
	normalized status.json | jq -c "del(.pidfd_inode)" >actual &&
	how=clone3 &&
	{ { test_have_prereq NATIVE && probe_CLONE3; } || how=clone; } &&
	printf "%s\n" "{\"clone\":\"$how\",\"event\":\"started\",\"pid\":$pid}" \
		"{\"event\":\"exited\",\"pid\":$pid,\"status\":7}" >expect &&
	test_cmp expect actual &&
	grep -c "" status.json >lines && echo 2 >expect && test_cmp expect lines
'

test_expect_success JQ 'killed by a signal: signal and 128+S' '
	"$HELPERS/caller" -v -o report siblingexec --status-fd=3 --wait \
		-- sh -c "kill -TERM \$\$" 3>status.json &&
	pid=$(adopted_pid) &&
	normalized status.json | sed -n 2p >actual &&
	echo "{\"event\":\"killed\",\"pid\":$pid,\"signal\":15,\"status\":143}" >expect &&
	test_cmp expect actual
'

test_expect_success JQ,PYTHON3,PIDFS 'pidfd_inode is the inode of PROGRAM'\''s own pidfd' '
	run_caller siblingexec --status-fd=3 -- python3 -c \
		"import os; print(os.fstat(os.pidfd_open(os.getpid())).st_ino)" \
		>expect 3>status.json &&
	jq .pidfd_inode status.json >actual &&
	test_cmp expect actual
'

test_expect_success JQ 'the clone(2) fallback says so' '
	run_caller "$HELPERS/fail-syscall" clone3=ENOSYS -- \
		"$SIBLINGEXEC" --status-fd=3 -- true 3>status.json &&
	jq -r .clone status.json >actual &&
	echo clone >expect &&
	test_cmp expect actual
'

test_expect_success JQ 'PROGRAM not found: failed, exec, ENOENT, 127' '
	run_caller siblingexec --status-fd=3 -- no-such-program 3>status.json 2>err &&
	normalized status.json >actual &&
	echo "{\"errno\":\"ENOENT\",\"event\":\"failed\",\"status\":127,\"step\":\"exec\"}" >expect &&
	test_cmp expect actual
'

test_expect_success JQ 'PROGRAM not executable: failed, exec, EACCES, 126' '
	echo "echo hi" >not-exec && chmod 644 not-exec &&
	run_caller siblingexec --status-fd=3 -- ./not-exec 3>status.json 2>err &&
	normalized status.json >actual &&
	echo "{\"errno\":\"EACCES\",\"event\":\"failed\",\"status\":126,\"step\":\"exec\"}" >expect &&
	test_cmp expect actual
'

test_expect_success JQ,ROOT 'a privilege step refused: failed, credentials, EPERM, 125, PROGRAM never ran' '
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" setresuid=EPERM -- \
		"$SIBLINGEXEC" --status-fd=3 --wait --user=nobody \
		-- touch marker 3>status.json 2>err &&
	normalized status.json >actual &&
	echo "{\"errno\":\"EPERM\",\"event\":\"failed\",\"status\":125,\"step\":\"credentials\"}" >expect &&
	test_cmp expect actual &&
	echo "direct exit 125" >expect && grep direct report >actual &&
	test_cmp expect actual &&
	! test -e marker
'

test_expect_success JQ 'a launcher failure before PROGRAM exists: failed, pid-file' '
	run_caller siblingexec --status-fd=3 -p no/such/dir/app.pid \
		-- touch marker 3>status.json 2>err &&
	normalized status.json >actual &&
	echo "{\"errno\":\"ENOENT\",\"event\":\"failed\",\"status\":125,\"step\":\"pid-file\"}" >expect &&
	test_cmp expect actual &&
	! test -e marker
'

# The cgroup step explains a refused clone3 itself: the event must come
# all the same.  NATIVE: under valgrind clone3 is ENOSYS, not refused.
# The cgroup goes away in the body, failed or not: sharness runs its
# cleanups only when every test passed.
probe_prereqs CGROUP2
cg=$CGROUP2_MNT/siblingexec-t0080.$$

test_expect_success JQ,CGROUP2,NATIVE 'the cgroup refused: failed, clone, the errno, 125' '
	rm -f marker &&
	mkdir "$cg" &&
	run_caller "$HELPERS/fail-syscall" clone3=EBUSY -- \
		"$SIBLINGEXEC" --status-fd=3 --cgroup="$cg" \
		-- touch marker 3>status.json 2>err
	rmdir "$cg" &&
	normalized status.json >actual &&
	echo "{\"errno\":\"EBUSY\",\"event\":\"failed\",\"status\":125,\"step\":\"clone\"}" >expect &&
	test_cmp expect actual &&
	echo "direct exit 125" >expect && test_cmp expect report &&
	! test -e marker
'

test_expect_success 'a closed descriptor: 125 before anything starts' '
	rm -f marker &&
	run_caller siblingexec --status-fd=7 -- touch marker 7>&- 2>err &&
	echo "siblingexec: cannot write status lines to descriptor 7: Bad file descriptor" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect && test_cmp expect report &&
	! test -e marker
'

test_expect_success 'a descriptor open only for reading: 125 before anything starts' '
	rm -f marker && : >ro &&
	run_caller siblingexec --status-fd=7 -- touch marker 7<ro 2>err &&
	echo "siblingexec: cannot write status lines to descriptor 7: Permission denied" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect && test_cmp expect report &&
	! test -e marker
'

test_expect_success 'not a descriptor number: a usage error, no event' '
	for n in x -1 3x "" 99999999999; do
		run_caller siblingexec --status-fd="$n" -- true 2>err 3>status.json &&
		printf "%s\n" "siblingexec: invalid descriptor number '\''$n'\''" \
			"Try '\''siblingexec --help'\'' for more information." >expect &&
		test_cmp expect err &&
		! test -s status.json || return 1
	done
'

test_expect_success 'PROGRAM does not inherit the channel above 2' '
	run_caller siblingexec --status-fd=3 -- sh -c \
		"test -e /proc/self/fd/3 && echo inherited || echo not" \
		>actual 3>status.json &&
	echo not >expect &&
	test_cmp expect actual
'

test_expect_success JQ 'a channel on stdout stays PROGRAM'\''s stdout too' '
	run_caller siblingexec --status-fd=1 -- echo hello >out &&
	grep -x hello out >actual && echo hello >expect &&
	test_cmp expect actual &&
	grep -v -x hello out | jq -r .event >actual && echo started >expect &&
	test_cmp expect actual
'

test_done
