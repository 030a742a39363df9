// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * proc-events.c - the kernel's process-events connector, for exits only
 *
 * A socket filter keeps everything but exit events (and the kernel's
 * answer to our subscription) out of the socket, and once PROGRAM exists,
 * everything but PROGRAM's exits: a busy system starts and ends thousands
 * of processes while we wait, and none of them needs to wake us.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "proc-events.h"

/* Where the fields the filter reads are, in each message. */
#define EVENT_OFFSET	(NLMSG_HDRLEN + sizeof(struct cn_msg))
#define WHAT_OFFSET	(EVENT_OFFSET + offsetof(struct proc_event, what))
#define TGID_OFFSET	(EVENT_OFFSET + offsetof(struct proc_event, \
					 event_data.exit.process_tgid))

/* Large enough for one event, and aligned for the structures in it. */
union event_buffer {
	struct nlmsghdr hdr;
	char bytes[NLMSG_SPACE(sizeof(struct cn_msg) +
			       sizeof(struct proc_event)) + 64];
};

/*
 * Accept the kernel's acknowledgement and exit events, only those of
 * process pid when pid is not 0.  Classic BPF loads words in network byte
 * order, hence htonl() on the host-order values they are compared with.
 */
static int set_filter(int fd, pid_t pid)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, WHAT_OFFSET),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, htonl(PROC_EVENT_NONE),
			 4, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, htonl(PROC_EVENT_EXIT),
			 0, 4),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0), /* any pid? */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, TGID_OFFSET),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, htonl((uint32_t)pid),
			 0, 1),
		BPF_STMT(BPF_RET | BPF_K, 0xffffffff),
		BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_fprog prog = {
		.len = sizeof(code) / sizeof(code[0]),
		.filter = code,
	};

	if (pid == 0)	/* no pid yet: jump straight to "accept" */
		code[3] = (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA, 2);
	return setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
			  sizeof(prog));
}

static int send_op(int fd, enum proc_cn_mcast_op op)
{
	union event_buffer buf;
	struct nlmsghdr *hdr = &buf.hdr;
	struct cn_msg *msg = NLMSG_DATA(hdr);
	size_t len = NLMSG_LENGTH(sizeof(*msg) + sizeof(op));

	memset(&buf, 0, sizeof(buf));
	hdr->nlmsg_len = (uint32_t)len;
	hdr->nlmsg_type = NLMSG_DONE;
	hdr->nlmsg_pid = (uint32_t)getpid();
	msg->id.idx = CN_IDX_PROC;
	msg->id.val = CN_VAL_PROC;
	msg->len = sizeof(op);
	memcpy(msg->data, &op, sizeof(op));
	return send(fd, hdr, len, 0) == (ssize_t)len ? 0 : -1;
}

/*
 * One queued event, copied to *out, or NULL and errno (EAGAIN: none).
 * Copied: the payload follows a 20-byte cn_msg, so it is only 4-byte
 * aligned, and the event holds a 64-bit timestamp.
 */
static const struct proc_event *next_event(int fd, union event_buffer *buf,
					   struct proc_event *out)
{
	ssize_t n = recv(fd, buf, sizeof(*buf), MSG_DONTWAIT);
	struct cn_msg *msg = NLMSG_DATA(&buf->hdr);

	if (n < 0)
		return NULL;
	if (!NLMSG_OK(&buf->hdr, (size_t)n) ||
	    buf->hdr.nlmsg_len < NLMSG_LENGTH(sizeof(*msg) +
					      sizeof(struct proc_event)) ||
	    msg->id.idx != CN_IDX_PROC || msg->id.val != CN_VAL_PROC) {
		errno = EBADMSG;
		return NULL;
	}
	memcpy(out, msg->data, sizeof(*out));
	return out;
}

/*
 * The kernel answers the subscription at once, or not at all from another
 * user or pid namespace (then it sends no events either).
 */
static int read_ack(int fd)
{
	union event_buffer buf;
	struct proc_event copy;
	const struct proc_event *ev;

	while ((ev = next_event(fd, &buf, &copy)) || errno == EBADMSG) {
		if (!ev || ev->what != PROC_EVENT_NONE)
			continue;
		errno = (int)ev->event_data.ack.err;
		return errno ? -1 : 0;
	}
	if (errno == EAGAIN)
		errno = EPERM;
	return -1;
}

int proc_events_open(void)
{
	struct sockaddr_nl addr = {
		.nl_family = AF_NETLINK,
		.nl_groups = CN_IDX_PROC,
	};
	int fd, saved;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_CONNECTOR);
	if (fd < 0)
		return -1;
	if (fd <= STDERR_FILENO) {	/* those are PROGRAM's, even closed */
		int moved = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);

		saved = errno;
		close(fd);
		errno = saved;
		if (moved < 0)
			return -1;
		fd = moved;
	}
	if (set_filter(fd, 0) < 0 ||
	    bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    send_op(fd, PROC_CN_MCAST_LISTEN) < 0)
		goto fail;
	if (read_ack(fd) < 0) {
		saved = errno;
		send_op(fd, PROC_CN_MCAST_IGNORE);
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

int proc_events_focus(int fd, pid_t pid)
{
	return set_filter(fd, pid);
}

int proc_events_read(int fd, pid_t pid, uint64_t since_ns,
		     struct proc_exit *ex)
{
	union event_buffer buf;
	struct proc_event copy;
	const struct proc_event *ev;

	while ((ev = next_event(fd, &buf, &copy)) || errno == EBADMSG) {
		/*
		 * An earlier process with the same pid may have ended just
		 * before PROGRAM was created: its events are older.
		 */
		if (!ev || ev->what != PROC_EVENT_EXIT ||
		    ev->event_data.exit.process_tgid != pid ||
		    ev->timestamp_ns < since_ns)
			continue;
		if (ev->timestamp_ns >= ex->last_ns) {
			ex->last_ns = ev->timestamp_ns;
			ex->wstatus = (int)ev->event_data.exit.exit_code;
		}
		if (ev->event_data.exit.process_pid == pid &&
		    (!ex->main_ns || ev->timestamp_ns < ex->main_ns))
			ex->main_ns = ev->timestamp_ns;
	}
	return errno == EAGAIN ? 0 : -1;
}

void proc_events_close(int fd)
{
	int saved = errno;

	if (fd < 0)
		return;
	/* Older kernels count listeners until told, not until close. */
	send_op(fd, PROC_CN_MCAST_IGNORE);
	close(fd);
	errno = saved;
}
