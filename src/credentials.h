/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * credentials.h - the parts of the credentials step, between its modules
 *
 * credentials.c plans and applies; credentials-describe.c puts the plan
 * and its failures into words.
 */
#ifndef SIBLINGEXEC_CREDENTIALS_H
#define SIBLINGEXEC_CREDENTIALS_H

#include "privs.h"
#include "steps.h"

/* The plan, complete once the step has planned. */
extern struct privs creds_plan;

extern const char *const creds_show_labels[];
void creds_describe(void);
int creds_explain(const struct plan *plan, const struct exec_report *rep);

#endif /* SIBLINGEXEC_CREDENTIALS_H */
