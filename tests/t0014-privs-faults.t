#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='each privilege step refused by the kernel: PROGRAM never runs'
. "$TESTS_SRCDIR/lib.sh"

# prctl options, from <linux/prctl.h>
PR_SET_PDEATHSIG=1 PR_SET_KEEPCAPS=8 PR_CAPBSET_DROP=24
PR_SET_NO_NEW_PRIVS=38 PR_CAP_AMBIENT=47 PR_CAP_AMBIENT_RAISE=2

# refused RULE MESSAGE OPTION...: with RULE in force, siblingexec OPTION...
# must exit 125 saying MESSAGE, and PROGRAM must not run.
refused() {
	rule=$1 message=$2
	shift 2
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" "$rule" -- \
		"$SIBLINGEXEC" "$@" -- touch marker 2>err &&
	echo "siblingexec: $message" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

test_expect_success ROOT,NATIVE 'capset refused' '
	refused capset=EPERM \
		"cannot set the capabilities: Operation not permitted" \
		--drop-caps=net_raw
'

test_expect_success ROOT 'bounding-set drop refused' '
	refused prctl/$PR_CAPBSET_DROP=EPERM \
		"cannot shrink the bounding set (that needs CAP_SETPCAP): Operation not permitted" \
		--drop-caps=net_raw
'

test_expect_success ROOT,NATIVE 'ambient raise refused' '
	refused prctl/$PR_CAP_AMBIENT/$PR_CAP_AMBIENT_RAISE=EPERM \
		"cannot raise net_bind_service into the ambient set: Operation not permitted" \
		--user=nobody --ambient-caps=net_bind_service
'

test_expect_success ROOT 'keep-caps refused' '
	refused prctl/$PR_SET_KEEPCAPS=EINVAL \
		"cannot keep capabilities across the change of user: Invalid argument" \
		--user=nobody --ambient-caps=net_bind_service
'

test_expect_success ROOT 'setgroups refused' '
	refused setgroups=EPERM \
		"cannot set the supplementary groups: Operation not permitted" \
		--user=nobody
'

test_expect_success ROOT 'setresgid refused' '
	refused setresgid=EPERM \
		"cannot set the group id to 65534: Operation not permitted" \
		--user=nobody
'

test_expect_success ROOT 'setresuid refused' '
	refused setresuid=EAGAIN \
		"cannot set the user id to 65534: Resource temporarily unavailable" \
		--user=nobody
'

test_expect_success 'no_new_privs refused' '
	refused prctl/$PR_SET_NO_NEW_PRIVS=EPERM \
		"cannot set no_new_privs: Operation not permitted" \
		--no-new-privs
'

test_expect_success 'pdeathsig refused' '
	refused prctl/$PR_SET_PDEATHSIG=EPERM \
		"cannot set the parent-death signal: Operation not permitted" \
		--pdeathsig=TERM
'

test_expect_success 'without the refused option, the same filter is harmless' '
	run_caller "$HELPERS/fail-syscall" prctl/$PR_SET_NO_NEW_PRIVS=EPERM -- \
		"$SIBLINGEXEC" -- touch marker &&
	test -e marker
'

test_done
