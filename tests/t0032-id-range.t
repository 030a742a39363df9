#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='ids out of range, and 4294967295 ("no change" to the kernel), are refused'
. "$TESTS_SRCDIR/lib.sh"

# setresuid(-1, -1, -1) succeeds and changes nothing: a PROGRAM asked to
# run as uid 4294967295 would keep root.  The id must be refused while
# the command line is read, before anything starts.

# refused OPTION MESSAGE: exit 125 with MESSAGE, nothing started.
refused() {
	rm -f marker &&
	run_caller siblingexec "$1" -- touch marker 2>err &&
	echo "siblingexec: $2" >expect &&
	test_cmp expect err &&
	echo "direct exit 125" >expect &&
	test_cmp expect report &&
	! test -e marker
}

test_expect_success '--user=4294967295 is refused' '
	refused --user=4294967295 \
		"user id '\''4294967295'\'' is out of range (0 to 4294967294)"
'

test_expect_success '--group=4294967295 is refused' '
	refused --group=4294967295 \
		"group id '\''4294967295'\'' is out of range (0 to 4294967294)"
'

test_expect_success '4294967295 in a --groups list is refused' '
	refused --groups=0,4294967295 \
		"group id '\''4294967295'\'' is out of range (0 to 4294967294)"
'

test_expect_success '--user=-1 and --group=-1 are refused' '
	refused --user=-1 "user id '\''-1'\'' is out of range (0 to 4294967294)" &&
	refused --group=-1 "group id '\''-1'\'' is out of range (0 to 4294967294)"
'

test_expect_success 'ids above the range are refused, however long' '
	refused --user=4294967296 \
		"user id '\''4294967296'\'' is out of range (0 to 4294967294)" &&
	refused --groups=99999999999999999999999 \
		"group id '\''99999999999999999999999'\'' is out of range (0 to 4294967294)"
'

test_expect_success ROOT 'the largest id, 4294967294, is accepted' '
	run_caller siblingexec --user=4294967294 --group=4294967294 \
		--clear-groups -- sh -c "id -u; id -g" >out &&
	printf "%s\n" 4294967294 4294967294 >expect &&
	test_cmp expect out
'

# A user or group database entry can hold the id as well.
probe_prereqs MOUNTNS

# in_db COMMAND...: run COMMAND where /etc/passwd and /etc/group have an
# entry with the id 4294967295.
in_db() {
	cp /etc/passwd passwd &&
	echo "nochange:x:4294967295:4294967295::/:/bin/false" >>passwd &&
	cp /etc/group group &&
	echo "nochange:x:4294967295:" >>group &&
	unshare --mount sh -c "mount --bind passwd /etc/passwd &&
		mount --bind group /etc/group && exec \"\$@\"" sh "$@"
}

test_expect_success ROOT,MOUNTNS 'a user whose database id is 4294967295 is refused' '
	test_expect_code 125 in_db "$SIBLINGEXEC" --user=nochange -- touch marker 2>err &&
	echo "siblingexec: user '\''nochange'\'' has the id 4294967295, which means \"no change\" to the kernel" >expect &&
	test_cmp expect err &&
	! test -e marker
'

test_expect_success ROOT,MOUNTNS 'a group whose database id is 4294967295 is refused' '
	test_expect_code 125 in_db "$SIBLINGEXEC" --group=nochange -- touch marker 2>err &&
	echo "siblingexec: the group id would be 4294967295, which means \"no change\" to the kernel" >expect &&
	test_cmp expect err &&
	! test -e marker
'

test_done
