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

# Every script reads /proc, if only through the caller helper.
if ! grep -q "^Pid:" /proc/self/status 2>/dev/null; then
	# shellcheck disable=SC2034 # read by sharness
	skip_all="/proc is not mounted (missing PROC)"
	test_done
fi

# A PATH of our own: a directory the user cannot search would turn "not
# found" (127) into "Permission denied" (126), as execvp(3) does.
PATH="$SHARNESS_BUILD_DIRECTORY:/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"
export PATH

# The messages are asserted in English.
unset LANGUAGE
LC_ALL=C
export LC_ALL

test "$(id -u)" = 0 && test_set_prereq ROOT

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

# --- What the environment allows --------------------------------------------
#
# A test that needs something of its environment names it as a prerequisite.
# A test script finds out, once, whether it has it by trying it:
#	probe_prereqs MOUNTNS RO_MOUNT
# and sharness skips each test whose prerequisite is missing, saying
# "(missing MOUNTNS)".  Nothing is inferred: root does not mean that every
# namespace works (a chroot, a container), and the caller's uid says nothing
# of whether another user can reach the build tree.
#
#   UNPRIV       an unprivileged user who runs the programs under test: as
#                root, nobody running copies staged in a 0755 directory; as
#                anyone else, the caller itself if it holds no capability
#   MOUNTNS      a new mount namespace (unshare --mount)
#   RO_MOUNT     a read-only tmpfs mounted in one
#   PIDNS        a new PID namespace
#   PIDNS_PROC   a new PID namespace with its own /proc (--mount-proc)
#   USERNS       a user namespace with root mapped
#   USERNS_PIDNS a user namespace and a PID namespace together
#   CLONE3       clone3 is not refused (old kernels, container profiles)
#   CGROUP2      a cgroup v2 hierarchy (the unified one on hybrid machines)
#                mounted at $CGROUP2_MNT, where cgroups can be made

probe_UNPRIV() {
	if test "$(id -u)" = 0; then
		stage_for_nobody &&
		as_unprivileged "$UNPRIV_BIN/siblingexec" -- true &&
		as_unprivileged touch "$UNPRIV_TMP/probe" &&
		rm "$UNPRIV_TMP/probe"
	else
		test "$(grep -Ec '^Cap(Prm|Eff|Amb):	0+$' /proc/self/status)" = 3 &&
		"$UNPRIV_BIN/siblingexec" -- true
	fi
}
probe_MOUNTNS() {
	unshare --mount true
}
probe_RO_MOUNT() {
	mkdir probe-ro &&
	unshare --mount sh -c "mount -t tmpfs -o ro none probe-ro &&
		! touch probe-ro/file 2>/dev/null"
	rc=$?
	rmdir probe-ro
	return $rc
}
probe_PIDNS() {
	unshare --pid --fork true
}
probe_PIDNS_PROC() {
	unshare --pid --fork --mount-proc true
}
probe_USERNS() {
	unshare --user --map-root-user true
}
probe_USERNS_PIDNS() {
	unshare --user --map-root-user --pid --fork true
}
probe_CLONE3() {
	if ! test -x "$HELPERS/has-clone3"; then
		echo "Bail out! $HELPERS/has-clone3 is not built" >&7
		exit 1
	fi
	"$HELPERS/has-clone3"
}
probe_CGROUP2() {
	CGROUP2_MNT=$(awk '$(NF-2) == "cgroup2" { print $5; exit }' \
		/proc/self/mountinfo) &&
	test -n "$CGROUP2_MNT" &&
	mkdir "$CGROUP2_MNT/siblingexec-probe.$$" &&
	rmdir "$CGROUP2_MNT/siblingexec-probe.$$"
}

probe_prereqs() {
	for prereq
	do
		if ! command -v "probe_$prereq" >/dev/null; then
			echo "Bail out! no probe for the prerequisite $prereq"
			exit 1
		fi
		# The probe runs in this shell (UNPRIV sets variables), quietly;
		# fd 7 is the TAP stream, for a probe that cannot work at all.
		if "probe_$prereq" 7>&1 >/dev/null 2>&1; then
			test_set_prereq "$prereq"
		fi
	done
}

# The unprivileged user: as root, nobody, with the programs under test and a
# scratch directory it owns in $UNPRIV_BIN (with the helpers it runs,
# $UNPRIV_HELPERS) and $UNPRIV_TMP; as anyone else,
# the caller, with the build tree as it is.
UNPRIV_UID=$(id -u)
UNPRIV_BIN=$(dirname "$SIBLINGEXEC")
UNPRIV_HELPERS=$HELPERS
UNPRIV_TMP=$PWD
as_unprivileged() {
	if test "$(id -u)" = 0; then
		setpriv --reuid="$UNPRIV_UID" --regid=65534 --clear-groups -- "$@"
	else
		"$@"
	fi
}

# Copy what nobody runs into a 0755 directory of its own: the build tree
# may be under a home directory nobody cannot enter.  Under
# "make check-valgrind" the program under test is a script that runs the
# built binary inside valgrind: it gets a copy that runs the staged one.
# shellcheck disable=SC2034 # UNPRIV_HELPERS: used by the test scripts
stage_for_nobody() {
	stage=$(mktemp -d /tmp/siblingexec-tests.XXXXXX) || return 1
	cleanup "rm -rf '$stage'"
	chmod 755 "$stage" &&
	mkdir "$stage/bin" "$stage/tmp" &&
	chown 65534:65534 "$stage/tmp" &&
	cp "$HELPERS/bind-port" "$HELPERS/has-proc-events" "$stage/bin/" ||
		return 1
	built=${HELPERS%/tests/helpers}/src/siblingexec
	if test "$SIBLINGEXEC" = "$built"; then
		cp "$built" "$stage/bin/siblingexec"
	else
		cp "$built" "$stage/bin/siblingexec.bin" &&
		sed "s|\"$built\"|\"$stage/bin/siblingexec.bin\"|" \
			"$SIBLINGEXEC" >"$stage/bin/siblingexec" &&
		! cmp -s "$SIBLINGEXEC" "$stage/bin/siblingexec" &&
		chmod 755 "$stage/bin/siblingexec"
	fi || return 1
	chmod -R a+rX "$stage/bin" &&
	UNPRIV_UID=65534 UNPRIV_BIN=$stage/bin UNPRIV_HELPERS=$stage/bin \
		UNPRIV_TMP=$stage/tmp
}

# "make check-valgrind" runs siblingexec inside valgrind, which answers
# ENOSYS to clone3 and takes a second a launch: tests that need the real
# clone3 path, or many launches, need NATIVE.
test "$VALGRIND_WRAPPED" = yes || test_set_prereq NATIVE

# ELF machine of a program (two bytes, as stored), to tell which
# architecture the programs under test were built for.
elf_machine() {
	od -An -tx1 -j18 -N2 "$1" 2>/dev/null | tr -d ' \n'
}
# glibc on i386 and s390x reaches socket(2) through socketcall(2): a
# seccomp rule on socket never matches there.
case $(elf_machine "$HELPERS/fail-syscall") in
0300|0016) ;;
*) test_set_prereq SOCKET_SYSCALL ;;
esac
# Tools of the build machine (setpriv) run under the fault helper's filter
# only when both are built for the same architecture (not in an i386
# build on amd64): the filter checks the architecture of each call.
test "$(elf_machine "$HELPERS/fail-syscall")" = \
	"$(elf_machine "$(command -v setpriv 2>/dev/null || echo /nonexistent)")" &&
	test_set_prereq HOST_TOOLS_ARCH

# The tools a test runs that a minimal system may lack: each is the
# prerequisite of its name in capitals.  Those of more than one script, or
# of any shell, are found here; a script finds the rest itself (t0018 the
# manual page tools, t0063 zsh and fish).  .ci/run fails on a skip for one
# that CI installs, and .ci/vm-root puts them in the test machines.
command -v bash >/dev/null && test_set_prereq BASH
command -v dash >/dev/null && test_set_prereq DASH
command -v jq >/dev/null && test_set_prereq JQ
command -v python3 >/dev/null && test_set_prereq PYTHON3
command -v setsid >/dev/null && test_set_prereq SETSID
command -v systemd-notify >/dev/null && test_set_prereq SYSTEMD_NOTIFY
command -v timeout >/dev/null && test_set_prereq TIMEOUT

# The kernel, not siblingexec, says whether --wait can know exit statuses
# (siblingexec(1), --wait): from the pidfd after the reap (Linux 6.15), or
# from the process-events connector, which this user may or may not read.
# With either, --wait is exact even when the caller reaps PROGRAM at once.
# pidfs (Linux 6.9): each process's pidfd has an inode of its own.  Only
# python3 asks here: a test of PIDFS needs PYTHON3 too, so that its skip
# names python3 when python3 is what is missing.
if test_have_prereq PYTHON3; then
	python3 -c 'import os, sys; i = lambda p: os.fstat(os.pidfd_open(p)).st_ino
sys.exit(i(os.getpid()) == i(os.getppid()))' 2>/dev/null &&
		test_set_prereq PIDFS
else
	echo "# PIDFS is not probed: python3 is not installed (missing PYTHON3)"
fi

# ask_helper NAME: run the probe helper NAME, its output in $helper_said.
# It answers yes (0) or no (1).  One not built, or answering anything
# else (a crash), has not asked the kernel: bail out, rather than let the
# prerequisites it decides vanish and their tests skip as if the kernel
# had said no.
ask_helper() {
	if ! test -x "$HELPERS/$1"; then
		echo "Bail out! $HELPERS/$1 is not built"
		exit 1
	fi
	helper_said=$("$HELPERS/$1")
	helper_rc=$?
	case $helper_rc in
	0|1) return $helper_rc ;;
	esac
	echo "Bail out! $HELPERS/$1 failed (exit status $helper_rc)"
	exit 1
}
ask_helper has-exit-info && test_set_prereq PIDFD_INFO_EXIT
ask_helper has-proc-events && test_set_prereq PROC_EVENTS
# Landlock (Linux 5.13), asked of the kernel: LANDLOCK_ABI is its version.
# shellcheck disable=SC2034 # read by the Landlock tests
LANDLOCK_ABI=
ask_helper has-landlock && LANDLOCK_ABI=$helper_said &&
	test_set_prereq LANDLOCK
# The warnings a best-effort launch with --allow-* rules prints on this
# kernel: what its Landlock ABI cannot restrict (step-landlock.c).
# shellcheck disable=SC2059 # the format is the message, as in the C
landlock_fs_warnings() {
	w='siblingexec: warning: %s is not restricted (Landlock ABI %d is needed, this kernel has %d)\n'
	test "$LANDLOCK_ABI" -ge 3 ||
		printf "$w" "truncating files" 3 "$LANDLOCK_ABI"
	test "$LANDLOCK_ABI" -ge 5 ||
		printf "$w" "ioctl on devices" 5 "$LANDLOCK_ABI"
}
# A kernel whose Landlock knows at least ABI 3: one older can be simulated.
test "${LANDLOCK_ABI:-0}" -ge 3 && test_set_prereq LANDLOCK_ABI3
if test_have_prereq PIDFD_INFO_EXIT || test_have_prereq PROC_EVENTS; then
	test_set_prereq WAIT_EXACT
fi

# Landlock and seccomp filters need no_new_privs or CAP_SYS_ADMIN, and
# siblingexec does not set no_new_privs unasked: the tests of confinement
# itself pass $NNP, which is --no-new-privs unless the suite runs as root
# (then they cover the CAP_SYS_ADMIN path).  The tests of the refusal
# without it ("add --no-new-privs", 125) do not.
# shellcheck disable=SC2034 # used by the test scripts
if test "$(id -u)" = 0; then
	NNP=
else
	NNP=--no-new-privs
fi

# run_caller, with the command run as the unprivileged user (UNPRIV).
run_caller_unprivileged() {
	if test "$(id -u)" = 0; then
		run_caller setpriv --reuid="$UNPRIV_UID" --regid=65534 \
			--clear-groups -- "$@"
	else
		run_caller "$@"
	fi
}

# A fail-syscall rule: the process-events connector's socket (AF_NETLINK,
# 16) cannot be opened.
NO_EVENTS="socket/16=EPERM"

# --wait where neither /proc nor the process-events connector can tell
# PROGRAM's status: PROGRAM runs as nobody and siblingexec without
# CAP_SYS_PTRACE, which root needs to see the status of another user's
# zombie; the connector's socket is refused, and so is every other system
# call named by the fail-syscall RULEs given.  The caller reaps nothing
# until siblingexec has ended (caller -s), and PROGRAM exits 6: its
# report goes to "report", siblingexec's messages, with "pid N" for the
# pid, to "actual".  (ROOT, NATIVE, SOCKET_SYSCALL.)
wait_status_unseen() {
	"$HELPERS/fail-syscall" "$NO_EVENTS" "$@" -- \
		"$HELPERS/caller" -s -o report \
		setpriv --bounding-set=-sys_ptrace -- \
		"$SIBLINGEXEC" --user=nobody --wait -- sh -c "exit 6" 2>err &&
	sed "s/pid [0-9]*/pid N/" err >actual
}

# PROGRAM (a sleep) started with the options given, seen from outside:
# its /proc/PID/cgroup, limits, stat and status are copied to files of
# those names; then it is killed and reaped (report: "adopted signal 15").
# OBSERVE_WITH: a command prefix for siblingexec (fail-syscall RULE --).
# shellcheck disable=SC2086 # OBSERVE_WITH is meant to split
observe_program() {
	rm -f observed.pid report &&
	{ run_caller $OBSERVE_WITH siblingexec --pid-file=observed.pid "$@" \
		-- sleep 60 & } &&
	observer_caller=$! &&
	for _ in $(seq 100); do
		test -s observed.pid && break
		sleep 0.05
	done &&
	observed=$(cat observed.pid) &&
	cat "/proc/$observed/comm" >observed-comm &&
	for f in cgroup limits stat status; do
		cat "/proc/$observed/$f" >"$f" || return 1
	done &&
	kill "$observed" &&
	wait "$observer_caller" &&
	echo sleep >expect-comm &&
	test_cmp expect-comm observed-comm
}
