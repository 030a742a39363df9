// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-options.c - libFuzzer target for siblingexec's command line
 *
 * The input is split at NUL bytes into arguments; siblingexec.c is built
 * with its main() renamed, exit() turned into a jump back here and
 * fclose() into fflush() (so that stdout survives --help), and runs its
 * option parser and privilege planning, never the launch.
 */
#include "config.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int siblingexec_parse_only(int argc, char **argv);
void fuzz_exit(int status) __attribute__((noreturn));
int fuzz_fclose(FILE *f);

#define MAX_ARGS 16

static jmp_buf back;

void fuzz_exit(int status)
{
	longjmp(back, status + 1);
}

int fuzz_fclose(FILE *f)
{
	return fflush(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *argv[MAX_ARGS + 2];
	static char *copy;
	int argc = 1;
	size_t i, start = 0;

	free(copy);
	copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[0] = (char *)"siblingexec";
	for (i = 0; i <= size && argc <= MAX_ARGS; i++) {
		if (i == size || copy[i] == '\0') {
			copy[i] = '\0';
			argv[argc++] = copy + start;
			start = i + 1;
		}
	}
	argv[argc] = NULL;
	if (setjmp(back) == 0)
		siblingexec_parse_only(argc, argv);
	return 0;
}
