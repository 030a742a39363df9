#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='--show in every language: one value column, words that agree'
. "$TESTS_SRCDIR/lib.sh"

# The helper build of siblingexec reads its catalogs from here (its
# LOCALEDIR); they are compiled from the sources' po files.
l10n=$HELPERS/siblingexec-l10n
localedir=$SHARNESS_TEST_DIRECTORY/locale
langs=$(sed "/^#/d" "$TESTS_SRCDIR/../po/LINGUAS")

if command -v msgfmt >/dev/null && test -x "$l10n"
then
	compiled=yes
	for lang in $langs
	do
		mkdir -p "$localedir/$lang/LC_MESSAGES" || compiled=no
		if ! msgfmt -o "$localedir/$lang/LC_MESSAGES/siblingexec.mo" \
			"$TESTS_SRCDIR/../po/$lang.po"
		then
			compiled=no
		fi
	done
	# A build without NLS prints English whatever the catalogs say.
	test $compiled = yes &&
		test "$(LC_ALL=C.UTF-8 LANGUAGE=de "$l10n" --help | head -n 1)" = \
			"Aufruf:" && test_set_prereq L10N
fi

# show_in LANG: --show with nothing at all granted, in LANG ("C": English).
show_in() {
	LC_ALL=C.UTF-8 LANGUAGE=$1 "$l10n" --show --clear-groups \
		--drop-caps=all >"show.$1"
}

# Each label with its padding, measured on the screen (wc -L counts a
# wide character as two columns): one width for every line.
value_columns() {
	while IFS= read -r line
	do
		printf "%s" "$line" | sed "s/^\([^:]*: *\).*/\1/" |
			LC_ALL=C.UTF-8 wc -L
	done <"$1" | sort -u
}

# The values of rows 3 to 10, one a line: groups, five capability sets,
# no_new_privs, parent-death signal.
values() {
	sed -n "3,10s/^[^:]*: *//p" "$1"
}

for lang in C $langs
do
	test_expect_success L10N "$lang: the values of --show form one column" "
		show_in $lang &&
		test \$(wc -l <show.$lang) -eq 10 &&
		value_columns show.$lang >columns &&
		test \$(wc -l <columns) -eq 1 || {
			cat show.$lang
			false
		}
	"
done

# expect_values LANG GROUPS CAPS NO SIGNAL: what rows 3-10 must say.
expect_values() {
	printf "%s\n" "$2" "$3" "$3" "$3" "$3" "$3" "$4" "$5" >"expect.$1"
}

test_expect_success L10N '"none" agrees with what it describes' '
	expect_values C none none no none &&
	expect_values de keine keine nein keines &&
	expect_values fr aucun aucune non aucun &&
	expect_values es ninguno ninguna no ninguna &&
	expect_values pt_BR nenhum nenhuma não nenhum &&
	expect_values ja なし なし いいえ なし &&
	for lang in C $langs
	do
		test -f expect.$lang &&
		show_in $lang &&
		values show.$lang >actual &&
		test_cmp expect.$lang actual || return 1
	done
'

# ("all" itself needs a full bounding set, which a container may not give.)
test_expect_success L10N '"all except" agrees with the capabilities it counts' '
	printf "%s\n" "C all except " "de alle außer " "fr toutes sauf " \
		"es todas salvo " "pt_BR todas exceto " >expect-all &&
	while read -r lang words
	do
		LC_ALL=C.UTF-8 LANGUAGE=$lang "$l10n" --show \
			--drop-caps=net_raw >out &&
		sed -n "8s/^[^:]*: *//p" out >value &&
		case $(cat value) in
		"$words "*net_raw*) ;;
		*) echo "$lang: $(cat value)"; return 1 ;;
		esac
	done <expect-all
'

test_done
