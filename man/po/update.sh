#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# update.sh MANDIR: regenerate the translated pages of MANDIR/siblingexec.1
# with po4a (maintainers only), and write into each the checksum of the
# English page it was made from, which t0018 compares.  A second run
# changes nothing.
set -eu
mandir=$1
sum=$(sha256sum <"$mandir/siblingexec.1" | cut -c1-64)
(cd "$mandir/po" && po4a po4a.cfg)
for page in "$mandir"/*/siblingexec.1
do
	sed -i -e '/^\.TH/s/\\-/-/g' -e '/^\.\\" source sha256 /d' \
		-e "1a .\\\\\" source sha256 $sum" "$page"
done
