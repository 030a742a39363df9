#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='a bad option is named as the user typed it, status 125'
. "$TESTS_SRCDIR/lib.sh"

# bad_option ARGS -- MESSAGE: siblingexec ARGS true fails with status 125,
# prints "siblingexec: MESSAGE", the usual hint, and starts nothing.
bad_option() {
	args=
	while test "$1" != --
	do
		args="$args $1"
		shift
	done
	shift
	# shellcheck disable=SC2086 # the options are split on purpose
	test_expect_code 125 siblingexec $args touch started 2>err &&
	printf "%s\n" "siblingexec: $1" \
		"Try 'siblingexec --help' for more information." >expect &&
	test_cmp expect err &&
	! test -e started
}

for opt in wait verbose show list-caps help version no-new-privs clear-groups
do
	test_expect_success "--$opt=1: --$opt takes no argument" "
		bad_option --$opt=1 -- \"option '--$opt' does not take an argument\"
	"
done

test_expect_success 'an abbreviation is named as typed, without its value' '
	bad_option --wai=yes -- "option '\''--wai'\'' does not take an argument"
'

test_expect_success 'an ambiguous abbreviation names the options it could be' '
	bad_option --gro -- "option '\''--gro'\'' is ambiguous; it could be --group, --groups" &&
	bad_option --gro=x -- "option '\''--gro'\'' is ambiguous; it could be --group, --groups"
'

test_expect_success 'a unique abbreviation still works' '
	siblingexec --show --no-new >out &&
	grep -x "no_new_privs:             yes" out
'

test_expect_success 'an unknown long option is named without its value' '
	bad_option --bogus=1 -- "unrecognized option '\''--bogus'\''"
'

test_expect_success 'a bare -- with a value is unknown, not ambiguous' '
	bad_option --=x -- "unrecognized option '\''--'\''"
'

test_expect_success 'an unknown short letter in a cluster is named alone' '
	bad_option -wZ -- "invalid option -- '\''Z'\''" &&
	bad_option -Zw -- "invalid option -- '\''Z'\''"
'

test_expect_success 'a missing argument names the option as typed' '
	test_expect_code 125 siblingexec -wp 2>err &&
	head -n 1 err >actual &&
	echo "siblingexec: option '\''-p'\'' requires an argument" >expect &&
	test_cmp expect actual &&
	test_expect_code 125 siblingexec --user 2>err &&
	head -n 1 err >actual &&
	echo "siblingexec: option '\''--user'\'' requires an argument" >expect &&
	test_cmp expect actual
'

test_expect_success 'no message carries a byte that is not text' '
	for opt in --show=1 --list-caps=x --drop-caps --keep-caps --pdeathsig
	do
		test_expect_code 125 siblingexec $opt 2>err || return 1
		if LC_ALL=C grep -q "[^ -~]" err
		then
			cat err
			return 1
		fi
	done
'

test_done
