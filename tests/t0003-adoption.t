#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='PROGRAM is a child of the caller, which reaps it'
. "$TESTS_SRCDIR/lib.sh"

test_expect_success 'the parent of PROGRAM is the caller' '
	"$HELPERS/caller" -v -o report siblingexec -- sh -c "echo \$PPID" >out &&
	sed -n "s/^caller pid=//p" report >expect &&
	test_cmp expect out
'

test_expect_success 'the caller reaps siblingexec and then PROGRAM' '
	"$HELPERS/caller" -v -o report siblingexec -- sh -c "echo \$\$; exit 5" >out &&
	sed -n "s/^adopted exit 5 pid=//p" report >adopted &&
	test_cmp out adopted &&
	grep "^direct exit 0 pid=" report
'

test_expect_success 'a shell is the parent when siblingexec runs from a shell' '
	bash -c "echo \$\$; siblingexec -- sh -c \"echo \\\$PPID\"; sleep 0.2" >out &&
	test $(wc -l <out) -eq 2 &&
	head -n 1 out >expect && tail -n 1 out >actual &&
	test_cmp expect actual
'

test_expect_success 'PROGRAM shares the process group and session of siblingexec' '
	run_caller siblingexec -- sh -c "ps -o pgid=,sid= -p \$\$" >out &&
	ps -o pgid=,sid= -p $$ >expect &&
	test_cmp expect out
'

test_expect_success 'PROGRAM outlives siblingexec' '
	run_caller siblingexec -- sh -c "sleep 0.3; echo late" >out &&
	echo late >expect &&
	test_cmp expect out &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report
'

test_expect_success 'a PROGRAM killed by a signal is reported to the caller' '
	run_caller siblingexec -- sh -c "kill -TERM \$\$" &&
	printf "%s\n" "direct exit 0" "adopted signal 15" >expect &&
	test_cmp expect report
'

test_expect_success 'siblingexec chains: each PROGRAM belongs to the caller' '
	run_caller siblingexec -- siblingexec -- sh -c "exit 4" &&
	sort report >actual &&
	printf "%s\n" "adopted exit 0" "adopted exit 4" "direct exit 0" >expect &&
	test_cmp expect actual
'

test_done
