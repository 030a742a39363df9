#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--rlimit: resource limits, seen in /proc/PID/limits'
. "$TESTS_SRCDIR/lib.sh"
probe_prereqs UNPRIV

# CAP_SYS_RESOURCE (24) in our effective set: we may raise hard limits.
eff=$(sed -n "s/^CapEff:	//p" /proc/self/status)
test $(( (0x$eff >> 24) & 1 )) = 1 && test_set_prereq CAP_SYS_RESOURCE

# limit NAME: "SOFT HARD" of the observed PROGRAM's limit NAME.
limit() {
	awk -v name="$1" 'index($0, name) == 1 {
		print $(NF - 2), $(NF - 1) }' limits
}

# NATIVE where nofile is set: valgrind keeps RLIMIT_NOFILE to itself.  It
# raises its soft limit to the hard one at start, reserves the top fds,
# and answers setrlimit(RLIMIT_NOFILE) itself without asking the kernel:
# EPERM unless the hard limit is left as valgrind has it, else only its
# own copy changes.  PROGRAM, no longer under valgrind, gets the kernel's.
test_expect_success NATIVE 'soft and hard limits are set' '
	observe_program --rlimit=nofile=100:200 --rlimit=core=0:unlimited &&
	echo "100 200" >expect &&
	limit "Max open files" >actual &&
	test_cmp expect actual &&
	echo "0 unlimited" >expect &&
	limit "Max core file size" >actual &&
	test_cmp expect actual
'

test_expect_success NATIVE 'one value sets both, a later option replaces' '
	observe_program --rlimit=nproc=7 --rlimit=NOFILE=64 --rlimit=nofile=50 &&
	echo "7 7" >expect &&
	limit "Max processes" >actual &&
	test_cmp expect actual &&
	echo "50 50" >expect &&
	limit "Max open files" >actual &&
	test_cmp expect actual
'

test_expect_success NATIVE 'an empty half keeps the inherited one' '
	hard=$(ulimit -Hn) &&
	observe_program --rlimit=nofile=33: &&
	echo "33 $hard" >expect &&
	limit "Max open files" >actual &&
	test_cmp expect actual
'

test_expect_success '--show lists the limits' '
	siblingexec --show --rlimit=nofile=10:20 --rlimit=as=unlimited \
		>out &&
	echo "resource limits:          as=unlimited:unlimited, nofile=10:20" \
		>expect &&
	grep "^resource limits:" out >actual &&
	test_cmp expect actual &&
	siblingexec --show >out &&
	! grep "^resource limits:" out
'

# bad ARG MESSAGE: refused in the launcher, nothing started.
bad() {
	rm -f marker &&
	run_caller siblingexec --rlimit="$1" -- touch marker 2>err &&
	echo "siblingexec: $2" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

test_expect_success 'bad limits are refused before anything starts' '
	bad foo=1 "--rlimit: unknown resource '\''foo'\''" &&
	bad nofile "--rlimit: '\''nofile'\'' is not NAME=SOFT[:HARD]" &&
	bad nofile=x "--rlimit: invalid limit in '\''nofile=x'\'' (a number or \"unlimited\" is expected)" &&
	bad nofile=-1 "--rlimit: invalid limit in '\''nofile=-1'\'' (a number or \"unlimited\" is expected)" &&
	bad nofile=: "--rlimit: invalid limit in '\''nofile=:'\'' (a number or \"unlimited\" is expected)" &&
	bad nofile=5:3 "--rlimit: the soft limit is above the hard limit in '\''nofile=5:3'\''"
'

# ASan's runtime calls prlimit64 at start-up: refused, it cannot start.
test "$SANITIZERS" != yes && test_set_prereq NO_SANITIZERS

test_expect_success NATIVE,NO_SANITIZERS 'a refused setrlimit: 125, PROGRAM never runs' '
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" prlimit64=EPERM -- \
		siblingexec --rlimit=nofile=10 -- touch marker 2>err &&
	echo "siblingexec: cannot set the nofile limit (--rlimit=nofile=10): Operation not permitted" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_expect_success NATIVE 'a setrlimit that does nothing is caught' '
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" prlimit64=SUCCESS -- \
		siblingexec --rlimit=nofile=10 -- touch marker 2>err &&
	echo "siblingexec: refusing to run '\''touch'\'': the check of its nofile limit failed" >expect &&
	test_cmp expect err &&
	! test -e marker
'

# NATIVE: nofile, as above.
test_expect_success UNPRIV,NATIVE 'an ordinary user may lower limits' '
	run_caller_unprivileged "$UNPRIV_BIN/siblingexec" --rlimit=nofile=40:50 -- \
		grep "^Max open files" /proc/self/limits >out &&
	echo "Max open files            40                   50                   files     " >expect &&
	test_cmp expect out &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report
'

test_expect_success ROOT,UNPRIV 'but not raise a hard limit: 125, the step named' '
	hard=$(ulimit -Hn) &&
	more=$((hard + 1)) &&
	rm -f "$UNPRIV_TMP/marker" &&
	test_expect_code 125 as_unprivileged "$UNPRIV_BIN/siblingexec" \
		--rlimit=nofile=10:$more -- touch "$UNPRIV_TMP/marker" \
		2>err &&
	echo "siblingexec: cannot set the nofile limit (--rlimit=nofile=10:$more; raising a hard limit needs CAP_SYS_RESOURCE): Operation not permitted" >expect &&
	test_cmp expect err &&
	! test -e "$UNPRIV_TMP/marker"
'

test_expect_success CAP_SYS_RESOURCE 'with CAP_SYS_RESOURCE it may be raised' '
	hard=$(ulimit -Hn) &&
	observe_program --rlimit=nofile=10:$((hard + 1)) &&
	echo "10 $((hard + 1))" >expect &&
	limit "Max open files" >actual &&
	test_cmp expect actual
'

test_done
