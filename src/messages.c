// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * messages.c - what siblingexec says on stderr, and how it ends
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "status.h"

const char *program_name = PACKAGE;

void nls_init(void)
{
	static int done;
	int saved = errno;	/* the message may be about to print it */

	/*
	 * Loading the locale costs more than the rest of a launch that
	 * prints nothing, so it happens on the first message instead.
	 */
	if (done)
		return;
	done = 1;
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
	errno = saved;
}

static void vwarn_msg(int errnum, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", program_name);
	vfprintf(stderr, fmt, ap);
	if (errnum)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

void warn_msg_(int errnum, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_msg(errnum, fmt, ap);
	va_end(ap);
}

void die_(int status, int errnum, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_msg(errnum, fmt, ap);
	va_end(ap);
	status_failed(NULL, errnum, status);	/* with --status-fd */
	exit(status);
}

void usage_error_(const char *fmt, ...)
{
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vwarn_msg(0, fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, _("Try '%s --help' for more information.\n"),
		program_name);
	exit(EXIT_CANCELED);
}

int close_stdout(void)
{
	int pending = __fpending(stdout) != 0;
	int failed = ferror(stdout);

	if (fclose(stdout) != 0 && (pending || errno != EBADF))
		failed = 1;
	if (failed) {
		warn_msg(errno, _("write error"));
		return EXIT_CANCELED;
	}
	return EXIT_SUCCESS;
}
