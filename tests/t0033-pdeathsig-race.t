#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--pdeathsig: a caller that dies before the signal is set is noticed'
. "$TESTS_SRCDIR/lib.sh"

# The kernel sends the parent-death signal only when the parent dies
# after prctl(PR_SET_PDEATHSIG): had the caller died just before, PROGRAM
# would run orphaned with a signal that never comes.  die-at-pdeathsig is
# a caller that dies exactly then: it holds the prctl call until it has
# been killed and its children have a new parent (the subreaper, caller
# -r), then lets the call go on.  Only the check of getppid() after the
# call can notice; without it, PROGRAM runs.
#
# The report lists the dead caller (signal 9) and, adopted, the helper's
# watcher (0), siblingexec and the new process (125 each), in any order.

test_expect_success 'the caller dies at prctl: 125, PROGRAM not run' '
	"$HELPERS/caller" -r -o report "$HELPERS/die-at-pdeathsig" \
		"$SIBLINGEXEC" --pdeathsig=TERM -- touch marker 2>err &&
	echo "siblingexec: the caller ended before PROGRAM started" >expect &&
	test_cmp expect err &&
	sort report >actual &&
	printf "%s\n" "adopted exit 0" "adopted exit 125" "adopted exit 125" \
		"direct signal 9" >expect &&
	test_cmp expect actual &&
	! test -e marker
'

# LeakSanitizer's exit-time tracer sets PR_SET_PDEATHSIG itself: under
# --enable-sanitizers the helper would kill the caller at siblingexec's
# exit, not at a prctl of siblingexec's.
test "$SANITIZERS" != yes && test_set_prereq NO_SANITIZERS

test_expect_success NO_SANITIZERS 'the same caller does no harm without --pdeathsig' '
	"$HELPERS/caller" -r -o report "$HELPERS/die-at-pdeathsig" \
		"$SIBLINGEXEC" -- touch marker &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report &&
	test -e marker
'

test_done
