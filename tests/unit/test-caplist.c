// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-caplist.c - TAP tests for the capability LIST parser
 *
 * The kernel's last capability is passed in, so the results do not depend
 * on the machine: 40 (Linux 5.9 and later) unless said otherwise.
 */
#include "config.h"

#include <linux/capability.h>
#include <stdio.h>
#include <string.h>

#include "caplist.h"

static int test_count, failures;

static void ok(int cond, const char *name)
{
	test_count++;
	if (!cond)
		failures++;
	printf("%sok %d - %s\n", cond ? "" : "not ", test_count, name);
}

static void parses(const char *list, int last, int allow_all,
		   capmask_t expect)
{
	struct caplist_error err;
	capmask_t mask = 0;
	char name[128];
	int rc = caplist_parse(list, last, allow_all, &mask, &err);

	snprintf(name, sizeof(name), "'%s' parses", list);
	ok(rc == 0 && mask == expect, name);
}

static void refuses(const char *list, int last, int allow_all,
		    enum caplist_status status, const char *word)
{
	struct caplist_error err;
	capmask_t mask = 0;
	char name[160];
	int rc = caplist_parse(list, last, allow_all, &mask, &err);

	snprintf(name, sizeof(name), "'%s' is refused, naming '%s'", list,
		 word);
	ok(rc == -1 && err.status == status && strcmp(err.word, word) == 0,
	   name);
}

int main(void)
{
	const capmask_t all40 = ((capmask_t)1 << 41) - 1;

	printf("1..30\n");
	parses("net_raw", 40, 0, CAP_BIT(CAP_NET_RAW));
	parses("NET_RAW", 40, 0, CAP_BIT(CAP_NET_RAW));
	parses("cap_net_raw", 40, 0, CAP_BIT(CAP_NET_RAW));
	parses("CAP_NET_RAW", 40, 0, CAP_BIT(CAP_NET_RAW));
	parses("Cap_Net_Raw", 40, 0, CAP_BIT(CAP_NET_RAW));
	parses("13", 40, 0, CAP_BIT(13));
	parses("013", 40, 0, CAP_BIT(13));
	parses("0", 40, 0, CAP_BIT(0));
	parses("chown,kill,net_bind_service", 40, 0,
	       CAP_BIT(CAP_CHOWN) | CAP_BIT(CAP_KILL) |
	       CAP_BIT(CAP_NET_BIND_SERVICE));
	parses("kill,kill", 40, 0, CAP_BIT(CAP_KILL));
	parses("all", 40, 1, all40);
	parses("ALL", 40, 1, all40);
	parses("40", 40, 0, CAP_BIT(40));
	parses("all", 37, 1, ((capmask_t)1 << 38) - 1);
	parses("63", 63, 0, CAP_BIT(63));

	refuses("", 40, 1, CAPLIST_EMPTY_LIST, "");
	refuses("chown,,kill", 40, 0, CAPLIST_EMPTY_NAME, "");
	refuses("chown,", 40, 0, CAPLIST_EMPTY_NAME, "");
	refuses(",chown", 40, 0, CAPLIST_EMPTY_NAME, "");
	refuses("net_rav", 40, 0, CAPLIST_UNKNOWN, "net_rav");
	refuses("chown,bogus,kill", 40, 0, CAPLIST_UNKNOWN, "bogus");
	refuses("cap_", 40, 0, CAPLIST_UNKNOWN, "cap_");
	refuses("12abc", 40, 0, CAPLIST_UNKNOWN, "12abc");
	refuses("41", 40, 0, CAPLIST_NOT_IN_KERNEL, "41");
	refuses("99999999999999999999", 40, 0, CAPLIST_NOT_IN_KERNEL,
		"99999999999999999999");
	refuses("checkpoint_restore", 39, 0, CAPLIST_NOT_IN_KERNEL,
		"checkpoint_restore");
	refuses("all", 40, 0, CAPLIST_ALL_REFUSED, "all");
	refuses("all,chown", 40, 1, CAPLIST_ALL_MIXED, "all,chown");
	refuses("-1", 40, 0, CAPLIST_UNKNOWN, "-1");
	refuses(" chown", 40, 0, CAPLIST_UNKNOWN, " chown");
	return failures ? 1 : 0;
}
