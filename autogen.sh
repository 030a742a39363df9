#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# autogen.sh - generate the build system (autopoint + autoreconf).
#
#   ./autogen.sh                  generate configure and the Makefile templates
#   ./autogen.sh --install-deps   first install, with apt-get, the Debian
#                                 packages that building and testing need
#   ./autogen.sh --install-ci-deps  the same, and the checkers CI runs
#                                 (linters, analyzers, packaging tools)
#
# It never runs configure.
set -eu

# Everything a Debian or Ubuntu machine needs to build siblingexec and run
# 'make check'.  These lists are the only ones: .ci/run uses them too.
DEBIAN_DEPS="gcc make autoconf automake autopoint gettext pkgconf
libcap-ng-dev libc6-dev sharness valgrind util-linux procps bash-completion
mandoc groff man-db xz-utils busybox jq python3"
# What CI adds: linters, analyzers, the fuzzer and the packaging checks;
# zsh and fish (t0063 reads the completions), systemd (t0081 runs
# systemd-notify), strace (t0050 traces what clone3 does).
DEBIAN_CI_DEPS="shellcheck devscripts cppcheck clang clang-tools-14
libclang-rt-14-dev lintian debhelper dpkg-dev build-essential fakeroot rpm git
debootstrap passwd zsh fish systemd strace"
# shellcheck disable=SC2086 # the list is meant to split
deps_line=$(printf '%s ' $DEBIAN_DEPS)

install_deps() {
	deps=$1
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "autogen.sh: --install-deps needs apt-get (Debian, Ubuntu)." >&2
		echo "autogen.sh: install these packages by hand: $deps" >&2
		exit 1
	fi
	sudo=
	if [ "$(id -u)" -ne 0 ]; then
		sudo=sudo
	fi
	echo "autogen.sh: installing with apt-get: $deps"
	# One stale foreign index (a mirror mid-sync) makes update exit 100
	# while every list we need is fresh: let the install decide.
	$sudo apt-get update -q ||
		echo "autogen.sh: apt-get update failed; installing anyway" >&2
	# shellcheck disable=SC2086 # the list is meant to split
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $deps
}

case "${1:-}" in
--install-deps)
	install_deps "$deps_line"
	;;
--install-ci-deps)
	# shellcheck disable=SC2086 # the list is meant to split
	install_deps "$deps_line $(printf '%s ' $DEBIAN_CI_DEPS)"
	;;
--print-deps)
	echo "$deps_line"
	exit 0
	;;
"")
	;;
*)
	echo "usage: $0 [--install-deps | --install-ci-deps | --print-deps]" >&2
	exit 1
	;;
esac

cd "$(dirname "$0")"
autopoint --force
autoreconf --force --install --verbose
echo "autogen.sh: done; now run ./configure && make"
