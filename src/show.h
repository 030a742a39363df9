/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * show.h - --show: what PROGRAM would get, step by step, in words
 */
#ifndef SIBLINGEXEC_SHOW_H
#define SIBLINGEXEC_SHOW_H

#include "steps.h"

/*
 * Print a row's label (an N_() msgid from a step's show_labels),
 * translated and padded so that every step's values start in one column.
 */
void show_label(const char *msgid);

/* Every step describes itself; then exit. */
void show(void) __attribute__((noreturn));

#endif /* SIBLINGEXEC_SHOW_H */
