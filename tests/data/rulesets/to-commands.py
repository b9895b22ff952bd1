#!/usr/bin/env python3
"""Turn iptables-save text into tutorial-style command lines for one namespace.

    to-commands.py NS [FILE]

prints, for each table of FILE (or standard input), the `-N` lines of its
user chains, then its rules as `-A` lines, then the built-in chains'
policies that are not ACCEPT, each as `ip netns exec NS iptables -t TABLE …`
(run-kernel's setup.sh may not use iptables-restore).  Words are quoted with
shlex, so a --log-prefix or --comment with spaces survives.  Counters are
dropped.
"""

import shlex
import sys


def convert(ns, lines):
    out = []
    table = None
    chains, rules, policies = [], [], []

    def prefix():
        return ["ip", "netns", "exec", ns, "iptables", "-t", table]

    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("*"):
            table = line[1:]
            chains, rules, policies = [], [], []
            continue
        if line == "COMMIT":
            out.extend(chains + rules + policies)
            table = None
            continue
        if table is None:
            raise SystemExit("to-commands: %r outside a table" % line)
        if line.startswith(":"):
            name, policy = line[1:].split()[:2]
            if policy == "-":
                chains.append(shlex.join(prefix() + ["-N", name]))
            elif policy != "ACCEPT":
                policies.append(shlex.join(prefix() + ["-P", name, policy]))
            continue
        words = shlex.split(line)
        if words[:1] != ["-A"]:
            raise SystemExit("to-commands: unexpected line %r" % line)
        rules.append(shlex.join(prefix() + words))
    if table is not None:
        raise SystemExit("to-commands: table %s has no COMMIT" % table)
    return out


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__.strip().splitlines()[2].strip())
    ns = sys.argv[1]
    src = open(sys.argv[2]) if len(sys.argv) == 3 else sys.stdin
    with src:
        for cmd in convert(ns, src):
            print(cmd)


if __name__ == "__main__":
    main()
