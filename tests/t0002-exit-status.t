#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='exit statuses 0, 125, 126, 127 and their messages'
. "$TESTS_SRCDIR/lib.sh"

test_expect_success 'status 0 when PROGRAM was executed' '
	run_caller siblingexec -- sh -c "exit 3" &&
	printf "%s\n" "direct exit 0" "adopted exit 3" >expect &&
	test_cmp expect report
'

test_expect_success 'status 127 when PROGRAM is not found' '
	run_caller siblingexec -- no-such-program-here 2>err &&
	echo "siblingexec: cannot run '\''no-such-program-here'\'': No such file or directory" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 127" "adopted exit 127" >expect &&
	test_cmp expect report
'

test_expect_success 'status 127 for a missing path' '
	test_expect_code 127 siblingexec ./missing 2>err &&
	echo "siblingexec: cannot run '\''./missing'\'': No such file or directory" >expect &&
	test_cmp expect err
'

test_expect_success 'status 127 for an empty program name' '
	test_expect_code 127 siblingexec "" 2>err &&
	echo "siblingexec: cannot run '\'''\'': No such file or directory" >expect &&
	test_cmp expect err
'

test_expect_success 'status 126 when PROGRAM is not executable' '
	echo "echo hi" >not-exec &&
	chmod 644 not-exec &&
	run_caller siblingexec ./not-exec 2>err &&
	echo "siblingexec: cannot run '\''./not-exec'\'': Permission denied" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 126" "adopted exit 126" >expect &&
	test_cmp expect report
'

test_expect_success 'status 126 when PROGRAM is a directory' '
	mkdir dir &&
	test_expect_code 126 siblingexec ./dir 2>err &&
	echo "siblingexec: cannot run '\''./dir'\'': Permission denied" >expect &&
	test_cmp expect err
'

test_expect_success 'status 125 on a usage error' '
	test_expect_code 125 siblingexec --wait
'

test_expect_success 'PROGRAM is searched in PATH' '
	mkdir bin &&
	printf "#!/bin/sh\necho found \"\$@\"\n" >bin/my-prog &&
	chmod +x bin/my-prog &&
	PATH="$PWD/bin:$PATH" run_caller siblingexec my-prog a b >out &&
	echo "found a b" >expect &&
	test_cmp expect out
'

test_expect_success 'a script without #! runs under /bin/sh, as with execvp' '
	printf "echo no-shebang\n" >bin/plain &&
	chmod +x bin/plain &&
	run_caller siblingexec ./bin/plain >out &&
	echo "no-shebang" >expect &&
	test_cmp expect out
'

# sub/my-prog exists only under the first directory of PATH: a PATH
# search would find it there and run it.  (The rest of PATH is kept for
# the valgrind wrapper of check-valgrind.)
test_expect_success 'PROGRAM with a slash is not searched in PATH' '
	mkdir -p bin/sub &&
	printf "#!/bin/sh\necho searched\n" >bin/sub/my-prog &&
	chmod +x bin/sub/my-prog &&
	! test -e sub/my-prog &&
	PATH="$PWD/bin:$PATH" run_caller "$SIBLINGEXEC" sub/my-prog >out 2>err &&
	echo "siblingexec: cannot run '\''sub/my-prog'\'': No such file or directory" >expect &&
	test_cmp expect err &&
	printf "%s\n" "direct exit 127" "adopted exit 127" >expect &&
	test_cmp expect report &&
	test_must_be_empty out
'

test_done
