// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * securebits.c - the securebits by name, as in capabilities(7) without
 * the "SECBIT_" and in lower case
 */
#include "config.h"

#include <string.h>

#include "securebits.h"

static const char *const names[] = {
	"noroot", "noroot_locked",
	"no_setuid_fixup", "no_setuid_fixup_locked",
	"keep_caps", "keep_caps_locked",
	"no_cap_ambient_raise", "no_cap_ambient_raise_locked",
	"exec_restrict_file", "exec_restrict_file_locked",
	"exec_deny_interactive", "exec_deny_interactive_locked",
};

#define N_NAMES	((int)(sizeof(names) / sizeof(names[0])))

const char *securebit_name(int n)
{
	return n >= 0 && n < N_NAMES ? names[n] : NULL;
}

static int lookup(const char *word, int len)
{
	int n;

	for (n = 0; n < N_NAMES; n++)
		if ((int)strlen(names[n]) == len &&
		    strncmp(names[n], word, (size_t)len) == 0)
			return n;
	return -1;
}

int securebits_parse(const char *list, unsigned *bits, const char **bad,
		     int *bad_len)
{
	const char *word = list;

	*bits = 0;
	for (;;) {
		int len = (int)strcspn(word, ",");
		int n = lookup(word, len);

		if (n < 0) {
			*bad = word;
			*bad_len = len;
			return -1;
		}
		*bits |= 1u << n;
		if (!word[len])
			return 0;
		word += len + 1;
	}
}
