/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * landlock.h - the parts of the Landlock step, between its modules
 *
 * step-landlock.c restricts the filesystem and owns the step; landlock-net.c
 * adds the TCP ports (ABI 4) and the scopes (ABI 6) to its ruleset.
 */
#ifndef SIBLINGEXEC_LANDLOCK_H
#define SIBLINGEXEC_LANDLOCK_H

#include <linux/types.h>

/* The ruleset as of ABI 6; Debian 12's header knows only the first field. */
struct ll_ruleset_attr {
	__u64 handled_access_fs;
	__u64 handled_access_net;
	__u64 scoped;
};

enum { LL_KEY_BIND = 100, LL_KEY_CONNECT, LL_KEY_SCOPE };

/* step-landlock.c: say that WHAT needs ABI, or refuse with --landlock=strict. */
void ll_not_enforced(const char *what, int abi);

/* step-landlock-net.c */
void ll_net_take_option(int key, const char *arg);
int ll_net_asked(void);
void ll_net_handle(struct ll_ruleset_attr *attr, int abi);
void ll_net_add_rules(int ruleset_fd, const struct ll_ruleset_attr *attr);
/* In the new process, around landlock_restrict_self(): -1 and errno when
 * no process can be found to prove the scope of signals with; then the
 * probe itself; then, in verify, 0 or -1 for the whole of it. */
int ll_net_probe_prepare(void);
void ll_net_probe_signals(void);
int ll_net_probe(void);
void ll_net_describe(const char *bind_label, const char *connect_label,
		     const char *scope_label);
void ll_net_reset(void);

#endif /* SIBLINGEXEC_LANDLOCK_H */
