// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * caplist.c - capability names, numbers and comma-separated lists
 *
 * Pure parsing: no printing, no exit, no process state beyond reading
 * cap_last_cap.  Names come from libcap-ng; numbers reach capabilities
 * that a newer kernel has and libcap-ng does not know yet.
 */
#include "config.h"

#include <cap-ng.h>
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "caplist.h"

#define CAP_MAX 63

int cap_last(void)
{
	char buf[16];
	ssize_t n;
	int fd, last = -1;

	fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			buf[n] = '\0';
			if (sscanf(buf, "%d", &last) != 1)
				last = -1;
		}
	}
	if (last < 0) {
		/* No /proc: the last name libcap-ng knows. */
		for (last = CAP_MAX; last > 0; last--)
			if (capng_capability_to_name((unsigned)last))
				break;
	}
	return last > CAP_MAX ? CAP_MAX : last;
}

capmask_t cap_all(int last_cap)
{
	return last_cap >= CAP_MAX ? ~(capmask_t)0 :
	       CAP_BIT(last_cap + 1) - 1;
}

static void set_error(struct caplist_error *err, enum caplist_status status,
		      const char *word, size_t len)
{
	err->status = status;
	if (len >= sizeof(err->word))
		len = sizeof(err->word) - 1;
	memcpy(err->word, word, len);
	err->word[len] = '\0';
}

int cap_parse(const char *word, size_t len, int last_cap,
	      struct caplist_error *err)
{
	char name[32];
	size_t i;
	int cap;

	if (len == 0) {
		set_error(err, CAPLIST_EMPTY_NAME, word, len);
		return -1;
	}
	if (isdigit((unsigned char)word[0])) {
		long value = 0;

		for (i = 0; i < len; i++) {
			if (!isdigit((unsigned char)word[i])) {
				set_error(err, CAPLIST_UNKNOWN, word, len);
				return -1;
			}
			if (value <= CAP_MAX)	/* stop growing past it */
				value = value * 10 + (word[i] - '0');
		}
		if (value > last_cap) {
			set_error(err, CAPLIST_NOT_IN_KERNEL, word, len);
			return -1;
		}
		return (int)value;
	}

	i = 0;
	if (len > 4 && strncasecmp(word, "cap_", 4) == 0)
		i = 4;
	if (len - i >= sizeof(name)) {
		set_error(err, CAPLIST_UNKNOWN, word, len);
		return -1;
	}
	memcpy(name, word + i, len - i);
	name[len - i] = '\0';
	cap = capng_name_to_capability(name);
	if (cap < 0) {
		set_error(err, CAPLIST_UNKNOWN, word, len);
		return -1;
	}
	if (cap > last_cap) {
		set_error(err, CAPLIST_NOT_IN_KERNEL, word, len);
		return -1;
	}
	return cap;
}

int caplist_parse(const char *list, int last_cap, int allow_all,
		  capmask_t *mask, struct caplist_error *err)
{
	const char *p = list;
	int saw_all = 0, saw_name = 0;

	*mask = 0;
	if (!*list) {
		set_error(err, CAPLIST_EMPTY_LIST, list, 0);
		return -1;
	}
	while (1) {
		size_t len = strcspn(p, ",");
		int cap;

		if (len == 3 && strncasecmp(p, "all", 3) == 0) {
			if (!allow_all) {
				set_error(err, CAPLIST_ALL_REFUSED, p, len);
				return -1;
			}
			saw_all = 1;
			*mask |= cap_all(last_cap);
		} else {
			cap = cap_parse(p, len, last_cap, err);
			if (cap < 0)
				return -1;
			saw_name = 1;
			*mask |= CAP_BIT(cap);
		}
		if (saw_all && saw_name) {
			set_error(err, CAPLIST_ALL_MIXED, list, strlen(list));
			return -1;
		}
		if (!p[len])
			break;
		p += len + 1;
	}
	err->status = CAPLIST_OK;
	return 0;
}

const char *cap_name(int cap, char *buf, size_t size)
{
	const char *name = capng_capability_to_name((unsigned)cap);
	size_t i;

	if (!name) {
		snprintf(buf, size, "%d", cap);
		return buf;
	}
	for (i = 0; name[i] && i + 1 < size; i++)
		buf[i] = (char)tolower((unsigned char)name[i]);
	buf[i] = '\0';
	return buf;
}
