#!/bin/bash
# Quick start: installs what is missing, builds, and traces the tutorial's
# DNAT demo (ns3 pings 169.254.169.254, which ns2 translates to ns1; the
# simulator only, nothing is sent anywhere).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. build-aux/deps.sh
nfl_install_missing

if [ ! -f _build/build.ninja ]; then
  meson setup _build
fi
ninja -C _build

exec ./_build/src/cli/nflab trace data/scenarios/tutorial-dnat-demo.nflab "$@"
