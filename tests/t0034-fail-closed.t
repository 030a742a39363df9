#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='fail closed: the steps t0014 does not reach'
. "$TESTS_SRCDIR/lib.sh"

# prctl options, from <linux/prctl.h>
PR_SET_KEEPCAPS=8

# PR_SET_KEEPCAPS is set before the uid change and reset after it; a rule
# on its argument 0 refuses only the reset.  The kernel would reset it at
# exec anyway, but a step that fails is not skipped: PROGRAM does not run.
test_expect_success ROOT 'the reset of PR_SET_KEEPCAPS refused: 125, PROGRAM not run' '
	run_caller "$HELPERS/fail-syscall" prctl/$PR_SET_KEEPCAPS/0=EPERM -- \
		"$SIBLINGEXEC" --user=nobody --ambient-caps=net_bind_service \
		-- touch marker 2>err &&
	echo "siblingexec: cannot keep capabilities across the change of user: Operation not permitted" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_done
