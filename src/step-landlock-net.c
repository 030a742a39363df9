// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * step-landlock-net.c - the Landlock step's TCP ports and scopes
 *
 * --allow-bind and --allow-connect (Landlock ABI 4, Linux 6.7): once
 * either is given, binding and connecting TCP sockets is denied but for
 * the ports listed.  --scope (ABI 6, Linux 6.12): signals and abstract
 * unix sockets may not reach outside PROGRAM's Landlock domain.
 *
 * Each is proved in the new process once it is restricted, by an attempt
 * that must now be refused and changes nothing either way: binding a
 * loopback port no rule allows (closed at once should it work), signal 0
 * to a process outside the domain, connecting a datagram socket to an
 * abstract address the launcher bound (connecting a datagram socket
 * sends nothing).
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec-report.h"
#include "landlock.h"
#include "messages.h"
#include "show.h"
#include "sibling.h"

/* Debian 12's <linux/landlock.h> predates ABI 4 and 6. */
#define LL_RULE_NET_PORT	2
#define LL_NET_BIND_TCP		(1ULL << 0)
#define LL_NET_CONNECT_TCP	(1ULL << 1)
#define LL_SCOPE_ABSTRACT_UNIX	(1ULL << 0)
#define LL_SCOPE_SIGNAL		(1ULL << 1)

struct ll_net_port_attr {
	__u64 allowed_access;
	__u64 port;
};

enum { BIND, CONNECT, NDIRS };

static const char *const dir_option[NDIRS] = {
	"--allow-bind", "--allow-connect"
};
static const __u64 dir_right[NDIRS] = { LL_NET_BIND_TCP, LL_NET_CONNECT_TCP };

static const struct {
	const char *name;
	__u64 bit;
} scopes[] = {
	{ "signals", LL_SCOPE_SIGNAL },
	{ "abstract-unix", LL_SCOPE_ABSTRACT_UNIX },
};

static struct {
	unsigned short *ports[NDIRS];
	int nports[NDIRS];
	__u64 scoped;		/* asked for */
	__u64 enforced;		/* in the ruleset: this kernel has them */
	int net_handled;	/* the ruleset restricts TCP ports */
	unsigned short probe_port;	/* one bind must not be allowed */
	pid_t launcher;		/* outside PROGRAM's domain */
	int unix_fd;		/* bound to unix_addr; -1: none */
	struct sockaddr_un unix_addr;	/* abstract, chosen by the kernel */
	socklen_t unix_len;
	/* In the new process: */
	pid_t signal_target;	/* the launcher, or a zombie of our own */
	int target_is_zombie;
	int signals_refused;	/* signal 0 to it was refused */
} net = { .unix_fd = -1 };

static unsigned short parse_port(const char *option, const char *arg)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno || end == arg || *end || n < 0 || n > 65535)
		usage_error(_("%s: '%s' is not a TCP port (0 to 65535)"),
			    option, arg);
	return (unsigned short)n;
}

static void parse_scopes(const char *list)
{
	char *copy = strdup(list), *word, *save = NULL;
	size_t i;

	if (!copy)
		die(EXIT_CANCELED, errno, _("cannot store the Landlock scopes"));
	for (word = strtok_r(copy, ",", &save); word;
	     word = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
			if (strcmp(word, scopes[i].name) == 0)
				break;
		if (i == sizeof(scopes) / sizeof(scopes[0]))
			usage_error(_("--scope: unknown scope '%s' (use "
				      "signals or abstract-unix)"), word);
		net.scoped |= scopes[i].bit;
	}
	free(copy);
	if (!net.scoped)
		usage_error(_("--scope: the list is empty"));
}

void ll_net_take_option(int key, const char *arg)
{
	int dir = key == LL_KEY_BIND ? BIND : CONNECT;
	unsigned short *grown, port;

	if (key == LL_KEY_SCOPE) {
		parse_scopes(arg);
		return;
	}
	/* Parsed first: a bad port must not leave a freed block behind. */
	port = parse_port(dir_option[dir], arg);
	grown = realloc(net.ports[dir],
			(net.nports[dir] + 1) * sizeof(*net.ports[dir]));
	if (!grown)
		die(EXIT_CANCELED, errno, _("cannot store the Landlock ports"));
	net.ports[dir] = grown;
	grown[net.nports[dir]++] = port;
}

static int ports_asked(void)
{
	return net.nports[BIND] || net.nports[CONNECT];
}

int ll_net_asked(void)
{
	return ports_asked() || net.scoped;
}

static int bind_allowed(unsigned short port)
{
	int i;

	for (i = 0; i < net.nports[BIND]; i++)
		if (net.ports[BIND][i] == port)
			return 1;
	return 0;
}

/*
 * In the launcher: a datagram socket that the kernel binds to a free
 * abstract address (bind() with the family alone), for the new process
 * to aim at once it is restricted.  It is shut for reading: while the
 * launcher waits, whatever else finds the address cannot queue data.
 */
static void open_unix_probe(void)
{
	memset(&net.unix_addr, 0, sizeof(net.unix_addr));
	net.unix_addr.sun_family = AF_UNIX;
	net.unix_len = sizeof(net.unix_addr);
	net.unix_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (net.unix_fd >= 0)
		net.unix_fd = fd_move_above_stdio(net.unix_fd);
	if (net.unix_fd < 0 ||
	    bind(net.unix_fd, (struct sockaddr *)&net.unix_addr,
		 sizeof(sa_family_t)) < 0 ||
	    getsockname(net.unix_fd, (struct sockaddr *)&net.unix_addr,
			&net.unix_len) < 0 ||
	    shutdown(net.unix_fd, SHUT_RD) < 0)
		die(EXIT_CANCELED, errno, _("--scope: cannot create the socket "
		    "that checks the scope of abstract unix sockets"));
}

void ll_net_handle(struct ll_ruleset_attr *attr, int abi)
{
	if (ports_asked() && abi < 4)
		ll_not_enforced(_("binding and connecting TCP ports"), 4);
	else if (ports_asked())
		attr->handled_access_net = LL_NET_BIND_TCP |
					   LL_NET_CONNECT_TCP;
	if (net.scoped && abi < 6)
		ll_not_enforced(_("the scope of signals and abstract unix "
				  "sockets"), 6);
	else
		attr->scoped = net.scoped;
	net.enforced = attr->scoped;
	net.net_handled = attr->handled_access_net != 0;
	net.launcher = getpid();
	if (net.enforced & LL_SCOPE_ABSTRACT_UNIX)
		open_unix_probe();
	/* An unprivileged port no rule allows: never refused but by us. */
	for (net.probe_port = 65535; bind_allowed(net.probe_port);
	     net.probe_port--)
		;
}

void ll_net_add_rules(int ruleset_fd, const struct ll_ruleset_attr *attr)
{
	struct ll_net_port_attr rule;
	int dir, i;

	if (!attr->handled_access_net)
		return;
	for (dir = 0; dir < NDIRS; dir++) {
		for (i = 0; i < net.nports[dir]; i++) {
			rule.allowed_access = dir_right[dir];
			rule.port = net.ports[dir][i];
			if (syscall(SYS_landlock_add_rule, ruleset_fd,
				    LL_RULE_NET_PORT, &rule, 0) < 0)
				die(EXIT_CANCELED, errno, _("%s: cannot add a "
				    "Landlock rule for port %u"),
				    dir_option[dir], (unsigned)rule.port);
		}
	}
}

static int exit_at_once(void *arg)
{
	(void)arg;
	return 0;
}

/*
 * In the new process, before landlock_restrict_self(): a process outside
 * the domain to be, that PROGRAM's credentials may signal.  The launcher,
 * if they allow it (signal 0 sends nothing); if not (PROGRAM runs as
 * another user), a child of ours that ends at once and, having no exit
 * signal, stays a zombie with our credentials until we reap it.
 */
int ll_net_probe_prepare(void)
{
	struct sibling sib;

	if (!(net.enforced & LL_SCOPE_SIGNAL))
		return 0;
	net.signal_target = net.launcher;
	net.target_is_zombie = 0;
	if (kill(net.launcher, 0) == 0)
		return 0;
	if (sibling_start(SIBLING_QUIET_CHILD, exit_at_once, NULL, 0,
			  &sib) < 0)
		return -1;
	net.signal_target = sib.pid;
	net.target_is_zombie = 1;
	return 0;
}

/* Right after landlock_restrict_self(): signal 0 must now be refused.
 * The zombie is reaped whatever the answer, before anything can fail. */
void ll_net_probe_signals(void)
{
	int saved = errno;

	if (!(net.enforced & LL_SCOPE_SIGNAL))
		return;
	net.signals_refused = kill(net.signal_target, 0) < 0 &&
			      errno == EPERM;
	if (net.target_is_zombie)
		waitpid(net.signal_target, NULL, __WALL);
	errno = saved;
}

/* Connecting to the launcher's abstract socket must be refused. */
static int unix_refused(void)
{
	int fd, rc, err;

	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	rc = connect(fd, (struct sockaddr *)&net.unix_addr, net.unix_len);
	err = errno;
	close(fd);
	return rc < 0 && err == EPERM;
}

/*
 * In the new process: binding a loopback port that no rule allows must
 * be refused with EACCES before the socket is bound.  Should it succeed,
 * the restriction is not in force, and the socket is closed at once.
 * Then the scopes: see above.
 */
int ll_net_probe(void)
{
	struct sockaddr_in sin;
	int fd, rc, err;

	if ((net.enforced & LL_SCOPE_SIGNAL) && !net.signals_refused)
		return -1;
	if ((net.enforced & LL_SCOPE_ABSTRACT_UNIX) && !unix_refused())
		return -1;
	if (!net.net_handled)
		return 0;
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(net.probe_port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	rc = bind(fd, (struct sockaddr *)&sin, sizeof(sin));
	err = errno;
	close(fd);
	return rc < 0 && err == EACCES ? 0 : -1;
}

static void print_ports(const char *label, int dir)
{
	int i;

	show_label(label);
	if (!net.nports[dir])
		/* TRANSLATORS: no port is allowed */
		fputs(C_("ports", "none"), stdout);
	for (i = 0; i < net.nports[dir]; i++)
		printf("%s%u", i ? ", " : "", (unsigned)net.ports[dir][i]);
	putchar('\n');
}

void ll_net_describe(const char *bind_label, const char *connect_label,
		     const char *scope_label)
{
	size_t i;
	int n = 0;

	if (ports_asked()) {
		print_ports(bind_label, BIND);
		print_ports(connect_label, CONNECT);
	}
	if (!net.scoped)
		return;
	show_label(scope_label);
	for (i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
		if (net.scoped & scopes[i].bit)
			printf("%s%s", n++ ? ", " : "", scopes[i].name);
	putchar('\n');
}

void ll_net_reset(void)
{
	free(net.ports[BIND]);
	free(net.ports[CONNECT]);
	if (net.unix_fd >= 0)
		close(net.unix_fd);
	memset(&net, 0, sizeof(net));
	net.unix_fd = -1;
}
