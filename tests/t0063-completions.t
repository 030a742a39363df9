#!/bin/sh
# shellcheck disable=SC2016,SC2034,SC1091 # sharness evaluates the test bodies later
# SPDX-License-Identifier: GPL-2.0-or-later
test_description='the zsh and fish completions offer exactly the options of --help'
. "$TESTS_SRCDIR/lib.sh"

COMPLETIONS=$TESTS_SRCDIR/../completions

# Options as "--name" and "-x", one a line, sorted.
help_options() {
	siblingexec --help >help &&
	sed -n "s/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\1\2/p" help |
		tr -d "," | tr " " "\n" | sort -u
}
zsh_options() {
	{
		grep -oE "[^ (-]--[a-z][a-z-]*" "$COMPLETIONS/_siblingexec" |
			cut -c2-
		grep -oE "[{]-[a-zA-Z][+]?," "$COMPLETIONS/_siblingexec" |
			tr -d "{+,"
	} | sort -u
}
fish_options() {
	{
		sed -n "s/.* -l \([a-z][a-z-]*\).*/--\1/p" \
			"$COMPLETIONS/siblingexec.fish"
		sed -n "s/.* -s \([a-zA-Z]\) .*/-\1/p" \
			"$COMPLETIONS/siblingexec.fish"
	} | sort -u
}

# same_options SHELL: the lists must match; a difference is listed by name.
same_options() {
	help_options >help-options &&
	"${1}_options" >"$1-options" &&
	test -s help-options &&
	comm -23 help-options "$1-options" >missing &&
	comm -13 help-options "$1-options" >extra &&
	if test -s missing || test -s extra; then
		echo "options of --help missing from the $1 completion:" \
			"$(tr "\n" " " <missing)"
		echo "options of the $1 completion not in --help:" \
			"$(tr "\n" " " <extra)"
		return 1
	fi
}

test_expect_success 'every option of --help is read' '
	help_options >help-options &&
	grep -x -- --wait help-options &&
	grep -x -- -w help-options &&
	grep -x -- --version help-options &&
	test "$(grep -c -- "^ *-" help)" -le "$(wc -l <help-options)"
'

test_expect_success 'the zsh completion has every option, and no other' '
	same_options zsh
'

test_expect_success 'the fish completion has every option, and no other' '
	same_options fish
'

command -v zsh >/dev/null && test_set_prereq ZSH
command -v fish >/dev/null && test_set_prereq FISH

test_expect_success ZSH 'zsh reads its completion' '
	zsh -n "$COMPLETIONS/_siblingexec"
'

test_expect_success FISH 'fish reads its completion and completes with it' '
	fish --no-execute "$COMPLETIONS/siblingexec.fish" &&
	fish -c "source \"\$argv[1]\"; complete -C \"siblingexec --reset-\"" \
		"$COMPLETIONS/siblingexec.fish" >out &&
	cut -f1 out >actual &&
	printf "%s\n" --reset-env --reset-signals >expect &&
	test_cmp expect actual
'

test_done
