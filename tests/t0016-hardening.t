#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='hostile conditions: closed descriptors, signals, limits, no /proc, load'
. "$TESTS_SRCDIR/lib.sh"

probe_prereqs UNPRIV MOUNTNS
# AddressSanitizer needs terabytes of address space, descriptors, /proc,
# and clone(2) for its leak check: the limits below are not for it.
test "$SANITIZERS" != yes && test_set_prereq NO_SANITIZERS

# Standard descriptors closed on entry, each alone and all together.
# (valgrind itself writes to fd 2: that case needs NATIVE.)
test_set_prereq ANY
for fd in 0 1 2
do
	prereq=ANY
	test $fd = 2 && prereq=NATIVE
	test_expect_success $prereq "fd $fd closed: PROGRAM gets the same descriptors as from env" "
		run_caller siblingexec -- sh -c 'ls /proc/\$\$/fd >fds-se' $fd>&- &&
		printf '%s\n' 'direct exit 0' 'adopted exit 0' >expect &&
		test_cmp expect report &&
		run_caller env -- sh -c 'ls /proc/\$\$/fd >fds-env' $fd>&- &&
		test_cmp fds-env fds-se
	"
done

test_expect_success WAIT_EXACT 'all three closed, with --wait and --pid-file: nothing leaks' '
	run_caller siblingexec --wait --pid-file=all.pid -- \
		sh -c "ls /proc/\$\$/fd >fds-all" <&- >&- 2>&- &&
	run_caller env -- sh -c "ls /proc/\$\$/fd >fds-all-env" <&- >&- 2>&- &&
	test_cmp fds-all-env fds-all &&
	test -s all.pid
'

test_expect_success NATIVE 'a usage error with stderr closed: 125, no crash' '
	test_expect_code 125 siblingexec --bogus 2>&-
'

test_expect_success WAIT_EXACT '--wait with stdout and stderr a pipe nobody reads' '
	"$HELPERS/caller" -P -o report siblingexec -v --wait -- sh -c "exit 3" &&
	printf "%s\n" "direct exit 3" "adopted exit 3" >expect &&
	test_cmp expect report
'

test_expect_success WAIT_EXACT '--wait survives the death of its caller' '
	"$HELPERS/caller" -r -o report sh -c "
		\"\$SIBLINGEXEC\" --wait -- sh -c \"sleep 0.5; exit 6\" &
		sleep 0.1; kill -KILL \$\$" &&
	sort report >actual &&
	printf "%s\n" "adopted exit 6" "adopted exit 6" "direct signal 9" >expect &&
	test_cmp expect actual
'

test_expect_success NATIVE 'SIGTERM to a waiting siblingexec is not forwarded to PROGRAM' '
	"$HELPERS/caller" -r -o report sh -c "
		\"\$SIBLINGEXEC\" --wait -- sh -c \"sleep 0.6; exit 4\" &
		se=\$!; sleep 0.2; kill -TERM \$se; wait \$se; echo \$? >se-status" &&
	echo 143 >expect &&
	test_cmp expect se-status &&
	printf "%s\n" "direct exit 0" "adopted exit 4" >expect &&
	test_cmp expect report
'

test_expect_success UNPRIV,NO_SANITIZERS,NATIVE 'RLIMIT_NPROC reached: 125, the limit is named' '
	test_expect_code 125 as_unprivileged prlimit --nproc=1 "$UNPRIV_BIN/siblingexec" -- true 2>err &&
	echo "siblingexec: cannot create a process (the limit on processes is reached: see ulimit -u and the pids cgroup): Resource temporarily unavailable" >expect &&
	test_cmp expect err
'

test_expect_success NO_SANITIZERS,NATIVE 'RLIMIT_AS tight: the stack is made smaller, PROGRAM runs' '
	run_caller sh -c "ulimit -v 4000; exec \"\$SIBLINGEXEC\" -- true" &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report
'

test_expect_success NO_SANITIZERS,NATIVE 'RLIMIT_NOFILE at 3: no room for the pipe, said plainly' '
	test_expect_code 125 sh -c "exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-
		ulimit -n 3; exec \"\$SIBLINGEXEC\" -- true" <&- 2>err &&
	echo "siblingexec: cannot create a pipe: Too many open files" >expect &&
	test_cmp expect err
'

test_expect_success NO_SANITIZERS,NATIVE 'RLIMIT_NOFILE at 5: no room for the pidfd, said plainly' '
	test_expect_code 125 sh -c "exec 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-
		ulimit -n 5; exec \"\$SIBLINGEXEC\" -- true" 2>err &&
	echo "siblingexec: cannot create a process (the limit on open files is reached: see ulimit -n): Too many open files" >expect &&
	test_cmp expect err
'

test_expect_success ROOT,MOUNTNS,NO_SANITIZERS,NATIVE,WAIT_EXACT 'no /proc: launching, --wait and privileges still work' '
	unshare --mount sh -c "umount -l /proc &&
		\"\$SIBLINGEXEC\" --wait -- sh -c \"exit 5\"; echo \$? &&
		\"\$SIBLINGEXEC\" --wait --drop-caps=net_raw --user=nobody \
			--ambient-caps=net_bind_service -- true; echo \$?" >out &&
	printf "%s\n" 5 0 >expect &&
	test_cmp expect out
'

test_expect_success 'a program name that is not UTF-8: 127' '
	test_expect_code 127 siblingexec "$(printf "\377x")" 2>err &&
	printf "siblingexec: cannot run '\''\377x'\'': No such file or directory\n" >expect &&
	test_cmp expect err
'

test_expect_success 'no PATH at all: the default path is searched, as execvp does' '
	run_caller env -u PATH "$SIBLINGEXEC" sh -c "exit 2" &&
	printf "%s\n" "direct exit 0" "adopted exit 2" >expect &&
	test_cmp expect report
'

test_expect_success 'option values with trailing garbage are refused' '
	test_expect_code 125 siblingexec --pdeathsig=15x -- true 2>err &&
	echo "siblingexec: unknown signal '\''15x'\''" >expect &&
	test_cmp expect err &&
	test_expect_code 125 siblingexec --user=0x -- true 2>err &&
	echo "siblingexec: unknown user '\''0x'\''" >expect &&
	test_cmp expect err &&
	test_expect_code 125 siblingexec --group=12abc -- true 2>err &&
	echo "siblingexec: unknown group '\''12abc'\''" >expect &&
	test_cmp expect err
'

test_expect_success 'a very long argument list reaches PROGRAM intact' '
	seq 1 20000 >args &&
	run_caller siblingexec -- sh -c "printf \"%s\n\" \"\$@\"" sh $(cat args) >out &&
	test_cmp args out
'

test_expect_success NATIVE 'load: 400 launches, 8 at a time, all adopted, nothing left' '
	"$HELPERS/load" 400 8 "$SIBLINGEXEC" >out &&
	echo "launched 400, siblingexec ok 400, adopted 400, statuses all, left to reap none, descriptors unchanged" >expect &&
	test_cmp expect out
'

test_expect_success NATIVE 'load with the clone fallback' '
	"$HELPERS/fail-syscall" clone3=ENOSYS -- "$HELPERS/load" 400 8 "$SIBLINGEXEC" >out &&
	echo "launched 400, siblingexec ok 400, adopted 400, statuses all, left to reap none, descriptors unchanged" >expect &&
	test_cmp expect out
'

test_done
