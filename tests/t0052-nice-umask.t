#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--nice and --umask, seen in /proc/PID/stat and status'
. "$TESTS_SRCDIR/lib.sh"
probe_prereqs UNPRIV

# The nice value (field 19 of /proc/PID/stat) and the umask observed.
nice_field() {
	sed "s/.*) //" stat | awk "{ print \$17 }"
}
umask_field() {
	sed -n "s/^Umask:	//p" status
}

test_expect_success '--nice adds to the nice value PROGRAM inherits' '
	base=$(nice) &&
	observe_program --nice=5 &&
	echo $((base + 5)) >expect &&
	nice_field >actual &&
	test_cmp expect actual
'

test_expect_success '--nice is clamped as nice(1) clamps it' '
	observe_program --nice=100 &&
	echo 19 >expect &&
	nice_field >actual &&
	test_cmp expect actual
'

test_expect_success ROOT '--nice lowers it as root' '
	base=$(nice) &&
	observe_program --nice=-3 &&
	echo $((base - 3)) >expect &&
	nice_field >actual &&
	test_cmp expect actual
'

test_expect_success '--umask sets the mask' '
	observe_program --umask=027 &&
	echo 0027 >expect &&
	umask_field >actual &&
	test_cmp expect actual &&
	observe_program --umask=0 &&
	echo 0000 >expect &&
	umask_field >actual &&
	test_cmp expect actual
'

test_expect_success 'without options, both are inherited' '
	(umask 0023 && observe_program) &&
	echo 0023 >expect &&
	umask_field >actual &&
	test_cmp expect actual &&
	nice >expect &&
	nice_field >actual &&
	test_cmp expect actual
'

test_expect_success '--show lists them' '
	base=$(nice) &&
	siblingexec --show --nice=2 --umask=77 >out &&
	grep -E "^(nice value|umask):" out >actual &&
	printf "%-26s%s\n" "nice value:" $((base + 2)) "umask:" 0077 >expect &&
	test_cmp expect actual &&
	siblingexec --show >out &&
	! grep -E "^(nice value|umask):" out
'

# bad OPTION MESSAGE: refused in the launcher, nothing started.
bad() {
	rm -f marker &&
	run_caller siblingexec "$1" -- touch marker 2>err &&
	echo "siblingexec: $2" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

test_expect_success 'bad values are refused before anything starts' '
	bad --nice=x "--nice: invalid adjustment '\''x'\''" &&
	bad --nice= "--nice: invalid adjustment '\'''\''" &&
	bad --nice=1x "--nice: invalid adjustment '\''1x'\''" &&
	bad --umask=8 "--umask: invalid mode '\''8'\'' (an octal number from 0 to 0777 is expected)" &&
	bad --umask=1000 "--umask: invalid mode '\''1000'\'' (an octal number from 0 to 0777 is expected)" &&
	bad --umask=-1 "--umask: invalid mode '\''-1'\'' (an octal number from 0 to 0777 is expected)"
'

# refused RULE MESSAGE OPTION: the step fails in the new process.
refused() {
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" "$1" -- \
		siblingexec "$3" -- touch marker 2>err &&
	echo "siblingexec: $2" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

test_expect_success NATIVE 'each step refused or faked: 125, PROGRAM never runs' '
	refused setpriority=EPERM \
		"cannot set the nice value to $(($(nice) + 1)): Operation not permitted" \
		--nice=1 &&
	refused setpriority=SUCCESS \
		"refusing to run '\''touch'\'': the check of its nice value failed" \
		--nice=1 &&
	refused umask=EPERM \
		"cannot set the umask to 0001: Operation not permitted" \
		--umask=1 &&
	refused umask=SUCCESS \
		"refusing to run '\''touch'\'': the check of its umask failed" \
		--umask=1
'

test_expect_success UNPRIV 'an ordinary user may raise the nice value' '
	base=$(nice) &&
	run_caller_unprivileged "$UNPRIV_BIN/siblingexec" --nice=3 --umask=077 -- \
		sh -c "nice; umask" >out &&
	printf "%s\n" $((base + 3)) 0077 >expect &&
	test_cmp expect out
'

test_expect_success ROOT,UNPRIV 'but not lower it: 125, the step named' '
	base=$(nice) &&
	rm -f "$UNPRIV_TMP/marker" &&
	run_caller_unprivileged "$UNPRIV_BIN/siblingexec" --nice=-1 -- \
		touch "$UNPRIV_TMP/marker" 2>err &&
	echo "siblingexec: cannot set the nice value to $((base - 1)) (lowering it needs CAP_SYS_NICE): Permission denied" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e "$UNPRIV_TMP/marker"
'

test_done
