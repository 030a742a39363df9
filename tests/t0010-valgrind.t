#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='under valgrind: no memory errors, no leaks, the fallback works'
. "$TESTS_SRCDIR/lib.sh"

# valgrind and AddressSanitizer do not work together.  A valgrind that
# cannot start this build's programs (i386 without libc6-dbg:i386) says so
# with status 1; --error-exitcode=0 keeps memory errors out of the probe.
command -v valgrind >/dev/null && test "$SANITIZERS" != yes &&
	test "$VALGRIND_WRAPPED" != yes &&
	valgrind -q --error-exitcode=0 "$SIBLINGEXEC" --version \
		>/dev/null 2>&1 &&
	test_set_prereq VALGRIND

vg() {
	valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect "$@"
}

test_expect_success VALGRIND 'siblingexec under valgrind: PROGRAM is adopted' '
	run_caller valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect \
		"$SIBLINGEXEC" -v -- sh -c "exit 3" 2>err &&
	printf "%s\n" "direct exit 0" "adopted exit 3" >expect &&
	test_cmp expect report &&
	grep "^siblingexec: created process [0-9]* with clone, as clone3 failed: Function not implemented$" err
'

test_expect_success VALGRIND 'exec failure under valgrind: 127, no errors' '
	run_caller valgrind -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect \
		"$SIBLINGEXEC" -- no-such-program 2>err &&
	printf "%s\n" "direct exit 127" "adopted exit 127" >expect &&
	test_cmp expect report
'

test_expect_success VALGRIND 'usage error under valgrind: 125, no errors' '
	test_expect_code 125 vg "$SIBLINGEXEC" --bogus 2>err
'

test_expect_success VALGRIND 'the core unit test under valgrind' '
	SIBLINGEXEC_UNDER_VALGRIND=1 vg "$UNIT/test-sibling" clone >out &&
	! grep "^not ok" out &&
	# every test of the plan passed, but the one valgrind cannot run
	plan=$(sed -n "s/^1\.\.\([0-9]*\)$/\1/p" out) &&
	grep "^ok" out | grep -v "# SKIP" >passed &&
	test "$(wc -l <passed)" = $((plan - 1)) &&
	grep "# SKIP" out >skipped &&
	grep "^ok [0-9]* - the child shares memory # SKIP valgrind$" skipped >actual &&
	test_cmp skipped actual
'

test_done
