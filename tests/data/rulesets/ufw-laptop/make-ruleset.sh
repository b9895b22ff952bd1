#!/bin/sh
# Makes ruleset.iptables-save: ufw 0.36.2 (Debian 12) enabled with four rules,
# run inside a network namespace of its own and a private mount namespace in
# which /etc/ufw, /etc/default/ufw, /lib/ufw (= /usr/lib/ufw) and /run are
# copies, so neither the machine's firewall nor its ufw files change.
# Run as root: sh make-ruleset.sh > ruleset.iptables-save
set -eu
NS=ufwlaptop$$
WORK=$(mktemp -d /tmp/ufw-laptop.XXXXXX)
cleanup () { ip netns del "$NS" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM
cp -a /etc/ufw "$WORK/etc-ufw"
cp -a /etc/default/ufw "$WORK/default-ufw"
cp -a /lib/ufw "$WORK/lib-ufw"
mkdir "$WORK/run"
ip netns add "$NS"
ip -n "$NS" link set lo up
ip netns exec "$NS" unshare -m sh -c '
  set -e
  mount --make-rprivate /
  mount --bind "$1/etc-ufw" /etc/ufw
  mount --bind "$1/default-ufw" /etc/default/ufw
  mount --bind "$1/lib-ufw" /lib/ufw
  mount --bind "$1/run" /run
  ufw --force enable >&2
  ufw allow 22/tcp >&2
  ufw limit 2222/tcp >&2
  ufw allow from 10.0.0.0/24 to any port 80 >&2
  ufw deny out 25/tcp >&2
  ufw status verbose >&2
  iptables-save
' sh "$WORK"
