#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='a supervisor that reaps: --notify --wait --status-fd --pid-file, 100 rounds'
. "$TESTS_SRCDIR/lib.sh"

# The supervisor reaps PROGRAM itself: siblingexec --wait learns the status
# from the pidfd (Linux 6.15) or from the process-events connector.
test_expect_success PYTHON3,WAIT_EXACT '100 starts and stops: every pid and status matches waitpid, nothing left' '
	mkdir run && (cd run &&
	python3 "$TESTS_SRCDIR/helpers/supervisor.py" "$SIBLINGEXEC" \
		"$HELPERS/notifier" 100 >../actual) &&
	echo "ok 100 rounds" >expect &&
	test_cmp expect actual
'

test_done
