#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='Landlock: --allow-bind, --allow-connect (ABI 4), --scope (ABI 6)'
. "$TESTS_SRCDIR/lib.sh"

# valgrind 3.19 knows neither the landlock_* system calls (444-446: it
# answers ENOSYS and warns on stderr) nor how to run its own code under a
# filter the guest loads: the confinement tests need siblingexec native.
if ! test_have_prereq NATIVE; then
	skip_all="valgrind 3.19 cannot run Landlock or seccomp filters (missing NATIVE)"
	test_done
fi

test -n "$LANDLOCK_ABI" && test "$LANDLOCK_ABI" -ge 4 &&
	test_set_prereq LANDLOCK_NET
test -n "$LANDLOCK_ABI" && test "$LANDLOCK_ABI" -ge 6 &&
	test_set_prereq LANDLOCK_SCOPE

# Loopback ports high enough not to need a privilege, and unlikely to be
# in use; a port in use would show as "Address already in use".
ALLOWED=41080
OTHER=41081

test_expect_success LANDLOCK_NET 'bind: the allowed port works' '
	"$SIBLINGEXEC" --wait $NNP --allow-bind=$ALLOWED -- \
		"$HELPERS/bind-port" $ALLOWED >out &&
	echo "bound $ALLOWED as uid $(id -u)" >expect &&
	test_cmp expect out
'

test_expect_success LANDLOCK_NET 'bind: another port is denied' '
	test_expect_code 1 "$SIBLINGEXEC" --wait $NNP --allow-bind=$ALLOWED -- \
		"$HELPERS/bind-port" $OTHER >out &&
	echo "cannot bind $OTHER: Permission denied" >expect &&
	test_cmp expect out
'

test_expect_success LANDLOCK_NET '--allow-connect alone denies every bind' '
	test_expect_code 1 "$SIBLINGEXEC" --wait $NNP --allow-connect=$ALLOWED -- \
		"$HELPERS/bind-port" $ALLOWED >out &&
	echo "cannot bind $ALLOWED: Permission denied" >expect &&
	test_cmp expect out
'

# Nothing listens: an allowed connect is refused by the peer, another one
# by Landlock.
test_expect_success LANDLOCK_NET,BASH 'connect: allowed port reached, another denied' '
	test_expect_code 1 "$SIBLINGEXEC" --wait $NNP --allow-connect=$ALLOWED \
		-- bash -c "
		exec 3<>/dev/tcp/127.0.0.1/$ALLOWED
		exec 3<>/dev/tcp/127.0.0.1/$OTHER" 2>err &&
	sed "s/^bash: \(line [0-9]*: \)\{0,1\}//" err >actual &&
	printf "%s\n" "connect: Connection refused" \
		"/dev/tcp/127.0.0.1/$ALLOWED: Connection refused" \
		"connect: Permission denied" \
		"/dev/tcp/127.0.0.1/$OTHER: Permission denied" >expect &&
	test_cmp expect actual
'

# ABI 3, simulated (see t0070): the ports are not restricted, and it says so.
test_expect_success LANDLOCK_NET 'ABI 3, best effort: ports not restricted, said' '
	"$HELPERS/fail-syscall" landlock_create_ruleset/0/0=ret:3 -- \
		"$SIBLINGEXEC" --wait --allow-bind=$ALLOWED -- \
		"$HELPERS/bind-port" $OTHER >out 2>err &&
	echo "siblingexec: warning: binding and connecting TCP ports is not restricted (Landlock ABI 4 is needed, this kernel has 3)" >expect &&
	test_cmp expect err &&
	echo "bound $OTHER as uid $(id -u)" >expect &&
	test_cmp expect out
'

test_expect_success LANDLOCK_NET 'ABI 5, --landlock=strict --scope: 125' '
	rm -f marker &&
	test_expect_code 125 "$HELPERS/fail-syscall" \
		landlock_create_ruleset/0/0=ret:5 -- "$SIBLINGEXEC" \
		--landlock=strict --scope=signals -- touch marker 2>err &&
	echo "siblingexec: --landlock=strict: the scope of signals and abstract unix sockets cannot be restricted (Landlock ABI 6 is needed, this kernel has 5)" >expect &&
	test_cmp expect err &&
	! test -e marker
'

test_expect_success 'a port out of range: 125, nothing started' '
	rm -f marker &&
	test_expect_code 125 "$SIBLINGEXEC" --allow-bind=65536 \
		-- touch marker 2>err &&
	head -n 1 err >actual &&
	echo "siblingexec: --allow-bind: '\''65536'\'' is not a TCP port (0 to 65535)" >expect &&
	test_cmp expect actual &&
	! test -e marker
'

test_expect_success LANDLOCK_NET 'a port rule refused: 125, nothing started' '
	run_caller "$HELPERS/fail-syscall" landlock_add_rule=ENOMEM -- \
		"$SIBLINGEXEC" --allow-connect=$ALLOWED -- touch marker 2>err &&
	echo "siblingexec: --allow-connect: cannot add a Landlock rule for port $ALLOWED: Cannot allocate memory" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

# The probe binds a port no rule allows: a kernel that says yes to
# landlock_restrict_self and does nothing is caught.
test_expect_success LANDLOCK_NET 'ports not restricted after all: 125' '
	run_caller "$HELPERS/fail-syscall" landlock_restrict_self=SUCCESS -- \
		"$SIBLINGEXEC" --allow-bind=$ALLOWED -- touch marker 2>err &&
	echo "siblingexec: the Landlock restriction is not in force" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_expect_success LANDLOCK_SCOPE '--scope=signals: no signal leaves PROGRAM' '
	"$SIBLINGEXEC" --wait -- sh -c "kill -0 $$; echo \$?" >out 2>err &&
	"$SIBLINGEXEC" --wait $NNP --scope=signals -- \
		sh -c "kill -0 $$; echo \$?" >>out 2>>err &&
	printf "%s\n" 0 1 >expect &&
	test_cmp expect out &&
	# dash ends this message with an empty line
	printf "%s\n" "sh: 1: kill: Operation not permitted" "" >expect &&
	test_cmp expect err
'

test_expect_success 'an unknown scope: 125' '
	rm -f marker &&
	test_expect_code 125 "$SIBLINGEXEC" --scope=signals,ptrace \
		-- touch marker 2>err &&
	head -n 1 err >actual &&
	echo "siblingexec: --scope: unknown scope '\''ptrace'\'' (use signals or abstract-unix)" >expect &&
	test_cmp expect actual &&
	! test -e marker
'

test_expect_success LANDLOCK_SCOPE '--show lists ports and scopes' '
	"$SIBLINGEXEC" --show --allow-bind=80 --allow-bind=443 \
		--scope=abstract-unix -- true >shown &&
	sed -n "/^Landlock:/,\$p" shown >actual &&
	cat >expect <<-EOF &&
	Landlock:                 best effort, ABI $LANDLOCK_ABI
	allow bind:               80, 443
	allow connect:            none
	scope:                    abstract-unix
	EOF
	test_cmp expect actual
'


# Each scope is proved in the new process before exec, by an attempt that
# must be refused once it is restricted: a kernel that says yes to
# landlock_restrict_self and does nothing is caught.
test_expect_success LANDLOCK_SCOPE 'signals not scoped after all: 125' '
	run_caller "$HELPERS/fail-syscall" landlock_restrict_self=SUCCESS -- \
		"$SIBLINGEXEC" --scope=signals -- touch marker 2>err &&
	echo "siblingexec: the Landlock restriction is not in force" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_expect_success LANDLOCK_SCOPE 'abstract unix sockets not scoped after all: 125' '
	run_caller "$HELPERS/fail-syscall" landlock_restrict_self=SUCCESS -- \
		"$SIBLINGEXEC" --scope=abstract-unix -- touch marker 2>err &&
	echo "siblingexec: the Landlock restriction is not in force" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

# As another user PROGRAM may not signal siblingexec whatever the scope:
# the probe's target is then a child of the new process that ends at once.
test_expect_success LANDLOCK_SCOPE,ROOT 'as another user too: not scoped after all, 125' '
	run_caller "$HELPERS/fail-syscall" landlock_restrict_self=SUCCESS -- \
		"$SIBLINGEXEC" --user=65534 --group=65534 --no-new-privs \
		--scope=signals -- touch marker 2>err &&
	echo "siblingexec: the Landlock restriction is not in force" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test -r "/proc/$$/task/$$/children" && test_set_prereq PROC_CHILDREN
test_expect_success LANDLOCK_SCOPE,ROOT,PROC_CHILDREN 'as another user: no probe process left to PROGRAM' '
	"$SIBLINGEXEC" --wait --user=65534 --group=65534 --no-new-privs \
		--scope=signals -- \
		sh -c "exec cat /proc/\$\$/task/\$\$/children" >out &&
	test_must_be_empty out
'

test_expect_success LANDLOCK_SCOPE,ROOT 'no room under the process limit for the probe: 125' '
	"$SIBLINGEXEC" --wait --user=65534 --group=65534 --no-new-privs \
		--rlimit=nproc=1 -- true &&
	run_caller "$SIBLINGEXEC" --user=65534 --group=65534 --no-new-privs \
		--rlimit=nproc=1 --scope=signals -- touch marker 2>err &&
	echo "siblingexec: --scope: cannot create the process that checks the scope of signals (needed because PROGRAM'\''s user is not allowed to signal siblingexec): Resource temporarily unavailable" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
'

test_expect_success LANDLOCK_SCOPE '--scope=abstract-unix: no connection leaves PROGRAM' '
	name=siblingexec-test-$$ &&
	"$HELPERS/abstract-unix" bind $name -- \
		"$SIBLINGEXEC" --wait $NNP -- \
		"$HELPERS/abstract-unix" connect $name >out &&
	test_expect_code 1 "$HELPERS/abstract-unix" bind $name -- \
		"$SIBLINGEXEC" --wait $NNP --scope=abstract-unix -- \
		"$HELPERS/abstract-unix" connect $name >>out &&
	printf "%s\n" "connected to @$name" \
		"cannot connect to @$name: Operation not permitted" >expect &&
	test_cmp expect out
'

test_done
