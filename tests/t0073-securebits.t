#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--securebits: set before the ids change, read back'
. "$TESTS_SRCDIR/lib.sh"

probe_prereqs UNPRIV

# prctl options, from <linux/prctl.h>
PR_GET_SECUREBITS=27
PR_SET_SECUREBITS=28

# PROGRAM prints its own securebits, as a number, after the exec: no file
# of /proc shows them.
bits_cmd="import ctypes; print(ctypes.CDLL(None).prctl($PR_GET_SECUREBITS, 0, 0, 0, 0))"

# Linux 6.14 knows exec_restrict_file (bit 8); a throw-away process tries.
python3 -c "import ctypes, sys
sys.exit(ctypes.CDLL(None).prctl($PR_SET_SECUREBITS, 256, 0, 0, 0) != 0)" \
	2>/dev/null && test_set_prereq SECBIT_EXEC

# bits LIST VALUE: PROGRAM started with --securebits=LIST has VALUE.
bits() {
	"$SIBLINGEXEC" --wait --securebits="$1" -- python3 -c "$bits_cmd" \
		>out &&
	echo "$2" >expect &&
	test_cmp expect out
}

test_expect_success ROOT,PYTHON3 'without --securebits: none' '
	"$SIBLINGEXEC" --wait -- python3 -c "$bits_cmd" >out &&
	echo 0 >expect &&
	test_cmp expect out
'

test_expect_success ROOT,PYTHON3 'each bit by name' '
	bits noroot 1 &&
	bits noroot_locked 2 &&
	bits no_setuid_fixup 4 &&
	bits no_setuid_fixup_locked 8 &&
	bits keep_caps_locked 32 &&
	bits no_cap_ambient_raise 64 &&
	bits no_cap_ambient_raise_locked 128
'

test_expect_success ROOT,PYTHON3 'a list; a locked bit stays locked' '
	bits noroot,noroot_locked,no_cap_ambient_raise 67 &&
	"$SIBLINGEXEC" --wait --securebits=noroot,noroot_locked -- \
		python3 -c "import ctypes
print(ctypes.CDLL(None).prctl($PR_SET_SECUREBITS, 0, 0, 0, 0))" >out &&
	echo -1 >expect &&
	test_cmp expect out
'

# The kernel clears keep_caps at exec: PROGRAM sees only its lock.  That
# it did its work shows in the ambient capability that survives leaving
# root without PR_SET_KEEPCAPS.
test_expect_success ROOT,PYTHON3 'keep_caps keeps capabilities over the change of user' '
	"$SIBLINGEXEC" --wait --user=nobody --ambient-caps=net_raw \
		--securebits=keep_caps,keep_caps_locked -- \
		sh -c "grep ^CapAmb /proc/self/status; python3 -c \"$bits_cmd\"" \
		>out &&
	printf "CapAmb:\t0000000000002000\n32\n" >expect &&
	test_cmp expect out
'

# Leaving root clears the permitted and effective sets, unless
# no_setuid_fixup is set: then only siblingexec's own capset does, and
# PROGRAM after exec cannot show the difference (exec as nobody empties
# them anyway).  So capset is faked: without the bit the kernel did the
# work and PROGRAM runs; with it the sets are still full, and the
# read-back refuses.
test_expect_success ROOT,NATIVE 'no_setuid_fixup: the kernel leaves the sets, and the check sees it' '
	run_caller "$HELPERS/fail-syscall" capset=SUCCESS -- \
		"$SIBLINGEXEC" --user=nobody -- true &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report &&
	run_caller "$HELPERS/fail-syscall" capset=SUCCESS -- \
		"$SIBLINGEXEC" --user=nobody --securebits=no_setuid_fixup \
		-- true 2>err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	echo "siblingexec: refusing to run '\''true'\'': the check of its effective capabilities failed" >expect &&
	test_cmp expect err
'

test_expect_success ROOT 'no_setuid_fixup: siblingexec empties the sets itself, PROGRAM runs' '
	"$SIBLINGEXEC" --wait --user=nobody --securebits=no_setuid_fixup -- \
		grep "^CapPrm\|^CapEff" /proc/self/status >out &&
	printf "CapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n" \
		>expect &&
	test_cmp expect out
'

test_expect_success ROOT,PYTHON3,SECBIT_EXEC 'exec_restrict_file, exec_deny_interactive' '
	bits exec_restrict_file 256 &&
	bits exec_restrict_file_locked 512 &&
	bits exec_deny_interactive 1024 &&
	bits exec_deny_interactive_locked 2048
'

test_expect_success ROOT '--show names the bits' '
	"$SIBLINGEXEC" --show --securebits=noroot,keep_caps_locked -- true \
		>out &&
	grep "^securebits:" out >actual &&
	echo "securebits:               noroot, keep_caps_locked" >expect &&
	test_cmp expect actual
'

# refused MESSAGE OPTION...: 125 with MESSAGE, and PROGRAM never runs.
refused() {
	msg=$1 && shift &&
	rm -f marker &&
	test_expect_code 125 "$SIBLINGEXEC" --wait "$@" -- touch marker \
		2>err &&
	echo "siblingexec: $msg" >expect &&
	test_cmp expect err &&
	! test -e marker
}

test_expect_success 'bad names: 125' '
	refused "--securebits: unknown securebit '\''nosuch'\''" \
		--securebits=noroot,nosuch &&
	refused "--securebits: empty securebit name in '\''noroot,,keep_caps'\''" \
		--securebits=noroot,,keep_caps &&
	refused "--securebits: empty securebit name in '\''noroot,'\''" \
		--securebits=noroot, &&
	refused "--securebits: unknown securebit '\''NOROOT'\''" \
		--securebits=NOROOT
'

# Without --securebits the caller's bits stay; an empty list is a
# mistake, not a way to say "none".
test_expect_success 'an empty list: 125' '
	refused "--securebits: the list is empty" --securebits=
'

test_expect_success ROOT 'combinations that cannot hold: 125' '
	refused "--ambient-caps cannot be combined with the securebit no_cap_ambient_raise" \
		--ambient-caps=net_raw --securebits=no_cap_ambient_raise &&
	refused "--securebits: keep_caps_locked without keep_caps forbids keeping capabilities across the change of user" \
		--user=nobody --keep-caps=net_raw --securebits=keep_caps_locked
'

test_expect_success UNPRIV 'an ordinary user (no CAP_SETPCAP): 125' '
	rm -f "$UNPRIV_TMP/marker" &&
	test_expect_code 125 as_unprivileged "$UNPRIV_BIN/siblingexec" \
		--securebits=noroot -- touch "$UNPRIV_TMP/marker" 2>err &&
	echo "siblingexec: cannot set the securebits (that needs CAP_SETPCAP, and a locked bit cannot change): Operation not permitted" >expect &&
	test_cmp expect err &&
	! test -e "$UNPRIV_TMP/marker"
'

# faulted ERRNO LIST MESSAGE: the fault helper answers PR_SET_SECUREBITS
# with ERRNO; --securebits=LIST then ends in 125 with MESSAGE, and
# PROGRAM never runs.
faulted() {
	rm -f marker &&
	test_expect_code 125 "$HELPERS/fail-syscall" \
		prctl/$PR_SET_SECUREBITS="$1" -- \
		"$SIBLINGEXEC" --securebits="$2" -- touch marker 2>err &&
	echo "siblingexec: $3" >expect &&
	test_cmp expect err &&
	! test -e marker
}

test_expect_success ROOT 'PR_SET_SECUREBITS refused: 125, PROGRAM never runs' '
	faulted EPERM noroot "cannot set the securebits (that needs CAP_SETPCAP, and a locked bit cannot change): Operation not permitted"
'

test_expect_success ROOT 'a kernel without the bit: 125, the bit named' '
	faulted EINVAL noroot,exec_deny_interactive "cannot set the securebit exec_deny_interactive: this kernel lacks it (Linux 6.14 has it)"
'

test_expect_success ROOT 'a faked success is caught by the read-back: 125' '
	faulted SUCCESS noroot "refusing to run '\''touch'\'': the check of its securebits failed"
'

test_done
