#!/bin/bash
# Takes screenshots of the real main window under Xvfb:
#
#   build-aux/screenshot.sh [BUILD_DIR] [OUT_DIR]
#
# BUILD_DIR (default _build) holds the built program; the PNGs go to OUT_DIR
# (default data/screenshots): main-window.png (light) and
# main-window-dark.png.  The window shows the tutorial's DNAT demo, as the
# program does when started without a file.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
build=${1:-_build}
out=${2:-data/screenshots}
mkdir -p "$out"

shoot () {
  local scheme=$1 file=$2
  local home
  home=$(mktemp -d)
  # a session of its own: its data folder, settings in memory, the
  # colour scheme asked for
  XDG_DATA_HOME="$home" GSETTINGS_BACKEND=memory \
  GSETTINGS_SCHEMA_DIR="$build/data" ADW_DEBUG_COLOR_SCHEME="$scheme" \
  xvfb-run -a -s '-screen 0 1400x900x24 -noreset' dbus-run-session -- bash -c '
    "$0" &
    pid=$!
    win=$(xdotool search --sync --onlyvisible --name "DNAT demo" | head -1)
    sleep 2
    /usr/bin/import -window "$win" "$1"
    kill $pid
    wait $pid 2>/dev/null || true
  ' "$build/src/app/netfilter-lab" "$file"
  rm -rf "$home"
}

shoot prefer-light "$out/main-window.png"
shoot prefer-dark "$out/main-window-dark.png"
echo "wrote $out/main-window.png and $out/main-window-dark.png"
