/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * messages.h - what siblingexec says on stderr, and how it ends
 *
 * "siblingexec: MESSAGE[: strerror]", translated.  The locale is loaded
 * on the first message only: a launch that prints nothing does not pay
 * for it.  These are for the command-line side; the core and the steps'
 * apply functions never print.
 */
#ifndef SIBLINGEXEC_MESSAGES_H
#define SIBLINGEXEC_MESSAGES_H

#include "nls.h"

extern const char *program_name;

/* Set up the locale and the catalog, once.  Keeps errno. */
void nls_init(void);

void warn_msg_(int errnum, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void die_(int status, int errnum, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));
/* The message, if any, then a pointer to --help; exit status 125. */
void usage_error_(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/* The locale is set up before the message's arguments are evaluated. */
#define warn_msg(...)		(nls_init(), warn_msg_(__VA_ARGS__))
#define die(...)		(nls_init(), die_(__VA_ARGS__))
#define usage_error(...)	(nls_init(), usage_error_(__VA_ARGS__))

/*
 * Flush and close stdout; a write error (a full disk, a closed pipe) is
 * reported.  The exit status to end with.
 */
int close_stdout(void);

#endif /* SIBLINGEXEC_MESSAGES_H */
