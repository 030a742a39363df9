#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--reset-env, --setenv, --unsetenv: PROGRAM environment, seen in /proc/PID/environ'
. "$TESTS_SRCDIR/lib.sh"

# environ_of OPTION...: start "sleep 60" with OPTION..., copy its
# /proc/PID/environ, one variable a line, to the file "environ", stop it.
# Called from a test body (test_when_finished): the sleep is killed when
# the test ends, had the copy failed.
environ_of() {
	rm -f pid &&
	siblingexec --pid-file=pid "$@" -- sleep 60 &&
	test_when_finished "kill $(cat pid) 2>/dev/null || :" &&
	tr "\0" "\n" <"/proc/$(cat pid)/environ" >environ &&
	kill "$(cat pid)"
}

# The PATH a clean environment gets, as login.defs says it.
login_path() {
	key=ENV_PATH
	test "$1" = 0 && key=ENV_SUPATH
	p=$(sed -n "s/^${key}[ 	]*//p" /etc/login.defs 2>/dev/null |
		sed "s/^PATH=//")
	if test -z "$p"; then
		if test "$1" = 0; then
			p=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin
		else
			p=/usr/local/bin:/bin:/usr/bin
		fi
	fi
	echo "$p"
}

# bash sets _ to the path of each program it runs; valgrind adds its own
# variables to the environment of the program it runs.
test_expect_success NATIVE 'without options PROGRAM inherits the environment' '
	SE_MARK=inherited environ_of &&
	grep -x SE_MARK=inherited environ &&
	env | sort >mine && sort environ >theirs &&
	grep -v -e "^SE_MARK=" -e "^_=" theirs >theirs.rest &&
	grep -v -e "^SE_MARK=" -e "^_=" mine >mine.rest &&
	test_cmp mine.rest theirs.rest
'

test_expect_success '--setenv adds and replaces, --unsetenv removes' '
	SE_OLD=old SE_GONE=x environ_of --setenv=SE_NEW=a=b \
		--setenv=SE_OLD=new --unsetenv=SE_GONE &&
	grep -x "SE_NEW=a=b" environ &&
	grep -x "SE_OLD=new" environ &&
	test "$(grep -c ^SE_OLD= environ)" = 1 &&
	! grep "^SE_GONE=" environ
'

# execve(2) lets a caller pass a name twice; the dynamic loader and
# getenv(3) may each read a different copy.  twice_of OPTION...: as
# environ_of, for a caller whose environment has SE_TWICE twice (with-env
# makes it so); the file "actual" gets the SE_ variables.
twice_of() {
	rm -f pid &&
	"$HELPERS/with-env" SE_TWICE=1 SE_OTHER=x SE_TWICE=2 -- \
		"$SIBLINGEXEC" --pid-file=pid "$@" -- sleep 60 &&
	test_when_finished "kill $(cat pid) 2>/dev/null || :" &&
	tr "\0" "\n" <"/proc/$(cat pid)/environ" >environ &&
	kill "$(cat pid)" &&
	grep "^SE_" environ >actual
}

# Under "make check-valgrind" siblingexec is a shell script, which
# passes a name only once: the test needs it native.
test_expect_success NATIVE 'a name given twice: removed twice, or set once where it was' '
	twice_of &&
	printf "%s\n" SE_TWICE=1 SE_OTHER=x SE_TWICE=2 >expect &&
	test_cmp expect actual &&
	twice_of --unsetenv=SE_TWICE &&
	echo SE_OTHER=x >expect &&
	test_cmp expect actual &&
	twice_of --setenv=SE_TWICE=3 &&
	printf "%s\n" SE_TWICE=3 SE_OTHER=x >expect &&
	test_cmp expect actual
'

test_expect_success 'changes apply in the order given' '
	environ_of --setenv=SE_X=1 --unsetenv=SE_X --setenv=SE_Y=1 \
		--setenv=SE_Y=2 &&
	! grep "^SE_X=" environ &&
	grep -x SE_Y=2 environ
'

test_expect_success ROOT '--reset-env: exactly the variables setpriv gives, for the target user' '
	TERM=dumb SE_MARK=x environ_of --reset-env --user=nobody &&
	home=$(getent passwd nobody | cut -d: -f6) &&
	shell=$(getent passwd nobody | cut -d: -f7) &&
	printf "%s\n" "HOME=$home" "LOGNAME=nobody" "PATH=$(login_path 65534)" \
		"SHELL=$shell" "TERM=dumb" "USER=nobody" >expect &&
	sort environ >actual &&
	test_cmp expect actual
'

test_expect_success '--reset-env for ourselves, then --setenv on top' '
	me=$(id -un) &&
	env -u TERM SE_MARK=x "$SIBLINGEXEC" --pid-file=pid --reset-env \
		--setenv=SE_ADDED=1 --unsetenv=SHELL -- sleep 60 &&
	test_when_finished "kill $(cat pid) 2>/dev/null || :" &&
	tr "\0" "\n" <"/proc/$(cat pid)/environ" >environ &&
	kill "$(cat pid)" &&
	printf "%s\n" "HOME=$(getent passwd "$me" | cut -d: -f6)" \
		"LOGNAME=$me" "PATH=$(login_path "$(id -u)")" "SE_ADDED=1" \
		"USER=$me" >expect &&
	sort environ >actual &&
	test_cmp expect actual
'

test_expect_success 'PROGRAM is searched for in its new PATH' '
	mkdir -p newpath &&
	printf "#!/bin/sh\necho found-in-new-path\n" >newpath/se-only-here &&
	chmod +x newpath/se-only-here &&
	siblingexec --wait --setenv=PATH="$PWD/newpath" se-only-here >out &&
	echo found-in-new-path >expect &&
	test_cmp expect out &&
	test_expect_code 127 siblingexec --wait --unsetenv=SE_NONE \
		se-only-here 2>err &&
	echo "siblingexec: cannot run '\''se-only-here'\'': No such file or directory" >expect &&
	test_cmp expect err
'

test_expect_success 'bad names: 125, nothing started' '
	rm -f marker &&
	test_expect_code 125 siblingexec --setenv=NOEQUALS -- touch marker 2>err &&
	echo "siblingexec: --setenv: '\''NOEQUALS'\'' is not NAME=VALUE" >expect &&
	test_cmp expect err &&
	test_expect_code 125 siblingexec --setenv==v -- touch marker 2>err &&
	echo "siblingexec: --setenv: invalid variable name '\'''\''" >expect &&
	test_cmp expect err &&
	test_expect_code 125 siblingexec --unsetenv=A=B -- touch marker 2>err &&
	echo "siblingexec: --unsetenv: invalid variable name '\''A=B'\''" >expect &&
	test_cmp expect err &&
	test_expect_code 125 siblingexec --unsetenv= -- touch marker 2>err &&
	! test -e marker
'

test_expect_success '--show says what the environment will be' '
	siblingexec --reset-env --setenv=A=1 --unsetenv=B --show >out &&
	grep -x "environment: *clean, for the target user, A=1, without B" out &&
	siblingexec --unsetenv=X --show >out &&
	grep -x "environment: *inherited, without X" out &&
	siblingexec --show >out &&
	! grep "^environment:" out
'

test_done
