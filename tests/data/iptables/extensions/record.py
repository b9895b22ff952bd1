#!/usr/bin/python3
"""record.py - run the iptables project's own test rules (rules.t) on the
real iptables and write what it did with each (recorded.txt).

Usage, as root, from anywhere:  record.py [RULES [OUT]]
(defaults: rules.t and recorded.txt next to this script)

Every rule of rules.t is a case once per chain its file names (":INPUT,
FORWARD,OUTPUT"), in the table its file names ("*mangle", filter when it
names none).  All cases run in one throw-away network namespace that this
script creates and deletes again, also when it fails or is interrupted;
iptables never runs in the root namespace.  For each case:

    iptables -t TABLE -A CHAIN RULE     (RULE split as the shell splits it)
    iptables-save -t TABLE              (the CHAIN's -A lines are the saved form)
    iptables -t TABLE -F CHAIN          (so the next case starts empty)

recorded.txt, one block per case (blocks separated by an empty line):

    case FILE:LINE TABLE CHAIN
    $ RULE                    (as written in rules.t)
    ? STATUS                  (only when iptables refused it: its exit status)
    2> LINE                   (each line iptables wrote on stderr)
    = SAVED                   (each -A CHAIN line iptables-save printed)

The setup lines of rules.t ("%iptables ...", "@nfct ...", "@nfacct ...")
are not run: the cases after them are recorded on a namespace without that
setup (a rate estimator, a conntrack timeout policy, an nfacct object), as
a user who typed the rule alone would meet it.
"""
import os
import shlex
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.realpath(__file__))
TIMEOUT = 20  # seconds allowed per command


def cases(path):
    """[(file, line, table, chain, rule)] of a rules.t file; a line "#### PATH"
    begins the lines of the iptables source file PATH"""
    out = []
    name, table, chains, start = "?", "filter", [], 0
    with open(path) as f:
        for n, line in enumerate(f.read().split("\n"), 1):
            if line.startswith("#### "):
                # a file of the iptables source begins: LINE is its own line number
                name, table, chains, start = os.path.basename(line[5:]), "filter", [], n
            elif line.startswith("*"):
                table = line[1:].strip()
            elif line.startswith(":"):
                chains = line[1:].strip().split(",")
            elif line.startswith("-") or line.startswith("!"):
                rule = line.split(";")[0]
                for chain in chains:
                    out.append((name, n - start, table, chain, rule))
    return out


def run(argv):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=TIMEOUT,
                           stdin=subprocess.DEVNULL)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return 124, "", "timed out after %d s\n" % TIMEOUT


def record_inside(rules, out):
    """The recording proper, run inside the namespace."""
    blocks = []
    for name, line, table, chain, rule in cases(rules):
        block = ["case %s:%d %s %s" % (name, line, table, chain), "$ " + rule]
        try:
            words = shlex.split(rule)
        except ValueError as e:
            words = None
            block += ["? 2", "2> (not split: %s)" % e]
        if words is not None:
            status, _, err = run(["iptables", "-t", table, "-A", chain] + words)
            if status != 0:
                block.append("? %d" % status)
            block += ["2> " + l for l in err.splitlines()]
            _, saved, _ = run(["iptables-save", "-t", table])
            block += ["= " + l for l in saved.splitlines() if l.startswith("-A %s " % chain)]
            run(["iptables", "-t", table, "-F", chain])
        blocks.append("\n".join(block) + "\n")
    version = run(["iptables", "--version"])[1].strip()
    with open(out + ".tmp", "w") as f:
        f.write("# %s, kernel %s: the rules of %s, one case per chain\n\n"
                % (version, os.uname().release, os.path.basename(rules)))
        f.write("\n".join(blocks))
    os.replace(out + ".tmp", out)
    print("recorded %d cases in %s" % (len(blocks), out))


def main():
    args = sys.argv[1:]
    if args[:1] == ["--inside"]:
        record_inside(args[1], args[2])
        return 0
    rules = os.path.abspath(args[0] if args else os.path.join(HERE, "rules.t"))
    out = os.path.abspath(args[1] if len(args) > 1 else os.path.join(HERE, "recorded.txt"))
    if os.geteuid() != 0:
        print("%s: must run as root (needs ip netns)" % sys.argv[0], file=sys.stderr)
        return 2
    ns = "nflext-%d" % os.getpid()
    if subprocess.run(["ip", "netns", "add", ns]).returncode != 0:
        print("%s: cannot create namespace %s" % (sys.argv[0], ns), file=sys.stderr)
        return 1
    # the namespace goes also on SIGTERM and SIGHUP, not only on ^C
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: sys.exit(130))
    try:
        return subprocess.run(["ip", "netns", "exec", ns, sys.executable, os.path.realpath(__file__),
                               "--inside", rules, out]).returncode
    finally:
        subprocess.run(["ip", "netns", "del", ns])


if __name__ == "__main__":
    sys.exit(main())
