/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * caplist.h - capability names, numbers and comma-separated lists
 */
#ifndef SIBLINGEXEC_CAPLIST_H
#define SIBLINGEXEC_CAPLIST_H

#include <stddef.h>
#include <stdint.h>

/* One bit per capability; the kernel's numbers stay below 64. */
typedef uint64_t capmask_t;

#define CAP_BIT(cap)	((capmask_t)1 << (cap))

enum caplist_status {
	CAPLIST_OK = 0,
	CAPLIST_EMPTY_LIST,	/* "" */
	CAPLIST_EMPTY_NAME,	/* "a,,b", "a," */
	CAPLIST_UNKNOWN,	/* a name nobody knows */
	CAPLIST_NOT_IN_KERNEL,	/* a name or number past cap_last_cap */
	CAPLIST_ALL_MIXED,	/* "all" together with other names */
	CAPLIST_ALL_REFUSED,	/* "all" where it makes no sense */
};

struct caplist_error {
	enum caplist_status status;
	char word[64];		/* the offending word, cut to fit */
};

/*
 * The kernel's highest capability number, from
 * /proc/sys/kernel/cap_last_cap; where that cannot be read, the highest
 * one libcap-ng knows.  Never above 63.
 */
int cap_last(void);

/* The mask of all capabilities 0..last_cap. */
capmask_t cap_all(int last_cap);

/*
 * Parse one capability: a name with or without "cap_", in any case, or a
 * decimal number.  The number, or -1 with err filled.
 */
int cap_parse(const char *word, size_t len, int last_cap,
	      struct caplist_error *err);

/*
 * Parse a comma-separated LIST into *mask.  "all" stands for every
 * capability where allow_all is set.  0, or -1 with err filled.
 */
int caplist_parse(const char *list, int last_cap, int allow_all,
		  capmask_t *mask, struct caplist_error *err);

/* The capability's name in lower case without "cap_", or its number. */
const char *cap_name(int cap, char *buf, size_t size);

#endif /* SIBLINGEXEC_CAPLIST_H */
