#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# profile.sh - where a launch's time goes, for the launcher alone:
# system calls (strace -c) and instructions (callgrind), siblingexec
# against env(1), which does the least a chain-loader can do.
#
# Usage: bench/profile.sh SIBLINGEXEC
set -eu
se=${1:?usage: profile.sh SIBLINGEXEC}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for cmd in "env /bin/true" "$se -- /bin/true" \
	"$se --drop-caps=all --no-new-privs -- /bin/true"; do
	echo "== $cmd"
	if command -v strace >/dev/null 2>&1; then
		# shellcheck disable=SC2086 # the command is meant to split
		strace -f -c -o "$tmp/strace" $cmd 2>/dev/null
		calls=$(awk '$NF == "total" { print $(NF-2) }' "$tmp/strace")
		echo "system calls, launcher and /bin/true together: $calls"
	fi
	if command -v valgrind >/dev/null 2>&1; then
		# shellcheck disable=SC2086
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" \
			$cmd 2>"$tmp/vg" || true
		# env execs /bin/true in its own process: valgrind loses it.
		grep -q Collected "$tmp/vg" &&
			sed -n 's/.*Collected : *\([0-9]*\).*/instructions of the launcher, up to the exec: \1/p' "$tmp/vg"
	fi
done
