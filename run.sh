#!/bin/bash
# Quick start: installs what is missing, builds, and traces the tutorial's
# DNAT demo (ns3 pings 10.99.0.1, which ns2 translates to ns1).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. build-aux/deps.sh
nfl_install_missing

if [ ! -f _build/build.ninja ]; then
  meson setup _build
fi
ninja -C _build

exec ./_build/src/cli/nflab trace --commands data/scenarios/tutorial-dnat-demo.sh \
  --probe "ns3 ping 169.254.169.254" "$@"
