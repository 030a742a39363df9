// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-caplist.c - libFuzzer target for the capability LIST parser
 *
 * The first byte picks the kernel's last capability (0..63), the second
 * whether "all" is allowed; the rest is the LIST.  Checks what must hold
 * whatever the input: a parsed mask stays within the kernel's
 * capabilities, an error names a word that is a NUL-terminated piece of
 * the input.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "caplist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct caplist_error err;
	capmask_t mask;
	char *list;
	int last, allow_all;

	if (size < 2)
		return 0;
	last = data[0] % 64;
	allow_all = data[1] & 1;
	list = malloc(size - 1);
	if (!list)
		return 0;
	memcpy(list, data + 2, size - 2);
	list[size - 2] = '\0';

	if (caplist_parse(list, last, allow_all, &mask, &err) == 0) {
		if (mask & ~cap_all(last))
			abort();
		if (mask == 0)
			abort();	/* an empty list is an error */
	} else {
		if (err.status == CAPLIST_OK)
			abort();
		if (strnlen(err.word, sizeof(err.word)) >= sizeof(err.word))
			abort();
	}
	free(list);
	return 0;
}
