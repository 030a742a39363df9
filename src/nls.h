/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nls.h - gettext macros, and the exit statuses siblingexec promises
 */
#ifndef SIBLINGEXEC_NLS_H
#define SIBLINGEXEC_NLS_H

#ifdef ENABLE_NLS
# include <libintl.h>
# define _(msgid) gettext(msgid)
#else
# define _(msgid) (msgid)
# define ngettext(one, many, n) ((n) == 1 ? (one) : (many))
#endif
#define N_(msgid) (msgid)

/* coreutils' convention for programs that run other programs */
enum {
	EXIT_CANCELED = 125,		/* siblingexec itself failed */
	EXIT_CANNOT_INVOKE = 126,	/* PROGRAM found, not executable */
	EXIT_ENOENT = 127,		/* PROGRAM not found */
};

#endif /* SIBLINGEXEC_NLS_H */
