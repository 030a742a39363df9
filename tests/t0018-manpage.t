#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='the manual pages: lint-clean, and in step with --help'
. "$TESTS_SRCDIR/lib.sh"

mandir=$TESTS_SRCDIR/../man
pages="$mandir/siblingexec.1 $(ls "$mandir"/*/siblingexec.1 2>/dev/null)"

command -v mandoc >/dev/null && test_set_prereq MANDOC
command -v groff >/dev/null && test_set_prereq GROFF
command -v man >/dev/null && test_set_prereq MAN
command -v lexgrog >/dev/null && test_set_prereq LEXGROG

for page in $pages
do
	name=${page#"$mandir"/}

	test_expect_success MANDOC "$name: mandoc -Tlint -W warning is silent" "
		mandoc -Tlint -W warning '$page' >out 2>&1 &&
		test_must_be_empty out
	"

	test_expect_success GROFF "$name: groff -man -ww -z is silent" "
		groff -man -ww -z -K utf8 '$page' >out 2>&1 &&
		test_must_be_empty out
	"

	test_expect_success MAN "$name: man --warnings is silent" "
		LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l '$page' >/dev/null 2>out &&
		test_must_be_empty out
	"

	test_expect_success LEXGROG "$name: lexgrog finds the NAME section" "
		lexgrog '$page' >out &&
		grep ': \"siblingexec - ' out
	"
done

# The options a page documents: the item lines of its .TP paragraphs.
page_options() {
	awk 'item { print; item = 0 } /^\.TP/ { item = 1 }' "$1" |
		sed 's/\\-/-/g' | grep -oE -- "--[a-z][a-z-]*" | sort -u
}

test_expect_success 'every option of --help is in the page, and the reverse' '
	siblingexec --help >help &&
	grep -E "^ +-" help | grep -oE -- "--[a-z][a-z-]*" | sort -u >help-options &&
	test $(wc -l <help-options) -ge 16 &&
	page_options "$mandir/siblingexec.1" >page-options &&
	test_cmp help-options page-options
'

test_expect_success 'the page lists every exit status of --help' '
	for status in 0 125 126 127
	do
		grep -A1 "^\.TP" "$mandir/siblingexec.1" | grep -qx "\.B $status" ||
			return 1
	done
'

test_expect_success 'the translated pages are made from the current English page' '
	want=$(sha256sum <"$mandir/siblingexec.1" | cut -c1-64) &&
	test $(ls "$mandir"/*/siblingexec.1 | wc -l) -ge 2 &&
	for page in "$mandir"/*/siblingexec.1
	do
		grep -qx ".\\\\\" source sha256 $want" "$page" || {
			echo "$page: regenerate with make update-man-translations"
			return 1
		}
	done
'

test_done
