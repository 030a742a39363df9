#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--notify: siblingexec returns when PROGRAM says READY=1'
. "$TESTS_SRCDIR/lib.sh"

N="$HELPERS/notifier"

test_expect_success SYSTEMD_NOTIFY 'systemd-notify --ready --no-block from a script: 0 only after it, pid file only then' '
	rm -f app.pid &&
	cat >daemon.sh <<-\EOS &&
	#!/bin/sh
	sleep 0.3
	test -e app.pid && echo early >pid-file-seen
	touch said-ready
	systemd-notify --ready --no-block || echo "systemd-notify: $?" >notify-failed
	exec sleep 30
	EOS
	chmod +x daemon.sh &&
	"$HELPERS/caller" -v -o report -t 60 sh -c \
		"\"\$SIBLINGEXEC\" --notify=10 -p app.pid -- ./daemon.sh 2>err;
		 echo \$? >rc; test -e said-ready && echo after >order;
		 kill \$(cat app.pid)" &&
	echo 0 >expect && test_cmp expect rc &&
	echo after >expect && test_cmp expect order &&
	test -s app.pid &&
	! test -e pid-file-seen &&
	! test -e notify-failed &&
	test_must_be_empty err
'

test_expect_success JQ 'READY=1 after a delay, with the status channel' '
	rm -f app.pid &&
	run_caller siblingexec --notify=10 --status-fd=3 -p app.pid \
		-- "$N" sleep:200 send:READY=1 sleep:500 3>status.json 2>err &&
	pid=$(cat app.pid) &&
	printf "%s\n" started ready >expect &&
	jq -r .event status.json >actual && test_cmp expect actual &&
	jq -r .pid status.json | sort -u >actual && echo "$pid" >expect &&
	test_cmp expect actual
'

test_expect_success 'STATUS= is shown with --verbose' '
	rm -f app.pid &&
	run_caller siblingexec --verbose --notify=10 -p app.pid \
		-- "$N" "send:STATUS=loading \"x\"" send:READY=1 sleep:500 2>err &&
	pid=$(cat app.pid) &&
	grep says err >actual &&
	echo "siblingexec: PROGRAM (pid $pid) says: loading \"x\"" >expect &&
	test_cmp expect actual
'

test_expect_success JQ 'ERRNO= before readiness: 125, the reason, no pid file, PROGRAM left' '
	rm -f app.pid &&
	"$HELPERS/caller" -o report -t 10 sh -c \
		"\"\$SIBLINGEXEC\" --notify=10 --status-fd=3 -p app.pid -- \
			\"\$0\" \"send:STATUS=failing\nERRNO=13\" pause \
			3>status.json 2>err;
		 echo \$? >rc; pid=\$(sed -n \"s/.*(pid \([0-9]*\)).*/\1/p\" err);
		 kill -0 \$pid && echo alive >state; kill \$pid" "$N" &&
	echo 125 >expect && test_cmp expect rc &&
	echo alive >expect && test_cmp expect state &&
	pid=$(sed -n "s/.*(pid \([0-9]*\)).*/\1/p" err) &&
	echo "siblingexec: PROGRAM (pid $pid) failed before it was ready: Permission denied" >expect &&
	test_cmp expect err &&
	jq -cS . status.json | sed -n 2p >actual &&
	echo "{\"errno\":\"EACCES\",\"event\":\"failed\",\"status\":125,\"step\":\"notify\"}" >expect &&
	test_cmp expect actual &&
	! test -e app.pid
'

test_expect_success JQ 'PROGRAM ends before readiness: 125, the reason, no pid file' '
	run_caller siblingexec --notify=10 --status-fd=3 -p app.pid \
		-- "$N" sleep:100 exit:3 3>status.json 2>err &&
	pid=$(jq -r .pid status.json | head -n 1) &&
	echo "siblingexec: PROGRAM (pid $pid) ended before it was ready" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 125" "adopted exit 3" >expect &&
	test_cmp expect report &&
	jq -r .errno status.json | sed -n 2p >actual && echo ESRCH >expect &&
	test_cmp expect actual &&
	! test -e app.pid
'

test_expect_success 'no readiness in time: 125, PROGRAM left running, no pid file' '
	rm -f app.pid &&
	"$HELPERS/caller" -o report -t 10 sh -c \
		"\"\$SIBLINGEXEC\" --notify=0.3 -p app.pid -- \"\$0\" pause 2>err;
		 echo \$? >rc; pid=\$(sed -n \"s/.*(pid \([0-9]*\)).*/\1/p\" err);
		 kill -0 \$pid && echo alive >state; kill \$pid" "$N" &&
	echo 125 >expect && test_cmp expect rc &&
	echo alive >expect && test_cmp expect state &&
	sed "s/(pid [0-9]*)/(pid N)/" err >actual &&
	echo "siblingexec: PROGRAM (pid N) was not ready in time; it is left running" >expect &&
	test_cmp expect actual &&
	! test -e app.pid
'

test_expect_success 'no temporary pid file is left when PROGRAM was not ready' '
	ls -A >files &&
	! grep "^\.app\.pid\." files
'

printf "%s\n" "direct exit 0" "adopted exit 0" >ready-report

test_expect_success 'READY=1 ends the wait with status 0, the pid file only then' '
	rm -f app.pid pid-file-seen &&
	run_caller siblingexec --notify=10 -p app.pid -- sh -c \
		"sleep 0.3; test -e app.pid && echo early >pid-file-seen;
		 exec \"\$0\" send:READY=1 sleep:300" "$N" 2>err &&
	test_cmp ready-report report &&
	test_must_be_empty err &&
	! test -e pid-file-seen &&
	test -s app.pid
'

test_expect_success 'EXTEND_TIMEOUT_USEC= moves the end' '
	rm -f app.pid &&
	run_caller siblingexec --notify=0.3 -p app.pid -- "$N" \
		send:EXTEND_TIMEOUT_USEC=5000000 sleep:800 send:READY=1 sleep:500 \
		2>err &&
	test_cmp ready-report report &&
	test -s app.pid &&
	test_must_be_empty err
'

test_expect_success 'EXTEND_TIMEOUT_USEC= never shortens the wait' '
	rm -f app.pid &&
	run_caller siblingexec --notify=10 -p app.pid -- "$N" \
		send:EXTEND_TIMEOUT_USEC=1 sleep:500 send:READY=1 sleep:300 \
		2>err &&
	test_cmp ready-report report &&
	test -s app.pid &&
	test_must_be_empty err
'

test_expect_success 'EXTEND_TIMEOUT_USEC= that is no count of microseconds is ignored' '
	for v in -1 -9223372036854775807 abc 5x ""; do
		rm -f app.pid &&
		run_caller -t 10 siblingexec --notify=1 -p app.pid -- "$N" \
			"send:EXTEND_TIMEOUT_USEC=$v" sleep:300 send:READY=1 \
			sleep:300 2>err &&
		test_cmp ready-report report && test -s app.pid &&
		test_must_be_empty err || return 1
	done &&
	printf "%s\n" "direct exit 125" "adopted exit 0" >expect.report &&
	echo "siblingexec: PROGRAM (pid N) was not ready in time; it is left running" >expect &&
	for v in -9223372036854775807 18446744073709551616; do
		run_caller -t 10 siblingexec --notify=0.3 -- "$N" \
			"send:EXTEND_TIMEOUT_USEC=$v" sleep:1500 2>err &&
		test_cmp expect.report report &&
		sed "s/(pid [0-9]*)/(pid N)/" err >actual &&
		test_cmp expect actual || return 1
	done
'

test_expect_success 'EXTEND_TIMEOUT_USEC= of 2^64-1 saturates: a wait without end' '
	rm -f app.pid &&
	run_caller siblingexec --notify=0.3 -p app.pid -- "$N" \
		send:EXTEND_TIMEOUT_USEC=18446744073709551615 sleep:800 \
		send:READY=1 sleep:300 2>err &&
	test_cmp ready-report report &&
	test -s app.pid &&
	test_must_be_empty err
'

test_expect_success 'infinity is a timeout' '
	rm -f app.pid &&
	run_caller siblingexec --notify=infinity -p app.pid -- "$N" \
		send:READY=1 sleep:500 2>err &&
	test_cmp ready-report report &&
	test -s app.pid &&
	test_must_be_empty err
'

# 9223372036854774 s is 2^63 - 2048 ms, as a double: the end of the wait
# cannot be counted from now in a long long.  STATUS= makes the launcher
# look at the time before READY=1.
test_expect_success 'a timeout too large to count in milliseconds is infinity' '
	for t in 9223372036854774 9223372036854776 1e300 1e999; do
		rm -f app.pid &&
		run_caller siblingexec --notify="$t" -p app.pid -- "$N" \
			send:STATUS=starting sleep:400 send:READY=1 sleep:300 \
			2>err &&
		test_cmp ready-report report && test -s app.pid &&
		test_must_be_empty err || return 1
	done
'

test_expect_success 'READY=1 from a child of PROGRAM counts' '
	rm -f app.pid &&
	run_caller siblingexec --notify=10 -p app.pid -- "$N" \
		child-send:READY=1 sleep:500 2>err &&
	test_cmp ready-report report &&
	test -s app.pid &&
	sed "/^--[0-9][0-9]*-- /d" err >err.own &&
	test_must_be_empty err.own
'

test_expect_success 'READY=1 from a process that is not PROGRAM'\''s is ignored' '
	"$HELPERS/caller" -o report -t 10 sh -c \
		"\"\$SIBLINGEXEC\" --notify=1.5 -- sh -c \
			\"echo \\\$NOTIFY_SOCKET >sock; exec sleep 5\" 2>err &
		 while ! test -s sock; do sleep 0.05; done;
		 NOTIFY_SOCKET=\$(cat sock) \"\$0\" send:READY=1;
		 wait \$!; echo \$? >rc;
		 pid=\$(sed -n \"s/.*(pid \([0-9]*\)).*/\1/p\" err); kill \$pid" \
		"$N" &&
	echo 125 >expect && test_cmp expect rc &&
	grep "not ready in time" err
'

test_expect_success 'PROGRAM gets no descriptor of the socket' '
	rm -f app.pid &&
	run_caller siblingexec --notify=10 -p app.pid -- sh -c \
		"ls -l /proc/\$\$/fd >fds; exec \"\$0\" send:READY=1 sleep:500" "$N" &&
	test_cmp ready-report report &&
	test -s app.pid &&
	! grep socket: fds
'

test_expect_success '--notify --wait: the exit status after readiness' '
	run_caller siblingexec --notify=10 --wait -- "$N" send:READY=1 exit:9 &&
	printf "%s\n" "direct exit 9" "adopted exit 9" >expect &&
	test_cmp expect report
'

# PROGRAM for the tests of the stop signals: it sends signal $1 to the
# launcher (named in NOTIFY_SOCKET) once the launcher blocks a signal (it
# waits for readiness then; 3 s at most), waits until the launcher is gone,
# says so and exits 7.  Valgrind blocks signals of its own: NATIVE.
cat >stop-launcher <<-\EOS
	#!/bin/sh
	l=${NOTIFY_SOCKET#@siblingexec/} && l=${l%%/*} && i=0
	while test $i -lt 60 &&
		grep -q "^SigBlk:[[:space:]]*0*\$" /proc/$l/status; do
		sleep 0.05; i=$((i + 1))
	done
	kill -s "$1" "$l" 2>/dev/null
	while kill -0 "$l" 2>/dev/null; do sleep 0.05; done
	echo "$$" >program-outlived-launcher
	exit 7
EOS
chmod +x stop-launcher
env --default-signal=HUP,INT,TERM true 2>/dev/null &&
	test_set_prereq ENV_DEFAULT_SIGNAL

for sig in HUP:1 INT:2 TERM:15
do
	name=${sig%:*} num=${sig#*:}
	test_expect_success NATIVE,ENV_DEFAULT_SIGNAL "SIG$name while waiting: ended by it, no pid file, not even a temporary one, PROGRAM left" '
		rm -f app.pid program-outlived-launcher &&
		run_caller -t 20 env --default-signal=HUP,INT,TERM siblingexec \
			--notify=infinity --status-fd=3 -p app.pid \
			-- ./stop-launcher $name 3>status.json 2>err &&
		printf "%s\n" "direct signal $num" "adopted exit 7" >expect &&
		test_cmp expect report &&
		pid=$(cat program-outlived-launcher) &&
		echo "siblingexec: received SIG$name before PROGRAM (pid $pid) was ready; PROGRAM is left running" >expect &&
		test_cmp expect err &&
		echo "{\"event\":\"failed\",\"step\":\"notify\",\"status\":$((128 + num))}" >expect &&
		sed -n 2p status.json >actual && test_cmp expect actual &&
		ls -A >files && ! grep "^\.\{0,1\}app\.pid" files
	'
done

test_expect_success NATIVE 'a stop signal the caller ignores does not end the wait' '
	rm -f app.pid program-outlived-launcher &&
	run_caller -t 20 -I 15 siblingexec --notify=1 -p app.pid \
		-- ./stop-launcher TERM 2>err &&
	printf "%s\n" "direct exit 125" "adopted exit 7" >expect &&
	test_cmp expect report &&
	pid=$(cat program-outlived-launcher) &&
	echo "siblingexec: PROGRAM (pid $pid) was not ready in time; it is left running" >expect &&
	test_cmp expect err &&
	ls -A >files && ! grep "^\.\{0,1\}app\.pid" files
'

# As above, valgrind's own handling of signals: NATIVE.
test_expect_success NATIVE 'the signal mask is restored after readiness: SIGTERM ends --wait' '
	rm -f app.pid &&
	run_caller -t 20 siblingexec --notify=10 --wait -p app.pid -- sh -c \
		"\"\$0\" child-send:READY=1; l=\${NOTIFY_SOCKET#@siblingexec/};
		 l=\${l%%/*}; while ! test -s app.pid; do sleep 0.05; done;
		 kill -s TERM \$l; sleep 0.3; exit 3" "$N" 2>err &&
	printf "%s\n" "direct signal 15" "adopted exit 3" >expect &&
	test_cmp expect report &&
	test_must_be_empty err
'

test_expect_success 'a bad timeout is a usage error, nothing starts' '
	for t in abc -1 1x "" nan inf; do
		run_caller siblingexec --notify="$t" -- touch marker 2>err &&
		printf "%s\n" "siblingexec: invalid --notify timeout '\''$t'\'' (seconds, or infinity)" \
			"Try '\''siblingexec --help'\'' for more information." >expect &&
		test_cmp expect err && ! test -e marker || return 1
	done
'

test_done
