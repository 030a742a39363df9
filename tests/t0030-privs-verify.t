#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='a privilege step that "succeeds" without effect: the read-back check refuses PROGRAM'
. "$TESTS_SRCDIR/lib.sh"

# The fault helper's ERRNO 0 makes a system call return 0 and do nothing,
# as a sandbox or a kernel that ignores the request would.  Only the
# check before exec can notice; these tests fail when it is gone.

# prctl options, from <linux/prctl.h>
PR_SET_PDEATHSIG=1 PR_SET_KEEPCAPS=8 PR_CAPBSET_DROP=24
PR_SET_NO_NEW_PRIVS=38 PR_CAP_AMBIENT=47 PR_CAP_AMBIENT_RAISE=2

# ignored RULES WHAT OPTION...: with RULES (split on spaces) in force,
# siblingexec OPTION... must exit 125, saying that the check of WHAT
# failed, and PROGRAM must not run.
# shellcheck disable=SC2086 # RULES may be several
ignored() {
	rule=$1 what=$2
	shift 2
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" $rule -- \
		"$SIBLINGEXEC" "$@" -- touch marker 2>err &&
	echo "siblingexec: refusing to run 'touch': the check of its $what failed" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

test_expect_success ROOT,HOST_TOOLS_ARCH 'the fault helper fakes a success: the call did nothing' '
	"$HELPERS/fail-syscall" prctl/$PR_SET_NO_NEW_PRIVS=0 -- \
		sh -c "setpriv --no-new-privs grep ^NoNewPrivs: /proc/self/status" >out &&
	printf "NoNewPrivs:\t0\n" >expect &&
	test_cmp expect out
'

test_expect_success ROOT,NATIVE 'capset ignored: PROGRAM not run' '
	ignored capset=SUCCESS "effective capabilities" --drop-caps=net_raw
'

# Root's inheritable set is empty: only it differs from the plan when
# capset does nothing (the ambient raise, faked too, needs it).
test_expect_success ROOT,NATIVE 'capset ignored with --ambient-caps: the inheritable set is checked' '
	ignored "capset=0 prctl/$PR_CAP_AMBIENT/$PR_CAP_AMBIENT_RAISE=0" \
		"inheritable capabilities" --ambient-caps=net_bind_service
'

test_expect_success ROOT 'bounding-set drop ignored: PROGRAM not run' '
	run_caller "$HELPERS/fail-syscall" prctl/$PR_CAPBSET_DROP=SUCCESS -- \
		"$SIBLINGEXEC" --drop-caps=net_raw -- touch marker 2>err &&
	echo "siblingexec: cannot shrink the bounding set (that needs CAP_SETPCAP): Operation not permitted" >expect &&
	test_cmp expect err &&
	! test -e marker
'

test_expect_success ROOT 'setresuid ignored, capabilities kept: the uid check refuses' '
	ignored setresuid=SUCCESS "user ids" --user=nobody --keep-caps=all
'

test_expect_success ROOT 'setresuid ignored: root'\''s capabilities give it away' '
	ignored setresuid=SUCCESS "effective capabilities" --user=nobody
'

test_expect_success ROOT 'setresgid ignored: PROGRAM not run' '
	ignored setresgid=SUCCESS "group ids" --user=nobody
'

test_expect_success ROOT 'setgroups ignored: PROGRAM not run' '
	ignored setgroups=SUCCESS "supplementary groups" --groups=4242,4243
'

test_expect_success ROOT,NATIVE 'ambient raise ignored: PROGRAM not run' '
	ignored prctl/$PR_CAP_AMBIENT/$PR_CAP_AMBIENT_RAISE=SUCCESS \
		"ambient capabilities" --user=nobody --ambient-caps=net_bind_service
'

test_expect_success ROOT 'no_new_privs ignored: PROGRAM not run' '
	ignored prctl/$PR_SET_NO_NEW_PRIVS=SUCCESS "no_new_privs flag" \
		--no-new-privs
'

test_expect_success 'parent-death signal ignored: PROGRAM not run' '
	ignored prctl/$PR_SET_PDEATHSIG=SUCCESS "parent-death signal" \
		--pdeathsig=TERM
'

test_expect_success 'the same faked calls are harmless when nothing asks for them' '
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" prctl/$PR_SET_NO_NEW_PRIVS=0 \
		prctl/$PR_SET_PDEATHSIG=0 -- "$SIBLINGEXEC" -- touch marker &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report &&
	test -e marker
'

test_done
