/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nls.h - gettext macros, and the exit statuses siblingexec promises
 */
#ifndef SIBLINGEXEC_NLS_H
#define SIBLINGEXEC_NLS_H

#ifdef ENABLE_NLS
# include <libintl.h>
# define _(msgid) gettext(msgid)
/*
 * C_(CONTEXT, MSGID): a message that reads differently in another context
 * ("none" of the capabilities, of the groups).  The catalog stores it
 * under CONTEXT, byte 4, MSGID, as xgettext --keyword=C_:1c,2 writes it.
 */
static inline const char *pgettext_glued(const char *glued,
					 const char *msgid)
{
	const char *translated = gettext(glued);

	return translated == glued ? msgid : translated;
}
# define C_(context, msgid) pgettext_glued(context "\004" msgid, msgid)
#else
# define _(msgid) (msgid)
# define C_(context, msgid) (msgid)
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
