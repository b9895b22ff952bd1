#!/bin/bash
# Installs what is missing, builds, runs the whole test suite and prints
# the closing line "N passed, N failed, N skipped" last.
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. build-aux/deps.sh
# deps.sh turns on errexit; a failing test run must still reach the count
set +e
nfl_install_missing || { echo "could not install the build dependencies"; echo "0 passed, 1 failed"; exit 1; }

if [ ! -f _build/build.ninja ]; then
  meson setup _build || { echo "0 passed, 1 failed"; exit 1; }
fi
if ! ninja -C _build; then
  echo "the build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

rm -f _build/meson-logs/testlog.json
meson test -C _build --print-errorlogs --num-processes 2 "$@"
status=$?
logs=(_build/meson-logs/testlog.json)

# The engine and cli tests again, built with AddressSanitizer (leaks
# included) and UndefinedBehaviorSanitizer.  NFL_NO_ASAN=1 skips this.
if [ "${NFL_NO_ASAN:-0}" != 1 ]; then
  asan_ok=1
  if [ ! -f _build-asan/build.ninja ]; then
    meson setup _build-asan -Db_sanitize=address,undefined -Db_lundef=false || asan_ok=0
  fi
  # only what the engine and cli suites run: the GTK application is not
  # part of this stage, and building it with the sanitizers costs minutes
  if [ $asan_ok -eq 1 ]; then
    asan_targets=$(meson introspect _build-asan --tests | python3 -c '
import json, os, sys
root = os.path.realpath("_build-asan")
targets = {"src/cli/nflab"}
for t in json.load(sys.stdin):
    if any(s.split(":")[-1] in ("engine", "cli") for s in t["suite"]):
        exe = os.path.realpath(t["cmd"][0])
        if exe.startswith(root + "/"):
            targets.add(os.path.relpath(exe, root))
print(" ".join(sorted(targets)))') || asan_ok=0
  fi
  if [ $asan_ok -eq 1 ] && ! ninja -C _build-asan $asan_targets; then
    asan_ok=0
  fi
  rm -f _build-asan/meson-logs/testlog.json
  if [ $asan_ok -eq 1 ]; then
    ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1:print_summary=1 \
    LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp":print_suppressions=0 \
    UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_summary=1:print_stacktrace=1 \
      meson test -C _build-asan --no-rebuild --print-errorlogs --num-processes 2 --suite engine --suite cli
    [ $? -eq 0 ] || status=1
  else
    echo "the ASan/UBSan build (_build-asan) failed"
    status=1
  fi
  # a missing testlog.json counts as one failure
  logs+=(_build-asan/meson-logs/testlog.json)
fi

python3 build-aux/count-results.py "${logs[@]}"
counted=$?
if [ $counted -ne 0 ] || [ $status -ne 0 ]; then
  exit 1
fi
exit 0
