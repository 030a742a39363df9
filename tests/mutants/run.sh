#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# run.sh - mutation check: break the program in small ways, one at a time,
# and report each breakage the test suite does not notice.
#
#   tests/mutants/run.sh [NAME...]        (make check-mutants runs it)
#
# Run from the source tree, built or not (configure must exist).  It
# makes a copy of the tree in a scratch directory, builds it and
# runs the whole suite once (the baseline).  Then, for each mutant of
# tests/mutants/list (or only those NAMEd): apply its edits to the copy,
# rebuild siblingexec, run the test files the mutant names; a failure
# there kills it.  A mutant those files miss gets the whole suite before
# it is called a survivor, so the list of files only saves time and can
# never hide a survivor.  Then the copy is restored.
#
# Every snippet must occur exactly once in its file, checked before
# anything is built: a list that no longer matches the code is an error,
# not a silent pass.  So is a mutant that does not compile.
#
# Environment: MUTANTS_TIMEOUT, seconds per test file (default 120);
# MUTANTS_KEEP=1 keeps the scratch directory; MAKE (default make).
#
# Exit status: 0 when every mutant was killed; 1 when one survived, the
# list is stale, or a mutant did not build; 2 on a setup failure.

set -u

here=$(cd "$(dirname "$0")" && pwd)
list=$here/list
top=$(cd "$here/../.." && pwd)
make=${MAKE:-make}
timeout=${MUTANTS_TIMEOUT:-120}

say() { printf '%s\n' "$*"; }
fail_setup() { say "check-mutants: $*" >&2; exit 2; }

# --- the list ---------------------------------------------------------------

# The list, one record per line: NAME<TAB>KEY<TAB>VALUE, keys why, file,
# from, to, tests.  "file" applies to the from/to pairs after it.
parse_list() {
	awk '
	function flush_value() { sub(/^[ \t]+/, "", value) }
	/^[ \t]*(#|$)/ { next }
	{
		key = $1
		value = $0
		sub(/^[ \t]*[a-z]+/, "", value)
		flush_value()
		if (key == "mutant") { name = value; next }
		if (name == "") {
			print "check-mutants: " FILENAME ":" FNR \
				": no mutant line before this one" > "/dev/stderr"
			exit 1
		}
		if (key !~ /^(why|file|from|to|tests)$/) {
			print "check-mutants: " FILENAME ":" FNR \
				": unknown key " key > "/dev/stderr"
			exit 1
		}
		print name "\t" key "\t" value
	}' "$list"
}

records=$(parse_list) || exit 2

# Names, in the order of the list, optionally only the ones asked for.
all_names=$(say "$records" | cut -f1 | awk '!seen[$0]++')
if [ $# -gt 0 ]; then
	names=
	for n in "$@"; do
		say "$all_names" | grep -qxF -e "$n" ||
			fail_setup "no mutant named '$n' in $list"
		names="$names$n
"
	done
else
	names=$all_names
fi
dupes=$(say "$records" | awk -F '\t' '$2 == "why" { n[$1]++ }
	END { for (k in n) if (n[k] > 1) print k }')
[ -z "$dupes" ] || fail_setup "mutant names used twice: $dupes"

field() {	# field NAME KEY: the (first) value
	say "$records" | awk -F '\t' -v n="$1" -v k="$2" \
		'$1 == n && $2 == k { sub(/^[^\t]*\t[^\t]*\t/, ""); print; exit }'
}

# edit FILE FROM TO: replace the single occurrence of FROM in FILE with
# TO; {NL} and {TAB} in either stand for a newline and a tab.  Exit 3,
# FILE untouched, unless FROM occurs exactly once.
edit() {
	FROM=$2 TO=$3 awk '
	BEGIN { RS = "\001"; from = ENVIRON["FROM"]; to = ENVIRON["TO"]
		gsub(/\{NL\}/, "\n", from); gsub(/\{TAB\}/, "\t", from)
		gsub(/\{NL\}/, "\n", to); gsub(/\{TAB\}/, "\t", to) }
	{ text = text $0 }
	END {
		n = 0; rest = text
		while ((i = index(rest, from)) > 0) {
			n++; rest = substr(rest, i + length(from))
		}
		if (n != 1) { print n > "/dev/stderr"; exit 3 }
		i = index(text, from)
		printf "%s%s%s", substr(text, 1, i - 1), to,
			substr(text, i + length(from))
	}' "$1" >"$1.mutant" 2>"$1.count" || {
		rm -f "$1.mutant"
		return 3
	}
	rm -f "$1.count"
	mv "$1.mutant" "$1"
}

# apply NAME TREE: apply every edit of NAME to the files under TREE.
apply() {
	say "$records" | awk -F '\t' -v n="$1" '$1 == n &&
		($2 == "file" || $2 == "from" || $2 == "to")' >"$work/edits"
	file='' from='' have_from=''
	while IFS='	' read -r _ key value; do
		case $key in
		file)	file=$value ;;
		from)	from=$value have_from=1 ;;
		to)	[ -n "$have_from" ] && [ -n "$file" ] || return 4
			if ! edit "$2/$file" "$from" "$value"; then
				say "$1: snippet found $(cat "$2/$file.count" 2>/dev/null || echo 0) times in $file, not once: $from"
				rm -f "$2/$file.count"
				return 3
			fi
			have_from= ;;
		esac
	done <"$work/edits"
	[ -z "$have_from" ] || return 4
}

# --- the scratch tree --------------------------------------------------------

work=$(mktemp -d "${TMPDIR:-/tmp}/siblingexec-mutants.XXXXXX") ||
	fail_setup "cannot make a scratch directory"
if [ "${MUTANTS_KEEP:-}" = 1 ]; then
	say "check-mutants: keeping $work"
else
	trap 'rm -rf "$work"' EXIT
	trap 'exit 2' HUP INT TERM
fi
chmod 755 "$work"

# First, the whole list against pristine sources: stale snippets fail
# before anything is built.
stale=0
for n in $names; do
	rm -rf "$work/check" && mkdir "$work/check"
	for f in $(say "$records" | awk -F '\t' -v n="$n" \
			'$1 == n && $2 == "file" { print $3 }'); do
		mkdir -p "$work/check/$(dirname "$f")"
		if ! cp "$top/$f" "$work/check/$f" 2>/dev/null; then
			say "STALE    $n: no file $f"
			stale=$((stale + 1))
		fi
	done
	[ -z "$(field "$n" why)" ] && { say "STALE    $n: no why"; stale=$((stale + 1)); }
	if ! msg=$(apply "$n" "$work/check"); then
		say "STALE    ${msg:-$n: a from without a to, or no file}"
		stale=$((stale + 1))
	fi
done
if [ "$stale" -gt 0 ]; then
	say "check-mutants: $stale mutants no longer match the sources: fix $list"
	exit 1
fi

# A copy of the tree as it is (uncommitted changes included), cleaned of
# what this build made, and configured afresh at its new place.  ('make
# distdir' would merge the message catalogs of the tree it copies.)
tree=$work/tree
say "check-mutants: copying the tree to $tree"
mkdir "$tree" || fail_setup "cannot make $tree"
(cd "$top" && tar --exclude=./.git --exclude='./tests/trash directory.*' \
	-cf - .) | (cd "$tree" && tar -xf -) || fail_setup "cannot copy $top"
(cd "$tree" && { [ ! -f Makefile ] || $make -s distclean; } \
	>"$work/configure.log" 2>&1 &&
	./configure -q >>"$work/configure.log" 2>&1 &&
	$make -j2 -s >"$work/build.log" 2>&1 &&
	$make -j2 -s check TESTS= >>"$work/build.log" 2>&1) ||
	{ tail -n 30 "$work/build.log"; fail_setup "the copy does not build"; }

all_tests=$(cd "$tree" && ls tests/unit/*.tap tests/t[0-9]*.t)

# run_tests LOG FILES: 0 when they all pass.
run_tests() {
	(cd "$tree" && $make -j2 -k check TESTS="$(say "$2" | tr '\n' ' ')" \
		TEST_TIMEOUT="$timeout" >"$1" 2>&1)
}

say "check-mutants: the baseline, the whole suite without a mutant"
start=$(date +%s)
if run_tests "$work/baseline.log" "$all_tests"; then
	baseline_fail=
else
	baseline_fail=$(sed -n 's/^\(FAIL\|ERROR\): \([^ ]*\).*/\2/p' \
		"$work/baseline.log" | sort -u)
	[ -n "$baseline_fail" ] || fail_setup "the baseline run failed"
	say "check-mutants: WARNING: these fail without any mutant and are" \
		"left out: $(say "$baseline_fail" | tr '\n' ' ')"
	all_tests=$(say "$all_tests" | grep -vxF "$baseline_fail")
fi
say "check-mutants: baseline took $(($(date +%s) - start)) s"

# tests_of NAME: the test files the mutant names, baseline failures out.
tests_of() {
	for t in $(field "$1" tests); do
		say "$all_tests" | grep -e "/${t}[^/]*\$" -e "^${t}\$"
	done | sort -u
}

killed=0 survived=0 broken=0 survivors=
for n in $names; do
	files=$(say "$records" | awk -F '\t' -v n="$n" \
		'$1 == n && $2 == "file" { print $3 }' | sort -u)
	for f in $files; do
		cp "$tree/$f" "$work/saved.$(echo "$f" | tr / _)"
	done
	apply "$n" "$tree" >/dev/null
	if ! (cd "$tree" && $make -s src/siblingexec) >"$work/$n.build" 2>&1
	then
		say "BROKEN   $n: does not build (see below)"
		tail -n 5 "$work/$n.build"
		broken=$((broken + 1))
	else
		subset=$(tests_of "$n")
		if [ -n "$subset" ] && ! run_tests "$work/$n.log" "$subset"; then
			by=$(sed -n 's/^\(FAIL\|ERROR\): tests\/\([^ ]*\)\.t.*/\2/p' \
				"$work/$n.log" | sort -u | tr '\n' ' ')
			say "killed   $n (by $by)"
			killed=$((killed + 1))
		elif ! run_tests "$work/$n.log" "$all_tests"; then
			by=$(sed -n 's/^\(FAIL\|ERROR\): tests\/\([^ ]*\)\.t.*/\2/p' \
				"$work/$n.log" | sort -u | tr '\n' ' ')
			say "killed   $n (only by the whole suite: $by;" \
				"name them in its tests line)"
			killed=$((killed + 1))
		else
			say "SURVIVED $n: $(field "$n" why)"
			survived=$((survived + 1))
			survivors="$survivors $n"
		fi
	fi
	for f in $files; do
		cp "$work/saved.$(echo "$f" | tr / _)" "$tree/$f"
	done
done

say "$killed killed, $survived survived"
[ -z "$survivors" ] || say "check-mutants: survivors:$survivors"
[ "$broken" -eq 0 ] || say "check-mutants: $broken mutants did not build"
[ "$survived" -eq 0 ] && [ "$broken" -eq 0 ]
