#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='bad privilege input: 125, the bad word named, nothing started'
. "$TESTS_SRCDIR/lib.sh"

# bad MESSAGE OPTION...: exit 125 with MESSAGE as the first line, no start.
bad() {
	message=$1
	shift
	rm -f marker &&
	run_caller siblingexec "$@" -- touch marker 2>err &&
	head -n 1 err >actual &&
	echo "siblingexec: $message" >expect &&
	test_cmp expect actual &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

last=$(cat /proc/sys/kernel/cap_last_cap)

test_expect_success 'unknown capability' '
	bad "--drop-caps: unknown capability '\''net_rav'\''" --drop-caps=chown,net_rav
'

test_expect_success 'trailing garbage after a number' '
	bad "--keep-caps: unknown capability '\''12abc'\''" --keep-caps=12abc
'

test_expect_success 'a number past the last capability' '
	bad "--drop-caps: capability '\''$((last + 1))'\'' is not known to this kernel (the last one is $last)" \
		--drop-caps=$((last + 1))
'

test_expect_success 'an empty list' '
	bad "--ambient-caps: the list is empty" --ambient-caps=
'

test_expect_success 'an empty name in a list' '
	bad "--drop-caps: empty capability name in '\''chown,,kill'\''" --drop-caps=chown,,kill
'

test_expect_success '"all" is not for --ambient-caps' '
	bad "--ambient-caps: '\''all'\'' is not accepted here" --ambient-caps=all
'

test_expect_success '"all" does not mix with names' '
	bad "--drop-caps: '\''all'\'' cannot be combined with other capabilities" --drop-caps=all,chown
'

test_expect_success 'a very long list is parsed' '
	list=$(for i in $(test_seq 1 500); do printf "chown,"; done)kill &&
	siblingexec --show --drop-caps=$list >out &&
	grep "^bounding set: *all except" out
'

test_expect_success 'unknown user' '
	bad "unknown user '\''no-such-user-here'\''" --user=no-such-user-here
'

test_expect_success 'unknown group' '
	bad "unknown group '\''no-such-group-here'\''" --group=no-such-group-here
'

test_expect_success 'unknown group in --groups' '
	bad "unknown group '\''nope-nope'\''" --groups=daemon,nope-nope
'

test_expect_success 'empty group name in --groups' '
	bad "--groups: empty group name in '\''daemon,'\''" --groups=daemon,
'

test_expect_success 'unknown signal' '
	bad "unknown signal '\''FOO'\''" --pdeathsig=FOO
'

test_expect_success 'signal number out of range' '
	bad "unknown signal '\''99'\''" --pdeathsig=99
'

test_expect_success '--drop-caps and --keep-caps conflict' '
	bad "--drop-caps and --keep-caps cannot be given together" --drop-caps=chown --keep-caps=kill
'

test_expect_success '--groups and --clear-groups conflict' '
	bad "--clear-groups and --groups cannot be given together" --clear-groups --groups=daemon
'

test_expect_success '--list-caps lists what the kernel knows' '
	siblingexec --list-caps >out &&
	test $(wc -l <out) -eq $((last + 1)) &&
	head -n 1 out >actual &&
	echo chown >expect &&
	test_cmp expect actual &&
	grep -x net_bind_service out &&
	grep -x sys_admin out
'

test_expect_success ROOT '--show prints the credentials in words, starts nothing' '
	siblingexec --show --user=nobody --clear-groups --drop-caps=all \
		--no-new-privs --pdeathsig=TERM -- touch marker >out &&
	cat >expect <<-EOF &&
	user:                     nobody (uid 65534)
	group:                    nogroup (gid 65534)
	supplementary groups:     none
	effective capabilities:   none
	permitted capabilities:   none
	inheritable capabilities: none
	ambient capabilities:     none
	bounding set:             none
	no_new_privs:             yes
	parent-death signal:      SIGTERM
	EOF
	test_cmp expect out &&
	! test -e marker
'

test_expect_success ROOT '--show names what is left and what is dropped' '
	siblingexec --show --user=nobody --ambient-caps=net_bind_service >out &&
	grep "^permitted capabilities:   net_bind_service$" out &&
	grep "^ambient capabilities:     net_bind_service$" out &&
	siblingexec --show --drop-caps=net_raw >out &&
	grep "^bounding set:             all except .*net_raw" out
'

test_expect_success '--show needs no PROGRAM' '
	siblingexec --show >out &&
	grep "^no_new_privs:" out
'

test_done
