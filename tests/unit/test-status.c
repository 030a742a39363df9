// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * test-status.c - the JSON strings of --status-fd, checked by their bytes
 *
 * The step names are ours today, but the escaping must hold for any text:
 * quotes, backslashes and every control character.  TAP output.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "status.h"

static int test_count, failures;

static void escapes(const char *in, const char *want)
{
	char buf[128];
	size_t n = status_json_string(buf, sizeof(buf), in);
	int good = strcmp(buf, want) == 0 && n == strlen(want);

	test_count++;
	if (!good)
		failures++;
	printf("%sok %d - escapes to %s (got %s)\n", good ? "" : "not ",
	       test_count, want, buf);
}

static void truncates(void)
{
	char buf[6];
	size_t n = status_json_string(buf, sizeof(buf), "abcdefgh");

	test_count++;
	if (n != 10 || strcmp(buf, "\"abcd") != 0)
		failures++;
	printf("%sok %d - truncates, and says how much it needed\n",
	       n == 10 && strcmp(buf, "\"abcd") == 0 ? "" : "not ",
	       test_count);
}

int main(void)
{
	escapes("credentials", "\"credentials\"");
	escapes("", "\"\"");
	escapes("say \"hi\"", "\"say \\\"hi\\\"\"");
	escapes("back\\slash", "\"back\\\\slash\"");
	escapes("line\nnext\ttab", "\"line\\u000anext\\u0009tab\"");
	escapes("\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"");
	escapes("caf\xc3\xa9", "\"caf\xc3\xa9\"");
	truncates();
	printf("1..%d\n", test_count);
	return failures != 0;
}
