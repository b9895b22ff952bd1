#!/bin/bash
# Installs the Debian 12 packages Netfilter Lab needs to build, test and
# run, and only those that are missing.  Sourced by run.sh and test.sh.
set -euo pipefail

NFL_PACKAGES=(
  # build
  meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libxml2-dev libgtk-4-dev libadwaita-1-dev libcairo2-dev desktop-file-utils appstream
  gtk-update-icon-cache
  # tests: the data files (xmllint, update-mime-database)
  libxml2-utils shared-mime-info
  # tests: the live kernel comparison (socat: the services of exported
  # scenario scripts), fuzzing and sanitizers
  iptables iproute2 python3 socat clang libclang-rt-14-dev
  # the GUI, headless: Xvfb, a session bus, accessibility, fonts, icons;
  # screenshots and the end-to-end accessibility test
  xvfb xauth dbus dbus-x11 at-spi2-core fonts-cantarell fonts-dejavu-core adwaita-icon-theme
  python3-pyatspi xdotool imagemagick
)

nfl_install_missing () {
  local missing=()
  for p in "${NFL_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "Installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}"; then
    $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}
