#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--cgroup: PROGRAM created in a cgroup v2 directory'
. "$TESTS_SRCDIR/lib.sh"
probe_prereqs CGROUP2 CLONE3 UNPRIV MOUNTNS

name=siblingexec-t0050.$$
cg=$CGROUP2_MNT/$name

# The v2 line of the observed PROGRAM's /proc/PID/cgroup.
v2_line() {
	grep "^0::" cgroup
}

# The cgroup the tests use, made here: a test body cannot add a cleanup.
if test_have_prereq CGROUP2 && mkdir "$cg"; then
	cleanup "rmdir '$cg'"
	# A subtree delegated to the test user: from/ and to/ below it.
	if test_have_prereq ROOT,UNPRIV &&
		mkdir "$cg/deleg" "$cg/deleg/from" "$cg/deleg/to"; then
		cleanup "rmdir '$cg/deleg/from' '$cg/deleg/to' '$cg/deleg'"
		chown -R "$UNPRIV_UID" "$cg/deleg" &&
			test_set_prereq DELEGATED
	fi
	# The kernel's own rule lets us into it: a process of ours moves.
	sh -c 'echo 0 >"$1/cgroup.procs"' sh "$cg" 2>/dev/null &&
		test_set_prereq JOINABLE
fi

test_expect_success CGROUP2,NATIVE,CLONE3 'clone3 creates PROGRAM in the cgroup' '
	observe_program --cgroup="$name" -v 2>err &&
	echo "0::/$name" >expect &&
	v2_line >actual &&
	test_cmp expect actual &&
	grep "with clone3$" err
'

command -v strace >/dev/null && test_set_prereq STRACE
# LeakSanitizer cannot run under ptrace: traced, an ASan build fails at
# exit whatever it did.
test "$SANITIZERS" != yes && test_set_prereq NO_SANITIZERS

test_expect_success CGROUP2,NATIVE,CLONE3,STRACE 'with clone3, PROGRAM never writes cgroup.procs' '
	run_caller strace -f -qq -e trace=openat,clone3 -o trace \
		siblingexec --cgroup="$name" -- true &&
	grep -c "CLONE_INTO_CGROUP" trace >count &&
	echo 1 >expect &&
	test_cmp expect count &&
	! grep "cgroup.procs" trace
'

test_expect_success CGROUP2 'an absolute path, with a trailing slash' '
	observe_program --cgroup="$cg/" &&
	echo "0::/$name" >expect &&
	v2_line >actual &&
	test_cmp expect actual
'

test_expect_success CGROUP2 'without clone3, PROGRAM moves itself first' '
	OBSERVE_WITH="$HELPERS/fail-syscall clone3=ENOSYS --" &&
	observe_program --cgroup="$name" -v 2>err &&
	OBSERVE_WITH= &&
	echo "0::/$name" >expect &&
	v2_line >actual &&
	test_cmp expect actual &&
	grep "with clone, as clone3 failed: Function not implemented$" err
'

# The write to cgroup.procs answered "done" but not done, as a sandbox
# that ignores it would: only the read-back before exec can tell.
# strace fakes it (-e inject), for that file only (-P); -D keeps
# siblingexec the caller's child, so PROGRAM is the caller's sibling.
test_expect_success CGROUP2,STRACE,NO_SANITIZERS 'without clone3, a join that did nothing: the read-back refuses' '
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" clone3=ENOSYS -- \
		strace -D -f -qq -o trace -P "$cg/cgroup.procs" \
		-e trace=write -e inject=write:retval=1 -- \
		siblingexec --cgroup="$name" -- touch marker 2>err &&
	grep -c "^[0-9]* *write(.*(INJECTED)$" trace >count &&
	echo 1 >expect &&
	test_cmp expect count &&
	echo "siblingexec: refusing to run '\''touch'\'': the new process is not in cgroup '\''$cg'\''" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_expect_success CGROUP2 '--show names the cgroup' '
	siblingexec --show --cgroup="$name" >out &&
	grep "^cgroup:" out >actual &&
	printf "%-26s%s\n" "cgroup:" "/$name" >expect &&
	test_cmp expect actual &&
	siblingexec --show >out &&
	! grep "^cgroup:" out
'

# bad PATH MESSAGE: refused in the launcher, nothing started.
bad() {
	rm -f marker &&
	run_caller siblingexec --cgroup="$1" -- touch marker 2>err &&
	echo "siblingexec: $2" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

test_expect_success CGROUP2 'no such cgroup, not a cgroup, no path' '
	bad "$name/nope" "--cgroup: no such cgroup: '\''$name/nope'\''" &&
	bad /tmp "--cgroup: '\''/tmp'\'' is not in the cgroup v2 hierarchy (mounted on $CGROUP2_MNT)" &&
	bad "" "--cgroup: the path is empty"
'

test_expect_success ROOT,MOUNTNS 'no cgroup v2 hierarchy mounted' '
	rm -f marker &&
	run_caller unshare -m sh -c "
		grep -E \" - cgroup2 \" /proc/self/mountinfo |
		while read -r _ _ _ _ point _; do umount \"\$point\"; done &&
		exec siblingexec --cgroup=x -- touch marker" 2>err &&
	echo "siblingexec: --cgroup: no cgroup v2 hierarchy is mounted" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

# in_subtree COMMAND...: run COMMAND in a mount namespace where the
# hierarchy is only seen through the test's cgroup, bind-mounted on
# "sub tree" (the other mounts of it undone), as in a container without
# a cgroup namespace.  mountinfo gives that mount's root as /$name
# (field 4) and its point with the space written \040; /proc/PID/cgroup
# still names cgroups from the top.
in_subtree() {
	mkdir -p "sub tree" &&
	run_caller unshare -m --propagation private sh -c '
		grep -E " - cgroup2 " /proc/self/mountinfo >mounts &&
		mount --bind "$0" "sub tree" &&
		while read -r _ _ _ _ point _; do
			umount "$point" || exit
		done <mounts &&
		exec "$@"' "$cg" "$@"
}

test_expect_success ROOT,MOUNTNS,CGROUP2 'a subtree mounted as the hierarchy: PROGRAM is found in it' '
	in_subtree siblingexec --cgroup="$PWD/sub tree" -- \
		grep "^0::" /proc/self/cgroup >out 2>err &&
	echo "0::/$name" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report
'

test_expect_success ROOT,MOUNTNS,CGROUP2 'a subtree mounted as the hierarchy: the same without clone3' '
	in_subtree "$HELPERS/fail-syscall" clone3=ENOSYS -- \
		siblingexec --cgroup=. -- grep "^0::" /proc/self/cgroup \
		>out 2>err &&
	echo "0::/$name" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report
'

test_expect_success ROOT,MOUNTNS,CGROUP2 'a subtree mounted as the hierarchy: --show names the cgroup' '
	in_subtree siblingexec --show --cgroup=. >out &&
	grep "^cgroup:" out >actual &&
	printf "%-26s%s\n" "cgroup:" "/$name" >expect &&
	test_cmp expect actual
'

# refused RULE MESSAGE: clone3 refuses to create PROGRAM in the cgroup.
refused() {
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" "$1" -- \
		siblingexec --cgroup="$name" -- touch marker 2>err &&
	echo "siblingexec: cannot put PROGRAM into cgroup '$cg': $2" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

# ENOENT is 2 on every architecture; the fault helper knows no name for it.
test_expect_success CGROUP2,NATIVE 'the kernel refuses: each reason in words' '
	refused clone3=EBUSY "the cgroup cannot take processes while controllers are enabled in its cgroup.subtree_control: Device or resource busy" &&
	refused clone3=EOPNOTSUPP "the cgroup'\''s type (cgroup.type) does not take processes: Operation not supported" &&
	refused clone3=2 "the cgroup is gone: No such file or directory"
'

# refused_elsewhere RULE MESSAGE: clone3 refused, not by the cgroup.
refused_elsewhere() {
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" "$1" -- \
		siblingexec --cgroup="$name" -- touch marker 2>err &&
	echo "siblingexec: $2" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

# EPERM and EACCES are what seccomp filters and security modules answer
# too: where we may write the cgroup.procs the kernel checks, the cgroup
# is not the cause and the refusal is told as without --cgroup.
test_expect_success CGROUP2,NATIVE,JOINABLE 'refused by a filter, not by the cgroup: not blamed on it' '
	refused_elsewhere clone3=EPERM "cannot create a process (a seccomp filter or a security module forbids it): Operation not permitted" &&
	refused_elsewhere clone3=EACCES "cannot create a process: Permission denied"
'

# NATIVE: this is the clone3 path (PROGRAM is never created); valgrind
# answers clone3 with ENOSYS, so under it siblingexec takes the clone(2)
# path, where PROGRAM exists and exits 125: the last test checks that one.
test_expect_success CGROUP2,ROOT,UNPRIV,CLONE3,NATIVE 'an ordinary user may not enter a cgroup of root' '
	rm -f "$UNPRIV_TMP/marker" &&
	run_caller_unprivileged "$UNPRIV_BIN/siblingexec" --cgroup="$name" -- \
		touch "$UNPRIV_TMP/marker" 2>err &&
	echo "siblingexec: cannot put PROGRAM into cgroup '\''$cg'\'': that needs write access to the cgroup'\''s cgroup.procs and to that of the common ancestor: Permission denied" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e "$UNPRIV_TMP/marker"
'

test_expect_success DELEGATED 'an ordinary user may enter a delegated cgroup' '
	run_caller sh -c "echo 0 >\"\$0\" && exec \"\$@\"" \
		"$cg/deleg/from/cgroup.procs" \
		setpriv --reuid="$UNPRIV_UID" --regid=65534 --clear-groups -- \
		"$UNPRIV_BIN/siblingexec" --cgroup="$name/deleg/to" -- \
		grep "^0::" /proc/self/cgroup >out &&
	echo "0::/$name/deleg/to" >expect &&
	test_cmp expect out &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report
'

# The common ancestor of deleg/from and deleg/to is deleg: without write
# access to its cgroup.procs the move is refused, though the user owns to/.
# deleg_ancestor_denied COMMAND...: COMMAND, as the user, started in from/.
deleg_ancestor_denied() {
	chown 0 "$cg/deleg/cgroup.procs" &&
	test_when_finished "chown $UNPRIV_UID '$cg/deleg/cgroup.procs'" &&
	rm -f "$UNPRIV_TMP/marker" &&
	run_caller sh -c "echo 0 >\"\$0\" && exec \"\$@\"" \
		"$cg/deleg/from/cgroup.procs" \
		setpriv --reuid="$UNPRIV_UID" --regid=65534 --clear-groups -- \
		"$@" "$UNPRIV_BIN/siblingexec" --cgroup="$name/deleg/to" -- \
		touch "$UNPRIV_TMP/marker" 2>err &&
	echo "siblingexec: cannot put PROGRAM into cgroup '$cg/deleg/to': that needs write access to the cgroup's cgroup.procs and to that of the common ancestor: Permission denied" >expect &&
	test_cmp expect err &&
	! test -e "$UNPRIV_TMP/marker"
}

test_expect_success DELEGATED,CLONE3,NATIVE 'the common ancestor not delegated: refused, and told so' '
	deleg_ancestor_denied &&
	echo "direct exit 125" >expect &&
	test_cmp expect report
'

test_expect_success DELEGATED 'the common ancestor not delegated: the same without clone3' '
	cp "$HELPERS/fail-syscall" "$UNPRIV_BIN/" &&
	deleg_ancestor_denied "$UNPRIV_BIN/fail-syscall" clone3=ENOSYS -- &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report
'

test_expect_success CGROUP2,ROOT,UNPRIV 'nor without clone3: PROGRAM never runs' '
	cp "$HELPERS/fail-syscall" "$UNPRIV_BIN/" &&
	run_caller_unprivileged "$UNPRIV_BIN/fail-syscall" clone3=ENOSYS -- \
		"$UNPRIV_BIN/siblingexec" --cgroup="$name" -- \
		touch "$UNPRIV_TMP/marker" 2>err &&
	echo "siblingexec: cannot put PROGRAM into cgroup '\''$cg'\'': that needs write access to the cgroup'\''s cgroup.procs and to that of the common ancestor: Permission denied" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e "$UNPRIV_TMP/marker"
'

test_done
