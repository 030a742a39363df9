#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--seccomp-filter: a classic-BPF filter, loaded last'
. "$TESTS_SRCDIR/lib.sh"

# valgrind 3.19 knows neither the landlock_* system calls (444-446: it
# answers ENOSYS and warns on stderr) nor how to run its own code under a
# filter the guest loads: the confinement tests need siblingexec native.
if ! test_have_prereq NATIVE; then
	skip_all="valgrind 3.19 cannot run Landlock or seccomp filters (missing NATIVE)"
	test_done
fi

probe_prereqs UNPRIV

# prctl options, from <linux/prctl.h>
PR_SET_NO_NEW_PRIVS=38

# util-linux 2.38 has no enosys --dump: the fault helper writes the same
# kind of file, a raw array of struct sock_filter.
test_expect_success 'setup: filters' '
	"$HELPERS/fail-syscall" --dump socket=97 >deny-socket.bpf &&
	"$HELPERS/fail-syscall" --dump prctl=EPERM >deny-prctl.bpf &&
	echo 56 >expect && wc -c <deny-socket.bpf >actual &&
	test_cmp expect actual &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect-125
'

test_expect_success SOCKET_SYSCALL 'a call the filter denies returns its errno in PROGRAM' '
	test_expect_code 1 "$SIBLINGEXEC" --wait $NNP \
		--seccomp-filter=deny-socket.bpf -- "$HELPERS/bind-port" 0 >out &&
	echo "cannot bind 0: Address family not supported by protocol" >expect &&
	test_cmp expect out
'

# One filter more than the suite itself runs under (a container's
# profile, the fault helper).
test_expect_success 'PROGRAM runs in filter mode, with one filter' '
	before=$(sed -n "s/^Seccomp_filters:\t//p" /proc/self/status) &&
	"$SIBLINGEXEC" --wait $NNP --seccomp-filter=deny-socket.bpf -- \
		grep "^Seccomp" /proc/self/status >out &&
	printf "Seccomp:\t2\nSeccomp_filters:\t%d\n" $((before + 1)) >expect &&
	test_cmp expect out
'

# The filter comes after every other step: one that denies prctl does
# not stop --no-new-privs or --pdeathsig, which are prctl calls.
test_expect_success 'loaded last: the steps before it are not filtered' '
	"$SIBLINGEXEC" --wait --no-new-privs --pdeathsig=TERM \
		--seccomp-filter=deny-prctl.bpf -- \
		grep "^NoNewPrivs\|^Seccomp:" /proc/self/status >out &&
	printf "NoNewPrivs:\t1\nSeccomp:\t2\n" >expect &&
	test_cmp expect out
'

# After the load the new process still reads /proc/self/status (pread64,
# to count the filters), tells the launcher that the exec is next (write)
# and executes PROGRAM.  A filter that kills one of those kills it before
# PROGRAM runs: a failed launch, not a PROGRAM dead of SIGSYS.  The
# supervisor caller (-s) leaves it unreaped, so /proc tells its status on
# every kernel.
SIGSYS_NR=$(env kill -l SYS)
sigsys_msg="siblingexec: the new process was killed by SIGSYS before it executed PROGRAM (a seccomp filter forbids a system call that siblingexec makes before the exec: see --seccomp-filter in siblingexec(1))"

test_expect_success 'setup: filters that kill' '
	"$HELPERS/fail-syscall" --dump pread64=KILL >kill-pread.bpf &&
	"$HELPERS/fail-syscall" --dump write=KILL >kill-write.bpf &&
	"$HELPERS/fail-syscall" --dump write=EPERM >deny-write.bpf &&
	printf "%s\n" "direct exit 125" "adopted signal $SIGSYS_NR" >expect-killed
'

# killed FILTER [OPTION...]: the new process dies of SIGSYS before the
# exec; 125, a "failed" event, no pid file, PROGRAM not run.
killed() {
	filter=$1 && shift &&
	rm -f marker app.pid &&
	run_caller -s "$SIBLINGEXEC" --no-new-privs --seccomp-filter="$filter" \
		--pid-file=app.pid --status-fd=3 "$@" -- touch marker \
		2>err 3>status.json &&
	echo "$sigsys_msg" >expect &&
	test_cmp expect err &&
	test_cmp expect-killed report &&
	echo "{\"event\":\"failed\",\"step\":\"exec\",\"status\":125}" >expect &&
	test_cmp expect status.json &&
	ls -a >files && ! grep "app\.pid" files &&
	! test -e marker
}

test_expect_success 'a filter that kills pread64: 125, not a launch' '
	killed kill-pread.bpf
'

test_expect_success 'a filter that kills write: 125, not a launch' '
	killed kill-write.bpf
'

test_expect_success 'with --wait: 125, not the status of a PROGRAM killed by SIGSYS' '
	killed kill-pread.bpf --wait
'

# Where the caller reaps at once, Linux 6.15 still tells the status.
test_expect_success PIDFD_INFO_EXIT 'reaped at once: still named' '
	rm -f marker &&
	test_expect_code 125 "$SIBLINGEXEC" --no-new-privs \
		--seccomp-filter=kill-pread.bpf -- touch marker 2>err &&
	echo "$sigsys_msg" >expect &&
	test_cmp expect err &&
	! test -e marker
'

# pidfd_send_signal, which proves a status read from /proc still PROGRAM's,
# made to fail: siblingexec no longer trusts /proc.
test_expect_success 'what ended it unknown: 125 all the same' '
	rm -f marker &&
	run_caller -s "$HELPERS/fail-syscall" pidfd_send_signal=EINVAL -- \
		"$SIBLINGEXEC" --no-new-privs --seccomp-filter=kill-pread.bpf \
		-- touch marker 2>err &&
	echo "siblingexec: the new process ended before it executed PROGRAM; what ended it is unknown" >expect &&
	test_cmp expect err &&
	test_cmp expect-killed report &&
	! test -e marker
'

# Unable to say that the exec is next, the new process does not exec.
test_expect_success 'a filter that denies write: 125, PROGRAM not run' '
	rm -f marker &&
	run_caller -s "$SIBLINGEXEC" --no-new-privs \
		--seccomp-filter=deny-write.bpf -- touch marker 2>err &&
	echo "siblingexec: the new process could not tell siblingexec that it was about to execute PROGRAM, so it did not execute it (does a seccomp filter deny write(2)? see --seccomp-filter in siblingexec(1))" >expect &&
	test_cmp expect err &&
	test_cmp expect-125 report &&
	! test -e marker
'

# A failed exec after the word that it was next is still a 127.
test_expect_success 'PROGRAM not found under a filter: 127' '
	run_caller "$SIBLINGEXEC" --no-new-privs \
		--seccomp-filter=deny-socket.bpf -- no-such-program 2>err &&
	echo "siblingexec: cannot run '\''no-such-program'\'': No such file or directory" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 127" "adopted exit 127" >expect &&
	test_cmp expect report
'

# bad FILE MESSAGE: --seccomp-filter=FILE is refused before anything
# starts, with MESSAGE.
bad() {
	rm -f marker &&
	test_expect_code 125 "$SIBLINGEXEC" --seccomp-filter="$1" \
		-- touch marker 2>err &&
	echo "siblingexec: --seccomp-filter: $2" >expect &&
	test_cmp expect err &&
	! test -e marker
}

test_expect_success 'an empty file: 125' '
	: >empty.bpf &&
	bad empty.bpf "'\''empty.bpf'\'' is empty or not a regular file"
'

test_expect_success 'a size that is not a multiple of 8: 125' '
	printf "123456789012" >odd.bpf &&
	bad odd.bpf "the size of '\''odd.bpf'\'' is not a multiple of 8: not a classic-BPF program"
'

test_expect_success 'more than 4096 instructions: 125' '
	dd if=/dev/zero of=big.bpf bs=8 count=4097 2>/dev/null &&
	bad big.bpf "'\''big.bpf'\'' has more than 4096 instructions"
'

test_expect_success 'a file that does not exist: 125' '
	bad missing.bpf "cannot open '\''missing.bpf'\'': No such file or directory"
'

test_expect_success 'a directory: 125' '
	mkdir dir.bpf &&
	bad dir.bpf "'\''dir.bpf'\'' is empty or not a regular file"
'

# refused RULE MESSAGE: with the fault RULE, 125 and MESSAGE, and PROGRAM
# does not run.
refused() {
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" "$1" -- "$SIBLINGEXEC" \
		--seccomp-filter=deny-socket.bpf -- touch marker 2>err &&
	echo "siblingexec: $2" >expect &&
	test_cmp expect err &&
	test_cmp expect-125 report &&
	! test -e marker
}

test_expect_success 'the kernel refuses the filter: 125, PROGRAM not run' '
	refused seccomp=EINVAL "cannot load the seccomp filter '\''deny-socket.bpf'\'': Invalid argument"
'

test_expect_success 'a load that does nothing: 125, PROGRAM not run' '
	refused seccomp=SUCCESS "the seccomp filter is not in force"
'

test_expect_success 'a filter the kernel rejects: 125, PROGRAM not run' '
	rm -f marker &&
	dd if=/dev/zero of=zero.bpf bs=8 count=1 2>/dev/null &&
	run_caller "$SIBLINGEXEC" $NNP --seccomp-filter=zero.bpf -- touch marker 2>err &&
	echo "siblingexec: cannot load the seccomp filter '\''zero.bpf'\'': Invalid argument" >expect &&
	test_cmp expect err &&
	test_cmp expect-125 report &&
	! test -e marker
'

test_expect_success UNPRIV 'setup: the filter where the test user reads it' '
	# not root: the test user is the caller, $UNPRIV_TMP is right here
	if test "$UNPRIV_TMP" != "$PWD"; then
		cp deny-socket.bpf "$UNPRIV_TMP/"
	fi &&
	chmod 644 "$UNPRIV_TMP/deny-socket.bpf"
'

test_expect_success UNPRIV 'an ordinary user without --no-new-privs: 125' '
	rm -f "$UNPRIV_TMP/marker" &&
	test_expect_code 125 as_unprivileged "$UNPRIV_BIN/siblingexec" \
		--seccomp-filter="$UNPRIV_TMP/deny-socket.bpf" \
		-- touch "$UNPRIV_TMP/marker" 2>err &&
	echo "siblingexec: cannot load the seccomp filter (that needs no_new_privs or CAP_SYS_ADMIN: add --no-new-privs): Permission denied" >expect &&
	test_cmp expect err &&
	! test -e "$UNPRIV_TMP/marker"
'

# The caller, not --wait, waits for PROGRAM: before Linux 6.13 an ordinary
# user'"'"'s --wait may not learn the status of a PROGRAM reaped at once.
test_expect_success UNPRIV,SOCKET_SYSCALL 'an ordinary user with --no-new-privs: filtered' '
	run_caller_unprivileged "$UNPRIV_BIN/siblingexec" --no-new-privs \
		--seccomp-filter="$UNPRIV_TMP/deny-socket.bpf" \
		-- "$UNPRIV_HELPERS/bind-port" 0 >out &&
	printf "%s\n" "direct exit 0" "adopted exit 1" >expect &&
	test_cmp expect report &&
	echo "cannot bind 0: Address family not supported by protocol" >expect &&
	test_cmp expect out
'

test_expect_success '--show names the filter, its size and hash' '
	"$SIBLINGEXEC" --show --seccomp-filter=deny-socket.bpf -- true >shown &&
	grep "^seccomp filter:" shown >actual &&
	sed -n "s/^seccomp filter: *deny-socket.bpf, 7 instructions, FNV-1a [0-9a-f]\{8\}$/ok/p" actual >ok &&
	echo ok >expect && test_cmp expect ok &&
	cp deny-socket.bpf same.bpf &&
	for f in deny-socket same deny-prctl; do
		"$SIBLINGEXEC" --show --seccomp-filter=$f.bpf -- true \
			>$f.shown &&
		sed -n "s/^seccomp filter: .*FNV-1a //p" $f.shown >$f.hash &&
		test -s $f.hash || return 1
	done &&
	test_cmp deny-socket.hash same.hash &&
	! cmp -s deny-socket.hash deny-prctl.hash
'

# --show does not load the filter: any one instruction will do.
test_expect_success '--show counts one instruction in the singular' '
	dd if=/dev/zero of=one.bpf bs=8 count=1 2>/dev/null &&
	"$SIBLINGEXEC" --show --seccomp-filter=one.bpf -- true >shown &&
	grep "^seccomp filter:" shown >actual &&
	echo "seccomp filter:           one.bpf, 1 instruction, FNV-1a 80ddc1f7" >expect &&
	test_cmp expect actual
'

test_done
