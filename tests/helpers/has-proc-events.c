// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * has-proc-events.c - may this user learn exit statuses from the kernel's
 * process-events connector?
 *
 * Subscribes, starts a child that exits with 42, and waits (at most two
 * seconds) for the event that says so.  Its own code, not siblingexec's,
 * so that a broken --wait shows as a failure, not as a skipped test.
 * Exits 0 when the event came, 1 otherwise.
 */
#include "config.h"

#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

struct request {
	struct nlmsghdr hdr;
	struct cn_msg msg;
	enum proc_cn_mcast_op op;
} __attribute__((packed));

int main(void)
{
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK,
				    .nl_groups = CN_IDX_PROC };
	struct request req;
	union { struct nlmsghdr hdr; char bytes[1024]; } buf;
	struct pollfd p;
	pid_t child;
	int fd, found = 0;

	fd = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_CONNECTOR);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0)
		return 1;
	memset(&req, 0, sizeof(req));
	req.hdr.nlmsg_len = sizeof(req);
	req.hdr.nlmsg_type = NLMSG_DONE;
	req.hdr.nlmsg_pid = (unsigned)getpid();
	req.msg.id.idx = CN_IDX_PROC;
	req.msg.id.val = CN_VAL_PROC;
	req.msg.len = sizeof(req.op);
	req.op = PROC_CN_MCAST_LISTEN;
	if (send(fd, &req, sizeof(req), 0) < 0)
		return 1;
	child = fork();
	if (child < 0)
		return 1;
	if (child == 0)
		_exit(42);
	p.fd = fd;
	p.events = POLLIN;
	while (!found && poll(&p, 1, 2000) == 1) {
		struct proc_event ev;

		if (recv(fd, &buf, sizeof(buf), 0) <= 0)
			break;
		/* Only 4-byte aligned after the cn_msg: copied out. */
		memcpy(&ev, ((struct cn_msg *)NLMSG_DATA(&buf.hdr))->data,
		       sizeof(ev));
		if (ev.what == PROC_EVENT_NONE && ev.event_data.ack.err)
			break;
		found = ev.what == PROC_EVENT_EXIT &&
			ev.event_data.exit.process_pid == child &&
			ev.event_data.exit.exit_code == 42 << 8;
	}
	waitpid(child, NULL, 0);
	req.op = PROC_CN_MCAST_IGNORE;
	send(fd, &req, sizeof(req), 0);
	return found ? 0 : 1;
}
