// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * step-landlock-net.c - the Landlock step's TCP ports and scopes
 *
 * --allow-bind and --allow-connect (Landlock ABI 4, Linux 6.7): once
 * either is given, binding and connecting TCP sockets is denied but for
 * the ports listed.  --scope (ABI 6, Linux 6.12): signals and abstract
 * unix sockets may not reach outside PROGRAM's Landlock domain.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "landlock.h"
#include "messages.h"
#include "show.h"

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
	__u64 scoped;
	int net_handled;	/* the ruleset restricts TCP ports */
	unsigned short probe_port;	/* one bind must not be allowed */
} net;

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
		die(EXIT_CANCELED, errno, _("cannot read the options"));
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
		die(EXIT_CANCELED, errno, _("cannot read the options"));
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
	net.net_handled = attr->handled_access_net != 0;
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

/*
 * In the new process: binding a loopback port that no rule allows must
 * be refused with EACCES before the socket is bound.  Should it succeed,
 * the restriction is not in force, and the socket is closed at once.
 */
int ll_net_probe(void)
{
	struct sockaddr_in sin;
	int fd, rc, err;

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
	memset(&net, 0, sizeof(net));
}
