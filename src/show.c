// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * show.c - --show: what PROGRAM would get, step by step, in words
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "messages.h"
#include "show.h"

/* The width of a label on the screen, which is not its length in bytes. */
static int label_width(const char *label)
{
	wchar_t wide[64];
	size_t n = mbstowcs(wide, label, sizeof(wide) / sizeof(wide[0]));
	int width = 0;
	size_t i;

	if (n == (size_t)-1 || n >= 64)
		return (int)strlen(label);
	for (i = 0; i < n; i++) {
		int w = wcwidth(wide[i]);

		/* A locale that knows no widths: wide scripts take two. */
		if (w < 0)
			w = wide[i] >= 0x1100 ? 2 : 1;
		width += w;
	}
	return width;
}

/* The values of --show start one column after the widest label. */
static int value_column(void)
{
	const char *const *label;
	int i, width, column = 0;

	for (i = 0; steps[i]; i++) {
		for (label = steps[i]->show_labels; label && *label; label++) {
			width = label_width(_(*label));
			if (width > column)
				column = width;
		}
	}
	return column + 1;
}

void show_label(const char *msgid)
{
	static int column;
	const char *label = _(msgid);
	int width = label_width(label);

	if (!column)
		column = value_column();
	fputs(label, stdout);
	do
		putchar(' ');
	while (++width < column);
}

void show(void)
{
	int i;

	nls_init();
	for (i = 0; steps[i]; i++)
		if (steps[i]->describe)
			steps[i]->describe();
	exit(close_stdout());
}
