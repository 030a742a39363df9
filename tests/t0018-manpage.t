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

# The options of --help, in its order, one a line, with "group" where a
# blank line starts a group; the options of the page's OPTIONS section,
# in its order, with "group" at each subsection.
help_groups() {
	awk '/^Options:$/ { on = 1 } on && /^$/ { print "group" }
	     on && /^ +-/ { print } /--version/ { exit }' "$1" |
		sed -n -e "s/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p" \
			-e "/^group$/p" | uniq
}
page_groups() {
	awk '/^\.SH/ { on = ($0 == ".SH OPTIONS") }
	     on && /^\.SS/ { print "group" }
	     item { print } { item = on && /^\.TP/ }' "$1" |
		sed "s/\\\\-/-/g" |
		sed -n -e "s/^[^-]*\(-[a-zA-Z][^-]*\)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p" \
			-e "/^group$/p"
}

# A reader who finds an option in one looks for its neighbours in the
# other: --status-fd under the privileges of the page, for one, was
# found by nobody who had read --help.
test_expect_success 'the page groups and orders the options as --help does' '
	siblingexec --help >help &&
	help_groups help >help-groups &&
	test $(grep -c "^group$" help-groups) -ge 6 &&
	page_groups "$mandir/siblingexec.1" >page-groups &&
	test_cmp help-groups page-groups
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

# The example that promises "no capabilities at all, and no way to gain
# any", as the page prints it, with the untrusted tool replaced by a read
# of /etc/shadow, which root may do without any capability.
example_cmd() {
	sed -n "/no way to gain any:/,/^\.EE/s/^# \\\\fB\(siblingexec .*\)\\\\fP$/\1/p" \
		"$mandir/siblingexec.1" | sed "s/\\\\-/-/g"
}
getent passwd nobody >/dev/null && test -f /etc/shadow &&
	test_set_prereq NOBODY

test_expect_success 'the safe example is found in the page' '
	example_cmd >example &&
	test $(wc -l <example) -eq 1 &&
	grep -- "--drop-caps=all --no-new-privs -- ./untrusted-tool$" example
'

test_expect_success ROOT,NOBODY 'the safe example cannot read /etc/shadow' '
	cmd=$(sed "s|./untrusted-tool$|cat /etc/shadow|" example) &&
	run_caller $cmd >out 2>err &&
	printf "%s\n" "direct exit 0" "adopted exit 1" >expect &&
	test_cmp expect report &&
	test_must_be_empty out
'

test_expect_success ROOT 'without --user, the same command reads /etc/shadow' '
	cmd=$(sed -e "s|./untrusted-tool$|cat /etc/shadow|" \
		-e "s/ --user=[^ ]*//" example) &&
	run_caller $cmd >out &&
	printf "%s\n" "direct exit 0" "adopted exit 0" >expect &&
	test_cmp expect report &&
	test -s out
'

# What t0042 checks of the callers, the page must tell its readers.
test_expect_success 'the page warns of callers that do not reap, and of the terminal' '
	sed "s/\\\\-/-/g" "$mandir/siblingexec.1" >page.txt &&
	for claim in "SIGTTIN" "zombie" "find -exec" "timeout (1)" \
		"setsid -w" "dash does not reap" "^\\.I thread$"
	do
		grep -q -- "$claim" page.txt || {
			echo "missing: $claim"
			return 1
		}
	done
'

# The addresses configure gives (config.h of the build), in the sections
# that readers look for.
config_value() {
	sed -n "s/^#define $1 \"\(.*\)\"$/\1/p" "$SHARNESS_TEST_DIRECTORY/../config.h"
}
section() {
	awk -v name="$1" '/^\.SH/ { on = ($0 == ".SH " name) } on' \
		"$mandir/siblingexec.1"
}

test_expect_success 'REPORTING BUGS gives the bug address of configure' '
	bugs=$(config_value PACKAGE_BUGREPORT) &&
	test -n "$bugs" &&
	section "REPORTING BUGS" >part &&
	grep -x ".UR $bugs" part
'

test_expect_success 'AVAILABILITY gives the home page of configure' '
	url=$(config_value PACKAGE_URL) &&
	test -n "$url" &&
	section AVAILABILITY >part &&
	grep -x ".UR $url" part
'

# Read in UTF-8, where » and the no-break spaces (U+00A0, U+202F) are one
# character each: in the C locale [»] is two bytes, and matches a line
# that starts with « or any other character whose first byte is \302.
test_expect_success MAN 'French page: no line starts with a lone : ; ! ? or »' '
	blank=$(printf "[[:space:]\302\240\342\200\257]") &&
	for width in $(seq 40 3 140)
	do
		LC_ALL=C.UTF-8 MANWIDTH=$width man -l "$mandir/fr/siblingexec.1" \
			>page 2>/dev/null || return 1
		# Rendered in UTF-8, not transliterated to ASCII.
		LC_ALL=C.UTF-8 grep -q "é" page || return 1
		if LC_ALL=C.UTF-8 grep -nE "^$blank*[:;!?»]" page
		then
			echo "at MANWIDTH=$width"
			return 1
		fi
	done
'

test_expect_success 'German page: the order of the steps is not "the only one"' '
	! grep -n "der einzigen, die" "$mandir/de/siblingexec.1"
'

test_expect_success 'each translated page records one checksum, not several' '
	for page in "$mandir"/*/siblingexec.1
	do
		test $(grep -c "^\.\\\\\" source sha256 " "$page") -eq 1 || {
			echo "$page"
			return 1
		}
	done
'

command -v po4a >/dev/null && test_set_prereq PO4A
test_expect_success PO4A 'make update-man-translations is idempotent' '
	grep -q "man/po/update.sh" "$TESTS_SRCDIR/../Makefile.am" &&
	# po4a 0.69 cannot work in a directory whose path has a space,
	# such as the trash directory.
	tmp=$(mktemp -d) &&
	test_when_finished "chmod -R u+w \"$tmp\"; rm -rf \"$tmp\"" &&
	cp -R "$mandir" "$tmp/once" &&
	# cp keeps the modes of a read-only srcdir (make distcheck): only
	# root could then write the copy, or remove it.
	chmod -R u+w "$tmp/once" &&
	sh "$mandir/po/update.sh" "$tmp/once" >/dev/null 2>&1 &&
	cp -R "$tmp/once" "$tmp/twice" &&
	sh "$mandir/po/update.sh" "$tmp/twice" >/dev/null 2>&1 &&
	diff -r "$tmp/once" "$tmp/twice"
'

test_done
