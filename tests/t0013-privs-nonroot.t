#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='as an ordinary user: what cannot be done fails closed'
. "$TESTS_SRCDIR/lib.sh"

probe_prereqs UNPRIV
if ! test_have_prereq UNPRIV; then
	skip_all="no unprivileged user can run the programs under test (missing UNPRIV)"
	test_done
fi
se=$UNPRIV_BIN/siblingexec
marker=$UNPRIV_TMP/marker
# Whether --wait knows the status as this user when the shell reaps PROGRAM
# at once (see lib.sh): the pidfd, or a connector the user may read.
probe=$UNPRIV_BIN/has-proc-events
test -x "$probe" || probe=$HELPERS/has-proc-events
if test_have_prereq PIDFD_INFO_EXIT || as_unprivileged "$probe"; then
	test_set_prereq UNPRIV_WAIT_EXACT
fi

test_expect_success UNPRIV_WAIT_EXACT 'the test user can run siblingexec' '
	as_unprivileged "$se" --wait -- true
'

test_expect_success '--drop-caps=all: 125, explained, PROGRAM not run' '
	test_expect_code 125 as_unprivileged "$se" --drop-caps=all -- touch "$marker" 2>err &&
	echo "siblingexec: cannot shrink the bounding set (that needs CAP_SETPCAP): Operation not permitted" >expect &&
	test_cmp expect err &&
	! test -e "$marker"
'

test_expect_success '--keep-caps=kill: 125, PROGRAM not run' '
	test_expect_code 125 as_unprivileged "$se" --keep-caps=kill -- touch "$marker" 2>err &&
	echo "siblingexec: cannot shrink the bounding set (that needs CAP_SETPCAP): Operation not permitted" >expect &&
	test_cmp expect err &&
	! test -e "$marker"
'

test_expect_success '--ambient-caps of a capability not held: 125 before any start' '
	test_expect_code 125 as_unprivileged "$se" --ambient-caps=net_raw -- touch "$marker" 2>err &&
	echo "siblingexec: cannot raise net_raw into the ambient set: it is not in the permitted set" >expect &&
	test_cmp expect err &&
	! test -e "$marker"
'

test_expect_success '--user=root: 125, the step is named' '
	test_expect_code 125 as_unprivileged "$se" --user=root -- touch "$marker" 2>err &&
	echo "siblingexec: cannot set the supplementary groups: Operation not permitted" >expect &&
	test_cmp expect err &&
	! test -e "$marker"
'

test_expect_success '--clear-groups: the groups step fails first' '
	test_expect_code 125 as_unprivileged "$se" --user=root --group=65534 --clear-groups -- touch "$marker" 2>err &&
	echo "siblingexec: cannot set the supplementary groups: Operation not permitted" >expect &&
	test_cmp expect err &&
	! test -e "$marker"
'

# Any user change sets the groups, which an ordinary user may not: to
# reach the uid step, the test user holds CAP_SETGID but not CAP_SETUID.
test_expect_success ROOT '--user=root with CAP_SETGID only: the uid step fails' '
	test_expect_code 125 setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=+setgid --ambient-caps=+setgid -- \
		"$se" --user=root --group=65534 --clear-groups -- touch "$marker" 2>err &&
	echo "siblingexec: cannot set the user id to 0: Operation not permitted" >expect &&
	test_cmp expect err &&
	! test -e "$marker"
'

test_expect_success '--group=root: 125, the gid step is named' '
	test_expect_code 125 as_unprivileged "$se" --group=0 -- touch "$marker" 2>err &&
	echo "siblingexec: cannot set the group id to 0: Operation not permitted" >expect &&
	test_cmp expect err &&
	! test -e "$marker"
'

test_expect_success UNPRIV_WAIT_EXACT '--no-new-privs needs no privilege' '
	as_unprivileged "$se" --wait --no-new-privs -- sh -c "grep ^NoNewPrivs: /proc/self/status >\"$marker.nnp\"" &&
	echo "NoNewPrivs:	1" >expect &&
	test_cmp expect "$marker.nnp"
'

test_expect_success UNPRIV_WAIT_EXACT 'no privilege option: runs as it is' '
	as_unprivileged "$se" --wait -- sh -c "id -u >\"$marker.id\"" &&
	echo "$UNPRIV_UID" >expect &&
	test_cmp expect "$marker.id"
'

test_done
