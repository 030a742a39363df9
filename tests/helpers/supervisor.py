#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""supervisor.py - a service supervisor, as the --status-fd tests need one

Usage: supervisor.py SIBLINGEXEC NOTIFIER ROUNDS

Each round starts PROGRAM (NOTIFIER, which says READY=1 after a while)
with siblingexec --notify --wait --status-fd=3 --pid-file, reads the
status lines until "ready", stops PROGRAM (SIGTERM in even rounds; SIGUSR1
in odd ones, on which it exits with the round number), reaps it itself
with waitpid, and checks that every pid and status on the channel and in
the pid file is what its own waitpid saw.  At the end nothing may be left:
no child, no pid file, no descriptor more than at the start.
Prints "ok ROUNDS rounds" and exits 0, or names the first mismatch, exit 1.
"""
import json
import os
import signal
import sys


def fail(msg):
    print("supervisor: " + msg)
    sys.exit(1)


def read_line(f):
    line = f.readline()
    if not line:
        fail("the status channel ended early")
    return json.loads(line)


def round_(sibling, notifier, n, pid_file):
    r, w = os.pipe()
    argv = [sibling, "--notify=20", "--wait", "--status-fd=3",
            "--pid-file", pid_file, "--", notifier,
            "usr1-exits:%d" % n, "sleep:5", "send:READY=1", "pause"]
    launcher = os.fork()
    if launcher == 0:
        os.dup2(w, 3)
        os.execv(sibling, argv)
    os.close(w)
    with os.fdopen(r) as f:
        started = read_line(f)
        ready = read_line(f)
        pid = started["pid"]
        if started["event"] != "started" or ready != {"event": "ready",
                                                       "pid": pid}:
            fail("round %d: %r then %r" % (n, started, ready))
        with open(pid_file) as pf:
            if pf.read() != "%d\n" % pid:
                fail("round %d: pid file is not %d" % (n, pid))
        os.kill(pid, signal.SIGTERM if n % 2 == 0 else signal.SIGUSR1)
        got, wstatus = os.waitpid(pid, 0)
        if got != pid:
            fail("round %d: waitpid gave %d" % (n, got))
        ended = read_line(f)
        rest = f.read()
    _, lstatus = os.waitpid(launcher, 0)
    if os.WIFSIGNALED(wstatus):
        want = {"event": "killed", "pid": pid,
                "signal": os.WTERMSIG(wstatus),
                "status": 128 + os.WTERMSIG(wstatus)}
    else:
        want = {"event": "exited", "pid": pid,
                "status": os.WEXITSTATUS(wstatus)}
    if ended != want or rest:
        fail("round %d: channel said %r%s, waitpid saw %r" %
             (n, ended, rest, want))
    if not os.WIFEXITED(lstatus) or \
            os.WEXITSTATUS(lstatus) != want["status"]:
        fail("round %d: siblingexec's status %d, want %d" %
             (n, lstatus, want["status"]))
    os.unlink(pid_file)


def main():
    sibling, notifier, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    fds = sorted(os.listdir("/proc/self/fd"))
    for n in range(rounds):
        round_(sibling, notifier, n, "service.pid")
    try:
        left = os.waitpid(-1, os.WNOHANG)
        fail("a child was left: %r" % (left,))
    except ChildProcessError:
        pass
    if sorted(os.listdir("/proc/self/fd")) != fds:
        fail("descriptors left: %r" % os.listdir("/proc/self/fd"))
    if os.listdir("."):
        fail("files left: %r" % os.listdir("."))
    print("ok %d rounds" % rounds)


main()
