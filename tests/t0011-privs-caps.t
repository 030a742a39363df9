#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--drop-caps, --keep-caps, --ambient-caps: the kernel view'
. "$TESTS_SRCDIR/lib.sh"

probe_prereqs UNPRIV

bnd=$(own_bounding)
NET_RAW=8192 NET_BIND=1024 KILL=32	# 1 << 13, 1 << 10, 1 << 5

test_expect_success ROOT '--drop-caps=net_raw: gone from every set' '
	creds_of --drop-caps=net_raw &&
	want=$(mask_hex $((0x$bnd & ~NET_RAW))) &&
	test "$(field CapBnd)" = "$want" &&
	test "$(field CapPrm)" = "$want" &&
	test "$(field CapEff)" = "$want" &&
	test "$(field CapInh)" = 0000000000000000 &&
	test "$(field CapAmb)" = 0000000000000000
'

test_expect_success ROOT 'names in any case, with cap_, and numbers' '
	creds_of --drop-caps=CAP_NET_RAW,Kill,10 &&
	want=$(mask_hex $((0x$bnd & ~(NET_RAW | KILL | NET_BIND)))) &&
	test "$(field CapBnd)" = "$want" &&
	test "$(field CapPrm)" = "$want"
'

test_expect_success ROOT '--drop-caps=all: every set is empty' '
	creds_of --drop-caps=all &&
	for set in CapInh CapPrm CapEff CapBnd CapAmb
	do
		test "$(field $set)" = 0000000000000000 || return 1
	done
'

# "Every other capability is removed from every set" (siblingexec(1)):
# the inheritable set too, which a caller may hand on with one in it.
test_expect_success ROOT '--keep-caps: only those in permitted, effective, bounding' '
	run_caller setpriv --inh-caps=+net_raw -- siblingexec -- \
		grep "^CapInh:" /proc/self/status >inherited &&
	printf "CapInh:\t%s\n" "$(mask_hex $NET_RAW)" >expect &&
	test_cmp expect inherited &&
	run_caller setpriv --inh-caps=+net_raw -- \
		siblingexec --keep-caps=net_bind_service,kill -- \
		grep -E "$CREDS" /proc/self/status >creds &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report &&
	want=$(mask_hex $((0x$bnd & (NET_BIND | KILL)))) &&
	test "$(field CapBnd)" = "$want" &&
	test "$(field CapPrm)" = "$want" &&
	test "$(field CapEff)" = "$want" &&
	test "$(field CapInh)" = 0000000000000000 &&
	test "$(field CapAmb)" = 0000000000000000
'

test_expect_success ROOT '--ambient-caps as root: in inheritable and ambient' '
	creds_of --ambient-caps=net_bind_service &&
	test "$(field CapAmb)" = "$(mask_hex $NET_BIND)" &&
	test "$(field CapInh)" = "$(mask_hex $NET_BIND)"
'

test_expect_success ROOT '--user=nobody --ambient-caps=net_bind_service: kept after exec' '
	creds_of --user=nobody --ambient-caps=net_bind_service &&
	for set in CapInh CapPrm CapEff CapAmb
	do
		test "$(field $set)" = "$(mask_hex $NET_BIND)" || return 1
	done &&
	test "$(field CapBnd)" = "$bnd" &&
	test "$(field Uid)" = "65534	65534	65534	65534"
'

test_expect_success ROOT,UNPRIV 'nobody with an ambient capability binds port 80' '
	run_caller siblingexec --user=nobody --ambient-caps=net_bind_service -- \
		"$UNPRIV_BIN/bind-port" 80 >out &&
	echo "bound 80 as uid 65534" >expect &&
	test_cmp expect out &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report
'

test_expect_success ROOT,UNPRIV 'nobody after --drop-caps=all cannot bind port 80' '
	run_caller siblingexec --user=nobody --drop-caps=all -- \
		"$UNPRIV_BIN/bind-port" 80 >out &&
	echo "cannot bind 80: Permission denied" >expect &&
	test_cmp expect out &&
	printf "%s\n" "direct exit 0" "adopted exit 1" >expect &&
	test_cmp expect report
'

test_expect_success ROOT '--user=nobody alone: no capability survives' '
	creds_of --user=nobody &&
	for set in CapInh CapPrm CapEff CapAmb
	do
		test "$(field $set)" = 0000000000000000 || return 1
	done &&
	test "$(field CapBnd)" = "$bnd"
'

test_expect_success ROOT '--user=nobody --keep-caps: kept until exec, not after' '
	creds_of --user=nobody --keep-caps=net_bind_service &&
	test "$(field CapPrm)" = 0000000000000000 &&
	test "$(field CapBnd)" = "$(mask_hex $((0x$bnd & NET_BIND)))"
'

test_expect_success ROOT 'no privilege option: nothing changes' '
	creds_of &&
	grep -E "$CREDS" /proc/self/status >expect &&
	test_cmp expect creds
'

test_expect_success ROOT '--ambient-caps of a capability that is dropped: 125' '
	run_caller siblingexec --drop-caps=net_bind_service \
		--ambient-caps=net_bind_service -- touch marker 2>err &&
	echo "siblingexec: cannot raise net_bind_service into the ambient set: it is dropped by --drop-caps or --keep-caps" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_done
