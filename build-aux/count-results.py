#!/usr/bin/env python3
"""Reads one or more meson testlog.json files and prints, summed over all
of them, "N passed, N failed, N skipped" as its last line.

A TAP test counts once per test case (its subtests), so the line says how
many checks ran, not how many programs.  A log that is missing or empty
counts as one failure (its test run did not happen).  Exits 1 when
anything failed or nothing ran at all."""
import json
import re
import sys


def count(path):
    passed = failed = skipped = 0
    try:
        lines = open(path).read().splitlines()
    except OSError:
        lines = []
    for line in lines:
        if not line.strip():
            continue
        test = json.loads(line)
        result = test.get("result")
        stdout = test.get("stdout") or ""
        tap_ok = len(re.findall(r"^ok \d+", stdout, re.M))
        tap_skip = len(re.findall(r"^ok \d+.*# SKIP", stdout, re.M | re.I))
        tap_fail = len(re.findall(r"^not ok \d+", stdout, re.M))
        if result in ("OK", "EXPECTEDFAIL"):
            if tap_ok or tap_fail:
                passed += tap_ok - tap_skip
                skipped += tap_skip
                failed += tap_fail
            else:
                passed += 1
        elif result == "SKIP":
            skipped += 1
        else:
            failed += max(1, tap_fail)
            passed += max(0, tap_ok - tap_skip)
    if passed + failed + skipped == 0:
        print("%s: no test ran" % path)
        failed = 1
    return passed, failed, skipped


def main(paths):
    if not paths:
        print("usage: count-results.py TESTLOG.json...")
        paths = []
    passed = failed = skipped = 0
    for path in paths:
        p, f, s = count(path)
        if len(paths) > 1:
            print("%s: %d passed, %d failed, %d skipped" % (path, p, f, s))
        passed += p
        failed += f
        skipped += s
    if passed + failed == 0:
        failed = 1
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
