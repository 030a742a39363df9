#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='translations: every catalog complete, valid and current'
. "$TESTS_SRCDIR/lib.sh"

srcdir=$TESTS_SRCDIR/..
command -v xgettext >/dev/null && command -v msgmerge >/dev/null &&
	test_set_prereq GETTEXT_TOOLS

test_expect_success GETTEXT_TOOLS 'the messages of the sources, as xgettext sees them' '
	xgettext --default-domain=siblingexec --directory="$srcdir" \
		--keyword=_ --keyword=N_ --keyword=C_:1c,2 --from-code=UTF-8 \
		--flag=die:3:c-format --flag=warn_msg:2:c-format \
		--flag=usage_error:1:c-format \
		--files-from="$srcdir/po/POTFILES.in" -o current.pot &&
	test $(grep -c "^msgid " current.pot) -gt 100
'

test_expect_success 'LINGUAS lists at least five languages, each with a catalog' '
	sed "/^#/d" "$srcdir/po/LINGUAS" >langs &&
	test $(wc -l <langs) -ge 5 &&
	while read lang
	do
		test -f "$srcdir/po/$lang.po" || return 1
	done <langs
'

for po in "$srcdir"/po/*.po
do
	lang=$(basename "$po" .po)
	test_expect_success GETTEXT_TOOLS "$lang: msgfmt -c passes, nothing fuzzy or untranslated" "
		msgmerge --quiet --no-fuzzy-matching '$po' current.pot -o $lang.merged.po &&
		msgfmt -c --statistics -o /dev/null $lang.merged.po 2>stats &&
		grep -E '^[0-9]+ translated messages\.$' stats
	"
done

test_done
