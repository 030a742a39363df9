// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmdline.c - the command line: options, --help, --version, --list-caps
 *
 * The launcher's own options are here; every step brings its own, with
 * their --help lines (steps.h).  The options are offered to getopt in the
 * order --help lists them: ours, each step's, then ours again.
 */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caplist.h"
#include "cmdline.h"
#include "messages.h"
#include "notify.h"
#include "status.h"

enum {
	KEY_WAIT, KEY_PID_FILE, KEY_VERBOSE, KEY_STATUS_FD, KEY_NOTIFY, KEY_SHOW, KEY_LIST_CAPS,
	KEY_HELP, KEY_VERSION,
};

static const struct step_option launcher_options[] = {
	{ "wait", no_argument, 'w', KEY_WAIT, 0,
	  N_(" -w, --wait               wait for PROGRAM to end and exit "
	     "with its status\n") },
	{ "pid-file", required_argument, 'p', KEY_PID_FILE, 0,
	  N_(" -p, --pid-file=FILE      write PROGRAM's pid to FILE\n") },
	{ "verbose", no_argument, 'v', KEY_VERBOSE, 0,
	  N_(" -v, --verbose            say how PROGRAM was started\n") },
	{ "status-fd", required_argument, 0, KEY_STATUS_FD, 0,
	  N_("     --status-fd=N        write what happens as JSON lines to "
	     "descriptor N\n") },
	{ "notify", optional_argument, 0, KEY_NOTIFY, 0,
	  N_("     --notify[=TIMEOUT]   exit only when PROGRAM says READY=1 "
	     "(sd_notify),\n"
	     "                            within TIMEOUT seconds (default 90, "
	     "or infinity)\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* After the steps' options in --help. */
static const struct step_option describe_options[] = {
	{ "show", no_argument, 0, KEY_SHOW, 0,
	  N_("     --show               print what PROGRAM would get, "
	     "and exit\n") },
	{ "list-caps", no_argument, 0, KEY_LIST_CAPS, 0,
	  N_("     --list-caps          list the capabilities the kernel "
	     "knows, and exit\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct step_option info_options[] = {
	{ "help", no_argument, 'h', KEY_HELP, 0,
	  N_(" -h, --help               display this help and exit\n") },
	{ "version", no_argument, 'V', KEY_VERSION, 0,
	  N_(" -V, --version            output version information and "
	     "exit\n") },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* Every option, in the order of --help, with its owner (NULL: ours). */
#define MAX_OPTIONS	64
static struct option longopts[MAX_OPTIONS + 1];
static struct {
	const struct step *owner;
	const struct step_option *opt;
} known[MAX_OPTIONS];
static char shortopts[3 * MAX_OPTIONS + 3] = "+:";
static int n_known;

/* Codes for options without a letter: above every letter. */
#define OPT_FIRST	(CHAR_MAX + 1)

static void add_options(const struct step *owner,
			const struct step_option *opt)
{
	for (; opt && opt->name; opt++) {
		struct option *o = &longopts[n_known];

		if (n_known == MAX_OPTIONS)	/* the tables outgrew ours */
			abort();

		o->name = opt->name;
		o->has_arg = opt->has_arg;
		o->val = opt->letter ? opt->letter : OPT_FIRST + n_known;
		if (opt->letter) {
			size_t end = strlen(shortopts);

			shortopts[end] = (char)opt->letter;
			if (opt->has_arg == required_argument)
				shortopts[end + 1] = ':';
		}
		known[n_known].owner = owner;
		known[n_known++].opt = opt;
	}
}

static void collect_options(void)
{
	int i;

	if (n_known)
		return;
	add_options(NULL, launcher_options);
	for (i = 0; steps[i]; i++)
		add_options(steps[i], steps[i]->options);
	add_options(NULL, describe_options);
	add_options(NULL, info_options);
}

static void print_help_lines(const struct step_option *opt, FILE *out)
{
	for (; opt->name; opt++)
		fputs(_(opt->help), out);
}

static void __attribute__((noreturn)) usage(void)
{
	FILE *out = stdout;
	int i;

	nls_init();
	fputs(_("Usage:\n"), out);
	fprintf(out, _(" %s [options] [--] PROGRAM [ARGUMENT...]\n"),
		program_name);
	fputs("\n", out);
	fputs(_("Run PROGRAM as a sibling: a child of the process that runs "
		"siblingexec.\n"), out);

	fputs(_("\nOptions:\n"), out);
	print_help_lines(launcher_options, out);
	for (i = 0; steps[i]; i++) {
		if (steps[i]->heading)
			fputs(_(steps[i]->heading), out);
		print_help_lines(steps[i]->options, out);
	}
	fputs(_("\nInstead of starting PROGRAM:\n"), out);
	print_help_lines(describe_options, out);
	fputs("\n", out);
	print_help_lines(info_options, out);

	for (i = 0; steps[i]; i++)
		if (steps[i]->help_note)
			fputs(_(steps[i]->help_note), out);

	fputs(_("\nExit status:\n"), out);
	fputs(_("  0    PROGRAM was started (without --wait)\n"), out);
	fputs(_("  125  siblingexec itself failed\n"), out);
	fputs(_("  126  PROGRAM was found but could not be run\n"), out);
	fputs(_("  127  PROGRAM was not found\n"), out);
	fputs(_("  N    with --wait: PROGRAM's exit status (128+S if a "
		"signal S killed it)\n"), out);

	fprintf(out, _("\nFor more details see %s(1).\n"), PACKAGE);
	exit(close_stdout());
}

static void __attribute__((noreturn)) print_version(void)
{
	nls_init();
	printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	fputs(_("License GPL-2.0-or-later "
		"<https://gnu.org/licenses/gpl.html>.\n"
		"This is free software: you are free to change and "
		"redistribute it.\n"
		"There is NO WARRANTY, to the extent permitted by law.\n"),
	      stdout);
	exit(close_stdout());
}

static void __attribute__((noreturn)) list_caps(void)
{
	int cap, last = cap_last();
	char buf[32];

	for (cap = 0; cap <= last; cap++)
		printf("%s\n", cap_name(cap, buf, sizeof(buf)));
	exit(close_stdout());
}

/* The option getopt_long answered with c; -1 for none of ours. */
static int option_index(int c)
{
	int k;

	for (k = 0; k < n_known; k++)
		if (longopts[k].val == c)
			return k;
	return -1;
}

static const char *option_name(int c)
{
	int k = option_index(c);

	return k < 0 ? "?" : longopts[k].name;
}

/*
 * Mutually exclusive options, as util-linux declares them: in a table,
 * here the conflict column of each step's options.
 */
static void check_exclusive(int k, const int seen[])
{
	int conflict = known[k].opt->conflict, j;

	if (!conflict)
		return;
	for (j = 0; j < n_known; j++) {
		if (!seen[j] || j == k || known[j].owner != known[k].owner ||
		    known[j].opt->conflict != conflict)
			continue;
		usage_error(_("--%s and --%s cannot be given together"),
			    longopts[j].name, longopts[k].name);
	}
}

/*
 * The long option at argv[optind - 1] as the user typed it, without
 * "=VALUE" (getopt has stepped past it).  optopt would not do: for a long
 * option it is our own code number, nothing to show a user.
 */
static const char *typed_option(char **argv, char *buf, size_t size)
{
	const char *arg = argv[optind - 1];

	snprintf(buf, size, "%.*s", (int)strcspn(arg, "="), arg);
	return buf;
}

/* "--group, --groups": the long options an abbreviation could mean. */
static int candidates(const char *typed, char *buf, size_t size)
{
	const struct option *o;
	size_t len = strlen(typed + 2), used = 0;
	int n = 0;

	buf[0] = '\0';
	for (o = longopts; o->name && used < size; o++) {
		if (strncmp(o->name, typed + 2, len) != 0)
			continue;
		used += (size_t)snprintf(buf + used, size - used, "%s--%s",
					 n++ ? ", " : "", o->name);
	}
	return n;
}

/* getopt_long answered '?' or ':': name the option as typed, say why. */
static void __attribute__((noreturn)) bad_option(int c, char **argv)
{
	char typed[64], list[256];

	if (c == ':' && strncmp(argv[optind - 1], "--", 2) != 0)
		snprintf(typed, sizeof(typed), "-%c", optopt);
	else
		typed_option(argv, typed, sizeof(typed));
	if (c == ':')
		usage_error(_("option '%s' requires an argument"), typed);
	/* A letter no option has, long or short, is a short option. */
	if (optopt && strcmp(option_name(optopt), "?") == 0)
		usage_error(_("invalid option -- '%c'"), optopt);
	if (optopt)
		usage_error(_("option '%s' does not take an argument"), typed);
	if (strncmp(typed, "--", 2) == 0 && typed[2] &&
	    candidates(typed, list, sizeof(list)) > 1)
		usage_error(_("option '%s' is ambiguous; it could be %s"),
			    typed, list);
	usage_error(_("unrecognized option '%s'"), typed);
}

/* One option, to its owner. */
static void take_option(int k, const char *arg, struct plan *plan)
{
	if (known[k].owner) {
		known[k].owner->take_option(known[k].opt->key, arg);
		return;
	}
	switch (known[k].opt->key) {
	case KEY_WAIT:
		plan->wait = 1;
		break;
	case KEY_PID_FILE:
		if (!*arg)
			usage_error(_("the pid file name is empty"));
		plan->pid_file = arg;
		break;
	case KEY_VERBOSE:
		plan->verbose = 1;
		break;
	case KEY_STATUS_FD:
		if (status_parse_fd(arg, &plan->status_fd) < 0)
			usage_error(_("invalid descriptor number '%s'"), arg);
		plan->use_status_fd = 1;
		break;
	case KEY_NOTIFY:
		if (notify_parse_timeout(arg, &plan->notify_timeout_ms) < 0)
			usage_error(_("invalid --notify timeout '%s' (seconds, "
				      "or infinity)"), arg);
		plan->notify = 1;
		break;
	case KEY_SHOW:
		plan->show = 1;
		break;
	case KEY_LIST_CAPS:
		list_caps();
	case KEY_HELP:
		usage();
	case KEY_VERSION:
		print_version();
	}
}

void parse_args(int argc, char **argv, struct plan *plan)
{
	int seen[MAX_OPTIONS];
	int c, k;

	collect_options();
	memset(seen, 0, sizeof(seen));
	opterr = 0;	/* our own messages, translated, exit status 125 */
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		k = option_index(c);
		if (k < 0)
			bad_option(c, argv);
		check_exclusive(k, seen);
		seen[k] = 1;
		take_option(k, optarg, plan);
	}
	if (optind >= argc && !plan->show)
		usage_error(_("no program given"));
	plan->argv = argv + optind;
}
