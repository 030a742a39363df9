#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='PID namespaces: refused as init, fine as a member'
. "$TESTS_SRCDIR/lib.sh"

probe_prereqs PIDNS PIDNS_PROC USERNS USERNS_PIDNS

init_message="siblingexec: cannot run as an init process: PID 1 has no parent to share with PROGRAM, so the kernel refuses to create a sibling"

test_expect_success PIDNS,NATIVE 'as the init of a PID namespace: 125, said plainly' '
	test_expect_code 125 unshare --pid --fork "$SIBLINGEXEC" -- touch marker 2>err &&
	echo "$init_message" >expect &&
	test_cmp expect err &&
	! test -e marker
'

test_expect_success PIDNS_PROC 'as a member of a PID namespace: works' '
	unshare --pid --fork --mount-proc "$HELPERS/caller" -v -o report \
		"$SIBLINGEXEC" -- sh -c "echo \$PPID; exit 4" >out &&
	sed -n "s/^caller pid=//p" report >expect &&
	test_cmp expect out &&
	grep "^adopted exit 4 pid=" report
'

test_expect_success USERNS 'in a user namespace as mapped root: works' '
	unshare --user --map-root-user "$HELPERS/caller" -o report \
		"$SIBLINGEXEC" -- sh -c "exit 2" &&
	printf "%s\n" "direct exit 0" "adopted exit 2" >expect &&
	test_cmp expect report
'

test_expect_success USERNS_PIDNS,NATIVE 'as init of a user+PID namespace: 125' '
	test_expect_code 125 unshare --user --map-root-user --pid --fork \
		"$SIBLINGEXEC" -- true 2>err &&
	echo "$init_message" >expect &&
	test_cmp expect err
'

test_done
