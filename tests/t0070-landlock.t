#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='Landlock: --allow-read, --allow-write, --allow-exec, --landlock'
. "$TESTS_SRCDIR/lib.sh"

# valgrind 3.19 knows neither the landlock_* system calls (444-446: it
# answers ENOSYS and warns on stderr) nor how to run its own code under a
# filter the guest loads: the confinement tests need siblingexec native.
if ! test_have_prereq NATIVE; then
	skip_all="valgrind 3.19 cannot run Landlock or seccomp filters (missing NATIVE)"
	test_done
fi

probe_prereqs UNPRIV

# A tree PROGRAM may only read, one it may write, and a program outside
# the trees it may execute.
test_expect_success 'setup' '
	mkdir ro out bin &&
	echo old >ro/file &&
	cp /usr/bin/true bin/true &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect-ok &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect-125
'

test_expect_success LANDLOCK 'a write under a read-only tree: EACCES, nothing written' '
	run_caller "$SIBLINGEXEC" --wait $NNP --allow-read=/ --allow-exec=/usr \
		--allow-write=out -- \
		sh -c "echo new >ro/file; echo \$? >out/st1; \
		       touch ro/new 2>out/err; echo \$? >out/st2; \
		       echo done >out/written" &&
	test_cmp expect-ok report &&
	echo old >expect && test_cmp expect ro/file &&
	! test -e ro/new &&
	echo "touch: cannot touch '\''ro/new'\'': Permission denied" >expect &&
	test_cmp expect out/err &&
	echo 2 >expect && test_cmp expect out/st1 &&
	echo 1 >expect && test_cmp expect out/st2 &&
	echo done >expect && test_cmp expect out/written
'

test_expect_success LANDLOCK 'PROGRAM outside the exec-allowed trees: 126' '
	test_expect_code 126 "$SIBLINGEXEC" $NNP --allow-read=/ --allow-exec=/usr \
		-- ./bin/true 2>err &&
	landlock_fs_warnings >expect &&
	echo "siblingexec: cannot run '\''./bin/true'\'': Permission denied" >>expect &&
	test_cmp expect err
'

test_expect_success LANDLOCK 'a program PROGRAM starts outside them: denied too' '
	run_caller "$SIBLINGEXEC" --wait $NNP --allow-read=/ --allow-exec=/usr \
		--allow-write=out -- \
		sh -c "./bin/true 2>out/err; echo \$? >out/st; \
		       /usr/bin/true; echo \$? >>out/st" &&
	test_cmp expect-ok report &&
	printf "%s\n" 126 0 >expect &&
	test_cmp expect out/st
'

test_expect_success LANDLOCK 'the ruleset descriptor does not reach PROGRAM' '
	"$SIBLINGEXEC" --wait $NNP --allow-read=/ --allow-exec=/ -- \
		find /proc/self/fd/ -mindepth 1 -printf "%l\n" >fds &&
	! grep -n "anon_inode:.*landlock" fds
'

# Checked before Landlock is even asked for: bad input on any kernel.
test_expect_success 'a path that does not exist: 125, nothing started' '
	run_caller "$SIBLINGEXEC" --allow-read=/ --allow-write=missing/dir \
		-- touch marker 2>err &&
	echo "siblingexec: --allow-write: cannot open '\''missing/dir'\'': No such file or directory" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_expect_success 'an unknown --landlock mode: 125' '
	test_expect_code 125 "$SIBLINGEXEC" --landlock=loose --allow-read=/ \
		-- touch marker 2>err &&
	head -n 1 err >actual &&
	echo "siblingexec: --landlock: unknown mode '\''loose'\'' (use best-effort or strict)" >expect &&
	test_cmp expect actual &&
	! test -e marker
'

# No Landlock in the kernel, simulated: best effort says what is not
# enforced and runs PROGRAM; strict refuses.
test_expect_success 'no Landlock, best effort: a warning, PROGRAM runs' '
	run_caller "$HELPERS/fail-syscall" landlock_create_ruleset=EOPNOTSUPP \
		-- "$SIBLINGEXEC" --wait --allow-read=/ --allow-exec=/ \
		-- touch marker 2>err &&
	echo "siblingexec: warning: Landlock is not available: filesystem access is not restricted: Operation not supported" >expect &&
	test_cmp expect err &&
	test_cmp expect-ok report &&
	test -e marker
'

test_expect_success 'no Landlock: a path that does not exist is still 125' '
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" landlock_create_ruleset=EOPNOTSUPP \
		-- "$SIBLINGEXEC" --allow-write=missing/dir -- touch marker 2>err &&
	echo "siblingexec: --allow-write: cannot open '\''missing/dir'\'': No such file or directory" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_expect_success 'no Landlock, --landlock=strict: 125, nothing started' '
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" landlock_create_ruleset=ENOSYS \
		-- "$SIBLINGEXEC" --landlock=strict --allow-read=/ \
		--allow-exec=/ -- touch marker 2>err &&
	echo "siblingexec: --landlock=strict: Landlock is not available: Function not implemented" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

# An older kernel, simulated: the fault helper answers Landlock's version
# query (a NULL attribute, size 0) with a lower ABI.
test_expect_success LANDLOCK_ABI3 'ABI 3, best effort: names what is not restricted' '
	rm -f ro/new &&
	"$HELPERS/fail-syscall" landlock_create_ruleset/0/0=ret:3 -- \
		"$SIBLINGEXEC" --wait --allow-read=/ --allow-exec=/usr \
		--allow-write=out -- sh -c "touch ro/new 2>out/err; echo \$?" \
		>st 2>err &&
	echo "siblingexec: warning: ioctl on devices is not restricted (Landlock ABI 5 is needed, this kernel has 3)" >expect &&
	test_cmp expect err &&
	echo 1 >expect && test_cmp expect st &&
	! test -e ro/new
'

test_expect_success LANDLOCK 'ABI 2, --landlock=strict: 125, nothing started' '
	rm -f marker &&
	test_expect_code 125 "$HELPERS/fail-syscall" \
		landlock_create_ruleset/0/0=ret:2 -- "$SIBLINGEXEC" \
		--landlock=strict --allow-read=/ --allow-write=. \
		--allow-exec=/ -- touch marker 2>err &&
	echo "siblingexec: --landlock=strict: truncating files cannot be restricted (Landlock ABI 3 is needed, this kernel has 2)" >expect &&
	test_cmp expect err &&
	! test -e marker
'

# refused SYSCALL MESSAGE: with SYSCALL refused, 125 and MESSAGE, and
# PROGRAM does not run.
refused() {
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" "$1" -- "$SIBLINGEXEC" \
		--allow-read=/ --allow-write=. --allow-exec=/ \
		-- touch marker 2>err &&
	landlock_fs_warnings >expect &&
	echo "siblingexec: $2" >>expect &&
	test_cmp expect err &&
	test_cmp expect-125 report &&
	! test -e marker
}

test_expect_success LANDLOCK 'a rule refused: 125, nothing started' '
	cp expect-125 expect-125.shared &&
	test_when_finished "mv expect-125.shared expect-125" &&
	echo "direct exit 125" >expect-125 &&
	refused landlock_add_rule=ENOMEM "--allow-read: cannot add a Landlock rule for '\''/'\'': Cannot allocate memory"
'

test_expect_success LANDLOCK 'landlock_restrict_self refused: 125, PROGRAM not run' '
	refused landlock_restrict_self=EPERM "cannot restrict PROGRAM with Landlock (that needs no_new_privs or CAP_SYS_ADMIN: add --no-new-privs): Operation not permitted"
'

# A kernel that says yes and restricts nothing: the probe notices.
test_expect_success LANDLOCK 'a restriction not in force: 125, PROGRAM not run' '
	rm -f marker &&
	run_caller "$HELPERS/fail-syscall" landlock_restrict_self=SUCCESS \
		-- "$SIBLINGEXEC" --allow-read=/usr --allow-write=. \
		--allow-exec=/usr -- /usr/bin/touch marker 2>err &&
	landlock_fs_warnings >expect &&
	echo "siblingexec: the Landlock restriction is not in force" >>expect &&
	test_cmp expect err &&
	test_cmp expect-125 report &&
	! test -e marker
'

# With "/" readable the probe opens /dev/null for writing instead.
test -c /dev/null && test_set_prereq DEV_NULL
test_expect_success LANDLOCK,DEV_NULL 'everything readable, not in force: 125 all the same' '
	refused landlock_restrict_self=SUCCESS "the Landlock restriction is not in force"
'

# A rule that grants what a probe tries turns that probe off, whichever
# directory above the file it is on.
test_expect_success LANDLOCK,DEV_NULL 'rules that allow what the probes try: PROGRAM runs' '
	for w in /dev/null /dev /; do
		run_caller "$SIBLINGEXEC" $NNP --allow-read=/ --allow-exec=/ \
			--allow-write=$w -- true 2>err &&
		landlock_fs_warnings >expect &&
		test_cmp expect err &&
		printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
		test_cmp expect report || return 1
	done
'

# Without CAP_SYS_ADMIN the kernel wants no_new_privs, which siblingexec
# does not set behind the user'"'"'s back.
test_expect_success UNPRIV,LANDLOCK 'an ordinary user without --no-new-privs: 125' '
	rm -f "$UNPRIV_TMP/marker" &&
	test_expect_code 125 as_unprivileged "$UNPRIV_BIN/siblingexec" \
		--allow-read=/ --allow-write="$UNPRIV_TMP" --allow-exec=/ \
		-- touch "$UNPRIV_TMP/marker" 2>err &&
	landlock_fs_warnings >expect &&
	echo "siblingexec: cannot restrict PROGRAM with Landlock (that needs no_new_privs or CAP_SYS_ADMIN: add --no-new-privs): Operation not permitted" >>expect &&
	test_cmp expect err &&
	! test -e "$UNPRIV_TMP/marker"
'

# The caller, not --wait, waits for PROGRAM: before Linux 6.13 an ordinary
# user'"'"'s --wait may not learn the status of a PROGRAM reaped at once.
# $UNPRIV_TMP is an argument: not as root, it is the trash directory, whose
# name has a space.
test_expect_success UNPRIV,LANDLOCK 'an ordinary user with --no-new-privs: confined' '
	run_caller_unprivileged "$UNPRIV_BIN/siblingexec" --no-new-privs \
		--allow-read=/ --allow-write="$UNPRIV_TMP" --allow-exec=/ \
		-- sh -c "touch \"\$1/marker\"; ls / >\"\$1/list\"; \
		          touch /tmp/outside-$$ 2>\"\$1/err\"; echo \$?" \
		sh "$UNPRIV_TMP" >st 2>warnings &&
	test_cmp expect-ok report &&
	landlock_fs_warnings >expect &&
	test_cmp expect warnings &&
	echo 1 >expect &&
	test_cmp expect st &&
	test -e "$UNPRIV_TMP/marker" &&
	! test -e /tmp/outside-$$ &&
	echo "touch: cannot touch '\''/tmp/outside-$$'\'': Permission denied" >expect &&
	test_cmp expect "$UNPRIV_TMP/err"
'

# Strict where this kernel can restrict all of it (ABI 5), else best effort.
test_expect_success LANDLOCK '--show lists the rules' '
	if test "$LANDLOCK_ABI" -ge 5
	then
		mode=strict shown=strict
	else
		mode=best-effort shown="best effort"
	fi &&
	"$SIBLINGEXEC" --show --landlock=$mode --allow-read=/usr \
		--allow-read=ro --allow-exec=/usr -- true >shown &&
	sed -n "/^Landlock:/,\$p" shown >actual &&
	cat >expect <<-EOF &&
	Landlock:                 $shown, ABI $LANDLOCK_ABI
	allow read:               /usr, ro
	allow write:              nothing
	allow exec:               /usr
	EOF
	test_cmp expect actual
'

test_expect_success '--show without rules: no Landlock rows' '
	"$SIBLINGEXEC" --show -- true >shown &&
	! grep -n "^Landlock:\|^allow" shown
'

test_done
