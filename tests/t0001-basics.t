#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='command line: help, version, usage errors'
. "$TESTS_SRCDIR/lib.sh"

test_expect_success '--help prints the usage and the exit statuses' '
	siblingexec --help >out 2>err &&
	test_must_be_empty err &&
	head -n 2 out >actual &&
	printf "%s\n" "Usage:" \
		" siblingexec [options] [--] PROGRAM [ARGUMENT...]" >expect &&
	test_cmp expect actual &&
	grep "^  125  siblingexec itself failed$" out &&
	grep "^  126  PROGRAM was found but could not be run$" out &&
	grep "^  127  PROGRAM was not found$" out &&
	tail -n 1 out >actual &&
	echo "For more details see siblingexec(1)." >expect &&
	test_cmp expect actual
'

test_expect_success '-h is --help' '
	siblingexec --help >expect &&
	siblingexec -h >actual &&
	test_cmp expect actual
'

test_expect_success '--version prints the name and version' '
	siblingexec --version >out &&
	head -n 1 out >actual &&
	echo "siblingexec $(sed -n "s/^#define PACKAGE_VERSION \"\(.*\)\"/\1/p" \
		"$SHARNESS_TEST_DIRECTORY/../config.h")" >expect &&
	test_cmp expect actual &&
	siblingexec -V >actual2 &&
	test_cmp out actual2
'

test_expect_success 'a write error on --help is reported, status 125' '
	test_expect_code 125 siblingexec --help >/dev/full 2>err &&
	echo "siblingexec: write error: No space left on device" >expect &&
	test_cmp expect err
'

test_expect_success 'no program: usage error, status 125' '
	test_expect_code 125 siblingexec 2>err &&
	printf "%s\n" "siblingexec: no program given" \
		"Try '\''siblingexec --help'\'' for more information." >expect &&
	test_cmp expect err
'

test_expect_success 'unknown long option: status 125, the option is named' '
	test_expect_code 125 siblingexec --frobnicate true 2>err &&
	head -n 1 err >actual &&
	echo "siblingexec: unrecognized option '\''--frobnicate'\''" >expect &&
	test_cmp expect actual
'

test_expect_success 'unknown short option: status 125, the letter is named' '
	test_expect_code 125 siblingexec -Z true 2>err &&
	head -n 1 err >actual &&
	echo "siblingexec: invalid option -- '\''Z'\''" >expect &&
	test_cmp expect actual
'

test_expect_success 'missing option argument: status 125' '
	test_expect_code 125 siblingexec --pid-file 2>err &&
	head -n 1 err >actual &&
	echo "siblingexec: option '\''--pid-file'\'' requires an argument" >expect &&
	test_cmp expect actual
'

test_expect_success 'options after PROGRAM belong to PROGRAM' '
	run_caller siblingexec echo --help -w >out &&
	echo "--help -w" >expect &&
	test_cmp expect out &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report
'

test_expect_success '-- ends the options' '
	run_caller siblingexec -- echo -v >out &&
	echo "-v" >expect &&
	test_cmp expect out
'

test_done
