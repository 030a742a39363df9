# SPDX-License-Identifier: GPL-2.0-or-later
# lib.sh - sourced by every test: finds sharness and the programs under
# test, and adds siblingexec's own helpers.  Run through 'make check',
# which sets the variables below.

if test -z "$SHARNESS" || ! test -r "$SHARNESS"; then
	echo "Bail out! sharness.sh not found (install the sharness package)"
	exit 1
fi
if test -z "$SIBLINGEXEC" || ! test -x "$SIBLINGEXEC"; then
	echo "Bail out! SIBLINGEXEC is not set: run the tests with 'make check'"
	exit 1
fi

. "$SHARNESS"

# The messages are asserted in English.
unset LANGUAGE
LC_ALL=C
export LC_ALL

test "$(id -u)" = 0 && test_set_prereq ROOT
test "$(id -u)" != 0 && test_set_prereq NONROOT

# Run a command as the caller: the helper reaps everything it ends up with.
# Its report goes to the file "report", the command's output to stdout.
run_caller() {
	"$HELPERS/caller" -o report "$@"
}

# Say the exit status of a command instead of failing on it.
status_of() {
	"$@"
	echo "$?" >status
}
