#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# timeout.sh - run one test file with a time limit: make check's
# LOG_COMPILER, so that a hang fails that file instead of stalling the
# whole suite.
#
#   TEST_TIMEOUT=SECONDS sh tests/timeout.sh COMMAND...   (default 300)
#
# timeout(1) runs COMMAND in a process group of its own and, when the
# time is up, kills that whole group: the test shell and whatever it
# started, siblings of siblingexec included (they stay in the group).
# The "Bail out!" line makes the TAP driver report the file as an error.
# Whatever is still in the group after COMMAND ends (a stray process
# would hold the driver's pipe open and stall it) is killed and named.

limit=${TEST_TIMEOUT:-300}

timeout --kill-after=10 "$limit" "$@" &
group=$!
wait "$group"
status=$?

if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
	echo "Bail out! ${2:-$1} did not end within $limit s" \
		"(TEST_TIMEOUT): killed with everything it started"
fi
# Zombies hold no pipe: only the living are named.
left=$(ps -e -o pgid=,stat=,pid=,args= |
	awk -v g="$group" '$1 == g && $2 !~ /^Z/ { $1 = $2 = ""; print }')
if [ -n "$left" ]; then
	kill -KILL "-$group" 2>/dev/null
	echo "$left" | sed 's/^ */# killed, left behind: /'
fi
exit "$status"
