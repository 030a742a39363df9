#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--chdir, --setsid, --reset-signals, --close-fds: PROGRAM seen in /proc/PID'
. "$TESTS_SRCDIR/lib.sh"

probe_prereqs UNPRIV

# start OPTION...: start "sleep 60" with OPTION...; its pid in $pid.
start() {
	rm -f pid &&
	siblingexec --pid-file=pid "$@" -- sleep 60 &&
	pid=$(cat pid) &&
	kill_at_end
}
# The sleep of pid $pid is killed when the test ends, had a check before
# its stop failed (test_when_finished: call from the test body, not from
# a subshell).
kill_at_end() {
	test_when_finished "kill $pid 2>/dev/null || :"
}
stop() {
	kill "$pid"
}
# The session id of process $1: the 6th field of /proc/PID/stat.
session_of() {
	sed "s/.*) //" "/proc/$1/stat" | cut -d" " -f4
}
fds_of() {
	ls "/proc/$1/fd" >fd-list &&
	sort -n fd-list | tr "\n" " " &&
	echo
}

test_expect_success '--chdir: PROGRAM runs in DIR' '
	mkdir -p work &&
	start --chdir=work &&
	readlink "/proc/$pid/cwd" >actual &&
	stop &&
	echo "$PWD/work" >expect &&
	test_cmp expect actual
'

test_expect_success '--chdir: a relative PROGRAM path is found from DIR' '
	mkdir -p work &&
	printf "#!/bin/sh\necho ran-from-dir\n" >work/se-prog &&
	chmod +x work/se-prog &&
	siblingexec --wait --chdir=work ./se-prog >out &&
	echo ran-from-dir >expect &&
	test_cmp expect out
'

test_expect_success '--chdir: no such directory is 125, PROGRAM not run' '
	rm -f marker &&
	test_expect_code 125 siblingexec --chdir=no-such-dir -- \
		touch "$PWD/marker" 2>err &&
	echo "siblingexec: cannot change to directory '\''no-such-dir'\'': No such file or directory" >expect &&
	test_cmp expect err &&
	! test -e marker &&
	test_expect_code 125 siblingexec --chdir= -- touch marker 2>err &&
	echo "siblingexec: --chdir: the directory name is empty" >expect &&
	test_cmp expect err
'

test_expect_success ROOT,UNPRIV '--chdir is entered as the target user' '
	mkdir -m 700 "$UNPRIV_TMP/private" &&
	rm -f "$UNPRIV_TMP/marker" &&
	test_expect_code 125 siblingexec --user="$UNPRIV_UID" \
		--chdir="$UNPRIV_TMP/private" -- touch "$UNPRIV_TMP/marker" 2>err &&
	echo "siblingexec: cannot change to directory '\''$UNPRIV_TMP/private'\'': Permission denied" >expect &&
	test_cmp expect err &&
	! test -e "$UNPRIV_TMP/marker"
'

test_expect_success '--setsid: PROGRAM leads a session of its own' '
	start --setsid &&
	session_of "$pid" >actual &&
	stop &&
	echo "$pid" >expect &&
	test_cmp expect actual
'

test_expect_success 'without --setsid: PROGRAM stays in our session' '
	start &&
	session_of "$pid" >actual &&
	stop &&
	session_of $$ >expect &&
	test_cmp expect actual
'

# From a script, "siblingexec ... &" hands PROGRAM ignored SIGINT/SIGQUIT.
test_expect_success 'ignored signals are inherited, --reset-signals clears them' '
	(trap "" INT QUIT; siblingexec --pid-file=pid -- sleep 60) &&
	pid=$(cat pid) &&
	kill_at_end &&
	before=$(sed -n "s/^SigIgn:	//p" "/proc/$pid/status") &&
	stop &&
	test $((0x$before & 6)) = 6 &&
	(trap "" INT QUIT; siblingexec --pid-file=pid --reset-signals -- sleep 60) &&
	pid=$(cat pid) &&
	kill_at_end &&
	sed -n "s/^SigIgn:	//p" "/proc/$pid/status" >after &&
	stop &&
	echo 0000000000000000 >expect &&
	test_cmp expect after
'

test_expect_success '--reset-signals empties the blocked mask' '
	run_caller -B 10 -I 2 -- siblingexec -- \
		grep -E "^Sig(Blk|Ign):" /proc/self/status >before &&
	blk=$(sed -n "s/^SigBlk:	//p" before) &&
	ign=$(sed -n "s/^SigIgn:	//p" before) &&
	test $((0x$blk & 0x200)) = $((0x200)) &&
	test $((0x$ign & 2)) = 2 &&
	run_caller -B 10 -I 2 -- siblingexec --reset-signals -- \
		grep -E "^Sig(Blk|Ign):" /proc/self/status >after &&
	printf "SigBlk:\t%s\nSigIgn:\t%s\n" 0000000000000000 0000000000000000 >expect &&
	test_cmp expect after
'

# glibc keeps signals 32 and 33 for itself and will not set them, but a
# process can inherit them ignored: the system call resets them.
test_expect_success PYTHON3 '--reset-signals also resets signals 32 and 33' '
	cat >ignore-32-33.py <<-\EOF &&
	import ctypes, os, sys
	libc = ctypes.CDLL(None, use_errno=True)
	class KSA(ctypes.Structure):
	    _fields_ = [("h", ctypes.c_void_p), ("f", ctypes.c_ulong),
	                ("r", ctypes.c_void_p), ("m", ctypes.c_uint64)]
	nr = {"x86_64": 13, "aarch64": 134}[os.uname().machine]
	for sig in (32, 33):
	    if libc.syscall(nr, sig, ctypes.byref(KSA(1, 0, None, 0)), None, 8):
	        sys.exit("rt_sigaction failed")
	os.execvp(sys.argv[1], sys.argv[1:])
	EOF
	python3 ignore-32-33.py siblingexec -w -- \
		grep "^SigIgn:" /proc/self/status >before &&
	ign=$(sed -n "s/^SigIgn:	//p" before) &&
	test $((0x$ign & 0x180000000)) = $((0x180000000)) &&
	python3 ignore-32-33.py siblingexec -w --reset-signals -- \
		grep "^SigIgn:" /proc/self/status >after &&
	printf "SigIgn:\t%s\n" 0000000000000000 >expect &&
	test_cmp expect after
'

test_expect_success '--close-fds closes every descriptor above 2 but --keep-fd' '
	start 7</dev/null 8</dev/null 9</dev/null &&
	fds_of "$pid" >inherited &&
	stop &&
	start --close-fds --keep-fd=8 7</dev/null 8</dev/null 9</dev/null &&
	fds_of "$pid" >actual &&
	stop &&
	grep "7 8 9 " inherited &&
	echo "0 1 2 8 " >expect &&
	test_cmp expect actual
'

test_expect_success 'without close_range (before Linux 5.9 or 5.11): the same' '
	for e in ENOSYS EINVAL; do
		"$HELPERS/fail-syscall" close_range="$e" -- \
			"$SIBLINGEXEC" --pid-file=pid --close-fds --keep-fd=9 \
			-- sleep 60 7</dev/null 9</dev/null &&
		pid=$(cat pid) &&
		kill_at_end &&
		fds_of "$pid" >actual &&
		stop &&
		echo "0 1 2 9 " >expect &&
		test_cmp expect actual || return 1
	done
'

test_expect_success '--keep-fd: bad or closed descriptors are 125, nothing started' '
	rm -f marker &&
	test_expect_code 125 siblingexec --close-fds --keep-fd=42 -- \
		touch marker 2>err 42>&- &&
	echo "siblingexec: --keep-fd: descriptor 42 is not open: Bad file descriptor" >expect &&
	test_cmp expect err &&
	test_expect_code 125 siblingexec --close-fds --keep-fd=x -- \
		touch marker 2>err &&
	echo "siblingexec: --keep-fd: '\''x'\'' is not a descriptor number" >expect &&
	test_cmp expect err &&
	test_expect_code 125 siblingexec --keep-fd=7 -- touch marker 2>err \
		7</dev/null &&
	echo "siblingexec: --keep-fd needs --close-fds" >expect &&
	test_cmp expect err &&
	! test -e marker
'

# --close-fds never closes them: a --keep-fd that names one would make
# the reader believe otherwise.
test_expect_success '--keep-fd=0, 1 or 2: 125, they are always kept' '
	rm -f marker &&
	for fd in 0 1 2 02; do
		test_expect_code 125 siblingexec --close-fds --keep-fd=$fd -- \
			touch marker 2>err &&
		echo "siblingexec: --keep-fd: descriptor $((fd)) is always kept: --close-fds closes only those above 2" >expect &&
		test_cmp expect err || return 1
	done &&
	! test -e marker
'

test_expect_success UNPRIV 'as an ordinary user: every option of the step works' '
	mkdir -p "$UNPRIV_TMP/dir" && chmod 755 "$UNPRIV_TMP/dir" &&
	as_unprivileged "$UNPRIV_BIN/siblingexec" --pid-file="$UNPRIV_TMP/pid" \
		--chdir="$UNPRIV_TMP/dir" --setsid --reset-signals \
		--close-fds --reset-env -- sleep 60 7</dev/null &&
	pid=$(cat "$UNPRIV_TMP/pid") &&
	kill_at_end &&
	readlink "/proc/$pid/cwd" >cwd &&
	session_of "$pid" >sid &&
	fds_of "$pid" >fds &&
	tr "\0" "\n" <"/proc/$pid/environ" | sed -n "s/^USER=//p" >user &&
	stop &&
	echo "$UNPRIV_TMP/dir" >expect && test_cmp expect cwd &&
	echo "$pid" >expect && test_cmp expect sid &&
	echo "0 1 2 " >expect && test_cmp expect fds &&
	as_unprivileged id -un >expect && test_cmp expect user
'

test_expect_success '--show describes each, only when given' '
	siblingexec --setsid --chdir=/tmp --close-fds --keep-fd=7 \
		--reset-signals --show >out 7</dev/null &&
	grep -x "new session: *yes" out &&
	grep -x "directory: */tmp" out &&
	grep -x "descriptors above 2: *closed, except 7" out &&
	grep -x "signals reset: *yes" out &&
	siblingexec --show >out &&
	! grep -E "^(new session|directory|descriptors above 2|signals reset):" out
'

test_done
