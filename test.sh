#!/bin/bash
# Installs what is missing, builds, runs the whole test suite and prints
# the closing line "N passed, N failed, N skipped" last.
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. build-aux/deps.sh
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

python3 build-aux/count-results.py _build/meson-logs/testlog.json
counted=$?
if [ $counted -ne 0 ] || [ $status -ne 0 ]; then
  exit 1
fi
exit 0
