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

# shoot SCHEME FILE [KEYS [TITLE [SCENARIO NAME]]]: KEYS, a line of xdotool
# commands, run in the window before the picture is taken (the window is
# 1200x800 at 0,0); TITLE, the window to take instead (a dialog);
# SCENARIO, a file to open instead of the DNAT demo, whose window's title
# has NAME
shoot () {
  local scheme=$1 file=$2 keys=${3:-} shown=${4:-} scenario=${5:-} name=${6:-DNAT demo}
  local home
  home=$(mktemp -d)
  # a session of its own: its data folder, settings in memory, the
  # colour scheme asked for
  XDG_DATA_HOME="$home" GSETTINGS_BACKEND=memory \
  GSETTINGS_SCHEMA_DIR="$build/data" ADW_DEBUG_COLOR_SCHEME="$scheme" \
  xvfb-run -a -s '-screen 0 1400x900x24 -noreset' dbus-run-session -- bash -c '
    "$0" $4 &
    pid=$!
    win=$(xdotool search --sync --onlyvisible --name "$5" | head -1)
    sleep 2
    if [ -n "$2" ]; then
      xdotool windowfocus --sync "$win"
      eval "$2"
      sleep 1.5
    fi
    # another window (a dialog) when its title is given
    if [ -n "$3" ]; then
      win=$(xdotool search --sync --onlyvisible --name "$3" | head -1)
    fi
    /usr/bin/import -window "$win" "$1"
    kill $pid
    wait $pid 2>/dev/null || true
  ' "$build/src/app/netfilter-lab" "$file" "$keys" "$shown" "$scenario" "$name"
  rm -rf "$home"
}

# the rules of the router ns2 (a click on its box, Ctrl+R), its nat table
# with the DNAT rule selected; then the rule form of that rule (Return)
rules='xdotool mousemove 445 445 click 1; sleep 0.5; xdotool key --clearmodifiers ctrl+r; sleep 0.8;
       xdotool mousemove 560 75 click 1; sleep 0.5; xdotool mousemove 500 243 click 1; sleep 0.3'
form="$rules; xdotool key Return"
# Import Commands (Ctrl+I) with the tutorial's wrong line last, after Import
import='xdotool key --clearmodifiers ctrl+i; sleep 1;
        xdotool type --delay 5 "sudo ip netns add ns9"; xdotool key Return;
        xdotool type --delay 5 "sudo ip netns exec ns9 iptables -t nat -A PREROUTING -d 10.9.0.9 -j ACCEPT";
        xdotool key Return;
        xdotool type --delay 5 "sudo iptables -A -t nat -A PREROUTING -j my_chain"; sleep 0.3;
        xdotool key --clearmodifiers ctrl+Return'

# the Docker host example: its bridge in Design, then Simulate (Alt+S) with
# its first saved probe sent (Ctrl+Return), stepped (Right) to the DNAT and
# to the bridge's delivery to the container
docker=data/scenarios/machine-docker-host.nflab
to_dnat='xdotool key --clearmodifiers alt+s; sleep 0.8; xdotool key --clearmodifiers ctrl+Return; sleep 1.5;
         for i in $(seq 12); do xdotool key Right; sleep 0.15; done'
to_bridge="$to_dnat; for i in \$(seq 18); do xdotool key Right; sleep 0.15; done"

shoot prefer-light "$out/docker-host.png" "" "" "$docker" "Docker host"
shoot prefer-dark "$out/docker-host-dark.png" "" "" "$docker" "Docker host"
shoot prefer-light "$out/docker-dnat.png" "$to_dnat" "" "$docker" "Docker host"
shoot prefer-light "$out/docker-bridge.png" "$to_bridge" "" "$docker" "Docker host"
# the kube-proxy example: pod1 calls its own Service (the composer's
# namespace set to pod1), stepped with the Step button to the node's
# ICMP redirect being dropped in nat OUTPUT
kube=data/scenarios/machine-kube-proxy-node.nflab
hairpin='xdotool key --clearmodifiers alt+s; sleep 0.8; xdotool mousemove 58 80 click 1; sleep 0.8;
         xdotool mousemove 51 161 click 1; sleep 0.5; xdotool key --clearmodifiers ctrl+Return; sleep 1.5;
         for i in $(seq 24); do xdotool mousemove 153 120 click 1; sleep 0.12; done; xdotool mousemove 700 700'
shoot prefer-light "$out/kube-hairpin.png" "$hairpin" "" "$kube" "Kubernetes"
shoot prefer-light "$out/main-window.png"
shoot prefer-dark "$out/main-window-dark.png"
shoot prefer-light "$out/rules-view.png" "$rules"
shoot prefer-dark "$out/rules-view-dark.png" "$rules"
shoot prefer-light "$out/rule-form.png" "$form" "Edit Rule"
shoot prefer-dark "$out/rule-form-dark.png" "$form" "Edit Rule"
shoot prefer-light "$out/import-error.png" "$import" "Import Commands"
shoot prefer-dark "$out/import-error-dark.png" "$import" "Import Commands"
echo "wrote main-window, rules-view, rule-form and import-error (each light and -dark), docker-host (light and dark), docker-dnat, docker-bridge and kube-hairpin in $out"
