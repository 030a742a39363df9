/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * securebits.h - the securebits by name (prctl PR_SET_SECUREBITS)
 */
#ifndef SIBLINGEXEC_SECUREBITS_H
#define SIBLINGEXEC_SECUREBITS_H

#include <linux/securebits.h>

/* Linux 6.14; Debian 12's headers predate them. */
#ifndef SECURE_EXEC_RESTRICT_FILE
# define SECURE_EXEC_RESTRICT_FILE		8
# define SECURE_EXEC_DENY_INTERACTIVE		10
#endif
#define SECBIT_EXEC_RESTRICT_FILE_BIT	issecure_mask(SECURE_EXEC_RESTRICT_FILE)
#define SECBIT_EXEC_DENY_INTERACTIVE_BIT \
	issecure_mask(SECURE_EXEC_DENY_INTERACTIVE)
/* The bits every kernel with ambient capabilities (4.3) knows. */
#define SECUREBITS_OLD	0xffu

/*
 * Parse a comma-separated list of names into *bits.  0, or -1 with
 * *bad pointing at the offending word in list (empty word: at its
 * place).
 */
int securebits_parse(const char *list, unsigned *bits, const char **bad,
		     int *bad_len);

/* The name of bit n (0..11), or NULL. */
const char *securebit_name(int n);

#endif /* SIBLINGEXEC_SECUREBITS_H */
