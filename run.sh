#!/bin/bash
# Quick start: installs what is missing, builds, and opens Netfilter Lab on
# the tutorial's DNAT demo (ns3 pings 169.254.169.254, which the router ns2
# translates to ns1; the simulator only, nothing is sent anywhere).
# Without a display it prints the demo's trace instead.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. build-aux/deps.sh
nfl_install_missing

if [ ! -f _build/build.ninja ]; then
  meson setup _build
fi
ninja -C _build

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display to open the window on: here is the demo's trace (nflab trace)."
  exec ./_build/src/cli/nflab trace data/scenarios/tutorial-dnat-demo.nflab "$@"
fi
# the settings schema of the build, as the program is not installed
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
exec ./_build/src/app/netfilter-lab "$@"
