# shellcheck shell=sh
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

# shellcheck source=/dev/null
. "$SHARNESS"

# A PATH of our own: a directory the user cannot search would turn "not
# found" (127) into "Permission denied" (126), as execvp(3) does.
PATH="$SHARNESS_BUILD_DIRECTORY:/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"
export PATH

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

# The lines of /proc/self/status that say what PROGRAM may do.
# shellcheck disable=SC2034 # used by the test scripts
CREDS='^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|Uid|Gid|Groups|NoNewPrivs):'

# What PROGRAM sees of itself after its own exec, run with the options
# given: its credentials go to the file "creds", read with field NAME.
creds_of() {
	run_caller siblingexec "$@" -- grep -E "$CREDS" /proc/self/status >creds &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect-report &&
	test_cmp expect-report report
}
field() {
	sed -n "s/^$1:	//p" creds
}

# Our own bounding set, and one capability masked out of it, as hex.
own_bounding() {
	sed -n 's/^CapBnd:	//p' /proc/self/status
}
mask_hex() {
	printf "%016x\n" "$1"
}

# Run a command as an ordinary user (nobody), from a copy of the programs
# under test that such a user can reach wherever the build tree is.  When
# the suite itself runs as an ordinary user, run it as it is.
setup_nobody() {
	if test "$(id -u)" != 0; then
		NOBODY_BIN=$(dirname "$SIBLINGEXEC")
		NOBODY_TMP=$PWD
		return
	fi
	NOBODY_TMP=$(mktemp -d /tmp/siblingexec-tests.XXXXXX) &&
	chmod 1777 "$NOBODY_TMP" &&
	NOBODY_BIN=$NOBODY_TMP/bin &&
	mkdir "$NOBODY_BIN" &&
	cp "$SIBLINGEXEC" "$HELPERS/bind-port" "$HELPERS/has-proc-events" \
		"$NOBODY_BIN/" &&
	chmod 755 "$NOBODY_BIN" &&
	cleanup "rm -rf '$NOBODY_TMP'"
}
as_nobody() {
	if test "$(id -u)" = 0; then
		setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
	else
		"$@"
	fi
}

# "make check-valgrind" runs siblingexec inside valgrind, which answers
# ENOSYS to clone3 and takes a second a launch: tests that need the real
# clone3 path, or many launches, need NATIVE.
test "$VALGRIND_WRAPPED" = yes || test_set_prereq NATIVE

# The kernel, not siblingexec, says whether --wait can know exit statuses
# (siblingexec(1), --wait): from the pidfd after the reap (Linux 6.15), or
# from the process-events connector, which this user may or may not read.
# With either, --wait is exact even when the caller reaps PROGRAM at once.
"$HELPERS/has-exit-info" && test_set_prereq PIDFD_INFO_EXIT
"$HELPERS/has-proc-events" && test_set_prereq PROC_EVENTS
# Landlock (Linux 5.13), asked of the kernel: LANDLOCK_ABI is its version.
LANDLOCK_ABI=$("$HELPERS/has-landlock") && test_set_prereq LANDLOCK
if test_have_prereq PIDFD_INFO_EXIT || test_have_prereq PROC_EVENTS; then
	test_set_prereq WAIT_EXACT
fi
