# SPDX-License-Identifier: GPL-2.0-or-later
# fish completion for siblingexec(1).  tests/t0063-completions.t checks
# that every option of --help is here, and nothing else.

# After the options, PROGRAM and its own arguments.
complete -c siblingexec -x -a '(__fish_complete_subcommand)'

function __siblingexec_caps
	siblingexec --list-caps 2>/dev/null
	echo all
end

complete -c siblingexec -s w -l wait -d 'Wait for PROGRAM and exit with its status'
complete -c siblingexec -s p -l pid-file -r -F -d "Write PROGRAM's pid to FILE"
complete -c siblingexec -s v -l verbose -d 'Say how PROGRAM was started'
complete -c siblingexec -l status-fd -x -d 'Write what happens as JSON lines to descriptor N'
complete -c siblingexec -l notify -d 'Exit only when PROGRAM says READY=1 (sd_notify)'
complete -c siblingexec -l cgroup -x -a '(__fish_complete_directories)' -d 'Create PROGRAM in this cgroup'
complete -c siblingexec -l rlimit -x -a 'as= core= cpu= data= fsize= locks= memlock= msgqueue= nice= nofile= nproc= rss= rtprio= rttime= sigpending= stack=' -d 'Set a resource limit'
complete -c siblingexec -l nice -x -d 'Add N to the nice value'
complete -c siblingexec -l umask -x -d 'Set the file mode creation mask'
complete -c siblingexec -l setsid -d 'Run PROGRAM in a new session'
complete -c siblingexec -l drop-caps -x -a '(__siblingexec_caps)' -d 'Drop these capabilities'
complete -c siblingexec -l keep-caps -x -a '(__siblingexec_caps)' -d 'Keep only these capabilities'
complete -c siblingexec -l ambient-caps -x -a '(siblingexec --list-caps 2>/dev/null)' -d 'Raise into the ambient set'
complete -c siblingexec -s u -l user -x -a '(__fish_complete_users)' -d 'Run as USER'
complete -c siblingexec -s g -l group -x -a '(__fish_complete_groups)' -d 'Run with GROUP as the group'
complete -c siblingexec -s G -l groups -x -a '(__fish_complete_groups)' -d 'Set the supplementary groups'
complete -c siblingexec -l clear-groups -d 'No supplementary groups'
complete -c siblingexec -l no-new-privs -d 'Set no_new_privs'
complete -c siblingexec -l pdeathsig -x -a 'HUP INT QUIT KILL USR1 USR2 TERM' -d 'Signal when the caller dies'
complete -c siblingexec -l securebits -x -a 'noroot noroot_locked no_setuid_fixup no_setuid_fixup_locked keep_caps keep_caps_locked no_cap_ambient_raise no_cap_ambient_raise_locked exec_restrict_file exec_restrict_file_locked exec_deny_interactive exec_deny_interactive_locked' -d 'Set exactly these securebits'
complete -c siblingexec -l chdir -x -a '(__fish_complete_directories)' -d 'Run PROGRAM in DIR'
complete -c siblingexec -l reset-env -d 'A clean environment for the target user'
complete -c siblingexec -l setenv -x -a '(set -xn | string replace -r "\$" "=")' -d 'Set NAME=VALUE for PROGRAM'
complete -c siblingexec -l unsetenv -x -a '(set -xn)' -d 'Remove NAME for PROGRAM'
complete -c siblingexec -l close-fds -d 'Close every descriptor above 2'
complete -c siblingexec -l keep-fd -x -d 'Keep descriptor N open'
complete -c siblingexec -l reset-signals -d 'Every signal to its default'
complete -c siblingexec -l allow-read -r -F -d 'PROGRAM may read the tree under PATH'
complete -c siblingexec -l allow-write -r -F -d 'PROGRAM may write the tree under PATH'
complete -c siblingexec -l allow-exec -r -F -d 'PROGRAM may execute files under PATH'
complete -c siblingexec -l allow-bind -x -d 'PROGRAM may bind this TCP port'
complete -c siblingexec -l allow-connect -x -d 'PROGRAM may connect to this TCP port'
complete -c siblingexec -l scope -x -a 'signals abstract-unix signals,abstract-unix' -d 'Keep these within PROGRAM'
complete -c siblingexec -l landlock -x -a 'best-effort strict' -d 'What an older kernel may leave out'
complete -c siblingexec -l seccomp-filter -r -F -d 'Load the classic-BPF filter in FILE, last'
complete -c siblingexec -l show -d 'Print what PROGRAM would get'
complete -c siblingexec -l list-caps -d 'List the capabilities the kernel knows'
complete -c siblingexec -s h -l help -d 'Display help and exit'
complete -c siblingexec -s V -l version -d 'Output version information'
